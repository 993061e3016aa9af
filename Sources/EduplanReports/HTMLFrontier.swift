import EduplanPlanner
import EduplanScenario
import Foundation

/// The budget frontier read from a sweep CSV (`eduplan sweep`), for the HTML report.
///
/// The parser reads columns by name, so it does not depend on their order or on columns it does
/// not use: money on x is the first of `total_money`, `money`, `amount`, `total_amount`, `budget`;
/// `benefit` is required, `gini` optional. `#` comment lines and blank lines are skipped, a UTF-8
/// BOM is accepted, fields may be quoted. A missing or empty (`null`, `NA`, `NaN`) benefit or Gini
/// (an infeasible step) leaves a gap in that curve.
///
/// Every cell of a column `eduplan sweep` writes is checked against that column's range
/// (``columnRule(_:)``: money finite and ≥ 0, Gini and coverages in [0, 1], a known status, …),
/// and every row must have the header's number of fields: each problem has the file, line, column
/// and field, and a file with any is not drawn (``problems``).
public struct SweepFrontier: Sendable, Equatable {
    /// One step of the sweep.
    public struct Point: Sendable, Equatable {
        public var money: Double
        public var benefit: Double?
        public var gini: Double?
        /// The `status` column, when present.
        public var status: String?
    }

    /// Where the data came from (a file name), for captions.
    public var source: String
    /// The column read as money, when found.
    public var moneyColumn: String?
    /// Whether a `gini` column exists.
    public var hasGini: Bool
    /// The steps, sorted by money (stable).
    public var points: [Point]
    /// Why no chart can be drawn from a valid file (no rows, no step with a benefit), or nil.
    public var problem: String?
    /// What is wrong in the file, with locations: bad input (the report is not written).
    public var problems: [ScenarioProblem] = []

    /// Column names accepted for money, in order of preference.
    public static let moneyColumns = ["total_money", "money", "amount", "total_amount", "budget"]

    /// What a cell of a sweep column must hold.
    enum Rule: Equatable {
        /// A number in [lower, upper] (round-off of ``InputLimits/roundOff`` accepted at both ends);
        /// `required`: the cell may not be empty.
        case number(lower: Double, upper: Double, whole: Bool, required: Bool)
        /// One of these words.
        case word([String], required: Bool)

        var expected: String {
            switch self {
            case let .number(lower, upper, whole, required):
                let kind = whole ? "a whole number" : "a number"
                let range = lower == -.infinity ? "" : upper == .infinity ? " ≥ \(InputLimits.shown(lower))"
                    : " from \(InputLimits.shown(lower)) to \(InputLimits.shown(upper))"
                return kind + (lower == -.infinity ? " (finite)" : range) + (required ? "" : " or an empty cell")
            case let .word(words, required):
                return "one of \(words.joined(separator: ", "))" + (required ? "" : " or an empty cell")
            }
        }

        /// What other tools write for "no value" (pandas, R, JSON exports); read as an empty cell.
        static let emptyWords: Set<String> = ["", "null", "na", "nan"]

        /// Whether `text` (trimmed) is acceptable.
        func accepts(_ text: String) -> Bool {
            if Self.emptyWords.contains(text.lowercased()) { return !isRequired }
            switch self {
            case let .number(lower, upper, whole, _):
                guard let v = Double(text), v.isFinite else { return false }
                return v >= lower - InputLimits.roundOff && v <= upper + InputLimits.roundOff && (!whole || v == v.rounded())
            case let .word(words, _):
                return words.contains(text)
            }
        }

        var isRequired: Bool {
            switch self {
            case let .number(_, _, _, required), let .word(_, required): return required
            }
        }
    }

    /// The range of a column `eduplan sweep` writes (docs/cli.md), or nil for a column it does not.
    static func columnRule(_ name: String) -> Rule? {
        let money = Rule.number(lower: 0, upper: .infinity, whole: false, required: false)
        let share = Rule.number(lower: 0, upper: 1, whole: false, required: false)
        switch name {
        case "step": return .number(lower: 0, upper: Double(SweepParameters.maxSteps), whole: true, required: true)
        case "multiplier": return .number(lower: 0, upper: .infinity, whole: false, required: true)
        case _ where name.hasPrefix("amount_"): return .number(lower: 0, upper: InputLimits.maxMoney, whole: false, required: true)
        case _ where moneyColumns.contains(name): return .number(lower: 0, upper: .infinity, whole: false, required: true)
        case "status": return .word(["optimal", "feasible", "infeasible", "unbounded", "failed"], required: false)
        case "objective": return .number(lower: -.infinity, upper: .infinity, whole: false, required: false)
        case _ where name.hasPrefix("shadow_price_"): return .number(lower: -.infinity, upper: .infinity, whole: false, required: false)
        case "benefit", "unmet_money", "theil", "dispatched", "shortage_left", "diagnosis_money": return money
        case "coverage", "min_coverage", "maxmin_coverage", "gini": return share
        case "degenerate_basis": return .word(["true", "false"], required: false)
        default: return nil
        }
    }

