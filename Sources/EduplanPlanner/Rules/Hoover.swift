import EduplanScenario
import LinearProgramming

/// F5: Hoover ½ Σ_s |X_s − p_s X| ≤ H X. Because Σ_s (X_s − p_s X) = 0, the absolute values sum
/// to twice the positive parts, so one row per school suffices: e_s ≥ X_s − p_s X, e_s ≥ 0,
/// Σ_s e_s ≤ H X (− ½ slack, keeping the slack on the ½ Σ|·| ≤ … form of MODEL.md in money).
/// X is one extra variable defined over the z columns (X − Σ z = 0).
struct HooverRule: FairnessRule, OneNumberRule {
    /// X_s is the money the school receives (docs/model.md, "Multi-year plans").
    var readsMoneyReceived: Bool { true }
    var setting: FairnessSettings.BoundRule
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "hoover", parameter: "max", formula: "Hoover index against need ≤ max")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "Hoover index against need ≤ \(number(setting.value))"
    }
    /// X = Σ_s X_s in ``Formulation/ruleColumns``.
    static let totalColumn = "hoover.total"
    /// The row X − Σ z = 0 in ``Formulation/globalRuleRows`` (its dual prices X in a bound).
    static let totalRow = "hoover_total"

    func build(into f: inout Formulation) {
        let schools = f.scenario.schools
        guard f.derived.needShare.contains(where: { $0 > 0 }) else { return }
        let total = f.model.addVariable(name: "hoover_total")
        f.ruleColumns[Self.totalColumn] = total
        let zColumns = f.totalMoneyTerms()
        f.globalRuleRows[Self.totalRow] = f.addRow(columns: [total.index] + zColumns.map(\.index),
                                                    coefficients: [1] + zColumns.map { _ in -1 },
                                                    lower: 0, upper: 0, name: Self.totalRow)
        var eColumns: [Int] = [], pieces: [(school: Int, row: Constraint, column: Variable)] = []
        for s in schools.indices {
            let share = f.derived.needShare[s]
            let columns = f.moneyColumns(school: s).map(\.index)
            guard share > 0 || !columns.isEmpty else { continue }
            let e = f.model.addVariable(name: "hoover_e[\(schools[s].id)]")
            eColumns.append(e.index)
            // e_s − X_s + p_s X ≥ 0.
            let row = f.addRow(columns: [e.index] + columns + [total.index],
                               coefficients: [1] + columns.map { _ in -1 } + [share], lower: 0, upper: .infinity,
                               name: "hoover_above[\(schools[s].id)]")
            pieces.append((s, row, e))
        }
        f.schoolRows[key] = pieces
        var columns = eColumns + [total.index], coefficients = eColumns.map { _ in 1.0 } + [-setting.value]
        if let slack = f.addSlack(rule: key, constraint: "Hoover index against need shares", mode: mode, unit: .money) {
            columns.append(slack.index)
            coefficients.append(-0.5)
        }
        let row = f.addRow(columns: columns, coefficients: coefficients, lower: -.infinity, upper: 0, name: key)
        if mode.isHard { f.register(rule: key, row: row) }
        f.globalRuleRows[key] = row
    }


    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let row = f.ruleRows[key]?.first else { return nil }
        guard let total = f.ruleColumns[Self.totalColumn] else { return nil }
        // Row Σe − H·X ≤ 0: raising H by dH raises the right-hand side by X·dH.
        return solution.rowDual(row) * solution[total] / f.moneyScale
    }

    /// A bound met in every part can be exceeded over the country (the parts' own imbalance).
    var decomposition: RuleDecomposition { .countryWide }

    /// The Hoover index of the plan's money against need shares; the violation is money. Nil
    /// without need or money.
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? {
        let received = plan.schools.map(\.received)
        let total = received.reduce(0, +)
        guard derived.needShare.contains(where: { $0 > 0 }) && total > 0 else { return nil }
        let absolute = scenario.schools.indices.reduce(0.0) { $0 + abs(received[$1] - derived.needShare[$1] * total) }
        let violation = max(0, absolute - 2 * setting.value * total)
        return RuleMeasure(rule: key, value: absolute / (2 * total), limit: setting.value,
                           met: !mode.isHard || violation <= RuleMeasure.tolerance(total: total), violation: violation,
                           isUpperLimit: true)
    }
}

// MARK: Parts

extension HooverRule {
    /// A hard `max`: parts each within it can exceed it together (their own imbalance).
    var partBound: Double? { mode.isHard ? setting.value : nil }

    /// The rule with `max` lowered to `bound` for the parts.
    func withPartBound(_ bound: Double) -> any FairnessRule {
        var rule = self
        rule.setting.value = bound
        return rule
    }
}

// MARK: Setting

extension HooverRule: Equatable {
    /// `max` in the block; what it accepts.
    static let numberKey = "max"
    static let numberRule = NumberRule.fraction
    static let numberExpected = "the largest Hoover index allowed (0 to 1)"
}

// MARK: Lagrangian bound

extension HooverRule: LagrangianPricedRule {
    /// λ on Σ_s e_s ≤ H·X (a soft rule's slack is ½ of the excess: cap 2ρ) and μ on X − Σ z = 0:
    /// money above p_s·X costs λ more, every unit μ more, and X enters with −λH − μ.
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        let lambda = context.cap(context.dual(key) { -$0 }, mode, factor: 2)
        let mu = context.dual(Self.totalRow)
        return LagrangianTerms(moneyCost: { _ in mu }, excessPrice: lambda, totalCoefficient: -lambda * setting.value - mu)
    }
}

// MARK: Warm start

extension HooverRule: WarmStartedRule {
    /// X basic in X − Σ z = 0; each school above its share p_s·X in the plan without rules has
    /// e_s = X_s − p_s X basic (its row at 0), the others keep their row basic (e_s at 0). That is
    /// the final basis wherever a school stays on its side of its share, so the dual simplex only
    /// pivots on the schools that cross it (docs/scaling.md, "A plan started from the optimum
    /// without rules").
    func warmStart(_ plan: Formulation, from noRules: Formulation, _ solution: Solution, basis: inout Basis) {
        guard let total = plan.ruleColumns[Self.totalColumn], let totalRow = plan.globalRuleRows[Self.totalRow],
              let pieces = plan.schoolRows[key] else { return }
        let money = noRules.scenario.schools.indices.map { s in
            noRules.moneyColumns(school: s).reduce(0.0) { $0 + solution[$1] }
        }
        let X = money.reduce(0, +), tolerance = 1e-9 * max(1, X)
        basis.columns[total.index] = .basic
        basis.rows[totalRow.index] = .fixed
        for piece in pieces where money[piece.school] > plan.derived.needShare[piece.school] * X + tolerance {
            basis.columns[piece.column.index] = .basic
            basis.rows[piece.row.index] = .atLower
        }
    }
}
