import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// Classic problems whose optima are published or derived by hand.
@Suite struct KnownOptimaTests {
    /// Dantzig's transportation problem (as in GAMS' `trnsport` and GLPK's `transp.mod`):
    /// plants Seattle (350 cases) and San Diego (600); markets New York (325), Chicago (300),
    /// Topeka (275); freight 90 $ per case per thousand miles. Optimum 153.675 thousand $.
    @Test func dantzigTransportation() throws {
        var model = Model(name: "transport")
        let supply = [350.0, 600]
        let demand = [325.0, 300, 275]
        let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]]
        var x: [[Variable]] = []
        for i in 0..<2 {
            x.append((0..<3).map { j in model.addVariable(name: "x[\(i),\(j)]") })
        }
        var objective = LinearExpression()
        for i in 0..<2 { for j in 0..<3 { objective.add(x[i][j], 90 * distance[i][j] / 1000) } }
        model.setObjective(objective, sense: .minimize)
        for i in 0..<2 { model.addConstraint(sum(x[i]) <= supply[i], name: "supply[\(i)]") }
        for j in 0..<3 { model.addConstraint(sum((0..<2).map { x[$0][j] }) >= demand[j], name: "demand[\(j)]") }

        let solution = try GLPKSolver.solve(model)
        #expect(solution.status.isOptimal)
        #expect(abs(solution.objectiveValue! - 153.675) < 1e-9)
        // Every market served exactly (the cheapest plan never over-ships).
        for j in 0..<3 {
            let shipped = (0..<2).reduce(0.0) { $0 + solution[x[$1][j]] }
            #expect(abs(shipped - demand[j]) < 1e-9)
        }
    }

    /// max x + y s.t. −x + y ≤ 1, 3x + 2y ≤ 12, 2x + 3y ≤ 12, x, y ≥ 0 integer.
    /// LP relaxation: x = y = 2.4, objective 4.8. Integer optimum 4 (e.g. (2, 2)):
    /// x + y = 5 would need 3x + 2y ≤ 12 and 2x + 3y ≤ 12, i.e. 5(x + y) ≤ 24, impossible.
    @Test func smallMIPDiffersFromRelaxation() throws {
        var model = Model(name: "small-mip")
        let x = model.addVariable(kind: .integer, name: "x")
        let y = model.addVariable(kind: .integer, name: "y")
        model.setObjective(x + y, sense: .maximize)
        model.addConstraint(y - x <= 1)
        model.addConstraint(3 * x + 2 * y <= 12)
        model.addConstraint(2 * x + 3 * y <= 12)

        let mip = try GLPKSolver.solve(model)
        #expect(mip.status.isOptimal)
        #expect(mip.objectiveValue == 4)
        #expect(mip.values.allSatisfy { $0 == $0.rounded() })

        var relaxed = model
        relaxed.setKind(x, .continuous)
        relaxed.setKind(y, .continuous)
        let lp = try GLPKSolver.solve(relaxed)
        #expect(lp.status.isOptimal)
        #expect(abs(lp.objectiveValue! - 4.8) < 1e-9)
    }

    @Test(arguments: [true, false])
    func infeasibleLP(presolve: Bool) throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(x + y, sense: .minimize)
        model.addConstraint(x + y >= 5)
        model.addConstraint(x + y <= 3)
        var options = GLPKOptions()
        options.presolve = presolve
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status.termination == .infeasible)
        #expect(solution.status.primal != .feasiblePoint)
        #expect(solution.objectiveValue == nil || !solution.status.isOptimal)
    }

    @Test(arguments: [true, false])
    func unboundedLP(presolve: Bool) throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(LinearExpression(x), sense: .maximize)
        model.addConstraint(x - y <= 1)
        var options = GLPKOptions()
        options.presolve = presolve
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status.termination == .unbounded)
    }

    @Test func infeasibleMIP() throws {
        // 2x = 1 has no integer solution; the LP relaxation is feasible.
        var model = Model()
        let x = model.addVariable(lower: 0, upper: 10, kind: .integer, name: "x")
        model.setObjective(LinearExpression(x), sense: .minimize)
        model.addConstraint(2 * x == 1.0)
        let solution = try GLPKSolver.solve(model)
        #expect(solution.status.termination == .infeasible)
        #expect(solution.status.primal == .noSolution)
    }

    /// min 2x + 3y s.t. x + y ≥ 4 (a), x + 3y ≥ 6 (b), x, y ≥ 0.
    /// Optimum at a ∩ b: y = 1, x = 3, objective 9. Both x and y basic, so their reduced
    /// costs are 0 and the duals solve πa + πb = 2, πa + 3πb = 3: πb = 0.5, πa = 1.5
    /// (objective = 4·1.5 + 6·0.5 = 9). Convention: dual = ∂objective/∂rhs, so a binding
    /// ≥ row of a minimisation has a non-negative dual.
    @Test func dualsAndReducedCostsByHand() throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        let z = model.addVariable(name: "z") // unused: its reduced cost is its cost, 1
        model.setObjective(2 * x + 3 * y + 1 * z, sense: .minimize)
        let a = model.addConstraint(x + y >= 4, name: "a")
        let b = model.addConstraint(x + 3 * y >= 6, name: "b")
        let solution = try GLPKSolver.solve(model)
        #expect(solution.status.isOptimal)
        #expect(abs(solution.objectiveValue! - 9) < 1e-9)
        #expect(abs(solution[x] - 3) < 1e-9 && abs(solution[y] - 1) < 1e-9)
        #expect(abs(solution.dual(a)! - 1.5) < 1e-9)
        #expect(abs(solution.dual(b)! - 0.5) < 1e-9)
        #expect(abs(solution.reducedCosts![x.index]) < 1e-9)
        #expect(abs(solution.reducedCosts![z.index] - 1) < 1e-9)

        // The dual predicts the change: raising a's right-hand side by 1 costs 1.5.
        var raised = model
        raised.setBounds(a, lower: 5, upper: .infinity)
        let moved = try GLPKSolver.solve(raised)
        #expect(abs(moved.objectiveValue! - 10.5) < 1e-9)
    }

    /// The same duals by the interior-point method.
    @Test func interiorPointAgrees() throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(2 * x + 3 * y, sense: .minimize)
        model.addConstraint(x + y >= 4)
        model.addConstraint(x + 3 * y >= 6)
        var options = GLPKOptions()
        options.method = .interiorPoint
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status.isOptimal)
        #expect(abs(solution.objectiveValue! - 9) < 1e-6)
        #expect(abs(solution.rowDuals![0] - 1.5) < 1e-6)
    }

    /// MIP duals come from the LP with the integers fixed at their optimal values.
    @Test func mipDualsByFixing() throws {
        // min 3n + c s.t. 10n + c ≥ 25, c ≤ 4, n integer: n = 3 (c = 0) costs 9, n = 2 needs c = 5 > 4.
        // Fixing n = 3, the row is slack (30 ≥ 25): dual 0; c has reduced cost 1.
        var model = Model()
        let n = model.addVariable(lower: 0, upper: 100, kind: .integer, name: "n")
        let c = model.addVariable(lower: 0, upper: 4, name: "c")
        model.setObjective(3 * n + 1 * c, sense: .minimize)
        let row = model.addConstraint(10 * n + 1 * c >= 25)
        var options = GLPKOptions()
        options.mipDuals = true
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status.isOptimal)
        #expect(solution.objectiveValue == 9)
        #expect(solution.dual(row) == 0)
        #expect(abs(solution.reducedCosts![c.index] - 1) < 1e-9)
    }
}
