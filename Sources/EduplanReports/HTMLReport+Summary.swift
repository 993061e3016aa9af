import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// The summary's cards and tables: money by category, funds and their shadow prices, fairness
/// rules and their cost, and for an infeasible scenario what must give.
extension HTMLReport {
    func cards(_ plan: Plan) -> String {
        func card(_ label: String, _ value: String, _ note: String) -> String {
            "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div><div class=\"note\">\(note)</div></div>\n"
        }
        let coverage = Equity.coverage(allocation: plan.schools.map(\.received), need: plan.schools.map(\.totalNeed))
        let allocated = result.allocatedByCategory.sumInKeyOrder
        // A year of a multi-year plan also has the money carried in from the year before.
        let available = scenario.funds.reduce(0.0) { $0 + $1.amount } + (yearMoney?.reduce(0.0) { $0 + $1.carriedIn } ?? 0)
        var out = "<div class=\"cards\">\n"
        let points = { (v: Double?) in self.text("report.unit.points.value", ["value": HTMLText.number(v)]) }
        out += card(def("benefit", "report.card.benefit"), "\(HTMLText.number(result.benefit))<span class=\"unit\">\(text("report.unit.points"))</span>",
                    "\(def("objective", "report.card.objective")): \(points(result.objective))")
        let share = coverage.ratio.map { text("report.card.allocated.share", ["share": HTMLGlossary.link("share-of-need", HTMLText.percent($0), language)]) }
            ?? text("report.card.allocated.no-need")
        out += card(def("allocated", "report.card.allocated"), "\(moneyNumber(allocated))<span class=\"unit\">\(moneyUnit)</span>",
                    text("report.card.allocated.note", ["available": money(available), "share": share]))
        if result.shortageBefore > 0 || result.dispatched > 0 {
            out += card(def("dispatch", "report.card.dispatched"), HTMLText.number(result.dispatched),
                        text("report.card.dispatched.note", ["shortage": def("shortage", "report.card.shortage"),
                                                             "before": HTMLText.number(result.shortageBefore), "left": HTMLText.number(result.shortageLeft)]))
        }
        let pofNote = result.benefitWithoutFairness.map { text("report.card.pof.without", ["benefit": points($0)]) }
            ?? text(scenario.fairness.isEmpty ? "report.card.pof.no-rule" : yearShown != nil ? "report.horizon.card.pof.year" : "report.card.pof.not-computed")
        out += card(def("pof", "report.card.pof"), HTMLText.percent(result.priceOfFairness, decimals: 2), pofNote)
        out += card(def("gini", "report.card.gini"), HTMLText.index(base.metrics?.gini),
                    text("report.card.gini.note", ["mcloone": def("mcloone", "report.metric.mcloone"), "value": HTMLText.index(base.metrics?.mcloone)]))
        if let t = result.maxminCoverage {
            out += card(def("maxmin", "report.card.maxmin"), HTMLText.percent(t), text("report.card.maxmin.note"))
        }
        return out + "</div>\n"
    }

