@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// A scenario's own designation list (issue 15): read with locations, used by π and fund
/// eligibility, written only when it is not the default, so existing fingerprints stay.
@Suite("Designations: a scenario's own list, the default written as before")
struct DesignationTests {
    static let keyAssist = plannerFixtures.appendingPathComponent("designation_key_assist")

    /// The fixture's list is read in order with names; r3's empty cell is `none`; `assist` is
    /// eligible by designation; π of A (key_assist, weight 1) is 2.
    @Test func customListIsRead() throws {
        let scenario = try ScenarioLoader.load(from: Self.keyAssist).scenario
        #expect(scenario.designations.map(\.id.rawValue) == ["none", "key_assist"])
        #expect(scenario.designations[1].povertyWeight == 1 && scenario.designations[1].nameZh == "乡村振兴重点帮扶县")
        #expect(scenario.regions.map(\.designation.rawValue) == ["key_assist", "none", "none"])
        #expect(scenario.funds[0].regions == .designations([Designation(rawValue: "key_assist")]))
        let derived = DerivedQuantities(scenario)
        #expect(derived.priority == [2, 1.2, 1])
    }

    /// Written and read back: the same list, regions and fund eligibility, the same fingerprint.
    @Test func customListRoundTrips() throws {
        let scenario = try ScenarioLoader.load(from: Self.keyAssist).scenario
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: folder.url)
        #expect(try folder.read("scenario.yaml").contains(
            "designations:\n  - {id: none, poverty_weight: 0}\n  - {id: key_assist, poverty_weight: 1, name: "))
        let read = try ScenarioLoader.load(from: folder.url).scenario
        #expect(read.designations == scenario.designations)
        #expect(ScenarioFingerprint(read) == ScenarioFingerprint(scenario))
        #expect(fingerprint(read) == fingerprint(scenario))
    }

    /// Fingerprints computed before designations were data (main at 0b11ea6, plan.json
    /// `scenario_fingerprint`) are unchanged; writing the default list explicitly changes nothing.
    @Test func defaultListKeepsFingerprints() throws {
        let pinned = ["fund_designation": "d6a68b8da49d1594de9d2d928f6a066011bc7458cd23c0152ea94598238cf5ea",
                      "f3_poverty_share_hard": "9ad4ebe79b64dd0479579e99f76659ff7592b40e5fe50e4837c6922a02052e2f"]
        for (name, hash) in pinned {
            let scenario = try ScenarioLoader.load(from: plannerFixtures.appendingPathComponent(name)).scenario
            #expect(ScenarioFingerprint(scenario).inputs == hash, "\(name)")
            #expect(!ScenarioWriter.files(for: scenario).contains { $0.contents.contains("designations:\n") })
        }
        let folder = try TemporaryFolder(copying: plannerFixtures.appendingPathComponent("fund_designation"))
        let text = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", text.replacingOccurrences(of: "categories:\n", with: """
            designations:
              - {id: none, poverty_weight: 0}
              - {id: provincial, poverty_weight: 0.5}
              - {id: national, poverty_weight: 1}
            categories:

            """))
        let explicit = try ScenarioLoader.load(from: folder.url).scenario
        #expect(ScenarioFingerprint(explicit).inputs == pinned["fund_designation"])
    }

    /// An id not in the list (regions.csv, fund eligibility, a rule's designations, F9's floor)
    /// is an error at its cell or entry with a did-you-mean; an empty cell without `none` is one too.
    @Test func unknownDesignationsAreErrorsWithSuggestions() throws {
        let folder = try TemporaryFolder(copying: Self.keyAssist)
        try folder.write("regions.csv", try folder.read("regions.csv").replacingOccurrences(of: "key_assist", with: "key_asist"))
        let yaml = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: "regions: [key_assist]", with: "regions: [national]")
            .replacingOccurrences(of: "tables:", with: """
                fairness:
                  poverty_county_share: {share: 0.2, designations: [key_asist]}
                  per_pupil_floor: {floor: {key_assit: 10}}
                tables:
                """))
        let errors = try load(folder.url).errors
        #expect(errors.count == 4, "\(errors)")
        let region = try #require(errors.first { $0.file == "regions.csv" })
        #expect(region.line == 2 && region.field == "designation" && region.hint?.contains("key_assist") == true)
        #expect(region.expected.contains("`none` or `key_assist`"))
        let fund = try #require(errors.first { $0.field == "funds[0].regions[0]" })
        #expect(fund.found == "`national`")
        #expect(errors.contains { $0.field == "fairness.poverty_county_share.designations[0]" && $0.hint?.contains("key_assist") == true })
        #expect(errors.contains { $0.field == "fairness.per_pupil_floor.floor.key_assit" && $0.hint?.contains("key_assist") == true })

        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: "  - {id: none, poverty_weight: 0}\n", with: ""))
        let empty = try load(folder.url).errors
        #expect(empty.contains { $0.file == "regions.csv" && $0.line == 4 && $0.field == "designation" }, "\(empty)")
    }

    /// A duplicated id, a missing weight and a weight out of range: one error each, where they are.
    @Test func badListEntries() throws {
        let folder = try TemporaryFolder(copying: Self.keyAssist)
        let yaml = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: "  - {id: none, poverty_weight: 0}\n", with: """
              - {id: none, poverty_weight: 0}
              - {id: none, poverty_weight: 0}
              - {id: extra}
              - {id: huge, poverty_weight: -1}

            """))
        let errors = try load(folder.url).errors
        #expect(errors.map(\.field) == ["designations[1].id", "designations[2].poverty_weight", "designations[3].poverty_weight"],
                "\(errors)")
        #expect(errors.allSatisfy { $0.file == "scenario.yaml" && $0.line != nil })
    }
}

/// What the custom list changes beyond the loader: validate's summary names the list's ids, and
/// F3/F7 without `designations` count the designations with a poverty weight above 0.
@Suite("Designations: summary and share rules")
struct DesignationUseTests {
    @Test func summaryNamesTheListsIDs() throws {
        let scenario = try ScenarioLoader.load(from: DesignationTests.keyAssist).scenario
        #expect(ScenarioSummary(scenario).description.contains("3 regions (1 key_assist, 2 not designated; 0 rural)"))
    }

    @Test func shareRulesDefaultToWeightedDesignations() throws {
        let folder = try TemporaryFolder(copying: DesignationTests.keyAssist)
        let yaml = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: "tables:", with: "fairness: {poverty_county_share: {share: 0.5}}\ntables:"))
        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        #expect(scenario.fairness.rule(PovertyCountyShareRule.self)?.setting.designations == [Designation(rawValue: "key_assist")])
        let base = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(base.fairness.rule(PovertyCountyShareRule.self)?.setting.designations == [.national, .provincial])
    }
}
