import EduplanScenario
import LinearProgramming

/// F7: Σ_{designated} y ≥ β_d Σ y (teachers).
struct DispatchCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    /// The scenario key.
    static let key = "dispatch_county_share"
    /// The parameter whose marginal cost is reported.
    static let parameter = "share"
    /// The glossary's line.
    static let glossaryFormula = "teachers to designated regions ≥ share × all dispatched"

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "\(designationText) regions receive ≥ \(percent(setting.share)) of dispatched teachers"
    }
    var unit: SlackUnit { .teachers }
    var constraintText: String { "share of dispatched teachers to poverty counties" }

    /// The share moved by `delta`.
    func parameterSetting(in settings: FairnessSettings, movedBy delta: Double) -> (value: Double?, moved: FairnessSettings)? {
        var share = setting
        share.share = setting.share + delta
        var moved = settings
        moved.set(DispatchCountyShareRule(setting: share))
        return (setting.share, moved)
    }

    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.derived.candidates.enumerated().map { p, pair in (f.y[p], f.scenario.schools[pair.school].region) }
    }
}

extension DispatchCountyShareRule: Equatable {}
