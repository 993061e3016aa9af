import EduplanScenario
import Foundation
import LinearProgramming

/// One fairness rule of MODEL.md §6, in one file under `Rules/`: its setting (key, YAML read and
/// write, through ``RuleSetting``), variables, rows, slack, marginal cost, optional preparation
/// phase, how it decomposes across parts, how it is measured on a finished plan and how it is
/// described. A scenario's ``FairnessSettings`` hold the rule values themselves; adding a rule is
/// its file plus its type in ``FairnessRegistry/types`` (docs/architecture.md).
public protocol FairnessRule: RuleSetting {
    /// Its scenario key, the parameter whose marginal cost is reported (`alpha`, `share`,
    /// `gamma`, `max`, `t`) and its line in the glossary's list of rules (after "Fn key: ").
    static var names: RuleNames { get }
    /// Whether a model of `purpose` builds the rule; the default is every purpose (F2 is left
    /// out of the elastic diagnosis, MODEL.md §11).
    func isBuilt(for purpose: FormulationPurpose) -> Bool
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
    /// scenario with any other rule reports no bound. The default: whether the rule conforms to
    /// ``LagrangianPricedRule`` (gives its terms).
    var isPricedByLagrangianBound: Bool { get }
    /// A hard bound over the whole country that parts, each within it, can exceed together (F5's
    /// `max`): ``Decomposition`` plans the parts with it lowered until the joined plan meets it.
    /// nil (the default): none.
    var partBound: Double? { get }
    /// The rule with ``partBound`` replaced by `bound`, for the parts. The default (no part bound)
    /// is the rule unchanged.
    func withPartBound(_ bound: Double) -> any FairnessRule
    /// A note the plan's status carries about the rule on `scenario` (F8: a base plan whose money
    /// per region is not unique); nil (the default) for none.
    func planNote(_ scenario: Scenario) -> PlanStatusNote?
    /// Whether the rule's rows read a school's x columns as the money it receives (F4, F5), not as
    /// its coverage (F1, F2). Over several years a project category's x is the cumulative X_t: the
    /// multi-year model subtracts X_{t−1} wherever such a rule's rows hold X_t, so that they see
    /// the year's increment, as the funds' z columns do. Default false.
    var readsMoneyReceived: Bool { get }
}

extension FairnessRule {
    /// Reads x as coverage, or reads the funds' z.
    public var readsMoneyReceived: Bool { false }
    /// Built into every model.
    public func isBuilt(for purpose: FormulationPurpose) -> Bool { true }
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
    /// Priced when the rule gives its Lagrangian terms (``LagrangianPricedRule``).
    public var isPricedByLagrangianBound: Bool { self is any LagrangianPricedRule }
    /// No bound the parts must tighten.
    public var partBound: Double? { nil }
    /// Unchanged: no part bound.
    public func withPartBound(_ bound: Double) -> any FairnessRule { self }
    /// No note.
    public func planNote(_ scenario: Scenario) -> PlanStatusNote? { nil }
}

/// A hard rule binds when a row (or bound) of it is within this much of its bound, relative to
/// max(1, |bound|) in model units: GLPK's own primal feasibility tolerance.
public let ruleBindingTolerance = 1e-7

/// How a rule holds when a scenario is planned in parts (docs/scaling.md).
public enum RuleDecomposition: Sendable, Equatable {
    /// Met in every part means met over the country (per-school rows, F1, F2, F6).
    case perPart
    /// Held within each part, then measured over the country on the joined plan (``FairnessRule/measure``);
    /// a soft rule's penalty is charged once, on the country's violation. A share rule (F3, F7)
    /// holds in each part at the part's own share from the money split (``PartMoneySplit``).
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
    /// Whether `limit` is an upper limit (`value ≤ limit`, F5) rather than a lower one.
    public var isUpperLimit = false

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
    /// The phase stopped (a time limit, a solver failure) before it found a point: nothing is
    /// built on it, and nothing says that no plan exists (status `failed`, the phase's name and
    /// why it stopped in the status).
    case failed(SolverStop)
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
    let solveModel: (Model, _ relativeGap: Double?, _ onSession: Bool, _ rangingRows: [Constraint]) throws -> Solution

