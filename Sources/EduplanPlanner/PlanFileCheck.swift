import EduplanScenario
import Foundation

/// Reads a plan.json (as `solve --out` writes it) into a JSON tree and checks every number in it
/// before `solve --previous` (``PreviousPlan``) or `evaluate` uses one, so that a hand-edited or
/// foreign file is an input error with its key path, never a trap or an infinite objective.
///
/// Checked where present (a missing key is the reader's business), every problem at once:
/// - money, in [0, ``InputLimits/maxMoney``]: `plan.schools[i].allocated.K`, `need.K`,
///   `plan.funds[i].amount`, `minimum_spend`, `spent`, `flows[j].amount`, `plan.dispatch[i].annual_cost`;
/// - counts, in [0, ``InputLimits/maxCount``]: `plan.dispatch[i].count`, and as whole numbers
///   `plan.schools[i].pupils`, `teachers_before`, `teachers_dispatched`, `teachers_after`,
///   `shortage_before`, `shortage_left`;
/// - finite and ≥ 0: `priority`, `received`, `distance_km`, and (or null) `coverage`, `per_pupil`,
///   `student_teacher_ratio_before`, `student_teacher_ratio_after`.
///
/// "≥ 0" accepts the solver's round-off down to −``InputLimits/roundOff``. Booleans and text are
/// not numbers. Keys that hold lists or objects must hold them.
public enum PlanFileCheck {
    /// The kinds of number a plan holds.
    enum Kind {
        case money, count, wholeCount, nonNegative

        var expected: String {
            switch self {
            case .money: return "an amount of money from 0 to \(InputLimits.maxMoneyText)"
            case .count: return "a number from 0 to \(InputLimits.maxCountText)"
            case .wholeCount: return "a whole number from 0 to \(InputLimits.maxCountText)"
            case .nonNegative: return "a finite number ≥ 0"
            }
        }

        func accepts(_ value: Double) -> Bool {
            guard value.isFinite, value >= -InputLimits.roundOff else { return false }
            switch self {
            case .money: return value <= InputLimits.maxMoney
            case .count: return value <= InputLimits.maxCount
            case .wholeCount: return value <= InputLimits.maxCount && value == value.rounded()
            case .nonNegative: return true
            }
        }
    }

    static let schoolCounts = ["pupils", "teachers_before", "teachers_dispatched", "teachers_after", "shortage_before", "shortage_left"]
    static let schoolOptionals = ["coverage", "per_pupil", "student_teacher_ratio_before", "student_teacher_ratio_after"]

