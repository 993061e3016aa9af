import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Generated provinces: every plan keeps the invariants, and glpsol (a separate program reading
/// the exported LP file) reaches the same optimum.
@Suite struct GeneratedScenarioTests {
    static let cases: [(schools: Int, regions: Int, seed: UInt64, fairness: ScenarioGenerator.FairnessPreset)] = [
        (60, 6, 1, .default), (120, 10, 2, .default), (120, 10, 3, .none), (250, 12, 4, .default),
    ]

    static func scenario(_ c: (schools: Int, regions: Int, seed: UInt64, fairness: ScenarioGenerator.FairnessPreset)) -> Scenario {
        var scenario = ScenarioGenerator.generate(.init(schools: c.schools, regions: c.regions, seed: c.seed, fairness: c.fairness))
        // Prove optimality (no gap) so that the comparison is against the true optimum.
        scenario.solver = SolverSettings(timeLimitSeconds: 120, mipGap: 0)
        return scenario
    }

    @Test(arguments: 0..<cases.count)
    func invariantsAndGlpsolAgree(index: Int) throws {
        let scenario = Self.scenario(Self.cases[index])
        let result = try Planner.solve(scenario)
        #expect(result.status == .optimal, "\(result.statusDetail)")
        try Invariants.check(scenario, result)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-generated.lp").path
        try ModelExport.write(scenario, to: path, format: .lp)
        let viaGlpsol = try glpsolObjective(path)
        let objective = try #require(result.objective)
        #expect(abs(viaGlpsol + result.objectiveConstant - objective) <= 1e-6 * abs(objective),
                "glpsol \(viaGlpsol) + \(result.objectiveConstant) vs \(objective)")
    }

    /// Variants of a generated province (funds −20%, donations ×2, no fairness) keep the invariants;
    /// removing the fairness rules never lowers the benefit.
    @Test func variantsKeepInvariants() throws {
        let scenario = Self.scenario(Self.cases[1])
        let base = try Planner.solve(scenario)
        for variant in scenario.variants {
            let applied = scenario.applying(variant)
            let result = try Planner.solve(applied)
            guard result.status == .optimal else { continue }
            try Invariants.check(applied, result)
            if applied.fairness.isEmpty, let fair = base.benefit { #expect(result.benefit! >= fair - 1e-6 * fair) }
        }
        #expect((base.priceOfFairness ?? 0) >= -1e-9)
    }
}

/// The independent oracle (tools/oracle: Python's csv + PyYAML, the model written out afresh,
/// solved by glpsol) reaches the planner's optimum on generated provinces.
@Suite struct OracleTests {
    @Test(arguments: [1, 2])
    func oracleAgrees(caseIndex: Int) throws {
        let scenario = GeneratedScenarioTests.scenario(GeneratedScenarioTests.cases[caseIndex])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID())")
        try ScenarioWriter.write(scenario, to: folder)
        let loaded = try ScenarioLoader.load(from: folder).scenario
        let ours = try #require(try Planner.solve(loaded).objective)
        let answer = try Self.oracle(folder)
        #expect(answer["status"] as? String == "optimal")
        let theirs = try #require(answer["objective"] as? Double)
        #expect(abs(theirs - ours) <= 1e-6 * abs(ours), "oracle \(theirs) vs planner \(ours)")
    }

    /// tools/oracle/oracle.py's answer for the scenario folder `folder` (its JSON: status,
    /// objective, elastic_total, …).
    static func oracle(_ folder: URL) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/oracle/oracle.py").path
        process.arguments = ["python3", oracle, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
