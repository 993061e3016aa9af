@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Robust plans (issue 19, docs/model.md "Robust plans") beyond the fixtures' optima: the reserves,
/// the price of robustness through the pipeline, the protection simulation.
@Suite("Robust plans: reserves, price of robustness, protection")
struct RobustPlanTests {
    static func fixture(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent(name)).scenario
    }

    /// R = the ⌊Γ⌋ largest plus the fractional part of the next; Γ past the count takes all.
    @Test func worstCase() {
        #expect(ReserveRequirement.worstCase([200, 400], gamma: 1) == 400)
        #expect(ReserveRequirement.worstCase([200, 400], gamma: 1.5) == 500)
        #expect(ReserveRequirement.worstCase([200, 400], gamma: 2) == 600)
        #expect(ReserveRequirement.worstCase([200, 400, 100], gamma: 0.25) == 100)
        #expect(ReserveRequirement.worstCase([], gamma: 3) == 0)
    }

    /// The issue's two schools: γ 0.5 → reserve 400, POR 0.2; γ 0.75 → reserve 500, POR 0.25
    /// (derivations in the fixtures' READMEs); the reserve is the fund's, for r1.
    @Test(arguments: [("robust_gamma_integer", 400.0, 0.2, 1.0), ("robust_gamma_fractional", 500.0, 0.25, 1.5)])
    func issueCase(name: String, reserve: Double, por: Double, gamma: Double) throws {
        let result = try Planner.solve(Self.fixture(name))
        let robust = try #require(result.robust)
        #expect(robust.reserves == [RobustSummary.Reserve(fund: "central", category: "living_allowance", region: "r1", amount: reserve)])
        #expect(robust.requirements.map(\.gamma) == [gamma] && robust.requirements.map(\.deviating) == [2])
        #expect(abs(robust.reserveTotal - reserve) < 1e-6)
        #expect(abs((robust.benefitNominal ?? 0) - 2000) < 1e-6)
        #expect(abs((robust.priceOfRobustness ?? -1) - por) < 1e-9)
        // The reserve is committed money: the fund is fully used.
        #expect(abs((result.plan?.funds.first?.spent ?? 0) - 2000) < 1e-6)
    }

    /// The shortfall fixture: POR = 200 / 1500, the reserve held by the county fund.
    @Test func fundShortfall() throws {
        let result = try Planner.solve(Self.fixture("robust_fund_shortfall"))
        let robust = try #require(result.robust)
        #expect(abs((robust.priceOfRobustness ?? -1) - 200.0 / 1500) < 1e-9)
        #expect(robust.reserves.map(\.fund) == ["county"] && abs(robust.reserveTotal - 100) < 1e-6)
    }

    /// Both schools deviate with probability q² = 0.04 and only then exceed the reserve (600 > 400,
    /// 600 > 500): the simulated protection is within 3 standard errors of 1 − q² = 0.96, and the
    /// same seed gives the same share.
    @Test func protectionAgreesWithExactValue() throws {
        for name in ["robust_gamma_integer", "robust_gamma_fractional"] {
            let scenario = try Self.fixture(name)
            let robust = try #require(scenario.robust)
            let requirement = ReserveRequirement(scenario, robust)
            let p = ProtectionSimulation.run(scenario, requirement, robust)
            let error = 3 * (0.96 * 0.04 / Double(robust.samples)).squareRoot()
            #expect(abs(p.overall - 0.96) <= error, "\(name): \(p.overall)")
            #expect(p.byRegion == ["r1": p.overall])
            #expect(ProtectionSimulation.run(scenario, requirement, robust) == p)
        }
        // q = 1: every school deviates every year; γ 0.5 covers 400 of 600 — never protected.
        var always = try Self.fixture("robust_gamma_integer")
        always.robust?.deviationProbability = 1
        let requirement = ReserveRequirement(always, always.robust!)
        #expect(ProtectionSimulation.run(always, requirement, always.robust!).overall == 0)
    }

    /// SplitMix64 as docs/model.md specifies it: the first outputs for seed 1 (pinned, so that another
    /// implementation can check its generator against these).
    @Test func generatorIsPinned() {
        var generator = SplitMix64(seed: 1)
        #expect(generator.next() == 0x910A_2DEC_8902_5CC1)
        #expect(generator.next() == 0xBEEB_8DA1_658E_EC67)
    }

    /// γ = 0: no reserve, and the plan is the nominal one (POR 0).
    @Test func gammaZeroIsNominal() throws {
        var scenario = try Self.fixture("robust_gamma_integer")
        scenario.robust?.gamma = 0
        let result = try Planner.solve(scenario)
        #expect(result.robust?.reserves == [] && result.robust?.priceOfRobustness == 0)
        #expect(abs((result.objective ?? 0) - 1000) < 1e-6)
    }

    /// tools/oracle (Python, its own reserve rows and worst case) agrees with the planner and the
    /// hand derivations: objective, or the elastic total when infeasible.
    @Test(arguments: [("robust_gamma_integer", 1400.0), ("robust_gamma_fractional", 1500), ("robust_fund_shortfall", 200),
                      ("infeasible_robust_reserve", 100)])
    func oracleAgrees(name: String, expected: Double) throws {
        let answer = try OracleTests.oracle(fixturesRoot.appendingPathComponent(name))
        let key = name.hasPrefix("infeasible") ? "elastic_total" : "objective"
        let theirs = try #require(answer[key] as? Double, "\(answer)")
        #expect(abs(theirs - expected) < 1e-6)
        if key == "objective" { #expect(abs(theirs - (try Planner.solve(Self.fixture(name)).objective ?? 0)) < 1e-6) }
    }

    /// γ = 1 does not fit: the diagnosis's reserve and mandatory lines total 100, in money.
    @Test func infeasibleReserveIsDiagnosed() throws {
        let result = try Planner.solve(Self.fixture("infeasible_robust_reserve"))
        #expect(result.status == .infeasible)
        let total = try #require(result.diagnosisSummary?.total)
        #expect(abs(total - 100) < 1e-6)
        #expect((result.diagnosis ?? []).allSatisfy { ["reserve", "mandatory"].contains($0.rule) && $0.unit == "CNY" })
    }
}

