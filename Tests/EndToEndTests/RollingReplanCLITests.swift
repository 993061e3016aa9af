import Foundation
import Testing

/// `eduplan solve DIR --previous PREV/plan.json --actuals …` on a multi-year scenario (docs/cli.md,
/// "The rolling re-plan"); the numbers are derived in Tests/Fixtures/multiyear/rolling_planner_*.
@Suite struct RollingReplanCLITests {
    static let money = "Tests/Fixtures/multiyear/rolling_planner_money"
    static let post = "Tests/Fixtures/multiyear/rolling_planner_post"

    private func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-rolling-\(name)-\(UUID().uuidString)")
    }

    /// 2024 paid A 30 and B 40: 2024 is actual, the 30 left is carried and given to A in 2025
    /// (objective 71.5, U 230), and the move is listed with its year.
    @Test func replanWithActualsWritesReplanAndActualYears() throws {
        let out = temporary("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try eduplan(["solve", Self.money, "--previous", "\(Self.money)/previous.json", "--actuals", "\(Self.money)/actuals_money.csv",
                               "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Rolling re-plan") && run.stdout.contains("years over (fixed at the actuals)"), "\(run.stdout)")
        #expect(run.stdout.contains("2025: 1 money line(s) changed (30 CNY moved), 0 teacher move(s)"), "\(run.stdout)")
        #expect(run.stdout.contains("2024 (year 1 of 2) — over: what was done (the actuals)"), "\(run.stdout)")
        let plan = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json"))) as? [String: Any])
        #expect(abs((plan["objective"] as? Double ?? 0) - 71.5) < 1e-6 && abs((plan["benefit"] as? Double ?? 0) - 230) < 1e-6)
        let replan = try #require(plan["replan"] as? [String: Any])
        #expect(replan["years_over"] as? [Int] == [2024] && (replan["actuals"] as? [String])?.count == 1)
        #expect((replan["previous_fingerprint"] as? String)?.count == 64)
        let years = try #require(plan["years"] as? [[String: Any]])
        #expect(years.map { $0["actual"] as? Bool } == [true, false])
        let moves = try #require(plan["moves"] as? [[String: Any]])
        #expect(moves.count == 1 && moves[0]["year"] as? Int == 2025 && moves[0]["school"] as? String == "A" && moves[0]["after"] as? Double == 30)
        let schools = try String(contentsOf: out.appendingPathComponent("schools.csv"), encoding: .utf8)
        #expect(schools.hasPrefix("year,school,"))
        let zh = try eduplan(["solve", Self.money, "--previous", "\(Self.money)/previous.json", "--actuals", "\(Self.money)/actuals_money.csv",
                              "--quiet", "--lang", "zh-CN"])
        #expect(zh.status == 0 && zh.stdout.contains("滚动调整规划") && zh.stdout.contains("已执行年度"), "\(zh.stdout)")
    }

    /// Without actuals, an unchanged scenario re-planned against its own optimum keeps it: no move,
    /// the same objective (200), no year over.
    @Test func replanWithoutActualsKeepsThePlan() throws {
        let run = try eduplan(["solve", Self.money, "--previous", "\(Self.money)/previous.json", "--format", "json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(abs((plan["objective"] as? Double ?? 0) - 200) < 1e-6)
        #expect((plan["moves"] as? [Any])?.isEmpty == true && (plan["replan"] as? [String: Any])?["years_over"] as? [Int] == [])
    }

    /// Every error of the contract in two files at once, each with file, line and column; exit 1;
    /// nothing written.
    @Test func badActualsAreAllNamedAndNothingIsWritten() throws {
        let folder = temporary("bad")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let money = folder.appendingPathComponent("money.csv"), teachers = folder.appendingPathComponent("teachers.csv")
        try Data("""
        year,school,category,amount
        2023,A,grant,1
        2026,A,grant,10
        2026,A,grant,5
        2026,Z,grant,1
        2026,B,dispatch,1
        2026,B,books,1
        2026,B,grant,-5
        x,B,grant,1

        """.utf8).write(to: money)
        try Data("""
        year,group,school,count
        2026,G1,A,1.5
        2026,G9,A,1
        2026,G1,B,1

        """.utf8).write(to: teachers)
        let out = folder.appendingPathComponent("out")
        let run = try eduplan(["solve", Self.post, "--previous", "\(Self.post)/previous.json", "--actuals", money.path,
                               "--actuals", teachers.path, "--out", out.path, "--quiet"])
        #expect(run.status == 1, "\(run.stderr)")
        let expected = [
            "money.csv:2:1 (year): expected a year of the horizon (2024, 2025, 2026), found 2023",
            "money.csv:4:3 (category): expected each year, school and category given once, found a second row for it",
            "money.csv:5:2 (school): expected a school of the scenario, found \"Z\"",
            "money.csv:6:3 (category): expected a money category (the scenario has none), found \"dispatch\"",
            "money.csv:7:3 (category)", "money.csv:8:4 (amount)", "money.csv:9:1 (year): expected a year (a whole number)",
            "teachers.csv:2:4 (count): expected a whole number of teachers from 0 to 10,000,000, found 1.5",
            "teachers.csv:3:2 (group): expected a teacher group of the scenario, found \"G9\"",
            "expected actuals for 2024 (every year up to 2026), found no row of 2024 in any actuals file",
            "expected actuals for 2025 (every year up to 2026)",
            "money.csv:3:1 (year): expected years before the horizon's last (2026), found 2026",
            "every year of the horizon is over: nothing to re-plan",
        ]
        for line in expected { #expect(run.stderr.contains(line), "missing: \(line)\n\(run.stderr)") }
        #expect(run.stderr.contains("teachers posted go in a `year,group,school,count` file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let zh = try eduplan(["solve", Self.post, "--previous", "\(Self.post)/previous.json", "--actuals", money.path,
                              "--actuals", teachers.path, "--quiet", "--lang", "zh-CN"])
        #expect(zh.status == 1 && zh.stderr.contains("规划期中的年份") && zh.stderr.contains("规划期各年均已执行完毕"), "\(zh.stderr)")
    }

    /// A post at a school the group can never be sent to, project money beyond the projects open by
    /// then, and a file without a year column: errors naming the row.
    @Test func nonCandidatePairAndMissingYearColumnAreErrors() throws {
        let folder = temporary("pair")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // G1 (math, 100 km) and schools A, B of one region: make a copy whose teacher cannot reach B.
        let scenario = folder.appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.post), to: scenario)
        try Data("id,subject,count,region,lat,lon,annual_cost,max_distance_km,levels,contract_years\nG1,math,1,r1,,,100,100,junior,3\n".utf8)
            .write(to: scenario.appendingPathComponent("teachers.csv"))
        let teachers = folder.appendingPathComponent("teachers.csv"), noYear = folder.appendingPathComponent("money.csv")
        try Data("year,group,school,count\n2024,G1,A,1\n".utf8).write(to: teachers)
        try Data("school,category,amount\nA,grant,1\n".utf8).write(to: noYear)
        let run = try eduplan(["solve", scenario.path, "--previous", "\(Self.post)/previous.json", "--actuals", teachers.path,
                               "--actuals", noYear.path, "--allow-foreign-plan", "--quiet"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("teachers.csv:2:3 (school): expected a candidate pair of group G1 ((none))"), "\(run.stderr)")
        #expect(run.stderr.contains("money.csv:1: expected a header with a `year` column (`year,school,category,amount`)"), "\(run.stderr)")
    }

    /// A one-year plan for a multi-year scenario, a multi-year plan for a one-year scenario, and
    /// --actuals without a horizon or without --previous: exit 1.
    @Test func mismatchedPlansAndOptionsExitOne() throws {
        let oneYearPlan = temporary("one")
        defer { try? FileManager.default.removeItem(at: oneYearPlan) }
        let solved = try eduplan(["solve", "Tests/Fixtures/planner/f1_coverage_floor_hard", "--out", oneYearPlan.path, "--quiet"])
        #expect(solved.status == 0, "\(solved.stderr)")
        let multi = try eduplan(["solve", Self.money, "--previous", oneYearPlan.appendingPathComponent("plan.json").path, "--quiet"])
        #expect(multi.status == 1 && multi.stderr.contains("expected a multi-year plan (`years`)"), "\(multi.stderr)")
        let one = try eduplan(["solve", "Tests/Fixtures/planner/f1_coverage_floor_hard", "--previous", "\(Self.money)/previous.json", "--quiet"])
        #expect(one.status == 1 && one.stderr.contains("found a multi-year plan (`years`)"), "\(one.stderr)")
        let noHorizon = try eduplan(["solve", "Tests/Fixtures/planner/f1_coverage_floor_hard", "--previous", oneYearPlan.appendingPathComponent("plan.json").path,
                                     "--actuals", "\(Self.money)/actuals_money.csv", "--quiet"])
        #expect(noHorizon.status == 1 && noHorizon.stderr.contains("--actuals re-plans a multi-year plan"), "\(noHorizon.stderr)")
        let noPrevious = try eduplan(["solve", Self.money, "--actuals", "\(Self.money)/actuals_money.csv", "--quiet"])
        #expect(noPrevious.status == 1 && noPrevious.stderr.contains("need --previous"), "\(noPrevious.stderr)")
    }

    /// Two posts made in 2024 with a supply of one and money for one: exit 2, the diagnosis names
    /// the post that cannot be kept, with its year.
    @Test func infeasibleReplanIsDiagnosedWithItsYear() throws {
        let run = try eduplan(["solve", Self.post, "--previous", "\(Self.post)/previous.json", "--actuals", "\(Self.post)/actuals_two_posts.csv",
                               "--quiet"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("2024: teachers of G1 posted at"), "\(run.stdout)")
    }
}
