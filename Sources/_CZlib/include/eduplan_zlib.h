// zlib (Debian's zlib1g-dev) for EduplanIO's ZIP reader: raw inflate of a workbook's parts.
#ifndef EDUPLAN_ZLIB_H
#define EDUPLAN_ZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h, which Swift cannot call: this is the same call as a function.
static inline int eduplan_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
