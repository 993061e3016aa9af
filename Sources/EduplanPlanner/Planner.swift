import EduplanScenario
import Foundation
import GLPKSolver
import LinearProgramming
import Logging

/// How the planner runs GLPK.
public struct PlannerOptions: Sendable {
    /// Solve again without fairness rules to report the price of fairness.
    public var priceOfFairness = true
    /// Solve the price-of-fairness model on a second thread while the plan solves (GLPK is
    /// single-threaded; this uses the second core). Off: after the plan, on the calling thread.
    public var concurrentPriceOfFairness = true
    /// Run the elastic diagnosis when hard rules make the scenario infeasible.
    public var diagnose = true
    public var verbose = false
    public var logger: Logger?
    /// Called with the phase name ("max–min phase 1", "plan", …) as each starts.
    public var phase: (@Sendable (String) -> Void)?
    /// Branch-and-bound progress (incumbent, bound, gap).
    public var progress: (@Sendable (MIPProgress) -> MIPDecision)?
    /// Re-plan against a previous plan (MODEL.md §10).
    public var stability: StabilitySettings?
    public init() {}
}

/// Turns a scenario into a plan: F2 phase 1 when asked, the plan, shadow prices, the price of
/// fairness, and the elastic diagnosis when infeasible.
public enum Planner {
    /// Solves `scenario` (a variant already applied) on the calling thread.
    public static func solve(_ scenario: Scenario, options: PlannerOptions = PlannerOptions()) throws -> PlanResult {
        let started = Date()
        var clock = PhaseTimings()
        let derived = clock.measure("derive quantities") { DerivedQuantities(scenario) }
        let glpk = glpkOptions(scenario, options)
        var limited = false

        // The price of fairness (MODEL.md §7) needs the same scenario without its rules: an
        // independent solve, started first so that it runs beside the plan.
        var utilitarianBenefit: (() throws -> (Double?, PhaseTimings))?
        if options.priceOfFairness && !scenario.fairness.isEmpty {
            var quiet = glpk
            quiet.progress = nil
            let stability = options.stability
            let concurrent = options.concurrentPriceOfFairness
            let solveUtilitarian: @Sendable () throws -> (Double?, PhaseTimings) = { [quiet] in
                var clock = PhaseTimings()
                let utilitarian = clock.measure("price of fairness: build") {
                    Formulation(scenario: scenario, derived: derived, purpose: .plan, fairness: FairnessSettings(), stability: stability)
                }
                let started = DispatchTime.now()
                let u = try GLPKSolver.solve(utilitarian.model, options: quiet)
                clock.record("price of fairness: load + solve", seconds: PhaseTimings.seconds(since: started),
                             solverSeconds: u.solveSeconds, concurrent: concurrent)
                return (u.status.hasFeasiblePoint ? benefit(utilitarian, u) : nil, clock)
            }
            if options.concurrentPriceOfFairness {
                let pending = Workers.start(name: "eduplan-price-of-fairness", solveUtilitarian)
                utilitarianBenefit = pending.wait
            } else {
                utilitarianBenefit = solveUtilitarian
            }
        }
        // A concurrent solve is always joined before returning, whatever the outcome.
        defer { if options.concurrentPriceOfFairness { _ = try? utilitarianBenefit?() } }

        // F2 phase 1: maximise the smallest coverage (always hard, solved to optimality).
        var level: Double?
        if scenario.fairness.maxminCoverage != nil {
            options.phase?("max–min coverage, phase 1")
            switch try maxminPhase1(scenario, derived: derived, glpk: glpk) {
            case let .level(t, optimal):
                level = t
                limited = limited || !optimal
            case .infeasible:
                return try infeasible(scenario, derived: derived, options: options, glpk: glpk, started: started)
            case .skipped:
                break
            }
        }

        options.phase?("plan")
        let formulation = clock.measure("build plan model") {
            Formulation(scenario: scenario, derived: derived, purpose: .plan, maxminLevel: level, stability: options.stability)
        }
        let model = formulation.model
        clock.modelSize = (model.constraintCount, model.variableCount, model.nonzeroCount,
                           model.columnKind.filter { $0 != .continuous }.count)
        var o = glpk
        o.mipDuals = true
        let solution = try clock.measure("load + solve plan") { try GLPKSolver.solve(formulation.model, options: o) }
        clock.addSolverSeconds(solution.solveSeconds, to: "load + solve plan")
        var result = try clock.measure("read plan") {
            try outcome(formulation, solution, maxminLevel: level, limited: limited, options: options,
                        glpk: glpk, started: started)
        }
        guard result.plan != nil else { result.timings = clock; return result }
        if let stability = options.stability { result.moves = formulation.moves(stability, solution) }

        if let utilitarianBenefit {
            options.phase?("price of fairness (solve without fairness rules)")
            let started = DispatchTime.now()
            let (utilitarian, timings) = try utilitarianBenefit()
            for phase in timings.phases {
                clock.record(phase.name, seconds: phase.seconds, solverSeconds: phase.solverSeconds, concurrent: options.concurrentPriceOfFairness)
            }
            if options.concurrentPriceOfFairness {
                // Waiting for GLPK on the other thread: solver time, not eduplan's.
                let waited = PhaseTimings.seconds(since: started)
                clock.record("wait for price of fairness", seconds: waited, solverSeconds: waited)
            }
            if let util = utilitarian, let fair = result.benefit {
                result.benefitWithoutFairness = util
                result.priceOfFairness = util > 0 ? (util - fair) / util : 0
            }
        }
        result.seconds = Date().timeIntervalSince(started)
        result.timings = clock
        return result
    }

