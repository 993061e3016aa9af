import EduplanIO
import EduplanScenario
import Foundation
import LinearProgramming

/// F8 hold-harmless: M_r ≥ (1 − max_loss) · M⁰_r for every region r in scope with reference money
/// M⁰_r > 0, where M_r = Σ_{f,k} z_{f,k,r} is all the money the region receives (dispatch
/// included) and M⁰_r the same quantity in the reference: the base plan (the scenario without its
/// variant's changes) or a `region,money` table. One row per region, a money slack when soft.
struct HoldHarmlessRule: RegionFloorRule, SingleParameterRule, Equatable {
    let setting: HoldHarmlessSetting
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "hold_harmless", parameter: "max_loss",
                                 formula: "money to each region in scope ≥ (1 − max_loss) × its reference money")
    var mode: RuleMode { setting.mode }

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        let reference: String
        switch setting.reference {
        case .base, .solvedBase: reference = "the base plan"
        case let .table(file, _), let .plan(file, _, _, _): reference = file
        }
        return "every region in scope keeps ≥ \(percent(1 - setting.maxLoss)) of its money in \(reference)"
    }

    /// The claim's parameter: `max_loss`.
    static var parameterPath: WritableKeyPath<HoldHarmlessSetting, Double> { \.maxLoss }

    /// M⁰_r for every region of `scenario` (0 outside the reference); nil when the rule has
    /// nothing to hold: the base scenario itself with `reference: base` (a plan is its own
    /// reference, trivially met) or a base scenario without a plan.
    func referenceMoney(_ scenario: Scenario) -> [Double]? {
        switch setting.reference {
        case let .table(_, money), let .solvedBase(money):
            return scenario.regions.indices.map { money[$0] ?? 0 }
        case let .plan(_, money, _, _):
            return scenario.regions.map { money[$0.id] ?? 0 }
        case .base:
            guard let base = scenario.unvaried else { return nil }
            return BaseReferenceCache.shared.reference(of: base)?.money
        }
    }

    /// With `reference: base`, a warning naming the regions in scope whose base money is not
    /// unique (another optimal plan of the base gives them other money).
    func planNote(_ scenario: Scenario) -> PlanStatusNote? {
        guard setting.reference == .base, let base = scenario.unvaried,
              let reference = BaseReferenceCache.shared.reference(of: base) else { return nil }
        let named = reference.ambiguous.filter { inScope($0, scenario) }.map { scenario.regions[$0].id }
        guard !named.isEmpty else { return nil }
        return .holdHarmlessAmbiguous(regions: named)
    }

    /// The regions in scope: those whose designation is listed (all when no list) and that are
    /// listed by id (all when no list).
    func inScope(_ r: Int, _ scenario: Scenario) -> Bool {
        (setting.designations?.contains(scenario.regions[r].designation) ?? true) && (setting.regions?.contains(scenario.regions[r].id) ?? true)
    }

    /// (1 − max_loss) M⁰_r for every region in scope with M⁰_r > 0 and schools (a region without
    /// schools receives nothing in any plan: in a part of a decomposed solve, the other parts' regions).
    func regionFloors(_ scenario: Scenario) -> [RegionFloor] {
        guard let reference = referenceMoney(scenario) else { return [] }
        var hasSchools = [Bool](repeating: false, count: scenario.regions.count)
        for school in scenario.schools { hasSchools[school.region] = true }
        return scenario.regions.indices.filter { inScope($0, scenario) && reference[$0] > 0 && hasSchools[$0] }.map { r in
            let region = scenario.regions[r]
            return RegionFloor(region: r, money: (1 - setting.maxLoss) * reference[r],
                               constraint: "money to \(region.name.isEmpty ? region.id : region.name) [\(region.id)]")
        }
    }

    func build(into f: inout Formulation) { buildFloors(into: &f) }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard else { return nil }
        // Row r's right-hand side is (1 − max_loss) M⁰_r: raising max_loss by d lowers it by M⁰_r d.
        return (f.ruleRows[key] ?? []).reduce(0.0) { total, row in
            total - solution.rowDual(row) * f.model.rowLower[row.index] / f.moneyScale / max(1e-300, 1 - setting.maxLoss)
        }
    }

    /// The region with the largest shortfall below its floor; the violation is money.
    func measure(_ plan: Plan, _ scenario: Scenario, _ derived: DerivedQuantities) -> RuleMeasure? {
        guard let reference = referenceMoney(scenario) else { return nil }
        let money = Self.regionMoney(plan, scenario)
        let total = money.reduce(0, +)
        let violation = scenario.regions.indices.filter { inScope($0, scenario) && reference[$0] > 0 }
            .reduce(0.0) { $0 + max(0, (1 - setting.maxLoss) * reference[$1] - money[$1]) }
        return RuleMeasure(rule: key, value: violation, limit: 0,
                           met: !mode.isHard || violation <= RuleMeasure.tolerance(total: total), violation: violation,
                           isUpperLimit: true)
    }

    /// M_r of a plan: the money of every fund flow to region r, dispatch included.
    static func regionMoney(_ plan: Plan, _ scenario: Scenario) -> [Double] {
        let index = Dictionary(uniqueKeysWithValues: scenario.regions.enumerated().map { ($1.id, $0) })
        var money = [Double](repeating: 0, count: scenario.regions.count)
        for fund in plan.funds {
            for flow in fund.flows { if let r = index[flow.region] { money[r] += flow.amount } }
        }
        return money
    }
}

