#!/usr/bin/env python3
"""Generate the Jiangxi 2024 demo scenario (scenarios/jiangxi-2024/).

Real inputs: data/jiangxi_counties_census2020.csv (100 county-level divisions,
2020 census; poverty-county flags) and the national aid rates listed in the
scenario README. Everything about schools, teachers, projects and funds is
synthetic, derived deterministically from the county figures with fixed seeds:
running the script twice gives byte-identical files.

Usage (from anywhere):  python3 tools/make_jiangxi.py
Standard library only.
"""

import csv
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "jiangxi_counties_census2020.csv"
OUT = ROOT / "scenarios" / "jiangxi-2024"

# ---------------------------------------------------------------------------
# Settings (every synthetic assumption lives here and is echoed in the README)
# ---------------------------------------------------------------------------

SUBJECTS = [("chinese", 0.25), ("math", 0.2), ("english", 0.15),
            ("science", 0.15), ("arts_pe", 0.15), ("special_ed", 0.1)]
LEVELS = ["preschool", "primary", "junior", "senior", "vocational", "special"]
STR = {"preschool": 15, "primary": 19, "junior": 13.5, "senior": 12.5,
       "vocational": 20, "special": 3}

# The demo holds a sample of the province's schools: pupils in the scenario per
# county = children aged 0-14 (census) x SAMPLE x LEVEL_SHARE[level].
SAMPLE = 0.45
LEVEL_SHARE = {"preschool": 0.04, "primary": 0.40, "junior": 0.20,
               "senior": 0.115, "vocational": 0.055}

# Enrollment per school: triangular(low, high, mode), by level and rural flag.
SIZE = {
    ("preschool", False): (120, 450, 260), ("preschool", True): (40, 200, 90),
    ("primary", False): (500, 1500, 1100), ("primary", True): (100, 800, 260),
    ("junior", False): (800, 2500, 1500), ("junior", True): (300, 1200, 550),
    ("senior", False): (800, 3500, 2000),
    ("vocational", False): (500, 3000, 1300),
    ("special", False): (30, 200, 90),
}

# Boarding share by level (urban, rural) before noise.
BOARDING = {"preschool": (0.0, 0.0), "primary": (0.03, 0.24),
            "junior": (0.20, 0.62), "senior": (0.72, 0.72),
            "vocational": (0.62, 0.62), "special": (0.45, 0.45)}

# Subject scarcity: how often a short school lacks teachers of a subject
# (structural shortage in rural China: English, science, arts/PE, special ed).
SCARCITY = {"chinese": 0.01, "math": 0.015, "english": 0.14, "science": 0.12,
            "arts_pe": 0.17, "special_ed": 0.17}

# Real 2024 national rates (CNY per student per year), see README.
LIVING_ALLOWANCE = {"primary": 1250, "junior": 1500}
SENIOR_GRANT = {"senior": 2000, "vocational": 2000}
SPECIAL_ED_RATE = 6000  # per disabled pupil, public-funds standard

# Teacher schemes: (code, annual cost, max distance choices, count range,
# levels, share of the dispatch pool).
SCHEMES = [
    ("sp", 31600, (300, 350, 400), (6, 12), "primary;junior", 0.50),
    ("ta", 20000, (200, 250, 300), (3, 10), "primary;junior;senior", 0.30),
    ("ur", 45000, (150, 200), (2, 8), "", 0.20),
]
POOL_SHARE = 0.40  # teachers available / total shortage
# 特岗计划 posts are three-year contracts (the scheme's service term): in the multi-year variant
# a special-post teacher dispatched in year t stays at that school in t+1 and t+2.
CONTRACT_YEARS = {"sp": 3}

# The multi-year variant "2024-2028 horizon" (README, "Multi-year variant"). Rates per year.
HORIZON_YEARS = [2024, 2025, 2026, 2027, 2028]
HORIZON_DISCOUNT = 0.97  # assumption: a 3% social discount rate
# Enrollment growth by level, from the national statistical bulletins (README: figures and
# sources); levels not listed stay constant.
ENROLLMENT_GROWTH = {"preschool": -0.08, "primary": -0.03, "junior": 0.02, "senior": 0.03}
POOR_EXIT = 0.08     # assumption: share of last year's registered-poor pupils leaving poverty
POOR_INTAKE = 0.01   # assumption: newly identified poor pupils per year, share of enrollment
FUND_GROWTH = {"provincial_special": 0.03}                       # assumption, README
FUND_CARRY_OVER = {"central_special": 0.1, "social_donations": 0.5}  # assumption, README

# Normal universities (origin of special-post groups): code, region id.
UNIVERSITIES = [
    ("jxnu", "r360111"),    # 江西师范大学, Nanchang
    ("gnnu", "r360702"),    # 赣南师范大学, Ganzhou
    ("sru", "r361102"),     # 上饶师范学院, Shangrao
    ("jgsu", "r360802"),    # 井冈山大学, Ji'an
    ("ycu", "r360902"),     # 宜春学院, Yichun
    ("jju", "r360402"),     # 九江学院, Jiujiang
    ("pxu", "r360302"),     # 萍乡学院, Pingxiang
    ("jdzu", "r360203"),    # 景德镇学院, Jingdezhen
    ("xyu", "r360502"),     # 新余学院, Xinyu
]

# Approximate county-seat coordinates (lat, lon), compiled by hand; about
# +-10 km. Used as each county's centroid for schools and teacher origins.
SEATS = {
    "360102": (28.683, 115.903), "360103": (28.662, 115.877),
    "360104": (28.622, 115.925), "360111": (28.684, 115.962),
    "360112": (28.692, 115.815), "360113": (28.700, 115.840),
    "360121": (28.546, 115.944), "360123": (28.844, 115.549),
    "360124": (28.377, 116.241), "360202": (29.273, 117.183),
    "360203": (29.301, 117.207), "360222": (29.450, 117.250),
    "360281": (28.962, 117.129), "360302": (27.615, 113.871),
    "360313": (27.640, 113.733), "360321": (27.128, 113.961),
    "360322": (27.880, 113.795), "360323": (27.630, 114.030),
    "360402": (29.672, 115.990), "360403": (29.728, 115.990),
    "360404": (29.610, 115.911), "360423": (29.256, 115.100),
    "360424": (29.032, 114.547), "360425": (29.021, 115.809),
    "360426": (29.313, 115.756), "360428": (29.274, 116.204),
    "360429": (29.733, 116.244), "360430": (29.896, 116.549),
    "360481": (29.676, 115.668), "360482": (29.248, 115.803),
    "360483": (29.456, 116.045), "360502": (27.804, 114.944),
    "360521": (27.812, 114.692), "360602": (28.239, 117.035),
    "360603": (28.204, 116.818), "360681": (28.292, 117.212),
    "360702": (25.851, 114.933), "360703": (25.661, 114.765),
    "360704": (25.870, 115.100), "360722": (25.386, 114.922),
    "360723": (25.401, 114.362), "360724": (25.785, 114.541),
    "360725": (25.682, 114.308), "360726": (25.137, 115.394),
    "360728": (24.784, 115.027), "360729": (24.742, 114.531),
    "360730": (26.472, 116.009), "360731": (25.952, 115.412),
    "360732": (26.338, 115.363), "360733": (25.600, 115.786),
    "360734": (24.963, 115.646), "360735": (26.326, 116.346),
    "360781": (25.886, 116.027), "360783": (24.907, 114.790),
    "360802": (27.143, 114.994), "360803": (27.082, 115.016),
    "360821": (27.040, 114.908), "360822": (27.230, 115.135),
    "360823": (27.582, 115.316), "360824": (27.740, 115.393),
    "360825": (27.318, 115.438), "360826": (26.790, 114.909),
    "360827": (26.313, 114.517), "360828": (26.458, 114.786),
    "360829": (27.392, 114.620), "360830": (26.945, 114.243),
    "360881": (26.720, 114.270), "360902": (27.796, 114.385),
    "360921": (28.700, 115.390), "360922": (28.106, 114.446),
    "360923": (28.232, 114.948), "360924": (28.394, 114.803),
    "360925": (28.861, 115.362), "360926": (28.521, 114.371),
    "360981": (28.159, 115.771), "360982": (28.055, 115.546),
    "360983": (28.418, 115.375), "361002": (27.978, 116.358),
    "361003": (28.237, 116.603), "361021": (27.570, 116.637),
    "361022": (27.283, 116.907), "361023": (27.219, 116.533),
    "361024": (27.764, 116.061), "361025": (27.428, 115.838),
    "361026": (27.554, 116.223), "361027": (27.919, 116.755),
    "361028": (27.707, 117.061), "361030": (26.838, 116.327),
    "361102": (28.447, 117.966), "361103": (28.437, 118.191),
    "361104": (28.310, 117.910), "361123": (28.682, 118.245),
    "361124": (28.315, 117.710), "361125": (28.407, 117.597),
    "361126": (28.401, 117.450), "361127": (28.702, 116.696),
    "361128": (29.004, 116.677), "361129": (28.694, 117.058),
    "361130": (29.248, 117.861), "361181": (28.946, 117.578),
}

DIGITS = "零一二三四五六七八九"


