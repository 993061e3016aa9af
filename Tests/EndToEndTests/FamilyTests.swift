import Foundation
import Testing

/// Benchmarks/family/run.sh on a 300-school version of every shape: each generates, validates and
/// solves; in parts the verdict is the undivided one, and the joined plan is within its certificate.
@Suite("Benchmark family")
struct FamilyTests {
    @Test("every shape generates, validates and solves; parts keep the verdict and stay within the certified gap")
    func everyShapeAt300Schools() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-family-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["Benchmarks/family/run.sh", "--sizes", "300", "--schools-per-part", "120", "--time-limit", "10",
                             "--eduplan", eduplanBinary.path, "--out", out.path, "--no-peers"]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "generate or validate failed for a shape (the script stops on either)")
        let text = try String(contentsOf: out.appendingPathComponent("family.tsv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count >= 8, "\(rows.count) shapes")
        for row in rows {
            let shape = row["shape"] ?? "?"
            #expect(row["status"] == "optimal", "\(shape): undivided \(row["status"] ?? "")")
            // A part can stop at the time limit with a plan (abundant: its MIP is hard for GLPK): still a plan.
            #expect(row["parts_status"] == "feasible", "\(shape): in parts \(row["parts_status"] ?? "") (\(row["note"] ?? ""))")
            #expect(Int(row["parts"] ?? "") ?? 0 >= 2, "\(shape): \(row["parts"] ?? "") parts")
            let objective = Double(row["objective"] ?? ""), joined = Double(row["parts_objective"] ?? "")
            let benefit = Double(row["benefit"] ?? "")
            guard let objective, let joined, let benefit else { Issue.record("\(shape): no objective"); continue }
            // The joined plan is a plan of the whole scenario: never better than its optimum.
            #expect(joined >= objective - 1e-9 * abs(objective), "\(shape): joined \(joined) below the optimum \(objective)")
            // With a certificate (no F2, F6, F7), the real loss is within it.
            if let certified = Double(row["certified_gap"] ?? "") {
                #expect((joined - objective) / benefit <= certified + 1e-9, "\(shape): loss above the certificate \(certified)")
            }
        }
        // Each setting did what it says in the scenario written.
        let regionTable = try String(contentsOf: out.appendingPathComponent("300/region-table/schools.csv"), encoding: .utf8)
        #expect(!regionTable.prefix(while: { $0 != "\n" }).contains("lat"))
        let continuous = try String(contentsOf: out.appendingPathComponent("300/continuous/scenario.yaml"), encoding: .utf8)
        #expect(continuous.contains("integer: false"))
        let allRules = try String(contentsOf: out.appendingPathComponent("300/all-rules/scenario.yaml"), encoding: .utf8)
        #expect(allRules.contains("dispatch_county_share: {mode: hard") && allRules.contains("shortage_cap: {mode: soft"))
        // A shape's own --regions replaces the family's max(20, N/125): issue-case has 100 counties at 300 schools too.
        let issueCase = try String(contentsOf: out.appendingPathComponent("300/issue-case/regions.csv"), encoding: .utf8)
        #expect(issueCase.split(separator: "\n").count == 1 + 100)
        let defaultShape = try String(contentsOf: out.appendingPathComponent("300/default/regions.csv"), encoding: .utf8)
        #expect(defaultShape.split(separator: "\n").count == 1 + 20)
    }

    @Test("solve --schools-per-part on a scenario the split proves infeasible: exit 2, the whole scenario's diagnosis")
    func infeasibleInPartsCarriesDiagnosis() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-short-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/decomposition/mandatory_in_one_part"), to: folder)
        let yaml = folder.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "amount: 1000", with: "amount: 800")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let run = try eduplan(["solve", folder.path, "--schools-per-part", "1", "--format", "json", "--quiet"])
        #expect(run.status == 2)
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "infeasible")
        #expect(((json["diagnosis"] as? [Any]) ?? []).count == 2, "\(json["diagnosis"] ?? "none")")
        #expect(((json["decomposition"] as? [String: Any])?["parts"] as? [Any])?.isEmpty == true)
    }

    @Test("generate's shape settings: every bad one named at once, exit 1, nothing written")
    func badShapeSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-bad-shape-\(UUID().uuidString)")
        let run = try eduplan(["generate", "--schools", "10", "--regions", "2", "--seed", "1", "--out", folder.path,
                               "--distances", "grid", "--dispatch", "half", "--money-scale", "0", "--teacher-supply=-1"])
        #expect(run.status == 1)
        for text in ["--distances must be", "--dispatch must be", "--money-scale must be above 0", "--teacher-supply must be above 0"] {
            #expect(run.stderr.contains(text), "\(text): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
