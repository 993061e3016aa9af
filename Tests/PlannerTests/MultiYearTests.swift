import EduplanEvaluation
@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// The multi-year fixtures (Tests/Fixtures/multiyear/*/, each with README.md and expected.json in
/// the contract's format): ours (`core_*`) and the oracle helper's, all found at run time.
let multiYearFixturesRoot = fixturesRoot.deletingLastPathComponent().appendingPathComponent("multiyear")

struct MultiYearExpected: Decodable {
    var status: String
    var objective: Double?
    var benefit: Double?
    var elastic_total: Double?
    /// `YEAR/school/category`: money (cumulative X for project categories).
    var x: [String: Double]?
    /// `YEAR/group/school`: new dispatches y_{g,s,t}.
    var dispatch: [String: Double]?
    /// `YEAR/fund`: w_{f,t}.
    var carry_over: [String: Double]?
    var tolerance: Double?
    /// The same keys for each named variant of the fixture's scenario.
    var variants: [String: MultiYearExpected]?
    /// Rolling re-plan cases (the contract's layout): the same keys, and what the case re-plans.
    var replans: [String: MultiYearExpected]?
    /// A re-plan case: the variant (nil: the base), the previous plan.json and the actuals files in
    /// the fixture folder, and the penalties (nil: the defaults).
    var variant: String?
    var previous: String?
    var actuals: [String]?
    var move_penalty: Double?
    var teacher_move_penalty: Double?
    var max_moves: Double?
}

/// Every `replans` case of every fixture's expected.json, as `fixture|case`.
func multiYearReplanCases() -> [String] {
    multiYearFixtureNames().flatMap { name -> [String] in
        let file = multiYearFixturesRoot.appendingPathComponent("\(name)/expected.json")
        let expected = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(MultiYearExpected.self, from: $0) }
        return (expected?.replans?.keys.sorted() ?? []).map { "\(name)|\($0)" }
    }
}

/// Every fixture, then each of its variants listed in expected.json as `fixture|variant`.
func multiYearFixtureCases() -> [String] {
    multiYearFixtureNames().flatMap { name -> [String] in
        let file = multiYearFixturesRoot.appendingPathComponent("\(name)/expected.json")
        let expected = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(MultiYearExpected.self, from: $0) }
        return [name] + (expected?.variants?.keys.sorted() ?? []).map { "\(name)|\($0)" }
    }
}

func multiYearFixtureNames() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: multiYearFixturesRoot.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: multiYearFixturesRoot.appendingPathComponent("\($0)/expected.json").path) }
        .sorted()
}

@Suite struct MultiYearFixtureTests {
    @Test func ourFixturesAreFound() {
        #expect(multiYearFixtureNames().contains("core_carry_contract"))
        #expect(multiYearFixtureCases().contains("carry_over_on|no carry-over"))
        #expect(multiYearReplanCases().contains("rolling_planner_money|paid otherwise in 2024"))
    }

