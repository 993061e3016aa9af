"""The rolling re-plan of a multi-year plan (issue 18, contract v1 of session 8) for the oracle:
the previous plan (x⁰, y⁰), the actuals of the years that are over (T0), and the stability terms.

oracle.build() asks `Replan.is_over(i)` to fix year i's decisions at the actuals and drop the rows
that only constrain decisions already made; `stability()` then adds, for the years still to plan,
μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| (not discounted) and the `--max-moves` row. Nothing here reads the
planner's code: it is written from the contract and docs/model.md §18, §23."""
import csv, json, math, os

MONEY_COLUMNS = ("year", "school", "category", "amount")
TEACHER_COLUMNS = ("year", "group", "school", "count")
MAX_AMOUNT = 1e13
MAX_COUNT = 10_000_000


class ActualsError(SystemExit):
    """Every problem of the previous plan and the actuals at once (exit 1, nothing solved)."""


class Replan:
    """What a re-plan adds to the horizon model. Year indexes i are 0-based (horizon order)."""

    def __init__(self, previous, actual_files, move_penalty, teacher_move_penalty, max_moves):
        self.previous_path = previous
        self.actual_files = list(actual_files or [])
        self.mu_x = move_penalty
        self.mu_y = teacher_move_penalty
        self.max_moves = max_moves
        self.T0 = 0
        self.money = {}     # (school, category, i) -> the year's actual amount
        self.teachers = {}  # (group, school, i) -> teachers newly posted in year i
        self.x0 = {}        # (school, category, i) -> previous allocated (cumulative for projects)
        self.y0 = {}        # (group, school, i) -> previous new dispatches
        self.fingerprint = None
        self.years_seen = set()  # every `year` of the actuals files, in the horizon or not

    def is_over(self, i):
        return i < self.T0

    def fixed_money(self, sid, k, i, project):
        """Year i's x (i over): the year's amount, or for a project category the cumulative sum."""
        if not project:
            return self.money.get((sid, k, i), 0.0)
        return sum(self.money.get((sid, k, t), 0.0) for t in range(i + 1))

    def fixed_teachers(self, g, sid, i):
        return self.teachers.get((g, sid, i), 0.0)


def years_over_test(S):
    """i -> whether year i is over (its decisions fixed at the actuals); never without a re-plan."""
    R = getattr(S, "replan", None)
    return R.is_over if R else (lambda i: False)


def prepare(S, options):
    """Reads the previous plan and the actuals into S.replan (after oracle.derive). `options`:
    previous, actuals (list), move_penalty, teacher_move_penalty, max_moves (None: §18 defaults)."""
    if not options or not options.get("previous"):
        assert not (options or {}).get("actuals"), "--actuals needs --previous"
        S.replan = None
        return
    if not S.horizon or len(S.years) < 2:
        raise ActualsError("--previous: expected a horizon of 2 years or more (the oracle does not "
                           "write the one-year re-plan of docs/model.md §18)")
    V = float(S.dispatch.get("value_per_teacher", 0) or 0)
    mu_x = options.get("move_penalty")
    mu_y = options.get("teacher_move_penalty")
    R = Replan(options["previous"], options.get("actuals"),
               0.05 if mu_x is None else float(mu_x), 0.05 * V if mu_y is None else float(mu_y),
               options.get("max_moves"))
    errors = []
    read_previous(S, R, errors)
    for path in R.actual_files:
        read_actuals_file(S, R, path, errors)
    if not errors:
        years_over(S, R, errors)
    if not errors:
        check_projects(S, R, errors)
    if errors:
        raise ActualsError("\n".join(errors))
    S.replan = R


def read_previous(S, R, errors):
    """x⁰ and y⁰ of every horizon year from a multi-year plan.json (years outside the horizon
    are ignored; a horizon year missing from it has x⁰ = y⁰ = 0)."""
    with open(R.previous_path, encoding="utf-8") as f:
        prev = json.load(f)
    if not isinstance(prev.get("years"), list) or not prev.get("horizon"):
        errors.append(f"{R.previous_path}: expected a multi-year plan (keys horizon, years), "
                      "found a one-year plan")
        return
    R.fingerprint = prev.get("scenario_fingerprint")
    index = {year: i for i, year in enumerate(S.years)}
    for entry in prev["years"]:
        i = index.get(int(entry["year"]))
        if i is None:
            continue
        for school in (entry.get("plan") or {}).get("schools") or []:
            for k, amount in (school.get("allocated") or {}).items():
                R.x0[(school["id"], k, i)] = float(amount)
        for post in entry.get("new_dispatch") or []:
            key = (post["group"], post["school"], i)
            R.y0[key] = R.y0.get(key, 0.0) + float(post["count"])


