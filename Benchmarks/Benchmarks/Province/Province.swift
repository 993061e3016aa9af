// Province benchmarks (issue 8): each phase of a plan measured on its own, in process, on
// generated provinces of 1,000, 5,000 and 15,000 schools.
//
// Provinces come from `ScenarioGenerator.generate` (regions = max(20, schools / 125), seed 7, the
// generator's default rule set: F1, F3 soft, F4 hard, F5 hard; about one teacher group per 25
// schools, candidate limit 50). Whatever a phase starts from (the scenario, its folder on disk,
// the derived quantities, the formulation, a solved plan) is prepared once per process by the
// benchmark's setup hook, through the lazily filled `Province` fixtures below, never inside a
// timed region. Each benchmark runs in its own process (the harness spawns one per benchmark),
// so a fixture is built only where it is used.
//
// 15,000 schools: only the cheap phases (scenario I/O, derive, build, load into GLPK). Its plan
// solve takes about 9 s of GLPK here (RESULTS.md, peers table), too long for 10 iterations, and
// `metrics` needs a solved plan (`PlanResult` has no public initialiser), so neither is run there.
//
// `Planner.read` / `Planner.outcome` (solution → PlanResult) are internal to EduplanPlanner, so
// "read plan" cannot be timed on its own from here: `plan end-to-end` times `Planner.solve` with
// the price of fairness off (derive + build + load + solve + read), and records the Planner's own
// clock for its "read plan" phase as a custom metric.

import Benchmark
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming

/// One generated province and what each phase starts from, each made on first use (thread-safe).
final class Province: @unchecked Sendable {
    let schools: Int
    let regions: Int
    /// "1k", "5k", "15k": for benchmark names.
    let label: String
    private let lock = NSRecursiveLock()
    private var _scenario: Scenario?
    private var _folder: URL?
    private var _derived: DerivedQuantities?
    private var _formulation: Formulation?
    private var _plan: PlanResult?

    init(schools: Int) {
        self.schools = schools
        regions = max(20, schools / 125)
        label = "\(schools / 1000)k"
    }

    private func once<T>(_ slot: ReferenceWritableKeyPath<Province, T?>, _ make: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        if let value = self[keyPath: slot] { return value }
        let value = try make()
        self[keyPath: slot] = value
        return value
    }

    /// The generated scenario (seed 7, default rule set, base scenario: no variant applied).
    var scenario: Scenario {
        once(\._scenario) { ScenarioGenerator.generate(ScenarioGenerator.Options(schools: schools, regions: regions, seed: 7)) }
    }

    /// The scenario written once to a fresh temporary folder (removed by `removeFolder`).
    func folder() throws -> URL {
        try once(\._folder) {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("eduplan-bench-province-\(schools)-\(getpid())", isDirectory: true)
            try? FileManager.default.removeItem(at: url)
            try ScenarioWriter.write(scenario, to: url)
            return url
        }
    }

    func removeFolder() {
        lock.lock()
        defer { lock.unlock() }
        if let url = _folder { try? FileManager.default.removeItem(at: url) }
        _folder = nil
    }

    var derived: DerivedQuantities { once(\._derived) { DerivedQuantities(scenario) } }

    /// The plan model, as `Planner.solve` builds it (no F2 phase 1: the default rule set has no F2).
    var formulation: Formulation {
        once(\._formulation) {
            let f = Formulation(scenario: scenario, derived: derived, purpose: .plan)
            if ProcessInfo.processInfo.environment["PROVINCE_PRINT_MODEL_SIZE"] != nil {
                let m = f.model
                let integers = m.columnKind.filter { $0 != .continuous }.count
                FileHandle.standardError.write(Data((
                    "Province \(label): \(schools) schools, \(regions) regions, \(scenario.teacherGroups.count) teacher groups, "
                        + "\(derived.candidates.count) candidate pairs; plan model \(m.constraintCount) rows, "
                        + "\(m.variableCount) columns (\(integers) integer), \(m.nonzeroCount) nonzeros\n").utf8))
            }
            return f
        }
    }

    /// A solved plan (price of fairness off), for `metrics`.
    func plan() throws -> PlanResult {
        try once(\._plan) { try Planner.solve(scenario, options: Self.plannerOptions) }
    }

    /// The planner's options for a plan without the price-of-fairness re-solve.
    static var plannerOptions: PlannerOptions {
        var options = PlannerOptions()
        options.priceOfFairness = false
        return options
    }

    /// GLPK settings as `Planner.solve` uses them for the plan model (`Planner.glpkOptions` is
    /// internal): the scenario's time limit and MIP gap, MIP duals on.
    var glpkOptions: GLPKOptions {
        var glpk = GLPKOptions()
        glpk.timeLimit = scenario.solver.timeLimitSeconds
        glpk.relativeGap = scenario.solver.mipGap
        glpk.mipDuals = true
        return glpk
    }
}

enum Provinces {
    static let p1k = Province(schools: 1_000)
    static let p5k = Province(schools: 5_000)
    static let p15k = Province(schools: 15_000)
    /// Every size, and the sizes whose plan is solved (see the header).
    static let all = [p1k, p5k, p15k]
    static let solved = [p1k, p5k]
}