    func categoryTable(_ plan: Plan) -> String {
        var out = "<div class=\"scroll\"><table class=\"wide\"><caption>\(text("report.categories.caption", ["need": def("need", "report.col.need.lower")]))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(text("report.col.category"))</th><th scope=\"col\" class=\"num\">\(text("report.col.weight"))</th><th scope=\"col\">\(text("report.col.mandatory"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("need", "report.col.need")) (\(moneyUnit))</th><th scope=\"col\" class=\"num\">\(def("allocated", "report.col.allocated")) (\(moneyUnit))</th>"
        out += "<th scope=\"col\">\(def("share-of-need", "report.col.share"))</th></tr></thead>\n<tbody>\n"
        var totalNeed = 0.0, totalAllocated = 0.0
        for category in scenario.categories {
            let allocated = result.allocatedByCategory[category.id] ?? 0
            out += "<tr><th scope=\"row\">\(categoryName(category.id))</th><td class=\"num\">\(HTMLText.number(category.weight, decimals: category.weight == category.weight.rounded() ? 0 : 2))</td>"
            out += "<td>\(yesNo(category.mandatory))</td>"
            if category.isDispatch {
                out += "<td class=\"num\">\(text("report.categories.short", ["n": HTMLText.number(result.shortageBefore)]))</td><td class=\"num\">\(moneyNumber(allocated))</td>"
                let share = result.shortageBefore > 0 ? result.dispatched / result.shortageBefore : nil
                out += "<td>\(text("report.categories.sent", ["n": HTMLText.number(result.dispatched), "share": HTMLText.percent(share)]))</td></tr>\n"
            } else {
                let need = plan.schools.reduce(0.0) { $0 + ($1.need[category.id] ?? 0) }
                totalNeed += need
                totalAllocated += allocated
                out += "<td class=\"num\">\(moneyNumber(need))</td><td class=\"num\">\(moneyNumber(allocated))</td>"
                out += "<td>\(Self.bar(Coverage(allocated: allocated, need: need).ratio))</td></tr>\n"
            }
        }
        guard scenario.categories.filter({ !$0.isDispatch }).count > 1 else { return out + "</tbody></table></div>\n" }
        out += "</tbody><tfoot><tr><th scope=\"row\">\(text("report.categories.total"))</th><td></td><td></td><td class=\"num\">\(moneyNumber(totalNeed))</td>"
        out += "<td class=\"num\">\(moneyNumber(totalAllocated))</td><td>\(Self.bar(Coverage(allocated: totalAllocated, need: totalNeed).ratio))</td></tr></tfoot></table></div>\n"
        return out
    }

