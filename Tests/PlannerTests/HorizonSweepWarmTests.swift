@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A budget sweep of a multi-year scenario warm-starts within a block (Sweep+Horizon.swift): from a
/// block's second step the horizon without rules and the plan start from where the same models
/// ended in the step before. Every step reaches the optimum a cold step reaches (status, objective,
/// U, price of fairness), on every multi-year fixture with a plan of several years, and the block
/// takes fewer simplex iterations than its steps solved cold.
@Suite struct HorizonSweepWarmTests {
    /// Counts the simplex iterations of every solve made through it (every thread of a sweep).
    final class CountingSolver: LinearSolver, @unchecked Sendable {
        let inner = GLPKSolver()
        private let lock = NSLock()
        private var total = 0
        var iterations: Int { lock.withLock { total } }
        var name: String { inner.name }
        func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
            let solution = try inner.solve(model, parameters: parameters)
            lock.withLock { total += solution.simplexIterations }
            return solution
        }
        func makeSession() -> any SolverSession { inner.makeSession() }
    }

    struct Point: Equatable, Sendable {
        var status: PlanStatus
        var objective: Double?
        var benefit: Double?
        var priceOfFairness: Double?
        var warm: Bool
    }

    /// Every step of a 7-step sweep of all funds over 0.3…1.5 in one block, warm or cold, and the
    /// simplex iterations it took.
    static func sweep(_ scenario: Scenario, warm: Bool) throws -> (points: [Point], iterations: Int) {
        let counting = CountingSolver()
        var options = SweepOptions()
        options.warmStart = warm
        options.planner.solver = counting
        let parameters = SweepParameters(target: .all, from: 0.3, to: 1.5, steps: 7, block: 7)
        let rows = try Sweep.run(scenario, parameters: parameters, options: options) { step in
            Point(status: step.result.status, objective: step.result.objective, benefit: step.result.benefit,
                  priceOfFairness: step.result.priceOfFairness, warm: step.warm)
        }
        return (rows.map(\.row), counting.iterations)
    }

    static let cases = multiYearFixtureNames().filter { $0 != "one_year" && !$0.hasPrefix("rolling") }

    @Test(arguments: cases)
    func warmStepsReachTheColdOptimum(name: String) throws {
        let scenario = try HorizonWarmStartTests.scenario(name)
        let warm = try Self.sweep(scenario, warm: true), cold = try Self.sweep(scenario, warm: false)
        #expect(warm.points.map(\.warm) == [false] + Array(repeating: true, count: 6))
        #expect(cold.points.allSatisfy { !$0.warm })
        func same(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case let (a?, b?): return abs(a - b) <= 1e-9 * max(1, abs(b))
            default: return false
            }
        }
        for (i, (w, c)) in zip(warm.points, cold.points).enumerated() {
            #expect(w.status == c.status && same(w.objective, c.objective) && same(w.benefit, c.benefit)
                    && same(w.priceOfFairness, c.priceOfFairness), "\(name) step \(i): warm \(w), cold \(c)")
        }
        print("horizon sweep \(name): simplex iterations warm \(warm.iterations), cold \(cold.iterations)")
    }

    /// Over the fixtures, the warm blocks take fewer simplex iterations than the same steps cold
    /// (counted, not timed: iterations do not depend on the machine's load).
    @Test func warmBlocksSaveIterations() throws {
        var warm = 0, cold = 0
        for name in Self.cases {
            let scenario = try HorizonWarmStartTests.scenario(name)
            warm += try Self.sweep(scenario, warm: true).iterations
            cold += try Self.sweep(scenario, warm: false).iterations
        }
        print("horizon sweeps of \(Self.cases.count) fixtures: simplex iterations warm \(warm), cold \(cold)")
        #expect(warm < cold, "warm \(warm), cold \(cold)")
    }
}
