import Foundation
import Testing

/// `eduplan solve`, `validate` and `export` on a scenario with `horizon:` (docs/cli.md, "Multi-year plans").
@Suite struct MultiYearCLITests {
    static let fixture = "Tests/Fixtures/multiyear/core_carry_contract"

    @Test func solveWritesTheHorizonAndEveryYear() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-years-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try eduplan(["solve", Self.fixture, "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Money by year and fund") && run.stdout.contains("Year 2025"))
        let plan = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json"))) as? [String: Any])
        let horizon = try #require(plan["horizon"] as? [String: Any])
        #expect(horizon["years"] as? [Int] == [2024, 2025] && horizon["discount"] as? Double == 0.9)
        #expect(abs((plan["objective"] as? Double ?? 0) - 136.5) < 1e-6 && abs((plan["benefit"] as? Double ?? 0) - 363.5) < 1e-6)
        let years = try #require(plan["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2024, 2025])
        let carry = try #require(years[0]["carry_over"] as? [[String: Any]])
        let meal = try #require(carry.first { $0["fund"] as? String == "meal_fund" })
        #expect(meal["amount"] as? Double == 30 && meal["cap_value"] as? Double != nil)
        #expect((years[1]["new_dispatch"] as? [[String: Any]])?.first?["count"] as? Double == 1)
        let schools = try String(contentsOf: out.appendingPathComponent("schools.csv"), encoding: .utf8).split(separator: "\n")
        #expect(schools.first?.hasPrefix("year,school,") == true && schools.count == 3)
        #expect(schools.dropFirst().map { $0.prefix(5) } == ["2024,", "2025,"])
    }

    @Test func validateSaysTheHorizon() throws {
        let run = try eduplan(["validate", Self.fixture])
        #expect(run.status == 0 && run.stdout.contains("horizon 2024–2025 (2 years, discount 0.9"), "\(run.stdout)")
        let zh = try eduplan(["validate", Self.fixture, "--lang", "zh-CN"])
        #expect(zh.stdout.contains("规划期 2024–2025 年"), "\(zh.stdout)")
    }

    @Test func refusedOptionsExitOne() throws {
        let run = try eduplan(["solve", Self.fixture, "--top-up", "meal_fund"])
        #expect(run.status == 1 && run.stderr.contains("--top-up is not combined with a multi-year scenario"), "\(run.stderr)")
        let report = try eduplan(["report", Self.fixture, "--out", FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).html").path])
        #expect(report.status == 1 && report.stderr.contains("report does not take a multi-year scenario"), "\(report.stderr)")
    }

    @Test func infeasibleYearIsNamedInTheDiagnosis() throws {
        let run = try eduplan(["solve", "Tests/Fixtures/multiyear/core_infeasible_second_year", "--quiet"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("2025: meals at Town Primary"), "\(run.stdout)")
    }

    @Test func compareReportsEachRunsHorizon() throws {
        let run = try eduplan(["compare", Self.fixture, "--format", "json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("136.5") && run.stdout.contains("109.5"), "\(run.stdout)")
    }
}
