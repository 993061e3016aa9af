/// Why a solver stopped (the first of a result's three status parts).
public enum TerminationStatus: String, Sendable, Codable {
    /// Proven optimal (for a MIP: within the solver's default integrality tolerances, gap closed).
    case optimal
    /// Proven to have no feasible point.
    case infeasible
    /// Proven unbounded (a feasible ray improves the objective without end).
    case unbounded
    /// Infeasible or unbounded; the solver could not tell which.
    case infeasibleOrUnbounded
    /// The time limit stopped the search.
    case timeLimit
    /// The requested relative MIP gap was reached (not proven optimal).
    case gapLimit
    /// An iteration limit stopped the search.
    case iterationLimit
    /// A callback asked the solver to stop.
    case interrupted
    /// Numerical difficulties (singular basis, ill-conditioning).
    case numericalError
    /// Any other failure; the raw code and message say more.
    case otherError
}

/// Whether a result holds a point, and of what quality (primal and dual parts).
public enum ResultStatus: String, Sendable, Codable {
    case feasiblePoint
    case infeasiblePoint
    case noSolution
    case unknown
}

/// The three-part status of a solve, with the backend's raw code and its manual's words.
public struct SolveStatus: Sendable, Equatable {
    public var termination: TerminationStatus
    public var primal: ResultStatus
    public var dual: ResultStatus
    /// The backend's own return code (for GLPK: 0 or one of `GLP_E*`).
    public var rawCode: Int
    /// What the backend's manual says the code means.
    public var message: String

    public init(termination: TerminationStatus, primal: ResultStatus, dual: ResultStatus, rawCode: Int, message: String) {
        self.termination = termination
        self.primal = primal
        self.dual = dual
        self.rawCode = rawCode
        self.message = message
    }

    /// A proven optimum with a primal point.
    public var isOptimal: Bool { termination == .optimal && primal == .feasiblePoint }
    /// A primal-feasible point exists (optimal or not).
    public var hasFeasiblePoint: Bool { primal == .feasiblePoint }
}

/// The result of solving a ``Model``.
///
/// Sign conventions (those of GLPK, stated once for every backend):
/// - ``rowDuals``[i] = ∂(optimal objective)/∂(active bound of row i): for a minimisation,
///   a binding `≤` row has a dual ≤ 0 and a binding `≥` row a dual ≥ 0.
/// - ``reducedCosts``[j] = c_j − Σ_i a_ij·dual_i = ∂(optimal objective)/∂(active bound of x_j).
public struct Solution: Sendable {
    public var status: SolveStatus
    /// The objective at ``values`` (constant included), when there is a point.
    public var objectiveValue: Double?
    /// The best proven bound on the objective (MIP), when known.
    public var bestBound: Double?
    /// |objective − bound| / (1e-10 + |objective|), as GLPK computes it; nil when unknown.
    public var relativeGap: Double?
    /// Column values (empty when there is no point).
    public var values: [Double]
    /// Row activities Σ a·x (empty when there is no point).
    public var rowActivities: [Double]
    /// Row duals, when available (LPs; for MIPs from the LP with integers fixed).
    public var rowDuals: [Double]?
    /// Reduced costs, when available.
    public var reducedCosts: [Double]?
    /// Wall-clock seconds spent in the solver.
    public var solveSeconds: Double
    /// Whether the optimal basis is dual degenerate (duals not unique) or primal degenerate.
    public var degenerateBasis: Bool
    /// Right-hand-side ranging of the rows ``SolverParameters/rangingRows`` asked for, by row
    /// index: only non-basic (active) rows have an entry. A basic row's dual is 0 for every
    /// right-hand side that keeps it inactive, which its activity already says.
    public var ranging: [Int: RowRanging] = [:]
    /// For a MIP given a first incumbent (``SolverParameters/integerStart`` or the point of the
    /// ``SolverParameters/primalHeuristic``): whether the integers returned are that point's, i.e.
    /// branch and bound found nothing better; whether the heuristic made it is in ``startFromHeuristic``.
    public var startKept = false
    /// Whether the first incumbent offered to branch and bound came from the primal heuristic.
    public var startFromHeuristic = false
    /// The simplex basis the LP ended at (for a MIP: its LP relaxation's optimal basis), when the
    /// backend has one; ``SolverParameters/startingBasis`` of a related solve can start there.
    public var basis: Basis?
    /// Simplex iterations this solve took (every LP of a MIP's search included; 0 when the
    /// backend does not count them): unlike seconds, the same on a loaded machine.
    public var simplexIterations = 0

    public init(status: SolveStatus, objectiveValue: Double? = nil, bestBound: Double? = nil, relativeGap: Double? = nil,
                values: [Double] = [], rowActivities: [Double] = [], rowDuals: [Double]? = nil,
                reducedCosts: [Double]? = nil, solveSeconds: Double = 0, degenerateBasis: Bool = false) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.solveSeconds = solveSeconds
        self.degenerateBasis = degenerateBasis
    }

    /// The value of `variable` in this solution.
    public subscript(variable: Variable) -> Double { values[variable.index] }
    /// The dual of `constraint`, when duals are available.
    public func dual(_ constraint: Constraint) -> Double? { rowDuals?[constraint.index] }
    /// The right-hand-side ranging of `constraint`, when it was asked for and the row is active.
    public func ranging(_ constraint: Constraint) -> RowRanging? { ranging[constraint.index] }
}

/// The right-hand-side ranging of one active row at an optimal basis (GLPK's
/// `glp_analyze_bound`, as `glp_print_ranges` reports it): while the row's active bound stays in
/// [``activityLower``, ``activityUpper``] the basis stays optimal, the row's dual holds, and the
/// objective is linear in the bound, from ``objectiveAtLower`` to ``objectiveAtUpper``.
/// For a MIP the ranging is that of the LP with every integer column fixed at its value.
public struct RowRanging: Sendable, Equatable {
    /// The lowest active bound that keeps the basis (−∞ when none limits it).
    public var activityLower: Double
    /// The highest active bound that keeps the basis (+∞ when none limits it).
    public var activityUpper: Double
    /// The objective (constant included) with the bound at ``activityLower``.
    public var objectiveAtLower: Double
    /// The objective (constant included) with the bound at ``activityUpper``.
    public var objectiveAtUpper: Double

    /// A ranging with the given limits and objective values.
    public init(activityLower: Double, activityUpper: Double, objectiveAtLower: Double, objectiveAtUpper: Double) {
        self.activityLower = activityLower
        self.activityUpper = activityUpper
        self.objectiveAtLower = objectiveAtLower
        self.objectiveAtUpper = objectiveAtUpper
    }
}
