import EduplanScenario
import Foundation
import LinearProgramming

/// Fills in what the LP's ranging cannot say by re-solving with one fund's amount moved by
/// ± ``step(for:)``: a one-sided value at a degenerate vertex (an interval of zero width on that
/// side) is a re-solve of the plan's LP with its integers fixed (what the ranging describes);
/// when a preparation phase (F2's t*) depends on the amounts, a fund's value is the derivative of
/// the final objective with t* re-optimised: from one parametric LP (Claim+Level.swift) where the
/// two phases' ranging states it, and elsewhere a re-run of the whole pipeline at ± the step, as
/// a finite difference (docs/model.md §15). Binding hard rules are re-solved at
/// their parameter ± a step the same way (``resolveRules(_:)``).
struct ClaimResolver {
    let pipeline: SolvePipeline
    /// The plan model and its solution (the integers to hold, the money scale of every re-solve).
    let formulation: Formulation
    let solution: Solution
    /// The solver sessions every re-run shares: the re-solves differ from each other only in one
    /// fund's amount or one rule's parameter, so each starts from the last one's basis.
    let sessions: WarmStarts
    /// The time the re-solves spent in the solver (for the phase's timing).
    let solverSeconds = SecondsTally()
    var moneyScale: Double { formulation.moneyScale }
    /// Whether a rule has a preparation phase (F2): then every re-solve re-runs the pipeline.
    var phases: Bool {
        FairnessRegistry.rules(for: pipeline.scenario.fairness, purpose: .plan).contains { $0.preparationPhase != nil }
    }

    /// The relative step of a re-solve: small enough to stay on one linear piece in practice,
    /// large enough that the solver's 1e-9 relative noise stays below 1e-5 of a value.
    static let relativeStep = 1e-4

    /// The step for an amount: 1e-4 of it, at least one unit of money.
    static func step(for amount: Double) -> Double { max(relativeStep * amount, 1) }

    /// Re-solves where needed and writes the one-sided values into `result`'s fund claims. With
    /// F2, a fund's sides come from ``levelFundValues()`` where its interval has width there, and
    /// only the other sides re-run both phases.
    func resolve(_ result: inout PlanResult) throws {
        guard let objective = result.objective else { return }
        let phases = self.phases
        let levels = phases ? try levelFundValues() : []
        for (fi, fund) in pipeline.scenario.funds.enumerated() {
            guard let p = result.fundPrices.firstIndex(where: { $0.fund == fund.id }),
                  let m = result.fundPrices[p].claims.firstIndex(where: { $0.kind == .fundMarginalValue }) else { continue }
            var claim = result.fundPrices[p].claims[m]
            if phases { claim = Self.levelClaim(claim, fund, fi < levels.count ? levels[fi] : nil) }
            guard claim.left == nil || claim.right == nil else {
                if phases { store(claim, at: (p, m), in: &result) }
                continue
            }
            let step = Self.step(for: fund.amount)
            // A re-solve fills only the side the ranging could not see past (nil when that
            // re-solve has no plan), and that side's end of the interval is the step re-solved.
            if claim.left == nil {
                let below = fund.amount - step >= 0 ? try resolvedObjective(fund: fi, amount: fund.amount - step) : nil
                (claim.left, claim.validFrom) = (below.map { ($0 - objective) / step }, fund.amount - step)
            }
            if claim.right == nil {
                // Benefit per unit: the objective falls as benefit rises.
                let above = try resolvedObjective(fund: fi, amount: fund.amount + step)
                (claim.right, claim.validTo) = (above.map { (objective - $0) / step }, fund.amount + step)
            }
            claim.value = claim.right ?? claim.left
            claim.resolveStep = step
            store(claim, at: (p, m), in: &result)
        }
    }

    /// With F2, a fund's claim before any re-solve: the sides ``levelFundValues()`` gives over an
    /// interval of width on that side, none otherwise (both phases are then re-run there).
    static func levelClaim(_ claim: Claim, _ fund: FundSource, _ level: LevelFundValue?) -> Claim {
        var claim = Claim(kind: .fundMarginalValue, subject: fund.id, value: nil, unit: claim.unit)
        guard let level else { return claim }
        let tolerance = ClaimReader.fundTolerance * max(1, fund.amount)
        claim.validFrom = level.from.isFinite ? min(level.from, fund.amount) : nil
        claim.validTo = level.to.isFinite ? max(level.to, fund.amount) : nil
        if level.from < fund.amount - tolerance { claim.left = level.value }
        if level.to > fund.amount + tolerance { claim.right = level.value }
        claim.value = claim.right ?? claim.left
        return claim
    }

    /// Writes a fund's marginal-value claim and the fund's shadow price (its right side).
    private func store(_ claim: Claim, at index: (price: Int, claim: Int), in result: inout PlanResult) {
        result.fundPrices[index.price].claims[index.claim] = claim
        result.fundPrices[index.price].value = (claim.right ?? claim.value).map { -$0 }
    }

