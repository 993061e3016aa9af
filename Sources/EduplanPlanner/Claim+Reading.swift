import EduplanScenario
import LinearProgramming

/// The claims of a plan model's solution: each fund's and each built rule's status decided from
/// primal activity, and marginal values with the interval the LP's right-hand-side ranging gives
/// (MODEL.md's claims; docs/model.md "What each reported number means").
///
/// A side of an interval of zero width (a degenerate vertex) leaves that one-sided value unknown
/// (nil): ``ClaimResolver`` re-solves it.
struct ClaimReader {
    let formulation: Formulation
    let solution: Solution

    /// A fund is fully used (or at its minimum) when its spending is within this much of the
    /// bound, relative to max(1, B_f).
    static let fundTolerance = 1e-9

    /// Every fund's price and claims, in scenario order; `spent` is each fund's money spent.
    func fundPrices(spent: [Double]) -> [FundPrice] {
        formulation.scenario.funds.indices.map { fundPrice($0, spent: spent[$0]) }
    }

    private func fundPrice(_ fi: Int, spent: Double) -> FundPrice {
        let f = formulation, fund = f.scenario.funds[fi], currency = f.scenario.currency
        let amount = fund.amount, tolerance = Self.fundTolerance * max(1, amount)
        let fullyUsed = amount - spent <= tolerance
        let atMinimum = !fullyUsed && fund.minSpend > 0 && spent - fund.minSpend * amount <= tolerance
        let status = Claim(kind: fullyUsed ? .fundFullyUsed : atMinimum ? .fundMinimumBinds : .fundPartlyUsed,
                           subject: fund.id, value: spent, unit: currency)
        guard let duals = solution.rowDuals else {
            return FundPrice(fund: fund.id, value: nil, reason: "the solver gave no duals", claims: [status])
        }
        let unit = "points per \(currency)"
        guard fullyUsed || atMinimum else {
            // An inactive row: the plan stays optimal for every amount that still holds its spending.
            let upTo = fund.minSpend > 0 ? spent / fund.minSpend : nil
            let marginal = Claim(kind: .fundMarginalValue, subject: fund.id, value: 0, unit: unit, validFrom: spent,
                                 validTo: upTo, left: 0, right: 0)
            return FundPrice(fund: fund.id, value: 0, reason: nil, claims: [status, marginal])
        }
        // d(objective)/d(B_f): the active side's dual, × m_f on the minimum side (m_f B_f moves).
        let row = f.budgetRows[fi], factor = fullyUsed ? 1 : fund.minSpend
        let value = -duals[row.index] * factor
        var marginal = Claim(kind: .fundMarginalValue, subject: fund.id, value: value, unit: unit,
                             validFrom: amount, validTo: amount)
        if let ranging = solution.ranging(row) {
            let scale = f.moneyScale * factor
            let from = ranging.activityLower / scale, to = ranging.activityUpper / scale
            marginal.validFrom = from.isFinite ? min(from, amount) : nil
            marginal.validTo = to.isFinite ? max(to, amount) : nil
            if from < amount - tolerance { marginal.left = value }
            if to > amount + tolerance { marginal.right = value }
        }
        return FundPrice(fund: fund.id, value: -(marginal.right ?? value), reason: nil, claims: [status, marginal])
    }

    /// Every built rule's price and claims, in the order the rules are built.
    func rulePrices() -> [RulePrice] {
        let f = formulation
        return f.rules.map { rule in
            guard rule.mode.isHard else {
                return RulePrice(rule: rule.key, value: nil, reason: "soft: priced by its penalty", binding: false, claims: [])
            }
            let binding = rule.binds(f, solution)
            let status = Claim(kind: binding ? .ruleBinding : .ruleNotBinding, subject: rule.key, value: nil, unit: "")
            guard solution.rowDuals != nil || solution.reducedCosts != nil, let cost = rule.marginalCost(f, solution) else {
                return RulePrice(rule: rule.key, value: nil, reason: "the solver gave no duals", binding: binding,
                                 claims: [status])
            }
            // Not binding by activity: the rule has slack, so a small change costs nothing.
            let value = binding ? cost : 0
            let marginal = Claim(kind: .ruleMarginalCost, subject: rule.key, value: value,
                                 unit: "points per unit of \(rule.parameter)")
            return RulePrice(rule: rule.key, value: value, reason: nil, binding: binding,
                             claims: binding ? [status, marginal] : [status],
                             regionFloors: (rule as? any RegionFloorRule)?.regionFloorClaims(f, solution) ?? [])
        }
    }
}
