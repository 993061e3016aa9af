@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Country scale: the decomposed plan is feasible for the whole scenario, its objective is no
/// better than the undivided optimum, and the Lagrangian bound is no worse.
@Suite("Decomposition")
struct DecompositionTests {
    static func province(_ schools: Int, seed: UInt64) -> Scenario {
        ScenarioGenerator.generate(.init(schools: schools, regions: max(20, schools / 60), seed: seed))
    }

    @Test("parts: bound ≤ undivided optimum ≤ joined objective; the joined plan keeps every invariant", arguments: [3, 8])
    func boundsAndInvariants(seed: UInt64) throws {
        let scenario = Self.province(1500, seed: seed)
        var options = PlannerOptions()
        options.priceOfFairness = false
        let whole = try Planner.solve(scenario, options: options)
        #expect(whole.status == .optimal)
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = 400
        let parts = try Decomposition.solve(scenario, options: decomposition)
        #expect(parts.parts.count >= 3)
        #expect(parts.parts.reduce(0) { $0 + $1.schools } == scenario.schools.count)
        #expect(parts.globalRules.count == 3 && parts.globalRules.allSatisfy(\.met), "\(parts.globalRules)")
        try Invariants.check(scenario, parts.result)
        let optimum = try #require(whole.objective), joined = try #require(parts.result.objective)
        let bound = try #require(parts.lowerBound)
        #expect(bound <= optimum * (1 + 1e-9), "bound \(bound) above the optimum \(optimum)")
        #expect(optimum <= joined * (1 + 1e-9), "joined \(joined) below the optimum \(optimum)")
        // The certificate is the bound's, and it covers the real gap.
        let benefit = try #require(parts.result.benefit)
        let certified = try #require(parts.certifiedGap)
        #expect(abs(certified - (joined - bound) / benefit) <= 1e-12)
        #expect((joined - optimum) / benefit <= certified + 1e-12)
        // The joined objective is MODEL.md §5 of the joined plan: constant − U + soft penalties.
        let share = try #require(scenario.fairness.rule(PovertyCountyShareRule.self)?.setting)
        guard case let .soft(penalty) = share.mode else { Issue.record("F3 is soft in the generator"); return }
        let violation = parts.result.softViolations["poverty_county_share"] ?? 0
        #expect(abs(joined - (parts.result.objectiveConstant - benefit + penalty * violation)) <= 1e-9 * joined)
    }

    @Test("one part is the undivided solve")
    func onePart() throws {
        let scenario = Self.province(600, seed: 5)
        var options = PlannerOptions()
        options.priceOfFairness = false
        let whole = try Planner.solve(scenario, options: options)
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = 10_000
        let parts = try Decomposition.solve(scenario, options: decomposition)
        #expect(parts.parts.count == 1)
        let optimum = try #require(whole.objective)
        let joined = try #require(parts.result.objective), bound = try #require(parts.lowerBound)
        #expect(abs(joined - optimum) <= 1e-9 * optimum)
        #expect(bound <= optimum * (1 + 1e-9))
    }

    @Test("partition: every region once, parts of similar size")
    func partition() {
        let scenario = Self.province(3000, seed: 2)
        let parts = Decomposition.partition(scenario, schoolsPerPart: 700)
        #expect(parts.count == 5)
        #expect(parts.flatMap { $0 }.sorted() == Array(scenario.regions.indices))
        var size = [Int](repeating: 0, count: parts.count)
        for (b, regions) in parts.enumerated() {
            let set = Set(regions)
            size[b] = scenario.schools.filter { set.contains($0.region) }.count
        }
        #expect(size.min()! >= 400 && size.max()! <= 900, "\(size)")
    }
}
