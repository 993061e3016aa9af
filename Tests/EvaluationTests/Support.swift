import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A scenario folder of the repository, loaded.
func scenario(_ path: String) throws -> Scenario {
    try ScenarioLoader.load(from: packageRoot.appendingPathComponent(path)).scenario
}

/// The optimised plan of a scenario, as `evaluate` reads it (with the fingerprints `solve` records).
func solvedPlan(_ scenario: Scenario) throws -> PlanFile {
    let result = try Planner.solve(scenario)
    let plan = try #require(result.plan)
    return PlanFile(scenario: result.scenario, variant: result.variant, currency: result.currency,
                    status: result.status, plan: plan, fingerprint: ScenarioFingerprint(scenario))
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-evaluation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@discardableResult
func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// Actuals that are exactly the plan: every allocation disbursed, every dispatch line placed.
func actualsEqualToPlan(_ plan: Plan) -> Actuals {
    var money: [MoneyActual] = []
    for school in plan.schools {
        for (category, amount) in school.allocated.sorted(by: { $0.key < $1.key }) {
            money.append(MoneyActual(school: school.id, category: category, amount: amount))
        }
    }
    let teachers = plan.dispatch.map { TeacherActual(group: $0.group, school: $0.school, count: $0.count) }
    return Actuals(money: money, teachers: teachers, hasMoney: true, hasTeachers: true)
}
