@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A ``LinearSolver`` that records every call and passes it on to GLPK: which models were solved
/// from scratch, which were loaded into and re-solved on a session, which were written.
final class RecordingSolver: LinearSolver, ModelFileWriter, @unchecked Sendable {
    /// One call the backend received.
    struct Call: Equatable {
        enum Kind: Equatable { case solve, load, resolve, write }
        var kind: Kind
        var sense: ObjectiveSense
        var relativeGap: Double?
        var mipDuals: Bool
        var rows: Int
        /// Whether the solve was given a starting basis.
        var started = false
    }

    private let lock = NSLock()
    private var recorded: [Call] = []
    private let glpk = GLPKSolver()

    var calls: [Call] { lock.withLock { recorded } }
    var name: String { "recording \(glpk.name)" }

    func record(_ kind: Call.Kind, _ model: Model, _ parameters: SolverParameters?) {
        let call = Call(kind: kind, sense: model.sense, relativeGap: parameters?.relativeGap,
                        mipDuals: parameters?.mipDuals ?? false, rows: model.constraintCount,
                        started: parameters?.startingBasis != nil)
        lock.withLock { recorded.append(call) }
    }

    func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
        record(.solve, model, parameters)
        return try glpk.solve(model, parameters: parameters)
    }

    func makeSession() -> any SolverSession { Session(owner: self, inner: glpk.makeSession()) }

    func write(_ model: Model, to path: String, format: ModelFileFormat) throws {
        record(.write, model, nil)
        try glpk.write(model, to: path, format: format)
    }

    /// Records a session's loads and solves (a solve after a load is `resolve` when warm).
    final class Session: SolverSession {
        let owner: RecordingSolver
        let inner: any SolverSession
        var model = Model()
        var solvedSinceLoad = false

        init(owner: RecordingSolver, inner: any SolverSession) {
            self.owner = owner
            self.inner = inner
        }

        func load(_ model: Model) throws {
            self.model = model
            solvedSinceLoad = false
            owner.record(.load, model, nil)
            try inner.load(model)
        }

        func setBounds(_ variable: Variable, lower: Double, upper: Double) throws {
            try inner.setBounds(variable, lower: lower, upper: upper)
        }

        func setBounds(_ constraint: Constraint, lower: Double, upper: Double) throws {
            try inner.setBounds(constraint, lower: lower, upper: upper)
        }

        func setRow(_ constraint: Constraint, columns: [Int], coefficients: [Double]) throws {
            try inner.setRow(constraint, columns: columns, coefficients: coefficients)
        }

        func setObjectiveCoefficient(_ variable: Variable, _ value: Double) throws {
            try inner.setObjectiveCoefficient(variable, value)
        }

        func solve(parameters: SolverParameters) throws -> Solution {
            owner.record(solvedSinceLoad ? .resolve : .solve, model, parameters)
            solvedSinceLoad = true
            return try inner.solve(parameters: parameters)
        }

        func close() { inner.close() }
    }
}

/// Every way to a plan (Planner, Sweep, Compare, Decomposition, ModelExport) runs the one solve
/// pipeline: the same phases, in the same order, with the same solver settings, through the
/// backend the options name.
@Suite struct PipelineTests {
    static func example(_ name: String) throws -> Scenario {
        try CompareSweepTests.load(name)
    }