def read_actuals_file(S, R, path, errors):
    """One actuals file, money (year,school,category,amount) or teachers (year,group,school,count)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        errors.append(f"{path}:1:1: expected a header {','.join(MONEY_COLUMNS)} or "
                      f"{','.join(TEACHER_COLUMNS)}, found an empty file")
        return
    header = [h.strip() for h in rows[0]]
    kind = next((cols for cols in (MONEY_COLUMNS, TEACHER_COLUMNS) if set(cols) <= set(header)), None)
    if kind is None:
        errors.append(f"{path}:1:1: expected a header {','.join(MONEY_COLUMNS)} or "
                      f"{','.join(TEACHER_COLUMNS)}, found {','.join(header)}")
        return
    col = {name: header.index(name) for name in kind}
    schools = {s["id"] for rows_t in S.school_years for s in rows_t}
    categories = {c["id"] for c in S.cats}
    groups = {g["id"] for g in S.teachers}
    candidates = {}
    for g, sid, _ in S.P:
        candidates.setdefault(g, []).append(sid)
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = lambda name: row[col[name]].strip() if col[name] < len(row) else ""
        where = lambda name: f"{path}:{line}:{col[name] + 1}"
        year = whole_number(cell("year"))
        if year is None:
            errors.append(f"{where('year')}: expected a year, found {cell('year')!r}")
            continue
        R.years_seen.add(year)
        if year not in S.years:
            errors.append(f"{where('year')}: expected a year of the horizon "
                          f"{S.years[0]}–{S.years[-1]}, found {year}")
            continue
        i = S.years.index(year)
        if kind is MONEY_COLUMNS:
            money_row(R, cell, where, i, schools, categories, S, errors)
        else:
            teacher_row(R, cell, where, i, schools, groups, candidates, errors)


def money_row(R, cell, where, i, schools, categories, S, errors):
    sid, k = cell("school"), cell("category")
    ok = True
    if sid not in schools:
        errors.append(f"{where('school')}: expected a school of the scenario, found {sid!r}"); ok = False
    if k == "dispatch":
        errors.append(f"{where('category')}: expected a money category (the teachers' cost follows "
                      f"from the teachers file), found 'dispatch'"); ok = False
    elif k not in categories:
        errors.append(f"{where('category')}: expected a category of the scenario, found {k!r}"); ok = False
    amount = number(cell("amount"))
    if amount is None or not (0 <= amount <= MAX_AMOUNT):
        errors.append(f"{where('amount')}: expected an amount in 0..1e13, found {cell('amount')!r}"); ok = False
    key = (sid, k, i)
    if ok and key in R.money:
        errors.append(f"{where('school')}: expected one row per (year, school, category), found "
                      f"{S.years[i]},{sid},{k} again"); ok = False
    if ok:
        R.money[key] = amount


def teacher_row(R, cell, where, i, schools, groups, candidates, errors):
    g, sid = cell("group"), cell("school")
    ok = True
    if g not in groups:
        errors.append(f"{where('group')}: expected a teacher group of the scenario, found {g!r}"); ok = False
    if sid not in schools:
        errors.append(f"{where('school')}: expected a school of the scenario, found {sid!r}"); ok = False
    elif ok and sid not in candidates.get(g, []):
        errors.append(f"{where('school')}: expected a candidate pair of group {g} "
                      f"({', '.join(candidates.get(g, [])) or 'none'}), found {sid}"); ok = False
    count = whole_number(cell("count"))
    if count is None or not (0 <= count <= MAX_COUNT):
        errors.append(f"{where('count')}: expected a whole number in 0..10000000, "
                      f"found {cell('count')!r}"); ok = False
    key = (g, sid, i)
    if ok and key in R.teachers:
        errors.append(f"{where('group')}: expected one row per (year, group, school), found it again"); ok = False
    if ok:
        R.teachers[key] = float(count)


def years_over(S, R, errors):
    """T0 = the horizon years up to the largest year found; each of them needs a row somewhere."""
    if not R.years_seen:
        return
    last = max(R.years_seen)
    R.T0 = sum(1 for year in S.years if year <= last)
    with_rows = {S.years[i] for (_, _, i) in list(R.money) + list(R.teachers)}
    for year in S.years[:R.T0]:
        if year not in with_rows:
            errors.append(f"actuals: expected actuals for {year} (every year up to {last}), found none")
    if R.T0 == len(S.years):
        errors.append("actuals: every year of the horizon is over: nothing to re-plan")


def check_projects(S, R, errors):
    """A project category's actual money at a school, summed over years ≤ t, within the cost of
    the school's projects with e_p ≤ t (the year's need N_{s,k,t})."""
    projects = {c["id"] for c in S.cats if "projects" in c}
    for (sid, k, i) in sorted(key for key in R.money if key[1] in projects):
        for t in range(i, R.T0):
            paid = R.fixed_money(sid, k, t, True)
            need = next((s["_N"].get(k, 0.0) for s in S.school_years[t] if s["id"] == sid), 0.0)
            if paid > need + 1e-9:
                errors.append(f"actuals: expected at most {need:g} paid to {sid} for {k} by {S.years[t]} "
                              f"(its projects' cost), found {paid:g}")
                break


def hold_actual(v, a, price, rows, bounds, elastic_cost):
    """The elastic model's hold on a value a > 0 fixed in a year that is over (docs/model.md §23,
    "Elastic diagnosis" of a rolling re-plan): v in [0, a] with the row v + σ ≥ a, σ ≥ 0 costing
    `price` a unit (1 for money, V a teacher). Returns v's new lower bound, 0."""
    sl = f"el_actual_{v}"
    bounds[sl] = (0, None)
    elastic_cost[sl] = price
    rows.append((f"actual_{v}", {v: 1, sl: 1}, ">=", a))
    return 0


