@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// F8's and F9's rows as region floors (issue 15): the marginal cost of each binding region's floor
/// in the JSON's claims, checked by re-solving with that floor moved inside its stated range, and
/// the rows priced in a decomposed solve's Lagrangian bound.
@Suite struct RegionFloorTests {
    /// The objective of `scenario` (an LP: no dispatch in these fixtures).
    static func objective(_ scenario: Scenario) throws -> Double {
        try #require(try Planner.solve(scenario).objective)
    }

    /// Checks one region claim by re-solving: with the region's floor moved to each point a quarter
    /// and three quarters of the way to the range's ends (both sides), the objective moves by the
    /// claim's value times the change. `moved(L)` is the scenario with the region's floor at L.
    static func check(_ claim: Claim, objective: Double, floor: Double, moved: (Double) throws -> Scenario) throws {
        let value = try #require(claim.value)
        let from = try #require(claim.validFrom), to = try #require(claim.validTo)
        #expect(claim.left == value && claim.right == value)
        for target in [from + 0.25 * (floor - from), from + 0.75 * (floor - from), floor + 0.5 * (to - floor), to] {
            let resolved = try Self.objective(moved(target))
            #expect(abs(resolved - (objective + value * (target - floor))) <= 1e-6 * max(1, abs(objective)),
                    "\(claim.subject) at \(target): \(resolved)")
        }
        // A little beyond the upper end the basis changes: the objective moves faster than stated.
        let beyond = to + 0.2 * (to - from)
        if let beyondObjective = try Planner.solve(try moved(beyond)).objective {
            #expect(beyondObjective > objective + value * (beyond - floor) + 1e-6, "\(claim.subject) beyond \(to)")
        }
    }

    /// f8_hold_harmless_hard (README): only r1's floor binds, 400 (half of last year's 800); a CNY more
    /// there moves a CNY from B (π 1.5) to A (π 1): 0.5 points, while B stays above its own floor
    /// 500 (r1's floor ≤ 500) and A's money stays ≥ 0 (floor ≥ 0). Re-solved at floors in [0, 500]
    /// and beyond.
    @Test func holdHarmlessRegionClaimIsReSolved() throws {
        let scenario = try PipelineTests.fixture("f8_hold_harmless_hard")
        let result = try Planner.solve(scenario)
        let price = try #require(result.rulePrice(HoldHarmlessRule.key))
        #expect(price.regionFloors.map(\.subject) == ["hold_harmless[r1]"])
        let claim = try #require(price.regionFloors.first)
        #expect(claim.kind == .regionFloorCost && claim.unit == "points per CNY")
        #expect(abs(try #require(claim.value) - 0.5) < 1e-9)
        let from = try #require(claim.validFrom), to = try #require(claim.validTo)
        #expect(abs(from) < 1e-6 && abs(to - 500) < 1e-6, "[\(from), \(to)]")
        #expect(result.claims.contains(claim), "the plan's claims (plan.json) carry it")
        #expect(claim.text.contains("hold_harmless[r1]") && claim.text.contains("0 CNY – 500 CNY"), "\(claim.text)")
        let rule = try #require(scenario.fairness.rule(HoldHarmlessRule.self))
        guard case let .table(file, money) = rule.setting.reference else { Issue.record("a table reference"); return }
        try Self.check(claim, objective: try #require(result.objective), floor: 400) { floor in
            var moved = scenario, reference = money
            reference[0] = floor / (1 - rule.setting.maxLoss)
            var setting = rule.setting
            setting.reference = .table(file: file, money: reference)
            moved.fairness.set(HoldHarmlessRule(setting: setting))
            return moved
        }
    }

    /// f9_per_pupil_floor_hard (README): only r3's floor binds, 400 (4 per pupil × 100); a CNY more
    /// moves a CNY from B (π 1.5) to C (π 1): 0.5 points, while B keeps ≥ 300 (floor ≤ 700) and
    /// C ≥ 0. Re-solved through the regions.csv column (φ_r3 = L / 100).
    @Test func perPupilRegionClaimIsReSolved() throws {
        let scenario = try PipelineTests.fixture("f9_per_pupil_floor_hard")
        let result = try Planner.solve(scenario)
        let price = try #require(result.rulePrice(PerPupilFloorRule.key))
        #expect(price.regionFloors.map(\.subject) == ["per_pupil_floor[r3]"])
        let claim = try #require(price.regionFloors.first)
        #expect(abs(try #require(claim.value) - 0.5) < 1e-9)
        let from = try #require(claim.validFrom), to = try #require(claim.validTo)
        #expect(abs(from) < 1e-6 && abs(to - 700) < 1e-6, "[\(from), \(to)]")
        try Self.check(claim, objective: try #require(result.objective), floor: 400) { floor in
            var moved = scenario
            for (r, perPupil) in [5.0, 3, floor / 100].enumerated() { moved.regions[r].floorPerPupil = perPupil }
            moved.fairness.set(PerPupilFloorRule(setting: .init(mode: .hard, floor: nil)))
            return moved
        }
    }

    /// A soft rule states no region claims (its rows are priced by the penalty).
    @Test func aSoftRuleHasNoRegionClaims() throws {
        let result = try Planner.solve(try PipelineTests.fixture("f9_per_pupil_floor_soft"))
        #expect(result.rulePrice(PerPupilFloorRule.key)?.regionFloors.isEmpty == true)
    }

    /// A generated province planned in parts with hard F9 (every floor half the average money per
    /// pupil) and, separately, hard F8 (max_loss 0.4 of a reference giving every region the average
    /// money per pupil): the decomposed solve reports a bound, and it is at most the
    /// undivided optimum (which is at most the joined plan's objective).
    @Test(arguments: ["per_pupil_floor", "hold_harmless"])
    func theLagrangianBoundPricesTheFloors(rule: String) throws {
        var scenario = DecompositionTests.province(1500, seed: 3)
        var options = PlannerOptions()
        options.priceOfFairness = false
        // Floors that bind: 0.5 (F9) and 0.6 (F8: max_loss 0.4 of a reference of the average per
        // pupil) of the average money per pupil, in every region; regions of little need get less.
        let pupils = Double(scenario.schools.reduce(0) { $0 + $1.enrollment })
        let average = scenario.funds.reduce(0) { $0 + $1.amount } / pupils
        if rule == PerPupilFloorRule.key {
            scenario.fairness.set(PerPupilFloorRule(setting: .init(mode: .hard,
                                                                   floor: [.national: 0.5 * average, .provincial: 0.5 * average, .none: 0.5 * average])))
        } else {
            var money: [Int: Double] = [:]
            for school in scenario.schools { money[school.region, default: 0] += average * Double(school.enrollment) }
            scenario.fairness.set(HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0.4, reference: .table(file: "average.csv", money: money))))
        }
        let whole = try Planner.solve(scenario, options: options)
        #expect(whole.status == .optimal, "\(whole.statusDetail)")
        #expect(whole.rulePrice(rule)?.binding == true, "the floors bind somewhere, so their duals matter")
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = 400
        let parts = try Decomposition.solve(scenario, options: decomposition)
        #expect(parts.parts.count >= 3)
        let optimum = try #require(whole.objective), joined = try #require(parts.result.objective)
        let bound = try #require(parts.lowerBound, "a bound with \(rule) hard")
        #expect(bound <= optimum + 1e-9 * abs(optimum), "bound \(bound) above the optimum \(optimum)")
        #expect(optimum <= joined + 1e-9 * abs(joined))
    }
}

