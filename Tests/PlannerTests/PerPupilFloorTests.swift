@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// F9, the per-pupil floor (issue 15), on the fixtures derived by hand in their README: the claim
/// re-solved, floors from regions.csv, the elastic diagnosis in money and the top-up keeping F9 hard.
@Suite struct PerPupilFloorTests {
    /// The hard fixture with every φ moved by `raise` CNY per pupil, written as a new floor table.
    static func hardWithFloors(_ floor: [Designation: Double]) throws -> Scenario {
        var scenario = try PipelineTests.fixture("f9_per_pupil_floor_hard")
        scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .hard, floor: floor)))
        return scenario
    }

    /// Only r3's row binds (n = 100): raising every floor by 1 CNY per pupil moves 100 from B
    /// (π 1.5) to C (π 1): 50 points, on both sides, re-solved; and the re-solves are the plans
    /// of the floors written out +1 and −1 (objectives 1250 and 1150).
    @Test func claimIsTheRaiseOfEveryFloorTimesPupils() throws {
        let scenario = try PipelineTests.fixture("f9_per_pupil_floor_hard")
        let result = try Planner.solve(scenario)
        let price = try #require(result.rulePrices.first { $0.rule == PerPupilFloorRule.key })
        #expect(price.binding)
        #expect(abs(try #require(price.value) - 50) < 1e-6)
        let claim = try #require(price.claims.first { $0.kind == .ruleMarginalCost })
        let left = try #require(claim.left), right = try #require(claim.right)
        #expect(abs(left - 50) < 1e-6 && abs(right - 50) < 1e-6)
        let up = try Planner.solve(try Self.hardWithFloors([.national: 6, .provincial: 4, .none: 5]))
        let down = try Planner.solve(try Self.hardWithFloors([.national: 4, .provincial: 2, .none: 3]))
        let above = try #require(up.objective), below = try #require(down.objective)
        #expect(abs(above - 1250) < 1e-6 && abs(below - 1150) < 1e-6)
    }

    /// The dual form agrees with the re-solves: Σ_r dual_r · n_r = 50.
    @Test func dualMarginalCostIsFiftyPerCNYPerPupil() throws {
        let scenario = try PipelineTests.fixture("f9_per_pupil_floor_hard")
        let rule = try #require(scenario.fairness.rule(PerPupilFloorRule.self))
        let (formulation, solution) = try ReportedNumbersTests.solvedPlan(scenario)
        #expect(abs(try #require(rule.marginalCost(formulation, solution)) - 50) < 1e-6)
        #expect(formulation.ruleRows[PerPupilFloorRule.key]?.count == 3)
    }

    /// Without `floor`, φ_r is regions.csv's floor_per_pupil: the same floors give the same plan;
    /// a region without a value has no row (r3 free: the unconstrained plan, objective 1000).
    @Test func floorsFromTheRegionsColumn() throws {
        var scenario = try Self.hardWithFloors([:])
        scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .hard, floor: nil)))
        for (r, floor) in [5.0, 3, 4].enumerated() { scenario.regions[r].floorPerPupil = floor }
        #expect(abs(try #require(try Planner.solve(scenario).objective) - 1200) < 1e-6)
        scenario.regions[2].floorPerPupil = nil
        #expect(abs(try #require(try Planner.solve(scenario).objective) - 1000) < 1e-6)
        // A designation the floor does not list has no floor either.
        #expect(abs(try #require(try Planner.solve(try Self.hardWithFloors([.national: 5])).objective) - 1000) < 1e-6)
    }

    /// infeasible_per_pupil_floor (README): 1900 of floors, 1600 of money: the diagnosis is 300 in
    /// money under per_pupil_floor (glpsol on the exported elastic model agrees), each line names
    /// its region; top-up central alone 300, county cannot, all funds 300. Re-solved: central
    /// +300 feasible (objective 1100), +299.7 (0.1% less) infeasible.
    @Test func diagnosisAndTopUpKeepTheFloorHard() throws {
        let scenario = try PipelineTests.fixture("infeasible_per_pupil_floor")
        let result = try Planner.solve(scenario)
        #expect(result.status == .infeasible)
        let summary = try #require(result.diagnosisSummary)
        #expect(abs(summary.total - 300) < 1e-6)
        #expect(abs(summary.total - (try DiagnosisTests.elasticOptimumByGlpsol(scenario))) < 1e-6)
        #expect(summary.byRule.mapValues { $0.rounded() } == ["per_pupil_floor": 300])
        #expect(abs(summary.byRegion.values.reduce(0, +) - 300) < 1e-6)
        #expect(result.diagnosis?.allSatisfy { $0.rule == "per_pupil_floor" && $0.unit == "CNY" && $0.region != nil } == true)
        let topUp = try #require(summary.topUp)
        #expect(abs((topUp.eachFundAlone["central"] ?? nil)! - 300) < 1e-6)
        #expect(topUp.eachFundAlone.keys.contains("county") && topUp.eachFundAlone["county"]! == nil)
        #expect(abs(try #require(topUp.allFunds) - 300) < 1e-6)

        let fixed = try Planner.solve(DiagnosisTests.adding(300, to: "central", in: scenario))
        #expect(fixed.status == .optimal && abs((fixed.objective ?? 0) - 1100) < 1e-6)
        #expect(try Planner.solve(DiagnosisTests.adding(299.7, to: "central", in: scenario)).status == .infeasible)
        let planned = try TopUpPlanner.solve(scenario, funds: [0])
        #expect(abs((planned.topUp?["central"] ?? 0) - 300) < 1e-6)
        #expect(abs(try #require(planned.result.objective) - 1100) < 1e-6)
    }

    /// tools/oracle (Python, its own model) agrees with the hand derivations of the F9 and
    /// designation fixtures: objective, or elastic total when infeasible.
    @Test(arguments: ["f9_per_pupil_floor_hard", "f9_per_pupil_floor_soft", "infeasible_per_pupil_floor", "designation_key_assist"])
    func oracleAgreesOnTheFixtures(name: String) throws {
        let answer = try OracleTests.oracle(fixturesRoot.appendingPathComponent(name))
        let expected: [String: Double] = ["f9_per_pupil_floor_hard": 1200, "f9_per_pupil_floor_soft": 1160,
                                          "infeasible_per_pupil_floor": 300, "designation_key_assist": 1100]
        let key = name.hasPrefix("infeasible") ? "elastic_total" : "objective"
        let theirs = try #require(answer[key] as? Double, "\(answer)")
        #expect(abs(theirs - expected[name]!) < 1e-6)
    }

    /// A generated province (dispatch included) with a soft F9 that binds in several regions:
    /// the oracle, which sums every z of a region (dispatch too), reaches the planner's optimum.
    @Test func oracleAgreesOnAGeneratedProvince() throws {
        var scenario = GeneratedScenarioTests.scenario(GeneratedScenarioTests.cases[1])
        let pupils = Double(scenario.schools.reduce(0) { $0 + $1.enrollment })
        let average = scenario.funds.reduce(0) { $0 + $1.amount } / pupils
        scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .soft(penalty: 0.5),
                                                               floor: [.national: average * 1.5, .provincial: average, .none: average * 0.5])))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("f9-oracle-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ScenarioWriter.write(scenario, to: folder)
        let loaded = try ScenarioLoader.load(from: folder).scenario
        let result = try Planner.solve(loaded)
        let ours = try #require(result.objective)
        #expect(result.plan?.dispatch.isEmpty == false)
        var without = loaded
        without.fairness.remove(PerPupilFloorRule.self)
        let free = try #require(try Planner.solve(without).objective)
        #expect(ours > free + 1, "F9 changes the optimum: \(ours) vs \(free) without it")
        let theirs = try #require(try OracleTests.oracle(folder)["objective"] as? Double)
        #expect(abs(theirs - ours) <= 1e-6 * abs(ours), "oracle \(theirs) vs planner \(ours)")
    }

    /// Hard floors from regions.csv's column on a generated province with dispatch: each φ_r is the
    /// money per pupil the soft-F9 optimum gives region r (so a plan exists, and it is not the
    /// unconstrained one). The plan keeps the invariants (F9 on fund flows = schools' money +
    /// dispatch cost), glpsol on the exported model reaches its optimum, and the rule binds.
    @Test func hardColumnFloorsOnAGeneratedProvince() throws {
        var scenario = GeneratedScenarioTests.scenario(GeneratedScenarioTests.cases[1])
        let pupils = Double(scenario.schools.reduce(0) { $0 + $1.enrollment })
        let average = scenario.funds.reduce(0) { $0 + $1.amount } / pupils
        scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .soft(penalty: 0.5),
                                                               floor: [.national: average * 1.5, .provincial: average, .none: average * 0.5])))
        let soft = try #require(try Planner.solve(scenario).plan)
        var regionPupils: [String: Double] = [:]
        for school in scenario.schools { regionPupils[scenario.regions[school.region].id, default: 0] += Double(school.enrollment) }
        for r in scenario.regions.indices {
            let id = scenario.regions[r].id
            let money = soft.funds.flatMap(\.flows).filter { $0.region == id }.reduce(0) { $0 + $1.amount }
            scenario.regions[r].floorPerPupil = regionPupils[id].map { $0 > 0 ? money / $0 * (1 - 1e-6) : 0 }
        }
        scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .hard, floor: nil)))
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal, "\(result.statusDetail)")
        try Invariants.check(scenario, result)
        #expect(result.plan?.dispatch.isEmpty == false)
        #expect(result.rulePrices.first { $0.rule == PerPupilFloorRule.key }?.binding == true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-f9.lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelExport.write(scenario, to: path, format: .lp)
        let objective = try #require(result.objective)
        #expect(abs(try glpsolObjective(path) + result.objectiveConstant - objective) <= 1e-6 * abs(objective))
    }

    /// `floor` absent and no floor_per_pupil column: one error on the block's `floor`.
    @Test func neitherFloorNorColumnIsAnError() throws {
        let folder = fixturesRoot.appendingPathComponent("f9_per_pupil_floor_hard")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("f9-\(UUID())")
        try FileManager.default.copyItem(at: folder, to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let yaml = scratch.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try Data(text.replacingOccurrences(of: ", floor: {national: 5, provincial: 3, none: 4}", with: "").utf8).write(to: yaml)
        let problems = ScenarioLoader.problems(in: scratch)
        #expect(problems.count == 1 && problems.first?.field == "fairness.per_pupil_floor.floor", "\(problems)")
    }
}