def stability(S, c):
    """μ_x Σ_{t>T0} |x − x⁰| + μ_y Σ_{t>T0} |y − y⁰| (rows mv_*; the constants of keys absent from
    the model), and with max_moves the row Σ d_y ≤ M − (absent teacher moves), elastic: − σ.
    Returns the constant added to the objective (0 in the elastic model)."""
    R = S.replan
    rows, bounds, obj, mode = c["rows"], c["bounds"], c["obj"], c["mode"]
    constant = 0.0
    moves_row, absent_moves = {}, 0.0
    for kind, columns, previous, mu in (("x", c["xv"], R.x0, R.mu_x),
                                        ("y", {key: v[0] for key, v in c["yv"].items()}, R.y0, R.mu_y)):
        for key, v in columns.items():
            if R.is_over(key[2]):
                continue
            before = previous.get(key, 0.0)
            d = f"mv_{kind}_{v}"
            bounds[d] = (0, None)
            rows.append((f"mvp_{v}", {d: 1, v: -1}, ">=", -before))
            rows.append((f"mvn_{v}", {d: 1, v: 1}, ">=", before))
            if mode != "elastic" and mu > 0:
                obj[d] = obj.get(d, 0) + mu
            if kind == "y":
                moves_row[d] = 1
        for key in sorted(previous):
            if key not in columns and not R.is_over(key[2]):
                constant += mu * abs(previous[key])
                if kind == "y":
                    absent_moves += abs(previous[key])
    if R.max_moves is not None:
        if mode == "elastic":
            V = c["V"]
            bounds["el_max_moves"] = (0, None)
            c["elastic_cost"]["el_max_moves"] = V if V > 0 else 1.0
            moves_row["el_max_moves"] = -1
        rows.append(("max_moves", moves_row, "<=", float(R.max_moves) - absent_moves))
    return 0.0 if mode == "elastic" else constant


def number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def whole_number(text):
    v = number(text)
    return int(v) if v is not None and v == int(v) else None


def options_from_argv(argv):
    """--previous, --actuals (repeated), --move-penalty, --teacher-move-penalty, --max-moves."""
    def value(flag, convert):
        return convert(argv[argv.index(flag) + 1]) if flag in argv else None
    return {"previous": value("--previous", str),
            "actuals": [argv[i + 1] for i, a in enumerate(argv) if a == "--actuals"],
            "move_penalty": value("--move-penalty", float),
            "teacher_move_penalty": value("--teacher-move-penalty", float),
            "max_moves": value("--max-moves", float)}


def moves(S, meta, vals):
    """Every money line and teacher pair of a year still to plan whose value changed, with its year."""
    R = S.replan
    out = []
    for kind, columns, previous in (("money", meta["xv"], R.x0),
                                    ("teachers", {key: v[0] for key, v in meta["yv"].items()}, R.y0)):
        for key in sorted(set(columns) | set(previous), key=lambda k: (k[2], k[0], k[1])):
            if R.is_over(key[2]):
                continue
            before, after = previous.get(key, 0.0), vals.get(columns.get(key), 0.0)
            if abs(after - before) > 1e-6:
                out.append({"year": S.years[key[2]], "kind": kind, "key": f"{key[0]}/{key[1]}",
                            "before": before, "after": round(after, 6)})
    return out


def case_options(folder, case):
    """A `replans` case of a fixture's expected.json as prepare()'s options (paths in the folder)."""
    return {"previous": os.path.join(folder, case["previous"]),
            "actuals": [os.path.join(folder, a) for a in case.get("actuals") or []],
            "move_penalty": case.get("move_penalty"),
            "teacher_move_penalty": case.get("teacher_move_penalty"),
            "max_moves": case.get("max_moves")}
