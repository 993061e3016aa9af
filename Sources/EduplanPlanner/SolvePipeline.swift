import EduplanScenario
import Foundation
import LinearProgramming

/// The one way a scenario becomes a plan: the rules' preparation phases (F2's phase 1), the
/// plan model and its solve, the solution read as a plan, the price of fairness beside it, and
/// the elastic diagnosis when no plan exists (MODEL.md §7).
///
/// `Planner.solve`, the steps of a `Sweep`, the runs of `Compare`, the parts of a
/// `Decomposition` and `ModelExport` all run it. What differs between them is an argument: a
/// fixed money scale and warm starts (a sweep's block), the price of fairness and whether it
/// runs on a second thread (``PlannerOptions``). Every model goes to ``PlannerOptions/solver``.
struct SolvePipeline {
    let scenario: Scenario
    let derived: DerivedQuantities
    let options: PlannerOptions
    /// The money scale of every model but the elastic diagnosis's (nil: chosen per model).
    var moneyScale: Double? = nil
    /// Sessions kept between runs, one per phase (nil: every model is solved from scratch).
    var warmStarts: WarmStarts? = nil
    var started = Date()

    /// A plan's result, and whether its model was re-solved warm.
    struct Run {
        var result: PlanResult
        var planSolvedWarm: Bool
    }

    /// Runs every phase; `clock` holds the phases timed before (deriving the quantities).
    /// - Throws: what the solver throws (a fault inside it); outcomes are statuses of the result.
    func run(clock: PhaseTimings = PhaseTimings()) throws -> Run {
        var clock = clock
        let startsWarm = startsFromOptimumWithoutRules
        var priceOfFairness = startsWarm ? nil : startPriceOfFairness(), benefitWithoutRules: Double?
        let priceOfRobustness = startPriceOfRobustness()
        // A concurrent solve is always joined before returning, whatever the outcome.
        defer { if options.concurrentPriceOfFairness { _ = try? priceOfFairness?(); _ = try? priceOfRobustness?() } }
        guard let prepared = try prepareRules(&clock) else {
            var result = try diagnose(&clock)
            result.timings = clock
            return Run(result: result, planSolvedWarm: false)
        }
        if let failure = prepared.failure {
            var result = PlanResult.empty(scenario, status: .failed, notes: [failure], started: started)
            result.timings = clock
            return Run(result: result, planSolvedWarm: false)
        }
        options.phase?("plan")
        let formulation = clock.measure("build plan model") { planFormulation(prepared.rules) }
        let model = formulation.model
        clock.modelSize = (model.constraintCount, model.variableCount, model.nonzeroCount,
                           model.columnKind.filter { $0 != .continuous }.count)
        var planParameters = parameters()
        planParameters.mipDuals = true
        let afterLevel = prepared.rules.contains { $0.preparedLevel != nil }
        planParameters.rangingRows = formulation.budgetRows + formulation.regionFloorRows
        if !afterLevel, options.topUpDispatch == nil {
            planParameters.primalHeuristic = DispatchRounding.heuristic(for: model, label: "plan", log: planParameters.log)
        }
        if startsWarm {
            priceOfFairness = try startFromOptimumWithoutRules(formulation, &planParameters,
                                                               benefitWithoutRules: &benefitWithoutRules, clock: &clock)
        } else if warmStarts == nil { formulation.startFromLevel(&planParameters) }
        // The top-up's plan: branch and bound starts from the better of two known plans (TopUp.swift).
        if options.topUpDispatch != nil, model.isMixedInteger,
           let start = try clock.measure("plan, top-up start", { try topUpFallback(formulation, planParameters) }) {
            planParameters.integerStart = start.values
        }
        var (solution, warm) = try clock.measure("load + solve plan") {
            if afterLevel, model.isMixedInteger, let rounded = try roundedPlan(model, planParameters) { return (rounded, false) }
            return try solve(model, planParameters, phase: "plan")
        }
        clock.addSolverSeconds(solution.solveSeconds, to: "load + solve plan")
        if options.topUpDispatch != nil, model.isMixedInteger, !solution.status.hasFeasiblePoint, !Self.isInfeasible(solution),
           let fallback = try clock.measure("plan, integers fixed", { try topUpFallback(formulation, planParameters) }) {
            solution = fallback
        }
        var closestNote: PlanStatusNote?
        if let anchor = options.closestTo, solution.status.hasFeasiblePoint {
            (solution, closestNote) = try closestToAnchor(formulation, solution, anchor: anchor, clock: &clock)
        }
        var result = try Self.isInfeasible(solution) ? diagnose(&clock)
            : clock.measure("read plan") { try outcome(formulation, solution, limited: prepared.limited) }
        if result.plan != nil { result.statusNotes += [closestNote, Self.incumbentNote(solution)].compactMap { $0 } }
        result.statusNotes += prepared.rules.compactMap { $0.planNote(scenario) }
        if options.resolveClaims && result.plan != nil {
            let claimsStarted = DispatchTime.now()
            let sessions = WarmStarts(solver: options.solver)
            defer { sessions.close() }
            let resolver = ClaimResolver(pipeline: self, formulation: formulation, solution: solution, sessions: sessions)
            try resolver.resolve(&result)
            try resolver.resolveRules(&result)
            clock.record("re-solve claims", seconds: PhaseTimings.seconds(since: claimsStarted),
                         solverSeconds: resolver.solverSeconds.seconds)
        }
        Explain.renderClaims(&result, scenario)
        guard result.plan != nil else {
            result.timings = clock
            return Run(result: result, planSolvedWarm: warm)
        }
        if let stability = options.stability { result.moves = formulation.moves(stability, solution) }
        if let priceOfFairness { try Self.join(priceOfFairness, into: &result, clock: &clock, options: options) }
        if let benefitWithoutRules { Self.setPriceOfFairness(benefitWithoutRules, &result) }
        if let priceOfRobustness { try joinPriceOfRobustness(priceOfRobustness, into: &result, clock: &clock) }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return Run(result: result, planSolvedWarm: warm)
    }

