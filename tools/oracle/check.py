"""Compares the oracle with every fixture's expected.json.
Usage: check.py [FIXTURES_DIR]   (default: Tests/Fixtures/planner). Tests/Fixtures/multiyear works
the same way: its keys carry the year (x `YEAR/school/category`, dispatch `YEAR/group/school` as
new dispatches, carry_over `YEAR/fund`), and each entry of `replans` is a rolling re-plan (its
previous plan, actuals and penalties) compared the same way."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import run
from replan import case_options
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../Tests/Fixtures/planner")
bad = 0
def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(b))
def cmp(name, exp, res):
    global bad
    msgs = []
    tol = exp.get("tolerance", 1e-6)
    if exp["status"] != res["status"]:
        msgs.append(f"status {res['status']} != {exp['status']}")
    if exp["status"] == "optimal" and res["status"] == "optimal":
        for k in ("objective", "benefit", "maxmin_coverage"):
            if not close(res.get(k), exp.get(k), tol):
                msgs.append(f"{k} {res.get(k)} != {exp.get(k)}")
        for kind in ("x", "carry_over"):
            for key, val in (exp.get(kind) or {}).items():
                got = (res.get(kind) or {}).get(key, 0)
                if abs(got - val) > 1e-4:
                    msgs.append(f"{kind} {key} {got} != {val}")
        if "dispatch" in exp:
            got = {k: v for k, v in res["dispatch"].items() if v > 1e-9}
            if got != {k: float(v) for k, v in exp["dispatch"].items() if v}:
                msgs.append(f"dispatch {got} != {exp['dispatch']}")
    if exp["status"] == "infeasible" and res["status"] == "infeasible":
        if not close(res["elastic_total"], exp["elastic_total"], tol):
            msgs.append(f"elastic {res['elastic_total']} != {exp['elastic_total']}")
    print(("OK  " if not msgs else "BAD ") + name, "; ".join(msgs), "| obj", res.get("objective"), "U", res.get("benefit"), "t", res.get("maxmin_coverage"), "el", res.get("elastic_total"))
    if msgs:
        bad += 1
def check_previous(name, folder, exp, file):
    """A re-plan's previous plan is the fixture's own optimum (of the variant it was solved for)."""
    global bad
    prev = json.load(open(os.path.join(folder, file)))
    target = exp if not prev.get("variant") else exp["variants"][prev["variant"]]
    same = close(prev.get("objective"), target.get("objective"), exp.get("tolerance", 1e-6))
    print(("OK  " if same else "BAD ") + f"{name} {file}: objective {prev.get('objective')}, expected {target.get('objective')}")
    if not same:
        bad += 1
for n in sorted(os.listdir(ROOT)):
    d = os.path.join(ROOT, n)
    if not os.path.isdir(d): continue
    ep = os.path.join(d, "expected.json")
    if not os.path.exists(ep): continue
    exp = json.load(open(ep))
    cmp(n, exp, run(d))
    for vn, ve in (exp.get("variants") or {}).items():
        ve = dict(ve); ve.setdefault("tolerance", exp.get("tolerance", 1e-6))
        cmp(n + " [" + vn + "]", ve, run(d, vn))
    for prev in sorted({ce["previous"] for ce in (exp.get("replans") or {}).values()}):
        check_previous(n, d, exp, prev)
    for cn, ce in (exp.get("replans") or {}).items():
        ce = dict(ce); ce.setdefault("tolerance", exp.get("tolerance", 1e-6))
        cmp(n + " <" + cn + ">", ce, run(d, ce.get("variant"), replan=case_options(d, ce)))
print("bad:", bad)
