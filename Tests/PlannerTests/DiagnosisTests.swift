import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// The diagnosis in layers (docs/model.md, "Elastic diagnosis" and "Top-up"), on fixtures derived
/// by hand in their README: sums that equal the elastic optimum, the smallest top-up checked by
/// re-solving, and the move cap of a re-plan as a priced slack.
@Suite struct DiagnosisTests {
    static let diagnosisFixtures = fixturesRoot.deletingLastPathComponent().appendingPathComponent("diagnosis")

    /// The elastic model of `scenario` (unscaled money) solved by glpsol, a separate program reading
    /// the LP file: its optimum is the money total of the diagnosis.
    static func elasticOptimumByGlpsol(_ scenario: Scenario, stability: StabilitySettings? = nil) throws -> Double {
        let elastic = Formulation(scenario: scenario, purpose: .elastic, moneyScale: 1, stability: stability)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-elastic.lp").path
        try GLPKSolver().write(elastic.model, to: path, format: .lp)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try glpsolObjective(path)
    }

    /// `scenario` with fund `id`'s amount changed by `delta`.
    static func adding(_ delta: Double, to id: String, in scenario: Scenario) -> Scenario {
        var changed = scenario
        let f = changed.funds.firstIndex { $0.id == id }!
        changed.funds[f].amount += delta
        return changed
    }

    /// infeasible_fund_short (README): r3 is short by 500, which only central_special can pay. The summary sums
    /// to the elastic optimum (glpsol on the exported elastic model: 500), by rule, category and
    /// region as derived; the top-up is central_special alone 500, county_matching cannot, all
    /// funds 500 — and re-solving with +500 is feasible, with +499.5 (0.1% less) infeasible.
    @Test func fundShortSumsAndTopUp() throws {
        let scenario = try PipelineTests.fixture("infeasible_fund_short")
        let result = try Planner.solve(scenario)
        #expect(result.status == .infeasible)
        let summary = try #require(result.diagnosisSummary)
        let items = try #require(result.diagnosis)
        #expect(abs(summary.total - items.reduce(0) { $0 + $1.money }) < 1e-9)
        #expect(abs(summary.total - (try Self.elasticOptimumByGlpsol(scenario))) < 1e-6)
        #expect(abs(summary.total - 500) < 1e-6)
        #expect(summary.byRule.mapValues { $0.rounded() } == ["mandatory": 500])
        #expect(summary.byCategory.mapValues { $0.rounded() } == ["living_allowance": 500])
        #expect(summary.byRegion.mapValues { $0.rounded() } == ["r3": 500])
        #expect(summary.byFund.isEmpty)
        #expect(items.allSatisfy { $0.region == "r3" && $0.category == "living_allowance" && $0.fund == nil })

        let topUp = try #require(summary.topUp)
        #expect(topUp.undetermined.isEmpty)
        #expect(abs((topUp.eachFundAlone["central_special"] ?? nil)! - 500) < 1e-6)
        #expect(topUp.eachFundAlone.keys.contains("county_matching") && topUp.eachFundAlone["county_matching"]! == nil)
        #expect(abs(try #require(topUp.allFunds) - 500) < 1e-6)
        #expect(topUp.split?.mapValues { $0.rounded() } == ["central_special": 500])

        #expect(try Planner.solve(Self.adding(500, to: "central_special", in: scenario)).status == .optimal)
        #expect(try Planner.solve(Self.adding(499.5, to: "central_special", in: scenario)).status == .infeasible)
        #expect(try Planner.solve(Self.adding(1_000_000, to: "county_matching", in: scenario)).status == .infeasible)
    }

