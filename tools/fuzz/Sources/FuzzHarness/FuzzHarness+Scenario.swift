import EduplanPlanner
import EduplanScenario
import Foundation
import LinearProgramming

extension FuzzHarness {
    /// `validate` and the start of `solve`: loads the scenario folder with `changed` written over the base
    /// files; when it loads, prints its summary and builds every model `solve`, `compare` and `export`
    /// would hand GLPK, for the base and each variant.
    func runScenario(_ changed: [String: [UInt8]]) -> FuzzReport {
        var files = baseFiles
        files.merge(changed) { _, new in new }
        for (name, bytes) in files where changed[name] != nil || target == .scenarioTables {
            writeInput(bytes, to: scenarioFolder.appendingPathComponent(name))
        }
        let oracle = ProblemOracle(files: files)
        do {
            let loaded = try ScenarioLoader.load(from: scenarioFolder)
            _ = ScenarioSummary(loaded.scenario).description
            var violations = oracle.violations(warnings: loaded.warnings)
            for scenario in [loaded.scenario] + loaded.scenario.variants.map(loaded.scenario.applying) {
                violations += Self.modelViolations(scenario)
            }
            return FuzzReport(accepted: true, problems: loaded.warnings, violations: violations)
        } catch let errors as ScenarioErrors {
            return FuzzReport(accepted: false, problems: errors.problems, violations: oracle.violations(rejectedWith: errors.problems))
        } catch {
            let violation = FuzzViolation(.wrongErrorType, "threw \(type(of: error)), not ScenarioErrors: \(error)")
            return FuzzReport(accepted: false, problems: [], violations: [violation])
        }
    }

    /// Builds the models GLPK would get for `scenario` (no solve) and lists what GLPK would refuse in them:
    /// whatever `validate` accepts, `solve` must accept too.
    ///
    /// The models: the plan, the plan unscaled as `export` writes it, the plan without fairness rules
    /// (price of fairness), F2's phase 1 (its preparation phase: F2's rows with t free) and the elastic
    /// diagnosis. F2's phase-2 rows need a t* that only solving phase 1 gives; their shape is phase 1's.
    static func modelViolations(_ scenario: Scenario, stability: StabilitySettings? = nil) -> [FuzzViolation] {
        let derived = DerivedQuantities(scenario)
        var models: [(String, Formulation)] = [
            ("plan", Formulation(scenario: scenario, derived: derived, purpose: .plan, stability: stability)),
            ("export", Formulation(scenario: scenario, derived: derived, purpose: .plan, moneyScale: 1)),
            ("price of fairness", Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: [], stability: stability)),
            ("elastic diagnosis", Formulation(scenario: scenario, derived: derived, purpose: .elastic)),
        ]
        if FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).contains(where: { $0.preparationPhase != nil }) {
            models.append(("max-min phase 1", Formulation(scenario: scenario, derived: derived, purpose: .preparation)))
        }
        let name = scenario.variantName.map { "variant `\($0)`" } ?? "the base scenario"
        return models.flatMap { model, formulation in
            formulation.model.validate(limit: 3).map { FuzzViolation(.modelRefused, "\(name), \(model) model: \($0)") }
        }
    }
}
