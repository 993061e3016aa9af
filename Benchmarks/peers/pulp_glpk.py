#!/usr/bin/env python3
"""Peer: MODEL.md's plan model in PuLP, solved by GLPK's glpsol (PuLP's GLPK_CMD).

Usage: pulp_glpk.py DIR [--time-limit S] [--gap G] [--msg]
Prints one JSON line (see README.md).
"""
import time

T0 = time.perf_counter()
import math  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

import model  # noqa: E402

PEER = "pulp_glpk"

# glpsol's closing messages (GLPK 5.0), first match wins
VERDICTS = [
    ("TIME LIMIT EXCEEDED", "time_limit"),
    ("INTEGER OPTIMAL SOLUTION FOUND", "optimal"),
    ("RELATIVE MIP GAP TOLERANCE REACHED", "optimal"),  # optimal within the requested gap
    ("OPTIMAL LP SOLUTION FOUND", "optimal"),
    ("NO INTEGER FEASIBLE SOLUTION", "infeasible"),
    ("NO PRIMAL FEASIBLE SOLUTION", "infeasible"),
    ("NO DUAL FEASIBLE SOLUTION", "unbounded"),  # with a primal feasible point: unbounded
]


def verdict(log_path):
    try:
        text = open(log_path, errors="replace").read()
    except OSError:
        return "failed", ""
    for needle, status in VERDICTS:
        if needle in text:
            return status, needle
    return "failed", text.strip().splitlines()[-1] if text.strip() else ""


def solve(prob, pulp, args, extra, workdir):
    """One glpsol run through PuLP. Returns (status, detail, seconds)."""
    log = os.path.join(workdir, "glpsol.log")
    if os.path.exists(log):
        os.remove(log)
    opts = ["--mipgap", repr(args.gap), "--log", log] + extra
    solver = pulp.GLPK_CMD(msg=args.msg, timeLimit=max(1, int(math.ceil(args.time_limit))), options=opts)
    solver.tmpDir = workdir
    t = time.perf_counter()
    try:
        prob.solve(solver)
    except Exception as e:  # glpsol failed or PuLP could not read its answer
        status, detail = verdict(log)
        if status == "failed":
            detail = f"{type(e).__name__}: {e}; {detail}"
        return status if status in ("infeasible", "unbounded") else "failed", detail, time.perf_counter() - t
    status, detail = verdict(log)
    if status == "time_limit" and pulp.LpStatus[prob.status] != "Optimal":
        status = "time_limit_no_solution"  # PuLP maps INTEGER UNDEFINED to Undefined
    return status, detail, time.perf_counter() - t


def main(argv):
    args = model.peer_args(argv, "pulp_glpk.py")
    out = {"peer": PEER, "dir": args.dir, "status": "failed", "objective": None, "benefit_U": None}
    workdir = tempfile.mkdtemp(prefix="peer-pulp-")
    try:
        import pulp
        out["solver"] = f"PuLP {pulp.__version__} + glpsol ({shutil.which('glpsol')})"
        M, t_read, t_model = model.build_from_dir(args.dir)

        t = time.perf_counter()
        prob = pulp.LpProblem("eduplan", pulp.LpMinimize)
        cols = []
        for j in range(M.num_cols):
            lb, ub = M.col_lb[j], M.col_ub[j]
            cols.append(pulp.LpVariable(M.col_name[j], lowBound=None if lb == -math.inf else lb,
                                        upBound=None if ub == math.inf else ub,
                                        cat=pulp.LpInteger if M.col_int[j] else pulp.LpContinuous))
        prob += pulp.lpSum(c * cols[j] for j, c in enumerate(M.col_cost) if c != 0)
        for i in range(M.num_rows):
            expr = pulp.lpSum(v * cols[j] for j, v in zip(M.row_cols[i], M.row_vals[i]))
            s, b = M.row_sense[i], M.row_rhs[i]
            prob += (expr <= b) if s == "L" else (expr >= b) if s == "G" else (expr == b), M.row_name[i]
        t_build = time.perf_counter() - t
        out.update(rows=len(prob.constraints), cols=len(prob.variables()), integers=M.num_integers,
                   nonzeros=M.num_nonzeros, money_scale=M.scale)

        status, detail, t_solve = solve(prob, pulp, args, [], workdir)
        if status == "infeasible":
            # MODEL.md §11: an infeasible verdict reached with the presolver is re-checked without it
            status2, detail2, t2 = solve(prob, pulp, args, ["--nopresol", "--nointopt"], workdir)
            t_solve += t2
            status, detail = status2, detail + " / without presolver: " + detail2
        out.update(status=status, glpsol=detail)
        if status in ("optimal", "time_limit"):
            values = [v.varValue if v.varValue is not None else 0.0 for v in cols]
            model_obj = sum(c * values[j] for j, c in enumerate(M.col_cost) if c != 0)
            out["objective"] = M.objective(model_obj)
            out["benefit_U"] = M.benefit(values)
        out.update(model.phase_seconds(t_read, t_model, t_build, t_solve))
    except model.Unsupported as e:
        out.update(status="unsupported", error=str(e))
    except Exception as e:
        out.update(status="failed", error=f"{type(e).__name__}: {e}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return model.finish(out, T0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
