import EduplanScenario
import LinearProgramming

/// F2's fund claims from the two phases' final LPs instead of re-running both phases per fund and
/// side (docs/model.md §15, "F2's fund claims from one parametric LP").
///
/// Phase 1's budget-row ranging says how t* moves with B_f: t*(B_f + θ) = t* + s_f θ while θ stays
/// in that ranging (``MaxminCoverageRule/levelSlopes``). The plan's LP at B_f + θ with t* moved so
/// differs from the plan's LP only in right-hand sides: budget row f by θ and every coverage row
/// C_s ≥ (t − 10⁻⁷) N_s by s_f N_s θ. One free column w_f per fund carries that direction (−1, or
/// −m_f when the minimum is the active bound, in the budget row; −s_f N_s in each coverage row),
/// and a row w_f = 0 pins it: moving that row's bound by θ moves the LP exactly as moving B_f by θ
/// moves the plan. The row's dual is dz/dB_f with t* re-optimised, and its right-hand-side ranging
/// the amounts over which the plan's basis, and so that derivative, holds. The plan's basis with
/// each w_f basic and each new row at its bound is optimal for the augmented LP (the w_f are 0), so
/// the LP takes no pivot: the work is one factorisation and the ranging.
extension ClaimResolver {
    /// One fund's value per unit of money with t* re-optimised (benefit per unit, the sign of a
    /// fund claim's value), for every amount from ``from`` to ``to``.
    struct LevelFundValue: Equatable {
        var value: Double
        var from: Double
        var to: Double
    }

    /// Every fund's value with t* re-optimised, by fund index (nil where the LPs do not say: no
    /// slope from phase 1, a budget row with a minimum that binds neither side); empty when F2
    /// is not prepared with slopes or the plan has no basis to start from.
    func levelFundValues() throws -> [LevelFundValue?] {
        let f = formulation, funds = f.scenario.funds
        guard let rule = f.rules.lazy.compactMap({ $0 as? MaxminCoverageRule }).first, rule.level != nil,
              rule.levelSlopes.count == funds.count, f.topUpColumns.isEmpty, let basis = solution.basis,
              basis.rows.count == f.model.constraintCount, let rows = f.ruleRowRanges[MaxminCoverageRule.key] else { return [] }
        let schools = MaxminCoverageRule.coveredSchools(f)
        guard schools.count == rows.count else { return [] }
        var columns: [Model.NewColumn] = [], fundOfColumn: [Int] = [], factorOfColumn: [Double] = []
        for (fi, fund) in funds.enumerated() {
            guard let slope = rule.levelSlopes[fi], let factor = Self.budgetFactor(basis.rows[f.budgetRows[fi].index], fund)
            else { continue }
            let coverage = zip(rows, schools).map { (row: $0, coefficient: -slope.slope * $1.need) }
            columns.append(Model.NewColumn(lower: -.infinity, upper: .infinity, name: "amount_change[\(fund.id)]",
                                           entries: [(f.budgetRows[fi].index, -factor)] + coverage))
            fundOfColumn.append(fi)
            factorOfColumn.append(factor)
        }
        guard !columns.isEmpty else { return [] }
        var model = integersFixed(f.model).addingColumns(columns)
        var start = basis
        var pins: [Constraint] = []
        for k in columns.indices {
            pins.append(model.addRow(columns: [f.model.variableCount + k], coefficients: [1], lower: 0, upper: 0,
                                     name: "amount_change_pin[\(funds[fundOfColumn[k]].id)]"))
            start.columns.append(.basic)
            start.rows.append(.fixed)
        }
        var parameters = pipeline.parameters()
        parameters.startingBasis = start
        parameters.rangingRows = pins
        let (lp, _) = try sessions.solve(model, parameters: parameters, phase: "claims: t* re-optimised")
        solverSeconds.add(lp.solveSeconds)
        guard lp.status.isOptimal, let final = lp.basis else { return [] }
        var values = [LevelFundValue?](repeating: nil, count: funds.count)
        for (k, fi) in fundOfColumn.enumerated() {
            // The column moves the bound the start basis had active: is it still the active one at the end?
            guard let slope = rule.levelSlopes[fi], Self.budgetFactor(final.rows[f.budgetRows[fi].index], funds[fi]) == factorOfColumn[k],
                  let dual = lp.dual(pins[k]), let ranging = lp.ranging(pins[k]) else { continue }
            let amount = funds[fi].amount, S = moneyScale
            values[fi] = LevelFundValue(value: -dual, from: max(amount + ranging.activityLower / S, slope.from),
                                        to: min(amount + ranging.activityUpper / S, slope.to))
        }
        return values
    }

    /// How the budget row's active bound moves with the fund's amount, from the row's status in
    /// the plan's basis: 1 at its upper bound B_f (or fixed), m_f at its minimum m_f B_f; 1 when it
    /// is inactive without a minimum (its one finite bound, B_f, moves by 1); nil when it is
    /// inactive with a minimum (its two bounds move by different amounts: left to the re-solves).
    static func budgetFactor(_ status: Basis.Status, _ fund: FundSource) -> Double? {
        switch status {
        case .atUpper, .fixed: return 1
        case .atLower: return fund.minSpend > 0 ? fund.minSpend : nil
        case .basic, .free: return fund.minSpend > 0 ? nil : 1
        }
    }
}
