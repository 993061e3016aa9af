import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// A small plan written by hand (as plan.json), with actuals whose every figure is derived below.
///
/// Regions r1 (schools S1, S2) and r2 (S3). Money category `k` (and `m`, planned 0 everywhere), and
/// `dispatch`. Plan: S1 k 25, S2 k 15, S3 k 20; G1 sends 2 teachers (100 a year each) to S3.
/// Flows: F1 k r1 30, k r2 20, dispatch r2 200; F2 k r1 10.
/// Actuals: S1 k 10 and m 5, S2 k 10, S3 k 20; G1 placed 1 teacher at S3.
///
/// By hand:
/// - k in r1: actual 20 of the flows' 40; F1 gets 20·30/40 = 15, F2 20·10/40 = 5. k in r2: F1 gets 20.
///   dispatch in r2: 1 × 100 = 100, all to F1. F1: 135 of 250 = 54%; F2: 5 of 10 = 50%.
/// - m in r1: 5 with no planned flow: unattributed, in no fund.
/// - Category k: 40 of 60 (2/3); m: 5 of 0 (no rate); dispatch: 100 of 200, teachers 1 of 2.
/// - Regions: r1 money 25 of 40 (62.5%); r2 20 of 20 (100%), teachers 1 of 2.
/// - Short at 10%: S1 money (15 of 25: 40% short), S2 money (10 of 15: 33.3%), S3 teachers (50%).
func handPlan() -> [String: Any] { [
    "scenario": "hand", "variant": NSNull(), "currency": "CNY", "status": "optimal",
    "plan": [
        "schools": [
            school("S1", "r1", pupils: 10, allocated: ["k": 25, "m": 0], teachersDispatched: 0),
            school("S2", "r1", pupils: 20, allocated: ["k": 15, "m": 0], teachersDispatched: 0),
            school("S3", "r2", pupils: 30, allocated: ["k": 20, "m": 0], teachersDispatched: 2),
        ],
        "funds": [
            ["id": "F1", "amount": 300, "minimum_spend": 0, "spent": 250,
             "flows": [["category": "k", "region": "r1", "amount": 30], ["category": "k", "region": "r2", "amount": 20],
                       ["category": "dispatch", "region": "r2", "amount": 200]]],
            ["id": "F2", "amount": 10, "minimum_spend": 0, "spent": 10, "flows": [["category": "k", "region": "r1", "amount": 10]]],
        ],
        "dispatch": [["group": "G1", "subject": "math", "school": "S3", "region": "r2", "count": 2, "distance_km": 5, "annual_cost": 100]],
    ] as [String: Any],
] }

func school(_ id: String, _ region: String, pupils: Int, allocated: [String: Double], teachersDispatched: Int) -> [String: Any] {
    let received = allocated.values.reduce(0, +)
    return ["id": id, "name": "School \(id)", "region": region, "level": "primary", "pupils": pupils, "priority": 1,
            "allocated": allocated, "need": allocated, "received": received, "coverage": 1, "per_pupil": received / Double(pupils),
            "teachers_before": 3, "teachers_dispatched": teachersDispatched, "teachers_after": 3 + teachersDispatched,
            "student_teacher_ratio_before": 1, "student_teacher_ratio_after": 1, "shortage_before": 2, "shortage_left": 0]
}

