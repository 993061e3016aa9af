import EduplanScenario
import LinearProgramming

/// F7: Σ_{designated} y ≥ β_d Σ y (teachers).
struct DispatchCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    /// The scenario key.
    static let key = "dispatch_county_share"
    var key: String { Self.key }
    var unit: SlackUnit { .teachers }
    var constraintText: String { "share of dispatched teachers to poverty counties" }

    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.derived.candidates.enumerated().map { p, pair in (f.y[p], f.scenario.schools[pair.school].region) }
    }
}
