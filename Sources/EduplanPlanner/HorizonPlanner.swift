import EduplanScenario
import Foundation
import LinearProgramming

/// One year of a multi-year plan: the year's plan read from the horizon's solution as a one-year
/// plan (its undiscounted objective and U; shadow prices are of the horizon's discounted
/// objective), the money carried into the next year and the teachers newly dispatched.
public struct YearPlanResult: Sendable {
    public var year: Int
    /// The year's one-year scenario (its counts, budgets, teacher counts, projects, rules).
    public var scenario: Scenario
    public var result: PlanResult
    public var carryOver: [CarryOver]
    public var newDispatch: [DispatchLine]
    /// A rolling re-plan's year that is over: its decisions are the actuals.
    public var actual = false

    /// w_{f,t} of one fund: the amount carried, its cap c_f·B_{f,t}, what lapsed, and when the cap
    /// binds the benefit one more unit of cap would buy (the cap's dual; nil: not binding).
    public struct CarryOver: Sendable, Equatable {
        public var fund: String
        public var budget: Double
        public var carriedIn: Double
        public var spent: Double
        public var amount: Double
        public var cap: Double
        public var lapsed: Double
        public var capValue: Double?
        /// The caps c_f·B_{f,t} between which ``capValue`` holds (checked by re-solving,
        /// HorizonCapClaims.swift); nil without a value or without re-solving.
        public var capValueFrom: Double? = nil
        public var capValueTo: Double? = nil
    }
}

/// A multi-year plan: `result` describes the whole horizon (status, discounted objective and U,
/// price of fairness, the elastic diagnosis with each line's year), `years` each year.
public struct HorizonPlanResult: Sendable {
    public var result: PlanResult
    public var years: [YearPlanResult]
    public var horizon: Horizon
    /// A rolling re-plan's previous plan, years over and actuals files (nil otherwise).
    public var replan: ReplanSummary? = nil
}

