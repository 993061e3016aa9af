#!/usr/bin/env bash
# The hold-harmless walk-through of docs/policy-questions.md on jiangxi-2024: cut central_special by
# 30% with a soft rural parity, list the losses by county, then the smallest top-up of
# central_special that keeps every county at >= 100% and >= 95% of its base money, each
# checked: the topped-up integer plan keeps every county at its floor (feasible at the stated amount),
# and the LP with dispatch continuous has no feasible point 0.1% below it (so no integer plan has).
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
# The base plan itself as the reference (a plan.json of this folder's base, so its fingerprint is
# accepted): the base LP's optimum is a face here, so `reference: base` would warn that M0 is not
# unique. Its money by county (every fund flow, dispatch included) is also kept beside, for the check.
cp base/plan.json sc/base_plan.json
python3 - <<'PY'
import json
money = {}
for fund in json.load(open("base/plan.json"))["plan"]["funds"]:
    for flow in fund["flows"]:
        money[flow["region"]] = money.get(flow["region"], 0) + flow["amount"]
with open("base_money.csv", "w") as out:
    out.write("region,money\n" + "".join(f"{r},{m!r}\n" for r, m in sorted(money.items())))
PY
variant "central -30%, hold-harmless 100%" 324100000 ", hold_harmless: {mode: hard, max_loss: 0, reference: base_plan.json}"
variant "central -30%, hold-harmless 95%" 324100000 ", hold_harmless: {mode: hard, max_loss: 0.05, reference: base_plan.json}"
"$eduplan" solve sc -q --variant "central -30%" --out cut > /dev/null
echo "== losses by county (eduplan diff base/plan.json cut/plan.json)"
"$eduplan" diff base/plan.json cut/plan.json 2>/dev/null | sed -n '/money by region/,/^$/p'
for level in "100%:0" "95%:0.05"; do
  name="central -30%, hold-harmless ${level%%:*}"
  keep=$(python3 -c "print(1 - ${level##*:})")
  "$eduplan" solve sc -q --variant "$name" --format json --top-up central_special > topped.json 2>/dev/null || true
  delta=$(python3 -c 'import json; print(repr((json.load(open("topped.json")).get("top_up") or {}).get("central_special")))')
  echo "== $name: smallest top-up of central_special = $delta CNY"
  python3 -c 'import json; d = json.load(open("topped.json")); print("   the topped-up plan:", d["status"], "(gap", d["relative_gap"], ")", d["status_detail"][:160])'
  [ "$delta" = "None" ] && continue
  # Check 1, feasible at the stated amount: the topped-up plan itself (integer dispatch) gives every
  # county at least its floor, spends no fund beyond its amount, and central_special is 324,100,000 + delta.
  python3 - "$keep" <<'PY'
import csv, json, sys
keep = float(sys.argv[1])
d = json.load(open("topped.json"))
base = {row["region"]: float(row["money"]) for row in csv.DictReader(open("base_money.csv"))}
money = {}
for fund in d["plan"]["funds"]:
    assert sum(f["amount"] for f in fund["flows"]) <= fund["amount"] * (1 + 1e-9), fund["id"]
    for flow in fund["flows"]:
        money[flow["region"]] = money.get(flow["region"], 0) + flow["amount"]
short = [r for r, m0 in base.items() if money.get(r, 0) < keep * m0 - 1e-6 * max(1, m0)]
at_floor = sum(1 for r, m0 in base.items() if abs(money.get(r, 0) - keep * m0) <= 1e-6 * max(1, m0))
central = next(f["amount"] for f in d["plan"]["funds"] if f["id"] == "central_special")
integral = all(abs(line["count"] - round(line["count"])) < 1e-9 for line in d["plan"]["dispatch"])
print(f"   check: central_special {central:,.2f}; counties below their floor: {len(short)}; at it: {at_floor}; "
      f"dispatch integer: {integral}")
PY
  # Check 2, infeasible 0.1% below: the scenario's LP with dispatch continuous (exported, solved by
  # glpsol) at 324,100,000 + 0.999 delta has no feasible point, so neither has the integer plan; and
  # at the stated amount (rounded up to the unit) the LP is feasible.
  for check in "ceil:$(python3 -c "import math; print(math.ceil($delta))")" "less:$(python3 -c "print(repr($delta * 0.999))")"; do
    amount=$(python3 -c "print(repr(324100000 + ${check#*:}))")
    hh="hold_harmless: {mode: hard, max_loss: ${level##*:}, reference: base_plan.json}"
    echo "  - {name: \"lp ${level%%:*} ${check%%:*}\", fund_amounts: {central_special: $amount}, dispatch: {value_per_teacher: 60000, travel_penalty_per_km: 0, integer: false, candidate_limit: 50}, fairness: {$rules, $hh}}" >> sc/scenario.yaml
    "$eduplan" export sc --variant "lp ${level%%:*} ${check%%:*}" --lp check.lp 2>/dev/null
    lp=$(glpsol --lp check.lp 2>&1 | grep -E "OPTIMAL|NO PRIMAL|INFEASIBLE" | head -1 || true)
    echo "   central_special = $amount (top-up ${check%%:*}): LP: $lp"
  done
done
