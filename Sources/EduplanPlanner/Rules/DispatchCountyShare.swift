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
}

extension DispatchCountyShareRule: Equatable {}
