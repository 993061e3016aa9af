#!/usr/bin/env python3
"""Throwaway independent oracle for eduplan fixtures (MODEL.md v1), using glpsol.
Usage: oracle.py DIR [--variant NAME] [--keep LP] [--mipgap G] [--tmlim S]
       [--previous PLAN.json [--actuals F.csv ...] [--move-penalty MU] [--teacher-move-penalty MU]
        [--max-moves M]]   (the rolling re-plan of a horizon: replan.py)
"""
import csv, math, os, subprocess, sys, tempfile, json, re
import yaml
import replan as rolling

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


COUNT_FIELDS = ("boarding", "disabled", "left_behind")


def load(d, variant=None):
    y = yaml.safe_load(open(os.path.join(d, "scenario.yaml")))
    S = Scen()
    S.y = y
    S.dir = d
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
    S.horizon = y.get("horizon")
    S.project_rows = []  # (school, category, cost, earliest year or None)
    for c in S.cats:
        if "projects" in c:
            for p in read_csv(os.path.join(d, c["projects"])):
                e = (p.get("year") or "").strip()
                S.project_rows.append((p["school"], p["category"], float(p["cost"]), int(e) if e else None))
    if variant:
        apply_variant(S, [v for v in y.get("variants", []) if v["name"] == variant][0])
    setup_years(S)
    return S


def scaled(amount, factor):
    return [float(a) * factor for a in amount] if isinstance(amount, list) else float(amount) * factor


def apply_variant(S, v):
    """funds_scale first (every year's amount), then fund_amounts (final: a number or a list);
    fund_growth / fund_carry_over set those keys; fairness, priority, dispatch, robust, horizon
    replace the base's block whole."""
    if "funds_scale" in v:
        for f in S.funds:
            f["amount"] = scaled(f["amount"], float(v["funds_scale"]))
    by_id = {f["id"]: f for f in S.funds}
    for fid, amt in (v.get("fund_amounts") or {}).items():
        by_id[fid]["amount"] = [float(a) for a in amt] if isinstance(amt, list) else float(amt)
    for fid, g in (v.get("fund_growth") or {}).items():
        by_id[fid]["growth"] = g
    for fid, c in (v.get("fund_carry_over") or {}).items():
        by_id[fid]["carry_over"] = c
    if "fairness" in v:
        S.fair = v["fairness"] or {}
    if "priority" in v:
        S.priority = v["priority"] or {}
    if "dispatch" in v:
        S.dispatch = v["dispatch"] or {}
    if "robust" in v:
        S.robust = v["robust"]
    if "horizon" in v:
        S.horizon = v["horizon"]


def round_cents(v):
    """R2 of the contract: rounded to 0.01 half up in binary64."""
    return math.floor(v * 100 + 0.5) / 100


def fund_amounts_by_year(f, T, horizon):
    amount = f["amount"]
    if not horizon:
        assert not isinstance(amount, list) and "growth" not in f and "carry_over" not in f, \
            f"fund {f['id']}: amount lists, growth and carry_over need a horizon"
        return [float(amount)]
    if isinstance(amount, list):
        assert len(amount) == T and "growth" not in f, f"fund {f['id']}: one amount per horizon year, no growth"
        return [float(a) for a in amount]
    g = float(f.get("growth", 0) or 0)
    return [round_cents(float(amount) * math.pow(1 + g, t)) for t in range(T)]


def setup_years(S):
    """Per-year inputs: years, discount factors, school rows, fund amounts B_{f,t}, carry-over c_f,
    teacher counts c_{g,t} and contract years L_g, fairness settings. Without `horizon:` one year,
    exactly today's inputs."""
    H = S.horizon
    if H:
        assert S.robust is None, "robust: is not combined with a horizon"
        S.years = [int(t) for t in H["years"]]
        assert S.years == list(range(S.years[0], S.years[0] + len(S.years))), "years must be consecutive"
        assert S.y.get("year") is None or int(S.y["year"]) == S.years[0]
    else:
        S.years = [S.y.get("year")]
    T = len(S.years)
    delta = float((H or {}).get("discount", 1) or 1)
    S.disc = [delta ** t for t in range(T)]
    for f in S.funds:
        f["_B"] = fund_amounts_by_year(f, T, H)
        f["_c"] = float(f.get("carry_over", 0) or 0)
    for g in S.teachers:
        L = (g.get("contract_years") or "").strip()
        g["_L"] = int(L) if (L and H) else 1
        g["_count"] = [float(g["count"])]
        for year in S.years[1:]:
            cell = (g.get(f"count_{year}") or "").strip()
            g["_count"].append(float(cell) if cell else float(g["count"]))
    if H:
        for g in S.teachers:
            for col in g:
                if col.startswith("count_"):
                    assert int(col[6:]) in S.years[1:], f"teachers.csv: {col} outside the horizon"
    S.school_years = school_rows_by_year(S)
    S.fair_years = fairness_by_year(S)


