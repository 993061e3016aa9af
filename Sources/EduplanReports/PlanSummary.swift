import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// Output formats for people and programs.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, markdown
}

/// A plain-text rendering of a solve for a planner: what was decided, what it buys, what binds.
///
/// Every label, heading and sentence comes from the catalogue (`plan.*`) in the wording's language,
/// money in its unit (yuan, 万元, 亿元); ids read as the scenario's display names in that language.
public enum PlanSummary {
    /// Key figures as (label, value) rows, shared by the table and markdown forms. A year of a
    /// multi-year plan that is over (`year.actual`) has the actuals for status: what was done, not
    /// an optimum.
    public static func rows(_ result: PlanResult, metrics: [(String, Double?)], wording w: Wording = .english,
                            names: DisplayNames = .none, year: YearOfHorizon? = nil) -> [(String, String)] {
        let c = result.currency
        func money(_ v: Double?) -> String { v.map { w.money($0, currency: c) } ?? "—" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }
        let status = year?.actual == true ? w("replan.year.status") : w("common.status.\(result.status.rawValue)")
        var rows: [(String, String)] = [(w("plan.row.status"), status)]
        guard result.plan != nil else { return rows }
        func points(_ v: Double?) -> String { v.map { w("plan.value.points", ["value": Format.grouped($0)]) } ?? "—" }
        rows.append((w("plan.row.benefit"), points(result.benefit)))
        rows.append((w("plan.row.objective"), points(result.objective)))
        if let pof = result.priceOfFairness { rows.append((w("plan.row.priceOfFairness"), percent(pof))) }
        if let t = result.maxminCoverage { rows.append((w("plan.row.maxmin"), percent(t))) }
        if let gap = result.relativeGap {
            // A gap-limited plan usually stops far below 0.01%: show the digits, not "0.00%".
            rows.append((w(result.parts == nil ? "plan.row.gap" : "plan.row.gapParts"),
                         gap > 0 && gap < 1e-4 ? String(format: "≤ %.2g", gap) : "≤ " + percent(gap)))
        }
        // Money by category against its need (dispatch has no money need: it pays for teachers).
        var need: [String: Double] = [:]
        for school in result.plan?.schools ?? [] {
            for (category, amount) in school.need { need[category, default: 0] += amount }
        }
        for (category, amount) in result.allocatedByCategory.sorted(by: { $0.key < $1.key }) {
            let label = w("plan.row.allocated", ["category": names.category(category)])
            if let n = need[category], n > 0 {
                rows.append((label, w("plan.value.ofNeed", ["money": money(amount), "need": w.amount(n),
                                                            "share": percent(Coverage(allocated: amount, need: n).ratio)])))
            } else {
                rows.append((label, w("plan.value.teachersCost", ["money": money(amount)])))
            }
        }
        rows.append((w("plan.row.dispatched"), Format.grouped(result.dispatched)))
        rows.append((w("plan.row.shortage"), "\(Format.grouped(result.shortageBefore)) → \(Format.grouped(result.shortageLeft))"))
        for (name, value) in metrics { rows.append((name, value.map { String(format: "%.4f", $0) } ?? "—")) }
        return rows
    }

    /// The full human-readable report. `scenario` gives the funds' amounts and minimum spends the
    /// claims' sentences quote outside English (nil: the claims' English sentences). Without
    /// `titled` (a year of a multi-year plan, under its own heading) neither the scenario's title
    /// nor an empty status sentence is printed; `year` is such a year's place in its horizon (its
    /// status when over, the money its funds carried in).
    public static func text(_ result: PlanResult, metrics: [(String, Double?)], markdown: Bool,
                            wording w: Wording = .english, names: DisplayNames = .none, scenario: Scenario? = nil,
                            titled: Bool = true, year: YearOfHorizon? = nil) -> String {
        let variant = result.variant.map { w("plan.title.variant", ["scenario": result.scenario, "variant": $0]) }
        let title = variant ?? result.scenario
        var out = titled ? Format.title(title, markdown: markdown) : ""
        if titled || !result.statusNotes.isEmpty { out += "\(statusDetail(result, wording: w, names: names))\n\n" }
        let rows = rows(result, metrics: metrics, wording: w, names: names, year: year)
        out += table(rows, headers: markdown ? ["", w("plan.header.value")] : ["", ""], markdown: markdown) + "\n"
        if result.plan != nil && !metrics.isEmpty {
            out += w("plan.metricsNote", ["gapNote": result.relativeGap != nil && result.parts == nil ? w("plan.gapNote") : ""])
        }
        if let plan = result.plan {
            out += fundsSection(plan, result, markdown: markdown, wording: w, names: names, scenario: scenario, year: year)
            out += rulesSection(result, markdown: markdown, wording: w, names: names, scenario: scenario)
            out += regionsSection(plan, markdown: markdown, currency: result.currency, wording: w, names: names)
            if let robust = result.robust {
                out += RobustReport.text(robust, currency: result.currency, names: names, markdown: markdown, wording: w)
            }
        }
        if let moves = result.moves { out += movesSection(moves, result, markdown: markdown, wording: w, names: names) }
        if let diagnosis = result.diagnosis {
            out += heading(w(markdown ? "plan.diagnosis.headingShort" : "plan.diagnosis.heading"), markdown: markdown)
            out += diagnosisText(diagnosis, summary: result.diagnosisSummary, currency: result.currency, wording: w, names: names)
        }
        return out
    }

