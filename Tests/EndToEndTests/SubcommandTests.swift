import Foundation
import Testing

/// Every subcommand run as a process, as a user would, checked against known values: the exported
/// model solved by glpsol, a broken scenario's problems, the DC evaluation, the worked
/// identification example, generated folders and files, unknown variants, the plan file.
@Suite("Every subcommand as a process", .serialized)
struct SubcommandTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-commands-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The optimum glpsol reports for a model file (`Objective:  obj = X` of its solution report).
    static func glpsolOptimum(_ arguments: [String], report: URL) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
        process.arguments = arguments + ["-o", report.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: report, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try #require(line.split(separator: "=").last?.split(separator: " ").first)
        return try #require(Double(value))
    }

    /// `export --lp` and `--mps`: glpsol's optimum of the file plus `objective_constant` (the file's
    /// first comment line and solve's JSON) is solve's objective. By hand for example 1 (README of
    /// scenarios/examples): −11,250 + 14,700 = 3,450; example 5 (a MIP): −7,500 + 15,500 = 8,000.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol")),
          arguments: ["scenarios/examples/01_priority_weights", "scenarios/examples/05_teacher_dispatch"])
    func exportedModelSolvesToTheObjective(directory: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let solved = try Self.object(try eduplan(["solve", directory, "--format", "json", "--quiet"]).stdout)
        let objective = try #require(solved["objective"] as? Double), constant = try #require(solved["objective_constant"] as? Double)
        for (option, glpsol) in [("--lp", "--lp"), ("--mps", "--freemps")] {
            let model = folder.appendingPathComponent("model\(option)")
            let run = try eduplan(["export", directory, option, model.path])
            #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.contains("wrote \(model.path)"))
            let first = try String(contentsOf: model, encoding: .utf8).prefix { $0 != "\n" }
            #expect(first.contains("objective_constant = \(constant.rounded() == constant ? String(Int(constant)) : "\(constant)")"))
            let optimum = try Self.glpsolOptimum([glpsol, model.path], report: folder.appendingPathComponent("report.txt"))
            #expect(abs(optimum + constant - objective) <= 1e-6 * max(1, abs(objective)), "\(option): \(optimum) + \(constant) ≠ \(objective)")
        }
        #expect(directory != "scenarios/examples/01_priority_weights" || objective == 3450)
    }

    /// `convert`: example 9 and the demo province as one workbook solve to the very same plan as
    /// their CSV folder, and back to CSV again: every output file byte for byte (plan.json with its
    /// fingerprint, the allocation tables, the report); a bad `--to` exits 1.
    @Test(arguments: [("scenarios/examples/09_budget_variants", "budget -50%"), ("scenarios/jiangxi-2024", "")])
    func convertKeepsThePlan(source: String, variant: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xlsx = folder.appendingPathComponent("xlsx").path, csv = folder.appendingPathComponent("csv").path
        var run = try eduplan(["convert", source, "--to", "xlsx", "--out", xlsx])
        #expect(run.status == 0 && run.stderr.contains("scenario.xlsx"))
        run = try eduplan(["convert", xlsx, "--to", "csv", "--out", csv])
        #expect(run.status == 0)
        var outputs: [[String: Data]] = []
        for directory in [source, xlsx, csv] {
            let out = folder.appendingPathComponent("plan-\(outputs.count)").path
            let choice = variant.isEmpty ? [] : ["--variant", variant]
            #expect(try eduplan(["solve", directory] + choice + ["--out", out, "--quiet"]).status == 0)
            let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            outputs.append(Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))) }))
        }
        #expect(outputs[0].keys.contains("plan.json") && outputs[0].count >= 3)
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0])
        #expect(try eduplan(["convert", source, "--to", "xls", "--out", xlsx]).status == 1)
    }

    /// `validate` lists every problem of a broken scenario as `file:line:column (field): expected …,
    /// found …` on stdout, counts the errors on stderr and exits 1; the clean original exits 0 with
    /// its summary.
    @Test func validateListsEveryProblemWithItsPlace() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("scenarios/examples/02_mandatory_first"), to: copy)
        let clean = try eduplan(["validate", copy.path])
        #expect(clean.status == 0 && clean.stderr.isEmpty && !clean.stdout.isEmpty)

        let schools = copy.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: schools, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let enrollment = try #require(header.firstIndex(of: "enrollment")), poor = try #require(header.firstIndex(of: "poor"))
        var row = lines[1].components(separatedBy: ",")
        row[enrollment] = "ten"
        lines[1] = row.joined(separator: ",")
        row = lines[2].components(separatedBy: ",")
        row[poor] = String(Int(row[enrollment])! + 1)
        lines[2] = row.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: schools, atomically: true, encoding: .utf8)

        let run = try eduplan(["validate", copy.path])
        #expect(run.status == 1)
        #expect(run.stderr == "2 errors in \(copy.path)\n")
        let problems = run.stdout.split(separator: "\n").map(String.init)
        #expect(problems.count == 2, "\(run.stdout)")
        #expect(problems.contains { $0.hasPrefix("schools.csv:2:\(enrollment + 1) (enrollment): expected ") && $0.hasSuffix("found \"ten\"") })
        #expect(problems.contains { $0.hasPrefix("schools.csv:3:\(poor + 1) (poor): expected poor ≤ enrollment") })
    }

    /// `evaluate` on DC's real FY2021 allocation against the optimised plan: the at-risk execution
    /// rate Σ baseline / Σ plan = 51,847,745 / (2,147 × 24,146) = 1.000121196427678 (by hand in
    /// Tests/EvaluationTests/DCBaselineTests), in the JSON and as 100.01% in the table.
    @Test func evaluateTheDCBaseline() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        #expect(try eduplan(["solve", "scenarios/dc-2021", "--out", plan.path, "--quiet"]).status == 0)
        let arguments = ["evaluate", plan.appendingPathComponent("plan.json").path, "--actuals", "scenarios/dc-2021/baseline.csv",
                         "--scenario", "scenarios/dc-2021"]
        let json = try eduplan(arguments + ["--format", "json"])
        #expect(json.status == 0 && json.stderr.isEmpty)
        let execution = try #require(try Self.object(json.stdout)["execution"] as? [String: Any])
        let categories = try #require(execution["by_category"] as? [[String: Any]])
        let atRisk = try #require(categories.first { $0["category"] as? String == "at_risk" }?["money"] as? [String: Any])
        #expect(abs((atRisk["rate"] as? Double ?? 0) - 1.000121196427678) < 1e-12)
        let table = try eduplan(arguments)
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Evaluation of DC Public Schools FY2021: plan vs actuals\n"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("at_risk ") && $0.hasSuffix("100.01%") })
    }

    /// `identify` on the worked example of docs/identification.md (by hand in
    /// Tests/IdentificationTests/WorkedExampleTests): H = 1/2, A = 2/3, M0 = 1/3; school A all poor,
    /// B none; --out writes the per-student scores and the tables.
    @Test func identifyTheWorkedExample() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = folder.appendingPathComponent("students.csv"), settings = folder.appendingPathComponent("identify.yaml")
        try "id,school,income,disability,score\ns1,A,500,1,50\ns2,A,500,0,70\ns3,A,2000,1,50\ns4,B,2000,1,70\ns5,B,1000,0,59.9\ns6,B,2000,0,80\n"
            .write(to: students, atomically: true, encoding: .utf8)
        try """
        poverty_cutoff: 0.5
        dimensions:
          - {column: income, direction: below, cutoff: 1000, weight: 0.5}
          - {column: disability, deprived_values: ["1"], weight: 0.25}
          - {column: score, direction: below, cutoff: 60, weight: 0.25}
        """.write(to: settings, atomically: true, encoding: .utf8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-identified-\(UUID())")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try eduplan(["identify", students.path, "--config", settings.path, "--out", out.path, "--quiet"])
        #expect(run.status == 0 && run.stderr.isEmpty)
        #expect(run.stdout.contains("6 students, 3 identified as poor: H = 0.5000, A = 0.6667, M0 = 0.3333."))
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.contains(["A", "3", "3", "1.0000", "0.6667", "0.6667", "50.0", "25.0", "25.0"]))
        #expect(rows.contains(["B", "3", "0", "0.0000", "—", "0.0000", "—", "—", "—"]))
        let scores = try String(contentsOf: out.appendingPathComponent("students.csv"), encoding: .utf8)
        #expect(scores == "id,school,score,identified\ns1,A,1,1\ns2,A,0.5,1\ns3,A,0.5,1\ns4,B,0.25,0\ns5,B,0.25,0\ns6,B,0,0\n")
        let total = try String(contentsOf: out.appendingPathComponent("total.csv"), encoding: .utf8)
        #expect(total.split(separator: "\n").last?.hasPrefix("all,6,3,0.5,") == true)
        let json = try Self.object(try eduplan(["identify", students.path, "--config", settings.path, "--format", "json", "-q"]).stdout)
        #expect((json["total"] as? [String: Any])?["adjusted_headcount_ratio"] as? Double == 1.0 / 3)
    }

    /// `generate` writes a scenario that validates, byte for byte the same for the same seed, and
    /// refuses a folder that holds files; `generate-students` writes one student per enrolled pupil
    /// (the default), the same bytes for the same seed, and refuses to overwrite.
    @Test func generatedScenarioAndStudents() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        for target in [a, b] {
            let run = try eduplan(["generate", "--schools", "30", "--regions", "4", "--seed", "3", "--out", target.path])
            #expect(run.status == 0 && run.stderr == "wrote \(target.path)\n" && run.stdout.contains("30 schools"))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(files.contains("scenario.yaml") && files.contains("schools.csv"))
        for file in files { #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file))) }
        #expect(try eduplan(["validate", a.path, "--quiet"]).status == 0)
        let refused = try eduplan(["generate", "--schools", "30", "--regions", "4", "--seed", "4", "--out", a.path])
        #expect(refused.status == 1 && refused.stderr == "\(a.path) is not empty; use --force to write into it\n")

        let enrolled = try String(contentsOf: a.appendingPathComponent("schools.csv"), encoding: .utf8).split(separator: "\n")
        let column = try #require(enrolled[0].split(separator: ",").firstIndex(of: "enrollment"))
        let pupils = enrolled.dropFirst().reduce(0) { $0 + Int($1.split(separator: ",", omittingEmptySubsequences: false)[column])! }
        let first = folder.appendingPathComponent("s1.csv"), second = folder.appendingPathComponent("s2.csv")
        for target in [first, second] {
            #expect(try eduplan(["generate-students", "--scenario", a.path, "--seed", "2", "--out", target.path, "--quiet"]).status == 0)
        }
        let text = try String(contentsOf: first, encoding: .utf8)
        let columns = "id,school,income_per_capita,registered_poor,disability,left_behind,boarding,academic_score,distance_km,health"
        #expect(text.hasPrefix(columns + "\n"))
        // --help names the columns the file has (it left out `boarding`).
        let help = try eduplan(["generate-students", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(help.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains("Columns: \(columns)."))
        #expect(text.split(separator: "\n").count == pupils + 1)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let overwrite = try eduplan(["generate-students", "--scenario", a.path, "--seed", "5", "--out", first.path])
        #expect(overwrite.status == 1 && overwrite.stderr.contains("exists; use --force"))
    }

    /// Unknown variants are bad input everywhere, every unknown name at once, and `report` writes
    /// nothing (it named only the first before).
    @Test func unknownVariantsAreListed() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let run = try eduplan(["report", "scenarios/examples/09_budget_variants", "--variant", "nope", "--variant", "budget -50%",
                               "--variant", "also nope", "--out", page.path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.hasPrefix("eduplan: scenario.yaml: expected a variant name (\"") })
        #expect(lines[0].hasSuffix("found \"nope\"") && lines[1].hasSuffix("found \"also nope\""))
        #expect(!FileManager.default.fileExists(atPath: page.path))
        let solve = try eduplan(["solve", "scenarios/examples/09_budget_variants", "--variant", "nope"])
        #expect(solve.status == 1 && solve.stderr == String(lines[0]) + "\n")
    }

    /// The plan file is one document: `solve --format json` prints exactly the plan.json `--out`
    /// writes (format_version 1 included), and re-planning against it moves nothing.
    @Test func planFileIsTheSolveObject() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = "scenarios/examples/05_teacher_dispatch"
        let run = try eduplan(["solve", directory, "--format", "json", "--out", folder.path, "--quiet"])
        let written = try String(contentsOf: folder.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(run.status == 0 && run.stdout == written)
        #expect(try Self.object(written)["format_version"] as? Double == 1)
        let replan = try eduplan(["solve", directory, "--previous", folder.appendingPathComponent("plan.json").path, "--format", "json", "-q"])
        #expect(replan.status == 0)
        #expect((try Self.object(replan.stdout)["moves"] as? [Any])?.isEmpty == true)
    }
}

/// The same scenario gives the same bytes in every process: Swift seeds its hash per process, so a
/// sum over a dictionary's entries (seen: F1's marginal cost over its categories' α, in DC's
/// compare) changed its last digits from run to run until it summed in key order.
@Suite("Determinism across processes")
struct DeterminismTests {
    @Test("compare on the DC scenario prints the same bytes in six processes")
    func compareIsByteIdentical() throws {
        var outputs = Set<String>()
        for _ in 0..<6 {
            let run = try eduplan(["compare", "scenarios/dc-2021", "--format", "json", "--quiet"])
            try #require(run.status == 0, "\(run.stderr)")
            outputs.insert(run.stdout)
        }
        #expect(outputs.count == 1, "\(outputs.count) different outputs")
    }
}
