import EduplanScenario
import LinearProgramming

/// Each year's rule claims of a multi-year plan, where a rule reads the money a school receives
/// (F4, F5): over years that money is a project category's increment X_{s,k,t} − X_{s,k,t−1} (the
/// horizon writes it so into the rule's rows), while the year's own reading sees the cumulative
/// X_{s,k,t}. A marginal cost computed from the money (F4's d objective/d γ = y · (n_R/n_U) ·
/// Σ_urban X) is read again on a solution holding the increments, so that it is the derivative of
/// the row the horizon holds (docs/model.md §23, "Claims over years").
enum HorizonRuleClaims {
    /// Year t's part of the horizon's solution with every project category's money column at the
    /// year's increment (the first year: the year's part unchanged).
    static func incrementSolution(_ t: Int, _ formulation: HorizonFormulation, _ solution: Solution) -> Solution {
        var year = formulation.yearSolution(t, of: solution)
        guard t > 0 else { return year }
        let (now, earlier) = (formulation.years[t], formulation.years[t - 1])
        for (k, category) in formulation.scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for s in formulation.scenario.schools.indices {
                guard let column = now.x[k][s], let previous = earlier.x[k][s] else { continue }
                year.values[column.index] -= solution.values[previous.index + formulation.columnOffset[t - 1]]
            }
        }
        year.rowActivities = now.model.rowActivities(at: year.values)
        return year
    }

    /// Replaces the status and marginal cost of every hard rule that reads money received, in every
    /// year after the first, by their reading on the year's increments.
    static func correct(_ years: inout [YearPlanResult], _ formulation: HorizonFormulation, _ solution: Solution) {
        guard formulation.years.count > 1 else { return }
        for t in years.indices.dropFirst() where !years[t].actual {
            let f = formulation.years[t]
            let rules = f.rules.filter { $0.readsMoneyReceived && $0.mode.isHard }
            guard !rules.isEmpty else { continue }
            // Status and marginal cost both read again: the rows' activities are the increments'.
            let prices = ClaimReader(formulation: f, solution: incrementSolution(t, formulation, solution)).rulePrices()
            for rule in rules {
                guard let p = years[t].result.rulePrices.firstIndex(where: { $0.rule == rule.key }),
                      let price = prices.first(where: { $0.rule == rule.key }) else { continue }
                years[t].result.rulePrices[p] = price
            }
        }
    }
}

extension HorizonRuleClaims {
    /// Re-solves every binding hard rule of every year at its parameter ± its step in that year alone
    /// (the horizon's `fairness` entry of the year moved, the next year's entry restoring its own
    /// settings) and writes the finite differences into its marginal-cost claim, as a one-year plan's
    /// ``ClaimResolver/resolveRules(_:)`` does: the horizon's LP with the plan's integers held, the
    /// tightening side as the claim's value, the interval the parameter ± the step.
    static func resolve(_ years: inout [YearPlanResult], _ formulation: HorizonFormulation, _ solution: Solution,
                        solver: any LinearSolver, parameters: SolverParameters) throws {
        guard formulation.years.count > 1, let value = solution.objectiveValue else { return }
        let objective = value / formulation.moneyScale
        for t in years.indices {
            let settings = formulation.years[t].scenario.fairness
            for p in years[t].result.rulePrices.indices where years[t].result.rulePrices[p].binding {
                guard let m = years[t].result.rulePrices[p].claims.firstIndex(where: { $0.kind == .ruleMarginalCost }),
                      let rule = FairnessRegistry.rule(years[t].result.rulePrices[p].rule, in: settings) else { continue }
                let step = rule.parameterStep
                guard let up = rule.parameterSetting(in: settings, movedBy: step),
                      let down = rule.parameterSetting(in: settings, movedBy: -step) else { continue }
                let above = try objectiveWith(up.moved, year: t, formulation, solution, solver: solver, parameters: parameters)
                let below = try objectiveWith(down.moved, year: t, formulation, solution, solver: solver, parameters: parameters)
                var claim = years[t].result.rulePrices[p].claims[m]
                claim.right = above.map { ($0 - objective) / step }
                claim.left = below.map { (objective - $0) / step }
                (claim.validFrom, claim.validTo) = (up.value.map { $0 - step }, up.value.map { $0 + step })
                claim.resolveStep = step
                claim.value = FairnessRegistry.tightensByLowering(rule.parameter) ? claim.left : claim.right
                years[t].result.rulePrices[p].claims[m] = claim
                years[t].result.rulePrices[p].value = claim.value
                if claim.value == nil { years[t].result.rulePrices[p].reason = "tightening it leaves no plan (re-solved)" }
            }
        }
    }

    /// The horizon's objective (points) with year t's rules `settings`, as an LP with the plan's
    /// integers held; nil without an optimum or when the moved model has other columns.
    private static func objectiveWith(_ settings: FairnessSettings, year t: Int, _ formulation: HorizonFormulation,
                                      _ solution: Solution, solver: any LinearSolver, parameters: SolverParameters) throws -> Double? {
        var scenario = formulation.scenario
        guard var horizon = scenario.horizon else { return nil }
        horizon.fairness[formulation.yearNumbers[t]] = settings
        if t + 1 < formulation.years.count { horizon.fairness[formulation.yearNumbers[t + 1]] = formulation.years[t + 1].scenario.fairness }
        scenario.horizon = horizon
        let moved = HorizonFormulation(scenario: scenario, moneyScale: formulation.moneyScale).model
        guard moved.columnKind == formulation.model.columnKind else { return nil }
        let model = HorizonFundClaims.holdingIntegers(moved, at: solution.values)
        var quiet = HorizonFundClaims.quiet(parameters)
        // The same rows and columns, one bound moved: from the plan's basis.
        quiet.startingBasis = model.constraintCount == formulation.model.constraintCount ? solution.basis : nil
        let lp = try solver.solve(model, parameters: quiet)
        guard lp.status.isOptimal, let value = lp.objectiveValue else { return nil }
        return value / formulation.moneyScale
    }
}
