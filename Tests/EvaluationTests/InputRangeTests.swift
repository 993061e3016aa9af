import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Numbers out of range in plan.json and actuals are input errors with locations (they trapped in
/// the metrics before), and `--scenario` must be the plan's own scenario.
@Suite struct InputRangeTests {
    func planFile(_ change: (inout [String: Any]) -> Void = { _ in }, in folder: URL) throws -> URL {
        var plan = handPlan()
        change(&plan)
        let url = folder.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: url)
        return url
    }

    /// Two disbursements of 1.7e308 summed to inf, and the Gini's input check trapped (exit 132).
    /// Now each row is checked (at most 1e13), and a sum that passes 1e13 is reported at the row
    /// that crossed it (6e12 + 6e12 at line 4), every problem at once.
    @Test func hugeActualsAreInputErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try planFile(in: folder)
        let huge = try write("school,category,amount\nS1,k,1.7e308\nS1,k,1.7e308\n", "huge.csv", in: folder)
        let error = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(planFile: plan, actualsFiles: [huge]) }
        #expect(error.errors.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:3", "3:3"])
        #expect(error.errors[0].description.contains("expected an amount from 0 to 1e13 (money disbursed), found \"1.7e308\""))

        let crossing = try write("school,category,amount\nS1,k,6e12\nS2,k,1\nS1,k,6e12\n", "sum.csv", in: folder)
        let sum = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(planFile: plan, actualsFiles: [crossing]) }
        #expect(sum.errors.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["4:3"])
        #expect(sum.errors[0].description.contains("disbursements to school S1 for k adding up to at most 1e13, found 1.2e+13 with this row"))

        let teachers = try write("group,school,count\nG1,S3,6e6\nG1,S3,6e6\n", "t.csv", in: folder)
        let placed = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(planFile: plan, actualsFiles: [teachers]) }
        #expect(placed.errors.map { $0.line ?? 0 } == [3])

        // The same checks hold for actuals built in code, which no file reader saw.
        let document = try Evaluation.loadPlan(from: plan)
        let inMemory = Actuals(money: [MoneyActual(school: "S1", category: "k", amount: .infinity),
                                       MoneyActual(school: "S2", category: "k", amount: -1)])
        let memory = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(document, actuals: inMemory) }
        #expect(memory.errors.count == 2)
    }

    /// `allocated: -1e308` made the achieved metrics non-finite (an assertion trap); a count of 1e308
    /// or 2.5 pupils, a flow of "ten", a negative dispatch: every one is named by its key path.
    @Test func planNumbersAreCheckedWithKeyPaths() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try planFile({ plan in
            var body = plan["plan"] as! [String: Any]
            var schools = body["schools"] as! [[String: Any]]
            schools[0]["allocated"] = ["k": -1e308, "m": 0]
            schools[1]["pupils"] = 1e308
            schools[2]["pupils"] = 2.5
            body["schools"] = schools
            var funds = body["funds"] as! [[String: Any]]
            var flows = funds[1]["flows"] as! [[String: Any]]
            flows[0]["amount"] = "ten"
            funds[1]["flows"] = flows
            body["funds"] = funds
            var dispatch = body["dispatch"] as! [[String: Any]]
            dispatch[0]["count"] = -2
            body["dispatch"] = dispatch
            plan["plan"] = body
        }, in: folder)
        let actuals = try write("school,category,amount\nS1,k,1\n", "a.csv", in: folder)
        let error = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(planFile: plan, actualsFiles: [actuals], planName: "plan.json") }
        #expect(error.errors.map { $0.field ?? "" } == ["plan.schools[0].allocated.k", "plan.schools[1].pupils", "plan.schools[2].pupils",
                                                          "plan.funds[1].flows[0].amount", "plan.dispatch[0].count"])
        #expect(error.errors[0].description == "plan.json (plan.schools[0].allocated.k): expected an amount of money from 0 to 1e13, found -1e+308")
    }

    /// With --scenario, the plan's variant is applied to the folder's base scenario and the result
    /// must have the plan's fingerprint: a plan of "budget -50%" evaluates against example 9;
    /// against a copy of example 9 with one rate changed it is refused (facts changed), unless
    /// allowed, and then the report says so.
    @Test func scenarioMustBeThePlansOwn() throws {
        let base = try scenario("scenarios/examples/09_budget_variants")
        let variant = base.applying(try #require(base.variant(named: "budget -50%")))
        let document = try solvedPlan(variant)
        #expect(document.variant == "budget -50%")
        let actuals = actualsEqualToPlan(document.plan!)
        let report = try Evaluation.evaluate(document, actuals: actuals, scenario: base)
        #expect(report.warnings.isEmpty && report.totalMoney?.rate == 1)

        var changed = base
        changed.categories[0].rule = .perStudent(count: .enrollment, rates: [.primary: 11])
        let refused = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(document, actuals: actuals, scenario: changed) }
        #expect(refused.errors.map(\.field) == ["scenario_fingerprint"])
        #expect(refused.errors[0].description.contains("variant \"budget -50%\""))
        let allowed = try Evaluation.evaluate(document, actuals: actuals, scenario: changed, allowForeignPlan: true)
        #expect(allowed.warnings.map(\.field) == ["scenario_fingerprint"])
        #expect(allowed.notes.first?.hasPrefix("Warning: plan.json (scenario_fingerprint)") == true)

        var unknown = document
        unknown.variant = "no such variant"
        let noVariant = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(unknown, actuals: actuals, scenario: base) }
        #expect(noVariant.errors.map(\.field) == ["variant"])
    }
}
