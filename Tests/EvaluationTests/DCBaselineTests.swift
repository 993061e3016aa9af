import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The worked example of docs/evaluation.md: DCPS's real FY2021 allocation (baseline.csv) against the
/// optimised plan of scenarios/dc-2021. Every figure checked here is recomputed from the CSV with plain
/// string splitting, independently of the evaluation code.
@Suite struct DCBaselineTests {
    let folder = packageRoot.appendingPathComponent("scenarios/dc-2021")

    /// baseline.csv summed by hand: (school, category) → amount. The file has no quoted fields.
    func baseline() throws -> [String: [String: Double]] {
        let text = try String(contentsOf: folder.appendingPathComponent("baseline.csv"), encoding: .utf8)
        var sums: [String: [String: Double]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            sums[cells[0], default: [:]][cells[1], default: 0] += Double(cells[2])!
        }
        return sums
    }

    func evaluate(threshold: Double = 0.1) throws -> (report: EvaluationReport, plan: Plan, scenario: Scenario) {
        let dc = try scenario("scenarios/dc-2021")
        let document = try solvedPlan(dc)
        let (actuals, warnings) = try Actuals.read([folder.appendingPathComponent("baseline.csv")])
        #expect(warnings.isEmpty)
        #expect(actuals.money.count == 351 && actuals.teachers.isEmpty)
        return (try Evaluation.evaluate(document, actuals: actuals, scenario: dc, threshold: threshold), document.plan!, dc)
    }

    /// The at_risk execution rate = Σ baseline at_risk / Σ plan at_risk.
    /// By hand: Σ baseline at_risk = 51,847,745.00 USD (the fund's amount, README); the plan funds the
    /// formula need in full, 2,147 USD × 24,146 at-risk pupils = 51,841,462 USD; rate = 1.000121196…
    @Test func atRiskExecutionRateMatchesTheCSV() throws {
        let (report, plan, _) = try evaluate()
        let actual = try baseline().values.reduce(0) { $0 + ($1["at_risk"] ?? 0) }
        let planned = plan.schools.reduce(0) { $0 + ($1.allocated["at_risk"] ?? 0) }
        #expect(abs(actual - 51_847_745.00) < 0.005)
        #expect(abs(planned - 2147 * 24146) < 1e-6)
        let row = try #require(report.byCategory.first { $0.id == "at_risk" }?.money)
        #expect(abs(row.actual - actual) < 1e-6 && abs(row.planned - planned) < 1e-6)
        #expect(abs(row.rate! - actual / planned) < 1e-12)
        #expect(abs(row.rate! - 1.000121196427678) < 1e-12)
        // One fund per category, open to all regions: the fund gets all of it.
        let fund = try #require(report.byFund.first { $0.fund == "at_risk_fund" })
        #expect(abs(fund.execution.actual - actual) < 1e-6)
        #expect(abs(fund.budgetUsed! - 1) < 1e-12)
    }

    /// Ward 3's execution: Σ baseline over its schools / Σ plan over them (87.8%: DCPS gave the
    /// low-poverty ward less than the formula would).
    @Test func regionExecutionMatchesTheCSV() throws {
        let (report, plan, dc) = try evaluate()
        let sums = try baseline()
        let ward3 = Set(dc.schools.filter { dc.regions[$0.region].id == "ward3" }.map(\.id))
        let actual = ward3.reduce(0) { $0 + (sums[$1]?.values.reduce(0, +) ?? 0) }
        let planned = plan.schools.filter { ward3.contains($0.id) }.reduce(0) { $0 + $1.received }
        let row = try #require(report.byRegion.first { $0.id == "ward3" }?.money)
        #expect(abs(row.rate! - actual / planned) < 1e-12)
        #expect(row.rate! > 0.87 && row.rate! < 0.89)
        #expect(report.byRegion.first { $0.id == "ward3" }?.name == "Ward 3")
    }

    /// The short schools are exactly those whose baseline total is below 90% of the plan's.
    @Test func shortSchoolsMatchTheCSV() throws {
        let sums = try baseline()
        for threshold in [0.0, 0.1, 0.25] {
            let (report, plan, _) = try evaluate(threshold: threshold)
            let expected = plan.schools.filter { school in
                let actual = sums[school.id]?.values.reduce(0, +) ?? 0
                return school.received > 0 && actual < school.received * (1 - threshold) * (1 - 1e-9)
            }.map(\.id)
            #expect(Set(report.shortSchools.map(\.school)) == Set(expected))
            #expect(report.shortSchools.allSatisfy { $0.kind == .money && $0.shortfallShare > threshold })
        }
        // The worst: Brent ES (212) received 680,947.xx of 990,550 planned.
        let (report, _, _) = try evaluate()
        #expect(report.shortSchools.first?.school == "212")
        #expect(abs(report.shortSchools[0].actual - (try baseline()["212"]!.values.reduce(0, +))) < 1e-6)
    }

    /// Achieved equity is computed on the baseline's per-pupil money; the plan's on the plan's.
    @Test func equityPlannedVersusAchieved() throws {
        let (report, plan, _) = try evaluate()
        let sums = try baseline()
        // Gini by the O(n²) definition on the baseline, by hand.
        let v = plan.schools.map { (sums[$0.id]?.values.reduce(0, +) ?? 0) / Double($0.pupils) }
        let n = plan.schools.map { Double($0.pupils) }
        let w = n.reduce(0, +), mu = zip(n, v).reduce(0) { $0 + $1.0 * $1.1 } / w
        var double = 0.0
        for i in v.indices { for j in v.indices { double += n[i] * n[j] * abs(v[i] - v[j]) } }
        let gini = double / (2 * w * w * mu)
        #expect(abs((report.metrics.achieved["gini"] ?? nil)! - gini) < 1e-12)
        // The plan pays every school its need: Hoover against need is 0 planned, positive achieved.
        #expect(abs((report.metrics.planned["hoover"] ?? nil)!) < 1e-12)
        #expect((report.metrics.achieved["hoover"] ?? nil)! > 0.05)
        // No mandatory category is counted on poor pupils: the §11 indicator is vacuously 100% (and
        // the report says so); over at_risk and title_i together only some schools got their full need.
        #expect(report.poorFullyCovered?.categories == [])
        #expect(report.poorFullyCovered?.achieved.share == 1)
        let all = try #require(report.poorFullyCoveredAllPoorCategories)
        #expect(all.categories == ["at_risk", "title_i"])
        #expect(all.planned.share == 1)
        #expect(all.achieved.share! < 0.2)
        #expect(report.notes.contains { $0.contains("MODEL.md §11") })
    }
}
