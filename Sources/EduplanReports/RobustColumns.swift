import EduplanIO
import EduplanPlanner
import EduplanScenario

/// A robust step's numbers in a sweep or a comparison: γ, the reserve held back, the price of
/// robustness and the simulated protection (docs/model.md, "Robust plans").
public struct RobustColumns: Sendable, Equatable {
    public var gamma: Double
    public var reserveTotal: Double?
    public var priceOfRobustness: Double?
    public var protection: Double?

    /// The columns of a robust step (`summary` nil: no plan, so no reserve).
    public init(gamma: Double, _ summary: RobustSummary?) {
        self.gamma = gamma
        reserveTotal = summary?.reserveTotal
        priceOfRobustness = summary?.priceOfRobustness
        protection = summary?.protection?.overall
    }

    /// The CSV columns after a sweep's own.
    public static let header = ["gamma", "reserve_total", "price_of_robustness", "protection"]

    /// Raw numbers (empty where undefined).
    public static func fields(_ c: RobustColumns) -> [String] {
        [SweepTable.number(c.gamma), c.reserveTotal.map(Format.fen) ?? "", c.priceOfRobustness.map(SweepTable.number) ?? "",
         c.protection.map(SweepTable.number) ?? ""]
    }

    /// The robustness frontier for people: γ, status, U, reserve, POR and protection per step.
    static func frontierText(_ rows: [SweepRow], scenario: Scenario, parameters: SweepParameters, markdown: Bool,
                             wording w: Wording = .english) -> String {
        let c = scenario.currency
        let title = w("robust.sweep.title", ["scenario": scenario.name + (scenario.variantName.map { " — \($0)" } ?? ""),
                                             "from": SweepTable.number(parameters.from), "to": SweepTable.number(parameters.to),
                                             "steps": "\(parameters.steps)"])
        var out = Format.title(title, markdown: markdown)
        let lines = rows.sorted { $0.step < $1.step }.map { row -> [String] in
            let r = row.robust
            return ["\(row.step)", Format.significant(row.multiplier, digits: 4), row.status.rawValue,
                    row.benefit.map { Format.grouped($0) } ?? "—", r?.reserveTotal.map { Format.grouped($0) } ?? "—",
                    Format.percent(r?.priceOfRobustness), Format.percent(r?.protection, decimals: 1)]
        }
        out += Format.grid(lines, headers: ["step", "γ", w("robust.column.status"), w("robust.column.benefit"),
                                            w("robust.column.reserve", ["currency": c]), w("robust.column.por"),
                                            w("robust.column.protection")], markdown: markdown)
        return out
    }
}
