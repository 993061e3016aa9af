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

    /// The JSON object in `data` and the problems of its numbers.
    /// - Returns: nil for the root when the bytes are not a JSON object (one problem says why).
    public static func read(_ data: Data, file: String) -> (root: [String: Any]?, problems: [ScenarioProblem]) {
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
        checker.plan(root["plan"])
        return (root, checker.problems)
    }

    /// What the plan records of its scenario: name, variant and fingerprints (nil where absent).
    public static func origin(_ root: [String: Any]) -> PlanOrigin {
        PlanOrigin(scenario: root["scenario"] as? String, variant: root["variant"] as? String,
                   fingerprint: root["scenario_fingerprint"] as? String, identity: root["scenario_identity"] as? String)
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
    static func describe(_ value: Any?) -> String {
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
