/// A backend that solves a ``Model``: the one interface a caller of a solver needs (MOI's
/// `optimize!`, MathOpt's `Solve(model, solver_type, args)`).
///
/// A conforming value is a description of the backend and its own settings; it holds no solver
/// state, so it may be shared across threads. State that outlives one call (a loaded model and
/// its basis) lives in a ``SolverSession`` made on the thread that uses it.
public protocol LinearSolver: Sendable {
    /// A short name of the backend, for messages (`GLPK 5.0`).
    var name: String { get }

    /// Solves `model` from scratch.
    /// - Throws: for an invalid model or a fault inside the backend. Solver outcomes
    ///   (infeasible, unbounded, a limit reached) are statuses of the solution, not errors.
    func solve(_ model: Model, parameters: SolverParameters) throws -> Solution

    /// A session that keeps a model loaded between solves, so that a model changed in its
    /// numbers is re-solved from the previous basis. Use it on the calling thread only.
    func makeSession() -> any SolverSession
}

/// A model kept loaded in a backend between solves (MathOpt's incremental solver).
///
/// Edit bounds, right-hand sides or objective coefficients and call ``solve(parameters:)``
/// again: the backend starts from the basis the previous solve left. Confined to the thread
/// that loaded the model; ``close()`` frees what the backend holds.
public protocol SolverSession: AnyObject {
    /// Loads `model`, replacing whatever was loaded; the next solve starts from scratch.
    func load(_ model: Model) throws
    /// Changes a variable's bounds.
    func setBounds(_ variable: Variable, lower: Double, upper: Double) throws
    /// Changes a constraint's bounds (its right-hand side).
    func setBounds(_ constraint: Constraint, lower: Double, upper: Double) throws
    /// Replaces a constraint's coefficients (0-based columns, distinct; finite values).
    func setRow(_ constraint: Constraint, columns: [Int], coefficients: [Double]) throws
    /// Changes one objective coefficient.
    func setObjectiveCoefficient(_ variable: Variable, _ value: Double) throws
    /// Solves the loaded model, from the previous solve's basis when there was one.
    /// - Throws: when nothing is loaded, or for a fault inside the backend.
    func solve(parameters: SolverParameters) throws -> Solution
    /// Frees the loaded model. Idempotent.
    func close()
}

/// A backend that writes models in the file formats other solvers read (a capability of some
/// backends, as good_lp keeps optional solver features apart).
public protocol ModelFileWriter {
    /// Writes `model` to `path` in `format`, exactly as the backend would load it. The files
    /// carry no objective constant; a backend writes it as a comment when the model has one.
    func write(_ model: Model, to path: String, format: ModelFileFormat) throws
}

/// The file formats of mathematical programs.
public enum ModelFileFormat: String, Sendable {
    /// CPLEX LP format.
    case lp
    /// Free MPS (names may be long).
    case freeMPS
    /// Fixed MPS.
    case fixedMPS
}

/// A backend lacks a capability that was asked of it.
public struct UnsupportedCapability: Error, Sendable, CustomStringConvertible {
    /// What was asked (`writing LP/MPS files`).
    public var capability: String
    /// The backend's ``LinearSolver/name``.
    public var backend: String

    public init(capability: String, backend: String) {
        self.capability = capability
        self.backend = backend
    }

    public var description: String { "\(backend) cannot do this: \(capability)" }
}