    /// The JSON object in `data` and its problems: every number (above), then the keys
    /// `requirement` names (``PlanFile/Requirement``), then school ids unique and one group's
    /// dispatches adding up to at most ``InputLimits/maxCount``.
    /// - Returns: nil for the root when the bytes are not a JSON object (one problem says why).
    public static func read(_ data: Data, file: String,
                            requiring requirement: PlanFile.Requirement) -> (root: [String: Any]?, problems: [ScenarioProblem]) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            return (nil, [ScenarioProblem(file: file, expected: "a plan.json written by `eduplan solve --out`",
                                          found: "text that is not JSON (\(reason))")])
        }
        guard let root = parsed as? [String: Any] else {
            return (nil, [ScenarioProblem(file: file, expected: "a plan.json written by `eduplan solve --out` (a JSON object)",
                                          found: describe(parsed))])
        }
        var checker = Checker(file: file)
        checker.formatVersion(root)
        if requirement == .horizonReplanning || requirement == .horizonEvaluation {
            checker.years(root, requiring: requirement)
        } else {
            checker.plan(root["plan"])
            checker.keys(root, requiring: requirement)
        }
        return (root, checker.problems)
    }

    /// A decoding failure (a key of the wrong type that no check covers) as one problem at its key path.
    public static func problem(decoding error: any Error, file: String) -> ScenarioProblem {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            (context.codingPath + (key.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
                .joined().replacingOccurrences(of: ".[", with: "[").trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return ScenarioProblem(file: file, field: path(context, key), expected: "the key `\(key.stringValue)` of a plan", found: "none")
        case let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context):
            return ScenarioProblem(file: file, field: path(context), expected: "a value of type \(type)", found: context.debugDescription)
        case let DecodingError.dataCorrupted(context):
            return ScenarioProblem(file: file, field: path(context), expected: "a value a plan can hold", found: context.debugDescription)
        default:
            return ScenarioProblem(file: file, expected: "JSON written by `eduplan solve --out` (plan.json)",
                                   found: "text that is not such JSON (\(error.localizedDescription))")
        }
    }

    /// A JSON value as plain Double, or nil for anything that is not a number (booleans included).
    public static func number(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        return number.doubleValue
    }

    /// JSONSerialization gives `true`/`false` as NSNumber of a boolean class; `value is Bool` cannot
    /// tell them apart because it also holds for the numbers 0 and 1 on Linux.
    static func isBoolean(_ number: NSNumber) -> Bool {
        ObjectIdentifier(type(of: number)) == ObjectIdentifier(type(of: NSNumber(value: true)))
    }

    /// A JSON value in words, for "found".
    public static func describe(_ value: Any?) -> String {
        switch value {
        case nil: return "nothing"
        case is NSNull: return "null"
        case let n as NSNumber where isBoolean(n): return n.boolValue ? "true" : "false"
        case let n as NSNumber: return InputLimits.shown(n.doubleValue)
        case let s as String: return "\"\(s.count > 60 ? String(s.prefix(57)) + "..." : s)\""
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "\(value!)"
        }
    }

    /// Walks the plan, collecting problems.
    struct Checker {
        let file: String
        var problems: [ScenarioProblem] = []

        mutating func fail(_ path: String, _ expected: String, _ value: Any?) {
            problems.append(ScenarioProblem(file: file, field: path, expected: expected, found: describe(value)))
        }

        mutating func number(_ value: Any?, at path: String, _ kind: Kind, nullable: Bool = false) {
            guard let value, !(nullable && value is NSNull) else { return }
            guard let v = PlanFileCheck.number(value), kind.accepts(v) else {
                return fail(path, kind.expected + (nullable ? " (or null)" : ""), value)
            }
        }

        /// The value as a list, or nil (with a problem unless absent).
        mutating func list(_ value: Any?, at path: String) -> [Any]? {
            guard let value else { return nil }
            guard let list = value as? [Any] else { fail(path, "a list", value); return nil }
            return list
        }

        /// The value as an object, or nil (with a problem unless absent).
        mutating func object(_ value: Any?, at path: String) -> [String: Any]? {
            guard let value else { return nil }
            guard let object = value as? [String: Any] else { fail(path, "an object", value); return nil }
            return object
        }

        mutating func plan(_ value: Any?) {
            // A solve without a plan (infeasible, failed) writes `"plan": null`: the readers say so.
            guard !(value is NSNull), let plan = object(value, at: "plan") else { return }
            for (i, item) in (list(plan["schools"], at: "plan.schools") ?? []).enumerated() {
                school(item, at: "plan.schools[\(i)]")
            }
            for (i, item) in (list(plan["funds"], at: "plan.funds") ?? []).enumerated() {
                let path = "plan.funds[\(i)]"
                guard let fund = object(item, at: path) else { continue }
                for key in ["amount", "minimum_spend", "spent"] { number(fund[key], at: "\(path).\(key)", .money) }
                for (j, flow) in (list(fund["flows"], at: "\(path).flows") ?? []).enumerated() {
                    number(object(flow, at: "\(path).flows[\(j)]")?["amount"], at: "\(path).flows[\(j)].amount", .money)
                }
            }
            for (i, item) in (list(plan["dispatch"], at: "plan.dispatch") ?? []).enumerated() {
                let path = "plan.dispatch[\(i)]"
                guard let line = object(item, at: path) else { continue }
                number(line["count"], at: "\(path).count", .count)
                number(line["distance_km"], at: "\(path).distance_km", .nonNegative)
                number(line["annual_cost"], at: "\(path).annual_cost", .money)
            }
        }

        mutating func school(_ value: Any?, at path: String) {
            guard let school = object(value, at: path) else { return }
            for key in ["allocated", "need"] {
                guard let amounts = object(school[key], at: "\(path).\(key)") else { continue }
                for category in amounts.keys.sorted() { number(amounts[category], at: "\(path).\(key).\(category)", .money) }
            }
            for key in PlanFileCheck.schoolCounts { number(school[key], at: "\(path).\(key)", .wholeCount) }
            for key in ["priority", "received"] { number(school[key], at: "\(path).\(key)", .nonNegative) }
            for key in PlanFileCheck.schoolOptionals { number(school[key], at: "\(path).\(key)", .nonNegative, nullable: true) }
        }
    }
}

// MARK: - Keys

