import EduplanScenario
import Foundation
import LinearProgramming

/// Plain-language sentences for shadow prices and diagnoses.
enum Explain {
    static func money(_ value: Double, _ currency: String) -> String {
        "\(Format.grouped(value, decimals: abs(value) >= 100 ? 0 : 2)) \(currency)"
    }

    static func fund(_ fund: FundSource, value: Double, atMinimum: Bool, currency: String, through: String? = nil) -> String {
        let perMillion = -value * 1_000_000
        if atMinimum {
            return "the minimum spend of \(fund.id) binds: lowering it by 1,000,000 \(currency) would change the weighted benefit by \(Format.grouped(perMillion, decimals: 0))"
        }
        if abs(value) < 1e-12 {
            return "\(fund.id) is not fully used at the optimum: more money there buys nothing"
        }
        let channel = through.map { ", at the margin through \($0)" } ?? ""
        return "1,000,000 \(currency) more in \(fund.id) would raise the weighted benefit by \(Format.grouped(perMillion, decimals: 0)) (\(Format.grouped(-value, decimals: 3)) per \(currency))\(channel)"
    }

    static func rule(_ rule: any FairnessRule, value: Double, currency: String) -> String {
        if abs(value) < 1e-9 { return "\(rule.key) does not bind at the optimum: it costs nothing at the margin" }
        switch rule.parameter {
        case "max":
            return "relaxing \(rule.key) (raising its max by 0.01) would lower the objective by \(money(-value * 0.01, currency)) of weighted unmet need"
        default:
            return "tightening \(rule.key) (raising its \(rule.parameter) by 0.01) would cost \(money(value * 0.01, currency)) of weighted benefit"
        }
    }

    /// Why a mandatory need is short: which funds could pay, and that they are spent.
    static func eligibility(_ f: Formulation, _ slack: SlackRecord) -> String {
        guard let k = slack.category, let s = slack.school else { return "no fund eligible there has money left" }
        let region = f.scenario.schools[s].region
        let eligible = f.scenario.funds.filter { $0.categories.contains(k) && $0.regions.contains(region, in: f.scenario.regions) }
        if eligible.isEmpty {
            return "no fund may pay for \(f.scenario.categories[k].id) in \(f.scenario.regions[region].name) (widen a fund's categories or regions)"
        }
        return "the funds eligible there (\(eligible.map(\.id).joined(separator: ", "))) have no money left"
    }

    /// The lines of the elastic diagnosis: every hard slack above 1e-6 in its unit, with its money
    /// and what it is about (category, school and region, fund), largest money first.
    static func diagnosis(_ f: Formulation, _ solution: Solution) -> [DiagnosisItem] {
        let currency = f.scenario.currency
        var items: [DiagnosisItem] = []
        for slack in f.slacks where slack.hard {
            let (relax, money) = slack.relaxation(solution, moneyScale: f.moneyScale)
            guard relax > 1e-6 else { continue }
            let unit: String
            let explanation: String
            switch slack.unit {
            case .money:
                unit = currency
                explanation = slack.rule == "mandatory"
                    ? "\(slack.constraint) is short by \(Explain.money(relax, currency)): \(eligibility(f, slack))"
                    : slack.rule == "min_spend"
                    ? "\(slack.constraint) cannot be met: \(Explain.money(relax, currency)) of it has nothing eligible to pay for (lower min_spend or widen the fund's categories or regions)"
                    : "\(slack.constraint) must give by \(Explain.money(relax, currency))"
            case .moneyPerPupil:
                unit = "\(currency) per pupil"
                explanation = "\(slack.constraint) must give by \(Format.grouped(relax, decimals: 2)) \(currency) per pupil (\(Explain.money(money, currency)) across rural pupils)"
            case .teachers:
                unit = "teachers"
                explanation = "\(slack.constraint) must give by \(Format.grouped(relax, decimals: 2)) teacher(s)"
                    + (slack.rule == "max_moves" ? " (priced at \(Explain.money(slack.moneyPerUnit, currency)) per move)" : "")
            }
            let scenario = f.scenario
            items.append(DiagnosisItem(constraint: slack.constraint, rule: slack.rule, relaxBy: relax, unit: unit,
                                       money: money, explanation: explanation,
                                       category: slack.category.map { scenario.categories[$0].id },
                                       school: slack.school.map { scenario.schools[$0].id },
                                       region: slack.school.map { scenario.regions[scenario.schools[$0].region].id },
                                       fund: slack.fund.map { scenario.funds[$0].id }))
        }
        return items.sorted { $0.money != $1.money ? $0.money > $1.money : $0.constraint < $1.constraint }
    }
}
