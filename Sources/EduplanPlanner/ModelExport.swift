import EduplanScenario
import LinearProgramming

/// The exact plan model, unscaled, written for other solvers.
public enum ModelExport {
    /// Writes the §5 model as a solve builds it, with money unscaled: the rules' preparation
    /// phases run first (F2's phase 1 gives t*, and the file is phase 2). A rule whose
    /// preparation finds no feasible point is left out (the model is infeasible either way).
    /// - Parameter options: the backend (``PlannerOptions/solver``, which must also be a
    ///   ``ModelFileWriter``) and how it reports; the scenario's solver block sets limits; a
    ///   multi-year scenario's rolling re-plan (``PlannerOptions/replan``) is written as it is solved.
    /// - Returns: the level a preparation phase fixed (F2's t*), nil when none ran.
    /// - Throws: ``UnsupportedCapability`` when the backend cannot write files, or what it throws.
    @discardableResult
    public static func write(_ scenario: Scenario, to path: String, format: ModelFileFormat,
                             options: PlannerOptions = PlannerOptions()) throws -> Double? {
        guard let writer = options.solver as? any ModelFileWriter else {
            throw UnsupportedCapability(capability: "writing LP/MPS files", backend: options.solver.name)
        }
        if let horizon = scenario.horizon, horizon.years.count > 1 {
            var formulation = HorizonFormulation(scenario: scenario, moneyScale: 1, replan: options.replan)
            formulation.renameModel(scenario.name)
            try writer.write(formulation.model, to: path, format: format)
            return nil
        }
        let pipeline = SolvePipeline(scenario: scenario, derived: DerivedQuantities(scenario), options: options)
        var clock = PhaseTimings()
        let rules = try pipeline.prepareRules(&clock).flatMap { $0.failure == nil ? $0.rules : nil }
            ?? FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).filter { $0.preparationPhase == nil }
        var formulation = pipeline.planFormulation(rules, moneyScale: 1)
        formulation.model.name = scenario.name
        try writer.write(formulation.model, to: path, format: format)
        return rules.lazy.compactMap(\.preparedLevel).first
    }
}
