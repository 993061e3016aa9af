/// Solves a sequence of models on one ``SolverSession``, re-solving from the previous basis
/// whenever a model differs from the loaded one only in its numbers.
///
/// The first model is loaded and solved. A later model with the same rows and columns, objective
/// sense and constant, and column kinds has only its changed rows, bounds, right-hand sides and
/// objective coefficients sent to the session, which re-solves from where the previous solve ended
/// (a budget sweep's steps differ only in budget rows; a rule's parameter moved changes its rows'
/// coefficients). Any other model is loaded afresh.
/// Confined to the thread that first calls ``solve(_:parameters:)``.
public final class IncrementalSolver {
    private let solver: any LinearSolver
    private var session: (any SolverSession)?
    private var loaded: Model?

    /// An incremental solver over sessions of `solver`; nothing is loaded until the first solve.
    public init(solver: any LinearSolver) {
        self.solver = solver
    }

    deinit { session?.close() }

    /// Solves `model`; `warm` says whether it was re-solved from the previous model's basis.
    /// - Complexity: O(variables + constraints + nonzeros) to compare with the loaded model.
    public func solve(_ model: Model, parameters: SolverParameters) throws -> (solution: Solution, warm: Bool) {
        if let session, let loaded, Self.sameStructure(loaded, model) {
            try Self.sendChanges(from: loaded, to: model, session)
            self.loaded = model
            return (try session.solve(parameters: parameters), true)
        }
        let session = self.session ?? solver.makeSession()
        self.session = session
        loaded = nil
        try session.load(model)
        loaded = model
        return (try session.solve(parameters: parameters), false)
    }

    /// Frees the session. Idempotent; a later solve loads afresh.
    public func close() {
        session?.close()
        session = nil
        loaded = nil
    }

    /// Same rows and columns, objective sense and constant, and column kinds (coefficients, bounds
    /// and objective coefficients may differ).
    /// - Complexity: O(variables).
    static func sameStructure(_ a: Model, _ b: Model) -> Bool {
        a.variableCount == b.variableCount && a.constraintCount == b.constraintCount
            && a.sense == b.sense && a.objectiveConstant == b.objectiveConstant && a.columnKind == b.columnKind
    }

    /// Sends every row, bound and objective coefficient of `new` that differs from `old`.
    /// - Complexity: O(variables + constraints + nonzeros).
    private static func sendChanges(from old: Model, to new: Model, _ session: any SolverSession) throws {
        for i in 0..<new.constraintCount {
            let oldRow = old.rowStart[i]..<old.rowStart[i + 1], newRow = new.rowStart[i]..<new.rowStart[i + 1]
            guard !(old.entryColumn[oldRow].elementsEqual(new.entryColumn[newRow])
                    && old.entryValue[oldRow].elementsEqual(new.entryValue[newRow])) else { continue }
            try session.setRow(Constraint(index: i), columns: new.entryColumn[newRow].map { Int($0) },
                               coefficients: Array(new.entryValue[newRow]))
        }
        for i in 0..<new.constraintCount where new.rowLower[i] != old.rowLower[i] || new.rowUpper[i] != old.rowUpper[i] {
            try session.setBounds(Constraint(index: i), lower: new.rowLower[i], upper: new.rowUpper[i])
        }
        for j in 0..<new.variableCount
        where new.columnLower[j] != old.columnLower[j] || new.columnUpper[j] != old.columnUpper[j] {
            try session.setBounds(Variable(index: j), lower: new.columnLower[j], upper: new.columnUpper[j])
        }
        for j in 0..<new.variableCount where new.objective[j] != old.objective[j] {
            try session.setObjectiveCoefficient(Variable(index: j), new.objective[j])
        }
    }
}
