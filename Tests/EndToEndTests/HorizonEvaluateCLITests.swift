import Foundation
import Testing

/// `eduplan evaluate PLAN.json --actuals … --scenario DIR` on a multi-year plan (docs/evaluation.md,
/// "Actuals of a multi-year plan"); the numbers are derived in EvaluationTests'
/// HorizonEvaluationTests on Tests/Fixtures/multiyear/rolling_project.
@Suite struct HorizonEvaluateCLITests {
    static let project = "Tests/Fixtures/multiyear/rolling_project"

    private func actuals(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-yevaluate-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Paid 2024 A 300; 2025 A 100, B 500: the summary reads 2024 300 of 600 (50%) and 2025 900 of
    /// 1,200 (75%, A cumulative 400 of 700), in English and Chinese, JSON and CSV.
    @Test func evaluatesEveryYearWithItsSummary() throws {
        let paid = try actuals("year,school,category,amount\n2024,A,infrastructure,300\n2025,A,infrastructure,100\n2025,B,infrastructure,500\n")
        defer { try? FileManager.default.removeItem(at: paid) }
        let base = ["evaluate", "\(Self.project)/previous.json", "--actuals", paid.path, "--scenario", Self.project]
        let text = try eduplan(base)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("2024 600 300 50.00% — — 1 A money −50.00%"), "\(text.stdout)")
        #expect(lines.contains("2025 1,200 900 75.00% — — 1 A money −42.86%"), "\(text.stdout)")
        #expect(text.stdout.contains("Year 2025\n========="))
        let zh = try eduplan(base + ["--lang", "zh-CN"])
        #expect(zh.status == 0 && zh.stdout.contains("2025年") && zh.stdout.contains("规划期逐年汇总"), "\(zh.stdout)")
        let json = try eduplan(base + ["--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["years"] as? [[String: Any]])?.map { $0["year"] as? Int } == [2024, 2025])
        let csv = try eduplan(base + ["--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").last == "2025,B,Valley Primary,r1,500,500,1,500,500,,,")
    }

    /// Actuals without a `year` column, or a multi-year plan without --scenario: exit 1, the problem named.
    @Test func refusesActualsWithoutYearsAndAPlanWithoutItsScenario() throws {
        let plain = try actuals("school,category,amount\nA,infrastructure,300\n")
        defer { try? FileManager.default.removeItem(at: plain) }
        let noYear = try eduplan(["evaluate", "\(Self.project)/previous.json", "--actuals", plain.path, "--scenario", Self.project])
        #expect(noYear.status == 1 && noYear.stderr.contains("expected a header with a `year` column"), "\(noYear.stderr)")
        let noScenario = try eduplan(["evaluate", "\(Self.project)/previous.json", "--actuals", plain.path])
        #expect(noScenario.status == 1 && noScenario.stderr.contains("a multi-year plan without --scenario"), "\(noScenario.stderr)")
    }
}
