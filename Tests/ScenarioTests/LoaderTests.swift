@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// The base fixture read field by field: what each convention of MODEL.md §11 turns into.
@Suite("Loading a valid folder")
struct LoaderTests {
    @Test("the base fixture loads with no problem at all")
    func baseLoadsClean() throws {
        let loaded = try ScenarioLoader.load(from: baseFixture)
        #expect(loaded.warnings.isEmpty)
        #expect(ScenarioLoader.problems(in: baseFixture).isEmpty)
    }

    @Test("scalars, subjects, ratios and categories")
    func settings() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.name == "Base")
        #expect(s.year == 2024)
        #expect(s.currency == "CNY")
        #expect(s.subjects == [Subject(id: "math", share: 0.6), Subject(id: "chinese", share: 0.4)])
        #expect(s.studentTeacherRatio == [.primary: 20, .junior: 15])
        #expect(s.categories.map(\.id) == ["living_allowance", "infrastructure", "dispatch"])
        #expect(s.categories[0].mandatory && s.categories[0].weight == 3)
        #expect(s.categories[0].rule == .perStudent(count: .poorBoarding, rates: [.primary: 1000, .junior: 1250]))
        // Projects land in their category, with school indices; `5.0e4` is a number (MODEL.md §11).
        #expect(s.categories[1].rule == .projects([Project(id: "p1", school: 0, cost: 120_000),
                                                   Project(id: "p2", school: 3, cost: 80000),
                                                   Project(id: "p3", school: 3, cost: 50000)]))
        #expect(s.dispatchCategory == 2)
    }

    @Test("funds: exponent amounts, category indices, the three forms of regions")
    func funds() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.funds.map(\.amount) == [500_000, 200_000, 150_000])
        #expect(s.funds[0].categories == [0])
        #expect(s.funds[1].categories == [1, 2])
        #expect(s.funds[0].regions == .all)
        #expect(s.funds[1].regions == .designations([.national, .provincial]))
        #expect(s.funds[2].regions == .regions([0, 2]))
        #expect(s.funds[0].minSpend == 0.5 && s.funds[1].minSpend == 0)
    }

    @Test("regions: empty designation is none, designations in any case, yes is true, empty income is nil")
    func regions() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.regions == [Region(id: "r1", name: "North County", designation: .national, rural: true, incomePerCapita: 15000),
                              Region(id: "r2", name: "East County", designation: .none, rural: false, incomePerCapita: 42000),
                              Region(id: "r3", name: "South County", designation: .provincial, rural: true)])
    }

    @Test("schools: empty rural takes the region's, empty lat/lon is no coordinates, empty required is nil")
    func schools() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.schools.map(\.rural) == [true, false, false, true])
        #expect(s.schools.map(\.region) == [0, 0, 1, 2])
        #expect(s.schools[2].latitude == nil && s.schools[2].longitude == nil)
        #expect(s.schools[0].latitude == 27.1 && s.schools[0].longitude == 115.2)
        #expect(s.schools.map(\.required) == [[nil, nil], [14, nil], [nil, nil], [nil, nil]])
        #expect(s.schools[1] == School(id: "s2", name: "North Junior", region: 0, level: .junior, rural: false,
                                       latitude: 27.2, longitude: 115.3, enrollment: 300, boarding: 120, poor: 80,
                                       poorBoarding: 40, disabled: 3, leftBehind: 40, teachers: [10, 8], required: [14, nil]))
    }

    @Test("teacher groups and distances")
    func teachersAndDistances() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.teacherGroups == [
            TeacherGroup(id: "g1", subject: 0, count: 3, region: 1, annualCost: 30000, maxDistanceKm: 200, levels: [.primary, .junior]),
            TeacherGroup(id: "g2", subject: 1, count: 2, region: 1, latitude: 27.5, longitude: 115.5, annualCost: 32000,
                         maxDistanceKm: 150, levels: nil),
        ])
        let d = try #require(s.distances)
        #expect(d.distance(0, 1) == 80 && d.distance(1, 0) == 80)
        #expect(d.distance(2, 1) == 120.5)
        #expect(d.distance(0, 2) == nil)
        #expect(d.distance(2, 2) == 0)
    }

    @Test("priority, dispatch, fairness and solver take the defaults for what they omit")
    func defaults() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.priority == PriorityRule(base: 1, poorShare: 2, rural: 0.25))
        #expect(s.dispatch == DispatchSettings(valuePerTeacher: 60000, travelPenaltyPerKm: 0, integer: true, candidateLimit: 10))
        #expect(s.fairness.rule(CoverageFloorRule.self)?.setting == .init(mode: .hard, alpha: [1: 0.2]))
        // F3 without `designations` counts national and provincial; F4 without `mode` is hard.
        #expect(s.fairness.rule(PovertyCountyShareRule.self)?.setting == .init(mode: .soft(penalty: 2), share: 0.5, designations: [.national, .provincial]))
        #expect(s.fairness.rule(RuralParityRule.self)?.setting == .init(mode: .hard, value: 0.9))
        #expect(s.fairness.rule(MaxminCoverageRule.self) == nil && s.fairness.rule(HooverRule.self) == nil)
        #expect(s.solver == SolverSettings(timeLimitSeconds: 30, mipGap: 1e-4))
    }

    @Test("a folder with only the required parts: every default of MODEL.md §11")
    func minimalFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario.yaml", """
            format: 1
            subjects: {math: 1}
            student_teacher_ratio: {primary: 20}
            categories:
              - {id: grant, weight: 1, per_student: {count: enrollment, rates: {primary: 10}}}
            funds:
              - {id: general, amount: 100, categories: [grant]}
            """)
        try folder.write("regions.csv", "id,name,designation,rural\nr1,One,,false\n")
        try folder.write("schools.csv", "id,name,region,level,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math\n"
            + "007,Seven,r1,primary,10,0,0,0,0,0,1\n")
        let s = try ScenarioLoader.load(from: folder.url).scenario
        #expect(s.name == folder.url.lastPathComponent)
        #expect(s.currency == "CNY" && s.year == nil)
        #expect(s.schools[0].id == "007")  // ids stay as written
        #expect(s.funds[0].regions == .all && s.funds[0].minSpend == 0)
        #expect(s.priority == PriorityRule())
        #expect(s.dispatch == DispatchSettings())
        #expect(s.fairness.isEmpty)
        #expect(s.solver == SolverSettings())
        #expect(s.teacherGroups.isEmpty && s.distances == nil && s.variants.isEmpty)
    }

    @Test("counts may be written in any form whose value is whole")
    func wholeNumberForms() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        let text = try folder.read("schools.csv").replacingOccurrences(of: ",200,50,60,20,", with: ",2.0e2,50.0,6e1,20,")
        try folder.write("schools.csv", text)
        let s = try ScenarioLoader.load(from: folder.url).scenario
        #expect(s.schools[0].enrollment == 200 && s.schools[0].boarding == 50 && s.schools[0].poor == 60)
    }
}

@Suite("Variants")
struct VariantTests {
    @Test("funds_scale first, then fund_amounts (an explicit amount is final)")
    func fundOverrides() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        let cut = s.applying(try #require(s.variant(named: "budget -20%")))
        #expect(cut.funds.map(\.amount) == [400_000, 160_000, 120_000])
        let both = s.applying(try #require(s.variant(named: "donations x2")))
        #expect(both.funds.map(\.amount) == [250_000, 100_000, 300_000])
        #expect(both.variantName == "donations x2")
        #expect(s.variants[1].fundsScale == 0.5 && s.variants[1].fundAmounts == ["donations": 300_000])
    }

    @Test("`fairness: {}` means no rule")
    func emptyFairness() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        let variant = try #require(s.variant(named: "no fairness"))
        #expect(variant.fairness == FairnessSettings())
        #expect(s.applying(variant).fairness.isEmpty)
        #expect(!s.fairness.isEmpty)
    }

    @Test("a replaced block takes the defaults for the keys it omits, not the base's values")
    func blockReplacement() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        let variant = try #require(s.variant(named: "rural first"))
        // Base: {base: 1, poor_share: 2, rural: 0.25}; the variant's {rural: 2} drops poor_share to 0.
        #expect(variant.priority == PriorityRule(base: 1, poorShare: 0, rural: 2))
        // Base dispatch has candidate_limit 10; the variant's block has none: unlimited.
        #expect(variant.dispatch == DispatchSettings(valuePerTeacher: 50000))
        let applied = s.applying(variant)
        #expect(applied.priority.poorShare == 0)
        #expect(applied.dispatch.candidateLimit == nil)
        // Blocks the variant does not name stay the base's.
        #expect(applied.fairness == s.fairness && applied.solver == s.solver)
        #expect(variant.fairness == nil && variant.solver == nil)
    }

    @Test("a variant's fairness block is read whole: rules it omits are off")
    func fairnessBlock() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        let text = try folder.read("scenario.yaml").replacingOccurrences(
            of: "  - {name: no fairness, fairness: {}}",
            with: "  - {name: no fairness, fairness: {hoover: {max: 0.2}, shortage_cap: {mode: soft, penalty: 5, max: 1}}}")
        try folder.write("scenario.yaml", text)
        let s = try ScenarioLoader.load(from: folder.url).scenario
        let expected = FairnessSettings([HooverRule(setting: .init(mode: .hard, value: 0.2)),
                                         ShortageCapRule(setting: .init(mode: .soft(penalty: 5), value: 1))])
        #expect(s.variants[2].fairness == expected)
    }
}

@Suite("CSV text forms")
struct CSVFormTests {
    private func plain() throws -> [String] { fingerprint(try ScenarioLoader.load(from: baseFixture).scenario) }

    private func rewrite(_ transform: (String) -> String, files: [String] = ["scenario.yaml", "regions.csv", "schools.csv", "teachers.csv",
                                                                                "projects.csv", "distances.csv"]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(copying: baseFixture)
        for name in files { try folder.write(name, transform(try folder.read(name))) }
        return folder
    }

    @Test("a UTF-8 byte order mark is accepted")
    func byteOrderMark() throws {
        let folder = try rewrite { "\u{FEFF}" + $0 }
        #expect(fingerprint(try ScenarioLoader.load(from: folder.url).scenario) == (try plain()))
    }

    @Test("CRLF line endings are accepted")
    func crlf() throws {
        let folder = try rewrite { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(try folder.read("schools.csv").contains("\r\n"))
        #expect(fingerprint(try ScenarioLoader.load(from: folder.url).scenario) == (try plain()))
    }

    @Test("every field quoted reads the same")
    func allQuoted() throws {
        let folder = try rewrite({ text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.isEmpty ? "" : line.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }.joined(separator: ",")
            }.joined(separator: "\n")
        }, files: ["regions.csv", "schools.csv", "teachers.csv", "projects.csv", "distances.csv"])
        #expect(fingerprint(try ScenarioLoader.load(from: folder.url).scenario) == (try plain()))
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; later lines are still counted right")
    func quotedSpecials() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        var text = try folder.read("schools.csv")
        text = text.replacingOccurrences(of: "s1,North Primary,", with: "s1,\"North Primary, \"\"Main\"\"\nCampus\",")
        text = text.replacingOccurrences(of: "s3,East Primary,r2,primary,,,,150,0,10,", with: "s3,East Primary,r2,primary,,,,150,0,abc,")
        try folder.write("schools.csv", text)
        let outcome = try load(folder.url)
        // The quoted name spans lines 2–3, so s3's row is on line 5. A line break is no part of a
        // display name (docs/format.md), so the name is reported too, at its own line.
        #expect(outcome.errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" } == ["schools.csv:2:2", "schools.csv:5:10"])
        #expect(outcome.errors.first?.found == "a line break (U+000A) at character 22")
        try folder.write("schools.csv", text.replacingOccurrences(of: ",abc,", with: ",10,").replacingOccurrences(of: "\nCampus", with: " Campus"))
        let s = try ScenarioLoader.load(from: folder.url).scenario
        #expect(s.schools[0].name == "North Primary, \"Main\" Campus")
    }

    @Test("blank lines are skipped but counted")
    func blankLines() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        let text = try folder.read("regions.csv").replacingOccurrences(of: "r2,East County,,false,42000\n",
                                                                         with: "\nr2,East County,,maybe,42000\n\n")
        try folder.write("regions.csv", text)
        let outcome = try load(folder.url)
        #expect(outcome.errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" } == ["regions.csv:4:4"])
    }
}

@Suite("Unknown keys and columns, and other warnings")
struct WarningTests {
    @Test("an unknown YAML key is an error with a did-you-mean hint (a misspelt key must not be dropped silently)")
    func unknownKey() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(of: "solver: {time_limit_s: 30",
                                                                                                  with: "solver: {time_limt_s: 30"))
        let errors = try load(folder.url).errors
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.file == "scenario.yaml" && error.line == 21 && error.column == 10)
        #expect(error.field == "solver.time_limt_s")
        #expect(error.hint == "did you mean `time_limit_s`?")
    }

    @Test("an unknown CSV column is a warning; `regions: []` is a warning")
    func unknownColumnAndNowhere() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try folder.write("regions.csv", try folder.read("regions.csv").replacingOccurrences(of: "income_per_capita", with: "income"))
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(of: "regions: [r1, r3]", with: "regions: []"))
        let loaded = try ScenarioLoader.load(from: folder.url)
        let located = loaded.warnings.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0):\($0.hint ?? "")" }
        #expect(located == ["scenario.yaml:14:75:", "regions.csv:1:5:did you mean `income_per_capita`?"])
        #expect(loaded.scenario.funds[2].regions == .regions([]))
        #expect(loaded.scenario.regions.allSatisfy { $0.incomePerCapita == nil })
    }

    @Test("problems print as file:line:column (field): expected …, found …")
    func printedForm() {
        let p = ScenarioProblem(file: "schools.csv", line: 12, column: 5, field: "poor", expected: "a whole number ≥ 0", found: "\"abc\"")
        #expect(p.description == "schools.csv:12:5 (poor): expected a whole number ≥ 0, found \"abc\"")
    }
}
