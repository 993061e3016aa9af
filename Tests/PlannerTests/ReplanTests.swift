import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Re-planning with stability (MODEL.md §10), on scenarios small enough to derive by hand.
@Suite struct ReplanTests {
    /// Two equal-priority schools, A and B, each needing 100 (grant, rate 1 × 100 pupils, ω = 1,
    /// π = 1); one fund. Every split of the money is optimal without stability.
    static func twoSchools(fund: Double, teachers: Int = 0, bPoor: Int = 0) -> Scenario {
        let region = Region(id: "r1", name: "Region 1", designation: .none, rural: false)
        func school(_ id: String, poor: Int) -> School {
            School(id: id, name: id, region: 0, level: .primary, rural: false, latitude: nil, longitude: nil,
                   enrollment: 100, poor: poor, teachers: [0], required: [1])
        }
        var categories = [NeedCategory(id: "grant", weight: 1, mandatory: false, rule: .perStudent(count: .enrollment, rates: [.primary: 1]))]
        var groups: [TeacherGroup] = []
        var dispatch = DispatchSettings()
        if teachers > 0 {
            categories.append(NeedCategory(id: "dispatch", weight: 1, mandatory: false, rule: .dispatch))
            groups = [TeacherGroup(id: "g1", subject: 0, count: teachers, region: 0, annualCost: 0, maxDistanceKm: 100)]
            dispatch.valuePerTeacher = 10
        }
        return Scenario(name: "replan", subjects: [Subject(id: "general", share: 1)], studentTeacherRatio: [.primary: 19],
                        categories: categories,
                        funds: [FundSource(id: "f", amount: fund, categories: Array(categories.indices), regions: .all)],
                        priority: PriorityRule(base: 1, poorShare: 1), dispatch: dispatch,
                        regions: [region], schools: [school("A", poor: 0), school("B", poor: bPoor)], teacherGroups: groups)
    }

    /// Previous plan: A 100, B 0. The fund is cut to 60. Without stability any split of 60 is optimal
    /// (objective 200 − 60 = 140). With μ_x = 0.05 the re-plan keeps B at 0 and takes the 40 from A:
    /// objective 140 + 0.05 × 40 = 142, and exactly one money line moved (A: 100 → 60).
    @Test func moneyStaysWhereItWas() throws {
        let previous = PreviousPlan(money: [.init("A", "grant"): 100])
        var options = PlannerOptions()
        options.stability = StabilitySettings(previous: previous, moneyPenalty: 0.05)
        let result = try Planner.solve(Self.twoSchools(fund: 60), options: options)
        #expect(result.status == .optimal)
        #expect(abs(result.objective! - 142) < 1e-6)
        let plan = try #require(result.plan)
        #expect(abs(plan.schools[0].allocated["grant"]! - 60) < 1e-6)
        #expect(abs(plan.schools[1].allocated["grant"] ?? 0) < 1e-6)
        #expect(result.moves == [Move(kind: "money", first: "A", second: "grant", before: 100, after: 60)])
    }

    /// A previous key that no longer exists (school C closed) counts its value as change:
    /// 0.05 × 30 = 1.5 is added whatever the plan does.
    @Test func vanishedKeysCountAsChange() throws {
        let previous = PreviousPlan(money: [.init("A", "grant"): 60, .init("C", "grant"): 30])
        var options = PlannerOptions()
        options.stability = StabilitySettings(previous: previous, moneyPenalty: 0.05)
        let result = try Planner.solve(Self.twoSchools(fund: 60), options: options)
        // 140 unmet, A keeps its 60 (no move), plus the vanished 30 × 0.05.
        #expect(abs(result.objective! - 141.5) < 1e-6)
        #expect(result.moves?.contains(Move(kind: "money", first: "C", second: "grant", before: 30, after: 0)) == true)
    }

    /// Teachers: one group of 2 was sent to A last time. Now B's pupils are all poor
    /// (π_B = 1 + 1·1 = 2 > π_A = 1), so without stability both teachers go to B... but each school
    /// lacks only 1 teacher (required 1, current 0): the plan sends one to each either way.
    /// With 1 teacher available and a cap of 0 moves, the teacher stays at A although B is worth
    /// more: shortage value lost = π_B·V − π_A·V = 2·10 − 10 = 10.
    @Test func teacherMoveCapHoldsTheDispatch() throws {
        let scenario = Self.twoSchools(fund: 1000, teachers: 1, bPoor: 100)
        let free = try Planner.solve(scenario)
        #expect(free.plan?.dispatch.map(\.school) == ["B"])
        var options = PlannerOptions()
        options.stability = StabilitySettings(previous: PreviousPlan(teachers: [.init("g1", "A"): 1]), maxTeacherMoves: 0)
        let held = try Planner.solve(scenario, options: options)
        #expect(held.plan?.dispatch.map(\.school) == ["A"])
        #expect(abs(held.objective! - free.objective! - 10) < 1e-6)
        #expect(held.moves?.filter { $0.kind == "teachers" }.isEmpty == true)
        // Allowing 2 moves (take the teacher off A, put one on B) restores the free optimum.
        options.stability?.maxTeacherMoves = 2
        let moved = try Planner.solve(scenario, options: options)
        #expect(abs(moved.objective! - free.objective!) < 1e-6)
        #expect(moved.moves?.filter { $0.kind == "teachers" }.count == 2)
    }

