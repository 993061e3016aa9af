import EduplanScenario
import Foundation
import LinearProgramming

/// A rule whose own rows and columns have a better place in the plan's starting basis than the
/// default (its rows basic, its columns at a bound): F5, whose per-school rows are most of the
/// simplex's work when they start basic (docs/scaling.md, "A plan started from the optimum
/// without rules").
protocol WarmStartedRule: FairnessRule {
    /// Sets the statuses of the rule's own rows and columns in `basis`, a basis of `plan` whose
    /// core is the optimal basis of `noRules` (the same scenario without rules) at `solution`.
    /// Each change must swap a row of the rule out of the basis for a column of the rule, so
    /// that the basis stays valid (as many basic entries as rows, non-singular).
    func warmStart(_ plan: Formulation, from noRules: Formulation, _ solution: Solution, basis: inout Basis)
}

extension Formulation {
    /// A starting basis for this plan from the optimal basis of the same scenario without rules:
    /// the core (x, y, z and their rows, built first in both) as it ended there, every rule row
    /// basic and every rule column at a bound, then each ``WarmStartedRule``'s own choice.
    ///
    /// The rules' rows then have dual 0, so every column keeps the reduced cost it had at that
    /// optimum: the basis is dual feasible (a new slack costs ≥ 0 at 0; a floor F1 moves a column
    /// at its lower bound with the bound), and the dual simplex goes straight to the rows the
    /// rules break. Nil when `noRules` has more than its core (re-planning terms) or `solution`
    /// no basis.
    /// - Complexity: O(rows + columns) and what the rules' choices cost (F5: O(money columns)).
    func startingBasis(from noRules: Formulation, _ solution: Solution) -> Basis? {
        guard let optimum = solution.basis, coreSize == noRules.coreSize,
              noRules.model.constraintCount == coreSize.rows, noRules.model.variableCount == coreSize.columns,
              optimum.rows.count == coreSize.rows, optimum.columns.count == coreSize.columns else { return nil }
        var basis = Basis(rows: optimum.rows + Array(repeating: .basic, count: model.constraintCount - coreSize.rows),
                          columns: optimum.columns + Array(repeating: .atLower, count: model.variableCount - coreSize.columns))
        for rule in rules { (rule as? any WarmStartedRule)?.warmStart(self, from: noRules, solution, basis: &basis) }
        return basis.basicCount == model.constraintCount ? basis : nil
    }
}

extension SolvePipeline {
    /// Whether the plan starts from the optimum of the same scenario without rules: when it has
    /// rules, none with a preparation phase (F2's plan is settled otherwise), no re-planning terms
    /// and no sweep's sessions (a block's steps start from the previous step).
    var startsFromOptimumWithoutRules: Bool {
        options.startPlanFromOptimumWithoutRules && !scenario.fairness.isEmpty && options.stability == nil
            && warmStarts == nil
            && FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).allSatisfy { $0.preparationPhase == nil }
    }

    /// Solves the LP relaxation of the scenario without rules and sets the plan's starting basis
    /// from it (``Formulation/startingBasis(from:_:)``).
    ///
    /// That model is the price of fairness's: when its relaxation is integral it is its integer
    /// optimum, and U without rules is set on `benefitWithoutRules`; otherwise the returned solve
    /// (on the second thread when concurrent, from this relaxation's basis) finds it. Nil when
    /// the price of fairness is not asked for or already known.
    func startFromOptimumWithoutRules(_ plan: Formulation, _ parameters: inout SolverParameters,
                                      benefitWithoutRules: inout Double?, clock: inout PhaseTimings) throws -> PriceOfFairness? {
        options.phase?("plan without fairness rules (start of the plan, price of fairness)")
        let noRules = clock.measure("plan without rules: build") {
            Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: [], moneyScale: plan.moneyScale)
        }
        var quiet = self.parameters()
        quiet.progress = nil
        let solveStarted = DispatchTime.now()
        var relaxation = try options.solver.solve(noRules.model.relaxingIntegers(), parameters: quiet)
        clock.record("plan without rules: load + solve", seconds: PhaseTimings.seconds(since: solveStarted),
                     solverSeconds: relaxation.solveSeconds)
        guard relaxation.status.isOptimal else {
            return options.priceOfFairness ? startPriceOfFairness() : nil
        }
        parameters.startingBasis = plan.startingBasis(from: noRules, relaxation)
        let integers = noRules.model.columnKind.indices.filter { noRules.model.columnKind[$0] != .continuous }
        guard integers.allSatisfy({ abs(relaxation.values[$0] - relaxation.values[$0].rounded()) <= 1e-9 }) else {
            return options.priceOfFairness ? startPriceOfFairness(startingBasis: relaxation.basis) : nil
        }
        for j in integers { relaxation.values[j].round() }
        if options.priceOfFairness { benefitWithoutRules = PlanReader(formulation: noRules, solution: relaxation).benefit() }
        return nil
    }
}
