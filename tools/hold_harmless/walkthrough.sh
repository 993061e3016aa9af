#!/usr/bin/env bash
# The hold-harmless walk-through of docs/policy-questions.md on jiangxi-2024: cut central_special by
# 30% with a soft rural parity, list the losses by county, then the smallest top-up of
# central_special that keeps every county at >= 100% and >= 95% of its base money, each checked by
# re-solving with the fund raised by that top-up (feasible) and by 0.1% less (infeasible).
# Usage: tools/hold_harmless/walkthrough.sh [EDUPLAN] (default .build/release/eduplan); minutes in debug.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eduplan=${1:-$root/.build/release/eduplan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/scenarios/jiangxi-2024" "$work/sc"
rules='coverage_floor: {mode: hard, alpha: {infrastructure: 0.2}}, poverty_county_share: {mode: soft, penalty: 2, share: 0.7, designations: [national, provincial]}, rural_parity: {mode: soft, penalty: 1, gamma: 1.0}, dispatch_county_share: {mode: hard, share: 0.4, designations: [national, provincial]}'
variant() { # name, central_special amount, extra rule text
  echo "  - {name: \"$1\", fund_amounts: {central_special: $2}, fairness: {$rules$3}}" >> "$work/sc/scenario.yaml"
}
variant "central -30%" 324100000 ""
cd "$work"
"$eduplan" solve sc -q --out base > /dev/null
# The base plan's money by county (every fund flow, dispatch included) as the reference table: the
# base LP's optimum is a face here, so `reference: base` would warn that M0 is not unique.
python3 - <<'PY'
import json
money = {}
for fund in json.load(open("base/plan.json"))["plan"]["funds"]:
    for flow in fund["flows"]:
        money[flow["region"]] = money.get(flow["region"], 0) + flow["amount"]
with open("sc/base_money.csv", "w") as out:
    out.write("region,money\n" + "".join(f"{r},{m!r}\n" for r, m in sorted(money.items())))
PY
variant "central -30%, hold-harmless 100%" 324100000 ", hold_harmless: {mode: hard, max_loss: 0, reference: base_money.csv}"
variant "central -30%, hold-harmless 95%" 324100000 ", hold_harmless: {mode: hard, max_loss: 0.05, reference: base_money.csv}"
"$eduplan" solve sc -q --variant "central -30%" --out cut > /dev/null
echo "== losses by county (eduplan diff base/plan.json cut/plan.json)"
"$eduplan" diff base/plan.json cut/plan.json 2>/dev/null | sed -n '/money by region/,/^$/p'
for level in "100%:0" "95%:0.05"; do
  name="central -30%, hold-harmless ${level%%:*}"
  "$eduplan" solve sc -q --variant "$name" --format json --top-up central_special > topped.json 2>/dev/null || true
  delta=$(python3 -c 'import json; print(repr((json.load(open("topped.json")).get("top_up") or {}).get("central_special")))')
  echo "== $name: smallest top-up of central_special = $delta CNY"
  echo "   the topped-up plan: $(python3 -c 'import json; print(json.load(open("topped.json"))["status"])')"
  [ "$delta" = "None" ] && continue
  # The top-up as the text states it (rounded up to the unit), and 0.1% less; each re-solved as a
  # plan (dispatch integer, the scenario's 60 s limit) and as its LP (dispatch continuous, exported
  # and solved by glpsol: feasibility without the branch-and-bound search).
  for check in "ceil:$(python3 -c "import math; print(math.ceil($delta))")" "less:$(python3 -c "print(repr($delta * 0.999))")"; do
    amount=$(python3 -c "print(repr(324100000 + ${check#*:}))")
    hh="hold_harmless: {mode: hard, max_loss: ${level##*:}, reference: base_money.csv}"
    variant "check ${level%%:*} ${check%%:*}" "$amount" ", $hh"
    echo "  - {name: \"lp ${level%%:*} ${check%%:*}\", fund_amounts: {central_special: $amount}, dispatch: {value_per_teacher: 60000, travel_penalty_per_km: 0, integer: false, candidate_limit: 50}, fairness: {$rules, $hh}}" >> sc/scenario.yaml
    status=$("$eduplan" solve sc -q --variant "check ${level%%:*} ${check%%:*}" 2>/dev/null | sed -n 's/^status  *//p' | head -1 || true)
    "$eduplan" export sc --variant "lp ${level%%:*} ${check%%:*}" --lp check.lp 2>/dev/null
    lp=$(glpsol --lp check.lp 2>&1 | grep -E "OPTIMAL|NO PRIMAL|INFEASIBLE" | head -1 || true)
    echo "   central_special = $amount (top-up ${check%%:*}): plan $status; LP: $lp"
  done
done
