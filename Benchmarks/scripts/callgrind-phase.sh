#!/usr/bin/env bash
# Instruction counts (callgrind) for one LoadProfile phase, per run: runs the phase once and
# three times and prints (Ir(3) - Ir(1)) / 2, so the seeded instance generation cancels out.
#   scripts/callgrind-phase.sh PHASE [BINARY]
# Phases: build, load, validate, layer, bulk, direct, direct-convert.
# Valgrind 3.19 cannot read Swift 6.3's DWARF 5, so the binary is built without debug info
# (-gnone) in a scratch folder outside the package, and stripped.
set -euo pipefail
phase=${1:?phase}
cd "$(dirname "$0")/.."
binary=${2:-}
if [[ -z "$binary" ]]; then
    log=/tmp/eduplan-bench-callgrind.log
    swift build -c release --product LoadProfile --scratch-path /tmp/eduplan-bench-callgrind -Xswiftc -gnone \
        >"$log" 2>&1 || { cat "$log"; exit 1; }
    binary=/tmp/eduplan-bench-callgrind/LoadProfile.stripped
    objcopy --strip-debug /tmp/eduplan-bench-callgrind/release/LoadProfile "$binary"
fi
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" "$phase" "$1" 2>&1 \
        | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
one=$(count 1)
three=$(count 3)
echo "$phase: $(( (three - one) / 2 )) instructions per run"
