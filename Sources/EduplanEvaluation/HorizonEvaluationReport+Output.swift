import EduplanIO
import Foundation

extension HorizonEvaluationReport {
    /// The report as JSON: the one-year keys of the scenario, a `summary` line per year and a `years`
    /// level holding each year's one-year evaluation object (null for a year without actuals).
    public func json() throws -> String {
        func execution(_ e: Execution?) -> JSONValue { e?.json ?? .null }
        let summary: [JSONValue] = years.map { year in
            guard let report = year.report else {
                return .object(["year": .number(Double(year.year)), "evaluated": .bool(false), "money": .null, "teachers": .null,
                                "short_schools": .null])
            }
            return .object(["year": .number(Double(year.year)), "evaluated": .bool(true), "money": execution(report.totalMoney),
                            "teachers": execution(report.totalTeachers), "short_schools": .number(Double(report.shortSchools.count))])
        }
        let object: [String: JSONValue] = [
            "scenario": .string(scenario), "variant": variant.map { .string($0) } ?? .null, "currency": .string(currency),
            "threshold": .number(threshold),
            "summary": .array(summary),
            "years": .array(years.map { .object(["year": .number(Double($0.year)), "evaluation": $0.report?.jsonValue ?? .null]) }),
            "notes": .array(notes.map { .string($0) }),
        ]
        return try JSONValue.object(object).rendered()
    }

    /// One row per year and school: `year`, then the one-year evaluation's columns; a year without
    /// actuals has no row.
    public func csv() -> String {
        var lines: [String] = []
        for year in years {
            guard let report = year.report else { continue }
            let yearLines = report.csv().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if lines.isEmpty, let header = yearLines.first { lines.append("year," + header) }
            lines += yearLines.dropFirst().map { "\(year.year)," + $0 }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The report for people: the horizon summary (per year: money planned and actual, teachers
    /// planned and at post, the schools short and the largest gap), then each year's evaluation, in
    /// the wording's language.
    public func text(markdown: Bool, wording w: Wording = .english) -> String {
        let title = variant.map { w("evaluate.titleVariant", ["scenario": scenario, "variant": $0]) }
            ?? w("evaluate.title", ["scenario": scenario])
        var out = markdown ? Format.title(title, markdown: true) : Format.underlined(title, with: "=")
        let summary = summaryTable(w)
        out += markdown ? "\n## \(summary.title)\n\n" : "\n" + Format.underlined(summary.title, with: "-")
        out += Format.grid(summary.rows, headers: summary.headers, markdown: markdown)
        if !notes.isEmpty {
            out += markdown ? "\n## \(w("evaluate.notes"))\n\n" : "\n" + Format.underlined(w("evaluate.notes"), with: "-")
            for note in notes { out += "  • \(note)\n" }
        }
        for year in years {
            let heading = w("evaluate.horizon.year", ["year": String(year.year)])
            out += "\n" + (markdown ? "# \(heading)\n\n" : Format.underlined(heading, with: "=") + "\n")
            out += year.report.map { $0.text(markdown: markdown, wording: w) } ?? w("evaluate.horizon.noActuals") + "\n"
        }
        return out
    }

    /// Per year: money planned and actual (in the plan's terms) and its execution, teachers planned
    /// and at post, how many schools are short and the largest gap.
    func summaryTable(_ w: Wording) -> EvaluationTable {
        func h(_ key: String) -> String { w("evaluate.h.\(key)") }
        func money(_ v: Double?) -> String { v.map { w.amount($0) } ?? "—" }
        func count(_ v: Double?) -> String { v.map { Format.grouped($0, decimals: $0 == $0.rounded() ? 0 : 2) } ?? "—" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
        let unit = currency.isEmpty ? "" : w("evaluate.unit", ["unit": w.moneyUnit(currency: currency)])
        let rows: [[String]] = years.map { year in
            guard let r = year.report else { return [String(year.year), w("evaluate.horizon.noActuals"), "", "", "", "", "", ""] }
            let largest = r.shortSchools.first.map { "\($0.school) \(w("evaluate.kind.\($0.kind.rawValue)")) −\(percent($0.shortfallShare))" } ?? "—"
            return [String(year.year), money(r.totalMoney?.planned), money(r.totalMoney?.actual), percent(r.totalMoney?.rate),
                    count(r.totalTeachers?.planned), count(r.totalTeachers?.actual), String(r.shortSchools.count), largest]
        }
        return EvaluationTable(
            title: w("evaluate.horizon.summary"),
            headers: [h("year"), h("money") + " " + h("planned") + unit, h("actual"), h("execution"), h("teachersPlanned"), h("atPost"),
                      h("shortSchools"), h("largestGap")],
            rows: rows)
    }
}
