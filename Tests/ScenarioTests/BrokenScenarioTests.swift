import EduplanScenario
import Foundation
import Testing

/// One edit that breaks the base fixture.
enum Edit: Sendable {
    /// Replace text that occurs exactly once in the file.
    case replace(String, String)
    /// Add text at the end of the file.
    case append(String)
    /// Remove the file.
    case delete
    /// Cut the file right after this text.
    case cutAfter(String)
    /// Replace the first occurrence of the text with these raw bytes.
    case bytes(String, [UInt8])
}

/// A broken scenario: the base fixture plus one edit, and the one error it must give.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var edit: Edit
    /// Where the error must be reported.
    var expectedFile: String
    var line: Int?
    var column: Int?
    var field: String?
    /// When set, the error's hint must contain this.
    var hint: String?

    init(_ name: String, _ file: String, _ edit: Edit, at expectedFile: String? = nil, _ line: Int?, _ column: Int?, _ field: String?,
         hint: String? = nil) {
        self.name = name
        self.file = file
        self.edit = edit
        self.expectedFile = expectedFile ?? file
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint
    }

    var testDescription: String { name }

    /// Copies the base fixture, applies the edit, loads the folder (checking that nothing was
    /// written) and checks that exactly one error is reported, at the case's place.
    func checkOneErrorAtItsPlace() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try apply(to: folder)
        let before = try folder.snapshot()
        let outcome = try load(folder.url)
        #expect(try folder.snapshot() == before, "the loader must not write")
        let errors = outcome.errors
        let shown = outcome.problems.map(\.description).joined(separator: "\n")
        #expect(errors.count == 1, "one fault, one error; got:\n\(shown)")
        let error = try #require(errors.first, "no error reported")
        #expect(error.file == expectedFile, "\(shown)")
        #expect(error.line == line, "\(shown)")
        #expect(error.column == column, "\(shown)")
        #expect(error.field == field, "\(shown)")
        #expect(!error.expected.isEmpty && !error.found.isEmpty)
        if let hint { #expect(error.hint?.contains(hint) == true, "\(shown)") }
    }

    /// Applies the edit to a copy of the base fixture.
    func apply(to folder: TemporaryFolder) throws {
        let target = folder.file(file)
        switch edit {
        case let .replace(old, new):
            let text = try folder.read(file)
            #expect(text.components(separatedBy: old).count == 2, "the edit's text must occur once in \(file)")
            try folder.write(file, text.replacingOccurrences(of: old, with: new))
        case let .append(extra):
            try folder.write(file, try folder.read(file) + extra)
        case .delete:
            try FileManager.default.removeItem(at: target)
        case let .cutAfter(marker):
            let text = try folder.read(file)
            let end = try #require(text.range(of: marker)).upperBound
            try folder.write(file, String(text[..<end]))
        case let .bytes(old, bytes):
            var data = Array(try Data(contentsOf: target))
            let needle = Array(old.utf8)
            let start = try #require((0...(data.count - needle.count)).first { Array(data[$0..<($0 + needle.count)]) == needle })
            data.replaceSubrange(start..<(start + needle.count), with: bytes)
            try folder.writeBytes(file, data)
        }
    }
}

