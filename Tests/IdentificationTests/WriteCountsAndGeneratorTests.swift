import EduplanIdentification
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// `--write-counts` and the student generator, on the Jiangxi demo.
@Suite struct WriteCountsAndGeneratorTests {
    let jiangxi = packageRoot.appendingPathComponent("scenarios/jiangxi-2024")

    /// At scale 1 a school gets exactly `enrollment` students with exactly its poor, disabled,
    /// left-behind, boarding and poor-boarding counts, so identifying with those flags as the only
    /// dimensions and writing them back leaves schools.csv byte for byte as it was.
    @Test func generatedFlagsReproduceTheScenarioCounts() throws {
        let scenario = try ScenarioLoader.load(from: jiangxi).scenario
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = folder.appendingPathComponent("students.csv")
        let options = StudentGenerator.Options(seed: 3, regions: ["r361028"])
        let rows = try StudentGenerator.write(scenario, options: options, to: students)
        let chosen = scenario.schools.filter { scenario.regions[$0.region].id == "r361028" }
        #expect(rows == chosen.reduce(0) { $0 + $1.enrollment })

        // Deterministic: the same options give the same bytes.
        let again = folder.appendingPathComponent("again.csv")
        try StudentGenerator.write(scenario, options: options, to: again)
        #expect(try Data(contentsOf: students) == Data(contentsOf: again))

        let config = try IdentificationConfig.parse("""
        poverty_cutoff: 1
        dimensions:
          - {column: registered_poor, deprived_values: ["1"], weight: 1}
        attributes:
          - {column: disability, values: ["1"]}
          - {column: left_behind, values: ["1"]}
          - {column: boarding, values: ["1"]}
        counts:
          poor: identified
          disabled: disability
          left_behind: left_behind
          boarding: boarding
          poor_boarding: {attribute: boarding, among: identified}
        """)
        let result = try Identification.run(students: students, config: config, options: IdentificationOptions(scenario: scenario))
        #expect(result.schools.count == chosen.count)
        for (group, school) in zip(result.schools, chosen) {
            #expect(group.id == school.id)
            #expect(group.counts.students == school.enrollment && group.counts.identified == school.poor)
            #expect(group.counts.attributes == [school.disabled, school.leftBehind, school.boarding])
            #expect(group.counts.identifiedAttributes[2] == school.poorBoarding)
        }
        let copy = folder.appendingPathComponent("schools.csv")
        let written = try SchoolCountsWriter.write(result, scenario: scenario, scenarioDirectory: jiangxi, to: copy)
        #expect(written == chosen.count)
        #expect(try Data(contentsOf: copy) == Data(contentsOf: jiangxi.appendingPathComponent("schools.csv")))
    }

    /// Written counts change exactly the mapped cells of schools with students; everything else is kept.
    @Test func writeCountsChangesOnlyTheMappedCells() throws {
        let scenario = try ScenarioLoader.load(from: jiangxi).scenario
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = packageRoot.appendingPathComponent("scenarios/jiangxi-2024/students")
        let config = try IdentificationConfig.load(from: sample.appendingPathComponent("identify.yaml"))
        let result = try Identification.run(students: sample.appendingPathComponent("students.csv"), config: config,
                                            options: IdentificationOptions(scenario: scenario))
        let copy = folder.appendingPathComponent("schools.csv")
        try SchoolCountsWriter.write(result, scenario: scenario, scenarioDirectory: jiangxi, to: copy)
        let before = try String(contentsOf: jiangxi.appendingPathComponent("schools.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let after = try String(contentsOf: copy, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let header = before[0].split(separator: ",").map(String.init)
        let mapped = Set(config.counts.map { header.firstIndex(of: $0.field.rawValue)! })
        let updated = Dictionary(uniqueKeysWithValues: result.schools.map { ($0.id, $0) })
        var changedRows = 0
        for (old, new) in zip(before.dropFirst(), after.dropFirst()) where old != new {
            changedRows += 1
            let o = old.split(separator: ",", omittingEmptySubsequences: false), n = new.split(separator: ",", omittingEmptySubsequences: false)
            let school = try #require(updated[String(o[0])])
            for i in o.indices where o[i] != n[i] { #expect(mapped.contains(i)) }
            #expect(Int(n[header.firstIndex(of: "poor")!]) == school.counts.identified)
        }
        #expect(changedRows > 0 && changedRows <= result.schools.count)
        // The copy is a valid scenario table.
        let scenarioCopy = folder.appendingPathComponent("scenario")
        try FileManager.default.createDirectory(at: scenarioCopy, withIntermediateDirectories: true)
        for file in ["scenario.yaml", "regions.csv", "teachers.csv", "projects.csv"] {
            try FileManager.default.copyItem(at: jiangxi.appendingPathComponent(file), to: scenarioCopy.appendingPathComponent(file))
        }
        try FileManager.default.copyItem(at: copy, to: scenarioCopy.appendingPathComponent("schools.csv"))
        #expect(ScenarioLoader.problems(in: scenarioCopy).filter { $0.severity == .error }.isEmpty)
    }

    /// Counts that would break MODEL.md §11 (poor_boarding ≤ poor) are refused, naming the school's line.
    @Test func inconsistentCountsAreRefused() throws {
        let scenario = try ScenarioLoader.load(from: jiangxi).scenario
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // s00526 has poor_boarding 48: nobody identified leaves poor = 0 < 48.
        let students = try write("id,school,x\n1,s00526,0\n", "s.csv", in: folder)
        let config = try IdentificationConfig.parse("""
        poverty_cutoff: 1
        dimensions: [{column: x, deprived_values: ["1"], weight: 1}]
        counts: {poor: identified}
        """)
        let result = try Identification.run(students: students, config: config, options: IdentificationOptions(scenario: scenario))
        let copy = folder.appendingPathComponent("schools.csv")
        let error = try #require(throws: IdentificationErrors.self) {
            try SchoolCountsWriter.write(result, scenario: scenario, scenarioDirectory: jiangxi, to: copy)
        }
        #expect(error.errors.count == 1 && error.errors[0].line == 527 && error.errors[0].field == "poor_boarding")
        #expect(!FileManager.default.fileExists(atPath: copy.path))
    }
}
