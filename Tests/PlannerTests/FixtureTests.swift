import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// The folder of hand-derived fixtures (each has README.md with the derivation and expected.json).
let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/planner")

struct Expected: Decodable {
    var status: String
    var objective: Double?
    var benefit: Double?
    var maxmin_coverage: Double?
    var elastic_total: Double?
    var x: [String: Double]?
    var dispatch: [String: Double]?
    var tolerance: Double?
    var variants: [String: VariantExpected]?

    struct VariantExpected: Decodable {
        var status: String?
        var objective: Double?
        var benefit: Double?
    }
}

func fixtureNames() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: fixturesRoot.appendingPathComponent("\($0)/expected.json").path) }
        .sorted()
}

func close(_ a: Double?, _ b: Double?, _ tolerance: Double) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct FixtureTests {
    @Test func thereAreEnoughFixtures() {
        #expect(fixtureNames().count >= 12)
    }

    /// Every fixture: the planner reaches the hand-derived optimum (objective, U, t*, the unique
    /// x and dispatch values), or for an infeasible one, the elastic total.
    @Test(arguments: fixtureNames())
    func reachesHandDerivedOptimum(name: String) throws {
        let folder = fixturesRoot.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let tolerance = max(expected.tolerance ?? 1e-6, 1e-6)
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let result = try Planner.solve(scenario)
        #expect(result.status.rawValue == expected.status, "\(name): \(result.statusDetail)")
        if expected.status == "infeasible" {
            let total = (result.diagnosis ?? []).reduce(0) { $0 + $1.money }
            #expect(close(total, expected.elastic_total, tolerance), "\(name): elastic total \(total)")
            return
        }
        #expect(close(result.objective, expected.objective, tolerance), "\(name): objective \(String(describing: result.objective))")
        #expect(close(result.benefit, expected.benefit, tolerance), "\(name): benefit \(String(describing: result.benefit))")
        if let t = expected.maxmin_coverage {
            #expect(close(result.maxminCoverage, t, 1e-6), "\(name): t* \(String(describing: result.maxminCoverage))")
        }
        let plan = try #require(result.plan)
        for (key, value) in expected.x ?? [:] {
            let parts = key.split(separator: "/").map(String.init)
            let school = try #require(plan.schools.first { $0.id == parts[0] }, "\(name): no school \(parts[0])")
            #expect(close(school.allocated[parts[1]] ?? 0, value, tolerance), "\(name): x[\(key)] = \(school.allocated[parts[1]] ?? 0)")
        }
        for (key, value) in expected.dispatch ?? [:] {
            let parts = key.split(separator: "/").map(String.init)
            let sent = plan.dispatch.filter { $0.group == parts[0] && $0.school == parts[1] }.reduce(0) { $0 + $1.count }
            #expect(close(sent, value, tolerance), "\(name): y[\(key)] = \(sent)")
        }
        try Invariants.check(scenario, result)
        for (variantName, want) in expected.variants ?? [:] {
            let variant = try #require(scenario.variant(named: variantName))
            let solved = try Planner.solve(scenario.applying(variant))
            if let status = want.status { #expect(solved.status.rawValue == status, "\(name)/\(variantName)") }
            #expect(close(solved.objective, want.objective, tolerance), "\(name)/\(variantName): objective \(String(describing: solved.objective))")
            #expect(close(solved.benefit, want.benefit, tolerance), "\(name)/\(variantName): benefit \(String(describing: solved.benefit))")
        }
    }

    /// Export → glpsol → the same objective (the file omits the constant).
    @Test(arguments: fixtureNames().filter { !$0.hasPrefix("infeasible") })
    func exportedModelMatchesGlpsol(name: String) throws {
        let folder = fixturesRoot.appendingPathComponent(name)
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let result = try Planner.solve(scenario)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-\(name).lp").path
        try ModelExport.write(scenario, to: path, format: .lp)
        let viaGlpsol = try glpsolObjective(path)
        let objective = try #require(result.objective)
        #expect(abs(viaGlpsol + result.objectiveConstant - objective) <= 1e-6 * max(1, abs(objective)),
                "\(name): glpsol \(viaGlpsol) + \(result.objectiveConstant) vs \(objective)")
    }

    /// Same scenario, same plan: byte-identical results twice.
    @Test func deterministic() throws {
        for name in fixtureNames().prefix(6) {
            let scenario = try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent(name)).scenario
            let a = try Planner.solve(scenario), b = try Planner.solve(scenario)
            #expect(a.plan == b.plan && a.objective == b.objective)
        }
    }
}

func glpsolObjective(_ path: String) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID()).txt").path
    process.arguments = ["--lp", path, "-o", output]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOfFile: output, encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
    let value = line.split(separator: "=")[1].split(separator: "(")[0].trimmingCharacters(in: .whitespaces)
    return try #require(Double(value))
}
