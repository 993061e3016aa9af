import EduplanScenario
import Foundation
import LinearProgramming

/// Among a scenario's optimal plans, the one closest to an anchor plan (`compare`'s base): the
/// second lexicographic phase that makes a variant's "what changed" the variant's effect rather
/// than the solver's choice between alternative optima (docs/model.md, "Comparisons").
///
/// Phase 2 keeps every row of the plan model, adds the objective row c·v + constant ≤ z* (model
/// units, z* the plan's objective), with no slack: the plan's objective stays z* up to the solver's
/// primal tolerance (10⁻⁷ relative in GLPK). For a MIP that stopped at a gap, z* is the incumbent:
/// every plan the row admits is within the gap actually reached of the proven bound (and no other
/// plan is). It minimises Σ|x − x_base| + V·Σ|y − y_base| with re-planning's linearisation
/// (``Formulation/addStability(_:)`` at μ_x = 1, μ_y = V; V = 1 when the scenario sets no value per
/// teacher). For a MIP the integer columns (integer dispatch) are fixed at the optimum's values, so
/// phase 2 is an LP over the money that always has a point (a second branch and bound on
/// jiangxi-2024 found no integer plan within its time share for three of four variants).
struct ClosestPlan {
    /// The slack phase 2 allows on the optimal objective, relative to it: none at first; when GLPK
    /// finds that row infeasible (it sits exactly at the optimum), phase 2 is solved again with 1e-9.
    static let objectiveTolerances = [0.0, 1e-9]

    /// The plan's decisions to stay close to.
    let anchor: PreviousPlan

    /// The weights of the distance: 1 per unit of money, V per teacher.
    func settings(for scenario: Scenario) -> StabilitySettings {
        let teacherValue = scenario.dispatch.valuePerTeacher ?? 0
        return StabilitySettings(previous: anchor, moneyPenalty: 1, teacherPenalty: teacherValue > 0 ? teacherValue : 1)
    }

    /// The phase-2 model: the plan model with its objective turned into a row and the distance to
    /// the anchor as the objective. Its first columns are the plan model's, in the same order.
    func model(_ formulation: Formulation, optimum solution: Solution, tolerance: Double) -> Model {
        var phase2 = formulation
        let objective = phase2.model.objective
        let constant = phase2.model.objectiveConstant
        let optimum = solution.objectiveValue ?? 0
        let upper = optimum + tolerance * max(1, abs(optimum))
        let columns = objective.indices.filter { objective[$0] != 0 }
        phase2.addRow(columns: columns, coefficients: columns.map { objective[$0] }, lower: -.infinity,
                      upper: upper - constant, name: "closest_to_base.objective")
        for j in columns { phase2.model.setObjectiveCoefficient(Variable(index: j), 0) }
        phase2.model.objectiveConstant = 0
        phase2.addStability(settings(for: formulation.scenario))
        for j in 0..<formulation.model.variableCount where phase2.model.columnKind[j] != .continuous {
            // Exactly the optimum's value (not rounded): the optimum itself stays a point of phase 2.
            let fixed = solution.values[j]
            phase2.model.setKind(Variable(index: j), .continuous)
            phase2.model.setBounds(Variable(index: j), lower: fixed, upper: fixed)
        }
        return phase2.model
    }

    /// The plan model's solution with phase 2's decisions: values, row activities and objective
    /// recomputed on the plan model; duals, bound and status kept from the optimum (for an LP every
    /// optimal dual is complementary to every optimal plan, so they hold for the new plan too).
    func splice(_ formulation: Formulation, optimum: Solution, closest: Solution) -> Solution {
        var spliced = optimum
        let model = formulation.model
        spliced.values = Array(closest.values.prefix(model.variableCount))
        spliced.rowActivities = model.rowActivities(at: spliced.values)
        spliced.objectiveValue = model.objectiveValue(at: spliced.values)
        spliced.solveSeconds += closest.solveSeconds
        return spliced
    }

    /// Σ|x − x_base| + V·Σ|y − y_base| at a plan-model solution, in the scenario's money.
    func distance(_ formulation: Formulation, _ solution: Solution) -> Double {
        let weights = settings(for: formulation.scenario)
        return formulation.moves(weights, solution).reduce(0.0) { total, move in
            total + abs(move.after - move.before) * (move.kind == "money" ? 1 : weights.teacherPenalty)
        }
    }
}

extension SolvePipeline {
    /// Phase 2 of a comparison's variant (``PlannerOptions/closestTo``): the optimal plan closest to
    /// the anchor. It runs after a plan with a point; when it finds no point (a limit), the plan
    /// stays phase 1's and the note says so.
    /// - Returns: the solution to read as the plan, and the note its status gains.
    func closestToAnchor(_ formulation: Formulation, _ optimum: Solution, anchor: PreviousPlan,
                         clock: inout PhaseTimings) throws -> (Solution, PlanStatusNote) {
        let closest = ClosestPlan(anchor: anchor)
        options.phase?("closest to base")
        let before = closest.distance(formulation, optimum)
        var parameters = self.parameters()
        // Bounded: at most the plan's own solve time (at least 30 s), within the scenario's limit.
        let share = max(30, optimum.solveSeconds)
        parameters.timeLimit = min(parameters.timeLimit ?? share, share)
        var solution = Solution(status: SolveStatus(termination: .otherError, primal: .noSolution, dual: .noSolution,
                                                    rawCode: 0, message: "not solved"))
        for tolerance in ClosestPlan.objectiveTolerances where !solution.status.hasFeasiblePoint {
            let model = clock.measure("build closest-to-base model") {
                closest.model(formulation, optimum: optimum, tolerance: tolerance)
            }
            let phaseStarted = DispatchTime.now()
            solution = try options.solver.solve(model, parameters: parameters)
            clock.record("load + solve closest to base", seconds: PhaseTimings.seconds(since: phaseStarted),
                         solverSeconds: solution.solveSeconds)
        }
        guard solution.status.hasFeasiblePoint else {
            return (optimum, .notClosestToBase(SolverStop(solution.status), distance: before))
        }
        let spliced = closest.splice(formulation, optimum: optimum, closest: solution)
        let after = closest.distance(formulation, spliced)
        return (spliced, .closestToBase(.init(distance: after, firstOptimumDistance: before,
                                              stoppedAfterSeconds: solution.status.isOptimal ? nil : share,
                                              integersFixed: formulation.model.isMixedInteger)))
    }
}
