"""MODEL.md's plan model, written plainly, in a solver-neutral sparse form.

The scenario is read and its derived quantities (π, N, h, candidate pairs P) computed by the
independent oracle (tools/oracle/oracle.py: `load`, `derive`, `fund_regions`), imported, not
copied. This module then writes the §3–§6 formulation as a straight transcription, once, as
columns (bounds, cost, integrality) and rows (sense, right-hand side, sparse coefficients):

  columns  x_{s,k} ∈ [0, N_{s,k}] (N > 0, k ≠ dispatch; mandatory k: x = N by bounds,
           hard F1: lower bound α_k N_{s,k}), z_{f,k,r} ≥ 0, y_{g,s} integer in [0, min(c_g, h)]
           for every candidate pair, u_{s,j} ∈ [0, h_{s,j}] (h > 0), F5's X and e_s, soft slacks
  rows     balance per (category, region) and dispatch balance per region, budget ≤ B and
           (when m_f > 0) ≥ m_f B as two rows, supply per group, shortage per (school, subject)
           with its u column, soft F1 rows, F3, F4 (multiplied through by n_R, as §11 allows),
           F5 (X = Σ X_s, two e_s rows per school, Σ e_s ≤ 2 H X)

Only the base scenario is built (no variant, no re-planning) with the fairness rules F1, F3,
F4, F5, hard or soft; F2, F6 and F7 raise `Unsupported`.

Money is scaled inside the model by an exact power of two (MODEL.md §11, "Numerics"): model
money = scenario money × S with S = 2^round(10 − log2(largest amount)), the largest amount being
the largest fund or school need, so that a 1e9 budget becomes about 1e3 and scaling loses no
bits. The model objective is then S × (the §5 objective − Σ π ω N); `objective()` turns a solver's
objective value back into the §5 value in scenario units, constant included, so it compares
directly with eduplan's `objective`. Soft slacks are in their §11 units (money, or money per
pupil for F4), scaled by the same S, so their penalties keep their scenario values.
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.normpath(os.path.join(HERE, "..", "..", "tools", "oracle"))
sys.path.insert(0, ORACLE)
from oracle import load, derive, fund_regions  # noqa: E402  (the independent reader; not copied)

SUPPORTED_RULES = ("coverage_floor", "poverty_county_share", "rural_parity", "hoover")
UNSUPPORTED_RULES = {
    "maxmin_coverage": "F2 (max-min coverage, two phases)",
    "shortage_cap": "F6 (shortage cap)",
    "dispatch_county_share": "F7 (dispatch county share)",
}
INF = math.inf


class Unsupported(Exception):
    """The scenario asks for something these peers do not model (F2, F6, F7, variants, re-planning)."""


class LinearModel:
    """Columns and rows of one MIP: minimise Σ cost·col subject to rows and bounds."""

    def __init__(self):
        self.col_name, self.col_lb, self.col_ub, self.col_cost, self.col_int = [], [], [], [], []
        self.row_name, self.row_sense, self.row_rhs = [], [], []  # sense: "L" (≤), "G" (≥), "E" (=)
        self.row_cols, self.row_vals = [], []
        self.scale = 1.0  # model money per scenario money (a power of two)
        self.constant = 0.0  # Σ π ω N, scenario units: what the model objective leaves out
        self.benefit_constant = 0.0  # Σ π ω_dispatch V h
        self.benefit_cols, self.benefit_vals = [], []  # U = benefit_constant + Σ vals·col (scenario units)

    def add_col(self, name, lb, ub, cost=0.0, integer=False):
        self.col_name.append(name)
        self.col_lb.append(lb)
        self.col_ub.append(ub)
        self.col_cost.append(cost)
        self.col_int.append(integer)
        return len(self.col_name) - 1

    def add_row(self, name, cols, vals, sense, rhs):
        self.row_name.append(name)
        self.row_cols.append(list(cols))
        self.row_vals.append(list(vals))
        self.row_sense.append(sense)
        self.row_rhs.append(rhs)
        return len(self.row_name) - 1

    @property
    def num_cols(self):
        return len(self.col_name)

    @property
    def num_rows(self):
        return len(self.row_name)

    @property
    def num_integers(self):
        return sum(self.col_int)

    @property
    def num_nonzeros(self):
        return sum(len(c) for c in self.row_cols)

    def objective(self, model_objective):
        """The §5 objective in scenario units (constant included) from the model's optimum."""
        return model_objective / self.scale + self.constant

    def benefit(self, values):
        """U (§5) in scenario units from the column values."""
        return self.benefit_constant + sum(v * values[j] for j, v in zip(self.benefit_cols, self.benefit_vals))

    def row_bounds(self, i):
        s, b = self.row_sense[i], self.row_rhs[i]
        return (-INF, b) if s == "L" else (b, INF) if s == "G" else (b, b)


