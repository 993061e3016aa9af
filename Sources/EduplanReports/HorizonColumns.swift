import EduplanIO
import EduplanPlanner
import EduplanScenario

/// A multi-year step's numbers in a sweep (docs/cli.md, "sweep", "A scenario with a horizon"): the
/// price of fairness over the horizon, then year by year the year's own (undiscounted) objective,
/// U and unmet money, and for every fund its budget B_{f,t}, what was spent, carried into the next
/// year and lapsed, and its shadow price (d discounted objective / d B_{f,t}).
public struct HorizonColumns: Sendable, Equatable {
    public var priceOfFairness: Double?
    /// One entry per horizon year, in order (values nil for a step without a plan).
    public var years: [Year]

    /// One year of a step.
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var objective: Double?
        public var benefit: Double?
        public var unmetMoney: Double?
        /// In scenario order.
        public var funds: [Fund]
    }

    /// One fund in one year of a step.
    public struct Fund: Sendable, Equatable {
        public var budget: Double
        public var spent: Double?
        public var carried: Double?
        public var lapsed: Double?
        public var shadowPrice: Double?
    }

    /// The columns of a solved horizon step; a year the solve did not plan (infeasible, failed)
    /// keeps only its budgets.
    public init(_ horizon: HorizonPlanResult, scenario: Scenario) {
        priceOfFairness = horizon.result.priceOfFairness
        let yearScenarios = scenario.yearScenarios()
        years = horizon.horizon.years.enumerated().map { t, year in
            let budgets = yearScenarios[min(t, yearScenarios.count - 1)].funds.map(\.amount)
            guard let solved = horizon.years.first(where: { $0.year == year }), solved.result.plan != nil else {
                return Year(year: year, funds: budgets.map { Fund(budget: $0) })
            }
            let figures = PlanFigures(result: solved.result, scenario: solved.scenario)
            let funds = solved.scenario.funds.enumerated().map { f, fund in
                let carry = solved.carryOver.first { $0.fund == fund.id }
                return Fund(budget: budgets[f], spent: carry?.spent, carried: carry?.amount, lapsed: carry?.lapsed,
                            shadowPrice: solved.result.fundPrice(fund.id)?.value)
            }
            return Year(year: year, objective: solved.result.objective, benefit: solved.result.benefit,
                        unmetMoney: figures.unmetMoney, funds: funds)
        }
    }

    /// The CSV columns after a sweep's own: `price_of_fairness`, then for each year Y
    /// `objective_Y, benefit_Y, unmet_money_Y` and for each fund ID
    /// `budget_ID_Y, spent_ID_Y, carried_ID_Y, lapsed_ID_Y, shadow_price_ID_Y`.
    public static func header(years: [Int], funds: [String]) -> [String] {
        ["price_of_fairness"] + years.flatMap { y in
            ["objective_\(y)", "benefit_\(y)", "unmet_money_\(y)"]
                + funds.flatMap { ["budget_\($0)_\(y)", "spent_\($0)_\(y)", "carried_\($0)_\(y)", "lapsed_\($0)_\(y)", "shadow_price_\($0)_\(y)"] }
        }
    }

    /// Raw numbers: money to the fen, points and prices in full (empty where undefined).
    public static func fields(_ c: HorizonColumns) -> [String] {
        func n(_ v: Double?) -> String { v.map(SweepTable.number) ?? "" }
        func fen(_ v: Double?) -> String { v.map(Format.fen) ?? "" }
        return [n(c.priceOfFairness)] + c.years.flatMap { year in
            [n(year.objective), n(year.benefit), fen(year.unmetMoney)]
                + year.funds.flatMap { [Format.fen($0.budget), fen($0.spent), fen($0.carried), fen($0.lapsed), n($0.shadowPrice)] }
        }
    }
}

