@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Display names (`name`, `name_zh` on categories, funds and rules) and `locale:`: read with
/// locations, written back, chosen per language, and never part of the fingerprint.
@Suite struct DisplayNameTests {
    /// The base fixture with Chinese names on a category, a fund and a rule, and `locale: zh-CN`.
    static func named() throws -> TemporaryFolder {
        let folder = try TemporaryFolder(copying: baseFixture)
        var yaml = try folder.read("scenario.yaml")
        yaml = yaml.replacingOccurrences(of: "currency: CNY\n", with: "currency: CNY\nlocale: zh-CN\n")
        yaml = yaml.replacingOccurrences(of: "{id: infrastructure, weight: 1.5, projects: projects.csv}",
                                         with: "{id: infrastructure, weight: 1.5, projects: projects.csv, name: \"School buildings\", name_zh: \"校舍建设项目\"}")
        yaml = yaml.replacingOccurrences(of: "regions: all, min_spend: 0.5}", with: "regions: all, min_spend: 0.5, name_zh: 中央专项资金}")
        yaml = yaml.replacingOccurrences(of: "rural_parity: {gamma: 0.9}", with: "rural_parity: {gamma: 0.9, name: \"Rural parity\", name_zh: 城乡均衡}")
        try folder.write("scenario.yaml", yaml)
        return folder
    }

    @Test func namesAreReadAndChosenPerLanguage() throws {
        let folder = try Self.named()
        let scenario = try #require(try load(folder.url).scenario)
        #expect(scenario.locale == .chinese)
        let infrastructure = try #require(scenario.categories.first { $0.id == "infrastructure" })
        #expect(infrastructure.displayName(in: .chinese) == "校舍建设项目")
        #expect(infrastructure.displayName(in: .english) == "School buildings")
        let central = try #require(scenario.funds.first { $0.id == "central" })
        // No English name: English reads the id; Chinese its name_zh.
        #expect(central.displayName(in: .english) == "central" && central.displayName(in: .chinese) == "中央专项资金")
        #expect(scenario.categories.first { $0.id == "dispatch" }?.displayName(in: .chinese) == "dispatch")
        #expect(scenario.fairness.displayName(of: "rural_parity", in: .chinese) == "城乡均衡")
        #expect(scenario.fairness.displayName(of: "rural_parity", in: .english) == "Rural parity")
        // A rule without names: its key in English, the catalogue's term in Chinese.
        #expect(scenario.fairness.displayName(of: "coverage_floor", in: .english) == "coverage_floor")
        #expect(scenario.fairness.displayName(of: "coverage_floor", in: .chinese) == "需求覆盖率下限")
    }

    /// Written and read again, the names and the locale survive; the fingerprint is the base's.
    @Test func namesRoundTripAndLeaveTheFingerprint() throws {
        let folder = try Self.named()
        let scenario = try #require(try load(folder.url).scenario)
        let base = try #require(try load(baseFixture).scenario)
        let copy = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: copy.url)
        let again = try #require(try load(copy.url).scenario)
        #expect(fingerprint(again) == fingerprint(scenario))
        #expect(again.locale == .chinese && again.funds[0].nameZh == "中央专项资金")
        #expect(again.fairness.names["rural_parity"]?.nameZh == "城乡均衡")
        #expect(ScenarioFingerprint(scenario) == ScenarioFingerprint(base))
        // A real change still changes it.
        var changed = scenario
        changed.funds[0].amount += 1
        #expect(ScenarioFingerprint(changed).inputs != ScenarioFingerprint(base).inputs)
    }

    /// A name over 200 characters or with a control character is an error at its place; every
    /// problem is listed at once.
    @Test func badNamesAreRefusedWhereTheyAre() throws {
        let folder = try Self.named()
        var yaml = try folder.read("scenario.yaml")
        yaml = yaml.replacingOccurrences(of: "name_zh: 中央专项资金", with: "name_zh: \"\(String(repeating: "资", count: 201))\"")
        yaml = yaml.replacingOccurrences(of: "name: \"Rural parity\"", with: "name: \"tab\\there\"")
        try folder.write("scenario.yaml", yaml)
        let errors = try load(folder.url).errors
        let texts = errors.map { "\($0)" }
        #expect(texts.contains { $0.contains("funds[0].name_zh") && $0.contains("201 characters") }, "\(texts)")
        #expect(texts.contains { $0.contains("fairness.rural_parity.name") && $0.contains("a tab") }, "\(texts)")
    }
}
