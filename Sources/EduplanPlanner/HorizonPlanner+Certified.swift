import EduplanScenario
import Foundation
import LinearProgramming

extension HorizonPlanner {
    /// The result of a plan certified by its years (``HorizonCertifiedPlan``): every year read from
    /// the joined plan, status `feasible` with the certified gap and the Lagrangian bound. The
    /// claims over years are not given (they are the whole horizon's duals, which were not
    /// computed); the price of fairness is given as a range proved by the bounds with and without
    /// rules (``HorizonPriceOfFairness``), or not at all. The status says which.
    static func certifiedResult(_ scenario: Scenario, _ formulation: HorizonFormulation, _ planned: HorizonCertifiedPlan,
                                _ solution: Solution, options: PlannerOptions, clock: PhaseTimings,
                                started: Date) throws -> HorizonPlanResult {
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
            var parameters = SolvePipeline.parameters(scenario, options)
            parameters.progress = nil
            let price = try HorizonPriceOfFairness(formulation, planned: planned, benefit: result.benefit ?? 0, solver: options.solver,
                                                   parameters: parameters, clock: &clock)
            parameters.log?(price.note)
            result.priceOfFairnessRange = price.range
            result.statusNotes.append(price.range == nil ? .priceOfFairnessNotGiven : .priceOfFairnessRange)
        }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return HorizonPlanResult(result: result, years: years, horizon: horizon)
    }
}