/// How a solve should run, in terms every backend understands (MathOpt's `SolveParameters`).
/// A backend's own knobs (algorithm, scaling, presolver) live in its own options type.
public struct SolverParameters: Sendable {
    /// Wall-clock limit in seconds (nil: none).
    public var timeLimit: Double?
    /// Relative MIP gap at which branch and bound may stop (nil: the backend's default),
    /// measured without the objective constant: |incumbent − bound| / |incumbent − constant|.
    public var relativeGap: Double?
    /// Simplex iteration limit (nil: none).
    public var iterationLimit: Int?
    /// For a MIP, also compute duals by fixing the integers and re-solving the LP.
    public var mipDuals = false
    /// Rows whose right-hand-side ranging the solution should carry (``Solution/ranging``): for
    /// an LP solved to optimality by the simplex, and for a MIP with ``mipDuals`` from the LP
    /// with the integers fixed. Empty: none (ranging costs a factorisation and a ratio test per row).
    public var rangingRows: [Constraint] = []
    /// For a MIP: a point known to be feasible (one value per column, integers integral), given
    /// to branch and bound as its first incumbent, so that the search starts from a plan. The
    /// backend trusts it: it is not checked against the rows. Nil: none.
    public var integerStart: [Double]?
    /// For a MIP without ``integerStart``: a primal heuristic the backend runs when the LP
    /// relaxation is optimal and not integral, before branch and bound. Its point, when it returns
    /// one, becomes the first incumbent (trusted as ``integerStart`` is); branch and bound keeps it
    /// only while it finds nothing better. Nil: none. A backend without the capability ignores it.
    public var primalHeuristic: PrimalHeuristic?
    /// A basis to start the simplex from (for a MIP: its LP relaxation), when it fits the model
    /// (one status per row and column, one basic entry per row); a backend that cannot factorise
    /// it starts from its own. Nil: the backend's usual start.
    public var startingBasis: Basis?
    /// Whether ``startingBasis`` is (nearly) primal feasible and far from dual feasible (a point
    /// joined from the years of a horizon): a backend with both simplex methods starts the primal
    /// one there, which keeps that feasibility, where the dual would first restore dual
    /// feasibility and lose it.
    public var startingBasisIsPrimalFeasible = false
    /// Send the backend's own output to ``log``.
    public var verbose = false
    /// Where the backend's output goes, line by line, when ``verbose`` (nil: the backend's
    /// default logger).
    public var log: (@Sendable (String) -> Void)?
    /// Called during branch and bound on every new incumbent and periodically; return
    /// ``MIPDecision/stop`` to end the search (status ``TerminationStatus/interrupted``).
    public var progress: (@Sendable (MIPProgress) -> MIPDecision)?

    public init() {}
}

/// A primal heuristic for a MIP, run by the backend between the LP relaxation and branch and bound
/// (``SolverParameters/primalHeuristic``).
public struct PrimalHeuristic: Sendable {
    /// Re-solves the LP with every integer column fixed at its value in the given point (one value
    /// per column, the others ignored), from the relaxation's basis; the bounds come back after.
    public typealias FixedIntegersSolve = (_ point: [Double]) throws -> Solution

    /// Builds an integer point from the optimal LP relaxation, solving LPs with the integers fixed
    /// through the second argument; returns a point feasible for the MIP (every column, integers
    /// integral) or nil when it finds none.
    public var run: @Sendable (_ relaxation: Solution, _ solveFixed: FixedIntegersSolve) throws -> [Double]?

    public init(run: @escaping @Sendable (_ relaxation: Solution, _ solveFixed: FixedIntegersSolve) throws -> [Double]?) {
        self.run = run
    }
}

/// A snapshot of branch and bound.
public struct MIPProgress: Sendable {
    /// The objective of the best integer solution so far.
    public var incumbent: Double?
    /// The best bound among the open nodes.
    public var bound: Double?
    /// The relative gap |incumbent − bound| / (|incumbent − constant| + ε) (incumbent and bound
    /// include the objective constant; the gap does not).
    public var relativeGap: Double?
    /// Open nodes.
    public var activeNodes: Int
    /// Whether this call reports a new incumbent.
    public var newIncumbent: Bool

    /// A snapshot with the given values.
    public init(incumbent: Double?, bound: Double?, relativeGap: Double?, activeNodes: Int, newIncumbent: Bool) {
        self.incumbent = incumbent
        self.bound = bound
        self.relativeGap = relativeGap
        self.activeNodes = activeNodes
        self.newIncumbent = newIncumbent
    }
}

/// What a progress handler wants.
public enum MIPDecision: Sendable {
    case proceed
    case stop
}