extension RegionFloorTests {
    /// `reference: base` planned in parts (issue 15): the base is planned in the same parts first,
    /// and every part holds its own regions to their money in that plan — not the whole base's
    /// funds inside one part. On a generated province with every fund cut 10% and F8 hard at
    /// max_loss 0.15, the joined plan keeps every region at ≥ 85% of the base plan's money
    /// (re-planned in parts here), and each part was planned with exactly its regions' floors.
    @Test func theBaseReferenceInPartsIsTheBasePlannedInParts() throws {
        var scenario = DecompositionTests.province(1200, seed: 4)
        var fairness = scenario.fairness
        fairness.set(HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0.15, reference: .base)))
        scenario.variants = [Variant(name: "cut", fundsScale: 0.9, fairness: fairness)]
        let cut = scenario.applying(scenario.variants[0])
        var options = DecompositionOptions()
        options.schoolsPerPart = 400
        options.planner.priceOfFairness = false
        let unvaried = try #require(cut.unvaried)
        let base = try #require(try Decomposition.solve(unvaried, options: options).result.plan)
        let baseMoney = HoldHarmlessRule.regionMoney(base, scenario)
        let decomposed = try Decomposition.solve(cut, options: options)
        let plan = try #require(decomposed.result.plan, "\(decomposed.result.statusDetail)")
        let money = HoldHarmlessRule.regionMoney(plan, scenario)
        for r in scenario.regions.indices {
            #expect(money[r] >= 0.85 * baseMoney[r] - 1e-6 * max(1, baseMoney[r]), "\(scenario.regions[r].id): \(money[r]) < 0.85 × \(baseMoney[r])")
        }
        #expect(zip(money, baseMoney).contains { abs($0 - 0.85 * $1) <= 1e-6 * max(1, $1) }, "some region sits at its floor")
        // Each part's floors: 0.85 × the base money of its own regions, and no other region.
        let resolved = try Decomposition.withBaseInParts(cut, options: options, clock: &PhaseTimings.scratch)
        let rule = try #require(resolved.fairness.rule(HoldHarmlessRule.self))
        let floors = rule.regionFloors(resolved)
        #expect(floors.count == baseMoney.filter { $0 > 0 }.count)
        for floor in floors { #expect(abs(floor.money - 0.85 * baseMoney[floor.region]) <= 1e-9 * max(1, floor.money)) }
        for part in Decomposition.partition(cut, schoolsPerPart: 400) {
            let (sub, _) = Decomposition.part(resolved, regions: Set(part), amounts: resolved.funds.map(\.amount))
            #expect(Set(rule.regionFloors(sub).map(\.region)).isSubset(of: Set(part)))
        }
    }
}

