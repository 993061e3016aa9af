import EduplanScenario
import Foundation
import LinearProgramming

/// Last plan's decisions, for re-planning with stability (MODEL.md §10).
public struct PreviousPlan: Sendable, Equatable {
    /// x⁰: money by (school id, category id).
    public var money: [Key: Double]
    /// y⁰: teachers by (group id, school id).
    public var teachers: [Key: Double]
    /// The dispatch lines as read, in file order (for problems that name a line).
    public var dispatchLines: [DispatchRecord]
    /// What the plan records of the scenario it was solved from.
    public var origin: PlanOrigin

    /// A pair of ids.
    public struct Key: Hashable, Sendable, Comparable {
        public var first: String
        public var second: String
        public init(_ first: String, _ second: String) {
            self.first = first
            self.second = second
        }
        public static func < (a: Key, b: Key) -> Bool {
            a.first != b.first ? a.first.utf8.lexicographicallyPrecedes(b.first.utf8)
                : a.second.utf8.lexicographicallyPrecedes(b.second.utf8)
        }
    }

    /// One line of the previous plan's `plan.dispatch`.
    public struct DispatchRecord: Sendable, Equatable {
        public var group: String
        public var school: String
        public var count: Double
        /// Its position in `plan.dispatch`.
        public var index: Int
    }

    /// A previous plan built in code; its dispatch lines are the teacher keys in id order.
    public init(money: [Key: Double] = [:], teachers: [Key: Double] = [:], origin: PlanOrigin = PlanOrigin()) {
        self.money = money
        self.teachers = teachers
        self.dispatchLines = teachers.keys.sorted().enumerated().map { i, key in
            DispatchRecord(group: key.first, school: key.second, count: teachers[key]!, index: i)
        }
        self.origin = origin
    }

    /// Reads the decisions of a `solve --out` plan.json (`plan.schools[].allocated`, `plan.dispatch[]`)
    /// through ``PlanFile/read(_:file:requiring:)``: every number is checked first, then school ids
    /// must be unique text, a dispatch line needs a group, a school and a count, and one group's
    /// dispatches may add up to at most ``InputLimits/maxCount`` (the line that crosses it is named).
    /// - Throws: ``ScenarioErrors`` with every problem, each with the file and the JSON key path.
    public init(planJSON data: Data, file: String = "plan.json") throws {
        let (read, problems) = PlanFile.read(data, file: file, requiring: .replanning)
        guard let read, let plan = read.plan else { throw ScenarioErrors(problems: problems) }
        self.init(plan, origin: read.origin)
    }

    /// The decisions of a plan: x⁰ from each school's `allocated`, y⁰ from the dispatch lines (kept
    /// in order, for problems that name a line).
    public init(_ plan: Plan, origin: PlanOrigin) {
        var money: [Key: Double] = [:]
        for school in plan.schools {
            for (category, amount) in school.allocated { money[Key(school.id, category)] = amount }
        }
        let lines = plan.dispatch.enumerated().map { i, line in
            DispatchRecord(group: line.group, school: line.school, count: line.count, index: i)
        }
        var teachers: [Key: Double] = [:]
        for line in lines { teachers[Key(line.group, line.school), default: 0] += line.count }
        self.money = money
        self.teachers = teachers
        self.dispatchLines = lines
        self.origin = origin
    }

    /// The problems of re-planning `scenario` against this plan, read from `file`:
    /// - a plan of another scenario (``PlanOrigin/Match/foreign``) or one that records none: an error,
    ///   or a warning when `allowForeign` (`--allow-foreign-plan`); changed facts are expected;
    /// - a group whose previous dispatches add up to more than its count in the scenario: an error
    ///   when the plan was solved from exactly this scenario (the file was altered), otherwise a
    ///   warning (the group shrank since: the re-plan must move the excess).
    public func problems(against scenario: Scenario, fingerprint: ScenarioFingerprint, file: String,
                         allowForeign: Bool) -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        if let problem = origin.problem(with: scenario, fingerprint: fingerprint, file: file, exact: false, allowed: allowForeign) {
            problems.append(problem)
        }
        let same = origin.match(fingerprint) == .same
        let count = Dictionary(scenario.teacherGroups.map { ($0.id, Double($0.count)) }, uniquingKeysWith: { a, _ in a })
        var total: [String: Double] = [:]
        var reported = Set<String>()
        for line in dispatchLines {
            guard let available = count[line.group] else { continue }
            total[line.group, default: 0] += line.count
            guard total[line.group]! > available + 1e-9, reported.insert(line.group).inserted else { continue }
            problems.append(ScenarioProblem(
                same ? .error : .warning, file: file, field: "plan.dispatch[\(line.index)].count",
                expected: "dispatches of group \(line.group) adding up to at most its count in the scenario, \(Format.grouped(available))",
                found: "\(Format.grouped(total[line.group]!, decimals: 2)) with this line",
                hint: same ? "the plan was solved from this very scenario, so the file was altered"
                    : "the group has fewer teachers than the previous plan dispatched: the re-plan moves the excess"))
        }
        return problems
    }
}

