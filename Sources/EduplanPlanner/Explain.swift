import EduplanScenario
import Foundation
import LinearProgramming

/// Plain-language sentences for claims (marginal values, statuses) and diagnoses.
enum Explain {
    static func money(_ value: Double, _ currency: String) -> String {
        "\(Format.grouped(value, decimals: abs(value) >= 100 ? 0 : 2)) \(currency)"
    }

    /// Renders the text of every claim in `result` (after any re-solve changed their numbers).
    static func renderClaims(_ result: inout PlanResult, _ scenario: Scenario) {
        let currency = scenario.currency
        let hasSoftRule = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).contains { !$0.mode.isHard }
        let phases = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).contains { $0.preparationPhase != nil }
        // Without a phase, a re-solve holds the plan's integers (its teacher dispatch).
        let integerDispatch = scenario.dispatch.integer && !scenario.teacherGroups.isEmpty
        let held = !phases && integerDispatch ? ", this plan's dispatch held" : ""
        let what = hasSoftRule ? "objective (weighted benefit net of soft-rule penalties)" : "weighted benefit"
        for p in result.fundPrices.indices {
            guard let fund = scenario.funds.first(where: { $0.id == result.fundPrices[p].fund }) else { continue }
            let channel = result.fundPrices[p].channel
            for c in result.fundPrices[p].claims.indices {
                let claim = result.fundPrices[p].claims[c]
                result.fundPrices[p].claims[c].text = claim.kind == .fundMarginalValue
                    ? fundValue(claim, fund, currency: currency, what: what, channel: channel, phases: phases, held: held,
                                integerDispatch: integerDispatch)
                    : fundStatus(claim, fund, currency: currency)
            }
        }
        for p in result.rulePrices.indices {
            for c in result.rulePrices[p].claims.indices {
                result.rulePrices[p].claims[c].text = rule(result.rulePrices[p].claims[c], what: what, held: held)
            }
            for c in result.rulePrices[p].regionFloors.indices {
                result.rulePrices[p].regionFloors[c].text = RegionFloorText.text(result.rulePrices[p].regionFloors[c],
                                                                                 currency: currency, held: held)
            }
        }
    }

    /// "central_special spends all of its 800 CNY (fully used)", from the spending.
    static func fundStatus(_ claim: Claim, _ fund: FundSource, currency: String) -> String {
        let spent = claim.value ?? 0
        switch claim.kind {
        case .fundFullyUsed:
            return "\(fund.id) spends all of its \(money(fund.amount, currency)) (fully used)"
        case .fundMinimumBinds:
            return "\(fund.id) spends exactly its minimum, \(money(spent, currency)) of \(money(fund.amount, currency)) "
                + "(\(Format.grouped(fund.minSpend * 100, decimals: 0))%): the minimum spend binds"
        default:
            return "\(fund.id) spends \(money(spent, currency)) of \(money(fund.amount, currency)): "
                + (fund.minSpend > 0 ? "more than its minimum, not all of it" : "not all of it")
        }
    }

    /// The marginal value in words, stated only inside its interval: what one more unit buys up
    /// to the interval's end, what one unit less loses down to its start, and beyond each end
    /// only what convexity guarantees (the value per unit never rises as the amount grows).
    /// `held` is non-empty for an integer plan: the values hold with its dispatch fixed.
    static func fundValue(_ claim: Claim, _ fund: FundSource, currency: String, what: String, channel: String?,
                          phases: Bool, held: String, integerDispatch: Bool = false) -> String {
        let amount = fund.amount, step = claim.resolveStep ?? 0
        func per(_ v: Double) -> String { Format.grouped(abs(v), decimals: 3) }
        // Below half the last printed digit a value is "nothing" to the reader: say how little.
        func buys(_ v: Double) -> String {
            abs(v) < 1e-12 ? "buys nothing" : abs(v) < 5e-4 ? "buys less than 0.001 points of \(what) either way"
                : v > 0 ? "buys \(per(v)) points of \(what)" : "costs \(per(v)) points of \(what)"
        }
        func loses(_ v: Double) -> String {
            abs(v) < 1e-12 ? "loses nothing" : abs(v) < 5e-4 ? "loses or gains less than 0.001 points"
                : v > 0 ? "loses \(per(v)) points" : "gains \(per(v)) points"
        }
        let rightResolved = claim.resolveStep != nil && claim.validTo == amount + step
        let leftResolved = claim.resolveStep != nil && claim.validFrom == amount - step
        if phases && rightResolved && leftResolved {
            let up = claim.right.map { "each extra \(currency) \(buys($0))" } ?? "more money leaves no plan"
            let down = claim.left.map { "each \(currency) less \(loses($0))" } ?? "less money leaves no plan"
            return "re-solving every phase with \(fund.id) at ± \(money(step, currency)): \(up); \(down) "
                + "(finite differences over that step, t* re-optimised)"
        }
        var parts: [String] = []
        if rightResolved && claim.right == nil {
            parts.append("\(money(step, currency)) more in \(fund.id) leaves no plan (re-solved)")
        }
        if leftResolved && claim.left == nil {
            parts.append("\(money(step, currency)) less in \(fund.id) leaves no plan (re-solved)")
        }
        // A re-solved side: a degenerate vertex, or over years a budget that also moves its
        // carry-over cap (docs/model.md §23); either way no ranging states that side.
        if let right = claim.right {
            let through = right > 1e-12 ? channel.map { " (at the margin through \($0))" } ?? "" : ""
            if rightResolved {
                parts.append("each extra \(currency) in \(fund.id) \(buys(right)) (re-solved at + \(money(step, currency)): no ranging states this side)")
            } else if let to = claim.validTo, to > amount {
                // With F2 the value is not convex in the amount (t* moves with it): nothing beyond.
                parts.append("each extra \(currency) in \(fund.id) up to +\(money(to - amount, currency)) \(buys(right))\(through); "
                             + (phases ? "beyond that, not stated (re-solve to see)"
                                : "beyond that, at most \(right < 0 ? "−" : "")\(per(right)) per \(currency) (re-solve to see)"))
            } else if claim.validTo == nil {
                parts.append("each extra \(currency) in \(fund.id) \(buys(right))\(through), however much is added")
            }
        }
        if let left = claim.left {
            if leftResolved {
                parts.append("each \(currency) less \(loses(left)) (re-solved at − \(money(step, currency)): no ranging states this side)")
            } else if let from = claim.validFrom, from < amount {
                parts.append("each \(currency) less, down to −\(money(amount - from, currency)), \(loses(left)); "
                             + (phases ? "below that, not stated (re-solve to see)"
                                : "below that, at least \(left < 0 ? "−" : "")\(per(left)) per \(currency)"))
            } else if claim.validFrom == nil {
                parts.append("each \(currency) less \(loses(left)), however much is cut")
            }
        }
        if parts.isEmpty { return "the value of money in \(fund.id) is not known at this plan (no ranging, no re-solve)" }
        if let left = claim.left, let right = claim.right, abs(left - right) > 1e-9 * max(1, abs(left)) {
            parts.append("the two sides differ: the plan sits at a kink")
        }
        if phases { parts.append("t* re-optimised with the amount") }
        // Ranging and re-solves hold the integers: a re-planned dispatch may do better. With F2,
        // a side from the ranging holds phase 1's dispatch and this plan's (docs/model.md §15).
        if !held.isEmpty { parts.append("all with this plan's teacher dispatch held") }
        if phases && integerDispatch && !(rightResolved && leftResolved) {
            parts.append("each side from the ranging with the teacher dispatch of phase 1 and of this plan held")
        }
        return parts.joined(separator: "; ")
    }

    /// A rule's status or marginal cost in words.
    static func rule(_ claim: Claim, what: String, held: String) -> String {
        let key = claim.subject, parameter = FairnessRegistry.parameter(of: key) ?? "parameter"
        switch claim.kind {
        case .ruleBinding:
            return "\(key) binds at the optimum (one of its rows or floors sits at its bound)"
        case .ruleNotBinding:
            return "\(key) does not bind at the optimum: it has slack everywhere, so tightening it a little costs nothing"
        default:
            return ruleCost(claim, parameter: parameter, what: what, held: held)
        }
    }

    /// A binding rule's marginal cost: the re-solved finite differences on both sides when there
    /// are any (the tightening side first), else the derivative from the duals, which holds only
    /// at this basis.
    static func ruleCost(_ claim: Claim, parameter: String, what: String, held: String) -> String {
        let key = claim.subject, derivative = claim.resolveStep == nil ? claim.value : nil
        func points(_ v: Double) -> String { "\(Format.grouped(abs(v), decimals: 2)) points of \(what) per unit" }
        let tighten = FairnessRegistry.tightensByLowering(parameter) ? "lowering its \(parameter)" : "raising its \(parameter)"
        if parameter == "t", claim.resolveStep == nil {
            // t* is phase 1's optimum: no plan reaches more, so only lowering it is a choice.
            return "\(key): t* is the highest coverage every school can reach, so it cannot be raised; lowering it "
                + "gains \(points(derivative ?? 0)) (\(Format.grouped(abs(derivative ?? 0) * 0.01, decimals: 2)) per 0.01) "
                + "at this plan, the derivative from the final LP's duals; its range is not computed"
        }
        guard let step = claim.resolveStep else {
            let value = derivative ?? 0
            return "\(key): at this plan, \(tighten) costs \(points(value)) (\(Format.grouped(abs(value) * 0.01, decimals: 2)) per 0.01), "
                + "the derivative from the final LP's duals; its range is not computed (re-solve to see a finite change)"
        }
        let by = Format.grouped(step, decimals: step < 1 ? 3 : 0)
        let every = key == "coverage_floor" ? " (every α)" : ""
        // right / left: objective change per unit raised / lowered (positive: raising costs).
        func side(_ verb: String, _ change: Double?, costsWhenPositive: Bool) -> String {
            guard let change else { return "\(verb) it by \(by) leaves no plan" }
            if abs(change) < 1e-12 { return "\(verb) it by \(by) changes nothing" }
            if abs(change) < 5e-3 { return "\(verb) it by \(by) changes the \(what) by less than 0.01 per unit" }
            // The change over the step the re-solve made, then the same as a rate per unit of the parameter.
            let over = Format.grouped(abs(change) * step, decimals: abs(change) * step < 100 ? 2 : 0)
            let rate = Format.grouped(abs(change), decimals: abs(change) < 100 ? 2 : 0)
            return "\(verb) it by \(by) \((change > 0) == costsWhenPositive ? "costs" : "gains") \(over) points of \(what) "
                + "(\(rate) per unit of \(parameter))"
        }
        let up = side("raising", claim.right, costsWhenPositive: true)
        let down = side("lowering", claim.left, costsWhenPositive: false)
        let sides = FairnessRegistry.tightensByLowering(parameter) ? "\(down); \(up)" : "\(up); \(down)"
        return "\(key): re-solved at its \(parameter)\(every) ± \(by): \(sides) (finite differences over that step\(held); "
            + "tightening is \(tighten))"
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
                                       region: slack.region.map { scenario.regions[$0].id },
                                       fund: slack.fund.map { scenario.funds[$0].id }))
        }
        return items.sorted { $0.money != $1.money ? $0.money > $1.money : $0.constraint < $1.constraint }
    }
}