    /// Re-solves every binding hard rule whose parameter is a setting at the parameter ± its
    /// step and writes the finite differences into the rule's marginal-cost claim; the
    /// tightening side replaces the derivative from the duals (which holds only at this basis)
    /// as the claim's and the price's value.
    func resolveRules(_ result: inout PlanResult) throws {
        guard let objective = result.objective else { return }
        let settings = pipeline.scenario.fairness
        for p in result.rulePrices.indices where result.rulePrices[p].binding {
            guard let m = result.rulePrices[p].claims.firstIndex(where: { $0.kind == .ruleMarginalCost }),
                  let rule = FairnessRegistry.rule(result.rulePrices[p].rule, in: settings) else { continue }
            let step = rule.parameterStep
            guard let up = rule.parameterSetting(in: settings, movedBy: step),
                  let down = rule.parameterSetting(in: settings, movedBy: -step) else { continue }
            let above = try resolvedObjective(settings: up.moved)
            let below = try resolvedObjective(settings: down.moved)
            var claim = result.rulePrices[p].claims[m]
            // d(objective)/d(parameter): positive when raising the parameter costs benefit.
            claim.right = above.map { ($0 - objective) / step }
            claim.left = below.map { (objective - $0) / step }
            claim.validFrom = up.value.map { $0 - step }
            claim.validTo = up.value.map { $0 + step }
            claim.resolveStep = step
            // The marginal cost of tightening: raising α, share, γ; lowering a max or F8's max_loss.
            // Nil when that re-solve has no plan: no number is stated that a re-solve cannot give.
            claim.value = FairnessRegistry.tightensByLowering(rule.parameter) ? claim.left : claim.right
            result.rulePrices[p].claims[m] = claim
            result.rulePrices[p].value = claim.value
            if claim.value == nil { result.rulePrices[p].reason = "tightening it leaves no plan (re-solved)" }
        }
    }

    /// The final objective with fund `fi` holding `amount`: the plan's LP with its integers fixed
    /// and the fund's budget row moved, or every phase re-run when a phase depends on it; nil
    /// when there is no plan then.
    private func resolvedObjective(fund fi: Int, amount: Double) throws -> Double? {
        guard !phases else { return try resolvedObjective { $0.funds[fi].amount = amount } }
        var model = formulation.model
        let minimum = pipeline.scenario.funds[fi].minSpend * amount * moneyScale
        model.setBounds(formulation.budgetRows[fi], lower: minimum > 0 ? minimum : -.infinity, upper: amount * moneyScale)
        return try fixedIntegerObjective(model)
    }

    /// The final objective with the rules `settings` turn on: the plan model rebuilt with them and
    /// solved with this plan's integers fixed, or every phase re-run when a phase depends on them
    /// (or the rebuilt model's columns differ).
    private func resolvedObjective(settings: FairnessSettings) throws -> Double? {
        var scenario = pipeline.scenario
        scenario.fairness = settings
        let moved = SolvePipeline(scenario: scenario, derived: pipeline.derived, options: pipeline.options, moneyScale: moneyScale)
            .planFormulation(FairnessRegistry.rules(for: settings, purpose: .plan))
        guard !phases, moved.model.columnKind == formulation.model.columnKind else {
            return try resolvedObjective { $0.fairness = settings }
        }
        return try fixedIntegerObjective(moved.model)
    }

    /// `model` (a plan model with this plan's columns) solved as an LP with every integer column
    /// fixed at this plan's value, its objective in scenario money; nil without an optimum.
    private func fixedIntegerObjective(_ model: Model) throws -> Double? {
        let model = integersFixed(model)
        // On the shared session, each from the plan's own basis (a model of the plan's size): a
        // re-solve differs from the plan in one bound or row. The first one too, which would
        // otherwise start cold (on a 5,000-school province: 3,400 iterations against a few).
        var parameters = pipeline.parameters()
        parameters.startingBasis = solution.basis
        let (lp, _) = try sessions.solve(model, parameters: parameters, phase: "claims: plan LP, integers fixed")
        solverSeconds.add(lp.solveSeconds)
        guard lp.status.isOptimal, let value = lp.objectiveValue else { return nil }
        return value / moneyScale
    }

    /// `model` (with this plan's columns) as an LP with every integer column fixed at this plan's value.
    func integersFixed(_ model: Model) -> Model {
        var model = model
        for j in model.columnKind.indices where model.columnKind[j] != .continuous {
            let column = Variable(index: j)
            model.setKind(column, .continuous)
            model.setBounds(column, lower: solution.values[j], upper: solution.values[j])
        }
        return model
    }

    /// The final objective of the scenario `change` makes (every phase re-run); nil when it has
    /// no plan.
    private func resolvedObjective(_ change: (inout Scenario) -> Void) throws -> Double? {
        var scenario = pipeline.scenario
        change(&scenario)
        var options = pipeline.options.forInnerSolve
        options.diagnose = false
        let rerun = SolvePipeline(scenario: scenario, derived: pipeline.derived, options: options,
                                  moneyScale: moneyScale, warmStarts: sessions)
        let result = try rerun.run().result
        solverSeconds.add(result.timings.solverSeconds)
        return result.plan == nil ? nil : result.objective
    }
}
