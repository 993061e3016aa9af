import EduplanScenario
import Foundation
import LinearProgramming

extension HorizonPlanner {
    /// The result of a plan certified by its years (``HorizonCertifiedPlan``): every year read from
    /// the joined plan, status `feasible` with the certified gap and the Lagrangian bound. The
    /// claims over years are not given (they are the whole horizon's duals, which were not
    /// computed); the price of fairness is the no-rule horizon's plan by years when its own bound
    /// certifies it within the gap asked and its U is at least the plan's, and is otherwise not
    /// given. The status says which.
    static func certifiedResult(_ scenario: Scenario, _ formulation: HorizonFormulation, _ solution: Solution,
                                options: PlannerOptions, clock: PhaseTimings, started: Date) throws -> HorizonPlanResult {
        var clock = clock
        let horizon = scenario.horizon ?? Horizon(years: [scenario.year ?? 0])
        let years = clock.measure("read years") { formulation.years.indices.map { readYear($0, formulation, solution) } }
        var result = summary(scenario, formulation, solution, years: years, started: started)
        let gapAsked = scenario.solver.mipGap ?? 0
        result.statusNotes = [.certifiedByYears(gap: solution.relativeGap ?? 0, asked: gapAsked)]
        let hasRules = formulation.years.contains { !$0.scenario.fairness.isEmpty }
        if !hasRules || !options.priceOfFairness {
            (result.priceOfFairness, result.benefitWithoutFairness) = (0, result.benefit)
        } else {
            options.phase?("price of fairness (solve without fairness rules)")
            let noRules = HorizonFormulation(scenario: scenario, withoutRules: true, moneyScale: formulation.moneyScale)
            var parameters = SolvePipeline.parameters(scenario, options)
            parameters.progress = nil
            let byYears = try HorizonCertifiedPlan(noRules, solver: options.solver, parameters: parameters,
                                                   label: "price of fairness", clock: &clock)
            parameters.log?(byYears.note)
            // Two plans each within its gap: a U without rules below the plan's says nothing checked.
            if let certified = byYears.certified, benefit(noRules, certified) >= (result.benefit ?? .infinity) {
                SolvePipeline.setPriceOfFairness(benefit(noRules, certified), &result)
                result.statusNotes.append(.priceOfFairnessCertified(gap: certified.relativeGap ?? 0))
            } else {
                result.statusNotes.append(.priceOfFairnessNotGiven)
            }
        }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return HorizonPlanResult(result: result, years: years, horizon: horizon)
    }
}
