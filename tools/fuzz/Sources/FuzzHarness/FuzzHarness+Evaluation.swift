import EduplanEvaluation
import EduplanPlanner
import EduplanScenario
import Foundation

extension FuzzHarness {
    /// The fixed actuals the plan target evaluates against (one file of each kind).
    static let fixedActuals = ["money.csv", "teachers.csv"]

    /// `solve --previous` and `evaluate` on `bytes` as plan.json: the re-planning reader (then the
    /// stability terms it adds to every model, with the CLI's default penalties) and the evaluation reader
    /// (then the evaluation against the fixed actuals and its JSON, CSV and tables).
    func runPlan(_ bytes: [UInt8]) -> FuzzReport {
        let url = inputFolder.appendingPathComponent("plan.json")
        writeInput(bytes, to: url)
        var files = ["plan.json": bytes]
        for name in Self.fixedActuals { files[name] = Self.fixture(name) }
        let oracle = ProblemOracle(files: files)
        var report = FuzzReport.clean
        do {
            let previous = try PreviousPlan(planJSON: Data(bytes), file: "plan.json")
            let scenario = evaluationScenario!
            let stability = StabilitySettings(previous: previous, for: scenario, maxTeacherMoves: 2)
            report.violations += Self.modelViolations(scenario, stability: stability)
        } catch let errors as ScenarioErrors {
            report.reject(errors.problems, oracle: oracle)
        } catch {
            report.violations.append(FuzzViolation(.wrongErrorType, "re-planning reader threw \(type(of: error)), not ScenarioErrors: \(error)"))
        }
        evaluate(planFile: url, actuals: Self.fixedActuals.map { Self.evaluationFixtures.appendingPathComponent($0) },
                 actualsNames: Self.fixedActuals, oracle: oracle, into: &report)
        return report
    }

    /// `evaluate` on `bytes` as an actuals CSV against the fixed plan: the actuals reader, then the
    /// evaluation and its JSON, CSV and tables.
    func runActuals(_ bytes: [UInt8]) -> FuzzReport {
        let url = inputFolder.appendingPathComponent("actuals.csv")
        writeInput(bytes, to: url)
        let oracle = ProblemOracle(files: ["actuals.csv": bytes, "plan.json": Self.fixture("plan.json")])
        var report = FuzzReport.clean
        evaluate(planFile: Self.evaluationFixtures.appendingPathComponent("plan.json"), actuals: [url],
                 actualsNames: ["actuals.csv"], oracle: oracle, into: &report)
        return report
    }

    /// What `evaluate PLAN --actuals … --scenario …` does after reading its arguments.
    private func evaluate(planFile: URL, actuals: [URL], actualsNames: [String], oracle: ProblemOracle, into report: inout FuzzReport) {
        do {
            let evaluated = try Evaluation.evaluate(planFile: planFile, actualsFiles: actuals, scenario: evaluationScenario,
                                                    threshold: 0.1, planName: "plan.json", actualsNames: actualsNames)
            report.problems += evaluated.warnings
            report.violations += oracle.violations(warnings: evaluated.warnings)
            _ = try evaluated.report.json()
            _ = evaluated.report.csv()
            _ = evaluated.report.tables()
        } catch let errors as EvaluationErrors {
            report.reject(errors.problems, oracle: oracle)
        } catch {
            report.violations.append(FuzzViolation(.wrongErrorType, "evaluation threw \(type(of: error)), not EvaluationErrors: \(error)"))
        }
    }

    /// A file of the evaluation fixtures (they are read at start-up, so a missing one is fatal).
    static func fixture(_ name: String) -> [UInt8] {
        guard let data = try? Data(contentsOf: evaluationFixtures.appendingPathComponent(name)) else {
            fatalError("fuzz harness: missing fixture \(name) in \(evaluationFixtures.path)")
        }
        return [UInt8](data)
    }
}

extension FuzzReport {
    /// Records a rejection: the input was not accepted, its problems, and any broken location promise.
    mutating func reject(_ problems: [ScenarioProblem], oracle: ProblemOracle) {
        accepted = false
        self.problems += problems
        violations += oracle.violations(rejectedWith: problems)
    }
}
