import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// A multi-year plan on the page (docs/report.md, "A multi-year plan"): the base scenario's
/// horizon and one part of the page per year.
public struct HorizonPages: Sendable {
    /// The base scenario's multi-year plan.
    public var result: HorizonPlanResult
    /// One part per planned year, in year order: the base's plan of that year and every variant's.
    var years: [HTMLReport]

    /// The year selector's rules: a year's part shows while its radio input is checked, and its
    /// label is marked; printed, every year shows (and the selector does not).
    var yearStyle: String {
        var out = ".year-pick{position:absolute;opacity:0;width:1px;height:1px;margin:0}\n"
        out += ".year-tabs{display:flex;flex-wrap:wrap;gap:6px 8px;margin:10px 0 16px}\n"
        out += ".year-tabs label{padding:2px 14px;border:1px solid var(--accent);border-radius:999px;cursor:pointer;font-variant-numeric:tabular-nums}\n"
        out += ".year-panel{display:none}\n.year-title{font-size:1.15rem;font-weight:650;margin:18px 0 4px}\n"
        for page in years {
            guard let year = page.yearShown else { continue }
            out += "#pick-\(year):checked~#year-\(year){display:block}\n"
            out += "#pick-\(year):checked~.year-tabs label[for=pick-\(year)]{background:var(--accent);color:#fff}\n"
            out += "#pick-\(year):focus-visible~.year-tabs label[for=pick-\(year)]{outline:2px solid var(--ink);outline-offset:2px}\n"
        }
        return out + "@media print{.year-panel{display:block}.year-tabs{display:none}}\n"
    }

    /// The per-school annex of every year: one CSV, a first column `year` (nil without a plan).
    func annexCSV() -> String? {
        let tables = years.compactMap { page in page.yearShown.flatMap { year in page.annexCSV().map { (year, $0) } } }
        return tables.isEmpty ? nil : HorizonReport.withYearColumn(tables)
    }
}

extension HTMLReport {
    /// The page of a multi-year comparison (the base and its variants planned over the same
    /// years, from ``Compare/run(_:options:)``): the horizon's headline, the base plan's figures year
    /// over year, then each year's sections for the base and every variant, one year at a time
    /// behind a year selector. `previous` is compared with the first year's plan.
    public init(horizon comparison: Comparison, wording: Wording, previous: (file: String, plan: Plan)? = nil) {
        let reports = ComparisonReport(comparison).reports
        self.init(base: reports[0], variants: Array(reports.dropFirst()), wording: wording)
        guard let planned = comparison.base.horizon else { return }
        let years: [HTMLReport] = planned.years.indices.compactMap { t in
            guard let year = comparison.year(t) else { return nil }
            let yearReports = ComparisonReport(year).reports
            var page = HTMLReport(base: yearReports[0], variants: Array(yearReports.dropFirst()), wording: wording)
            page.comparison = year
            page.yearShown = planned.years[t].year
            page.yearMoney = planned.years[t].carryOver
            if t == 0 { page.previous = previous }
            return page
        }
        horizon = HorizonPages(result: planned, years: years)
    }

    /// The horizon's headline, the figures year over year, and the years behind their selector.
    func horizonSections(_ horizon: HorizonPages) -> String {
        var out = horizonSummarySection(horizon)
        guard !horizon.years.isEmpty else { return out }
        out += trendsSection(horizon)
        out += yearsSection(horizon)
        return out
    }

    // MARK: - The horizon's headline

