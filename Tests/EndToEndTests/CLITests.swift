import Foundation
import Testing

/// Runs the built `eduplan` binary as a user would and checks output and exit status.
@Suite(.serialized) struct CLITests {
    @Test func solveJSONHasTheContractKeys() throws {
        let run = try eduplan(["solve", "scenarios/examples/01_priority_weights", "--format", "json", "--quiet"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["scenario", "variant", "status", "objective", "objective_constant", "benefit", "maxmin_coverage",
                    "price_of_fairness", "shadow_prices", "totals", "metrics", "diagnosis", "plan"] {
            #expect(object.keys.contains(key), "missing key \(key)")
        }
        #expect(object["status"] as? String == "optimal")
        // Hand-derived in scenarios/examples/README.md: objective 3450, U 11250.
        #expect(abs((object["objective"] as? Double ?? 0) - 3450) < 1e-6)
        #expect(abs((object["benefit"] as? Double ?? 0) - 11250) < 1e-6)
        #expect(run.stderr.isEmpty)
    }

    /// The summary speaks in points for U and the objective (example 01: U 11,250, objective 3,450,
    /// hand-derived), never in currency; the closing line is the whole command's wall time, which
    /// is at least the sum of the phases `--timings` records.
    @Test func summaryUnitsAndTheClosingLineSayWhatTheyMeasured() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let timings = folder.appendingPathComponent("t.json").path
        let run = try eduplan(["solve", "scenarios/examples/01_priority_weights", "--timings", timings])
        #expect(run.status == 0)
        #expect(run.stdout.contains("weighted benefit U") && run.stdout.contains("11,250 points"))
        #expect(run.stdout.contains("3,450 points") && !run.stdout.contains("11,250 CNY"))
        let line = try #require(run.stderr.split(separator: "\n").last.map(String.init))
        let pattern = /done in ([0-9.]+) s wall time of the whole command; ([0-9.]+) s of it inside GLPK's solvers/
        let match = try #require(line.firstMatch(of: pattern), "\(line)")
        let wall = try #require(Double(match.1)), glpk = try #require(Double(match.2))
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: timings))) as? [String: Any])
        let phases = try #require(recorded["phases"] as? [[String: Any]])
        let summed = phases.filter { $0["concurrent"] as? Bool != true }.reduce(0.0) { $0 + ($1["seconds"] as? Double ?? 0) }
        #expect(wall + 0.005 >= summed && glpk <= wall, "wall \(wall), phases \(summed), GLPK \(glpk)")
    }

    /// MODEL.md §8 breakdowns in the JSON: example 02 funds its mandatory living allowance in
    /// full (6,000 of 6,000) and the materials category with what is left (500 of 2,000), so
    /// coverage is 1 and 0.25; a feasible plan covers every poor student (share 1).
    @Test func metricsBreakdowns() throws {
        let run = try eduplan(["solve", "scenarios/examples/02_mandatory_first", "--format", "json", "--quiet"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        let byCategory = try #require(metrics["coverage_by_category"] as? [String: [String: Any]])
        #expect(byCategory["living_allowance"]?["ratio"] as? Double == 1)
        #expect(byCategory["materials"]?["ratio"] as? Double == 0.25)
        let poor = try #require(metrics["poor_fully_covered"] as? [String: Any])
        #expect(poor["share"] as? Double == 1)
        #expect((metrics["by_level"] as? [String: Any])?["primary"] != nil)
    }

    @Test func infeasibleExitsTwoWithDiagnosis() throws {
        let run = try eduplan(["solve", "scenarios/examples/08_infeasible_diagnosis", "--quiet"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("What must give"))
    }

    @Test func badInputExitsOneAndWritesNothing() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-e2e-\(UUID())")
        let run = try eduplan(["solve", "/nonexistent/scenario", "--out", out.path])
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let unknownVariant = try eduplan(["solve", "scenarios/examples/01_priority_weights", "--variant", "nope"])
        #expect(unknownVariant.status == 1)
        #expect(unknownVariant.stderr.contains("nope"))
    }

    @Test func sameScenarioSameBytes() throws {
        let a = try eduplan(["solve", "scenarios/examples/05_teacher_dispatch", "--format", "json", "--quiet"])
        let b = try eduplan(["solve", "scenarios/examples/05_teacher_dispatch", "--format", "json", "--quiet"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func outWritesThePlanFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-e2e-\(UUID())")
        let run = try eduplan(["solve", "scenarios/examples/05_teacher_dispatch", "--out", out.path, "--quiet"])
        #expect(run.status == 0)
        for file in ["plan.json", "schools.csv", "funds.csv", "dispatch.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
    }

    @Test func helpHasExamples() throws {
        for command in ["solve", "export", "validate", "generate"] {
            let run = try eduplan([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.lowercased().contains("example"), "\(command) --help has no example")
        }
    }
}

/// The diagnosis in layers through the CLI: `--out` writes plan.json and diagnosis.csv for an
/// infeasible scenario, and a capped re-plan is diagnosed (docs/cli.md).
@Suite struct DiagnosisCLITests {
    /// infeasible_fund_short: exit 2; the folder holds plan.json (with `diagnosis_summary`) and diagnosis.csv
    /// (every line, money to the fen), and no per-school plan; the text says where the detail is.
    @Test func outWritesTheDiagnosis() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-diag-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try eduplan(["solve", "Tests/Fixtures/planner/infeasible_fund_short", "--out", out.path, "--quiet"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("add at least 500 CNY to central_special; county_matching cannot"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["diagnosis.csv", "plan.json"])
        let csv = try String(contentsOf: out.appendingPathComponent("diagnosis.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "rule,constraint,category,school,region,fund,relax_by,unit,money")
        #expect(rows.count == 2 && rows[1].hasSuffix(",r3,,500,CNY,500.00"))
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json"))) as? [String: Any]
        let summary = try #require(plan?["diagnosis_summary"] as? [String: Any])
        #expect(summary["total"] as? Double == 500)
        #expect((summary["top_up"] as? [String: Any])?["all_funds"] as? Double == 500)
    }

    /// capped_replan: `--previous … --max-moves 0` exits 2 with a non-empty diagnosis worth 200
    /// (one move over the cap at V = 200; README's derivation), where it used to be empty.
    @Test func cappedReplanIsDiagnosed() throws {
        let folder = "Tests/Fixtures/diagnosis/capped_replan"
        let run = try eduplan(["solve", folder, "--previous", "\(folder)/previous.json", "--max-moves", "0",
                               "--allow-foreign-plan", "--format", "json", "--quiet"])
        #expect(run.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnosis = try #require(json["diagnosis"] as? [[String: Any]])
        #expect(diagnosis.count == 1 && diagnosis.first?["rule"] as? String == "max_moves")
        #expect((json["diagnosis_summary"] as? [String: Any])?["total"] as? Double == 200)
    }

    /// `solve --top-up`: the smallest top-up, then the plan (exit 0, `top_up` in the JSON); an
    /// unknown or repeated fund is bad input, every one named.
    @Test func topUpSolves() throws {
        let folder = "Tests/Fixtures/planner/infeasible_fund_short"
        let run = try eduplan(["solve", folder, "--top-up", "central_special", "--format", "json", "--quiet"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["top_up"] as? [String: Double] == ["central_special": 500])
        let bad = try eduplan(["solve", folder, "--top-up", "nope,central_special,central_special", "--quiet"])
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("found \"nope\"") && bad.stderr.contains("found \"central_special\""))
    }
}
