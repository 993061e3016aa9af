#!/bin/sh
# The benchmark family (issue 17): every shape of Benchmarks/family/shapes.txt at each size,
# solved undivided and in parts by eduplan (and by the peers of Benchmarks/peers when their
# .venv exists), one table. `run.sh --help` for the options.
exec python3 "$(dirname "$0")/family.py" "$@"
