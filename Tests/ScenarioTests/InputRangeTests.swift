import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Issue 12, "what the scenario accepts": each input that `validate` used to accept and `solve`
/// then trapped on, rejected without a location, or answered with a wrong verdict. Each case is
/// the base fixture plus one edit, and must give one error at its place (docs/format.md has the
/// ranges). On the code before the fix every one of these loaded without an error.
let rangeCases: [BrokenCase] = [
    // Swift traps (exit 132) in solve.
    .init("student–teacher ratio 1e-320", "scenario.yaml", .replace("junior: 15}", "junior: 1e-320}"), 6, 46, "student_teacher_ratio.junior"),
    .init("time_limit_s 1e308", "scenario.yaml", .replace("time_limit_s: 30", "time_limit_s: 1e308"), 21, 24, "solver.time_limit_s"),
    .init("time_limit_s 2^63", "scenario.yaml", .replace("time_limit_s: 30", "time_limit_s: 9223372036854775808"), 21, 24, "solver.time_limit_s"),
    .init("time_limit_s 1e308 in a variant", "scenario.yaml",
          .replace("{name: no fairness, fairness: {}}", "{name: no fairness, fairness: {}, solver: {time_limit_s: 1e308}}"),
          26, 62, "variants[2].solver.time_limit_s"),
    .init("time_limit_s 2^63 in a variant", "scenario.yaml",
          .replace("{name: no fairness, fairness: {}}", "{name: no fairness, fairness: {}, solver: {time_limit_s: 9223372036854775808}}"),
          26, 62, "variants[2].solver.time_limit_s"),
    // An infinite objective constant ("objective constant is inf") in solve.
    .init("weight 1e308", "scenario.yaml", .replace("weight: 1.5", "weight: 1e308"), 9, 34, "categories[1].weight"),
    .init("rate 1e308", "scenario.yaml", .replace("primary: 1000,", "primary: 1e308,"), 8, 109, "categories[0].per_student.rates.primary"),
    .init("value_per_teacher 1e308", "scenario.yaml", .replace("value_per_teacher: 60000", "value_per_teacher: 1e308"), 16, 31,
          "dispatch.value_per_teacher"),
    .init("travel_penalty_per_km 1e308", "scenario.yaml", .replace("candidate_limit: 10}", "candidate_limit: 10, travel_penalty_per_km: 1e308}"),
          16, 82, "dispatch.travel_penalty_per_km"),
    .init("priority base 1e308", "scenario.yaml", .replace("{base: 1,", "{base: 1e308,"), 15, 18, "priority.base"),
    .init("fund amount 1e308", "scenario.yaml", .replace("amount: 5.0e5", "amount: 1e308"), 12, 27, "funds[0].amount"),
    .init("project cost 1e308", "projects.csv", .replace("p1,s1,infrastructure,120000", "p1,s1,infrastructure,1e308"), 2, 4, "cost"),
    .init("annual cost 1e308", "teachers.csv", .replace("30000,200", "1e308,200"), 2, 7, "annual_cost"),
    // Ids GLPK's names cannot hold, or that look like another id.
    .init("school id of 241 characters", "schools.csv", .replace("s3,East Primary", String(repeating: "x", count: 241) + ",East Primary"),
          4, 1, "id"),
    .init("school id of 27 Chinese characters (81 bytes)", "schools.csv",
          .replace("s3,East Primary", String(repeating: "县", count: 27) + ",East Primary"), 4, 1, "id", hint: "3 bytes"),
    .init("school id with a tab", "schools.csv", .replace("s3,East Primary", "s\t3,East Primary"), 4, 1, "id"),
    .init("school id with a line break", "schools.csv", .replace("s3,East Primary", "\"s\n3\",East Primary"), 4, 1, "id"),
    .init("school id with a NUL byte", "schools.csv", .bytes("s3,East", [0x73, 0x00, 0x33, 0x2C, 0x45, 0x61, 0x73, 0x74]), 4, 1, "id"),
    .init("school id with a zero-width space", "schools.csv", .replace("s3,East Primary", "s\u{200B}3,East Primary"), 4, 1, "id"),
    .init("school id with a leading space", "schools.csv", .replace("s3,East Primary", " s3,East Primary"), 4, 1, "id",
          hint: "remove the spaces"),
    .init("fund id with a comma", "scenario.yaml", .replace("{id: county,", "{id: \"coun,ty\","), 13, 10, "funds[1].id"),
    .init("region name with a tab", "regions.csv", .replace("North County", "North\tCounty"), 2, 2, "name"),
    .init("scenario name with a line break", "scenario.yaml", .replace("name: \"Base\"", "name: \"Ba\\nse\""), 2, 7, "name"),
    // Tiny coefficients: wrong verdicts, cycling to the time limit, glp_scale_prob failing.
    .init("γ 1e-100", "scenario.yaml", .replace("{gamma: 0.9}", "{gamma: 1e-100}"), 20, 25, "fairness.rural_parity.gamma", hint: "use 0"),
    .init("γ 1e-15", "scenario.yaml", .replace("{gamma: 0.9}", "{gamma: 1e-15}"), 20, 25, "fairness.rural_parity.gamma", hint: "use 0"),
    .init("γ 1e-310", "scenario.yaml", .replace("{gamma: 0.9}", "{gamma: 1e-310}"), 20, 25, "fairness.rural_parity.gamma", hint: "use 0"),
    .init("share 1e-100", "scenario.yaml", .replace("share: 0.5}", "share: 1e-100}"), 19, 57, "fairness.poverty_county_share.share",
          hint: "use 0"),
    .init("share 1e-15", "scenario.yaml", .replace("share: 0.5}", "share: 1e-15}"), 19, 57, "fairness.poverty_county_share.share",
          hint: "use 0"),
    .init("share 1e-310", "scenario.yaml", .replace("share: 0.5}", "share: 1e-310}"), 19, 57, "fairness.poverty_county_share.share",
          hint: "use 0"),
    .init("share within 1e-6 of 1", "scenario.yaml", .replace("share: 0.5}", "share: 0.9999999}"), 19, 57,
          "fairness.poverty_county_share.share", hint: "use 1"),
    // Keys and priorities.
    .init("misspelt top-level key `fairnes:`", "scenario.yaml", .replace("fairness:\n  coverage_floor", "fairnes:\n  coverage_floor"),
          17, 1, "fairnes", hint: "did you mean `fairness`?"),
    .init("misspelt key in a rule", "scenario.yaml", .replace("{mode: hard, alpha:", "{mod: hard, alpha:"), 18, 20,
          "fairness.coverage_floor.mod", hint: "did you mean `mode`?"),
    .init("π ≤ 0 under a variant's priority", "scenario.yaml", .replace("priority: {rural: 2}", "priority: {base: -3, rural: 2}"),
          27, 35, "variants[3].priority"),
]

