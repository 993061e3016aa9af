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
        result.statusDetail = certifiedDetail(certified: solution.relativeGap ?? 0, asked: gapAsked)
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
            result.statusDetail += " " + (price.range == nil ? noPriceOfFairnessDetail : priceOfFairnessRangeDetail)
        }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return HorizonPlanResult(result: result, years: years, horizon: horizon)
    }

    /// The status of a plan certified by its years (the catalogue's `plan.status.certifiedByYears`).
    static func certifiedDetail(certified: Double, asked: Double) -> String {
        "A plan certified by its years (gap \(certified) ≤ \(asked)): each year planned with the earlier years "
            + "fixed, and a Lagrangian bound over the rows that tie the years together shows the plan within that gap of the "
            + "optimum (docs/model.md §23). The horizon was not solved whole, so the claims over years (the marginal values of "
            + "funds and rules) are not given; ask a mip_gap below 0.0001 for them " + certifiedDetailEnd
    }

    /// The last words of ``certifiedDetail``: where the sentence the catalogue translates ends and
    /// the price-of-fairness sentence begins (PlanSummary reads it there in other languages).
    public static let certifiedDetailEnd = "(the horizon is then solved whole, which takes far longer)."

    /// The price of fairness of a plan certified by its years, given as a range
    /// (`plan.status.priceOfFairnessRange`; the range itself is in the summary and in plan.json).
    public static let priceOfFairnessRangeDetail = "The price of fairness is a range proved by the Lagrangian bounds with and "
        + "without fairness rules, for this plan against the best plan without them (docs/model.md §23)."

    /// Why a plan certified by its years has no price of fairness (`plan.status.noPriceOfFairness`).
    static let noPriceOfFairnessDetail = "The price of fairness is not given: the years without fairness rules do not bound "
        + "it (a travel penalty per km, or a year without an optimum), or only by 100%."
}
