#!/usr/bin/env python3
"""The demo province with one fairness rule switched on at a time (issue 17: "demo < 10 s with any
single rule switched on, F2 included").

For each rule of docs/format.md (F1–F9), hard and soft: a copy of `scenarios/jiangxi-2024` in a
temporary folder whose `fairness:` block is that one rule alone (settings below: the demo's own
where it has the rule, otherwise docs/format.md's examples scaled to the demo; its `variants:`
dropped), solved with

    eduplan solve COPY --quiet --format json --timings T

under `/usr/bin/time`. One row per rule and mode: exit status, plan status, objective, wall
seconds (median of --runs), user + system CPU seconds of the
median run (less dependent on the machine's load than the wall), and the phases of the median run that took 0.5 s or more.

F8's reference is a `region,money` table: every region's money in the demo's own plan (its four
rules), so that the rule binds where those rules moved money (the demo solved once first, with
the same binary).

With --time-limit S every copy's `solver: {time_limit_s: …}` becomes S (the demo's and its
reference run's too): GLPK's limit is wall-clock, so on a loaded machine the demo's 60 s can stop a
solve that takes 3 s of CPU; the optimum is the same whenever no limit is reached.

Usage: Benchmarks/scripts/single-rule.py [--eduplan BIN] [--runs 3] [--only KEY[,KEY]]
           [--modes hard,soft] [--keep DIR] [--time-limit S]
Prints a markdown table (and the load average before and after). Standard library only.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO = os.path.join(ROOT, "scenarios", "jiangxi-2024")

# (rule, key, hard settings, soft penalty): the soft rule is the hard one plus `mode: soft,
# penalty: ρ`. ρ is in points per unit of the rule's slack (money; money per pupil for F4;
# teachers for F6, F7), chosen so that the soft rule still bites on the demo (its funds earn
# about 1–8 points per CNY; a teacher is worth 60,000 CNY).
RULES = [
    ("F1", "coverage_floor", "alpha: {infrastructure: 0.2}", 2),
    ("F2", "maxmin_coverage", "", 2),
    ("F3", "poverty_county_share", "share: 0.7, designations: [national, provincial]", 2),
    ("F4", "rural_parity", "gamma: 1.0", 1.0e6),
    ("F5", "hoover", "max: 0.2", 2),
    ("F6", "shortage_cap", "max: 10", 100000),
    ("F7", "dispatch_county_share", "share: 0.4, designations: [national, provincial]", 50000),
    ("F8", "hold_harmless", "max_loss: 0.05, reference: reference.csv", 2),
    ("F9", "per_pupil_floor", "floor: {national: 250, provincial: 200, none: 100}", 2),
]


def log(msg):
    print(f"[single-rule] {msg}", file=sys.stderr, flush=True)


def load_average():
    return open("/proc/loadavg").read().split()[0]


TIME_LIMIT = None  # --time-limit: replaces the copies' solver time limit


def with_time_limit(line):
    """A `solver:` line with its time_limit_s replaced by --time-limit (when given)."""
    if TIME_LIMIT is None or not line.startswith("solver:"):
        return line
    return re.sub(r"time_limit_s: *[0-9.eE+-]+", f"time_limit_s: {TIME_LIMIT:g}", line)


def copy_demo(folder, fairness):
    """The demo in `folder` with `fairness` as its whole fairness block and no variants."""
    shutil.copytree(DEMO, folder)
    path = os.path.join(folder, "scenario.yaml")
    lines, out, skipping = open(path).read().splitlines(), [], False
    for line in lines:
        line = with_time_limit(line)
        if re.match(r"^(fairness|variants):", line):
            skipping = True
            if line.startswith("fairness:"):
                out.append(f"fairness: {fairness}")
            continue
        if skipping and (line.startswith(" ") or not line):
            continue
        skipping = False
        out.append(line)
    open(path, "w").write("\n".join(out) + "\n")


def run(eduplan, folder, label):
    """Solves `folder`; the plan and timings go beside it (eduplan never writes inside its input)."""
    plan, timings = f"{folder}-{label}.json", f"{folder}-{label}-timings.json"
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S", "nice", "-n", "5", eduplan, "solve", folder,
           "--quiet", "--format", "json", "--timings", timings]
    with open(plan, "w") as out:
        p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+)", p.stderr)
    wall, cpu = float(m.group(1)), float(m.group(2)) + float(m.group(3))
    status, objective, binds = None, None, "–"
    try:
        doc = json.load(open(plan))
        status, objective = doc.get("status"), doc.get("objective")
        kinds = {c["kind"] for c in doc.get("claims", [])}
        binds = ("yes" if "rule_binding" in kinds else "no" if "rule_not_binding" in kinds
                 else f"{sum((doc.get('soft_violations') or {}).values()):,.0f}")
    except (ValueError, OSError):
        pass
    phases = []
    if os.path.exists(timings):
        phases = [(ph["name"], ph["seconds"]) for ph in json.load(open(timings))["phases"]]
    return {"exit": p.returncode, "wall": wall, "cpu": cpu, "status": status, "binds": binds, "objective": objective, "phases": phases,
            "stderr": [l for l in p.stderr.strip().splitlines() if not l.startswith("TIME")][-1:]}


def reference_table(eduplan, work):
    """region,money: each region's money (every fund, dispatch included) in the demo's own plan."""
    folder = os.path.join(work, "demo")
    shutil.copytree(DEMO, folder)
    path = os.path.join(folder, "scenario.yaml")
    lines = open(path).read().splitlines()
    open(path, "w").write("\n".join(with_time_limit(line) for line in lines) + "\n")
    result = run(eduplan, folder, "plan")
    if result["exit"] != 0:
        sys.exit(f"the demo itself did not solve: {result}")
    doc = json.load(open(f"{folder}-plan.json"))
    money = {}
    for fund in doc["plan"]["funds"]:
        for flow in fund["flows"]:
            money[flow["region"]] = money.get(flow["region"], 0) + flow["amount"]
    return "region,money\n" + "".join(f"{r},{m:.2f}\n" for r, m in sorted(money.items()))


def row(rule, key, mode, runs):
    walls = [r["wall"] for r in runs]
    median = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    phases = ", ".join(f"{name} {s:.1f}" for name, s in median["phases"] if s >= 0.5)
    objective = f"{median['objective']:,.2f}" if isinstance(median["objective"], (int, float)) else "–"
    status = median["status"] or f"exit {median['exit']}: {' '.join(median['stderr'])[:80]}"
    walls_text = " / ".join(f"{w:.2f}" for w in walls)
    return (f"| {rule} `{key}` | {mode} | {status} | {median['binds']} | {objective} | **{statistics.median(walls):.2f}** "
            f"({walls_text}) | {median['cpu']:.2f} | {phases} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eduplan", default=os.path.join(ROOT, ".build", "release", "eduplan"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", default="")
    parser.add_argument("--modes", default="hard,soft")
    parser.add_argument("--keep", default="")
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args()
    global TIME_LIMIT
    TIME_LIMIT = args.time_limit
    only = set(filter(None, args.only.split(",")))
    work = args.keep or tempfile.mkdtemp(prefix="single-rule-")
    os.makedirs(work, exist_ok=True)
    log(f"load {load_average()}, work folder {work}")
    reference = reference_table(args.eduplan, work)
    lines = ["| rule | mode | status | binds (hard) / soft slack, its unit | objective (points) | wall s, median (runs) | CPU s (median run) "
             "| phases ≥ 0.5 s, wall (median run) |",
             "|---|---|---|---|---:|---:|---:|---|"]
    for rule, key, settings, penalty in RULES:
        if only and key not in only and rule not in only:
            continue
        for mode in args.modes.split(","):
            extra = f"mode: {mode}" + (f", penalty: {penalty:g}" if mode == "soft" else "")
            body = ", ".join(filter(None, [extra, settings]))
            folder = os.path.join(work, f"{key}-{mode}")
            copy_demo(folder, f"{{{key}: {{{body}}}}}")
            open(os.path.join(folder, "reference.csv"), "w").write(reference)
            runs = [run(args.eduplan, folder, f"run{i}") for i in range(args.runs)]
            lines.append(row(rule, key, mode, runs))
            log(lines[-1])
    log(f"load {load_average()}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
