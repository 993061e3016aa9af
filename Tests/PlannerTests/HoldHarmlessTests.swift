@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// F8 hold-harmless (issue 15) beyond its fixtures: the exact top-up re-solved on both sides,
/// the elastic diagnosis in money, the base reference of the base itself, the scope, the claim.
@Suite("F8 hold-harmless: top-up, diagnosis, reference, scope, marginal cost")
struct HoldHarmlessTests {
    let topUpFixture = fixturesRoot.appendingPathComponent("f8_hold_harmless_topup")
    let hardFixture = fixturesRoot.appendingPathComponent("f8_hold_harmless_hard")

    /// The fixture's variant `name` applied.
    func variant(_ name: String) throws -> Scenario {
        let scenario = try ScenarioLoader.load(from: topUpFixture).scenario
        return scenario.applying(try #require(scenario.variant(named: name)))
    }

    /// The 30% cut with a hard hold-harmless at max_loss 0 and 0.05: the smallest top-up is 600
    /// and 500 (README), and re-solving with the fund raised by it is feasible, by 0.1% less not.
    @Test(arguments: [("cut", 600.0), ("cut_5pct", 500.0)])
    func theTopUpIsExact(name: String, expected: Double) throws {
        let scenario = try variant(name)
        #expect(try Planner.solve(scenario).status == .infeasible)
        let outcome = try TopUpPlanner.solve(scenario, funds: [0])
        let topUp = try #require(outcome.topUp?["provincial"])
        #expect(abs(topUp - expected) <= 1e-6 * expected, "top-up \(topUp)")
        #expect(outcome.result.status == .optimal)
        for (raise, feasible) in [(topUp, true), (topUp * 0.999, false)] {
            var raised = scenario
            raised.funds[0].amount += raise
            let status = try Planner.solve(raised).status
            #expect((status == .optimal) == feasible, "raised by \(raise): \(status)")
        }
    }

    /// Infeasible cut: the elastic diagnosis gives the hold-harmless rows in money, 600 in all
    /// (r2 and r3 each short of their base money by 300 at the optimum of the slack sum).
    @Test func theDiagnosisGivesTheRowsInMoney() throws {
        let result = try Planner.solve(try variant("cut"))
        let items = (result.diagnosis ?? []).filter { $0.rule == HoldHarmlessRule.key }
        #expect(!items.isEmpty && items.allSatisfy { $0.unit == "CNY" || $0.unit == "money" }, "\(items)")
        #expect(abs(items.reduce(0) { $0 + $1.money } - 600) <= 1e-6)
    }

    /// `reference: base` in the base scenario itself: the plan is its own reference, no row is
    /// built and the plan is the one without the rule.
    @Test func theBaseIsItsOwnReference() throws {
        var scenario = try ScenarioLoader.load(from: topUpFixture).scenario
        let without = try Planner.solve(scenario)
        scenario.fairness.set(HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0, reference: .base)))
        #expect(Formulation(scenario: scenario).ruleRows[HoldHarmlessRule.key] == nil)
        #expect(try Planner.solve(scenario).objective == without.objective)
        // A variant: one row per region with base money (r2, r3; r1 had none).
        let cut = try variant("cut")
        #expect(Formulation(scenario: cut).model.rowNames.filter { $0.hasPrefix("hold_harmless[") } == ["hold_harmless[r2]", "hold_harmless[r3]"])
    }

    /// The scope: only provincial regions (r2's floor 500 does not bind: 1000 objective as with
    /// no rule); only r1 by id (its floor 400 binds: 1200 as the hard fixture).
    @Test func theScopeLimitsTheRows() throws {
        var scenario = try ScenarioLoader.load(from: hardFixture).scenario
        var rule = try #require(scenario.fairness.rule(HoldHarmlessRule.self))
        rule = HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0.5, reference: rule.setting.reference, designations: [.provincial]))
        scenario.fairness.set(rule)
        #expect(abs((try Planner.solve(scenario).objective ?? 0) - 1000) <= 1e-6)
        rule = HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0.5, reference: rule.setting.reference, regions: ["r1"]))
        scenario.fairness.set(rule)
        #expect(abs((try Planner.solve(scenario).objective ?? 0) - 1200) <= 1e-6)
    }

    /// The marginal cost of max_loss, from the duals and re-solved: only r1's row binds with
    /// dual 0.5 (a CNY to A is a CNY less to B, 1.5 − 1), so d objective / d max_loss = −0.5 · 800.
    @Test func theMarginalCostOfMaxLoss() throws {
        let result = try Planner.solve(try ScenarioLoader.load(from: hardFixture).scenario)
        let price = try #require(result.rulePrices.first { $0.rule == HoldHarmlessRule.key })
        #expect(price.binding)
        #expect(abs((price.value ?? 0) + 400) <= 1e-6, "\(String(describing: price.value))")
        // Lowering max_loss tightens the rule: its side comes first and the sentence says so.
        let text = try #require(price.claims.first { $0.kind == .ruleMarginalCost }?.text)
        #expect(text.contains("lowering it by 0.001 costs 0.40 points of weighted benefit") && text.contains("(400 per unit of max_loss)") && text.hasSuffix("tightening is lowering its max_loss)"), "\(text)")
    }

    /// Alternative optima: with B and C at the same priority and 1500 for their 2000 of need, the
    /// base may split the 1500 any way between r2 and r3; the variant's plan names both and
    /// recommends a file. The fixture's base (priorities differ) gets no warning.
    @Test func aBaseWhoseMoneyIsNotUniqueIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("f8-ambiguous-\(UUID())")
        try FileManager.default.copyItem(at: topUpFixture, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schools = folder.appendingPathComponent("schools.csv"), settings = folder.appendingPathComponent("scenario.yaml")
        let table = try String(contentsOf: schools, encoding: .utf8)
        #expect(table.contains("B,Lake Primary,r2,primary,100,0,25,"))
        try table.replacingOccurrences(of: "B,Lake Primary,r2,primary,100,0,25,", with: "B,Lake Primary,r2,primary,100,0,50,")
            .write(to: schools, atomically: true, encoding: .utf8)
        try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "amount: 2000", with: "amount: 1500")
            .write(to: settings, atomically: true, encoding: .utf8)
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let reference = try #require(BaseReferenceCache.shared.reference(of: scenario))
        #expect(reference.ambiguous == [1, 2], "\(reference)")
        let cut = scenario.applying(try #require(scenario.variant(named: "cut_5pct")))
        let detail = try Planner.solve(cut).statusDetail
        #expect(detail.contains("give r2, r3 other money") && detail.contains("reference: FILE.csv"), "\(detail)")
        let unique = try variant("cut_5pct")
        #expect(BaseReferenceCache.shared.reference(of: try #require(unique.unvaried))?.ambiguous == [])
        #expect(!(try Planner.solve(unique).statusDetail.contains("Warning: hold_harmless")))
    }

    /// tools/oracle (written afresh in Python, solved by glpsol) reaches the planner's objective on
    /// every F8 fixture, and the planner's elastic total on the infeasible variants.
    @Test(arguments: [("f8_hold_harmless_hard", nil), ("f8_hold_harmless_soft", nil), ("f8_hold_harmless_topup", nil),
                      ("f8_hold_harmless_topup", "cut"), ("f8_hold_harmless_topup", "cut_5pct")] as [(String, String?)])
    func theOracleAgrees(name: String, variantName: String?) throws {
        let folder = fixturesRoot.appendingPathComponent(name)
        var scenario = try ScenarioLoader.load(from: folder).scenario
        if let variantName { scenario = scenario.applying(try #require(scenario.variant(named: variantName))) }
        let ours = try Planner.solve(scenario)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let oracle = fixturesRoot.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/oracle/oracle.py").path
        process.arguments = ["python3", oracle, folder.path] + (variantName.map { ["--variant", $0] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(answer["status"] as? String == ours.status.rawValue)
        if let objective = ours.objective {
            let theirs = try #require(answer["objective"] as? Double)
            #expect(abs(theirs - objective) <= 1e-6 * max(1, abs(objective)), "oracle \(theirs) vs planner \(objective)")
        } else {
            let theirs = try #require(answer["elastic_total"] as? Double)
            let total = (ours.diagnosis ?? []).reduce(0) { $0 + $1.money }
            #expect(abs(theirs - total) <= 1e-6 * max(1, total), "oracle \(theirs) vs planner \(total)")
        }
    }

    /// M_r is all the money a region receives, dispatch included: on a dispatch-only scenario the
    /// row of each region with reference money sums its `dispatch` z columns.
    @Test func dispatchMoneyCountsInTheRegionTotal() throws {
        var scenario = try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent("dispatch_levels")).scenario
        let money = Dictionary(uniqueKeysWithValues: scenario.regions.indices.map { ($0, 1.0) })
        scenario.fairness.set(HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0, reference: .table(file: "t.csv", money: money))))
        let f = Formulation(scenario: scenario)
        let rows = f.model.rowNames.indices.filter { f.model.rowNames[$0].hasPrefix("hold_harmless[") }
        #expect(!rows.isEmpty)
        for i in rows {
            let names = (f.model.rowStart[i] ..< f.model.rowStart[i + 1]).map { f.model.columnNames[Int(f.model.entryColumn[$0])] }
            #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("z[teacher_fund,dispatch,") }, "\(f.model.rowNames[i]): \(names)")
        }
    }

    /// A region without schools (as in a part of a decomposed solve) has no row: the hard fixture
    /// without C keeps r1's and r2's rows and plans (without the change r3's row, with no column,
    /// could never hold: infeasible).
    @Test func aRegionWithoutSchoolsHasNoRow() throws {
        var scenario = try ScenarioLoader.load(from: hardFixture).scenario
        scenario.schools.removeAll { $0.id == "C" }
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal, "\(result.statusDetail)")
        #expect(Formulation(scenario: scenario).model.rowNames.filter { $0.hasPrefix("hold_harmless[") } == ["hold_harmless[r1]", "hold_harmless[r2]"])
    }
}