extension PhaseTimings {
    /// A clock whose readings no one keeps.
    nonisolated(unsafe) static var scratch = PhaseTimings()
}

extension RegionFloorTests {
    /// The top-up's fallback when branch and bound finds no integer plan (on jiangxi-2024 at the
    /// exact top-up it found none in 60 s): on a generated province with dispatch, the plan LP with
    /// its integers rounded down from the relaxation is an integer plan whose objective is at least
    /// the relaxation's bound, reported as stopped at the time limit with its measured gap; with a
    /// dispatch given instead (no teacher moved), the same holds for that dispatch.
    @Test func theTopUpFallbackIsAnIntegerPlanWithItsGapStated() throws {
        let scenario = DecompositionTests.province(300, seed: 6)
        var options = PlannerOptions()
        options.priceOfFairness = false
        let derived = DerivedQuantities(scenario)
        let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: options)
        let formulation = pipeline.planFormulation(FairnessRegistry.rules(for: scenario.fairness, purpose: .plan))
        #expect(formulation.model.isMixedInteger && !formulation.y.isEmpty)
        let relaxation = try options.solver.solve(formulation.model.relaxingIntegers(), parameters: pipeline.parameters())
        let bound = try #require(relaxation.objectiveValue)
        let rounded = try #require(try pipeline.roundedPlan(formulation.model, pipeline.parameters(), anyGap: true))
        for plan in [rounded] {
            let z = try #require(plan.objectiveValue)
            #expect(z >= bound - 1e-9 * abs(bound))
            #expect(formulation.y.allSatisfy { abs(plan[$0] - plan[$0].rounded()) < 1e-9 })
            #expect([.optimal, .timeLimit].contains(plan.status.termination))
            #expect(abs((plan.relativeGap ?? 0) - (z - bound) / abs(z - formulation.model.objectiveConstant)) <= 1e-9)
        }
        // The dispatch path: no teacher moved is a feasible dispatch here (no hard teacher rule).
        var withDispatch = options
        withDispatch.topUpDispatch = formulation.y.map { _ in 0 }
        let zero = SolvePipeline(scenario: scenario, derived: derived, options: withDispatch)
        let fixed = try #require(try zero.fixedDispatchPlan(formulation, pipeline.parameters()))
        #expect(formulation.y.allSatisfy { fixed[$0] == 0 })
        let fixedObjective = try #require(fixed.objectiveValue), roundedObjective = try #require(rounded.objectiveValue)
        #expect(fixedObjective >= roundedObjective - 1e-6 * abs(bound),
                "rounding the relaxation's dispatch does at least as well as moving no teacher here")
        #expect(fixed.status.termination == .timeLimit && fixed.status.message.contains("top-up model's teacher dispatch"))
    }
}