def fairness_by_year(S):
    """Year t's rules: the scenario's, with the rules of the latest `horizon.fairness` entry at or
    before t replacing the rule of the same key (whole block)."""
    entries = sorted((int(k), v or {}) for k, v in ((S.horizon or {}).get("fairness") or {}).items())
    out = []
    for year in S.years:
        rules = dict(S.fair)
        latest = [v for k, v in entries if k <= year]
        if latest:
            rules.update(latest[-1])
        out.append(rules)
    return out


def school_rows_by_year(S):
    """One list of school rows per year, in the first table's order: the first year is
    tables.schools; a later year takes its own table (horizon.schools) or is projected."""
    H = S.horizon or {}
    years = [S.schools]
    own = {int(k): v for k, v in (H.get("schools") or {}).items()}
    proj = H.get("projection") or {}
    region_growth = {}
    if proj.get("region_growth"):
        for row in read_csv(os.path.join(S.dir, proj["region_growth"])):
            key = (row["region"], row["level"])
            assert key not in region_growth, f"growth.csv: {key} twice"
            region_growth[key] = float(row["rate"])
    for year in S.years[1:]:
        if year in own:
            rows = {r["id"]: r for r in read_csv(os.path.join(S.dir, own[year]))}
            assert set(rows) == {s["id"] for s in S.schools}, f"{own[year]}: not the same school ids"
            years.append([rows[s["id"]] for s in S.schools])
        else:
            years.append([project_school(s, proj, region_growth) for s in years[-1]])
    return years


def project_school(prev, proj, region_growth):
    """The contract's projection of one school row from the previous year's (R(v) = floor(v + 0.5),
    evaluated in the contract's order); teachers and given required_<subject> cells are kept."""
    R = lambda v: math.floor(v + 0.5)
    level, region = prev["level"], prev["region"]
    g = region_growth.get((region, level), float((proj.get("enrollment_growth") or {}).get(level, 0) or 0))
    ex = float(proj.get("poor_exit", 0) or 0)
    intake = float(proj.get("poor_intake", 0) or 0)
    n0 = float(prev["enrollment"])
    n = R(n0 * (1 + g))
    q = n / n0 if n0 > 0 else 0
    row = dict(prev)
    row["enrollment"] = n
    for c in COUNT_FIELDS:
        row[c] = min(n, R(float(prev[c]) * q))
    row["poor"] = min(n, R(float(prev["poor"]) * q * (1 - ex) + intake * n))
    row["poor_boarding"] = min(row["poor"], row["boarding"],
                               R(float(prev["poor_boarding"]) * q * (1 - ex) + intake * row["boarding"]))
    return row


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


def project_needs(S, year):
    """{(school, category): Σ cost} of the projects available in `year` (e_p ≤ year; without a
    horizon every project)."""
    out = {}
    last = S.years[-1]
    for sid, cat, cost, e in S.project_rows:
        if S.horizon and e is not None:
            assert e <= last, f"project year {e} after the horizon"
            if e > year:
                continue
        out[(sid, cat)] = out.get((sid, cat), 0.0) + cost
    return out


def derive_school(S, s, projects):
    pr = S.priority
    base = float(pr.get("base", 1))
    n = float(s["enrollment"])
    reg = S.regions[s["region"]]
    rural = s.get("rural", "") or ""
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
            s["_N"][c["id"]] = projects.get((s["id"], c["id"]), 0.0)
    s["_h"] = {}
    for j, sig in S.subjects.items():
        req = s.get("required_" + j, "")
        if req is not None and str(req).strip() != "":
            q = float(req)
        else:
            q = math.ceil(sig * n / float(S.str_[s["level"]]) - 1e-9)
        s["_h"][j] = max(0.0, q - float(s["teachers_" + j]))


