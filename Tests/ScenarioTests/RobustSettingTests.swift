import EduplanScenario
import Foundation
import Testing

/// The `robust:` block and the `<count>_dev` columns (issue 19): read with locations, written
/// canonically, in the fingerprint only when present.
@Suite("Robust settings: robust: block and <count>_dev columns")
struct RobustSettingTests {
    static let twoSchools = plannerFixtures.appendingPathComponent("robust_gamma_integer")

    /// The fixture's block and deviations; defaults for the keys it omits; a variant's block
    /// replaces the base's whole (its omitted keys take the defaults, not the base's).
    @Test func blockAndColumnsAreRead() throws {
        let scenario = try ScenarioLoader.load(from: Self.twoSchools).scenario
        let robust = try #require(scenario.robust)
        #expect(robust == RobustSettings(gamma: 0.5))
        #expect(robust.deviationProbability == 0.2 && robust.samples == 10_000 && robust.seed == 1 && robust.relative == 0)
        #expect(scenario.schools.map { $0.deviations[.poor] } == [20, 40])
        #expect(scenario.schools.allSatisfy { $0.deviations[.enrollment] == nil })
        let variant = scenario.applying(try #require(scenario.variant(named: "gamma 0.75")))
        #expect(variant.robust == RobustSettings(gamma: 0.75))
        #expect(variant.unvaried?.robust == robust)
    }

    /// Δ: the given cell, else ceil(ρ · count − 1e-9), else 0.
    @Test func deviationRule() {
        var school = School(id: "s", name: "", region: 0, level: .primary, rural: false, enrollment: 100, poor: 33,
                            teachers: [], required: [])
        let robust = RobustSettings(gamma: 0.3, relative: 0.1)
        #expect(robust.deviation(of: school, .poor) == 4) // ceil(3.3)
        #expect(robust.deviation(of: school, .enrollment) == 10) // 0.1 · 100 = 10.000000000000002 in binary: still 10
        #expect(robust.deviation(of: school, .disabled) == 0)
        school.deviations[.poor] = 7
        #expect(robust.deviation(of: school, .poor) == 7)
        #expect(RobustSettings(gamma: 1).deviation(of: school, .enrollment) == 0)
    }

    /// Written and read back: the same settings, deviations (an empty cell stays "not given") and fingerprint.
    @Test func roundTrips() throws {
        let folder = try TemporaryFolder(copying: Self.twoSchools)
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(
            of: "robust: {gamma: 0.5}",
            with: "robust: {gamma: 0.5, relative: 0.25, fund_shortfall: {central: 0.1}, deviation_probability: 0.3, samples: 500, seed: 42}"))
        try folder.write("schools.csv", """
            id,name,region,level,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math,required_math,poor_dev,enrollment_dev
            A,Hill Primary,r1,primary,100,0,100,0,0,0,5,5,20,
            B,Valley Primary,r1,primary,50,0,50,0,0,0,3,3,,5

            """)
        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        #expect(scenario.robust == RobustSettings(gamma: 0.5, relative: 0.25, fundShortfall: [0: 0.1], deviationProbability: 0.3,
                                                  samples: 500, seed: 42))
        #expect(scenario.schools[1].deviations == [.enrollment: 5])
        let written = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: written.url)
        #expect(try written.read("schools.csv").hasPrefix(
            "id,name,region,level,rural,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math,required_math,enrollment_dev,poor_dev\n"))
        let read = try ScenarioLoader.load(from: written.url).scenario
        #expect(read.robust == scenario.robust && read.variants == scenario.variants)
        #expect(read.schools.map(\.deviations) == scenario.schools.map(\.deviations) && ScenarioFingerprint(read) == ScenarioFingerprint(scenario))
    }

    /// `convert` to a workbook and back: the `_dev` columns and the block survive, same fingerprint.
    @Test func workbookRoundTrips() throws {
        let scenario = try ScenarioLoader.load(from: Self.twoSchools).scenario
        let folder = try TemporaryFolder()
        for file in try ScenarioWorkbook.files(for: scenario, form: .xlsx) { try file.data.write(to: folder.file(file.name)) }
        let read = try ScenarioLoader.load(from: folder.url).scenario
        #expect(read.schools.map { $0.deviations[.poor] } == [20, 40])
        #expect(read.robust == scenario.robust && read.variants == scenario.variants)
        #expect(ScenarioFingerprint(read) == ScenarioFingerprint(scenario))
    }

    /// A scenario without `robust:` and `_dev` columns writes neither; adding them changes the fingerprint.
    @Test func absentBlockKeepsFingerprint() throws {
        let plain = try ScenarioLoader.load(from: plannerFixtures.appendingPathComponent("mandatory_coverage")).scenario
        #expect(!ScenarioWriter.files(for: plain).contains { $0.contents.contains("robust") || $0.contents.contains("_dev") })
        var robust = plain
        robust.robust = RobustSettings(gamma: 0.2)
        #expect(ScenarioFingerprint(robust).inputs != ScenarioFingerprint(plain).inputs)
        var deviated = plain
        deviated.schools[0].deviations[.poor] = 1
        #expect(ScenarioFingerprint(deviated).inputs != ScenarioFingerprint(plain).inputs)
    }

    /// Every problem at once, each at its place: γ out of range, an unknown fund, a bad deviation cell.
    @Test func problemsAreLocated() throws {
        let folder = try TemporaryFolder(copying: Self.twoSchools)
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(
            of: "robust: {gamma: 0.5}", with: "robust: {gamma: 1.5, fund_shortfall: {centrl: 0.2}, samples: 0}"))
        try folder.write("schools.csv", try folder.read("schools.csv").replacingOccurrences(of: ",5,5,20\n", with: ",5,5,-3\n"))
        let problems = try load(folder.url).errors
        #expect(problems.contains { $0.file == "scenario.yaml" && $0.field == "robust.gamma" && $0.found.contains("1.5") })
        #expect(problems.contains { $0.file == "scenario.yaml" && $0.found.contains("centrl") && $0.hint?.contains("central") == true })
        #expect(problems.contains { $0.file == "scenario.yaml" && $0.field == "robust.samples" })
        #expect(problems.contains { $0.file == "schools.csv" && $0.line == 2 && $0.field == "poor_dev" })
    }
}
