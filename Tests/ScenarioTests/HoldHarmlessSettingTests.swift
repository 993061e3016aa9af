@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// F8 hold-harmless's block (issue 15): its reference table and scope read with every problem at
/// its file, line and column, and the block written back as read.
@Suite("F8 hold-harmless setting: reference table, scope, round trip")
struct HoldHarmlessSettingTests {
    /// The hard fixture with its block replaced by `block` and last_year.csv by `table`.
    func scenarioFolder(block: String, table: String? = nil) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(copying: plannerFixtures.appendingPathComponent("f8_hold_harmless_hard"))
        let text = try folder.read("scenario.yaml")
        let line = "  hold_harmless: {mode: hard, max_loss: 0.5, reference: last_year.csv}"
        #expect(text.contains(line))
        try folder.write("scenario.yaml", text.replacingOccurrences(of: line, with: "  hold_harmless: \(block)"))
        if let table { try folder.write("last_year.csv", table) }
        return folder
    }

    /// The fixture's table is read as money by region; the scope defaults to every region.
    @Test func readsTheReferenceTable() throws {
        let scenario = try ScenarioLoader.load(from: plannerFixtures.appendingPathComponent("f8_hold_harmless_hard")).scenario
        let rule = try #require(scenario.fairness.rule(HoldHarmlessRule.self))
        #expect(rule.setting == .init(mode: .hard, maxLoss: 0.5, reference: .table(file: "last_year.csv", money: [0: 800, 1: 1000, 2: 1000]),
                                      designations: nil, regions: nil))
        #expect(rule.referenceMoney(scenario) == [800, 1000, 1000])
    }

    /// Every bad row of the table at once: an unknown region (did-you-mean), a bad amount, a
    /// repeated region — each at its line and column; and a bad max_loss and an unknown scope id
    /// in scenario.yaml. The loader stops with all of them.
    @Test func everyProblemOfTheTableAndBlockAtOnce() throws {
        let folder = try scenarioFolder(block: "{mode: hard, max_loss: 1.5, reference: last_year.csv, regions: [r1, r9]}",
                                table: "region,money\nr1,800\nr4,1000\nr2,-5\nr1,700\n")
        let errors = try load(folder.url).errors
        let found = errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0) \($0.found)" }
        #expect(errors.count == 5, "\(found)")
        #expect(errors.contains { $0.file == "last_year.csv" && $0.line == 3 && $0.column == 1 && $0.found == "`r4`" && $0.hint != nil })
        #expect(errors.contains { $0.file == "last_year.csv" && $0.line == 4 && $0.column == 2 })
        #expect(errors.contains { $0.file == "last_year.csv" && $0.line == 5 && $0.column == 1 && $0.found == "`r1` again" })
        #expect(errors.contains { $0.file == "scenario.yaml" && $0.field == "fairness.hold_harmless.max_loss" })
        #expect(errors.contains { $0.file == "scenario.yaml" && $0.found == "`r9`" })
    }

    /// A missing reference file is named at the `reference` key of scenario.yaml.
    @Test func aMissingReferenceFileIsNamedWhereItIsWritten() throws {
        let folder = try scenarioFolder(block: "{mode: hard, reference: nowhere.csv}")
        let errors = try load(folder.url).errors
        #expect(errors.count == 1)
        #expect(errors.first?.file == "scenario.yaml" && errors.first?.line != nil, "\(errors)")
    }

    /// Written and read back: the same setting (reference, max_loss, scope lists); defaults are
    /// written out (max_loss 0, reference base).
    @Test func roundTrips() throws {
        let folder = try scenarioFolder(block: "{mode: soft, penalty: 2, max_loss: 0.05, reference: last_year.csv, designations: [national], regions: [r2, r1]}")
        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        let out = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: out.url)
        // The writer writes the reference table too (canonical), and the fingerprint hashes it.
        #expect(try out.read("last_year.csv") == "region,money\nr1,800\nr2,1000\nr3,1000\n")
        try folder.write("last_year.csv", "region,money\nr1,800\nr2,1000\nr3,999\n")
        let changed = try ScenarioLoader.load(from: folder.url).scenario
        #expect(ScenarioFingerprint(changed).inputs != ScenarioFingerprint(scenario).inputs)
        #expect(ScenarioFingerprint(changed).identity == ScenarioFingerprint(scenario).identity)
        #expect(try out.read("scenario.yaml").contains(
            "hold_harmless: {mode: soft, penalty: 2, max_loss: 0.05, reference: last_year.csv, designations: [national], regions: [r2, r1]}"))
        let read = try ScenarioLoader.load(from: out.url).scenario
        #expect(read.fairness == scenario.fairness)
        let plain = try scenarioFolder(block: "{mode: hard}")
        let defaults = try ScenarioLoader.load(from: plain.url).scenario
        #expect(defaults.fairness.rule(HoldHarmlessRule.self)?.yamlEntries(categories: []).map { "\($0.key): \($0.value)" }
            == ["max_loss: 0", "reference: base"])
    }
}
