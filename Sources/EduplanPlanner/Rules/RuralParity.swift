import EduplanIO
import EduplanScenario
import LinearProgramming

/// F4: (1/n_R) Σ_rural X_s − (γ/n_U) Σ_urban X_s ≥ 0, multiplied through by n_R (same optimum,
/// sane coefficients); the slack stays in money per pupil, so it enters with coefficient n_R.
/// A region whose schools are all rural (or all urban) enters through its z columns; only
/// regions with both kinds of school need per-school terms.
struct RuralParityRule: FairnessRule, OneNumberRule {
    /// X_s is the money the school receives (docs/model.md, "Multi-year plans").
    var readsMoneyReceived: Bool { true }
    /// `value` is γ.
    let setting: FairnessSettings.BoundRule
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "rural_parity", parameter: "gamma", formula: "rural per-pupil ≥ γ × urban per-pupil")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "rural per-pupil ≥ \(number(setting.value)) × urban per-pupil"
    }

    func build(into f: inout Formulation) {
        guard f.ruralPupils > 0, f.urbanPupils > 0 else { return } // skipped (MODEL.md §11)
        let urbanFactor = setting.value * f.ruralPupils / f.urbanPupils
        let regions = f.scenario.regions.count
        var hasRural = [Bool](repeating: false, count: regions), hasUrban = [Bool](repeating: false, count: regions)
        for s in f.scenario.schools.indices where !f.moneyColumns(school: s).isEmpty {
            let school = f.scenario.schools[s]
            if school.rural { hasRural[school.region] = true } else { hasUrban[school.region] = true }
        }
        var columns: [Int] = [], coefficients: [Double] = []
        for (r, variables) in f.regionMoneyColumns().enumerated() where !(hasRural[r] && hasUrban[r]) {
            for variable in variables {
                columns.append(variable.index)
                coefficients.append(hasRural[r] ? 1 : -urbanFactor)
            }
        }
        for s in f.scenario.schools.indices {
            let school = f.scenario.schools[s]
            guard hasRural[school.region] && hasUrban[school.region] else { continue }
            for variable in f.moneyColumns(school: s) {
                columns.append(variable.index)
                coefficients.append(school.rural ? 1 : -urbanFactor)
            }
        }
        if let slack = f.addSlack(rule: key, constraint: "rural per-pupil money against urban", mode: mode, unit: .moneyPerPupil) {
            columns.append(slack.index)
            coefficients.append(f.ruralPupils)
        }
        let row = f.addRow(columns: columns, coefficients: coefficients, lower: 0, upper: .infinity, name: key)
        if mode.isHard { f.register(rule: key, row: row) }
        f.globalRuleRows[key] = row
    }


    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let row = f.ruleRows[key]?.first else { return nil }
        let urban = f.scenario.schools.indices.filter { !f.scenario.schools[$0].rural }.reduce(0.0) { sum, s in
            sum + f.moneyColumns(school: s).reduce(0.0) { $0 + solution[$1] }
        } / f.moneyScale
        return solution.rowDual(row) * f.ruralPupils / f.urbanPupils * urban
    }

    /// Parity within each part does not give parity over the country: measured on the joined plan.
    var decomposition: RuleDecomposition { .countryWide }

    /// Rural over urban money per pupil; the violation is money per pupil. Nil without both
    /// rural and urban pupils (the rule is skipped, MODEL.md §11).
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? {
        let received = plan.schools.map(\.received)
        let total = received.reduce(0, +)
        var rural = 0.0, urban = 0.0, ruralPupils = 0.0, urbanPupils = 0.0
        for (s, school) in scenario.schools.enumerated() {
            if school.rural { rural += received[s]; ruralPupils += Double(school.enrollment) } else { urban += received[s]; urbanPupils += Double(school.enrollment) }
        }
        guard ruralPupils > 0 && urbanPupils > 0 else { return nil }
        let ratio = urban > 0 ? (rural / ruralPupils) / (urban / urbanPupils) : .infinity
        let violation = max(0, setting.value * urban / urbanPupils - rural / ruralPupils)
        return RuleMeasure(rule: key, value: ratio, limit: setting.value,
                           met: !mode.isHard || violation * ruralPupils <= RuleMeasure.tolerance(total: total), violation: violation)
    }
}

// MARK: Setting

extension RuralParityRule: Equatable {
    /// `gamma` in the block; what it accepts.
    static let numberKey = "gamma"
    static let numberRule = NumberRule.gamma
    static let numberExpected = "γ ≥ 0 (rural per-pupil ≥ γ × urban)"

    /// The row is written (MODEL.md §11) as Σ_rural X_s − (γ·n_R/n_U) Σ_urban X_s ≥ 0: its urban
    /// coefficient must obey the tiny-value rule like γ itself.
    func problems(in scenario: Scenario) -> [RuleSettingProblem] {
        let gamma = setting.value
        let rural = Double(scenario.schools.filter(\.rural).reduce(0) { $0 + $1.enrollment })
        let urban = Double(scenario.schools.filter { !$0.rural }.reduce(0) { $0 + $1.enrollment })
        guard gamma > 0, rural > 0, urban > 0, gamma * rural / urban < InputLimits.tiny else { return [] }
        return [RuleSettingProblem(
            parameter: "gamma", expected: "γ × rural pupils / urban pupils of at least 1e-6 (the rule's coefficient)",
            found: "\(Format.plain(gamma)) × \(Format.plain(rural)) / \(Format.plain(urban)) = \(gamma * rural / urban)",
            hint: "use 0 to switch the rule off, or γ ≥ \(Scenario.roundedUp(InputLimits.tiny * urban / rural))")]
    }
}

// MARK: Lagrangian bound

extension RuralParityRule: LagrangianPricedRule {
    /// λ on Σ_rural X_s / n_R − γ Σ_urban X_s / n_U ≥ 0 (the parts' duals rescaled to the
    /// country's rural pupils); none without both rural and urban pupils.
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        let rural = context.ruralPupils, urban = context.urbanPupils, gamma = setting.value
        let lambda = rural == 0 || urban == 0 ? 0 : context.cap(context.dual(key) { $0 * rural }, mode)
        let schools = context.scenario.schools
        return LagrangianTerms(moneyCost: { s in -lambda * (schools[s].rural ? 1 / rural : -gamma / urban) })
    }
}