    /// The status: the result's notes in the wording's language (in English, plan.json's
    /// `status_detail`, ids as written; otherwise with the scenario's display names).
    static func statusDetail(_ result: PlanResult, wording w: Wording, names: DisplayNames = .none) -> String {
        result.statusNotes.text(w, names: w.language == .english ? .ids : names.statusNoteNames)
    }

    /// A price of fairness known as a range, in words: "at most 0.44%", "between 14.99% and 15.01%";
    /// each end rounded outwards at two decimals (the rounded range still holds the true one).
    public static func priceOfFairnessRange(_ range: PriceOfFairnessRange, wording w: Wording) -> String {
        let atMost = w.percent((range.atMost * 1e4 - 1e-9).rounded(.up) / 1e4)
        guard range.atLeast > 0 else { return w("plan.value.priceOfFairnessAtMost", ["atMost": atMost]) }
        let atLeast = w.percent((range.atLeast * 1e4 + 1e-9).rounded(.down) / 1e4)
        return w("plan.value.priceOfFairnessBetween", ["atLeast": atLeast, "atMost": atMost])
    }

    /// A section heading: `## Text` in markdown, the text underlined with dashes otherwise.
    static func heading(_ text: String, markdown: Bool) -> String {
        markdown ? "\n## \(text)\n\n" : "\n" + Format.underlined(text, with: "-")
    }

    /// Each fund's amount, spending and value per unit of money, then its claims' sentences. In a
    /// year of a multi-year plan the money carried in stands beside the amount (what was spent may
    /// exceed the year's amount by it), and the share used is of the amount and what came in.
    static func fundsSection(_ plan: Plan, _ result: PlanResult, markdown: Bool, wording w: Wording, names: DisplayNames,
                             scenario: Scenario?, year: YearOfHorizon? = nil) -> String {
        let c = result.currency
        var out = heading(w("plan.funds.heading"), markdown: markdown)
        let fundRows = plan.funds.map { f -> [String] in
            let price = result.fundPrice(f.id)?.value
            let carry = year?.carry(of: f.id)
            let (available, used) = (f.available(carry), f.used(carry))
            let share = usedShare(used, of: available, fullyUsed: result.fundPrice(f.id)?.claims
                .contains { $0.kind == .fundFullyUsed } ?? (used >= available - (year == nil ? 0 : 1e-9 * max(1, available))))
            // A value per yuan is worth divisor times as much per 万元 or 亿元.
            return [names.fund(f.id), w.amount(f.amount)] + (year == nil ? [] : [w.amount(carry?.carriedIn ?? 0)])
                + [w.amount(f.spent), share, price.map { Format.grouped(-$0 * w.perUnitFactor, decimals: 3) } ?? "—"]
        }
        let headers = [w("plan.funds.fund"), w("plan.funds.amount", ["unit": w.moneyUnit(currency: c)])]
            + (year == nil ? [] : [w("plan.funds.carriedIn")])
            + [w("plan.funds.spent"), w(year == nil ? "plan.funds.used" : "plan.funds.usedWithCarry"),
               w("plan.funds.value", ["per": w.perMoney(currency: c)])]
        out += Format.grid(fundRows, headers: headers, markdown: markdown)
        for f in plan.funds {
            guard let price = result.fundPrice(f.id) else { continue }
            if let text = ClaimWording.sentence(price, wording: w, names: names, scenario: scenario, carry: year?.carry(of: f.id)) {
                out += "  • \(text)\n"
            }
        }
        out += leftoverLines(plan, result, wording: w, names: names, scenario: scenario, year: year)
        if result.degenerate, result.hasResolvedFundClaims { out += w("plan.funds.degenerate") }
        return out
    }

