import EduplanPlanner
@testable import EduplanReports
import Foundation
import Testing

/// The diagnosis as text is in layers and stays short however large the province: the sums, the
/// top-up, the three largest lines and where the rest is.
@Suite struct DiagnosisTextTests {
    /// 743 mandatory lines over 100 regions (as in a province whose one fund is short): the section
    /// has at most 15 lines, its total is the sum of the lines, and it names where every line is.
    @Test func aLargeDiagnosisStaysShort() throws {
        let items: [DiagnosisItem] = (0..<743).map { (i: Int) -> DiagnosisItem in
            let amount = Double(1000 + i)
            return DiagnosisItem(constraint: "living_allowance at s\(i)", rule: "mandatory", relaxBy: amount, unit: "CNY",
                                 money: amount, explanation: "living_allowance at s\(i) is short by \(1000 + i) CNY",
                                 category: "living_allowance", school: "s\(i)", region: "r\(i % 100)")
        }.sorted { $0.money > $1.money }
        let topUp = TopUpSummary(eachFundAlone: ["central_special": 1_018_653, "county_matching": nil], allFunds: 1_018_653,
                                 split: ["central_special": 1_018_653], undetermined: [])
        let summary = DiagnosisSummary(items: items, topUp: topUp)
        #expect(summary.total == items.reduce(0) { $0 + $1.money } && summary.total == 1_018_653)
        let text = PlanSummary.diagnosisText(items, summary: summary, currency: "CNY")
        let lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
        #expect(lines.count <= 15, "\(lines.count) lines:\n\(text)")
        #expect(text.contains("worth 1,018,653 CNY, in 743 lines"))
        #expect(text.contains("add at least 1,018,653 CNY to central_special; county_matching cannot"))
        #expect(text.contains("by region: r42 "))
        #expect(text.contains("(96 more)"))
        #expect(text.contains("All 743 lines: `diagnosis` in --format json, and diagnosis.csv with --out DIR."))
    }

    /// "Add at least N" rounds N up (to the unit, or to the fen below 100): adding the printed
    /// amount is always enough.
    @Test func topUpAmountsRoundUp() throws {
        let topUp = TopUpSummary(eachFundAlone: ["a": 28_999_999.2, "b": 12.341], allFunds: 12.341, split: ["b": 12.341],
                                 undetermined: [])
        let text = PlanSummary.topUpText(topUp, currency: "CNY")
        #expect(text.contains("add at least 12.35 CNY in all"))
        #expect(text.contains("add at least 29,000,000 CNY to a"))
    }
}
