import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// `evaluate` on a robust plan (issue 19): did the reserves cover what happened? The plan is the
/// two-school fixture robust_gamma_integer: living_allowance planned 1000 at A and 500 at B, reserve
/// 400 in r1. Extra money = Σ max(0, actual − planned) over r1's schools.
@Suite("Evaluation: reserves against what happened")
struct ReserveCoverageTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/planner/robust_gamma_integer")

    func evaluate(_ actuals: String) throws -> EvaluationReport {
        let scenario = try ScenarioLoader.load(from: Self.fixture).scenario
        let result = try Planner.solve(scenario)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-reserves-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.json"), money = folder.appendingPathComponent("actuals.csv")
        try JSONEncoder().encode(PlanFile(result: result, metrics: nil, fingerprint: nil)).write(to: plan)
        try Data(actuals.utf8).write(to: money)
        return try Evaluation.evaluate(planFile: plan, actualsFiles: [money]).report
    }

    /// A 300 above plan (1300 − 1000), B as planned: extra 300 ≤ 400, covered.
    @Test func covered() throws {
        let report = try evaluate("school,category,amount\nA,living_allowance,1300\nB,living_allowance,500\nA,books,100\n")
        #expect(report.reserves == [ReserveCoverage(category: "living_allowance", region: "r1", reserve: 400, extra: 300)])
        #expect(report.reserves?.first?.covered == true)
        #expect(report.tables().contains { $0.title == "Did the reserves cover what happened?" })
        #expect(try report.json().contains("\"reserves\""))
    }

    /// Both above plan (A +200, B +300): extra 500 > 400, short by 100; money below plan elsewhere
    /// (A's books) does not offset it.
    @Test func short() throws {
        let report = try evaluate("school,category,amount\nA,living_allowance,1200\nB,living_allowance,800\nA,books,0\n")
        let line = try #require(report.reserves?.first)
        #expect(line.extra == 500 && !line.covered && line.shortBy == 100)
    }
}
