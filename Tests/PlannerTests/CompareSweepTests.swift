import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// `Compare` and `Sweep` on the hand-derived examples of scenarios/examples (README.md there).
@Suite struct CompareSweepTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/examples")

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(from: examples.appendingPathComponent(name)).scenario
    }

    static func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    // MARK: Compare

    /// 09: base 500 / U 4000, then the variants of Tests/Fixtures/planner/variants_budget:
    /// objectives 2300, 0, 1850, 2125, 1000 (derivation in its expected.json).
    @Test func budgetVariantsSideBySide() throws {
        let comparison = try Compare.run(Self.load("09_budget_variants"))
        #expect(comparison.runs.map(\.name) == ["base", "budget -50%", "donations 2000", "half but donations kept",
                                                "budget -50% no fairness", "rural first"])
        let objectives: [Double] = [500, 2300, 0, 1850, 2125, 1000]
        let benefits: [Double] = [4000, 2200, 4500, 2650, 2375, 7000]
        for (run, (objective, benefit)) in zip(comparison.runs, zip(objectives, benefits)) {
            #expect(run.result.status == .optimal, "\(run.name)")
            #expect(Self.near(run.result.objective, objective), "\(run.name): objective \(String(describing: run.result.objective))")
            #expect(Self.near(run.result.benefit, benefit), "\(run.name): U \(String(describing: run.result.benefit))")
        }
        // Base: A 1000, B 1000, C 500 of 3000 needed; money 2500.
        let base = comparison.base.figures
        #expect(base.totalFunds == 2500)
        #expect(Self.near(base.unmetMoney, 500))
        #expect(Self.near(base.coverage, 2500.0 / 3000))
        #expect(Self.near(base.minCoverage, 0.5))
        // budget -50%: 850 / 200 / 200, the floors bind (x ≥ 0.2 N at B and C).
        let half = comparison.runs[1]
        #expect(Self.near(half.figures.minCoverage, 0.2))
        #expect(half.result.bindingRules.map(\.rule) == ["coverage_floor"])
        #expect(comparison.base.result.bindingRules.isEmpty)
        // Per pupil (100 pupils each): A −1.5, B −8, C −3: everyone loses, East County most.
        let (gains, losses) = comparison.regionChanges(half)
        #expect(gains.isEmpty)
        #expect(losses.map(\.name) == ["East County", "South County", "North County"])
        #expect(losses.map(\.change).enumerated().allSatisfy { Self.near($1, [-8, -3, -1.5][$0]) })
    }

    /// 06: base objective 1500, U 3000, price of fairness (3500 − 3000)/3500 = 1/7; `no rule`
    /// gives B what A had: objective 1000, U 3500.
    @Test func priceOfAPovertyCountyShare() throws {
        let comparison = try Compare.run(Self.load("06_poverty_county_share"))
        let base = comparison.base.result, free = comparison.runs[1].result
        #expect(Self.near(base.objective, 1500) && Self.near(base.benefit, 3000))
        #expect(Self.near(base.priceOfFairness, 1.0 / 7))
        #expect(base.bindingRules.map(\.rule) == ["poverty_county_share"])
        #expect(Self.near(free.objective, 1000) && Self.near(free.benefit, 3500))
        #expect(free.priceOfFairness == 0)
        // Without the rule Lake County (B) gains 10 per pupil and Mountain County (A) loses 10.
        let (gains, losses) = comparison.regionChanges(comparison.runs[1])
        #expect(gains.map(\.name) == ["Lake County"] && Self.near(gains.first?.change, 10))
        #expect(losses.map(\.name) == ["Mountain County"] && Self.near(losses.first?.change, -10))
    }

    /// Tests/Fixtures/compare/fund_in_two_regions (derivation in its scenario.yaml): doubling a fund
    /// of North and East adds 200 to S10's meals and changes nothing else; the solver's first
    /// optimum (today's compare before the closest-to-base phase) moved 2,200 and South lost 4 per pupil.
    @Test func closestPlanIsolatesTheVariant() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/compare/fund_in_two_regions")
        let comparison = try Compare.run(try ScenarioLoader.load(from: folder).scenario)
        let base = try #require(comparison.base.result.plan), variant = try #require(comparison.runs[1].result.plan)
        #expect(Self.near(comparison.runs[1].result.benefit, 9100) && Self.near(comparison.base.result.benefit, 8700))
        var moved: [String: Double] = [:]
        for (before, after) in zip(base.schools, variant.schools) {
            for (category, amount) in after.allocated where abs(amount - (before.allocated[category] ?? 0)) > 1e-6 {
                moved["\(after.id) \(category)"] = amount - (before.allocated[category] ?? 0)
            }
        }
        #expect(moved.keys.sorted() == ["S10 meals"] && Self.near(moved["S10 meals"], 200), "\(moved)")
        let changes = comparison.allRegionChanges(comparison.runs[1])
        #expect(changes.map(\.region) == ["r1", "r2", "r3"])
        #expect(changes.filter(\.isChange).map(\.region) == ["r2"] && Self.near(changes[1].change, 2))
        #expect(comparison.runs[1].result.statusDetail.contains("closest to the base"))
    }

    /// With integer dispatch (05) phase 2 fixes the integers: the variant's dispatch and objective are
    /// those of the variant solved alone, and its status detail says both.
    @Test func closestPlanOfAMIPKeepsItsDispatch() throws {
        var scenario = try Self.load("05_teacher_dispatch")
        scenario.variants.append(Variant(name: "more money", fundsScale: 1.5))
        let comparison = try Compare.run(scenario)
        let variant = comparison.runs[1].result
        let alone = try Planner.solve(scenario.applying(scenario.variants[0]))
        #expect(variant.plan?.dispatch == alone.plan?.dispatch && variant.plan?.dispatch.isEmpty == false)
        #expect(Self.near(variant.objective, try #require(alone.objective), 1e-9))
        let closest = variant.statusNotes.compactMap { note -> PlanStatusNote.ClosestToBaseNote? in
            if case let .closestToBase(closest) = note { return closest }
            return nil
        }
        #expect(closest.count == 1 && closest.first?.integersFixed == true, "\(variant.statusDetail)")
        #expect(variant.statusDetail.contains(" Of its optimal plans, the one closest to the base") && variant.statusDetail.contains("(integer: fixed)"))
    }

    /// Every floor holds, so each category's worst school is at its α or above: 09 at half budget
    /// has B and C at the 20% floor of grant (its only category).
    @Test func minCoverageOfACategoryMeetsItsFloor() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/compare/fund_in_two_regions")
        let comparison = try Compare.run(try ScenarioLoader.load(from: folder).scenario)
        for run in comparison.runs {
            // books has a hard 20% floor; meals and repairs none (South's repairs get nothing).
            #expect(Self.near(run.figures.minCoverageByCategory["books"], 0.2), "\(run.name)")
            #expect(run.figures.minCoverageByCategory["repairs"] == 0)
        }
        // The worst school overall: S10 with 200 of 2,500 in the base (8%), 400 of 2,500 after (16%).
        #expect(Self.near(comparison.base.figures.minCoverage, 0.08) && Self.near(comparison.runs[1].figures.minCoverage, 0.16))
        let half = try Compare.run(Self.load("09_budget_variants")).runs[1]
        #expect(Self.near(half.figures.minCoverageByCategory["grant"], 0.2))
    }

    /// A variant with too little money for the hard floors is a run with its diagnosis, not an
    /// error: 09 at 10% has 250 for floors of 3 × 200 = 600, so the cheapest repair is 350.
    @Test func infeasibleVariantIsARun() throws {
        var scenario = try Self.load("09_budget_variants")
        scenario.variants.append(Variant(name: "too little", fundsScale: 0.1))
        let comparison = try Compare.run(scenario)
        let run = try #require(comparison.runs.last)
        #expect(run.name == "too little" && run.result.status == .infeasible)
        #expect(Self.near(run.result.diagnosis?.reduce(0) { $0 + $1.money }, 350))
        #expect(run.figures.unmetMoney == nil && comparison.regionChanges(run).gains.isEmpty)
        #expect(comparison.base.result.status == .optimal)
    }

    /// Threads change nothing but speed: same order, same numbers, bit for bit.
    @Test func compareWithTwoJobsEqualsOne() throws {
        let scenario = try Self.load("09_budget_variants")
        let one = try Compare.run(scenario)
        var options = CompareOptions()
        options.jobs = 2
        let two = try Compare.run(scenario, options: options)
        #expect(one.runs.map(\.name) == two.runs.map(\.name))
        #expect(one.runs.map(\.result.objective) == two.runs.map(\.result.objective))
        #expect(one.runs.map(\.result.benefit) == two.runs.map(\.result.benefit))
        #expect(one.runs.map(\.figures) == two.runs.map(\.figures))
    }

    // MARK: Sweep

    struct Point: Sendable, Equatable {
        var money: Double
        var status: PlanStatus
        var objective: Double?
        var benefit: Double?
        var price: Double?
        var level: Double?
        var warm: Bool
    }

    static func point(_ step: SweepStep) -> Point {
        Point(money: step.scenario.funds[0].amount, status: step.result.status, objective: step.result.objective,
              benefit: step.result.benefit, price: step.result.fundPrice(step.scenario.funds[0].id)?.value,
              level: step.result.maxminCoverage, warm: step.warm)
    }

    /// 01: one fund M for four schools needing 1000 each, ω = 2, π S3 3.05, S2 1.85, S4 1.45,
    /// S1 1 (S5 needs nothing). No rule, so money goes greedily by π ω:
    ///   U(M) = 6.1·min(M, 1000) + 3.7·clamp(M − 1000) + 2.9·clamp(M − 2000) + 2·clamp(M − 3000),
    /// clamp(v) = min(max(v, 0), 1000); objective = Σ π ω N − U = 14700 − U; the fund's shadow
    /// price is −(the slope at M) and 0 past M = 4000. Multipliers 0.1 … 2.1 of 2500 in 21
    /// steps are M = 250, 500, …, 5250 (breakpoints at steps 3, 7, 11, 15).
    @Test func frontierIsPiecewiseLinearByHand() throws {
        let parameters = SweepParameters(target: .fund("provincial"), from: 0.1, to: 2.1, steps: 21, block: 6)
        #expect(parameters.blockCount == 4)
        let points = try Sweep.run(Self.load("01_priority_weights"), parameters: parameters, row: Self.point)
        #expect(points.map(\.step) == Array(0..<21))
        func clamp(_ v: Double) -> Double { min(max(v, 0), 1000) }
        for (i, p) in points.map(\.row).enumerated() {
            let m = 250 * Double(i + 1)
            let u = 6.1 * min(m, 1000) + 3.7 * clamp(m - 1000) + 2.9 * clamp(m - 2000) + 2 * clamp(m - 3000)
            #expect(Self.near(p.money, m, 1e-12), "step \(i): money \(p.money)")
            #expect(p.status == .optimal)
            #expect(Self.near(p.benefit, u), "step \(i): U \(String(describing: p.benefit)) ≠ \(u)")
            #expect(Self.near(p.objective, 14700 - u), "step \(i): objective")
            if (i + 1) % 4 != 0 {
                let slope = m < 1000 ? 6.1 : m < 2000 ? 3.7 : m < 3000 ? 2.9 : m < 4000 ? 2 : 0
                #expect(Self.near(p.price, -slope), "step \(i): shadow price \(String(describing: p.price)) ≠ \(-slope)")
            }
            // Blocks of 6: steps 0, 6, 12, 18 cold, the rest warm.
            #expect(p.warm == (i % 6 != 0), "step \(i): warm \(p.warm)")
        }
    }

    /// 07 with F2: A (π 2) and B (π 1) share the provincial money M_p, C is covered by its own
    /// fund. Phase 1 (re-run per step) gives t* = min(1, M_p / 2000); phase 2 gives B exactly
    /// (t* − 1e-7)·1000 and A the rest, so objective = 3000 − 1.5 M_p − 1e-4 below M_p = 2000
    /// and 0 above.
    @Test func maxminPhaseOneFollowsTheMoney() throws {
        let parameters = SweepParameters(target: .fund("provincial"), from: 0.5, to: 2.5, steps: 9, block: 9)
        let points = try Sweep.run(Self.load("07_maxmin_coverage"), parameters: parameters, row: Self.point).map(\.row)
        for (i, p) in points.enumerated() {
            let money = 500 + 250 * Double(i)
            let level = min(1, money / 2000)
            #expect(Self.near(p.level, level, 1e-9), "step \(i): t* \(String(describing: p.level)) ≠ \(level)")
            let objective = money < 2000 ? 3000 - 1.5 * money - 1e-4 : 0
            #expect(abs((p.objective ?? .nan) - objective) < 1e-6, "step \(i): objective \(String(describing: p.objective))")
        }
    }

    /// Warm re-solves reach the optimum a cold `Planner.solve` of the same budget reaches.
    @Test(arguments: ["01_priority_weights", "07_maxmin_coverage", "09_budget_variants", "05_teacher_dispatch"])
    func warmEqualsColdObjective(example: String) throws {
        let scenario = try Self.load(example)
        let parameters = SweepParameters(target: .all, from: 0.2, to: 1.8, steps: 9, block: 9)
        let points = try Sweep.run(scenario, parameters: parameters) { step in
            (Self.point(step), step.scenario)
        }
        var options = PlannerOptions()
        options.priceOfFairness = false
        for (_, (point, stepScenario)) in points {
            let cold = try Planner.solve(stepScenario, options: options)
            #expect(point.status == cold.status)
            if let objective = cold.objective {
                #expect(Self.near(point.objective, objective), "\(example) × \(point.money): \(String(describing: point.objective)) ≠ \(objective)")
            }
        }
    }

    /// The output does not depend on threads or shards: a block's steps follow the same solve
    /// path wherever it runs, so values match bit for bit.
    @Test func jobsAndShardsDoNotChangeTheNumbers() throws {
        let scenario = try Self.load("09_budget_variants")
        let parameters = SweepParameters(target: .fund("general"), from: 0, to: 2, steps: 17, block: 3)
        let one = try Sweep.run(scenario, parameters: parameters, row: Self.point)
        var options = SweepOptions()
        options.jobs = 2
        let two = try Sweep.run(scenario, parameters: parameters, options: options, row: Self.point)
        #expect(one.map(\.step) == two.map(\.step) && one.map(\.row) == two.map(\.row))
        var parts: [(step: Int, row: Point)] = []
        for i in 0..<4 {
            options.shard = try SweepShard(index: i, count: 4)
            parts += try Sweep.run(scenario, parameters: parameters, options: options, row: Self.point)
        }
        parts.sort { $0.step < $1.step }
        #expect(parts.map(\.step) == one.map(\.step) && parts.map(\.row) == one.map(\.row))
    }

    @Test func parametersAreChecked() throws {
        let scenario = try Self.load("09_budget_variants")
        #expect(throws: SweepError.self) {
            try SweepParameters(target: .fund("nope"), from: 0.5, to: 1.5, steps: 3).validate(against: scenario)
        }
        #expect(throws: SweepError.self) {
            try SweepParameters(target: .all, from: -1, to: 1.5, steps: 3).validate(against: scenario)
        }
        #expect(throws: SweepError.self) { try SweepShard(parsing: "4/4") }
        #expect(throws: SweepError.self) { try SweepShard(parsing: "one/two") }
        let shard = try SweepShard(parsing: "1/3")
        #expect(shard.blocks(of: SweepParameters(target: .all, from: 0, to: 1, steps: 20, block: 3)) == [1, 4])
        // Default blocks: ≥ 2 of ≤ 20 steps.
        #expect(SweepParameters.defaultBlock(steps: 21) == 11 && SweepParameters.defaultBlock(steps: 400) == 20)
        #expect(SweepParameters.defaultBlock(steps: 1) == 1 && SweepParameters.defaultBlock(steps: 41) == 14)
        let p = SweepParameters(target: .all, from: 0.1, to: 2.1, steps: 21)
        #expect(p.multiplier(7) == 0.8 && p.multiplier(0) == 0.1 && p.multiplier(20) == 2.1)
        #expect(SweepParameters(target: .all, from: 0.5, to: 1.5, steps: 1).multiplier(0) == 0.5)
    }
}
