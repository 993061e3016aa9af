@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// The dispatch rounding heuristic (docs/model.md §13, "An integer plan when the relaxation is
/// fractional"): on hand-derived fixtures its plan is the optimum; on generated provinces whose
/// relaxation is fractional its plan satisfies every row of the model, and the planner's final
/// gap is within the scenario's MIP gap.
@Suite struct DispatchRoundingTests {
    /// What the heuristic gives on `scenario`'s plan model, run outside the planner: its LPs with
    /// the integers fixed are solved from scratch by GLPK (the planner re-solves them warm).
    struct Run {
        var model: Model
        var relaxation: Solution
        var roundedDown: [Double]
        var point: [Double]?
    }

    static func run(_ scenario: Scenario) throws -> Run {
        let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
        let model = Formulation(scenario: scenario, purpose: .plan, rules: rules).model
        let relaxed = model.relaxingIntegers()
        let relaxation = try GLPKSolver().solve(relaxed, parameters: SolverParameters())
        try #require(relaxation.status.isOptimal)
        var report = DispatchRounding.Report()
        let point = try DispatchRounding(model).point(relaxation, { point in
            try GLPKSolver().solve(relaxed.fixingIntegers(of: model, roundedDownFrom: point), parameters: SolverParameters())
        }, report: &report)
        return Run(model: model, relaxation: relaxation, roundedDown: model.integersRoundedDown(relaxation.values), point: point)
    }

    /// Every row and column bound of `model` holds at `point` (relative tolerance 1e-7 of the
    /// bound, absolute 1e-6 near 0), and every integer column is a whole number.
    static func expectFeasible(_ model: Model, _ point: [Double], _ name: String) {
        func within(_ value: Double, _ lower: Double, _ upper: Double) -> Bool {
            value >= lower - 1e-6 - 1e-7 * abs(lower) && value <= upper + 1e-6 + 1e-7 * abs(upper)
        }
        for j in 0..<model.variableCount {
            #expect(within(point[j], model.columnLower[j], model.columnUpper[j]), "\(name): column \(model.columnNames[j])")
            if model.columnKind[j] != .continuous { #expect(point[j] == point[j].rounded(), "\(name): \(model.columnNames[j]) not whole") }
        }
        for i in 0..<model.constraintCount {
            let activity = model.row(Constraint(index: i)).reduce(0) { $0 + $1.1 * point[$1.0] }
            #expect(within(activity, model.rowLower[i], model.rowUpper[i]), "\(name): row \(model.rowNames[i]) at \(activity)")
        }
    }

    static func objective(_ model: Model, _ point: [Double]) -> Double {
        zip(model.objective, point).reduce(model.objectiveConstant) { $0 + $1.0 * $1.1 }
    }

    static func fixture(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent(name)).scenario
    }

