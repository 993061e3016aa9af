#!/usr/bin/env python3
"""Throwaway independent oracle for eduplan fixtures (MODEL.md v1), using glpsol.
Usage: oracle.py DIR [--variant NAME] [--keep]
"""
import csv, math, os, subprocess, sys, tempfile, json, re
import yaml

DESIG = {"national": 1.0, "provincial": 0.5, "none": 0.0}


def read_csv(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def fnum(s):
    return float(s)


def truthy(s):
    return str(s).strip().lower() in ("true", "yes", "1")


def hav(lat1, lon1, lat2, lon2):
    R = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(math.sqrt(a))


class Scen:
    pass


def load(d, variant=None):
    y = yaml.safe_load(open(os.path.join(d, "scenario.yaml")))
    S = Scen()
    S.y = y
    tables = y.get("tables", {}) or {}
    S.regions = {r["id"]: r for r in read_csv(os.path.join(d, tables.get("regions", "regions.csv")))}
    # The scenario's designation list (id -> poverty weight), the default three without the key.
    S.desig = {str(e["id"]): float(e["poverty_weight"]) for e in y["designations"]} if y.get("designations") else dict(DESIG)
    for r in S.regions.values():
        text = (r.get("designation") or "").strip() or "none"
        r["designation"] = text if text in S.desig else text.lower()
        assert r["designation"] in S.desig, r
        r["rural"] = truthy(r.get("rural", "false"))
    S.schools = read_csv(os.path.join(d, tables.get("schools", "schools.csv")))
    tp = tables.get("teachers")
    if tp is None and os.path.exists(os.path.join(d, "teachers.csv")):
        tp = "teachers.csv"
    S.teachers = read_csv(os.path.join(d, tp)) if tp else []
    dp = tables.get("distances")
    if dp is None and os.path.exists(os.path.join(d, "distances.csv")):
        dp = "distances.csv"
    S.dist = None
    if dp:
        S.dist = {}
        for row in read_csv(os.path.join(d, dp)):
            a, b, km = row["from_region"], row["to_region"], float(row["km"])
            key = (a, b)
            assert key not in S.dist and (b, a) not in S.dist, "dup pair"
            S.dist[(a, b)] = km
            S.dist[(b, a)] = km
    S.subjects = y["subjects"]
    assert abs(sum(S.subjects.values()) - 1) < 1e-9
    S.str_ = y["student_teacher_ratio"]
    S.cats = y["categories"]
    S.funds = [dict(f) for f in y["funds"]]
    S.priority = y.get("priority", {}) or {}
    S.dispatch = y.get("dispatch", {}) or {}
    S.fair = y.get("fairness", {}) or {}
    S.robust = y.get("robust")
    S.projects = {}
    for c in S.cats:
        if "projects" in c:
            for p in read_csv(os.path.join(d, c["projects"])):
                S.projects.setdefault((p["school"], p["category"]), 0.0)
                S.projects[(p["school"], p["category"])] += float(p["cost"])
    if variant:
        v = [v for v in y.get("variants", []) if v["name"] == variant][0]
        if "funds_scale" in v:
            for f in S.funds:
                f["amount"] = float(f["amount"]) * float(v["funds_scale"])
        for fid, amt in (v.get("fund_amounts") or {}).items():
            for f in S.funds:
                if f["id"] == fid:
                    f["amount"] = float(amt)
        if "fairness" in v:
            S.fair = v["fairness"] or {}
        if "priority" in v:
            S.priority = v["priority"] or {}
        if "dispatch" in v:
            S.dispatch = v["dispatch"] or {}
        if "robust" in v:
            S.robust = v["robust"]
    return S


def reserve_requirements(S):
    """Robust plans: {(category, region): R} with R the worst case of the budgeted set
    (the floor(G) largest extra needs d plus the fractional part of the next), G = gamma * #{d > 0}."""
    if not S.robust:
        return {}
    gamma = float(S.robust["gamma"])
    rho = float(S.robust.get("relative", 0) or 0)
    req = {}
    for c in S.cats:
        if not c.get("mandatory") or "per_student" not in c:
            continue
        count, rates = c["per_student"]["count"], c["per_student"]["rates"]
        by_region = {}
        for s in S.schools:
            cell = (s.get(count + "_dev") or "").strip()
            dev = int(float(cell)) if cell else (math.ceil(rho * float(s[count]) - 1e-9) if rho > 0 else 0)
            d = float(rates.get(s["level"], 0) or 0) * dev
            if d > 0:
                by_region.setdefault(s["region"], []).append(d)
        for r, ds in by_region.items():
            G = gamma * len(ds)
            ds.sort(reverse=True)
            whole = min(int(math.floor(G)), len(ds))
            R = sum(ds[:whole]) + ((G - whole) * ds[whole] if whole < len(ds) else 0.0)
            if R > 0:
                req[(c["id"], r)] = R
    return req


def derive(S):
    pr = S.priority
    base = float(pr.get("base", 1))
    for s in S.schools:
        n = float(s["enrollment"])
        reg = S.regions[s["region"]]
        rural = s.get("rural", "")
        s["_rural"] = truthy(rural) if rural.strip() != "" else reg["rural"]
        sh = lambda c: (float(s[c]) / n) if n > 0 else 0.0
        pi = base + float(pr.get("poor_share", 0)) * sh("poor") + float(pr.get("left_behind_share", 0)) * sh("left_behind") \
            + float(pr.get("disabled_share", 0)) * sh("disabled") + float(pr.get("rural", 0)) * (1 if s["_rural"] else 0) \
            + float(pr.get("poverty_county", 0)) * S.desig[reg["designation"]]
        assert pi > 0
        s["_pi"] = pi
        s["_n"] = n
        s["_N"] = {}
        for c in S.cats:
            if c["id"] == "dispatch":
                continue
            if "per_student" in c:
                ps = c["per_student"]
                rate = float((ps.get("rates") or {}).get(s["level"], 0))
                s["_N"][c["id"]] = rate * float(s[ps["count"]])
            else:
                s["_N"][c["id"]] = S.projects.get((s["id"], c["id"]), 0.0)
        s["_h"] = {}
        for j, sig in S.subjects.items():
            req = s.get("required_" + j, "")
            if req is not None and req.strip() != "":
                q = float(req)
            else:
                q = math.ceil(sig * n / float(S.str_[s["level"]]) - 1e-9)
            s["_h"][j] = max(0.0, q - float(s["teachers_" + j]))
    # candidate pairs
    S.P = []
    lim = S.dispatch.get("candidate_limit")
    for g in S.teachers:
        cands = []
        for s in S.schools:
            j = g["subject"]
            if s["_h"].get(j, 0) <= 0:
                continue
            lv = (g.get("levels") or "").strip()
            if lv and s["level"] not in [x.strip() for x in lv.split(";")]:
                continue
            glat, glon = (g.get("lat") or "").strip(), (g.get("lon") or "").strip()
            slat, slon = (s.get("lat") or "").strip(), (s.get("lon") or "").strip()
            if glat and slat:
                dd = hav(float(glat), float(glon), float(slat), float(slon))
            elif S.dist is not None:
                a, b = g["region"], s["region"]
                if (a, b) in S.dist:
                    dd = S.dist[(a, b)]
                elif a == b:
                    dd = 0.0
                else:
                    continue
            else:
                dd = 0.0
            if dd <= float(g["max_distance_km"]) + 1e-9:
                cands.append((dd, s["id"].encode(), s["id"]))
        cands.sort()
        if lim is not None:
            cands = cands[: int(lim)]
        for dd, _, sid in cands:
            S.P.append((g["id"], sid, dd))


def fund_regions(S, f):
    R = f.get("regions", "all")
    if R == "all":
        return list(S.regions)
    if all(str(x) in S.desig or str(x).lower() in S.desig for x in R):
        ds = [str(x) if str(x) in S.desig else str(x).lower() for x in R]
        return [r for r in S.regions if S.regions[r]["designation"] in ds]
    assert all(x in S.regions for x in R), R
    return list(R)


def build(S, mode, tstar=None):
    """mode: 'normal' | 'phase1' | 'elastic'. Returns (lp_text, meta)"""
    catw = {c["id"]: float(c["weight"]) for c in S.cats}
    mand = {c["id"]: bool(c.get("mandatory", False)) for c in S.cats}
    wd = catw.get("dispatch", 0.0)
    V = float(S.dispatch.get("value_per_teacher", 0) or 0)
    lam = float(S.dispatch.get("travel_penalty_per_km", 0) or 0)
    integer = S.dispatch.get("integer", True)
    sch = {s["id"]: s for s in S.schools}
    obj = {}  # var -> coef
    const = 0.0
    rows = []  # (name, {var:coef}, sense, rhs)
    bounds = {}  # var -> (lo, hi)  hi None = inf; lo None = -inf
    ints = []
    elastic_cost = {}

    def add(d, v, c):
        d[v] = d.get(v, 0) + c

    X = {}
    xv = {}
    for s in S.schools:
        for k, N in s["_N"].items():
            if N > 0:
                v = f"x_{s['id']}_{k}"
                xv[(s["id"], k)] = v
                bounds[v] = (0, N)
                if mode != "phase1":
                    add(obj, v, -s["_pi"] * catw[k])
                const += s["_pi"] * catw[k] * N
    # z
    zv = {}
    for f in S.funds:
        for k in f["categories"]:
            for r in fund_regions(S, f):
                v = f"z_{f['id']}_{k}_{r}"
                zv[(f["id"], k, r)] = v
                bounds[v] = (0, None)
    # y, u
    yv = {}
    for g, sid, dd in S.P:
        v = f"y_{g}_{sid}"
        gg = [t for t in S.teachers if t["id"] == g][0]
        yv[(g, sid)] = (v, float(gg["annual_cost"]), dd, gg)
        bounds[v] = (0, min(float(gg["count"]), sch[sid]["_h"][gg["subject"]]))
        if integer:
            ints.append(v)
        if mode != "phase1" and lam > 0 and dd > 0:
            add(obj, v, lam * dd)
    uv = {}
    for s in S.schools:
        for j, h in s["_h"].items():
            if h > 0:
                v = f"u_{s['id']}_{j}"
                uv[(s["id"], j)] = v
                bounds[v] = (0, h)
                if mode != "phase1":
                    add(obj, v, s["_pi"] * wd * V)
    # balance
    for k in catw:
        for r in S.regions:
            row = {}
            if k != "dispatch":
                for s in S.schools:
                    if s["region"] == r and (s["id"], k) in xv:
                        add(row, xv[(s["id"], k)], 1)
            else:
                for (g, sid), (v, a, dd, gg) in yv.items():
                    if sch[sid]["region"] == r:
                        add(row, v, a)
            for (f, kk, rr), v in zv.items():
                if kk == k and rr == r:
                    add(row, v, -1)
            if row:
                rows.append((f"bal_{k}_{r}", row, "=", 0))
    # robust reserves: sum_f v = R (elastic: + slack), v in the budgets and minimum spends
    vv = {}
    for (k, r), R in reserve_requirements(S).items():
        row = {}
        for f in S.funds:
            if k in f["categories"] and r in fund_regions(S, f):
                v = f"v_{f['id']}_{k}_{r}"
                vv[(f["id"], k, r)] = v
                bounds[v] = (0, None)
                row[v] = 1
        if mode == "elastic":
            sl = f"el_res_{k}_{r}"
            bounds[sl] = (0, None)
            elastic_cost[sl] = 1.0
            row[sl] = 1
        rows.append((f"res_{k}_{r}", row, "=", R))
    # fund shortfall: mandatory z and reserves within (1 - phi) B
    for f in S.funds:
        phi = float(((S.robust or {}).get("fund_shortfall") or {}).get(f["id"], 0) or 0)
        row = {v: 1 for (ff, k, r), v in list(zv.items()) + list(vv.items()) if ff == f["id"] and mand[k]}
        if phi > 0 and row:
            rows.append((f"short_{f['id']}", row, "<=", (1 - phi) * float(f["amount"])))
    # budgets
    for f in S.funds:
        row = {v: 1 for (ff, k, r), v in list(zv.items()) + list(vv.items()) if ff == f["id"]}
        B = float(f["amount"])
        m = float(f.get("min_spend", 0) or 0)
        if not row:
            continue
        rows.append((f"bud_{f['id']}", dict(row), "<=", B))
        if m > 0:
            if mode == "elastic":
                sl = f"el_ms_{f['id']}"
                bounds[sl] = (0, None)
                row2 = dict(row)
                row2[sl] = 1
                elastic_cost[sl] = 1.0
                rows.append((f"ms_{f['id']}", row2, ">=", m * B))
            else:
                rows.append((f"ms_{f['id']}", dict(row), ">=", m * B))
    # supply
    for gg in S.teachers:
        row = {v: 1 for (g, sid), (v, a, dd, _) in yv.items() if g == gg["id"]}
        if row:
            rows.append((f"sup_{gg['id']}", row, "<=", float(gg["count"])))
    # shortage
    for (sid, j), u in uv.items():
        row = {u: 1}
        for (g, s2), (v, a, dd, gg) in yv.items():
            if s2 == sid and gg["subject"] == j:
                row[v] = 1
        rows.append((f"sh_{sid}_{j}", row, "=", sch[sid]["_h"][j]))
    # mandatory
    for (sid, k), v in xv.items():
        if mand[k]:
            N = sch[sid]["_N"][k]
            if mode == "elastic":
                sl = f"el_mand_{sid}_{k}"
                bounds[sl] = (0, None)
                elastic_cost[sl] = 1.0
                rows.append((f"mand_{sid}_{k}", {v: 1, sl: 1}, "=", N))
            else:
                bounds[v] = (N, N)
    # fairness
    pen = {}

    def rule(name):
        r = S.fair.get(name)
        if r is None:
            return None
        r = dict(r)
        r.setdefault("mode", "hard")
        return r

    def slack(name, r, cost_el):
        """returns slack var name or None"""
        if r["mode"] == "soft":
            v = f"sl_{name}"
            bounds[v] = (0, None)
            if mode != "phase1":
                add(obj, v, float(r["penalty"]))
            return v
        if mode == "elastic":
            v = f"el_{name}"
            bounds[v] = (0, None)
            elastic_cost[v] = cost_el
            return v
        return None

    def Xs(sid, only_nonmand=False):
        return {v: 1 for (s2, k), v in xv.items() if s2 == sid and (not only_nonmand or not mand[k])}

    r = rule("coverage_floor")
    if r:
        for k, a in (r.get("alpha") or {}).items():
            for s in S.schools:
                if (s["id"], k) in xv:
                    row = {xv[(s["id"], k)]: 1}
                    sl = slack(f"F1_{s['id']}_{k}", r, 1.0)
                    if sl:
                        row[sl] = 1
                    rows.append((f"F1_{s['id']}_{k}", row, ">=", float(a) * s["_N"][k]))
    r = rule("maxmin_coverage")
    Ns = {s["id"]: sum(N for k, N in s["_N"].items() if not mand[k]) for s in S.schools}
    has_f2 = r is not None and any(n > 0 for n in Ns.values())
    if has_f2 and mode == "phase1":
        bounds["t"] = (None, None)
        obj = {"t": -1.0}
        const = 0.0
        for s in S.schools:
            if Ns[s["id"]] > 0:
                row = {v: 1.0 / Ns[s["id"]] for v in Xs(s["id"], True)}
                row["t"] = -1
                rows.append((f"F2_{s['id']}", row, ">=", 0))
    elif has_f2 and mode == "normal":
        for s in S.schools:
            if Ns[s["id"]] > 0:
                row = dict(Xs(s["id"], True))
                if r["mode"] == "soft":
                    v = f"sl_F2_{s['id']}"
                    bounds[v] = (0, None)
                    add(obj, v, float(r["penalty"]))
                    row[v] = 1
                rows.append((f"F2_{s['id']}", row, ">=", (tstar - 1e-7) * Ns[s["id"]]))
    r = rule("poverty_county_share")
    if r:
        ds = [d.lower() for d in r.get("designations", ["national", "provincial"])]
        b = float(r["share"])
        row = {}
        for s in S.schools:
            des = S.regions[s["region"]]["designation"] in ds
            for v in Xs(s["id"]):
                add(row, v, (1 if des else 0) - b)
        sl = slack("F3", r, 1.0)
        if sl:
            row[sl] = 1
        rows.append(("F3", row, ">=", 0))
    r = rule("rural_parity")
    if r:
        g = float(r.get("gamma", 1.0))
        nR = sum(s["_n"] for s in S.schools if s["_rural"])
        nU = sum(s["_n"] for s in S.schools if not s["_rural"])
        if nR > 0 and nU > 0:
            row = {}
            for s in S.schools:
                for v in Xs(s["id"]):
                    add(row, v, (1 / nR) if s["_rural"] else (-g / nU))
            sl = slack("F4", r, nR)
            if sl:
                row[sl] = 1
            rows.append(("F4", row, ">=", 0))
    r = rule("hoover")
    if r:
        H = float(r["max"])
        Nall = {s["id"]: sum(s["_N"].values()) for s in S.schools}
        tot = sum(Nall.values())
        bounds["XT"] = (0, None)
        row = {"XT": -1}
        for s in S.schools:
            for v in Xs(s["id"]):
                row[v] = 1
        rows.append(("F5_X", row, "=", 0))
        erow = {"XT": -2 * H}
        for s in S.schools:
            p = Nall[s["id"]] / tot
            e = f"e_{s['id']}"
            bounds[e] = (0, None)
            erow[e] = 1
            r1 = {e: 1, "XT": p}
            r2 = {e: 1, "XT": -p}
            for v in Xs(s["id"]):
                r1[v] = r1.get(v, 0) - 1
                r2[v] = r2.get(v, 0) + 1
            rows.append((f"F5a_{s['id']}", r1, ">=", 0))
            rows.append((f"F5b_{s['id']}", r2, ">=", 0))
        sl = slack("F5", r, 1.0)
        if sl:
            erow[sl] = -1
        rows.append(("F5", erow, "<=", 0))
    r = rule("shortage_cap")
    if r:
        kap = float(r["max"])
        for s in S.schools:
            row = {u: 1 for (sid, j), u in uv.items() if sid == s["id"]}
            if not row:
                continue
            sl = slack(f"F6_{s['id']}", r, V if V > 0 else 1.0)
            if sl:
                row[sl] = -1
            rows.append((f"F6_{s['id']}", row, "<=", kap))
    r = rule("dispatch_county_share")
    if r:
        ds = [d.lower() for d in r.get("designations", ["national", "provincial"])]
        b = float(r["share"])
        row = {}
        for (g, sid), (v, a, dd, gg) in yv.items():
            des = S.regions[sch[sid]["region"]]["designation"] in ds
            add(row, v, (1 if des else 0) - b)
        if row:
            sl = slack("F7", r, V if V > 0 else 1.0)
            if sl:
                row[sl] = 1
            rows.append(("F7", row, ">=", 0))
    r = rule("per_pupil_floor")
    if r:
        # F9: all money z of region r (dispatch included) >= phi_r * n_r, money slack per region.
        floors = r.get("floor")
        for reg in S.regions:
            n = sum(s["_n"] for s in S.schools if s["region"] == reg)
            if floors is not None:
                phi = floors.get(S.regions[reg]["designation"])
            else:
                cell = (S.regions[reg].get("floor_per_pupil") or "").strip()
                phi = float(cell) if cell else None
            if n <= 0 or phi is None or float(phi) <= 0:
                continue
            row = {v: 1 for (f, k, rr), v in zv.items() if rr == reg}
            sl = slack(f"F9_{reg}", r, 1.0)
            if sl:
                row[sl] = 1
            rows.append((f"F9_{reg}", row, ">=", float(phi) * n))
    r = rule("hold_harmless")
    if r and getattr(S, "hh_ref", None):
        # F8: every z of region r (dispatch's included) >= (1 - max_loss) * M0_r, in scope, M0_r > 0.
        loss = float(r.get("max_loss", 0))
        des = [d.lower() for d in r["designations"]] if "designations" in r else None
        ids = list(r["regions"]) if "regions" in r else None
        for rid, reg in S.regions.items():
            m0 = S.hh_ref.get(rid, 0.0)
            if m0 <= 0 or (des is not None and reg["designation"] not in des) or (ids is not None and rid not in ids):
                continue
            row = {v: 1 for (f, k, rr), v in zv.items() if rr == rid}
            sl = slack(f"F8_{rid}", r, 1.0)
            if sl:
                row[sl] = 1
            rows.append((f"F8_{rid}", row, ">=", (1 - loss) * m0))
    if mode == "elastic":
        obj = dict(elastic_cost)
        const = 0.0
    return obj, const, rows, bounds, ints, dict(xv=xv, yv=yv, uv=uv, zv=zv, catw=catw, wd=wd, V=V)


def fmt(c):
    return repr(float(c))


def esc(v):
    """A name glpsol's CPLEX LP reader accepts: other characters become __h<hex>__ (reversible)."""
    return re.sub(r"[^A-Za-z0-9_]", lambda m: "__h%x__" % ord(m.group()), v)


def unesc(v):
    return re.sub(r"__h([0-9a-f]+)__", lambda m: chr(int(m.group(1), 16)), v)


def term(c, v):
    c = float(c)
    v = esc(v)
    return (f"- {repr(-c)} {v}" if c < 0 else f"+ {repr(c)} {v}")


def write_lp(obj, rows, bounds, ints, sense="Minimize"):
    L = [sense, " obj: " + (" ".join(term(c, v) for v, c in obj.items()) if obj else "0 dummy")]
    if not obj:
        bounds["dummy"] = (0, 0)
    L.append("Subject To")
    for name, row, s, rhs in rows:
        terms = " ".join(term(c, v) for v, c in row.items() if c != 0)
        if not terms:
            continue
        L.append(f" {esc(name)}: {terms} {s} {fmt(rhs)}")
    L.append("Bounds")
    for v, (lo, hi) in bounds.items():
        lo_s = "-inf" if lo is None else fmt(lo)
        hi_s = "+inf" if hi is None else fmt(hi)
        L.append(f" {lo_s} <= {esc(v)} <= {hi_s}")
    if ints:
        L.append("General")
        L.append(" " + " ".join(esc(v) for v in ints))
    L.append("End")
    return "\n".join(L) + "\n"


def col_order(text):
    order = []
    seen = set()
    sec = None
    for ln in text.splitlines():
        st = ln.strip()
        if st in ("Minimize", "Maximize", "Subject To", "Bounds", "General", "End"):
            sec = st
            continue
        toks = st.split()
        if sec in ("Minimize", "Subject To"):
            toks = toks[1:]  # drop row label
            for i in range(0, len(toks)):
                t = toks[i]
                if re.match(r"^[A-Za-z_][A-Za-z0-9_.]*$", t) and (i == 0 or toks[i - 1] not in ("<=", ">=", "=")):
                    if t not in seen:
                        seen.add(t); order.append(t)
        elif sec == "Bounds":
            v = toks[2]
            if v not in seen:
                seen.add(v); order.append(v)
        elif sec == "General":
            for v in toks:
                if v not in seen:
                    seen.add(v); order.append(v)
    return order


def solve_lp(text, keep=None):
    d = tempfile.mkdtemp()
    lp = os.path.join(d, "m.lp")
    out = os.path.join(d, "m.out")
    raw = os.path.join(d, "m.raw")
    open(lp, "w").write(text)
    if keep:
        open(keep, "w").write(text)
    p = subprocess.run(["glpsol", "--lp", lp, "-o", out, "-w", raw, "--mipgap", "0", "--nopresol"], capture_output=True, text=True)
    txt = open(out).read() if os.path.exists(out) else ""
    m = re.search(r"Status:\s+(.*)", txt)
    status = m.group(1).strip() if m else "?"
    names = [unesc(n) for n in col_order(text)]
    vals = {}
    objv = None
    mip = False
    if os.path.exists(raw):
        for ln in open(raw):
            f = ln.split()
            if not f:
                continue
            if f[0] == "s":
                mip = f[1] == "mip"
                objv = float(f[-1])
            elif f[0] == "j":
                idx = int(f[1]) - 1
                vals[names[idx]] = float(f[2] if mip else f[3])
    ok = ("OPTIMAL" in status) and "NON" not in status
    return ok, status, objv, vals, p.stdout


def hold_harmless_reference(S, d, variant):
    """F8's M0 by region id: the base scenario's plan (reference: base, only in a variant: the
    base's own reference is itself, trivially met), a plan.json of the folder (the sum of its fund
    flows to each region, dispatch included), or a region,money table of the folder."""
    r = S.fair.get("hold_harmless")
    if r is None:
        return None
    ref = r.get("reference", "base")
    if ref.lower().endswith(".json"):
        money = {}
        with open(os.path.join(d, ref), encoding="utf-8") as f:
            for fund in json.load(f)["plan"]["funds"]:
                for flow in fund["flows"]:
                    money[flow["region"]] = money.get(flow["region"], 0.0) + float(flow["amount"])
        return money
    if ref != "base":
        return {row["region"]: float(row["money"]) for row in read_csv(os.path.join(d, ref))}
    if variant is None:
        return None
    base = run(d, None)
    return base.get("region_money")


def run(d, variant=None, keep=None, verbose=False):
    S = load(d, variant)
    derive(S)
    S.hh_ref = hold_harmless_reference(S, d, variant)
    res = {"pi": {s["id"]: s["_pi"] for s in S.schools}}
    tstar = None
    f2 = S.fair.get("maxmin_coverage") is not None
    if f2:
        obj, const, rows, bounds, ints, meta = build(S, "phase1")
        ok, st, ov, vals, _ = solve_lp(write_lp(obj, rows, bounds, ints), keep and keep + ".p1.lp")
        if ok:
            tstar = vals["t"]
        else:
            f2 = False
    if f2 or not S.fair.get("maxmin_coverage"):
        obj, const, rows, bounds, ints, meta = build(S, "normal", tstar)
        ok, st, ov, vals, _ = solve_lp(write_lp(obj, rows, bounds, ints), keep)
    else:
        ok = False
        st = "INFEASIBLE(phase1)"
    res["glpk_status"] = st
    if ok:
        res["status"] = "optimal"
        res["objective"] = ov + const
        xv, yv, uv = meta["xv"], meta["yv"], meta["uv"]
        sch = {s["id"]: s for s in S.schools}
        U = 0.0
        for (sid, k), v in xv.items():
            U += sch[sid]["_pi"] * meta["catw"][k] * vals.get(v, 0)
        for (sid, j), u in uv.items():
            U += sch[sid]["_pi"] * meta["wd"] * meta["V"] * (sch[sid]["_h"][j] - vals.get(u, 0))
        res["benefit"] = U
        res["maxmin_coverage"] = tstar
        res["x"] = {f"{sid}/{k}": round(vals.get(v, 0), 6) for (sid, k), v in xv.items()}
        res["dispatch"] = {f"{g}/{sid}": round(vals.get(v[0], 0), 6) for (g, sid), v in yv.items() if abs(vals.get(v[0], 0)) > 1e-9}
        res["slacks"] = {v: val for v, val in vals.items() if v.startswith("sl_") and abs(val) > 1e-9}
        money = {}
        for (f, k, rr), v in meta["zv"].items():
            money[rr] = money.get(rr, 0.0) + vals.get(v, 0)
        res["region_money"] = money
    else:
        res["status"] = "infeasible"
        obj, const, rows, bounds, ints, meta = build(S, "elastic")
        ok2, st2, ov2, vals2, _ = solve_lp(write_lp(obj, rows, bounds, ints), keep and keep + ".el.lp")
        res["elastic_status"] = st2
        res["elastic_total"] = ov2
        res["elastic_slacks"] = {v: val for v, val in vals2.items() if v.startswith("el_") and abs(val) > 1e-9}
    res["candidates"] = [(g, s, round(dd, 4)) for g, s, dd in S.P]
    return res


if __name__ == "__main__":
    d = sys.argv[1]
    var = None
    if "--variant" in sys.argv:
        var = sys.argv[sys.argv.index("--variant") + 1]
    keep = None
    if "--keep" in sys.argv:
        keep = sys.argv[sys.argv.index("--keep") + 1]
    print(json.dumps(run(d, var, keep), indent=1))
