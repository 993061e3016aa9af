import EduplanScenario
import LinearProgramming

extension Formulation {
    /// The money columns z_{f,k,r} with k ≠ dispatch, by region. By the balance rows,
    /// Σ_{s∈r} X_s = Σ of these z over r: region totals need no per-school terms.
    func regionMoneyColumns() -> [[Variable]] {
        var byRegion: [[Variable]] = Array(repeating: [], count: scenario.regions.count)
        for entry in z where !scenario.categories[entry.category].isDispatch { byRegion[entry.region].append(entry.variable) }
        return byRegion
    }

    /// Σ_s X_s over all schools, from the z columns (one entry per z, not per x).
    func totalMoneyTerms() -> [Variable] { regionMoneyColumns().flatMap { $0 } }
}

/// A share rule (F3, F7): Σ_t (𝟙[region of t designated] − β) v_t (+ slack) ≥ 0 over its terms.
/// Raising β by dβ raises the right-hand side by Σ v_t · dβ, so d(objective)/dβ = dual × Σ v_t.
protocol ShareFairnessRule: SingleParameterRule where Setting == FairnessSettings.ShareRule {
    var unit: SlackUnit { get }
    var constraintText: String { get }
    /// The variables summed and the region each belongs to.
    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)]
}

extension ShareFairnessRule {
    var mode: RuleMode { setting.mode }
    /// The claim's parameter: `share`.
    static var parameterPath: WritableKeyPath<FairnessSettings.ShareRule, Double> { \.share }

    /// The designations, sorted, joined by " + " (the report's words).
    var designationText: String { setting.designations.map(\.rawValue).sorted().joined(separator: " + ") }

    func build(into f: inout Formulation) {
        let terms = terms(f)
        guard !terms.isEmpty else { return }
        var columns = terms.map(\.variable.index)
        var coefficients = terms.map { (setting.designations.contains(f.scenario.regions[$0.region].designation) ? 1 : 0) - setting.share }
        if let slack = f.addSlack(rule: key, constraint: constraintText, mode: mode, unit: unit) {
            columns.append(slack.index)
            coefficients.append(1)
        }
        let row = f.addRow(columns: columns, coefficients: coefficients, lower: 0, upper: .infinity, name: key)
        if mode.isHard { f.register(rule: key, row: row) }
        f.globalRuleRows[key] = row
    }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let row = f.ruleRows[key]?.first else { return nil }
        // Money terms are scaled by S, teachers are not, but the objective is: divide either way.
        return solution.rowDual(row) * terms(f).reduce(0.0) { $0 + solution[$1.variable] } / f.moneyScale
    }
}

// MARK: Setting

extension ShareFairnessRule {
    /// `share` and `designations` besides mode and penalty.
    static var parameterKeys: [String] { ["share", "designations"] }

    /// Reads `share` (0 to 1) and `designations` (default: the list's designations with a poverty
    /// weight above 0, national + provincial in the default list).
    static func read(_ block: RuleBlock) -> Self? {
        let share = block.number("share", rule: .share, expected: "a share from 0 to 1")
        let designations = block.designations("designations", fallback: block.weightedDesignations)
        return share.map { Self(setting: .init(mode: block.mode, share: $0, designations: designations)) }
    }

    /// `share: β, designations: […]`.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] {
        [("share", RuleYAML.number(setting.share)), ("designations", RuleYAML.designations(setting.designations))]
    }
}
