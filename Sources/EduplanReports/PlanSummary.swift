import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// Output formats for people and programs.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown
}

/// A plain-text rendering of a solve for a planner: what was decided, what it buys, what binds.
public enum PlanSummary {
    /// Key figures as (label, value) rows, shared by the table and markdown forms.
    public static func rows(_ result: PlanResult, metrics: [(String, Double?)]) -> [(String, String)] {
        let c = result.currency
        func money(_ v: Double?) -> String { v.map { "\(Format.grouped($0)) \(c)" } ?? "—" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
        var rows: [(String, String)] = [("status", result.status.rawValue)]
        guard result.plan != nil else { return rows }
        func points(_ v: Double?) -> String { v.map { "\(Format.grouped($0)) points" } ?? "—" }
        rows.append(("weighted benefit U", points(result.benefit)))
        rows.append(("objective (weighted unmet need)", points(result.objective)))
        if let pof = result.priceOfFairness { rows.append(("price of fairness", percent(pof))) }
        if let t = result.maxminCoverage { rows.append(("max–min coverage t*", percent(t))) }
        if let gap = result.relativeGap {
            // A gap-limited plan usually stops far below 0.01%: show the digits, not "0.00%".
            rows.append((result.parts == nil ? "relative MIP gap" : "certified gap on U (in parts)",
                         gap > 0 && gap < 1e-4 ? String(format: "≤ %.2g", gap) : "≤ " + percent(gap)))
        }
        // Money by category against its need (dispatch has no money need: it pays for teachers).
        var need: [String: Double] = [:]
        for school in result.plan?.schools ?? [] {
            for (category, amount) in school.need { need[category, default: 0] += amount }
        }
        for (category, amount) in result.allocatedByCategory.sorted(by: { $0.key < $1.key }) {
            if let n = need[category], n > 0 {
                rows.append(("allocated: \(category)", "\(money(amount)) of \(Format.grouped(n)) (\(percent(Coverage(allocated: amount, need: n).ratio)))"))
            } else {
                rows.append(("allocated: \(category)", "\(money(amount)) (teachers' cost)"))
            }
        }
        rows.append(("teachers dispatched", Format.grouped(result.dispatched)))
        rows.append(("teacher shortage before → left", "\(Format.grouped(result.shortageBefore)) → \(Format.grouped(result.shortageLeft))"))
        for (name, value) in metrics { rows.append((name, value.map { String(format: "%.4f", $0) } ?? "—")) }
        return rows
    }

    /// The full human-readable report.
    public static func text(_ result: PlanResult, metrics: [(String, Double?)], markdown: Bool,
                            regionNames: [String: String] = [:]) -> String {
        var out = ""
        let title = "\(result.scenario)\(result.variant.map { " — variant \($0)" } ?? "")"
        out += markdown ? "# \(title)\n\n" : "\(title)\n\(String(repeating: "=", count: title.count))\n\n"
        out += "\(result.statusDetail)\n\n"
        out += table(rows(result, metrics: metrics), headers: markdown ? ["", "value"] : ["", ""], markdown: markdown) + "\n"
        if result.plan != nil && !metrics.isEmpty {
            out += "(Per-pupil metrics are pupil-weighted over schools with pupils; definitions and benchmark values\n"
                + " in docs/metrics.md. U and the objective weigh money by priority π and category weight ω: points,\n"
                + " not money.\(result.relativeGap != nil && result.parts == nil ? relativeGapNote : ""))\n"
        }
        if let plan = result.plan {
            let c = result.currency
            out += markdown ? "\n## Funds\n\n" : "\nFunds\n-----\n"
            let fundRows = plan.funds.map { f -> [String] in
                let price = result.fundPrice(f.id)?.value
                let used = usedShare(f.spent, of: f.amount, fullyUsed: result.fundPrice(f.id)?.claims
                    .contains { $0.kind == .fundFullyUsed } ?? (f.spent >= f.amount))
                return [f.id, Format.grouped(f.amount), Format.grouped(f.spent), used,
                        price.map { Format.grouped(-$0, decimals: 3) } ?? "—"]
            }
            out += Format.grid(fundRows, headers: ["fund", "amount (\(c))", "spent", "used", "benefit per \(c)"], markdown: markdown)
            for f in plan.funds {
                if let text = result.fundPrice(f.id)?.sentence { out += "  • \(text)\n" }
            }
            if result.degenerate, result.hasResolvedFundClaims {
                out += "  (the optimal basis is degenerate: a side the ranging could not see past was re-solved, as its sentence says)\n"
            }
            if !result.rulePrices.isEmpty {
                out += markdown ? "\n## Fairness rules\n\n" : "\nFairness rules\n--------------\n"
                for price in result.rulePrices.sorted(by: { $0.rule < $1.rule }) {
                    let key = price.rule
                    if let text = price.sentence { out += "  • \(text)\n" } else if let parts = result.parts {
                        let state = violation(result, rule: key) { Format.grouped($0, decimals: 2) }
                            .map { "violated by \($0), at its penalty" } ?? "met"
                        out += "  • \(key): \(state) (planned in \(parts) parts: no shadow price; country-wide values below)\n"
                    } else {
                        let violated = violation(result, rule: key) { Format.grouped($0, decimals: 2) }
                            .map { "violated by \($0), at its penalty" } ?? "met"
                        out += "  • \(key): soft rule, \(violated)\n"
                    }
                }
            }
            out += markdown ? "\n## Regions (largest allocations first, top 10)\n\n" : "\nRegions (largest allocations first, top 10)\n-------------------------------------------\n"
            let regionOf = plan.schools.map(\.region), received = plan.schools.map(\.received)
            let coverage = Equity.coverage(allocation: received, need: plan.schools.map(\.totalNeed), groups: regionOf)
            let perPupil = Equity.perPupil(allocation: received, pupils: plan.schools.map { Double($0.pupils) }, groups: regionOf)
            let dispatched = Dictionary(plan.schools.map { ($0.region, $0.teachersDispatched) }, uniquingKeysWith: +)
            let regionRows = coverage.map { region, c -> (Double, [String]) in
                let label = regionNames[region].map { "\($0) (\(region))" } ?? region
                return (c.allocated, [label, Format.grouped(c.allocated), perPupil[region].map { Format.grouped($0, decimals: 1) } ?? "—",
                                      c.ratio.map { String(format: "%.1f%%", $0 * 100) } ?? "—", "\(dispatched[region] ?? 0)"])
            }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1[0] < $1.1[0] }.prefix(10).map(\.1)
            out += Format.grid(Array(regionRows), headers: ["region", "received (\(c))", "per pupil", "of need", "teachers in"], markdown: markdown)
            if let robust = result.robust { out += RobustReport.text(robust, currency: c, regionNames: regionNames, markdown: markdown) }
        }
        if let moves = result.moves {
            out += markdown ? "\n## What moved against the previous plan\n\n" : "\nWhat moved against the previous plan\n------------------------------------\n"
            let money = moves.filter { $0.kind == "money" }, teachers = moves.filter { $0.kind == "teachers" }
            let moved = money.reduce(0.0) { $0 + abs($1.after - $1.before) }
            out += "\(money.count) money line\(money.count == 1 ? "" : "s") changed (\(Format.grouped(moved)) \(result.currency) moved in all); "
                + "\(Format.grouped(teachers.reduce(0.0) { $0 + abs($1.after - $1.before) })) teacher move(s).\n"
            let shown = (teachers + money.sorted { abs($0.after - $0.before) > abs($1.after - $1.before) }).prefix(20)
            let rows = shown.map { m in
                [m.kind == "money" ? "\(m.second) at \(m.first)" : "\(m.first) → \(m.second)", m.kind,
                 Format.grouped(m.before, decimals: m.kind == "money" ? 0 : 1), Format.grouped(m.after, decimals: m.kind == "money" ? 0 : 1)]
            }
            if !rows.isEmpty { out += Format.grid(rows, headers: ["what", "kind", "before", "after"], markdown: markdown) }
            if moves.count > shown.count { out += "(\(moves.count - shown.count) more in the JSON output's `moves`)\n" }
        }
        if let diagnosis = result.diagnosis {
            out += markdown ? "\n## What must give\n\n" : "\nWhat must give (elastic diagnosis)\n----------------------------------\n"
            out += diagnosisText(diagnosis, summary: result.diagnosisSummary, currency: result.currency, regionNames: regionNames)
        }
        return out
    }