extension SweepRow {
    /// The row of a multi-year step: `amount_ID` is the fund's money over every year (Σ_t B_{f,t}),
    /// `objective` and `benefit` the horizon's discounted ones, `unmet_money` summed over the years,
    /// `dispatched` the teachers newly dispatched over the years; the one-plan figures (coverage,
    /// Gini, Theil, shortage) and the horizon-wide shadow prices are empty: the per-year columns
    /// hold them (``HorizonColumns``).
    init(horizonStep step: SweepStep, _ horizon: HorizonPlanResult, json: Bool) throws {
        let scenario = step.scenario, result = step.result
        let figures = PlanFigures(horizon: horizon, scenario: scenario)
        let yearScenarios = scenario.yearScenarios()
        self.step = step.index
        multiplier = step.multiplier
        amounts = scenario.funds.indices.map { f in yearScenarios.reduce(0.0) { $0 + $1.funds[f].amount } }
        totalMoney = amounts.reduce(0, +)
        status = result.status
        objective = result.objective
        benefit = result.benefit
        unmetMoney = figures.unmetMoney
        (coverage, minCoverage, maxminCoverage, gini, theil, shortageLeft) = (nil, nil, nil, nil, nil, nil)
        dispatched = horizon.years.isEmpty ? nil : result.dispatched
        fundShadowPrices = scenario.funds.map { _ in nil }
        degenerate = result.degenerate
        diagnosisMoney = result.diagnosis.map { $0.reduce(0) { $0 + $1.money } }
        robust = nil
        self.horizon = HorizonColumns(horizon, scenario: scenario)
        self.json = json ? Self.withSweepKey(try HorizonReport(result: horizon, scenario: scenario).json(), step, amounts: amounts,
                                             total: totalMoney) : nil
    }
}

extension HorizonColumns {
    /// A multi-year frontier for people: per step the money over every year, status, discounted U,
    /// unmet money, price of fairness and, for the swept fund (every fund with `all`), what one more
    /// unit of each year's budget buys.
    static func frontierText(_ rows: [SweepRow], scenario: Scenario, parameters: SweepParameters, what: String, markdown: Bool,
                             wording w: Wording) -> String {
        let unit = w.moneyUnit(currency: scenario.currency), names = DisplayNames(scenario, language: w.language)
        let title = w.counted(scenario.variantName == nil ? "sweep.title" : "sweep.titleVariant", parameters.steps, [
            "scenario": scenario.name, "variant": scenario.variantName ?? "", "what": what,
            "from": SweepTable.number(parameters.from), "to": SweepTable.number(parameters.to), "steps": "\(parameters.steps)",
        ])
        let years = scenario.horizon?.years ?? []
        let priced: [Int]
        if case let .fund(id) = parameters.target { priced = scenario.funds.indices.filter { scenario.funds[$0].id == id } } else {
            priced = Array(scenario.funds.indices)
        }
        var headers = [w("sweep.step"), "×", w("sweep.horizon.allFunds", ["unit": unit]), w("compare.row.status"),
                       w("sweep.horizon.benefit"), w("sweep.unmet", ["unit": unit]), w("sweep.horizon.pof")]
        for f in priced {
            headers += years.map { w("sweep.horizon.buys", ["unit": unit, "year": "\($0)", "fund": names.fund(scenario.funds[f].id)]) }
        }
        let lines = rows.sorted { $0.step < $1.step }.map { row -> [String] in
            var line = ["\(row.step)", Format.significant(row.multiplier, digits: 4), w.amount(row.totalMoney),
                        w("common.status.\(row.status.rawValue)"), row.benefit.map { Format.grouped($0) } ?? "—",
                        row.unmetMoney.map { w.amount($0) } ?? "—", Format.percent(row.horizon?.priceOfFairness)]
            for f in priced {
                line += years.indices.map { t in
                    row.horizon.flatMap { t < $0.years.count ? $0.years[t].funds[f].shadowPrice : nil }
                        .map { Format.grouped(-$0 * w.perUnitFactor, decimals: 3) } ?? "—"
                }
            }
            return line
        }
        return Format.title(title, markdown: markdown) + Format.grid(lines, headers: headers, markdown: markdown)
            + w("sweep.horizon.note", ["unit": unit])
    }
}
