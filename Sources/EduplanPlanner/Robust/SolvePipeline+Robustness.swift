import EduplanScenario
import Foundation

extension SolvePipeline {
    /// U of the same scenario without `robust:` and the timings of its solve.
    typealias PriceOfRobustness = () throws -> (benefit: Double?, timings: PhaseTimings)

    /// The price of robustness (docs/model.md, "Robust plans") needs the same scenario without
    /// `robust:`: solved through this pipeline (the plan alone: no price of fairness, claims or
    /// diagnosis), started first on its own thread when the price of fairness is concurrent (so that
    /// it runs beside the plan), else run after the plan. Nil when the scenario is not robust or the
    /// options leave it out.
    func startPriceOfRobustness() -> PriceOfRobustness? {
        guard options.priceOfRobustness, scenario.robust != nil else { return nil }
        if let known = options.nominalBenefit { return { (known, PhaseTimings()) } }
        var nominal = scenario
        nominal.robust = nil
        var inner = options.forInnerSolve
        inner.diagnose = false
        inner.closestTo = nil
        let (derived, moneyScale) = (derived, moneyScale)
        let solveNominal: @Sendable () throws -> (benefit: Double?, timings: PhaseTimings) = { [nominal, inner] in
            let started = DispatchTime.now()
            let run = try SolvePipeline(scenario: nominal, derived: derived, options: inner, moneyScale: moneyScale).run()
            var clock = PhaseTimings()
            clock.record("price of robustness", seconds: PhaseTimings.seconds(since: started),
                         solverSeconds: run.result.timings.phases.reduce(0) { $0 + $1.solverSeconds })
            return (run.result.benefit, clock)
        }
        guard options.concurrentPriceOfFairness else { return solveNominal }
        return Workers.start(name: "eduplan-price-of-robustness", solveNominal).wait
    }

    /// Waits for (or runs) the nominal solve; records its phase and sets U_nominal and
    /// POR = (U_nominal − U_robust) / U_nominal (nil when U_nominal is 0 or either plan is missing).
    func joinPriceOfRobustness(_ priceOfRobustness: PriceOfRobustness, into result: inout PlanResult,
                               clock: inout PhaseTimings) throws {
        guard result.robust != nil else { return }
        options.phase?("price of robustness (solve without robust:)")
        let (nominal, timings) = try priceOfRobustness()
        for phase in timings.phases {
            clock.record(phase.name, seconds: phase.seconds, solverSeconds: phase.solverSeconds,
                         concurrent: options.concurrentPriceOfFairness)
        }
        guard let nominal, let robust = result.benefit else { return }
        result.robust?.benefitNominal = nominal
        result.robust?.priceOfRobustness = nominal > 0 ? (nominal - robust) / nominal : nil
    }
}
