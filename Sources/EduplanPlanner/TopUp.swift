import EduplanScenario
import Foundation
import LinearProgramming

/// The smallest top-up of a set of funds (docs/model.md, "Top-up"): Δ_f ≥ 0 added to B_f for
/// f in the set (minimum spends stay m_f times the original B_f), minimising Σ Δ_f subject to
/// the mandatory needs, every hard rule and the move cap; soft rules keep their slacks at no cost.
public struct TopUp: Sendable, Equatable {
    /// Δ_f by fund index, in the scenario's money (every fund of the set, zeros included).
    public var amounts: [Int: Double]
    /// Σ Δ_f: the top-up model's optimum.
    public var total: Double
    /// The top-up model's teacher dispatch y (parallel to the candidate pairs): with integer
    /// dispatch, an integer dispatch that is feasible with B_f + Δ_f.
    public var dispatch: [Double] = []
}

/// What a top-up model found.
enum TopUpOutcome: Equatable {
    /// The smallest top-up.
    case found(TopUp)
    /// No top-up of these funds makes the scenario feasible.
    case impossible
    /// The model stopped (time limit, solver failure) without deciding.
    case undetermined
}

extension SolvePipeline {
    /// Solves the top-up model over `funds` (fund indices) through the solve's backend and
    /// settings, the move cap of a re-plan included.
    /// - Throws: what the solver throws (a fault inside it).
    func smallestTopUp(funds: Set<Int>) throws -> TopUpOutcome {
        let formulation = Formulation(scenario: scenario, derived: derived, purpose: .topUp,
                                      stability: options.stability, topUp: funds)
        var quiet = parameters()
        quiet.progress = nil
        let solution = try options.solver.solve(formulation.model, parameters: quiet)
        switch solution.status.termination {
        case .infeasible:
            return .impossible
        case .infeasibleOrUnbounded where !solution.status.hasFeasiblePoint:
            return .impossible
        default:
            break
        }
        guard solution.status.hasFeasiblePoint, solution.status.isOptimal else { return .undetermined }
        let S = formulation.moneyScale
        var amounts: [Int: Double] = [:]
        var total = 0.0
        for f in funds.sorted() {
            guard let delta = formulation.topUpColumns[f] else { continue }
            amounts[f] = max(0, solution[delta] / S)
            total += amounts[f]!
        }
        return .found(TopUp(amounts: amounts, total: total, dispatch: formulation.y.map { solution[$0] }))
    }

    /// The top-up layer of a diagnosis: the smallest top-up of each fund alone, then of every fund
    /// at once (with one split of it).
    /// - Throws: what the solver throws (a fault inside it).
    func topUpSummary() throws -> TopUpSummary {
        let funds = scenario.funds
        var alone: [String: Double?] = [:]
        var undetermined: [String] = []
        for f in funds.indices {
            switch try smallestTopUp(funds: [f]) {
            case let .found(topUp): alone[funds[f].id] = topUp.total
            case .impossible: alone[funds[f].id] = .some(nil)
            case .undetermined: undetermined.append(funds[f].id)
            }
        }
        var allFunds: Double?, split: [String: Double]?
        switch funds.count > 1 ? try smallestTopUp(funds: Set(funds.indices)) : .undetermined {
        case let .found(topUp):
            allFunds = topUp.total
            split = Dictionary(uniqueKeysWithValues: topUp.amounts.filter { $0.value > 1e-6 }.map { (funds[$0.key].id, $0.value) })
        case .impossible:
            break
        case .undetermined:
            if funds.count > 1 { undetermined.append("all") }
        }
        if funds.count == 1, let only = alone[funds[0].id] {
            allFunds = only
            split = only.map { [funds[0].id: $0] }
        }
        return TopUpSummary(eachFundAlone: alone, allFunds: allFunds, split: split, undetermined: undetermined)
    }
}

extension SolvePipeline {
    /// The split of a minimal top-up Σ Δ_f = `minimum` over `funds` that the plan objective prefers:
    /// the plan model with Δ_f columns and Σ Δ_f held at the minimum (the second lexicographic phase
    /// of docs/model.md, "Top-up"). Rules with a preparation phase (F2) are left out of this phase.
    /// - Returns: Δ_f by fund index, or nil when the phase found no plan (then the first phase's
    ///   split is used).
    func preferredTopUpSplit(funds: Set<Int>, minimum: TopUp) throws -> [Int: Double]? {
        let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).filter { $0.preparationPhase == nil }
        var formulation = Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: rules,
                                      moneyScale: moneyScale, stability: options.stability, topUp: funds)
        let S = formulation.moneyScale
        let deltas = funds.sorted().compactMap { formulation.topUpColumns[$0] }
        // Held at the minimum, with room for the solver's tolerance (1e-9 relative).
        formulation.addRow(columns: deltas.map(\.index), coefficients: deltas.map { _ in 1 }, lower: -.infinity,
                           upper: minimum.total * S * (1 + 1e-9) + 1e-9, name: "top_up_total")
        var quiet = parameters()
        quiet.progress = nil
        let solution = try options.solver.solve(formulation.model, parameters: quiet)
        guard solution.status.hasFeasiblePoint else { return nil }
        var split: [Int: Double] = [:]
        for f in funds.sorted() { split[f] = max(0, formulation.topUpColumns[f].map { solution[$0] / S } ?? 0) }
        // The plan takes all the room it is given: scale the tolerance back out, so Σ Δ_f is the minimum.
        let total = funds.sorted().reduce(0.0) { $0 + split[$1]! }
        if total > minimum.total { for f in funds { split[f]! *= minimum.total / total } }
        return split
    }
}