def zh_number(n):
    """Chinese numeral for 1..999 (第一, 第十二, 第一百零五 ...)."""
    assert 1 <= n <= 999
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    head, rest = DIGITS[n // 100] + "百", n % 100
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + DIGITS[rest]
    if rest < 20:
        return head + "一" + zh_number(rest)
    return head + zh_number(rest)


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def required(share, n, level):
    """MODEL.md §11: q = ceil(share * n / STR - 1e-9)."""
    return max(0, math.ceil(share * n / STR[level] - 1e-9))


def round_to(x, unit):
    return int(round(x / unit)) * unit


def ceil_to(x, unit):
    return int(math.ceil(x / unit)) * unit


def fmt_coord(x):
    return "%.5f" % x


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

def load_counties():
    with SOURCE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    counties = []
    for r in rows:
        kind = r["poverty_county_type"]
        if r["poverty_county_2013_2020"] == "1":
            designation = "provincial" if kind.startswith("province") else "national"
        else:
            designation = "none"
        c = {
            "adcode": r["adcode"], "id": "r" + r["adcode"],
            "prefecture": r["prefecture"], "name": r["county"],
            "pop": int(r["pop_2020"]), "rural_share": float(r["rural_share"]),
            "share014": float(r["share_age0_14_pct"]) / 100.0,
            "mys": float(r["mean_years_schooling"]),
            "designation": designation,
        }
        c["rural"] = c["rural_share"] >= 0.5
        c["lat"], c["lon"] = SEATS[c["adcode"]]
        # Synthetic income per capita (CNY/yr): urban/rural mix of about 47,000
        # and 22,500, +6% per year of schooling above 9.2, -7% in former
        # poverty counties; rounded to 100.
        mix = (1 - c["rural_share"]) * 47000 + c["rural_share"] * 22500
        adj = (1 + 0.06 * (c["mys"] - 9.2)) * (0.93 if designation != "none" else 1.0)
        c["income"] = round_to(mix * adj, 100)
        # Urban district: a 区 with under a quarter of its people rural.
        c["district"] = c["name"].endswith("区") and c["rural_share"] < 0.25
        counties.append(c)
    counties.sort(key=lambda c: c["adcode"])
    return counties


# ---------------------------------------------------------------------------
# Schools
# ---------------------------------------------------------------------------

def draw_sizes(rng, level, rural, target, minimum):
    low, high, mode = SIZE[(level, rural)]
    sizes, total = [], 0
    while len(sizes) < minimum or total + mode / 2 < target:
        n = int(round(rng.triangular(low, high, mode)))
        sizes.append(n)
        total += n
    return sizes


def place(rng, c, rural):
    """A point near the county seat: urban schools close, rural ones farther."""
    radius = 0.04 if c["district"] else 0.12 + 0.12 * c["rural_share"]
    d = radius * (rng.uniform(0.35, 1.0) if rural else rng.uniform(0.0, 0.35))
    theta = rng.uniform(0, 2 * math.pi)
    lat = c["lat"] + d * math.cos(theta)
    lon = c["lon"] + d * math.sin(theta) / math.cos(math.radians(c["lat"]))
    return min(max(lat, 24.5), 30.1), min(max(lon, 113.6), 118.5)


def school_counts(rng, c, level, rural, n):
    designated = c["designation"] != "none"
    # Registered-poor share.
    p = (0.03 + 0.08 * c["rural_share"]
         + {"national": 0.10, "provincial": 0.08, "none": 0.0}[c["designation"]]
         + 0.03 * max(0.0, 9.5 - c["mys"]))
    p *= 1.45 if rural else 0.75
    if level == "special":
        p *= 1.6
    elif level in ("senior", "vocational"):
        p *= 1.1
    p = min(0.6, p * rng.lognormvariate(0.0, 0.25))
    poor = min(n, int(round(n * p)))
    # Boarding.
    b = BOARDING[level][1 if rural else 0]
    if b > 0:
        if designated and level in ("primary", "junior"):
            b += 0.08
        b = min(0.95, max(0.0, b + rng.uniform(-0.08, 0.08)))
    boarding = min(n, int(round(n * b)))
    # Poor boarders: poor pupils board a little more often than others.
    poor_boarding = min(poor, boarding,
                        int(round(poor * min(1.0, b * 1.2 + (0.05 if b > 0 else 0.0)))))
    # Disabled pupils: special schools are almost all disabled pupils;
    # elsewhere learning-in-regular-class pupils, 0.2-0.9%.
    if level == "special":
        disabled = min(n, int(round(n * rng.uniform(0.93, 1.0))))
    else:
        disabled = int(round(n * rng.uniform(0.002, 0.009)))
    # Left-behind children (parents working away): Jiangxi is a large
    # out-migration province.
    if level in ("preschool", "primary", "junior"):
        lb = rng.uniform(0.22, 0.40) + (0.06 if designated else 0.0) if rural \
            else rng.uniform(0.03, 0.10)
    elif level == "senior":
        lb = rng.uniform(0.08, 0.16) + 0.10 * c["rural_share"]
    else:
        lb = rng.uniform(0.15, 0.28)
    left_behind = min(n, int(round(n * lb)))
    return poor, boarding, poor_boarding, disabled, left_behind


def school_teachers(rng, c, level, rural, n):
    """Current teachers per subject: urban schools at or above the standard,
    rural and poverty-county schools short in the scarce subjects (often with
    a surplus of Chinese/maths teachers: a structural, not a total, shortage)."""
    designated = c["designation"] != "none"
    if rural:
        severity = 0.55 + (0.30 if designated else 0.0) + 0.15 * c["rural_share"]
    else:
        severity = 0.08 + (0.22 if designated else 0.0)
    if level == "special":
        severity = max(severity, 0.35)
    teachers = {}
    for subject, share in SUBJECTS:
        q = required(share, n, level)
        short_frac = severity * SCARCITY[subject] * rng.uniform(0.3, 1.3)
        deficit = int(math.floor(q * short_frac + rng.random()))
        e = max(0, q - deficit)
        if subject in ("chinese", "math") and rng.random() < (0.30 if rural else 0.40):
            e += 1
        teachers[subject] = e
    return teachers


def make_schools(counties):
    schools = []
    for c in counties:
        rng = random.Random(int(c["adcode"]) * 1009 + 2024)
        kids = c["pop"] * c["share014"] * SAMPLE
        plan = []  # (level, rural, size)
        for level in ("preschool", "primary", "junior"):
            target = kids * LEVEL_SHARE[level]
            rural_part = min(0.95, c["rural_share"] * (1.0 if level == "junior" else 1.15))
            minimum = 1 if level in ("primary", "junior") else 0
            for size in draw_sizes(rng, level, False, target * (1 - rural_part), minimum):
                plan.append((level, False, size))
            for size in draw_sizes(rng, level, True, target * rural_part, 0):
                plan.append((level, True, size))
        senior_min = 1 if c["pop"] >= 150000 else 0
        for size in draw_sizes(rng, "senior", False, kids * LEVEL_SHARE["senior"], senior_min):
            plan.append(("senior", False, size))
        for size in draw_sizes(rng, "vocational", False, kids * LEVEL_SHARE["vocational"], 0):
            plan.append(("vocational", False, size))
        specials = (1 if c["pop"] >= 200000 else 0) + (1 if c["pop"] >= 1000000 else 0)
        for _ in range(specials):
            low, high, mode = SIZE[("special", False)]
            plan.append(("special", False, int(round(rng.triangular(low, high, mode)))))

        per_level = {lv: sum(1 for p in plan if p[0] == lv) for lv in LEVELS}
        numbered = {lv: 0 for lv in LEVELS}
        for level, rural, n in plan:
            numbered[level] += 1
            k = numbered[level]
            if level == "special":
                name = c["name"] + ("特殊教育学校" if per_level[level] == 1
                                    else "第%s特殊教育学校" % zh_number(k))
            elif level == "vocational":
                name = c["name"] + ("中等职业学校" if per_level[level] == 1
                                    else "第%s中等职业学校" % zh_number(k))
            else:
                suffix = {"preschool": "幼儿园", "primary": "小学",
                          "junior": "初级中学", "senior": "中学"}[level]
                name = "%s第%s%s" % (c["name"], zh_number(k), suffix)
            lat, lon = place(rng, c, rural)
            poor, boarding, pb, disabled, lb = school_counts(rng, c, level, rural, n)
            teachers = school_teachers(rng, c, level, rural, n)
            schools.append({
                "name": name, "region": c["id"], "county": c, "level": level,
                "rural": rural, "lat": lat, "lon": lon, "enrollment": n,
                "boarding": boarding, "poor": poor, "poor_boarding": pb,
                "disabled": disabled, "left_behind": lb, "teachers": teachers,
            })
    for i, s in enumerate(schools, 1):
        s["id"] = "s%05d" % i
    for s in schools:
        s["required"] = {j: required(share, s["enrollment"], s["level"]) for j, share in SUBJECTS}
        s["shortage"] = {j: max(0, s["required"][j] - s["teachers"][j]) for j, _ in SUBJECTS}
    return schools


# ---------------------------------------------------------------------------
# Projects (infrastructure)
# ---------------------------------------------------------------------------

def make_projects(schools):
    rng = random.Random(20240001)
    projects = []
    for s in schools:  # schools are in id order
        designated = s["county"]["designation"] != "none"
        needy = s["rural"] or designated
        n, boarders = s["enrollment"], s["boarding"]
        kinds = []
        if boarders >= 80 and rng.random() < (0.18 if needy else 0.04):
            beds = boarders * rng.uniform(0.2, 0.5)
            kinds.append(("dormitory", min(5.0e6, max(1.0e6, beds * rng.uniform(20000, 30000)))))
        if boarders >= 50 and rng.random() < (0.12 if needy else 0.03):
            kinds.append(("canteen", min(2.5e6, max(4.0e5, 4.0e5 + boarders * rng.uniform(800, 1500)))))
        p_repair = 0.12 if s["rural"] else (0.08 if designated else 0.03)
        if s["level"] == "special":
            p_repair = 0.4
        if rng.random() < p_repair:
            kinds.append(("repair", min(3.0e6, max(2.0e5, n * rng.uniform(600, 1600)))))
        for kind, cost in kinds:
            projects.append({"school": s["id"], "kind": kind, "cost": round_to(cost, 10000)})
    for i, p in enumerate(projects, 1):
        p["id"] = "p%05d-%s" % (i, p["kind"])
    return projects


# ---------------------------------------------------------------------------
# Teacher groups (dispatch pool)
# ---------------------------------------------------------------------------

def nearest_capacity(lat, lon, subject, levels, max_km, schools, limit=50):
    """Shortage in `subject` at the `limit` nearest eligible schools within
    max_km of a point (what a group starting there can fill at most), with
    shortage in former poverty counties counted double: the special-post and
    three-areas schemes exist for those counties."""
    allowed = set(levels.split(";")) if levels else set(LEVELS)
    near = sorted((haversine(lat, lon, s["lat"], s["lon"]), s["id"], s["shortage"][subject],
                   s["county"]["designation"] != "none")
                  for s in schools if s["shortage"][subject] > 0 and s["level"] in allowed)
    return sum(h * (2 if designated else 1) for d, _, h, designated in near[:limit] if d <= max_km)


def make_groups(counties, schools):
    """Teacher groups by scheme and subject. Each group's origin is drawn with
    weight equal to the shortage still unclaimed near that origin (at the 50
    nearest schools short in that subject, the scenario's candidate limit), so
    that the pool is spread where it can actually be used."""
    rng = random.Random(20240002)
    by_id = {c["id"]: c for c in counties}
    district_ids = [c["id"] for c in counties if c["name"].endswith("区")]
    shortage = {j: sum(s["shortage"][j] for s in schools) for j, _ in SUBJECTS}
    total = sum(shortage.values())
    pool = int(round(POOL_SHARE * total))
    groups = []
    claimed = {}
    for code, cost, dists, (lo, hi), levels, share in SCHEMES:
        origins = ([(u, r) for u, r in UNIVERSITIES] if code == "sp"
                   else [(by_id[r]["adcode"], r) for r in district_ids])
        scheme_total = int(round(pool * share))
        for subject, _ in SUBJECTS:
            lv = levels + ";special" if subject == "special_ed" and levels else levels
            capacity = {o: nearest_capacity(by_id[r]["lat"], by_id[r]["lon"], subject, lv,
                                            min(dists), schools)
                        for o, r in origins}
            left = int(round(scheme_total * shortage[subject] / total))
            k = 0
            while left > 0:
                count = min(left, rng.randint(lo, hi))
                left -= count
                k += 1
                weights = [max(0.0, capacity[o] - claimed.get((r, subject), 0)) + 0.5
                           for o, r in origins]
                origin_code, region = origins[rng.choices(range(len(origins)), weights)[0]]
                claimed[(region, subject)] = claimed.get((region, subject), 0) + count
                c = by_id[region]
                groups.append({
                    "id": "%s-%s-%s-%02d" % (code, origin_code, subject, k),
                    "subject": subject, "count": count, "region": region,
                    "lat": c["lat"] + rng.uniform(-0.02, 0.02),
                    "lon": c["lon"] + rng.uniform(-0.02, 0.02),
                    "annual_cost": cost, "max_distance_km": rng.choice(dists), "levels": lv,
                })
    groups.sort(key=lambda g: g["id"])
    return groups


def group_reach(groups, schools):
    """Schools each group could serve (MODEL.md §2 candidate rule, before
    the candidate limit)."""
    reach = {}
    for g in groups:
        allowed = set(g["levels"].split(";")) if g["levels"] else set(LEVELS)
        reach[g["id"]] = [s["id"] for s in schools
                          if s["shortage"][g["subject"]] > 0 and s["level"] in allowed
                          and haversine(g["lat"], g["lon"], s["lat"], s["lon"]) <= g["max_distance_km"] + 1e-9]
    return reach


# ---------------------------------------------------------------------------
# Needs, funds, fairness settings
# ---------------------------------------------------------------------------

CATEGORIES = ["living_allowance", "senior_grant", "special_education", "infrastructure"]
MANDATORY = ["living_allowance", "senior_grant"]
DESIGNATED = ["national", "provincial"]

# Fairness settings (see README, "Fairness rules and variants").
FLOOR_INFRASTRUCTURE = 0.2       # F1, hard
COUNTY_SHARE = 0.7               # F3, soft, penalty 2
COUNTY_SHARE_STRICT = 0.75       # F3 in the "strict" variant, hard
COUNTY_SHARE_INFEASIBLE = 0.8    # F3 in the deliberately infeasible variant
RURAL_GAMMA = 1.0                # F4, hard
DISPATCH_SHARE = 0.4             # F7, hard


def needs(schools, projects):
    need = {}
    for s in schools:
        lv = s["level"]
        need[(s["id"], "living_allowance")] = LIVING_ALLOWANCE.get(lv, 0) * s["poor_boarding"]
        need[(s["id"], "senior_grant")] = SENIOR_GRANT.get(lv, 0) * s["poor"]
        need[(s["id"], "special_education")] = SPECIAL_ED_RATE * s["disabled"]
        need[(s["id"], "infrastructure")] = 0
    for p in projects:
        need[(p["school"], "infrastructure")] += p["cost"]
    return need


def is_designated(s):
    return s["county"]["designation"] != "none"


def size_funds(schools, need, pool_cost):
    """Fund amounts. central_special carries the mandatory need with 15%
    headroom over its 90% minimum spend; the other three are sized so that
    all money beyond the mandatory need covers about 60% of the non-mandatory
    need (special education, infrastructure, and dispatching the whole pool)."""
    total = {k: sum(need[(s["id"], k)] for s in schools) for k in CATEGORIES}
    mandatory = sum(total[k] for k in MANDATORY)
    central = ceil_to(1.15 * mandatory / 0.9, 1_000_000)
    non_mandatory = total["special_education"] + total["infrastructure"] + pool_cost
    other = 0.60 * non_mandatory - (central - mandatory)
    # Donations go to the 8 former national poverty counties with the most
    # registered-poor pupils.
    poor_by_region = {}
    for s in schools:
        if s["county"]["designation"] == "national":
            poor_by_region[s["region"]] = poor_by_region.get(s["region"], 0) + s["poor"]
    ranked = sorted(poor_by_region, key=lambda r: (-poor_by_region[r], r))
    donation_regions = sorted(ranked[:8])
    donation_need = sum(need[(s["id"], "infrastructure")] for s in schools
                        if s["region"] in donation_regions)
    donations = round_to(min(0.08 * other, 0.4 * donation_need), 1_000_000)
    county = round_to(0.25 * other, 1_000_000)
    provincial = round_to(other - county - donations, 1_000_000)
    funds = {"central_special": central, "provincial_special": provincial,
             "county_matching": county, "social_donations": donations}
    return funds, donation_regions, donation_need


def witness_plan(schools, need, funds, donation_regions, provincial_scale=1.0):
    """A feasible money plan built by hand, used to prove feasibility of the
    hard rules (mandatory needs, minimum spend, F1, F4) and to bound F3: it
    puts every discretionary yuan in former poverty counties, so its
    poverty-county share is the highest any plan can reach. Dispatch is left
    at zero (always allowed; F7 then holds trivially). Returns per-school X."""
    X = {s["id"]: 0.0 for s in schools}
    left = dict(funds)
    left["provincial_special"] *= provincial_scale
    # Mandatory categories from central_special.
    for s in schools:
        for k in MANDATORY:
            X[s["id"]] += need[(s["id"], k)]
            left["central_special"] -= need[(s["id"], k)]
    assert left["central_special"] >= 0, "central_special cannot carry the mandatory need"
    # central_special's minimum spend: special education, poverty counties first.
    must = 0.9 * funds["central_special"] - (funds["central_special"] - left["central_special"])
    order = sorted(schools, key=lambda s: (not is_designated(s), s["id"]))
    se_paid = {}
    for s in order:
        if not is_designated(s) and must <= 0:
            break
        amount = min(need[(s["id"], "special_education")], left["central_special"])
        if not is_designated(s):
            amount = min(amount, must)
        X[s["id"]] += amount
        se_paid[s["id"]] = amount
        left["central_special"] -= amount
        must -= amount
    assert must <= 1e-6, "central_special minimum spend unattainable"
    # F1: provincial_special pays the floor share of every school's projects.
    infra_paid = {}
    for s in schools:
        amount = FLOOR_INFRASTRUCTURE * need[(s["id"], "infrastructure")]
        X[s["id"]] += amount
        infra_paid[s["id"]] = amount
        left["provincial_special"] -= amount
    assert left["provincial_special"] >= 0, "coverage floor unattainable"
    # Everything else into poverty-county projects, then their special education.
    for fund in ("social_donations", "county_matching", "provincial_special"):
        for s in schools:
            if not is_designated(s):
                continue
            if fund == "social_donations" and s["region"] not in donation_regions:
                continue
            amount = min(left[fund], need[(s["id"], "infrastructure")] - infra_paid[s["id"]])
            X[s["id"]] += amount
            infra_paid[s["id"]] += amount
            left[fund] -= amount
    for s in schools:
        if is_designated(s):
            amount = min(left["provincial_special"],
                         need[(s["id"], "special_education")] - se_paid.get(s["id"], 0.0))
            X[s["id"]] += amount
            left["provincial_special"] -= amount
    assert all(v >= -1e-6 for v in left.values())
    return X


def plan_shares(schools, X):
    total = sum(X.values())
    share_d = sum(X[s["id"]] for s in schools if is_designated(s)) / total
    rural = [s for s in schools if s["rural"]]
    urban = [s for s in schools if not s["rural"]]
    per_rural = sum(X[s["id"]] for s in rural) / sum(s["enrollment"] for s in rural)
    per_urban = sum(X[s["id"]] for s in urban) / sum(s["enrollment"] for s in urban)
    return share_d, per_rural, per_urban


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def check(st):
    counties, schools, projects, groups = st["counties"], st["schools"], st["projects"], st["groups"]
    funds, total, need = st["funds"], st["total"], st["need"]
    assert len(counties) == 100
    dcount = {d: sum(1 for c in counties if c["designation"] == d)
              for d in ("national", "provincial", "none")}
    assert dcount == {"national": 24, "provincial": 1, "none": 75}, dcount
    assert [c["name"] for c in counties if c["designation"] == "provincial"] == ["都昌县"]
    ids = [s["id"] for s in schools]
    assert len(set(ids)) == len(ids)
    assert len(set(s["name"] for s in schools)) == len(schools), "school names must be unique"
    assert len(set(p["id"] for p in projects)) == len(projects)
    assert len(set(g["id"] for g in groups)) == len(groups)
    for order in (SUBJECTS, sorted(SUBJECTS), list(reversed(SUBJECTS))):
        acc = 0.0
        for _, share in order:
            acc += share
        assert abs(acc - 1.0) <= 1e-12, acc
    for s in schools:
        n = s["enrollment"]
        assert n > 0
        for k in ("poor", "boarding", "disabled", "left_behind"):
            assert 0 <= s[k] <= n, (s["id"], k)
        assert 0 <= s["poor_boarding"] <= min(s["poor"], s["boarding"]), s["id"]
        assert 24.5 <= s["lat"] <= 30.1 and 113.6 <= s["lon"] <= 118.5
        assert all(v >= 0 for v in s["teachers"].values())
        if s["level"] == "special":
            assert 30 <= n <= 200 and s["disabled"] >= 0.9 * n
    for c in counties:
        levels = {s["level"] for s in schools if s["region"] == c["id"]}
        assert {"primary", "junior"} <= levels, c["name"]
    assert 4000 <= len(schools) <= 6000, len(schools)
    assert 150 <= len(groups) <= 400, len(groups)
    assert all(1 <= g["count"] <= 12 for g in groups)
    assert all(st["reach"][g["id"]] for g in groups), "every group must reach a school"
    assert 0.30 <= st["pool_total"] / st["shortage_total"] <= 0.50
    assert all(2.0e5 <= p["cost"] <= 5.0e6 for p in projects)
    assert 300 <= len(projects) <= 1500, len(projects)
    assert all(v > 0 for v in funds.values())
    # Mandatory needs fully coverable: central_special alone carries them.
    assert funds["central_special"] >= st["mandatory"]
    # Its 90% minimum spend fits the need of its categories.
    assert 0.9 * funds["central_special"] <= st["mandatory"] + total["special_education"]
    # Non-mandatory need only partly coverable.
    assert 0.5 <= st["nm_money"] / st["non_mandatory"] <= 0.7
    # county_matching and donations have enough eligible need to be spent.
    assert funds["county_matching"] <= st["total_d"]["living_allowance"] + st["total_d"]["infrastructure"]
    assert funds["social_donations"] <= st["donation_need"]
    # Hard rules of the base, and of the provincial -20% variant, feasible:
    # witness plans satisfy mandatory needs, minimum spend and F1 by
    # construction; check F4 on them. F3 (soft in the base) must be
    # attainable at the strict share and out of reach at the infeasible one.
    for scale in (1.0, 0.8):
        X = witness_plan(schools, need, funds, st["donation_regions"], scale)
        share_d, per_rural, per_urban = plan_shares(schools, X)
        assert per_rural >= RURAL_GAMMA * per_urban, (scale, per_rural, per_urban)
        assert share_d >= COUNTY_SHARE
    X = witness_plan(schools, need, funds, st["donation_regions"])
    assert COUNTY_SHARE_STRICT + 0.005 <= st["max_share"] <= COUNTY_SHARE_INFEASIBLE - 0.01


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fairness_flow(county_mode, county_share):
    penalty = ", penalty: 2" if county_mode == "soft" else ""
    return ("{coverage_floor: {mode: hard, alpha: {infrastructure: %s}}, "
            "poverty_county_share: {mode: %s%s, share: %s, designations: [national, provincial]}, "
            "rural_parity: {mode: hard, gamma: %s}, "
            "dispatch_county_share: {mode: hard, share: %s, designations: [national, provincial]}}"
            % (FLOOR_INFRASTRUCTURE, county_mode, penalty, county_share, RURAL_GAMMA, DISPATCH_SHARE))


def flow(mapping):
    return "{%s}" % ", ".join("%s: %s" % (k, repr(v)) for k, v in mapping.items())


def horizon_variant():
    """The multi-year variant: five years, discounted, counts projected by level, the special posts
    on three-year contracts (teachers.csv), fund growth and carry-over. Its own solver block: the
    five stitched years take eduplan about ten minutes on a 2-core machine (Benchmarks/RESULTS.md,
    "Multi-year plans"), so the base's 60 s limit would end the solve without a plan."""
    return ('  - {name: "2024-2028 horizon", horizon: {years: [%s], discount: %s, projection: '
            "{enrollment_growth: %s, poor_exit: %s, poor_intake: %s}}, fund_growth: %s, fund_carry_over: %s, "
            "solver: {time_limit_s: 1800, mip_gap: 5.0e-3}}"
            % (", ".join(str(y) for y in HORIZON_YEARS), HORIZON_DISCOUNT, flow(ENROLLMENT_GROWTH),
               POOR_EXIT, POOR_INTAKE, flow(FUND_GROWTH), flow(FUND_CARRY_OVER)))


def write_outputs(st):
    counties, schools, projects, groups = st["counties"], st["schools"], st["projects"], st["groups"]
    funds, donation_regions = st["funds"], st["donation_regions"]
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "regions.csv", ["id", "name", "designation", "rural", "income_per_capita"],
              [[c["id"], c["name"], c["designation"], "true" if c["rural"] else "false", c["income"]]
               for c in counties])
    subj = [j for j, _ in SUBJECTS]
    write_csv(OUT / "schools.csv",
              ["id", "name", "region", "level", "rural", "lat", "lon", "enrollment", "boarding",
               "poor", "poor_boarding", "disabled", "left_behind"] + ["teachers_" + j for j in subj],
              [[s["id"], s["name"], s["region"], s["level"], "true" if s["rural"] else "false",
                fmt_coord(s["lat"]), fmt_coord(s["lon"]), s["enrollment"], s["boarding"], s["poor"],
                s["poor_boarding"], s["disabled"], s["left_behind"]] + [s["teachers"][j] for j in subj]
               for s in schools])
    write_csv(OUT / "teachers.csv",
              ["id", "subject", "count", "region", "lat", "lon", "annual_cost", "max_distance_km", "levels",
               "contract_years"],
              [[g["id"], g["subject"], g["count"], g["region"], fmt_coord(g["lat"]), fmt_coord(g["lon"]),
                g["annual_cost"], g["max_distance_km"], g["levels"],
                CONTRACT_YEARS.get(g["id"].split("-")[0], "")] for g in groups])
    write_csv(OUT / "projects.csv", ["id", "school", "category", "cost"],
              [[p["id"], p["school"], "infrastructure", p["cost"]] for p in projects])

    lines = [
        "# Generated by tools/make_jiangxi.py: do not edit by hand; edit the script and rerun.",
        "# What is real and what is synthetic: README.md beside this file.",
        "format: 1",
        'name: "Jiangxi 2024 demo"',
        "year: 2024",
        "currency: CNY",
        "locale: zh-CN",
        "subjects: {%s}" % ", ".join("%s: %s" % (j, repr(v)) for j, v in SUBJECTS),
        "student_teacher_ratio: {%s}" % ", ".join("%s: %s" % (lv, repr(STR[lv])) for lv in LEVELS),
        "categories:",
        '  - {id: living_allowance, weight: 3, mandatory: true, name: "Living allowance for poor boarders", name_zh: "家庭经济困难寄宿生生活补助",',
        "     per_student: {count: poor_boarding, rates: {primary: %d, junior: %d}}}"
        % (LIVING_ALLOWANCE["primary"], LIVING_ALLOWANCE["junior"]),
        '  - {id: senior_grant, weight: 3, mandatory: true, name: "Senior and vocational grant", name_zh: "高中阶段国家助学金",',
        "     per_student: {count: poor, rates: {senior: %d, vocational: %d}}}"
        % (SENIOR_GRANT["senior"], SENIOR_GRANT["vocational"]),
        '  - {id: special_education, weight: 2.5, name: "Special education", name_zh: "特殊教育补助",',
        "     per_student: {count: disabled, rates: {%s}}}"
        % ", ".join("%s: %d" % (lv, SPECIAL_ED_RATE) for lv in LEVELS),
        '  - {id: infrastructure, weight: 1.5, projects: projects.csv, name: "School buildings", name_zh: "校舍建设项目"}',
        '  - {id: dispatch, weight: 2, name: "Teacher dispatch", name_zh: "教师调配"}',
        "funds:",
        "  - {id: central_special, amount: %d, categories: [living_allowance, senior_grant, special_education], regions: all, min_spend: 0.9,"
        ' name: "Central special funds", name_zh: "中央专项资金"}'
        % funds["central_special"],
        "  - {id: provincial_special, amount: %d, categories: [infrastructure, special_education, dispatch], regions: all,"
        ' name: "Provincial special funds", name_zh: "省级专项资金"}'
        % funds["provincial_special"],
        "  - {id: county_matching, amount: %d, categories: [living_allowance, infrastructure], regions: [national, provincial],"
        ' name: "County matching funds", name_zh: "县级配套资金"}'
        % funds["county_matching"],
        "  - {id: social_donations, amount: %d, categories: [infrastructure, dispatch], regions: [%s],"
        ' name: "Social donations", name_zh: "社会捐赠资金"}'
        % (funds["social_donations"], ", ".join(donation_regions)),
        "priority: {base: 1, poor_share: 2, left_behind_share: 0.5, disabled_share: 0.5, rural: 0.25, poverty_county: 0.5}",
        "dispatch: {value_per_teacher: 60000, travel_penalty_per_km: 0, integer: true, candidate_limit: 50}",
        "fairness:",
        "  coverage_floor: {mode: hard, alpha: {infrastructure: %s}}" % FLOOR_INFRASTRUCTURE,
        "  poverty_county_share: {mode: soft, penalty: 2, share: %s, designations: [national, provincial]}" % COUNTY_SHARE,
        "  rural_parity: {mode: hard, gamma: %s}" % RURAL_GAMMA,
        "  dispatch_county_share: {mode: hard, share: %s, designations: [national, provincial]}" % DISPATCH_SHARE,
        "solver: {time_limit_s: 60, mip_gap: 1.0e-4}",
        "tables: {regions: regions.csv, schools: schools.csv, teachers: teachers.csv}",
        "variants:",
        '  - {name: "provincial -20%%", fund_amounts: {provincial_special: %d}}'
        % round_to(0.8 * funds["provincial_special"], 1),
        '  - {name: "donations x2", fund_amounts: {social_donations: %d}}' % (2 * funds["social_donations"]),
        '  - {name: "no fairness", fairness: {}}',
        '  - {name: "strict poverty-county share", fairness: %s}'
        % fairness_flow("hard", COUNTY_SHARE_STRICT),
        '  - {name: "poverty-county share 80%% (infeasible)", fairness: %s}'
        % fairness_flow("hard", COUNTY_SHARE_INFEASIBLE),
        '  - {name: "robust: poor +10%", robust: {gamma: 0.3, relative: 0.1, fund_shortfall: {social_donations: 0.3}}}',
        horizon_variant(),
    ]
    (OUT / "scenario.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def money(x):
    return "{:,}".format(int(round(x)))


def pct(x):
    return "%.1f%%" % (100.0 * x)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(v) for v in r) + " |" for r in rows]
    return "\n".join(out)


