import EduplanIO
import LinearProgramming

/// One thing a plan's status says, as a value: how the plan was found (optimal, within the gap
/// asked, stopped early, certified by its years, in parts, with a top-up …) or why there is none.
///
/// The pipeline collects them in order on ``PlanResult/statusNotes``; every output renders them
/// through the catalogue (`plan.note.*`, ``sentence(_:names:)``) in its language, and plan.json's
/// `status_detail` is their English. Nothing reads the English back. A new note is one case here
/// and one catalogue entry.
public enum PlanStatusNote: Sendable, Equatable {
    /// The solver proved the plan optimal.
    case optimal
    /// Branch and bound stopped once the relative MIP gap was below `asked` (the scenario's mip_gap).
    case withinGap(asked: Double)
    /// A plan with a point, the solver stopped before proving it optimal.
    case stoppedEarly(SolverStop)
    /// The solver stopped without a point.
    case noFeasiblePlan(SolverStop)
    /// A rule's preparation phase (its name as `PlannerOptions.phase` reports it) stopped without a point.
    case phaseFoundNoPoint(phase: String, SolverStop)
    /// The model is unbounded.
    case unbounded(SolverStop)
    /// No plan satisfies every mandatory need and hard rule.
    case infeasible
    /// No plan of a multi-year scenario satisfies them in every year.
    case infeasibleInEveryYear
    /// A multi-year scenario with rules that are not built over several years (their keys).
    case notBuiltOverYears(rules: [String])
    /// The elastic diagnosis of an infeasible scenario stopped without a point.
    case diagnosisFoundNoRelaxation(SolverStop)
    /// The teacher dispatch is the rounding heuristic's; branch and bound found none better.
    case dispatchRoundedKept
    /// Branch and bound started from the rounding heuristic's dispatch and found a better one.
    case dispatchRoundedImproved
    /// A comparison's variant: of its optimal plans, the one closest to the base.
    case closestToBase(ClosestToBaseNote)
    /// A comparison's variant whose second phase found no plan: the first optimum, its distance.
    case notClosestToBase(SolverStop, distance: Double)
    /// hold_harmless with `reference: base`: the base money of these regions is not unique.
    case holdHarmlessAmbiguous(regions: [String])
    /// A multi-year plan planned by years, within `gap` (≤ `asked`) of the optimum by a Lagrangian bound.
    case certifiedByYears(gap: Double, asked: Double)
    /// Its price of fairness is a range proved by the Lagrangian bounds with and without rules
    /// (the range itself is in the summary and plan.json: docs/model.md §23).
    case priceOfFairnessRange
    /// Its price of fairness is not given (why is in the sentence).
    case priceOfFairnessNotGiven
    /// Planned in `parts` parts, each optimal.
    case partsOptimal(parts: Int)
    /// Planned in `parts` parts, at least one stopped at a limit (`worst` is its status).
    case partsStopped(parts: Int, worst: PlanStatus)
    /// Parts without a plan, each with its own notes.
    case partsWithoutPlan([PartStatusNotes])
    /// The parts gave no plan of the whole scenario after `passes` passes: planned undivided.
    case plannedUndivided(UndividedReason, passes: Int)
    /// No plan from the parts, the scenario not proved infeasible, the undivided model too large.
    case noVerdict
    /// The money split over the parts has no solution (so neither has the scenario).
    case splitInfeasible
    /// No top-up of these funds (ids) makes the scenario feasible.
    case topUpImpossible(funds: [String])
    /// The top-up model of these funds stopped at a limit without an answer.
    case topUpUndetermined(funds: [String])
    /// The scenario is feasible with its funds as they are.
    case topUpNotNeeded
    /// The smallest top-up, fund by fund (ids, in id order) and in all, in `currency`.
    case topUpFound(added: [FundAmount], total: Double, currency: String)

    /// Why the parts gave no plan of the whole scenario.
    public enum UndividedReason: String, Sendable, Equatable {
        case partsFoundNoPlan, shortOfCountryRule
    }

    /// An amount of money for a fund (id).
    public struct FundAmount: Sendable, Equatable {
        public var fund: String
        public var amount: Double
    }

    /// A part without a plan (numbered from 1) and its status notes.
    public struct PartStatusNotes: Sendable, Equatable {
        public var part: Int
        public var notes: [PlanStatusNote]
    }

    /// The second phase of a comparison's variant: the distance to the base of the plan taken and of
    /// the solver's first optimum, and whether the phase stopped at its time limit (`seconds`) or
    /// kept the first optimum's dispatch.
    public struct ClosestToBaseNote: Sendable, Equatable {
        public var distance: Double
        public var firstOptimumDistance: Double
        public var stoppedAfterSeconds: Double?
        public var integersFixed: Bool
    }
}

/// Why a solver stopped, as a status note says it: the kind of stop (said in every language) and
/// the solver's own words, which only the English sentence quotes.
public struct SolverStop: Sendable, Equatable {
    /// The kinds of stop: the solver's terminations, and the two fallbacks whose plan is an LP
    /// with integers fixed after branch and bound found none in time.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        case optimal, infeasible, unbounded, infeasibleOrUnbounded, timeLimit, gapLimit, iterationLimit, interrupted
        case numericalError, otherError, roundedDispatch, topUpDispatch
    }

    public var reason: Reason
    /// The solver's words (GLPK's manual, or the fallback's sentence), in English.
    public var message: String

    /// The stop a solve's status describes.
    public init(_ status: SolveStatus) {
        message = status.message
        switch status.message {
        case Self.roundedDispatchMessage: reason = .roundedDispatch
        case Self.topUpDispatchMessage: reason = .topUpDispatch
        default: reason = Reason(rawValue: status.termination.rawValue) ?? .otherError
        }
    }

    /// The status message of a plan that is the LP relaxation with its integers rounded down
    /// (``SolvePipeline/roundedPlan(_:_:anyGap:)`` after branch and bound found none).
    static let roundedDispatchMessage = "branch and bound found no integer plan within the time limit; this plan is its LP "
        + "relaxation with the integers rounded down and the money re-solved, its gap to the relaxation's bound stated"
    /// The status message of a plan with the top-up model's dispatch (``SolvePipeline/fixedDispatchPlan(_:_:)``).
    static let topUpDispatchMessage = "branch and bound found no integer plan within the time limit; this plan has the top-up "
        + "model's teacher dispatch with the money re-solved, its gap to the relaxation's bound stated"
}