@Suite struct HandExampleTests {
    func files(money: String = "school,category,amount\nS1,k,10\nS1,m,5\nS2,k,10\nS3,k,20\n",
               teachers: String? = "group,school,count\nG1,S3,1\n") throws -> (folder: URL, plan: URL, actuals: [URL]) {
        let folder = try temporaryFolder()
        let plan = folder.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: handPlan()).write(to: plan)
        var actuals = [try write(money, "money.csv", in: folder)]
        if let teachers { actuals.append(try write(teachers, "teachers.csv", in: folder)) }
        return (folder, plan, actuals)
    }

    func evaluate(threshold: Double = 0.1) throws -> EvaluationReport {
        let (folder, plan, actuals) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Evaluation.evaluate(planFile: plan, actualsFiles: actuals, threshold: threshold).report
    }

    @Test func fundsArePaidProRataToThePlansFlows() throws {
        let report = try evaluate()
        let f1 = try #require(report.byFund.first { $0.fund == "F1" }), f2 = try #require(report.byFund.first { $0.fund == "F2" })
        #expect(f1.execution == Execution(planned: 250, actual: 135))
        #expect(f1.execution.rate == 0.54)
        #expect(f2.execution == Execution(planned: 10, actual: 5))
        #expect(f1.budgetUsed == 0.45)
        #expect(report.unattributed == [UnattributedMoney(category: "m", region: "r1", amount: 5)])
    }

    @Test func categoriesRegionsAndTotals() throws {
        let report = try evaluate()
        #expect(report.categories == ["k", "m"])
        #expect(report.byCategory.map(\.id) == ["k", "m", "dispatch"])
        #expect(report.byCategory[0].money == Execution(planned: 60, actual: 40))
        #expect(report.byCategory[1].money?.rate == nil)
        #expect(report.byCategory[2].money == Execution(planned: 200, actual: 100))
        #expect(report.byCategory[2].teachers == Execution(planned: 2, actual: 1))
        #expect(report.byRegion.map(\.id) == ["r1", "r2"])
        #expect(report.byRegion[0].money?.rate == 0.625)
        #expect(report.byRegion[1].money?.rate == 1 && report.byRegion[1].teachers?.rate == 0.5)
        #expect(report.totalMoney == Execution(planned: 60, actual: 45))
        #expect(report.totalTeachers == Execution(planned: 2, actual: 1))
    }

    @Test func shortSchools() throws {
        let report = try evaluate()
        #expect(report.shortSchools.map { "\($0.school):\($0.kind.rawValue)" } == ["S1:money", "S2:money", "S3:teachers"])
        #expect(report.shortSchools[0].shortfallShare == 0.4)
        // At 40% S1 (exactly 40% short) is not short: "more than" the threshold.
        #expect(try evaluate(threshold: 0.4).shortSchools.map(\.school) == ["S3"])
        #expect(try evaluate(threshold: 0.34).shortSchools.map(\.school) == ["S1", "S3"])
        #expect(try evaluate(threshold: 1).shortSchools.isEmpty)
    }

    /// Without a teachers file the dispatch flows are not evaluated: F1's execution counts its money
    /// flows only (15 + 20 of 50), and the report says so.
    @Test func withoutTeacherActualsDispatchIsNotEvaluated() throws {
        let (folder, plan, actuals) = try files(teachers: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Evaluation.evaluate(planFile: plan, actualsFiles: actuals).report
        #expect(report.byFund.first { $0.fund == "F1" }?.execution == Execution(planned: 50, actual: 35))
        #expect(report.totalTeachers == nil && !report.teachersEvaluated)
        #expect(report.shortSchools.allSatisfy { $0.kind == .money })
        #expect(report.notes.contains { $0.contains("No teacher actuals") })
        // And without a scenario: no poor-coverage indicator, said in a note.
        #expect(report.poorFullyCovered == nil && report.notes.contains { $0.contains("Without --scenario") })
    }

    /// Rows for the same school and category add up; a school without rows received nothing.
    @Test func rowsAddUpAndMissingRowsAreZero() throws {
        let (folder, plan, actuals) = try files(money: "school,category,amount,note\nS1,k,5,first\nS1,k,5,second\nS3,k,20,\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (report, warnings) = try Evaluation.evaluate(planFile: plan, actualsFiles: actuals)
        #expect(report.schools.first { $0.school == "S1" }?.money?.actual == 10)
        #expect(report.schools.first { $0.school == "S2" }?.money?.actual == 0)
        #expect(warnings.count == 1 && warnings[0].field == "note")
    }

    @Test func badActualsAreReportedWithLineAndColumn() throws {
        let (folder, plan, _) = try files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let money = try write("school,category,amount\nS1,k,10\nS9,k,1\nS1,kk,1\nS2,k,-3\nS2,dispatch,100\nS2,k\n", "bad.csv", in: folder)
        let teachers = try write("group,school,count\nG9,S1,1\nG1,S1,x\n", "bad-teachers.csv", in: folder)
        let neither = try write("school,what,amount\nS1,k,1\n", "neither.csv", in: folder)
        let error = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluate(planFile: plan, actualsFiles: [money, teachers, neither])
        }
        let found = error.errors.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" }
        // The syntax of every file first (amount −3, a short row, count x, a header of neither kind) …
        #expect(found.contains("\(money.relativePath):5:3"))
        #expect(found.contains("\(money.relativePath):7:3"))
        #expect(found.contains("\(teachers.relativePath):3:3"))
        #expect(found.contains("\(neither.relativePath):1:0"))
        #expect(!found.contains("\(money.relativePath):3:1"))  // references are checked once the syntax is right

        let references = try write("school,category,amount\nS9,k,1\nS1,kk,1\nS2,dispatch,100\n", "refs.csv", in: folder)
        let unknownGroup = try write("group,school,count\nG9,S1,1\n", "g.csv", in: folder)
        let second = try #require(throws: EvaluationErrors.self) {
            try Evaluation.evaluate(planFile: plan, actualsFiles: [references, unknownGroup])
        }
        #expect(second.errors.map { "\($0.line ?? 0):\($0.column ?? 0):\($0.field ?? "")" } == ["2:1:school", "3:2:category", "4:2:category", "2:1:group"])
        #expect(second.errors[2].description.contains("group,school,count"))
    }

    @Test func badPlanFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let actuals = try write("school,category,amount\nS1,k,1\n", "a.csv", in: folder)
        let infeasible = try write(#"{"scenario": "x", "status": "infeasible", "plan": null}"#, "infeasible.json", in: folder)
        let broken = try write("{not json", "broken.json", in: folder)
        for (plan, words) in [(infeasible, "no plan (status infeasible)"), (broken, "not JSON"),
                              (folder.appendingPathComponent("missing.json"), "no readable file")] {
            let error = try #require(throws: EvaluationErrors.self) { try Evaluation.evaluate(planFile: plan, actualsFiles: [actuals]) }
            #expect(error.description.contains(words))
        }
    }

    /// The JSON keys are a contract: present even when null.
    @Test func jsonKeys() throws {
        let text = try evaluate().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["scenario", "variant", "currency", "threshold", "evaluated", "categories", "execution",
                                     "short_schools", "coverage", "metrics", "poor_fully_covered",
                                     "poor_fully_covered_all_poor_categories", "schools", "notes"])
        let execution = try #require(object["execution"] as? [String: Any])
        #expect(Set(execution.keys) == ["money", "teachers", "by_fund", "by_category", "by_region", "unattributed"])
        let metrics = try #require((object["metrics"] as? [String: Any])?["planned"] as? [String: Any])
        #expect(Set(metrics.keys) == Set(Evaluation.metricKeys))
        #expect(metrics["fiscal_neutrality_correlation"] is NSNull)
    }
}