/// The base plan's money by region, and the regions whose money the base does not determine.
struct BaseReference: Sendable, Equatable {
    /// M⁰_r, by region index.
    var money: [Double]
    /// The regions with M⁰_r > 0 whose money moves between plans of the base with the same
    /// objective (``BaseReferenceCache/movableRegions``), in region order.
    var ambiguous: [Int]
}

/// The base plans `reference: base` holds variants to, solved once per process and base scenario
/// (keyed by its inputs fingerprint): a compare or a sweep of many variants solves the base once.
final class BaseReferenceCache: @unchecked Sendable {
    /// The process's cache.
    static let shared = BaseReferenceCache()
    private let lock = NSLock()
    private var references: [String: BaseReference?] = [:]

    /// The reference of `base`: its plan model (after its rules' preparation phases) solved with
    /// the default solver, M⁰_r read from the z columns; nil when the base has no plan.
    func reference(of base: Scenario) -> BaseReference? {
        let key = ScenarioFingerprint(base).inputs
        lock.lock()
        defer { lock.unlock() }
        if let cached = references[key] { return cached }
        let value = try? Self.solve(base)
        references[key] = .some(value ?? nil)
        return value ?? nil
    }

    private static func solve(_ base: Scenario) throws -> BaseReference? {
        var options = PlannerOptions()
        options.priceOfFairness = false
        options.resolveClaims = false
        options.diagnose = false
        let pipeline = SolvePipeline(scenario: base, derived: DerivedQuantities(base), options: options)
        var clock = PhaseTimings()
        guard let prepared = try pipeline.prepareRules(&clock), prepared.failure == nil else { return nil }
        let formulation = pipeline.planFormulation(prepared.rules)
        var parameters = pipeline.parameters()
        parameters.progress = nil
        let solution = try options.solver.solve(formulation.model, parameters: parameters)
        guard solution.status.hasFeasiblePoint else { return nil }
        var money = [Double](repeating: 0, count: base.regions.count)
        for entry in formulation.z { money[entry.region] += solution[entry.variable] / formulation.moneyScale }
        let ambiguous = try movableRegions(formulation, solution, money, options.solver, parameters)
        return BaseReference(money: money, ambiguous: ambiguous)
    }

