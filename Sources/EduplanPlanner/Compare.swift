import EduplanMetrics
import EduplanScenario
import Foundation
import LinearProgramming

/// One solved run of a comparison: the base scenario or one of its variants.
public struct ComparisonRun: Sendable {
    /// `base` or the variant's name.
    public var name: String
    /// Whether this is the base scenario.
    public var isBase: Bool
    /// The scenario as solved (the variant applied).
    public var scenario: Scenario
    public var result: PlanResult
    /// Figures derived from the plan (unmet money, coverage, per-pupil money by region).
    public var figures: PlanFigures
    /// A multi-year run's years (nil for a one-year run): `result` then describes the whole horizon.
    public var horizon: HorizonPlanResult?
}

/// The base scenario and every variant, solved: what `eduplan compare` prints.
public struct Comparison: Sendable {
    /// Base first, then the variants in the order the scenario file lists them.
    public var runs: [ComparisonRun]
    public var base: ComparisonRun { runs[0] }
    public var variants: ArraySlice<ComparisonRun> { runs.dropFirst() }

    /// Year `t` (0-based) of a multi-year comparison as a one-year comparison: every run's plan of
    /// that year, its year's scenario and figures, so that what is drawn for one year is drawn for
    /// each (nil when the base plans no such year). A run without that year (no plan) is kept with
    /// its horizon's result, which has no plan.
    public func year(_ t: Int) -> Comparison? {
        guard let years = base.horizon?.years, years.indices.contains(t) else { return nil }
        return Comparison(runs: runs.map { run in
            guard let year = run.horizon?.years.first(where: { $0.year == years[t].year }) else {
                return ComparisonRun(name: run.name, isBase: run.isBase, scenario: years[t].scenario, result: run.result,
                                     figures: PlanFigures(result: run.result, scenario: years[t].scenario))
            }
            return ComparisonRun(name: run.name, isBase: run.isBase, scenario: year.scenario, result: year.result,
                                 figures: PlanFigures(result: year.result, scenario: year.scenario))
        })
    }

    /// Every region's per-pupil allocation in the base and in `run`, in region id order (byte order).
    ///
    /// Per-pupil allocation of a region = Σ X_s / Σ n_s over its schools (0 for a region of the
    /// other plan that this one lacks). Empty when either plan is missing.
    /// - Complexity: O(regions · log regions).
    public func allRegionChanges(_ run: ComparisonRun) -> [RegionChange] {
        guard run.result.plan != nil, base.result.plan != nil else { return [] }
        let names = Dictionary(run.scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(run.figures.perPupilByRegion.keys).union(base.figures.perPupilByRegion.keys)
        return ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { id in
            let before = base.figures.perPupilByRegion[id] ?? 0, after = run.figures.perPupilByRegion[id] ?? 0
            return RegionChange(region: id, name: names[id] ?? id, basePerPupil: before, perPupil: after)
        }
    }

    /// The regions whose per-pupil allocation changed against the base: gains (largest first) and
    /// losses (largest first), `top` of each (nil: all).
    ///
    /// A change counts when it exceeds 1e-9 relative to the larger of the two values (solver noise
    /// is not a change). Ties are broken by region id. Empty when either plan is missing.
    /// - Complexity: O(regions · log regions).
    public func regionChanges(_ run: ComparisonRun, top: Int? = 3) -> (gains: [RegionChange], losses: [RegionChange]) {
        let changes = allRegionChanges(run).filter(\.isChange)
        let gains = changes.filter { $0.change > 0 }
            .sorted { $0.change != $1.change ? $0.change > $1.change : $0.region < $1.region }
        let losses = changes.filter { $0.change < 0 }
            .sorted { $0.change != $1.change ? $0.change < $1.change : $0.region < $1.region }
        return (Array(gains.prefix(top ?? gains.count)), Array(losses.prefix(top ?? losses.count)))
    }
}

/// A region's per-pupil allocation in the base and in a variant.
public struct RegionChange: Sendable, Equatable {
    public var region: String
    public var name: String
    public var basePerPupil: Double
    public var perPupil: Double
    public var change: Double { perPupil - basePerPupil }
    /// Whether the change exceeds 1e-9 relative to the larger of the two values (not solver noise).
    public var isChange: Bool { abs(change) > 1e-9 * max(1, abs(basePerPupil), abs(perPupil)) }
}

/// Plan-level figures that are not solver outputs, computed from a ``PlanResult`` and its scenario
/// by EduplanMetrics.
public struct PlanFigures: Sendable, Equatable {
    /// Σ B_f over the scenario's funds.
    public var totalFunds: Double
    /// Σ_s Σ_{k≠dispatch} (N_{s,k} − x_{s,k}), mandatory categories included (nil without a plan).
    public var unmetMoney: Double?
    /// Σ non-mandatory x / Σ non-mandatory N over all schools (nil without a plan or such need).
    public var coverage: Double?
    /// The worst school's coverage: min_s C_s / N_s over schools with N_s > 0, C and N summed over
    /// the non-mandatory categories (nil without a plan or such schools). A school with need only in
    /// a category no floor protects can be at 0 while every floor holds.
    public var minCoverage: Double?
    /// Per non-mandatory category k: min_s x_{s,k} / N_{s,k} over schools with N_{s,k} > 0. A hard
    /// coverage floor α_k makes it ≥ α_k (to the solver's tolerance).
    public var minCoverageByCategory: [String: Double] = [:]
    /// Σ X_s / Σ n_s per region id (regions without pupils are left out).
    public var perPupilByRegion: [String: Double]

