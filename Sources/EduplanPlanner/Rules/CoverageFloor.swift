import EduplanScenario
import LinearProgramming

/// F1: x_{s,k} ≥ α_k N_{s,k}. Hard in a plan: a lower bound on x (no row); soft or elastic: a row
/// with a money slack per school.
struct CoverageFloorRule: FairnessRule {
    let setting: FairnessSettings.CoverageFloor
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "coverage_floor", parameter: "alpha", formula: "x_{s,k} ≥ α_k N_{s,k}")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        let alphas = setting.alpha.sorted { $0.key < $1.key }.map { "\(scenario.categories[$0.key].id) ≥ \(percent($0.value)) of need" }
        return alphas.joined(separator: ", ")
    }
    var mode: RuleMode { setting.mode }

    func build(into f: inout Formulation) {
        let S = f.moneyScale
        for (k, alpha) in setting.alpha.sorted(by: { $0.key < $1.key }) where alpha > 0 {
            let category = f.scenario.categories[k]
            for s in f.scenario.schools.indices {
                guard let variable = f.x[k][s] else { continue }
                let floor = alpha * f.derived.need[k][s] * S
                if mode.isHard && f.purpose != .elastic {
                    if !category.mandatory {
                        f.model.setBounds(variable, lower: floor, upper: f.model.columnUpper[variable.index])
                    }
                    continue
                }
                guard !(category.mandatory && f.purpose != .elastic) else { continue }
                let slack = f.addSlack(rule: key, constraint: "\(category.id) floor at \(f.describe(school: s))",
                                       mode: mode, unit: .money, category: k, school: s)
                let row = f.addRow(columns: [variable.index] + (slack.map { [$0.index] } ?? []),
                                   coefficients: [1] + (slack == nil ? [] : [1]),
                                   lower: floor, upper: .infinity,
                                   name: "coverage_floor[\(f.scenario.schools[s].id),\(category.id)]")
                if mode.isHard { f.register(rule: key, row: row) }
            }
        }
    }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let reduced = solution.reducedCosts else { return nil }
        return flooredColumns(f, solution).reduce(0.0) { $0 + reduced[$1.variable.index] * $1.need }
    }

    /// Every α moved by `delta` (the marginal cost is the derivative of that uniform move).
    func parameterSetting(in settings: FairnessSettings, movedBy delta: Double) -> (value: Double?, moved: FairnessSettings)? {
        var floor = setting
        floor.alpha = setting.alpha.mapValues { $0 + delta }
        var moved = settings
        moved.set(CoverageFloorRule(setting: floor))
        return (nil, moved)
    }

    /// Hard in a plan the floors are column bounds, not rows: the rule binds when an x sits on
    /// its floor below its need.
    func binds(_ f: Formulation, _ solution: Solution) -> Bool {
        mode.isHard && !flooredColumns(f, solution).isEmpty
    }

    /// The non-mandatory x columns sitting on their floor (lower bound) below their need, with N_{s,k}.
    private func flooredColumns(_ f: Formulation, _ solution: Solution) -> [(variable: Variable, need: Double)] {
        var floored: [(variable: Variable, need: Double)] = []
        for (k, alpha) in setting.alpha.sorted(by: { $0.key < $1.key }) where alpha > 0 && !f.scenario.categories[k].mandatory {
            for s in f.scenario.schools.indices {
                guard let variable = f.x[k][s] else { continue }
                let lower = f.model.columnLower[variable.index], upper = f.model.columnUpper[variable.index]
                if abs(solution[variable] - lower) <= 1e-9 * max(1, lower), lower < upper {
                    floored.append((variable, f.derived.need[k][s]))
                }
            }
        }
        return floored
    }
}

// MARK: Setting

extension CoverageFloorRule: Equatable {
    /// `alpha: {category: α}` besides mode and penalty.
    static let parameterKeys = ["alpha"]

    /// Reads `alpha` (money categories only, fractions 0…1).
    static func read(_ block: RuleBlock) -> CoverageFloorRule? {
        let alpha = block.categoryFractions("alpha", expected: "floors by category (`alpha: {infrastructure: 0.3}`)")
        return CoverageFloorRule(setting: .init(mode: block.mode, alpha: alpha))
    }

    /// `alpha: {id: α, …}` in category order.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] {
        [("alpha", RuleYAML.categoryFractions(setting.alpha, categories: categories))]
    }
}

// MARK: Lagrangian bound

extension CoverageFloorRule: LagrangianPricedRule {
    /// A hard floor keeps x ≥ α N in the pieces (no multiplier); a soft one is left out, which
    /// only weakens the bound.
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        guard mode.isHard else { return LagrangianTerms() }
        let alpha = setting.alpha
        return LagrangianTerms(floor: { k, _, need in alpha[k].map { $0 * need } })
    }
}
