@testable import EduplanPlanner
import EduplanScenario
import GLPKSolver
import LinearProgramming
import Testing

/// F2's plan started from phase 1's optimal basis (``MaxminCoverageRule/planStartingBasis(_:)``,
/// docs/model.md §13). The start must be a valid basis of the plan (one basic entry per row,
/// non-singular: t's place goes to the coverage row with the largest phase-1 dual) and must not
/// change the plan's optimum. These tests would catch a start that GLPK cannot factorise (it falls
/// back to the standard basis and the dual simplex: as many pivots as from scratch), one that
/// leaves the plan's optimum (another objective) or a mapping that loses the start (nil).
@Suite struct MaxminPlanStartTests {
    /// The generated province with F2 (hard or soft), alone or beside the generator's default rules.
    /// Its MIP gap is 1e-2: the plan's rounded relaxation (0.29% from its bound here) is taken, as
    /// on the demo, instead of a branch and bound that finds no plan at 1e-6.
    static func scenario(soft: Bool, alone: Bool, schools: Int = 120) -> Scenario {
        var scenario = ReportedNumbersTests.generatedWithMaxmin(schools: schools, regions: 6, seed: 3)
        scenario.solver = SolverSettings(timeLimitSeconds: 120, mipGap: 1e-2)
        if alone { scenario.fairness = FairnessSettings() }
        scenario.fairness.set(MaxminCoverageRule(mode: soft ? .soft(penalty: 2) : .hard, level: nil))
        return scenario
    }

    /// Soft F2 beside another soft rule is left out: the other rule's slack is numbered after F2's
    /// in the plan and before it in phase 1, so the names do not match and there is no start (the
    /// plan is solved from scratch, as before).
    @Test(arguments: [(false, true), (true, true), (false, false)])
    func planFromPhase1sBasisHasTheSameOptimumInFewerPivots(soft: Bool, alone: Bool) throws {
        let scenario = Self.scenario(soft: soft, alone: alone)
        let pipeline = SolvePipeline(scenario: scenario, derived: DerivedQuantities(scenario), options: PlannerOptions())
        var clock = PhaseTimings()
        let prepared = try #require(try pipeline.prepareRules(&clock))
        let plan = pipeline.planFormulation(prepared.rules)
        let start = try #require(plan.startingBasisFromLevel)
        #expect(start.basicCount == plan.model.constraintCount)
        #expect(start.rows.count == plan.model.constraintCount && start.columns.count == plan.model.variableCount)

        let relaxation = plan.model.relaxingIntegers()
        let cold = try GLPKSolver().solve(relaxation, parameters: SolverParameters())
        var fromPhase1 = SolverParameters()
        fromPhase1.startingBasis = start
        fromPhase1.startingBasisIsPrimalFeasible = true
        let warm = try GLPKSolver().solve(relaxation, parameters: fromPhase1)
        #expect(cold.status.isOptimal && warm.status.isOptimal)
        let z = try #require(cold.objectiveValue), zWarm = try #require(warm.objectiveValue)
        #expect(abs(z - zWarm) <= 1e-9 * max(1, abs(z)), "same LP optimum from either start")
        // Hard, the coverage rows leave the plan little room from phase 1's point: fewer pivots
        // (the demo: 260 against 10,216). Soft, the plan may go far from it (here 199 primal
        // pivots against 136 dual ones from scratch; the demo: 7,812 against 11,880).
        if !soft {
            #expect(warm.simplexIterations < cold.simplexIterations,
                    "from phase 1's basis \(warm.simplexIterations) pivots, from scratch \(cold.simplexIterations)")
        }
    }

    /// The whole pipeline (which starts the plan from phase 1's basis) against the same plan
    /// settled from scratch (the rounded relaxation without a start): the same plan objective.
    @Test(arguments: [false, true])
    func pipelinesObjectiveIsThePlanSettledFromScratch(soft: Bool) throws {
        let scenario = Self.scenario(soft: soft, alone: true)
        let result = try Planner.solve(scenario, options: PlannerOptions())
        let objective = try #require(result.objective)
        let pipeline = SolvePipeline(scenario: scenario, derived: DerivedQuantities(scenario), options: PlannerOptions())
        var timings = PhaseTimings()
        let prepared = try #require(try pipeline.prepareRules(&timings))
        let plan = pipeline.planFormulation(prepared.rules)
        #expect(plan.startingBasisFromLevel != nil)
        var parameters = pipeline.parameters()
        parameters.mipDuals = true
        let fromScratch = try #require(try pipeline.roundedPlan(plan.model, parameters))
        let z = try #require(fromScratch.objectiveValue) / plan.moneyScale
        #expect(abs(objective - z) <= 1e-9 * max(1, abs(z)), "pipeline \(objective), from scratch \(z)")
    }
}
