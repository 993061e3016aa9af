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
        result.statusDetail = certifiedDetail(certified: solution.relativeGap ?? 0, asked: gapAsked)
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
                result.statusDetail += " " + priceOfFairnessDetail(certified: certified.relativeGap ?? 0)
            } else {
                result.statusDetail += " " + noPriceOfFairnessDetail
            }
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

    /// The price of fairness of a plan certified by its years (`plan.status.certifiedPriceOfFairness`).
    static func priceOfFairnessDetail(certified: Double) -> String {
        "The price of fairness compares with the plan without fairness rules made the same way (gap \(certified))."
    }

    /// Why a plan certified by its years has no price of fairness (`plan.status.noPriceOfFairness`).
    static let noPriceOfFairnessDetail = "The price of fairness is not given: the plan without fairness rules made the same "
        + "way was not certified within the gap asked, or its U is below the plan's (the two gaps cannot tell them apart)."
}