    /// infeasible_mandatory (README): B can be paid only by `provincial`, short by 700. Top-up:
    /// provincial alone 700 (re-solve: 700 feasible, 699.3 infeasible), west_fund alone cannot.
    @Test func topUpOfTheOnlyEligibleFund() throws {
        let scenario = try PipelineTests.fixture("infeasible_mandatory")
        let topUp = try #require(try Planner.solve(scenario).diagnosisSummary?.topUp)
        #expect(abs((topUp.eachFundAlone["provincial"] ?? nil)! - 700) < 1e-6)
        #expect(topUp.eachFundAlone["west_fund"]! == nil)
        #expect(abs(try #require(topUp.allFunds) - 700) < 1e-6)
        #expect(try Planner.solve(Self.adding(700, to: "provincial", in: scenario)).status == .optimal)
        #expect(try Planner.solve(Self.adding(699.3, to: "provincial", in: scenario)).status == .infeasible)
    }

    /// A minimum spend that nothing eligible can absorb is summed under its fund, and money cannot
    /// fix it (the minimum stays a fraction of the original amount). infeasible_fund_short with
    /// county_matching at 3600 and min_spend 0.9: only r1 + r2's 3000 is payable from it, so of its
    /// minimum 3240, 240 must give (min_spend, by fund); r3 stays short by 500 (mandatory). Total 740.
    @Test func minimumSpendIsSummedByFundAndMoneyCannotFixIt() throws {
        var scenario = Self.adding(600, to: "county_matching", in: try PipelineTests.fixture("infeasible_fund_short"))
        scenario.funds[1].minSpend = 0.9
        let result = try Planner.solve(scenario)
        let summary = try #require(result.diagnosisSummary)
        #expect(abs(summary.total - 740) < 1e-6)
        #expect(abs(summary.total - (try Self.elasticOptimumByGlpsol(scenario))) < 1e-6)
        #expect(summary.byFund.mapValues { $0.rounded() } == ["county_matching": 240])
        #expect(summary.byRule.mapValues { $0.rounded() } == ["mandatory": 500, "min_spend": 240])
        #expect(result.diagnosis?.first { $0.rule == "min_spend" }?.fund == "county_matching")
        let topUp = try #require(summary.topUp)
        #expect(topUp.allFunds == nil && topUp.undetermined.isEmpty)
        #expect(topUp.eachFundAlone.values.allSatisfy { $0 == nil })
    }

    /// capped_replan (README): keeping last year's teacher (--max-moves 0) costs 1300 of a 1000
    /// fund. The move cap is in the elastic model: recalling the teacher is 1 move over the cap,
    /// priced at V = 200, cheaper than the 300 mandatory shortfall of keeping it. Before the cap was
    /// part of the elastic model this diagnosis was empty. glpsol on the exported elastic model
    /// agrees (200). The top-up keeps the cap hard: central +300. With --max-moves 1 it is feasible.
    @Test func cappedReplanHasAPricedDiagnosis() throws {
        let folder = Self.diagnosisFixtures.appendingPathComponent("capped_replan")
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let previous = try PreviousPlan(planJSON: Data(contentsOf: folder.appendingPathComponent("previous.json")))
        var options = PlannerOptions()
        options.stability = StabilitySettings(previous: previous, for: scenario, maxTeacherMoves: 0)
        let result = try Planner.solve(scenario, options: options)
        #expect(result.status == .infeasible)
        let items = try #require(result.diagnosis)
        #expect(items.count == 1)
        #expect(items.first?.rule == "max_moves" && items.first?.unit == "teachers")
        #expect(abs((items.first?.relaxBy ?? 0) - 1) < 1e-6 && abs((items.first?.money ?? 0) - 200) < 1e-6)
        let summary = try #require(result.diagnosisSummary)
        #expect(abs(summary.total - 200) < 1e-6)
        #expect(abs(summary.total - (try Self.elasticOptimumByGlpsol(scenario, stability: options.stability))) < 1e-6)
        #expect(abs(try #require(summary.topUp?.allFunds) - 300) < 1e-6)

        #expect(try Planner.solve(scenario).status == .optimal)
        options.stability?.maxTeacherMoves = 1
        #expect(try Planner.solve(scenario, options: options).status == .optimal)
    }

