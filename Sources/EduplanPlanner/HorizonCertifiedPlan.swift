import Foundation
import LinearProgramming

/// A multi-year plan from its years, certified by a bound (docs/model.md §23, "A plan certified
/// by its years").
///
/// The plan: every year planned one after another with its rules and integer dispatch, the
/// earlier years' decisions fixed (``HorizonYearsStart`` with integers), joined into a point of the
/// horizon and checked against every row and bound of the horizon's model. The bound: the
/// Lagrangian relaxation of the rows that tie the years together (``HorizonLagrangianBound``),
/// started from the years' own duals. When (plan − bound) ≤ gap asked × |plan − constant| (the
/// measure of ``SolverParameters/relativeGap``), the plan is within the gap asked of the optimum and
/// the horizon is not solved whole; otherwise the plan is the whole solve's first incumbent.
struct HorizonCertifiedPlan {
    /// The smallest gap asked for which a certificate is tried: below it the years' bound seldom
    /// closes and the whole horizon's branch and bound is asked for a proof anyway.
    static let smallestGap = 1e-4
    /// L(λ) evaluations of the subgradient steps (each one LP per year, warm; the first repeats the
    /// first bound's λ for its subgradient), run only when the plan priced by the first bound is not
    /// yet certified. On the five-year demo the years' own duals gave the best bound and the steps
    /// after it only lowered it (Benchmarks/RESULTS.md, session 9), so there they no longer run.
    static let boundSteps = 4

    /// The largest first gap (plan by years against the bound at their duals), as a multiple of the
    /// gap asked, for which the years are planned again with the bound's prices. That re-plan lowers
    /// only the plan, never raises the bound: on the five-year demo it took the gap from 2.8% to
    /// 0.2% (a factor of 13, asked 0.5%); on generated provinces the first gap was 33–44% against
    /// 1e-4 asked, the bound itself 25–35% below the optimum, and the re-plan and further steps
    /// only delayed the whole-horizon solve by a third (Benchmarks/RESULTS.md, session 10).
    static let repricingReach = 20.0

    /// The joined plan (one value per column of the horizon's model), nil when a year had no plan
    /// or the joined point misses a row of the horizon.
    private(set) var plan: [Double]?
    /// The plan's objective (model units, constant included) and the best Lagrangian bound.
    private(set) var upper: Double?
    private(set) var bound: Double?
    /// The multipliers of ``bound`` (per row of the horizon's model; empty without a bound).
    private(set) var multipliers: [Double] = []
    /// The plan as a solution of the horizon's model when the bound certifies it (status feasible,
    /// ``Solution/bestBound`` the Lagrangian bound, ``Solution/relativeGap`` the certified gap).
    private(set) var certified: Solution?
    /// What was found, for the log.
    private(set) var note = ""

    /// Plans the years of `horizon` one after another, bounds the result, and when the bound does
    /// not certify it plans the years again with the bound's prices of the later years' rows.
    /// - Parameter label: names the phases on `clock` (`plan` or `price of fairness`).
    init(_ horizon: HorizonFormulation, solver: any LinearSolver, parameters: SolverParameters, label: String,
         clock: inout PhaseTimings) throws {
        let gapAsked = parameters.relativeGap ?? 0
        var quiet = parameters
        (quiet.progress, quiet.rangingRows) = (nil, [])
        // The years share the gap asked: half of it for their integers, the rest for what the
        // years do not know of each other.
        quiet.relativeGap = gapAsked / 2
        let model = horizon.model
        let years = try planYears(horizon, solver: solver, parameters: quiet, prices: nil, label: label, clock: &clock)
        guard let upper else { return }
        var lagrangian = HorizonLagrangianBound(horizon, solver: solver, parameters: quiet)
        let enough = gapAsked * abs(upper - model.objectiveConstant)
        // The bound at the years' own duals, then (when that does not certify) the years planned
        // with its prices; further evaluations only when these two still do not.
        var outcome = try measuredBound(&lagrangian, from: lagrangian.startingMultipliers(horizon, years: years), upper: upper,
                                        enough: enough, steps: 1, phase: "\(label) by years: Lagrangian bound", clock: &clock)
        let worthRepricing = gap <= Self.repricingReach * gapAsked
        if gap > gapAsked, worthRepricing, !outcome.multipliers.isEmpty {
            _ = try planYears(horizon, solver: solver, parameters: quiet, prices: outcome.multipliers, label: label, clock: &clock)
        }
        if gap > gapAsked, worthRepricing, !outcome.multipliers.isEmpty, Self.boundSteps > 1, let best = self.upper {
            let more = try measuredBound(&lagrangian, from: outcome.multipliers, upper: best,
                                         enough: gapAsked * abs(best - model.objectiveConstant), steps: Self.boundSteps,
                                         phase: "\(label) by years: Lagrangian bound, further steps", clock: &clock)
            outcome.add(more)
        }
        note = "\(label) by years: objective \(upper), Lagrangian bound \(outcome.bound) over \(lagrangian.linkRowCount) priced rows "
            + "after \(outcome.evaluations) evaluations (\(outcome.iterations) simplex iterations); the years: \(years.iterations) "
            + "simplex iterations" + note
        note += "; gap \(gap) (asked \(gapAsked))"
        guard let plan, let best = self.upper, let bound, gap <= gapAsked else { return }
        let status = SolveStatus(termination: .gapLimit, primal: .feasiblePoint, dual: .feasiblePoint, rawCode: 0,
                                 message: "planned by years and certified by a Lagrangian bound")
        certified = Solution(status: status, objectiveValue: best, bestBound: bound, relativeGap: gap, values: plan,
                             rowActivities: model.rowActivities(at: plan), solveSeconds: years.solverSeconds + outcome.solverSeconds)
    }

