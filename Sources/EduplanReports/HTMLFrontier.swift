import Foundation

/// The budget frontier read from a sweep CSV (`eduplan sweep`), for the HTML report.
///
/// The parser reads columns by name, so it does not depend on their order or on columns it does
/// not use: money on x is the first of `total_money`, `money`, `amount`, `total_amount`, `budget`;
/// `benefit` is required, `gini` optional. `#` comment lines and blank lines are skipped, a UTF-8
/// BOM is accepted, fields may be quoted. Rows whose money is missing are skipped; a missing or
/// `null`/`NA` benefit or Gini (an infeasible step) leaves a gap in that curve.
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
    /// Why no chart can be drawn (missing columns, no rows), or nil.
    public var problem: String?

    /// Column names accepted for money, in order of preference.
    public static let moneyColumns = ["total_money", "money", "amount", "total_amount", "budget"]

    /// Parses sweep CSV text. Never fails: a file it cannot use gets a `problem` sentence.
    public static func parse(_ text: String, source: String) -> SweepFrontier {
        var result = SweepFrontier(source: source, moneyColumn: nil, hasGini: false, points: [], problem: nil)
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .filter { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            }
        guard let headerLine = lines.first else {
            result.problem = "The sweep file \(source) has no header row (it is empty or only comments)."
            return result
        }
        let header = fields(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let moneyName = moneyColumns.first { header.contains($0) }
        let benefitIndex = header.firstIndex(of: "benefit")
        let giniIndex = header.firstIndex(of: "gini")
        let statusIndex = header.firstIndex(of: "status")
        result.moneyColumn = moneyName
        result.hasGini = giniIndex != nil
        var missing: [String] = []
        if moneyName == nil { missing.append("money (one of \(moneyColumns.joined(separator: ", ")))") }
        if benefitIndex == nil { missing.append("benefit") }
        guard let moneyName, let moneyIndex = header.firstIndex(of: moneyName), let benefitIndex else {
            result.problem = "The sweep file \(source) lacks the column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: " and ")); its columns are: \(header.joined(separator: ", "))."
            return result
        }
        var points: [Point] = []
        for line in lines.dropFirst() {
            let row = fields(line)
            func value(_ i: Int?) -> Double? {
                guard let i, i < row.count else { return nil }
                let cell = row[i].trimmingCharacters(in: .whitespaces)
                guard let v = Double(cell), v.isFinite else { return nil }
                return v
            }
            guard let money = value(moneyIndex) else { continue }
            let status = statusIndex.flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : nil }
            points.append(Point(money: money, benefit: value(benefitIndex), gini: value(giniIndex), status: status))
        }
        result.points = points.enumerated().sorted { $0.element.money != $1.element.money ? $0.element.money < $1.element.money : $0.offset < $1.offset }.map(\.element)
        if result.points.isEmpty {
            result.problem = "The sweep file \(source) has a header but no rows with a number in \(moneyName)."
        } else if !result.points.contains(where: { $0.benefit != nil }) {
            result.problem = "The sweep file \(source) has no step with a benefit (every step infeasible?)."
        }
        return result
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
