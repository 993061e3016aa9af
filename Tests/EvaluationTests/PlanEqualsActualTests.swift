import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Actuals that are exactly the plan: 100% everywhere, nobody short, achieved metrics = planned.
@Suite struct PlanEqualsActualTests {
    @Test(arguments: ["scenarios/dc-2021", "scenarios/examples/05_teacher_dispatch", "scenarios/examples/03_earmarked_funds"])
    func actualEqualToPlanIsFullExecution(path: String) throws {
        let world = try scenario(path)
        let document = try solvedPlan(world)
        let report = try Evaluation.evaluate(document, actuals: actualsEqualToPlan(document.plan!), scenario: world)
        for fund in report.byFund where fund.execution.planned > 0 { #expect(abs(fund.execution.rate! - 1) < 1e-12, "\(fund.fund)") }
        for category in report.byCategory where (category.money?.planned ?? 0) > 0 { #expect(abs(category.money!.rate! - 1) < 1e-12) }
        for region in report.byRegion {
            if let money = region.money, money.planned > 0 { #expect(abs(money.rate! - 1) < 1e-12) }
            if let teachers = region.teachers, teachers.planned > 0 { #expect(teachers.rate == 1) }
        }
        if let total = report.totalMoney, total.planned > 0 { #expect(abs(total.rate! - 1) < 1e-12) }
        #expect(report.shortSchools.isEmpty)
        #expect(report.unattributed.isEmpty)
        for key in report.metrics.keys {
            let planned = report.metrics.planned[key] ?? nil, achieved = report.metrics.achieved[key] ?? nil
            #expect(planned == achieved || abs((planned ?? 0) - (achieved ?? 0)) < 1e-12, "\(key)")
        }
        if let poor = report.poorFullyCovered { #expect(poor.planned == poor.achieved) }
    }

    /// Example 5 dispatches three teachers paid from one fund: placing them all executes the fund's
    /// dispatch flow in full; placing none leaves three schools short of teachers.
    @Test func teacherPlacements() throws {
        let world = try scenario("scenarios/examples/05_teacher_dispatch")
        let document = try solvedPlan(world)
        #expect(document.plan!.dispatch.reduce(0) { $0 + $1.count } == 3)
        let full = try Evaluation.evaluate(document, actuals: actualsEqualToPlan(document.plan!), scenario: world)
        #expect(full.totalTeachers == Execution(planned: 3, actual: 3))
        #expect(full.byFund.first?.execution == Execution(planned: 300, actual: 300))
        let none = try Evaluation.evaluate(document, actuals: Actuals(hasMoney: false, hasTeachers: true), scenario: world)
        #expect(none.shortSchools.map(\.kind) == [.teachers, .teachers, .teachers])
        #expect(none.byFund.first?.execution == Execution(planned: 300, actual: 0))
    }

    /// Threshold: a school paid exactly (1 − t) of its plan is not short at t, and is short just above.
    @Test func thresholdIsStrict() throws {
        let world = try scenario("scenarios/dc-2021")
        let document = try solvedPlan(world)
        var actuals = actualsEqualToPlan(document.plan!)
        let target = document.plan!.schools[0].id
        for i in actuals.money.indices where actuals.money[i].school == target { actuals.money[i].amount *= 0.9 }
        let at = try Evaluation.evaluate(document, actuals: actuals, scenario: world, threshold: 0.1)
        #expect(at.shortSchools.isEmpty)
        let below = try Evaluation.evaluate(document, actuals: actuals, scenario: world, threshold: 0.099)
        #expect(below.shortSchools.map(\.school) == [target])
        #expect(abs(below.shortSchools[0].shortfallShare - 0.1) < 1e-12)
        let zero = try Evaluation.evaluate(document, actuals: actuals, scenario: world, threshold: 0)
        #expect(zero.shortSchools.map(\.school) == [target])
    }

    /// A plan and a scenario that do not belong together are refused: first by the plan's recorded
    /// identity; with `allowForeignPlan`, by the schools the scenario does not have.
    @Test func planOfAnotherScenario() throws {
        let dc = try scenario("scenarios/dc-2021")
        let example = try scenario("scenarios/examples/05_teacher_dispatch")
        let document = try solvedPlan(example)
        let error = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluate(document, actuals: actualsEqualToPlan(document.plan!), scenario: dc)
        }
        #expect(error.errors.map(\.field) == ["scenario_identity"])
        let allowed = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluate(document, actuals: actualsEqualToPlan(document.plan!), scenario: dc, allowForeignPlan: true)
        }
        #expect(allowed.errors.first?.field == "plan.schools[0].id")
        #expect(allowed.warnings.map(\.field) == ["scenario_identity"])
    }
}
