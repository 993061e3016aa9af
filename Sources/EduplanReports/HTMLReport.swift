import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// One self-contained HTML page about a scenario's plan, for publication and public scrutiny
/// (信息公开), in English or Chinese.
///
/// In reading order: the summary a policy maker reads first (status, benefit, money against need,
/// teachers against shortage, price of fairness, shadow prices and binding rules in sentences, or
/// for an infeasible scenario what must give); Lorenz curves of per-pupil allocation, one panel per
/// plan; coverage by region; who gains and who loses; student–teacher ratios before and after
/// dispatch; the dispatch flows on a map; the budget frontier when a sweep is given; for disclosure
/// which fund pays what in each region, the projects left unfunded and the per-school annex; and
/// the definition of every number, one click away.
///
/// Every label, heading, sentence and unit comes from the message catalogue (`Catalogue+Report`,
/// `Catalogue+Glossary`) in the page's language; display names from `HTMLReport+Names`.
/// The page needs no network: CSS, SVG and a few lines of script are inline, fonts are the
/// reader's own (with CJK fallbacks). The same input gives the same bytes (no clock, no locale,
/// every dictionary sorted).
public struct HTMLReport: Sendable {
    /// The base scenario's solve.
    public var base: PlanReport
    /// Variants solved, in the order they appear (each report's scenario has the variant applied).
    public var variants: [PlanReport]
    /// The budget frontier from a sweep file, if one was given.
    public var frontier: SweepFrontier?
    /// The comparison the base and variants come from, for "what changed by region" (nil: no section).
    public var comparison: Comparison?
    /// The language of the page and the unit money is shown in.
    public var wording: Wording
    /// A previous plan (a plan.json given with `--previous`) and its file name: "who gains, who
    /// loses" then also compares the base plan with it.
    public var previous: (file: String, plan: Plan)?
    /// The file name of the per-school annex CSV written beside the page (linked from the appendix), or nil.
    /// On a multi-year page every year's appendix links to it (its rows carry the year).
    public var annexFile: String? {
        didSet { for y in horizon?.years.indices ?? 0..<0 { horizon?.years[y].annexFile = annexFile } }
    }
    /// A multi-year page: the horizon's plan and one part of the page per year (nil: a one-year page).
    public var horizon: HorizonPages?
    /// In a year's part of a multi-year page, that year: its ids end in `-YEAR` (ids stay unique on
    /// the page) and its section headings name the year. Nil on a one-year page.
    var yearShown: Int?
    /// In a year's part of a multi-year page, each fund's money of that year (carried in and on).
    var yearMoney: [YearPlanResult.CarryOver]?

    /// A report of `base`, with `variants` drawn beside it and the frontier when given.
    public init(base: PlanReport, variants: [PlanReport] = [], frontier: SweepFrontier? = nil, wording: Wording = .english) {
        self.base = base
        self.variants = variants
        self.frontier = frontier
        self.wording = wording
    }

    var result: PlanResult { base.result }
    var scenario: Scenario { base.scenario }
    var currency: String { result.currency }
    var language: Language { wording.language }