/// The corpus: each case is one fault, read as (what, file, edit, where the error must point).
/// Line and column are 1-based; for CSV the column is the field's position, for YAML the character.
let brokenCases: [BrokenCase] = [
    // scenario.yaml: top level
    .init("format other than 1", "scenario.yaml", .replace("format: 1", "format: 2"), 1, 9, "format"),
    .init("format missing", "scenario.yaml", .replace("format: 1\n", ""), 1, 1, "format"),
    .init("YAML syntax error", "scenario.yaml", .replace("{math: 0.6, chinese: 0.4}", "{math: 0.6, chinese: 0.4"), 6, 22, nil),
    .init("duplicate YAML key", "scenario.yaml", .replace("year: 2024\n", "year: 2024\nyear: 2025\n"), 4, 1, "year"),
    .init("duplicate key in a flow mapping", "scenario.yaml", .replace("{math: 0.6, chinese: 0.4}", "{math: 0.6, chinese: 0.4, math: 0.1}"), 5, 37, "math"),
    .init("subject shares not summing to 1", "scenario.yaml", .replace("math: 0.6", "math: 0.7"), 5, 11, "subjects"),
    .init("unknown level in staffing ratios", "scenario.yaml", .replace("junior: 15}", "junior: 15, middle: 12}"), 6, 50, "student_teacher_ratio.middle"),
    .init("staffing ratio of 0 for a level with schools", "scenario.yaml", .replace("junior: 15}", "junior: 0}"), 6, 46, "student_teacher_ratio.junior"),
    .init("staffing ratio missing for a level with schools", "scenario.yaml", .replace("{primary: 20, junior: 15}", "{primary: 20}"), 6, 24, "student_teacher_ratio"),
    // categories
    .init("duplicate category id", "scenario.yaml", .replace("  - {id: dispatch, weight: 2}\n", "  - {id: dispatch, weight: 2}\n  - {id: dispatch, weight: 1}\n"), 11, 10, "categories[3].id"),
    .init("unknown count field", "scenario.yaml", .replace("count: poor_boarding", "count: poorboarding"), 8, 77, "categories[0].per_student.count"),
    .init("both per_student and projects", "scenario.yaml", .replace("rates: {primary: 1000, junior: 1250}}}", "rates: {primary: 1000, junior: 1250}}, projects: projects.csv}"), 8, 131, "categories[0].projects"),
    .init("zero weight", "scenario.yaml", .replace("{id: infrastructure, weight: 1.5", "{id: infrastructure, weight: 0"), 9, 34, "categories[1].weight"),
    .init("mandatory dispatch", "scenario.yaml", .replace("{id: dispatch, weight: 2}", "{id: dispatch, weight: 2, mandatory: true}"), 10, 42, "categories[2].mandatory"),
    .init("mandatory: false on dispatch", "scenario.yaml", .replace("{id: dispatch, weight: 2}", "{id: dispatch, weight: 2, mandatory: no}"), 10, 42, "categories[2].mandatory"),
    // funds
    .init("NaN amount", "scenario.yaml", .replace("amount: 5.0e5", "amount: .nan"), 12, 27, "funds[0].amount"),
    .init("negative amount", "scenario.yaml", .replace("amount: 200000", "amount: -1"), 13, 26, "funds[1].amount"),
    .init("unknown category in a fund", "scenario.yaml", .replace("categories: [living_allowance]", "categories: [living_alowance]"), 12, 47, "funds[0].categories[0]"),
    .init("fund with no eligible category", "scenario.yaml", .replace("categories: [infrastructure], regions: [r1", "categories: [], regions: [r1"), 14, 48, "funds[2].categories"),
    .init("min_spend above 1", "scenario.yaml", .replace("min_spend: 0.5", "min_spend: 1.5"), 12, 91, "funds[0].min_spend"),
    .init("unknown region in a fund's list", "scenario.yaml", .replace("regions: [r1, r3]", "regions: [r1, r9]"), 14, 80, "funds[2].regions[1]"),
    .init("fund regions mixing ids and designations", "scenario.yaml", .replace("regions: [r1, r3]", "regions: [r1, national]"), 14, 75, "funds[2].regions"),
    // priority, dispatch, fairness
    .init("priority π ≤ 0 for a school", "scenario.yaml", .replace("{base: 1, poor_share: 2", "{base: -0.5, poor_share: 2"), 15, 11, "priority"),
    .init("teachers without value_per_teacher", "scenario.yaml", .replace("{value_per_teacher: 60000, candidate_limit: 10}", "{candidate_limit: 10}"), 16, 11, "dispatch"),
    .init("negative travel penalty", "scenario.yaml", .replace("candidate_limit: 10}", "candidate_limit: 10, travel_penalty_per_km: -1}"), 16, 82, "dispatch.travel_penalty_per_km"),
    .init("candidate limit 0", "scenario.yaml", .replace("candidate_limit: 10}", "candidate_limit: 0}"), 16, 55, "dispatch.candidate_limit"),
    .init("soft rule without penalty", "scenario.yaml", .replace("{mode: soft, penalty: 2, share: 0.5}", "{mode: soft, share: 0.5}"), 19, 25, "fairness.poverty_county_share.penalty"),
    .init("negative penalty", "scenario.yaml", .replace("penalty: 2,", "penalty: -2,"), 19, 47, "fairness.poverty_county_share.penalty"),
    .init("unknown mode", "scenario.yaml", .replace("{gamma: 0.9}", "{mode: firm, gamma: 0.9}"), 20, 24, "fairness.rural_parity.mode"),
    .init("unknown category in alpha", "scenario.yaml", .replace("alpha: {infrastructure: 0.2}", "alpha: {infra: 0.2}"), 18, 40, "fairness.coverage_floor.alpha.infra"),
    .init("alpha above 1", "scenario.yaml", .replace("{infrastructure: 0.2}", "{infrastructure: 1.5}"), 18, 56, "fairness.coverage_floor.alpha.infrastructure"),
    .init("unknown designation in a share rule", "scenario.yaml", .replace("share: 0.5}", "share: 0.5, designations: [nationl]}"), 19, 77, "fairness.poverty_county_share.designations[0]"),
    .init("misspelt key inside a rule block", "scenario.yaml", .replace("share: 0.5}", "share: 0.5, designation: [national]}"), 19, 62,
          "fairness.poverty_county_share.designation", hint: "did you mean `designations`?"),
    .init("misspelt rule key", "scenario.yaml", .replace("  rural_parity: {gamma: 0.9}", "  rural_party: {gamma: 0.9}"), 20, 3,
          "fairness.rural_party", hint: "did you mean `rural_parity`?"),
    .init("misspelt mode inside a variant's rule block", "scenario.yaml", .replace("fairness: {}}", "fairness: {hoover: {max: 0.2, mode: hrd}}}"), 26, 61,
          "variants[2].fairness.hoover.mode", hint: "hard"),
    // tables and variants
    .init("named teachers file missing", "teachers.csv", .delete, at: "scenario.yaml", 22, 64, nil),
    .init("schools file missing", "schools.csv", .delete, at: "scenario.yaml", 22, 41, nil),
    .init("duplicate variant name", "scenario.yaml", .replace("{name: no fairness,", "{name: budget -20%,"), 26, 12, "variants[2].name"),
    .init("unknown fund in fund_amounts", "scenario.yaml", .replace("fund_amounts: {donations:", "fund_amounts: {donation:"), 25, 59, "variants[1].fund_amounts.donation"),
    .init("variant dispatch block without value_per_teacher", "scenario.yaml", .replace("dispatch: {value_per_teacher: 50000}", "dispatch: {integer: false}"), 27, 57, "variants[3].dispatch"),
    // regions.csv
    .init("unknown designation", "regions.csv", .replace("r1,North County,national", "r1,North County,natinal"), 2, 3, "designation"),
    .init("rural not a boolean", "regions.csv", .replace("East County,,false", "East County,,maybe"), 3, 4, "rural"),
    .init("duplicate region id", "regions.csv", .append("r2,Copy County,,false,1\n"), 5, 1, "id"),
    .init("empty regions table", "regions.csv", .replace("r1,North County,national,true,15000\nr2,East County,,false,42000\nr3,South County,Provincial,yes,\n", ""), 1, nil, nil),
    // schools.csv
    .init("poor above enrollment", "schools.csv", .replace("150,0,10,0,1,5", "150,0,200,0,1,5"), 4, 10, "poor"),
    .init("poor_boarding above min(poor, boarding)", "schools.csv", .replace("200,50,60,20,", "200,50,60,55,"), 2, 11, "poor_boarding"),
    .init("non-numeric count", "schools.csv", .replace(",300,120,", ",3OO,120,"), 3, 8, "enrollment"),
    .init("fractional count", "schools.csv", .replace("0,50,8,6,", "0,50,8.5,6,"), 5, 14, "teachers_math"),
    .init("negative count", "schools.csv", .replace(",1,5,4,3,", ",-1,5,4,3,"), 4, 12, "disabled"),
    .init("infinite latitude", "schools.csv", .replace("27.1,115.2", "inf,115.2"), 2, 6, "lat"),
    .init("only one of lat/lon", "schools.csv", .replace("27.2,115.3", "27.2,"), 3, 7, "lon"),
    .init("unknown region of a school", "schools.csv", .replace("s3,East Primary,r2", "s3,East Primary,r7"), 4, 3, "region"),
    .init("unknown level", "schools.csv", .replace("s1,North Primary,r1,primary", "s1,North Primary,r1,primry"), 2, 4, "level"),
    .init("missing column", "schools.csv", .replace("disabled,left_behind,", "disabled,leftbehind,"), 1, nil, "left_behind"),
    .init("required_ column of an unknown subject", "schools.csv", .replace("required_math", "required_maths"), 1, 16, "required_maths"),
    .init("row with a field missing", "schools.csv", .replace("150,0,10,0,1,5,4,3,\n", "150,0,10,0,1,5,4,3\n"), 4, 16, "required_math"),
    .init("row with an extra field", "schools.csv", .replace("8,6,\n", "8,6,,\n"), 5, 17, nil),
    .init("duplicate school id", "schools.csv", .append("s1,Again,r2,primary,,,,10,0,0,0,0,0,1,1,\n"), 6, 1, "id"),
    .init("empty school id", "schools.csv", .replace("s3,East Primary", ",East Primary"), 4, 1, "id"),
    .init("stray quote in a field", "schools.csv", .replace("s1,North Primary,", "s1,\"North\" Primary,"), 2, 2, nil),
    .init("unterminated quote", "schools.csv", .replace("s4,South Junior,", "s4,\"South Junior,"), 5, 2, nil),
    .init("file cut mid-row", "schools.csv", .cutAfter("s4,South Junior,r3,junior,true,26."), 5, 7, "lon"),
    .init("bytes that are not UTF-8", "regions.csv", .bytes("East", [0x45, 0xFF, 0x73, 0x74]), 3, 5, nil),
    // teachers.csv, projects.csv, distances.csv
    .init("unknown subject of a group", "teachers.csv", .replace("g1,math,", "g1,physics,"), 2, 2, "subject"),
    .init("unknown level of a group", "teachers.csv", .replace("primary;junior", "primary;juniour"), 2, 9, "levels"),
    .init("group count not whole", "teachers.csv", .replace("g1,math,3,", "g1,math,2.5,"), 2, 3, "count"),
    .init("project of an unknown school", "projects.csv", .replace("p2,s4,", "p2,s9,"), 3, 2, "school"),
    .init("project of a non-project category", "projects.csv", .replace("p1,s1,infrastructure", "p1,s1,living_allowance"), 2, 3, "category"),
    .init("negative project cost", "projects.csv", .replace("80000", "-80000"), 3, 4, "cost"),
    .init("distance pair listed twice (reversed)", "distances.csv", .append("r2,r1,80\n"), 4, 1, "from_region"),
    .init("distance to an unknown region", "distances.csv", .replace("r2,r3,", "r2,r4,"), 3, 2, "to_region"),
]

@Suite("Broken scenarios: one fault, one error, at the right place")
struct BrokenScenarioTests {
    @Test("the corpus is large enough")
    func corpusSize() {
        #expect(brokenCases.count >= 30)
        #expect(Set(brokenCases.map(\.name)).count == brokenCases.count)
    }

    @Test(arguments: brokenCases)
    func reportsTheFault(_ c: BrokenCase) throws {
        try c.checkOneErrorAtItsPlace()
    }
}
