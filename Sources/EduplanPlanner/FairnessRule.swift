import EduplanScenario
import LinearProgramming

/// One fairness rule of MODEL.md §6: its variables, rows, slack, marginal cost, optional
/// preparation phase, how it decomposes across parts and how it is measured on a finished plan,
/// in one file under `Rules/`.
///
/// The rule's setting (its YAML block) still lives in ``FairnessSettings`` in EduplanScenario;
/// see docs/architecture-rules.md for every place a new rule touches.
public protocol FairnessRule: Sendable {
    /// The scenario key, spelled only in the rule's file.
    static var key: String { get }
    /// The parameter whose marginal cost is reported (`alpha`, `share`, `gamma`, `max`, `t`).
    static var parameter: String { get }
    /// The rule as one line of the glossary's list of rules (after "Fn key: ").
    static var glossaryFormula: String { get }
    var mode: RuleMode { get }
    /// What the setting asks, after its mode, for the report's list of rules ("every school at
    /// least …"); numbers through `number`, fractions through `percent`.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String
    /// Adds the rule's rows (and slacks) to the formulation.
    func build(into formulation: inout Formulation)
    /// d(objective)/d(parameter) at a solution of a hard rule, in scenario money per unit of the
    /// parameter; nil when soft. For α, share, γ and t raising the parameter tightens the rule
    /// (value ≥ 0); for Hoover's and the shortage cap's `max` lowering it does (value ≤ 0).
    func marginalCost(_ formulation: Formulation, _ solution: Solution) -> Double?
    /// Whether the hard rule binds at `solution`, from primal activity (never a dual's sign):
    /// one of its rows (or bounds) sits at its bound within ``ruleBindingTolerance`` relative.
    /// The default reads the rows in ``Formulation/ruleRows``.
    func binds(_ formulation: Formulation, _ solution: Solution) -> Bool
    /// The rule's parameter as `settings` set it (nil when it is several numbers: F1's α per
    /// category) and `settings` with it moved by `delta` (every α for F1): what a re-solve of the
    /// marginal-cost claim changes. Nil (the default) when the parameter is not a setting (F2's
    /// t*, fixed by its phase 1).
    func parameterSetting(in settings: FairnessSettings, movedBy delta: Double) -> (value: Double?, moved: FairnessSettings)?
    /// The step of those re-solves: 10⁻³ of a fraction (the default), one teacher for F6.
    var parameterStep: Double { get }
    /// The name of the rule's preparation phase, announced as it starts; nil (the default) when
    /// the rule has none.
    var preparationPhase: String? { get }
    /// Runs the rule's preparation phase (F2's phase 1) before the plan model is built and says
    /// how the rule enters the plan. The default has no phase: the rule enters as it is.
    func prepare(_ context: RulePreparationContext) throws -> RulePreparation
    /// The level the preparation phase fixed (F2: t*), reported with the plan as
    /// `maxmin_coverage`; nil (the default) for a rule without one.
    var preparedLevel: Double? { get }
    /// How the rule holds when a country is planned in parts (``Decomposition``); the default
    /// is ``RuleDecomposition/perPart``.
    var decomposition: RuleDecomposition { get }
    /// The rule measured over the whole scenario on a finished plan (the decomposition's
    /// country-wide checks); nil (the default) when the rule has no such measure or it is
    /// undefined for this scenario.
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure?
    /// Whether ``LagrangianBound`` prices the rule (F1, F3, F4, F5); a decomposed solve of a
    /// scenario with any other rule reports no bound. The default is false.
    var isPricedByLagrangianBound: Bool { get }
}