    /// The solver settings of every model: the scenario's time limit and MIP gap, the planner's
    /// output and branch-and-bound progress.
    func parameters() -> SolverParameters { Self.parameters(scenario, options) }

    /// The solver settings of `scenario`'s models under `options` (also the multi-year planner's).
    static func parameters(_ scenario: Scenario, _ options: PlannerOptions) -> SolverParameters {
        var parameters = SolverParameters()
        parameters.verbose = options.verbose
        if let logger = options.logger {
            parameters.log = { line in logger.debug("\(line)") }
        }
        parameters.timeLimit = scenario.solver.timeLimitSeconds
        parameters.relativeGap = scenario.solver.mipGap
        parameters.progress = options.progress
        return parameters
    }

    /// Solves `model` warm on the phase's session when there are warm starts, else from scratch.
    private func solve(_ model: Model, _ parameters: SolverParameters, phase: String) throws -> (Solution, Bool) {
        if let warmStarts { return try warmStarts.solve(model, parameters: parameters, phase: phase) }
        return (try options.solver.solve(model, parameters: parameters), false)
    }

    /// The plan after a preparation phase fixed a level (F2's t*), settled by two LPs when they
    /// prove it within the scenario's MIP gap; nil when they do not (branch and bound decides).
    ///
    /// At t* the coverage rows take every unit of money that can reach a school's non-mandatory need
    /// (docs/model.md, "F2 at province scale"); their 1e-7 tolerance frees a few units, which the
    /// relaxation spends on a fraction of a teacher at one of thousands of candidate pairs, and each
    /// branch moves that fraction to another pair — on the demo province branch and bound found no
    /// plan in 60 s. So: the LP relaxation (a bound z̲ on the optimum), then the same LP with its
    /// integers rounded down (a plan, objective z, integers exact). When |z − z̲| / |z − c| is within
    /// the requested gap, the plan is within it of the optimum: taken, with z̲ as its bound and the
    /// second LP's duals (the duals with integers fixed, as after branch and bound).
    /// With `anyGap`, the rounded plan is taken whatever its gap (``PlannerOptions/topUpDispatch``).
    func roundedPlan(_ model: Model, _ parameters: SolverParameters, anyGap: Bool = false) throws -> Solution? {
        let sessions = warmStarts ?? WarmStarts(solver: options.solver)
        defer { if warmStarts == nil { sessions.close() } }
        var quiet = parameters
        quiet.progress = nil
        let relaxed = model.relaxingIntegers()
        let (relaxation, _) = try sessions.solve(relaxed, parameters: quiet, phase: "plan, rounded")
        guard relaxation.status.isOptimal, let bound = relaxation.objectiveValue else { return nil }
        let fixed = relaxed.fixingIntegers(of: model, roundedDownFrom: relaxation.values)
        quiet.startingBasis = nil  // from the relaxation's basis, not the plan's start again
        quiet.startingBasisIsPrimalFeasible = false
        var (plan, _) = try sessions.solve(fixed, parameters: quiet, phase: "plan, rounded")
        guard plan.status.isOptimal, let z = plan.objectiveValue else { return nil }
        let gap = abs(z - bound) / max(1e-300, abs(z - model.objectiveConstant))
        guard anyGap || gap <= (scenario.solver.mipGap ?? 0) || z - bound <= 0 else { return nil }
        let exact = z - bound <= 0
        // A fallback after branch and bound stopped at its limit says so, whatever its gap.
        plan.status.termination = exact ? .optimal : anyGap ? .timeLimit : .gapLimit
        plan.status.message = anyGap ? SolverStop.roundedDispatchMessage
            : "the LP relaxation with its integers rounded down is within the requested MIP gap of the relaxation's bound"
        plan.bestBound = exact ? z : bound
        plan.relativeGap = exact ? 0 : gap
        plan.solveSeconds += relaxation.solveSeconds
        return plan
    }