extension SolvePipeline {
    /// The top-up's known plans. At the smallest top-up every hard floor the top-up paid for sits at
    /// its bound, and on jiangxi-2024 GLPK's branch and bound found no integer point in 60 s
    /// although one exists (the top-up model found it). So two plans are built without a search:
    /// the plan LP with its integers rounded down from the relaxation (``roundedPlan``; infeasible
    /// when some floor needs the dispatch money rounded away), and the plan LP with the dispatch
    /// fixed at the top-up model's (feasible by construction). The better one starts branch and
    /// bound (``SolverParameters/integerStart``), and is the plan if the search still returns none;
    /// its gap to the relaxation's bound is stated.
    func topUpFallback(_ f: Formulation, _ parameters: SolverParameters) throws -> Solution? {
        let plans = [try roundedPlan(f.model, parameters, anyGap: true), try fixedDispatchPlan(f, parameters)].compactMap { $0 }
        return plans.min { ($0.objectiveValue ?? .infinity) < ($1.objectiveValue ?? .infinity) }
    }

    /// The plan LP with the dispatch fixed at ``PlannerOptions/topUpDispatch`` (rounded to the
    /// nearest integer), its gap to the relaxation's bound stated; nil without that dispatch or a plan.
    func fixedDispatchPlan(_ f: Formulation, _ parameters: SolverParameters) throws -> Solution? {
        guard let dispatch = options.topUpDispatch, dispatch.count == f.y.count else { return nil }
        var quiet = parameters
        quiet.progress = nil
        let relaxed = f.model.relaxingIntegers()
        let relaxation = try options.solver.solve(relaxed, parameters: quiet)
        guard relaxation.status.isOptimal, let bound = relaxation.objectiveValue else { return nil }
        // The top-up model's counts are integers within GLPK's tolerance: rounded to the nearest.
        var values = relaxation.values
        for (column, count) in zip(f.y, dispatch) { values[column.index] = count.rounded() }
        var plan = try options.solver.solve(relaxed.fixingIntegers(of: f.model, roundedDownFrom: values), parameters: quiet)
        guard plan.status.isOptimal, let z = plan.objectiveValue else { return nil }
        let gap = max(0, z - bound) / max(1e-300, abs(z - f.model.objectiveConstant))
        plan.status.termination = z - bound <= 0 ? .optimal : .timeLimit
        plan.status.message = SolverStop.topUpDispatchMessage
        plan.bestBound = min(z, bound)
        plan.relativeGap = gap
        plan.solveSeconds += relaxation.solveSeconds
        return plan
    }
}

/// `solve --top-up FUND[,FUND…]` (docs/model.md, "Top-up"): the smallest extra money Σ Δ_f in the
/// named funds that makes every mandatory need and hard rule hold, then the best plan with it.
public enum TopUpPlanner {
    /// A top-up solve: the plan (its funds' amounts include Δ_f) or, when no top-up of the funds
    /// helps, the ordinary result with its diagnosis; and Δ_f by fund id when a top-up exists.
    public struct Outcome: Sendable {
        public var result: PlanResult
        public var topUp: [String: Double]?
    }

    /// Phase 1 minimises Σ Δ_f; with several funds, phase 2 chooses the split by the plan objective
    /// with Σ Δ_f held at the minimum; then the scenario with B_f + Δ_f (minimum spends kept at m_f
    /// times the original B_f) is solved as any other, through ``SolvePipeline``.
    /// - Parameter funds: fund indices of `scenario`.
    /// - Throws: what the solver throws, and ``MemoryEstimate``'s refusal.
    public static func solve(_ scenario: Scenario, funds: Set<Int>, options: PlannerOptions = PlannerOptions()) throws -> Outcome {
        let started = Date()
        let derived = DerivedQuantities(scenario)
        try MemoryEstimate(scenario, derived: derived, options: options).requireFits()
        let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: options, started: started)
        options.phase?("smallest top-up")
        let outcome = try pipeline.smallestTopUp(funds: funds)
        guard case let .found(minimum) = outcome else {
            var result = try pipeline.run().result
            let ids = funds.sorted().map { scenario.funds[$0].id }
            result.statusNotes.append(outcome == .impossible ? .topUpImpossible(funds: ids) : .topUpUndetermined(funds: ids))
            return Outcome(result: result, topUp: nil)
        }
        var split = minimum.amounts
        if funds.count > 1, minimum.total > 0 {
            options.phase?("top-up split")
            split = try pipeline.preferredTopUpSplit(funds: funds, minimum: minimum) ?? split
        }
        var toppedUp = scenario
        for (f, delta) in split where delta > 0 {
            let original = scenario.funds[f].amount
            toppedUp.funds[f].amount = original + delta
            toppedUp.funds[f].minSpend = scenario.funds[f].minSpend * original / (original + delta)
        }
        let toppedDerived = DerivedQuantities(toppedUp)
        var toppedOptions = options
        toppedOptions.topUpDispatch = minimum.dispatch
        var result = try SolvePipeline(scenario: toppedUp, derived: toppedDerived, options: toppedOptions, started: started).run().result
        let byID = Dictionary(uniqueKeysWithValues: split.map { (scenario.funds[$0.key].id, $0.value) })
        result.topUp = byID
        guard minimum.total > 0 else {
            result.statusNotes.append(.topUpNotNeeded)
            return Outcome(result: result, topUp: byID)
        }
        let added = byID.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { PlanStatusNote.FundAmount(fund: $0.key, amount: $0.value) }
        result.statusNotes.append(.topUpFound(added: added, total: minimum.total, currency: scenario.currency))
        return Outcome(result: result, topUp: byID)
    }
}
