#!/bin/sh
# Issue 17: which of GLPK's branch-and-bound options pay on models whose LP relaxation is
# fractional. Runs glpsol on one exported model (eduplan export --mps) with each option set and
# prints one line per set: the set, glpsol's status, simplex iterations and nodes (independent of
# the machine's load), the last incumbent and bound, and the wall time.
# usage: glpk-options.sh MODEL.mps TIME_LIMIT_S [SET...]   (default: every set below)
model=$1; limit=$2; shift 2
sets=${*:-"base nopresol cuts gomory mir cover clique fpump proxy first mostf pcost dfs bfs bestp cuts+fpump fpump+pcost"}
for set in $sets; do
    flags=""
    for part in $(echo "$set" | tr '+' ' '); do
        case $part in
            base) ;;
            nopresol) flags="$flags --nointopt" ;;
            presol) flags="$flags --intopt" ;;
            cuts) flags="$flags --cuts" ;;
            gomory|mir|cover|clique) flags="$flags --$part" ;;
            fpump) flags="$flags --fpump" ;;
            proxy) flags="$flags --proxy 10" ;;
            first|last|mostf|drtom|pcost) flags="$flags --$part" ;;
            dfs|bfs|bestp|bestb) flags="$flags --$part" ;;
        esac
    done
    out=$(mktemp)
    start=$(date +%s.%N)
    glpsol --freemps "$model" --mipgap 1e-4 --tmlim "$limit" $flags > "$out" 2>&1
    end=$(date +%s.%N)
    last=$(grep -E '^[+ ] *[0-9]+: (mip|>>>>>)' "$out" | tail -1 | tr -s ' ')
    status=$(grep -E 'INTEGER OPTIMAL|TIME LIMIT|PROBLEM HAS NO|GAP TOLERANCE|INTEGER PROBLEM' "$out" | tail -1 | tr -s ' ')
    found=$(grep -c 'Solution found by heuristic\|Proximity search' "$out")
    printf '%s\t%s\t%.1f s\t%s\theur-lines=%s\n' "$set" "$status" "$(echo "$end - $start" | bc)" "$last" "$found"
    rm -f "$out"
done
