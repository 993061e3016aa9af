@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Every claim a solve makes, checked by re-solving: a fund's value per unit at ± a step inside
/// its interval, the objective the interval's ends predict, and beyond each end only what
/// convexity allows (the value per unit of money never rises as a fund grows); a fund's status
/// against its spending; a binding rule's re-solved values against a re-solve of its own.
@Suite struct ClaimPropertyTests {
    /// Options for the solve under test and for the checking re-solves (no price of fairness).
    static func options(resolve: Bool) -> PlannerOptions {
        var options = PlannerOptions()
        options.priceOfFairness = false
        options.concurrentPriceOfFairness = false
        options.resolveClaims = resolve
        return options
    }

    /// The final objective with fund `fi` at `amount` (nil: no plan there).
    static func objective(_ scenario: Scenario, fund fi: Int, amount: Double) throws -> Double? {
        var changed = scenario
        changed.funds[fi].amount = amount
        let result = try Planner.solve(changed, options: options(resolve: false))
        return result.plan == nil ? nil : result.objective
    }

    /// A tiny generated province, varied by seed: 2–4 schools, continuous dispatch (the ranging
    /// is exact for the LP), fund amounts scaled 0.3–1.6 and minimum spends from 0 to 1, rules
    /// on or off, and F2 (max–min, re-solved claims) on every fifth.
    static func scenario(seed: UInt64) -> Scenario {
        var rng = SplitMix64(seed: seed &* 7919)
        let options = ScenarioGenerator.Options(schools: rng.integer(2, 4), regions: rng.integer(1, 2), seed: seed,
                                                teacherGroups: rng.integer(0, 1),
                                                fairness: rng.chance(0.5) ? .default : .none)
        var scenario = ScenarioGenerator.generate(options)
        scenario.variants = []
        scenario.dispatch.integer = false
        for f in scenario.funds.indices {
            scenario.funds[f].amount = (scenario.funds[f].amount * rng.uniform(0.3, 1.6)).rounded()
            scenario.funds[f].minSpend = rng.chance(0.3) ? [0.5, 0.9, 1][rng.integer(0, 2)] : 0
        }
        if seed % 5 == 0 { scenario.fairness.set(MaxminCoverageRule(mode: .hard, level: nil)) }
        return scenario
    }

    /// Checks one fund's marginal-value claim; returns the number of checks made. `convex`: the
    /// objective is convex in the amount, so beyond an interval's end the value is no better
    /// (not with F2, whose t* moves with the amount: its claims say nothing past their ends).
    static func check(_ claim: Claim, fund fi: Int, _ scenario: Scenario, objective: Double, convex: Bool = true) throws -> Int {
        let amount = scenario.funds[fi].amount
        let noise = 1e-8 * max(1, abs(objective))
        func slope(_ a: Double, _ b: Double) throws -> Double? {
            guard a >= 0, let oa = a == amount ? objective : try Self.objective(scenario, fund: fi, amount: a),
                  let ob = b == amount ? objective : try Self.objective(scenario, fund: fi, amount: b) else { return nil }
            return (oa - ob) / (b - a)
        }
        func near(_ a: Double?, _ b: Double, over step: Double) -> Bool {
            guard let a else { return false }
            return abs(a - b) <= 1e-6 * max(1, abs(b)) + 2 * noise / step
        }
        var checks = 0
        // A side re-solved at ± the step is the finite difference over that step; a side from the
        // ranging holds over its whole interval, and beyond its end the value is no better.
        let step = claim.resolveStep ?? 0
        if let right = claim.right, let to = claim.validTo {
            if claim.resolveStep != nil && to == amount + step {
                #expect(near(try slope(amount, to), right, over: step), "re-solved: \(claim)")
                checks += 1
            } else {
                let inside = min(max(1e-4 * amount, 1), (to - amount) / 2)
                #expect(near(try slope(amount, amount + inside), right, over: inside), "inside: \(claim)")
                #expect(near(try slope(amount, to), right, over: to - amount), "to the end: \(claim)")
                let past = max(1e-3 * (to - amount), 1)
                if convex, let beyond = try slope(to, to + past) {
                    #expect(beyond <= right + 2 * noise / past + 1e-6 * max(1, abs(right)), "past: \(claim)")
                }
                checks += 3
            }
        } else if let right = claim.right {
            // No end: the value holds however much is added.
            let far = max(amount, 1) * 10
            #expect(near(try slope(amount, amount + far), right, over: far), "unbounded: \(claim)")
            checks += 1
        }
        if let left = claim.left, let from = claim.validFrom, from < amount {
            if claim.resolveStep != nil && from == amount - step {
                #expect(near(try slope(from, amount), left, over: step), "re-solved: \(claim)")
                checks += 1
            } else {
                let start = max(from, 0)
                let inside = min(max(1e-4 * amount, 1), (amount - start) / 2)
                #expect(near(try slope(amount - inside, amount), left, over: inside), "inside: \(claim)")
                #expect(near(try slope(start, amount), left, over: amount - start), "from the start: \(claim)")
                let past = max(1e-3 * (amount - start), 1)
                if convex, from >= past, let beyond = try slope(from - past, from) {
                    #expect(beyond >= left - 2 * noise / past - 1e-6 * max(1, abs(left)), "past: \(claim)")
                }
                checks += 3
            }
        }
        return checks
    }

