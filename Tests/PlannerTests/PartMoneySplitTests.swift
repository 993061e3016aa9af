@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Parts never change the verdict: the money split covers every part's mandatory need and hard
/// rows first (a hand-derived case the old split by eligible need failed), an infeasible verdict
/// comes only with a proof and a diagnosis of the whole scenario.
@Suite("Part money split")
struct PartMoneySplitTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/decomposition/mandatory_in_one_part")

    static func inParts(_ scenario: Scenario) throws -> DecomposedPlan {
        var options = DecompositionOptions()
        options.schoolsPerPart = 1
        options.planner.priceOfFairness = false
        return try Decomposition.solve(scenario, options: options)
    }

    @Test("a large mandatory need in one part: the joined plan is the undivided optimum (README: 1700, U 2900)")
    func mandatoryNeedFirst() throws {
        let scenario = try ScenarioLoader.load(from: Self.fixture).scenario
        // The premise: the split by eligible need leaves part A below its mandatory 900.
        let parts = Decomposition.partition(scenario, schoolsPerPart: 1)
        #expect(parts == [[0], [1]])
        let byNeed = Decomposition.fundShares(scenario, DerivedQuantities(scenario), partOfRegion: [0, 1], parts: 2)
        #expect(abs(byNeed[0][0] * 1000 - 1000.0 / 1900 * 1000) < 1e-9)

        let whole = try Planner.solve(scenario)
        #expect(whole.status == .optimal)
        #expect(abs((whole.objective ?? 0) - 1700) < 1e-6 && abs((whole.benefit ?? 0) - 2900) < 1e-6)

        let decomposed = try Self.inParts(scenario)
        #expect(decomposed.parts.count == 2)
        #expect(decomposed.parts.allSatisfy { $0.status == .optimal })
        #expect(abs((decomposed.parts[0].funds["provincial"] ?? 0) - 900) < 1e-6, "\(decomposed.parts.map(\.funds))")
        #expect(abs((decomposed.parts[1].funds["provincial"] ?? 0) - 100) < 1e-6)
        let result = decomposed.result
        #expect(result.status == .feasible)
        #expect(abs((result.objective ?? 0) - 1700) < 1e-6 && abs((result.benefit ?? 0) - 2900) < 1e-6)
        #expect(decomposed.globalRules.allSatisfy { $0.met }, "\(decomposed.globalRules)")
        try Invariants.check(scenario, result)
    }

    @Test("money short of the mandatory need: infeasible, proved by the split LP, with the whole scenario's diagnosis")
    func infeasibleWithDiagnosis() throws {
        var scenario = try ScenarioLoader.load(from: Self.fixture).scenario
        scenario.funds[0].amount = 800
        let whole = try Planner.solve(scenario)
        #expect(whole.status == .infeasible)
        let decomposed = try Self.inParts(scenario)
        #expect(decomposed.result.status == .infeasible)
        let diagnosis = try #require(decomposed.result.diagnosis)
        #expect(!diagnosis.isEmpty)
        // The same diagnosis as the undivided solve's (README): living allowance at A by 100, F3 by 40.
        #expect(diagnosis == whole.diagnosis)
        let byRule = Dictionary(grouping: diagnosis, by: \.rule).mapValues { $0.reduce(0) { $0 + $1.money } }
        #expect(abs((byRule["mandatory"] ?? 0) - 100) < 1e-6 && abs((byRule["poverty_county_share"] ?? 0) - 40) < 1e-6, "\(diagnosis)")
    }
}
