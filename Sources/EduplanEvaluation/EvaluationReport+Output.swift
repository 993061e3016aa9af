import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// A table of an evaluation for people: a title, headers and rows of formatted cells.
public struct EvaluationTable: Sendable, Equatable {
    public var title: String
    public var headers: [String]
    public var rows: [[String]]
}

extension Execution {
    var json: JSONValue {
        .object(["planned": .number(planned), "actual": .number(actual), "rate": .number(rate), "difference": .number(actual - planned)])
    }
}

extension CountShare {
    var json: JSONValue { .object(["count": .number(count), "total": .number(total), "share": .number(share)]) }
}

extension EvaluationReport {
    /// The report as JSON: stable snake_case keys, every key always present (null when not evaluated).
    public func json() throws -> String { try jsonValue.rendered() }

    /// The report as a JSON value: ``json()``'s object, and each year's of a multi-year evaluation.
    var jsonValue: JSONValue {
        func execution(_ e: Execution?) -> JSONValue { e?.json ?? .null }
        func coverage(_ list: [CoverageComparison], key: String) -> JSONValue {
            .array(list.map { c in
                .object([key: .string(c.id), "need": .number(c.need), "planned": .number(c.planned),
                         "achieved": moneyEvaluated ? .number(c.achieved) : .null,
                         "planned_coverage": .number(c.plannedCoverage), "achieved_coverage": moneyEvaluated ? .number(c.achievedCoverage) : .null])
            })
        }
        func poor(_ p: PoorCoverageComparison?) -> JSONValue {
            guard let p else { return .null }
            return .object(["categories": .array(p.categories.map { .string($0) }), "planned": p.planned.json,
                            "achieved": moneyEvaluated ? p.achieved.json : .null])
        }
        func metricObject(_ values: [String: Double?]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: metrics.keys.map { ($0, JSONValue.number(values[$0] ?? nil)) }))
        }
        var object: [String: JSONValue] = [
            "scenario": .string(scenario), "variant": .string(variant), "currency": .string(currency), "threshold": .number(threshold),
            "evaluated": .object(["money": .bool(moneyEvaluated), "teachers": .bool(teachersEvaluated)]),
            "categories": .array(categories.map { .string($0) }),
            "execution": .object([
                "money": execution(totalMoney), "teachers": execution(totalTeachers),
                "by_fund": .array(byFund.map { f in
                    .object(["fund": .string(f.fund), "amount": .number(f.amount), "planned": .number(f.execution.planned),
                             "actual": .number(f.execution.actual), "rate": .number(f.execution.rate),
                             "difference": .number(f.execution.actual - f.execution.planned), "budget_used": .number(f.budgetUsed)])
                }),
                "by_category": .array(byCategory.map { .object(["category": .string($0.id), "money": execution($0.money), "teachers": execution($0.teachers)]) }),
                "by_region": .array(byRegion.map {
                    .object(["region": .string($0.id), "name": .string($0.name), "money": execution($0.money), "teachers": execution($0.teachers)])
                }),
                "unattributed": .array(unattributed.map { .object(["category": .string($0.category), "region": .string($0.region), "amount": .number($0.amount)]) }),
            ]),
            "short_schools": .array(shortSchools.map { s in
                .object(["school": .string(s.school), "name": .string(s.name), "region": .string(s.region), "kind": .string(s.kind.rawValue),
                         "planned": .number(s.planned), "actual": .number(s.actual), "shortfall": .number(s.shortfall),
                         "shortfall_share": .number(s.shortfallShare)])
            }),
            "coverage": .object(["by_category": coverage(coverageByCategory, key: "category"), "by_region": coverage(coverageByRegion, key: "region")]),
            "metrics": .object(["planned": metricObject(metrics.planned), "achieved": moneyEvaluated || teachersEvaluated ? metricObject(metrics.achieved) : .null]),
            "poor_fully_covered": poor(poorFullyCovered),
            "poor_fully_covered_all_poor_categories": poor(poorFullyCoveredAllPoorCategories),
            "schools": .array(schools.map { s in
                .object(["school": .string(s.school), "name": .string(s.name), "region": .string(s.region), "money": execution(s.money),
                         "teachers": execution(s.teachers), "by_category": .object(s.byCategory.mapValues(\.json))])
            }),
            "notes": .array(notes.map { .string($0) }),
        ]
        object["reserves"] = reservesJSON
        return .object(object)
    }

    /// One row per school: money (in all and per category) and teachers, planned and actual, and whether
    /// the school is short.
    public func csv() -> String {
        var header = ["school", "name", "region", "planned", "actual", "rate"]
        for k in categories { header += ["planned_\(k)", "actual_\(k)"] }
        header += ["teachers_planned", "teachers_actual", "short"]
        var lines = [header.map(field).joined(separator: ",")]
        let shortKinds = Dictionary(grouping: shortSchools, by: \.school).mapValues { $0.map(\.kind.rawValue).joined(separator: ";") }
        func raw(_ v: Double?) -> String {
            guard let v else { return "" }
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        }
        func fen(_ v: Double?) -> String { v.map(Format.fen) ?? "" }
        for s in schools {
            var row = [s.school, s.name, s.region, fen(s.money?.planned), fen(s.money?.actual), raw(s.money?.rate)]
            for k in categories { row += [fen(s.byCategory[k]?.planned), fen(s.byCategory[k]?.actual)] }
            row += [raw(s.teachers?.planned), raw(s.teachers?.actual), shortKinds[s.school] ?? ""]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The report for people: a title, then every table of ``tables(_:)`` and the notes, as aligned
    /// text or markdown, in the wording's language (the notes stay as the evaluation wrote them).
    public func text(markdown: Bool, wording w: Wording = .english) -> String {
        let title = variant.map { w("evaluate.titleVariant", ["scenario": scenario, "variant": $0]) }
            ?? w("evaluate.title", ["scenario": scenario])
        var out = markdown ? Format.title(title, markdown: true) : Format.underlined(title, with: "=")
        for table in tables(w) {
            out += markdown ? "\n## \(table.title)\n\n" : "\n" + Format.underlined(table.title, with: "-")
            out += table.rows.isEmpty ? w("evaluate.none") + "\n" : Format.grid(table.rows, headers: table.headers, markdown: markdown)
        }
        if !notes.isEmpty {
            out += markdown ? "\n## \(w("evaluate.notes"))\n\n" : "\n" + Format.underlined(w("evaluate.notes"), with: "-")
            for note in notes { out += "  • \(note)\n" }
        }
        return out
    }

    /// The report as tables for people, in reading order, labelled in the wording's language with
    /// money in its unit.
    public func tables(_ w: Wording = .english) -> [EvaluationTable] {
        let c = currency.isEmpty ? "" : w("evaluate.unit", ["unit": w.moneyUnit(currency: currency)])
        func money(_ v: Double?) -> String { v.map { w.amount($0) } ?? "—" }
        func count(_ v: Double?) -> String { v.map { Format.grouped($0, decimals: $0 == $0.rounded() ? 0 : 2) } ?? "—" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
        func h(_ key: String) -> String { w("evaluate.h.\(key)") }
        var tables: [EvaluationTable] = []

        var totals: [[String]] = []
        if let m = totalMoney { totals.append([h("money") + c, money(m.planned), money(m.actual), percent(m.rate)]) }
        if let t = totalTeachers { totals.append([h("teachers"), count(t.planned), count(t.actual), percent(t.rate)]) }
        tables.append(EvaluationTable(title: w("evaluate.t.execution"), headers: ["", h("planned"), h("actual"), h("execution")], rows: totals))

        if !byFund.isEmpty {
            tables.append(EvaluationTable(
                title: w("evaluate.t.byFund"),
                headers: [h("fund"), h("budget") + c, h("planned"), h("actual"), h("execution"), h("budgetUsed")],
                rows: byFund.map { [$0.fund, money($0.amount), money($0.execution.planned), money($0.execution.actual),
                                    percent($0.execution.rate), percent($0.budgetUsed)] }))
        }
        tables.append(EvaluationTable(
            title: w("evaluate.t.byCategory"), headers: [h("category"), h("planned") + c, h("actual"), h("execution")],
            rows: byCategory.compactMap { g in g.money.map { [g.id, money($0.planned), money($0.actual), percent($0.rate)] } }))
        tables.append(EvaluationTable(
            title: w("evaluate.t.byRegion"),
            headers: [h("region"), h("planned") + c, h("actual"), h("execution")]
                + (teachersEvaluated ? [h("teachersPlanned"), h("placed"), h("rate")] : []),
            rows: byRegion.map { g in
                let label = g.name.map { "\($0) (\(g.id))" } ?? g.id
                var row = [label, money(g.money?.planned), money(g.money?.actual), percent(g.money?.rate)]
                if let t = g.teachers { row += [count(t.planned), count(t.actual), percent(t.rate)] }
                return row
            }))
        if !unattributed.isEmpty {
            tables.append(EvaluationTable(title: w("evaluate.t.unattributed"), headers: [h("category"), h("region"), h("amount") + c],
                                          rows: unattributed.map { [$0.category, $0.region, money($0.amount)] }))
        }
        tables += laterTables(w, currencyLabel: c, money: money, count: count, percent: percent)
        return tables
    }

    /// The tables after the execution: short schools, coverage, equity, poor students fully covered.
    private func laterTables(_ w: Wording, currencyLabel c: String, money: (Double?) -> String, count: @escaping (Double?) -> String,
                             percent: (Double?) -> String) -> [EvaluationTable] {
        func h(_ key: String) -> String { w("evaluate.h.\(key)") }
        func value(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "—" }
        var tables: [EvaluationTable] = []
        let thresholdText = String(format: "%g%%", threshold * 100)
        tables.append(EvaluationTable(
            title: w("evaluate.t.short", ["threshold": thresholdText, "count": "\(shortSchools.count)"]),
            headers: [h("school"), h("name"), h("region"), h("what"), h("planned"), h("actual"), h("shortBy")],
            rows: shortSchools.map { s in
                let amount = s.kind == .money ? money : count
                return [s.school, s.name, s.region, w("evaluate.kind.\(s.kind.rawValue)"), amount(s.planned), amount(s.actual),
                        percent(s.shortfallShare)]
            }))
        tables.append(EvaluationTable(
            title: w("evaluate.t.coverageCategory"), headers: [h("category"), h("need") + c, h("planned"), h("achieved")],
            rows: coverageByCategory.map { [$0.id, money($0.need), percent($0.plannedCoverage), moneyEvaluated ? percent($0.achievedCoverage) : "—"] }))
        tables.append(EvaluationTable(
            title: w("evaluate.t.coverageRegion"), headers: [h("region"), h("need") + c, h("planned"), h("achieved")],
            rows: coverageByRegion.map { [$0.id, money($0.need), percent($0.plannedCoverage), moneyEvaluated ? percent($0.achievedCoverage) : "—"] }))
        tables.append(EvaluationTable(
            title: w("evaluate.t.equity"), headers: [h("metric"), h("planned"), h("achieved"), h("change")],
            rows: metrics.keys.map { key in
                let p = metrics.planned[key] ?? nil, a = metrics.achieved[key] ?? nil
                let change = p.flatMap { p in a.map { String(format: "%+.4f", $0 - p) } } ?? "—"
                return [key, value(p), value(a), change]
            }))
        var poorRows: [[String]] = []
        func poorRow(_ label: String, _ p: PoorCoverageComparison?) {
            guard let p else { return }
            let categories = p.categories.isEmpty ? w("evaluate.noneWord") : p.categories.joined(separator: ", ")
            poorRows.append(["\(label) [\(categories)]", "\(count(p.planned.count)) (\(percent(p.planned.share)))",
                             moneyEvaluated ? "\(count(p.achieved.count)) (\(percent(p.achieved.share)))" : "—"])
        }
        poorRow(w("evaluate.poor.mandatory"), poorFullyCovered)
        poorRow(w("evaluate.poor.every"), poorFullyCoveredAllPoorCategories)
        if !poorRows.isEmpty {
            tables.append(EvaluationTable(title: w("evaluate.t.poor"), headers: [h("categories"), h("planned"), h("achieved")], rows: poorRows))
        }
        if let reserves = reservesTable() { tables.append(reserves) }
        return tables
    }
}
