import EduplanScenario
import LinearProgramming

/// One fairness rule of MODEL.md §6: its variables, rows, slack, marginal cost and optional
/// preparation phase, in one place.
///
/// Adding a rule means one new conforming type and a line in ``FairnessRegistry``.
public protocol FairnessRule: Sendable {
    /// The scenario key (`coverage_floor`, …).
    var key: String { get }
    var mode: RuleMode { get }
    /// The parameter whose marginal cost is reported (`alpha`, `share`, `gamma`, `max`, `t`).
    var parameter: String { get }
    /// Adds the rule's rows (and slacks) to the formulation.
    func build(into formulation: inout Formulation)
    /// d(objective)/d(parameter) at a solution of a hard rule, in scenario money per unit of the
    /// parameter; nil when soft. For α, share, γ and t raising the parameter tightens the rule
    /// (value ≥ 0); for Hoover's and the shortage cap's `max` lowering it does (value ≤ 0).
    func marginalCost(_ formulation: Formulation, _ solution: Solution) -> Double?
    /// The name of the rule's preparation phase, announced as it starts; nil (the default) when
    /// the rule has none.
    var preparationPhase: String? { get }
    /// Runs the rule's preparation phase (F2's phase 1) before the plan model is built and says
    /// how the rule enters the plan. The default has no phase: the rule enters as it is.
    func prepare(_ context: RulePreparationContext) throws -> RulePreparation
    /// The level the preparation phase fixed (F2: t*), reported with the plan as
    /// `maxmin_coverage`; nil (the default) for a rule without one.
    var preparedLevel: Double? { get }
}

extension FairnessRule {
    /// No preparation phase.
    public var preparationPhase: String? { nil }
    /// No preparation: the rule enters the plan as it is.
    public func prepare(_ context: RulePreparationContext) throws -> RulePreparation { .build(self, optimal: true) }
    /// No level to report.
    public var preparedLevel: Double? { nil }
}

/// How a rule enters the plan after its preparation phase.
public enum RulePreparation: Sendable {
    /// Build this rule (the prepared form) into the plan. `optimal` is false when the phase
    /// stopped at a limit: the plan is then at best feasible (MODEL.md §11).
    case build(any FairnessRule, optimal: Bool)
    /// Leave the rule out of the plan (F2 without a phase-1 level: t* is null).
    case omit
    /// No plan satisfies the mandatory needs and hard rules: the elastic diagnosis follows.
    case infeasible
}

/// What a rule's preparation phase works with: the scenario, its derived quantities, the money
/// scale of the solve's models and the solve's backend (warm-started in a sweep).
public struct RulePreparationContext {
    /// The scenario being solved (a variant or sweep step already applied).
    public let scenario: Scenario
    /// Its derived quantities (MODEL.md §2).
    public let derived: DerivedQuantities
    /// The money scale of the solve's models (nil: chosen per model from its magnitudes).
    public let moneyScale: Double?
    let solveModel: (Model, _ relativeGap: Double?) throws -> Solution

    /// Solves a model of the phase with the solve's settings, and `relativeGap` when given.
    public func solve(_ model: Model, relativeGap: Double?) throws -> Solution {
        try solveModel(model, relativeGap)
    }
}

/// The rules of a scenario, in a fixed order (F1…F7).
public enum FairnessRegistry {
    /// The rules `settings` turn on that a model of `purpose` builds (the elastic diagnosis
    /// leaves F2 out, MODEL.md §11). F2 comes unprepared: its preparation phase gives it t*.
    public static func rules(for settings: FairnessSettings, purpose: FormulationPurpose) -> [any FairnessRule] {
        var rules: [any FairnessRule] = []
        if let floor = settings.coverageFloor { rules.append(CoverageFloorRule(setting: floor)) }
        if let mode = settings.maxminCoverage, purpose != .elastic {
            rules.append(MaxminCoverageRule(mode: mode, level: nil))
        }
        if let share = settings.povertyCountyShare { rules.append(PovertyCountyShareRule(setting: share)) }
        if let parity = settings.ruralParity { rules.append(RuralParityRule(setting: parity)) }
        if let hoover = settings.hoover { rules.append(HooverRule(setting: hoover)) }
        if let cap = settings.shortageCap { rules.append(ShortageCapRule(setting: cap)) }
        if let share = settings.dispatchCountyShare { rules.append(DispatchCountyShareRule(setting: share)) }
        return rules
    }

    /// The scenario keys in registry order.
    public static let keys = ["coverage_floor", "maxmin_coverage", "poverty_county_share", "rural_parity",
                              "hoover", "shortage_cap", "dispatch_county_share"]
}

extension Solution {
    /// The dual of a row in model units, which equals d(objective)/d(rhs) in scenario units
    /// because objective and money rows are scaled alike.
    func rowDual(_ row: Constraint) -> Double { rowDuals?[row.index] ?? 0 }
}