@Suite("Input ranges: what validate accepts, solve accepts")
struct InputRangeTests {
    @Test(arguments: rangeCases)
    func rejectedWhereWritten(_ c: BrokenCase) throws {
        try c.checkOneErrorAtItsPlace()
    }

    @Test("a variant's funds_scale may not take a fund past 1e13")
    func scaledFundsStayInRange() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(of: "amount: 5.0e5", with: "amount: 1e11")
            .replacingOccurrences(of: "funds_scale: 0.8}", with: "funds_scale: 200}"))
        let errors = try load(folder.url).errors
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.line == 24 && error.column == 38 && error.field == "variants[0].funds_scale", "\(error)")
        #expect(error.found.contains("fund `central`"), "\(error)")
    }

    @Test("π ≤ 0 is reported on the priority line, naming the school with the lowest π")
    func priorityNamesTheWorstSchool() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        // π = -0.5 + 2·poor/n: s1 0.1, s2 0.033, s3 -0.367, s4 0.06 — only s3 (line 4) fails.
        try folder.write("scenario.yaml", try folder.read("scenario.yaml").replacingOccurrences(of: "{base: 1, poor_share: 2, rural: 0.25}",
                                                                                                  with: "{base: -0.5, poor_share: 2}"))
        let error = try #require(try load(folder.url).errors.first)
        #expect(error.file == "scenario.yaml" && error.line == 15 && error.field == "priority")
        #expect(error.found.contains("school `s3` (schools.csv line 4)"), "\(error)")
        #expect(error.found.contains("the only school"), "\(error)")
    }

    @Test("Chinese ids, and ids of the longest accepted length in every slot, load, solve and export")
    func longestIds() throws {
        let folder = try TemporaryFolder(copying: baseFixture)
        // 26 Chinese characters and 2 ASCII letters: 80 bytes, the most an id may have.
        let long = { (tag: String) in String(repeating: "县", count: 26) + tag }
        var edits: [(String, [(String, String)])] = [
            ("regions.csv", [("r1,", long("r1") + ","), ("r2,", long("r2") + ","), ("r3,", long("r3") + ",")]),
            ("schools.csv", [("s1,", long("s1") + ","), ("s4,", long("s4") + ",")]),
            ("teachers.csv", [("g1,", long("g1") + ","), ("g2,", long("g2") + ",")]),
            ("projects.csv", [("p1,", long("p1") + ",")]),
        ]
        // References to the renamed regions and schools follow them.
        edits[1].1 += [(",r1,", "," + long("r1") + ","), (",r2,", "," + long("r2") + ","), (",r3,", "," + long("r3") + ",")]
        edits[2].1 += [(",r2,", "," + long("r2") + ",")]
        edits[3].1 += [(",s1,", "," + long("s1") + ","), (",s4,", "," + long("s4") + ",")]
        for (file, replacements) in edits {
            var text = try folder.read(file)
            for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
            try folder.write(file, text)
        }
        var distances = try folder.read("distances.csv")
        for r in ["r1", "r2", "r3"] { distances = distances.replacingOccurrences(of: r, with: long(r)) }
        try folder.write("distances.csv", distances)
        var yaml = try folder.read("scenario.yaml")
        for (old, new) in [("[r1, r3]", "[\(long("r1")), \(long("r3"))]"), ("id: central,", "id: \(long("cf")),"),
                           ("id: infrastructure,", "id: \(long("in")),"), ("[infrastructure, dispatch]", "[\(long("in")), dispatch]"),
                           ("categories: [infrastructure]", "categories: [\(long("in"))]"), ("{infrastructure: 0.2}", "{\(long("in")): 0.2}")] {
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        try folder.write("scenario.yaml", yaml)
        try #require(try folder.read("projects.csv").contains(",infrastructure,"))
        try folder.write("projects.csv", try folder.read("projects.csv").replacingOccurrences(of: ",infrastructure,", with: ",\(long("in")),"))

        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        #expect(scenario.regions[0].id.utf8.count == 80)
        var options = PlannerOptions()
        options.priceOfFairness = false
        // The base fixture is infeasible (it is made for the loader): renaming changes neither the
        // verdict nor the elastic diagnosis, whose model carries the same names.
        let result = try Planner.solve(scenario, options: options)
        let original = try Planner.solve(try ScenarioLoader.load(from: baseFixture).scenario, options: options)
        #expect(result.status == original.status)
        let total = { (r: PlanResult) in (r.diagnosis ?? []).reduce(0.0) { $0 + $1.money } }
        #expect(abs(total(result) - total(original)) <= 1e-6 * max(1, total(original)))
        // The longest model name joins three ids: z[fund,category,region] is 245 bytes.
        let lp = folder.file("model.lp").path
        _ = try ModelExport.write(scenario, to: lp, format: .lp)
        #expect(FileManager.default.fileExists(atPath: lp))
    }
}