    /// - Complexity: O(schools × categories).
    public init(result: PlanResult, scenario: Scenario) {
        totalFunds = scenario.funds.reduce(0) { $0 + $1.amount }
        perPupilByRegion = [:]
        guard let plan = result.plan else {
            unmetMoney = nil
            coverage = nil
            minCoverage = nil
            return
        }
        // Every (school, category) of need, in school order and category id order within a school.
        let mandatory = Set(scenario.categories.filter(\.mandatory).map(\.id))
        var given: [Double] = [], need: [Double] = [], coverableGiven: [Double] = [], coverableNeed: [Double] = []
        for school in plan.schools {
            for (category, amount) in school.need.sorted(by: { $0.key < $1.key }) {
                given.append(school.allocated[category] ?? 0)
                need.append(amount)
                if !mandatory.contains(category) {
                    coverableGiven.append(given.last!)
                    coverableNeed.append(amount)
                }
            }
        }
        unmetMoney = Equity.unmetNeed(allocation: given, need: need)
        coverage = Equity.coverage(allocation: coverableGiven, need: coverableNeed).ratio
        minCoverage = plan.schools.compactMap(\.coverage).min()
        for category in scenario.categories where !category.mandatory && !category.isDispatch {
            let id = category.id
            minCoverageByCategory[id] = Equity.minimumCoverage(allocation: plan.schools.map { $0.allocated[id] ?? 0 },
                                                               need: plan.schools.map { $0.need[id] ?? 0 })
        }
        perPupilByRegion = Equity.perPupil(allocation: plan.schools.map(\.received), pupils: plan.schools.map { Double($0.pupils) },
                                           groups: plan.schools.map(\.region))
    }
}

extension PlanResult {
    /// Hard rules that bind at the optimum (decided from the plan's activities) with their
    /// marginal cost (nil when tightening leaves no plan), in registry order.
    public var bindingRules: [(rule: String, value: Double?)] {
        FairnessRegistry.keys.compactMap { key in
            guard let price = rulePrice(key), price.binding else { return nil }
            return (key, price.value)
        }
    }