/// F1: x_{s,k} ≥ α_k N_{s,k}. Hard in a plan: a lower bound on x (no row); soft or elastic: a row
/// with a money slack per school.
struct CoverageFloorRule: FairnessRule {
    let setting: FairnessSettings.CoverageFloor
    var key: String { "coverage_floor" }
    var mode: RuleMode { setting.mode }
    var parameter: String { "alpha" }

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
                                       mode: mode, unit: .money)
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
        var total = 0.0
        for (k, alpha) in setting.alpha where alpha > 0 && !f.scenario.categories[k].mandatory {
            for s in f.scenario.schools.indices {
                guard let variable = f.x[k][s] else { continue }
                let lower = f.model.columnLower[variable.index], upper = f.model.columnUpper[variable.index]
                let value = solution[variable]
                // The floor binds when x sits on its lower bound below its need.
                if abs(value - lower) <= 1e-9 * max(1, lower), lower < upper {
                    total += reduced[variable.index] * f.derived.need[k][s]
                }
            }
        }
        return total
    }
}

/// F2: max–min coverage of non-mandatory need, in two phases. The preparation phase (phase 1)
/// maximises t subject to C_s / N_s − t ≥ 0, t free, and every other constraint; the plan
/// (phase 2) keeps C_s − (t* − 1e-7) N_s ≥ 0, with a money slack per school when soft.
struct MaxminCoverageRule: FairnessRule {
    let mode: RuleMode
    /// t* from the preparation phase (nil: not prepared, nothing to build in a plan).
    let level: Double?
    var key: String { "maxmin_coverage" }
    var parameter: String { "t" }
    var preparationPhase: String? { "max–min coverage, phase 1" }
    var preparedLevel: Double? { level }
    /// Phase 1's t in ``Formulation/ruleColumns``.
    static let levelColumn = "maxmin_coverage.t"

    /// Phase 1, always hard and solved to optimality (MIP gap 1e-9; MODEL.md §11).
    func prepare(_ context: RulePreparationContext) throws -> RulePreparation {
        let phase1 = Formulation(scenario: context.scenario, derived: context.derived, purpose: .preparation,
                                 moneyScale: context.moneyScale)
        guard let t = phase1.ruleColumns[Self.levelColumn] else { return .omit }
        let solution = try context.solve(phase1.model, relativeGap: 1e-9)
        guard solution.status.hasFeasiblePoint else { return .infeasible }
        return .build(MaxminCoverageRule(mode: mode, level: solution[t]), optimal: solution.status.isOptimal)
    }

    func build(into f: inout Formulation) {
        let S = f.moneyScale
        guard f.purpose == .preparation || f.purpose == .plan && level != nil else { return }
        // The schools with non-mandatory need N_s > 0: their C_s columns and N_s.
        let schools = f.scenario.schools.indices.compactMap { s -> (school: Int, columns: [Variable], need: Double)? in
            let columns = f.moneyColumns(school: s, includeMandatory: false)
            let need = columns.reduce(0.0) { $0 + f.model.columnUpper[$1.index] } / S
            return need > 0 ? (s, columns, need) : nil
        }
        if let level {
            for (s, columns, need) in schools {
                let slack = f.addSlack(rule: key, constraint: "coverage of \(f.describe(school: s))", mode: mode,
                                       unit: .money, hardInElastic: false)
                let row = f.addRow(columns: columns.map(\.index) + (slack.map { [$0.index] } ?? []),
                                   coefficients: columns.map { _ in 1 } + (slack == nil ? [] : [1]),
                                   lower: (level - 1e-7) * need * S, upper: .infinity,
                                   name: "maxmin_coverage[\(f.scenario.schools[s].id)]")
                if mode.isHard { f.register(rule: key, row: row) }
            }
            return
        }
        // Phase 1. Without a school to cover there is no t: the phase is skipped (t* is null).
        guard !schools.isEmpty else { return }
        let t = f.model.addVariable(lower: -.infinity, upper: .infinity, name: "t")
        f.ruleColumns[Self.levelColumn] = t
        f.model.sense = .maximize
        f.model.setObjectiveCoefficient(t, 1)
        for (s, columns, need) in schools {
            // Scaled as C_s / N_s ≥ t for numerical stability.
            f.addRow(columns: columns.map(\.index) + [t.index], coefficients: columns.map { _ in 1 / (need * S) } + [-1],
                     lower: 0, upper: .infinity, name: "maxmin_coverage[\(f.scenario.schools[s].id)]")
        }
    }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let rows = f.ruleRows[key] else { return nil }
        // d obj / d t = Σ_s dual_s × N_s (rows are C_s ≥ (t − 1e-7) N_s).
        return rows.reduce(0.0) { total, row in
            total + solution.rowDual(row) * (f.model.rowLower[row.index] / f.moneyScale) / max(1e-300, (level ?? 1) - 1e-7)
        }
    }
}

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
protocol ShareFairnessRule: FairnessRule {
    var setting: FairnessSettings.ShareRule { get }
    var unit: SlackUnit { get }
    var constraintText: String { get }
    /// The variables summed and the region each belongs to.
    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)]
}

