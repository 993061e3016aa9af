"""Checks that each x / dispatch / carry_over value an expected.json lists is unique over the
optimal set: with the objective fixed at its optimum, minimise and maximise the value.
Usage: uniq.py [FIXTURES_DIR]   (default: Tests/Fixtures/planner; Tests/Fixtures/multiyear too,
where keys carry a year: YEAR/school/category, YEAR/group/school, YEAR/fund, and each `replans`
case is checked on its re-plan model)."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle as O
from replan import case_options
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../Tests/Fixtures/planner")


def columns_by_key(S, meta):
    """expected.json's key -> the model column: `[YEAR/]school/category` (x), `[YEAR/]group/school`
    (new dispatches), `YEAR/fund` (carry-over)."""
    cols = {}
    for (sid, k, i), v in meta["xv"].items():
        cols[("x", O.key(S, i, sid, k))] = v
    for (g, sid, i), v in meta["yv"].items():
        cols[("dispatch", O.key(S, i, g, sid))] = v[0]
    for (f, i), v in meta["wv"].items():
        cols[("carry_over", O.key(S, i, f))] = v
    return cols


def ranges(d, variant, wanted, replan=None):
    S = O.prepared(d, variant, replan)
    tstar = None
    if S.fair.get("maxmin_coverage") is not None:
        obj, const, rows, bounds, ints, meta = O.build(S, "phase1")
        ok, st, ov, vals, _ = O.solve_lp(O.write_lp(obj, rows, bounds, ints))
        tstar = vals["t"]
    obj, const, rows, bounds, ints, meta = O.build(S, "normal", tstar)
    ok, st, ov, vals, _ = O.solve_lp(O.write_lp(obj, rows, bounds, ints))
    assert ok
    rows2 = rows + [("optcut", dict(obj), "<=", ov + 1e-9 * max(1, abs(ov)))]
    cols = columns_by_key(S, meta)
    out = {}
    for kind, key in wanted:
        v = cols.get((kind, key))
        if v is None:
            out[(kind, key)] = (0, 0); continue
        lo = O.solve_lp(O.write_lp({v: 1.0}, rows2, dict(bounds), ints))[3].get(v)
        hi = O.solve_lp(O.write_lp({v: -1.0}, rows2, dict(bounds), ints))[3].get(v)
        out[(kind, key)] = (lo, hi)
    return out


if __name__ == "__main__":
    for n in sorted(os.listdir(ROOT)):
        d = os.path.join(ROOT, n)
        if not os.path.exists(os.path.join(d, "expected.json")):
            continue
        e = json.load(open(os.path.join(d, "expected.json")))
        todo = [(vn or "", vn, ve, None) for vn, ve in [(None, e)] + list((e.get("variants") or {}).items())]
        todo += [(f"<{cn}>", ce.get("variant"), ce, case_options(d, ce)) for cn, ce in (e.get("replans") or {}).items()]
        for label, vn, ve, replan in todo:
            if ve["status"] != "optimal":
                continue
            wanted = [(kind, key) for kind in ("x", "dispatch", "carry_over") for key in (ve.get(kind) or {})]
            r = ranges(d, vn, wanted, replan)
            wide = {k: v for k, v in r.items() if v[1] - v[0] > 1e-2}
            print(n, label, "UNIQUE" if not wide else f"NOT UNIQUE {wide}", f"({len(wanted)} values)")
