import EduplanIO
@testable import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// The report of a multi-year plan (docs/report.md, "A multi-year plan") and the multi-year text of
/// `solve`, on `Tests/Fixtures/multiyear/core_carry_contract` (two years, δ = 0.9, derived by hand in
/// its README): every number on the page is read back and compared with plan.json's `years`.
@Suite("Horizon report")
struct HorizonHTMLReportTests {
    static let fixture = "Tests/Fixtures/multiyear/core_carry_contract"

    /// The page as `eduplan report` builds it, the comparison it draws, and plan.json of the base.
    static func page(_ folder: String = fixture, wording: Wording = .english) throws -> (html: HTMLReport, page: String, plan: [String: Any]) {
        let scenario = try ScenarioLoader.load(from: HTMLReportTests.root.appendingPathComponent(folder)).scenario
        let comparison = try Compare.run(scenario)
        let html = HTMLReport(horizon: comparison, wording: wording)
        let planned = try #require(comparison.base.horizon)
        let json = try HorizonReport(result: planned, scenario: scenario).json().rendered()
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (html, html.render(), plan)
    }

    /// The cells of the table row whose first cell is `first` (and whose second is `second`, when
    /// given) in `html`, as the page shows them.
    static func row(_ html: String, _ first: String, _ second: String? = nil) -> [String]? {
        for part in html.components(separatedBy: "<tr>").dropFirst() {
            let line = String(part.prefix { $0 != "\n" })
            let cells = Self.cells(line)
            if cells.first == first, second == nil || (cells.count > 1 && cells[1] == second) { return cells }
        }
        return nil
    }

    /// The text of each cell (`<th>` or `<td>`) of one table row's HTML, tags removed.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = [], current = "", tag = ""
        var inCell = false, inTag = false
        for c in row {
            if c == "<" { inTag = true; tag = ""; continue }
            if inTag {
                if c != ">" { tag.append(c); continue }
                inTag = false
                let name = tag.split(separator: " ").first.map(String.init) ?? ""
                if name == "td" || name == "th" {
                    (inCell, current) = (true, "")
                } else if name == "/td" || name == "/th" {
                    cells.append(current)
                    inCell = false
                }
                continue
            }
            if inCell { current.append(c) }
        }
        return cells.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// Every text between `prefix` and the next `suffix` in `text`.
    static func matches(_ text: String, prefix: String, suffix: String) -> [String] {
        text.components(separatedBy: prefix).dropFirst().compactMap { piece in piece.range(of: suffix).map { String(piece[..<$0.lowerBound]) } }
    }

