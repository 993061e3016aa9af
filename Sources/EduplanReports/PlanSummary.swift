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
        rows.append(("weighted benefit U", money(result.benefit)))
        rows.append(("objective (weighted unmet need)", money(result.objective)))
        if let pof = result.priceOfFairness { rows.append(("price of fairness", percent(pof))) }
        if let t = result.maxminCoverage { rows.append(("max–min coverage t*", percent(t))) }
        if let gap = result.relativeGap {
            // A gap-limited plan usually stops far below 0.01%: show the digits, not "0.00%".
            rows.append((result.parts == nil ? "MIP gap on U" : "certified gap on U (in parts)",
                         gap > 0 && gap < 1e-4 ? String(format: "%.2g (relative)", gap) : percent(gap)))
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
                + " in docs/metrics.md. U and the objective weigh money by priority π and category weight ω.)\n"
        }
        if let plan = result.plan {
            let c = result.currency
            out += markdown ? "\n## Funds\n\n" : "\nFunds\n-----\n"
            let fundRows = plan.funds.map { f -> [String] in
                let used = f.amount > 0 ? String(format: "%.1f%%", f.spent / f.amount * 100) : "—"
                let price = result.fundPrice(f.id)?.value
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
                        let state = result.softViolations[key].map { "violated by \(Format.grouped($0, decimals: 2)), at its penalty" } ?? "met"
                        out += "  • \(key): \(state) (planned in \(parts) parts: no shadow price; country-wide values below)\n"
                    } else {
                        let violated = result.softViolations[key].map { "violated by \(Format.grouped($0, decimals: 2)), at its penalty" } ?? "met"
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
        }
        if let moves = result.moves {
            out += markdown ? "\n## What moved against the previous plan\n\n" : "\nWhat moved against the previous plan\n------------------------------------\n"
            let money = moves.filter { $0.kind == "money" }, teachers = moves.filter { $0.kind == "teachers" }
            let moved = money.reduce(0.0) { $0 + abs($1.after - $1.before) }
            out += "\(money.count) money line(s) changed (\(Format.grouped(moved)) \(result.currency) moved in all); "
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
            let total = diagnosis.reduce(0) { $0 + $1.money }
            out += "The smallest relaxation that makes the scenario feasible is worth \(Format.grouped(total)) \(result.currency):\n"
            for item in diagnosis { out += "  • \(item.explanation)\n" }
        }
        return out
    }

    static func table(_ rows: [(String, String)], headers: [String], markdown: Bool) -> String {
        Format.grid(rows.map { [$0.0, $0.1] }, headers: headers, markdown: markdown)
    }
}
