import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// One self-contained HTML page about a scenario's plan, for publication and public scrutiny.
///
/// In reading order: the summary a policy maker reads first (status, benefit, money against need,
/// teachers against shortage, price of fairness, shadow prices and binding rules in sentences, or
/// for an infeasible scenario what must give); Lorenz curves of per-pupil allocation for the base
/// plan and every variant solved; coverage by region; student–teacher ratios before and after
/// dispatch; the dispatch flows on a map; the budget frontier when a sweep is given; and the
/// definition of every number, one click away.
///
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

    /// A report of `base`, with `variants` drawn beside it and the frontier when given.
    public init(base: PlanReport, variants: [PlanReport] = [], frontier: SweepFrontier? = nil) {
        self.base = base
        self.variants = variants
        self.frontier = frontier
    }

    var result: PlanResult { base.result }
    var scenario: Scenario { base.scenario }
    var currency: String { result.currency }

    /// The whole page.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"eduplan\">\n"
        out += "<title>\(HTMLText.escape(scenario.name)) — plan report</title>\n"
        out += "<link rel=\"icon\" href=\"data:,\">\n"
        out += "<style>\n\(HTMLText.styleSheet)\n</style>\n</head>\n<body>\n<main>\n"
        out += header()
        out += summarySection()
        out += lorenzSection()
        out += regionSection()
        out += reservesSection()
        if let comparison { out += changesSection(comparison) }
        out += staffingSection()
        out += dispatchSection()
        if frontier != nil { out += frontierSection() }
        out += "<section id=\"glossary\" aria-labelledby=\"glossary-h\">\n<h2 id=\"glossary-h\">Definitions</h2>\n"
        out += "<p class=\"muted small\">Every underlined term or heading on this page links here. Click a term to open its definition; the full model is in docs/model.md and docs/metrics.md.</p>\n"
        out += HTMLGlossary.html()
        out += "</section>\n"
        out += footer()
        out += "</main>\n<script>\n\(HTMLText.script)\n</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Header and summary

    func header() -> String {
        let pupils = scenario.schools.reduce(0) { $0 + $1.enrollment }
        var facts: [String] = []
        if let year = scenario.year { facts.append(String(year)) }
        facts.append("\(Self.count(scenario.schools.count, "school")) in \(Self.count(scenario.regions.count, "region"))")
        facts.append(Self.count(pupils, "pupil"))
        if !scenario.teacherGroups.isEmpty {
            let teachers = scenario.teacherGroups.reduce(0) { $0 + $1.count }
            facts.append("\(Self.count(teachers, "teacher")) available in \(Self.count(scenario.teacherGroups.count, "group"))")
        }
        facts.append("money in \(HTMLText.escape(currency))")
        var out = "<header>\n<p class=\"sub\">eduplan · plan report</p>\n<h1>\(HTMLText.name(scenario.name))</h1>\n"
        out += "<p class=\"sub\">\(facts.joined(separator: " · "))</p>\n"
        var toc = [("summary", "Summary"), ("lorenz", "Who gets what"), ("regions", "Coverage by region"),
                   ("staffing", "Student–teacher ratio"), ("dispatch", "Teacher dispatch")]
        if frontier != nil { toc.append(("frontier", "Budget frontier")) }
        toc.append(("glossary", "Definitions"))
        out += "<nav class=\"toc\" aria-label=\"Contents\"><ol>"
        out += toc.map { "<li><a href=\"#\($0.0)\">\($0.1)</a></li>" }.joined()
        out += "</ol></nav>\n</header>\n"
        return out
    }

    /// `1 region`, `12 regions` (thousands grouped).
    static func count(_ n: Int, _ noun: String) -> String {
        "\(HTMLText.number(Double(n))) \(noun)\(n == 1 ? "" : "s")"
    }

    /// The plan's label in legends and tables.
    static func label(_ report: PlanReport) -> String {
        report.result.variant.map { "variant “\($0)”" } ?? "base plan"
    }

    func summarySection() -> String {
        var out = "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n"
        out += "<p>\(HTMLGlossary.link("status", "Status")): <span class=\"status \(result.status.rawValue)\">\(result.status.rawValue)</span> — \(HTMLText.escape(result.statusDetail))</p>\n"
        if let plan = result.plan {
            out += cards(plan)
            out += categoryTable(plan)
            out += fundsBlock(plan)
            out += rulesBlock()
        } else {
            out += diagnosisBlock()
            if result.diagnosis == nil {
                out += "<p class=\"note-box\">The solver returned no plan, so there is nothing more to show for the base scenario.</p>\n"
            }
        }
        return out + "</section>\n"
    }

    func cards(_ plan: Plan) -> String {
        func card(_ label: String, _ value: String, _ note: String) -> String {
            "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div><div class=\"note\">\(note)</div></div>\n"
        }
        let coverage = Equity.coverage(allocation: plan.schools.map(\.received), need: plan.schools.map(\.totalNeed))
        let allocated = result.allocatedByCategory.sumInKeyOrder
        let available = scenario.funds.reduce(0.0) { $0 + $1.amount }
        var out = "<div class=\"cards\">\n"
        func value(_ v: Double?) -> String {
            v.map { "\(HTMLText.number($0))<span class=\"unit\">\(HTMLText.escape(currency))</span>" } ?? "—"
        }
        out += card(HTMLGlossary.link("benefit", "Weighted benefit U"), HTMLText.points(result.benefit, unit: true),
                    "\(HTMLGlossary.link("objective", "weighted unmet need")): \(HTMLText.points(result.objective))")
        out += card(HTMLGlossary.link("allocated", "Money allocated"), value(allocated),
                    "of \(HTMLText.money(available, currency)) in all funds; "
                        + (coverage.ratio.map { "\(HTMLGlossary.link("share-of-need", HTMLText.percent($0))) of need funded" } ?? "no money need outside dispatch"))
        if result.shortageBefore > 0 || result.dispatched > 0 {
            out += card(HTMLGlossary.link("dispatch", "Teachers dispatched"), HTMLText.number(result.dispatched),
                        "\(HTMLGlossary.link("shortage", "shortage")) \(HTMLText.number(result.shortageBefore)) before, \(HTMLText.number(result.shortageLeft)) left")
        }
        let pofNote = result.benefitWithoutFairness.map { "benefit without fairness rules: \(HTMLText.money($0, currency))" }
            ?? (scenario.fairness.isEmpty ? "no fairness rule is on" : "not computed")
        out += card(HTMLGlossary.link("pof", "Price of fairness"), HTMLText.percent(result.priceOfFairness, decimals: 2), pofNote)
        out += card(HTMLGlossary.link("gini", "Gini of per-pupil money"), HTMLText.index(base.metrics?.gini),
                    "pupil-weighted; \(HTMLGlossary.link("mcloone", "McLoone")) \(HTMLText.index(base.metrics?.mcloone))")
        if let t = result.maxminCoverage {
            out += card(HTMLGlossary.link("maxmin", "Max–min coverage t*"), HTMLText.percent(t), "every school with non-mandatory need gets at least this")
        }
        return out + "</div>\n"
    }

    func categoryTable(_ plan: Plan) -> String {
        var out = "<table class=\"wide\"><caption>Money by category against \(HTMLGlossary.link("need", "need"))</caption>\n"
        out += "<thead><tr><th scope=\"col\">Category</th><th scope=\"col\" class=\"num\">Weight ω</th><th scope=\"col\">Mandatory</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("need", "Need"))</th><th scope=\"col\" class=\"num\">\(HTMLGlossary.link("allocated", "Allocated"))</th>"
        out += "<th scope=\"col\">\(HTMLGlossary.link("share-of-need", "Share of need funded"))</th></tr></thead>\n<tbody>\n"
        var totalNeed = 0.0, totalAllocated = 0.0
        for category in scenario.categories {
            let allocated = result.allocatedByCategory[category.id] ?? 0
            out += "<tr><th scope=\"row\">\(HTMLText.name(category.id))</th><td class=\"num\">\(HTMLText.number(category.weight, decimals: category.weight == category.weight.rounded() ? 0 : 2))</td>"
            out += "<td>\(category.mandatory ? "yes" : "no")</td>"
            if category.isDispatch {
                out += "<td class=\"num\">\(HTMLText.number(result.shortageBefore)) teachers short</td><td class=\"num\">\(HTMLText.money(allocated, currency))</td>"
                let share = result.shortageBefore > 0 ? result.dispatched / result.shortageBefore : nil
                out += "<td>\(HTMLText.number(result.dispatched)) teachers sent (\(HTMLText.percent(share)) of the shortage)</td></tr>\n"
            } else {
                let need = plan.schools.reduce(0.0) { $0 + ($1.need[category.id] ?? 0) }
                totalNeed += need
                totalAllocated += allocated
                out += "<td class=\"num\">\(HTMLText.money(need, currency))</td><td class=\"num\">\(HTMLText.money(allocated, currency))</td>"
                out += "<td>\(Self.bar(Coverage(allocated: allocated, need: need).ratio))</td></tr>\n"
            }
        }
        guard scenario.categories.filter({ !$0.isDispatch }).count > 1 else { return out + "</tbody></table>\n" }
        out += "</tbody><tfoot><tr><th scope=\"row\">all except dispatch</th><td></td><td></td><td class=\"num\">\(HTMLText.money(totalNeed, currency))</td>"
        out += "<td class=\"num\">\(HTMLText.money(totalAllocated, currency))</td><td>\(Self.bar(Coverage(allocated: totalAllocated, need: totalNeed).ratio))</td></tr></tfoot></table>\n"
        return out
    }

    /// A percentage with a small bar (red under half).
    static func bar(_ share: Double?) -> String {
        guard let share else { return "—" }
        let width = max(0, min(100, share * 100))
        return "<span class=\"meter\"><span class=\"pct\">\(HTMLText.percent(share))</span><span class=\"bar\(share < 0.5 ? " low" : "")\" aria-hidden=\"true\"><span style=\"width:\(String(format: "%.1f", width))%\"></span></span></span>"
    }

    func fundsBlock(_ plan: Plan) -> String {
        guard !plan.funds.isEmpty else { return "" }
        var out = "<h3>Funds and what one more unit of money buys</h3>\n<table class=\"wide\"><thead><tr><th scope=\"col\">Fund</th>"
        out += "<th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\" class=\"num\">Minimum spend</th><th scope=\"col\" class=\"num\">Spent</th><th scope=\"col\">Used</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("fund-shadow", "Benefit per \(HTMLText.escape(currency))"))</th></tr></thead>\n<tbody>\n"
        for f in plan.funds {
            let price = result.fundPrice(f.id)?.value
            out += "<tr><th scope=\"row\">\(HTMLText.name(f.id))</th><td class=\"num\">\(HTMLText.money(f.amount, currency))</td>"
            out += "<td class=\"num\">\(HTMLText.percent(f.amount > 0 ? f.minimumSpend / f.amount : nil, decimals: 0))</td>"
            out += "<td class=\"num\">\(HTMLText.money(f.spent, currency))</td><td>\(Self.bar(f.amount > 0 ? f.spent / f.amount : nil))</td>"
            out += "<td class=\"num\">\(price.map { HTMLText.number(-$0, decimals: 3) } ?? "—")</td></tr>\n"
        }
        out += "</tbody></table>\n<ul class=\"sentences\">\n"
        for f in plan.funds {
            if let text = result.fundPrice(f.id)?.sentence {
                out += "<li>\(HTMLText.escape(sentence(text))).</li>\n"
            }
        }
        out += "</ul>\n"
        if result.degenerate, result.hasResolvedFundClaims {
            out += "<p class=\"note-box small\">The optimal basis is degenerate: a side of a \(HTMLGlossary.link("fund-shadow", "marginal value")) the ranging could not see past was re-solved, as its sentence says.</p>\n"
        }
        return out
    }

    /// The sentence with its first word capitalised, unless that word is an identifier
    /// (a fund id or rule key keeps its spelling).
    func sentence(_ s: String) -> String {
        let firstWord = s.prefix { $0 != " " }
        let identifiers = Set(scenario.funds.map(\.id) + result.rulePrices.map(\.rule))
        guard let first = s.first, first.isLowercase, firstWord.allSatisfy({ $0.isLowercase }),
              !identifiers.contains(String(firstWord)) else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// A rule's setting in words, from the scenario (mode and parameter).
    func ruleSetting(_ key: String) -> String? {
        func mode(_ m: RuleMode) -> String {
            switch m {
            case .hard: return "hard"
            case let .soft(penalty): return "soft, penalty \(SVGChart.tickNumber(penalty))"
            }
        }
        guard let rule = FairnessRegistry.rule(key, in: scenario.fairness) else { return nil }
        return "\(mode(rule.mode)): " + rule.settingText(scenario, number: SVGChart.tickNumber,
                                                        percent: { HTMLText.percent($0, decimals: 0) })
    }

    func rulesBlock() -> String {
        var out = "<h3>\(HTMLGlossary.link("fairness", "Fairness rules")) and what they cost</h3>\n"
        guard !result.rulePrices.isEmpty else {
            return out + "<p>No fairness rule is on in this scenario.</p>\n"
        }
        let rules = result.rulePrices.sorted { $0.rule < $1.rule }.map { (key: $0.rule, price: $0) }
        let binding = rules.filter(\.price.binding)
        if binding.isEmpty {
            out += "<p>No hard rule binds at the optimum: at the margin, fairness costs nothing.</p>\n"
        } else {
            out += "<p>\(binding.count == 1 ? "One rule binds" : "\(binding.count) rules bind") — tightening \(binding.count == 1 ? "it" : "them") would cost benefit (\(HTMLGlossary.link("rule-shadow", "shadow prices"))):</p>\n"
        }
        out += "<ul class=\"sentences\">\n"
        let ordered = binding + rules.filter { entry in !binding.contains { $0.key == entry.key } }
        for (key, price) in ordered {
            let setting = ruleSetting(key).map { " <span class=\"muted small\">(\(HTMLText.escape($0)))</span>" } ?? ""
            if let text = price.sentence {
                out += "<li>\(price.binding ? "<span class=\"binds\">binds</span> — " : "")\(HTMLText.escape(sentence(text))).\(setting)</li>\n"
            } else {
                let violated = (result.softViolations[key] ?? 0) > 1e-9
                    ? PlanSummary.violation(result, rule: key) { HTMLText.number($0, decimals: 2) }
                        .map { "violated by \($0), penalised in the objective" } ?? "satisfied"
                    : "satisfied"
                out += "<li><code>\(HTMLText.escape(key))</code> is a soft rule: \(violated).\(setting)</li>\n"
            }
        }
        return out + "</ul>\n"
    }

    func diagnosisBlock() -> String {
        guard let diagnosis = result.diagnosis else { return "" }
        let total = diagnosis.reduce(0) { $0 + $1.money }
        var out = "<div class=\"diagnosis\"><h3>\(HTMLGlossary.link("diagnosis", "What must give"))</h3>\n"
        out += "<p>The hard rules cannot all hold. The smallest relaxation that makes a plan possible is worth <strong>\(HTMLText.money(total, currency))</strong>:</p>\n"
        out += "<table class=\"wide\"><thead><tr><th scope=\"col\">Constraint</th><th scope=\"col\">Rule</th><th scope=\"col\" class=\"num\">Relax by</th>"
        out += "<th scope=\"col\" class=\"num\">In money</th><th scope=\"col\">What it means</th></tr></thead>\n<tbody>\n"
        for item in diagnosis {
            out += "<tr><th scope=\"row\"><code>\(HTMLText.name(item.constraint))</code></th><td>\(HTMLText.escape(item.rule))</td>"
            out += "<td class=\"num\">\(HTMLText.number(item.relaxBy, decimals: 2)) \(HTMLText.escape(item.unit))</td>"
            out += "<td class=\"num\">\(HTMLText.money(item.money, currency))</td><td>\(HTMLText.name(item.explanation))</td></tr>\n"
        }
        out += "</tbody></table>\n<p class=\"small muted\">Only the total is unique: other relaxations of the same size may exist.</p></div>\n"
        return out
    }

    func footer() -> String {
        var sources = "the scenario “\(HTMLText.name(scenario.name))”"
        if !variants.isEmpty { sources += " and \(variants.count) variant\(variants.count == 1 ? "" : "s")" }
        if let frontier { sources += ", with the sweep file <code>\(HTMLText.name(frontier.source))</code>" }
        return "<footer><p>Generated by eduplan from \(sources). The page has no timestamp: the same input gives the same page, byte for byte. It needs no network connection.</p></footer>\n"
    }
}
