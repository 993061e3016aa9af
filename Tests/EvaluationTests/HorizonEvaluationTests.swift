import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// `evaluate` of a multi-year plan.json against year-tagged actuals (docs/evaluation.md, "A multi-year
/// plan"): each year's actuals are what was done in that year, converted into the plan's terms.
@Suite struct HorizonEvaluationTests {
    let fixtures = "Tests/Fixtures/multiyear/"

    func evaluate(_ fixture: String, _ csv: String) throws -> HorizonEvaluationReport {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let actuals = try write(csv, "actuals.csv", in: folder)
        let plan = packageRoot.appendingPathComponent(fixtures + fixture + "/previous.json")
        #expect(Evaluation.isMultiYearPlan(plan))
        return try Evaluation.evaluateHorizon(planFile: plan, actualsFiles: [actuals], scenario: scenario(fixtures + fixture)).report
    }

    /// rolling_project's plan (README): 2024 X_A = 600; 2025 X_A = 700, X_B = 500 (`allocated` is
    /// cumulative); building_fund's flows pay 600 each year.
    /// Paid: 2024 A 300; 2025 A 100, B 500. In the plan's terms (cumulative):
    /// - 2024: A 300 of 600 → money 50%, A short by 300/600 = 50%; the fund paid 300 of its 600 flows: 50%.
    /// - 2025: A 300 + 100 = 400 of 700, B 500 of 500 → money 900 / 1200 = 75%, A short by 300/700 = 3/7;
    ///   but the fund paid this year's 100 + 500 = 600 = its flows: 100% (not 900/600, the cumulative figure).
    @Test func projectMoneyIsCumulatedButFundsAreJudgedOnTheYearsPayments() throws {
        let report = try evaluate("rolling_project", "year,school,category,amount\n2024,A,infrastructure,300\n"
                                  + "2025,A,infrastructure,100\n2025,B,infrastructure,500\n")
        #expect(report.years.map(\.year) == [2024, 2025])
        let first = try #require(report.years[0].report), second = try #require(report.years[1].report)
        #expect(first.totalMoney == Execution(planned: 600, actual: 300))
        #expect(first.byFund.map(\.execution) == [Execution(planned: 600, actual: 300)])
        #expect(first.shortSchools.map { "\($0.school) \($0.shortfallShare)" } == ["A 0.5"])
        #expect(second.totalMoney == Execution(planned: 1200, actual: 900))
        #expect(second.schools.map { $0.money?.actual } == [400, 500])
        #expect(second.byFund.map(\.execution) == [Execution(planned: 600, actual: 600)])
        #expect(second.byFund.map(\.budgetUsed) == [1])
        #expect(second.shortSchools.map(\.school) == ["A"])
        #expect(abs(second.shortSchools[0].shortfallShare - 3.0 / 7) < 1e-12)
        // The CSV has a year column; the JSON a `years` level with each year's one-year object.
        #expect(report.csv().split(separator: "\n").dropFirst().map { $0.prefix(7) } == ["2024,A,", "2024,B,", "2025,A,", "2025,B,"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.count == 2)
        #expect(((years[1]["evaluation"] as? [String: Any])?["short_schools"] as? [Any])?.count == 1)
    }

    /// rolling_contract's plan is three_year_post's (README): G1 (1 teacher, `contract_years` 3, cost
    /// 100) newly posted at A in 2024, so at post at A in 2024, 2025 and 2026.
    /// Done: posted at B in 2024, nobody new in 2025 (a zero row); no 2026 row.
    /// - 2024: at post B 1 (window 2022–2024), A 0 → A short of its 1 planned teacher; dispatch money
    ///   1 × 100 = 100 of the plan's 100.
    /// - 2025: the window 2023–2025 holds the 2024 post: still B 1, A 0 (with L = 1 it would read 0
    ///   teachers at post, 0 money) → A short again, teachers 1 of 1, dispatch money 100.
    /// - 2026: no actuals.
    @Test func teachersAtPostAreTheNewPostsOfTheContractWindow() throws {
        let report = try evaluate("rolling_contract", "year,group,school,count\n2024,G1,B,1\n2025,G1,A,0\n")
        #expect(report.years.map(\.year) == [2024, 2025, 2026])
        #expect(report.years[2].report == nil)
        for year in report.years.prefix(2) {
            let r = try #require(year.report)
            #expect(r.totalTeachers?.actual == 1)
            #expect(r.schools.map { $0.teachers?.actual } == [0, 1])
            #expect(r.shortSchools.map { "\($0.school) \($0.kind)" } == ["A teachers"])
            let dispatch = try #require(r.byCategory.first { $0.id == "dispatch" })
            #expect(dispatch.money?.actual == 100)
            // One fund pays all the dispatch money: attributed 100 · z / Σz (z = 100 up to the plan's round-off).
            #expect(r.byFund.map { abs($0.execution.actual - 100) < 1e-9 } == [true])
        }
        #expect(report.text(markdown: false).contains("no actuals"))
    }

    /// A year outside the horizon, a key given twice and a file without a `year` column are all
    /// reported at once (the checks of `solve --actuals`), with file, line and column; a multi-year
    /// plan without its scenario is refused.
    @Test func badActualsAreReportedAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let money = try write("year,school,category,amount\n2023,A,infrastructure,1\n2024,A,infrastructure,1\n2024,A,infrastructure,2\n",
                              "money.csv", in: folder)
        let noYear = try write("group,school,count\nG1,A,1\n", "teachers.csv", in: folder)
        let plan = packageRoot.appendingPathComponent(fixtures + "rolling_project/previous.json")
        let world = try scenario(fixtures + "rolling_project")
        let error = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluateHorizon(planFile: plan, actualsFiles: [money, noYear], scenario: world,
                                           actualsNames: ["money.csv", "teachers.csv"])
        }
        let places = error.errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" }.sorted()
        #expect(places == ["money.csv:2:1", "money.csv:4:3", "teachers.csv:1:0"])
        #expect(error.errors.contains { $0.expected == "a year of the horizon (2024, 2025)" && $0.found == "2023" })
        let without = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluateHorizon(planFile: plan, actualsFiles: [money], scenario: nil)
        }
        #expect(without.errors.map(\.found) == ["a multi-year plan without --scenario"])
    }

    /// A one-year plan is not multi-year: `evaluate` keeps its one-year path, where a `year` column is
    /// read and the rows simply add up (the report is the one without the column).
    @Test func aOneYearPlanKeepsItsEvaluation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: handPlan()).write(to: plan)
        #expect(!Evaluation.isMultiYearPlan(plan))
        let plain = try write("school,category,amount\nS1,k,50\nS2,k,20\n", "plain.csv", in: folder)
        let tagged = try write("year,school,category,amount\n2024,S1,k,50\n2025,S2,k,20\n", "tagged.csv", in: folder)
        let a = try Evaluation.evaluate(planFile: plan, actualsFiles: [plain], actualsNames: ["x.csv"]).report
        let b = try Evaluation.evaluate(planFile: plan, actualsFiles: [tagged], actualsNames: ["x.csv"]).report
        #expect(try a.json() == b.json())
    }
}
