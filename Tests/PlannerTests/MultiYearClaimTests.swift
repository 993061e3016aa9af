@testable import EduplanPlanner
import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// Each year's fund claims of a multi-year plan are true of the horizon (docs/model.md §23, "Claims
/// over years"): the scenario with one year's budget B_{f,t} moved — in its budget row, its minimum
/// spend and its carry-over cap, through the formulation, not through the claim's reading — and
/// the horizon re-solved (integers held at the plan's values) moves the objective by what the claim
/// states on each side, inside the claim's interval.
@Suite struct MultiYearClaimTests {
    /// Every fixture and variant with a plan of several years.
    static func cases() -> [String] {
        multiYearFixtureCases().filter { !$0.hasPrefix("infeasible") && !$0.hasPrefix("one_year") }
    }

    static func scenario(_ name: String) throws -> Scenario {
        let parts = name.split(separator: "|").map(String.init)
        let base = try ScenarioLoader.load(from: multiYearFixturesRoot.appendingPathComponent(parts[0])).scenario
        guard parts.count > 1, let variant = base.variants.first(where: { $0.name == parts[1] }) else { return base }
        return base.applying(variant)
    }

    /// The scenario with year t's amount of fund f at `amount` (every other year's as before).
    static func moved(_ scenario: Scenario, fund f: Int, year t: Int, to amount: Double) -> Scenario {
        var moved = scenario
        let years = scenario.horizon?.years.count ?? 1
        var amounts = (0..<years).map { Horizon.amount(of: scenario.funds[f], yearIndex: $0) }
        amounts[t] = amount
        (moved.funds[f].amounts, moved.funds[f].growth, moved.funds[f].amount) = (amounts, 0, amounts[0])
        return moved
    }

