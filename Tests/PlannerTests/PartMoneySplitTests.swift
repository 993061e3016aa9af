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

/// A generated province with a tenth of its money: the funds that may pay the mandatory living
/// allowance (central_special, 1.3 × that need + 0.4 × the other central needs, and county_matching)
/// hold 3.0 M CNY at 0.1 × against 5.6 M CNY of it (300 schools, seed 7), so no plan exists.
@Suite("Parts on a generated province without enough money")
struct PartsShortMoneyTests {
    @Test("infeasible undivided and in parts, both with a diagnosis")
    func tenthOfTheMoney() throws {
        var options = ScenarioGenerator.Options(schools: 300, regions: 12, seed: 7, fairness: .hard)
        options.moneyScale = 0.1
        let scenario = ScenarioGenerator.generate(options)
        var planner = PlannerOptions()
        planner.priceOfFairness = false
        planner.topUpInDiagnosis = false
        let whole = try Planner.solve(scenario, options: planner)
        #expect(whole.status == .infeasible)
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = 100
        decomposition.planner = planner
        let parts = try Decomposition.solve(scenario, options: decomposition)
        #expect(parts.result.status == .infeasible && parts.parts.isEmpty)
        #expect(parts.result.diagnosis == whole.diagnosis && !(whole.diagnosis ?? []).isEmpty)
    }
}

/// The re-split toward a part without a plan, by hand: it keeps every fund's amount and minimum spend.
@Suite("Re-split toward a part without a plan")
struct MovingTowardTests {
    /// Part 0 holds 600 (minimum 300, the split LP spends 500 there), part 1 holds 400 (minimum 200)
    /// and has no plan. Part 0 gives half of what it holds beyond max(300, 500): (600 − 500) / 2 = 50,
    /// so 550 and 450; part 1's minimum spend (200) moves to part 0: 300 + 200 = 500 ≤ 550.
    @Test("600/400 → 550/450, minimum spends 300/200 → 500/0")
    func byHand() {
        let split = PartMoneySplit(amounts: [[600, 400]], minimumSpends: [[300, 200]], shares: [:])
        let moved = split.moving(toward: [1], planned: [[500, 300]])
        #expect(moved.amounts == [[550, 450]])
        #expect(moved.minimumSpends == [[500, 0]])
        // Without a planned spend (a split by need alone) part 0 gives (600 − 300) / 2 = 150.
        #expect(split.moving(toward: [1], planned: []).amounts == [[450, 550]])
    }
}

/// Every hand-derived planner fixture, planned in parts of one region each: the verdict is the
/// undivided one, an infeasible verdict carries a diagnosis, and a joined plan keeps every invariant
/// and is never better than the undivided optimum.
@Suite("Parts keep the verdict on every fixture")
struct PartsVerdictOnFixturesTests {
    static let fixtures: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/planner")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/scenario.yaml").path) }.sorted()
    }()

    @Test("verdict in parts = verdict undivided", arguments: fixtures)
    func sameVerdict(_ name: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/planner/\(name)")
        guard let scenario = try? ScenarioLoader.load(from: folder).scenario else { return }
        var options = PlannerOptions()
        options.priceOfFairness = false
        let whole = try Planner.solve(scenario, options: options)
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = 1
        decomposition.planner = options
        let parts = try Decomposition.solve(scenario, options: decomposition).result
        #expect((parts.plan != nil) == (whole.plan != nil), "\(name): undivided \(whole.status), in parts \(parts.status): \(parts.statusDetail)")
        if whole.status == .infeasible {
            #expect(parts.status == .infeasible && !(parts.diagnosis ?? []).isEmpty, "\(name): \(parts.statusDetail)")
        }
        // F2 holds per part at each part's own t*: the joined plan's least coverage can be below the
        // country's t*, so it is not a plan of the undivided phase 2 (its U may be higher).
        let maxmin = scenario.fairness.rules.contains { type(of: $0).key == "maxmin_coverage" }
        if parts.plan != nil, !maxmin, let optimum = whole.objective, let joined = parts.objective, whole.status == .optimal {
            try Invariants.check(scenario, parts)
            #expect(joined >= optimum - 1e-7 * max(1, abs(optimum)), "\(name): joined \(joined) below the optimum \(optimum)")
        }
    }
}