    /// A line for each fund that keeps money (spends less than its amount and what came in):
    /// the needs it may pay for left unmet, or that none is (``FundLeftover``).
    static func leftoverLines(_ plan: Plan, _ result: PlanResult, wording w: Wording, names: DisplayNames,
                              scenario: Scenario?, year: YearOfHorizon?) -> String {
        guard let scenario else { return "" }
        return plan.funds.compactMap { f in
            FundLeftover.sentence(f, plan: plan, dispatched: result.dispatched, scenario: scenario,
                                  carry: year?.carry(of: f.id), currency: result.currency, wording: w, names: names)
        }.map { "  • \($0)\n" }.joined()
    }

    /// Each built rule's claims, or for a soft rule (or a plan in parts) whether it is met.
    static func rulesSection(_ result: PlanResult, markdown: Bool, wording w: Wording, names: DisplayNames,
                             scenario: Scenario?) -> String {
        guard !result.rulePrices.isEmpty else { return "" }
        var out = heading(w("plan.rules.heading"), markdown: markdown)
        for price in result.rulePrices.sorted(by: { $0.rule < $1.rule }) {
            let key = price.rule
            if let text = ClaimWording.sentence(price, wording: w, names: names, scenario: scenario) {
                out += "  • \(text)\n"
                continue
            }
            let state = violation(result, rule: key, wording: w) { Format.grouped($0, decimals: 2) }
                .map { w("plan.rules.violated", ["amount": $0]) } ?? w("plan.rules.met")
            if let parts = result.parts {
                out += "  • \(w("plan.rules.inParts", ["rule": names.rule(key), "state": state, "parts": "\(parts)"]))\n"
            } else {
                out += "  • \(w("plan.rules.soft", ["rule": names.rule(key), "state": state]))\n"
            }
        }
        return out
    }