    /// The regions with M⁰_r > 0 whose money can move at equal objective: the plan LP (integers
    /// fixed at the solution) with the objective held within 1e-9 relative of the optimum,
    /// M_r minimised and maximised (two warm re-solves per region); moved when the two differ by
    /// more than 1e-6 · max(1, M⁰_r).
    static func movableRegions(_ f: Formulation, _ solution: Solution, _ money: [Double], _ solver: any LinearSolver,
                               _ parameters: SolverParameters) throws -> [Int] {
        guard f.model.sense == .minimize, let optimum = solution.objectiveValue else { return [] }
        var model = f.model.relaxingIntegers().fixingIntegers(of: f.model, roundedDownFrom: solution.values)
        let objective = model.objective
        let costed = objective.indices.filter { objective[$0] != 0 }
        let held = optimum - model.objectiveConstant
        model.addRow(columns: costed, coefficients: costed.map { objective[$0] }, lower: -.infinity,
                     upper: held + 1e-9 * max(1, abs(held)), name: "hold_harmless.optimum")
        for j in costed { model.setObjectiveCoefficient(Variable(index: j), 0) }
        model.objectiveConstant = 0
        var columns: [[Variable]] = Array(repeating: [], count: money.count)
        for entry in f.z { columns[entry.region].append(entry.variable) }
        let session = WarmStarts(solver: solver)
        defer { session.close() }
        var movable: [Int] = []
        for r in money.indices where money[r] > 0 {
            var range: [Double] = []
            for sign in [1.0, -1.0] {
                for column in columns[r] { model.setObjectiveCoefficient(column, sign) }
                let (extreme, _) = try session.solve(model, parameters: parameters, phase: "hold_harmless")
                guard extreme.status.isOptimal, let value = extreme.objectiveValue else { break }
                range.append(sign * value / f.moneyScale)
            }
            for column in columns[r] { model.setObjectiveCoefficient(column, 0) }
            if range.count == 2, range[1] - range[0] > 1e-6 * max(1, money[r]) { movable.append(r) }
        }
        return movable
    }
}

// MARK: Setting

/// F8's setting: mode, max_loss, the reference and the scope (designations and/or region ids).
struct HoldHarmlessSetting: Sendable, Equatable {
    /// Where M⁰ comes from.
    enum Reference: Sendable, Equatable {
        /// The scenario solved without its variant's changes.
        case base
        /// A `region,money` table of the scenario folder, read as money by region index.
        case table(file: String, money: [Int: Double])
        /// A plan.json of the scenario folder, solved from the folder's base or one of its variants
        /// (``HoldHarmlessRule/problems(in:)``): M⁰ by region id (every fund flow, dispatch
        /// included), the file's text (written back as it is, so the fingerprint hashes it) and
        /// the scenario the plan records.
        case plan(file: String, money: [String: Double], contents: String, origin: PlanOrigin)
        /// The base plan's money by region index, already solved: what a decomposed solve gives
        /// its parts (the base planned in the same parts; ``Decomposition``). Written as `base`.
        case solvedBase(money: [Int: Double])
    }

    var mode: RuleMode
    var maxLoss: Double
    var reference: Reference
    /// The designations in scope (nil: every designation).
    var designations: Set<Designation>? = nil
    /// The region ids in scope, in the order written (nil: every region).
    var regions: [String]? = nil
}

extension HoldHarmlessRule {
    /// The block's keys besides mode and penalty.
    static let parameterKeys = ["max_loss", "reference", "designations", "regions"]

    /// Reads `max_loss` (0 to 1, default 0), `reference` (`base`, default; a plan.json of the
    /// scenario folder; or a CSV table `region,money`) and the scope (`designations`, `regions`;
    /// absent: all regions).
    static func read(_ block: RuleBlock) -> HoldHarmlessRule? {
        let maxLoss = block.optionalNumber("max_loss", rule: .fraction, fallback: 0)
        var reference: HoldHarmlessSetting.Reference? = .base
        if let text = block.text("reference", expected: referenceWords), text != "base" {
            reference = text.lowercased().hasSuffix(".json") ? planReference(block)
                : block.regionMoneyTable("reference").map { .table(file: text, money: $0) }
        }
        let designations = block.isPresent("designations") ? block.designations("designations", fallback: []) : nil
        let regions = block.isPresent("regions") ? block.regionIDs("regions") : nil
        guard let maxLoss, let reference else { return nil }
        return HoldHarmlessRule(setting: .init(mode: block.mode, maxLoss: maxLoss, reference: reference,
                                               designations: designations, regions: regions))
    }

    /// What `reference` may be.
    static let referenceWords = "base, a plan.json of the scenario folder, or a CSV table region,money"