/// How strongly a re-plan holds on to the previous plan.
public struct StabilitySettings: Sendable, Equatable {
    public var previous: PreviousPlan
    /// μ_x: objective cost per unit of money moved.
    public var moneyPenalty: Double
    /// μ_y: objective cost per teacher moved (money-equivalent).
    public var teacherPenalty: Double
    /// M: at most this many teacher moves Σ|y − y⁰| (nil: no cap).
    public var maxTeacherMoves: Double?

    /// Settings with the penalties given (none by default: only the cap, if any, holds the plan).
    public init(previous: PreviousPlan, moneyPenalty: Double = 0, teacherPenalty: Double = 0, maxTeacherMoves: Double? = nil) {
        self.previous = previous
        self.moneyPenalty = moneyPenalty
        self.teacherPenalty = teacherPenalty
        self.maxTeacherMoves = maxTeacherMoves
    }

    /// Settings for re-planning `scenario`, with `solve --previous`'s defaults where a penalty is nil:
    /// μ_x = ``defaultMoneyPenalty`` per unit of money moved and μ_y = ``defaultTeacherPenaltyShare``
    /// × V (the scenario's `value_per_teacher`, 0 when absent) per teacher moved.
    public init(previous: PreviousPlan, for scenario: Scenario, moneyPenalty: Double? = nil, teacherPenalty: Double? = nil,
                maxTeacherMoves: Double? = nil) {
        self.init(previous: previous, moneyPenalty: moneyPenalty ?? Self.defaultMoneyPenalty,
                  teacherPenalty: teacherPenalty ?? Self.defaultTeacherPenaltyShare * (scenario.dispatch.valuePerTeacher ?? 0),
                  maxTeacherMoves: maxTeacherMoves)
    }

    /// μ_x when none is given (objective cost per unit of money moved; docs/cli.md).
    public static let defaultMoneyPenalty = 0.05
    /// μ_y when none is given, as a share of the value of a teacher V.
    public static let defaultTeacherPenaltyShare = 0.05
    /// μ_x above this (per unit of money moved) would outweigh any benefit by orders of magnitude.
    public static let maxMoneyPenalty = 1e6
}

/// One change against the previous plan.
public struct Move: Sendable, Equatable {
    /// `money` or `teachers`.
    public var kind: String
    /// School and category (money), or group and school (teachers).
    public var first: String
    public var second: String
    public var before: Double
    public var after: Double
    /// The year of a multi-year re-plan the move is in (nil for a one-year plan).
    public var year: Int?

    public init(kind: String, first: String, second: String, before: Double, after: Double, year: Int? = nil) {
        self.kind = kind
        self.first = first
        self.second = second
        self.before = before
        self.after = after
        self.year = year
    }
}

extension Formulation {
    /// Adds μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| (``Model/addStabilityTerms(money:teachers:_:moneyScale:nameSuffix:)``)
    /// and the optional cap Σ|y − y⁰| ≤ M (in the elastic model Σ|y − y⁰| − σ ≤ M, the slack σ in moves).
    mutating func addStability(_ stability: StabilitySettings) {
        let schools = scenario.schools
        var money: [(key: PreviousPlan.Key, column: Variable)] = []
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for s in schools.indices {
                if let variable = x[k][s] { money.append((PreviousPlan.Key(schools[s].id, category.id), variable)) }
            }
        }
        let teachers = derived.candidates.enumerated().map { p, pair in
            (key: PreviousPlan.Key(scenario.teacherGroups[pair.group].id, schools[pair.school].id), column: y[p])
        }
        let terms = model.addStabilityTerms(money: money, teachers: teachers, stability, moneyScale: moneyScale)
        if let cap = stability.maxTeacherMoves {
            // Hard in a plan and a top-up; in the elastic model a slack in moves, priced by V (1 when V = 0).
            let slack = addSlack(rule: "max_moves", constraint: "the cap of \(Format.grouped(cap)) teacher move(s) (--max-moves)",
                                 mode: .hard, unit: .teachers)
            model.addMoveCap(terms.moveColumns, slack: slack, cap: cap - terms.movesOfAbsentKeys, name: "max_teacher_moves")
        }
        objectiveConstant += terms.constant
        model.objectiveConstant += terms.constant * moneyScale
    }


    /// What changed against the previous plan at `solution`, sorted by kind then ids; the teachers
    /// of each candidate pair are `teachers` when given (a multi-year plan's new dispatches), else y.
    func moves(_ stability: StabilitySettings, _ solution: Solution, teachers: [Double]? = nil) -> [Move] {
        let S = moneyScale
        let schools = scenario.schools
        var after: [PreviousPlan.Key: Double] = [:]
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for s in schools.indices {
                if let v = x[k][s] { after[PreviousPlan.Key(schools[s].id, category.id)] = solution[v] / S }
            }
        }
        var moves: [Move] = []
        for key in Set(after.keys).union(stability.previous.money.keys).sorted() {
            let a = after[key] ?? 0, b = stability.previous.money[key] ?? 0
            if abs(a - b) > 1e-6 * max(1, abs(b)) { moves.append(Move(kind: "money", first: key.first, second: key.second, before: b, after: a)) }
        }
        var placed: [PreviousPlan.Key: Double] = [:]
        for (p, pair) in derived.candidates.enumerated() {
            let count = teachers?[p] ?? solution[y[p]]
            if count > 1e-9 { placed[PreviousPlan.Key(scenario.teacherGroups[pair.group].id, schools[pair.school].id), default: 0] += count }
        }
        for key in Set(placed.keys).union(stability.previous.teachers.keys).sorted() {
            let a = placed[key] ?? 0, b = stability.previous.teachers[key] ?? 0
            if abs(a - b) > 1e-9 { moves.append(Move(kind: "teachers", first: key.first, second: key.second, before: b, after: a)) }
        }
        return moves
    }
}

