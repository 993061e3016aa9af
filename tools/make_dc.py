#!/usr/bin/env python3
"""Generate the DC 2021 scenario (scenarios/dc-2021/) from real DCPS data.

Input: data/dcps_school_budgets.csv (DCPS initial school budget allocations,
from the public repository cmgiven/dcps-budgets). Uses the FY2021 rows:
schools, wards, enrollment and at-risk counts as published, and the real
FY2021 dollars of three funding lines (at-risk, Title I, special education)
as both the fund amounts and the baseline allocation (baseline.csv, the
`evaluate --actuals` money format). Deterministic; standard library only.

Usage (from anywhere):  python3 tools/make_dc.py
"""

import csv
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "dcps_school_budgets.csv"
OUT = ROOT / "scenarios" / "dc-2021"
YEAR = "2021"

# DCPS LEVEL / LEVELTEXT -> scenario level.
LEVEL_MAP = {"es": "primary", "ms": "junior", "hs": "senior", "campus": "primary",
             "ece": "preschool"}
OTHER_MAP = {"Special Education Center": "special", "STAY": "senior", "Alternative": "senior"}
LEVELS = ["preschool", "primary", "junior", "senior", "special"]
# Standard pupils per teacher (synthetic; the file has no staffing data).
STR = {"preschool": 10, "primary": 12, "junior": 12, "senior": 12, "special": 4}
# Budget lines used: category id -> (source column, count field, fund id, weight).
LINES = [
    ("at_risk", "AMT_ATRISK", "poor", "at_risk_fund", 2),
    ("title_i", "AMT_TITLE", "poor", "title_i_fund", 1.5),
    ("special_education", "AMT_SPED", "disabled", "sped_fund", 2),
]


def cents(text):
    return int(round(float(text) * 100))