    /// dispatch_rounding_repair (README): the relaxation sends 2.4 teachers to A; rounded down,
    /// 40 CNY are free; the repair gives them to G3→C, which is the optimum, and the planner says
    /// its dispatch is the heuristic's.
    @Test func repairedPlanIsTheHandDerivedOptimum() throws {
        let scenario = try Self.fixture("dispatch_rounding_repair")
        let run = try Self.run(scenario)
        #expect(run.model.columnKind.indices.contains { run.model.columnKind[$0] != .continuous
            && run.relaxation.values[$0] != run.relaxation.values[$0].rounded() }, "the relaxation is fractional")
        let point = try #require(run.point)
        Self.expectFeasible(run.model, point, "repair")
        // Money is scaled inside the model: compare in the scenario's points through the plan.
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal)
        #expect(abs((result.objective ?? 0) - 4000) <= 1e-6 * 4000)
        let scale = (Self.objective(run.model, point) - run.model.objectiveConstant) / (4000 - result.objectiveConstant)
        #expect(abs(Self.objective(run.model, point) - run.model.objectiveConstant - scale * (4000 - 12000)) <= 1e-6)
        #expect(result.statusDetail.contains("rounded down and repaired (docs/model.md §13); branch and bound found no better one"))
    }

    /// dispatch_rounding_f7 (README): the relaxation's y rounded down breaks hard F7 (A 1, B 1:
    /// 1 < 1.5); the heuristic's point restores it (A 2, B 1), and that is the optimum.
    @Test func repairRestoresHardDispatchShare() throws {
        let scenario = try Self.fixture("dispatch_rounding_f7")
        let run = try Self.run(scenario)
        let f7 = try #require(run.model.rowNames.firstIndex { $0 == "dispatch_county_share" })
        let roundedActivity = run.model.row(Constraint(index: f7)).reduce(0) { $0 + $1.1 * run.roundedDown[$1.0] }
        #expect(roundedActivity < run.model.rowLower[f7] - 1e-9, "rounding down alone breaks F7")
        let point = try #require(run.point)
        Self.expectFeasible(run.model, point, "f7")
        let dispatched = run.model.columnKind.indices.filter { run.model.columnKind[$0] != .continuous }.map { point[$0] }
        #expect(dispatched.reduce(0, +) == 3)
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal && abs((result.objective ?? 0) - 3000) <= 1e-6 * 3000)
        #expect(result.statusDetail.contains("rounded down and repaired"))
    }

    /// Generated provinces of three shapes whose relaxation is fractional (found by solving them:
    /// candidate limit 20 with 60 groups; money at 0.8 with hard rules; 60 groups with hard rules).
    static let fractionalShapes: [(name: String, options: ScenarioGenerator.Options)] = [
        ("candidates-20", shape(seed: 7, groups: 60, candidateLimit: 20, supply: 0.3)),
        ("tight-money", shape(seed: 3, groups: 60, fairness: .hard, supply: 0.3, money: 0.8)),
        ("60 groups, hard", shape(seed: 5, groups: 60, fairness: .hard, supply: 0.3)),
    ]

    static func shape(seed: UInt64, groups: Int? = nil, candidateLimit: Int? = nil,
                      fairness: ScenarioGenerator.FairnessPreset = .default, supply: Double,
                      money: Double = 1) -> ScenarioGenerator.Options {
        var options = ScenarioGenerator.Options(schools: 300, regions: 20, seed: seed, teacherGroups: groups,
                                                candidateLimit: candidateLimit, fairness: fairness)
        options.teacherSupply = supply
        options.moneyScale = money
        return options
    }

    /// The heuristic's point satisfies every row of the plan model, is no better than the
    /// relaxation's bound, and the planner's plan is within the scenario's MIP gap of its bound
    /// (or says it stopped at a limit) and keeps the plan invariants.
    @Test(arguments: 0..<fractionalShapes.count)
    func heuristicPlanIsFeasibleAndGapCertified(index: Int) throws {
        let (name, options) = Self.fractionalShapes[index]
        let scenario = ScenarioGenerator.generate(options)
        let run = try Self.run(scenario)
        let fractional = run.model.columnKind.indices.contains { run.model.columnKind[$0] != .continuous
            && abs(run.relaxation.values[$0] - run.relaxation.values[$0].rounded()) > 1e-9 }
        #expect(fractional, "\(name): the relaxation is fractional")
        let point = try #require(run.point, "\(name): the heuristic found a plan")
        Self.expectFeasible(run.model, point, name)
        #expect(DispatchRounding(run.model).satisfiesEveryRow(point))
        var broken = point
        if let k = run.model.columnKind.indices.first(where: { run.model.columnKind[$0] != .continuous }) { broken[k] = run.model.columnUpper[k] + 1 }
        #expect(!DispatchRounding(run.model).satisfiesEveryRow(broken), "a point beyond a bound is not offered")
        let bound = try #require(run.relaxation.objectiveValue)
        #expect(Self.objective(run.model, point) >= bound - 1e-9 * abs(bound))
        let result = try Planner.solve(scenario)
        #expect(result.statusDetail.contains("rounded down and repaired"), "\(name): \(result.statusDetail)")
        if result.status == .optimal {
            #expect((result.relativeGap ?? 0) <= (scenario.solver.mipGap ?? 0) + 1e-12, "\(name): gap \(result.relativeGap ?? 0)")
        } else {
            #expect(result.statusDetail.contains("time limit") || result.statusDetail.contains("stopped"), "\(name): \(result.statusDetail)")
        }
        try Invariants.check(scenario, result)
    }
}