extension PlanFileCheck.Checker {
    /// `format_version`, when present, must be one this eduplan reads.
    mutating func formatVersion(_ root: [String: Any]) {
        guard let value = root["format_version"] else { return }
        guard PlanFileCheck.number(value) != Double(PlanFile.formatVersion) else { return }
        problems.append(ScenarioProblem(file: file, field: "format_version",
                                        expected: "plan file format \(PlanFile.formatVersion)", found: PlanFileCheck.describe(value),
                                        hint: "written by another version of eduplan; solve again with this one"))
    }

    /// The keys `requirement` names, present and of their kind; school ids unique; each group's
    /// dispatches adding up to at most ``InputLimits/maxCount``.
    mutating func keys(_ root: [String: Any], requiring requirement: PlanFile.Requirement) {
        let status = root["status"] as? String
        if (requirement == .evaluation || root["status"] != nil), status.flatMap(PlanStatus.init(rawValue:)) == nil {
            fail("status", "a status (optimal, feasible, infeasible, unbounded or failed)", root["status"])
        }
        if requirement == .evaluation {
            text(root["scenario"], at: "scenario", "the scenario's name (text)")
            guard let plan = root["plan"], !(plan is NSNull) else {
                return fail("plan", "a plan (a solve with status optimal or feasible)", found: "no plan (status \(status ?? "none"))")
            }
            if let plan = plan as? [String: Any] {
                for key in ["schools", "funds", "dispatch"] { present(plan[key], at: "plan.\(key)", "a list") }
            }
        }
        guard let plan = root["plan"] as? [String: Any], let schools = plan["schools"] as? [Any] else {
            // The checks above name what is wrong inside; without a plan there is nothing to read.
            guard requirement == .replanning else { return }
            if root["years"] != nil, root["plan"] == nil {
                problems = [ScenarioProblem(file: file, field: "years", expected: "the plan of a scenario without a horizon (one year)",
                                            found: "a multi-year plan (`years`)",
                                            hint: "re-plan a multi-year plan with the multi-year scenario it was solved from")]
                return
            }
            problems = [ScenarioProblem(file: file, expected: "a plan.json written by `eduplan solve --out` (an object with plan.schools)",
                                        found: "something else")]
            return
        }
        schoolKeys(schools, requiring: requirement)
        if requirement == .evaluation {
            for (i, item) in (plan["funds"] as? [Any] ?? []).enumerated() { fundKeys(item, at: "plan.funds[\(i)]") }
        }
        dispatchKeys(plan["dispatch"] as? [Any] ?? [], requiring: requirement)
    }

    mutating func fail(_ path: String, _ expected: String, found: String) {
        problems.append(ScenarioProblem(file: file, field: path, expected: expected, found: found))
    }

    /// A text value at `path` (a problem when absent or not text).
    mutating func text(_ value: Any?, at path: String, _ expected: String) {
        if !(value is String) { fail(path, expected, value) }
    }

    /// A key that must be present (its number, when one, is checked by ``plan(_:)``).
    mutating func present(_ value: Any?, at path: String, _ expected: String) {
        if value == nil { fail(path, expected, nil) }
    }

    mutating func schoolKeys(_ schools: [Any], requiring requirement: PlanFile.Requirement) {
        var seen = Set<String>()
        for (i, item) in schools.enumerated() {
            guard let school = item as? [String: Any] else { continue }
            let path = "plan.schools[\(i)]"
            if let id = school["id"] as? String {
                if !seen.insert(id).inserted { fail("\(path).id", "a school id not listed before", id) }
            } else {
                fail("\(path).id", "a school id (text)", school["id"])
            }
            guard requirement == .evaluation else { continue }
            for key in ["name", "region", "level"] { text(school[key], at: "\(path).\(key)", "the school's \(key) (text)") }
            for key in ["allocated", "need"] { present(school[key], at: "\(path).\(key)", "money by category (an object)") }
            for key in ["pupils", "teachers_before"] { present(school[key], at: "\(path).\(key)", "a whole number") }
        }
    }

    mutating func fundKeys(_ item: Any, at path: String) {
        guard let fund = item as? [String: Any] else { return }
        text(fund["id"], at: "\(path).id", "a fund id (text)")
        present(fund["amount"], at: "\(path).amount", "an amount of money")
        present(fund["flows"], at: "\(path).flows", "a list of flows")
        for (j, flow) in (fund["flows"] as? [Any] ?? []).enumerated() {
            guard let flow = flow as? [String: Any] else { continue }
            text(flow["category"], at: "\(path).flows[\(j)].category", "a category id (text)")
            text(flow["region"], at: "\(path).flows[\(j)].region", "a region id (text)")
            present(flow["amount"], at: "\(path).flows[\(j)].amount", "an amount of money")
        }
    }