let readPlanMetric = BenchmarkMetric.custom("read plan, Planner clock (us)", useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    // Wall clock is the metric that matters; CPU time (less sensitive to other processes on a
    // shared 2-core machine), malloc count and peak RSS (of the whole process, fixtures included)
    // are for context.
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    let cheapConfiguration = Benchmark.Configuration(
        metrics: metrics,
        timeUnits: .microseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    // Solves: up to about 2 s each at 5,000 schools; no warm-up (nothing is cached between solves).
    let solveConfiguration = Benchmark.Configuration(
        metrics: metrics,
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    var planConfiguration = solveConfiguration
    planConfiguration.metrics.append(readPlanMetric)

    for p in Provinces.all {
        // 1. Scenario I/O: read and validate the folder (written once by the setup hook).
        Benchmark("Province \(p.label): scenario I/O (ScenarioLoader.load)", configuration: cheapConfiguration,
                  closure: { benchmark in
                      let folder = try p.folder()
                      benchmark.startMeasurement()
                      let loaded = try ScenarioLoader.load(from: folder)
                      benchmark.stopMeasurement()
                      if loaded.scenario.schools.count != p.schools {
                          benchmark.error("loaded \(loaded.scenario.schools.count) schools, expected \(p.schools)")
                      }
                      blackHole(loaded)
                  },
                  setup: { _ = try p.folder() },
                  teardown: { p.removeFolder() })

        // 2. Derived quantities: need, shortages, priorities, candidate pairs.
        Benchmark("Province \(p.label): derive (DerivedQuantities)", configuration: cheapConfiguration,
                  closure: { benchmark in
                      let scenario = p.scenario
                      benchmark.startMeasurement()
                      let derived = DerivedQuantities(scenario)
                      benchmark.stopMeasurement()
                      blackHole(derived)
                  },
                  setup: { _ = p.scenario })

        // 3. The plan model (MODEL.md formulation) from the scenario and its derived quantities.
        Benchmark("Province \(p.label): build (Formulation .plan)", configuration: cheapConfiguration,
                  closure: { benchmark in
                      let scenario = p.scenario, derived = p.derived
                      benchmark.startMeasurement()
                      let formulation = Formulation(scenario: scenario, derived: derived, purpose: .plan)
                      benchmark.stopMeasurement()
                      blackHole(formulation)
                  },
                  setup: { _ = p.derived })

        // 4. Validate and load the model into GLPK, then free it.
        Benchmark("Province \(p.label): load into GLPK (GLPKProblem + close)", configuration: cheapConfiguration,
                  closure: { benchmark in
                      let model = p.formulation.model
                      benchmark.startMeasurement()
                      let problem = try GLPKProblem(model: model)
                      try problem.close()
                      benchmark.stopMeasurement()
                      blackHole(problem)
                  },
                  setup: { _ = p.formulation })
    }

    for p in Provinces.solved {
        // 5. GLPKSolver.solve of the plan model as the planner runs it (validate, load, solve,
        //    MIP duals, read the solution back, free).
        Benchmark("Province \(p.label): solve (GLPKSolver.solve, MIP duals)", configuration: solveConfiguration,
                  closure: { benchmark in
                      let model = p.formulation.model, options = p.glpkOptions
                      benchmark.startMeasurement()
                      let solution = try GLPKSolver.solve(model, options: options)
                      benchmark.stopMeasurement()
                      guard solution.status.hasFeasiblePoint else {
                          benchmark.error("plan model: no feasible point: \(solution.status.message)")
                          return
                      }
                      blackHole(solution)
                  },
                  setup: { _ = p.formulation })

        // 6. The whole plan (Planner.read is internal): derive, build, load + solve, read plan;
        //    price of fairness off. The Planner's own "read plan" phase time is a custom metric.
        Benchmark("Province \(p.label): plan end-to-end (Planner.solve, no price of fairness)",
                  configuration: planConfiguration,
                  closure: { benchmark in
                      let scenario = p.scenario, options = Province.plannerOptions
                      benchmark.startMeasurement()
                      let result = try Planner.solve(scenario, options: options)
                      benchmark.stopMeasurement()
                      guard result.plan != nil else {
                          benchmark.error("no plan: \(result.statusDetail)")
                          return
                      }
                      if let read = result.timings.phases.first(where: { $0.name == "read plan" }) {
                          benchmark.measurement(readPlanMetric, Int((read.seconds * 1e6).rounded()))
                      }
                      blackHole(result)
                  },
                  setup: { _ = p.scenario })

        // 7. Equity metrics and teacher indicators of a solved plan.
        Benchmark("Province \(p.label): metrics (PlanReport)", configuration: cheapConfiguration,
                  closure: { benchmark in
                      let scenario = p.scenario, result = try p.plan()
                      benchmark.startMeasurement()
                      let report = PlanReport(result: result, scenario: scenario)
                      benchmark.stopMeasurement()
                      if report.metrics == nil { benchmark.error("no metrics: the plan is empty") }
                      blackHole(report)
                  },
                  setup: { _ = try p.plan() })
    }
}
