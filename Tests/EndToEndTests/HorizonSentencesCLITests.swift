import Foundation
import Testing

/// Every sentence and figure the text of a multi-year plan prints says what its number is (issue
/// 18): a year over is the actuals, not an optimum; a year's fund table and sentences count the money
/// carried in; a cap's value states the caps it holds between; evaluate counts teachers whole.
/// Numbers are the fixtures' hand derivations (Tests/Fixtures/multiyear/*/README.md).
@Suite struct HorizonSentencesCLITests {
    static let underspend = "Tests/Fixtures/multiyear/rolling_underspend"
    static let carryOn = "Tests/Fixtures/multiyear/carry_over_on"
    static let contract = "Tests/Fixtures/multiyear/rolling_contract"

    /// The output's lines with runs of spaces collapsed to one.
    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    }

    /// The text from the heading of `year`'s section to the next year's (or the end).
    private func section(_ text: String, year: String, next: String?) -> String {
        guard let start = text.range(of: "\n" + year) else { return "" }
        let rest = text[start.upperBound...]
        guard let next, let end = rest.range(of: "\n" + next) else { return String(rest) }
        return String(rest[..<end.lowerBound])
    }

    /// rolling_underspend, 2024 spent 700: 2024 is over, its status the actuals in both languages;
    /// 2025 is planned, optimal.
    @Test func aYearOverHasTheActualsForStatus() throws {
        let base = ["solve", Self.underspend, "--previous", "\(Self.underspend)/previous.json", "--actuals",
                    "\(Self.underspend)/actuals_700.csv", "--quiet"]
        let en = try eduplan(base)
        #expect(en.status == 0, "\(en.stderr)")
        let over = lines(section(en.stdout, year: "2024 (year 1", next: "2025 (year 2"))
        #expect(over.contains("status over: the actuals (what was done, not an optimum)"), "\(over)")
        #expect(!over.contains("status optimal"))
        #expect(lines(section(en.stdout, year: "2025 (year 2", next: nil)).contains("status optimal"))
        let zh = try eduplan(base + ["--lang", "zh-CN"])
        let overZh = lines(section(zh.stdout, year: "2024 年（第 1 年", next: "2025 年（第 2 年"))
        #expect(overZh.contains("求解状态 已执行：实际执行数（非最优解）"), "\(zh.stdout)")
        #expect(!overZh.contains("求解状态 最优"))
    }

    /// rolling_underspend, 2024 spent 700 (README): 300 carried into 2025, whose 500 and 300 pay
    /// 800, nothing lapsing. The table puts the 300 beside the 500 and the share used is of both
    /// (100%); the sentence says so, in English and Chinese, and never "全部用完" of the 500 alone.
    @Test func aYearsFundsCountTheMoneyCarriedIn() throws {
        let base = ["solve", Self.underspend, "--previous", "\(Self.underspend)/previous.json", "--actuals",
                    "\(Self.underspend)/actuals_700.csv", "--quiet"]
        let en = lines(section(try eduplan(base).stdout, year: "2025 (year 2", next: nil))
        #expect(en.contains("fund amount (CNY) carried in spent used (of amount + carried in) benefit per CNY"), "\(en)")
        #expect(en.contains { $0.hasPrefix("grant_fund 500 300 800 100.0% ") }, "\(en)")
        #expect(en.contains { $0.hasPrefix("• grant_fund uses all of its 500 CNY and the 300 CNY carried in (fully used): 800 CNY spent, ") },
                "\(en)")
        let zh = try eduplan(base + ["--lang", "zh-CN"]).stdout
        let zh2025 = lines(section(zh, year: "2025 年（第 2 年", next: nil))
        #expect(zh2025.contains { $0.hasPrefix("grant_fund 500 300 800 100.0% ") }, "\(zh2025)")
        #expect(zh2025.contains { $0.hasPrefix("• grant_fund本年的 500 元 与上年结转的 300 元 全部使用：支出 800 元，结转下年 0 元，无失效") },
                "\(zh2025)")
        #expect(!zh.contains("全部用完"))
        // carry_over_on (README): 2024 spends 500 and carries 500 on (the cap binds): fully used,
        // not "spends all of its 1,000".
        let carried = lines(try eduplan(["solve", Self.carryOn, "--quiet"]).stdout)
        #expect(carried.contains { $0.hasPrefix("grant_fund 1,000 0 500 100.0% 2.500") }, "\(carried)")
        #expect(carried.contains { $0.hasPrefix("• grant_fund uses all of its 1,000 CNY (fully used): 500 CNY spent, 500 CNY carried on, nothing lapses;") },
                "\(carried)")
        let carriedZh = try eduplan(["solve", Self.carryOn, "--quiet", "--lang", "zh-CN"]).stdout
        #expect(carriedZh.contains("grant_fund本年的 1,000 元 全部使用：支出 500 元，结转下年 500 元，无失效") && !carriedZh.contains("全部用完"),
                "\(carriedZh)")
    }

    /// carry_over_on (README; MultiYearClaimTests derives the interval [200, 900]): the cap's value 1
    /// is printed with the caps it holds between, in the text and in plan.json.
    @Test func theCapsValueStatesItsRange() throws {
        let en = lines(try eduplan(["solve", Self.carryOn, "--quiet"]).stdout)
        let row = try #require(en.first { $0.hasPrefix("2024 grant_fund 1,000 0 500 500 0 1.000 ") }, "\(en)")
        let range = row.split(separator: " ").suffix(3).map(String.init)
        #expect(range.count == 3 && range[1] == "to", "\(row)")
        let from = Double(range[0].replacingOccurrences(of: ",", with: "")) ?? 0, to = Double(range[2].replacingOccurrences(of: ",", with: "")) ?? 0
        #expect(from >= 200 && from < 500 && to > 500 && to <= 900, "\(row)")
        #expect(en.contains { $0.contains("value holds for caps (CNY)") })
        let json = try eduplan(["solve", Self.carryOn, "--quiet", "--format", "json"])
        let plan = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let carry = try #require(((plan["years"] as? [[String: Any]])?.first?["carry_over"] as? [[String: Any]])?.first)
        #expect((carry["cap_value_valid_from"] as? Double).map { $0 >= 200 && $0 < 500 } == true)
        #expect((carry["cap_value_valid_to"] as? Double).map { $0 > 500 && $0 <= 900 } == true)
        let zh = try eduplan(["solve", Self.carryOn, "--quiet", "--lang", "zh-CN"]).stdout
        #expect(zh.contains("该效益适用的结转上限（元）") && zh.contains(" 至 "), "\(zh)")
    }

    /// rolling_contract's previous plan (written by session 8) has one 3-year post at A, at post in
    /// 2024 as 0.9999999999999998; posted as planned: 1 planned, 1 at post, printed as one-year
    /// evaluate prints whole counts ("1", not "1.00"), in the summary and in the year.
    @Test func evaluateCountsTeachersWhole() throws {
        let run = try eduplan(["evaluate", "\(Self.contract)/previous.json", "--actuals", "\(Self.contract)/actuals_at_A.csv",
                               "--scenario", Self.contract])
        #expect(run.status == 0, "\(run.stderr)")
        let out = lines(run.stdout)
        #expect(out.contains("2024 — — — 1 1 0 —"), "\(run.stdout)")
        #expect(out.contains("teachers 1 1 100.00%"), "\(run.stdout)")
        #expect(!run.stdout.contains("1.00 "), "\(run.stdout)")
    }
}