    // MARK: Phases

    /// Runs the preparation phase of every rule that has one, in registry order. In a sweep's
    /// block a phase's models go to the block's session for the rule; otherwise those the phase
    /// asks to solve on a session (F2's relaxation, then the same LP with its integers fixed) go to
    /// one session of this run, so that the second is re-solved from the first's basis.
    /// - Returns: the rules the plan builds, whether a phase stopped at a limit, and why a phase
    ///   failed (it stopped before it found a point: then no plan is built); nil when a phase found
    ///   that no plan satisfies the hard rules.
    func prepareRules(_ clock: inout PhaseTimings) throws -> (rules: [any FairnessRule], limited: Bool, failure: PlanStatusNote?)? {
        // The sessions of models a phase asks to solve on a session, outside a sweep's block.
        let sessions = WarmStarts(solver: options.solver)
        defer { sessions.close() }
        var rules: [any FairnessRule] = [], limited = false
        for rule in FairnessRegistry.rules(for: scenario.fairness, purpose: .plan) {
            guard let phase = rule.preparationPhase else {
                rules.append(rule)
                continue
            }
            options.phase?(phase)
            let phaseStarted = DispatchTime.now()
            var solverSeconds = 0.0
            let context = RulePreparationContext(scenario: scenario, derived: derived, moneyScale: moneyScale) { model, gap, onSession, ranged in
                var parameters = self.parameters()
                if let gap { parameters.relativeGap = gap }
                parameters.rangingRows = ranged
                let (solution, _) = onSession && self.warmStarts == nil
                    ? try sessions.solve(model, parameters: parameters, phase: rule.key)
                    : try self.solve(model, parameters, phase: rule.key)
                solverSeconds += solution.solveSeconds
                return solution
            }
            let preparation = try rule.prepare(context)
            clock.record(phase, seconds: PhaseTimings.seconds(since: phaseStarted), solverSeconds: solverSeconds)
            switch preparation {
            case let .build(prepared, optimal):
                rules.append(prepared)
                limited = limited || !optimal
            case .omit:
                break
            case .infeasible:
                return nil
            case let .failed(stop):
                return (rules, limited, .phaseFoundNoPoint(phase: phase, stop))
            }
        }
        return (rules, limited, nil)
    }

