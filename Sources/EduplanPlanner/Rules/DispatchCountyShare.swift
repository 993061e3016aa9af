import EduplanScenario
import LinearProgramming

/// F7: Σ_{designated} y ≥ β_d Σ y (teachers).
struct DispatchCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "dispatch_county_share", parameter: "share", formula: "teachers to designated regions ≥ share × all dispatched")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "\(designationText) regions receive ≥ \(percent(setting.share)) of dispatched teachers"
    }
    var unit: SlackUnit { .teachers }
    var constraintText: String { "share of dispatched teachers to poverty counties" }


    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.derived.candidates.enumerated().map { p, pair in (f.y[p], f.scenario.schools[pair.school].region) }
    }

    /// Teachers per part follow the money split (docs/scaling.md): each part gets its own share of
    /// the split, and the rule is measured over the country on the joined plan.
    var decomposition: RuleDecomposition { .countryWide }

    /// The designated regions' share of dispatched teachers; the violation is teachers.
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? {
        let designatedRegions = Set(scenario.regions.filter { setting.designations.contains($0.designation) }.map(\.id))
        let total = plan.dispatch.reduce(0.0) { $0 + $1.count }
        let designated = plan.dispatch.filter { designatedRegions.contains($0.region) }.reduce(0.0) { $0 + $1.count }
        let violation = max(0, setting.share * total - designated)
        return RuleMeasure(rule: key, value: total > 0 ? designated / total : 0, limit: setting.share,
                           met: !mode.isHard || violation <= RuleMeasure.tolerance(total: total), violation: violation)
    }
}

extension DispatchCountyShareRule: Equatable {}
