import LinearProgramming

/// Where the elastic diagnosis of a multi-year plan places a shortfall (docs/model.md §23, "The
/// elastic diagnosis over years"). With carry-over the least total relaxation is rarely unique in
/// its years: money not carried out of 2024 covers a 2024 slack exactly as well as it would have
/// covered 2026's. So the diagnosis is solved in two steps: the least total relaxation E* (the
/// elastic optimum, as for one year), then, among relaxations of total E*, the one whose slack
/// sits in the latest years — Σ_t (T − t) · (year t's slack cost) minimised. Every year is
/// funded as long as the money lasts, and the shortfall is named in the year it runs out; the
/// total is E* exactly (the second step only holds it).
enum HorizonDiagnosisPlacement {
    /// The elastic model's solution with the slack as late as the least total allows (the first
    /// step's solution when the second finds no optimum).
    static func solve(_ elastic: HorizonFormulation, solver: any LinearSolver, parameters: SolverParameters) throws -> Solution {
        let first = try solver.solve(elastic.model, parameters: parameters)
        guard elastic.years.count > 1, first.status.hasFeasiblePoint, let least = first.objectiveValue else { return first }
        let latest = try solver.solve(latestPlacement(elastic, least: least), parameters: parameters)
        return latest.status.hasFeasiblePoint ? latest : first
    }

    /// The elastic model holding its objective at `least` (a relative 1e-9 of room for the solver's
    /// rounding), its objective now the year-weighted slack.
    static func latestPlacement(_ elastic: HorizonFormulation, least: Double) -> Model {
        var model = elastic.model
        let costs = model.objective
        let priced = costs.indices.filter { costs[$0] != 0 }
        let room = 1e-9 * max(1, abs(least))
        model.addRow(columns: priced, coefficients: priced.map { costs[$0] }, lower: -.infinity,
                     upper: least - model.objectiveConstant + room, name: "elastic_total")
        let last = elastic.years.count - 1
        for j in priced { model.setObjectiveCoefficient(Variable(index: j), 0) }
        for t in elastic.years.indices {
            let columns = elastic.columnOffset[t]..<(elastic.columnOffset[t] + elastic.years[t].model.variableCount)
            for j in columns where costs[j] != 0 { model.setObjectiveCoefficient(Variable(index: j), costs[j] * Double(last - t)) }
        }
        model.objectiveConstant = 0
        return model
    }
}
