import EduplanScenario
import Foundation

/// Fills in what the LP's ranging cannot say by re-solving the whole pipeline with one fund's
/// amount moved by ± ``step(for:)``: a one-sided value at a degenerate vertex (an interval of
/// zero width on that side), and every fund's value when a preparation phase (F2's t*) depends
/// on the amounts — there the reported number is the derivative of the final objective with
/// t* re-optimised, as a finite difference of the two re-solves (MODEL.md's claims). Binding
/// hard rules are re-solved at their parameter ± a step the same way (``resolveRules(_:)``).
struct ClaimResolver {
    let pipeline: SolvePipeline
    /// The plan model's money scale: every re-solve uses it, so the numbers compare bit for bit.
    let moneyScale: Double

    /// The relative step of a re-solve: small enough to stay on one linear piece in practice,
    /// large enough that the solver's 1e-9 relative noise stays below 1e-5 of a value.
    static let relativeStep = 1e-4

    /// The step for an amount: 1e-4 of it, at least one unit of money.
    static func step(for amount: Double) -> Double { max(relativeStep * amount, 1) }

    /// Re-solves where needed and writes the one-sided values into `result`'s fund claims.
    func resolve(_ result: inout PlanResult) throws {
        guard let objective = result.objective else { return }
        let phases = FairnessRegistry.rules(for: pipeline.scenario.fairness, purpose: .plan)
            .contains { $0.preparationPhase != nil }
        for (fi, fund) in pipeline.scenario.funds.enumerated() {
            guard let p = result.fundPrices.firstIndex(where: { $0.fund == fund.id }),
                  let m = result.fundPrices[p].claims.firstIndex(where: { $0.kind == .fundMarginalValue }) else { continue }
            var claim = result.fundPrices[p].claims[m]
            guard phases || claim.left == nil || claim.right == nil else { continue }
            let step = Self.step(for: fund.amount)
            let below = fund.amount - step >= 0 ? try resolvedObjective(fund: fi, amount: fund.amount - step) : nil
            let above = try resolvedObjective(fund: fi, amount: fund.amount + step)
            // Benefit per unit: the objective falls as benefit rises.
            let left = below.map { ($0 - objective) / step }, right = above.map { (objective - $0) / step }
            if phases {
                claim = Claim(kind: .fundMarginalValue, subject: fund.id, value: right ?? left, unit: claim.unit,
                              validFrom: fund.amount - step, validTo: fund.amount + step, left: left, right: right,
                              resolveStep: step)
            } else {
                // A re-solve fills only the side the ranging could not see past, and that side's
                // end of the interval is the step re-solved.
                // (nil: that re-solve has no plan either.)
                if claim.left == nil { (claim.left, claim.validFrom) = (left, fund.amount - step) }
                if claim.right == nil { (claim.right, claim.validTo) = (right, fund.amount + step) }
                claim.value = claim.right ?? claim.left
                claim.resolveStep = step
            }
            result.fundPrices[p].claims[m] = claim
            result.fundPrices[p].value = (claim.right ?? claim.value).map { -$0 }
        }
    }

    /// Re-solves every binding hard rule whose parameter is a setting at the parameter ± its
    /// step, and writes the finite differences into the rule's marginal-cost claim beside the
    /// derivative from the duals (which holds only at this basis; its range is not computed).
    func resolveRules(_ result: inout PlanResult) throws {
        guard let objective = result.objective else { return }
        let settings = pipeline.scenario.fairness
        for p in result.rulePrices.indices where result.rulePrices[p].binding {
            guard let m = result.rulePrices[p].claims.firstIndex(where: { $0.kind == .ruleMarginalCost }),
                  let rule = FairnessRegistry.rule(result.rulePrices[p].rule, in: settings) else { continue }
            let step = rule.parameterStep
            guard let up = rule.parameterSetting(in: settings, movedBy: step),
                  let down = rule.parameterSetting(in: settings, movedBy: -step) else { continue }
            let above = try resolvedObjective { $0.fairness = up.moved }
            let below = try resolvedObjective { $0.fairness = down.moved }
            var claim = result.rulePrices[p].claims[m]
            // d(objective)/d(parameter): positive when raising the parameter costs benefit.
            claim.right = above.map { ($0 - objective) / step }
            claim.left = below.map { (objective - $0) / step }
            claim.validFrom = up.value.map { $0 - step }
            claim.validTo = up.value.map { $0 + step }
            claim.resolveStep = step
            // The marginal cost of tightening: raising α, share, γ; lowering a max.
            let tightening = rule.parameter == "max" ? claim.left : claim.right
            claim.value = tightening ?? claim.value
            result.rulePrices[p].claims[m] = claim
            result.rulePrices[p].value = claim.value
        }
    }

    /// The final objective with fund `fi` holding `amount` (every phase re-run); nil when that
    /// scenario has no plan.
    private func resolvedObjective(fund fi: Int, amount: Double) throws -> Double? {
        try resolvedObjective { $0.funds[fi].amount = amount }
    }

    /// The final objective of the scenario `change` makes (every phase re-run); nil when it has
    /// no plan.
    private func resolvedObjective(_ change: (inout Scenario) -> Void) throws -> Double? {
        var scenario = pipeline.scenario
        change(&scenario)
        var options = pipeline.options
        options.priceOfFairness = false
        options.concurrentPriceOfFairness = false
        options.diagnose = false
        options.resolveClaims = false
        options.phase = nil
        options.progress = nil
        let rerun = SolvePipeline(scenario: scenario, derived: pipeline.derived, options: options,
                                  moneyScale: moneyScale)
        let result = try rerun.run().result
        return result.plan == nil ? nil : result.objective
    }
}
