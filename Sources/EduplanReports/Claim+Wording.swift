import EduplanIO
import EduplanPlanner
import EduplanScenario

/// A fund's or rule's claims as a sentence in a wording's language.
///
/// English is the claim's own `text` (the sentence plan.json carries, rendered by the planner).
/// Other languages are rendered here from the claim's fields — kind, subject, value, interval,
/// left and right derivatives, the re-solve's step — with the catalogue's whole sentences
/// (`claim.*`), so every number printed is one the JSON carries and a re-solve can check.
public enum ClaimWording {
    /// The claims of `carrier` joined by the language's separator; nil without claims. Without
    /// `scenario` (the fund amounts the sentences quote) the English text is used. `carry` is the
    /// fund's carry-over in a year of a multi-year plan (its status then says what came in and went on).
    public static func sentence(_ carrier: some ClaimCarrier, wording w: Wording, names: DisplayNames,
                                scenario: Scenario?, carry: YearPlanResult.CarryOver? = nil) -> String? {
        guard w.language != .english, let scenario else { return carrier.sentence }
        guard !carrier.claims.isEmpty else { return nil }
        return carrier.claims.map { text($0, wording: w, names: names, scenario: scenario, carry: carry) }.joined(separator: w.separator)
    }

    /// One claim in the wording's language.
    public static func text(_ claim: Claim, wording w: Wording, names: DisplayNames, scenario: Scenario,
                            carry: YearPlanResult.CarryOver? = nil) -> String {
        let what = w(scenario.fairness.rules.contains { !$0.mode.isHard } ? "claim.what.objective" : "claim.what.benefit")
        switch claim.kind {
        case .fundFullyUsed, .fundMinimumBinds, .fundPartlyUsed:
            guard let fund = scenario.funds.first(where: { $0.id == claim.subject }) else { return claim.text }
            if let carry, carry.carriedIn > 0 || carry.amount > 0, claim.kind != .fundMinimumBinds {
                return carriedStatus(claim, carry, wording: w, names: names, currency: scenario.currency)
            }
            return fundStatus(claim, fund, wording: w, names: names, currency: scenario.currency)
        case .fundMarginalValue:
            guard let fund = scenario.funds.first(where: { $0.id == claim.subject }) else { return claim.text }
            return fundValue(claim, fund, wording: w, names: names, currency: scenario.currency, what: what)
        case .ruleBinding:
            return w("claim.rule.binding", ["rule": names.rule(claim.subject)])
        case .ruleNotBinding:
            return w("claim.rule.notBinding", ["rule": names.rule(claim.subject)])
        case .ruleMarginalCost:
            return ruleCost(claim, wording: w, names: names, what: what)
        case .regionFloorCost:
            return RegionFloorText.text(claim, currency: w.currencyName(scenario.currency), held: "", language: w.language)
        }
    }

    /// Whether the fund is spent in full, at its minimum, or in part, with the amounts.
    static func fundStatus(_ claim: Claim, _ fund: FundSource, wording w: Wording, names: DisplayNames, currency c: String) -> String {
        let arguments = ["fund": names.fund(fund.id), "amount": w.money(fund.amount, currency: c),
                         "spent": w.money(claim.value ?? 0, currency: c), "share": Format.grouped(fund.minSpend * 100)]
        switch claim.kind {
        case .fundFullyUsed: return w("claim.fund.fullyUsed", arguments)
        case .fundMinimumBinds: return w("claim.fund.minimumBinds", arguments)
        default: return w(fund.minSpend > 0 ? "claim.fund.partlyAboveMinimum" : "claim.fund.partly", arguments)
        }
    }

    /// The status of a fund that carried money in or on in a year of a multi-year plan: its budget,
    /// what came in, was spent, went on and lapsed (money spent may exceed the year's budget by what
    /// came in; "fully used" is of the budget and what came in, nothing lapsing).
    static func carriedStatus(_ claim: Claim, _ carry: YearPlanResult.CarryOver, wording w: Wording, names: DisplayNames,
                              currency c: String) -> String {
        let arguments = ["fund": names.fund(carry.fund), "amount": w.money(carry.budget, currency: c),
                         "carriedIn": w.money(carry.carriedIn, currency: c), "spent": w.money(carry.spent, currency: c),
                         "carried": w.money(carry.amount, currency: c), "lapsed": w.money(carry.lapsed, currency: c)]
        let key = (claim.kind == .fundFullyUsed ? "claim.fund.fullyUsedCarried" : "claim.fund.partlyCarried")
            + (carry.carriedIn > 0 ? "" : "On")
        return w(key, arguments)
    }