    /// `steps` evaluations of `lagrangian` from `start` (``HorizonLagrangianBound/improve(from:upper:enough:steps:)``),
    /// timed as `phase`; ``bound`` and ``multipliers`` become the best seen so far.
    private mutating func measuredBound(_ lagrangian: inout HorizonLagrangianBound, from start: [Double], upper: Double,
                                        enough: Double, steps: Int, phase: String,
                                        clock: inout PhaseTimings) throws -> HorizonLagrangianBound.Outcome {
        let started = DispatchTime.now()
        let outcome = try lagrangian.improve(from: start, upper: upper, enough: enough, steps: steps)
        clock.record(phase, seconds: PhaseTimings.seconds(since: started), solverSeconds: outcome.solverSeconds)
        if outcome.bound > (bound ?? -.infinity) { (bound, multipliers) = (outcome.bound, outcome.multipliers) }
        return outcome
    }

    /// (plan − bound) / |plan − constant|; +∞ without both.
    var gap: Double {
        guard let upper, let bound, let constant = constant else { return .infinity }
        return max(0, upper - bound) / max(1e-300, abs(upper - constant))
    }
    private var constant: Double?

    /// The years planned one after another (with `prices`: those of the later years' rows); the
    /// joined point becomes ``plan`` when it keeps every row of the horizon and is better than the plan so far.
    private mutating func planYears(_ horizon: HorizonFormulation, solver: any LinearSolver, parameters: SolverParameters,
                                    prices: [Double]?, label: String, clock: inout PhaseTimings) throws -> HorizonYearsStart {
        let started = DispatchTime.now()
        let years = try HorizonYearsStart(horizon, solver: solver, parameters: parameters, integers: true, laterPrices: prices)
        let phase = prices == nil ? "\(label) by years, one after another" : "\(label) by years, priced by the bound"
        clock.record(phase, seconds: PhaseTimings.seconds(since: started), solverSeconds: years.solverSeconds)
        constant = horizon.model.objectiveConstant
        let what = prices == nil ? "\(label) by years: " : "; priced by the bound: "
        guard let point = years.plan else {
            let failed = horizon.yearNumbers[min(years.yearSolutions.count, horizon.yearNumbers.count - 1)]
            note += what + "a year (\(failed)) has no plan with the earlier years fixed"
            return years
        }
        guard DispatchRounding(horizon.model).satisfiesEveryRow(point) else {
            note += what + "the joined plan misses a row of the horizon (\(Self.firstMissedRow(point, horizon.model)))"
            return years
        }
        let objective = horizon.model.objectiveValue(at: point)
        if prices != nil { note += what + "objective \(objective)" }
        if objective < (upper ?? .infinity) { (plan, upper) = (point, objective) }
        return years
    }

    /// The objective of `horizon`'s years planned one after another with their integers (no prices),
    /// nil when a year has no plan or the joined point misses a row of the horizon.
    static func plannedYears(_ horizon: HorizonFormulation, solver: any LinearSolver,
                             parameters: SolverParameters) throws -> (objective: Double?, solverSeconds: Double) {
        let years = try HorizonYearsStart(horizon, solver: solver, parameters: parameters, integers: true)
        guard let point = years.plan, DispatchRounding(horizon.model).satisfiesEveryRow(point) else { return (nil, years.solverSeconds) }
        return (horizon.model.objectiveValue(at: point), years.solverSeconds)
    }

    /// The name of the first row (or column) of `model` that `point` misses by more than 10⁻⁶, for the log.
    static func firstMissedRow(_ point: [Double], _ model: Model) -> String {
        func misses(_ value: Double, _ lower: Double, _ upper: Double) -> Bool {
            value < lower - 1e-6 * max(1, abs(lower)) || value > upper + 1e-6 * max(1, abs(upper))
        }
        if let j = point.indices.first(where: { misses(point[$0], model.columnLower[$0], model.columnUpper[$0]) }) {
            return "\(model.displayName(of: Variable(index: j))) = \(point[j])"
        }
        let activities = model.rowActivities(at: point)
        guard let i = activities.indices.first(where: { misses(activities[$0], model.rowLower[$0], model.rowUpper[$0]) }) else {
            return "an integer column not whole"
        }
        return "\(model.displayName(of: Constraint(index: i))): \(activities[i]) outside [\(model.rowLower[i]), \(model.rowUpper[i])]"
    }

    /// Whether to try: a gap asked of at least ``smallestGap``, an ordinary horizon (not a re-plan).
    static func applies(_ horizon: HorizonFormulation, _ parameters: SolverParameters) -> Bool {
        horizon.replan == nil && horizon.years.count > 1 && (parameters.relativeGap ?? 0) >= smallestGap
    }

    /// `heuristic` (the dispatch rounding) with the years' plan beside it: branch and bound's first
    /// incumbent is the better of the two points (the years' plan when the heuristic finds none).
    static func withIncumbent(_ heuristic: PrimalHeuristic?, plan: [Double]?, model: Model) -> PrimalHeuristic? {
        guard let plan else { return heuristic }
        let planObjective = model.objectiveValue(at: plan)
        return PrimalHeuristic { relaxation, solveFixed in
            guard let rounded = try heuristic?.run(relaxation, solveFixed),
                  model.objectiveValue(at: rounded) < planObjective else { return plan }
            return rounded
        }
    }
}