/// `sweep --robust-gamma`: the robustness frontier of the issue's two schools, every step against
/// its derivation (README of robust_gamma_integer: R = 200γ·2 style worst cases).
@Suite("Robustness frontier")
struct RobustFrontierTests {
    /// γ 0, 0.25, 0.5, 0.75, 1: Γ = 0, 0.5, 1, 1.5, 2 → R = 0, 200, 400, 500, 600 (infeasible);
    /// U = 2000 − R; protection 1 − P(uncovered): q = 0.2, uncovered when any school (R 0), B
    /// (R 200), both (R 400, 500) deviate: 0.64, 0.8, 0.96, 0.96 — within 3 standard errors.
    @Test func frontierMatchesDerivation() throws {
        let scenario = try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent("robust_gamma_integer")).scenario
        let parameters = SweepParameters(target: .robustGamma, from: 0, to: 1, steps: 5)
        let rows = try Sweep.run(scenario, parameters: parameters) { step in
            (step.result.status, step.result.benefit, step.result.robust?.reserveTotal, step.result.robust?.protection?.overall,
             step.scenario.robust?.gamma)
        }.map(\.row)
        #expect(rows.map(\.4) == [0, 0.25, 0.5, 0.75, 1])
        let reserves: [Double] = [0, 200, 400, 500]
        let exact = [0.64, 0.8, 0.96, 0.96]
        for i in 0..<4 {
            #expect(rows[i].0 == .optimal)
            #expect(abs((rows[i].1 ?? 0) - (2000 - reserves[i])) < 1e-6)
            #expect(abs((rows[i].2 ?? -1) - reserves[i]) < 1e-6)
            #expect(abs((rows[i].3 ?? -1) - exact[i]) <= 3 * (exact[i] * (1 - exact[i]) / 10_000).squareRoot())
        }
        #expect(rows[4].0 == .infeasible)
        #expect(throws: SweepError.self) {
            try SweepParameters(target: .robustGamma, from: 0, to: 1.5, steps: 3).validate(against: scenario)
        }
    }
}

/// The demo province's robust variant (tools/make_jiangxi.py): what it holds back, without solving.
@Suite("Robust variant of jiangxi-2024")
struct JiangxiRobustVariantTests {
    /// 10% more poor and poor-boarding pupils (rounded up per school), 30% of a county's schools at
    /// once: 100 living_allowance and 99 senior_grant requirements totalling 20,914,475 CNY — the
    /// same total tools/oracle's own `reserve_requirements` computes from the files. Donations pay
    /// no mandatory category, so their 30% shortfall adds no row.
    @Test func requirement() throws {
        let folder = fixturesRoot.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/jiangxi-2024")
        let base = try ScenarioLoader.load(from: folder).scenario
        let scenario = base.applying(try #require(base.variant(named: "robust: poor +10%")))
        let robust = try #require(scenario.robust)
        #expect(robust.gamma == 0.3 && robust.relative == 0.1)
        let requirement = ReserveRequirement(scenario, robust)
        let byCategory = Dictionary(grouping: requirement.entries) { scenario.categories[$0.category].id }.mapValues(\.count)
        #expect(byCategory == ["living_allowance": 100, "senior_grant": 99])
        #expect(abs(requirement.entries.reduce(0) { $0 + $1.amount } - 20_914_475) < 1e-3)
        let formulation = Formulation(scenario: scenario)
        #expect(!formulation.model.rowNames.contains { $0.hasPrefix("shortfall[") })
        #expect(formulation.model.rowNames.filter { $0.hasPrefix("reserve[") }.count == 199)
    }
}
