import EduplanIO
import EduplanPlanner
import Foundation

/// A robust plan's reserves, price of robustness and protection for people (text and markdown),
/// and as reserves.csv (docs/model.md, "Robust plans"). Every sentence comes from the catalogue.
public enum RobustReport {
    /// Reserve lines shown in the text; the rest are in reserves.csv and the JSON.
    static let linesShown = 15

    /// The section: heading, γ, total held back, POR, protection, the largest reserve lines, and
    /// the regions least protected.
    public static func text(_ summary: RobustSummary, currency c: String, names: DisplayNames, markdown: Bool,
                            wording w: Wording = .english) -> String {
        var out = PlanSummary.heading(w("robust.heading"), markdown: markdown)
        out += w("robust.gamma", ["gamma": Format.plain(summary.gamma), "gammaPercent": Format.percent(summary.gamma, decimals: 0)]) + "\n"
        out += w("robust.total", ["amount": w.amount(summary.reserveTotal), "currency": w.moneyUnit(currency: c)]) + "\n"
        out += porSentence(summary, wording: w) + "\n"
        if let protection = summary.protection { out += protectionSentence(protection, wording: w) + "\n" }
        let region = names.region, unit = w.moneyUnit(currency: c)
        let lines = summary.reserves.sorted { $0.amount != $1.amount ? $0.amount > $1.amount : ($0.fund, $0.category, $0.region) < ($1.fund, $1.category, $1.region) }
        if !lines.isEmpty {
            out += "\n" + Format.grid(lines.prefix(linesShown).map { [names.fund($0.fund), names.category($0.category), region($0.region), w.amount($0.amount)] },
                                      headers: [w("robust.column.fund"), w("robust.column.category"), w("robust.column.region"),
                                                w("robust.column.reserve", ["currency": unit])], markdown: markdown)
            if lines.count > linesShown { out += w("robust.more", ["count": "\(lines.count - linesShown)"]) + "\n" }
        }
        if let protection = summary.protection, !protection.byRegion.isEmpty {
            let required = Dictionary(summary.requirements.map { ($0.region, $0.required) }, uniquingKeysWith: +)
            let rows = protection.byRegion.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
                .prefix(linesShown).map { [region($0.key), w.amount(required[$0.key] ?? 0), Format.percent($0.value, decimals: 1)] }
            out += "\n" + Format.grid(Array(rows), headers: [w("robust.column.region"), w("robust.column.required", ["currency": unit]),
                                                             w("robust.column.protection")], markdown: markdown)
        }
        return out
    }

    /// "Price of robustness: 20.00% of the weighted benefit (…)", or why it is missing.
    static func porSentence(_ summary: RobustSummary, wording w: Wording) -> String {
        guard let por = summary.priceOfRobustness, let nominal = summary.benefitNominal else { return w("robust.por.none") }
        let robust = nominal * (1 - por)
        return w("robust.por", ["percent": Format.percent(por), "nominal": Format.grouped(nominal), "robust": Format.grouped(robust)])
    }

    /// The overall protection with q, M, seed and 3 standard errors of the share.
    static func protectionSentence(_ p: RobustSummary.Protection, wording w: Wording) -> String {
        let error = 3 * (p.overall * (1 - p.overall) / Double(max(p.samples, 1))).squareRoot()
        return w("robust.protection", ["overall": Format.percent(p.overall, decimals: 1), "samples": Format.grouped(Double(p.samples)),
                                       "probability": Format.plain(p.deviationProbability), "seed": "\(p.seed)",
                                       "error": Format.percent(error, decimals: 1)])
    }

    /// reserves.csv: one row per fund, category and region with a reserve, money to the fen.
    public static func csv(_ summary: RobustSummary) -> String {
        var rows: [[String]] = [["fund", "category", "region", "reserve"]]
        for r in summary.reserves { rows.append([r.fund, r.category, r.region, Format.fen(r.amount)]) }
        return PlanReport.csv(rows)
    }
}
