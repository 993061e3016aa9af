@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// F2's fund claims read from the parametric LP (Claim+Level.swift) on integer plans. A side from
/// the two phases' ranging states the objective with t* re-optimised and each phase's dispatch
/// held: checked by re-solving both phases so (phase 1's LP with its integers fixed at the
/// amount moved, then the plan's LP with its integers fixed at that t*) at the interval's ends,
/// and by re-running the whole pipeline (dispatch re-planned) one step inside, which was the
/// claim before (a finite difference over the step).
@Suite struct MaxminClaimTests {
    /// The two LPs whose integers the claims hold, at the scenario's own amounts.
    struct Held {
        let scenario: Scenario
        let derived: DerivedQuantities
        let phase1Integers: [Double]
        let planIntegers: [Double]
        /// The plan's objective as solved here (the pipeline's, when the integers are the same).
        let planObjective: Double
        let moneyScale: Double

        init(_ scenario: Scenario) throws {
            self.scenario = scenario
            derived = DerivedQuantities(scenario)
            let phase1 = Formulation(scenario: scenario, derived: derived, purpose: .preparation)
            moneyScale = phase1.moneyScale
            let t = try #require(phase1.ruleColumns[MaxminCoverageRule.levelColumn])
            let context = RulePreparationContext(scenario: scenario, derived: derived, moneyScale: nil) { model, gap, _, _ in
                var parameters = SolverParameters()
                parameters.relativeGap = gap
                return try GLPKSolver().solve(model, parameters: parameters)
            }
            guard case let .proved(level, repaired?, _) = try MaxminCoverageRule.certifiedLevel(phase1.model, t, context) else {
                throw CancellationError()
            }
            phase1Integers = repaired.values
            let plan = Self.plan(scenario, derived, level: level, moneyScale: moneyScale)
            let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: PlannerOptions())
            // As the pipeline plans after t*: the two LPs when they settle it, else branch and bound.
            var parameters = pipeline.parameters()
            parameters.mipDuals = true
            let solved = try pipeline.roundedPlan(plan.model, parameters) ?? GLPKSolver().solve(plan.model, parameters: parameters)
            planIntegers = solved.values
            planObjective = try #require(solved.objectiveValue) / moneyScale
        }

        static func plan(_ scenario: Scenario, _ derived: DerivedQuantities, level: Double, moneyScale: Double) -> Formulation {
            let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
                .map { $0 is MaxminCoverageRule ? MaxminCoverageRule(mode: .hard, level: level) : $0 }
            return Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: rules, moneyScale: moneyScale)
        }

        /// `model` as an LP with its integer columns fixed at `values` (integral already: the
        /// rounding's 1e-9 keeps them).
        static func fixed(_ model: Model, at values: [Double]) -> Model {
            model.relaxingIntegers().fixingIntegers(of: model, roundedDownFrom: values)
        }

        /// The final objective with fund `fi` at `amount`, t* re-optimised, each phase's dispatch held.
        func objective(fund fi: Int, amount: Double) throws -> Double? {
            var moved = scenario
            moved.funds[fi].amount = amount
            let phase1 = Formulation(scenario: moved, derived: derived, purpose: .preparation, moneyScale: moneyScale)
            let t = try #require(phase1.ruleColumns[MaxminCoverageRule.levelColumn])
            let level = try GLPKSolver().solve(Self.fixed(phase1.model, at: phase1Integers), parameters: SolverParameters())
            guard level.status.isOptimal else { return nil }
            let plan = Self.plan(moved, derived, level: level[t], moneyScale: moneyScale)
            let z = try GLPKSolver().solve(Self.fixed(plan.model, at: planIntegers), parameters: SolverParameters())
            return z.status.isOptimal ? z.objectiveValue.map { $0 / moneyScale } : nil
        }
    }

    @Test(arguments: [(60, 6, UInt64(1))])
    func fundSidesFromTheRangingHold(schools: Int, regions: Int, seed: UInt64) throws {
        let scenario = ReportedNumbersTests.generatedWithMaxmin(schools: schools, regions: regions, seed: seed)
        let result = try Planner.solve(scenario, options: ClaimPropertyTests.options(resolve: true))
        let plan = try #require(result.plan), objective = try #require(result.objective)
        let held = try Held(scenario)
        let base = try #require(try held.objective(fund: 0, amount: scenario.funds[0].amount))
        #expect(abs(held.planObjective - objective) <= 1e-9 * max(1, abs(objective)), "not the pipeline's plan")
        #expect(abs(base - objective) <= 1e-9 * max(1, abs(objective)), "the held re-solve at the amounts")
        var fromRanging = 0
        for (fi, fund) in plan.funds.enumerated() {
            let claim = try #require(result.fundPrice(fund.id)?.claim(.fundMarginalValue))
            #expect(claim.text.contains("t* re-optimised"))
            let amount = fund.amount, step = ClaimResolver.step(for: amount)
            // Each end of a side from the ranging (an open end: ten times the amount away).
            var ends: [(end: Double, value: Double)] = []
            if let right = claim.right, claim.validTo != amount + (claim.resolveStep ?? -1) {
                ends.append((claim.validTo ?? 11 * max(amount, 1), right))
            }
            if let left = claim.left, claim.validFrom != amount - (claim.resolveStep ?? -1) {
                ends.append((max(claim.validFrom ?? 0, 0), left))
            }
            for (end, value) in ends where abs(end - amount) > step {
                fromRanging += 1
                let moved = try #require(try held.objective(fund: fi, amount: end), "no plan at \(end): \(claim)")
                // Benefit per unit: the objective falls by value × (end − amount).
                let predicted = base - value * (end - amount)
                #expect(abs(moved - predicted) <= 1e-7 * max(1, abs(base)), "\(fund.id) at \(end): \(moved) vs \(predicted)")
                // One step inside, the whole pipeline re-run (the finite difference the claim was before).
                let inside = amount + (end > amount ? step : -step)
                let rerun = try #require(try ClaimPropertyTests.objective(scenario, fund: fi, amount: inside))
                let slope = (objective - rerun) / (inside - amount)
                #expect(abs(slope - value) <= 1e-6 * max(1, abs(value)) + 2e-8 * max(1, abs(objective)) / step,
                        "\(fund.id): re-run \(slope), claim \(value)")
            }
        }
        #expect(fromRanging > 0, "no F2 claim side came from the parametric LP")
    }
}