def derive(S):
    for i, rows in enumerate(S.school_years):
        projects = project_needs(S, S.years[i])
        for s in rows:
            derive_school(S, s, projects)
    S.schools = S.school_years[0]
    # candidate pairs: a pair is a candidate when it is one in any year (each year's own limit)
    S.P = []
    for g in S.teachers:
        chosen = {}
        for rows in S.school_years:
            for dd, key, sid in candidates(S, g, rows):
                chosen[sid] = (dd, key, sid)
        for dd, _, sid in sorted(chosen.values()):
            S.P.append((g["id"], sid, dd))


def candidates(S, g, rows):
    lim = S.dispatch.get("candidate_limit")
    cands = []
    for s in rows:
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
    return cands


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
    """mode: 'normal' | 'phase1' | 'elastic'. Returns (obj, const, rows, bounds, ints, meta).
    Every year t of the horizon gets the one-year model (names suffixed _YEAR when there is a
    horizon; without one the LP is the one-year model exactly as before)."""
    T = len(S.years)
    Y = range(T)
    sx = (lambda i: f"_{S.years[i]}") if S.horizon else (lambda i: "")
    catw = {c["id"]: float(c["weight"]) for c in S.cats}
    mand = {c["id"]: bool(c.get("mandatory", False)) for c in S.cats}
    projcat = {c["id"] for c in S.cats if "projects" in c}
    wd = catw.get("dispatch", 0.0)
    V = float(S.dispatch.get("value_per_teacher", 0) or 0)
    lam = float(S.dispatch.get("travel_penalty_per_km", 0) or 0)
    integer = S.dispatch.get("integer", True)
    sch = [{s["id"]: s for s in rows} for rows in S.school_years]
    group = {g["id"]: g for g in S.teachers}
    obj = {}  # var -> coef (discounted)
    objy = [dict() for _ in Y]  # per year, undiscounted
    consty = [0.0 for _ in Y]
    rows = []  # (name, {var:coef}, sense, rhs)
    bounds = {}  # var -> (lo, hi)  hi None = inf; lo None = -inf
    ints = []
    elastic_cost = {}
    # a re-plan's years that are over: decisions fixed at the actuals, only the money rows kept
    over = rolling.years_over_test(S)
    if S.horizon:
        assert S.fair.get("maxmin_coverage") is None and not any(f.get("maxmin_coverage") for f in S.fair_years), \
            "F2 is not defined for a horizon in this contract"

    def add(d, v, c):
        d[v] = d.get(v, 0) + c

    def add_obj(i, v, c):
        if mode != "phase1" and not over(i):
            add(obj, v, S.disc[i] * c)
            add(objy[i], v, c)

    xv = {}
    school_x = {}  # (sid, i) -> [(k, var)] in creation order
    for i in Y:
        for s in S.school_years[i]:
            for k, N in s["_N"].items():
                lo, hi = 0, N
                if over(i):  # the actual money, even above the need (cumulative for a project)
                    lo = hi = S.replan.fixed_money(s["id"], k, i, k in projcat)
                if hi > 0:
                    if over(i) and mode == "elastic":  # money paid that the funds cannot pay: σ at 1
                        lo = rolling.hold_actual(f"x_{s['id']}_{k}{sx(i)}", hi, 1.0, rows, bounds, elastic_cost)
                    v = f"x_{s['id']}_{k}{sx(i)}"
                    xv[(s["id"], k, i)] = v
                    school_x.setdefault((s["id"], i), []).append((k, v))
                    bounds[v] = (lo, hi)
                    add_obj(i, v, -s["_pi"] * catw[k])
                    if not over(i):
                        consty[i] += s["_pi"] * catw[k] * N
    const = sum(S.disc[i] * consty[i] for i in Y) if S.horizon else consty[0]

    def money(sid, i, k=None):
        """The money school sid receives in year i (in category k, or all): x, or for a project
        category the increment of the cumulative X."""
        row = {}
        for kk, v in school_x.get((sid, i), []):
            if k is not None and kk != k:
                continue
            add(row, v, 1)
            if kk in projcat and i > 0 and (sid, kk, i - 1) in xv:
                add(row, xv[(sid, kk, i - 1)], -1)
        return row

    # z
    zv = {}
    z_by_kri, z_by_fi, z_by_ri = {}, {}, {}
    for i in Y:
        for f in S.funds:
            for k in f["categories"]:
                for r in fund_regions(S, f):
                    v = f"z_{f['id']}_{k}_{r}{sx(i)}"
                    zv[(f["id"], k, r, i)] = v
                    z_by_kri.setdefault((k, r, i), []).append(v)
                    z_by_fi.setdefault((f["id"], i), []).append(v)
                    z_by_ri.setdefault((r, i), []).append(v)
                    bounds[v] = (0, None)
    # carry-over w_{f,t}, t < T
    wv = {}
    for i in range(T - 1):
        for f in S.funds:
            if f["_c"] > 0:
                v = f"w_{f['id']}{sx(i)}"
                wv[(f["id"], i)] = v
                bounds[v] = (0, f["_c"] * f["_B"][i])

    # y (new dispatches), u
    def window(g, i):
        """Years τ whose new dispatches are present in year i."""
        return range(max(0, i - group[g]["_L"] + 1), i + 1)

    yv = {}
    for i in Y:
        for g, sid, dd in S.P:
            v = f"y_{g}_{sid}{sx(i)}"
            gg = group[g]
            yv[(g, sid, i)] = (v, float(gg["annual_cost"]), dd, gg)
            bounds[v] = (0, min(gg["_count"][i], sch[i][sid]["_h"][gg["subject"]]))
            if over(i):  # the teachers actually posted that year
                posted = S.replan.fixed_teachers(g, sid, i)
                bounds[v] = (posted, posted)
                if mode == "elastic" and posted > 0:  # posts later years cannot keep: σ at V a teacher
                    bounds[v] = (rolling.hold_actual(v, posted, V if V > 0 else 1.0, rows, bounds, elastic_cost), posted)
            if integer:
                ints.append(v)
            if lam > 0 and dd > 0:
                for t in range(i, min(T, i + gg["_L"])):
                    add_obj(t, v, lam * dd)

    def present(g, sid, i, coef=1.0, row=None):
        row = {} if row is None else row
        for tau in window(g, i):
            add(row, yv[(g, sid, tau)][0], coef)
        return row

    pairs_by_school = {}
    for g, sid, dd in S.P:
        pairs_by_school.setdefault((sid, group[g]["subject"]), []).append(g)
    uv = {}
    for i in (i for i in Y if not over(i)):
        for s in S.school_years[i]:
            for j, h in s["_h"].items():
                if h > 0:
                    v = f"u_{s['id']}_{j}{sx(i)}"
                    uv[(s["id"], j, i)] = v
                    bounds[v] = (0, h)
                    add_obj(i, v, s["_pi"] * wd * V)
    # balance
    schools_in = {}
    for s in S.schools:
        schools_in.setdefault(s["region"], []).append(s["id"])
    pairs_in = {}
    for g, sid, dd in S.P:
        pairs_in.setdefault(sch[0][sid]["region"], []).append((g, sid))
    for i in Y:
        for k in catw:
            for r in S.regions:
                row = {}
                if k != "dispatch":
                    for sid in schools_in.get(r, []):
                        for v, c in money(sid, i, k).items():
                            add(row, v, c)
                else:
                    for g, sid in pairs_in.get(r, []):
                        present(g, sid, i, float(group[g]["annual_cost"]), row)
                for v in z_by_kri.get((k, r, i), []):
                    add(row, v, -1)
                if row:
                    rows.append((f"bal_{k}_{r}{sx(i)}", row, "=", 0))
    # robust reserves (one year only): sum_f v = R (elastic: + slack), v in the budgets and minimum spends
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
        row = {v: 1 for (ff, k, r, i), v in zv.items() if ff == f["id"] and mand[k]}
        row.update({v: 1 for (ff, k, r), v in vv.items() if ff == f["id"] and mand[k]})
        if phi > 0 and row:
            rows.append((f"short_{f['id']}", row, "<=", (1 - phi) * f["_B"][0]))
    # budgets: spent + carried on <= B_t + carried in; minimum spend on B_t
    for i in Y:
        for f in S.funds:
            row = {v: 1 for v in z_by_fi.get((f["id"], i), [])}
            row.update({v: 1 for (ff, k, r), v in vv.items() if ff == f["id"]})
            B = f["_B"][i]
            m = float(f.get("min_spend", 0) or 0)
            if not row:
                continue
            brow = dict(row)
            if (f["id"], i) in wv:
                brow[wv[(f["id"], i)]] = 1
            if (f["id"], i - 1) in wv:
                brow[wv[(f["id"], i - 1)]] = -1
            rows.append((f"bud_{f['id']}{sx(i)}", brow, "<=", B))
            if m > 0 and not over(i):
                if mode == "elastic":
                    sl = f"el_ms_{f['id']}{sx(i)}"
                    bounds[sl] = (0, None)
                    row2 = dict(row)
                    row2[sl] = 1
                    elastic_cost[sl] = 1.0
                    rows.append((f"ms_{f['id']}{sx(i)}", row2, ">=", m * B))
                else:
                    rows.append((f"ms_{f['id']}{sx(i)}", dict(row), ">=", m * B))
    # supply of present teachers
    pairs_of = {}
    for g, sid, dd in S.P:
        pairs_of.setdefault(g, []).append(sid)
    for i in (i for i in Y if not over(i)):
        for gg in S.teachers:
            row = {}
            for sid in pairs_of.get(gg["id"], []):
                present(gg["id"], sid, i, 1.0, row)
            if row:
                rows.append((f"sup_{gg['id']}{sx(i)}", row, "<=", gg["_count"][i]))
    # shortage: present teachers + u = h_t (<= 0 in a year without shortage)
    for i in (i for i in Y if not over(i)):
        for s in S.school_years[i]:
            for j, h in s["_h"].items():
                gs = pairs_by_school.get((s["id"], j), [])
                if h > 0:
                    row = {uv[(s["id"], j, i)]: 1}
                elif gs:
                    row = {}
                else:
                    continue
                for g in gs:
                    present(g, s["id"], i, 1.0, row)
                rows.append((f"sh_{s['id']}_{j}{sx(i)}", row, "=" if h > 0 else "<=", h))
    # mandatory
    for (sid, k, i), v in xv.items():
        if mand[k] and not over(i):
            N = sch[i][sid]["_N"][k]
            if mode == "elastic":
                sl = f"el_mand_{sid}_{k}{sx(i)}"
                bounds[sl] = (0, None)
                elastic_cost[sl] = 1.0
                rows.append((f"mand_{sid}_{k}{sx(i)}", {v: 1, sl: 1}, "=", N))
            else:
                bounds[v] = (N, N)
    ctx = dict(S=S, mode=mode, tstar=tstar, sx=sx, add=add, add_obj=add_obj, rows=rows, bounds=bounds,
               elastic_cost=elastic_cost, xv=xv, uv=uv, yv=yv, z_by_ri=z_by_ri, school_x=school_x,
               money=money, present=present, mand=mand, V=V, sch=sch)
    for i in (i for i in Y if not over(i)):
        obj = fairness_rows(ctx, i, obj)
    # cumulative project funding never falls
    for (sid, k, i), v in xv.items():
        if k in projcat and i > 0 and (sid, k, i - 1) in xv:
            rows.append((f"mono_{sid}_{k}{sx(i)}", {v: 1, xv[(sid, k, i - 1)]: -1}, ">=", 0))
    if getattr(S, "replan", None):
        const += rolling.stability(S, dict(ctx, obj=obj, elastic_cost=elastic_cost))
    if mode == "elastic":
        obj = dict(elastic_cost)
        const = 0.0
    if mode == "phase1" and "t" in bounds:
        const = 0.0
    meta = dict(xv=xv, yv=yv, uv=uv, zv=zv, wv=wv, catw=catw, wd=wd, V=V, objy=objy, consty=consty)
    return obj, const, rows, bounds, ints, meta


