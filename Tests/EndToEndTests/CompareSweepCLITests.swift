import Foundation
import Testing

/// `eduplan compare` and `eduplan sweep` run as a user would: outputs, files and exit statuses.
@Suite(.serialized) struct CompareSweepCLITests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try eduplan(arguments)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-sweep-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func jsonList(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    // MARK: compare

    @Test func compareTableShowsRunsDeltasAndWhatChanged() throws {
        let run = try Self.run(["compare", "scenarios/examples/09_budget_variants"])
        #expect(run.status == 0)
        let header = try #require(run.stdout.split(separator: "\n").first { $0.contains("base") && $0.contains("rural first") })
        #expect(header.contains("budget -50%") && header.contains("donations 2000"))
        #expect(run.stdout.contains("Δ vs base"))
        #expect(run.stdout.contains("benefit U (points)") && run.stdout.contains("4,000") && run.stdout.contains("−1,800"))
        #expect(run.stdout.contains("What changed"))
        #expect(run.stdout.contains("3 regions lose (every one in the table below); largest losses: East County −8.00, South County −3.00, North County −1.50."))
        // Every region that changed, with each variant's change (North only in "budget -50%").
        #expect(run.stdout.contains("Per-pupil change by region (CNY per pupil)"))
        #expect(run.stdout.contains("North County  10.00        −1.50"))
        #expect(run.stdout.contains("3 of 3 regions changed in some variant."))
        #expect(run.stdout.contains("shadow price: coverage_floor"))
        // stderr is not a terminal here: no progress bar, only the closing note.
        #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("█"))
    }

    /// A variant that plans several years beside a one-year base is left out of `compare` (a
    /// discounted three-year objective is not comparable with one year's), with a note saying so;
    /// `report` leaves it out too; named alone with --variant it is the page's plan (its three
    /// years), named beside a one-year variant it is refused.
    @Test func compareLeavesOutAMultiYearVariantOfAOneYearBase() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("s")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: "scenarios/examples/09_budget_variants"), to: copy)
        let yaml = copy.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
            of: "variants:\n", with: "variants:\n  - {name: \"three years\", horizon: {years: [2024, 2025, 2026]}}\n")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let run = try Self.run(["compare", copy.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("variant \"three years\" plans 3 years and the base 1: not compared"))
        #expect(run.stderr.contains("compared 6 runs"))
        #expect(!run.stdout.contains("three years"))
        let mixed = try Self.run(["report", copy.path, "--variant", "three years", "--variant", "budget -50%",
                                  "--out", folder.appendingPathComponent("r.html").path])
        #expect(mixed.status == 1 && mixed.stderr.contains("variant \"three years\" plans 3 years and the base 1"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.html").path))
        let alone = try Self.run(["report", copy.path, "--variant", "three years", "--out", folder.appendingPathComponent("r.html").path])
        #expect(alone.status == 0, "\(alone.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(page.contains("2024–2026 (3 years)") && page.contains("id=\"summary-2026\""))
    }

    /// --out DIR writes changes.csv: every region × variant, the unchanged ones with change 0.
    /// On the fixture the solver's first optimum moved South (−4 per pupil); the closest plan does not.
    /// The base's split between North and South is one of several optimal ones (same objective): the
    /// one the solver reaches from the optimum without rules (docs/scaling.md).
    @Test func compareOutWritesEveryRegionsChange() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("cmp").path
        let run = try Self.run(["compare", "Tests/Fixtures/compare/fund_in_two_regions", "--out", out])
        #expect(run.status == 0)
        let csv = try String(contentsOfFile: out + "/changes.csv", encoding: .utf8)
        #expect(csv == """
            variant,region,name,base_per_pupil,per_pupil,change
            local x2,r1,North County,20,20,0
            local x2,r2,East County,2,4,2
            local x2,r3,South County,17.5,17.5,0

            """)
        #expect(run.stdout.contains("1 of 3 regions changed in some variant; the other 2 are unchanged in every variant."))
    }

    /// The report's "What changed by region": every region, sortable, the change of the closest plan
    /// (East +2 per pupil, North and South 0 on the two-region fixture).
    @Test func reportShowsEveryRegionsChangeSortable() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("r.html").path
        #expect(try Self.run(["report", "Tests/Fixtures/compare/fund_in_two_regions", "--out", page, "--quiet"]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<table class=\"wide sortable\" id=\"changes-table\">"))
        #expect(html.contains("<th scope=\"row\" data-sort=\"East County\">East County</th><td class=\"num\" data-sort=\"2\">2.00</td><td class=\"num\" data-sort=\"2\">+2.00</td></tr>"))
        #expect(html.contains("<th scope=\"row\" data-sort=\"South County\">South County</th><td class=\"num\" data-sort=\"17.5\">17.50</td><td class=\"num\" data-sort=\"0\">0</td></tr>"))
        #expect(html.contains("table.sortable th[scope=col]"))
    }

    @Test func compareJSONIsAListOfSolveObjects() throws {
        let run = try Self.run(["compare", "scenarios/examples/09_budget_variants", "--format", "json", "--quiet"])
        #expect(run.status == 0 && run.stderr.isEmpty)
        let list = try Self.jsonList(run.stdout)
        #expect(list.count == 6)
        #expect(list.map { $0["variant"] as? String } == [nil, "budget -50%", "donations 2000", "half but donations kept",
                                                        "budget -50% no fairness", "rural first"])
        let objectives = list.map { $0["objective"] as? Double ?? .nan }
        for (value, expected) in zip(objectives, [500.0, 2300, 0, 1850, 2125, 1000]) { #expect(abs(value - expected) < 1e-6) }
        for object in list {
            for key in ["scenario", "status", "objective", "objective_constant", "benefit", "maxmin_coverage",
                        "price_of_fairness", "shadow_prices", "totals", "metrics", "diagnosis"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
            #expect(object["plan"] == nil)
        }
        let withPlan = try Self.run(["compare", "scenarios/examples/06_poverty_county_share", "--format", "json", "--with-plan", "--quiet"])
        let plans = try Self.jsonList(withPlan.stdout)
        #expect(plans.count == 2 && plans.allSatisfy { $0["plan"] is [String: Any] })
    }

    @Test func compareCSVAndMarkdown() throws {
        let csv = try Self.run(["compare", "scenarios/examples/06_poverty_county_share", "--format", "csv", "--quiet"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "metric,base,no rule,no rule Δ")
        #expect(lines.contains("objective,1500,1000,-500"))
        #expect(lines.contains("benefit,3000,3500,500"))
        // The share's cost re-solved at 0.501 (claims): B + C may get at most 1000·0.499/0.501, so
        // C (π 2) loses 1000·0.002/0.501 and the objective rises 4000/0.501 per unit of share.
        #expect(lines.contains("rule:poverty_county_share,7984.031936127849,off,"))
        let markdown = try Self.run(["compare", "scenarios/examples/06_poverty_county_share", "--format", "markdown", "--quiet"])
        #expect(markdown.stdout.hasPrefix("# Example 6"))
        #expect(markdown.stdout.contains("|---|"))
        #expect(markdown.stdout.contains("- no rule (optimal): benefit U 3,500 points (+500 vs base)"))
    }

    @Test func compareJobsDoNotChangeTheOutput() throws {
        let one = try Self.run(["compare", "scenarios/examples/09_budget_variants", "--format", "json", "--quiet"])
        let two = try Self.run(["compare", "scenarios/examples/09_budget_variants", "--format", "json", "--quiet", "--jobs", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
    }

    @Test func compareExitStatusFollowsTheBase() throws {
        let infeasible = try Self.run(["compare", "scenarios/examples/08_infeasible_diagnosis", "--quiet"])
        #expect(infeasible.status == 2)
        #expect(infeasible.stdout.contains("infeasible"))
        let missing = try Self.run(["compare", "/nonexistent/scenario", "--quiet"])
        #expect(missing.status == 1)
    }

    // MARK: sweep

    /// 01's frontier by hand (CompareSweepTests has the derivation): U(M) is piecewise linear
    /// with slopes 6.1, 3.7, 2.9, 2 on each further 1000 of money, flat past 4000.
    @Test func sweepCSVFollowsTheHandDerivedFrontier() throws {
        let run = try Self.run(["sweep", "scenarios/examples/01_priority_weights", "--fund", "provincial",
                                "--from", "0.1", "--to", "2.1", "--steps", "21", "--format", "csv", "--quiet"])
        #expect(run.status == 0 && run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == 22)
        let header = lines[0]
        let benefit = try #require(header.firstIndex(of: "benefit")), money = try #require(header.firstIndex(of: "total_money"))
        #expect(header.contains("shadow_price_provincial") && header.contains("gini") && header.contains("min_coverage"))
        func clamp(_ v: Double) -> Double { min(max(v, 0), 1000) }
        for line in lines.dropFirst() {
            let m = try #require(Double(line[money]))
            let u = 6.1 * min(m, 1000) + 3.7 * clamp(m - 1000) + 2.9 * clamp(m - 2000) + 2 * clamp(m - 3000)
            #expect(abs((Double(line[benefit]) ?? .nan) - u) < 1e-6, "M = \(m)")
        }
        #expect(lines[8][1] == "0.8" && lines[8][money] == "2000")
    }

    @Test func sweepJSONAndTable() throws {
        let json = try Self.run(["sweep", "scenarios/examples/07_maxmin_coverage", "--fund", "provincial",
                                 "--from", "0.5", "--to", "2.5", "--steps", "5", "--format", "json", "--quiet"])
        #expect(json.status == 0)
        let list = try Self.jsonList(json.stdout)
        #expect(list.count == 5)
        let sweep = try #require(list[1]["sweep"] as? [String: Any])
        #expect(sweep["step"] as? Double == 1 && sweep["multiplier"] as? Double == 1)
        #expect((list[1]["maxmin_coverage"] as? Double).map { abs($0 - 0.5) < 1e-9 } == true)
        #expect(list.allSatisfy { $0["plan"] == nil && $0["metrics"] != nil })
        let table = try Self.run(["sweep", "scenarios/examples/07_maxmin_coverage", "--fund", "all",
                                  "--from", "0.5", "--to", "1", "--steps", "2", "--quiet"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Budget frontier: Example 7"))
        #expect(table.stdout.contains("every fund × 0.5 … 1 in 2 steps"))
    }

    /// Shards written to files and merged are the unsharded CSV, byte for byte (a MIP and an LP).
    @Test(arguments: [("scenarios/examples/05_teacher_dispatch", "teacher_fund"),
                      ("scenarios/examples/09_budget_variants", "all")])
    func shardedAndMergedEqualsUnsharded(folder: String, fund: String) throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["sweep", folder, "--fund", fund, "--from", "0", "--to", "2", "--steps", "11", "--block", "2", "--quiet"]
        let full = dir.appendingPathComponent("full.csv").path
        #expect(try Self.run(common + ["--jobs", "2", "--out", full]).status == 0)
        var parts: [String] = []
        for i in 0..<3 {
            let part = dir.appendingPathComponent("part-\(i).csv").path
            let run = try Self.run(common + ["--shard", "\(i)/3", "--out", part])
            #expect(run.status == 0, "\(run.stderr)")
            parts.append(part)
        }
        let first = try String(contentsOfFile: parts[0], encoding: .utf8)
        #expect(first.hasPrefix("# eduplan sweep partial v1\n"))
        #expect(first.contains("# shard: 0/3\n") && first.contains("# steps: 11\n") && first.contains("# block: 2\n"))
        let merged = dir.appendingPathComponent("merged.csv").path
        let merge = try Self.run(["sweep", "merge", parts[2], parts[0], parts[1], "--out", merged, "--quiet"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: full)), b = try Data(contentsOf: URL(fileURLWithPath: merged))
        #expect(a == b)
        #expect(!a.isEmpty)
        // Merge to stdout gives the same bytes.
        let stdout = try Self.run(["sweep", "merge"] + parts)
        #expect(Data(stdout.stdout.utf8) == a)
    }

    @Test func mergeRefusesMissingRepeatedOrForeignParts() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["sweep", "scenarios/examples/09_budget_variants", "--fund", "general", "--from", "0", "--steps", "6", "--quiet"]
        func part(_ name: String, _ extra: [String]) throws -> String {
            let path = dir.appendingPathComponent(name).path
            #expect(try Self.run(common + extra + ["--out", path]).status == 0)
            return path
        }
        let p0 = try part("p0.csv", ["--to", "2", "--shard", "0/2"])
        let p1 = try part("p1.csv", ["--to", "2", "--shard", "1/2"])
        let foreign = try part("x1.csv", ["--to", "3", "--shard", "1/2"])
        let missing = try Self.run(["sweep", "merge", p0])
        #expect(missing.status == 1 && missing.stderr.contains("steps missing") && missing.stderr.contains("1/2"))
        let repeated = try Self.run(["sweep", "merge", p0, p1, p1])
        #expect(repeated.status == 1 && repeated.stderr.contains("also given by"))
        let mixed = try Self.run(["sweep", "merge", p0, foreign])
        #expect(mixed.status == 1 && mixed.stderr.contains("to is \"3.0\""))
        let plain = dir.appendingPathComponent("plain.csv").path
        #expect(try Self.run(common + ["--to", "2", "--out", plain]).status == 0)
        let notPartial = try Self.run(["sweep", "merge", plain])
        #expect(notPartial.status == 1 && notPartial.stderr.contains("line 1"))
    }

    @Test func sweepBadInputExitsOne() throws {
        let unknown = try Self.run(["sweep", "scenarios/examples/09_budget_variants", "--fund", "nope",
                                    "--from", "0.5", "--to", "1.5", "--steps", "3"])
        #expect(unknown.status == 1 && unknown.stderr.contains("general, donations") && unknown.stderr.contains("nope"))
        let shard = try Self.run(["sweep", "scenarios/examples/09_budget_variants", "--fund", "all",
                                  "--from", "0.5", "--to", "1.5", "--steps", "3", "--shard", "4/4"])
        #expect(shard.status == 1 && shard.stderr.contains("--shard"))
        let variant = try Self.run(["sweep", "scenarios/examples/09_budget_variants", "--fund", "all",
                                    "--from", "0.5", "--to", "1.5", "--steps", "3", "--variant", "nope"])
        #expect(variant.status == 1)
    }

    @Test func helpHasExamples() throws {
        for command in [["compare"], ["sweep"], ["sweep", "merge"]] {
            let run = try Self.run(command + ["--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("Example"), "\(command) --help has no example")
        }
    }
}