extension ShareFairnessRule {
    var mode: RuleMode { setting.mode }
    var parameter: String { "share" }

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

/// F5: Hoover ½ Σ_s |X_s − p_s X| ≤ H X. Because Σ_s (X_s − p_s X) = 0, the absolute values sum
/// to twice the positive parts, so one row per school suffices: e_s ≥ X_s − p_s X, e_s ≥ 0,
/// Σ_s e_s ≤ H X (− ½ slack, keeping the slack on the ½ Σ|·| ≤ … form of MODEL.md in money).
/// X is one extra variable defined over the z columns (X − Σ z = 0).
struct HooverRule: FairnessRule {
    let setting: FairnessSettings.BoundRule
    var key: String { "hoover" }
    var mode: RuleMode { setting.mode }
    var parameter: String { "max" }
    /// X = Σ_s X_s in ``Formulation/ruleColumns``.
    static let totalColumn = "hoover.total"

    func build(into f: inout Formulation) {
        let schools = f.scenario.schools
        guard f.derived.needShare.contains(where: { $0 > 0 }) else { return }
        let total = f.model.addVariable(name: "hoover_total")
        f.ruleColumns[Self.totalColumn] = total
        let zColumns = f.totalMoneyTerms()
        f.globalRuleRows["hoover_total"] = f.addRow(columns: [total.index] + zColumns.map(\.index),
                                                    coefficients: [1] + zColumns.map { _ in -1 },
                                                    lower: 0, upper: 0, name: "hoover_total")
        var eColumns: [Int] = []
        for s in schools.indices {
            let share = f.derived.needShare[s]
            let columns = f.moneyColumns(school: s).map(\.index)
            guard share > 0 || !columns.isEmpty else { continue }
            let e = f.model.addVariable(name: "hoover_e[\(schools[s].id)]")
            eColumns.append(e.index)
            // e_s − X_s + p_s X ≥ 0.
            f.addRow(columns: [e.index] + columns + [total.index],
                     coefficients: [1] + columns.map { _ in -1 } + [share], lower: 0, upper: .infinity,
                     name: "hoover_above[\(schools[s].id)]")
        }
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
}

/// F6: Σ_j u_{s,j} ≤ κ for every school with a shortage (teachers). With u = h − Σ y the row
/// reads −Σ_{pairs of s} y ≤ κ − Σ_j h_{s,j}: the same dual for κ.
struct ShortageCapRule: FairnessRule {
    let setting: FairnessSettings.BoundRule
    var key: String { "shortage_cap" }
    var mode: RuleMode { setting.mode }
    var parameter: String { "max" }

    func build(into f: inout Formulation) {
        for s in f.scenario.schools.indices {
            let total = Double(f.derived.shortage[s].reduce(0, +))
            guard total > 0 else { continue }
            guard total > setting.value || !mode.isHard || f.purpose == .elastic else { continue }
            let dispatched = f.pairsBySchool[s].map { f.y[$0].index }
            let slack = f.addSlack(rule: key, constraint: "shortage left at \(f.describe(school: s))", mode: mode, unit: .teachers)
            let row = f.addRow(columns: dispatched + (slack.map { [$0.index] } ?? []),
                               coefficients: dispatched.map { _ in -1 } + (slack == nil ? [] : [-1]),
                               lower: -.infinity, upper: setting.value - total, name: "shortage_cap[\(f.scenario.schools[s].id)]")
            if mode.isHard { f.register(rule: key, row: row) }
        }
    }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard else { return nil }
        // Rows are in teachers; the objective is scaled by S: divide to get money.
        return (f.ruleRows[key] ?? []).reduce(0.0) { $0 + solution.rowDual($1) } / f.moneyScale
    }
}

/// F7: Σ_{designated} y ≥ β_d Σ y (teachers).
struct DispatchCountyShareRule: ShareFairnessRule {
    let setting: FairnessSettings.ShareRule
    var key: String { "dispatch_county_share" }
    var unit: SlackUnit { .teachers }
    var constraintText: String { "share of dispatched teachers to poverty counties" }

    func terms(_ f: Formulation) -> [(variable: Variable, region: Int)] {
        f.derived.candidates.enumerated().map { p, pair in (f.y[p], f.scenario.schools[pair.school].region) }
    }
}