def write_readme(st):
    schools, groups, funds, total, total_d = st["schools"], st["groups"], st["funds"], st["total"], st["total_d"]
    counties = st["counties"]
    by_id = {c["id"]: c for c in counties}
    pupils = sum(s["enrollment"] for s in schools)
    kids = sum(c["pop"] * c["share014"] for c in counties)
    level_rows = []
    for lv in LEVELS:
        sub = [s for s in schools if s["level"] == lv]
        n = sum(s["enrollment"] for s in sub)
        level_rows.append([lv, money(len(sub)), money(sum(1 for s in sub if s["rural"])), money(n),
                           money(n / len(sub)), money(sum(s["poor"] for s in sub)),
                           money(sum(s["poor_boarding"] for s in sub)), money(sum(s["disabled"] for s in sub)),
                           money(sum(sum(s["shortage"].values()) for s in sub))])
    level_rows.append(["**all**", money(len(schools)), money(sum(1 for s in schools if s["rural"])), money(pupils),
                       money(pupils / len(schools)), money(sum(s["poor"] for s in schools)),
                       money(sum(s["poor_boarding"] for s in schools)),
                       money(sum(s["disabled"] for s in schools)), money(st["shortage_total"])])
    counts_rows = []
    for label, pred in (("former poverty counties (25)", is_designated),
                        ("other counties (75)", lambda s: not is_designated(s)),
                        ("rural schools", lambda s: s["rural"]), ("urban schools", lambda s: not s["rural"])):
        sub = [s for s in schools if pred(s)]
        n = sum(s["enrollment"] for s in sub)
        counts_rows.append([label, money(len(sub)), money(n)] +
                           [pct(sum(s[k] for s in sub) / n) for k in
                            ("poor", "boarding", "poor_boarding", "disabled", "left_behind")])
    subj_rows = []
    for j, _ in SUBJECTS:
        req = sum(s["required"][j] for s in schools)
        have = sum(s["teachers"][j] for s in schools)
        sh = sum(s["shortage"][j] for s in schools)
        sh_d = sum(s["shortage"][j] for s in schools if is_designated(s))
        pool = sum(g["count"] for g in groups if g["subject"] == j)
        subj_rows.append([j, money(req), money(have), money(sh), money(sh_d), money(pool)])
    subj_rows.append(["**all**", money(sum(sum(s["required"].values()) for s in schools)),
                      money(sum(sum(s["teachers"].values()) for s in schools)),
                      money(st["shortage_total"]),
                      money(sum(sum(s["shortage"].values()) for s in schools if is_designated(s))),
                      money(st["pool_total"])])
    scheme_names = {"sp": "special-post (特岗计划)", "ta": "three areas (三区支教)",
                    "ur": "urban rotation (城镇教师轮岗)"}
    scheme_rows = []
    for code, cost, dists, (lo, hi), levels, _ in SCHEMES:
        sub = [g for g in groups if g["id"].startswith(code + "-")]
        scheme_rows.append([scheme_names[code], "`%s-…`" % code, len(sub), money(sum(g["count"] for g in sub)),
                            money(cost), "%d–%d" % (min(g["max_distance_km"] for g in sub),
                                                    max(g["max_distance_km"] for g in sub)),
                            "`%s`" % levels if levels else "all",
                            ", ".join(sorted({by_id[g["region"]]["name"] for g in sub}))])
    need_rows = []
    for k in CATEGORIES:
        need_rows.append([k, "yes" if k in MANDATORY else "no", money(total[k]), money(total_d[k]),
                          pct(total_d[k] / total[k])])
    need_rows.append(["dispatch (whole pool)", "no", money(st["pool_cost"]), "", ""])
    fund_rows = [
        ["central_special", money(funds["central_special"]), "living_allowance, senior_grant, special_education",
         "all", "0.9"],
        ["provincial_special", money(funds["provincial_special"]), "infrastructure, special_education, dispatch",
         "all", ""],
        ["county_matching", money(funds["county_matching"]), "living_allowance, infrastructure",
         "[national, provincial]", ""],
        ["social_donations", money(funds["social_donations"]), "infrastructure, dispatch",
         ", ".join("%s %s" % (r, by_id[r]["name"]) for r in st["donation_regions"]), ""],
    ]
    n_projects = {k: sum(1 for p in st["projects"] if p["kind"] == k) for k in ("dormitory", "canteen", "repair")}
    cost_projects = {k: sum(p["cost"] for p in st["projects"] if p["kind"] == k) for k in n_projects}
    share_d, per_rural, per_urban = st["witness"]
    nat = [c for c in counties if c["designation"] == "national"]
    rural_regions = sum(1 for c in counties if c["rural"])
    central, mandatory = funds["central_special"], st["mandatory"]
    n_districts = sum(1 for c in counties if c["name"].endswith("区"))

    text = f"""# Jiangxi 2024 demo scenario

A province-sized demo for `eduplan`: Jiangxi's 100 real county-level
divisions, with a synthetic set of {len(schools):,} schools, {len(groups)} teacher
groups, {len(st["projects"]):,} building projects and four funds built on them. Generated by
`tools/make_jiangxi.py` from `data/jiangxi_counties_census2020.csv`; do not
edit the files by hand. To regenerate (deterministic, byte-identical output):

    python3 tools/make_jiangxi.py

Files: `scenario.yaml`, `regions.csv`, `schools.csv`, `teachers.csv`,
`projects.csv`. Every school and every teacher group has coordinates, so
there is no `distances.csv` (distances are haversine, [docs/model.md §7](../../docs/model.md#7-derived-quantities-derivedquantities)).

## What is real

- **Counties** (`regions.csv`): the 100 county-level divisions of Jiangxi
  (ids are `r` + the administrative code, names in Chinese), with their 2020
  census resident population, rural share, share aged 0–14 and mean years of
  schooling, from the public repository leiii/census (digitised 2020 census
  county tables, MIT licence; see `data/README.md`). The province total,
  45,188,635, matches the official census bulletin.
- **Poverty designations**: the 25 counties on the province's 2013–2020
  poverty-county list. `national` = the 21 national key counties for poverty
  alleviation plus the 3 counties of the Luoxiao Mountains contiguous area
  (24); `provincial` = 都昌县, the one province-designated county (1). Caveat
  from the data README: the 2018 exit batch (7 counties) and 都昌县's
  provincial status are inferred from public announcements, not confirmed.
  The designations are historical (all 25 exited by 2020); in 2024 they stand
  for the counties still under the transition-period support policies.
  **Today's key-assistance counties are not in this scenario.** A scenario may
  declare its own designation list (`designations:` in scenario.yaml, see
  docs/format.md), e.g. `{{id: key_assist, poverty_weight: 1}}`, but no public
  list of Jiangxi's current (post-2021) key-assistance counties was available
  to the authors of this scenario, so the file keeps the default 2013–2020 list
  (`none`, `provincial`, `national`) rather than guess one. To use today's list,
  add `designations:` and put the ids in regions.csv's `designation` column.
- **Rural flag of a county**: `rural = true` when the census rural share is at
  least 0.5 ({rural_regions} counties).
- **Aid rates** (national figures, data README): living allowance for poor
  boarding pupils in compulsory education 1,250 CNY/yr primary and 1,500 junior
  (from spring 2024); national grant for senior secondary 2,000 CNY/yr on
  average, secondary vocational the same; special-post teacher scheme
  31,600 CNY per teacher-year (central salary subsidy, central provinces); the
  "three areas" teacher scheme 20,000 CNY per teacher-year; staffing standards
  1:19 primary, 1:13.5 junior, 1:12.5 senior (2014, unified urban–rural).

Not from the data README (general knowledge, worth a reviewer's check):
special education at 6,000 CNY per disabled pupil per year (the national
standard of public operating funds per special-education pupil, set by the
first Special Education Improvement Plan, 2014–2016, and extended by the
second, 2017–2020, to disabled pupils learning in regular classes; used here
as the per-pupil need); student–teacher ratios 15 (preschool), 20
(vocational) and 3 (special schools); urban rotation teachers at 45,000 CNY per
teacher-year; the income anchors below.

## What is synthetic, and how

Randomness comes from `random.Random` with fixed seeds (one per county, seeded
by its administrative code, and one each for projects and teacher groups), so
the output never changes unless the script does.

**Regions.** `income_per_capita` (CNY/yr) = ((1 − rural share) × 47,000 +
rural share × 22,500) × (1 + 0.06 × (mean years of schooling − 9.2)) × (0.93
in former poverty counties), rounded to 100. The anchors are rough figures
for Jiangxi's urban and rural per-capita disposable income around 2024; the
figure is only there for fiscal-neutrality metrics (range {money(min(c["income"] for c in counties))}–{money(max(c["income"] for c in counties))}).

**How many schools.** The demo is a *sample* of the province's schools, not
a census: per county, the pupils in the scenario are children aged 0–14
(population × census share) × {SAMPLE} × a level share: preschool
{LEVEL_SHARE["preschool"]}, primary {LEVEL_SHARE["primary"]}, junior {LEVEL_SHARE["junior"]}, senior {LEVEL_SHARE["senior"]}, vocational {LEVEL_SHARE["vocational"]}. Schools are
drawn one by one until the county's pupils are placed, so the number of
schools follows children (and rural counties, with smaller schools, get more
of them). Primary, preschool and junior pupils are split between rural and
urban schools by the county's rural share (×1.15 for preschool and primary,
capped at 0.95). Minimums: every county has an urban primary and an urban
junior school; every county of 150,000 people or more has a senior school;
counties of 200,000 or more have a special school, and of 1,000,000 or more
two. Senior, vocational and special schools sit in county towns (`rural =
false`). The scenario holds {money(pupils)} pupils, {pct(pupils / kids)} of the province's
{money(kids)} children aged 0–14.

Enrollment per school is triangular(low, high, mode):

| level | urban | rural |
|---|---|---|
| preschool | 120–450, mode 260 | 40–200, mode 90 |
| primary | 500–1,500, mode 1,100 | 100–800, mode 260 |
| junior | 800–2,500, mode 1,500 | 300–1,200, mode 550 |
| senior | 800–3,500, mode 2,000 | – |
| vocational | 500–3,000, mode 1,300 | – |
| special | 30–200, mode 90 | – |

**Names and places.** `<county>第N小学` (primary), `第N初级中学` (junior),
`第N中学` (senior), `第N幼儿园` (preschool), `中等职业学校` and
`特殊教育学校` (numbered when a county has more than one); ids `s00001`… in
county order. Coordinates: approximate county-seat coordinates (hand-compiled,
about ±10 km, in the script) jittered by up to 0.04° in urban districts and
0.12°–0.24° elsewhere (rural schools 35–100% of that radius from the seat,
urban ones within 35%), clamped to lat 24.5–30.1, lon 113.6–118.5.

**Pupil counts** (every count ≤ enrollment, poor_boarding ≤ min(poor, boarding)):
- `poor` (registered-poor / economically disadvantaged): share
  0.03 + 0.08 × rural share + 0.10 (national) or 0.08 (provincial)
  + 0.03 × max(0, 9.5 − mean years of schooling); × 1.45 in rural schools,
  × 0.75 in urban ones; × 1.6 in special schools, × 1.1 in senior and
  vocational; × a lognormal factor (σ = 0.25); capped at 0.6.
- `boarding`: base share urban/rural — primary 0.03/0.24, junior 0.20/0.62,
  senior 0.72, vocational 0.62, special 0.45, preschool 0; +0.08 for primary
  and junior schools in former poverty counties; ± 0.08 uniform noise.
- `poor_boarding` = poor × min(1, 1.2 × boarding share + 0.05) (poor pupils
  board a little more often), capped by poor and boarding.
- `disabled`: 0.2–0.9% of pupils (learning in regular classes); in special
  schools 93–100% of pupils.
- `left_behind` (parents working away; Jiangxi is a large out-migration
  province): rural preschool/primary/junior 22–40% (+6 points in former
  poverty counties), urban 3–10%; senior 8–16% + 10 × rural share points;
  vocational and special 15–28%.

**Teachers** (`teachers_<subject>`; required teachers follow the formula
q = ceil(share × enrollment / STR − 1e-9), no `required_` columns). Per subject,
a school lacks floor(q × severity × scarcity × U(0.3, 1.3) + U(0, 1))
teachers, where severity is 0.55 + 0.15 × county rural share (+0.30 in former
poverty counties) for rural schools, 0.08 (+0.22) for urban ones, at least 0.35
for special schools, and scarcity is chinese 0.01, math 0.015, english 0.14,
science 0.12, arts_pe 0.17, special_ed 0.17 (the structural shortage of
rural China). Then 30% of rural and 40% of urban schools get one extra Chinese
and/or maths teacher (a surplus in the main subjects next to a shortage in the
others). Most urban schools thus meet the standard; many rural and
poverty-county schools are short in English, science, arts/PE and special
education.

**Projects** (`projects.csv`, category `infrastructure`, id `pNNNNN-<kind>`).
"Needy" = a rural school or any school in a former poverty county.
- dormitory, when a school has ≥ 80 boarders: probability 0.18 needy / 0.04
  other; cost = boarders × U(0.2, 0.5) beds × U(20,000, 30,000) CNY per bed,
  clamped to 1–5 M CNY.
- canteen, ≥ 50 boarders: probability 0.12 / 0.03; 400,000 + boarders ×
  U(800, 1,500), clamped to 0.4–2.5 M.
- repair (building repair and safety renovation): probability 0.12 rural,
  0.08 urban in a former poverty county, 0.03 other urban, 0.4 special
  schools; enrollment × U(600, 1,600), clamped to 0.2–3 M.
All costs rounded to 10,000 CNY: {n_projects["dormitory"]} dormitories ({money(cost_projects["dormitory"])} CNY),
{n_projects["canteen"]} canteens ({money(cost_projects["canteen"])}), {n_projects["repair"]} repairs ({money(cost_projects["repair"])}).

**Teacher groups** (`teachers.csv`, the dispatch pool), id
`<scheme>-<origin>-<subject>-NN`. The pool is {pct(POOL_SHARE)} of the total
shortage, split between schemes (50% special-post, 30% three areas, 20% urban
rotation) and, within a scheme, between subjects in proportion to the
shortage. Groups of special-post teachers start from normal universities
(origin = the university's district: jxnu 江西师范大学 and 青山湖区, gnnu
赣南师范大学 and 章贡区, sru 上饶师范学院 and 信州区, jgsu 井冈山大学 and 吉州区,
ycu 宜春学院 and 袁州区, jju 九江学院 and 濂溪区, pxu 萍乡学院 and 安源区,
jdzu 景德镇学院 and 珠山区, xyu 新余学院 and 渝水区); three-areas and rotation
groups from the province's {n_districts} urban districts (区), origin = the district's
6-digit code. A group's origin is drawn with weight =
the shortage still unclaimed at the 50 schools nearest to it that are short
in its subject (the scenario's `candidate_limit`), poverty-county shortage
counted double, so that the pool sits where it can be used. Coordinates: the
origin's seat ± 0.02°. Special-education groups may also teach in special
schools.

{table(["scheme", "ids", "groups", "teachers", "annual_cost", "max_distance_km", "levels", "origins"], scheme_rows)}

**Funds.** `central_special` = 1.15 × mandatory need / 0.9, rounded up to a
million: its 90% minimum spend is 15% above the mandatory need, so it covers
all of it and must also spend on special education. The other three funds are
sized so that all money beyond the mandatory need equals 60% of the
non-mandatory need (special education + infrastructure + the cost of
dispatching the whole pool): county_matching 25% of that, social_donations 8%
(at most 40% of the project need of its counties), provincial_special the
rest; rounded to a million. Donations go to the 8 former national poverty
counties with the most poor pupils.

## Totals

Schools by level:

{table(["level", "schools", "rural", "pupils", "pupils/school", "poor", "poor_boarding", "disabled", "teacher shortage"], level_rows)}

Pupil counts as shares of pupils:

{table(["group", "schools", "pupils", "poor", "boarding", "poor_boarding", "disabled", "left_behind"], counts_rows)}

Teachers by subject (required by the formula, current, shortage = Σ max(0, q − e)):

{table(["subject", "required", "current", "shortage", "in former poverty counties", "in the pool"], subj_rows)}

The pool ({money(st["pool_total"])} teachers, {pct(st["pool_total"] / st["shortage_total"])} of the
shortage) costs {money(st["pool_cost"])} CNY a year if all of it is dispatched.

Need by category (CNY):

{table(["category", "mandatory", "need", "in former poverty counties", "share"], need_rows)}

Funds (CNY):

{table(["fund", "amount", "categories", "regions", "min_spend"], fund_rows)}

- Mandatory need (living_allowance + senior_grant): {money(mandatory)} CNY.
  Eligible money: central_special alone, {money(central)} CNY (plus
  county_matching for the living allowance in former poverty counties), so
  every mandatory need can be met. central_special's minimum spend,
  {money(0.9 * central)}, fits within its eligible need
  ({money(mandatory + total["special_education"])}).
- Non-mandatory need: {money(st["non_mandatory"])} CNY; money left for it once
  the mandatory need is met: {money(st["nm_money"])} ({pct(st["nm_money"] / st["non_mandatory"])}). Not everything can be
  funded: that is the trade-off the plan resolves.
- All money: {money(sum(funds.values()))} CNY against a total need of
  {money(mandatory + st["non_mandatory"])}.

## Fairness rules and variants

Base rules:

- `coverage_floor` (F1), hard: every school gets at least
  {pct(FLOOR_INFRASTRUCTURE)} of its project cost. Feasible: provincial_special
  alone pays {pct(FLOOR_INFRASTRUCTURE)} of all projects
  ({money(FLOOR_INFRASTRUCTURE * total["infrastructure"])} CNY), also when cut by 20%.
- `poverty_county_share` (F3), soft (penalty 2 per yuan short): at least
  {pct(COUNTY_SHARE)} of all money to the 25 former poverty counties. These hold
  {pct(sum(s["enrollment"] for s in schools if is_designated(s)) / pupils)} of the pupils but
  {pct((sum(total_d.values())) / sum(total.values()))} of the money need and
  {pct((total_d["living_allowance"] + total_d["senior_grant"]) / mandatory)} of the mandatory need, so a
  need-driven plan already sends them about 70% of the money; the
  coverage floor, which forces spending on projects everywhere, pulls that
  share down, and the rule pushes back. At 40% (soft) or 50% (hard) the rule
  would never bind.
- `rural_parity` (F4), hard, γ = {RURAL_GAMMA}: rural schools get at least as
  much per pupil as urban ones. Rural schools carry most of the boarding,
  poverty and project need, so this is a guard that does not bind in the base
  plan.
- `dispatch_county_share` (F7), hard: at least {pct(DISPATCH_SHARE)} of dispatched
  teachers go to former poverty counties. Groups serve only their 50 nearest
  short schools (`candidate_limit`) and start from cities, so a plan without
  the rule sends about 40% of its teachers there: at 40% the rule sits at the
  edge and binds as soon as money moves (strict variant); at 50% it would cut
  total dispatch by about a fifth, because few groups can reach those
  counties at all.

Checked by the script with a hand-built witness plan that meets every
mandatory need, central_special's minimum spend and the coverage floor, and
puts all other money into former poverty counties: it satisfies rural parity
(per pupil {money(per_rural)} CNY rural vs {money(per_urban)} urban) and reaches a
poverty-county share of {pct(share_d)}. With the coverage floor in force, that share
is the most any plan can reach (everything it spends outside those counties
is forced), hence the variants:

| variant | what changes | expected |
|---|---|---|
| `provincial -20%` | provincial_special × 0.8 = {money(round_to(0.8 * funds["provincial_special"], 1))} | feasible (the floor still fits); less infrastructure and dispatch |
| `donations x2` | social_donations × 2 = {money(2 * funds["social_donations"])} | feasible; more for the 8 donation counties |
| `no fairness` | `fairness: {{}}` | feasible; the utilitarian plan, reference for the price of fairness |
| `strict poverty-county share` | F3 hard at {pct(COUNTY_SHARE_STRICT)} | feasible (the maximum is {pct(share_d)}), binding: costs benefit |
| `poverty-county share 80% (infeasible)` | F3 hard at {pct(COUNTY_SHARE_INFEASIBLE)} | **infeasible on purpose**: above the {pct(share_d)} maximum; shows the elastic diagnosis (F3 must give) |
| `robust: poor +10%` | `robust: {{gamma: 0.3, relative: 0.1, fund_shortfall: {{social_donations: 0.3}}}}`: every count a mandatory category pays for (poor, poor_boarding) may come in 10% higher (rounded up), up to 30% of a county's schools at once; donations may arrive 30% short | feasible; reserves for living_allowance and senior_grant per county, with the price of robustness and the simulated protection in the report. Donations pay no mandatory category, so their shortfall constrains nothing (docs/model.md, "Robust plans") |
| `2024-2028 horizon` | five years 2024–2028 (`horizon:`), discount {HORIZON_DISCOUNT}, counts projected by level, poor exit {pct(POOR_EXIT)} and intake {pct(POOR_INTAKE)} a year, provincial_special growing {pct(FUND_GROWTH["provincial_special"])} a year, carry-over (central {pct(FUND_CARRY_OVER["central_special"])}, donations {pct(FUND_CARRY_OVER["social_donations"])}), special posts on 3-year contracts | feasible (checked with tools/oracle, see "Multi-year variant"); its own solver block (limit 1,800 s per solve, gap 0.5%: with 1e-4 branch and bound stayed at 0.2% for 15 minutes): eduplan took 9 min 53 s on a 2-core machine (release build, load 3–5: the horizon without rules 2 min 46 s, the plan 6 min, claims 1 min; Benchmarks/RESULTS.md, "Multi-year plans"); `compare` and `report` leave it out (a five-year objective is not comparable with one year's) |

The thresholds were chosen by checking, when the scenario was generated,
the witness above and an LP relaxation of the whole model (dispatch
continuous) solved with glpsol: base, `provincial -20%`, `donations x2`,
`no fairness` and `strict` feasible, 80% infeasible. `eduplan solve` is the
authority on the actual optimum.

## Multi-year variant (`2024-2028 horizon`)

The variant plans five years at once (docs/model.md, multi-year plans): 2024's tables, then each
year's counts projected from the previous year's, per level, with the rounding of the format.
Every rate below is either a public figure or an assumption, and says which.

**Enrollment growth by level** (`projection.enrollment_growth`), from China's national
statistics (Jiangxi's own bulletins were not available to the authors; the national rates
stand in for the province's — an assumption):

| level | rate a year | figures used |
|---|---|---|
| preschool | {ENROLLMENT_GROWTH["preschool"]:+.0%} | in kindergarten 2021 4,805.21 万 (−0.27%), 2022 4,627.55 万 (−3.70%), 2023 4,093.0 万 (−534.5 万, −11.55%) [1][3][4]; about the mean of 2022 and 2023, as the birth decline (2021: 1,062 万 births [5]) keeps reaching the 3–5-year-olds |
| primary | {ENROLLMENT_GROWTH["primary"]:+.0%} | in school +0.51% in 2021, −0.44% in 2022, 10,836.0 万 in 2023 [2][3][4]: flat so far, but intake fell 1.41% (2021) and 4.55% (2022) [2][3], and the cohorts now reaching school age are far smaller than those leaving primary (born 2021: 1,062 万 [5]; primary graduates 2023: 1,763.5 万 [4]); −3% is an assumption informed by these figures |
| junior | {ENROLLMENT_GROWTH["junior"]:+.0%} | in school 2020 4,914.09 万 (+1.80%) [6], 2021 5,018.44 万 [1], 2023 5,243.7 万 [4]: +2.2% a year 2020–2023 (rounded to 2%). In 2023 a primary grade held about 10,836.0/6 = 1,806 万 pupils and a junior grade 5,243.7/3 = 1,748 万, so junior keeps growing for some years; its later fall (the small post-2017 cohorts) cannot be shown with one rate per level and is left out |
| senior | {ENROLLMENT_GROWTH["senior"]:+.0%} | general senior secondary in school 2021 2,605.03 万 [1], 2023 2,803.6 万 [4]: +3.7% a year, rounded down |
| vocational, special | 0 | no figure used: an assumption |

**Poor pupils** (`poor_exit` {POOR_EXIT}, `poor_intake` {POOR_INTAKE}): **assumptions**, not
sourced: each year {pct(POOR_EXIT)} of last year's registered-poor pupils leave (family income above the
line), and newly identified poor pupils equal to {pct(POOR_INTAKE)} of the year's enrollment join
(households caught by the post-2020 monitoring against relapse). Boarding, disabled and
left-behind pupils follow enrollment.

**Funds**: amounts as in the base year; provincial_special grows {pct(FUND_GROWTH["provincial_special"])} a year
(`fund_growth`); central_special may carry {pct(FUND_CARRY_OVER["central_special"])} of a year's amount into the
next year, social_donations {pct(FUND_CARRY_OVER["social_donations"])} (`fund_carry_over`); everything else lapses
at the end of its year. All four are **assumptions** (no budget figures after 2024 were
available): a provincial budget line growing with nominal spending, earmarked central money
partly carried forward (结转) rather than spent to the last yuan, and donations that are not tied to
a budget year. Discount δ = {HORIZON_DISCOUNT} (a 3% social discount rate): an **assumption**.

**Special posts** (`sp-…` groups, `contract_years` 3 in teachers.csv): the 特岗计划 (Special Post
Plan for rural compulsory-education teachers, since 2006) recruits graduates for three years of
service in rural primary and junior schools [7][8]; a special-post teacher placed in one year stays
at that school for that year and the next two. The other groups' contracts are one year (empty cell).
The base scenario (no horizon) ignores the column.

Sources (national figures; pages are reprints of the official bulletins where the official site
was not available to the authors, each naming its origin):

1. MoE 发展规划司, 2021年全国教育事业统计主要结果 (2022-03-01), reprinted at
   http://www.chinapreschoolexpo.com/ppdt/1761.html — kindergarten 4,805.21 万; primary intake 1,782.58 万;
   junior in school 5,018.44 万; general senior secondary in school 2,605.03 万.
2. MoE, 2021年全国教育事业发展统计公报 (2022-09-14, "来源：教育部网站"), reprinted at
   http://www.junhanjc.com/rmtzcg/xwy/wzxw/202209/t20220914_2110946446.html — kindergarten −0.27%;
   primary intake −1.41%; primary in school 1.08 亿, +54.58 万, +0.51%.
3. MoE, 2022年全国教育事业发展统计公报 (央广网, 2023-07-05), reprinted at
   http://168ayy.com/guancha/2023/0705/16314.html — kindergarten 4,627.55 万 (−3.70%); primary intake
   1,701.39 万 (−4.55%); primary in school 1.07 亿, −47.88 万 (−0.44%).
4. NBS, 中华人民共和国2023年国民经济和社会发展统计公报 (2024-02-29), as quoted at
   https://wenxuan.news/zhishu/5592.html — primary in school 10,836.0 万, graduates 1,763.5 万, intake
   1,877.9 万; junior in school 5,243.7 万; general senior secondary in school 2,803.6 万; kindergarten
   4,093.0 万 (−534.5 万 from 2022).
5. NBS, 2021 births 1,062 万, as quoted at https://mlnxb.com/xfsh/xinli/4mmmkp.html.
6. Junior in school 2020: 4,914.09 万, +86.95 万 (+1.80%) over 2019, at
   https://renrendoc.com/paper/240454827.html (citing the MoE statistics).
7. China Daily, "West China schools get 'special' treatment" (Hu Yongqi, 2013-10-07), mirrored at
   http://www.ttav89.com/life/2013-10/07/content_17012025.htm — special-post teachers "are eligible to
   become regular teachers after three years of service in rural primary or middle schools".
8. China Daily / china.org.cn, "New rural teaching posts added to aid college grads" (2009-03-31),
   mirrored at http://formacion-profesional-a-distancia.com/government/central_government/2009-03/31/content_17529330.htm —
   the posts are "three-year contracts" at rural primary or middle schools.

The variant solves with the independent oracle (`tools/oracle/oracle.py scenarios/jiangxi-2024
--variant "2024-2028 horizon" --mipgap 1e-4`); its objective and time are in
`Benchmarks/RESULTS.md` ("Multi-year Jiangxi, oracle"). `eduplan` itself plans it once the planner knows
`horizon:` (issue 18).

## Simplifications to know

- The living allowance is modelled for boarding poor pupils only, at the full
  boarding rate (`poor_boarding`); the half-rate allowance for non-boarding
  poor pupils has no count field of its own. (It could be added exactly as
  two categories: one on `poor` at half the rate and one on `poor_boarding`
  at the other half.)
- `senior_grant` is mandatory: the national grant is an entitlement of
  registered-poor senior and vocational pupils, paid from a fixed
  central–local split, so the plan may not cut it. Here central_special pays it.
- The special-education rate applies to every disabled pupil, in special and
  regular schools alike; special schools have no projects of their own beyond
  repairs.
- Preschool pupils have no aid category except special education; they are
  in the scenario for staffing and equity metrics.
- Teacher groups do not know which counties a scheme may serve (the model has
  distance and level limits only); the dispatch-share rule stands in for the
  schemes' poverty-county targeting.
"""
    (OUT / "README.md").write_text(text, encoding="utf-8")