def money_scale(S):
    """2^round(10 − log2(largest money amount)): exact, and brings 1e9 budgets near 1e3."""
    largest = max([float(f["amount"]) for f in S.funds] + [sum(s["_N"].values()) for s in S.schools] + [1.0])
    return 2.0 ** round(10 - math.log2(largest))


def read_scenario(d):
    """Loads and derives (oracle code), refusing what the peers do not model."""
    S = load(d)
    fair = S.fair or {}
    for key in fair:
        if key in UNSUPPORTED_RULES:
            raise Unsupported(f"fairness rule {key} = {UNSUPPORTED_RULES[key]} is not modelled by the peers "
                              f"(only {', '.join(SUPPORTED_RULES)})")
        if key not in SUPPORTED_RULES:
            raise Unsupported(f"unknown fairness rule {key!r}")
        r = fair[key] or {}
        if r.get("mode", "hard") == "soft" and (r.get("penalty") is None or float(r["penalty"]) < 0):
            raise ValueError(f"soft rule {key} needs a penalty >= 0")
    derive(S)
    return S


def build(S):
    """MODEL.md §3–§6 for the base scenario S (loaded and derived). Returns a LinearModel."""
    M = LinearModel()
    scale = money_scale(S)
    M.scale = scale
    cats = S.cats
    catw = {c["id"]: float(c["weight"]) for c in cats}
    mand = {c["id"]: bool(c.get("mandatory", False)) for c in cats}
    has_dispatch = "dispatch" in catw
    wd = catw.get("dispatch", 0.0)
    V = float(S.dispatch.get("value_per_teacher", 0) or 0)
    lam = float(S.dispatch.get("travel_penalty_per_km", 0) or 0)
    integer = S.dispatch.get("integer", True)
    if isinstance(integer, str):
        integer = integer.strip().lower() in ("true", "yes", "1")
    fair = S.fair or {}

    def rule(key):
        r = fair.get(key)
        if r is None:
            return None
        r = dict(r)
        r.setdefault("mode", "hard")
        return r

    def soft_slack(name, r):
        """A soft rule's slack column (cost: its penalty) or None for a hard rule."""
        if r["mode"] != "soft":
            return None
        return M.add_col(name, 0.0, INF, float(r["penalty"]))

    f1 = rule("coverage_floor")
    alpha = {k: float(a) for k, a in ((f1 or {}).get("alpha") or {}).items()}
    for k in alpha:
        if k not in catw or k == "dispatch":
            raise ValueError(f"coverage_floor names {k!r}, not a money category")

    # x_{s,k}; X_cols[s] = columns of X_s (every k ≠ dispatch)
    region_of = [s["region"] for s in S.schools]
    X_cols = [[] for _ in S.schools]
    bal = {}  # (k, r) -> columns with +1
    soft_f1 = []
    for i, s in enumerate(S.schools):
        pi = s["_pi"]
        for k, N in s["_N"].items():
            if N <= 0:
                continue
            lb = N * scale if mand[k] else 0.0
            if f1 and k in alpha and f1["mode"] == "hard" and not mand[k]:
                lb = alpha[k] * N * scale
            j = M.add_col(f"x{M.num_cols}", lb, N * scale, -pi * catw[k])
            M.constant += pi * catw[k] * N
            M.benefit_cols.append(j)
            M.benefit_vals.append(pi * catw[k] / scale)
            X_cols[i].append(j)
            bal.setdefault((k, region_of[i]), []).append(j)
            if f1 and k in alpha and f1["mode"] == "soft":
                soft_f1.append((j, alpha[k] * N * scale))

    # z_{f,k,r}
    zcols = {}  # (k, r) -> columns
    fund_cols = []
    for f in S.funds:
        cols = []
        for k in f["categories"]:
            for r in fund_regions(S, f):
                j = M.add_col(f"z{M.num_cols}", 0.0, INF)
                zcols.setdefault((k, r), []).append(j)
                cols.append(j)
        fund_cols.append(cols)

    # y_{g,s} over every candidate pair, u_{s,j} where h > 0
    group = {g["id"]: g for g in S.teachers}
    school_index = {s["id"]: i for i, s in enumerate(S.schools)}
    ycols_group = {}
    ycols_short = {}  # (school index, subject) -> columns
    dispatch_bal = {}  # region -> (columns, coefficients)
    for gid, sid, dist in S.P:
        g = group[gid]
        i = school_index[sid]
        subj = g["subject"]
        ub = min(float(g["count"]), S.schools[i]["_h"][subj])
        j = M.add_col(f"y{M.num_cols}", 0.0, ub, lam * dist * scale, bool(integer))
        ycols_group.setdefault(gid, []).append(j)
        ycols_short.setdefault((i, subj), []).append(j)
        cols, vals = dispatch_bal.setdefault(region_of[i], ([], []))
        cols.append(j)
        vals.append(float(g["annual_cost"]) * scale)
    shortage = []
    for i, s in enumerate(S.schools):
        for subj, h in s["_h"].items():
            if h > 0:
                j = M.add_col(f"u{M.num_cols}", 0.0, h, s["_pi"] * wd * V * scale)
                M.benefit_constant += s["_pi"] * wd * V * h
                M.benefit_cols.append(j)
                M.benefit_vals.append(-s["_pi"] * wd * V)
                shortage.append((i, subj, h, j))

    # 1. balance: Σ_{s∈r} x_{s,k} = Σ_f z_{f,k,r}; dispatch: Σ a_g y = Σ_f z_{f,dispatch,r}
    for k in catw:
        for r in S.regions:
            if k == "dispatch":
                cols, vals = dispatch_bal.get(r, ([], []))
                cols, vals = list(cols), list(vals)
            else:
                cols = list(bal.get((k, r), []))
                vals = [1.0] * len(cols)
            zc = zcols.get((k, r), [])
            if not cols and not zc:
                continue
            M.add_row(f"bal{M.num_rows}", cols + zc, vals + [-1.0] * len(zc), "E", 0.0)
    # 2. budgets
    for f, cols in zip(S.funds, fund_cols):
        if not cols:
            continue
        B = float(f["amount"]) * scale
        m = float(f.get("min_spend", 0) or 0)
        M.add_row(f"bud{M.num_rows}", cols, [1.0] * len(cols), "L", B)
        if m > 0:
            M.add_row(f"min{M.num_rows}", cols, [1.0] * len(cols), "G", m * B)
    # 3. supply
    for g in S.teachers:
        cols = ycols_group.get(g["id"], [])
        if cols:
            M.add_row(f"sup{M.num_rows}", cols, [1.0] * len(cols), "L", float(g["count"]))
    # 4. shortage: Σ_g y_{g,s} + u_{s,j} = h_{s,j}
    for i, subj, h, u in shortage:
        cols = ycols_short.get((i, subj), [])
        M.add_row(f"sh{M.num_rows}", cols + [u], [1.0] * (len(cols) + 1), "E", h)
    # 5. mandatory: by bounds (above). Fairness:
    # F1 soft: x + slack ≥ α N (hard F1 is the lower bound above)
    for j, rhs in soft_f1:
        sl = soft_slack(f"sF1_{M.num_cols}", f1)
        M.add_row(f"F1_{M.num_rows}", [j, sl], [1.0, 1.0], "G", rhs)
    # F3: Σ_s ([r(s) designated] − β) X_s + slack ≥ 0
    r = rule("poverty_county_share")
    if r:
        ds = [d.lower() for d in r.get("designations", ["national", "provincial"])]
        b = float(r["share"])
        cols, vals = [], []
        for i, s in enumerate(S.schools):
            c = (1.0 if S.regions[region_of[i]]["designation"] in ds else 0.0) - b
            cols += X_cols[i]
            vals += [c] * len(X_cols[i])
        sl = soft_slack("sF3", r)
        if sl is not None:
            cols.append(sl)
            vals.append(1.0)
        M.add_row("F3", cols, vals, "G", 0.0)
    # F4, multiplied through by n_R: Σ_rural X_s − γ n_R/n_U Σ_urban X_s + n_R·slack ≥ 0
    # (slack in money per pupil, as §11 says)
    r = rule("rural_parity")
    if r:
        gamma = float(r.get("gamma", 1.0))
        nR = sum(s["_n"] for s in S.schools if s["_rural"])
        nU = sum(s["_n"] for s in S.schools if not s["_rural"])
        if nR > 0 and nU > 0:
            cols, vals = [], []
            for i, s in enumerate(S.schools):
                c = 1.0 if s["_rural"] else -gamma * nR / nU
                cols += X_cols[i]
                vals += [c] * len(X_cols[i])
            sl = soft_slack("sF4", r)
            if sl is not None:
                cols.append(sl)
                vals.append(nR)
            M.add_row("F4", cols, vals, "G", 0.0)
    # F5 with one extra column X = Σ_s X_s
    r = rule("hoover")
    if r:
        H = float(r["max"])
        Nall = [sum(s["_N"].values()) for s in S.schools]
        tot = sum(Nall)
        if tot <= 0:
            raise ValueError("hoover: the total need is 0, need shares are undefined")
        XT = M.add_col("XT", 0.0, INF)
        allx = [j for cols in X_cols for j in cols]
        M.add_row("F5X", allx + [XT], [1.0] * len(allx) + [-1.0], "E", 0.0)
        ecols = []
        for i in range(len(S.schools)):
            p = Nall[i] / tot
            e = M.add_col(f"e{M.num_cols}", 0.0, INF)
            ecols.append(e)
            xs = X_cols[i]
            M.add_row(f"F5a{M.num_rows}", [e] + xs + [XT], [1.0] + [-1.0] * len(xs) + [p], "G", 0.0)
            M.add_row(f"F5b{M.num_rows}", [e] + xs + [XT], [1.0] + [1.0] * len(xs) + [-p], "G", 0.0)
        cols, vals = ecols + [XT], [1.0] * len(ecols) + [-2.0 * H]
        sl = soft_slack("sF5", r)
        if sl is not None:
            cols.append(sl)
            vals.append(-1.0)
        M.add_row("F5", cols, vals, "L", 0.0)
    return M


