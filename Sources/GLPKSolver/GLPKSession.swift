import LinearProgramming

/// A ``SolverSession`` on one ``GLPKProblem``, confined to the thread that loads it.
///
/// A session expects re-solves, so every solve but an LP's first skips GLPK's presolver: a
/// re-solve starts from the previous basis (the presolver would throw it away), and a MIP's
/// first LP relaxation goes without it too, so that every solve of the session takes the same
/// path (relaxation by the simplex on the original problem, then branch and bound). On the demo
/// province that first relaxation also takes 2.5 s without the LP presolver against 6.8 s with
/// it (GLPK 5.0; docs/scaling.md).
public final class GLPKSession: SolverSession {
    private let options: GLPKOptions
    private var problem: GLPKProblem?
    private var solvedSinceLoad = false

    /// A session solving with `options` (their parameters are replaced by each solve's).
    public init(options: GLPKOptions = GLPKOptions()) {
        self.options = options
    }

    deinit { close() }

    /// Validates and loads `model` into a new GLPK problem, freeing the previous one.
    public func load(_ model: Model) throws {
        close()
        problem = try GLPKProblem(model: model)
        solvedSinceLoad = false
    }

    /// Changes a variable's bounds in the loaded problem.
    public func setBounds(_ variable: Variable, lower: Double, upper: Double) throws {
        try loaded("setBounds").setBounds(variable, lower: lower, upper: upper)
    }

    /// Changes a constraint's bounds in the loaded problem.
    public func setBounds(_ constraint: Constraint, lower: Double, upper: Double) throws {
        try loaded("setBounds").setBounds(constraint, lower: lower, upper: upper)
    }

    /// Replaces a constraint's coefficients in the loaded problem.
    public func setRow(_ constraint: Constraint, columns: [Int], coefficients: [Double]) throws {
        try loaded("setRow").setRow(constraint, columns: columns, coefficients: coefficients)
    }

    /// Changes one objective coefficient of the loaded problem.
    public func setObjectiveCoefficient(_ variable: Variable, _ value: Double) throws {
        try loaded("setObjectiveCoefficient").setObjectiveCoefficient(variable, value)
    }

    /// Solves the loaded problem from its current basis (the presolver as the type says).
    public func solve(parameters: SolverParameters) throws -> Solution {
        let problem = try loaded("solve")
        var options = options
        options.parameters = parameters
        if solvedSinceLoad || problem.columnKinds.contains(where: { $0 != .continuous }) { options.presolve = false }
        solvedSinceLoad = true
        return try problem.solve(options: options)
    }

    /// Frees the loaded problem. Idempotent.
    public func close() {
        try? problem?.close()
        problem = nil
        solvedSinceLoad = false
    }

    private func loaded(_ operation: String) throws -> GLPKProblem {
        guard let problem else { throw GLPKError.unavailable(operation: operation, reason: "no model is loaded in the session") }
        return problem
    }
}