    func fundsBlock(_ plan: Plan) -> String {
        guard !plan.funds.isEmpty else { return "" }
        var out = "<h3>\(text("report.funds.heading"))</h3>\n<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.fund"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.amount")) (\(moneyUnit))</th><th scope=\"col\" class=\"num\">\(text("report.col.min-spend"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.spent")) (\(moneyUnit))</th><th scope=\"col\">\(text("report.col.used"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("fund-shadow", "report.col.shadow", ["currency": currencyWord]))</th></tr></thead>\n<tbody>\n"
        for f in plan.funds {
            let price = result.fundPrice(f.id)?.value
            out += "<tr><th scope=\"row\">\(fundName(f.id))</th><td class=\"num\">\(moneyNumber(f.amount))</td>"
            out += "<td class=\"num\">\(HTMLText.percent(f.amount > 0 ? f.minimumSpend / f.amount : nil, decimals: 0))</td>"
            // A year of a multi-year plan may also spend what was carried in: used of both.
            let available = f.available(yearMoney?.first { $0.fund == f.id })
            out += "<td class=\"num\">\(moneyNumber(f.spent))</td><td>\(Self.bar(available > 0 ? f.spent / available : nil))</td>"
            out += "<td class=\"num\">\(price.map { HTMLText.number(-$0, decimals: 3) } ?? "—")</td></tr>\n"
        }
        out += "</tbody></table></div>\n<ul class=\"sentences\">\n"
        for f in plan.funds {
            if let sentence = fundSentence(f.id) { out += "<li>\(sentence)</li>\n" }
        }
        let names = plainNames
        for f in plan.funds {
            if let sentence = FundLeftover.sentence(f, plan: plan, dispatched: result.dispatched, scenario: scenario,
                                                    carry: yearMoney?.first { $0.fund == f.id }, currency: currency,
                                                    wording: wording, names: names) {
                out += "<li>\(HTMLText.escape(sentence))</li>\n"
            }
        }
        out += "</ul>\n"
        if result.degenerate, result.hasResolvedFundClaims {
            out += "<p class=\"note-box small\">\(text("report.funds.degenerate", ["value": def("fund-shadow", "report.funds.marginal-value")]))</p>\n"
        }
        return out
    }

    /// What one more unit of a fund's money buys, in a sentence: the solver's own sentence (with
    /// its range of validity) in English; in Chinese the same value in the catalogue's sentence.
    func fundSentence(_ fund: String) -> String? {
        guard let price = result.fundPrice(fund) else { return nil }
        if language == .english { return price.sentence.map { HTMLText.escape(sentence($0)) + "." } }
        guard let value = price.value else { return text("report.funds.sentence.none", ["fund": fundName(fund)]) }
        let arguments = ["fund": fundName(fund), "currency": currencyWord, "value": HTMLText.number(-value, decimals: 3)]
        // The claim's right side holds up to validTo, its left side down to validFrom: one value for
        // the whole interval only when both sides agree (no kink), else from the amount up.
        guard let claim = price.claims.first(where: { $0.right != nil && $0.validTo != nil }), let to = claim.validTo,
              let amount = scenario.funds.first(where: { $0.id == fund })?.amount else { return text("report.funds.sentence", arguments) }
        let sameBothSides = claim.left.map { abs($0 - claim.right!) <= 1e-9 * max(1, abs($0)) } ?? false
        let from = sameBothSides ? (claim.validFrom ?? amount) : amount
        return text("report.funds.sentence.range", arguments.merging(["from": money(from), "to": money(to)]) { a, _ in a })
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

    /// A rule's setting in words, from the scenario (mode and parameter); the parameter in English
    /// only (the rules word their own settings), the mode alone in Chinese.
    func ruleSetting(_ key: String) -> String? {
        guard let rule = FairnessRegistry.rule(key, in: scenario.fairness) else { return nil }
        let mode: String
        switch rule.mode {
        case .hard: mode = text("report.rules.mode.hard")
        case let .soft(penalty): mode = text("report.rules.mode.soft", ["penalty": SVGChart.tickNumber(penalty)])
        }
        guard language == .english else { return mode }
        return "\(mode): " + HTMLText.escape(rule.settingText(scenario, number: SVGChart.tickNumber, percent: { HTMLText.percent($0, decimals: 0) }))
    }

    func rulesBlock() -> String {
        var out = "<h3>\(text("report.rules.heading", ["rules": def("fairness", "report.rules.link")]))</h3>\n"
        guard !result.rulePrices.isEmpty else {
            return out + "<p>\(text("report.rules.none"))</p>\n"
        }
        let rules = result.rulePrices.sorted { $0.rule < $1.rule }.map { (key: $0.rule, price: $0) }
        let binding = rules.filter(\.price.binding)
        if binding.isEmpty {
            out += "<p>\(text("report.rules.none-binds"))</p>\n"
        } else {
            out += "<p>\(text(binding.count == 1 ? "report.rules.binds.one" : "report.rules.binds.many", ["n": String(binding.count), "prices": def("rule-shadow", "report.rules.shadow")]))</p>\n"
        }
        out += "<ul class=\"sentences\">\n"
        let ordered = binding + rules.filter { entry in !binding.contains { $0.key == entry.key } }
        for (key, price) in ordered {
            out += "<li>\(ruleLine(key, price))</li>\n"
        }
        return out + "</ul>\n"
    }

    /// One rule in a sentence: binds or not and its marginal cost, or a soft rule's violation.
    func ruleLine(_ key: String, _ price: RulePrice) -> String {
        let setting = ruleSetting(key).map { " <span class=\"muted small\">\(text("report.rules.setting", ["setting": $0]))</span>" } ?? ""
        let name = ruleName(key)
        let binds = price.binding ? "<span class=\"binds\">\(text("report.rules.binds"))</span> — " : ""
        if let english = price.sentence {
            if language == .english { return "\(binds)\(HTMLText.escape(sentence(english))).\(setting)" }
            let claim = price.claims.first { $0.validFrom != nil && $0.validTo != nil }
            let bindsKey = claim == nil ? "report.rules.sentence.binds.margin" : "report.rules.sentence.binds"
            let messageKey = price.value == nil ? "report.rules.sentence.none" : (price.binding ? bindsKey : "report.rules.sentence.free")
            let range = { (v: Double?) in v.map { HTMLText.number($0, decimals: 3) } ?? Format.missing }
            let parameter = FairnessRegistry.rule(key, in: scenario.fairness).map { "<code>\(HTMLText.escape($0.parameter))</code>" } ?? ""
            return "\(binds)\(text(messageKey, ["rule": name, "value": HTMLText.number(price.value.map(abs), decimals: 3), "parameter": parameter, "from": range(claim?.validFrom), "to": range(claim?.validTo)]))\(setting)"
        }
        let violated = (result.softViolations[key] ?? 0) > 1e-9
            ? PlanSummary.violation(result, rule: key) { HTMLText.number($0, decimals: 2) }
                .map { text("report.rules.soft.violated", ["rule": name, "amount": HTMLText.escape($0)]) }
            : nil
        return (violated ?? text("report.rules.soft.satisfied", ["rule": name])) + setting
    }

    /// A diagnosis row's unit in the page's language: the solver writes the currency, "CURRENCY per
    /// pupil" or "teachers"; anything else is shown as written.
    func diagnosisUnit(_ unit: String) -> String {
        switch unit {
        case currency: return currencyWord
        case "\(currency) per pupil": return perPupilUnit
        case "teachers": return text("report.unit.teachers")
        default: return HTMLText.escape(unit)
        }
    }

    /// A diagnosis row's meaning: the solver's sentence in English; in Chinese the catalogue's
    /// sentence for the row's unit (money, money per pupil, teachers), the solver's sentence as its tooltip.
    func diagnosisMeaning(_ item: DiagnosisItem) -> String {
        guard language == .chinese else { return "<td>\(HTMLText.name(item.explanation))</td>" }
        let key = item.unit == currency ? "report.diagnosis.meaning.money"
            : item.unit == "\(currency) per pupil" ? "report.diagnosis.meaning.per-pupil"
            : item.unit == "teachers" ? "report.diagnosis.meaning.teachers" : "report.diagnosis.meaning.other"
        let sentence = text(key, ["constraint": "<code>\(HTMLText.name(item.constraint))</code>", "amount": HTMLText.number(item.relaxBy, decimals: 2),
                                  "unit": diagnosisUnit(item.unit), "money": money(item.money)])
        return "<td title=\"\(HTMLText.escape(item.explanation))\">\(sentence)</td>"
    }

    func diagnosisBlock() -> String {
        guard let diagnosis = result.diagnosis else { return "" }
        let total = diagnosis.reduce(0) { $0 + $1.money }
        var out = "<div class=\"diagnosis\"><h3>\(def("diagnosis", "report.diagnosis.heading"))</h3>\n"
        out += "<p>\(text("report.diagnosis.intro", ["total": "<strong>\(money(total))</strong>"]))</p>\n"
        out += "<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.constraint"))</th><th scope=\"col\">\(text("report.col.rule"))</th><th scope=\"col\" class=\"num\">\(text("report.col.relax"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.in-money")) (\(moneyUnit))</th><th scope=\"col\">\(text("report.col.meaning"))</th></tr></thead>\n<tbody>\n"
        for item in diagnosis {
            out += "<tr><th scope=\"row\"><code>\(HTMLText.name(item.constraint))</code></th><td>\(ruleName(item.rule))</td>"
            out += "<td class=\"num\">\(HTMLText.number(item.relaxBy, decimals: 2)) \(diagnosisUnit(item.unit))</td>"
            out += "<td class=\"num\">\(moneyNumber(item.money))</td>\(diagnosisMeaning(item))</tr>\n"
        }
        out += "</tbody></table></div>\n<p class=\"small muted\">\(text("report.diagnosis.unique"))</p></div>\n"
        return out
    }
}
