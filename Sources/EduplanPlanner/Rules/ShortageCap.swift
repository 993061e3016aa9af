import EduplanScenario
import LinearProgramming

/// F6: Σ_j u_{s,j} ≤ κ for every school with a shortage (teachers). With u = h − Σ y the row
/// reads −Σ_{pairs of s} y ≤ κ − Σ_j h_{s,j}: the same dual for κ.
struct ShortageCapRule: FairnessRule, OneNumberRule {
    let setting: FairnessSettings.BoundRule
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "shortage_cap", parameter: "max", formula: "teacher shortage left at each school ≤ max")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "at most \(number(setting.value)) teacher(s) short per school"
    }

    func build(into f: inout Formulation) {
        for s in f.scenario.schools.indices {
            let total = Double(f.derived.shortage[s].reduce(0, +))
            guard total > 0 else { continue }
            guard total > setting.value || !mode.isHard || f.purpose == .elastic else { continue }
            let dispatched = f.pairsBySchool[s].map { f.y[$0].index }
            let slack = f.addSlack(rule: key, constraint: "shortage left at \(f.describe(school: s))", mode: mode, unit: .teachers,
                                   school: s)
            let row = f.addRow(columns: dispatched + (slack.map { [$0.index] } ?? []),
                               coefficients: dispatched.map { _ in -1 } + (slack == nil ? [] : [-1]),
                               lower: -.infinity, upper: setting.value - total, name: "shortage_cap[\(f.scenario.schools[s].id)]")
            if mode.isHard { f.register(rule: key, row: row) }
        }
    }

    /// One teacher.
    var parameterStep: Double { 1 }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard else { return nil }
        // Rows are in teachers; the objective is scaled by S: divide to get money.
        return (f.ruleRows[key] ?? []).reduce(0.0) { $0 + solution.rowDual($1) } / f.moneyScale
    }
}

// MARK: Setting

extension ShortageCapRule: Equatable {
    /// `max` in the block; what it accepts.
    static let numberKey = "max"
    static let numberRule = NumberRule.shortageCap
    static let numberExpected = "the largest shortage left per school (κ ≥ 0)"
}
