import Foundation
import Testing

/// `eduplan sweep` and `eduplan convert` on scenarios with `horizon:` (docs/cli.md, "sweep" and
/// "Multi-year plans").
@Suite struct MultiYearSweepConvertCLITests {
    static let root = "Tests/Fixtures/multiyear/"

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-years-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every multi-year fixture as a workbook and back as CSV solves to the very same output files
    /// (plan.json with its fingerprint, the CSVs with their `year` column; an infeasible one its
    /// diagnosis).
    @Test(arguments: ["carry_over_on", "core_carry_contract", "core_infeasible_second_year", "min_spend_growth",
                      "project_early_discount", "projection", "teacher_counts_by_year", "three_year_post", "fairness_from_year2"])
    func convertKeepsTheMultiYearPlan(name: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Self.root + name, xlsx = folder.appendingPathComponent("xlsx").path, csv = folder.appendingPathComponent("csv").path
        #expect(try eduplan(["convert", source, "--to", "xlsx", "--out", xlsx]).status == 0)
        #expect(try eduplan(["convert", xlsx, "--to", "csv", "--out", csv]).status == 0)
        var outputs: [[String: Data]] = []
        for directory in [source, xlsx, csv] {
            let out = folder.appendingPathComponent("plan-\(outputs.count)").path
            let status = try eduplan(["solve", directory, "--out", out, "--quiet"]).status
            #expect(status == 0 || status == 2)
            let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            outputs.append(Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))) }))
        }
        #expect(outputs[0].keys.contains("plan.json"))
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0], "\(name)")
    }

    /// carry_over_on (README): at multiplier m the budgets are 1000m and 100m, the cap 500m; the
    /// whole cap is carried while the needs last, so x₁ = 500m, x₂ = 600m and U = 2·500m + 3·600m =
    /// 2800m, linear up to m = 1.6 (2024's need of 800); at m = 2 every need is met, U = 4600.
    /// At m = 1 a unit of 2024's budget buys 2.5 (half spent at 2, half carried at 3), of 2025's 3.
    @Test func sweepOfCarryOverIsLinearUntilTheNeedIsMet() throws {
        let run = try eduplan(["sweep", Self.root + "carry_over_on", "--fund", "grant_fund", "--from", "0", "--to", "2",
                               "--steps", "5", "--format", "csv", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        func column(_ name: String) throws -> [String] {
            let i = try #require(header.firstIndex(of: name), "no column \(name)")
            return lines.dropFirst().map { $0[i] }
        }
        #expect(try column("benefit") == ["0", "1400", "2800", "4200", "4600"])
        #expect(try column("amount_grant_fund") == ["0", "550", "1100", "1650", "2200"])
        #expect(try column("carried_grant_fund_2024").prefix(4) == ["0", "250", "500", "750"])
        #expect(try column("spent_grant_fund_2025") == ["0", "300", "600", "900", "1000"])
        // At m = 2 (budgets 2000 and 200, needs 800 and 1000) 2025 needs w ≥ 800 and the cap is
        // 1000: any w in [800, 1000] is optimal, the rest of 2024's 1200 lapsing.
        let carried = try Double(column("carried_grant_fund_2024")[4]) ?? 0, lapsed = try Double(column("lapsed_grant_fund_2024")[4]) ?? 0
        #expect(carried >= 800 && carried <= 1000 && abs(carried + lapsed - 1200) < 1e-6, "carried \(carried), lapsed \(lapsed)")
        #expect(try column("shadow_price_grant_fund_2024")[2] == "-2.5" && column("shadow_price_grant_fund_2025")[2] == "-3")
        #expect(try column("benefit_2024") == ["0", "500", "1000", "1500", "1600"])
        #expect(try column("price_of_fairness") == ["0", "0", "0", "0", "0"])
    }

    /// The warm block of a multi-year sweep gives the bytes of every step solved cold (`--cold`), CSV
    /// and JSON, where each step's optimum is unique: carry_over_on at m = 0.2 … 1.4 (the derivation
    /// above: linear and unique up to m = 1.6). Where a step has several optimal plans (carry_over_on
    /// past m = 1.6: what is neither spent nor needed may be carried or lapse) or a degenerate
    /// optimum, a warm step may report another optimum than a cold one, as one year's sweep may:
    /// HorizonSweepWarmTests checks that status, objective, U and price of fairness agree.
    @Test func warmBlockGivesTheColdBytes() throws {
        let common = ["sweep", Self.root + "carry_over_on", "--fund", "all", "--from", "0.2", "--to", "1.4", "--steps", "7",
                      "--block", "7", "--quiet"]
        for format in ["csv", "json"] {
            let warm = try eduplan(common + ["--format", format]), cold = try eduplan(common + ["--format", format, "--cold"])
            #expect(warm.status == 0 && cold.status == 0, "\(warm.stderr)")
            #expect(warm.stdout == cold.stdout, "\(format)")
        }
    }

    /// Shards of a multi-year sweep merge to the bytes of the unsharded run; `--format json` lists
    /// each step's horizon object with its years and its `sweep` key.
    @Test func shardsMergeAndJSONCarriesTheYears() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["sweep", Self.root + "core_carry_contract", "--fund", "all", "--from", "0.5", "--to", "1.5", "--steps", "5",
                      "--block", "2", "--quiet"]
        let whole = try eduplan(common + ["--format", "csv"])
        #expect(whole.status == 0 && whole.stdout.contains("objective_2025"), "\(whole.stderr)")
        var parts: [String] = []
        for i in 0..<2 {
            let part = folder.appendingPathComponent("part-\(i).csv").path
            #expect(try eduplan(common + ["--shard", "\(i)/2", "--out", part]).status == 0)
            parts.append(part)
        }
        let merged = try eduplan(["sweep", "merge"] + parts)
        #expect(merged.status == 0 && merged.stdout == whole.stdout)
        let json = try eduplan(common + ["--format", "json"])
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(steps.count == 5 && steps.allSatisfy { ($0["years"] as? [Any])?.count == 2 && $0["sweep"] != nil })
    }
}