    /// The plan model with the prepared rules (and the re-planning terms when asked).
    func planFormulation(_ rules: [any FairnessRule], moneyScale: Double? = nil) -> Formulation {
        Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: rules,
                    moneyScale: moneyScale ?? self.moneyScale, stability: options.stability)
    }

    /// The plan model's solution as a result: the diagnosis when infeasible, an empty result when
    /// unbounded or without a point, otherwise the plan with its status sentence.
    /// `limited` says a preparation phase stopped at a limit (the status is then at best feasible).
    private func outcome(_ formulation: Formulation, _ solution: Solution, limited: Bool) throws -> PlanResult {
        switch solution.status.termination {
        case .unbounded:
            return .empty(scenario, status: .unbounded, notes: [.unbounded(SolverStop(solution.status))], started: started)
        default:
            break
        }
        guard solution.status.hasFeasiblePoint else {
            return .empty(scenario, status: .failed, notes: [.noFeasiblePlan(SolverStop(solution.status))], started: started)
        }
        let limited = limited || !solution.status.isOptimal
        var result = PlanReader(formulation: formulation, solution: solution).read()
        result.status = limited ? .feasible : .optimal
        switch solution.status.termination {
        case .optimal where !limited:
            result.statusNotes = [.optimal]
        case .gapLimit:
            result.statusNotes = [.withinGap(asked: scenario.solver.mipGap ?? 0)]
        default:
            result.statusNotes = [.stoppedEarly(SolverStop(solution.status))]
        }
        if scenario.fairness.isEmpty {
            result.priceOfFairness = 0
            result.benefitWithoutFairness = result.benefit
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// The elastic diagnosis alone, as an infeasible result: for a decomposition whose split LP
    /// proved that no plan of the whole scenario exists, without solving the plan model first.
    func diagnosisOfInfeasible() throws -> PlanResult {
        var clock = PhaseTimings()
        var result = try diagnose(&clock)
        result.timings = clock
        return result
    }

    /// Whether the plan model has no plan: the elastic diagnosis follows.
    static func isInfeasible(_ solution: Solution) -> Bool {
        switch solution.status.termination {
        case .infeasible: return true
        case .infeasibleOrUnbounded: return !solution.status.hasFeasiblePoint
        default: return false
        }
    }

    /// The elastic diagnosis (docs/model.md, "Elastic diagnosis"): solved from scratch, at its own
    /// money scale, with the move cap of a re-plan as a slack in moves; then its summary and the
    /// smallest top-ups. Each is a phase of `clock`, with the time its solves spent in the solver.
    private func diagnose(_ clock: inout PhaseTimings) throws -> PlanResult {
        var result = PlanResult.empty(scenario, status: .infeasible, notes: [.infeasible], started: started)
        guard options.diagnose else { return result }
        let counter = SolveSecondsCounter(options.solver)
        var counted = options
        counted.solver = counter
        let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: counted, moneyScale: moneyScale,
                                     warmStarts: warmStarts, started: started)
        options.phase?("elastic diagnosis")
        var phaseStarted = DispatchTime.now()
        let elastic = Formulation(scenario: scenario, derived: derived, purpose: .elastic, stability: options.stability)
        let solution = try counter.solve(elastic.model, parameters: parameters())
        clock.record("elastic diagnosis", seconds: PhaseTimings.seconds(since: phaseStarted), solverSeconds: counter.take())
        guard solution.status.hasFeasiblePoint else {
            result.statusNotes.append(.diagnosisFoundNoRelaxation(SolverStop(solution.status)))
            return result
        }
        let items = Explain.diagnosis(elastic, solution)
        result.diagnosis = items
        var topUp: TopUpSummary?
        if options.topUpInDiagnosis {
            options.phase?("smallest top-up")
            phaseStarted = DispatchTime.now()
            topUp = try pipeline.topUpSummary()
            clock.record("smallest top-up", seconds: PhaseTimings.seconds(since: phaseStarted), solverSeconds: counter.take())
        }
        result.diagnosisSummary = DiagnosisSummary(items: items, topUp: topUp)
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    // MARK: Price of fairness

    /// U without fairness rules and the timings of its solve.
    typealias PriceOfFairness = () throws -> (benefit: Double?, timings: PhaseTimings)

    /// The price of fairness (MODEL.md §7) needs the same scenario without its rules: an
    /// independent solve, started first so that it runs beside the plan (or, when not
    /// concurrent, run after it), from `startingBasis` when given (its LP relaxation's optimal
    /// basis, when the plan started from it). Nil when not asked for or when there is no rule.
    func startPriceOfFairness(startingBasis: Basis? = nil) -> PriceOfFairness? {
        guard options.priceOfFairness && !scenario.fairness.isEmpty else { return nil }
        var quiet = parameters()
        quiet.progress = nil
        quiet.startingBasis = startingBasis
        let (scenario, derived, solver) = (scenario, derived, options.solver)
        let (moneyScale, stability, concurrent) = (moneyScale, options.stability, options.concurrentPriceOfFairness)
        return Self.beside(concurrent: concurrent) { [quiet] in
            var clock = PhaseTimings()
            let utilitarian = clock.measure("price of fairness: build") {
                Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: [], moneyScale: moneyScale,
                            stability: stability)
            }
            let solution = try Self.solveWithoutRules(utilitarian.model, quiet, solver: solver, concurrent: concurrent, clock: &clock)
            let benefit = solution.status.hasFeasiblePoint
                ? PlanReader(formulation: utilitarian, solution: solution).benefit() : nil
            return (benefit, clock)
        }
    }

    /// `work` (the solve without rules) started on a second thread when `concurrent`, else run when
    /// the result is asked for.
    static func beside(concurrent: Bool, _ work: @escaping @Sendable () throws -> (benefit: Double?, timings: PhaseTimings))
        -> PriceOfFairness {
        guard concurrent else { return work }
        return Workers.start(name: "eduplan-price-of-fairness", work).wait
    }

    /// A model without fairness rules solved with the dispatch rounding heuristic as its first
    /// incumbent, its load and solve recorded on `clock`.
    static func solveWithoutRules(_ model: Model, _ parameters: SolverParameters, solver: any LinearSolver,
                                  concurrent: Bool, clock: inout PhaseTimings) throws -> Solution {
        let started = DispatchTime.now()
        var parameters = parameters
        parameters.primalHeuristic = DispatchRounding.heuristic(for: model, label: "price of fairness", log: parameters.log)
        let solution = try solver.solve(model, parameters: parameters)
        clock.record("price of fairness: load + solve", seconds: PhaseTimings.seconds(since: started),
                     solverSeconds: solution.solveSeconds, concurrent: concurrent)
        return solution
    }

    /// Waits for (or runs) the solve without rules; records its phases and sets U_util and POF.
    static func join(_ priceOfFairness: PriceOfFairness, into result: inout PlanResult,
                     clock: inout PhaseTimings, options: PlannerOptions) throws {
        options.phase?("price of fairness (solve without fairness rules)")
        let waitStarted = DispatchTime.now()
        let (utilitarian, timings) = try priceOfFairness()
        for phase in timings.phases {
            clock.record(phase.name, seconds: phase.seconds, solverSeconds: phase.solverSeconds,
                         concurrent: options.concurrentPriceOfFairness)
        }
        if options.concurrentPriceOfFairness {
            // Waiting for the solver on the other thread: solver time, not eduplan's.
            let waited = PhaseTimings.seconds(since: waitStarted)
            clock.record("wait for price of fairness", seconds: waited, solverSeconds: waited)
        }
        if let utilitarian { Self.setPriceOfFairness(utilitarian, &result) }
    }

    /// U without fairness rules on `result`, and the price of fairness (U_util − U_fair) / U_util.
    static func setPriceOfFairness(_ utilitarian: Double, _ result: inout PlanResult) {
        guard let fair = result.benefit else { return }
        result.benefitWithoutFairness = utilitarian
        result.priceOfFairness = utilitarian > 0 ? (utilitarian - fair) / utilitarian : 0
    }
}

