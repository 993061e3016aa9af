import EduplanScenario
import Foundation

extension SolvePipeline {
    /// The price of robustness (docs/model.md, "Robust plans"): the same scenario without `robust:`
    /// through this pipeline (the plan alone: no price of fairness, claims or diagnosis), then
    /// POR = (U_nominal − U_robust) / U_nominal. Nothing when the plan is not robust, has no
    /// benefit, or the options leave it out.
    func addPriceOfRobustness(_ result: inout PlanResult, clock: inout PhaseTimings) throws {
        guard options.priceOfRobustness, result.robust != nil, let robustBenefit = result.benefit else { return }
        options.phase?("price of robustness (solve without robust:)")
        let started = DispatchTime.now()
        var nominal = scenario
        nominal.robust = nil
        var inner = options.forInnerSolve
        inner.diagnose = false
        inner.closestTo = nil
        let pipeline = SolvePipeline(scenario: nominal, derived: derived, options: inner, moneyScale: moneyScale)
        let run = try pipeline.run()
        clock.record("price of robustness", seconds: PhaseTimings.seconds(since: started),
                     solverSeconds: run.result.timings.phases.reduce(0) { $0 + $1.solverSeconds })
        guard let nominalBenefit = run.result.benefit else { return }
        result.robust?.benefitNominal = nominalBenefit
        result.robust?.priceOfRobustness = nominalBenefit > 0 ? (nominalBenefit - robustBenefit) / nominalBenefit : nil
    }
}
