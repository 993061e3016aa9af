import Foundation
import Testing

/// F8 `reference:` a plan.json of the scenario folder (issue 15), run as a user would.
///
/// The folder is f8_hold_harmless_hard without its rule in the base: A, B, C (π 1, 1.5, 2), need
/// 1000 each, one fund of 2000. The base plan gives C 1000 and B 1000 (r2 1000, r3 1000, r1 0).
/// Variant `cut`: the fund at 1600 with a hard hold-harmless, max_loss 0.25, against base_plan.json:
/// floors r2 ≥ 750, r3 ≥ 750 (r1 has no row: M⁰ = 0). Without the rule C 1000, B 600; with it
/// B 750, C 850: objective A 1000·1 + B 250·1.5 + C 150·2 = **1675**. r2's floor binds: a CNY more
/// moves from C (π 2) to B (π 1.5), **0.5** points per CNY, while B's floor stays in [600, 850]
/// (below 600 B gets more than its floor anyway; above 850 C would fall below its own floor).
@Suite(.serialized) struct HoldHarmlessPlanReferenceCLITests {
    /// Runs a command (through env) from the package root and returns its standard output.
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The folder with the base plan solved and saved as base_plan.json, and its variants.
    static func folder() throws -> URL {
        let folder = try PlanTrustCLITests.temporaryFolder()
        let scenario = folder.appendingPathComponent("sc")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/planner/f8_hold_harmless_hard"),
                                         to: scenario)
        let yaml = scenario.appendingPathComponent("scenario.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        text = text.replacingOccurrences(of: "fairness:\n  hold_harmless: {mode: hard, max_loss: 0.5, reference: last_year.csv}\n", with: "")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        _ = try PlanTrustCLITests.solve(scenario.path, out: folder.appendingPathComponent("base"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("base/plan.json"), to: scenario.appendingPathComponent("base_plan.json"))
        text += """
            variants:
              - {name: cut, fund_amounts: {provincial: 1600}, fairness: {hold_harmless: {mode: hard, max_loss: 0.25, reference: base_plan.json}}}
              - {name: cut only, fund_amounts: {provincial: 1600}}

            """
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func thePlanOfTheBaseIsTheReference() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sc = folder.appendingPathComponent("sc").path
        let plan = try PlanTrustCLITests.solve(sc, out: folder.appendingPathComponent("cut"), ["--variant", "cut"])
        #expect(plan["status"] as? String == "optimal")
        #expect(abs((plan["objective"] as? Double ?? 0) - 1675) < 1e-6, "\(plan["objective"] ?? "none")")
        let claims = try #require(plan["claims"] as? [[String: Any]])
        let region = claims.filter { $0["kind"] as? String == "region_floor_cost" }
        #expect(region.map { $0["subject"] as? String } == ["hold_harmless[r2]"])
        #expect(abs((region.first?["value"] as? Double ?? 0) - 0.5) < 1e-9)
        #expect(abs((region.first?["valid_from"] as? Double ?? 0) - 600) < 1e-6)
        #expect(abs((region.first?["valid_to"] as? Double ?? 0) - 850) < 1e-6)

        // tools/oracle (its own reading of the plan's flows) and glpsol on the exported model agree.
        let oracle = try Self.run(["python3", "tools/oracle/oracle.py", sc, "--variant", "cut"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(oracle.utf8)) as? [String: Any])
        #expect(abs((answer["objective"] as? Double ?? 0) - 1675) < 1e-6, "oracle: \(oracle.prefix(300))")
        let lp = folder.appendingPathComponent("cut.lp").path
        #expect(try eduplan(["export", sc, "--variant", "cut", "--lp", lp]).status == 0)
        // glpsol's objective leaves out the constant Σ π ω N = 1000 + 1500 + 2000 = 4500.
        let glpsol = try Self.run(["glpsol", "--lp", lp])
        let line = try #require(glpsol.split(separator: "\n").last { $0.contains("obj =") }, "\(glpsol.suffix(300))")
        let value = try #require(line.components(separatedBy: "obj =").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(abs(value + 4500 - 1675) < 1e-6, "\(line)")

        // Converted to a workbook, the plan stays a file beside it: the same plan, the same fingerprint.
        let workbook = folder.appendingPathComponent("xlsx")
        #expect(try eduplan(["convert", sc, "--to", "xlsx", "--out", workbook.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: workbook.appendingPathComponent("base_plan.json").path))
        let converted = try PlanTrustCLITests.solve(workbook.path, out: folder.appendingPathComponent("cut-xlsx"), ["--variant", "cut"])
        #expect(abs((converted["objective"] as? Double ?? 0) - 1675) < 1e-6)
        #expect(converted["scenario_fingerprint"] as? String == plan["scenario_fingerprint"] as? String)

        // The fingerprint hashes the reference file: a plan of the variant `cut only` as the
        // reference (C 1000, B 600: r2's floor 450 does not bind) gives another fingerprint.
        _ = try PlanTrustCLITests.solve(sc, out: folder.appendingPathComponent("cutonly"), ["--variant", "cut only"])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sc/base_plan.json"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("cutonly/plan.json"), to: folder.appendingPathComponent("sc/base_plan.json"))
        let other = try PlanTrustCLITests.solve(sc, out: folder.appendingPathComponent("cut2"), ["--variant", "cut"])
        #expect(other["status"] as? String == "optimal", "a plan of one of the folder's variants is accepted")
        #expect(abs((other["objective"] as? Double ?? 0) - 1600) < 1e-6)
        #expect(other["scenario_fingerprint"] as? String != plan["scenario_fingerprint"] as? String)
    }

    /// A plan of another scenario (its recorded fingerprint edited) is an input error naming the
    /// file and both fingerprints; a path outside the folder is refused; nothing is written.
    @Test func aForeignPlanIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sc = folder.appendingPathComponent("sc")
        let base = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sc.appendingPathComponent("base_plan.json"))) as? [String: Any])
        let expected = String(try #require(base["scenario_fingerprint"] as? String).prefix(12))
        let edited = try PlanTrustCLITests.edited(sc.appendingPathComponent("base_plan.json"), "base_plan.json") {
            $0["scenario_fingerprint"] = String(repeating: "ab", count: 32)
        }
        #expect(edited.lastPathComponent == "base_plan.json")
        let out = folder.appendingPathComponent("refused")
        let run = try eduplan(["solve", sc.path, "--variant", "cut", "--out", out.path, "--quiet"])
        PlanTrustCLITests.expectBadInput(run, ["base_plan.json", "reference", expected, "abababababab"])
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let yaml = sc.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "reference: base_plan.json", with: "reference: ../base/plan.json")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        PlanTrustCLITests.expectBadInput(try eduplan(["solve", sc.path, "--variant", "cut", "--quiet"]), ["../base/plan.json", "inside"])
    }
}
