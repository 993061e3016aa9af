import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle as O
ROOT = "/work/main/Tests/Fixtures/planner"

def ranges(d, variant, keys_x, keys_y):
    S = O.load(d, variant); O.derive(S)
    tstar = None
    if S.fair.get("maxmin_coverage") is not None:
        obj, const, rows, bounds, ints, meta = O.build(S, "phase1")
        ok, st, ov, vals, _ = O.solve_lp(O.write_lp(obj, rows, bounds, ints))
        tstar = vals["t"]
    obj, const, rows, bounds, ints, meta = O.build(S, "normal", tstar)
    ok, st, ov, vals, _ = O.solve_lp(O.write_lp(obj, rows, bounds, ints))
    assert ok
    rows2 = rows + [("optcut", dict(obj), "<=", ov + 1e-9 * max(1, abs(ov)))]
    out = {}
    for key in keys_x + keys_y:
        if key in keys_x:
            s, k = key.split("/"); v = meta["xv"].get((s, k))
        else:
            g, s = key.split("/"); v = meta["yv"].get((g, s), (None,))[0]
        if v is None:
            out[key] = (0, 0); continue
        lo = O.solve_lp(O.write_lp({v: 1.0}, rows2, dict(bounds), ints))[3].get(v)
        hi = O.solve_lp(O.write_lp({v: -1.0}, rows2, dict(bounds), ints))[3].get(v)
        out[key] = (lo, hi)
    return out

for n in sorted(os.listdir(ROOT)):
    d = os.path.join(ROOT, n)
    e = json.load(open(os.path.join(d, "expected.json")))
    todo = [(None, e)] + list((e.get("variants") or {}).items())
    for vn, ve in todo:
        if ve["status"] != "optimal":
            continue
        r = ranges(d, vn, list((ve.get("x") or {}).keys()), list((ve.get("dispatch") or {}).keys()))
        wide = {k: v for k, v in r.items() if v[1] - v[0] > 1e-2}
        print(n, vn or "", "UNIQUE" if not wide else f"NOT UNIQUE {wide}")
