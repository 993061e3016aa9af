import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// Money in the plan's CSV files is rounded to the fen, without float noise; plan.json keeps
/// every digit.
@Suite struct CSVMoneyTests {
    @Test func planCSVMoneyIsRoundedToTheFenAndJSONKeepsFullPrecision() throws {
        let solved = try PlanFileTests.report("scenarios/examples/03_earmarked_funds")
        let dispatching = try #require(try PlanFileTests.report("scenarios/examples/05_teacher_dispatch").result.plan)
        var result = solved.result
        var plan = try #require(result.plan)
        let noisy = 177_249.99999999997
        plan.funds[0].flows[0].amount = noisy
        let category = try #require(plan.schools[0].allocated.keys.sorted().first)
        plan.schools[0].allocated[category] = noisy
        plan.schools[0].received = noisy
        plan.dispatch = Array(dispatching.dispatch.prefix(1))
        try #require(!plan.dispatch.isEmpty)
        plan.dispatch[0].annualCost = noisy
        result.plan = plan
        let report = PlanReport(result: result, scenario: solved.scenario)
        let csv = report.fundsCSV() + report.schoolsCSV() + report.dispatchCSV()
        #expect(!csv.contains("177249.99999999997") && csv.contains("177250"))
        #expect(report.fundsCSV().split(separator: "\n")[1].hasSuffix(",177250"))
        // Every number in the money columns has at most two decimals.
        for line in report.fundsCSV().split(separator: "\n").dropFirst() {
            let amount = try #require(line.split(separator: ",").last)
            #expect((amount.split(separator: ".").dropFirst().first?.count ?? 0) <= 2, "\(line)")
        }
        let json = try report.json().rendered()
        #expect(json.contains("177249.99999999997"))
    }

    /// The Funds table's "used" never reads 100.0% beside a sentence saying the fund is not fully
    /// used: DC's at-risk fund spends 51,841,462 of 51,847,745 (99.988%), shown 99.9%; a fully used
    /// fund is 100.0%; exact tenths stay as they are (binary 0.7 × 1000 is 699.999…).
    @Test func usedShareIsNeverRoundedUpToFull() {
        #expect(PlanSummary.usedShare(51_841_462, of: 51_847_745, fullyUsed: false) == "99.9%")
        #expect(PlanSummary.usedShare(1_000, of: 1_000, fullyUsed: true) == "100.0%")
        #expect(PlanSummary.usedShare(700, of: 1_000, fullyUsed: false) == "70.0%")
        #expect(PlanSummary.usedShare(625, of: 1_000, fullyUsed: false) == "62.5%")
        #expect(PlanSummary.usedShare(5, of: 0, fullyUsed: false) == "—")
    }
}