    static func fixture(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent(name)).scenario
    }

    /// F2's preparation (maximise t, gap 1e-9), then the plan (minimise, MIP duals), then the
    /// price of fairness (no duals): three solves from scratch.
    static let plannerPhases: [(sense: ObjectiveSense, gap: Double?, duals: Bool)] = [
        (.maximize, 1e-9, false), (.minimize, 1e-6, true), (.minimize, 1e-6, false),
    ]

    /// 07 (F2 hard): Planner.solve makes exactly the three solves of the pipeline, and the
    /// recording backend changes nothing (same objective as GLPK alone).
    @Test func plannerRunsThePhasesThroughTheOptionsSolver() throws {
        let scenario = try Self.example("07_maxmin_coverage")
        let recorder = RecordingSolver()
        var options = PlannerOptions()
        options.solver = recorder
        options.concurrentPriceOfFairness = false
        options.resolveClaims = false
        let result = try Planner.solve(scenario, options: options)
        let calls = recorder.calls
        #expect(calls.map(\.kind) == [.solve, .solve, .solve])
        #expect(calls.map(\.sense) == Self.plannerPhases.map(\.sense))
        #expect(calls.map(\.relativeGap) == Self.plannerPhases.map(\.gap))
        #expect(calls.map(\.mipDuals) == Self.plannerPhases.map(\.duals))
        let plain = try Planner.solve(scenario)
        #expect(result.objective == plain.objective && result.plan == plain.plan)
        #expect(result.maxminCoverage == plain.maxminCoverage && result.maxminCoverage != nil)
    }

    /// With F2 on, the fund claims come from one parametric LP (Claim+Level.swift) where the two
    /// phases' ranging has width on both sides, as at 07's two funds: one load and one solve of
    /// that LP (minimising) between the plan and the price of fairness, and no phase re-run —
    /// before, 2 funds × 2 sides × (phase 1, plan) = 8 solves.
    @Test func claimsOfF2ComeFromOneParametricLP() throws {
        let scenario = try Self.example("07_maxmin_coverage")
        let recorder = RecordingSolver()
        var options = PlannerOptions()
        options.solver = recorder
        options.concurrentPriceOfFairness = false
        let result = try Planner.solve(scenario, options: options)
        let calls = recorder.calls
        #expect(calls.count == 3 + 2)
        let between = calls.dropFirst(2).dropLast()
        #expect(between.map(\.kind) == [.load, .solve])
        #expect(between.map(\.sense) == [.minimize, .minimize])
        let claims = result.fundPrices.compactMap { $0.claim(.fundMarginalValue) }
        #expect(claims.count == 2 && claims.allSatisfy { $0.resolveStep == nil && $0.left != nil && $0.right != nil })
    }

    /// F2's phase 1 that stops at its time limit without a point proves nothing: the solve fails
    /// (status `failed`, exit 3) and says why, instead of calling the scenario infeasible and
    /// diagnosing it (which a loaded machine once made of the demo with F2).
    @Test func phaseOneStoppedWithoutAPointIsAFailureNotInfeasible() throws {
        final class LimitedPhaseOne: LinearSolver, @unchecked Sendable {
            let glpk = GLPKSolver()
            var name: String { "phase 1 at its limit" }
            func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
                guard model.sense == .maximize else { return try glpk.solve(model, parameters: parameters) }
                return Solution(status: SolveStatus(termination: .timeLimit, primal: .noSolution, dual: .unknown, rawCode: 0,
                                                    message: "the time limit has been exceeded"))
            }
            func makeSession() -> any SolverSession { glpk.makeSession() }
        }
        let scenario = try Self.example("07_maxmin_coverage")
        var options = PlannerOptions()
        options.solver = LimitedPhaseOne()
        options.concurrentPriceOfFairness = false
        let result = try Planner.solve(scenario, options: options)
        #expect(result.status == .failed)
        #expect(result.diagnosis == nil && result.plan == nil)
        #expect(result.statusDetail.contains("phase 1 found no point: the time limit has been exceeded"))
    }

    /// A sweep's block keeps one session per phase: 3 steps of 07 are 2 loads (phase 1, plan) and
    /// 6 solves, 4 of them warm re-solves; cold, the same 6 models are solved from scratch.
    @Test func sweepBlocksKeepOneSessionPerPhase() throws {
        let scenario = try Self.example("07_maxmin_coverage")
        let parameters = SweepParameters(target: .all, from: 0.5, to: 1.5, steps: 3, block: 3)
        let recorder = RecordingSolver()
        var options = SweepOptions()
        options.planner.solver = recorder
        options.planner.resolveClaims = false
        _ = try Sweep.run(scenario, parameters: parameters, options: options) { $0.warm }
        let warm = recorder.calls
        #expect(warm.map(\.kind) == [.load, .solve, .load, .solve, .resolve, .resolve, .resolve, .resolve])
        #expect(warm.filter { $0.kind != .load }.map(\.sense) == [.maximize, .minimize, .maximize, .minimize, .maximize, .minimize])
        let solves = warm.filter { $0.kind != .load }
        let phaseOneGaps = solves.filter { $0.sense == .maximize }.map(\.relativeGap)
        let planDuals = solves.filter { $0.sense == .minimize }.map(\.mipDuals)
        #expect(phaseOneGaps == [1e-9, 1e-9, 1e-9] && planDuals == [true, true, true])

        let coldRecorder = RecordingSolver()
        options.planner.solver = coldRecorder
        options.warmStart = false
        _ = try Sweep.run(scenario, parameters: parameters, options: options) { $0.warm }
        #expect(coldRecorder.calls.map(\.kind) == Array(repeating: .solve, count: 6))
        #expect(coldRecorder.calls.map(\.sense) == warm.filter { $0.kind != .load }.map(\.sense))
    }

    /// 09: every run of a comparison solves its plan, and its price of fairness when it has rules;
    /// every variant with a plan also solves its closest-to-base phase.
    @Test func compareRunsThePipelinePerRun() throws {
        let scenario = try Self.example("09_budget_variants")
        let recorder = RecordingSolver()
        var options = CompareOptions()
        options.planner.solver = recorder
        options.planner.resolveClaims = false
        options.jobs = 2
        let comparison = try Compare.run(scenario, options: options)
        let withRules = comparison.runs.filter { !$0.scenario.fairness.isEmpty }.count
        #expect(withRules >= 1 && withRules < comparison.runs.count)
        let calls = recorder.calls
        #expect(calls.allSatisfy { $0.kind == .solve })
        #expect(calls.filter(\.mipDuals).count == comparison.runs.count)
        let variantsWithPlans = comparison.variants.filter { $0.result.plan != nil }.count
        #expect(variantsWithPlans == comparison.variants.count)
        #expect(calls.filter { !$0.mipDuals }.count == withRules + variantsWithPlans)
    }

    /// Export runs F2's preparation through the backend, then writes phase 2 with it.
    @Test func exportPreparesAndWritesThroughTheBackend() throws {
        let scenario = try Self.example("07_maxmin_coverage")
        let recorder = RecordingSolver()
        var options = PlannerOptions()
        options.solver = recorder
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-07.lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let level = try ModelExport.write(scenario, to: path, format: .lp, options: options)
        #expect(recorder.calls.map(\.kind) == [.solve, .write])
        #expect(recorder.calls.map(\.sense) == [.maximize, .minimize])
        let solved = try Planner.solve(scenario)
        #expect(level == solved.maxminCoverage && level != nil)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// A backend that cannot write files is told so, and nothing is solved.
    @Test func exportNeedsAWriter() throws {
        struct SolveOnly: LinearSolver {
            var name: String { "solve-only" }
            func solve(_ model: Model, parameters: SolverParameters) throws -> Solution { try GLPKSolver().solve(model, parameters: parameters) }
            func makeSession() -> any SolverSession { GLPKSolver().makeSession() }
        }
        var options = PlannerOptions()
        options.solver = SolveOnly()
        let scenario = try Self.example("07_maxmin_coverage")
        #expect(throws: UnsupportedCapability.self) {
            try ModelExport.write(scenario, to: "/tmp/never-written.lp", format: .lp, options: options)
        }
    }

    /// The decomposition plans every part through the pipeline: per part and pass, the LP without
    /// rules and the plan started from its basis, no price of fairness; before them, the one split
    /// LP (maximising, docs/scaling.md).
    @Test func decompositionPartsRunThePipeline() throws {
        let scenario = ScenarioGenerator.generate(.init(schools: 240, regions: 12, seed: 4))
        let recorder = RecordingSolver()
        var options = DecompositionOptions()
        options.schoolsPerPart = 80
        options.rebalancePasses = 0
        options.planner.solver = recorder
        let decomposed = try Decomposition.solve(scenario, options: options)
        #expect(decomposed.parts.count >= 2)
        // Every part has a plan (no elastic diagnosis among the solves).
        #expect(decomposed.parts.allSatisfy { $0.status == .optimal || $0.status == .feasible })
        let plans = recorder.calls.filter(\.mipDuals).count
        #expect(plans % decomposed.parts.count == 0 && plans >= decomposed.parts.count)
        let split = recorder.calls.filter { $0.sense == .maximize }
        #expect(split.count == 1 && split.allSatisfy { $0.kind == .solve && !$0.mipDuals })
        let partSolves = recorder.calls.filter { $0.sense != .maximize }
        let plansStarted = partSolves.filter { $0.mipDuals }.allSatisfy { $0.started }
        let withoutRules = partSolves.filter { !$0.mipDuals }.count
        #expect(partSolves.allSatisfy { $0.kind == .solve } && plansStarted && withoutRules == plans)
    }

    // MARK: Warm starts

    /// A sweep re-solved from each step's basis gives, step by step, the plan a fresh solve
    /// gives: same status, objective, t* and every allocation and dispatch line (the fixtures'
    /// optima are unique, README.md beside each). Warm steps really were warm.
    @Test(arguments: ["f2_maxmin_hard", "dispatch_haversine", "f6_shortage_cap_hard", "priority_weights"])
    func warmSweepGivesTheFreshPlans(fixture: String) throws {
        let scenario = try Self.fixture(fixture)
        let parameters = SweepParameters(target: .all, from: 0.6, to: 1.4, steps: 5, block: 5)
        var options = SweepOptions()
        let warm = try Sweep.run(scenario, parameters: parameters, options: options) { ($0.result, $0.warm) }
        options.warmStart = false
        let fresh = try Sweep.run(scenario, parameters: parameters, options: options) { ($0.result, $0.warm) }
        #expect(warm.map(\.row.1) == [false, true, true, true, true])
        #expect(fresh.allSatisfy { !$0.row.1 })
        for ((step, (w, _)), (_, (f, _))) in zip(warm, fresh) {
            #expect(w.status == f.status, "\(fixture) step \(step)")
            #expect(close(w.objective, f.objective, 1e-9), "\(fixture) step \(step): \(String(describing: w.objective)) ≠ \(String(describing: f.objective))")
            #expect(close(w.maxminCoverage, f.maxminCoverage, 1e-9))
            let (wp, fp) = (try #require(w.plan), try #require(f.plan))
            for (a, b) in zip(wp.schools, fp.schools) {
                #expect(a.allocated.keys == b.allocated.keys)
                for (category, amount) in a.allocated {
                    #expect(close(amount, b.allocated[category], 1e-9), "\(fixture) step \(step): \(a.id)/\(category)")
                }
            }
            #expect(wp.dispatch.map(\.school) == fp.dispatch.map(\.school) && wp.dispatch.map(\.count) == fp.dispatch.map(\.count))
        }
    }

    // MARK: F2's preparation

    /// F2 with no non-mandatory need anywhere (MODEL.md §11): phase 1 is skipped, t* is null,
    /// and the plan is optimal (every need mandatory and met: objective 0).
    @Test func maxminWithoutCoverableNeedIsSkipped() throws {
        var scenario = try Self.example("02_mandatory_first")
        for k in scenario.categories.indices { scenario.categories[k].mandatory = true }
        scenario.funds[0].amount *= 10
        scenario.fairness.set(MaxminCoverageRule(mode: .hard, level: nil))
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal, "\(result.statusDetail)")
        #expect(result.maxminCoverage == nil)
        #expect(result.rulePrice("maxmin_coverage") == nil)
        #expect(close(result.objective, 0, 1e-9))
    }
}