    /// Every multi-year fixture: the hand-derived discounted objective, U, x, new dispatches and
    /// carry-over (or the elastic total when infeasible).
    /// A case `fixture|variant` solves the variant against the variant's entry of expected.json.
    @Test(arguments: multiYearFixtureCases())
    func reachesHandDerivedOptimum(name: String) throws {
        let parts = name.split(separator: "|", maxSplits: 1).map(String.init)
        let folder = multiYearFixturesRoot.appendingPathComponent(parts[0])
        let whole = try JSONDecoder().decode(MultiYearExpected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let expected = try parts.count == 1 ? whole : #require(whole.variants?[parts[1]])
        let tolerance = max(expected.tolerance ?? whole.tolerance ?? 1e-6, 1e-6)
        var scenario = try ScenarioLoader.load(from: folder).scenario
        if parts.count == 2 { scenario = scenario.applying(try #require(scenario.variant(named: parts[1]))) }
        try check(try HorizonPlanner.solve(scenario), against: expected, name: name, tolerance: tolerance)
    }

    /// Every `replans` case (the rolling re-plan contract's layout): the case's previous plan and
    /// actuals re-planned, then the same checks as a fixture's optimum.
    @Test(arguments: multiYearReplanCases())
    func replanReachesHandDerivedOptimum(name: String) throws {
        let (scenario, replan, expected) = try replanCase(name)
        try check(try HorizonPlanner.replan(scenario, replan), against: expected, name: name,
                  tolerance: max(expected.tolerance ?? 1e-6, 1e-6))
    }

    /// Every optimal `replans` case: the re-plan's model exported as LP (money unscaled) reaches, in
    /// glpsol, the planner's objective less its constant.
    @Test(arguments: multiYearReplanCases())
    func exportedReplanModelMatchesGlpsol(name: String) throws {
        let (scenario, replan, expected) = try replanCase(name)
        guard expected.status == "optimal" else { return }
        var options = PlannerOptions()
        options.replan = replan
        let result = try HorizonPlanner.replan(scenario, replan).result
        let objective = try #require(result.objective)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-replan.lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelExport.write(scenario, to: path, format: .lp, options: options)
        let viaGlpsol = try glpsolObjective(path)
        #expect(abs(viaGlpsol + result.objectiveConstant - objective) <= 1e-6 * max(1, abs(objective)),
                "\(name): glpsol \(viaGlpsol) + \(result.objectiveConstant) vs \(objective)")
    }

    /// A `replans` case ("fixture|case"): its scenario (variant applied), the re-plan of its previous
    /// plan and actuals, and what the case expects.
    private func replanCase(_ name: String) throws -> (Scenario, HorizonReplan, MultiYearExpected) {
        let parts = name.split(separator: "|", maxSplits: 1).map(String.init)
        let folder = multiYearFixturesRoot.appendingPathComponent(parts[0])
        let whole = try JSONDecoder().decode(MultiYearExpected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let expected = try #require(whole.replans?[parts[1]])
        var scenario = try ScenarioLoader.load(from: folder).scenario
        if let variant = expected.variant { scenario = scenario.applying(try #require(scenario.variant(named: variant))) }
        let previous = try PreviousPlan.years(planJSON: Data(contentsOf: folder.appendingPathComponent(expected.previous ?? "previous.json")))
        var (yearsOver, actuals) = (0, [Int: YearActuals]())
        if let files = expected.actuals, !files.isEmpty {
            let read = try Actuals.readForReplan(files.map { folder.appendingPathComponent($0) }, names: files, scenario: scenario)
            (yearsOver, actuals) = (read.yearsOver, read.byYear)
        }
        let replan = HorizonReplan(previous: previous.years, yearsOver: yearsOver, actuals: actuals, for: scenario,
                                   moneyPenalty: expected.move_penalty, teacherPenalty: expected.teacher_move_penalty,
                                   maxTeacherMoves: expected.max_moves)
        return (scenario, replan, expected)
    }

    /// The horizon's status, objective and U, and every listed x, new dispatch and carry-over (or
    /// the elastic total when infeasible).
    private func check(_ solved: HorizonPlanResult, against expected: MultiYearExpected, name: String, tolerance: Double) throws {
        let result = solved.result
        #expect(result.status.rawValue == expected.status, "\(name): \(result.statusDetail)")
        if expected.status == "infeasible" {
            // Every infeasible case states its elastic total (a re-plan's past that cannot be paid
            // too: rolling_infeasible's README), checked by the oracle as well.
            #expect(expected.elastic_total != nil, "\(name): no elastic_total in expected.json")
            let total = (result.diagnosis ?? []).reduce(0) { $0 + $1.money }
            #expect(close(total, expected.elastic_total, tolerance), "\(name): elastic total \(total)")
            return
        }
        #expect(close(result.objective, expected.objective, tolerance), "\(name): objective \(String(describing: result.objective))")
        #expect(close(result.benefit, expected.benefit, tolerance), "\(name): benefit \(String(describing: result.benefit))")
        let byYear = Dictionary(solved.years.map { ("\($0.year)", $0) }, uniquingKeysWith: { a, _ in a })
        for (key, value) in expected.x ?? [:] {
            let parts = key.split(separator: "/").map(String.init)
            let year = try #require(byYear[parts[0]], "\(name): no year \(parts[0])")
            let school = try #require(year.result.plan?.schools.first { $0.id == parts[1] }, "\(name): no school \(parts[1])")
            #expect(close(school.allocated[parts[2]] ?? 0, value, tolerance), "\(name): x[\(key)] = \(school.allocated[parts[2]] ?? 0)")
        }
        for (key, value) in expected.dispatch ?? [:] {
            let parts = key.split(separator: "/").map(String.init)
            let year = try #require(byYear[parts[0]], "\(name): no year \(parts[0])")
            let sent = year.newDispatch.filter { $0.group == parts[1] && $0.school == parts[2] }.reduce(0) { $0 + $1.count }
            #expect(close(sent, value, tolerance), "\(name): y[\(key)] = \(sent)")
        }
        for (key, value) in expected.carry_over ?? [:] {
            let parts = key.split(separator: "/").map(String.init)
            let year = try #require(byYear[parts[0]], "\(name): no year \(parts[0])")
            let carried = year.carryOver.first { $0.fund == parts[1] }?.amount ?? 0
            #expect(close(carried, value, tolerance), "\(name): w[\(key)] = \(carried)")
        }
    }

    /// A variant's list of amounts replaces the fund's list (core_carry_contract's README).
    @Test func variantWithAListOfAmounts() throws {
        let scenario = try ScenarioLoader.load(from: multiYearFixturesRoot.appendingPathComponent("core_carry_contract")).scenario
        let variant = try #require(scenario.variant(named: "more meals"))
        let planned = try HorizonPlanner.solve(scenario.applying(variant))
        #expect(close(planned.result.objective, 109.5, 1e-9) && close(planned.result.benefit, 390.5, 1e-9),
                "\(String(describing: planned.result.objective)) \(String(describing: planned.result.benefit))")
        #expect(planned.years.first?.carryOver.first { $0.fund == "meal_fund" }?.amount == 40)
    }

    /// `export --lp` writes the whole horizon model: glpsol reaches the planner's discounted
    /// objective (the file omits the constant).
    @Test(arguments: multiYearFixtureNames().filter { !$0.hasPrefix("infeasible") })
    func exportedHorizonModelMatchesGlpsol(name: String) throws {
        let folder = multiYearFixturesRoot.appendingPathComponent(name)
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let result = try HorizonPlanner.solve(scenario).result
        guard result.status == .optimal, let objective = result.objective else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-\(name).lp").path
        try ModelExport.write(scenario, to: path, format: .lp)
        let viaGlpsol = try glpsolObjective(path)
        #expect(abs(viaGlpsol + result.objectiveConstant - objective) <= 1e-6 * max(1, abs(objective)),
                "\(name): glpsol \(viaGlpsol) + \(result.objectiveConstant) vs \(objective)")
    }

    /// Every budget's shadow price is true: adding ±d to B_{f,t} moves the horizon's objective by
    /// −price·d (the price is of the discounted objective, per unit of money).
    @Test(arguments: multiYearFixtureNames().filter { !$0.hasPrefix("infeasible") })
    func budgetShadowPricesHoldWhenResolved(name: String) throws {
        let scenario = try ScenarioLoader.load(from: multiYearFixturesRoot.appendingPathComponent(name)).scenario
        let formulation = HorizonFormulation(scenario: scenario)
        try checkPrices(scenario, formulation, fixingIntegers: formulation.model.isMixedInteger)
    }

    private func checkPrices(_ scenario: Scenario, _ formulation: HorizonFormulation, fixingIntegers: Bool) throws {
        let solver = GLPKSolver()
        var parameters = SolverParameters()
        parameters.mipDuals = true
        let solution = try solver.solve(formulation.model, parameters: parameters)
        guard solution.status.isOptimal, let base = solution.objectiveValue else { return }
        let model = fixingIntegers ? formulation.model.relaxingIntegers().fixingIntegers(of: formulation.model, roundedDownFrom: solution.values)
            : formulation.model
        for (t, rows) in formulation.budgetRows.enumerated() {
            for (f, row) in rows.enumerated() {
                let price = try #require(solution.dual(row))
                let d = 1e-3 * max(1, model.rowUpper[row.index])
                var slopes: [Double] = []
                for step in [d, -d] {
                    var moved = model
                    moved.setBounds(row, lower: model.rowLower[row.index], upper: model.rowUpper[row.index] + step)
                    let resolved = try solver.solve(moved, parameters: SolverParameters())
                    guard resolved.status.isOptimal, let objective = resolved.objectiveValue else { continue }
                    slopes.append((objective - base) / step)
                }
                // The price is the slope of the objective in B (on one side of it at a kink).
                #expect(slopes.isEmpty || slopes.contains { abs($0 - price) <= 1e-6 * max(1, abs(price)) },
                        "year \(t) fund \(f): price \(price), slopes \(slopes)")
            }
        }
    }
}

@Suite struct MultiYearOneYearTests {
    /// A one-year horizon builds exactly the ordinary formulation (same columns, rows, objective)
    /// on every planner fixture, and plans the same plan.
    @Test(arguments: fixtureNames())
    func oneYearHorizonIsTodaysModel(name: String) throws {
        var scenario = try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent(name)).scenario
        let ordinary = Formulation(scenario: scenario)
        scenario.horizon = Horizon(years: [scenario.year ?? 2024])
        let horizon = HorizonFormulation(scenario: scenario)
        let (a, b) = (ordinary.model, horizon.model)
        #expect(a.columnLower == b.columnLower && a.columnUpper == b.columnUpper && a.columnKind == b.columnKind)
        #expect(a.columnNames == b.columnNames && a.rowNames == b.rowNames && a.objective == b.objective)
        #expect(a.rowLower == b.rowLower && a.rowUpper == b.rowUpper && a.entryColumn == b.entryColumn && a.entryValue == b.entryValue)
        #expect(a.objectiveConstant == b.objectiveConstant)
        var plain = scenario
        plain.horizon = nil
        let today = try Planner.solve(plain)
        let planned = try HorizonPlanner.solve(scenario)
        #expect(planned.result.status == today.status && planned.result.objective == today.objective)
        #expect(planned.years.first?.result.plan == today.plan)
    }

    /// A horizon of T identical years whose needs recur (per-student categories, no carry-over,
    /// one-year contracts) is T independent copies of the one-year plan: objective Σ δ^(t−1) · z.
    @Test func identicalRecurringYearsAreIndependentCopies() throws {
        var scenario = try ScenarioLoader.load(from: fixturesRoot.appendingPathComponent("needs_by_count_and_level")).scenario
        let one = try #require(try Planner.solve(scenario).objective)
        scenario.horizon = Horizon(years: [2024, 2025, 2026], discount: 0.5)
        let planned = try HorizonPlanner.solve(scenario)
        let objective = try #require(planned.result.objective)
        #expect(abs(objective - one * 1.75) <= 1e-6 * max(1, abs(one)), "\(objective) vs 1.75 × \(one)")
        #expect(planned.years.map(\.year) == [2024, 2025, 2026])
        for year in planned.years { #expect(abs((year.result.objective ?? 0) - one) <= 1e-6 * max(1, abs(one))) }
    }
}

@Suite struct MultiYearIncrementTests {
    /// F5 over two years with projects: each year's Hoover index, measured on the money each school
    /// receives that year (X_t − X_{t−1}) against the year's need shares, is within the bound — the
    /// rule's rows see the increment, not the cumulative X.
    @Test func hooverHoldsOnEachYearsIncrement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-hoover-years-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixturesRoot.appendingPathComponent("project_partial"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var yaml = try String(contentsOf: folder.appendingPathComponent("scenario.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "year: 2024\n", with: "year: 2024\nhorizon: {years: [2024, 2025]}\nfairness: {hoover: {mode: hard, max: 0.2}}\n")
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("scenario.yaml"))
        try Data("id,school,category,cost,year\nP1,A,infrastructure,3000,\nP2,A,infrastructure,1000,2025\nP3,B,infrastructure,2000,\nP4,C,infrastructure,5000,2025\n".utf8)
            .write(to: folder.appendingPathComponent("projects.csv"))
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let formulation = HorizonFormulation(scenario: scenario)
        // Year 2's Hoover rows hold −c·X_{s,k,2024} beside every c·X_{s,k,2025}.
        let year = formulation.years[1], rows = try #require(year.ruleRowRanges["hoover"])
        var paired = 0
        for i in rows {
            let entries = formulation.model.row(Constraint(index: i + formulation.rowOffset[1]))
            for s in scenario.schools.indices {
                guard let now = year.x[0][s], let before = formulation.years[0].x[0][s],
                      let c = entries.first(where: { $0.column == now.index + formulation.columnOffset[1] })?.coefficient else { continue }
                #expect(entries.contains { $0.column == before.index + formulation.columnOffset[0] && $0.coefficient == -c })
                paired += 1
            }
        }
        #expect(paired > 0)
        let planned = try HorizonPlanner.solve(scenario)
        #expect(planned.result.status == .optimal, "\(planned.result.statusDetail)")
        var previous = [String: Double]()
        for year in planned.years {
            let schools = try #require(year.result.plan?.schools)
            let received = schools.map { ($0.allocated["infrastructure"] ?? 0) - (previous[$0.id] ?? 0) }
            let need = schools.map { $0.need["infrastructure"] ?? 0 }
            let total = received.reduce(0, +), needTotal = need.reduce(0, +)
            let hoover = zip(received, need).reduce(0.0) { $0 + abs($1.0 - $1.1 / needTotal * total) } / (2 * max(total, 1e-9))
            #expect(hoover <= 0.2 + 1e-6, "\(year.year): Hoover \(hoover) on \(received)")
            for school in schools { previous[school.id] = school.allocated["infrastructure"] ?? 0 }
        }
    }
}