    /// The ten regions receiving most, with per-pupil money, coverage and teachers dispatched in.
    static func regionsSection(_ plan: Plan, markdown: Bool, currency c: String, wording w: Wording, names: DisplayNames) -> String {
        var out = heading(w("plan.regions.heading"), markdown: markdown)
        let regionOf = plan.schools.map(\.region), received = plan.schools.map(\.received)
        let coverage = Equity.coverage(allocation: received, need: plan.schools.map(\.totalNeed), groups: regionOf)
        let perPupil = Equity.perPupil(allocation: received, pupils: plan.schools.map { Double($0.pupils) }, groups: regionOf)
        let dispatched = Dictionary(plan.schools.map { ($0.region, $0.teachersDispatched) }, uniquingKeysWith: +)
        // Per pupil stays in yuan (a few thousand a pupil): 万元 would show 0.xx.
        let regionRows = coverage.map { region, cov -> (Double, [String]) in
            (cov.allocated, [names.region(region), w.amount(cov.allocated), perPupil[region].map { Format.grouped($0, decimals: 1) } ?? "—",
                             cov.ratio.map { String(format: "%.1f%%", $0 * 100) } ?? "—", "\(dispatched[region] ?? 0)"])
        }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1[0] < $1.1[0] }.prefix(10).map(\.1)
        let yuan = Wording(language: w.language)
        let perPupilHeader = w.money == .yuan ? w("plan.regions.perPupil")
            : w("plan.regions.perPupilIn", ["unit": yuan.moneyUnit(currency: c)])
        let headers = [w("plan.regions.region"), w("plan.regions.received", ["unit": w.moneyUnit(currency: c)]), perPupilHeader,
                       w("plan.regions.ofNeed"), w("plan.regions.teachersIn")]
        out += Format.grid(Array(regionRows), headers: headers, markdown: markdown)
        return out
    }

    /// What moved against the previous plan: the totals, then the teacher moves and the largest money changes.
    static func movesSection(_ moves: [Move], _ result: PlanResult, markdown: Bool, wording w: Wording,
                             names: DisplayNames) -> String {
        var out = heading(w("plan.moves.heading"), markdown: markdown)
        let money = moves.filter { $0.kind == "money" }, teachers = moves.filter { $0.kind == "teachers" }
        let moved = money.reduce(0.0) { $0 + abs($1.after - $1.before) }
        out += w.counted("plan.moves.summary", money.count, [
            "lines": "\(money.count)", "money": w.money(moved, currency: result.currency),
            "teachers": Format.grouped(teachers.reduce(0.0) { $0 + abs($1.after - $1.before) }),
        ])
        let shown = (teachers + money.sorted { abs($0.after - $0.before) > abs($1.after - $1.before) }).prefix(20)
        let rows = shown.map { (m: Move) -> [String] in
            guard m.kind == "money" else {
                return [w("plan.moves.teacher", ["from": m.first, "to": m.second]), w("plan.moves.kind.teachers"),
                        Format.grouped(m.before, decimals: 1), Format.grouped(m.after, decimals: 1)]
            }
            let what = w("plan.moves.moneyAt", ["category": names.category(m.second), "school": m.first])
            return [what, w("plan.moves.kind.money"), w.amount(m.before), w.amount(m.after)]
        }
        let headers = ["plan.moves.what", "plan.moves.kind", "plan.moves.before", "plan.moves.after"].map { w($0) }
        if !rows.isEmpty { out += Format.grid(rows, headers: headers, markdown: markdown) }
        if moves.count > shown.count { out += w("plan.moves.more", ["count": "\(moves.count - shown.count)"]) }
        return out
    }

    /// Lines of the diagnosis shown in full when there are at most this many; otherwise the largest.
    static let diagnosisLinesShown = 5

    /// The diagnosis in layers, at most ~15 lines however large the province: the total and its
    /// sums by rule, fund, category and region, the smallest top-ups, the largest lines, and where
    /// every line is.
    static func diagnosisText(_ items: [DiagnosisItem], summary: DiagnosisSummary?, currency c: String,
                              wording w: Wording = .english, names: DisplayNames = .none) -> String {
        let summary = summary ?? DiagnosisSummary(items: items)
        var out = w.counted("plan.diagnosis.total", summary.lines,
                            ["money": w.money(summary.total, currency: c), "lines": "\(summary.lines)"])
        let sums: [(String, [String: Double], (String) -> String)] = [
            ("plan.diagnosis.byRule", summary.byRule, names.rule), ("plan.diagnosis.byFund", summary.byFund, names.fund),
            ("plan.diagnosis.byCategory", summary.byCategory, names.category),
            ("plan.diagnosis.byRegion", summary.byRegion, names.region),
        ]
        for (label, amounts, name) in sums where !amounts.isEmpty {
            out += w("plan.diagnosis.sum", ["label": w(label), "amounts": largest(amounts, name: name, wording: w)])
        }
        if summary.lines > 1 { out += w("plan.diagnosis.oneSplit") }
        if let topUp = summary.topUp { out += topUpText(topUp, currency: c, wording: w, names: names) }
        let shown = items.count <= diagnosisLinesShown ? items[...] : items.prefix(3)
        if shown.count < items.count { out += w("plan.diagnosis.largest") }
        for item in shown { out += "  • \(diagnosisLine(item, currency: c, wording: w, names: names))\n" }
        if shown.count < items.count { out += w("plan.diagnosis.all", ["count": "\(items.count)"]) }
        return out
    }

    /// One diagnosis line: the pipeline's English sentence, or in another language what must give,
    /// by how much in its unit, and its money.
    static func diagnosisLine(_ item: DiagnosisItem, currency c: String, wording w: Wording, names: DisplayNames = .none) -> String {
        guard w.language != .english else { return item.explanation }
        let amount: String
        switch item.unit {
        case c: amount = w.money(item.relaxBy, currency: c, decimals: 2)
        case "teachers": amount = "\(Format.grouped(item.relaxBy, decimals: 2)) \(w("plan.unit.teachers"))"
        default: amount = "\(Format.grouped(item.relaxBy, decimals: 2)) \(w("plan.unit.perPupil", ["unit": w.currencyName(c)]))"
        }
        // The row in words: its rule's name and what it is about (category, school, region, fund), not
        // the formulation's English constraint name.
        let about = [item.category.map(names.category), item.school, item.region.map(names.region), item.fund.map(names.fund)]
            .compactMap { $0 }
        let subject = about.isEmpty ? names.rule(item.rule)
            : w("plan.diagnosis.about", ["rule": names.rule(item.rule), "about": about.joined(separator: w("common.comma"))])
        return w("plan.diagnosis.line", ["constraint": subject, "amount": amount, "money": w.money(item.money, currency: c)])
    }

    /// The four largest amounts, largest first (ties by name), and how many more.
    static func largest(_ amounts: [String: Double], name: (String) -> String, limit: Int = 4,
                        wording w: Wording = .english) -> String {
        let sorted = amounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let shown = sorted.prefix(limit).map { "\(name($0.key)) \(w.amount($0.value))" }.joined(separator: w.separator)
        return shown + (sorted.count > limit ? w("plan.diagnosis.more", ["count": "\(sorted.count - limit)"]) : "")
    }

    /// The top-up layer: whether money alone fixes the scenario and how little, in all and per fund alone.
    /// Amounts are rounded up (to the unit shown, or to the fen below 100 yuan), so "at least N" is enough.
    static func topUpText(_ topUp: TopUpSummary, currency c: String, wording w: Wording = .english,
                          names: DisplayNames = .none) -> String {
        func up(_ v: Double) -> String { w.money(roundedUp(v, scale: w.money), currency: c, decimals: v >= 100 ? 0 : 2) }
        func upAmount(_ v: Double) -> String { w.amount(roundedUp(v, scale: w.money), decimals: v >= 100 ? 0 : 2) }
        var out = ""
        if let total = topUp.allFunds {
            let split = (topUp.split ?? [:]).sorted { $0.key < $1.key }.map { "\(names.fund($0.key)) \(upAmount($0.value))" }
            out += w("plan.topUp.enough", ["money": up(total), "split": split.joined(separator: w("common.comma"))])
        } else if !topUp.undetermined.contains("all") {
            out += w("plan.topUp.impossible")
        }
        let alone = topUp.eachFundAlone.sorted { $0.key < $1.key }.map { fund, amount in
            amount.map { w("plan.topUp.fundAdd", ["money": up($0), "fund": names.fund(fund)]) }
                ?? w("plan.topUp.fundCannot", ["fund": names.fund(fund)])
        }
        if alone.count > 1 { out += w("plan.topUp.alone", ["list": alone.joined(separator: w.separator)]) }
        if !topUp.undetermined.isEmpty {
            out += w("plan.topUp.undetermined", ["list": topUp.undetermined.map(names.fund).joined(separator: w("common.comma"))])
        }
        return out
    }

    /// An amount rounded up to what its display shows: the yuan (the fen below 100 yuan), the
    /// hundred yuan in 万元 (two decimals), the ten thousand yuan in 亿元 (four decimals).
    static func roundedUp(_ v: Double, scale: MoneyScale) -> Double {
        switch scale {
        case .yuan: v >= 100 ? v.rounded(.up) : (v * 100).rounded(.up) / 100
        case .wan: (v / 100).rounded(.up) * 100
        case .yi: (v / 10_000).rounded(.up) * 10_000
        }
    }

    /// A fund's share spent, to 0.1%, rounded down unless the fund is fully used (its claim says so):
    /// 51,841,462 of 51,847,745 reads 99.9%, not a 100.0% beside "not all of it".
    static func usedShare(_ spent: Double, of amount: Double, fullyUsed: Bool) -> String {
        guard amount > 0 else { return "—" }
        if fullyUsed { return "100.0%" }
        return String(format: "%.1f%%", (spent / amount * 1000 + 1e-9).rounded(.down) / 10)
    }

    /// A soft rule's violation with its unit ("199.00 CNY", "12.50 CNY per pupil", "3.00 teachers"),
    /// nil when the rule is met; `number` formats the amount.
    public static func violation(_ result: PlanResult, rule key: String, wording: Wording = .english,
                                 number: (Double) -> String) -> String? {
        guard let amount = result.softViolations[key] else { return nil }
        return "\(number(amount)) \(unitName(result.softViolationUnits[key] ?? .money, currency: result.currency, wording: wording))"
    }

    /// The words for a slack's unit: money in the scenario's currency (in yuan: a violation is not
    /// scaled), per pupil, or teachers.
    public static func unitName(_ unit: SlackUnit, currency: String, wording w: Wording = .english) -> String {
        switch unit {
        case .money: return w.currencyName(currency)
        case .moneyPerPupil: return w("plan.unit.perPupil", ["unit": w.currencyName(currency)])
        case .teachers: return w("plan.unit.teachers")
        }
    }

    static func table(_ rows: [(String, String)], headers: [String], markdown: Bool) -> String {
        Format.grid(rows.map { [$0.0, $0.1] }, headers: headers, markdown: markdown)
    }
}

/// A year of a multi-year plan as its one-year summary shows it (``PlanSummary/text(_:metrics:markdown:wording:names:scenario:titled:year:)``):
/// whether it is over (a rolling re-plan's year read from the actuals) and its funds' carry-over.
public struct YearOfHorizon: Sendable {
    public var actual: Bool
    public var carryOver: [YearPlanResult.CarryOver]

    public init(_ year: YearPlanResult) {
        actual = year.actual
        carryOver = year.carryOver
    }

    /// The carry-over of fund `id` in the year (nil: none listed).
    func carry(of id: String) -> YearPlanResult.CarryOver? { carryOver.first { $0.fund == id } }
}
