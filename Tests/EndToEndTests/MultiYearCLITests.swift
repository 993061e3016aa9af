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
        #expect(run.stdout.contains("Money by year and fund") && run.stdout.contains("\n2025 (year 2 of 2)\n=================="))
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
        // A sweep is a one-year frontier: a multi-year page takes none (nothing is written).
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).html")
        let report = try eduplan(["report", Self.fixture, "--out", page.path, "--sweep", "Tests/Fixtures/multiyear/README.md"])
        #expect(report.status == 1 && report.stderr.contains("a multi-year page takes none"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    /// `report` on a horizon: the page (exit 0) with a year selector, every year's sections and the
    /// annex with a `year` column; each year's U and money on the page are plan.json's (from `solve --out`
    /// on the same scenario), and the variant of the same years is drawn in every year.
    @Test func reportDrawsEveryYear() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-years-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("years.html")
        let run = try eduplan(["report", Self.fixture, "--out", page.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let solved = try eduplan(["solve", Self.fixture, "--out", folder.appendingPathComponent("plan").path, "--quiet"])
        #expect(solved.status == 0, "\(solved.stderr)")
        let plan = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("plan/plan.json"))) as? [String: Any])
        for (t, year) in try #require(plan["years"] as? [[String: Any]]).enumerated() {
            let number = try #require(year["year"] as? Int)
            #expect(html.contains("<input type=\"radio\" class=\"year-pick\" name=\"year\" id=\"pick-\(number)\"\(t == 0 ? " checked" : "")>"))
            let summary = try #require(html.components(separatedBy: "<section id=\"summary-\(number)\"").dropFirst().first)
            let benefit = Int(((year["benefit"] as? Double) ?? .nan).rounded())
            #expect(summary.contains(">\(benefit)<span class=\"unit\">points</span>"), "\(number): U \(benefit)")
            for carry in try #require(year["carry_over"] as? [[String: Any]]) {
                let cells = ["budget", "carried_in", "spent", "amount", "lapsed"].map { "<td class=\"num\">\(Int((carry[$0] as? Double ?? .nan).rounded()))</td>" }
                #expect(html.contains("<tr><td class=\"nw\">\(number)</td><th scope=\"row\">\(carry["fund"] as? String ?? "")</th>" + cells.joined()))
            }
            #expect(summary.contains("variant “more meals”"))
        }
        let annex = try String(contentsOf: folder.appendingPathComponent("years-schools.csv"), encoding: .utf8).split(separator: "\n")
        #expect(annex.first?.hasPrefix("year,school,") == true && annex.count == 3)
        // The Chinese page, in 万元.
        let zh = try eduplan(["report", Self.fixture, "--out", folder.appendingPathComponent("zh.html").path, "--lang", "zh-CN", "--money", "wan", "--quiet"])
        #expect(zh.status == 0, "\(zh.stderr)")
        let zhPage = try String(contentsOf: folder.appendingPathComponent("zh.html"), encoding: .utf8)
        #expect(zhPage.contains("2025 年（第 2 年，共 2 年）") && zhPage.contains("分年度方案") && zhPage.contains("万元"))
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