/// The largest values every range allows, all at once: the objective constant Σ π ω N (about
/// 6e6 × 1e6 × 1e20 per school and category here) and every coefficient stay finite, and the
/// planner solves without an error.
@Suite("The worst corner of the ranges")
struct WorstCornerTests {
    @Test("every number at its largest accepted value solves with a finite objective")
    func largestValuesSolve() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario.yaml", """
            format: 1
            year: 9999
            subjects: {math: 1}
            student_teacher_ratio: {primary: 0.01}
            categories:
              - {id: allowance, weight: 1e6, per_student: {count: enrollment, rates: {primary: 1e13}}}
              - {id: buildings, weight: 1e6, projects: projects.csv}
              - {id: dispatch, weight: 1e6}
            funds:
              - {id: fund, amount: 1e13, categories: [allowance, buildings, dispatch], min_spend: 1}
            priority: {base: 1e6, poor_share: 1e6, left_behind_share: 1e6, disabled_share: 1e6, rural: 1e6, poverty_county: 1e6}
            dispatch: {value_per_teacher: 1e13, travel_penalty_per_km: 1e9, candidate_limit: 1000000}
            fairness:
              coverage_floor: {mode: soft, penalty: 1e9, alpha: {allowance: 1, buildings: 1}}
              maxmin_coverage: {mode: soft, penalty: 1e9}
              poverty_county_share: {mode: soft, penalty: 1e9, share: 1}
              rural_parity: {mode: soft, penalty: 1e9, gamma: 1e3}
              hoover: {mode: soft, penalty: 1e9, max: 1}
              shortage_cap: {mode: soft, penalty: 1e9, max: 1e7}
              dispatch_county_share: {mode: soft, penalty: 1e9, share: 1}
            solver: {time_limit_s: 1e6, mip_gap: 0.999999}
            variants:
              - {name: scaled, funds_scale: 1, fund_amounts: {fund: 1e13}}
            """)
        try folder.write("regions.csv", "id,name,designation,rural,income_per_capita\nr1,Hill,national,true,1e13\nr2,Town,none,false,0\n")
        try folder.write("schools.csv", """
            id,name,region,level,lat,lon,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math
            a,Hill School,r1,primary,90,180,1e7,1e7,1e7,1e7,1e7,1e7,0
            b,Town School,r2,primary,-90,-180,1e7,1e7,1e7,1e7,1e7,1e7,1e7