def fairness_rows(c, i, obj):
    """Year i's fairness rules (S.fair_years[i]); returns the objective (F2's phase 1 replaces it)."""
    S, mode, sx, add, rows, bounds = c["S"], c["mode"], c["sx"], c["add"], c["rows"], c["bounds"]
    xv, uv, yv, sch, mand, V = c["xv"], c["uv"], c["yv"], c["sch"], c["mand"], c["V"]
    fair = S.fair_years[i]
    schools = S.school_years[i]
    y = sx(i)

    def rule(name):
        r = fair.get(name)
        if r is None:
            return None
        r = dict(r)
        r.setdefault("mode", "hard")
        return r

    def slack(name, r, cost_el):
        """returns slack var name or None"""
        if r["mode"] == "soft":
            v = f"sl_{name}{y}"
            bounds[v] = (0, None)
            c["add_obj"](i, v, float(r["penalty"]))
            return v
        if mode == "elastic":
            v = f"el_{name}{y}"
            bounds[v] = (0, None)
            c["elastic_cost"][v] = cost_el
            return v
        return None

    def Xs(sid):
        return c["money"](sid, i)

    r = rule("coverage_floor")
    if r:
        for k, a in (r.get("alpha") or {}).items():
            for s in schools:
                if (s["id"], k, i) in xv:
                    row = {xv[(s["id"], k, i)]: 1}
                    sl = slack(f"F1_{s['id']}_{k}", r, 1.0)
                    if sl:
                        row[sl] = 1
                    rows.append((f"F1_{s['id']}_{k}{y}", row, ">=", float(a) * s["_N"][k]))
    r = rule("maxmin_coverage")
    Ns = {s["id"]: sum(N for k, N in s["_N"].items() if not mand[k]) for s in schools}
    has_f2 = r is not None and any(n > 0 for n in Ns.values())

    def coverage(sid):
        return {v: 1 for k, v in c["school_x"].get((sid, i), []) if not mand[k]}

    if has_f2 and mode == "phase1":
        bounds["t"] = (None, None)
        obj = {"t": -1.0}
        for s in schools:
            if Ns[s["id"]] > 0:
                row = {v: 1.0 / Ns[s["id"]] for v in coverage(s["id"])}
                row["t"] = -1
                rows.append((f"F2_{s['id']}", row, ">=", 0))
    elif has_f2 and mode == "normal":
        for s in schools:
            if Ns[s["id"]] > 0:
                row = dict(coverage(s["id"]))
                if r["mode"] == "soft":
                    v = f"sl_F2_{s['id']}"
                    bounds[v] = (0, None)
                    add(obj, v, float(r["penalty"]))
                    row[v] = 1
                rows.append((f"F2_{s['id']}", row, ">=", (c["tstar"] - 1e-7) * Ns[s["id"]]))
    r = rule("poverty_county_share")
    if r:
        ds = [d.lower() for d in r.get("designations", ["national", "provincial"])]
        b = float(r["share"])
        row = {}
        for s in schools:
            des = S.regions[s["region"]]["designation"] in ds
            for v, k in Xs(s["id"]).items():
                add(row, v, k * ((1 if des else 0) - b))
        sl = slack("F3", r, 1.0)
        if sl:
            row[sl] = 1
        rows.append((f"F3{y}", row, ">=", 0))
    r = rule("rural_parity")
    if r:
        g = float(r.get("gamma", 1.0))
        nR = sum(s["_n"] for s in schools if s["_rural"])
        nU = sum(s["_n"] for s in schools if not s["_rural"])
        if nR > 0 and nU > 0:
            row = {}
            for s in schools:
                for v, k in Xs(s["id"]).items():
                    add(row, v, k * ((1 / nR) if s["_rural"] else (-g / nU)))
            sl = slack("F4", r, nR)
            if sl:
                row[sl] = 1
            rows.append((f"F4{y}", row, ">=", 0))
    r = rule("hoover")
    if r:
        H = float(r["max"])
        Nall = {s["id"]: sum(s["_N"].values()) for s in schools}
        tot = sum(Nall.values())
        XT = f"XT{y}"
        bounds[XT] = (0, None)
        row = {XT: -1}
        for s in schools:
            for v, k in Xs(s["id"]).items():
                add(row, v, k)
        rows.append((f"F5_X{y}", row, "=", 0))
        erow = {XT: -2 * H}
        for s in schools:
            p = Nall[s["id"]] / tot
            e = f"e_{s['id']}{y}"
            bounds[e] = (0, None)
            erow[e] = 1
            r1 = {e: 1, XT: p}
            r2 = {e: 1, XT: -p}
            for v, k in Xs(s["id"]).items():
                r1[v] = r1.get(v, 0) - k
                r2[v] = r2.get(v, 0) + k
            rows.append((f"F5a_{s['id']}{y}", r1, ">=", 0))
            rows.append((f"F5b_{s['id']}{y}", r2, ">=", 0))
        sl = slack("F5", r, 1.0)
        if sl:
            erow[sl] = -1
        rows.append((f"F5{y}", erow, "<=", 0))
    r = rule("shortage_cap")
    if r:
        kap = float(r["max"])
        for s in schools:
            row = {u: 1 for j in s["_h"] for u in [uv.get((s["id"], j, i))] if u}
            if not row:
                continue
            sl = slack(f"F6_{s['id']}", r, V if V > 0 else 1.0)
            if sl:
                row[sl] = -1
            rows.append((f"F6_{s['id']}{y}", row, "<=", kap))
    r = rule("dispatch_county_share")
    if r:
        ds = [d.lower() for d in r.get("designations", ["national", "provincial"])]
        b = float(r["share"])
        row = {}
        for g, sid, dd in S.P:
            des = S.regions[sch[i][sid]["region"]]["designation"] in ds
            c["present"](g, sid, i, (1 if des else 0) - b, row)
        if row:
            sl = slack("F7", r, V if V > 0 else 1.0)
            if sl:
                row[sl] = 1
            rows.append((f"F7{y}", row, ">=", 0))
    r = rule("per_pupil_floor")
    if r:
        # F9: all money z of region r (dispatch included) >= phi_r * n_r, money slack per region.
        floors = r.get("floor")
        for reg in S.regions:
            n = sum(s["_n"] for s in schools if s["region"] == reg)
            if floors is not None:
                phi = floors.get(S.regions[reg]["designation"])
            else:
                cell = (S.regions[reg].get("floor_per_pupil") or "").strip()
                phi = float(cell) if cell else None
            if n <= 0 or phi is None or float(phi) <= 0:
                continue
            row = {v: 1 for v in c["z_by_ri"].get((reg, i), [])}
            sl = slack(f"F9_{reg}", r, 1.0)
            if sl:
                row[sl] = 1
            rows.append((f"F9_{reg}{y}", row, ">=", float(phi) * n))
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
            row = {v: 1 for v in c["z_by_ri"].get((rid, i), [])}
            sl = slack(f"F8_{rid}", r, 1.0)
            if sl:
                row[sl] = 1
            rows.append((f"F8_{rid}{y}", row, ">=", (1 - loss) * m0))
    return obj


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


