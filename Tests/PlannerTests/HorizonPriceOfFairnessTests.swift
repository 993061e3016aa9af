@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The price of fairness of a plan certified by its years is a range (docs/model.md §23, "The
/// price of fairness of a plan certified by its years"), checked against the whole horizon solved
/// exactly (the fixture's own gap of 10⁻⁶): the plan's price of fairness against the exact U
/// without rules lies in it, and with every rule hard so does the exact plan's.
@Suite("The price of fairness of a plan certified by its years")
struct HorizonPriceOfFairnessTests {
    /// The multi-year fixtures with a fairness rule, certified at `gap`: (certified result, exact result).
    static func solved(_ name: String, gap: Double) throws -> (certified: PlanResult, exact: PlanResult)? {
        var scenario = try HorizonWarmStartTests.scenario(name)
        let years = scenario.yearScenarios()
        guard years.count > 1, years.contains(where: { !$0.fairness.isEmpty }) else { return nil }
        let exact = try HorizonPlanner.solve(scenario, options: PlannerOptions()).result
        scenario.solver.mipGap = gap
        let certified = try HorizonPlanner.solve(scenario, options: PlannerOptions()).result
        guard exact.status == .optimal, certified.relativeGap != nil, certified.statusDetail.hasPrefix("A plan certified") else { return nil }
        return (certified, exact)
    }

    /// Would catch an end on the wrong side of the true value: a sign or constant slip, the rules'
    /// multipliers carried to the wrong rows (a bound above the optimum without rules), a lower end
    /// from a soft rule's plan.
    @Test("the range holds the price of fairness from the exact whole-horizon solve", arguments: HorizonCertifiedPlanTests.cases())
    func rangeHoldsTheExactPriceOfFairness(name: String) throws {
        guard let (certified, exact) = try Self.solved(name, gap: 5e-3) else { return }
        let range = try #require(certified.priceOfFairnessRange, "\(name): no range: \(certified.statusDetail)")
        #expect(certified.priceOfFairness == nil && certified.benefitWithoutFairness == nil)
        #expect(certified.statusNotes.last == .priceOfFairnessRange)
        let bestWithoutRules = try #require(exact.benefitWithoutFairness), planBenefit = try #require(certified.benefit)
        let planPrice = (bestWithoutRules - planBenefit) / bestWithoutRules, tolerance = 1e-9
        #expect(range.atLeast >= 0 && range.atLeast <= range.atMost && range.atMost < 1, "\(name): \(range)")
        #expect(planPrice >= range.atLeast - tolerance && planPrice <= range.atMost + tolerance,
                "\(name): the plan's price of fairness \(planPrice) outside \(range)")
        let everyRuleHard = try HorizonWarmStartTests.scenario(name).yearScenarios().allSatisfy {
            $0.fairness.rules.allSatisfy(\.mode.isHard)
        }
        if everyRuleHard, let exactPrice = exact.priceOfFairness {
            #expect(exactPrice >= range.atLeast - tolerance && exactPrice <= range.atMost + tolerance,
                    "\(name): the optimum's price of fairness \(exactPrice) outside \(range)")
        }
    }

    /// The hand cases of docs/model.md §23: the years do not interact, so both bounds are exact.
    /// Would catch a lower end left at 0 when the no-rule plan could raise it, an upper end from the
    /// plan's objective instead of its U (the soft floor's penalty: 1 − (9000 − 3400)/6000 = 6.7%).
    @Test("hand cases: 15% exactly with a hard floor, at most 1.67% with a soft one")
    func handCases() throws {
        let (hard, hardExact) = try #require(try Self.solved("fairness_from_year2|floor every year", gap: 0.01))
        let hardRange = try #require(hard.priceOfFairnessRange)
        #expect(abs(hardRange.atLeast - 0.15) <= 1e-9 && abs(hardRange.atMost - 0.15) <= 1e-9, "\(hardRange)")
        #expect(abs((hardExact.priceOfFairness ?? -1) - 900.0 / 6000) <= 1e-9)
        let (soft, softExact) = try #require(try Self.solved("fairness_from_year2|soft floor from 2025", gap: 0.01))
        let softRange = try #require(soft.priceOfFairnessRange)
        #expect(softRange.atLeast == 0 && abs(softRange.atMost - 100.0 / 6000) <= 1e-9, "\(softRange)")
        #expect(abs((softExact.priceOfFairness ?? -1) - 100.0 / 6000) <= 1e-9)
    }
}
