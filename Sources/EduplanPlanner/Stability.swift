import EduplanScenario
import Foundation
import LinearProgramming

/// Last plan's decisions, for re-planning with stability (MODEL.md §10).
public struct PreviousPlan: Sendable, Equatable {
    /// x⁰: money by (school id, category id).
    public var money: [Key: Double]
    /// y⁰: teachers by (group id, school id).
    public var teachers: [Key: Double]

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

    public init(money: [Key: Double] = [:], teachers: [Key: Double] = [:]) {
        self.money = money
        self.teachers = teachers
    }

    /// Reads the `plan` of a `solve --out` plan.json (`plan.schools[].allocated`, `plan.dispatch[]`).
    public init(planJSON data: Data, file: String = "plan.json") throws {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let plan = root["plan"] as? [String: Any],
              let schools = plan["schools"] as? [[String: Any]] else {
            throw ScenarioErrors(problems: [ScenarioProblem(file: file, expected: "a plan.json written by `eduplan solve --out` (an object with plan.schools)",
                                                            found: "something else")])
        }
        var money: [Key: Double] = [:], teachers: [Key: Double] = [:]
        for school in schools {
            guard let id = school["id"] as? String else { continue }
            for (category, amount) in school["allocated"] as? [String: Any] ?? [:] {
                if let value = (amount as? NSNumber)?.doubleValue { money[Key(id, category)] = value }
            }
        }
        for line in plan["dispatch"] as? [[String: Any]] ?? [] {
            guard let group = line["group"] as? String, let school = line["school"] as? String,
                  let count = (line["count"] as? NSNumber)?.doubleValue else { continue }
            teachers[Key(group, school), default: 0] += count
        }
        self.init(money: money, teachers: teachers)
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

    public init(previous: PreviousPlan, moneyPenalty: Double = 0, teacherPenalty: Double = 0, maxTeacherMoves: Double? = nil) {
        self.previous = previous
        self.moneyPenalty = moneyPenalty
        self.teacherPenalty = teacherPenalty
        self.maxTeacherMoves = maxTeacherMoves
    }
}

/// One change against the previous plan.
public struct Move: Sendable, Equatable, Codable {
    /// `money` or `teachers`.
    public var kind: String
    /// School and category (money), or group and school (teachers).
    public var first: String
    public var second: String
    public var before: Double
    public var after: Double

    public init(kind: String, first: String, second: String, before: Double, after: Double) {
        self.kind = kind
        self.first = first
        self.second = second
        self.before = before
        self.after = after
    }
}

extension Formulation {
    /// Adds μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| (linearised with d ≥ ±(v − v⁰)) and the optional cap
    /// Σ|y − y⁰| ≤ M. A previous key no longer in the model counts its previous value as change
    /// (a constant, and for the cap a reduction of M).
    mutating func addStability(_ stability: StabilitySettings) {
        let S = moneyScale
        let schools = scenario.schools
        var seenMoney = Set<PreviousPlan.Key>()
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for s in schools.indices {
                guard let variable = x[k][s] else { continue }
                let key = PreviousPlan.Key(schools[s].id, category.id)
                seenMoney.insert(key)
                guard stability.moneyPenalty > 0 else { continue }
                addAbsoluteChange(variable, previous: (stability.previous.money[key] ?? 0) * S,
                                  cost: stability.moneyPenalty, name: "move[\(key.first),\(key.second)]")
            }
        }
        var constant = 0.0
        for (key, value) in stability.previous.money where !seenMoney.contains(key) {
            constant += stability.moneyPenalty * abs(value)
        }
        var seenTeachers = Set<PreviousPlan.Key>()
        var moveColumns: [Int] = []
        var moveConstant = 0.0
        for (p, pair) in derived.candidates.enumerated() {
            let key = PreviousPlan.Key(scenario.teacherGroups[pair.group].id, schools[pair.school].id)
            seenTeachers.insert(key)
            let before = stability.previous.teachers[key] ?? 0
            if stability.teacherPenalty > 0 || stability.maxTeacherMoves != nil {
                let d = addAbsoluteChange(y[p], previous: before, cost: stability.teacherPenalty * S,
                                          name: "move[\(key.first),\(key.second)]")
                moveColumns.append(d.index)
            }
        }
        for (key, value) in stability.previous.teachers where !seenTeachers.contains(key) {
            constant += stability.teacherPenalty * abs(value)
            moveConstant += abs(value)
        }
        if let cap = stability.maxTeacherMoves {
            addRow(columns: moveColumns, coefficients: moveColumns.map { _ in 1 }, lower: -.infinity,
                   upper: cap - moveConstant, name: "max_teacher_moves")
        }
        objectiveConstant += constant
        model.objectiveConstant += constant * S
    }

    /// d ≥ |v − v⁰| with cost per unit of d; returns d.
    @discardableResult
    private mutating func addAbsoluteChange(_ v: Variable, previous: Double, cost: Double, name: String) -> Variable {
        let d = model.addVariable(name: name)
        model.setObjectiveCoefficient(d, cost)
        addRow(columns: [d.index, v.index], coefficients: [1, -1], lower: -previous, upper: .infinity, name: name + "+")
        addRow(columns: [d.index, v.index], coefficients: [1, 1], lower: previous, upper: .infinity, name: name + "-")
        return d
    }

    /// What changed against the previous plan at `solution`, sorted by kind then ids.
    func moves(_ stability: StabilitySettings, _ solution: Solution) -> [Move] {
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
        for (p, pair) in derived.candidates.enumerated() where solution[y[p]] > 1e-9 {
            placed[PreviousPlan.Key(scenario.teacherGroups[pair.group].id, schools[pair.school].id), default: 0] += solution[y[p]]
        }
        for key in Set(placed.keys).union(stability.previous.teachers.keys).sorted() {
            let a = placed[key] ?? 0, b = stability.previous.teachers[key] ?? 0
            if abs(a - b) > 1e-9 { moves.append(Move(kind: "teachers", first: key.first, second: key.second, before: b, after: a)) }
        }
        return moves
    }
}
