import EduplanScenario
import Foundation
import LinearProgramming

extension Sweep {
    /// Step `i` of a multi-year scenario: one horizon solve of the step's scenario (every year's
    /// budget of the swept funds scaled), with the price of fairness over the horizon (a second
    /// solve without the rules when the step has a plan and a rule); its ``SweepStep/result`` is the
    /// horizon's summary (discounted objective and U), its ``SweepStep/horizon`` every year.
    ///
    /// A block's first step (and every step without `chain`) starts as a horizon solve does: the
    /// horizon without rules from its years solved one after another, the plan from that optimum.
    /// A later step of the block starts each of those models from the basis the same model ended
    /// at in the step before (``HorizonStepChain``): only budgets moved, so that basis is still
    /// dual feasible and the years' start is not needed.
    static func horizonStep(_ scenario: Scenario, index i: Int, multiplier: Double, options: SweepOptions,
                            chain: HorizonStepChain?) throws -> SweepStep {
        var planner = stepOptions(options, step: i)
        planner.priceOfFairness = true
        let warm = chain?.hasBases ?? false
        if let chain {
            planner.solver = chain.solver(around: planner.solver)
            if warm { planner.startPlanFromOptimumWithoutRules = false }
        }
        defer { chain?.endStep() }
        let horizon = try HorizonPlanner.solve(scenario, options: planner)
        return SweepStep(index: i, multiplier: multiplier, scenario: scenario, result: horizon.result, warm: warm, horizon: horizon)
    }
}

/// The bases a block of a multi-year sweep passes from step to step. In every step, where the
/// first solve of each model shape (rows, columns, integer columns) ended is kept; in a later step,
/// the first ``chainedSolves`` solves that the pipeline starts without a basis of its own — with
/// ``PlannerOptions/startPlanFromOptimumWithoutRules`` off, the horizon without rules' LP
/// relaxation and the plan — start from where the same shape ended in the step before. Every other
/// solve is left as it is: those the pipeline starts from a basis it chose (claims, the price of
/// fairness), and the elastic diagnosis, whose listed slacks are one of many ties and would follow
/// the start. A sweep moves budgets only, so a step's models have the shapes of the step before.
/// Shared by the threads of one step (the price of fairness may run beside the plan).
final class HorizonStepChain: @unchecked Sendable {
    /// The horizon without rules' relaxation and the plan.
    static let chainedSolves = 2

    /// A model's shape.
    struct Shape: Hashable {
        var rows: Int
        var columns: Int
        var integers: Int

        init(_ model: Model) {
            (rows, columns) = (model.constraintCount, model.variableCount)
            integers = model.columnKind.reduce(0) { $0 + ($1 == .continuous ? 0 : 1) }
        }
    }

    private let lock = NSLock()
    /// Where the first solve of each shape ended, in the latest step that solved it.
    private var ended: [Shape: Basis] = [:]
    /// This step's: the shapes already solved, where their first solves ended, and how many solves
    /// started without a basis of their own.
    private var started: Set<Shape> = []
    private var endedInStep: [Shape: Basis] = [:]
    private var coldStarts = 0

    /// Whether an earlier step left a basis (the next step starts warm).
    var hasBases: Bool { lock.withLock { !ended.isEmpty } }

    /// `solver` with this chain's starts.
    func solver(around solver: any LinearSolver) -> any LinearSolver { ChainedSolver(inner: solver, chain: self) }

    /// Ends a step: its bases replace those of the same shapes.
    func endStep() {
        lock.withLock {
            ended.merge(endedInStep) { _, new in new }
            (started, endedInStep, coldStarts) = ([], [:], 0)
        }
    }

    /// The parameters of a solve of `model`, and its shape when it is the step's first of that
    /// shape (its end is kept).
    fileprivate func start(_ model: Model, _ parameters: SolverParameters) -> (SolverParameters, Shape?) {
        let shape = Shape(model)
        return lock.withLock {
            let first = started.insert(shape).inserted
            var chained = parameters
            if parameters.startingBasis == nil {
                coldStarts += 1
                if coldStarts <= Self.chainedSolves { chained.startingBasis = ended[shape] }
            }
            return (chained, first ? shape : nil)
        }
    }

    fileprivate func end(_ shape: Shape, _ solution: Solution) {
        guard let basis = solution.basis else { return }
        lock.withLock { endedInStep[shape] = basis }
    }
}

/// A solver whose solves start where ``HorizonStepChain`` says.
private struct ChainedSolver: LinearSolver {
    let inner: any LinearSolver
    let chain: HorizonStepChain

    var name: String { inner.name }

    func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
        let (chained, shape) = chain.start(model, parameters)
        let solution = try inner.solve(model, parameters: chained)
        if let shape { chain.end(shape, solution) }
        return solution
    }

    func makeSession() -> any SolverSession { inner.makeSession() }
}
