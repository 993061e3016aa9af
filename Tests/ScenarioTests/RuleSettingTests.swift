@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The setting side of a rule (issue 14): the loader reads each block through the rule's type,
/// lists the settings in registry order, and the writer and fingerprint write what the rule says.
@Suite("Rule settings: read, listed, written and compared through the rule's type")
struct RuleSettingTests {
    /// The base fixture's block, F1, F3, F4: each found by its type with the values of the file.
    @Test func lookupByType() throws {
        let fairness = try ScenarioLoader.load(from: baseFixture).scenario.fairness
        #expect(fairness.rules.map(\.key) == [CoverageFloorRule.key, PovertyCountyShareRule.key, RuralParityRule.key])
        #expect(fairness.rule(RuralParityRule.self)?.setting == .init(mode: .hard, value: 0.9))
        #expect(fairness.rule(HooverRule.self) == nil)
        #expect(!fairness.isEmpty && FairnessSettings().isEmpty)
    }

    /// Rules written in another order are listed, written and fingerprinted F1…F7: the order of
    /// a file's lines is not a fact of the scenario.
    @Test func registryOrderWhateverTheFileOrder() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        let text = try folder.read("scenario.yaml")
        let lines = ["  coverage_floor: {mode: hard, alpha: {infrastructure: 0.2}}\n",
                     "  poverty_county_share: {mode: soft, penalty: 2, share: 0.5}\n", "  rural_parity: {gamma: 0.9}\n"]
        #expect(text.contains(lines.joined()))
        try folder.write("scenario.yaml", text.replacingOccurrences(of: lines.joined(), with: lines.reversed().joined()))
        let reordered = try ScenarioLoader.load(from: folder.url).scenario
        let original = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(reordered.fairness.rules.map(\.key) == original.fairness.rules.map(\.key))
        #expect(ScenarioWriter.files(for: reordered).map(\.contents) == ScenarioWriter.files(for: original).map(\.contents))
        #expect(ScenarioFingerprint(reordered) == ScenarioFingerprint(original))
    }

    /// Each rule's block, written by the writer and read back, is the same setting (every rule
    /// type, soft and hard, designations other than the default).
    @Test func everyRuleRoundTrips() throws {
        var scenario = try ScenarioLoader.load(from: baseFixture).scenario
        let all: [any RuleSetting] = [
            CoverageFloorRule(setting: .init(mode: .soft(penalty: 3), alpha: [1: 0.25])),
            MaxminCoverageRule(mode: .hard, level: nil),
            PovertyCountyShareRule(setting: .init(mode: .hard, share: 0.3, designations: [.national])),
            RuralParityRule(setting: .init(mode: .soft(penalty: 0.5), value: 0.8)),
            HooverRule(setting: .init(mode: .hard, value: 0.25)),
            ShortageCapRule(setting: .init(mode: .soft(penalty: 7), value: 2)),
            DispatchCountyShareRule(setting: .init(mode: .hard, share: 0.4, designations: [.provincial, .none])),
            PerPupilFloorRule(setting: .init(mode: .soft(penalty: 2), floor: [.none: 100, .national: 250.5])),
            HoldHarmlessRule(setting: .init(mode: .hard, maxLoss: 0.1, reference: .base, designations: [.national], regions: nil)),
        ]
        scenario.fairness = FairnessSettings(all)
        scenario.variants = [Variant(name: "only F5", fairness: FairnessSettings([all[4]]))]
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: folder.url)
        let written = try folder.read("scenario.yaml")
        #expect(written.contains("  shortage_cap: {mode: soft, penalty: 7, max: 2}\n"))
        #expect(written.contains("  dispatch_county_share: {mode: hard, share: 0.4, designations: [provincial, none]}\n"))
        #expect(written.contains("fairness: {hoover: {mode: hard, max: 0.25}}"))
        #expect(written.contains("  per_pupil_floor: {mode: soft, penalty: 2, floor: {national: 250.5, none: 100}}\n"))
        let read = try ScenarioLoader.load(from: folder.url).scenario
        #expect(read.fairness == scenario.fairness)
        #expect(read.fairness.rules.map(\.key) == FairnessRegistry.keys)
        #expect(read.variants.first?.fairness == FairnessSettings([all[4]]))
    }

    /// Equal: the same rules with the same settings, in any order; a changed parameter or mode,
    /// or a rule more, is not equal.
    @Test func equality() {
        let hoover = HooverRule(setting: .init(mode: .hard, value: 0.3))
        let cap = ShortageCapRule(setting: .init(mode: .hard, value: 0.3))
        #expect(FairnessSettings([hoover, cap]) == FairnessSettings([cap, hoover]))
        #expect(FairnessSettings([hoover]) != FairnessSettings([cap]))
        #expect(FairnessSettings([hoover]) != FairnessSettings([HooverRule(setting: .init(mode: .soft(penalty: 1), value: 0.3))]))
        #expect(FairnessSettings([hoover]) != FairnessSettings([hoover, cap]))
        var settings = FairnessSettings([hoover, cap])
        settings.set(HooverRule(setting: .init(mode: .hard, value: 0.1)))
        #expect(settings.rules.map(\.key) == [HooverRule.key, ShortageCapRule.key])
        #expect(settings.rule(HooverRule.self)?.setting.value == 0.1)
        settings.remove(HooverRule.self)
        #expect(settings == FairnessSettings([cap]))
    }

    /// A loader handed no rule types knows no rule: every key of a fairness block is unknown.
    @Test func theLoaderKnowsOnlyTheRulesItIsHanded() {
        let problems = ScenarioLoader.problems(in: baseFixture, rules: [HooverRule.self])
        let unknown = problems.filter { $0.severity == .error }.map(\.field)
        #expect(unknown == ["fairness.coverage_floor", "fairness.poverty_county_share", "fairness.rural_parity"])
    }
}