    /// Lines of the diagnosis shown in full when there are at most this many; otherwise the largest.
    static let diagnosisLinesShown = 5

    /// The diagnosis in layers, at most ~15 lines however large the province: the total and its
    /// sums by rule, fund, category and region, the smallest top-ups, the largest lines, and where
    /// every line is.
    static func diagnosisText(_ items: [DiagnosisItem], summary: DiagnosisSummary?, currency c: String,
                              regionNames: [String: String]) -> String {
        let summary = summary ?? DiagnosisSummary(items: items)
        var out = "The smallest relaxation that makes the scenario feasible is worth \(Format.grouped(summary.total)) \(c), "
            + "in \(summary.lines) line\(summary.lines == 1 ? "" : "s"):\n"
        let sums: [(String, [String: Double], (String) -> String)] = [
            ("by rule", summary.byRule, { $0 }), ("by fund (minimum spend)", summary.byFund, { $0 }),
            ("by category", summary.byCategory, { $0 }),
            ("by region", summary.byRegion, { id in regionNames[id].map { "\($0) (\(id))" } ?? id }),
        ]
        for (label, amounts, name) in sums where !amounts.isEmpty {
            out += "  \(label): \(largest(amounts, name: name))\n"
        }
        if summary.lines > 1 {
            out += "  (the total is the least possible; its split over lines, and so over regions and categories, is one such split)\n"
        }
        if let topUp = summary.topUp { out += topUpText(topUp, currency: c) }
        let shown = items.count <= diagnosisLinesShown ? items[...] : items.prefix(3)
        if shown.count < items.count { out += "Largest lines:\n" }
        for item in shown { out += "  • \(item.explanation)\n" }
        if shown.count < items.count {
            out += "All \(items.count) lines: `diagnosis` in --format json, and diagnosis.csv with --out DIR.\n"
        }
        return out
    }

