#!/usr/bin/env python3
"""Side-by-side run of eduplan and its peers (issue 8) on generated provinces.

For each size N: `eduplan generate --schools N --regions max(20, N//125) --seed SEED` into
out/pN, the scenario's solver block set to the run's time limit and gap, then one at a time,
each under `/usr/bin/time -f '%e %M'`: `eduplan solve DIR --format json`, then every peer
(pulp_glpk.py, highs.py) with the same limit and gap. A peer's objective must agree with
eduplan's to max(1e-6, gap) relative (MODEL.md §11); a run that hit its time limit is reported
as such, not as a mismatch. Prints a markdown table; --write also replaces the section between
`<!-- peers:begin -->` and `<!-- peers:end -->` of Benchmarks/RESULTS.md.

Standard library only: the peers run in .venv (made from requirements.txt when missing or stale).
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
VENV = os.path.join(HERE, ".venv")
VPY = os.path.join(VENV, "bin", "python")
REQ = os.path.join(HERE, "requirements.txt")
STAMP = os.path.join(VENV, ".requirements.sha256")
RESULTS = os.path.join(ROOT, "Benchmarks", "RESULTS.md")
BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"
PEERS = {"pulp_glpk": "pulp_glpk.py", "highs": "highs.py"}
PEER_LABEL = {"eduplan": "eduplan (Swift, GLPK library)", "pulp_glpk": "PuLP + glpsol", "highs": "highspy (HiGHS)"}


def log(msg):
    print(f"[peers] {msg}", file=sys.stderr, flush=True)


def ensure_venv():
    """Creates .venv from requirements.txt when it is missing or requirements.txt changed."""
    want = hashlib.sha256(open(REQ, "rb").read()).hexdigest()
    if os.path.exists(VPY) and os.path.exists(STAMP) and open(STAMP).read().strip() == want:
        return
    if not os.path.exists(VPY):
        log(f"creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    log("installing requirements.txt")
    subprocess.run([VPY, "-m", "pip", "install", "--quiet", "-r", REQ], check=True)
    with open(STAMP, "w") as f:
        f.write(want + "\n")


def ensure_eduplan(path, explicit):
    if os.path.exists(path):
        return path
    if explicit:
        sys.exit(f"eduplan binary not found: {path}")
    log("building eduplan (swift build -c release --product eduplan)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "eduplan"], cwd=ROOT, check=True)
    if not os.path.exists(path):
        sys.exit(f"eduplan binary still missing after the build: {path}")
    return path


def set_solver(yaml_path, time_limit, gap):
    """Rewrites the scenario's `solver:` line (flow style, as `eduplan generate` writes it)."""
    text = open(yaml_path, encoding="utf-8").read()
    tl = int(time_limit) if float(time_limit).is_integer() else time_limit
    line = f"solver: {{time_limit_s: {tl}, mip_gap: {gap!r}}}"
    new, n = re.subn(r"(?m)^solver:.*$", line, text)
    if n == 0:
        new = text.rstrip("\n") + "\n" + line + "\n"
    elif n > 1 or re.search(r"(?m)^solver:\s*$", text):
        raise SystemExit(f"{yaml_path}: unexpected solver block; cannot set the time limit")
    with open(yaml_path, "w", encoding="utf-8") as f:
        f.write(new)


