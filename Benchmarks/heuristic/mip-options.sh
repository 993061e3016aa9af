#!/bin/sh
# Issue 17: GLPK's branch-and-bound options on eduplan's own plan model (money scaled, the dispatch
# rounding heuristic's start offered), one scenario. BINARY is eduplan built with
# mip-options.patch applied (it reads EDUPLAN_MIP; the patch is not part of the product).
# Prints per option set: status, relative gap, B&B nodes completed (largest count GLPK printed),
# simplex iterations at the last B&B line, wall seconds.
# usage: mip-options.sh BINARY SCENARIO_DIR [SET ...]   (a set is EDUPLAN_MIP's words joined by ',')
binary=$1; dir=$2; shift 2
for set in ${*:-base gmi mir cov,clq gmi,mir,cov,clq fp ps pcost mostf dfs bestp}; do
    words=$set; [ "$set" = base ] && words=""
    start=$(date +%s.%N)
    EDUPLAN_MIP=$words nice -n 5 "$binary" solve "$dir" --verbose --format json > /tmp/mip-options.$$.json 2> /tmp/mip-options.$$.err
    end=$(date +%s.%N)
    last=$(grep -E '\+ *[0-9]+: (mip|>>>>>)' /tmp/mip-options.$$.err | tail -1 | sed 's/.*\] //' | tr -s ' ')
    nodes=$(grep -oE '\([0-9]+; [0-9]+\)' /tmp/mip-options.$$.err | tr -d '()' | awk -F'; ' '{if($2>m)m=$2} END{print m+0}')
    summary=$(python3 -c "import json; d=json.load(open('/tmp/mip-options.$$.json')); print(d['status'], d.get('relative_gap'))" 2>/dev/null)
    printf '%s\t%s\tnodes=%s\t%.1f s\t%s\n' "$set" "$summary" "$nodes" "$(echo "$end - $start" | bc)" "$last"
done
rm -f /tmp/mip-options.$$.json /tmp/mip-options.$$.err