    @Test(arguments: cases())
    func everyYearsFundValueHoldsWhenResolved(name: String) throws {
        let scenario = try Self.scenario(name)
        guard scenario.plansSeveralYears else { return }
        let planned = try HorizonPlanner.solve(scenario)
        guard planned.result.status == .optimal, let objective = planned.result.objective else { return }
        let base = HorizonFormulation(scenario: scenario)
        let plan = try GLPKSolver().solve(base.model, parameters: SolverParameters())
        var checked = 0
        for (t, year) in planned.years.enumerated() {
            for (f, fund) in year.scenario.funds.enumerated() {
                let price = try #require(year.result.fundPrices.first { $0.fund == fund.id })
                let claim = try #require(price.claims.first { $0.kind == .fundMarginalValue }, "\(name) \(year.year) \(fund.id)")
                let step = 1e-3 * max(1, fund.amount)
                for (side, value) in [(1.0, claim.right), (-1.0, claim.left)] {
                    guard let value else { continue }
                    // Inside the stated interval (a re-solved side: its own step).
                    let end = side > 0 ? claim.validTo.map { $0 - fund.amount } : claim.validFrom.map { fund.amount - $0 }
                    let d = min(step, end ?? step)
                    guard d > 1e-9, fund.amount - d * (side < 0 ? 1 : 0) >= 0 else { continue }
                    let moved = Self.moved(scenario, fund: f, year: t, to: fund.amount + side * d)
                    let resolved = try Self.objective(moved, holding: plan, of: base)
                    let slope = try #require(resolved, "\(name) \(year.year) \(fund.id): no plan at \(side * d)")
                    // Benefit per unit: the objective falls by value·d when d is added.
                    let measured = side > 0 ? (objective - slope) / d : (slope - objective) / d
                    #expect(abs(measured - value) <= 1e-6 * max(1, abs(value)),
                            "\(name) \(year.year) \(fund.id) side \(side): claim \(value), re-solved \(measured)")
                    checked += 1
                }
            }
        }
        #expect(checked > 0, "\(name): no side checked")
    }

    /// The value of carry-over is true: one more unit of year t's cap (w_{f,t}'s upper bound)
    /// lowers the horizon's objective (integers held) by `cap_value` per unit; a cap reported not
    /// binding gains nothing.
    @Test(arguments: cases())
    func carryOverValueHoldsWhenResolved(name: String) throws {
        let scenario = try Self.scenario(name)
        guard scenario.plansSeveralYears else { return }
        let planned = try HorizonPlanner.solve(scenario)
        guard planned.result.status == .optimal else { return }
        let base = HorizonFormulation(scenario: scenario)
        let plan = try GLPKSolver().solve(base.model, parameters: SolverParameters())
        let held = HorizonFundClaims.holdingIntegers(base.model, at: plan.values)
        let objective = try #require(try GLPKSolver().solve(held, parameters: SolverParameters()).objectiveValue) / base.moneyScale
        for (t, year) in planned.years.enumerated() {
            for (f, carry) in year.carryOver.enumerated() {
                guard let w = base.carryOver[t][f] else { continue }
                let d = 1e-3 * max(1, carry.cap)
                var moved = held
                moved.setBounds(w, lower: 0, upper: (carry.cap + d) * base.moneyScale)
                let resolved = try #require(try GLPKSolver().solve(moved, parameters: SolverParameters()).objectiveValue) / base.moneyScale
                let measured = (objective - resolved) / d
                #expect(abs(measured - (carry.capValue ?? 0)) <= 1e-6 * max(1, abs(measured)),
                        "\(name) \(year.year) \(carry.fund): cap value \(String(describing: carry.capValue)), re-solved \(measured)")
                guard let value = carry.capValue else { continue }
                // The stated interval: at both of its ends the objective has moved by value·Δ.
                let from = try #require(carry.capValueFrom, "\(name) \(year.year): a cap value without its interval")
                let to = try #require(carry.capValueTo)
                #expect(from <= carry.cap && carry.cap <= to, "\(name) \(year.year): [\(from), \(to)] misses the cap \(carry.cap)")
                for end in [from, to] {
                    var atEnd = held
                    atEnd.setBounds(w, lower: 0, upper: end * base.moneyScale)
                    let resolved = try #require(try GLPKSolver().solve(atEnd, parameters: SolverParameters()).objectiveValue) / base.moneyScale
                    #expect(abs(resolved - (objective - value * (end - carry.cap))) <= 1e-6 * max(1, abs(objective)),
                            "\(name) \(year.year) \(carry.fund): at cap \(end) \(resolved), the value predicts \(objective - value * (end - carry.cap))")
                }
            }
        }
    }

    /// carry_over_on, by hand (README): with cap C on w₂₀₂₄ (C ≥ 200), x₁ = 1000 − w, x₂ = 100 + w,
    /// objective 2·(800 − x₁) + 3·(1000 − x₂) = 2300 − w, and w = min(C, 900) (x₁ ≤ 800 needs w ≥ 200,
    /// x₂ ≤ 1000 needs w ≤ 900): one unit of cap buys 1 while C is in [200, 900]. The stated
    /// interval lies inside it and around the cap 500; the scenario re-solved (its whole MIP, the
    /// fraction carry_over moved) with the cap at the interval's upper end gives 2300 − end; at 950,
    /// beyond 900, the objective stops at 1400 where the value would predict 1350.
    @Test func carryOverCapValueStatesWhereItHolds() throws {
        let scenario = try Self.scenario("carry_over_on")
        let carry = try HorizonPlanner.solve(scenario).years[0].carryOver[0]
        #expect(carry.capValue.map { abs($0 - 1) < 1e-9 } == true && abs(carry.cap - 500) < 1e-9)
        let from = try #require(carry.capValueFrom), to = try #require(carry.capValueTo)
        #expect(from >= 200 - 1e-6 && from < 500 && to > 500 && to <= 900 + 1e-6, "[\(from), \(to)]")
        func objective(cap: Double) throws -> Double? {
            var moved = scenario
            moved.funds[0].carryOver = cap / 1000
            return try HorizonPlanner.solve(moved).result.objective
        }
        #expect(try objective(cap: to).map { abs($0 - (2300 - to)) < 1e-6 } == true)
        #expect(try objective(cap: from).map { abs($0 - (2300 - from)) < 1e-6 } == true)
        #expect(try objective(cap: 950).map { abs($0 - 1400) < 1e-6 } == true)
    }

    /// The objective (points) of `scenario` as the horizon's LP with its integer columns held at the
    /// plan's values (the same columns: only a budget moved).
    static func objective(_ scenario: Scenario, holding plan: Solution, of base: HorizonFormulation) throws -> Double? {
        var model = HorizonFormulation(scenario: scenario, moneyScale: base.moneyScale).model
        for j in model.columnKind.indices where model.columnKind[j] != .continuous {
            model.setKind(Variable(index: j), .continuous)
            model.setBounds(Variable(index: j), lower: plan.values[j], upper: plan.values[j])
        }
        let lp = try GLPKSolver().solve(model, parameters: SolverParameters())
        return lp.status.isOptimal ? lp.objectiveValue.map { $0 / base.moneyScale } : nil
    }

    /// carry_over_on, by hand (README): in 2024 a unit of budget is spent at 2 or half carried at
    /// 3, so it buys 0.5·2 + 0.5·3 = 2.5 (the cap w ≤ 0.5·B binds and moves with B), not the budget
    /// row's dual alone (2); in 2025 it buys 3 (up to +400, where the need of 1,000 is met).
    @Test func carryOverCapMovesWithTheBudget() throws {
        let planned = try HorizonPlanner.solve(try Self.scenario("carry_over_on"))
        let value = { (t: Int) in planned.years[t].result.fundPrices[0].claims.first { $0.kind == .fundMarginalValue } }
        #expect(value(0)?.right.map { abs($0 - 2.5) < 1e-9 } == true && value(0)?.left.map { abs($0 - 2.5) < 1e-9 } == true)
        #expect(value(1)?.right.map { abs($0 - 3) < 1e-9 } == true && value(1)?.validTo.map { abs($0 - 500) < 1e-6 } == true)
        #expect(value(1)?.validFrom.map { $0 >= 0 } == true)
    }

    /// F4 over years reads each year's increment of project money (docs/model.md §23): with γ = 0.5,
    /// equal enrollments and the urban school worth twice the rural one, 2024's 1,000 split 333⅓ /
    /// 666⅔ and 2025's 300 split 100 / 200, F4 binding in both years. Its marginal cost in a year is
    /// d objective / d γ of that year alone: re-solving with that year's γ at 0.501 moves the
    /// objective by it (within the curvature of 300/(1+γ), under 1%). Read on cumulative money
    /// (866⅔ urban in 2025), 2025's value would be 4⅓ times too large.
    @Test func ruralParityOverYearsPricesTheYearsIncrement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-f4-years-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let horizon = "horizon: {years: [2024, 2025]"
        let files = [
            "scenario.yaml": """
            format: 1
            name: "F4 over years"
            year: 2024
            subjects: {math: 1.0}
            student_teacher_ratio: {primary: 20}
            \(horizon)}
            categories:
              - {id: infrastructure, weight: 1, projects: projects.csv}
            funds:
              - {id: building_fund, amount: [1000, 300], categories: [infrastructure], regions: all}
            priority: {base: 1, poor_share: 2}
            fairness: {rural_parity: {mode: hard, gamma: 0.5}}
            variants:
              - {name: "2024", fairness: {rural_parity: {mode: hard, gamma: 0.501}}, \(horizon), fairness: {2025: {rural_parity: {mode: hard, gamma: 0.5}}}}}
              - {name: "2025", \(horizon), fairness: {2025: {rural_parity: {mode: hard, gamma: 0.501}}}}}

            """,
            "regions.csv": "id,name,designation,rural\nr1,Hills,none,true\nr2,Town,none,false\n",
            "schools.csv": "id,name,region,level,rural,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_math,required_math\n"
                + "A,Hill,r1,primary,true,100,0,0,0,0,0,5,5\nB,Town,r2,primary,false,100,0,50,0,0,0,5,5\n",
            "projects.csv": "id,school,category,cost\nPA,A,infrastructure,1000\nPB,B,infrastructure,1000\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let planned = try HorizonPlanner.solve(scenario)
        let objective = try #require(planned.result.objective)
        for (t, variant) in scenario.variants.enumerated() {
            let price = try #require(planned.years[t].result.rulePrices.first { $0.rule == "rural_parity" })
            #expect(price.binding, "\(variant.name)")
            let claimed = try #require(price.value)
            let moved = try #require(HorizonPlanner.solve(scenario.applying(variant)).result.objective)
            let measured = (moved - objective) / 0.001
            #expect(abs(claimed - measured) <= 0.01 * abs(measured) && abs(measured) > 1, "\(variant.name): claim \(claimed), re-solved \(measured)")
        }
    }
}