    /// GLPK settings from the scenario's solver block and the planner's options.
    static func glpkOptions(_ scenario: Scenario, _ options: PlannerOptions) -> GLPKOptions {
        var glpk = GLPKOptions()
        glpk.verbose = options.verbose
        if let logger = options.logger {
            glpk.parameters.log = { line in logger.debug("\(line)") }
        }
        glpk.timeLimit = scenario.solver.timeLimitSeconds
        glpk.relativeGap = scenario.solver.mipGap
        glpk.progress = options.progress
        return glpk
    }

    /// The plan model's solution as a result: the diagnosis when infeasible, an empty result when
    /// unbounded or without a point, otherwise the plan with its status sentence and t*.
    /// `limited` says an earlier phase stopped at a limit (the status is then at best feasible).
    static func outcome(_ formulation: Formulation, _ solution: Solution, maxminLevel: Double?, limited: Bool,
                        options: PlannerOptions, glpk: GLPKOptions, started: Date) throws -> PlanResult {
        let scenario = formulation.scenario
        switch solution.status.termination {
        case .infeasible, .infeasibleOrUnbounded where !solution.status.hasFeasiblePoint:
            return try infeasible(scenario, derived: formulation.derived, options: options, glpk: glpk, started: started)
        case .unbounded:
            return empty(scenario, status: .unbounded, detail: solution.status.message, started: started)
        default:
            break
        }
        guard solution.status.hasFeasiblePoint else {
            return empty(scenario, status: .failed, detail: "no feasible plan found: \(solution.status.message)", started: started)
        }
        let limited = limited || !solution.status.isOptimal
        var result = read(formulation, solution)
        result.status = limited ? .feasible : .optimal
        switch solution.status.termination {
        case .optimal where !limited:
            result.statusDetail = "Optimal plan."
        case .gapLimit:
            result.statusDetail = "A plan within the requested MIP gap (\(scenario.solver.mipGap ?? 0)) of the best possible: "
                + "branch and bound stopped there, as the scenario's solver settings ask."
        default:
            result.statusDetail = "A feasible plan; the solver stopped early: \(solution.status.message)."
        }
        result.maxminCoverage = maxminLevel
        if scenario.fairness.isEmpty {
            result.priceOfFairness = 0
            result.benefitWithoutFairness = result.benefit
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// The outcome of F2's phase 1.
    public enum MaxminOutcome: Sendable {
        case level(Double, optimal: Bool)
        case infeasible
        /// No school has non-mandatory need (t* is null).
        case skipped
    }

    /// F2 phase 1: max t s.t. C_s / N_s ≥ t and every other constraint (MIP gap 1e-9).
    public static func maxminPhase1(_ scenario: Scenario, derived: DerivedQuantities? = nil,
                                    glpk: GLPKOptions = GLPKOptions()) throws -> MaxminOutcome {
        let phase1 = Formulation(scenario: scenario, derived: derived, purpose: .maxminPhase1)
        guard let t = phase1.t else { return .skipped }
        var o = glpk
        o.relativeGap = 1e-9
        let solution = try GLPKSolver.solve(phase1.model, options: o)
        if solution.status.hasFeasiblePoint { return .level(solution[t], optimal: solution.status.isOptimal) }
        return .infeasible
    }

    static func empty(_ scenario: Scenario, status: PlanStatus, detail: String, started: Date) -> PlanResult {
        PlanResult(scenario: scenario.name, variant: scenario.variantName, currency: scenario.currency, status: status,
                   statusDetail: detail, objective: nil, objectiveConstant: 0, benefit: nil, maxminCoverage: nil,
                   priceOfFairness: nil, benefitWithoutFairness: nil, relativeGap: nil, fundShadowPrices: [:],
                   ruleShadowPrices: [:], degenerate: false, allocatedByCategory: [:], dispatched: 0, shortageLeft: 0,
                   shortageBefore: 0, plan: nil, diagnosis: nil, softViolations: [:], moves: nil,
                   seconds: Date().timeIntervalSince(started))
    }

    /// U = Σ π ω x + Σ π ω_d V (h − u), in scenario money (h − u is what was dispatched).
    static func benefit(_ f: Formulation, _ solution: Solution) -> Double {
        var total = 0.0
        for (k, category) in f.scenario.categories.enumerated() where !category.isDispatch {
            for s in f.scenario.schools.indices {
                if let v = f.x[k][s] { total += f.derived.priority[s] * category.weight * solution[v] / f.moneyScale }
            }
        }
        for (p, pair) in f.derived.candidates.enumerated() {
            total += f.derived.priority[pair.school] * f.dispatchWeight * f.valuePerTeacher * solution[f.y[p]]
        }
        return total
    }

    /// Reads a solution into a plan with shadow prices.
    static func read(_ f: Formulation, _ solution: Solution) -> PlanResult {
        let scenario = f.scenario, S = f.moneyScale
        let objective = (solution.objectiveValue ?? 0) / S
        var allocated: [String: Double] = [:]
        let dispatchByPair = f.y.map { solution[$0] }
        var dispatchedIn = [Double](repeating: 0, count: scenario.schools.count)
        for (p, pair) in f.derived.candidates.enumerated() { dispatchedIn[pair.school] += dispatchByPair[p] }

        var schools: [SchoolPlan] = []
        schools.reserveCapacity(scenario.schools.count)
        for (s, school) in scenario.schools.enumerated() {
            var byCategory: [String: Double] = [:], need: [String: Double] = [:]
            var received = 0.0, covered = 0.0, coverable = 0.0
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let amount = f.x[k][s].map { solution[$0] / S } ?? 0
                let n = f.derived.need[k][s]
                guard n > 0 else { continue }
                byCategory[category.id] = amount
                need[category.id] = n
                received += amount
                allocated[category.id, default: 0] += amount
                if !category.mandatory { covered += amount; coverable += n }
            }
            let before = school.teachers.reduce(0, +)
            let sent = Int(dispatchedIn[s].rounded())
            let left = Double(f.derived.shortage[s].reduce(0, +)) - dispatchedIn[s]
            let pupils = Double(school.enrollment)
            schools.append(SchoolPlan(
                id: school.id, name: school.name, region: scenario.regions[school.region].id, level: school.level.rawValue,
                pupils: school.enrollment, priority: f.derived.priority[s], allocated: byCategory, need: need,
                received: received, coverage: coverable > 0 ? covered / coverable : nil,
                perPupil: school.enrollment > 0 ? received / pupils : nil,
                teachersBefore: before, teachersDispatched: sent, teachersAfter: before + sent,
                studentTeacherRatioBefore: before > 0 ? pupils / Double(before) : nil,
                studentTeacherRatioAfter: before + sent > 0 ? pupils / Double(before + sent) : nil,
                shortageBefore: f.derived.shortage[s].reduce(0, +), shortageLeft: Int(left.rounded())))
        }
        var dispatchLines: [DispatchLine] = []
        var dispatchMoney = 0.0
        for (p, pair) in f.derived.candidates.enumerated() where dispatchByPair[p] > 1e-9 {
            let group = scenario.teacherGroups[pair.group], school = scenario.schools[pair.school]
            dispatchLines.append(DispatchLine(group: group.id, subject: scenario.subjects[group.subject].id, school: school.id,
                                              region: scenario.regions[school.region].id, count: dispatchByPair[p],
                                              distanceKm: pair.distanceKm, annualCost: group.annualCost))
            dispatchMoney += dispatchByPair[p] * group.annualCost
        }
        if let d = scenario.dispatchCategory { allocated[scenario.categories[d].id] = dispatchMoney }
        var funds: [FundPlan] = scenario.funds.map {
            FundPlan(id: $0.id, amount: $0.amount, minimumSpend: $0.minSpend * $0.amount, spent: 0, flows: [])
        }
        for entry in f.z {
            let amount = solution[entry.variable] / S
            guard amount > 1e-9 else { continue }
            funds[entry.fund].spent += amount
            funds[entry.fund].flows.append(FundFlow(category: scenario.categories[entry.category].id,
                                                    region: scenario.regions[entry.region].id, amount: amount))
        }

        // Shadow prices: funds (active side; × m_f on the minimum-spend side), hard rules.
        var fundPrices: [String: ShadowPrice?] = [:]
        let currency = scenario.currency
        for (fi, fund) in scenario.funds.enumerated() {
            guard solution.rowDuals != nil else { fundPrices[fund.id] = .some(nil); continue }
            let row = f.budgetRows[fi]
            let dual = solution.rowDual(row)
            let activity = solution.rowActivities[row.index]
            let upper = f.model.rowUpper[row.index]
            let atMinimum = fund.minSpend > 0 && abs(activity - upper) > 1e-9 * max(1, upper)
            let value = atMinimum ? dual * fund.minSpend : dual
            fundPrices[fund.id] = ShadowPrice(value: value, sentence: Explain.fund(fund, value: value, atMinimum: atMinimum,
                                                                               currency: currency, through: marginalChannel(f, solution, fund: fi)))
        }
        var rulePrices: [String: ShadowPrice?] = [:]
        var softViolations: [String: Double] = [:]
        for rule in f.rules {
            if rule.mode.isHard, solution.rowDuals != nil || solution.reducedCosts != nil,
               let value = rule.marginalCost(f, solution) {
                rulePrices[rule.key] = ShadowPrice(value: value, sentence: Explain.rule(rule, value: value, currency: currency))
            } else {
                rulePrices[rule.key] = .some(nil)
            }
        }
        for slack in f.slacks {
            let raw = solution[slack.variable]
            let value = slack.unit == .teachers ? raw : raw / S
            if value > 1e-7 { softViolations[slack.rule, default: 0] += value }
        }
        let shortageLeft = schools.reduce(0.0) { $0 + Double($1.shortageLeft) }
        let shortageBefore = f.derived.shortage.reduce(0) { $0 + $1.reduce(0, +) }
        let benefitValue = benefit(f, solution)
        var duals: PlanDuals?
        if solution.rowDuals != nil {
            duals = PlanDuals(budgets: f.budgetRows.map { solution.rowDual($0) },
                              rules: f.globalRuleRows.mapValues { solution.rowDual($0) },
                              supplyPerTeacher: Dictionary(uniqueKeysWithValues: f.supplyRows.map {
                                  (scenario.teacherGroups[$0.key].id, solution.rowDual($0.value) / S)
                              }))
        }
        var gap: Double?
        if let bound = solution.bestBound, solution.status.termination != .optimal {
            gap = abs((solution.objectiveValue ?? 0) - bound) / S / max(1e-9, abs(benefitValue))
        }
        return PlanResult(
            scenario: scenario.name, variant: scenario.variantName, currency: scenario.currency, status: .optimal,
            statusDetail: "", objective: objective, objectiveConstant: f.objectiveConstant, benefit: benefitValue,
            maxminCoverage: nil, priceOfFairness: nil, benefitWithoutFairness: nil, relativeGap: gap,
            fundShadowPrices: fundPrices, ruleShadowPrices: rulePrices, degenerate: solution.degenerateBasis,
            allocatedByCategory: allocated, dispatched: dispatchByPair.reduce(0, +), shortageLeft: shortageLeft,
            shortageBefore: Double(shortageBefore), plan: Plan(schools: schools, funds: funds, dispatch: dispatchLines),
            diagnosis: nil, softViolations: softViolations, moves: nil, seconds: 0, duals: duals)
    }

    /// Where a fund's next unit of money goes: among its flows that are basic (zero reduced
    /// cost, positive), the category carrying the most money — "mostly through infrastructure".
    static func marginalChannel(_ f: Formulation, _ solution: Solution, fund: Int) -> String? {
        guard let reduced = solution.reducedCosts else { return nil }
        var byCategory: [Int: Double] = [:]
        for entry in f.z where entry.fund == fund {
            let value = solution[entry.variable]
            if value > 1e-9, abs(reduced[entry.variable.index]) <= 1e-9 { byCategory[entry.category, default: 0] += value }
        }
        // Money for a mandatory category cannot buy more of it (x is fixed at N): it frees other
        // funds instead. Name a category whose allocation can still grow when there is one.
        let open = byCategory.filter { !f.scenario.categories[$0.key].mandatory }
        let pick = { (table: [Int: Double]) in table.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) }
        if let best = pick(open) { return f.scenario.categories[best.key].id }
        guard let best = pick(byCategory) else { return nil }
        return "freeing other funds from \(f.scenario.categories[best.key].id)"
    }

    /// The elastic diagnosis (MODEL.md §7, §11).
    static func infeasible(_ scenario: Scenario, derived: DerivedQuantities, options: PlannerOptions,
                           glpk: GLPKOptions, started: Date) throws -> PlanResult {
        var result = empty(scenario, status: .infeasible,
                           detail: "no plan satisfies every mandatory need and hard rule", started: started)
        guard options.diagnose else { return result }
        options.phase?("elastic diagnosis")
        let f = Formulation(scenario: scenario, derived: derived, purpose: .elastic)
        let solution = try GLPKSolver.solve(f.model, options: glpk)
        guard solution.status.hasFeasiblePoint else {
            result.statusDetail += "; the elastic diagnosis found no relaxation either (\(solution.status.message))"
            return result
        }
        result.diagnosis = Explain.diagnosis(f, solution)
        return result
    }
}
