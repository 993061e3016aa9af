#!/usr/bin/env python3
"""Whole-process runs of eduplan at province and country scale (issue 8).

For each size N: `eduplan generate --schools N --regions max(20, N//125) --seed 7` (the same
provinces as Benchmarks/peers/run.py), the scenario's time limit raised, then under
`/usr/bin/time -f '%e %M'`:

- `eduplan solve DIR --format json --timings T` (undivided) when N <= --undivided-max;
- `eduplan solve DIR --format json --timings T --schools-per-part P` (decomposed) when
  N >= --decompose-from;

and the demo province (`scenarios/jiangxi-2024`). Each row: the plan model's size, status, the
gap on U (relative_gap: MIP gap for an undivided solve, the certified gap for a decomposed one),
wall seconds, peak MB, and the time of every phase from `solve --timings` (load, derive, build,
load + solve in GLPK, read, price of fairness, metrics, output), with eduplan's own share.

`--sweep N` also times a 21-step budget sweep (`--fund all --from 0.5 --to 1.5 --steps 21
--jobs 2`) on the N-school province against one cold solve of the same scenario.

Prints a markdown table; --write replaces the section between `<!-- scale:begin -->` and
`<!-- scale:end -->` of Benchmarks/RESULTS.md. Standard library only.
"""
import argparse
import datetime
import json
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def log(msg):
    print(f"[scale] {msg}", file=sys.stderr, flush=True)


def timed(cmd, stdout_path):
    """Runs cmd under /usr/bin/time; returns (exit code, wall s, peak MB, stderr tail)."""
    with open(stdout_path, "w") as out:
        p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    m = re.search(r"TIME ([\d.]+) (\d+)", p.stderr)
    wall, peak = (float(m.group(1)), int(m.group(2)) / 1024) if m else (None, None)
    tail = "\n".join(l for l in p.stderr.splitlines() if not l.startswith("TIME "))[-300:]
    return p.returncode, wall, peak, tail


def set_time_limit(path, seconds):
    text = open(path).read()
    text = re.sub(r"time_limit_s: [\d.]+", f"time_limit_s: {seconds:g}", text)
    open(path, "w").write(text)


def solve(eduplan, d, label, extra, out_dir=None):
    out_dir = out_dir or d
    out, timings = os.path.join(out_dir, f"{label}.json"), os.path.join(out_dir, f"{label}-timings.json")
    rc, wall, peak, err = timed([eduplan, "solve", d, "--format", "json", "--quiet", "--timings", timings] + extra, out)
    row = {"label": label, "exit": rc, "wall_s": wall, "peak_mb": peak}
    try:
        j = json.load(open(out))
        t = json.load(open(timings))
    except (OSError, ValueError):
        row.update(status=f"failed (exit {rc}): {err}")
        return row
    row.update(status=j.get("status"), objective=j.get("objective"), benefit=j.get("benefit"), gap=j.get("relative_gap"),
               pof=j.get("price_of_fairness"), model=t.get("model", {}), own_share=t.get("own_share"),
               glpk_s=t.get("glpk_seconds"), phases=[(p["name"], p["seconds"], p["concurrent"]) for p in t.get("phases", [])])
    if "decomposition" in j:
        dec = j["decomposition"]
        row.update(parts=len(dec["parts"]), bound=dec["lower_bound"], rules=dec["global_rules"])
    return row


def phase_text(row):
    main = [f"{name} {s:.2f}" for name, s, concurrent in row.get("phases", []) if not concurrent]
    side = [f"{name} {s:.2f}" for name, s, concurrent in row.get("phases", []) if concurrent]
    text = " · ".join(main)
    if side:
        text += " (beside it: " + " · ".join(side) + ")"
    return text


