#!/usr/bin/env python3
"""Turns a scenario from `eduplan generate` into a five-year one (Benchmarks/RESULTS.md,
"Multi-year plans (issue 18)"): a `horizon:` block with the demo's projection (enrollment by
level, poor exit and intake), discount 0.97, and every third teacher group on 3-year contracts
(teachers.csv's `contract_years`). The one-year scenario is left as it was.

    python3 Benchmarks/horizon/add_horizon.py GENERATED_DIR OUT_DIR
"""
import csv
import pathlib
import re
import shutil
import sys

HORIZON = ("horizon: {years: [%d, %d, %d, %d, %d], discount: 0.97, projection: {enrollment_growth: "
           "{preschool: -0.08, primary: -0.03, junior: 0.02, senior: 0.03}, poor_exit: 0.08, poor_intake: 0.01}}\n")


def main(source: pathlib.Path, target: pathlib.Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    scenario = (target / "scenario.yaml").read_text()
    year = int(re.search(r"^year: (\d+)$", scenario, re.M).group(1))
    scenario = scenario.replace("\ntables:", "\n" + HORIZON % tuple(range(year, year + 5)) + "tables:", 1)
    (target / "scenario.yaml").write_text(scenario)
    with open(target / "teachers.csv", newline="") as f:
        rows = list(csv.reader(f))
    rows[0].append("contract_years")
    for number, row in enumerate(rows[1:]):
        row.append("3" if number % 3 == 0 else "")
    with open(target / "teachers.csv", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