extension FairnessRule {
    /// The scenario key (`coverage_floor`, …).
    public var key: String { Self.key }
    /// The parameter whose marginal cost is reported.
    public var parameter: String { Self.parameter }
    /// No preparation phase.
    public var preparationPhase: String? { nil }
    /// No preparation: the rule enters the plan as it is.
    public func prepare(_ context: RulePreparationContext) throws -> RulePreparation { .build(self, optimal: true) }
    /// No level to report.
    public var preparedLevel: Double? { nil }
    /// Held in every part: what every part meets, their union meets.
    public var decomposition: RuleDecomposition { .perPart }
    /// Binds when one of its registered rows is at its lower or upper bound.
    public func binds(_ formulation: Formulation, _ solution: Solution) -> Bool {
        (formulation.ruleRows[key] ?? []).contains { row in
            let activity = solution.rowActivities[row.index]
            return [formulation.model.rowLower[row.index], formulation.model.rowUpper[row.index]].contains { bound in
                bound.isFinite && abs(activity - bound) <= ruleBindingTolerance * max(1, abs(bound))
            }
        }
    }
    /// Not a setting: no re-solve.
    public func parameterSetting(in settings: FairnessSettings, movedBy delta: Double) -> (value: Double?, moved: FairnessSettings)? {
        nil
    }
    /// 10⁻³ of a fraction.
    public var parameterStep: Double { 1e-3 }
    /// No country-wide measure.
    public func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? { nil }
    /// Not priced: no bound.
    public var isPricedByLagrangianBound: Bool { false }
}

/// A hard rule binds when a row (or bound) of it is within this much of its bound, relative to
/// max(1, |bound|) in model units: GLPK's own primal feasibility tolerance.
public let ruleBindingTolerance = 1e-7

/// How a rule holds when a scenario is planned in parts (docs/scaling.md).
public enum RuleDecomposition: Sendable, Equatable {
    /// Met in every part means met over the country (per-school rows, F1, F2, F6; F7 per part).
    case perPart
    /// Held within each part, then measured over the country on the joined plan (``FairnessRule/measure``);
    /// a soft rule's penalty is charged once, on the country's violation.
    case countryWide
}

/// A country-wide rule measured on a plan: value, limit, whether met (hard rules within 1e-7
/// relative) and the violation in the rule's MODEL.md §11 unit.
public struct RuleMeasure: Sendable {
    /// The rule's scenario key.
    public var rule: String
    public var value: Double
    public var limit: Double
    public var met: Bool
    public var violation: Double

    /// The absolute tolerance for a money violation on a plan that hands out `total`.
    static func tolerance(total: Double) -> Double { 1e-7 * max(1, total) }
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
    let solveModel: (Model, _ relativeGap: Double?, _ onSession: Bool) throws -> Solution

    /// Solves a model of the phase with the solve's settings, and `relativeGap` when given. With
    /// `onSession` (and always in a sweep's block) the model goes to the phase's session and is
    /// re-solved from the previous model's basis when it differs from it only in its numbers.
    public func solve(_ model: Model, relativeGap: Double?, onSession: Bool = false) throws -> Solution {
        try solveModel(model, relativeGap, onSession)
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

    /// The rule types, F1…F7: adding a rule adds its type here.
    public static let types: [any FairnessRule.Type] = [
        CoverageFloorRule.self, MaxminCoverageRule.self, PovertyCountyShareRule.self, RuralParityRule.self,
        HooverRule.self, ShortageCapRule.self, DispatchCountyShareRule.self,
    ]

    /// The scenario keys in registry order.
    public static let keys = types.map { $0.key }

    /// The parameter of the rule keyed `key` (nil: no such rule).
    public static func parameter(of key: String) -> String? { types.first { $0.key == key }?.parameter }

    /// The rule keyed `key` that `settings` turn on, as a plan builds it (nil: off).
    public static func rule(_ key: String, in settings: FairnessSettings) -> (any FairnessRule)? {
        rules(for: settings, purpose: .plan).first { $0.key == key }
    }
}

extension Solution {
    /// The dual of a row in model units, which equals d(objective)/d(rhs) in scenario units
    /// because objective and money rows are scaled alike.
    func rowDual(_ row: Constraint) -> Double { rowDuals?[row.index] ?? 0 }
}