/// What ``Model/addStabilityTerms(money:teachers:_:moneyScale:nameSuffix:)`` added: the objective
/// constant of the previous keys absent from the model (scenario money), the teacher-move columns d,
/// and the moves the absent keys use.
struct StabilityTerms {
    var constant = 0.0
    var moveColumns: [Int] = []
    var movesOfAbsentKeys = 0.0
}

extension Model {
    /// μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| over the given columns (money in model units, scaled by
    /// `moneyScale`; teachers unscaled), linearised with d ≥ ±(v − v⁰) (rows `move[…]_pos`,
    /// `move[…]_neg`, names ending in `nameSuffix`). A previous key no longer among the columns
    /// counts its previous value as change: a constant, and for teachers moves used. Teacher-move
    /// columns are built when μ_y > 0 or a cap is set (the cap row sums them).
    mutating func addStabilityTerms(money: [(key: PreviousPlan.Key, column: Variable)],
                                    teachers: [(key: PreviousPlan.Key, column: Variable)], _ stability: StabilitySettings,
                                    moneyScale S: Double, nameSuffix: String = "") -> StabilityTerms {
        var terms = StabilityTerms()
        let previous = stability.previous
        var seenMoney = Set<PreviousPlan.Key>()
        for (key, column) in money {
            seenMoney.insert(key)
            guard stability.moneyPenalty > 0 else { continue }
            addAbsoluteChange(column, previous: (previous.money[key] ?? 0) * S, cost: stability.moneyPenalty,
                              name: "move[\(key.first),\(key.second)]" + nameSuffix)
        }
        for key in previous.money.keys.sorted() where !seenMoney.contains(key) {
            terms.constant += stability.moneyPenalty * abs(previous.money[key]!)
        }
        var seenTeachers = Set<PreviousPlan.Key>()
        for (key, column) in teachers {
            seenTeachers.insert(key)
            guard stability.teacherPenalty > 0 || stability.maxTeacherMoves != nil else { continue }
            let d = addAbsoluteChange(column, previous: previous.teachers[key] ?? 0, cost: stability.teacherPenalty * S,
                                      name: "move[\(key.first),\(key.second)]" + nameSuffix)
            terms.moveColumns.append(d.index)
        }
        for key in previous.teachers.keys.sorted() where !seenTeachers.contains(key) {
            terms.constant += stability.teacherPenalty * abs(previous.teachers[key]!)
            terms.movesOfAbsentKeys += abs(previous.teachers[key]!)
        }
        return terms
    }

    /// The cap on teacher moves: Σ d (− σ, the elastic slack, when given) ≤ `cap`.
    mutating func addMoveCap(_ moveColumns: [Int], slack: Variable?, cap: Double, name: String) {
        addRow(columns: moveColumns + (slack.map { [$0.index] } ?? []),
               coefficients: moveColumns.map { _ in 1.0 } + (slack == nil ? [] : [-1.0]), lower: -.infinity, upper: cap, name: name)
    }

    /// d ≥ |v − v⁰| with cost per unit of d; returns d.
    @discardableResult
    private mutating func addAbsoluteChange(_ v: Variable, previous: Double, cost: Double, name: String) -> Variable {
        let d = addVariable(name: name)
        setObjectiveCoefficient(d, cost)
        addRow(columns: [d.index, v.index], coefficients: [1, -1], lower: -previous, upper: .infinity, name: name + "_pos")
        addRow(columns: [d.index, v.index], coefficients: [1, 1], lower: previous, upper: .infinity, name: name + "_neg")
        return d
    }
}
