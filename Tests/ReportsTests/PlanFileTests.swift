import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import Testing

/// plan.json is one Codable type (`PlanFile`): written through the fast JSON writer, read by
/// re-planning and evaluation through one reader.
@Suite("Plan file")
struct PlanFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func report(_ folder: String, variant: String? = nil, previous: PreviousPlan? = nil) throws -> PlanReport {
        var scenario = try ScenarioLoader.load(from: root.appendingPathComponent(folder)).scenario
        if let variant { scenario = scenario.applying(try #require(scenario.variant(named: variant))) }
        var options = PlannerOptions()
        options.stability = previous.map { StabilitySettings(previous: $0, for: scenario) }
        return PlanReport(result: try Planner.solve(scenario, options: options), scenario: scenario)
    }

    static func encoderText(_ file: PlanFile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(file), as: UTF8.self)
    }

    /// The bytes `solve --out` writes are `JSONEncoder`'s encoding of the `PlanFile` (its Codable
    /// conformance is the one layout), and reading them back gives the same document and the same
    /// bytes: a plan, an infeasible solve with its diagnosis, a re-plan with its moves, a run
    /// without its plan (`compare`).
    @Test(arguments: [("scenarios/examples/05_teacher_dispatch", nil), ("scenarios/examples/08_infeasible_diagnosis", nil),
                      ("scenarios/examples/09_budget_variants", "budget -50%")])
    func writtenBytesAreTheCodableLayoutAndReadBack(folder: String, variant: String?) throws {
        let base = try Self.report(folder)
        var reports = [base]
        if let variant, let plan = base.result.plan {
            reports.append(try Self.report(folder, variant: variant, previous: PreviousPlan(plan, origin: PlanOrigin())))
            #expect(reports[1].result.moves?.isEmpty == false)
        }
        for report in reports {
            for withPlan in [true, false] {
                let file = report.planFile(withPlan: withPlan)
                let text = try report.json(withPlan: withPlan).rendered()
                #expect(text == (try Self.encoderText(file)))
                #expect(text.contains("\"format_version\" : 1,") && text.contains("\"plan\" : ") == withPlan)
                let decoded = try JSONDecoder().decode(PlanFile.self, from: Data(text.utf8))
                #expect(decoded == file)
                #expect(try JSONValue(encoding: decoded).rendered() == text)
                // The kept metrics and fingerprint are what a fresh computation gives.
                #expect(file == PlanFile(result: report.result, metrics: report.planMetrics,
                                         fingerprint: ScenarioFingerprint(report.scenario), includesPlan: withPlan))
            }
            // Four plan files above, and plan.json's bytes: metrics and fingerprint computed once.
            _ = try report.files()
            #expect(report.planFileParts.computations == 1)
        }
    }

    /// A plan written before `format_version` existed reads as version 1; another version is refused
    /// with its key, whoever reads it.
    @Test func formatVersion() throws {
        let report = try Self.report("scenarios/examples/02_mandatory_first")
        guard case var .object(fields) = try report.json() else { Issue.record("not an object"); return }
        fields["format_version"] = nil
        let old = Data(try JSONValue.object(fields).rendered().utf8)
        for requirement in [PlanFile.Requirement.replanning, .evaluation] {
            let (read, problems) = PlanFile.read(old, file: "old.json", requiring: requirement)
            #expect(problems.isEmpty && read?.formatVersion == 1 && read?.plan == report.result.plan)
        }
        fields["format_version"] = .number(2)
        let newer = Data(try JSONValue.object(fields).rendered().utf8)
        let (read, problems) = PlanFile.read(newer, file: "new.json", requiring: .evaluation)
        #expect(read == nil)
        #expect(problems.map(\.description) == [
            "new.json (format_version): expected plan file format 1, found 2; written by another version of eduplan; solve again with this one",
        ])
    }

    /// Money is read back exactly as written: JSONSerialization (the re-planning reader before
    /// PlanFile) read 1587000.0000007602, an allocation of the demo's plan, as 1587000.0000007604,
    /// so a re-plan saw a move of 2e-10 that never happened.
    @Test func previousPlanMoneyIsReadExactly() throws {
        let json = #"{"plan": {"schools": [{"id": "A", "allocated": {"infrastructure": 1587000.0000007602}}], "dispatch": []}}"#
        let previous = try PreviousPlan(planJSON: Data(json.utf8))
        #expect(previous.money[.init("A", "infrastructure")] == 1587000.0000007602)
    }

    /// Evaluation needs the whole plan: every missing key is named at once with its path (the
    /// decoder stopped at the first), and school ids must be unique there too.
    @Test func evaluationListsEveryMissingKey() throws {
        let json = #"""
        {"scenario": "s", "status": "optimal", "plan": {"schools": [{"id": "A", "allocated": {}}, {"id": "A", "name": "a", "region": "r",
         "level": "primary", "pupils": 1, "teachers_before": 0, "allocated": {}, "need": {}}],
         "funds": [{"id": "f", "flows": [{"category": "k", "amount": 1}]}], "dispatch": [{"group": "g", "school": "A", "count": 1}]}}
        """#
        let (read, problems) = PlanFile.read(Data(json.utf8), file: "p.json", requiring: .evaluation)
        #expect(read == nil)
        #expect(problems.map { $0.field ?? "" } == [
            "plan.schools[0].name", "plan.schools[0].region", "plan.schools[0].level", "plan.schools[0].need",
            "plan.schools[0].pupils", "plan.schools[0].teachers_before", "plan.schools[1].id",
            "plan.funds[0].amount", "plan.funds[0].flows[0].region", "plan.dispatch[0].annual_cost",
        ])
        #expect(problems[6].description == "p.json (plan.schools[1].id): expected a school id not listed before, found \"A\"")
        // Re-planning reads the decisions only: the same file is fine there, but for the repeated id.
        let (_, replanning) = PlanFile.read(Data(json.utf8), file: "p.json", requiring: .replanning)
        #expect(replanning.map { $0.field ?? "" } == ["plan.schools[1].id"])
    }

    /// A solve without a plan cannot be evaluated or re-planned against; the problem says so.
    @Test func aSolveWithoutAPlan() throws {
        let report = try Self.report("scenarios/examples/08_infeasible_diagnosis")
        let data = Data(try report.json().rendered().utf8)
        let (read, problems) = PlanFile.read(data, file: "p.json", requiring: .evaluation)
        #expect(read == nil)
        #expect(problems.map(\.description) == ["p.json (plan): expected a plan (a solve with status optimal or feasible), found no plan (status infeasible)"])
        #expect(throws: ScenarioErrors.self) { try PreviousPlan(planJSON: data) }
    }
}