def phase_seconds(read, model, build, solve):
    """The peer's in-process phases, rounded for its JSON line."""
    return {"read_s": round(read, 4), "model_s": round(model, 4), "build_s": round(build, 4), "solve_s": round(solve, 4)}


def finish(out, started):
    """Adds the total, prints the peer's one JSON line and returns its exit code."""
    import json
    import time
    out["total_s"] = round(time.perf_counter() - started, 4)
    print(json.dumps(out), flush=True)
    return 0 if out["status"] in ("optimal", "time_limit") else 1


def build_from_dir(d):
    """The neutral model of folder d, with the seconds spent reading and building it."""
    import time
    t = time.perf_counter()
    S = read_scenario(d)
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    M = build(S)
    return M, t_read, time.perf_counter() - t


def csr(M):
    """(start, index, value) arrays of the row-wise matrix, as numpy arrays."""
    import numpy as np
    lengths = np.fromiter((len(c) for c in M.row_cols), dtype=np.int32, count=M.num_rows)
    start = np.zeros(M.num_rows + 1, dtype=np.int32)
    np.cumsum(lengths, out=start[1:])
    nnz = int(start[-1])
    index = np.fromiter((j for c in M.row_cols for j in c), dtype=np.int32, count=nnz)
    value = np.fromiter((v for c in M.row_vals for v in c), dtype=np.float64, count=nnz)
    return start, index, value


def peer_args(argv, name, relaxation=False):
    """The peers' common command line; `relaxation` adds --relaxation (the LP without integers)."""
    import argparse
    p = argparse.ArgumentParser(prog=name, description="Solve a scenario folder's base plan (MODEL.md) with one peer.")
    if relaxation:
        p.add_argument("--relaxation", action="store_true",
                       help="solve the LP relaxation only (every column continuous); the peer is then named <peer>_lp")
    p.add_argument("dir", help="scenario folder")
    p.add_argument("--time-limit", type=float, default=600.0, help="seconds (default 600)")
    p.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap (default 1e-4)")
    p.add_argument("--msg", action="store_true", help="show the solver's log on stderr")
    return p.parse_args(argv)