    mutating func dispatchKeys(_ lines: [Any], requiring requirement: PlanFile.Requirement) {
        var byGroup: [String: Double] = [:]
        for (i, item) in lines.enumerated() {
            guard let line = item as? [String: Any] else { continue }
            let path = "plan.dispatch[\(i)]"
            text(line["group"], at: "\(path).group", "a teacher group id (text)")
            text(line["school"], at: "\(path).school", "a school id (text)")
            present(line["count"], at: "\(path).count", "a number of teachers")
            if requirement == .evaluation { present(line["annual_cost"], at: "\(path).annual_cost", "an amount of money") }
            // A count out of range is already a problem; only valid counts are added up.
            guard let group = line["group"] as? String, let count = PlanFileCheck.number(line["count"]),
                  PlanFileCheck.Kind.count.accepts(count) else { continue }
            let total = byGroup[group, default: 0] + count
            if total > InputLimits.maxCount, byGroup[group, default: 0] <= InputLimits.maxCount {
                fail("\(path).count", "dispatches of group \(group) adding up to at most \(InputLimits.maxCountText)",
                     found: "\(InputLimits.shown(total)) with this line")
            }
            byGroup[group] = total
        }
    }
}

// MARK: - A multi-year plan's years

extension PlanFileCheck.Checker {
    /// A multi-year plan.json as a rolling re-plan (`.horizonReplanning`) or `evaluate`
    /// (`.horizonEvaluation`) reads it: `years` a list, each entry with a whole `year` and a plan
    /// checked as a one-year plan is for re-planning or evaluation (its problems at `years[i].…`);
    /// for a re-plan, its `new_dispatch` lines as dispatch lines (at `years[i].new_dispatch[j]`).
    mutating func years(_ root: [String: Any], requiring requirement: PlanFile.Requirement) {
        guard let years = root["years"] as? [Any] else {
            let found = root["plan"] != nil ? "a plan of one year (no `years`)" : PlanFileCheck.describe(root["years"])
            problems.append(ScenarioProblem(file: file, field: "years", expected: "a multi-year plan (`years`), as `solve --out` writes for a horizon",
                                            found: found,
                                            hint: requirement == .horizonReplanning ? "re-plan a one-year plan with a scenario without a horizon" : nil))
            return
        }
        if years.isEmpty {
            problems.append(ScenarioProblem(file: file, field: "years", expected: "the years of a multi-year plan (a solve that found one)",
                                            found: "none (status \((root["status"] as? String) ?? "none"))"))
        }
        for (i, item) in years.enumerated() {
            guard let year = object(item, at: "years[\(i)]") else { continue }
            if let value = PlanFileCheck.number(year["year"]), value == value.rounded(), abs(value) < 1e6 {} else {
                fail("years[\(i)].year", "a year (a whole number)", year["year"])
            }
            var inner = PlanFileCheck.Checker(file: file)
            inner.plan(year["plan"])
            guard requirement == .horizonReplanning else {
                // The document's keys stand for the year's: a year is evaluated as a one-year plan.
                var asPlan = year
                for key in ["scenario", "variant", "currency", "scenario_fingerprint", "scenario_identity"] { asPlan[key] = root[key] }
                inner.keys(asPlan, requiring: .evaluation)
                append(inner.problems, at: "years[\(i)].")
                continue
            }
            inner.keys(year, requiring: .replanning)
            var lines = PlanFileCheck.Checker(file: file)
            let dispatch: [String: Any] = year["new_dispatch"].map { ["dispatch": $0] } ?? [:]
            lines.plan(dispatch)
            lines.dispatchKeys(year["new_dispatch"] as? [Any] ?? [], requiring: .replanning)
            append(inner.problems, at: "years[\(i)].")
            for var problem in lines.problems {
                problem.field = "years[\(i)]." + (problem.field ?? "").replacingOccurrences(of: "plan.dispatch", with: "new_dispatch")
                problems.append(problem)
            }
        }
    }

    /// `found` appended with every field prefixed by `prefix` (a year's place in the document).
    private mutating func append(_ found: [ScenarioProblem], at prefix: String) {
        for var problem in found {
            problem.field = prefix + (problem.field ?? "")
            problems.append(problem)
        }
    }
}
