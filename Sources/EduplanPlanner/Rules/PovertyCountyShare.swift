import EduplanScenario
import LinearProgramming

/// F3: Σ_{designated} X_s ≥ β Σ_s X_s. Designation belongs to regions, so it is written over the
/// region totals (the z columns): a row with funds × categories × regions entries instead of one
/// per school and category.
struct PovertyCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    var key: String { "poverty_county_share" }
    var unit: SlackUnit { .money }
    var constraintText: String { "share of money to poverty counties" }

    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.regionMoneyColumns().enumerated().flatMap { r, variables in variables.map { ($0, r) } }
    }
}
