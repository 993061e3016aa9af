#!/usr/bin/env python3
"""Peer: MODEL.md's plan model passed to HiGHS through highspy (one passModel of the sparse arrays).

Usage: highs.py DIR [--time-limit S] [--gap G] [--msg] [--relaxation]
Prints one JSON line (see README.md). With --relaxation the integers are relaxed (peer `highs_lp`):
its objective is the LP bound of the plain transcription, what issue 17's goal compares eduplan with.
"""
import time

T0 = time.perf_counter()
import sys  # noqa: E402

import model  # noqa: E402

PEER = "highs"


def main(argv):
    args = model.peer_args(argv, "highs.py", relaxation=True)
    out = {"peer": PEER + "_lp" if args.relaxation else PEER, "dir": args.dir, "status": "failed", "objective": None, "benefit_U": None}
    try:
        import highspy
        import numpy as np
        M, t_read, t_model = model.build_from_dir(args.dir)

        t = time.perf_counter()
        h = highspy.Highs()
        out["solver"] = f"highspy {h.version()}"
        h.setOptionValue("output_flag", bool(args.msg))
        h.setOptionValue("mip_rel_gap", float(args.gap))
        h.setOptionValue("time_limit", float(args.time_limit))
        inf = highspy.kHighsInf
        start, index, value = model.csr(M)
        lower = np.array([b if s != "L" else -inf for s, b in zip(M.row_sense, M.row_rhs)], dtype=np.float64)
        upper = np.array([b if s != "G" else inf for s, b in zip(M.row_sense, M.row_rhs)], dtype=np.float64)
        col_lb = np.array(M.col_lb, dtype=np.float64)
        col_ub = np.array(M.col_ub, dtype=np.float64)
        col_lb[np.isneginf(col_lb)] = -inf
        col_ub[np.isposinf(col_ub)] = inf
        integrality = np.array([int(highspy.HighsVarType.kInteger) if i and not args.relaxation
                                else int(highspy.HighsVarType.kContinuous) for i in M.col_int], dtype=np.int32)
        st = h.passModel(M.num_cols, M.num_rows, len(index), int(highspy.MatrixFormat.kRowwise),
                         int(highspy.ObjSense.kMinimize), 0.0,
                         np.array(M.col_cost, dtype=np.float64), col_lb, col_ub, lower, upper,
                         start[:-1].copy(), index, value, integrality)
        if st == highspy.HighsStatus.kError:
            raise RuntimeError("passModel failed")
        t_build = time.perf_counter() - t
        out.update(rows=M.num_rows, cols=M.num_cols, integers=M.num_integers, nonzeros=M.num_nonzeros,
                   money_scale=M.scale)

        t = time.perf_counter()
        h.run()
        t_solve = time.perf_counter() - t
        ms = h.getModelStatus()
        info = h.getInfo()
        feasible = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
        MS = highspy.HighsModelStatus
        if ms == MS.kOptimal:
            status = "optimal"
        elif ms == MS.kTimeLimit:
            status = "time_limit" if feasible else "time_limit_no_solution"
        elif ms == MS.kInfeasible:
            status = "infeasible"
        elif ms in (MS.kUnbounded, MS.kUnboundedOrInfeasible):
            status = "unbounded" if ms == MS.kUnbounded else "infeasible_or_unbounded"
        else:
            status = "failed"
        out.update(status=status, highs_status=h.modelStatusToString(ms))
        if status in ("optimal", "time_limit"):
            values = list(h.getSolution().col_value)
            out["objective"] = M.objective(info.objective_function_value)
            out["benefit_U"] = M.benefit(values)
            if M.num_integers and not args.relaxation:
                out["mip_gap"] = info.mip_gap
        out.update(model.phase_seconds(t_read, t_model, t_build, t_solve))
    except model.Unsupported as e:
        out.update(status="unsupported", error=str(e))
    except Exception as e:
        out.update(status="failed", error=f"{type(e).__name__}: {e}")
    return model.finish(out, T0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
