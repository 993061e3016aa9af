import EduplanIO
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
        case money, points, percent, index, count, perUnit, text
    }

    /// One line of the table. `texts` are the CSV's words (English, whatever the language);
    /// `shown` the same in the wording's language, for the table.
    struct Row {
        var key: String
        var label: String
        var kind: Kind
        var values: [Double?]
        var texts: [String]? = nil
        var shown: [String]? = nil
        var delta = true
        /// Decimals of a money row: 0 in yuan, 2 in 万元, 4 in 亿元.
        var moneyDecimals = 0
    }

    /// The rows of the table, in the order PRODUCT.md lists them, labelled in the wording's
    /// language; money rows (and values per unit of money) in its unit.
    func rows(_ w: Wording = .english) -> [Row] {
        let runs = comparison.runs
        let currency = comparison.base.scenario.currency, unit = w.moneyUnit(currency: currency)
        let names = DisplayNames(comparison.base.scenario, language: w.language)
        func row(_ key: String, _ label: String, _ kind: Kind, delta: Bool = true, _ value: (Int) -> Double?) -> Row {
            // Money in the display unit: the table's numbers are divided, the CSV's (yuan) are not.
            let scale = kind == .money ? w.money.divisor : 1
            return Row(key: key, label: label, kind: kind, values: runs.indices.map { value($0).map { $0 / scale } }, delta: delta,
                       moneyDecimals: [.yuan: 0, .wan: 2, .yi: 4][w.money] ?? 0)
        }
        var rows: [Row] = []
        rows.append(Row(key: "status", label: w("compare.row.status"), kind: .text, values: runs.map { _ in nil },
                        texts: runs.map { $0.result.status.rawValue }, shown: runs.map { w("common.status.\($0.result.status.rawValue)") },
                        delta: false))
        rows.append(row("total_funds", w("compare.row.totalFunds", ["unit": unit]), .money) { runs[$0].figures.totalFunds })
        rows.append(row("benefit", w("compare.row.benefit"), .points) { runs[$0].result.benefit })
        rows.append(row("objective", w("compare.row.objective"), .points) { runs[$0].result.objective })
        rows.append(row("unmet_money", w("compare.row.unmetMoney", ["unit": unit]), .money) { runs[$0].figures.unmetMoney })
        rows.append(row("coverage", w("compare.row.coverage"), .percent) { runs[$0].figures.coverage })
        rows.append(row("min_coverage", w("compare.row.minCoverage"), .percent) { runs[$0].figures.minCoverage })
        for category in comparison.base.scenario.categories
        where runs.contains(where: { $0.figures.minCoverageByCategory[category.id] != nil }) {
            rows.append(row("min_coverage:\(category.id)", w("compare.row.minCoverageOf", ["category": names.category(category.id)]), .percent) {
                runs[$0].figures.minCoverageByCategory[category.id]
            })
        }
        if runs.contains(where: { $0.result.maxminCoverage != nil }) {
            rows.append(row("maxmin_coverage", w("plan.row.maxmin"), .percent) { runs[$0].result.maxminCoverage })
        }
        rows.append(row("price_of_fairness", w("plan.row.priceOfFairness"), .percent) { runs[$0].result.priceOfFairness })
        rows += robustRows(row, wording: w)
        rows.append(row("gini", w("plan.metric.gini"), .index) { reports[$0].metrics?.gini })
        rows.append(row("theil", w("plan.metric.theil"), .index) { reports[$0].metrics?.theil })
        rows.append(row("mcloone", w("plan.metric.mcloone"), .index) { reports[$0].metrics?.mcloone })
        rows.append(row("hoover", w("plan.metric.hoover"), .index) { reports[$0].metrics?.hoover })
        rows.append(row("dispatched", w("plan.row.dispatched"), .count) { runs[$0].result.plan == nil ? nil : runs[$0].result.dispatched })
        rows.append(row("shortage_left", w("compare.row.shortageLeft"), .count) { runs[$0].result.plan == nil ? nil : runs[$0].result.shortageLeft })
        rows += ruleRows(w, names: names, row: row)
        // Fund shadow prices as benefit per unit of money (−d objective / d B_f), per display unit.
        let funds = runs.flatMap { $0.scenario.funds.map(\.id) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for fund in funds {
            rows.append(row("fund:\(fund)", w("compare.row.fund", ["per": w.perMoney(currency: currency), "fund": names.fund(fund)]),
                            .perUnit, delta: false) { i in
                runs[i].result.fundPrice(fund)?.value.map { -$0 * w.perUnitFactor }
            })
        }
        if runs.contains(where: { $0.result.diagnosis != nil }) {
            rows.append(row("diagnosis_money", w("compare.row.diagnosis", ["unit": unit]), .money, delta: false) { i in
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
        return [row("reserve_total", w("robust.column.reserve_total", ["currency": w.moneyUnit(currency: currency)]), .money, true) { runs[$0].result.robust?.reserveTotal },
                row("price_of_robustness", w("robust.column.por"), .percent, false) { runs[$0].result.robust?.priceOfRobustness },
                row("protection", w("robust.column.protection"), .percent, false) { runs[$0].result.robust?.protection?.overall }]
    }

    /// One row per fairness rule any run has: its marginal cost when hard, "soft" otherwise.
    private func ruleRows(_ w: Wording, names: DisplayNames,
                          row: (String, String, Kind, Bool, (Int) -> Double?) -> Row) -> [Row] {
        let runs = comparison.runs
        return FairnessRegistry.keys.filter { key in runs.contains { $0.result.rulePrice(key) != nil } }.map { key in
            let label = FairnessRegistry.parameter(of: key).map {
                w("compare.row.rule", ["rule": names.rule(key), "parameter": w.language == .english ? $0 : w("claim.parameter.\($0)")])
            } ?? w("compare.row.ruleNoParameter", ["rule": names.rule(key)])
            var r = row("rule:\(key)", label, .perUnit, false) { i in runs[i].result.rulePrice(key)?.value }
            func words(_ v: Wording) -> [String] {
                runs.map { run in
                    guard let price = run.result.rulePrice(key) else { return run.result.plan == nil ? "—" : v("compare.rule.off") }
                    if !price.claims.isEmpty { return price.value == nil ? v("compare.rule.noPlanIfTightened") : "" }
                    return PlanSummary.violation(run.result, rule: key, wording: v) { Format.grouped($0, decimals: 2) }
                        .map { v("compare.rule.softViolated", ["amount": $0]) } ?? v("compare.rule.soft")
                }
            }
            r.texts = words(.english)
            r.shown = words(w)
            return r
        }
    }

    // MARK: Text and markdown

    /// The comparison table, then a "what changed" paragraph per variant, in the wording's language.
    public func text(markdown: Bool, wording w: Wording = .english) -> String {
        let base = comparison.base
        let variants = comparison.variants.count
        let title = w.counted("compare.title", variants, ["scenario": base.scenario.name, "count": "\(variants)"])
        var out = Format.title(title, markdown: markdown)
        let headers = [""] + comparison.runs.map { $0.name == "base" ? w("compare.base") : $0.name }
        var lines: [[String]] = []
        for row in rows(w) {
            lines.append([row.label] + row.values.indices.map { cell(row, $0) })
            if row.delta, comparison.runs.count > 1 {
                let label = w("compare.delta")
                lines.append([markdown ? "↳ \(label)" : "  \(label)"] + row.values.indices.map { $0 == 0 ? "" : delta(row, $0, wording: w) })
            }
        }
        out += Format.grid(lines, headers: headers, markdown: markdown)
        out += PlanSummary.heading(w("compare.whatChanged"), markdown: markdown)
        out += whatChanged(w).map { markdown ? "- \($0)\n" : "• \($0)\n" }.joined(separator: markdown ? "" : "\n")
        out += regionTable(markdown: markdown, wording: w)
        return out
    }

    /// A number for people: thousands separators, %, and "—" for none.
    func cell(_ row: Row, _ i: Int) -> String {
        if let texts = row.shown ?? row.texts, !texts[i].isEmpty { return texts[i] }
        guard let v = row.values[i] else { return "—" }
        switch row.kind {
        case .money: return Format.grouped(v, decimals: row.moneyDecimals)
        case .points: return Format.grouped(v)
        case .percent: return Format.percent(v)
        case .index: return Format.fixed(v, decimals: 4)
        case .count: return Format.grouped(v, decimals: v == v.rounded() ? 0 : 2)
        case .perUnit: return Format.grouped(v, decimals: abs(v) >= 100 ? 0 : 3)
        case .text: return ""
        }
    }

    /// The change against the base, signed (percentages in percentage points).
    func delta(_ row: Row, _ i: Int, wording w: Wording = .english) -> String {
        guard let v = row.values[i], let b = row.values[0] else { return "—" }
        let d = v - b
        if abs(d) <= 1e-9 * max(1, abs(v), abs(b)) { return "0" }
        let sign = d > 0 ? "+" : "−"
        switch row.kind {
        case .money: return sign + Format.grouped(abs(d), decimals: row.moneyDecimals)
        case .points: return sign + Format.grouped(abs(d))
        case .percent: return sign + w.points(abs(d))
        case .index: return sign + Format.fixed(abs(d), decimals: 4)
        case .count: return sign + Format.grouped(abs(d), decimals: d == d.rounded() ? 0 : 2)
        case .perUnit: return sign + Format.grouped(abs(d), decimals: abs(d) >= 100 ? 0 : 3)
        case .text: return ""
        }
    }

    /// One paragraph per variant (and a line on the base first): the headline change, which
    /// rules bind, and the three regions that gain and lose most per pupil (by name).
    public func whatChanged(_ w: Wording = .english) -> [String] {
        let base = comparison.base
        var paragraphs = [w("compare.baseLine", ["status": w("common.status.\(base.result.status.rawValue)"), "binding": binding(base.result, w)])]
        for run in comparison.variants {
            let r = run.result, status = w("common.status.\(r.status.rawValue)")
            guard r.plan != nil else {
                paragraphs.append(w("compare.variant.noPlan", ["run": run.name, "status": status, "why": noPlanReason(r, w)]))
                continue
            }
            var figures = ""
            if let u = r.benefit {
                figures = base.result.benefit.map { w("compare.variant.benefitDelta", ["u": Format.grouped(u), "delta": signed(u - $0)]) }
                    ?? w("compare.variant.benefit", ["u": Format.grouped(u)])
            }
            if let m = run.figures.minCoverage {
                figures += base.figures.minCoverage.map { w("compare.variant.minCoverageDelta", ["m": Format.percent(m), "delta": signedPoints(m - $0, w)]) }
                    ?? w("compare.variant.minCoverage", ["m": Format.percent(m)])
            }
            var text = w("compare.variant.head", ["run": run.name, "status": status, "figures": figures, "binding": binding(r, w)])
            if let closest = closestToBase(r, w) { text += w("compare.closest", ["sentence": closest]) }
            text += regionSentence(run, w)
            paragraphs.append(text)
        }
        return paragraphs
    }

    /// A run's status notes in the wording's language.
    private func statusText(_ r: PlanResult, _ w: Wording) -> String {
        PlanSummary.statusDetail(r, wording: w, names: DisplayNames(comparison.base.scenario, language: w.language))
    }

    /// A variant's sentence on its second phase (the optimal plan closest to the base, or not) and
    /// the notes after it; nil without one (the base).
    private func closestToBase(_ r: PlanResult, _ w: Wording) -> String? {
        let second = r.statusNotes.firstIndex {
            switch $0 {
            case .closestToBase, .notClosestToBase: return true
            default: return false
            }
        }
        guard let second else { return nil }
        var rest = r
        rest.statusNotes = Array(r.statusNotes[second...])
        return statusText(rest, w).trimmingCharacters(in: .whitespaces)
    }

    /// Why a variant has no plan: the smallest relaxation and its three largest lines, or the status sentence.
    private func noPlanReason(_ r: PlanResult, _ w: Wording) -> String {
        guard let items = r.diagnosis else { return w("compare.statusNote", ["detail": statusText(r, w)]) }
        let total = items.reduce(0) { $0 + $1.money }
        let names = DisplayNames(comparison.base.scenario, language: w.language)
        var lines = items.prefix(3).map { PlanSummary.diagnosisLine($0, currency: r.currency, wording: w, names: names) }
            .joined(separator: w.separator)
        lines += items.count > 3 ? w("compare.andMore", ["count": "\(items.count - 3)"]) : w("compare.period")
        return w(items.isEmpty ? "compare.relaxation" : "compare.relaxationLines",
                 ["money": w.money(total, currency: r.currency), "lines": lines])
    }

    /// Which regions gain and lose per pupil against the base, the largest three of each by name.
    private func regionSentence(_ run: ComparisonRun, _ w: Wording) -> String {
        let (gains, losses) = comparison.regionChanges(run, top: nil)
        if gains.isEmpty && losses.isEmpty { return w("compare.regions.none") }
        var text = w("compare.regions.changed", ["gains": w.counted("compare.regions.gain", gains.count, ["count": "\(gains.count)"]),
                                                 "losses": w.counted("compare.regions.lose", losses.count, ["count": "\(losses.count)"])])
        if !gains.isEmpty { text += w("compare.regions.largestGains", ["list": gains.prefix(3).map(describe).joined(separator: w("common.comma"))]) }
        if !losses.isEmpty { text += w("compare.regions.largestLosses", ["list": losses.prefix(3).map(describe).joined(separator: w("common.comma"))]) }
        return text + w("compare.period")
    }

    private func binding(_ r: PlanResult, _ w: Wording) -> String {
        guard r.plan != nil else { return statusText(r, w) }
        let names = DisplayNames(comparison.base.scenario, language: w.language)
        var parts: [String] = []
        let rules = r.bindingRules
        parts.append(rules.isEmpty ? w("compare.noBinding")
                     : w("compare.binding", ["list": rules.map { rule, value in
                         r.rulePrice(rule).flatMap { ClaimWording.sentence($0, wording: w, names: names, scenario: comparison.base.scenario) }
                             ?? w("compare.ruleValue", ["rule": names.rule(rule), "value": value.map { Format.grouped($0, decimals: 2) } ?? "—"])
                     }.joined(separator: w.separator)]))
        let soft = r.violatedSoftRules
        if !soft.isEmpty {
            parts.append(w("compare.softViolated", ["list": soft.map {
                w("compare.softBy", ["rule": names.rule($0.rule), "amount": Format.grouped($0.amount, decimals: 2)])
            }.joined(separator: w("common.comma"))]))
        }
        return parts.joined(separator: w("compare.sentenceJoin")) + w("compare.period")
    }

    private func describe(_ change: RegionChange) -> String {
        "\(change.name) \(signed(change.change, decimals: abs(change.change) >= 100 ? 0 : 2))"
    }

    private func signed(_ v: Double, decimals: Int = 0) -> String {
        (v > 0 ? "+" : v < 0 ? "−" : "") + Format.grouped(abs(v), decimals: decimals)
    }

    private func signedPoints(_ v: Double, _ w: Wording) -> String {
        abs(v) < 5e-5 ? w("compare.unchanged") : (v > 0 ? "+" : "−") + w.points(abs(v))
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
            let number = row.kind == .money ? Format.fen : SweepTable.number
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
