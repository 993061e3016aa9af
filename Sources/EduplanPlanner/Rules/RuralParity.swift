import EduplanScenario
import LinearProgramming

/// F4: (1/n_R) Σ_rural X_s − (γ/n_U) Σ_urban X_s ≥ 0, multiplied through by n_R (same optimum,
/// sane coefficients); the slack stays in money per pupil, so it enters with coefficient n_R.
/// A region whose schools are all rural (or all urban) enters through its z columns; only
/// regions with both kinds of school need per-school terms.
struct RuralParityRule: FairnessRule {
    let setting: FairnessSettings.RuralParity
    var key: String { "rural_parity" }
    var mode: RuleMode { setting.mode }
    var parameter: String { "gamma" }

    func build(into f: inout Formulation) {
        guard f.ruralPupils > 0, f.urbanPupils > 0 else { return } // skipped (MODEL.md §11)
        let urbanFactor = setting.gamma * f.ruralPupils / f.urbanPupils
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
}
