import EduplanScenario
import GLPKSolver
import LinearProgramming

/// The exact plan model, unscaled, written for other solvers.
public enum ModelExport {
    /// Writes the §5 model (phase 2 when F2 is on; phase 1 is solved first). Returns t* when F2 ran.
    @discardableResult
    public static func write(_ scenario: Scenario, to path: String, format: ModelFileFormat) throws -> Double? {
        let derived = DerivedQuantities(scenario)
        var level: Double?
        if scenario.fairness.maxminCoverage != nil,
           case let .level(t, _) = try Planner.maxminPhase1(scenario, derived: derived) {
            level = t
        }
        var formulation = Formulation(scenario: scenario, derived: derived, purpose: .plan, maxminLevel: level, moneyScale: 1)
        formulation.model.name = scenario.name
        try GLPKSolver.write(formulation.model, to: path, format: format)
        return level
    }
}
