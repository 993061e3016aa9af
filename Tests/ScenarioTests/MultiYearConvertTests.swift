import EduplanScenario
import Foundation
import Testing

/// `convert` of a multi-year scenario (docs/format.md, "horizon"): the folder written in either form
/// reads back to the same horizon, funds, teacher groups and projects, for the base and for every
/// variant, with the same fingerprint; and the writer writes nothing new for a one-year scenario.
@Suite struct MultiYearConvertTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let root = tests.appendingPathComponent("Fixtures/multiyear")
    static let jiangxi = tests.deletingLastPathComponent().appendingPathComponent("scenarios/jiangxi-2024")

    static func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/scenario.yaml").path)
        }.sorted()
    }

    /// What a horizon means, without the names of the files it was read from.
    static func meaning(_ horizon: Horizon?) -> Horizon? {
        guard var horizon else { return nil }
        horizon.schoolTableFiles = [:]
        horizon.projection.regionGrowthFile = horizon.projection.regionGrowthFile.map { _ in "growth" }
        return horizon
    }

    static func projects(_ scenario: Scenario) -> [[Project]] {
        scenario.categories.map { category in
            if case let .projects(list) = category.rule { return list }
            return []
        }
    }

    /// Base and every variant: the same horizon, funds, teacher groups, projects, per-year scenarios
    /// (each year's counts, budgets, teacher counts, projects and rules as the writer writes them)
    /// and fingerprint; converting again gives the same bytes.
    @Test(arguments: names() + ["jiangxi-2024"])
    func conversionKeepsEveryYear(name: String) throws {
        let source = name == "jiangxi-2024" ? Self.jiangxi : Self.root.appendingPathComponent(name)
        let original = try ScenarioLoader.load(from: source).scenario
        for form in ScenarioWorkbook.TableForm.allCases {
            let folder = try TemporaryFolder()
            let files = try ScenarioWorkbook.files(for: original, form: form)
            for file in files { try file.data.write(to: folder.file(file.name)) }
            let converted = try ScenarioLoader.load(from: folder.url).scenario
            #expect(try ScenarioWorkbook.files(for: converted, form: form).map(\.data) == files.map(\.data), "\(name) as \(form)")
            #expect(converted.variants.map(\.name) == original.variants.map(\.name))
            for v in [nil] + original.variants.indices.map(Optional.some) {
                let a = v.map { original.applying(original.variants[$0]) } ?? original
                let b = v.map { converted.applying(converted.variants[$0]) } ?? converted
                let what = "\(name) \(v.map { original.variants[$0].name } ?? "base") as \(form)"
                #expect(Self.meaning(a.horizon) == Self.meaning(b.horizon), "\(what)")
                #expect(a.funds == b.funds && a.teacherGroups == b.teacherGroups && Self.projects(a) == Self.projects(b), "\(what)")
                #expect(a.yearScenarios().map(fingerprint) == b.yearScenarios().map(fingerprint), "\(what)")
                #expect(ScenarioFingerprint(a) == ScenarioFingerprint(b), "\(what)")
            }
        }
    }

    /// The fixtures together use every multi-year key the writer writes (so the test above can fail
    /// for each): a list amount, growth, carry-over, a variant's horizon, list amounts, growth and
    /// carry-over, contract years, yearly teacher counts, a project year, a later year's table, a
    /// projection with growth.csv, per-year fairness.
    @Test func theFixturesUseEveryMultiYearKey() throws {
        var written = ""
        for name in Self.names() {
            let scenario = try ScenarioLoader.load(from: Self.root.appendingPathComponent(name)).scenario
            written += ScenarioWriter.files(for: scenario).map { "== \($0.name)\n\($0.contents)" }.joined()
        }
        for key in ["amount: [", "growth: ", "carry_over: ", "horizon: {years:", "fund_amounts: {teacher_fund: [", "fund_growth: {",
                    "fund_carry_over: {", ",contract_years", ",count_2025", "cost,year\n", "== schools_2025.csv", "region_growth: growth.csv",
                    "== growth.csv", "fairness: {2025: {coverage_floor:", "enrollment_growth: {", "discount: 0.6"] {
            #expect(written.contains(key), "no fixture writes \(key)")
        }
    }

    /// A one-year scenario without horizon inputs writes none of the multi-year keys or columns.
    @Test func aOneYearScenarioWritesNothingNew() throws {
        let scenario = try ScenarioLoader.load(from: baseFixture).scenario
        let text = ScenarioWriter.files(for: scenario).map(\.contents).joined()
        for key in ["horizon", "carry_over", "growth", "contract_years", "count_", ",year"] {
            #expect(!text.contains(key), "\(key)")
        }
    }
}