    /// A plan.json reference: the file (inside the scenario folder) read as a plan with its funds'
    /// flows (``PlanFile/read(_:file:requiring:)``, every problem logged with the file and key),
    /// M⁰_r the sum of its flows to r. Whose plan it is, is checked once the scenario is whole
    /// (``problems(in:)``).
    static func planReference(_ block: RuleBlock) -> HoldHarmlessSetting.Reference? {
        guard let (file, data) = block.fileData("reference", expected: referenceWords) else { return nil }
        let (read, problems) = PlanFile.read(data, file: file, requiring: .evaluation)
        block.log(problems)
        guard let read, let plan = read.plan else { return nil }
        var money: [String: Double] = [:]
        for fund in plan.funds { for flow in fund.flows { money[flow.region, default: 0] += flow.amount } }
        return .plan(file: file, money: money, contents: String(decoding: data, as: UTF8.self), origin: read.origin)
    }

    /// A plan.json reference must be a plan solved from this scenario folder: its recorded
    /// `scenario_fingerprint` equal to the base's or to one of the variants' (each computed as a
    /// solve records it). Another year's plan is refused: its money belongs in a CSV table.
    func problems(in scenario: Scenario) -> [RuleSettingProblem] {
        if setting.reference == .base, scenario.horizon != nil || scenario.variants.contains(where: { $0.horizon != nil }) {
            return [RuleSettingProblem(parameter: "reference",
                                       expected: "a `region,money` table with a horizon (multi-year plans do not solve a base reference yet)",
                                       found: "`reference: base`", hint: "give the reference money as a CSV table region,money")]
        }
        guard case let .plan(file, _, _, origin) = setting.reference else { return [] }
        let base = scenario.unvaried ?? scenario
        var known = [(name: "the base", inputs: ScenarioFingerprint(base).inputs)]
        for variant in base.variants {
            known.append(("variant \"\(variant.name)\"", ScenarioFingerprint(base.applying(variant)).inputs))
        }
        if let recorded = origin.fingerprint, known.contains(where: { $0.inputs == recorded }) { return [] }
        let expected = origin.variant.flatMap { name in known.first { $0.name == "variant \"\(name)\"" } } ?? known[0]
        return [RuleSettingProblem(
            parameter: "reference",
            expected: "a plan solved from this scenario folder's base or one of its variants (\(expected.name): "
                + "scenario_fingerprint \(ScenarioFingerprint.short(expected.inputs)))",
            found: "`\(file)`, a plan of \(origin.described)",
            hint: "solve it again from this folder and use that plan.json; for another year's or another scenario's "
                + "allocation, give its money by region as a CSV table region,money")]
    }

    /// A table reference as canonical CSV (`region,money` in region order), so that the writer
    /// writes it and the fingerprint changes with it; none for `base` or a workbook sheet.
    func tableFiles(regions: [Region]) -> [(name: String, contents: String)] {
        if case let .plan(file, _, contents, _) = setting.reference { return [(file, contents)] }
        guard case let .table(file, money) = setting.reference, !file.contains("#") else { return [] }
        let rows = regions.indices.compactMap { r in money[r].map { CSVText.line([regions[r].id, RuleYAML.number($0)]) + "\n" } }
        return [(file, "region,money\n" + rows.joined())]
    }

    /// `max_loss`, `reference`, then the scope lists when given.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] {
        var entries = [("max_loss", RuleYAML.number(setting.maxLoss))]
        switch setting.reference {
        case .base, .solvedBase: entries.append(("reference", "base"))
        case let .table(file, _), let .plan(file, _, _, _): entries.append(("reference", RuleYAML.text(file)))
        }
        if let designations = setting.designations { entries.append(("designations", RuleYAML.designations(designations))) }
        if let regions = setting.regions { entries.append(("regions", "[" + regions.map(RuleYAML.text).joined(separator: ", ") + "]")) }
        return entries
    }
}

// MARK: Lagrangian bound

extension HoldHarmlessRule: LagrangianPricedRule {
    /// μ_r on each region's row, at the floors the parts were planned with: each part holds the
    /// reference money of its own regions (``Decomposition``), so their union is the whole's floors.
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        let floors = context.bound.parts.flatMap { part in
            part.scenario.fairness.rule(HoldHarmlessRule.self)?.regionFloors(part.scenario) ?? []
        }
        return regionFloorTerms(context, floors: floors)
    }
}