    /// The part of the page between `start` and the next `end`.
    static func slice(_ page: String, from start: String, to end: String) -> String {
        guard let from = page.range(of: start) else { return "" }
        let rest = page[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    /// The hand-derived money of the README (meal_fund carries 30 out of 2024, the cap binds at 0.9 per
    /// CNY; 10 lapses), and every fund's row of every year equal to plan.json's `carry_over`. The cap's
    /// value holds from a cap of 0 (2024's meals are met with 20 whatever is carried) to 40 (all that
    /// 2024 leaves; 2025's meals still need 80 > 20 + 40).
    @Test func moneyByFundAndYearIsThePlans() throws {
        let (_, page, plan) = try Self.page()
        let trends = Self.slice(page, from: "id=\"trends\"", to: "</section>")
        #expect(Self.row(trends, "2024", "meal_fund") == ["2024", "meal_fund", "60", "0", "20", "30", "10", "0.900 (caps 0 to 40)"])
        #expect(Self.row(trends, "2025", "meal_fund") == ["2025", "meal_fund", "20", "30", "50", "0", "0", "—"])
        let years = try #require(plan["years"] as? [[String: Any]])
        for year in years {
            let number = try #require(year["year"] as? Int)
            for carry in try #require(year["carry_over"] as? [[String: Any]]) {
                let fund = try #require(carry["fund"] as? String)
                let cells = try #require(Self.row(trends, String(number), fund), "no row for \(number) \(fund)")
                let shown = ["budget", "carried_in", "spent", "amount", "lapsed"].map { HTMLText.number(carry[$0] as? Double ?? .nan) }
                #expect(Array(cells[2...6]) == shown, "\(number) \(fund): \(cells) against \(carry)")
            }
        }
        // The headline's sentence on carrying over, and the cards' discounted figures (136.5 and 363.5 by hand).
        #expect(page.contains("meal_fund may carry up to 50% of a year&#39;s budget into the next year: 30 CNY is carried over in all, 10 CNY lapses.")
            || page.contains("meal_fund may carry up to 50% of a year's budget into the next year: 30 CNY is carried over in all, 10 CNY lapses."))
        #expect(page.contains("Out of 2024 the cap binds: while the cap stays between 0 CNY and 40 CNY, each CNY more (or less) allowed to carry "
            + "into 2025 adds (or takes away) 0.900 points of discounted benefit."))
        #expect(page.contains("teacher_fund cannot carry money over (use it or lose it): 170 CNY lapses over the years."))
        let headline = Self.slice(page, from: "id=\"horizon\"", to: "</section>")
        #expect(headline.contains(">364<span class=\"unit\">points</span>") && headline.contains("136 points"), "363.5 and 136.5 rounded as the one-year cards round")
        #expect(headline.contains(">0.9</div>"), "the discount δ")
    }

    /// Teachers, unmet need, pupils and equity year by year: each table's row equals plan.json's year.
    @Test func yearOverYearTablesAreThePlans() throws {
        let (_, page, plan) = try Self.page()
        let trends = Self.slice(page, from: "id=\"trends\"", to: "</section>")
        let years = try #require(plan["years"] as? [[String: Any]])
        for year in years {
            let number = String(try #require(year["year"] as? Int))
            let totals = try #require(year["totals"] as? [String: Any])
            let newly = (year["new_dispatch"] as? [[String: Any]] ?? []).reduce(0.0) { $0 + ($1["count"] as? Double ?? 0) }
            let schools = try #require((year["plan"] as? [String: Any])?["schools"] as? [[String: Any]])
            let pupils = schools.reduce(0.0) { $0 + ($1["pupils"] as? Double ?? 0) }
            let unmet = schools.reduce(0.0) { total, school in
                let need = school["need"] as? [String: Double] ?? [:], given = school["allocated"] as? [String: Double] ?? [:]
                return total + need.reduce(0.0) { $0 + $1.value - (given[$1.key] ?? 0) }
            }
            let metrics = try #require(year["metrics"] as? [String: Any])
            let rows = trends.components(separatedBy: "<tr><th scope=\"row\">\(number)</th>").dropFirst().map { "<tr><th>\(number)</th>" + $0.prefix { $0 != "\n" } }
                .map(Self.cells)
            // Teachers (at post, new), unmet (money, shortage before, left), pupils (pupils, poor), equity (5 measures), in that order.
            #expect(rows.count == 4, "\(number): \(rows)")
            guard rows.count == 4 else { continue }
            #expect(rows[0] == [number, HTMLText.number(totals["dispatched"] as? Double), HTMLText.number(newly)])
            #expect(rows[1][1] == HTMLText.number(unmet) && rows[1][3] == HTMLText.number(totals["shortage_left"] as? Double))
            #expect(rows[2][1] == HTMLText.number(pupils))
            #expect(rows[3] == [number] + ["gini", "theil", "hoover", "mcloone", "cv"].map { HTMLText.index(metrics[$0] as? Double) })
        }
        // By hand: 1 teacher at post in 2024 and 2 in 2025 (the 2024 one stays), one new each year;
        // 100 pupils, 20 then 80 poor; unmet 5 (repair) then 30 + 5 = 35.
        #expect(trends.contains("<tr><th scope=\"row\">2025</th><td class=\"num\">2</td><td class=\"num\">1</td></tr>"))
        #expect(trends.contains("<tr><th scope=\"row\">2025</th><td class=\"num\">100</td><td class=\"num\">80</td></tr>"))
        #expect(trends.contains("<tr><th scope=\"row\">2025</th><td class=\"num\">35</td>"))
    }

    /// Every year has its own sections (ids ending in the year, headings naming it), its radio input
    /// and label; the first year is checked; every id is unique and every in-page link lands; the
    /// year's summary shows that year's U (125 and 265 by hand) and its money with what is carried.
    @Test func everyYearHasItsSectionsBehindTheSelector() throws {
        let (html, page, _) = try Self.page()
        #expect(html.horizon?.years.count == 2)
        for (year, benefit) in [("2024", "125"), ("2025", "265")] {
            for id in ["summary", "lorenz", "regions", "gains", "changes", "staffing", "dispatch", "disclosure"] {
                #expect(page.contains("<section id=\"\(id)-\(year)\""), "no \(id)-\(year)")
            }
            #expect(page.contains("<label for=\"pick-\(year)\">\(year)</label>") && page.contains("id=\"year-\(year)\" data-year=\"\(year)\""))
            #expect(page.contains("#pick-\(year):checked~#year-\(year){display:block}"))
            let summary = Self.slice(page, from: "<section id=\"summary-\(year)\"", to: "</section>")
            #expect(summary.contains("Summary — \(year)") && summary.contains(">\(benefit)<span class=\"unit\">points</span>"), "\(year)'s U")
            #expect(summary.contains("Money of \(year), with what is carried"))
        }
        // 2025's meal_fund spends 50: its budget of 20 and the 30 carried in, all of it (not 250% of its budget).
        let funds2025 = Self.slice(page, from: "<section id=\"summary-2025\"", to: "</section>")
        #expect(Self.row(funds2025, "meal_fund").map { Array($0.prefix(5)) } == ["meal_fund", "20", "0%", "50", "100.0%"])
        #expect(funds2025.contains("of 160 CNY in all funds"), "2025: 20 + 10 + 100 budgeted and 30 carried in")
        #expect(page.contains("<input type=\"radio\" class=\"year-pick\" name=\"year\" id=\"pick-2024\" checked>"))
        #expect(page.contains("<input type=\"radio\" class=\"year-pick\" name=\"year\" id=\"pick-2025\">"))
        #expect(page.contains("2025 (year 2 of 2)") && page.contains("2024–2025 (2 years)"))
        #expect(page.contains("@media print{.year-panel{display:block}"), "printed, every year shows")
        let ids = Self.matches(page, prefix: " id=\"", suffix: "\"")
        #expect(Set(ids).count == ids.count, "repeated ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        for target in Set(Self.matches(page, prefix: "href=\"#", suffix: "\"")) {
            #expect(ids.contains(target), "link to #\(target) has no target")
        }
        #expect(page.components(separatedBy: "table.sortable th[scope=col]").count == 2, "the sort script once")
        // The variant of the same years is drawn beside the base in each year.
        #expect(page.contains("variant “more meals”"))
    }

    /// The annex: a row per school and year after a first column `year`, received as plan.json's.
    @Test func annexHasEveryYear() throws {
        let (html, _, _) = try Self.page()
        let csv = try #require(html.annexCSV()).split(separator: "\n")
        #expect(csv.first?.hasPrefix("year,school,") == true)
        #expect(csv.dropFirst().map { $0.prefix(7) } == ["2024,A,", "2025,A,"])
        #expect(csv[1].contains(",30,25,0.833333,") && csv[2].contains(",100,65,0.650000,"), "need and received by hand: 30/25, then 100/65")
    }

    /// The Chinese page: no key printed as itself, the year headings and selector in Chinese, and the
    /// same bytes twice.
    @Test func chinesePage() throws {
        let wording = Wording(language: .chinese, money: .yuan)
        let (_, page, _) = try Self.page(wording: wording)
        for term in ["规划期总览", "逐年变化", "分年度方案", "2025 年（第 2 年，共 2 年）", "摘要（2024 年）", "资金结转", "2024–2025 年（2 年）"] {
            #expect(page.contains(term), "the Chinese page lacks \(term)")
        }
        #expect(!page.contains(">report.") && !page.contains("\"report."), "a key printed as itself")
        #expect(try Self.page(wording: wording).page == page)
    }

    // MARK: - The text of a multi-year solve

    /// Each year under "2024 (year 1 of 2)", the scenario's title once, no run of blank lines, counts
    /// as the one-year text writes them; in Chinese too.
    @Test func multiYearTextReadsAsAPlan() throws {
        for folder in [Self.fixture, "Tests/Fixtures/multiyear/three_year_post", "Tests/Fixtures/multiyear/carry_over_on"] {
            let scenario = try ScenarioLoader.load(from: HTMLReportTests.root.appendingPathComponent(folder)).scenario
            let planned = try HorizonPlanner.solve(scenario)
            let report = HorizonReport(result: planned, scenario: scenario)
            let count = planned.years.count
            for wording in [Wording.english, Wording(language: .chinese, money: .yuan)] {
                let text = report.text(markdown: false, wording: wording)
                #expect(!text.contains("\n\n\n"), "\(folder): a run of blank lines")
                #expect(text.components(separatedBy: scenario.name).count == 2, "\(folder): the title once")
                #expect(!text.contains("0.99999") && !text.contains("00000000"), "\(folder): a count printed with its round-off")
                // carry_over_on's 2025 spends 600 of a budget of 100: its value holds down to 0, not to −500.
                #expect(!text.contains("不低于 -") && !text.contains("不低于 −"), "\(folder): a negative budget")
                for (t, year) in planned.years.enumerated() {
                    let heading = wording.language == .english ? "\(year.year) (year \(t + 1) of \(count))" : "\(year.year) 年（第 \(t + 1) 年，共 \(count) 年）"
                    #expect(text.contains("\n\(heading)\n"), "\(folder): no heading \(heading)")
                }
            }
            let markdown = report.text(markdown: true)
            #expect(markdown.contains("\n# \(planned.years[0].year) (year 1 of \(count))\n\n"))
        }
        let scenario = try ScenarioLoader.load(from: HTMLReportTests.root.appendingPathComponent(Self.fixture)).scenario
        let text = HorizonReport(result: try HorizonPlanner.solve(scenario), scenario: scenario).text(markdown: false)
        // By hand: 136.5 and 363.5; meal_fund's row with the cap's value 0.9 per CNY, for caps 0 to 40.
        #expect(text.contains("136.50 points") && text.contains("363.50 points"))
        let rows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["2024", "meal_fund", "60", "0", "20", "30", "10", "0.900", "0", "to", "40"]), "\(text)")
        #expect(rows.contains(["2025", "teacher_fund", "100", "0", "20", "0", "80", "—", "—"]), "\(text)")
    }

    /// A plan certified by its years, in Chinese: the catalogue's sentence with the certified gap
    /// filled in (a percentage), then the price-of-fairness sentence in Chinese; no English of the
    /// status is quoted (the English sentence's end moved once and the whole of it was quoted, gap empty).
    @Test func certifiedStatusInChinese() throws {
        let scenario = try ScenarioLoader.load(from: HTMLReportTests.root.appendingPathComponent(Self.fixture)).scenario
        let result = PlanResult.empty(scenario, status: .feasible,
                                      notes: [.certifiedByYears(gap: 0.0021, asked: 0.005), .priceOfFairnessNotGiven], started: Date())
        let zh = PlanSummary.statusDetail(result, wording: Wording(language: .chinese))
        #expect(zh.contains("（间隙 0.21% ≤ 0.5%）") && zh.contains("不给出公平的代价"))
        #expect(!zh.contains("each year planned"))
        #expect(!zh.contains("far longer"))
    }

    /// A price of fairness known only as a range (a plan certified by its years, docs/model.md §23):
    /// the summary row, the Chinese status (no English quoted), the HTML card and plan.json's
    /// `price_of_fairness_range`, each end rounded outwards. Would catch a range rounded inwards
    /// ("at most 0.43%" for 0.4321%, not true) or one a report leaves out.
    @Test func priceOfFairnessRangeInEveryReport() throws {
        let scenario = try ScenarioLoader.load(from: HTMLReportTests.root.appendingPathComponent(Self.fixture)).scenario
        var comparison = try Compare.run(scenario)
        var planned = try #require(comparison.runs[0].horizon)
        planned.result.priceOfFairness = nil
        planned.result.benefitWithoutFairness = nil
        planned.result.priceOfFairnessRange = PriceOfFairnessRange(atLeast: 0, atMost: 0.004321)
        planned.result.statusNotes = [.certifiedByYears(gap: 0.0021, asked: 0.005), .priceOfFairnessRange]
        let report = HorizonReport(result: planned, scenario: scenario)
        #expect(report.text(markdown: false).contains("at most 0.44%"))
        let zh = report.text(markdown: false, wording: Wording(language: .chinese))
        #expect(zh.contains("至多 0.44%") && zh.contains("公平的代价以区间给出") && !zh.contains("Lagrangian"), "\(zh)")
        let json = try report.json().rendered()
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let range = try #require(plan["price_of_fairness_range"] as? [String: Double])
        #expect(range == ["at_least": 0, "at_most": 0.004321])
        #expect(plan["price_of_fairness"] is NSNull)
        planned.result.priceOfFairnessRange = PriceOfFairnessRange(atLeast: 0.12341, atMost: 0.12341)
        #expect(PlanSummary.priceOfFairnessRange(try #require(planned.result.priceOfFairnessRange), wording: .english)
                    == "between 12.34% and 12.35%")
        comparison.runs[0].horizon = planned
        comparison.runs[0].result = planned.result
        let page = HTMLReport(horizon: comparison, wording: Wording(language: .chinese)).render()
        #expect(page.contains("12.34% 至 12.35% 之间"), "no range on the page")
    }
}
