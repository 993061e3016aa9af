@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A plan started from the optimum without rules (docs/scaling.md): the same optimum as a cold
/// start on every fixture and on generated provinces of every rule set, and on a province with
/// F5 far fewer simplex iterations (counts, not seconds: the same on a loaded machine).
@Suite("A plan started from the optimum without rules")
struct WarmStartTests {
    static let fixtures = PartsVerdictOnFixturesTests.fixtures

    static func options(warm: Bool) -> PlannerOptions {
        var options = PlannerOptions()
        options.startPlanFromOptimumWithoutRules = warm
        return options
    }

    /// Same status, objective (1e-9 relative) and price of fairness started warm as cold.
    static func expectSameOptimum(_ scenario: Scenario, _ name: String) throws {
        let warm = try Planner.solve(scenario, options: options(warm: true))
        let cold = try Planner.solve(scenario, options: options(warm: false))
        expectSameResults(warm, cold, name)
        if warm.plan != nil { try Invariants.check(scenario, warm) }
    }

    /// Same status, objective (1e-9 relative) and price of fairness in both results.
    static func expectSameResults(_ warm: PlanResult, _ cold: PlanResult, _ name: String) {
        #expect(warm.status == cold.status, "\(name): \(warm.statusDetail) / \(cold.statusDetail)")
        if let a = warm.objective, let b = cold.objective {
            #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(name): objective \(a) warm, \(b) cold")
        } else {
            #expect(warm.objective == nil && cold.objective == nil, "\(name)")
        }
        if let a = warm.priceOfFairness, let b = cold.priceOfFairness {
            #expect(abs(a - b) <= 1e-8, "\(name): price of fairness \(a) warm, \(b) cold")
        } else {
            #expect(warm.priceOfFairness == nil && cold.priceOfFairness == nil, "\(name)")
        }
    }

    @Test("same optimum as a cold start on every planner fixture", arguments: fixtures)
    func sameOptimumOnFixtures(_ name: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/planner/\(name)")
        guard let scenario = try? ScenarioLoader.load(from: folder).scenario else { return }
        try Self.expectSameOptimum(scenario, name)
    }

    @Test("same optimum as a cold start on generated provinces of every rule set",
          arguments: [ScenarioGenerator.FairnessPreset.default, .hard, .all, .soft])
    func sameOptimumOnGenerated(_ fairness: ScenarioGenerator.FairnessPreset) throws {
        var scenario = ScenarioGenerator.generate(.init(schools: 200, regions: 12, seed: 5, fairness: fairness))
        scenario.solver = SolverSettings(timeLimitSeconds: 120, mipGap: 0)
        try Self.expectSameOptimum(scenario, "\(fairness)")
    }

    /// The generator's rules (F1, F3 soft, F4, F5): the plan's LP relaxation from the starting
    /// basis reaches the cold optimum in under a third of the iterations (on the exported LP of
    /// 5,000 schools: 630 against 7,676; docs/scaling.md).
    @Test("with F5, the plan's relaxation takes far fewer iterations from the optimum without rules")
    func fewerIterations() throws {
        let scenario = ScenarioGenerator.generate(.init(schools: 300, regions: 20, seed: 7))
        let derived = DerivedQuantities(scenario)
        let plan = Formulation(scenario: scenario, derived: derived)
        let noRules = Formulation(scenario: scenario, derived: derived, rules: [], moneyScale: plan.moneyScale)
        let solver = GLPKSolver()
        let withoutRules = try solver.solve(noRules.model.relaxingIntegers(), parameters: SolverParameters())
        let basis = try #require(plan.startingBasis(from: noRules, withoutRules))
        #expect(basis.basicCount == plan.model.constraintCount)
        let cold = try solver.solve(plan.model.relaxingIntegers(), parameters: SolverParameters())
        var parameters = SolverParameters()
        parameters.startingBasis = basis
        let warm = try solver.solve(plan.model.relaxingIntegers(), parameters: parameters)
        let optimum = try #require(cold.objectiveValue)
        let warmOptimum = try #require(warm.objectiveValue)
        #expect(abs(warmOptimum - optimum) <= 1e-9 * abs(optimum))
        #expect(warm.simplexIterations * 3 < cold.simplexIterations, "\(warm.simplexIterations) warm, \(cold.simplexIterations) cold")
    }

    /// A model without rules that is more than the core (re-planning terms after it) gives no basis.
    @Test func noBasisWhenTheCoresDiffer() throws {
        let scenario = ScenarioGenerator.generate(.init(schools: 40, regions: 4, seed: 3))
        let plan = Formulation(scenario: scenario)
        var noRules = Formulation(scenario: scenario, rules: [], moneyScale: plan.moneyScale)
        let solution = try GLPKSolver().solve(noRules.model.relaxingIntegers(), parameters: SolverParameters())
        #expect(plan.startingBasis(from: noRules, solution) != nil)
        noRules.model.addVariable(name: "extra")
        #expect(plan.startingBasis(from: noRules, solution) == nil)
    }
}