    /// Status, discounted U and objective, money spent against the budgets, price of fairness and
    /// discount; a sentence per fund on carrying money over; what must give when there is no plan.
    func horizonSummarySection(_ horizon: HorizonPages) -> String {
        let years = horizon.result.horizon.years
        var out = section("horizon", text("report.horizon.heading", ["first": String(years[0]), "last": String(years[years.count - 1])]))
        out += "<p>\(text("report.summary.status.line", ["status": def("status", "report.summary.status"), "badge": statusBadge(result.status), "detail": statusDetail]))</p>\n"
        guard !horizon.result.years.isEmpty else {
            out += diagnosisBlock()
            if result.diagnosis == nil { out += "<p class=\"note-box\">\(text("report.summary.no-plan"))</p>\n" }
            return out + "</section>\n"
        }
        out += horizonCards(horizon.result)
        out += "<h3>\(text("report.horizon.carry.heading"))</h3>\n<ul class=\"sentences\">\n"
        for (f, fund) in scenario.funds.enumerated() {
            out += "<li>\(carrySentence(fund, rows: horizon.result.years.map { ($0.year, $0.carryOver[f]) }))</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    private func horizonCards(_ planned: HorizonPlanResult) -> String {
        func card(_ label: String, _ value: String, _ note: String) -> String {
            "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div><div class=\"note\">\(note)</div></div>\n"
        }
        let money = planned.years.flatMap(\.carryOver)
        let spent = money.reduce(0.0) { $0 + $1.spent }, budget = money.reduce(0.0) { $0 + $1.budget }
        let points = { (v: Double?) in self.text("report.unit.points.value", ["value": HTMLText.number(v)]) }
        var out = "<div class=\"cards\">\n"
        out += card(def("benefit", "report.horizon.card.benefit"), "\(HTMLText.number(result.benefit))<span class=\"unit\">\(text("report.unit.points"))</span>",
                    "\(def("objective", "report.horizon.card.objective")): \(points(result.objective))")
        out += card(def("allocated", "report.horizon.card.spent"), "\(moneyNumber(spent))<span class=\"unit\">\(moneyUnit)</span>",
                    text("report.horizon.card.spent.note", ["budget": self.money(budget), "years": String(planned.years.count)]))
        if let range = result.priceOfFairnessRange, result.priceOfFairness == nil {
            out += card(def("pof", "report.card.pof"), HTMLText.escape(PlanSummary.priceOfFairnessRange(range, wording: wording)),
                        text("report.card.pof.range"))
        } else {
            let pofNote = result.benefitWithoutFairness.map { text("report.card.pof.without", ["benefit": points($0)]) }
                ?? text("report.card.pof.not-computed")
            out += card(def("pof", "report.card.pof"), HTMLText.percent(result.priceOfFairness, decimals: 2), pofNote)
        }
        out += card(text("report.horizon.card.discount"), HTMLText.escape(Format.plain(planned.horizon.discount)),
                    text("report.horizon.card.discount.note"))
        return out + "</div>\n"
    }

    /// One fund over the horizon: how much it may carry, carries and loses, and in which years the
    /// cap binds with what one more unit of cap would buy.
    func carrySentence(_ fund: FundSource, rows: [(year: Int, carry: YearPlanResult.CarryOver)]) -> String {
        let carried = rows.reduce(0.0) { $0 + $1.carry.amount }, lapsed = rows.reduce(0.0) { $0 + $1.carry.lapsed }
        let name = fundName(fund.id)
        guard fund.carryOver > 0 else {
            return text(lapsed > 0 ? "report.horizon.carry.none.lapsed" : "report.horizon.carry.none", ["fund": name, "lapsed": money(lapsed)])
        }
        var out = text("report.horizon.carry.cap", ["fund": name, "share": HTMLText.percent(fund.carryOver, decimals: 0),
                                                    "carried": money(carried), "lapsed": money(lapsed)])
        let binding = rows.filter { $0.carry.capValue != nil }
        let space = language == .chinese ? "" : " "  // Chinese sentences follow each other without a space
        if binding.isEmpty { return out + space + text("report.horizon.carry.free") }
        for row in binding {
            var arguments = ["year": String(row.year), "next": String(row.year + 1), "currency": currencyWord,
                             "value": HTMLText.number(row.carry.capValue, decimals: 3)]
            guard let from = row.carry.capValueFrom, let to = row.carry.capValueTo else {
                out += space + text("report.horizon.carry.bindsUnchecked", arguments)
                continue
            }
            (arguments["from"], arguments["to"]) = (money(from), money(to))
            out += space + text("report.horizon.carry.binds", arguments)
        }
        return out
    }

    // MARK: - The years behind their selector

    /// A radio input and a label per year; each year's part (its summary, who gets what, regions,
    /// gains, changes, teachers, map, disclosure) shows while its input is checked.
    func yearsSection(_ horizon: HorizonPages) -> String {
        var out = section("years", text("report.toc.years"))
        out += "<p>\(text("report.horizon.years.intro", ["pdf": "<code>--pdf</code>"]))</p>\n<div class=\"year-select\">\n"
        for (i, page) in horizon.years.enumerated() {
            guard let year = page.yearShown else { continue }
            out += "<input type=\"radio\" class=\"year-pick\" name=\"year\" id=\"pick-\(year)\"\(i == 0 ? " checked" : "")>\n"
        }
        out += "<div class=\"year-tabs\" role=\"group\" aria-label=\"\(text("report.horizon.years.label"))\">"
        out += horizon.years.compactMap(\.yearShown).map { "<label for=\"pick-\($0)\">\($0)</label>" }.joined()
        out += "</div>\n"
        for (i, page) in horizon.years.enumerated() {
            guard let year = page.yearShown else { continue }
            out += "<div class=\"year-panel\" id=\"year-\(year)\" data-year=\"\(year)\">\n"
            out += "<p class=\"year-title\">\(text("report.horizon.year.title", ["year": String(year), "n": String(i + 1), "count": String(horizon.years.count)]))</p>\n"
            out += "<nav class=\"toc\" aria-label=\"\(text("report.toc.label")) \(year)\"><ol>"
            out += page.yearSectionIds.map { "<li><a href=\"#\($0)-\(year)\">\(text($0 == "changes" ? "report.changes.heading" : "report.toc.\($0)"))</a></li>" }.joined()
            out += "</ol></nav>\n" + page.planSections() + "</div>\n"
        }
        return out + "</div>\n</section>\n"
    }

    /// Whether the scenario has a project category (whose money is cumulative over the years).
    var hasProjects: Bool {
        scenario.categories.contains { if case .projects = $0.rule { true } else { false } }
    }

    /// The sections of a year's part that its contents list links to.
    var yearSectionIds: [String] {
        ["summary", "lorenz", "regions", "gains"] + (hasChangesTable ? ["changes"] : []) + ["staffing", "dispatch", "disclosure"]
    }

    /// In a year's summary: each fund's money of the year (budget, carried in, spent, carried on,
    /// lapsed), since a year may spend more than its budget with money carried in.
    func yearMoneyBlock() -> String {
        guard let yearMoney, let year = yearShown else { return "" }
        var out = "<h3>\(text("report.horizon.year.money", ["year": String(year)]))</h3>\n"
        out += moneyTable(yearMoney.map { (year, $0) }, withYear: false)
        guard hasProjects else { return out }
        return out + "<p class=\"small muted\">\(text("report.horizon.year.cumulative"))</p>\n"
    }

    /// Year (optionally), fund, budget, carried in, spent, carried on, lapsed and the value of
    /// carry-over, one row per (year, fund).
    func moneyTable(_ rows: [(year: Int, carry: YearPlanResult.CarryOver)], withYear: Bool) -> String {
        var out = "<div class=\"scroll\"><table class=\"wide\"><thead><tr>"
        if withYear { out += "<th scope=\"col\">\(text("report.horizon.col.year"))</th>" }
        out += "<th scope=\"col\">\(text("report.col.fund"))</th>"
        for key in ["budget", "carried-in", "spent", "carried", "lapsed"] {
            out += "<th scope=\"col\" class=\"num\">\(text("report.horizon.col.\(key)")) (\(moneyUnit))</th>"
        }
        out += "<th scope=\"col\" class=\"num\">\(text("report.horizon.col.cap-value", ["currency": currencyWord]))</th></tr></thead>\n<tbody>\n"
        for (year, carry) in rows {
            out += "<tr>" + (withYear ? "<td class=\"nw\">\(year)</td>" : "") + "<th scope=\"row\">\(fundName(carry.fund))</th>"
            for value in [carry.budget, carry.carriedIn, carry.spent, carry.amount, carry.lapsed] {
                out += "<td class=\"num\">\(moneyNumber(value))</td>"
            }
            // At its cap without a value (a plan certified by its years has no duals): not "not binding".
            let free = carry.cap > 0 && carry.amount < carry.cap * (1 - 1e-9)
            var value = carry.capValue.map { HTMLText.number($0, decimals: 3) } ?? (free ? text("report.horizon.cap-free") : "—")
            if carry.capValue != nil, let from = carry.capValueFrom, let to = carry.capValueTo {
                value = text("report.horizon.cap-range", ["value": value, "from": moneyNumber(from), "to": moneyNumber(to)])
            }
            out += "<td class=\"num\">\(value)</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
