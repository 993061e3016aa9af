@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A multi-year plan certified by its years (docs/model.md §23, "A plan certified by its years"):
/// the years planned one after another give a plan of the horizon, the Lagrangian relaxation of
/// the rows that tie them a bound, and on every multi-year fixture bound ≤ the hand-derived (and
/// oracle-checked) optimum ≤ plan.
@Suite("A multi-year plan certified by its years")
struct HorizonCertifiedPlanTests {
    /// The cases with an optimum of several years and no re-plan.
    static func cases() -> [String] {
        multiYearFixtureCases().filter { !$0.contains("infeasible") }
    }

    static func expectedObjective(_ name: String) throws -> Double? {
        let parts = name.split(separator: "|", maxSplits: 1).map(String.init)
        let file = multiYearFixturesRoot.appendingPathComponent("\(parts[0])/expected.json")
        let whole = try JSONDecoder().decode(MultiYearExpected.self, from: Data(contentsOf: file))
        return parts.count == 1 ? whole.objective : whole.variants?[parts[1]]?.objective
    }

    @Test("bound ≤ the optimum ≤ the plan by years, and a certified plan is within its gap", arguments: cases())
    func boundAndPlanBracketTheOptimum(name: String) throws {
        var scenario = try HorizonWarmStartTests.scenario(name)
        guard (scenario.horizon?.years.count ?? 1) > 1, let optimum = try Self.expectedObjective(name) else { return }
        scenario.solver.mipGap = 5e-3
        let horizon = HorizonFormulation(scenario: scenario)
        var parameters = SolverParameters()
        parameters.relativeGap = 5e-3
        var clock = PhaseTimings()
        let byYears = try HorizonCertifiedPlan(horizon, solver: GLPKSolver(), parameters: parameters, label: "plan", clock: &clock)
        let scale = horizon.moneyScale, tolerance = 1e-6 * max(1, abs(optimum))
        guard let upper = byYears.upper else { return }  // a year without a plan: the whole horizon decides
        #expect(upper / scale >= optimum - tolerance, "\(name): plan by years \(upper / scale) below the optimum \(optimum)")
        let bound = try #require(byYears.bound, "\(name): no bound")
        #expect(bound / scale <= optimum + tolerance, "\(name): bound \(bound / scale) above the optimum \(optimum)")
        if let certified = byYears.certified {
            let gap = (upper - horizon.model.objectiveValue(at: certified.values)) // 0: the certified point is the plan
            #expect(abs(gap) <= 1e-9 * max(1, abs(upper)))
            #expect((upper / scale - optimum) <= 5e-3 * abs(upper - horizon.model.objectiveConstant) / scale + tolerance,
                    "\(name): certified plan \(upper / scale) not within the gap of \(optimum)")
        }
    }

    @Test("the whole solve at gap 0.005 is within that gap of the optimum", arguments: cases())
    func solveWithinTheGap(name: String) throws {
        var scenario = try HorizonWarmStartTests.scenario(name)
        guard (scenario.horizon?.years.count ?? 1) > 1, let optimum = try Self.expectedObjective(name) else { return }
        scenario.solver.mipGap = 5e-3
        let result = try HorizonPlanner.solve(scenario, options: PlannerOptions()).result
        let objective = try #require(result.objective, "\(name): no plan")
        let constant = result.objectiveConstant ?? 0
        #expect(objective >= optimum - 1e-6 * max(1, abs(optimum)), "\(name): \(objective) below the optimum \(optimum)")
        #expect(objective - optimum <= 5e-3 * abs(objective - constant) + 1e-6 * max(1, abs(optimum)),
                "\(name): \(objective) not within 0.5% of \(optimum)")
    }

    /// lagrangian_two_year_post (README): λ(present[G1,A]@2025) = 400 and 0 on the other priced
    /// rows give L(λ) = 1400, the optimum; λ = 0 gives 1000; the plan by years is the optimum and
    /// the subgradient steps from the years' duals certify it at gap 0.005.
    @Test("the hand case: the right multipliers give the optimum")
    func handCase() throws {
        var scenario = try HorizonWarmStartTests.scenario("lagrangian_two_year_post")
        let horizon = HorizonFormulation(scenario: scenario)
        let scale = horizon.moneyScale
        var lagrangian = HorizonLagrangianBound(horizon, solver: GLPKSolver(), parameters: SolverParameters())
        #expect(lagrangian.linkRowCount == 3)
        var multipliers = [Double](repeating: 0, count: horizon.model.constraintCount)
        #expect(abs(try #require(try lagrangian.value(at: multipliers)) / scale - 1000) <= 1e-9)
        let present = try #require(horizon.model.rowNames.firstIndex(of: "present[G1,A]@2025"))
        multipliers[present] = 400 * scale
        #expect(abs(try #require(try lagrangian.value(at: multipliers)) / scale - 1400) <= 1e-9)
        scenario.solver.mipGap = 5e-3
        var parameters = SolverParameters()
        parameters.relativeGap = 5e-3
        var clock = PhaseTimings()
        let byYears = try HorizonCertifiedPlan(horizon, solver: GLPKSolver(), parameters: parameters, label: "plan", clock: &clock)
        #expect(abs(try #require(byYears.upper) / scale - 1400) <= 1e-9)
        #expect(byYears.certified != nil)
        let result = try HorizonPlanner.solve(scenario, options: PlannerOptions()).result
        #expect(result.status == .feasible)
        #expect(result.statusDetail.hasPrefix("A plan certified by its years"))
        #expect(abs((result.objective ?? 0) - 1400) <= 1e-9)
    }
    /// years_room_for_posts (README): 2024 planned alone posts both 2-year teachers and leaves 2025
    /// two at post for a shortage of 1 (before the room in the later years: no plan by years, the
    /// horizon solved whole). With 2025's shortage row written into 2024's model the plan by years
    /// is the optimum, 1000, and keeps every row of the horizon. Fails if a year again sends more
    /// than a later year's rows hold (no plan, or a joined point that misses a `present` row).
    @Test("a year keeps room in the later years for the teachers it posts")
    func roomForPosts() throws {
        let scenario = try HorizonWarmStartTests.scenario("years_room_for_posts")
        let horizon = HorizonFormulation(scenario: scenario)
        var parameters = SolverParameters()
        parameters.relativeGap = 5e-3
        var clock = PhaseTimings()
        let byYears = try HorizonCertifiedPlan(horizon, solver: GLPKSolver(), parameters: parameters, label: "plan", clock: &clock)
        let plan = try #require(byYears.plan, "no plan by years: \(byYears.note)")
        #expect(DispatchRounding(horizon.model).satisfiesEveryRow(plan))
        #expect(abs(try #require(byYears.upper) / horizon.moneyScale - 1000) <= 1e-9)
        let posted = try #require(horizon.model.columnNames.firstIndex(of: "new_y[G1,A]@2024"))
        #expect(plan[posted] == 1)
        #expect(try #require(byYears.bound) / horizon.moneyScale <= 1000 + 1e-9)
    }
}
