@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// What a solve says about itself: the relative MIP gap GLPK stops on, the units of soft
/// violations, and F2's phase 1 settled by two LPs giving the t* branch and bound gives.
@Suite struct ReportedNumbersTests {
    /// Generated provinces with integer dispatch and F2 hard (seeds as in GeneratedScenarioTests).
    static func generatedWithMaxmin(schools: Int, regions: Int, seed: UInt64) -> Scenario {
        var scenario = ScenarioGenerator.generate(.init(schools: schools, regions: regions, seed: seed, fairness: .default))
        scenario.fairness.set(MaxminCoverageRule(mode: .hard, level: nil))
        scenario.dispatch.integer = true
        scenario.solver = SolverSettings(timeLimitSeconds: 120, mipGap: 1e-6)
        return scenario
    }

    /// The plan model of `scenario` (no F2) solved by GLPK with MIP duals, and its formulation.
    static func solvedPlan(_ scenario: Scenario) throws -> (Formulation, Solution) {
        let formulation = Formulation(scenario: scenario, derived: DerivedQuantities(scenario), purpose: .plan,
                                      rules: FairnessRegistry.rules(for: scenario.fairness, purpose: .plan))
        var parameters = SolverParameters()
        parameters.mipDuals = true
        let solution = try GLPKSolver().solve(formulation.model, parameters: parameters)
        #expect(solution.status.isOptimal)
        return (formulation, solution)
    }

    /// The gap is GLPK's measure, |z − z̲| / |z − c| (c the objective constant); when GLPK stopped at
    /// the requested gap, the last bound it reported may be older than the one it stopped on, so
    /// the reported gap is capped by the request: the issue's 1.0088e-4 "within the requested MIP
    /// gap (0.0001)" reads 1e-4. Stopped by time, the measured gap stands.
    @Test func gapIsGLPKsMeasureAndWithinTheRequestWhenItStoppedThere() throws {
        var scenario = ScenarioGenerator.generate(.init(schools: 40, regions: 4, seed: 7, fairness: .default))
        scenario.solver = SolverSettings(timeLimitSeconds: 60, mipGap: 1e-4)
        let (formulation, solved) = try Self.solvedPlan(scenario)
        let z = try #require(solved.objectiveValue), c = formulation.model.objectiveConstant
        var stopped = solved
        stopped.bestBound = z - 1.0088e-4 * abs(z - c)
        stopped.status.termination = .gapLimit
        let atGap = PlanReader(formulation: formulation, solution: stopped).read()
        #expect(atGap.relativeGap == 1e-4)
        stopped.status.termination = .timeLimit
        let byTime = PlanReader(formulation: formulation, solution: stopped).read()
        #expect(abs(try #require(byTime.relativeGap) - 1.0088e-4) <= 1e-12)
        // The denominator is |z − c|, U less the soft penalties paid: here it differs from U.
        let benefit = try #require(byTime.benefit) * formulation.moneyScale
        #expect(abs(abs(z - c) - benefit) > 1e-6 * benefit || byTime.softViolations.isEmpty)
        stopped.status.termination = .optimal
        #expect(PlanReader(formulation: formulation, solution: stopped).read().relativeGap == nil)
    }

    /// Every soft violation carries its slack's unit: F4 money per pupil, F6 teachers, F1 money.
    @Test(arguments: [("f4_rural_parity_soft", "rural_parity", SlackUnit.moneyPerPupil),
                      ("f6_shortage_cap_soft", "shortage_cap", .teachers),
                      ("f1_coverage_floor_soft", "coverage_floor", .money)])
    func softViolationsCarryTheirUnit(fixture: String, rule: String, unit: SlackUnit) throws {
        let scenario = try PipelineTests.fixture(fixture)
        let result = try Planner.solve(scenario)
        #expect(result.softViolationUnits[rule] == unit)
    }

    /// Phase 1 of a mixed-integer F2 settled by its LP relaxation and the same LP with the
    /// integers rounded down gives the t* of branch and bound at gap 1e-9 (the old phase 1), and
    /// the plan built on it is the plan built on that t*.
    @Test(arguments: [(60, 6, UInt64(1)), (120, 10, 2), (250, 12, 4)])
    func phaseOneByTwoLPsGivesBranchAndBoundsLevel(schools: Int, regions: Int, seed: UInt64) throws {
        let scenario = Self.generatedWithMaxmin(schools: schools, regions: regions, seed: seed)
        let derived = DerivedQuantities(scenario)
        let phase1 = Formulation(scenario: scenario, derived: derived, purpose: .preparation)
        let t = try #require(phase1.ruleColumns[MaxminCoverageRule.levelColumn])
        #expect(phase1.model.isMixedInteger)
        var parameters = SolverParameters()
        parameters.relativeGap = MaxminCoverageRule.phase1Gap
        let branchAndBound = try GLPKSolver().solve(phase1.model, parameters: parameters)
        #expect(branchAndBound.status.isOptimal)
        let incremental = IncrementalSolver(solver: GLPKSolver())
        defer { incremental.close() }
        var warm: [Bool] = []
        let context = RulePreparationContext(scenario: scenario, derived: derived, moneyScale: nil) { model, gap, _, _ in
            var parameters = SolverParameters()
            parameters.relativeGap = gap
            let (solution, wasWarm) = try incremental.solve(model, parameters: parameters)
            warm.append(wasWarm)
            return solution
        }
        let certificate = try MaxminCoverageRule.certifiedLevel(phase1.model, t, context)
        guard case let .proved(level, _, _) = certificate else {
            Issue.record("phase 1 not settled by the two LPs: \(certificate)")
            return
        }
        #expect(abs(level - branchAndBound[t]) <= MaxminCoverageRule.phase1Gap * max(1, abs(branchAndBound[t])),
                "two LPs \(level), branch and bound \(branchAndBound[t])")
        #expect(warm == [false, true], "the second LP is re-solved from the first's basis")
        let result = try Planner.solve(scenario)
        #expect(result.maxminCoverage == level && result.status != .failed)
        try Invariants.check(scenario, result)
        // Phase 2 by branch and bound at gap 0 on the same t*: the plan is within the scenario's gap
        // of it (and never better), and its reported gap is at most the requested one.
        let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
            .map { $0 is MaxminCoverageRule ? MaxminCoverageRule(mode: .hard, level: level) : $0 }
        let phase2 = Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: rules)
        var exact = SolverParameters()
        exact.relativeGap = 0
        let optimum = try GLPKSolver().solve(phase2.model, parameters: exact)
        let best = try #require(optimum.objectiveValue) / phase2.moneyScale, planned = try #require(result.objective)
        let scale = abs(best - phase2.objectiveConstant)
        #expect(planned >= best - 1e-9 * scale && planned - best <= 1e-6 * scale, "plan \(planned), optimum \(best)")
        #expect((result.relativeGap ?? 0) <= 1e-6)
    }
}
