#!/usr/bin/env python3
"""The benchmark family of issue 17: every province shape of shapes.txt at each size.

For each size N and shape: `eduplan generate --schools N --regions max(20, N/125) --seed 7` plus the
shape's flags (a shape that gives `--regions` keeps its own), `eduplan validate`, `eduplan solve`
undivided, `eduplan solve --schools-per-part P` (P = 2N/5 unless given; `--no-parts` skips it), and,
when Benchmarks/peers/.venv exists, the peers on the same folder: PuLP + glpsol and highspy solving
the integer plan, highspy the LP relaxation (`highs_lp`), each with the same time limit and gap. One process at a time; each row records the
1-minute load when its run started. Writes OUT/family.tsv (one line per run, rewritten after every
shape, so `--resume` can skip the shapes already done after a crash) and OUT/family.md (the table);
`--write` also replaces the section `<!-- SECTION:begin -->` … `<!-- SECTION:end -->` of
Benchmarks/RESULTS.md (`--section`, default `family`). Shapes run in the order `--shapes` names
them; `--report` runs nothing and prints (with `--write`, writes) the tables of OUT/family.tsv.
Standard library only.

Example (what the test suite runs, on a debug build):
  Benchmarks/family/run.sh --sizes 300 --eduplan .build/debug/eduplan --out /tmp/family --no-peers
With the peers, resumable, as Benchmarks/RESULTS.md's section family-large was made:
  Benchmarks/family/run.sh --sizes 5000,15000 --no-parts --out /tmp/family --resume
  Benchmarks/family/run.sh --out /tmp/family --report --write --section family-large
"""
import argparse
import datetime
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "peers"))
import run as peers  # noqa: E402  (timed, last_json, set_solver, agreement: shared, not copied)

FIELDS = ["schools", "shape", "solver", "status", "objective", "benefit", "gap", "wall_s", "peak_mb",
          "parts", "parts_status", "parts_objective", "parts_benefit", "certified_gap", "parts_wall_s", "load",
          "glpk_s", "solve_s", "note"]
# What each peer runs in Benchmarks/peers: the integer plan by PuLP + glpsol and by highspy, and
# highspy's LP relaxation of the same plain transcription (the bound issue 17's goal compares with).
PEER_RUNS = {"pulp_glpk": ["pulp_glpk.py"], "highs": ["highs.py"], "highs_lp": ["highs.py", "--relaxation"]}


def shapes(path):
    """(name, flags) per line of shapes.txt, comments and blank lines skipped."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            name, *flags = shlex.split(line)
            out.append((name, flags))
    return out


def generate_defaults(size, flags):
    """The family's own generator settings that the shape's flags do not set: `--regions max(20, N/125)`
    unless the shape names its counties (issue-case: 100 at every size)."""
    return [] if "--regions" in flags else ["--regions", str(max(20, size // 125))]


def eduplan_run(binary, folder, extra, wall_limit, stem):
    """One `eduplan solve --format json --verbose` under /usr/bin/time (GLPK's log kept in STEM.json.stderr,
    seconds in GLPK in STEM-timings.json): (result JSON or None, wall, peak, note, GLPK seconds)."""
    out, timings = stem + ".json", stem + "-timings.json"
    cmd = [binary, "solve", folder, "--format", "json", "--verbose", "--timings", timings] + extra
    rc, wall, peak, tail = peers.timed(cmd, out, wall_limit)
    result = peers.last_json(out)
    note = "" if rc in (0, 2) else (f"killed at {wall_limit:.0f} s" if rc is None else f"exit {rc}: {tail}")
    return result, wall, peak, note, peers.timings_of(timings)


def rounding_note(stderr_path):
    """Which of eduplan's MIPs had a fractional relaxation: the dispatch rounding heuristic runs exactly there and
    `--verbose` logs it as `dispatch rounding (LABEL): …`; "" when none (every relaxation integral)."""
    try:
        text = open(stderr_path, encoding="utf-8", errors="replace").read()
    except OSError:
        return ""
    labels = list(dict.fromkeys(re.findall(r"dispatch rounding \(([^)]*)\)", text)))
    return "relaxation fractional, rounding heuristic ran: " + ", ".join(labels) if labels else ""


def phase_note(timings):
    """eduplan's phases that took a tenth of its wall time or more (from `solve --timings`), in its order."""
    wall = timings.get("wall_seconds") or 0
    big = [p for p in timings.get("phases", []) if wall and p["seconds"] >= 0.1 * wall]
    return " · ".join(f"{p['name']} {p['seconds']:.{1 if p['seconds'] >= 1 else 2}f} s" +
                      (" (beside)" if p.get("concurrent") else "") for p in big)


