import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// Right-hand-side ranging through the solver protocol (``SolverParameters/rangingRows``).
@Suite struct RangingTests {
    /// min 2x + 3y s.t. a: x + y ≥ 4, b: x + 3y ≥ 6. Optimum (3, 1), objective 9, duals 1.5 and 0.5.
    /// a's dual holds while its rhs stays in [2, 6]: at 2 the vertex is (0, 2), objective 6; at 6
    /// it is (6, 0), objective 12 — both by hand.
    private func handModel() -> (Model, Constraint, Variable, Variable) {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(2 * x + 3 * y, sense: .minimize)
        let a = model.addConstraint(x + y >= 4)
        model.addConstraint(x + 3 * y >= 6)
        return (model, a, x, y)
    }

    /// Both right-hand sides moved together, a: 4 + θ, b: 6 + θ, through a free column w (−1 in a
    /// and b, added by ``Model/addingColumns(_:)``) pinned by a row w = 0 (as F2's fund claims move
    /// a budget row and the coverage rows). By hand, with x and y basic: y = 1, x = 3 + θ, objective
    /// 9 + 2θ (2 = the two duals' sum), the basis feasible while x ≥ 0: θ from −3, no upper end.
    @Test func aDirectionOfRightHandSidesRangedThroughAPinnedColumn() throws {
        let (model, a, _, _) = handModel()
        var moved = model.addingColumns([Model.NewColumn(lower: -.infinity, upper: .infinity, name: "w",
                                                         entries: [(a.index, -1), (a.index + 1, -1)])])
        #expect(moved.variableCount == 3 && moved.nonzeroCount == model.nonzeroCount + 2)
        #expect(moved.row(a).map(\.coefficient) == [1, 1, -1])
        let pin = moved.addRow(columns: [2], coefficients: [1], lower: 0, upper: 0, name: "pin")
        var parameters = SolverParameters()
        parameters.rangingRows = [pin]
        let solution = try GLPKSolver().solve(moved, parameters: parameters)
        #expect(abs((solution.objectiveValue ?? 0) - 9) < 1e-9)
        #expect(abs((solution.dual(pin) ?? 0) - 2) < 1e-9)
        let ranging = try #require(solution.ranging(pin))
        #expect(abs(ranging.activityLower + 3) < 1e-9 && ranging.activityUpper > 1e30)
    }

    @Test func rangingOfAnActiveRowByHand() throws {
        let (model, a, _, _) = handModel()
        var parameters = SolverParameters()
        parameters.rangingRows = [a]
        let solution = try GLPKSolver().solve(model, parameters: parameters)
        let ranging = try #require(solution.ranging(a))
        #expect(abs(ranging.activityLower - 2) < 1e-9 && abs(ranging.activityUpper - 6) < 1e-9)
        #expect(abs(ranging.objectiveAtLower - 6) < 1e-9 && abs(ranging.objectiveAtUpper - 12) < 1e-9)
    }

    @Test func noRangingUnlessAsked() throws {
        let (model, a, _, _) = handModel()
        let solution = try GLPKSolver().solve(model, parameters: SolverParameters())
        #expect(solution.ranging(a) == nil)
    }

    /// A basic (inactive) row has no entry: x + y ≥ 1 is slack at the optimum.
    @Test func inactiveRowHasNoRanging() throws {
        var (model, _, x, y) = handModel()
        let loose = model.addConstraint(x + y >= 1)
        var parameters = SolverParameters()
        parameters.rangingRows = [loose]
        let solution = try GLPKSolver().solve(model, parameters: parameters)
        #expect(solution.status.isOptimal)
        #expect(solution.ranging(loose) == nil)
    }

    /// A MIP ranges the LP with its integers fixed. min 2x + 3y, x integer, x + y ≥ 4.5,
    /// b: x + 3y ≥ 6: x = 3 costs 10.5, x = 4 costs 10 (y = 2/3), x = 5 costs 11, so x = 4. With x
    /// fixed at 4, b's rhs r gives y = (r − 4)/3 (dual 1), and the first row (y ≥ 0.5) holds
    /// down to r = 5.5 (objective 9.5); nothing limits r upwards.
    @Test func mipRangesTheFixedLP() throws {
        var model = Model()
        let x = model.addVariable(kind: .integer, name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(2 * x + 3 * y, sense: .minimize)
        model.addConstraint(x + y >= 4.5)
        let b = model.addConstraint(x + 3 * y >= 6)
        var parameters = SolverParameters()
        parameters.mipDuals = true
        parameters.rangingRows = [b]
        let solution = try GLPKSolver().solve(model, parameters: parameters)
        #expect(solution.status.isOptimal)
        #expect(abs(solution[x] - 4) < 1e-9)
        let ranging = try #require(solution.ranging(b))
        #expect(abs(ranging.activityLower - 5.5) < 1e-9 && abs(ranging.objectiveAtLower - 9.5) < 1e-9)
        #expect(ranging.activityUpper == .infinity && ranging.objectiveAtUpper == .infinity)
    }
}
