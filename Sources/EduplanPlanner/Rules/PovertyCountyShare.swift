import EduplanScenario
import LinearProgramming

/// F3: Σ_{designated} X_s ≥ β Σ_s X_s. Designation belongs to regions, so it is written over the
/// region totals (the z columns): a row with funds × categories × regions entries instead of one
/// per school and category.
struct PovertyCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "poverty_county_share", parameter: "share", formula: "money to designated regions ≥ share × all money")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "\(designationText) regions receive ≥ \(percent(setting.share)) of the money"
    }
    var unit: SlackUnit { .money }
    var constraintText: String { "share of money to poverty counties" }


    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.regionMoneyColumns().enumerated().flatMap { r, variables in variables.map { ($0, r) } }
    }

    /// Held in each part at the part's own share from the money split (``PartMoneySplit``), measured over the country.
    var decomposition: RuleDecomposition { .countryWide }

    /// The designated regions' share of all money; the violation is money.
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? {
        let received = plan.schools.map(\.received)
        let total = received.reduce(0, +)
        let designated = scenario.schools.indices
            .filter { setting.designations.contains(scenario.regions[scenario.schools[$0].region].designation) }
            .reduce(0.0) { $0 + received[$1] }
        let violation = max(0, setting.share * total - designated)
        return RuleMeasure(rule: key, value: total > 0 ? designated / total : 0, limit: setting.share,
                           met: !mode.isHard || violation <= RuleMeasure.tolerance(total: total), violation: violation)
    }
}

extension PovertyCountyShareRule: Equatable {}

// MARK: Lagrangian bound

extension PovertyCountyShareRule: LagrangianPricedRule {
    /// λ on Σ_s (𝟙[designated] − β) X_s ≥ 0: each school's money costs −λ (𝟙 − β).
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        let lambda = context.cap(context.dual(key), mode), scenario = context.scenario, setting = setting
        return LagrangianTerms(moneyCost: { s in
            let region = scenario.regions[scenario.schools[s].region]
            return -lambda * ((setting.designations.contains(region.designation) ? 1 : 0) - setting.share)
        })
    }
}