            """)
        try folder.write("teachers.csv", "id,subject,count,region,annual_cost,max_distance_km\ng,math,1e7,r2,1e13,40100\n")
        try folder.write("projects.csv", "id,school,category,cost\np1,a,buildings,1e13\np2,b,buildings,1e13\n")
        try folder.write("distances.csv", "from_region,to_region,km\nr1,r2,40100\n")
        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        var options = PlannerOptions()
        options.priceOfFairness = false
        for chosen in [scenario, scenario.applying(scenario.variants[0])] {
            let result = try Planner.solve(chosen, options: options)
            #expect(result.objectiveConstant.isFinite && result.objectiveConstant > 1e30)
            if let objective = result.objective { #expect(objective.isFinite) }
        }
    }

    /// Defence in depth for scenarios built in code, which the loader never sees: a ratio of
    /// 1e-320 makes σn/STR infinite, and converting it to a count trapped (exit 132).
    @Test("required teachers saturate instead of trapping on a ratio the loader would refuse")
    func requiredTeachersSaturate() throws {
        var scenario = try ScenarioLoader.load(from: baseFixture).scenario
        scenario.studentTeacherRatio[.junior] = 1e-320
        let derived = DerivedQuantities(scenario)
        let junior = try #require(scenario.schools.firstIndex { $0.level == .junior && $0.required[1] == nil })
        #expect(derived.requiredTeachers[junior][1] == Int(Int32.max))
    }
}

/// The tiny-value rule at its threshold: 1e-6 is accepted and gets the true verdict.
@Suite("The tiny-value rule at 1e-6")
struct TinyValueVerdictTests {
    /// A rural school (r1, national) that no fund may pay, and a town school whose mandatory
    /// allowance (50 poor × 10 = 500) must be paid. So rural money is 0 and urban money ≥ 500:
    /// F4 with any γ > 0 asks 0 ≥ γ·(100/100)·500, and F3 with any share β > 0 asks 0 ≥ β·500 —
    /// both infeasible, while γ = 0 and β = 0 are feasible.
    func folder(fairness: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("scenario.yaml", """
            format: 1
            subjects: {math: 1}
            student_teacher_ratio: {primary: 20}
            categories:
              - {id: allowance, weight: 3, mandatory: true, per_student: {count: poor, rates: {primary: 10}}}
              - {id: books, weight: 1, per_student: {count: enrollment, rates: {primary: 1}}}
            funds:
              - {id: town_fund, amount: 1000, categories: [allowance, books], regions: [r2]}
            fairness: {\(fairness)}
            """)
        try folder.write("regions.csv", "id,name,designation,rural\nr1,Hill County,national,true\nr2,Town,none,false\n")
        try folder.write("schools.csv", """
            id,name,region,level,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math
            a,Hill School,r1,primary,100,0,0,0,0,0,5
            b,Town School,r2,primary,100,0,50,0,0,0,5

