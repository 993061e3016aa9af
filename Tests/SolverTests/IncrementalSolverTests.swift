import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// GLPK behind the solver-neutral interface: one-shot solves with ``SolverParameters``, and
/// sessions re-solving edited models from the previous basis.
@Suite struct IncrementalSolverTests {
    /// min 2x + 3y s.t. x + y ≥ a, x + 3y ≥ 6, x ≤ 5 (x, y ≥ 0). With a = 4 the optimum is
    /// x = 3, y = 1 (both rows bind): 9. Raising a to 5: x = 4.5, y = 0.5: 10.5. With x's cost
    /// at 4 instead of 2 and a = 4: y carries the first row, x = 0, y = 4: 12.
    static func model(a: Double = 4, costX: Double = 2, upperX: Double = 5) -> Model {
        var model = Model(name: "incremental")
        let x = model.addVariable(lower: 0, upper: upperX, name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(costX * x + 3 * y, sense: .minimize)
        model.addConstraint(x + y >= a, name: "a")
        model.addConstraint(x + 3 * y >= 6, name: "b")
        return model
    }

    @Test func parametersReachGLPK() throws {
        var parameters = SolverParameters()
        parameters.iterationLimit = 0
        let limited = try GLPKSolver().solve(Self.model(), parameters: parameters)
        #expect(limited.status.termination == .iterationLimit)
        let solved = try GLPKSolver().solve(Self.model(), parameters: SolverParameters())
        #expect(solved.status.isOptimal && abs(solved.objectiveValue! - 9) < 1e-9)
    }

    /// Right-hand side, objective coefficient and bound edits are re-solved warm and reach the
    /// optimum a fresh solve of the edited model reaches; a model with another matrix is loaded
    /// afresh.
    @Test func warmResolvesMatchFreshSolves() throws {
        let incremental = IncrementalSolver(solver: GLPKSolver())
        defer { incremental.close() }
        let cases: [(model: Model, warm: Bool, objective: Double)] = [
            (Self.model(), false, 9),
            (Self.model(a: 5), true, 10.5),
            (Self.model(a: 4, costX: 4), true, 12),
            (Self.model(a: 4, costX: 4, upperX: 0), true, 12),
            (Self.model(a: 4, costX: 2, upperX: 1), true, 2 + 3 * 3),
        ]
        for (model, warm, objective) in cases {
            let (solution, wasWarm) = try incremental.solve(model, parameters: SolverParameters())
            let fresh = try GLPKSolver.solve(model)
            #expect(wasWarm == warm)
            #expect(solution.status.isOptimal && abs(solution.objectiveValue! - objective) < 1e-9,
                    "\(String(describing: solution.objectiveValue)) ≠ \(objective)")
            #expect(abs(solution.objectiveValue! - fresh.objectiveValue!) < 1e-9)
        }
        var other = Self.model()
        other.addConstraint(LinearExpression(Variable(index: 0)) <= 2, name: "c")
        let (solution, wasWarm) = try incremental.solve(other, parameters: SolverParameters())
        #expect(!wasWarm)
        // x ≤ 2: x = 2, y = 2 (rows a and b: 2 + 2 ≥ 4, 2 + 6 ≥ 6): 4 + 6 = 10.
        #expect(abs(solution.objectiveValue! - 10) < 1e-9)
    }

    /// A coefficient change (row b: x + c·y ≥ 6) is sent as a row edit and re-solved warm, to the
    /// optimum of a fresh solve: with c = 2, x + y ≥ 4 and x + 2y ≥ 6 bind at x = 2, y = 2: 10;
    /// with c = 6 both bind at y = 0.4, x = 3.6: 8.4; a row losing an entry (b: x ≥ 6, beyond
    /// x ≤ 5) is infeasible, as a fresh solve says.
    @Test func coefficientChangesResolveWarm() throws {
        func model(_ c: Double) -> Model {
            var model = Model(name: "rows")
            let x = model.addVariable(lower: 0, upper: 5, name: "x")
            let y = model.addVariable(name: "y")
            model.setObjective(2 * x + 3 * y, sense: .minimize)
            model.addConstraint(x + y >= 4, name: "a")
            model.addConstraint(c == 0 ? LinearExpression(x) >= 6 : x + c * y >= 6, name: "b")
            return model
        }
        let incremental = IncrementalSolver(solver: GLPKSolver())
        defer { incremental.close() }
        for (c, warm) in [(3.0, false), (2, true), (6, true), (0, true)] {
            let (solution, wasWarm) = try incremental.solve(model(c), parameters: SolverParameters())
            let fresh = try GLPKSolver.solve(model(c))
            #expect(wasWarm == warm)
            #expect(solution.status.termination == fresh.status.termination, "c = \(c)")
            if let value = fresh.objectiveValue, fresh.status.isOptimal {
                #expect(abs(solution.objectiveValue! - value) < 1e-9, "c = \(c)")
            }
        }
        #expect(abs(try GLPKSolver.solve(model(2)).objectiveValue! - 10) < 1e-9)
        #expect(abs(try GLPKSolver.solve(model(6)).objectiveValue! - 8.4) < 1e-9)
    }

    /// A session without a model says so instead of crashing; after close it is empty again.
    @Test func sessionWithoutAModelIsAnError() throws {
        let session = GLPKSolver().makeSession()
        #expect(throws: GLPKError.self) { try session.solve(parameters: SolverParameters()) }
        try session.load(Self.model())
        #expect(try session.solve(parameters: SolverParameters()).status.isOptimal)
        session.close()
        #expect(throws: GLPKError.self) { try session.setBounds(Constraint(index: 0), lower: 1, upper: 2) }
    }
}