def dollars(c):
    return "%d.%02d" % (c // 100, c % 100)


def money(x):
    return "{:,}".format(int(round(x)))


def money_cents(c):
    return "{:,}.{:02d}".format(c // 100, c % 100)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(v) for v in r) + " |" for r in rows]
    return "\n".join(out)


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def to_int(text):
    """Counts in the file: digits, or blank/NA when not reported."""
    text = text.strip()
    return int(text) if text.isdigit() else None


def main():
    with SOURCE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    history = {}  # school code -> latest (year, sped, total) with both > 0, FY2015-FY2018
    for r in rows:
        sped, total = to_int(r["SPEDENROLLMENT"]), to_int(r["TOTALENROLLMENT"])
        if sped and total and int(r["YEAR"]) <= 2018:
            prev = history.get(r["SCHOOLCODE"])
            if prev is None or r["YEAR"] > prev[0]:
                history[r["SCHOOLCODE"]] = (r["YEAR"], sped, total)

    year_rows = [r for r in rows if r["YEAR"] == YEAR]
    skipped = [r for r in year_rows if not to_int(r["TOTALENROLLMENT"])]
    kept = sorted((r for r in year_rows if to_int(r["TOTALENROLLMENT"])),
                  key=lambda r: r["SCHOOLCODE"])
    atrisk_na = [r["SCHOOLNAME"] for r in kept if to_int(r["ATRISKENROLLMENT"]) is None]

    schools = []
    for r in kept:
        n = to_int(r["TOTALENROLLMENT"])
        level = LEVEL_MAP.get(r["LEVEL"]) or OTHER_MAP[r["LEVELTEXT"]]
        poor = min(n, to_int(r["ATRISKENROLLMENT"]) or 0)
        s = {"id": r["SCHOOLCODE"], "name": r["SCHOOLNAME"], "ward": int(r["WARD"]),
             "region": "ward" + r["WARD"], "level": level, "dcps_level": r["LEVEL"],
             "dcps_leveltext": r["LEVELTEXT"], "lat": r["LAT"], "lon": r["LON"],
             "enrollment": n, "poor": poor,
             "amounts": {k: cents(r[col]) for k, col, _, _, _ in LINES}}
        hist = history.get(s["id"])
        if hist:
            s["sped_source"] = "FY%s share %d/%d" % hist
            s["disabled"] = min(n, int(round(n * min(1.0, hist[1] / hist[2]))))
        schools.append(s)
    # Schools with no special-education count in FY2015-FY2018: estimate from
    # their FY2021 special-education dollars at the citywide dollars per
    # estimated pupil of the schools that have a count.
    with_hist = [s for s in schools if "disabled" in s]
    per_pupil = (sum(s["amounts"]["special_education"] for s in with_hist) / 100.0
                 / sum(s["disabled"] for s in with_hist))
    for s in schools:
        if "disabled" not in s:
            s["disabled"] = min(s["enrollment"],
                                int(round(s["amounts"]["special_education"] / 100.0 / per_pupil)))
            s["sped_source"] = "from FY2021 AMT_SPED at %s $/pupil" % money(per_pupil)
    for s in schools:
        s["teachers"] = math.ceil(s["enrollment"] / STR[s["level"]] - 1e-9)

    # Wards: designation by the at-risk share of their DCPS pupils in FY2021.
    wards = sorted({s["ward"] for s in schools})
    ward_n = {w: sum(s["enrollment"] for s in schools if s["ward"] == w) for w in wards}
    ward_poor = {w: sum(s["poor"] for s in schools if s["ward"] == w) for w in wards}
    ranked = sorted(wards, key=lambda w: (-ward_poor[w] / ward_n[w], w))
    designation = {w: "none" for w in wards}
    for w in ranked[:2]:
        designation[w] = "national"
    designation[ranked[2]] = "provincial"

    # Funds and rates from the real FY2021 totals.
    fund_cents = {k: sum(s["amounts"][k] for s in schools) for k, _, _, _, _ in LINES}
    count_total = {"poor": sum(s["poor"] for s in schools),
                   "disabled": sum(s["disabled"] for s in schools)}
    rate = {k: int(round(fund_cents[k] / 100.0 / count_total[count]))
            for k, _, count, _, _ in LINES}
    need = {k: rate[k] * count_total[count] for k, _, count, _, _ in LINES}
    levels_used = [lv for lv in LEVELS if any(s["level"] == lv for s in schools)]

    # ---- checks -----------------------------------------------------------
    assert len(schools) == len(year_rows) - len(skipped)
    assert len({s["id"] for s in schools}) == len(schools)
    assert wards == list(range(1, 9))
    assert sorted(ranked[:2]) == [7, 8] and ranked[2] == 5, ranked
    for s in schools:
        assert 0 <= s["poor"] <= s["enrollment"] and 0 <= s["disabled"] <= s["enrollment"]
        assert 38.7 <= float(s["lat"]) <= 39.0 and -77.2 <= float(s["lon"]) <= -76.9
        assert all(v >= 0 for v in s["amounts"].values())
    for k in rate:
        # A rounded rate keeps the formula need within 0.1% of the real money.
        assert abs(need[k] - fund_cents[k] / 100.0) <= 0.001 * fund_cents[k] / 100.0
        # Variant "funds -10%, floor 80%" is feasible: 90% of the fund covers
        # 80% of every school's need (one fund per category, all regions).
        assert 0.9 * fund_cents[k] / 100.0 >= 0.8 * need[k]

    # ---- write ------------------------------------------------------------
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "regions.csv", ["id", "name", "designation", "rural"],
              [["ward%d" % w, "Ward %d" % w, designation[w], "false"] for w in wards])
    write_csv(OUT / "schools.csv",
              ["id", "name", "region", "level", "rural", "lat", "lon", "enrollment", "boarding",
               "poor", "poor_boarding", "disabled", "left_behind", "teachers_general"],
              [[s["id"], s["name"], s["region"], s["level"], "false", s["lat"], s["lon"],
                s["enrollment"], 0, s["poor"], 0, s["disabled"], 0, s["teachers"]] for s in schools])
    write_csv(OUT / "baseline.csv", ["school", "category", "amount"],
              [[s["id"], k, dollars(s["amounts"][k])] for s in schools for k, _, _, _, _ in LINES])

    def rates(k):
        return "{%s}" % ", ".join("%s: %d" % (lv, rate[k]) for lv in levels_used)

    floor80 = "{coverage_floor: {mode: hard, alpha: {at_risk: 0.8, title_i: 0.8, special_education: 0.8}}}"
    lines = [
        "# Generated by tools/make_dc.py from DCPS FY2021 budget data: do not edit by hand.",
        "# Sources and every mapping: README.md beside this file.",
        "format: 1",
        'name: "DC Public Schools FY2021"',
        "year: 2021",
        "currency: USD",
        "subjects: {general: 1.0}",
        "student_teacher_ratio: {%s}" % ", ".join("%s: %d" % (lv, STR[lv]) for lv in levels_used),
        "categories:",
    ] + [
        "  - {id: %s, weight: %s, mandatory: false, per_student: {count: %s, rates: %s}}"
        % (k, w, count, rates(k)) for k, _, count, _, w in LINES
    ] + [
        "funds:",
    ] + [
        "  - {id: %s, amount: %s, categories: [%s], regions: all}" % (fund, dollars(fund_cents[k]), k)
        for k, _, _, fund, _ in LINES
    ] + [
        "priority: {base: 1, poor_share: 1, disabled_share: 0.5, poverty_county: 0.25}",
        "fairness: {}",
        "solver: {time_limit_s: 60, mip_gap: 1.0e-4}",
        "tables: {regions: regions.csv, schools: schools.csv}",
        "variants:",
        '  - {name: "coverage floor 50%", fairness: {coverage_floor: {mode: hard, alpha: {at_risk: 0.5}}}}',
        '  - {name: "funds -10%", funds_scale: 0.9}',
        '  - {name: "funds -10%%, floor 80%%", funds_scale: 0.9, fairness: %s}' % floor80,
    ]
    (OUT / "scenario.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    write_readme(schools, skipped, atrisk_na, designation, ward_n, ward_poor, ranked,
                 fund_cents, count_total, rate, need, per_pupil, levels_used)
    print("dc-2021: %d schools (%d skipped), %d pupils, %d at-risk, %d special education (estimated)"
          % (len(schools), len(skipped), sum(s["enrollment"] for s in schools),
             count_total["poor"], count_total["disabled"]))
    for k, col, count, fund, _ in LINES:
        print("  %s: fund %s = sum of %s; rate %d per %s pupil; need %s"
              % (k, dollars(fund_cents[k]), col, rate[k], count, money(need[k])))


def write_readme(schools, skipped, atrisk_na, designation, ward_n, ward_poor, ranked,
                 fund_cents, count_total, rate, need, per_pupil, levels_used):
    pupils = sum(s["enrollment"] for s in schools)
    estimated = [s for s in schools if s["sped_source"].startswith("from")]
    level_rows = []
    for lv in levels_used:
        sub = [s for s in schools if s["level"] == lv]
        src = sorted({s["dcps_level"] if s["dcps_level"] != "other" else s["dcps_leveltext"] for s in sub})
        level_rows.append([lv, ", ".join(src), len(sub), money(sum(s["enrollment"] for s in sub)),
                           money(sum(s["poor"] for s in sub)), money(sum(s["disabled"] for s in sub)),
                           money(sum(s["teachers"] for s in sub)), STR[lv]])
    level_rows.append(["**all**", "", len(schools), money(pupils), money(count_total["poor"]),
                       money(count_total["disabled"]), money(sum(s["teachers"] for s in schools)), ""])
    ward_rows = []
    for w in sorted(ward_n):
        sub = [s for s in schools if s["ward"] == w]
        ward_rows.append(["ward%d" % w, designation[w], len(sub), money(ward_n[w]), money(ward_poor[w]),
                          "%.1f%%" % (100.0 * ward_poor[w] / ward_n[w]),
                          money(sum(s["amounts"]["at_risk"] for s in sub) / 100.0),
                          money(sum(s["amounts"]["title_i"] for s in sub) / 100.0),
                          money(sum(s["amounts"]["special_education"] for s in sub) / 100.0)])
    cat_rows = []
    for k, col, count, fund, w in LINES:
        cat_rows.append([k, "`%s`" % col, "`%s`" % fund, money_cents(fund_cents[k]), count,
                         money(count_total[count]), money(rate[k]), money(need[k]), w])
    special_names = ", ".join("%s (%s → %s)" % (s["name"], s["dcps_leveltext"], s["level"])
                              for s in schools if s["dcps_level"] == "other")
    campus = [s for s in schools if s["dcps_level"] == "campus"]
    ece = [s["name"] for s in schools if s["dcps_level"] == "ece"]
    zero_atrisk = [s["name"] for s in schools if s["amounts"]["at_risk"] == 0]
    title_without_poor = [s["name"] for s in schools if s["poor"] == 0 and s["amounts"]["title_i"] > 0]
    small_title = [s for s in schools if 0 < s["amounts"]["title_i"] < 5000000]
    order = ", ".join("ward %d (%.1f%%)" % (w, 100.0 * ward_poor[w] / ward_n[w]) for w in ranked)

    text = f"""# DC Public Schools FY2021 scenario

Real data: the {len(schools)} District of Columbia Public Schools (DCPS) in the FY2021
initial school budget allocations, with their wards, coordinates,
enrollment, at-risk enrollment, and the real FY2021 dollars of three funding
lines. It shows `eduplan` on a real allocation and gives a real baseline to
evaluate against: `baseline.csv` is what DCPS actually allocated, in the
`evaluate --actuals` money format (`school,category,amount`).

Generated by `tools/make_dc.py` from `data/dcps_school_budgets.csv`; do not
edit by hand. To regenerate (deterministic, byte-identical output):

    python3 tools/make_dc.py

Files: `scenario.yaml`, `regions.csv`, `schools.csv`, `baseline.csv`. No
teachers table and no `dispatch` category: the data has no staffing or
teacher-pool information.

## Source

District of Columbia Public Schools, initial school budget allocations
(public records; cite DCPS), as compiled in the public repository
[cmgiven/dcps-budgets](https://github.com/cmgiven/dcps-budgets)
(`dist/data/data.csv`), copied verbatim to `data/dcps_school_budgets.csv`.
Rows used: `YEAR == 2021`, {len(schools) + len(skipped)} rows; rows skipped for zero or
missing `TOTALENROLLMENT`: {len(skipped)}.

## Mapping, column by column

**Regions** (`regions.csv`) are the 8 wards: id `ward1`…`ward8`, name
"Ward N", `rural = false`. DC has no poverty designations, so the
designation stands in for "high-poverty area", ranked by the at-risk share
of the ward's DCPS pupils in FY2021: {order}. The two
highest, wards {ranked[0]} and {ranked[1]} (east of the Anacostia River), are `national`; the
third, ward {ranked[2]}, is `provincial`; the rest `none`. The script checks that this
ranking still gives 7 and 8, then 5. No `income_per_capita` (not in the file).

**Schools** (`schools.csv`):
- `id` = `SCHOOLCODE` (text), `name` = `SCHOOLNAME`, `region` = `ward` +
  `WARD`, `lat`/`lon` = `LAT`/`LON` as published, `rural = false`.
- `level` from `LEVEL`: `es` → primary, `ms` → junior, `hs` → senior;
  `campus` (education campus, PK–8; {len(campus)} schools) → primary, since most of their
  grades are elementary; `ece` ({", ".join(ece)}, an early-learning
  centre for ages 3–4) → preschool; `other`, by `LEVELTEXT`: Special Education
  Center → special, STAY (adult and over-age high-school programmes) and
  Alternative (juvenile-justice programmes) → senior. The `other` schools:
  {special_names}.
- `enrollment` = `TOTALENROLLMENT`.
- `poor` = `ATRISKENROLLMENT` (DC's "at-risk": pupils in families receiving
  TANF or SNAP, homeless, in foster care, or over-age in high school), capped
  at enrollment. It is `NA` for {len(atrisk_na)} schools ({", ".join(atrisk_na)}):
  taken as 0.
- `disabled` (special-education pupils): the file leaves
  `SPEDENROLLMENT` blank from FY2019 on, so it is **estimated**: the school's
  special-education share of enrollment in the latest of FY2015–FY2018 with
  both counts above zero (a reported 0 is treated as not reported; capped at
  1), times its FY2021 enrollment, rounded. {len(estimated)} schools have no such year
  ({", ".join(s["name"] for s in estimated)}): their FY2021 special-education dollars divided
  by the dollars per estimated pupil of all other schools
  ({money(per_pupil)} USD).
- `boarding`, `poor_boarding`, `left_behind` = 0 (no such pupils or data;
  English learners are not "left behind" and are not mapped).
- `teachers_general`: the file has no staffing, so every school is staffed
  exactly at the standard, ceil(enrollment / STR − 1e-9), with synthetic
  pupils-per-teacher standards {", ".join("%s %d" % (lv, STR[lv]) for lv in levels_used)} (roughly
  DC's overall public-school pupil–teacher ratio). Nothing in this scenario depends on
  it except the staffing metrics, which all read "meets the standard".

**Subjects**: one, `general: 1.0`.

**Categories, rates and funds.** Three real FY2021 budget lines. Each fund's
amount is the real citywide total of its line (sum over the schools kept, to
the cent); each category's rate is that total divided by the pupils it is
counted on, rounded to a dollar, the same at every level. So the formula
need equals the real money to within rounding, and the base plan can fund
every category in full: the question the scenario answers is *how* a
need-and-priority formula would spread the same money compared with what
DCPS did (`baseline.csv`).

{table(["category", "source column", "fund", "fund amount (USD)", "counted on", "pupils", "rate (USD)", "formula need (USD)", "weight"], cat_rows)}

None is mandatory (DCPS can and does move these dollars between schools).
Priority: base 1 + 1 × at-risk share + 0.5 × special-education share + 0.25
(ward 7/8) or 0.125 (ward 5).

Where the real allocation differs from a per-pupil formula (worth knowing
when reading `evaluate` output): Title I money is concentrated in
high-poverty schools, while {len(small_title)} schools, mostly low-poverty ones, get
under 50,000 USD each: it is not a flat amount per at-risk pupil; at-risk dollars were 0 at
{len(zero_atrisk)} schools ({", ".join(zero_atrisk)}); {len(title_without_poor)} schools got Title I money with
no at-risk count ({", ".join(title_without_poor)}); special-education dollars follow each
pupil's hours of service, not a flat rate.

## Totals

{table(["level", "DCPS level", "schools", "pupils", "at-risk (poor)", "special education (disabled, est.)", "teachers (synthetic)", "STR"], level_rows)}

{table(["ward", "designation", "schools", "pupils", "at-risk", "at-risk share", "real at-risk $", "real Title I $", "real special-ed $"], ward_rows)}

## Baseline

`baseline.csv`: for every school and each of the three categories, the real
FY2021 amount of the budget line (USD, to the cent; zeros included), i.e.
{len(schools)} × 3 = {3 * len(schools)} rows whose sums equal the fund amounts. Use it as the
actuals of `eduplan evaluate PLAN.json --actuals baseline.csv` to compare a
plan with what DCPS allocated.

## Variants

The base has no fairness rule (`fairness: {{}}`) and full funding.

| variant | change | what it shows |
|---|---|---|
| `coverage floor 50%` | every school gets at least half its at-risk need | does not bind at full funding: a control |
| `funds -10%` | every fund × 0.9 | which schools the priority weights protect when money is short |
| `funds -10%, floor 80%` | every fund × 0.9 and an 80% floor in every category | the price of guaranteeing each school 80% (feasible: 0.8 < 0.9) |

An "at-risk +10%" variant would add nothing: the need already equals the
fund, so the extra money would stay unspent.
"""
    (OUT / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
