import EduplanIO
import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// The HTML report's content in both languages: every text from the catalogue, the disclosure
/// tables against hand-derived numbers, who gains and who loses, the Atkinson rule, the frontier's
/// Gini axis, the map's flows by pair of regions, the annex CSV.
@Suite("HTML report")
struct HTMLReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The report as `eduplan report` builds it: the comparison of the base and every variant.
    static func report(_ folder: String, wording: Wording = .english) throws -> HTMLReport {
        let scenario = try ScenarioLoader.load(from: root.appendingPathComponent(folder)).scenario
        let comparison = try Compare.run(scenario)
        let reports = ComparisonReport(comparison).reports
        var html = HTMLReport(base: reports[0], variants: Array(reports.dropFirst()), wording: wording)
        html.comparison = comparison
        return html
    }

    /// Every `"report.…"` and `"glossary.…"` key written whole in the report's sources is in the
    /// catalogue (keys built from a prefix are checked by the pages' own tests below: a missing key
    /// shows as itself).
    @Test func everyKeyTheReportUsesIsInTheCatalogue() throws {
        let folder = Self.root.appendingPathComponent("Sources/EduplanReports")
        var used = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("HTML") || name.hasPrefix("SVG") {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var rest = source[...]
            while let start = rest.range(of: "\"report.") {
                let tail = rest[start.upperBound...]
                let key = "report." + tail.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
                if !key.hasSuffix("."), tail.dropFirst(key.count - 7).first == "\"" { used.insert(key) }
                rest = tail
            }
        }
        #expect(used.count > 150, "the scan found too few keys to be scanning: \(used.count)")
        for key in used.sorted() { #expect(Catalogue.entries[key] != nil, "\(key) is used but not in the catalogue") }
        for entry in HTMLGlossary.entries {
            for part in ["term", "short", "text"] {
                #expect(Catalogue.entries["glossary.\(entry.id).\(part)"] != nil, "glossary.\(entry.id).\(part) missing")
            }
        }
    }

    /// The Chinese page: tagged zh-CN, the metrics' Chinese terms, no key printed as itself, money in
    /// 万元; the same input gives the same bytes, and the English page differs.
    @Test func chinesePageIsTaggedAndTranslated() throws {
        let zh = try Self.report("scenarios/examples/09_budget_variants", wording: Wording(language: .chinese, money: .wan))
        let page = zh.render()
        #expect(page.contains("<html lang=\"zh-CN\">"))
        for term in ["基尼系数", "泰尔指数", "阿特金森指数", "变异系数", "胡佛指数", "联邦极差比", "麦克卢恩指数", "韦斯特根指数", "万元", "谁得益，谁受损", "信息公开", "未获资助的项目"] {
            #expect(page.contains(term), "the Chinese page lacks \(term)")
        }
        // The fund's marginal value with the interval it holds on: the English sentence of the same
        // solve says "up to +500 CNY" and "down to −300 CNY" around general's 2,000, both sides 1.000.
        let yuan = try Self.report("scenarios/examples/09_budget_variants", wording: Wording(language: .chinese)).render()
        #expect(yuan.contains("<li>general每多投入 1 元，加权效益增加 1.000 分；在该资金总额为 1,700 元 至 2,500 元 之间成立。</li>"))
        #expect(!page.contains(">report.") && !page.contains("\"report.") && !page.contains(">glossary."), "a catalogue key is printed as itself")
        #expect(page == zh.render())
        let en = try Self.report("scenarios/examples/09_budget_variants").render()
        #expect(en.contains("<html lang=\"en\">") && en.contains("Federal range ratio") && en != page)
    }

    /// Hand-derived (Tests/Fixtures/compare/fund_in_two_regions/scenario.yaml): `local` (200, North
    /// and East only) pays S10's books floor in East and nothing in North; in "local x2" the extra 200
    /// buys S10's meals, so East gains 200 / 100 pupils = 2 per pupil, North and South nothing, one
    /// school gains and none loses.
    @Test func fundByCountyAndGainsOnTheHandDerivedFixture() throws {
        let html = try Self.report("Tests/Fixtures/compare/fund_in_two_regions")
        let basePlan = try #require(html.base.result.plan)
        let variantPlan = try #require(html.variants.first?.result.plan)
        let gains = HTMLReport.gains(variantPlan, against: basePlan)
        #expect(gains.regionsUp == 1 && gains.regionsDown == 0 && gains.regionsSame == 2)
        #expect(gains.schoolsUp == 1 && gains.schoolsDown == 0)
        #expect(gains.largestGain?.region == "r2" && abs((gains.largestGain?.change ?? 0) - 2) < 1e-6)
        #expect(gains.largestLoss == nil)
        let page = html.render()
        #expect(page.contains("In the variant “local x2”, per-pupil money is higher than in the base plan in 1 of the 3 regions, lower in 0 and unchanged in 2; it rises at 1 of the schools and falls at 0. The largest gain is in East County: 2.00 CNY per pupil more."))
        // Fund × county: the first fund column is `local`: North —, East 200.
        #expect(page.contains("<tr><th scope=\"row\">North County</th><td class=\"num\">—</td>"))
        #expect(page.contains("<tr><th scope=\"row\">East County</th><td class=\"num\" title=\"books: 200\">200</td>"))
        // Each fund's column total is what the fund spent.
        let footer = basePlan.funds.map { "<td class=\"num\">\(html.moneyNumber($0.spent))</td>" }.joined()
        #expect(page.contains("<tfoot><tr><th scope=\"row\">Total</th>\(footer)"))
    }

    /// Against a previous plan: with the variant's plan as the previous one, the base plan is the
    /// fixture's change reversed: East loses 2 per pupil, the others keep theirs.
    @Test func againstAPreviousPlan() throws {
        var html = try Self.report("Tests/Fixtures/compare/fund_in_two_regions")
        html.variants = []
        html.previous = ("last-year.json", try #require(try Self.report("Tests/Fixtures/compare/fund_in_two_regions").variants.first?.result.plan))
        let page = html.render()
        #expect(page.contains("Against the previous plan <code>last-year.json</code>, per-pupil money in this plan is higher in 0 of the 3 regions, lower in 1 and unchanged in 2; it rises at 0 of the schools and falls at 1. The largest loss is in East County: 2.00 CNY per pupil less."))
    }

    /// A school with pupils and no money makes Atkinson (ε = 1) 1 whatever the others get: the page
    /// prints — with the reason, never 1.000. Example 9's "budget -50% no fairness" leaves a school at 0.
    @Test func atkinsonWithAZeroSchoolIsADashWithItsReason() throws {
        let html = try Self.report("scenarios/examples/09_budget_variants")
        let starved = try #require(html.variants.first { $0.result.variant == "budget -50% no fairness" })
        #expect(HTMLReport.atkinsonUndefined(starved))
        #expect(starved.result.plan!.schools.contains { $0.pupils > 0 && $0.received == 0 })
        #expect(!HTMLReport.atkinsonUndefined(html.base))
        let row = try #require(html.equityTable().split(separator: "\n").first { $0.contains("g-atkinson") })
        #expect(row.contains("—<sup>*</sup>") && !row.contains("1.000"))
        #expect(html.equityTable().contains("* Atkinson (ε = 1) is not shown: a school with pupils receives no money"))
    }

    /// The infeasible example in Chinese: what must give, each row's meaning in a Chinese sentence with
    /// the solver's numbers (its English sentence: "must give by 2.00 CNY per pupil (200 CNY across
    /// rural pupils)"), the English kept as the tooltip.
    @Test func infeasiblePageInChinese() throws {
        let page = try Self.report("scenarios/examples/08_infeasible_diagnosis", wording: Wording(language: .chinese)).render()
        #expect(page.contains("必须放宽什么") && page.contains("class=\"status infeasible\">不可行</span>"))
        #expect(page.contains("<td title=\"rural per-pupil money against urban must give by 2.00 CNY per pupil (200 CNY across rural pupils)\"><code>rural per-pupil money against urban</code> 须放宽 2.00 元/生（按农村学生合计折合 200 元）。</td>"))
    }

    /// The frontier's Gini axis runs from 0 (not zoomed to 0.70–0.78) and the money axis is in words
    /// and in the page's unit.
    @Test func frontierAxesInWordsWithTheGiniFromZero() throws {
        var html = try Self.report("scenarios/examples/01_priority_weights", wording: Wording(language: .chinese))
        let csv = "step,multiplier,total_money,status,benefit,gini\n0,1,10000000,optimal,100,0.78\n1,2,20000000,optimal,150,0.70\n"
        html.frontier = SweepFrontier.parse(csv, source: "s.csv")
        let page = html.render()
        let gini = try #require(page.range(of: "id=\"frontier-gini\"").map { String(page[$0.lowerBound...].prefix(4000)) })
        #expect(gini.contains(">0</text>"), "the Gini axis starts at 0")
        #expect(page.contains("资金总额（万元）") && !page.contains(">total_money"))
        html.wording = .english
        #expect(html.render().contains(">Total money (million CNY)</text>"))
    }

    /// The map draws one line per pair of regions: the teachers of the pairs add up to the dispatch.
    @Test func dispatchIsSummedByPairOfRegions() throws {
        let html = try Self.report("scenarios/examples/05_teacher_dispatch")
        let plan = try #require(html.base.result.plan)
        let geography = MapGeography(scenario: html.scenario, plan: plan)
        let total = plan.dispatch.reduce(0) { $0 + $1.count }
        #expect(total > 0)
        #expect(abs(geography.pairs.reduce(0) { $0 + $1.teachers } - total) < 1e-9)
        #expect(Set(geography.pairs.map { $0.fromRegion + ">" + $0.toRegion }).count == geography.pairs.count)
        #expect(geography.seats.count == Set(html.scenario.schools.filter { $0.latitude != nil }.map(\.region)).count)
    }

    /// The annex: one row per school, the received column adds up to the money allocated.
    @Test func annexCSVHasEverySchool() throws {
        let html = try Self.report("scenarios/examples/09_budget_variants")
        let csv = try #require(html.annexCSV())
        let lines = csv.split(separator: "\n")
        let plan = try #require(html.base.result.plan)
        #expect(lines.count == plan.schools.count + 1)
        let header = lines[0].split(separator: ",").map(String.init)
        let received = try #require(header.firstIndex(of: "received"))
        let sum = lines.dropFirst().reduce(0.0) { $0 + Double($1.split(separator: ",", omittingEmptySubsequences: false)[received])! }
        #expect(abs(sum - plan.schools.reduce(0) { $0 + $1.received }) < 0.01 * Double(plan.schools.count))
    }

    /// The PDF printer's failures are errors with a reason, never a hang or a file that is not a PDF:
    /// a browser that never finishes is killed at the timeout; one that writes nothing is refused.
    @Test func pdfPrinterFailsClearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-pdf-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func fakeBrowser(_ name: String, _ body: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }
        let page = folder.appendingPathComponent("p.html")
        try "<html></html>".write(to: page, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("p.pdf").path
        let slow = try fakeBrowser("slow", "exec sleep 30")
        let started = Date()
        #expect(throws: PDFPrinter.Failure.self) { try PDFPrinter.print(page: page, to: pdf, browser: slow, timeout: 1) }
        #expect(Date().timeIntervalSince(started) < 20, "the browser was not killed at the timeout")
        let silent = try fakeBrowser("silent", "exit 0")
        do {
            try PDFPrinter.print(page: page, to: pdf, browser: silent, timeout: 10)
            Issue.record("a browser that writes no PDF was accepted")
        } catch let failure as PDFPrinter.Failure {
            #expect(failure.description.contains("without a PDF"))
        }
        #expect(throws: PDFPrinter.Failure.self) { try PDFPrinter.browser(environment: ["EDUPLAN_CHROMIUM": folder.appendingPathComponent("none").path]) }
        #expect(try PDFPrinter.browser(environment: ["EDUPLAN_CHROMIUM": silent]) == silent)
    }
}