/// The elastic diagnosis over years names the year the money runs out (docs/model.md §23).
@Suite struct MultiYearDiagnosisPlacementTests {
    /// infeasible_year3 (README): needs 1000, 1250, 1560 against 1200 a year with carry-over 0.5.
    /// Relaxing 2024 by 210 (carrying 410 on) covers 2026 exactly as well as relaxing 2026 by 210,
    /// so the least total (210) alone does not say the year; the diagnosis places it in 2026, where
    /// the carried money runs out, and keeps the total. Without carry-over only 2025 (50) and 2026
    /// (360) can give.
    @Test func theShortfallIsInTheYearTheMoneyRunsOut() throws {
        let scenario = try MultiYearClaimTests.scenario("infeasible_year3")
        let lines = try #require(try HorizonPlanner.solve(scenario).result.diagnosis)
        #expect(lines.count == 1 && lines[0].constraint.hasPrefix("2026: ") && abs(lines[0].money - 210) < 1e-6, "\(lines)")
        let variant = try #require(scenario.variants.first { $0.name == "no carry-over" })
        let apart = try #require(try HorizonPlanner.solve(scenario.applying(variant)).result.diagnosis)
        #expect(apart.map { String($0.constraint.prefix(6)) } == ["2025: ", "2026: "] || apart.map { String($0.constraint.prefix(6)) } == ["2026: ", "2025: "])
        #expect(abs(apart.reduce(0) { $0 + $1.money } - 410) < 1e-6)
    }

    /// The second step keeps the least total and moves slack only later: its model holds the
    /// elastic objective at E* and weighs year t's slack cost by T − 1 − t (the last year 0).
    @Test func theSecondStepHoldsTheLeastTotal() throws {
        let scenario = try MultiYearClaimTests.scenario("infeasible_year3")
        let elastic = HorizonFormulation(scenario: scenario, purpose: .elastic)
        let model = HorizonDiagnosisPlacement.latestPlacement(elastic, least: 210 * elastic.moneyScale + elastic.model.objectiveConstant)
        #expect(model.constraintCount == elastic.model.constraintCount + 1)
        let lastYear = elastic.columnOffset[2]..<(elastic.columnOffset[2] + elastic.years[2].model.variableCount)
        #expect(lastYear.allSatisfy { model.objective[$0] == 0 })
        #expect(elastic.model.objective.indices.contains { elastic.model.objective[$0] != 0 && model.objective[$0] == 2 * elastic.model.objective[$0] })
    }
}