    /// With V = 0 a move over the cap is priced at 1 (money per move), as docs/model.md says.
    @Test func moveCapPricedAtOneWithoutValuePerTeacher() throws {
        let folder = Self.diagnosisFixtures.appendingPathComponent("capped_replan")
        var scenario = try ScenarioLoader.load(from: folder).scenario
        scenario.dispatch.valuePerTeacher = 0
        let previous = try PreviousPlan(planJSON: Data(contentsOf: folder.appendingPathComponent("previous.json")))
        var options = PlannerOptions()
        options.stability = StabilitySettings(previous: previous, maxTeacherMoves: 0)
        let summary = try #require(try Planner.solve(scenario, options: options).diagnosisSummary)
        #expect(abs(summary.total - 1) < 1e-6 && summary.byRule.keys.sorted() == ["max_moves"])
    }

    /// `solve --top-up` (TopUpPlanner): the smallest top-up, then the plan with it. On
    /// infeasible_fund_short, central_special gets +500 and the plan is the one of the scenario
    /// with central_special at 4000 (same objective, every need met); with both funds named the
    /// split is the same (county_matching cannot help: 0); county_matching alone cannot fix it,
    /// so the result is the ordinary infeasible one with its diagnosis.
    @Test func topUpPlannerPlansWithTheSmallestTopUp() throws {
        let scenario = try PipelineTests.fixture("infeasible_fund_short")
        let one = try TopUpPlanner.solve(scenario, funds: [0])
        #expect(one.result.status == .optimal)
        #expect(abs((one.topUp?["central_special"] ?? 0) - 500) < 1e-6)
        let reference = try Planner.solve(Self.adding(500, to: "central_special", in: scenario))
        #expect(abs(try #require(one.result.objective) - reference.objective!) < 1e-6)
        #expect(one.result.plan?.funds.first { $0.id == "central_special" }.map { abs($0.amount - 4000) < 1e-6 } == true)

        let both = try TopUpPlanner.solve(scenario, funds: [0, 1])
        #expect(abs((both.topUp?["central_special"] ?? 0) - 500) < 1e-6 && abs(both.topUp?["county_matching"] ?? 1) < 1e-6)

        let cannot = try TopUpPlanner.solve(scenario, funds: [1])
        #expect(cannot.result.status == .infeasible && cannot.topUp == nil && cannot.result.diagnosis?.isEmpty == false)
        #expect(cannot.result.statusDetail.contains("no top-up of county_matching"))
    }

    /// A feasible scenario needs no top-up: Δ = 0 and the plan is the ordinary one.
    @Test func topUpOfAFeasibleScenarioIsZero() throws {
        let scenario = try PipelineTests.fixture("mandatory_coverage")
        let outcome = try TopUpPlanner.solve(scenario, funds: Set(scenario.funds.indices))
        #expect(outcome.topUp?.values.allSatisfy { $0 == 0 } == true)
        #expect(abs(try #require(outcome.result.objective) - (try Planner.solve(scenario).objective!)) < 1e-6)
    }

    /// The minimum spend stays m_f times the original amount: with central_special's min_spend at 1
    /// (3500), the topped-up fund (4000) must spend at least 3500, not 4000.
    @Test func topUpKeepsTheOriginalMinimumSpend() throws {
        var scenario = try PipelineTests.fixture("infeasible_fund_short")
        scenario.funds[0].minSpend = 1
        let fund = try #require(try TopUpPlanner.solve(scenario, funds: [0]).result.plan?.funds.first { $0.id == "central_special" })
        #expect(abs(fund.amount - 4000) < 1e-6 && abs(fund.minimumSpend - 3500) < 1e-6)
    }

    /// Without `topUpInDiagnosis` (a sweep's steps) the diagnosis is summed but no top-up is solved.
    @Test func topUpCanBeLeftOutOfTheDiagnosis() throws {
        var options = PlannerOptions()
        options.topUpInDiagnosis = false
        let summary = try #require(try Planner.solve(try PipelineTests.fixture("infeasible_fund_short"), options: options).diagnosisSummary)
        #expect(summary.topUp == nil && abs(summary.total - 500) < 1e-6)
    }
}