    /// Parses sweep CSV text; `file` names it in problems (default: `source`). Never throws: a file
    /// with bad cells gets ``problems``, a valid file that cannot be drawn gets a `problem` sentence.
    public static func parse(_ text: String, source: String, file: String? = nil) -> SweepFrontier {
        let file = file ?? source
        var result = SweepFrontier(source: source, moneyColumn: nil, hasGini: false, points: [], problem: nil)
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .enumerated().map { (number: $0.offset + 1, text: $0.element) }
            .filter { line in
                let trimmed = line.text.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            }
        guard let headerLine = lines.first else {
            result.problems.append(ScenarioProblem(file: file, expected: "a header row as `eduplan sweep` writes it",
                                                   found: "an empty file (or only comments)"))
            return result
        }
        let header = fields(headerLine.text).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let moneyName = moneyColumns.first { header.contains($0) }
        result.moneyColumn = moneyName
        result.hasGini = header.contains("gini")
        result.problems = headerProblems(header, line: headerLine.number, file: file)
        guard result.problems.isEmpty, let moneyName else { return result }
        var points: [Point] = []
        for line in lines.dropFirst() {
            let row = fields(line.text).map { $0.trimmingCharacters(in: .whitespaces) }
            let problems = rowProblems(row, header: header, line: line.number, file: file)
            result.problems += problems
            guard problems.isEmpty else { continue }
            func value(_ name: String) -> Double? { header.firstIndex(of: name).flatMap { Double(row[$0]) }.flatMap { $0.isFinite ? $0 : nil } }
            let status = header.firstIndex(of: "status").map { row[$0] }
            points.append(Point(money: value(moneyName) ?? 0, benefit: value("benefit"), gini: value("gini"), status: status))
        }
        result.points = points.enumerated().sorted { $0.element.money != $1.element.money ? $0.element.money < $1.element.money : $0.offset < $1.offset }.map(\.element)
        if result.points.isEmpty, result.problems.isEmpty {
            result.problem = "The sweep file \(source) has a header but no rows."
        } else if !result.points.contains(where: { $0.benefit != nil }) {
            result.problem = "The sweep file \(source) has no step with a benefit (every step infeasible?)."
        }
        return result
    }

    /// A header needs a money column and `benefit`, each column once.
    static func headerProblems(_ header: [String], line: Int, file: String) -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        var missing: [String] = []
        if !moneyColumns.contains(where: header.contains) { missing.append("money (one of \(moneyColumns.joined(separator: ", ")))") }
        if !header.contains("benefit") { missing.append("benefit") }
        if !missing.isEmpty {
            problems.append(ScenarioProblem(file: file, line: line, expected: "a header as `eduplan sweep` writes it, with the column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: " and "))",
                                            found: "the columns \(header.joined(separator: ", "))"))
        }
        var seen = Set<String>()
        for (i, name) in header.enumerated() where !seen.insert(name).inserted {
            problems.append(ScenarioProblem(file: file, line: line, column: i + 1, field: name,
                                            expected: "each column once", found: "`\(name)` again"))
        }
        return problems
    }

    /// The problems of one data row: its number of fields, then each cell against its column's rule.
    static func rowProblems(_ row: [String], header: [String], line: Int, file: String) -> [ScenarioProblem] {
        guard row.count == header.count else {
            return [ScenarioProblem(file: file, line: line, column: min(row.count, header.count) + 1,
                                    expected: "\(header.count) fields, as in the header", found: "\(row.count)")]
        }
        var problems: [ScenarioProblem] = []
        for (i, name) in header.enumerated() {
            guard let rule = columnRule(name), !rule.accepts(row[i]) else { continue }
            let found = row[i].isEmpty ? "an empty cell" : "\"\(row[i].count > 40 ? String(row[i].prefix(37)) + "..." : row[i])\""
            problems.append(ScenarioProblem(file: file, line: line, column: i + 1, field: name, expected: rule.expected, found: found))
        }
        return problems
    }

    /// The fields of one CSV line (RFC 4180 quoting: `"a, b"`, `""` for a quote).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}
