// The target's one C file (SwiftPM needs a source); the shim is the header's inline function.
#include "eduplan_zlib.h"
