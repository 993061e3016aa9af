import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// A comparison with every run's equity metrics, ready to print: one table with the runs as
/// columns (base first), deltas against the base, and a "what changed" paragraph per variant.
public struct ComparisonReport: Sendable {
    public let comparison: Comparison
    /// One report per run, parallel to ``Comparison/runs``.
    public let reports: [PlanReport]

    /// - Complexity: the equity metrics of every run: O(runs · schools · log schools).
    public init(_ comparison: Comparison) {
        self.comparison = comparison
        reports = comparison.runs.map { PlanReport(result: $0.result, scenario: $0.scenario) }
    }

    /// A PRODUCT.md solve object per run (base first), without `plan` unless `withPlan`.
    public func json(withPlan: Bool = false) throws -> JSONValue {
        .array(try reports.map { try $0.json(withPlan: withPlan) })
    }

    // MARK: Rows

    /// How a row's numbers read.
    enum Kind {
        case money, percent, index, count, perUnit, text
    }

    /// One line of the table.
    struct Row {
        var key: String
        var label: String
        var kind: Kind
        var values: [Double?]
        var texts: [String]? = nil
        var delta = true
    }

    /// The rows of the table, in the order PRODUCT.md lists them.
    func rows() -> [Row] {
        let runs = comparison.runs
        let currency = comparison.base.scenario.currency
        func row(_ key: String, _ label: String, _ kind: Kind, delta: Bool = true, _ value: (Int) -> Double?) -> Row {
            Row(key: key, label: label, kind: kind, values: runs.indices.map(value), delta: delta)
        }
        var rows: [Row] = []
        rows.append(Row(key: "status", label: "status", kind: .text, values: runs.map { _ in nil },
                        texts: runs.map { $0.result.status.rawValue }, delta: false))
        rows.append(row("total_funds", "money available (\(currency))", .money) { runs[$0].figures.totalFunds })
        rows.append(row("benefit", "benefit U (points)", .money) { runs[$0].result.benefit })
        rows.append(row("objective", "unmet need, weighted (objective, points)", .money) { runs[$0].result.objective })
        rows.append(row("unmet_money", "unmet need, money Σ(N − x) (\(currency))", .money) { runs[$0].figures.unmetMoney })
        rows.append(row("coverage", "coverage (non-mandatory need)", .percent) { runs[$0].figures.coverage })
        rows.append(row("min_coverage", "min coverage (worst school, non-mandatory need)", .percent) { runs[$0].figures.minCoverage })
        for category in comparison.base.scenario.categories
        where runs.contains(where: { $0.figures.minCoverageByCategory[category.id] != nil }) {
            rows.append(row("min_coverage:\(category.id)", "min coverage of \(category.id) (worst school)", .percent) {
                runs[$0].figures.minCoverageByCategory[category.id]
            })
        }
        if runs.contains(where: { $0.result.maxminCoverage != nil }) {
            rows.append(row("maxmin_coverage", "max–min coverage t*", .percent) { runs[$0].result.maxminCoverage })
        }
        rows.append(row("price_of_fairness", "price of fairness", .percent) { runs[$0].result.priceOfFairness })
        rows += robustRows(row)
        rows.append(row("gini", "Gini (per pupil)", .index) { reports[$0].metrics?.gini })
        rows.append(row("theil", "Theil T", .index) { reports[$0].metrics?.theil })
        rows.append(row("mcloone", "McLoone", .index) { reports[$0].metrics?.mcloone })
        rows.append(row("hoover", "Hoover (vs need)", .index) { reports[$0].metrics?.hoover })
        rows.append(row("dispatched", "teachers dispatched", .count) { runs[$0].result.plan == nil ? nil : runs[$0].result.dispatched })
        rows.append(row("shortage_left", "teacher shortage left", .count) { runs[$0].result.plan == nil ? nil : runs[$0].result.shortageLeft })
        // One row per fairness rule any run has: its marginal cost when hard, "soft" otherwise.
        for key in FairnessRegistry.keys where runs.contains(where: { $0.result.rulePrice(key) != nil }) {
            let parameter = FairnessRegistry.parameter(of: key).map { " (per unit of \($0))" } ?? ""
            var r = row("rule:\(key)", "shadow price: \(key)\(parameter)", .perUnit, delta: false) { i in
                runs[i].result.rulePrice(key)?.value
            }
            r.texts = runs.map { run in
                guard let price = run.result.rulePrice(key) else { return run.result.plan == nil ? "—" : "off" }
                if !price.claims.isEmpty { return price.value == nil ? "no plan if tightened" : "" }
                return PlanSummary.violation(run.result, rule: key) { Format.grouped($0, decimals: 2) }
                    .map { "soft, violated by \($0)" } ?? "soft"
            }
            rows.append(r)
        }
        // Fund shadow prices as benefit per unit of money (−d objective / d B_f).
        let funds = runs.flatMap { $0.scenario.funds.map(\.id) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for fund in funds {
            rows.append(row("fund:\(fund)", "benefit per \(currency) more in \(fund)", .perUnit, delta: false) { i in
                runs[i].result.fundPrice(fund)?.value.map { -$0 }
            })
        }
        if runs.contains(where: { $0.result.diagnosis != nil }) {
            rows.append(row("diagnosis_money", "infeasible: smallest relaxation (\(currency))", .money, delta: false) { i in
                runs[i].result.diagnosis.map { $0.reduce(0) { $0 + $1.money } }
            })
        }
        return rows
    }

    /// A robust run's reserve total, price of robustness and protection (rows only when some run is robust).
    private func robustRows(_ row: (String, String, Kind, Bool, (Int) -> Double?) -> Row, wording w: Wording = .english) -> [Row] {
        let runs = comparison.runs
        guard runs.contains(where: { $0.scenario.robust != nil }) else { return [] }
        let currency = comparison.base.scenario.currency
        return [row("reserve_total", w("robust.column.reserve_total", ["currency": currency]), .money, true) { runs[$0].result.robust?.reserveTotal },
                row("price_of_robustness", w("robust.column.por"), .percent, false) { runs[$0].result.robust?.priceOfRobustness },
                row("protection", w("robust.column.protection"), .percent, false) { runs[$0].result.robust?.protection?.overall }]
    }

    // MARK: Text and markdown

    /// The comparison table, then a "what changed" paragraph per variant.
    public func text(markdown: Bool) -> String {
        let base = comparison.base
        let title = "\(base.scenario.name) — base and \(comparison.variants.count) variant\(comparison.variants.count == 1 ? "" : "s")"
        var out = Format.title(title, markdown: markdown)
        let headers = [""] + comparison.runs.map(\.name)
        var lines: [[String]] = []
        for row in rows() {
            lines.append([row.label] + row.values.indices.map { cell(row, $0) })
            if row.delta, comparison.runs.count > 1 {
                lines.append([markdown ? "↳ Δ vs base" : "  Δ vs base"] + row.values.indices.map { $0 == 0 ? "" : delta(row, $0) })
            }
        }
        out += Format.grid(lines, headers: headers, markdown: markdown)
        out += markdown ? "\n## What changed\n\n" : "\nWhat changed\n------------\n"
        out += whatChanged().map { markdown ? "- \($0)\n" : "• \($0)\n" }.joined(separator: markdown ? "" : "\n")
        out += regionTable(markdown: markdown)
        return out
    }

    /// A number for people: thousands separators, %, and "—" for none.
    func cell(_ row: Row, _ i: Int) -> String {
        if let texts = row.texts, !texts[i].isEmpty { return texts[i] }
        guard let v = row.values[i] else { return "—" }
        switch row.kind {
        case .money: return Format.grouped(v)
        case .percent: return Format.percent(v)
        case .index: return Format.fixed(v, decimals: 4)
        case .count: return Format.grouped(v, decimals: v == v.rounded() ? 0 : 2)
        case .perUnit: return Format.grouped(v, decimals: abs(v) >= 100 ? 0 : 3)
        case .text: return ""
        }
    }

    /// The change against the base, signed (percentages in percentage points).
    func delta(_ row: Row, _ i: Int) -> String {
        guard let v = row.values[i], let b = row.values[0] else { return "—" }
        let d = v - b
        if abs(d) <= 1e-9 * max(1, abs(v), abs(b)) { return "0" }
        let sign = d > 0 ? "+" : "−"
        switch row.kind {
        case .money: return sign + Format.grouped(abs(d))
        case .percent: return sign + Format.points(abs(d))
        case .index: return sign + Format.fixed(abs(d), decimals: 4)
        case .count: return sign + Format.grouped(abs(d), decimals: d == d.rounded() ? 0 : 2)
        case .perUnit: return sign + Format.grouped(abs(d), decimals: abs(d) >= 100 ? 0 : 3)
        case .text: return ""
        }
    }

    /// One paragraph per variant (and a line on the base first): the headline change, which
    /// rules bind, and the three regions that gain and lose most per pupil (by name).
    public func whatChanged() -> [String] {
        let base = comparison.base
        let currency = base.scenario.currency
        var paragraphs: [String] = []
        paragraphs.append("base (\(base.result.status.rawValue)): " + binding(base.result))
        for run in comparison.variants {
            let r = run.result
            guard r.plan != nil else {
                var text = "\(run.name): \(r.status.rawValue)."
                if let items = r.diagnosis {
                    let total = items.reduce(0) { $0 + $1.money }
                    text += " The smallest relaxation that makes it feasible is worth \(Format.grouped(total)) \(currency)"
                    text += items.isEmpty ? "." : ": " + items.prefix(3).map(\.explanation).joined(separator: "; ")
                        + (items.count > 3 ? "; and \(items.count - 3) more." : ".")
                } else {
                    text += " " + r.statusDetail
                }
                paragraphs.append(text)
                continue
            }
            var text = "\(run.name) (\(r.status.rawValue)): "
            if let u = r.benefit, let bu = base.result.benefit {
                text += "benefit U \(Format.grouped(u)) points (\(signed(u - bu)) vs base)"
            } else if let u = r.benefit {
                text += "benefit U \(Format.grouped(u)) points"
            }
            if let m = run.figures.minCoverage {
                text += ", min coverage \(Format.percent(m))"
                if let bm = base.figures.minCoverage { text += " (\(signedPoints(m - bm)))" }
            }
            text += ". " + binding(r)
            if let closest = ClosestToBase.sentence(in: r.statusDetail) { text += " " + closest }
            let (gains, losses) = comparison.regionChanges(run, top: nil)
            if gains.isEmpty && losses.isEmpty {
                text += " No region's per-pupil allocation changed."
            } else {
                text += " Per pupil, \(count(gains.count, "region")) gain\(gains.count == 1 ? "s" : "") and "
                    + "\(count(losses.count, "region")) lose\(losses.count == 1 ? "s" : "") (every one in the table below)"
                if !gains.isEmpty { text += "; largest gains: " + gains.prefix(3).map(describe).joined(separator: ", ") }
                if !losses.isEmpty { text += "; largest losses: " + losses.prefix(3).map(describe).joined(separator: ", ") }
                text += "."
            }
            paragraphs.append(text)
        }
        return paragraphs
    }

    private func binding(_ r: PlanResult) -> String {
        guard r.plan != nil else { return r.statusDetail }
        var parts: [String] = []
        let rules = r.bindingRules
        parts.append(rules.isEmpty ? "No hard rule binds"
                     : "Binding rules: " + rules.map { rule, value in
                         r.rulePrice(rule)?.sentence ?? "\(rule) (\(value.map { Format.grouped($0, decimals: 2) } ?? "—"))"
                     }.joined(separator: "; "))
        let soft = r.violatedSoftRules
        if !soft.isEmpty {
            parts.append("Soft rules violated: " + soft.map { "\($0.rule) by \(Format.grouped($0.amount, decimals: 2))" }.joined(separator: ", "))
        }
        return parts.joined(separator: ". ") + "."
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private func describe(_ change: RegionChange) -> String {
        "\(change.name) \(signed(change.change, decimals: abs(change.change) >= 100 ? 0 : 2))"
    }

    private func signed(_ v: Double, decimals: Int = 0) -> String {
        (v > 0 ? "+" : v < 0 ? "−" : "") + Format.grouped(abs(v), decimals: decimals)
    }

    private func signedPoints(_ v: Double) -> String {
        abs(v) < 5e-5 ? "unchanged" : (v > 0 ? "+" : "−") + Format.points(abs(v))
    }

    // MARK: CSV

    /// Raw numbers (shortest round-trip form), one row per metric: `metric`, then each run's
    /// value with, after each variant, its difference from the base (`<variant> Δ`).
    public func csv() -> String {
        var header = ["metric", comparison.base.name]
        for run in comparison.variants { header += [run.name, "\(run.name) Δ"] }
        var lines = [header]
        for row in rows() {
            // Money to the fen; U and the objective are points, written in full.
            let number = row.kind == .money && !["benefit", "objective"].contains(row.key) ? Format.fen : SweepTable.number
            func raw(_ i: Int) -> String {
                if let texts = row.texts, !texts[i].isEmpty, row.values[i] == nil { return texts[i] == "—" ? "" : texts[i] }
                return row.values[i].map(number) ?? ""
            }
            var line = [row.key, raw(0)]
            for i in comparison.runs.indices.dropFirst() {
                let d: String
                if row.delta, let v = row.values[i], let b = row.values[0] { d = number(v - b) } else { d = "" }
                line += [raw(i), d]
            }
            lines.append(line)
        }
        return SweepTable.csv(lines)
    }
}