MIPGAP = "0"  # glpsol's relative MIP gap; `--mipgap G` for a large scenario (a province over years)
TMLIM = None  # glpsol's time limit in seconds (`--tmlim S`); a MIP stopped by it reports `feasible`


def solve_lp(text, keep=None):
    d = tempfile.mkdtemp()
    lp = os.path.join(d, "m.lp")
    out = os.path.join(d, "m.out")
    raw = os.path.join(d, "m.raw")
    open(lp, "w").write(text)
    if keep:
        open(keep, "w").write(text)
    limit = ["--tmlim", TMLIM] if TMLIM else []
    p = subprocess.run(["glpsol", "--lp", lp, "-o", out, "-w", raw, "--mipgap", MIPGAP, "--nopresol"] + limit,
                       capture_output=True, text=True)
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
    assert not S.horizon, "F8 reference: base is not combined with a horizon"
    if variant is None:
        return None
    base = run(d, None)
    return base.get("region_money")


def key(S, i, *parts):
    """An output key: `a/b` without a horizon, `YEAR/a/b` with one."""
    return "/".join(([str(S.years[i])] if S.horizon else []) + list(parts))


def report_plan(S, res, meta, vals, ov, const):
    """Objective, benefit U (discounted with a horizon), x, new dispatches, carry-over, per-year
    objective and benefit (undiscounted), money by region."""
    xv, yv, uv = meta["xv"], meta["yv"], meta["uv"]
    res["objective"] = ov + const
    Ut = [0.0 for _ in S.years]
    sch = [{s["id"]: s for s in rows} for rows in S.school_years]
    for (sid, k, i), v in xv.items():
        Ut[i] += sch[i][sid]["_pi"] * meta["catw"][k] * vals.get(v, 0)
    for (sid, j, i), u in uv.items():
        Ut[i] += sch[i][sid]["_pi"] * meta["wd"] * meta["V"] * (sch[i][sid]["_h"][j] - vals.get(u, 0))
    R = getattr(S, "replan", None)
    over = rolling.years_over_test(S)
    res["benefit"] = sum(S.disc[i] * Ut[i] for i in range(len(S.years)) if not over(i)) if S.horizon else Ut[0]
    res["x"] = {key(S, i, sid, k): round(vals.get(v, 0), 6) for (sid, k, i), v in xv.items()}
    res["dispatch"] = {key(S, i, g, sid): round(vals.get(v[0], 0), 6) for (g, sid, i), v in yv.items()
                       if abs(vals.get(v[0], 0)) > 1e-9}
    res["slacks"] = {v: val for v, val in vals.items() if v.startswith("sl_") and abs(val) > 1e-9}
    money = {}
    for (f, k, rr, i), v in meta["zv"].items():
        money[rr] = money.get(rr, 0.0) + vals.get(v, 0)
    res["region_money"] = money
    if S.horizon:
        res["horizon"] = {"years": S.years, "discount": float(S.horizon.get("discount", 1) or 1)}
        res["carry_over"] = {key(S, i, f): round(vals.get(v, 0), 6) for (f, i), v in meta["wv"].items()}
        res["years"] = []
        for i, year in enumerate(S.years):
            yobj = meta["consty"][i] + sum(c * vals.get(v, 0) for v, c in meta["objy"][i].items())
            spent = {}
            for (f, k, rr, t), v in meta["zv"].items():
                if t == i:
                    spent[f] = spent.get(f, 0.0) + vals.get(v, 0)
            res["years"].append({"year": year, "objective": None if over(i) else yobj,
                                 "benefit": None if over(i) else Ut[i],
                                 "budget": {f["id"]: f["_B"][i] for f in S.funds},
                                 "spent": {f: round(m, 6) for f, m in spent.items()}})
            if R:
                res["years"][-1]["actual"] = over(i)
    if R:
        res["replan"] = {"previous_fingerprint": R.fingerprint, "years_over": S.years[:R.T0],
                         "actuals": [os.path.basename(p) for p in R.actual_files]}
        res["moves"] = rolling.moves(S, meta, vals)