    /// Solves a model of the phase with the solve's settings, and `relativeGap` when given. With
    /// `onSession` (and always in a sweep's block) the model goes to the phase's session and is
    /// re-solved from the previous model's basis when it differs from it only in its numbers.
    /// `rangingRows`: rows whose right-hand-side ranging the solution carries (an LP's).
    public func solve(_ model: Model, relativeGap: Double?, onSession: Bool = false,
                      rangingRows: [Constraint] = []) throws -> Solution {
        try solveModel(model, relativeGap, onSession, rangingRows)
    }
}

/// The rule types the planner knows, in a fixed order (F1…F8).
public enum FairnessRegistry {
    /// The rules `settings` turn on that a model of `purpose` builds, in registry order (the
    /// elastic diagnosis leaves F2 out, MODEL.md §11). F2 comes unprepared: its preparation
    /// phase gives it t*. A setting of a type the registry does not list is not built.
    public static func rules(for settings: FairnessSettings, purpose: FormulationPurpose) -> [any FairnessRule] {
        types.compactMap { type in settings.rules.first { Swift.type(of: $0).key == type.key } as? any FairnessRule }
            .filter { $0.isBuilt(for: purpose) }
    }

    /// The rule types, F1…F8: adding a rule adds its type here. Its place here is its place in
    /// the settings the loader lists, the written scenario, the report, the compare table and
    /// the glossary.
    public static let types: [any FairnessRule.Type] = [
        CoverageFloorRule.self, MaxminCoverageRule.self, PovertyCountyShareRule.self, RuralParityRule.self,
        HooverRule.self, ShortageCapRule.self, DispatchCountyShareRule.self,
        PerPupilFloorRule.self, HoldHarmlessRule.self,
    ]

    /// The rule types as the scenario loader takes them.
    public static var settingTypes: [any RuleSetting.Type] { types.map { $0 as any RuleSetting.Type } }

    /// The scenario keys in registry order.
    public static let keys = types.map { $0.key }

    /// Whether lowering `parameter` tightens its rule (F5's and F6's `max`, F8's `max_loss`);
    /// raising tightens every other (α, share, γ, t).
    public static func tightensByLowering(_ parameter: String) -> Bool { parameter == "max" || parameter == "max_loss" }

    /// The parameter of the rule keyed `key` (nil: no such rule).
    public static func parameter(of key: String) -> String? { types.first { $0.key == key }?.parameter }

    /// The rule keyed `key` that `settings` turn on, as a plan builds it (nil: off).
    public static func rule(_ key: String, in settings: FairnessSettings) -> (any FairnessRule)? {
        rules(for: settings, purpose: .plan).first { $0.key == key }
    }
}

extension ScenarioLoader {
    /// Loads and validates the scenario in `directory`, its fairness blocks read by the rules of
    /// ``FairnessRegistry`` (``ScenarioLoader/load(from:rules:)``).
    public static func load(from directory: URL) throws -> LoadedScenario {
        try load(from: directory, rules: FairnessRegistry.settingTypes)
    }

    /// Every problem of the scenario in `directory`, its fairness blocks read by the rules of
    /// ``FairnessRegistry`` (``ScenarioLoader/problems(in:rules:)``).
    public static func problems(in directory: URL) -> [ScenarioProblem] {
        problems(in: directory, rules: FairnessRegistry.settingTypes)
    }
}

extension ScenarioGenerator {
    /// Generates the scenario `options` describe, with the rules its ``FairnessPreset`` names:
    /// `default` turns on F1 (infrastructure α 0.1, hard), F3 (share 0.4, soft ρ 0.5), F4 (γ 0.9,
    /// hard) and F5 (Hoover ≤ 0.3, hard); `hard` the same four all hard; `all` adds F6 (at most 2
    /// unfilled per school, soft ρ 1e5) and F7 (share 0.4, hard); `soft` is `all` with every rule
    /// soft (F1, F3, F4, F5, F7 at ρ 0.5). F2 is in none: its phase 1 with integer dispatch took
    /// 260 s on 300 generated schools. See ``ScenarioGenerator/generate(_:rules:)``.
    public static func generate(_ options: Options) -> Scenario {
        generate(options, rules: rules(options.fairness))
    }