def lp_bound_check(result, whole, tol):
    """A relaxation's objective is a lower bound of the integer optimum: eduplan's plan may sit above it
    (by at most the integrality gap), never below."""
    eo, lo = whole.get("objective"), result.get("objective")
    if whole.get("status") not in ("optimal", "feasible") or eo is None or lo is None:
        return f"no comparison (eduplan {whole.get('status')}, LP {result.get('status')})"
    above = (eo - lo) / max(1.0, abs(eo))
    if above < -tol:
        return f"**NO**: eduplan {-above:.1e} below the LP bound"
    return "LP bound = eduplan's optimum" if abs(above) <= 1e-9 else f"LP bound; eduplan {above:.1e} above it"


def peer_rows(args, size, name, folder, stem, whole):
    """Each peer on the shape's folder, one after the other, with its agreement with eduplan's plan."""
    rows = []
    for peer in args.peers:
        out = stem + f"-{peer}.json"
        script, *flags = PEER_RUNS[peer]
        cmd = [peers.VPY, os.path.join(HERE, "..", "peers", script), folder, *flags,
               "--time-limit", str(args.time_limit), "--gap", str(args.gap)]
        load = os.getloadavg()[0]
        rc, pwall, ppeak, tail = peers.timed(cmd, out, args.time_limit + 600)
        result = peers.last_json(out) or {}
        if peer == "highs_lp":
            text = lp_bound_check(result, whole, max(1e-6, args.gap))
        else:
            text = peers.agreement(result, whole, max(1e-6, args.gap))[0]
        if result.get("status") == "unsupported":
            text = (result.get("error") or "").split(" (only")[0]
        rows.append({"schools": size, "shape": name, "solver": peer, "status": result.get("status") or
                     ("killed" if rc is None else "failed"), "objective": result.get("objective"),
                     "benefit": result.get("benefit_U"), "gap": result.get("mip_gap"), "wall_s": pwall,
                     "peak_mb": ppeak, "load": load, "solve_s": result.get("solve_s"),
                     "note": text if result else f"exit {rc}: {tail}"})
        peers.log(f"  {peer}: {rows[-1]['status']} in {pwall:.1f} s; {rows[-1]['note']}")
    return rows


