import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// A robust plan's reserves, price of robustness and protection in every output (issue 19): the
/// text section, reserves.csv, plan.json's `robust` object and the HTML section, on the two-school
/// fixture (reserve 400 in r1 from `central`, POR 0.2: README of robust_gamma_integer).
@Suite("Robust plan reports")
struct RobustReportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/planner/robust_gamma_integer")

    func report() throws -> PlanReport {
        let scenario = try ScenarioLoader.load(from: Self.folder).scenario
        return PlanReport(result: try Planner.solve(scenario), scenario: scenario)
    }

    @Test func everyOutputCarriesTheReserves() throws {
        let report = try report()
        let text = report.text(markdown: false)
        #expect(text.contains("Held in reserve: 400 CNY in all"))
        #expect(text.contains("Price of robustness: 20.00% of the weighted benefit (U 2,000 points without reserves, 1,600 with them)."))
        let files = try report.files()
        #expect(files.map(\.name) == ["plan.json", "schools.csv", "funds.csv", "dispatch.csv", "reserves.csv"])
        #expect(String(decoding: files[4].data, as: UTF8.self) == "fund,category,region,reserve\ncentral,living_allowance,r1,400\n")
        let decoded = try JSONDecoder().decode(PlanFile.self, from: files[0].data)
        #expect(decoded.robust?.priceOfRobustness == 0.2 && decoded.robust?.reserveTotal == 400)
        #expect(decoded.robust == report.result.robust)
        let html = HTMLReport(base: report).render()
        #expect(html.contains("<section id=\"reserves\""))
        #expect(html.contains("<td>central</td><td>Living allowance</td><td>Hill County (r1)</td><td class=\"num\">400</td>"))
    }

    /// The same sentences in Chinese, placeholders filled (no `{…}` left).
    @Test func chineseWording() throws {
        let report = try report()
        let robust = try #require(report.result.robust)
        let text = RobustReport.text(robust, currency: "CNY", names: .none, markdown: true, wording: Wording(language: .chinese))
        #expect(text.contains("预留资金合计 400 元"))
        #expect(text.contains("稳健代价：加权效益的 20.00%"))
        #expect(!text.contains("{"))
        // The HTML section in the page's language and money unit: 400 元 = 0.04 万元.
        let html = HTMLReport(base: report, wording: Wording(language: .chinese, money: .wan)).render()
        #expect(html.contains("预留资金合计 0.04 万元"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">预留（万元）</th>"))
    }

    /// A plan that is not robust has no section, no reserves.csv and no `robust` key.
    @Test func nominalPlanHasNone() throws {
        var scenario = try ScenarioLoader.load(from: Self.folder).scenario
        scenario.robust = nil
        let report = PlanReport(result: try Planner.solve(scenario), scenario: scenario)
        #expect(!report.text(markdown: false).contains("reserve"))
        #expect(try report.files().map(\.name) == ["plan.json", "schools.csv", "funds.csv", "dispatch.csv"])
        #expect(!(try report.json().rendered().contains("\"robust\"")))
        #expect(!HTMLReport(base: report).render().contains("id=\"reserves\""))
    }
}