    /// The rules of a preset, in registry order.
    static func rules(_ preset: FairnessPreset) -> [any RuleSetting] {
        let soft = RuleMode.soft(penalty: 0.5), strong = RuleMode.soft(penalty: 1e5)
        let hardOr: (RuleMode) -> RuleMode = { preset == .soft ? $0 : .hard }
        let four: [any RuleSetting] = [
            CoverageFloorRule(setting: .init(mode: hardOr(soft), alpha: [2: 0.1])),
            PovertyCountyShareRule(setting: .init(mode: preset == .default ? soft : hardOr(soft), share: 0.4)),
            RuralParityRule(setting: .init(mode: hardOr(soft), value: 0.9)),
            HooverRule(setting: .init(mode: hardOr(soft), value: 0.3)),
        ]
        switch preset {
        case .none: return []
        case .default, .hard: return four
        case .all, .soft:
            return [four[0], four[1], four[2], four[3],
                    ShortageCapRule(setting: .init(mode: strong, value: 2)),
                    DispatchCountyShareRule(setting: .init(mode: hardOr(soft), share: 0.4))]
        }
    }
}

extension Solution {
    /// The dual of a row in model units, which equals d(objective)/d(rhs) in scenario units
    /// because objective and money rows are scaled alike.
    func rowDual(_ row: Constraint) -> Double { rowDuals?[row.index] ?? 0 }
}

/// A rule whose marginal-cost parameter is one number of its setting (β, γ, H, κ): the re-solves of
/// its claim move that number and nothing else.
protocol SingleParameterRule: FairnessRule {
    associatedtype Setting
    var setting: Setting { get }
    init(setting: Setting)
    /// The number the claim is about.
    static var parameterPath: WritableKeyPath<Setting, Double> { get }
}

extension SingleParameterRule {
    /// The setting with its parameter moved by `delta`, as the scenario's rule.
    func parameterSetting(in settings: FairnessSettings, movedBy delta: Double) -> (value: Double?, moved: FairnessSettings)? {
        var changed = setting
        changed[keyPath: Self.parameterPath] += delta
        var moved = settings
        moved.set(Self(setting: changed))
        return (setting[keyPath: Self.parameterPath], moved)
    }
}

/// What a rule is called: its scenario key, the parameter its marginal cost is about, and its
/// glossary line (after "Fn key: ").
public struct RuleNames: Sendable {
    public let key: String
    public let parameter: String
    public let formula: String
}

extension FairnessRule {
    /// The scenario key (``RuleSetting/key``), from ``names``.
    public static var key: String { names.key }
    /// The parameter whose marginal cost is reported, from ``names``.
    public static var parameter: String { names.parameter }
    /// The rule as one line of the glossary's list of rules, from ``names``.
    public static var glossaryFormula: String { names.formula }
}

/// A rule set by one number of a ``FairnessSettings/BoundRule`` (F4's `gamma`, F5's and F6's `max`):
/// its key in the block, the range it accepts and how it is read and written, once for all three.
protocol OneNumberRule: SingleParameterRule where Setting == FairnessSettings.BoundRule {
    /// The number's key in the rule's block (`gamma`, `max`).
    static var numberKey: String { get }
    /// The range accepted, and what a problem says was expected.
    static var numberRule: NumberRule { get }
    static var numberExpected: String { get }
}

extension OneNumberRule {
    var mode: RuleMode { setting.mode }
    /// The number besides mode and penalty.
    static var parameterKeys: [String] { [numberKey] }
    /// The claim's parameter: the number.
    static var parameterPath: WritableKeyPath<FairnessSettings.BoundRule, Double> { \.value }

    /// Reads the number.
    static func read(_ block: RuleBlock) -> Self? {
        block.number(numberKey, rule: numberRule, expected: numberExpected).map { Self(setting: .init(mode: block.mode, value: $0)) }
    }

    /// `KEY: value`.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] {
        [(Self.numberKey, RuleYAML.number(setting.value))]
    }
}
