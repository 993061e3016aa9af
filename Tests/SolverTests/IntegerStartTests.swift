import GLPKSolver
import LinearProgramming
import Testing

/// `SolverParameters.integerStart`: a feasible integer point given to branch and bound is its first
/// incumbent (the top-up's plan starts from the top-up model's dispatch, issue 15).
@Suite struct IntegerStartTests {
    /// MIPGapTests' knapsack stops short of its optimum at a 5% gap (its first incumbents are not
    /// optimal); given the optimum as its start, the same loose search returns it: an incumbent is
    /// never given back for a worse one.
    @Test func theStartIsTheFirstIncumbent() throws {
        var exact = GLPKOptions()
        exact.relativeGap = 0
        let best = try GLPKSolver.solve(MIPGapTests.knapsack(constant: 0), options: exact)
        let optimum = try #require(best.objectiveValue)
        var loose = GLPKOptions()
        loose.relativeGap = 0.05
        let early = try #require(try GLPKSolver.solve(MIPGapTests.knapsack(constant: 0), options: loose).objectiveValue)
        #expect(early < optimum - 0.5, "without a start the loose search stops short")
        loose.parameters.integerStart = best.values
        let started = try GLPKSolver.solve(MIPGapTests.knapsack(constant: 0), options: loose)
        #expect(abs(try #require(started.objectiveValue) - optimum) < 1e-9)
        // An LP's values of integer columns come back a rounding error off (1.0000000000000002):
        // still the start (GLPK itself would reject a value that is not exactly whole).
        loose.parameters.integerStart = best.values.map { $0 > 0.5 ? $0.nextUp : $0 }
        #expect(abs(try #require(try GLPKSolver.solve(MIPGapTests.knapsack(constant: 0), options: loose).objectiveValue) - optimum) < 1e-6)
        // A start of the wrong length is ignored, not read past its end.
        loose.parameters.integerStart = [1, 0]
        #expect(try GLPKSolver.solve(MIPGapTests.knapsack(constant: 0), options: loose).objectiveValue == early)
    }
}