def timed(cmd, stdout_path, wall_limit, cwd=None):
    """Runs cmd under /usr/bin/time (one process group, killed at wall_limit).
    Returns (exit code or None if killed, wall s, peak RSS MB, stderr tail)."""
    tfile = stdout_path + ".time"
    efile = stdout_path + ".stderr"
    full = ["/usr/bin/time", "-o", tfile, "-f", "%e %M"] + cmd
    with open(stdout_path, "wb") as out, open(efile, "wb") as err:
        t = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=err, cwd=cwd, start_new_session=True)
        try:
            rc = p.wait(timeout=wall_limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = None
        elapsed = time.perf_counter() - t
    wall, peak = elapsed, None
    try:
        for ln in open(tfile).read().splitlines():
            m = re.fullmatch(r"\s*([0-9.]+)\s+([0-9]+)\s*", ln)
            if m:
                wall, peak = float(m.group(1)), int(m.group(2)) / 1024.0
    except OSError:
        pass
    tail = open(efile, errors="replace").read().strip().splitlines()[-3:]
    return rc, wall, peak, " | ".join(tail)


def last_json(path):
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    for ln in reversed(text.strip().splitlines()):
        try:
            return json.loads(ln)
        except ValueError:
            continue
    return None


def timings_of(path):
    """eduplan's `solve --timings` file: model size, GLPK seconds, own share, phases."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def agreement(peer, ref, tol):
    """(text, ok) comparing a peer's objective with eduplan's."""
    ps, es = peer.get("status"), ref.get("status")
    po, eo = peer.get("objective"), ref.get("objective")
    if es not in ("optimal", "feasible") or eo is None:
        return f"no eduplan optimum ({es})", None
    if ps in ("time_limit", "time_limit_no_solution", "killed"):
        extra = "" if po is None else f", rel. diff {abs(po - eo) / max(1.0, abs(eo)):.1e}"
        return f"hit its time limit{extra}", None
    if po is None:
        return f"no objective ({ps})", False
    rel = abs(po - eo) / max(1.0, abs(eo))
    if es == "feasible":
        return f"eduplan stopped at a limit, rel. diff {rel:.1e}", None
    ok = rel <= tol
    return (f"yes ({rel:.1e})" if ok else f"**NO** ({rel:.1e} > {tol:.0e})"), ok


def fmt_int(v):
    return "–" if v is None else f"{v:,}"


def fmt_s(v):
    return "–" if v is None else (f"{v:.2f}" if v < 100 else f"{v:.0f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,15000", help="school counts, comma separated (default 1000,5000,15000)")
    ap.add_argument("--time-limit", type=float, default=600, help="every solver's time limit, seconds (default 600)")
    ap.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap for every solver (default 1e-4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--peers", default="pulp_glpk,highs", help="peers to run (default pulp_glpk,highs)")
    ap.add_argument("--eduplan", default=None, help="eduplan binary (default $EDUPLAN or .build/release/eduplan)")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work folder (default Benchmarks/peers/out)")
    ap.add_argument("--write", action="store_true", help="replace the peers section of Benchmarks/RESULTS.md")
    ap.add_argument("--results", default=RESULTS, help="the file --write edits (default Benchmarks/RESULTS.md)")
    args = ap.parse_args()
    command = "python3 Benchmarks/peers/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            sys.exit(f"unknown peer {p!r} (known: {', '.join(PEERS)})")
    explicit = args.eduplan or os.environ.get("EDUPLAN")
    eduplan = os.path.abspath(explicit or os.path.join(ROOT, ".build", "release", "eduplan"))
    ensure_venv()
    eduplan = ensure_eduplan(eduplan, bool(explicit))
    os.makedirs(args.out, exist_ok=True)
    tol = max(1e-6, args.gap)
    # eduplan solves the plan and, beside it, the price-of-fairness model, each with the time limit
    wall_limit = 2 * args.time_limit + 600

    results = []
    for n in sizes:
        regions = max(20, n // 125)
        d = os.path.join(os.path.abspath(args.out), f"p{n}")
        log(f"{n} schools: generating {d}")
        subprocess.run([eduplan, "generate", "--schools", str(n), "--regions", str(regions), "--seed", str(args.seed),
                        "--out", d, "--force", "--quiet"], check=True)
        set_solver(os.path.join(d, "scenario.yaml"), args.time_limit, args.gap)
        size = {"schools": n, "regions": regions, "dir": d}

        log(f"{n} schools: eduplan solve")
        timings = os.path.join(d, "eduplan-timings.json")
        rc, wall, peak, err = timed([eduplan, "solve", d, "--format", "json", "--quiet", "--timings", timings],
                                    os.path.join(d, "eduplan.json"), wall_limit)
        j = last_json(os.path.join(d, "eduplan.json")) or {}
        ref = {"peer": "eduplan", "status": j.get("status") or ("killed" if rc is None else f"failed (exit {rc})"),
               "objective": j.get("objective"), "benefit_U": j.get("benefit"), "relative_gap": j.get("relative_gap"),
               "exit": rc, "wall_s": wall, "peak_mb": peak, "stderr": err if not j else ""}
        t = timings_of(timings)
        model = t.get("model", {})
        ref["rows"], ref["cols"], ref["integers"] = model.get("rows"), model.get("columns"), model.get("integers")
        ref["glpk_s"], ref["own_share"] = t.get("glpk_seconds"), t.get("own_share")
        ref["phases"] = {ph["name"]: ph["seconds"] for ph in t.get("phases", [])}
        size["eduplan"] = ref
        log(f"  eduplan: {ref['status']} objective {ref['objective']} in {wall:.2f} s")

        size["peers"] = []
        for p in peers:
            log(f"{n} schools: {p}")
            outp = os.path.join(d, f"{p}.json")
            rc, wall, peak, err = timed([VPY, os.path.join(HERE, PEERS[p]), d, "--time-limit", str(args.time_limit),
                                         "--gap", repr(args.gap)], outp, args.time_limit + 600, cwd=HERE)
            r = last_json(outp) or {"peer": p, "status": "killed" if rc is None else f"failed (exit {rc})",
                                    "objective": None, "error": err}
            r.update(exit=rc, wall_s=wall, peak_mb=peak)
            r["agreement"], r["agrees"] = agreement(r, ref, tol)
            size["peers"].append(r)
            log(f"  {p}: {r['status']} objective {r.get('objective')} in {wall:.2f} s; agreement {r['agreement']}")
        results.append(size)
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump({"command": command, "results": results}, f, indent=1)

    table = render(results, tol)
    print(table)
    if args.write:
        write_results(command, args, table, args.results)
        log(f"wrote the peers section of {args.results}")
    bad = [p for s in results for p in s["peers"] if p.get("agrees") is False]
    return 1 if bad else 0


def eduplan_phases(e):
    """eduplan's own split (from `solve --timings`): time inside GLPK and eduplan's own share."""
    if e.get("glpk_s") is None:
        return "–"
    return f"GLPK {e['glpk_s']:.2f} s, eduplan's own {100 * (e.get('own_share') or 0):.1f}%"


def render(results, tol):
    L = ["| schools | solver | rows | cols | integers | status | wall s | peak MB | objective | agrees with eduplan "
         f"(rel. tol {tol:.0e}) | wall / eduplan | in-process read · model · build · solve s |",
         "| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | --- |"]
    for s in results:
        e = s["eduplan"]
        L.append(f"| {s['schools']:,} | {PEER_LABEL['eduplan']} | {fmt_int(e.get('rows'))} | {fmt_int(e.get('cols'))} | "
                 f"{fmt_int(e.get('integers'))} | {e['status']} | {fmt_s(e['wall_s'])} | {fmt_s(e['peak_mb'])} | "
                 f"{fmt_obj(e.get('objective'))} | (reference) | 1 | {eduplan_phases(e)} |")
        for p in s["peers"]:
            ratio = (p["wall_s"] / e["wall_s"]) if e.get("wall_s") else None
            parts = [p.get(k) for k in ("read_s", "model_s", "build_s", "solve_s")]
            inproc = " · ".join(fmt_s(v) for v in parts) if any(v is not None for v in parts) else "–"
            status = p["status"] + (f": {p['error'][:80]}" if p.get("error") else "")
            L.append(f"| {s['schools']:,} | {PEER_LABEL.get(p['peer'], p['peer'])} | {fmt_int(p.get('rows'))} | "
                     f"{fmt_int(p.get('cols'))} | {fmt_int(p.get('integers'))} | {status} | {fmt_s(p['wall_s'])} | "
                     f"{fmt_s(p['peak_mb'])} | {fmt_obj(p.get('objective'))} | {p['agreement']} | "
                     f"{'–' if ratio is None else f'{ratio:.2f}'} | {inproc} |")
    return "\n".join(L)


def fmt_obj(v):
    return "–" if v is None else f"{v:,.2f}"


def machine_facts():
    facts = {}
    try:
        facts["nproc"] = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        facts["nproc"] = str(os.cpu_count())
    cpu = {}
    try:
        for ln in open("/proc/cpuinfo"):
            if ":" in ln:
                k, v = (x.strip() for x in ln.split(":", 1))
                if k in ("model name", "cpu family", "model", "cpu MHz", "cache size") and k not in cpu:
                    cpu[k] = v
    except OSError:
        pass
    facts["cpu"] = (f"`model name: {cpu.get('model name', '?')}`, cpu family {cpu.get('cpu family', '?')} "
                    f"model {cpu.get('model', '?')}, {cpu.get('cpu MHz', '?')} MHz, {cpu.get('cache size', '?')} cache")
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        facts["memory"] = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        facts["memory"] = "?"
    try:
        facts["glpsol"] = subprocess.run(["glpsol", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        facts["glpsol"] = "?"
    facts["python"] = subprocess.run([VPY, "--version"], capture_output=True, text=True).stdout.strip()
    facts["pins"] = ", ".join(ln.strip() for ln in open(REQ) if ln.strip() and not ln.startswith("#"))
    facts["kernel"] = platform.release()
    try:
        facts["load"] = open("/proc/loadavg").read().split()[0]
    except OSError:
        facts["load"] = "?"
    return facts


def write_results(command, args, table, path):
    m = machine_facts()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = f"""{BEGIN}
## Peers: the same MODEL.md formulation in PuLP + glpsol and in highspy (issue 8)

Written by `Benchmarks/peers/run.py --write` (what each peer is: `Benchmarks/peers/README.md`).

Command (from the repository root), run {when}, 1-minute load average {m['load']} at the end:

```sh
{command}
```

| | |
| --- | --- |
| cores (`nproc`) | {m['nproc']} |
| CPU (`/proc/cpuinfo`) | {m['cpu']} |
| memory | {m['memory']} |
| kernel | {m['kernel']} |
| GLPK CLI | {m['glpsol']} |
| peers | {m['python']}; {m['pins']} |
| settings | time limit {args.time_limit:g} s and relative MIP gap {args.gap:g} for every solver; scenarios `eduplan generate --schools N --regions max(20, N/125) --seed {args.seed}` (rules F1, F3 soft, F4, F5; candidate_limit 50) |

{table}

- *wall s* and *peak MB*: `/usr/bin/time -f '%e %M'` around the whole process (start-up, reading the
  scenario, building, solving, writing the answer). For PuLP + glpsol the peak is the larger of the
  Python process and its glpsol child, not their sum.
- eduplan's run is more than the plan: `solve` also re-solves without fairness rules (price of fairness),
  computes shadow prices and the §8 metrics and prints the whole plan as JSON. The peers solve the plan only.
- *agrees*: |objective − eduplan's| ≤ max(1e-6, gap) × max(1, |eduplan's|) (MODEL.md §11), the objective
  being the §5 value in scenario money, constant and soft penalties included. A run stopped by its time
  limit is reported as such, not as a mismatch.
- eduplan's rows/cols are its plan model (`solve --timings`). The peers' model is the plain
  transcription of MODEL.md: a row and a u column per shortage (school, subject), two e_s rows per school
  for F5, the minimum spend as a row of its own. eduplan substitutes u = h − Σy (docs/scaling.md), keeps
  one e_s row per school and one ranged budget row: same optimum, fewer rows.
- eduplan's last column: seconds inside GLPK on the main thread (plus waiting for the concurrent
  price-of-fairness solve) and the share of the wall time that is eduplan's own (reading, deriving,
  building, loading the model into GLPK, reading the answer, metrics, output).
- *in-process* (peers): reading and deriving the scenario with the oracle's Python code, writing the
  neutral model, building the solver's model (PuLP objects / highspy arrays), solving (for PuLP: writing
  the LP file, running glpsol, reading its answer).
{END}"""
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n"
    if BEGIN in text and END in text and text.index(BEGIN) < text.index(END):
        a, b = text.index(BEGIN), text.index(END) + len(END)
        text = text[:a] + body + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