    /// Soft rules violated at the optimum, with the violation in the rule's unit, in registry order.
    public var violatedSoftRules: [(rule: String, amount: Double)] {
        FairnessRegistry.keys.compactMap { key in softViolations[key].map { (key, $0) } }
    }
}

/// How `Compare` runs.
public struct CompareOptions: Sendable {
    /// Threads solving runs at once (each run's models live on its thread).
    public var jobs = 1
    /// Planner settings shared by every run (verbosity, price of fairness, diagnosis).
    public var planner = PlannerOptions()
    /// Called with (run name, phase) as each phase of each run starts, from the solving thread.
    public var phase: (@Sendable (String, String) -> Void)?
    /// Branch-and-bound progress of a run, from the solving thread.
    public var progress: (@Sendable (String, MIPProgress) -> Void)?
    /// Called once per finished run (index in ``Comparison/runs``), from the solving thread.
    public var finished: (@Sendable (Int, ComparisonRun) -> Void)?
    public init() {}
}

/// Solving the base scenario and every variant for a side-by-side comparison.
public enum Compare {
    /// The runs of a comparison: the base (`scenario` as loaded, no variant applied) and each of
    /// its variants, in file order.
    /// Variants that plan another number of years than the base (a five-year horizon beside a
    /// one-year base) are left out: a discounted five-year objective is not comparable with one
    /// year's (``skippedVariants(of:)`` names them).
    public static func runs(of scenario: Scenario) -> [(name: String, scenario: Scenario)] {
        let years = plannedYearCount(scenario)
        return [("base", scenario)] + scenario.variants.map { ($0.name, scenario.applying($0)) }
            .filter { plannedYearCount($0.1) == years }
    }

    /// The variants ``runs(of:)`` leaves out, with the number of years each plans.
    public static func skippedVariants(of scenario: Scenario) -> [(name: String, years: Int)] {
        let years = plannedYearCount(scenario)
        return scenario.variants.map { ($0.name, plannedYearCount(scenario.applying($0))) }.filter { $0.1 != years }
    }

    /// How many years `scenario` plans: its horizon's, else one.
    public static func plannedYearCount(_ scenario: Scenario) -> Int { scenario.horizon?.years.count ?? 1 }

    /// Solves the base, then every variant, `options.jobs` at a time, each on its own thread.
    ///
    /// The base is the solver's optimum, as `solve` finds it (the same model and solver give the
    /// same plan). Each variant's plan is, among its optimal plans, the one closest to the base plan
    /// (``ClosestPlan``): what differs from the base is the variant's effect, not the solver's
    /// choice between alternative optima. Without a base plan the variants are solved as they are.
    /// The result's order is fixed (base first, then variants in file order) whatever the number
    /// of threads, so the output is deterministic.
    /// An infeasible variant is a run with status `infeasible` and its diagnosis, not an error.
    /// - Throws: what the solver throws (a fault inside it) from any run.
    public static func run(_ scenario: Scenario, options: CompareOptions = CompareOptions()) throws -> Comparison {
        let runs = runs(of: scenario)
        let base = try solveRun(runs[0], index: 0, anchor: nil, options: options)
        let anchor = base.result.plan.map { PreviousPlan($0, origin: PlanOrigin()) }
        let variants = try Workers.map(runs.count - 1, jobs: options.jobs) { index in
            try solveRun(runs[index + 1], index: index + 1, anchor: anchor, options: options)
        }
        return Comparison(runs: [base] + variants)
    }

    /// One run of the comparison, solved on the calling thread (closest to `anchor` when given).
    private static func solveRun(_ run: (name: String, scenario: Scenario), index: Int, anchor: PreviousPlan?,
                                 options: CompareOptions) throws -> ComparisonRun {
        var planner = plannerOptions(options, run: run.name)
        planner.closestTo = anchor
        let solved: ComparisonRun
        if let horizon = run.scenario.horizon, horizon.years.count > 1 {
            // A multi-year run: the horizon's discounted objective and U, money and unmet need summed over its years.
            let planned = try HorizonPlanner.solve(run.scenario, options: planner)
            solved = ComparisonRun(name: run.name, isBase: index == 0, scenario: run.scenario, result: planned.result,
                                   figures: PlanFigures(horizon: planned, scenario: run.scenario), horizon: planned)
        } else {
            let result = try Planner.solve(run.scenario, options: planner)
            solved = ComparisonRun(name: run.name, isBase: index == 0, scenario: run.scenario, result: result,
                                   figures: PlanFigures(result: result, scenario: run.scenario))
        }
        options.finished?(index, solved)
        return solved
    }

    /// The planner's options for one run: its phases and branch-and-bound progress reported
    /// under its name.
    static func plannerOptions(_ options: CompareOptions, run name: String) -> PlannerOptions {
        var planner = options.planner
        if let phase = options.phase { planner.phase = { phase(name, $0) } }
        if let progress = options.progress {
            let inner = planner.progress
            planner.progress = { snapshot in
                progress(name, snapshot)
                return inner?(snapshot) ?? .proceed
            }
        }
        return planner
    }
}