def prepared(d, variant=None, replan=None):
    """The scenario read and derived; with `replan` (replan.prepare's options) the previous plan
    and the actuals too."""
    S = load(d, variant)
    derive(S)
    rolling.prepare(S, replan)
    S.hh_ref = hold_harmless_reference(S, d, variant)
    return S


def run(d, variant=None, keep=None, verbose=False, replan=None):
    S = prepared(d, variant, replan)
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
    log = ""
    if f2 or not S.fair.get("maxmin_coverage"):
        obj, const, rows, bounds, ints, meta = build(S, "normal", tstar)
        ok, st, ov, vals, log = solve_lp(write_lp(obj, rows, bounds, ints), keep)
    else:
        ok = False
        st = "INFEASIBLE(phase1)"
    res["glpk_status"] = st
    stopped = not ok and "NON-OPTIMAL" in st and bool(vals)  # a MIP stopped by --tmlim with a solution
    if ok or stopped:
        res["status"] = "optimal" if ok else "feasible"
        report_plan(S, res, meta, vals, ov, const)
        res["maxmin_coverage"] = tstar
        number = r"([-+]?[0-9][0-9.]*(?:e[-+]?[0-9]+)?)"
        bounds_seen = re.findall(r"(?:mip =|>>>>>)\s*" + number + r"\s*>=\s*" + number, log)
        if stopped and bounds_seen:
            res["objective_bound"] = float(bounds_seen[-1][1]) + const
    else:
        res["status"] = "infeasible"
        obj, const, rows, bounds, ints, meta = build(S, "elastic")
        ok2, st2, ov2, vals2, _ = solve_lp(write_lp(obj, rows, bounds, ints), keep and keep + ".el.lp")
        res["elastic_status"] = st2
        res["elastic_total"] = ov2 if ok2 else None  # None: not even the elastic model has a solution
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
    if "--mipgap" in sys.argv:
        MIPGAP = sys.argv[sys.argv.index("--mipgap") + 1]
    if "--tmlim" in sys.argv:
        TMLIM = sys.argv[sys.argv.index("--tmlim") + 1]
    print(json.dumps(run(d, var, keep, replan=rolling.options_from_argv(sys.argv)), indent=1))
