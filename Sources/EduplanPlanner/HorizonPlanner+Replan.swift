import EduplanScenario
import Foundation
import LinearProgramming

extension HorizonPlanner {
    /// Re-plans a multi-year plan (docs/model.md, "Rolling re-plan"): the years that are over fixed
    /// at what was done, the years to come planned again near the previous plan. The horizon needs
    /// at least two years (one is over, or none with only the previous plan given).
    ///
    /// The result is the horizon's (status, objective and U of the years to come weighted from the
    /// horizon's first year, stability terms included in the objective; price of fairness; the
    /// elastic diagnosis when infeasible), every year read from the solution, the years that are
    /// over marked `actual`, and `moves` (each with its year) on the horizon and on each year to come.
    /// - Throws: what the solver throws; outcomes are statuses of the result.
    public static func replan(_ scenario: Scenario, _ replan: HorizonReplan,
                              options: PlannerOptions = PlannerOptions()) throws -> HorizonPlanResult {
        var options = options
        options.replan = replan
        var planned = try solve(scenario, options: options)
        planned.replan = ReplanSummary(previousFingerprint: replan.previousFingerprint,
                                       yearsOver: Array(planned.horizon.years.prefix(replan.yearsOver)),
                                       actualsFiles: replan.actualsFiles)
        if !planned.years.isEmpty { planned.result.moves = planned.years.flatMap { $0.result.moves ?? [] } }
        return planned
    }

    /// A year of a re-plan read: a year to come gets its moves; a year that is over is marked
    /// actual, carries no shadow prices (its rows are not the plan's) and reports its true needs
    /// (the model raised a need to the money paid above it) and the coverage against them.
    static func readReplanYear(_ read: inout YearPlanResult, _ t: Int, _ formulation: HorizonFormulation, _ solution: Solution) {
        guard t < formulation.yearsOver else {
            read.result.moves = formulation.replanMoves(ofYear: t, solution)
            return
        }
        read.actual = true
        read.result.fundPrices = []
        read.result.rulePrices = []
        guard var plan = read.result.plan else { return }
        let scenario = read.scenario, need = DerivedQuantities(scenario).need
        for (s, school) in scenario.schools.enumerated() where !plan.schools[s].allocated.isEmpty {
            var covered = 0.0, coverable = 0.0
            for (k, category) in scenario.categories.enumerated() {
                guard let amount = plan.schools[s].allocated[category.id], !category.isDispatch else { continue }
                plan.schools[s].need[category.id] = need[k][s]
                if !category.mandatory { (covered, coverable) = (covered + amount, coverable + need[k][s]) }
            }
            plan.schools[s].coverage = coverable > 0 ? covered / coverable : nil
            assert(plan.schools[s].id == school.id)
        }
        read.result.plan = plan
    }
}