/// Solves a scenario with a horizon as one model (``HorizonFormulation``), then reads each year.
public enum HorizonPlanner {
    /// Plans every year of `scenario`'s horizon at once.
    /// - Throws: what the solver throws; outcomes are statuses of the result.
    public static func solve(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> HorizonPlanResult {
        let started = Date()
        let horizon = scenario.horizon ?? Horizon(years: [scenario.year ?? 0])
        if horizon.years.count == 1 { return try oneYear(scenario, horizon: horizon, options: options) }
        let unprepared = HorizonFormulation.rulesNotBuiltOverYears(scenario)
        guard unprepared.isEmpty else {
            let result = PlanResult.empty(scenario, status: .failed, notes: [.notBuiltOverYears(rules: unprepared)], started: started)
            return HorizonPlanResult(result: result, years: [], horizon: horizon)
        }
        var clock = PhaseTimings()
        let formulation = clock.measure("build horizon model") { HorizonFormulation(scenario: scenario, replan: options.replan) }
        let model = formulation.model
        clock.modelSize = (model.constraintCount, model.variableCount, model.nonzeroCount,
                           model.columnKind.filter { $0 != .continuous }.count)
        var parameters = SolvePipeline.parameters(scenario, options)
        parameters.mipDuals = true
        parameters.rangingRows = formulation.budgetRows.flatMap { $0 }
        var byYears: HorizonCertifiedPlan?
        if HorizonCertifiedPlan.applies(formulation, parameters) {
            options.phase?("plan by years, certified by a bound")
            byYears = try HorizonCertifiedPlan(formulation, solver: options.solver, parameters: parameters, label: "plan", clock: &clock)
            parameters.log?(byYears?.note ?? "")
            if let byYears, let certified = byYears.certified {
                return try certifiedResult(scenario, formulation, byYears, certified, options: options, clock: clock, started: started)
            }
        }
        let warm = options.startPlanFromOptimumWithoutRules
        // A re-plan's years are not the stitched years' own LPs (past years fixed, stability
        // columns): its no-rule horizon starts from GLPK's own start.
        let fromYears = warm && options.replan == nil
        let start = try HorizonWarmStart(scenario, plan: formulation, options: options, fromYears: fromYears, clock: &clock)
        let hasRules = formulation.years.contains { !$0.scenario.fairness.isEmpty }
        let priceOfFairness = options.priceOfFairness && hasRules ? start.priceOfFairness(scenario, options: options) : nil
        // A concurrent solve is always joined before returning, whatever the outcome.
        defer { if options.concurrentPriceOfFairness { _ = try? priceOfFairness?() } }
        parameters.startingBasis = warm ? start.planBasis(formulation) : nil
        options.phase?("plan")
        let solution = try clock.measure("load + solve horizon") { try solvePlan(model, parameters, options: options, incumbent: byYears?.plan) }
        clock.addSolverSeconds(solution.solveSeconds, to: "load + solve horizon")
        if SolvePipeline.isInfeasible(solution) {
            var result = PlanResult.empty(scenario, status: .infeasible, notes: [.infeasibleInEveryYear], started: started)
            if options.diagnose { result.diagnosis = try diagnose(scenario, options: options) }
            return HorizonPlanResult(result: result, years: [], horizon: horizon)
        }
        guard solution.status.hasFeasiblePoint else {
            let status: PlanStatus = solution.status.termination == .unbounded ? .unbounded : .failed
            let result = PlanResult.empty(scenario, status: status, notes: [.noFeasiblePlan(SolverStop(solution.status))],
                                          started: started)
            return HorizonPlanResult(result: result, years: [], horizon: horizon)
        }
        var years = clock.measure("read years") { formulation.years.indices.map { readYear($0, formulation, solution) } }
        try clock.measure("claims over years") {
            try HorizonFundClaims.correct(&years, formulation, solution, solver: options.solver, parameters: parameters,
                                          resolving: options.resolveClaims)
        }
        var result = summary(scenario, formulation, solution, years: years, started: started)
        if let priceOfFairness {
            try SolvePipeline.join(priceOfFairness, into: &result, clock: &clock, options: options)
        } else if !hasRules || !options.priceOfFairness {
            (result.priceOfFairness, result.benefitWithoutFairness) = (0, result.benefit)
        }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return HorizonPlanResult(result: result, years: years, horizon: horizon)
    }

    /// The horizon's model solved as one year's plan is (``SolvePipeline``): from the starting
    /// basis in `parameters` (the optimum without rules), with integers through branch and bound
    /// whose first incumbent is the dispatch rounding heuristic's plan (DispatchRounding.swift), or
    /// the plan by years when that is better.
    private static func solvePlan(_ model: Model, _ parameters: SolverParameters, options: PlannerOptions,
                                  incumbent: [Double]?) throws -> Solution {
        var parameters = parameters
        parameters.primalHeuristic = HorizonCertifiedPlan.withIncumbent(
            DispatchRounding.heuristic(for: model, label: "plan", log: parameters.log), plan: incumbent, model: model)
        return try options.solver.solve(model, parameters: parameters)
    }

    /// A one-year horizon is today's plan: the ordinary pipeline (preparation phases, claims, price
    /// of fairness, diagnosis) on the scenario, read as the horizon's only year.
    private static func oneYear(_ scenario: Scenario, horizon: Horizon, options: PlannerOptions) throws -> HorizonPlanResult {
        var plain = scenario
        plain.horizon = nil
        let year = plain.yearScenarios()[0]
        let result = try Planner.solve(plain, options: options)
        guard result.plan != nil else { return HorizonPlanResult(result: result, years: [], horizon: horizon) }
        let carryOver = (result.plan?.funds ?? []).map { fund in
            YearPlanResult.CarryOver(fund: fund.id, budget: fund.amount, carriedIn: 0, spent: fund.spent, amount: 0, cap: 0,
                                     lapsed: max(0, fund.amount - fund.spent), capValue: nil)
        }
        var summary = result
        summary.plan = nil
        let yearResult = YearPlanResult(year: horizon.years[0], scenario: year, result: result, carryOver: carryOver,
                                        newDispatch: result.plan?.dispatch ?? [])
        return HorizonPlanResult(result: summary, years: [yearResult], horizon: horizon)
    }

    /// U over the horizon: Σ_t δ^(t−1) U_t.
    static func benefit(_ formulation: HorizonFormulation, _ solution: Solution) -> Double {
        formulation.years.indices.reduce(0.0) { total, t in
            total + formulation.weights[t]
                * PlanReader(formulation: formulation.years[t], solution: formulation.yearSolution(t, of: solution)).benefit()
        }
    }

    /// The horizon's result: the status of the solve, the discounted objective (constant included)
    /// and U, no plan of its own (each year has one).
    static func summary(_ scenario: Scenario, _ formulation: HorizonFormulation, _ solution: Solution,
                                years: [YearPlanResult], started: Date) -> PlanResult {
        let found: PlanStatusNote = solution.status.isOptimal ? .optimal : .stoppedEarly(SolverStop(solution.status))
        var result = PlanResult.empty(scenario, status: solution.status.isOptimal ? .optimal : .feasible,
                                      notes: [found] + [SolvePipeline.incumbentNote(solution)].compactMap { $0 }, started: started)
        result.objective = (solution.objectiveValue ?? 0) / formulation.moneyScale
        result.objectiveConstant = formulation.model.objectiveConstant / formulation.moneyScale
        result.benefit = zip(years, formulation.weights).reduce(0.0) { $0 + ($1.0.result.benefit ?? 0) * $1.1 }
        result.dispatched = years.reduce(0.0) { $0 + $1.newDispatch.reduce(0.0) { $0 + $1.count } }
        result.degenerate = solution.degenerateBasis
        if !solution.status.isOptimal, let bound = solution.bestBound, let objective = solution.objectiveValue {
            result.relativeGap = solution.relativeGap
                ?? abs(objective - bound) / max(1e-300, abs(objective - formulation.model.objectiveConstant))
        }
        return result
    }

    /// Year t read as a one-year plan, with its carry-over and new dispatches.
    static func readYear(_ t: Int, _ formulation: HorizonFormulation, _ solution: Solution) -> YearPlanResult {
        let year = formulation.years[t], scale = formulation.moneyScale
        var result = PlanReader(formulation: year, solution: formulation.yearSolution(t, of: solution)).read()
        result.status = solution.status.isOptimal ? .optimal : .feasible
        wholeTeachersAtPost(&result, year.scenario)
        Explain.renderClaims(&result, year.scenario)
        let funds = result.plan?.funds ?? []
        let carryOver: [YearPlanResult.CarryOver] = year.scenario.funds.enumerated().map { f, fund in
            let carried = formulation.carryOver[t][f].map { solution[$0] / scale } ?? 0
            let carriedIn = t > 0 ? formulation.carryOver[t - 1][f].map { solution[$0] / scale } ?? 0 : 0
            let cap = t < formulation.years.count - 1 ? formulation.scenario.funds[f].carryOver * fund.amount : 0
            let spent = funds.first { $0.id == fund.id }?.spent ?? 0
            var capValue: Double?
            if let w = formulation.carryOver[t][f], let reduced = solution.reducedCosts?[w.index], cap > 0,
               carried >= cap * (1 - 1e-9), reduced < -1e-12 {
                capValue = -reduced
            }
            return .init(fund: fund.id, budget: fund.amount, carriedIn: carriedIn, spent: spent, amount: carried, cap: cap,
                         lapsed: max(0, fund.amount + carriedIn - spent - carried), capValue: capValue)
        }
        let newDispatch: [DispatchLine] = year.derived.candidates.enumerated().compactMap { p, pair in
            let count = solution[formulation.newDispatch[t][p]]
            guard count > 1e-9 else { return nil }
            let group = year.scenario.teacherGroups[pair.group], school = year.scenario.schools[pair.school]
            return DispatchLine(group: group.id, subject: year.scenario.subjects[group.subject].id, school: school.id,
                                region: year.scenario.regions[school.region].id, count: count, distanceKm: pair.distanceKm,
                                annualCost: group.annualCost * count)
        }
        var read = YearPlanResult(year: formulation.yearNumbers[t], scenario: year.scenario, result: result,
                                  carryOver: carryOver, newDispatch: newDispatch)
        if formulation.replan != nil { readReplanYear(&read, t, formulation, solution) }
        return read
    }

    /// The elastic diagnosis of the horizon model, its slack as late as the least total allows
    /// (``HorizonDiagnosisPlacement``): each year's slacks read by the one-year diagnosis, every
    /// line's constraint prefixed with its year.
    private static func diagnose(_ scenario: Scenario, options: PlannerOptions) throws -> [DiagnosisItem] {
        options.phase?("elastic diagnosis")
        let elastic = HorizonFormulation(scenario: scenario, purpose: .elastic, replan: options.replan)
        let solution = try HorizonDiagnosisPlacement.solve(elastic, solver: options.solver, parameters: SolvePipeline.parameters(scenario, options))
        guard solution.status.hasFeasiblePoint else { return [] }
        return elastic.years.indices.flatMap { t in
            Explain.diagnosis(elastic.years[t], elastic.yearSolution(t, of: solution)).map { item in
                var item = item
                item.constraint = "\(elastic.yearNumbers[t]): \(item.constraint)"
                item.explanation = "\(elastic.yearNumbers[t]): \(item.explanation)"
                return item
            }
        } + elastic.replanDiagnosis(solution)
    }
}

extension PlanFigures {
    /// A multi-year plan's figures for `compare`: the budgets of every year, the unmet need of every
    /// year summed (undiscounted money); the coverage figures of one plan are left out.
    public init(horizon: HorizonPlanResult, scenario: Scenario) {
        let years = horizon.years.map { PlanFigures(result: $0.result, scenario: $0.scenario) }
        self.init(result: horizon.result, scenario: scenario)
        totalFunds = horizon.years.reduce(0.0) { $0 + $1.scenario.funds.reduce(0.0) { $0 + $1.amount } }
        unmetMoney = years.isEmpty ? nil : years.reduce(0.0) { $0 + ($1.unmetMoney ?? 0) }
    }
}
