import GLPKSolver
import LinearProgramming
import Testing

/// `Solution.basis` and `SolverParameters.startingBasis`: a solve reports the basis it ended at,
/// and a solve given a basis starts its simplex there (a plan starts from the optimum without
/// rules, docs/scaling.md). Iteration counts, unlike seconds, do not depend on the machine's load.
@Suite struct StartingBasisTests {
    /// IncrementalSolverTests' LP: min 2x + 3y, x + y ≥ 4, x + 3y ≥ 6, x ≤ 5; optimum 9 at
    /// x = 3, y = 1, both rows binding (at their lower bounds), x and y basic.
    static let model = IncrementalSolverTests.model()

    @Test("an LP reports its optimal basis, and started there it takes no iteration")
    func optimalBasisTakesNoIteration() throws {
        let cold = try GLPKSolver().solve(Self.model, parameters: SolverParameters())
        let basis = try #require(cold.basis)
        #expect(basis == Basis(rows: [.atLower, .atLower], columns: [.basic, .basic]))
        #expect(cold.simplexIterations > 0)
        var parameters = SolverParameters()
        parameters.startingBasis = basis
        let warm = try GLPKSolver().solve(Self.model, parameters: parameters)
        let optimum = try #require(warm.objectiveValue)
        #expect(warm.status.isOptimal && abs(optimum - 9) < 1e-9)
        #expect(warm.simplexIterations == 0)
    }

    @Test("a basis that does not fit (sizes, basic count) is ignored; a singular one falls back to GLPK's own")
    func unusableBasesStillReachTheOptimum() throws {
        let unusable = [
            Basis(rows: [.basic], columns: [.atLower, .atLower]),                   // one row short
            Basis(rows: [.basic, .basic], columns: [.basic, .atLower]),             // three basic for two rows
            Basis(rows: [.basic, .atLower, .atLower], columns: [.atLower, .atLower]), // a row too many
        ]
        for basis in unusable {
            var parameters = SolverParameters()
            parameters.startingBasis = basis
            let solution = try GLPKSolver().solve(Self.model, parameters: parameters)
            let optimum = try #require(solution.objectiveValue)
            #expect(solution.status.isOptimal && abs(optimum - 9) < 1e-9, "\(basis)")
        }
        // Two copies of one column basic in a 2-row model: the basis matrix [[1, 1], [1, 1]] is singular.
        var twins = Model(name: "twins")
        let a = twins.addVariable(lower: 0, upper: 10, name: "a"), b = twins.addVariable(lower: 0, upper: 10, name: "b")
        twins.setObjective(-1 * a - 2 * b, sense: .minimize)
        twins.addConstraint(a + b <= 4, name: "r1")
        twins.addConstraint(a + b <= 6, name: "r2")
        var parameters = SolverParameters()
        parameters.startingBasis = Basis(rows: [.atUpper, .atUpper], columns: [.basic, .basic])
        let solution = try GLPKSolver().solve(twins, parameters: parameters)
        let optimum = try #require(solution.objectiveValue)
        #expect(solution.status.isOptimal && abs(optimum + 8) < 1e-9)
    }

    @Test("a MIP reports its LP relaxation's optimal basis; started there, its relaxation takes no iteration")
    func mipReportsItsRelaxationBasis() throws {
        let knapsack = MIPGapTests.knapsack(constant: 0)
        let relaxation = try GLPKSolver().solve(knapsack.relaxingIntegersForTest(), parameters: SolverParameters())
        let mip = try GLPKSolver().solve(knapsack, parameters: SolverParameters())
        #expect(mip.basis == relaxation.basis)
        var parameters = SolverParameters()
        parameters.startingBasis = relaxation.basis
        let started = try GLPKSolver().solve(knapsack, parameters: parameters)
        let (startedValue, mipValue) = (try #require(started.objectiveValue), try #require(mip.objectiveValue))
        #expect(abs(startedValue - mipValue) < 1e-9)
        // Branch and bound's own LPs still count; the relaxation from its optimal basis does not.
        #expect(started.simplexIterations <= mip.simplexIterations - relaxation.simplexIterations)
    }
}

extension Model {
    /// Every column continuous, bounds kept.
    func relaxingIntegersForTest() -> Model {
        var relaxed = self
        for j in columnKind.indices { relaxed.setKind(Variable(index: j), .continuous) }
        return relaxed
    }
}