    /// The four largest amounts, largest first (ties by name), and how many more.
    static func largest(_ amounts: [String: Double], name: (String) -> String, limit: Int = 4) -> String {
        let sorted = amounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let shown = sorted.prefix(limit).map { "\(name($0.key)) \(Format.grouped($0.value))" }.joined(separator: "; ")
        return shown + (sorted.count > limit ? "; … (\(sorted.count - limit) more)" : "")
    }

    /// The top-up layer: whether money alone fixes the scenario and how little, in all and per fund alone.
    /// Amounts are rounded up (to the unit, or to the fen below 100), so "at least N" is enough.
    static func topUpText(_ topUp: TopUpSummary, currency c: String) -> String {
        func up(_ v: Double) -> String {
            v >= 100 ? Format.grouped(v.rounded(.up)) : Format.grouped((v * 100).rounded(.up) / 100, decimals: 2)
        }
        var out = ""
        if let total = topUp.allFunds {
            let split = (topUp.split ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \(up($0.value))" }.joined(separator: ", ")
            out += "Money alone fixes it: add at least \(up(total)) \(c) in all (one smallest split: \(split)).\n"
        } else if !topUp.undetermined.contains("all") {
            out += "Money alone cannot fix it: no top-up of the funds meets every mandatory need and hard rule; the rules above must give.\n"
        }
        let alone = topUp.eachFundAlone.sorted { $0.key < $1.key }.map { fund, amount in
            amount.map { "add at least \(up($0)) \(c) to \(fund)" } ?? "\(fund) cannot"
        }
        if alone.count > 1 { out += "  one fund alone: \(alone.joined(separator: "; "))\n" }
        if !topUp.undetermined.isEmpty {
            out += "  not decided (the top-up model stopped at a limit): \(topUp.undetermined.joined(separator: ", "))\n"
        }
        return out
    }

    /// What the summary's relative MIP gap measures (docs/model.md, "The relative MIP gap").
    static let relativeGapNote = " The relative MIP gap is |objective − bound| / |objective − its constant|,\n"
        + " what GLPK measures and stops on; an upper bound of the true gap."

    /// A fund's share spent, to 0.1%, rounded down unless the fund is fully used (its claim says so):
    /// 51,841,462 of 51,847,745 reads 99.9%, not a 100.0% beside "not all of it".
    static func usedShare(_ spent: Double, of amount: Double, fullyUsed: Bool) -> String {
        guard amount > 0 else { return "—" }
        if fullyUsed { return "100.0%" }
        return String(format: "%.1f%%", (spent / amount * 1000 + 1e-9).rounded(.down) / 10)
    }

    /// A soft rule's violation with its unit ("199.00 CNY", "12.50 CNY per pupil", "3.00 teachers"),
    /// nil when the rule is met; `number` formats the amount.
    public static func violation(_ result: PlanResult, rule key: String, number: (Double) -> String) -> String? {
        guard let amount = result.softViolations[key] else { return nil }
        return "\(number(amount)) \(unitName(result.softViolationUnits[key] ?? .money, currency: result.currency))"
    }

    /// The words for a slack's unit: money in the scenario's currency, per pupil, or teachers.
    public static func unitName(_ unit: SlackUnit, currency: String) -> String {
        switch unit {
        case .money: return currency
        case .moneyPerPupil: return "\(currency) per pupil"
        case .teachers: return "teachers"
        }
    }

    static func table(_ rows: [(String, String)], headers: [String], markdown: Bool) -> String {
        Format.grid(rows.map { [$0.0, $0.1] }, headers: headers, markdown: markdown)
    }
}