def print_summary(st):
    schools = st["schools"]
    print("jiangxi-2024: %d schools, %d pupils, %d projects, %d teacher groups"
          % (len(schools), sum(s["enrollment"] for s in schools), len(st["projects"]), len(st["groups"])))
    print("  shortage %d teachers, pool %d (%s), pool cost %s"
          % (st["shortage_total"], st["pool_total"], pct(st["pool_total"] / st["shortage_total"]),
             money(st["pool_cost"])))
    print("  need: " + ", ".join("%s %s" % (k, money(v)) for k, v in st["total"].items()))
    print("  funds: " + ", ".join("%s %s" % (k, money(v)) for k, v in st["funds"].items()))
    print("  mandatory %s; money beyond it %s for %s non-mandatory need (%s)"
          % (money(st["mandatory"]), money(st["nm_money"]), money(st["non_mandatory"]),
             pct(st["nm_money"] / st["non_mandatory"])))
    print("  witness: poverty-county share max %s, per pupil rural %s vs urban %s"
          % (pct(st["witness"][0]), money(st["witness"][1]), money(st["witness"][2])))


def main():
    counties = load_counties()
    schools = make_schools(counties)
    projects = make_projects(schools)
    groups = make_groups(counties, schools)
    need = needs(schools, projects)
    total = {k: sum(need[(s["id"], k)] for s in schools) for k in CATEGORIES}
    total_d = {k: sum(need[(s["id"], k)] for s in schools if is_designated(s)) for k in CATEGORIES}
    pool_cost = sum(g["count"] * g["annual_cost"] for g in groups)
    funds, donation_regions, donation_need = size_funds(schools, need, pool_cost)
    mandatory = sum(total[k] for k in MANDATORY)
    non_mandatory = total["special_education"] + total["infrastructure"] + pool_cost
    witness = plan_shares(schools, witness_plan(schools, need, funds, donation_regions))
    st = {
        "counties": counties, "schools": schools, "projects": projects, "groups": groups,
        "reach": group_reach(groups, schools), "need": need, "total": total, "total_d": total_d,
        "funds": funds, "donation_regions": donation_regions, "donation_need": donation_need,
        "shortage_total": sum(sum(s["shortage"].values()) for s in schools),
        "pool_total": sum(g["count"] for g in groups), "pool_cost": pool_cost,
        "mandatory": mandatory, "non_mandatory": non_mandatory,
        "nm_money": sum(funds.values()) - mandatory,
        "witness": witness, "max_share": witness[0],
    }
    check(st)
    write_outputs(st)
    write_readme(st)
    print_summary(st)


if __name__ == "__main__":
    main()
