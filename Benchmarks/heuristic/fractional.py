#!/usr/bin/env python3
"""Issue 17: on which shapes of the benchmark family is the plan's LP relaxation fractional, and
what the dispatch rounding heuristic changes there.

For each size, seed and shape of Benchmarks/family/shapes.txt (integer dispatch only), generates
`eduplan generate --schools N --regions max(20, N/125) --seed S` plus the shape's flags (cached in
--cache), then runs `solve --verbose --format json --timings` with each binary given and prints
one tab-separated line per run: size, seed, shape, binary, status, objective, relative gap, wall
seconds, seconds in "load + solve plan", the heuristic's line for the plan (when it ran), and
branch and bound's largest node count and whether it ran at all (GLPK's `+ N: mip` lines of the
whole command; the price of fairness's MIP, solved beside the plan, may add its own).

usage: fractional.py --sizes 1000,2000 --seeds 7,8,9 --cache DIR [--shapes-file F] NAME=BINARY [NAME=BINARY ...]
"""
import argparse, json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = os.path.join(HERE, "..", "family", "shapes.txt")


def shapes(path):
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, *flags = line.split()
        if "continuous" in flags:
            continue
        yield name, flags


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1000,2000")
    p.add_argument("--seeds", default="7,8,9")
    p.add_argument("--shapes", default="", help="only these shapes (comma-separated names)")
    p.add_argument("--shapes-file", default=SHAPES, help="lines `name flags…` (default: the family's)")
    p.add_argument("--cache", required=True)
    p.add_argument("--time-limit", type=float, default=0)
    p.add_argument("binaries", nargs="+")
    a = p.parse_args()
    binaries = [b.split("=", 1) for b in a.binaries]
    wanted = set(a.shapes.split(",")) if a.shapes else None
    generator = binaries[0][1]
    print("\t".join(["schools", "seed", "shape", "binary", "status", "objective", "gap", "wall_s", "plan_s",
                     "heuristic", "max_nodes", "bnb_lines"]), flush=True)
    for n in [int(x) for x in a.sizes.split(",")]:
        for seed in [int(x) for x in a.seeds.split(",")]:
            for name, flags in shapes(a.shapes_file):
                if wanted and name not in wanted:
                    continue
                d = os.path.join(a.cache, f"s{n}-{name}-{seed}")
                if not os.path.isdir(d):
                    subprocess.run([generator, "generate", "--schools", str(n), "--regions", str(max(20, n // 125)),
                                    "--seed", str(seed), *flags, "--out", d], check=True, capture_output=True)
                    if a.time_limit:
                        y = os.path.join(d, "scenario.yaml")
                        text = re.sub(r"time_limit_s: *[0-9.e+]+", f"time_limit_s: {a.time_limit}", open(y).read())
                        open(y, "w").write(text)
                for label, binary in binaries:
                    timings = os.path.join(a.cache, f"timings-{label}.json")
                    start = time.time()
                    r = subprocess.run(["nice", "-n", "5", binary, "solve", d, "--verbose", "--format", "json",
                                        "--timings", timings], capture_output=True, text=True)
                    wall = time.time() - start
                    try:
                        plan = json.loads(r.stdout)
                    except json.JSONDecodeError:
                        plan = {}
                    plan_s = ""
                    try:
                        for phase in json.load(open(timings)).get("phases", []):
                            if phase.get("name") == "load + solve plan":
                                plan_s = f"{phase.get('seconds', 0):.2f}"
                    except (OSError, json.JSONDecodeError):
                        pass
                    heur = [l.split("dispatch rounding (plan): ", 1)[1] for l in r.stderr.splitlines()
                            if "dispatch rounding (plan): " in l]
                    nodes = [int(m.group(1)) for m in re.finditer(r"\+\s*\d+: (?:mip|>>>>>).*\(\d+; (\d+)\)", r.stderr)]
                    gap = plan.get("relative_gap")
                    print("\t".join(str(x) for x in [n, seed, name, label, plan.get("status", f"exit {r.returncode}"),
                                                     plan.get("objective"), gap if gap is not None else "-",
                                                     f"{wall:.1f}", plan_s, heur[0] if heur else "-",
                                                     max(nodes) if nodes else 0, len(nodes)]), flush=True)


if __name__ == "__main__":
    sys.exit(main())