def one_shape(args, size, name, flags):
    """The rows of one (size, shape): eduplan undivided with its parts run beside it, then each peer."""
    folder = os.path.join(args.out, str(size), name)
    shutil.rmtree(folder, ignore_errors=True)
    generate = [args.eduplan, "generate", "--schools", str(size), "--seed", str(args.seed), "--out", folder, "--quiet"]
    generate += generate_defaults(size, flags) + flags
    subprocess.run(generate, check=True)
    peers.set_solver(os.path.join(folder, "scenario.yaml"), args.time_limit, args.gap)
    subprocess.run([args.eduplan, "validate", folder, "--quiet"], check=True)
    stem = os.path.join(args.out, str(size), name)
    load = os.getloadavg()[0]
    whole, wall, peak, note, timings = eduplan_run(args.eduplan, folder, [], args.time_limit * 3, stem + "-whole")
    peers.log(f"  eduplan: {(whole or {}).get('status')} in {wall:.1f} s {note}")
    split, part_wall, part_note = None, None, ""
    if not args.no_parts:
        part_size = args.schools_per_part or max(1, 2 * size // 5)
        # In parts: up to four passes and a re-split, each solving every part (two at a time) within the
        # time limit, and the undivided solve when the parts give no plan.
        split, part_wall, _, part_note, _ = eduplan_run(args.eduplan, folder, ["--schools-per-part", str(part_size)],
                                                        args.time_limit * 10, stem + "-parts")
    whole, split = whole or {}, split or {}
    decomposition = split.get("decomposition") or {}
    rows = [{
        "schools": size, "shape": name, "solver": "eduplan", "status": whole.get("status") or note.split(":")[0],
        "objective": whole.get("objective"), "benefit": whole.get("benefit"), "gap": whole.get("relative_gap"),
        "wall_s": wall, "peak_mb": peak, "parts": len(decomposition.get("parts") or []) or None,
        "parts_status": split.get("status"), "parts_objective": split.get("objective"),
        "parts_benefit": split.get("benefit"), "certified_gap": decomposition.get("certified_gap"),
        "parts_wall_s": part_wall, "load": load, "glpk_s": timings.get("glpk_seconds"),
        "note": "; ".join(n for n in (note, part_note, rounding_note(stem + "-whole.json.stderr"), phase_note(timings)) if n),
    }]
    return rows + peer_rows(args, size, name, folder, stem, whole)


def number(v, digits=2):
    if v is None or v == "":
        return "–"
    if isinstance(v, float) and abs(v) < 1e-2 and v != 0:
        return f"{v:.1e}"
    return f"{v:,.{digits}f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)


def ratio(numerator, denominator):
    return numerator / denominator if numerator and denominator else None


SOLVER_ORDER = ["eduplan", *PEER_RUNS]


def ordered(rows):
    """The rows by size and shape in the order their eduplan rows came, each shape's solvers in SOLVER_ORDER."""
    firsts = {}
    for r in rows:
        if r["solver"] == "eduplan":
            firsts.setdefault((r["schools"], r["shape"]), len(firsts))
    kept = [r for r in rows if (r["schools"], r["shape"]) in firsts]
    return sorted(kept, key=lambda r: (firsts[(r["schools"], r["shape"])], SOLVER_ORDER.index(r["solver"])))


def by_size(rows, render):
    """RENDER's table for each size's rows in turn, each under its size."""
    sizes = sorted({r["schools"] for r in rows})
    return "\n\n".join(f"**{size:,} schools**\n\n" + render([r for r in rows if r["schools"] == size]) for size in sizes)


def earlier_mark(r):
    return " (earlier run)" if r.get("earlier") else ""


def table(rows):
    """The markdown table: per run, undivided and in parts, the real loss of the parts beside the certificate;
    on eduplan's row the two ratios of issue 17's goal (eduplan ÷ HiGHS LP relaxation, PuLP + glpsol ÷ eduplan)."""
    lines = ["| schools | shape | solver | status | wall s | ÷ HiGHS LP | PuLP ÷ eduplan | load | peak MB | gap | parts | "
             "in parts | parts wall s | loss in parts (of U) | certified | note |",
             "| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"]
    # a peer's wall time counts for a ratio only when it solved (optimal, or a plan at its time limit)
    walls = {(r["schools"], r["shape"], r["solver"]): r.get("wall_s") for r in rows
             if r["solver"] == "eduplan" or r.get("status") in ("optimal", "time_limit", "time_limit_no_solution")}
    for r in ordered(rows):
        loss = None
        if r.get("parts_objective") is not None and r.get("objective") is not None and r.get("benefit"):
            loss = (r["parts_objective"] - r["objective"]) / abs(r["benefit"])
        key = (r["schools"], r["shape"])
        ours = r["solver"] == "eduplan"
        vs_lp = ratio(r.get("wall_s"), walls.get(key + ("highs_lp",))) if ours else None
        pulp = ratio(walls.get(key + ("pulp_glpk",)), r.get("wall_s")) if ours else None
        lines.append("| " + " | ".join([
            number(r["schools"]), r["shape"], r["solver"], str(r.get("status")) + earlier_mark(r), number(r.get("wall_s")),
            number(vs_lp), number(pulp), number(r.get("load")),
            number(r.get("peak_mb"), 0), number(r.get("gap")), number(r.get("parts")), str(r.get("parts_status") or "–"),
            number(r.get("parts_wall_s")), number(loss), number(r.get("certified_gap")), r.get("note") or ""]) + " |")
    return "\n".join(lines)


def goal_row(r, runs):
    """One shape's line of the goals table and its two ratios (eduplan ÷ HiGHS LP, PuLP ÷ eduplan; None when
    not measured)."""
    key = (r["schools"], r["shape"])
    peer = {p: runs.get(key + (p,), {}) for p in PEER_RUNS}
    solved = {p: v.get("wall_s") if v.get("status") in ("optimal", "time_limit", "time_limit_no_solution")
              else None for p, v in peer.items()}
    # a peer stopped by its time limit: its time is a floor, and so is the ratio with it as numerator
    limited = {p: str(peer[p].get("status")).startswith("time_limit") for p in PEER_RUNS}
    shown = {p: (number(solved[p]) + (f" ({peer[p]['status']})" if limited[p] else "") + earlier_mark(peer[p]))
             if solved[p] else str(peer[p].get("status") or "–") for p in PEER_RUNS}
    lp_alone = solved["highs_lp"] and peer["highs_lp"].get("solve_s")
    vs_lp, pulp = ratio(r.get("wall_s"), solved["highs_lp"]), ratio(solved["pulp_glpk"], r.get("wall_s"))
    line = "| " + " | ".join([
        number(r["schools"]), r["shape"], number(r.get("wall_s")) + ("" if r.get("status") == "optimal" else f" ({r.get('status')})"),
        shown["highs_lp"] + (f" ({number(lp_alone)})" if lp_alone else ""),
        number(vs_lp), number(ratio(r.get("wall_s"), lp_alone)), shown["pulp_glpk"],
        ("≥ " if limited["pulp_glpk"] else "") + number(pulp), shown["highs"], number(r.get("load"))]) + " |"
    return line, vs_lp, pulp


def goals(rows):
    """Issue 17's goals per (size, shape): eduplan's whole solve against HiGHS's LP relaxation (goal: ≤ 1), both
    against its whole process and against its solve alone (without the peers' Python reading of the scenario),
    and PuLP + glpsol's integer solve against eduplan (goal: ≥ 10), with highspy's integer solve beside them;
    under the table, how many shapes meet each goal and the worst shape of each."""
    runs = {(r["schools"], r["shape"], r["solver"]): r for r in rows}
    lines = ["| schools | shape | eduplan s | HiGHS LP s (solve alone) | eduplan ÷ HiGHS LP (goal ≤ 1) | "
             "eduplan ÷ HiGHS LP solve alone | PuLP + glpsol s | PuLP ÷ eduplan (goal ≥ 10) | HiGHS MIP s | load |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    against_lp, against_pulp = [], []
    for r in ordered(rows):
        if r["solver"] == "eduplan":
            line, vs_lp, pulp = goal_row(r, runs)
            lines.append(line)
            against_lp += [(vs_lp, r["shape"])] if vs_lp else []
            against_pulp += [(pulp, r["shape"])] if pulp else []
    summary = []
    if against_lp:
        worst = max(against_lp)
        summary.append(f"eduplan ≤ HiGHS LP on {sum(v <= 1 for v, _ in against_lp)} of {len(against_lp)} shapes, "
                       f"worst {worst[1]} ({number(worst[0])})")
    if against_pulp:
        worst = min(against_pulp)
        summary.append(f"PuLP + glpsol ≥ 10 × eduplan on {sum(v >= 10 for v, _ in against_pulp)} of {len(against_pulp)}, "
                       f"worst {worst[1]} ({number(worst[0])})")
    return "\n".join(lines) + ("\n\nGoals: " + "; ".join(summary) + "." if summary else "")


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(FIELDS) + "\n")
        for r in rows:
            f.write("\t".join("" if r.get(k) is None else repr(r[k]) if isinstance(r[k], float) else str(r[k])
                              for k in FIELDS) + "\n")


def read_tsv(path):
    """The rows of an earlier run's family.tsv, numbers as numbers (what write_tsv wrote)."""
    def value(text):
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
        return text or None
    lines = open(path, encoding="utf-8").read().splitlines()
    header = lines[0].split("\t")
    return [{k: None if v == "" else v if k in ("shape", "solver", "status", "note") else value(v)
             for k, v in zip(header, line.split("\t"))} for line in lines[1:] if line]


def earlier_rows(path, rows):
    """The rows of the earlier run at PATH for the (size, shape, solver) the rows lack, each marked `earlier` (the
    tables say so beside its time), in the order of the sizes and shapes the rows have."""
    have = {(r["schools"], r["shape"], r["solver"]) for r in rows}
    shapes_run = {(r["schools"], r["shape"]) for r in rows}
    earlier = [dict(r, earlier=True) for r in read_tsv(path)
               if (r["schools"], r["shape"]) in shapes_run and (r["schools"], r["shape"], r["solver"]) not in have]
    return earlier


def write_results(args, text):
    """Replaces the section `<!-- SECTION:begin -->` … `<!-- SECTION:end -->` of RESULTS.md (appends it when missing)."""
    begin, end = f"<!-- {args.section}:begin -->", f"<!-- {args.section}:end -->"
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = (f"{begin}\nWritten by `Benchmarks/family/run.sh {' '.join(shlex.quote(a) for a in sys.argv[1:])}`, "
             f"{when}, 1-minute load {os.getloadavg()[0]:.2f} at the end; peers: {', '.join(args.peers) or ('none (--no-peers)' if args.no_peers else 'not installed')}."
             f"\n\n{text}\n{end}")
    results = open(peers.RESULTS, encoding="utf-8").read()
    if begin in results:
        results = results[:results.index(begin)] + block + results[results.index(end) + len(end):]
    else:
        results = results.rstrip("\n") + "\n\n## The benchmark family (issue 17)\n\n" + block + "\n"
    open(peers.RESULTS, "w", encoding="utf-8").write(results)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,15000", help="school counts, comma separated (default 5000,15000)")
    ap.add_argument("--shapes", default=None, help="only these shapes, in this order, comma separated (default: all of shapes.txt)")
    ap.add_argument("--schools-per-part", type=int, default=None, help="part size (default 2N/5)")
    ap.add_argument("--no-parts", action="store_true", help="skip the solve in parts")
    ap.add_argument("--time-limit", type=float, default=600, help="every solver's time limit, seconds (default 600)")
    ap.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap for every solver (default 1e-4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--eduplan", default=os.environ.get("EDUPLAN", os.path.join(peers.ROOT, ".build", "release", "eduplan")))
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work folder (default Benchmarks/family/out)")
    ap.add_argument("--no-peers", action="store_true", help="eduplan only, even when the peers' .venv exists")
    ap.add_argument("--peers", default=",".join(PEER_RUNS),
                    help=f"the peers to run, comma separated (default {','.join(PEER_RUNS)})")
    ap.add_argument("--resume", action="store_true", help="keep OUT/family.tsv's rows and skip the shapes it has")
    ap.add_argument("--reuse", default=None, metavar="TSV",
                    help="an earlier run's family.tsv: its rows for the (size, shape, solver) this run lacks join the "
                         "tables, marked as from an earlier run")
    ap.add_argument("--report", action="store_true", help="run nothing: print (and --write) the tables of OUT/family.tsv")
    ap.add_argument("--write", action="store_true", help="replace the section --section of Benchmarks/RESULTS.md")
    ap.add_argument("--section", default="family", help="the RESULTS.md markers --write replaces (default family)")
    args = ap.parse_args()
    chosen = args.peers.split(",") if args.peers else []
    for peer in chosen:
        if peer not in PEER_RUNS:
            sys.exit(f"unknown peer {peer!r} (known: {', '.join(PEER_RUNS)})")
    args.peers = [] if args.no_peers or not os.path.exists(peers.VPY) else chosen
    known = dict(shapes(os.path.join(HERE, "shapes.txt")))
    names = args.shapes.split(",") if args.shapes else list(known)
    for name in names:
        if name not in known:
            sys.exit(f"unknown shape {name!r} (shapes.txt has {', '.join(known)})")
    os.makedirs(args.out, exist_ok=True)
    tsv = os.path.join(args.out, "family.tsv")
    rows = read_tsv(tsv) if (args.resume or args.report) and os.path.exists(tsv) else []
    if args.report:
        names = []
    done = {(r["schools"], r["shape"]) for r in rows if r["solver"] == "eduplan"}
    for size in [int(s) for s in args.sizes.split(",")]:
        for name in names:
            if (size, name) in done:
                continue
            peers.log(f"{size} schools, {name} (1-minute load {os.getloadavg()[0]:.2f})")
            rows += one_shape(args, size, name, known[name])
            write_tsv(tsv, rows)
    if not args.report:
        write_tsv(tsv, rows)
    shown = rows + (earlier_rows(args.reuse, rows) if args.reuse else [])
    text = by_size(shown, goals) + "\n\n" + by_size(shown, table) if args.peers else by_size(shown, table)
    open(os.path.join(args.out, "family.md"), "w", encoding="utf-8").write(text + "\n")
    print(text)
    if args.write:
        write_results(args, text)


if __name__ == "__main__":
    main()