def fmt(v, spec):
    return "–" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,15000,50000,250000")
    ap.add_argument("--undivided-max", type=int, default=50000, help="largest size solved undivided (default 50000)")
    ap.add_argument("--decompose-from", type=int, default=50000, help="smallest size also solved in parts (default 50000)")
    ap.add_argument("--schools-per-part", type=int, default=15000)
    ap.add_argument("--time-limit", type=float, default=900)
    ap.add_argument("--sweep", type=int, default=None, help="time a 21-step sweep on this size")
    ap.add_argument("--no-demo", action="store_true")
    ap.add_argument("--eduplan", default=os.environ.get("EDUPLAN", os.path.join(ROOT, ".build/release/eduplan")))
    ap.add_argument("--out", default=os.path.join(ROOT, "Benchmarks/peers/out"))
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    command = "python3 Benchmarks/scripts/scale.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    if not os.path.exists(args.eduplan):
        subprocess.run(["swift", "build", "-c", "release", "--product", "eduplan"], cwd=ROOT, check=True)
    os.makedirs(args.out, exist_ok=True)

    rows = []
    if not args.no_demo:
        log("demo province")
        demo = os.path.join(ROOT, "scenarios/jiangxi-2024")
        row = solve(args.eduplan, demo, "demo", [], out_dir=args.out)
        rows.append(("demo (5,652)", row))
    for n in [int(s) for s in args.sizes.split(",")]:
        d = os.path.join(args.out, f"p{n}")
        if not os.path.exists(os.path.join(d, "scenario.yaml")):
            log(f"{n}: generating")
            subprocess.run([args.eduplan, "generate", "--schools", str(n), "--regions", str(max(20, n // 125)),
                            "--seed", "7", "--out", d, "--force", "--quiet"], check=True)
        set_time_limit(os.path.join(d, "scenario.yaml"), args.time_limit)
        if n <= args.undivided_max:
            log(f"{n}: undivided")
            rows.append((f"{n:,}", solve(args.eduplan, d, "undivided", [])))
        if n >= args.decompose_from:
            log(f"{n}: in parts of {args.schools_per_part:,}")
            rows.append((f"{n:,} in parts", solve(args.eduplan, d, "parts", ["--schools-per-part", str(args.schools_per_part)])))
        log(f"  {rows[-1][1].get('status')} in {rows[-1][1].get('wall_s')} s")

    sweep = None
    if args.sweep:
        d = os.path.join(args.out, f"p{args.sweep}")
        log(f"sweep on {args.sweep}")
        rc, wall, peak, err = timed([args.eduplan, "sweep", d, "--fund", "all", "--from", "0.5", "--to", "1.5", "--steps", "21",
                                     "--jobs", "2", "--format", "csv", "--quiet"], os.path.join(d, "sweep.csv"))
        cold = next((r for label, r in rows if label == f"{args.sweep:,}"), None)
        sweep = {"n": args.sweep, "exit": rc, "wall_s": wall, "peak_mb": peak, "cold_s": cold and cold.get("wall_s"), "err": err}
        log(f"  sweep {wall} s, cold solve {sweep['cold_s']} s")

    lines = ["| schools | rows | columns | integers | status | gap on U | wall s | peak MB | eduplan's own | phases (s) |",
             "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    for label, r in rows:
        m = r.get("model", {})
        status = r.get("status") or "?"
        if "parts" in r:
            met = all(x["met"] for x in r.get("rules", []))
            status += f", {r['parts']} parts, country-wide F3/F4/F5 {'met' if met else 'NOT met'}"
        lines.append(f"| {label} | {fmt(m.get('rows'), ',')} | {fmt(m.get('columns'), ',')} | {fmt(m.get('integers'), ',')} | "
                     f"{status} | {fmt(r.get('gap'), '.1e')} | {fmt(r.get('wall_s'), '.2f')} | {fmt(r.get('peak_mb'), '.0f')} | "
                     f"{fmt(None if r.get('own_share') is None else 100 * r['own_share'], '.1f')}% | {phase_text(r)} |")
    table = "\n".join(lines)
    if sweep:
        ratio = sweep["wall_s"] / sweep["cold_s"] if sweep.get("wall_s") and sweep.get("cold_s") else None
        table += (f"\n\n21-step sweep (`--fund all --from 0.5 --to 1.5 --steps 21 --jobs 2`) on {sweep['n']:,} schools: "
                  f"{fmt(sweep['wall_s'], '.1f')} s wall, {fmt(sweep['peak_mb'], '.0f')} MB, against {fmt(sweep['cold_s'], '.1f')} s "
                  f"for one cold `solve` (ratio {fmt(ratio, '.2f')}; goal ≤ 4).")
    print(table)
    if args.write:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        load = open("/proc/loadavg").read().split()[0]
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        body = (f"{BEGIN}\n## Whole-process runs: province to country (issue 8)\n\nWritten by `Benchmarks/scripts/scale.py`, "
                f"{when}, on {os.cpu_count()} cores ({cpu}), 1-minute load {load} at the end. Command:\n\n```sh\n{command}\n```\n\n"
                f"{table}\n\n- *gap on U*: undivided, the MIP gap (null: optimal); in parts, the certified gap "
                "(joined objective − Lagrangian lower bound) / U (docs/scaling.md).\n"
                "- *eduplan's own*: wall time on the main thread outside GLPK (reading, deriving, building, loading the model "
                f"into GLPK, reading the solution, metrics, writing the JSON) over the whole wall time.\n{END}")
        path = os.path.join(ROOT, "Benchmarks/RESULTS.md")
        text = open(path, encoding="utf-8").read()
        if BEGIN in text and END in text:
            text = text[:text.index(BEGIN)] + body + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + body + "\n"
        open(path, "w", encoding="utf-8").write(text)
        log("wrote Benchmarks/RESULTS.md")


if __name__ == "__main__":
    main()
