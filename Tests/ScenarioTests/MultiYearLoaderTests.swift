import EduplanScenario
import Foundation
import Testing

/// The base fixture with a horizon block added after `year: 2024` (line 3), so that later lines move by `extra`.
private func withHorizon(_ block: String) throws -> TemporaryFolder {
    let folder = try TemporaryFolder(copying: baseFixture)
    let text = try folder.read("scenario.yaml")
    try folder.write("scenario.yaml", text.replacingOccurrences(of: "year: 2024\n", with: "year: 2024\n" + block))
    return folder
}

private func replace(_ folder: TemporaryFolder, _ file: String, _ old: String, _ new: String) throws {
    let text = try folder.read(file)
    #expect(text.components(separatedBy: old).count == 2, "\(old) not once in \(file)")
    try folder.write(file, text.replacingOccurrences(of: old, with: new))
}

/// The one error of a folder, which must carry its file, line and column.
private func oneError(_ folder: TemporaryFolder, file: String, line: Int? = nil, expecting words: String) throws {
    let errors = try load(folder.url).errors
    #expect(errors.count == 1, "\(errors.map(\.description))")
    let error = try #require(errors.first)
    #expect(error.file == file && error.line != nil && error.column != nil, "\(error.description)")
    if let line { #expect(error.line == line, "\(error.description)") }
    #expect(error.expected.contains(words) || error.found.contains(words), "\(error.description)")
}

@Suite struct MultiYearLoaderTests {
    @Test func readsHorizonFundsTeachersAndProjects() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025, 2026], discount: 0.97, projection: {enrollment_growth: {primary: -0.03}}}\n")
        try replace(folder, "scenario.yaml", "amount: 5.0e5,", "amount: [5.0e5, 6.0e5, 7.0e5], carry_over: 0.1,")
        try replace(folder, "scenario.yaml", "amount: 200000,", "amount: 200000, growth: 0.03,")
        try replace(folder, "teachers.csv", "max_distance_km,levels\n", "max_distance_km,levels,contract_years,count_2026\n")
        try replace(folder, "teachers.csv", "30000,200,primary;junior\n", "30000,200,primary;junior,3,5\n")
        try replace(folder, "teachers.csv", "32000,150,\n", "32000,150,,,\n")
        try replace(folder, "projects.csv", "id,school,category,cost\n", "id,school,category,cost,year\n")
        try replace(folder, "projects.csv", "s1,infrastructure,120000\n", "s1,infrastructure,120000,2025\n")
        try replace(folder, "projects.csv", "s4,infrastructure,80000\n", "s4,infrastructure,80000,\n")
        try replace(folder, "projects.csv", "s4,infrastructure,5.0e4\n", "s4,infrastructure,5.0e4,2026\n")
        let scenario = try #require(try load(folder.url).scenario)
        let horizon = try #require(scenario.horizon)
        #expect(horizon.years == [2024, 2025, 2026] && horizon.discount == 0.97)
        let years = scenario.yearScenarios()
        #expect(years.map { $0.funds[0].amount } == [5.0e5, 6.0e5, 7.0e5])
        // B = floor(200000 · 1.03^t · 100 + 0.5) / 100: 200000, 206000, 212180.
        #expect(years.map { $0.funds[1].amount } == [200000, 206000, 212180])
        #expect(scenario.funds[0].carryOver == 0.1)
        #expect(years.map { $0.teacherGroups[0].count } == [3, 3, 5] && scenario.teacherGroups[0].contractYears == 3)
        #expect(years.map { $0.teacherGroups[1].count } == [2, 2, 2] && scenario.teacherGroups[1].contractYears == 1)
        let projectCounts = years.map { year -> Int in
            guard case let .projects(list) = year.categories[1].rule else { return -1 }
            return list.count
        }
        #expect(projectCounts == [1, 2, 3])
    }

    /// Without `horizon:` nothing changes: the same scenario, the same fingerprint as before.
    @Test func noHorizonKeepsTodaysFingerprint() throws {
        let scenario = try #require(try load(baseFixture).scenario)
        #expect(scenario.horizon == nil)
        // Recorded from main before multi-year plans (eduplan solve Tests/ScenarioTests/Fixtures/base).
        #expect(ScenarioFingerprint(scenario).inputs == "4b4b6aa6a788674c8e0a2224541b8afeea7c955da60e342b2208069bdd069821")
        let folder = try withHorizon("horizon: {years: [2024, 2025]}\n")
        let withYears = try #require(try load(folder.url).scenario)
        #expect(ScenarioFingerprint(withYears).inputs != ScenarioFingerprint(scenario).inputs)
    }

    @Test func listAmountWithoutHorizonIsAnError() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try replace(folder, "scenario.yaml", "amount: 5.0e5,", "amount: [5.0e5, 6.0e5],")
        try oneError(folder, file: "scenario.yaml", line: 12, expecting: "horizon")
    }

    @Test func listOfTheWrongLengthIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025, 2026]}\n")
        try replace(folder, "scenario.yaml", "amount: 5.0e5,", "amount: [5.0e5, 6.0e5],")
        try oneError(folder, file: "scenario.yaml", line: 13, expecting: "one amount per horizon year (3)")
    }

    @Test func growthBesideAListIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025]}\n")
        try replace(folder, "scenario.yaml", "amount: 5.0e5,", "amount: [5.0e5, 6.0e5], growth: 0.1,")
        try oneError(folder, file: "scenario.yaml", line: 13, expecting: "single `amount`")
    }

    @Test func carryOverWithoutHorizonIsAnError() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try replace(folder, "scenario.yaml", "amount: 5.0e5,", "amount: 5.0e5, carry_over: 0.2,")
        try oneError(folder, file: "scenario.yaml", line: 12, expecting: "horizon")
    }

    @Test func yearsMustBeConsecutive() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2026]}\n")
        try oneError(folder, file: "scenario.yaml", line: 4, expecting: "2025")
    }

    @Test func yearMustBeTheFirstHorizonYear() throws {
        let folder = try withHorizon("horizon: {years: [2025, 2026]}\n")
        try oneError(folder, file: "scenario.yaml", line: 3, expecting: "2025")
    }

    @Test func yearCountColumnOutsideTheHorizonIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025]}\n")
        try replace(folder, "teachers.csv", "max_distance_km,levels\n", "max_distance_km,levels,count_2030\n")
        try replace(folder, "teachers.csv", "30000,200,primary;junior\n", "30000,200,primary;junior,\n")
        try replace(folder, "teachers.csv", "32000,150,\n", "32000,150,,\n")
        try oneError(folder, file: "teachers.csv", line: 1, expecting: "count_2030")
    }

    @Test func projectYearAfterTheHorizonIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025]}\n")
        try replace(folder, "projects.csv", "id,school,category,cost\n", "id,school,category,cost,year\n")
        try replace(folder, "projects.csv", "s1,infrastructure,120000\n", "s1,infrastructure,120000,2031\n")
        try replace(folder, "projects.csv", "s4,infrastructure,80000\n", "s4,infrastructure,80000,\n")
        try replace(folder, "projects.csv", "s4,infrastructure,5.0e4\n", "s4,infrastructure,5.0e4,\n")
        try oneError(folder, file: "projects.csv", line: 2, expecting: "2031")
    }

    @Test func robustWithHorizonIsRefused() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025]}\nrobust: {gamma: 1}\n")
        try oneError(folder, file: "scenario.yaml", line: 5, expecting: "robust")
    }

    @Test func regionGrowthPairTwiceIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025], projection: {region_growth: growth.csv}}\n")
        try folder.write("growth.csv", "region,level,rate\nr1,primary,0.01\nr1,primary,0.02\n")
        try oneError(folder, file: "growth.csv", line: 3, expecting: "again")
    }

    @Test func yearTableWithAnUnknownSchoolIsAnError() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025], schools: {2025: schools_2025.csv}}\n")
        let schools = try folder.read("schools.csv")
        try folder.write("schools_2025.csv", schools.replacingOccurrences(of: "\ns2,", with: "\nsX,"))
        let errors = try load(folder.url).errors
        #expect(errors.contains { $0.file == "schools_2025.csv" && $0.line == 3 && $0.column == 1 && $0.found.contains("sX") },
                "\(errors.map(\.description))")
    }

    @Test func yearTableCountsAreChecked() throws {
        let folder = try withHorizon("horizon: {years: [2024, 2025], schools: {2025: schools_2025.csv}}\n")
        let schools = try folder.read("schools.csv")
        try folder.write("schools_2025.csv", schools.replacingOccurrences(of: "\ns1,North Primary,r1,primary,,27.1,115.2,200,50,60,",
                                                                          with: "\ns1,North Primary,r1,primary,,27.1,115.2,200,50,260,"))
        try oneError(folder, file: "schools_2025.csv", line: 2, expecting: "poor ≤ enrollment (200)")
    }

    /// The contract's projection, by hand: 200 pupils, −3 %, poor exit 0.1, intake 0.005.
    @Test func projectionArithmetic() {
        var horizon = Horizon(years: [2024, 2025])
        horizon.projection.enrollmentGrowth = [.primary: -0.03]
        horizon.projection.poorExit = 0.1
        horizon.projection.poorIntake = 0.005
        let school = School(id: "s", name: "", region: 0, level: .primary, rural: false, enrollment: 200, boarding: 50, poor: 60,
                            poorBoarding: 20, disabled: 2, leftBehind: 30, teachers: [5], required: [nil])
        let next = horizon.projected(school)
        // n = R(194) = 194; q = 0.97; boarding R(48.5) = 49; disabled R(1.94) = 2; left-behind R(29.1) = 29;
        // poor R(60·0.97·0.9 + 0.005·194) = R(53.35) = 53; poor boarding min(53, 49, R(17.46 + 0.245)) = 18.
        #expect(next.enrollment == 194 && next.boarding == 49 && next.disabled == 2 && next.leftBehind == 29)
        #expect(next.poor == 53 && next.poorBoarding == 18 && next.teachers == [5] && next.required == [nil])
        horizon.projection.regionGrowth = [Horizon.RegionLevel(region: 0, level: .primary): 0.5]
        #expect(horizon.projected(school).enrollment == 300)
    }
}
