#!/usr/bin/env python3
"""The benchmark family of issue 17: every province shape of shapes.txt at each size.

For each size N and shape: `eduplan generate --schools N --regions max(20, N/125) --seed 7` plus the
shape's flags, `eduplan validate`, `eduplan solve` undivided, `eduplan solve --schools-per-part P`
(P = 2N/5 unless given), and, when Benchmarks/peers/.venv exists, the peers (PuLP + glpsol, highspy)
on the same folder. Writes OUT/family.tsv (one line per run) and OUT/family.md (the table);
`--write` also replaces the family section of Benchmarks/RESULTS.md. Standard library only.

Example (what the test suite runs, on a debug build):
  Benchmarks/family/run.sh --sizes 300 --eduplan .build/debug/eduplan --out /tmp/family --no-peers
"""
import argparse
import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "peers"))
import run as peers  # noqa: E402  (timed, last_json, set_solver, agreement: shared, not copied)

BEGIN, END = "<!-- family:begin -->", "<!-- family:end -->"
FIELDS = ["schools", "shape", "solver", "status", "objective", "benefit", "gap", "wall_s", "peak_mb",
          "parts", "parts_status", "parts_objective", "parts_benefit", "certified_gap", "parts_wall_s", "note"]


def shapes(path):
    """(name, flags) per line of shapes.txt, comments and blank lines skipped."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            name, *flags = shlex.split(line)
            out.append((name, flags))
    return out


def eduplan_run(binary, folder, extra, wall_limit, stem):
    """One `eduplan solve --format json` under /usr/bin/time: (result JSON or None, wall, peak, note)."""
    out = stem + ".json"
    rc, wall, peak, tail = peers.timed([binary, "solve", folder, "--format", "json", "--quiet"] + extra, out, wall_limit)
    result = peers.last_json(out)
    note = "" if rc in (0, 2) else (f"killed at {wall_limit:.0f} s" if rc is None else f"exit {rc}: {tail}")
    return result, wall, peak, note


def one_shape(args, size, name, flags):
    """The rows of one (size, shape): eduplan undivided with its parts run beside it, then each peer."""
    folder = os.path.join(args.out, str(size), name)
    shutil.rmtree(folder, ignore_errors=True)
    regions = max(20, size // 125)
    generate = [args.eduplan, "generate", "--schools", str(size), "--regions", str(regions), "--seed", str(args.seed),
                "--out", folder, "--quiet"] + flags
    subprocess.run(generate, check=True)
    peers.set_solver(os.path.join(folder, "scenario.yaml"), args.time_limit, args.gap)
    subprocess.run([args.eduplan, "validate", folder, "--quiet"], check=True)
    stem = os.path.join(args.out, str(size), name)
    whole, wall, peak, note = eduplan_run(args.eduplan, folder, [], args.time_limit * 3, stem + "-whole")
    part_size = args.schools_per_part or max(1, 2 * size // 5)
    # In parts: up to four passes and a re-split, each solving every part (two at a time) within the
    # time limit, and the undivided solve when the parts give no plan.
    split, part_wall, _, part_note = eduplan_run(args.eduplan, folder, ["--schools-per-part", str(part_size)],
                                                 args.time_limit * 10, stem + "-parts")
    whole, split = whole or {}, split or {}
    decomposition = split.get("decomposition") or {}
    rows = [{
        "schools": size, "shape": name, "solver": "eduplan", "status": whole.get("status"),
        "objective": whole.get("objective"), "benefit": whole.get("benefit"), "gap": whole.get("relative_gap"),
        "wall_s": wall, "peak_mb": peak, "parts": len(decomposition.get("parts") or []) or None,
        "parts_status": split.get("status"), "parts_objective": split.get("objective"),
        "parts_benefit": split.get("benefit"), "certified_gap": decomposition.get("certified_gap"),
        "parts_wall_s": part_wall, "note": "; ".join(n for n in (note, part_note) if n),
    }]
    if args.peers:
        for peer in args.peers:
            out = stem + f"-{peer}.json"
            cmd = [peers.VPY, os.path.join(HERE, "..", "peers", peers.PEERS[peer]), folder,
                   "--time-limit", str(args.time_limit), "--gap", str(args.gap)]
            rc, pwall, ppeak, tail = peers.timed(cmd, out, args.time_limit * 2)
            result = peers.last_json(out) or {}
            text, _ = peers.agreement(result, whole, max(1e-6, args.gap))
            rows.append({"schools": size, "shape": name, "solver": peer, "status": result.get("status"),
                         "objective": result.get("objective"), "wall_s": pwall, "peak_mb": ppeak,
                         "note": text if rc == 0 else f"exit {rc}: {tail}"})
    return rows


def number(v, digits=2):
    if v is None or v == "":
        return "–"
    if isinstance(v, float) and abs(v) < 1e-2 and v != 0:
        return f"{v:.1e}"
    return f"{v:,.{digits}f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)


def table(rows):
    """The markdown table: per run, undivided and in parts, the real loss of the parts beside the certificate."""
    lines = ["| schools | shape | solver | status | wall s | peak MB | gap | parts | in parts | parts wall s | "
             "loss in parts (of U) | certified | note |",
             "| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"]
    for r in rows:
        loss = None
        if r.get("parts_objective") is not None and r.get("objective") is not None and r.get("benefit"):
            loss = (r["parts_objective"] - r["objective"]) / abs(r["benefit"])
        lines.append("| " + " | ".join([
            number(r["schools"]), r["shape"], r["solver"], str(r.get("status")), number(r.get("wall_s")),
            number(r.get("peak_mb"), 0), number(r.get("gap")), number(r.get("parts")), str(r.get("parts_status") or "–"),
            number(r.get("parts_wall_s")), number(loss), number(r.get("certified_gap")), r.get("note") or ""]) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,15000", help="school counts, comma separated (default 5000,15000)")
    ap.add_argument("--shapes", default=None, help="only these shapes, comma separated (default: all of shapes.txt)")
    ap.add_argument("--schools-per-part", type=int, default=None, help="part size (default 2N/5)")
    ap.add_argument("--time-limit", type=float, default=600, help="every solver's time limit, seconds (default 600)")
    ap.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap for every solver (default 1e-4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--eduplan", default=os.environ.get("EDUPLAN", os.path.join(peers.ROOT, ".build", "release", "eduplan")))
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work folder (default Benchmarks/family/out)")
    ap.add_argument("--no-peers", action="store_true", help="eduplan only, even when the peers' .venv exists")
    ap.add_argument("--write", action="store_true", help="replace the family section of Benchmarks/RESULTS.md")
    args = ap.parse_args()
    args.peers = [] if args.no_peers or not os.path.exists(peers.VPY) else list(peers.PEERS)
    wanted = set(args.shapes.split(",")) if args.shapes else None
    family = [(n, f) for n, f in shapes(os.path.join(HERE, "shapes.txt")) if wanted is None or n in wanted]
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        for name, flags in family:
            peers.log(f"{size} schools, {name}")
            rows += one_shape(args, size, name, flags)
    with open(os.path.join(args.out, "family.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(FIELDS) + "\n")
        for r in rows:
            f.write("\t".join("" if r.get(k) is None else repr(r[k]) if isinstance(r[k], float) else str(r[k]) for k in FIELDS) + "\n")
    text = table(rows)
    open(os.path.join(args.out, "family.md"), "w", encoding="utf-8").write(text + "\n")
    print(text)
    if args.write:
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        load = os.getloadavg()[0]
        block = (f"{BEGIN}\nWritten by `Benchmarks/family/run.sh {' '.join(shlex.quote(a) for a in sys.argv[1:])}`, "
                 f"{when}, 1-minute load {load:.2f} at the end; peers: {', '.join(args.peers) or 'not installed'}.\n\n{text}\n{END}")
        results = open(peers.RESULTS, encoding="utf-8").read()
        if BEGIN in results:
            results = results[:results.index(BEGIN)] + block + results[results.index(END) + len(END):]
        else:
            results = results.rstrip("\n") + "\n\n## The benchmark family (issue 17)\n\n" + block + "\n"
        open(peers.RESULTS, "w", encoding="utf-8").write(results)


if __name__ == "__main__":
    main()
