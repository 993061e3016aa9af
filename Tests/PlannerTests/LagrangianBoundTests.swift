@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The Lagrangian bound of a decomposition: raised from the parts' averaged duals by the ascent,
/// it reaches the optimum where the optimal multipliers are known by hand, and stays below the
/// undivided optimum (weak duality) on generated provinces.
@Suite("Lagrangian bound")
struct LagrangianBoundTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/decomposition/one_price_three_parts")

    /// The parts of a decomposition of `scenario` after its passes (as `Decomposition.solve` has them),
    /// or before the money is re-split by their prices (`resplit` false).
    static func parts(_ scenario: Scenario, schoolsPerPart: Int, resplit: Bool = true) throws -> (DerivedQuantities, [Decomposition.PartSolve]) {
        let derived = DerivedQuantities(scenario)
        var options = DecompositionOptions()
        options.schoolsPerPart = schoolsPerPart
        options.planner.priceOfFairness = false
        let planner = Decomposition.PartPlanner(scenario: scenario, derived: derived, options: options)
        var pass = try #require(try planner.planInParts())
        if resplit { try planner.rebalance(&pass) }
        return (derived, pass.parts)
    }

    @Test("one fund, three parts: the averaged price 5/3 bounds 266.67, the ascent finds the price 2 and the optimum 300 (README)")
    func knownPrice() throws {
        let scenario = try ScenarioLoader.load(from: Self.fixture).scenario
        let whole = try Planner.solve(scenario)
        #expect(whole.status == .optimal)
        #expect(abs((whole.objective ?? 0) - 300) < 1e-6 && abs((whole.benefit ?? 0) - 200) < 1e-6)

        // The first plan's parts (the re-split then reaches the optimum, README): 100/3 each.
        let (derived, parts) = try Self.parts(scenario, schoolsPerPart: 1, resplit: false)
        #expect(parts.count == 3)
        // Each part funds its school only in part: its budget price is its own π ω (1, 2, 2).
        let prices = parts.map { -($0.result.duals?.budgets[0] ?? .nan) }.sorted()
        #expect(zip(prices, [1.0, 2, 2]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(prices)")
        let amounts = parts.map { $0.scenario.funds[0].amount }
        #expect(amounts.allSatisfy { abs($0 - 100.0 / 3) < 1e-6 }, "\(amounts)")
        let averaged = LagrangianBound(scenario: scenario, derived: derived, parts: parts)
        #expect(abs(-averaged.duals.budgets[0] - 5.0 / 3) < 1e-9)
        let atAverage = try #require(averaged.value())
        #expect(abs(atAverage - (100 + 100 * 5.0 / 3)) < 1e-6, "\(atAverage)")

        var ascent = LagrangianAscent(averaged)
        let raised = ascent.maximise()
        let best = try #require(raised)
        #expect(abs(best - 300) < 1e-3, "\(best)")
        #expect(best <= 300 + 1e-9)
        #expect(abs(-ascent.bound.duals.budgets[0] - 2) < 1e-5, "\(ascent.bound.duals.budgets)")
        #expect(abs((LagrangianBound.compute(scenario, derived, parts: parts) ?? 0) - best) < 1e-9)
    }

    @Test("generated provinces in parts: the raised bound is above the averaged one and below the undivided optimum",
          arguments: [(3 as UInt64, 400), (8, 300)])
    func raisedStaysBelowTheOptimum(seed: UInt64, schoolsPerPart: Int) throws {
        let scenario = DecompositionTests.province(1500, seed: seed)
        var options = PlannerOptions()
        options.priceOfFairness = false
        let optimum = try #require(try Planner.solve(scenario, options: options).objective)
        let (derived, parts) = try Self.parts(scenario, schoolsPerPart: schoolsPerPart)
        let averaged = try #require(LagrangianBound(scenario: scenario, derived: derived, parts: parts).value())
        let raised = try #require(LagrangianBound.compute(scenario, derived, parts: parts))
        #expect(raised >= averaged)
        #expect(raised <= optimum * (1 + 1e-9), "raised bound \(raised) above the optimum \(optimum)")
    }
}