            """)
        return folder
    }

    func status(_ fairness: String) throws -> PlanStatus {
        let folder = try folder(fairness: fairness)
        let scenario = try ScenarioLoader.load(from: folder.url).scenario
        var options = PlannerOptions()
        options.priceOfFairness = false
        return try Planner.solve(scenario, options: options).status
    }

    @Test("γ = 1e-6 is infeasible, as every γ > 0 is here; γ = 0 is optimal")
    func ruralParity() throws {
        #expect(try status("rural_parity: {gamma: 0}") == .optimal)
        #expect(try status("rural_parity: {gamma: 1e-6}") == .infeasible)
        #expect(try status("rural_parity: {gamma: 0.5}") == .infeasible)
    }

    @Test("share = 1e-6 is infeasible, as every share > 0 is here; share = 0 is optimal")
    func povertyCountyShare() throws {
        #expect(try status("poverty_county_share: {share: 0, designations: [national]}") == .optimal)
        #expect(try status("poverty_county_share: {share: 1e-6, designations: [national]}") == .infeasible)
        #expect(try status("poverty_county_share: {share: 0.5, designations: [national]}") == .infeasible)
    }

    /// The planner fixture's objective with `setting` replaced by `key: value`.
    func objective(fixture: String, setting: String, value: Double) throws -> Double {
        let key = setting.prefix { $0 != ":" }
        let folder = try TemporaryFolder(copying: plannerFixtures.appendingPathComponent(fixture))
        let yaml = try folder.read("scenario.yaml")
        try #require(yaml.contains(setting))
        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: setting, with: "\(key): \(value)"))
        var options = PlannerOptions()
        options.priceOfFairness = false
        let result = try Planner.solve(try ScenarioLoader.load(from: folder.url).scenario, options: options)
        #expect(result.status == .optimal)
        return try #require(result.objective)
    }

    /// f3_poverty_share_hard (its README): A national, B provincial, C none, π 1, 1.5, 2, need 1000
    /// each, 2000 to spend. With share β the fund gives A 2000β, taken from B: objective 1000 + 1000β.
    @Test("share = 1e-6 moves the optimum by exactly its hand-derived 0.001", arguments: [0, 1e-6, 1e-3, 0.5])
    func povertyShareAtTheThreshold(share: Double) throws {
        let found = try objective(fixture: "f3_poverty_share_hard", setting: "share: 0.5", value: share)
        #expect(abs(found - (1000 + 1000 * share)) <= 1e-7, "share \(share): \(found)")
    }

    /// f4_rural_parity_hard (its README): R rural (100 pupils, π 1), U urban (200, π 2), 1500 to
    /// spend. The row is X_R − (γ·100/200) X_U ≥ 0, so its coefficient γ/2 obeys the tiny-value
    /// rule from γ = 2e-6. Binding: X_R = γX_U/2, X_U = 1500/(1 + γ/2), objective
    /// 5000 − 1500·(2 + γ/2)/(1 + γ/2).
    @Test("γ at the threshold of the rule's coefficient moves the optimum as derived by hand", arguments: [0, 2.5e-6, 1e-3, 1])
    func ruralParityAtTheThreshold(gamma: Double) throws {
        let found = try objective(fixture: "f4_rural_parity_hard", setting: "gamma: 1.0", value: gamma)
        let expected = 5000 - 1500 * (2 + gamma / 2) / (1 + gamma / 2)
        #expect(abs(found - expected) <= 1e-7, "γ \(gamma): \(found), expected \(expected)")
    }

    @Test("γ small enough that γ·n_R/n_U falls below 1e-6 is reported on γ, with the smallest γ that works")
    func ruralParityCoefficient() throws {
        // 100 rural and 100 urban pupils in the folder above, then 1 rural pupil against 100,000 urban.
        let folder = try folder(fairness: "rural_parity: {gamma: 0.05}")
        try folder.write("schools.csv", try folder.read("schools.csv").replacingOccurrences(of: "a,Hill School,r1,primary,100,",
                                                                                              with: "a,Hill School,r1,primary,1,")
            .replacingOccurrences(of: "b,Town School,r2,primary,100,", with: "b,Town School,r2,primary,100000,"))
        let errors = try load(folder.url).errors
        #expect(errors.count == 1)
        #expect(errors.first?.field == "fairness.rural_parity.gamma")
        #expect(errors.first?.hint?.contains("γ ≥ 0.1") == true, "\(errors)")
    }
}