    /// A previous plan is checked number by number, every problem at once, each with its JSON key
    /// path: a dispatch of 1e308 made the re-plan "optimal" with objective inf, allocated −1e308 a
    /// move of 1e308, a boolean count counted as 1. 0 and 1 stay numbers (JSONSerialization on
    /// Linux gives them the boolean type's `is Bool`).
    @Test func previousPlanNumbersAreChecked() throws {
        let json = #"""
        {"plan": {"schools": [{"id": "A", "allocated": {"grant": -1e308, "other": 0}}, {"id": "B", "allocated": {"grant": 1}},
                              {"id": "A", "allocated": {}}],
                  "dispatch": [{"group": "g1", "school": "A", "count": 1e308}, {"group": "g1", "school": "B", "count": true},
                               {"group": "g2", "school": "B", "count": 6e6}, {"group": "g2", "school": "A", "count": 6e6}]}}
        """#
        let error = try #require(throws: ScenarioErrors.self) { try PreviousPlan(planJSON: Data(json.utf8), file: "old.json") }
        #expect(error.errors.map { $0.field ?? "" } == ["plan.schools[0].allocated.grant", "plan.dispatch[0].count",
                                                          "plan.dispatch[1].count", "plan.schools[2].id", "plan.dispatch[3].count"])
        #expect(error.errors.allSatisfy { $0.file == "old.json" })
        #expect(error.errors[1].description == "old.json (plan.dispatch[0].count): expected a number from 0 to 10,000,000, found 1e+308")
        #expect(error.errors[4].description.contains("adding up to at most 10,000,000, found 12000000 with this line"))
        let zeroAndOne = #"{"plan": {"schools": [{"id": "A", "allocated": {"grant": 0}}], "dispatch": [{"group": "g1", "school": "A", "count": 1}]}}"#
        let plan = try PreviousPlan(planJSON: Data(zeroAndOne.utf8))
        #expect(plan.money == [.init("A", "grant"): 0] && plan.teachers == [.init("g1", "A"): 1])
    }

    /// The origin check of a re-plan: the plan of the scenario itself passes; changed facts (same
    /// identity) pass; another scenario's plan or one without fingerprints is refused unless allowed.
    /// A group dispatched beyond its count is an error against the very scenario the plan was solved
    /// from (the file was altered) and a warning once facts changed (the group shrank).
    @Test func originAndGroupCountsAgainstTheScenario() throws {
        let scenario = Self.twoSchools(fund: 1000, teachers: 1)
        let here = ScenarioFingerprint(scenario)
        func plan(_ origin: PlanOrigin, teachers: Double = 1) -> PreviousPlan {
            PreviousPlan(teachers: [.init("g1", "A"): teachers], origin: origin)
        }
        let own = PlanOrigin(scenario: scenario.name, fingerprint: here.inputs, identity: here.identity)
        #expect(plan(own).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false).isEmpty)
        let changed = PlanOrigin(scenario: scenario.name, fingerprint: String(repeating: "1", count: 64), identity: here.identity)
        #expect(plan(changed).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false).isEmpty)

        let foreign = PlanOrigin(scenario: "other", fingerprint: here.inputs, identity: String(repeating: "2", count: 64))
        let refused = plan(foreign).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false)
        #expect(refused.map(\.severity) == [.error] && refused[0].field == "scenario_identity")
        #expect(refused[0].description.contains("\"other\" (base; fingerprint \(here.inputs.prefix(12)))"))
        #expect(plan(foreign).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: true).map(\.severity) == [.warning])
        #expect(plan(PlanOrigin()).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false).map(\.severity) == [.error])

        let altered = plan(own, teachers: 3).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false)
        #expect(altered.map(\.severity) == [.error] && altered[0].field == "plan.dispatch[0].count")
        #expect(plan(changed, teachers: 3).problems(against: scenario, fingerprint: here, file: "p.json", allowForeign: false)
            .map(\.severity) == [.warning])
    }

    /// plan.json written by `solve --out` reads back as the previous plan.
    @Test func readsPlanJSON() throws {
        let json = #"{"plan": {"schools": [{"id": "A", "allocated": {"grant": 100}}], "dispatch": [{"group": "g1", "school": "A", "count": 2}]}}"#
        let plan = try PreviousPlan(planJSON: Data(json.utf8))
        #expect(plan.money == [.init("A", "grant"): 100])
        #expect(plan.teachers == [.init("g1", "A"): 2])
        #expect(throws: ScenarioErrors.self) { try PreviousPlan(planJSON: Data("[]".utf8)) }
    }
}