    /// A fund's value per yuan on each side, with the interval each holds over (the fund's amount
    /// from `validFrom` to `validTo`), or the re-solve's step when a side was re-solved.
    static func fundValue(_ claim: Claim, _ fund: FundSource, wording w: Wording, names: DisplayNames, currency c: String,
                          what: String) -> String {
        var parts: [String] = []
        let base = ["fund": names.fund(fund.id), "what": what, "unit": w.currencyName(c)]
        func points(_ v: Double) -> String { Format.grouped(abs(v), decimals: 3) }
        let step = claim.resolveStep.map { w.money($0, currency: c) } ?? ""
        if let right = claim.right {
            let verb = w(right >= 0 ? "claim.verb.gains" : "claim.verb.loses")
            var args = base.merging(["points": points(right), "verb": verb, "step": step]) { _, new in new }
            if let to = claim.validTo { args["to"] = w.money(to, currency: c) }
            let key = claim.resolveStep != nil && claim.validTo == fund.amount + (claim.resolveStep ?? 0) ? "claim.fund.upResolved"
                : claim.validTo == nil ? "claim.fund.upUnlimited" : "claim.fund.up"
            parts.append(w(key, args))
        } else if claim.resolveStep != nil {
            parts.append(w("claim.fund.upNoPlan", base.merging(["step": step]) { _, new in new }))
        }
        if let left = claim.left {
            let verb = w(left >= 0 ? "claim.verb.loses" : "claim.verb.gains")
            var args = base.merging(["points": points(left), "verb": verb, "step": step]) { _, new in new }
            // A year of a multi-year plan may spend money carried in beyond its budget: the range then
            // reaches below 0, where no budget goes; it holds down to nothing.
            if let from = claim.validFrom { args["from"] = w.money(max(0, from), currency: c) }
            let key = claim.resolveStep != nil && claim.validFrom == fund.amount - (claim.resolveStep ?? 0) ? "claim.fund.downResolved"
                : claim.validFrom == nil ? "claim.fund.downUnlimited" : "claim.fund.down"
            parts.append(w(key, args))
        } else if claim.resolveStep != nil {
            parts.append(w("claim.fund.downNoPlan", base.merging(["step": step]) { _, new in new }))
        }
        if parts.isEmpty { return w("claim.fund.unknown", base) }
        if let left = claim.left, let right = claim.right, abs(left - right) > 1e-9 * max(1, abs(left)) {
            parts.append(w("claim.fund.kink"))
        }
        return parts.joined(separator: w.separator)
    }

    /// A binding rule's cost: the derivative from the duals, or the re-solve's change on each side.
    static func ruleCost(_ claim: Claim, wording w: Wording, names: DisplayNames, what: String) -> String {
        let parameter = FairnessRegistry.parameter(of: claim.subject) ?? "parameter"
        let base = ["rule": names.rule(claim.subject), "what": what, "parameter": w("claim.parameter.\(parameter)")]
        guard let step = claim.resolveStep else {
            let value = claim.value ?? 0
            let key = FairnessRegistry.tightensByLowering(parameter) ? "claim.rule.derivativeLowering" : "claim.rule.derivativeRaising"
            return w(key, base.merging(["points": Format.grouped(abs(value), decimals: 2)]) { _, new in new })
        }
        let by = Format.grouped(step, decimals: step < 1 ? 3 : 0)
        func side(_ key: String, _ change: Double?) -> String {
            guard let change else { return w("claim.rule.sideNoPlan", ["side": w(key), "by": by]) }
            // The same thresholds and the same two numbers as the planner's English sentence.
            if abs(change) < 1e-12 { return w("claim.rule.sideNothing", ["side": w(key), "by": by, "what": what]) }
            if abs(change) < 5e-3 { return w("claim.rule.sideNegligible", ["side": w(key), "by": by, "what": what]) }
            let verb = w(change >= 0 ? "claim.verb.costs" : "claim.verb.gains")
            let over = abs(change) * step
            return w("claim.rule.side", ["side": w(key), "by": by, "verb": verb, "what": what,
                                         "over": Format.grouped(over, decimals: over < 100 ? 2 : 0),
                                         "points": Format.grouped(abs(change), decimals: abs(change) < 100 ? 2 : 0)])
        }
        let up = side("claim.side.raising", claim.right), down = side("claim.side.lowering", claim.left.map { -$0 })
        let sides = FairnessRegistry.tightensByLowering(parameter) ? [down, up] : [up, down]
        let arguments = ["rule": base["rule"]!, "parameter": base["parameter"]!, "by": by, "sides": sides.joined(separator: w.separator)]
        return w("claim.rule.resolved", arguments)
    }
}
