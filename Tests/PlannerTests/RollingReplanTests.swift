@testable import EduplanPlanner
import EduplanScenario
import Foundation
import LinearProgramming
import Testing

/// The rolling re-plan's model and reading (docs/model.md, "Rolling re-plan"), on the fixtures
/// rolling_planner_* (derivations in their READMEs).
@Suite struct RollingReplanTests {
    static let post = multiYearFixturesRoot.appendingPathComponent("rolling_planner_post")
    static let money = multiYearFixturesRoot.appendingPathComponent("rolling_planner_money")

    private func replan(_ folder: URL, over: Int, _ actuals: [Int: YearActuals], maxMoves: Double? = nil) throws -> (Scenario, HorizonReplan) {
        let scenario = try ScenarioLoader.load(from: folder).scenario
        let previous = try PreviousPlan.years(planJSON: Data(contentsOf: folder.appendingPathComponent("previous.json")))
        return (scenario, HorizonReplan(previous: previous.years, yearsOver: over, actuals: actuals, for: scenario, maxTeacherMoves: maxMoves))
    }

    /// A year that is over keeps only its money accounting: supply and shortage rows free, the budget
    /// row without a lower side; its new dispatches fixed at the actuals and the teachers present
    /// without an upper bound; its objective weight 0. The years to come keep their rows.
    @Test func yearOverIsFixedAndOnlyItsAccountingKept() throws {
        let (scenario, replan) = try replan(Self.post, over: 1, [2024: YearActuals(teachers: [.init("G1", "B"): 1])])
        let f = HorizonFormulation(scenario: scenario, replan: replan)
        let model = f.model
        func row(_ name: String) throws -> Int { try #require(model.rowNames.firstIndex(of: name), "no row \(name)") }
        func column(_ name: String) throws -> Int { try #require(model.columnNames.firstIndex(of: name), "no column \(name)") }
        #expect(f.weights == [0, 1, 1])
        let supply2024 = try row("supply[G1]@2024"), supply2025 = try row("supply[G1]@2025")
        #expect(model.rowLower[supply2024] == -.infinity && model.rowUpper[supply2024] == .infinity)
        #expect(model.rowUpper[supply2025] == 1)
        let newB = try column("new_y[G1,B]@2024"), presentB = try column("y[G1,B]@2024")
        #expect(model.columnLower[newB] == 1 && model.columnUpper[newB] == 1)
        #expect(model.columnUpper[presentB] == .infinity)
        let budget = try row("budget[teacher_fund]@2024")
        #expect(model.rowLower[budget] == -.infinity && model.rowUpper[budget] == 100 * f.moneyScale)
        #expect(model.rowNames.contains("present[G1,B]@2025") && model.rowNames.contains("move[G1,B]@2025_pos"))
        #expect(!model.rowNames.contains("move[G1,B]@2024_pos"))
    }

    /// The plan read: the year over is marked actual with no shadow prices, the year to come has its
    /// moves (each with its year), and the horizon lists them all.
    @Test func yearsAreReadWithTheirMoves() throws {
        let (scenario, replan) = try replan(Self.post, over: 1, [2024: YearActuals(teachers: [.init("G1", "A"): 0])])
        let planned = try HorizonPlanner.replan(scenario, replan)
        #expect(planned.result.status == .optimal && abs((planned.result.objective ?? 0) - 2050) < 1e-6)
        #expect(planned.years.map(\.actual) == [true, false, false])
        #expect(planned.years[0].result.fundPrices.isEmpty && !planned.years[1].result.fundPrices.isEmpty)
        #expect(planned.result.moves == [Move(kind: "teachers", first: "G1", second: "B", before: 0, after: 1, year: 2025)])
        #expect(planned.replan?.yearsOver == [2024])
    }

    /// Money paid above a year's need (or where none was planned) is fixed and paid by the year's
    /// funds; the year reports its true need beside the money paid.
    @Test func moneyAboveTheNeedIsPaidAndTheNeedStaysTrue() throws {
        let (scenario, replan) = try replan(Self.money, over: 1, [2024: YearActuals(money: [.init("A", "grant"): 130, .init("B", "grant"): 0])])
        var over = replan
        over.previous = [:]
        let planned = try HorizonPlanner.replan(scenario, over)
        #expect(planned.result.status == .infeasible, "130 > the fund's 100")
        let total = (planned.result.diagnosis ?? []).reduce(0) { $0 + $1.money }
        #expect(abs(total - 30) < 1e-6, "\(String(describing: planned.result.diagnosis))")
        // 2024 pays B 50 and carries 50 (the cap); 2025 pays A 120, above its need of 100, from 100 + 50.
        let (_, paid) = try self.replan(Self.money, over: 2, [2024: YearActuals(money: [.init("B", "grant"): 50]),
                                                              2025: YearActuals(money: [.init("A", "grant"): 120, .init("B", "grant"): 30])])
        let fine = try HorizonPlanner.replan(scenario, paid)
        #expect(fine.result.status == .optimal, "\(fine.result.statusDetail)")
        #expect(fine.years.first?.carryOver.first?.amount == 50)
        let a = try #require(fine.years.last?.result.plan?.schools.first { $0.id == "A" })
        #expect(a.allocated["grant"] == 120 && a.need["grant"] == 100 && abs((a.coverage ?? 0) - 1.2) < 1e-9)
    }

    /// The previous multi-year plan's numbers are checked, with their key paths under `years[i]`;
    /// a one-year plan.json is not a multi-year plan.
    @Test func previousYearsAreChecked() throws {
        let bad = Data("""
        {"years": [{"year": 2024, "plan": {"schools": [{"id": "A", "allocated": {"grant": -5}}], "dispatch": []},
                    "new_dispatch": [{"group": "G1", "school": "A", "count": 1e99}]},
                   {"year": 2025.5, "plan": {"schools": []}, "new_dispatch": []}]}
        """.utf8)
        #expect {
            _ = try PreviousPlan.years(planJSON: bad)
        } throws: { error in
            let text = "\(error)"
            return text.contains("years[0].plan.schools[0].allocated.grant") && text.contains("years[0].new_dispatch[0].count")
                && text.contains("years[1].year")
        }
        let oneYear = Data(#"{"plan": {"schools": [], "dispatch": []}}"#.utf8)
        #expect {
            _ = try PreviousPlan.years(planJSON: oneYear)
        } throws: { error in "\(error)".contains("a plan of one year (no `years`)") }
    }
}