/// Solver sessions kept between runs of the pipeline (the steps of a sweep's block), one per
/// phase: each phase's model is re-solved from the basis its previous run left. Confined to
/// the thread that uses it; ``close()`` frees the sessions.
final class WarmStarts {
    private let solver: any LinearSolver
    private var byPhase: [String: IncrementalSolver] = [:]

    init(solver: any LinearSolver) {
        self.solver = solver
    }

    /// Solves `model` on the phase's session; returns the solution and whether it was warm.
    func solve(_ model: Model, parameters: SolverParameters, phase: String) throws -> (Solution, Bool) {
        let incremental = byPhase[phase] ?? IncrementalSolver(solver: solver)
        byPhase[phase] = incremental
        let (solution, warm) = try incremental.solve(model, parameters: parameters)
        return (solution, warm)
    }

    /// Frees every session.
    func close() {
        for incremental in byPhase.values { incremental.close() }
        byPhase = [:]
    }
}

/// A solver that adds up the time its solves spent in the backend (for the phases of a diagnosis,
/// whose many small solves are not timed one by one).
final class SolveSecondsCounter: LinearSolver, @unchecked Sendable {
    private let solver: any LinearSolver
    private let tally = SecondsTally()

    init(_ solver: any LinearSolver) { self.solver = solver }

    var name: String { solver.name }

    func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
        let solution = try solver.solve(model, parameters: parameters)
        tally.add(solution.solveSeconds)
        return solution
    }

    func makeSession() -> any SolverSession { solver.makeSession() }

    /// The seconds counted since the last call, and a fresh count.
    func take() -> Double { tally.take() }
}
