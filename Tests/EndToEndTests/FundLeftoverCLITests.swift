import Foundation
import Testing

/// A fund that leaves money unspent says why, in both languages: the needs it may pay for that are
/// still unmet, or that none is. The figures are the fixtures' hand derivations.
@Suite struct FundLeftoverCLITests {
    /// carry_over_off (Tests/Fixtures/multiyear/carry_over_off/README.md): 2024's grant need is 800
    /// against 1,000 of money, all met, 200 lapse; in 2025 the fund (100) is spent in full against a
    /// need of 1,000, so that year has no such line.
    @Test func moneyLapsesWhenEveryEligibleNeedIsMet() throws {
        let dir = "Tests/Fixtures/multiyear/carry_over_off"
        let en = try eduplan(["solve", dir, "--quiet"])
        #expect(en.status == 0, "\(en.stderr)")
        let line = "Why grant_fund leaves money unspent: every need it may pay for in its regions is met (grant); "
            + "nothing it may pay for could take more money."
        #expect(en.stdout.components(separatedBy: line).count == 2, "\(en.stdout)")
        let zh = try eduplan(["solve", dir, "--quiet", "--lang", "zh-CN"])
        #expect(zh.stdout.components(separatedBy: "grant_fund有结余的原因：其可资助地区内它可资助的需求已全部满足（grant）").count == 2,
                "\(zh.stdout)")
        #expect(!zh.stdout.contains("leaves money"))
    }

    /// f3_poverty_share_hard with the fund raised from 2,000 to 3,000 (README's derivation: F3 with
    /// share 0.5 holds X_B + X_C ≤ X_A ≤ 1,000): 2,000 is spent, A 1,000 and C 1,000, and B's need of
    /// 1,000 stays unmet while 1,000 of money is left — the rule, not a lack of needs, keeps it.
    @Test func moneyLeftWhileARuleHoldsEligibleNeedsBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leftover-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/planner/f3_poverty_share_hard"), to: dir)
        let yaml = dir.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        #expect(text.contains("amount: 2000"))
        try text.replacingOccurrences(of: "amount: 2000", with: "amount: 3000").write(to: yaml, atomically: true, encoding: .utf8)
        let en = try eduplan(["solve", dir.path, "--quiet"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.contains("provincial leaves money unspent although needs it may pay for in its regions are not met: "
                                   + "grant 1,000 CNY short."), "\(en.stdout)")
        #expect(!en.stdout.contains("Why provincial"))
        let zh = try eduplan(["solve", dir.path, "--quiet", "--lang", "zh-CN"])
        #expect(zh.stdout.contains("provincial有结余，但其可资助地区内仍有它可资助的需求未满足：grant尚缺 1,000 元。"), "\(zh.stdout)")
        let pages = FileManager.default.temporaryDirectory.appendingPathComponent("leftover-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: pages) }
        let page = pages.appendingPathComponent("report.html")
        let report = try eduplan(["report", dir.path, "--out", page.path, "--quiet"])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<li>provincial leaves money unspent although needs it may pay for in its regions are not met: "
                              + "grant 1,000 CNY short.</li>"))
    }

    /// A fund spent in full gets no such line (f3_poverty_share_hard as it is: 2,000 of 2,000 spent).
    @Test func aFundSpentInFullSaysNothingMore() throws {
        let en = try eduplan(["solve", "Tests/Fixtures/planner/f3_poverty_share_hard", "--quiet"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(!en.stdout.contains("leaves money unspent"), "\(en.stdout)")
    }
}
