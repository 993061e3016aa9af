import EduplanScenario
import Foundation
import LinearProgramming

/// Where each year sits in a stitched horizon model: the year's own columns and rows (its
/// formulation copied), then the links appended after them (carry-over and new-dispatch columns;
/// minimum-spend, `present` and `cumulative` rows).
extension HorizonFormulation {
    /// Year t's own columns in ``model``.
    func yearColumns(_ t: Int) -> Range<Int> { columnOffset[t]..<(columnOffset[t] + years[t].model.variableCount) }
    /// Year t's own rows in ``model``.
    func yearRows(_ t: Int) -> Range<Int> { rowOffset[t]..<(rowOffset[t] + years[t].model.constraintCount) }
    /// The link columns appended after year t's own.
    func linkColumns(_ t: Int) -> Range<Int> {
        yearColumns(t).upperBound..<(t + 1 < years.count ? columnOffset[t + 1] : model.variableCount)
    }
    /// The link rows appended after year t's own.
    func linkRows(_ t: Int) -> Range<Int> {
        yearRows(t).upperBound..<(t + 1 < years.count ? rowOffset[t + 1] : model.constraintCount)
    }

    /// A starting basis for this plan from the optimal basis of the same horizon without rules:
    /// each year's block by ``Formulation/startingBasis(from:_:)`` (its core as it ended there,
    /// its rules' rows basic), the links as they ended. Nil when a year gives none.
    func startingBasis(from noRules: HorizonFormulation, _ solution: Solution) -> Basis? {
        guard years.count > 1, let optimum = solution.basis, noRules.years.count == years.count,
              optimum.rows.count == noRules.model.constraintCount, optimum.columns.count == noRules.model.variableCount
        else { return nil }
        var basis = Basis(rows: [], columns: [])
        for t in years.indices {
            var year = noRules.yearSolution(t, of: solution)
            year.basis = Basis(rows: Array(optimum.rows[noRules.yearRows(t)]), columns: Array(optimum.columns[noRules.yearColumns(t)]))
            guard let block = years[t].startingBasis(from: noRules.years[t], year),
                  linkRows(t).count == noRules.linkRows(t).count, linkColumns(t).count == noRules.linkColumns(t).count
            else { return nil }
            basis.rows += block.rows + optimum.rows[noRules.linkRows(t)]
            basis.columns += block.columns + optimum.columns[noRules.linkColumns(t)]
        }
        return basis.basicCount == model.constraintCount ? basis : nil
    }
}

/// The start of a multi-year plan, as one year's plan starts (``SolvePipeline``): the horizon
/// without rules, whose LP relaxation starts from its years solved one after another
/// (``HorizonYearsStart``); the plan starts from its basis, and it is the price of fairness's model.
struct HorizonWarmStart {
    let noRules: HorizonFormulation
    /// The optimal LP relaxation of ``noRules`` (nil: it has none; the plan then starts cold).
    let relaxation: Solution?

    /// Builds the horizon without rules and solves its LP relaxation: by the primal simplex from
    /// the years' point when `fromYears`, else from GLPK's own start.
    init(_ scenario: Scenario, plan: HorizonFormulation, options: PlannerOptions, fromYears: Bool,
         clock: inout PhaseTimings) throws {
        options.phase?("plan without fairness rules (start of the plan, price of fairness)")
        let noRules = clock.measure("horizon without rules: build") {
            HorizonFormulation(scenario: scenario, withoutRules: true, moneyScale: plan.moneyScale, replan: options.replan)
        }
        self.noRules = noRules
        var quiet = SolvePipeline.parameters(scenario, options)
        quiet.progress = nil
        if fromYears {
            let yearsStarted = DispatchTime.now()
            let years = try HorizonYearsStart(noRules, solver: options.solver, parameters: quiet)
            clock.record("years without rules: LP relaxations, one after another", seconds: PhaseTimings.seconds(since: yearsStarted),
                         solverSeconds: years.solverSeconds)
            quiet.log?("years without rules: \(years.iterations) simplex iterations in all"
                + (years.basis == nil ? "; no starting basis (a year without an optimum)" : ""))
            quiet.startingBasis = years.basis
            quiet.startingBasisIsPrimalFeasible = true
        }
        let solveStarted = DispatchTime.now()
        let relaxation = try options.solver.solve(noRules.model.relaxingIntegers(), parameters: quiet)
        clock.record("horizon without rules: LP relaxation", seconds: PhaseTimings.seconds(since: solveStarted),
                     solverSeconds: relaxation.solveSeconds)
        let from = quiet.startingBasis == nil ? "GLPK's own start" : "the years' bases"
        quiet.log?("horizon without rules: LP relaxation in \(relaxation.simplexIterations) simplex iterations from \(from)")
        self.relaxation = relaxation.status.isOptimal ? relaxation : nil
    }

    /// The plan's starting basis (nil: none to start from).
    func planBasis(_ plan: HorizonFormulation) -> Basis? {
        relaxation.flatMap { plan.startingBasis(from: noRules, $0) }
    }

    /// U without rules over the horizon: the relaxation's when it is integral (it is then the
    /// integer optimum), else the MIP solved from the relaxation's basis, with the dispatch
    /// rounding heuristic (on a second thread when concurrent). Nil: it has no optimal relaxation.
    func priceOfFairness(_ scenario: Scenario, options: PlannerOptions) -> SolvePipeline.PriceOfFairness? {
        guard let relaxation else { return nil }
        let model = noRules.model
        let integers = model.columnKind.indices.filter { model.columnKind[$0] != .continuous }
        if integers.allSatisfy({ abs(relaxation.values[$0] - relaxation.values[$0].rounded()) <= 1e-9 }) {
            var integral = relaxation
            for j in integers { integral.values[j].round() }
            let benefit = HorizonPlanner.benefit(noRules, integral)
            return { (benefit, PhaseTimings()) }
        }
        var quiet = SolvePipeline.parameters(scenario, options)
        (quiet.progress, quiet.startingBasis) = (nil, relaxation.basis)
        let (noRules, solver, concurrent) = (noRules, options.solver, options.concurrentPriceOfFairness)
        return SolvePipeline.beside(concurrent: concurrent) { [quiet] in
            var clock = PhaseTimings()
            let solution = try SolvePipeline.solveWithoutRules(model, quiet, solver: solver, concurrent: concurrent, clock: &clock)
            return (solution.status.hasFeasiblePoint ? HorizonPlanner.benefit(noRules, solution) : nil, clock)
        }
    }
}