    /// Status claims agree with the plan's spending, with the stated tolerance.
    static func checkStatus(_ claim: Claim, _ fund: FundPlan) -> Bool {
        let tolerance = 1e-9 * max(1, fund.amount)
        switch claim.kind {
        case .fundFullyUsed: return fund.amount - fund.spent <= tolerance
        case .fundMinimumBinds: return fund.spent - fund.minimumSpend <= tolerance && fund.amount - fund.spent > tolerance
        case .fundPartlyUsed: return (fund.minimumSpend == 0 || fund.spent - fund.minimumSpend > tolerance)
            && fund.amount - fund.spent > tolerance
        default: return false
        }
    }

    /// A re-solved rule claim: the scenario re-solved with the rule's parameter ± its step gives
    /// the stated one-sided values; the value is the tightening side.
    static func checkRule(_ claim: Claim, _ scenario: Scenario, objective: Double) throws -> Int {
        guard let step = claim.resolveStep, let rule = FairnessRegistry.rule(claim.subject, in: scenario.fairness) else { return 0 }
        func resolved(_ delta: Double) throws -> Double? {
            var moved = scenario
            moved.fairness = try #require(rule.parameterSetting(in: scenario.fairness, movedBy: delta)).moved
            let result = try Planner.solve(moved, options: options(resolve: false))
            return result.plan == nil ? nil : result.objective
        }
        let noise = 2e-8 * max(1, abs(objective)) / step
        let right = try resolved(step).map { ($0 - objective) / step }
        let left = try resolved(-step).map { (objective - $0) / step }
        #expect(close(claim.right, right, 1e-6) || abs((claim.right ?? .nan) - (right ?? .nan)) <= noise, "\(claim)")
        #expect(close(claim.left, left, 1e-6) || abs((claim.left ?? .nan) - (left ?? .nan)) <= noise, "\(claim)")
        #expect(claim.value == (rule.parameter == "max" ? claim.left : claim.right))
        return 2
    }

    @Test func everyClaimHoldsOnGeneratedScenarios() throws {
        var scenarios = 0, claims = 0, checks = 0, ruleClaims = 0, ruleChecks = 0, levelRanging = 0
        var kinds: [String: Int] = [:]
        for seed in UInt64(1)...220 {
            let scenario = Self.scenario(seed: seed)
            let result = try Planner.solve(scenario, options: Self.options(resolve: true))
            guard let plan = result.plan, let objective = result.objective else { continue }
            scenarios += 1
            let maxmin = scenario.fairness.rule(MaxminCoverageRule.self) != nil
            for (fi, fund) in plan.funds.enumerated() {
                let price = try #require(result.fundPrice(fund.id))
                for claim in price.claims {
                    claims += 1
                    let source = claim.resolveStep == nil ? "ranging" : "re-solve"
                    let shape = claim.kind == .fundMarginalValue
                        ? "\(source)\(claim.validTo.map { $0 > fund.amount ? " bounded" : "" } ?? " unbounded")\(claim.value.map { $0 < 0 ? " negative" : $0 > 0 ? " positive" : " zero" } ?? "")"
                        : ""
                    kinds[claim.kind.rawValue + " " + shape, default: 0] += 1
                    if claim.kind == .fundMarginalValue {
                        if maxmin && (claim.left != nil && claim.validFrom != fund.amount - (claim.resolveStep ?? 0)
                            || claim.right != nil && claim.validTo != fund.amount + (claim.resolveStep ?? 0)) { levelRanging += 1 }
                        checks += try Self.check(claim, fund: fi, scenario, objective: objective, convex: !maxmin)
                        #expect(price.value == (claim.right ?? claim.value).map { -$0 })
                    } else {
                        #expect(Self.checkStatus(claim, fund), "\(claim) spent \(fund.spent)")
                        checks += 1
                    }
                    #expect(!claim.text.isEmpty)
                }
            }
            for price in result.rulePrices {
                for claim in price.claims {
                    ruleClaims += 1
                    if claim.kind == .ruleMarginalCost { ruleChecks += try Self.checkRule(claim, scenario, objective: objective) }
                    #expect(!claim.text.isEmpty)
                }
            }
        }
        print("claim property test: \(scenarios) scenarios, \(claims) fund claims, \(checks) re-solve checks; "
              + "\(ruleClaims) rule claims, \(ruleChecks) re-solve checks")
        for (kind, count) in kinds.sorted(by: { $0.key < $1.key }) { print("  \(kind): \(count)") }
        print("  F2 fund claims with a side from the parametric LP (t* re-optimised): \(levelRanging)")
        #expect(scenarios >= 200)
        #expect(checks >= 1000)
        // The F2 claims' sides from one parametric LP (Claim+Level.swift) are checked here too.
        #expect(levelRanging >= 10)
    }
}
