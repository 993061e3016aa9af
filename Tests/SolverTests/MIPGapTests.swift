import GLPKSolver
import LinearProgramming
import Testing

/// The relative MIP gap is measured without the objective constant: a constant is an offset
/// that no solve can change, and must not loosen (or tighten) when branch and bound may stop.
@Suite("MIP gap and the objective constant")
struct MIPGapTests {
    /// max Σ v_i x_i s.t. Σ w_i x_i ≤ W, x binary: a knapsack whose first incumbents are not optimal.
    static func knapsack(constant: Double) -> Model {
        var model = Model()
        var terms = LinearExpression(), weights = LinearExpression()
        var total = 0.0
        for i in 0..<40 {
            let x = model.addVariable(lower: 0, upper: 1, kind: .binary, name: "x\(i)")
            // Scattered but fixed weights and values (multiplicative steps modulo primes).
            let w = Double(20 + (i * 37 + 11) % 59), v = w + Double((i * 53 + 7) % 23)
            terms += v * x
            weights += w * x
            total += w
        }
        model.setObjective(terms, sense: .maximize)
        model.objectiveConstant = constant
        model.addConstraint(weights <= (total / 3).rounded(), name: "capacity")
        return model
    }

    @Test("a gap of 1e-9 with a constant of 1e12 still finds the optimum; the reported gap excludes the constant")
    func constantDoesNotLoosenTheGap() throws {
        var exact = GLPKOptions()
        exact.relativeGap = 0
        let optimum = try #require(try GLPKSolver.solve(Self.knapsack(constant: 0), options: exact).objectiveValue)
        // The instance discriminates: a loose gap (what 1e-9 of 1e12 would be) stops short.
        var loose = GLPKOptions()
        loose.relativeGap = 0.05
        let early = try #require(try GLPKSolver.solve(Self.knapsack(constant: 0), options: loose).objectiveValue)
        #expect(early < optimum - 0.5, "the knapsack's first incumbents are optimal: the test cannot tell")
        var tight = GLPKOptions()
        tight.relativeGap = 1e-9
        let solution = try GLPKSolver.solve(Self.knapsack(constant: 1e12), options: tight)
        let value = try #require(solution.objectiveValue)
        #expect(abs(value - 1e12 - optimum) < 1e-6, "stopped at \(value - 1e12) against the optimum \(optimum)")
        #expect((solution.relativeGap ?? 1) <= 1e-9)
        #expect(abs((solution.bestBound ?? 0) - value) <= 1e-9 * (value - 1e12) + 1e-6)
    }
}