    /// The whole page.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlTag)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"eduplan\">\n"
        out += "<title>\(text("report.title", ["scenario": HTMLText.escape(scenario.name)]))</title>\n"
        out += "<link rel=\"icon\" href=\"data:,\">\n"
        out += "<style>\n\(HTMLText.styleSheet)\n\(horizon.map(\.yearStyle) ?? "")</style>\n</head>\n<body>\n<main>\n"
        out += header()
        if let horizon { out += horizonSections(horizon) } else { out += planSections() }
        out += section("glossary", text("report.glossary.heading"))
        out += "<p class=\"muted small\">\(text("report.glossary.intro", ["model": "<code>docs/model.md</code>", "metrics": "<code>docs/metrics.md</code>"]))</p>\n"
        out += HTMLGlossary.html(language)
        out += "</section>\n"
        out += footer()
        let sorting = hasChangesTable || (horizon?.years.contains(where: \.hasChangesTable) ?? false)
        out += "</main>\n<script>\n\(HTMLText.script)\(sorting ? "\n" + Self.sortScript : "")\n</script>\n</body>\n</html>\n"
        return out
    }

    /// The sections about one plan, in reading order (the whole of a one-year page between its
    /// header and the definitions; on a multi-year page, one year's part).
    func planSections() -> String {
        var out = summarySection()
        out += lorenzSection()
        out += regionSection()
        out += reservesSection()
        out += gainsSection()
        if let comparison { out += changesSection(comparison) }
        out += staffingSection()
        out += dispatchSection()
        if frontier != nil { out += frontierSection() }
        return out + disclosureSection()
    }

    /// An element id of this part of the page: `id`, or in a year's part `id-YEAR`.
    func anchor(_ id: String) -> String {
        yearShown.map { "\(id)-\($0)" } ?? id
    }

    /// The opening of section `id` with its heading (HTML), which names the year in a year's part.
    func section(_ id: String, _ heading: String) -> String {
        let id = anchor(id)
        let shown = yearShown.map { text("report.horizon.section", ["heading": heading, "year": String($0)]) } ?? heading
        return "<section id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n<h2 id=\"\(id)-h\">\(shown)</h2>\n"
    }

    // MARK: - Words

    /// The catalogue's text for `key` as HTML: the template escaped, the arguments (already HTML) filled in.
    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let template = HTMLText.escape(Catalogue.message(key).template(language))
        return Message(en: template, zh: template).text(language, arguments)
    }

    /// A link to the glossary entry `id` around the catalogue's text for `key`.
    func def(_ id: String, _ key: String, _ arguments: [String: String] = [:]) -> String {
        HTMLGlossary.link(id, text(key, arguments), language)
    }

    /// The currency as a reader of the page's language writes it: 元 for CNY (RMB) in Chinese, else
    /// the scenario's code (HTML).
    var currencyWord: String {
        language == .chinese && ["CNY", "RMB", "元"].contains(currency.uppercased()) ? "元" : HTMLText.escape(currency)
    }

    /// The unit money is shown in (元 / 万元 / 亿元 in Chinese; the scenario's currency in English).
    var moneyUnit: String {
        text("report.unit.money.\(wording.money.rawValue)", ["currency": currencyWord])
    }

    /// The unit of per-pupil money, always in the currency's own unit (a pupil's share is small): 元/生.
    var perPupilUnit: String { text("report.unit.per-pupil", ["currency": currencyWord]) }

    /// An amount of money in the page's unit, with the unit: `1,234,568 元`, `123.46 万元`.
    func money(_ value: Double?, decimals: Int? = nil) -> String {
        guard let value, value.isFinite else { return Format.missing }
        return "\(moneyNumber(value, decimals: decimals)) \(moneyUnit)"
    }

    /// An amount of money in the page's unit, without the unit (table cells under a heading that names it):
    /// whole yuan, 万元 to two decimals (100 yuan), 亿元 to four (10,000 yuan).
    func moneyNumber(_ value: Double?, decimals: Int? = nil) -> String {
        guard let value, value.isFinite else { return Format.missing }
        let places = decimals ?? (wording.money == .yuan ? 0 : wording.money == .wan ? 2 : 4)
        return HTMLText.number(value / wording.money.divisor, decimals: places)
    }

    /// `12 schools` / `12 所学校`: a count with its noun from the catalogue (`report.count.KIND`).
    func count(_ n: Int, _ kind: String) -> String {
        text("report.count.\(kind)\(n == 1 ? ".one" : "")", ["n": HTMLText.number(Double(n))])
    }

    /// The plan's label in legends and tables.
    func label(_ report: PlanReport) -> String {
        report.result.variant.map { text("report.plan.variant", ["name": HTMLText.name($0)]) } ?? text("report.plan.base")
    }

    /// A status word in the page's language, as a coloured badge.
    func statusBadge(_ status: PlanStatus) -> String {
        "<span class=\"status \(status.rawValue)\">\(text("report.status.\(status.rawValue)"))</span>"
    }

    /// Yes or no.
    func yesNo(_ flag: Bool) -> String { text(flag ? "report.yes" : "report.no") }

    // MARK: - Header and summary

    func header() -> String {
        let pupils = scenario.schools.reduce(0) { $0 + $1.enrollment }
        var facts: [String] = []
        if let years = horizon?.result.horizon.years, let first = years.first, let last = years.last {
            facts.append(text("report.header.years", ["first": String(first), "last": String(last), "count": String(years.count)]))
        } else if let year = scenario.year {
            facts.append(text("report.header.year", ["year": String(year)]))
        }
        facts.append(text("report.header.schools", ["schools": count(scenario.schools.count, "school"), "regions": count(scenario.regions.count, "region")]))
        facts.append(count(pupils, "pupil"))
        if let first = horizon?.result.horizon.years.first { facts.append(text("report.header.first-year", ["year": String(first)])) }
        if !scenario.teacherGroups.isEmpty {
            let teachers = scenario.teacherGroups.reduce(0) { $0 + $1.count }
            facts.append(text("report.header.teachers", ["teachers": count(teachers, "teacher"), "groups": count(scenario.teacherGroups.count, "group")]))
        }
        facts.append(text("report.header.money", ["unit": moneyUnit]))
        var out = "<header>\n<p class=\"sub\">\(text("report.header.kicker"))</p>\n<h1>\(HTMLText.name(scenario.name))</h1>\n"
        out += "<p class=\"sub\">\(facts.joined(separator: " · "))</p>\n"
        var toc = horizon != nil ? ["horizon", "trends", "years"] : ["summary", "lorenz", "regions", "gains", "staffing", "dispatch"]
        if frontier != nil { toc.append("frontier") }
        toc += horizon != nil ? ["glossary"] : ["disclosure", "glossary"]
        out += "<nav class=\"toc\" aria-label=\"\(text("report.toc.label"))\"><ol>"
        out += toc.map { "<li><a href=\"#\($0)\">\(text("report.toc.\($0)"))</a></li>" }.joined()
        out += "</ol></nav>\n</header>\n"
        return out
    }

    func summarySection() -> String {
        var out = section("summary", text("report.toc.summary"))
        out += "<p>\(text("report.summary.status.line", ["status": def("status", "report.summary.status"), "badge": statusBadge(result.status), "detail": statusDetail]))</p>\n"
        if let plan = result.plan {
            out += cards(plan)
            out += categoryTable(plan)
            out += fundsBlock(plan)
            out += yearMoneyBlock()
            out += rulesBlock()
        } else {
            out += diagnosisBlock()
            if result.diagnosis == nil {
                out += "<p class=\"note-box\">\(text("report.summary.no-plan"))</p>\n"
            }
        }
        return out + "</section>\n"
    }

    /// The result's status notes in the page's language; when the solve has none (a year of a
    /// multi-year plan) the catalogue's sentence for the status.
    var statusDetail: String {
        result.statusNotes.isEmpty ? text("report.status.detail.\(result.status.rawValue)")
            : HTMLText.escape(PlanSummary.statusDetail(result, wording: wording, names: DisplayNames(scenario, language: language)))
    }

    /// A percentage with a small bar (red under half).
    static func bar(_ share: Double?) -> String {
        guard let share else { return "—" }
        let width = max(0, min(100, share * 100))
        return "<span class=\"meter\"><span class=\"pct\">\(HTMLText.percent(share))</span><span class=\"bar\(share < 0.5 ? " low" : "")\" aria-hidden=\"true\"><span style=\"width:\(String(format: "%.1f", width))%\"></span></span></span>"
    }

    func footer() -> String {
        var key = "report.footer"
        var arguments = ["scenario": HTMLText.name(scenario.name), "variants": HTMLText.number(Double(variants.count))]
        if !variants.isEmpty { key += ".variants" }
        if let frontier {
            key += ".sweep"
            arguments["sweep"] = "<code>\(HTMLText.name(frontier.source))</code>"
        }
        return "<footer><p>\(text(key, arguments)) \(text("report.footer.properties"))</p></footer>\n"
    }
}
