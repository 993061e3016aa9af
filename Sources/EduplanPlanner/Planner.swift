import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Logging

/// How the planner runs a solve.
public struct PlannerOptions: Sendable {
    /// Solve again without fairness rules to report the price of fairness.
    public var priceOfFairness = true
    /// Solve the price-of-fairness model on a second thread while the plan solves (the solver is
    /// single-threaded; this uses the second core). Off: after the plan, on the calling thread.
    public var concurrentPriceOfFairness = true
    /// Solve a robust scenario again without `robust:` to report the price of robustness.
    public var priceOfRobustness = true
    /// U of the scenario without `robust:` when already known (a γ sweep solves it once for every
    /// step): the price of robustness then uses it instead of solving again.
    public var nominalBenefit: Double?
    /// Run the elastic diagnosis when hard rules make the scenario infeasible.
    public var diagnose = true
    /// With the diagnosis, solve the smallest top-ups (one model per fund and one for all funds).
    public var topUpInDiagnosis = true
    /// Send the solver's own output to ``logger`` at debug level.
    public var verbose = false
    /// Where the solver's output goes when ``verbose`` (nil: the backend's default logger).
    public var logger: Logger?
    /// Called with the phase name ("max–min coverage, phase 1", "plan", …) as each starts.
    public var phase: (@Sendable (String) -> Void)?
    /// Branch-and-bound progress (incumbent, bound, gap).
    public var progress: (@Sendable (MIPProgress) -> MIPDecision)?
    /// Re-plan against a previous plan (MODEL.md §10).
    public var stability: StabilitySettings?
    /// A rolling re-plan of a multi-year plan (``HorizonPlanner/replan(_:_:options:)``).
    public var replan: HorizonReplan?
    /// Re-solve at ± a small step where a claim's one-sided value needs it (a degenerate vertex,
    /// F2's t*): ``ClaimResolver``. Off for the parts of a decomposition (they report no prices).
    public var resolveClaims = true
    /// Compare's anchor: among the optimal plans, return the one closest to this plan (a second
    /// phase, ``ClosestPlan``); nil: the solver's optimum as found.
    public var closestTo: PreviousPlan?
    /// The backend every model of a solve goes to.
    public var solver: any LinearSolver = GLPKSolver()
    /// The top-up's plan (``TopUpPlanner``): a dispatch known to be feasible (the top-up model's
    /// y, parallel to the candidate pairs). Branch and bound starts from the better of the plan LP
    /// with the integers rounded down from its relaxation and the plan LP with this dispatch, and
    /// that plan is kept if the search returns none (its gap stated). Nil: a plain solve.
    var topUpDispatch: [Double]?
    /// Start the plan's simplex from the optimum without rules (``SolvePipeline/startsFromOptimumWithoutRules``);
    /// off only to compare with a cold start.
    var startPlanFromOptimumWithoutRules = true
    public init() {}

    /// The options of a solve inside another (a decomposition's part, a claim's re-solve): the plan
    /// alone, without the price of fairness, claim re-solves, phase announcements or progress.
    var forInnerSolve: PlannerOptions {
        var inner = self
        inner.priceOfFairness = false
        inner.concurrentPriceOfFairness = false
        inner.priceOfRobustness = false
        inner.resolveClaims = false
        inner.phase = nil
        inner.progress = nil
        return inner
    }
}

/// Turns a scenario into a plan: the rules' preparation phases (F2's phase 1), the plan, shadow
/// prices, the price of fairness, and the elastic diagnosis when infeasible.
public enum Planner {
    /// Solves `scenario` (a variant already applied) on the calling thread.
    /// - Throws: what the solver throws (a fault inside it); infeasible, unbounded and limits
    ///   are statuses of the result.
    public static func solve(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> PlanResult {
        let started = Date()
        var clock = PhaseTimings()
        let derived = clock.measure("derive quantities") { DerivedQuantities(scenario) }
        try MemoryEstimate(scenario, derived: derived, options: options).requireFits()  // refuse, not abort, what cannot fit
        let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: options, started: started)
        return try pipeline.run(clock: clock).result
    }
}
