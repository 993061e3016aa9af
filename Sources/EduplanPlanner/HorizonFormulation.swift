import EduplanScenario
import Foundation
import LinearProgramming

/// The multi-year model (docs/model.md, "Multi-year plans") as one model: every year's ordinary
/// ``Formulation`` on the year's scenario (``Scenario/yearScenarios()``), its columns and rows copied
/// with the year in their names and its objective weighted δ^(t−1), then the links between years:
/// carry-over columns w_{f,t} in the budget rows, new dispatches y_{g,s,t} with
/// Y_{g,s,t} − Σ_window y = 0 (a group with one-year contracts keeps Y as its new dispatches, no
/// extra column), and cumulative project money X_{s,k,t} ≥ X_{s,k,t−1} whose increment is what the
/// year's balance row pays. Fairness rules are built per year by the rule files, unaware of years.
///
/// A one-year horizon is the ordinary formulation itself (same model, same names).
public struct HorizonFormulation: Sendable {
    public let scenario: Scenario
    /// The horizon's years (one: the scenario's `year`, or 0, without a horizon).
    public let yearNumbers: [Int]
    /// Every year's formulation on its own model (local column and row indices).
    public let years: [Formulation]
    /// δ^(t−1) by year (1 for every year of an elastic or preparation model).
    public let weights: [Double]
    public let moneyScale: Double
    /// What the model is built for (a plan, the elastic diagnosis).
    public let purpose: FormulationPurpose
    public internal(set) var model: Model
    /// Where year t's columns and rows start in ``model``.
    public private(set) var columnOffset: [Int] = []
    public private(set) var rowOffset: [Int] = []
    /// w_{f,t} by year and fund (nil when c_f = 0, and in the last year: what is left lapses).
    public private(set) var carryOver: [[Variable?]] = []
    /// y_{g,s,t} by year and candidate pair (``model``'s columns): Y itself when L_g = 1.
    public private(set) var newDispatch: [[Variable]] = []
    /// Σ_{k,r} z_{f,k,r,t} + w_{f,t} − w_{f,t−1} ≤ B_{f,t} by year and fund (``model``'s rows).
    public private(set) var budgetRows: [[Constraint]] = []
    /// A rolling re-plan's previous plan and actuals (nil: an ordinary horizon).
    public let replan: HorizonReplan?
    /// T0: the first ``yearsOver`` years are over, their decisions fixed (0 without a re-plan).
    public let yearsOver: Int
    /// The elastic model's slacks on what was done in the years that are over, and on the move cap
    /// (HorizonFormulation+Replan.swift).
    var replanSlacks: [ReplanSlack] = []

    /// Builds every year's formulation and stitches them.
    /// - Parameters:
    ///   - rules: nil: each year's rules from its fairness settings; `[]`: none (price of fairness).
    ///   - moneyScale: nil: the smallest of the years' automatic scales (1 for export).
    ///   - replan: a rolling re-plan: the years that are over fixed at the actuals, the rest held
    ///     near the previous plan (HorizonFormulation+Replan.swift).
    public init(scenario: Scenario, purpose: FormulationPurpose = .plan, withoutRules: Bool = false,
                moneyScale: Double? = nil, replan: HorizonReplan? = nil) {
        self.scenario = scenario
        self.purpose = purpose
        let yearScenarios = scenario.yearScenarios()
        yearNumbers = yearScenarios.map { $0.year ?? 0 }
        let derived = Self.derivedWithSharedCandidates(yearScenarios)
        let scale = moneyScale ?? zip(yearScenarios, derived).map { Formulation.automaticMoneyScale($0, derived: $1) }.min()!
        self.moneyScale = scale
        self.replan = replan
        let yearsOver = replan?.yearsOver ?? 0
        self.yearsOver = yearsOver
        let built = zip(yearScenarios, derived).enumerated().map { t, inputs in
            t < yearsOver ? Self.pastYear(inputs.0, inputs.1, actuals: replan?.actuals[inputs.0.year ?? 0], moneyScale: scale)
                : Formulation(scenario: inputs.0, derived: inputs.1, purpose: purpose, rules: withoutRules ? [] : nil, moneyScale: scale)
        }
        years = built
        let discount = scenario.horizon?.discount ?? 1
        // A year that is over has no objective: its terms would be constants.
        weights = built.indices.map { $0 < yearsOver ? 0 : purpose == .plan ? Foundation.pow(discount, Double($0)) : 1 }
        model = built[0].model
        guard built.count > 1 else {
            columnOffset = [0]
            rowOffset = [0]
            carryOver = [Array(repeating: nil, count: scenario.funds.count)]
            newDispatch = [built[0].y]
            budgetRows = [built[0].budgetRows]
            return
        }
        model = Model(name: built[0].model.name)
        for t in built.indices { appendYear(t) }
        model.objectiveConstant = zip(built, weights).reduce(0) { $0 + $1.0.model.objectiveConstant * $1.1 }
        if let replan { addReplan(replan) }
    }

    /// Every year's derived quantities with the same candidate pairs: those of any year (a pair's
    /// teachers may stay after the shortage that brought them is filled), by group, nearest first,
    /// ties by school id.
    static func derivedWithSharedCandidates(_ scenarios: [Scenario]) -> [DerivedQuantities] {
        let derived = scenarios.map { DerivedQuantities($0) }
        guard derived.count > 1 else { return derived }
        var seen = Set<[Int]>()
        var pairs: [CandidatePair] = []
        for pair in derived.flatMap(\.candidates) where seen.insert([pair.group, pair.school]).inserted { pairs.append(pair) }
        let ids = scenarios[0].schools.map(\.id)
        pairs.sort { a, b in
            if a.group != b.group { return a.group < b.group }
            if a.distanceKm != b.distanceKm { return a.distanceKm < b.distanceKm }
            return ids[a.school].utf8.lexicographicallyPrecedes(ids[b.school].utf8)
        }
        return derived.map { $0.withCandidates(pairs) }
    }

    // MARK: Stitching

    /// Year t's columns (renamed `name@year`, objective × δ^(t−1)), its carry-over and new-dispatch
    /// columns, its rows with the links written into them, and the rows tying it to year t−1.
    private mutating func appendYear(_ t: Int) {
        let year = years[t], local = year.model, suffix = "@\(yearNumbers[t])"
        columnOffset.append(model.variableCount)
        for j in 0..<local.variableCount {
            let column = model.addVariable(lower: local.columnLower[j], upper: local.columnUpper[j], kind: local.columnKind[j],
                                           name: local.displayName(of: Variable(index: j)) + suffix)
            if local.objective[j] != 0 { model.setObjectiveCoefficient(column, local.objective[j] * weights[t]) }
        }
        addCarryOverColumns(t)
        addNewDispatchColumns(t)
        rowOffset.append(model.constraintCount)
        let extra = linkEntries(t)
        var minimumSpendRows: [(columns: [Int], lower: Double, name: String)] = []
        for i in 0..<local.constraintCount {
            let row = Constraint(index: i)
            var columns = local.row(row).map { $0.column + columnOffset[t] }
            var coefficients = local.row(row).map(\.coefficient)
            var lower = local.rowLower[i]
            for entry in extra[i] ?? [] {
                columns.append(entry.column)
                coefficients.append(entry.coefficient)
            }
            // With carry-over the budget row holds w: the minimum spend, on Σ z alone, is its own row.
            if extra[i] != nil, let f = year.budgetRows.firstIndex(of: row), lower > -.infinity {
                minimumSpendRows.append((local.row(row).map { $0.column + columnOffset[t] }, lower,
                                         "min_spend[\(scenario.funds[f].id)]" + suffix))
                lower = -.infinity
            }
            model.addRow(columns: columns, coefficients: coefficients, lower: lower, upper: local.rowUpper[i],
                         name: local.displayName(of: row) + suffix)
        }
        budgetRows.append(year.budgetRows.map { Constraint(index: $0.index + rowOffset[t]) })
        for row in minimumSpendRows {
            model.addRow(columns: row.columns, coefficients: [Double](repeating: 1, count: row.columns.count),
                         lower: row.lower, upper: .infinity, name: row.name)
        }
        addDispatchWindowRows(t)
        addCumulativeProjectRows(t)
    }

    /// w_{f,t} ∈ [0, c_f B_{f,t}] for every fund with c_f > 0, but in the last year.
    private mutating func addCarryOverColumns(_ t: Int) {
        let funds = years[t].scenario.funds
        carryOver.append(funds.indices.map { f in
            guard t < years.count - 1, scenario.funds[f].carryOver > 0 else { return nil }
            return model.addVariable(lower: 0, upper: scenario.funds[f].carryOver * funds[f].amount * moneyScale,
                                     name: "carry[\(funds[f].id)]@\(yearNumbers[t])")
        })
    }

    /// y_{g,s,t} for the pairs of groups with contracts longer than a year (Y becomes continuous);
    /// Y itself otherwise. A teacher sent in year t is at post in every year of the contract, so
    /// y_{g,s,t} is bounded by the least upper bound of Y_{g,s,τ} over those years (0 when the
    /// school has no shortage of the subject in one of them): implied by the rows, and the
    /// horizon's start from its years reads it (HorizonYearsStart.swift).
    private mutating func addNewDispatchColumns(_ t: Int) {
        let year = years[t], groups = scenario.teacherGroups
        newDispatch.append(year.y.enumerated().map { p, present in
            let pair = year.derived.candidates[p]
            let presentColumn = Variable(index: present.index + columnOffset[t])
            guard groups[pair.group].contractYears > 1 else { return presentColumn }
            let kind = model.columnKind[presentColumn.index]
            model.setKind(presentColumn, .continuous)
            let contract = t..<min(years.count, t + groups[pair.group].contractYears)
            let upper = contract.map { years[$0].model.columnUpper[years[$0].y[p].index] }.min()!
            return model.addVariable(lower: 0, upper: upper, kind: kind,
                                     name: "new_y[\(groups[pair.group].id),\(scenario.schools[pair.school].id)]@\(yearNumbers[t])")
        })
    }

    /// Entries added to year t's rows (local row index → model entries): ±w in the budget rows, and
    /// −X_{s,k,t−1} in the balance rows of project categories (year t pays the increment).
    private func linkEntries(_ t: Int) -> [Int: [(column: Int, coefficient: Double)]] {
        var extra: [Int: [(column: Int, coefficient: Double)]] = [:]
        let year = years[t]
        for (f, row) in year.budgetRows.enumerated() {
            var entries: [(column: Int, coefficient: Double)] = []
            if let carried = carryOver[t][f] { entries.append((carried.index, 1)) }
            if t > 0, let previous = carryOver[t - 1][f] { entries.append((previous.index, -1)) }
            if !entries.isEmpty { extra[row.index] = entries }
        }
        guard t > 0 else { return extra }
        let previous = years[t - 1], local = year.model
        addIncrementEntries(t, into: &extra)
        var balanceRows: [String: Int] = [:]
        for i in 0..<local.constraintCount where local.rowNames[i].hasPrefix("balance[") { balanceRows[local.rowNames[i]] = i }
        for (k, category) in scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for (s, school) in scenario.schools.enumerated() {
                guard let earlier = previous.x[k][s],
                      let row = balanceRows["balance[\(category.id),\(scenario.regions[school.region].id)]"] else { continue }
                extra[row, default: []].append((earlier.index + columnOffset[t - 1], -1))
            }
        }
        return extra
    }

    /// In the rows of rules that read the money a school receives (F4, F5), −c·X_{s,k,t−1} beside
    /// every c·X_{s,k,t} of a project category: the rule sees the year's increment.
    private func addIncrementEntries(_ t: Int, into extra: inout [Int: [(column: Int, coefficient: Double)]]) {
        let (year, previous) = (years[t], years[t - 1])
        var earlierOf: [Int: Int] = [:]  // year t's local column of X_{s,k,t} → model column of X_{s,k,t−1}
        for (k, category) in scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for s in scenario.schools.indices {
                if let now = year.x[k][s], let earlier = previous.x[k][s] { earlierOf[now.index] = earlier.index + columnOffset[t - 1] }
            }
        }
        guard !earlierOf.isEmpty else { return }
        for rule in year.rules where rule.readsMoneyReceived {
            for i in year.ruleRowRanges[rule.key] ?? 0..<0 {
                for entry in year.model.row(Constraint(index: i)) {
                    if let earlier = earlierOf[entry.column] { extra[i, default: []].append((earlier, -entry.coefficient)) }
                }
            }
        }
    }

    /// Y_{g,s,t} − Σ_{τ = max(1, t−L_g+1)..t} y_{g,s,τ} = 0 for the pairs of groups with L_g > 1.
    private mutating func addDispatchWindowRows(_ t: Int) {
        let year = years[t]
        for (p, present) in year.y.enumerated() {
            let pair = year.derived.candidates[p]
            let length = scenario.teacherGroups[pair.group].contractYears
            guard length > 1 else { continue }
            let window = max(0, t - length + 1)...t
            model.addRow(columns: [present.index + columnOffset[t]] + window.map { newDispatch[$0][p].index },
                         coefficients: [1] + window.map { _ in -1 }, lower: 0, upper: 0,
                         name: "present[\(scenario.teacherGroups[pair.group].id),\(scenario.schools[pair.school].id)]@\(yearNumbers[t])")
        }
    }

    /// X_{s,k,t} − X_{s,k,t−1} ≥ 0 for project categories: money given is not taken back.
    private mutating func addCumulativeProjectRows(_ t: Int) {
        guard t > 0 else { return }
        let (year, previous) = (years[t], years[t - 1])
        for (k, category) in scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for s in scenario.schools.indices {
                guard let earlier = previous.x[k][s], let now = year.x[k][s] else { continue }
                model.addRow(columns: [now.index + columnOffset[t], earlier.index + columnOffset[t - 1]], coefficients: [1, -1],
                             lower: 0, upper: .infinity,
                             name: "cumulative[\(scenario.schools[s].id),\(category.id)]@\(yearNumbers[t])")
            }
        }
    }

    /// Names the model (the LP file's problem name).
    public mutating func renameModel(_ name: String) { model.name = name }

    /// Rules not built over a horizon of several years yet: those whose preparation phase plans the
    /// scenario on its own (F2's phase 1 maximises one year's coverage level).
    public static func rulesNotBuiltOverYears(_ scenario: Scenario) -> [String] {
        guard (scenario.horizon?.years.count ?? 1) > 1 else { return [] }
        let keys = scenario.yearScenarios().flatMap { year in
            FairnessRegistry.rules(for: year.fairness, purpose: .plan).filter { $0.preparationPhase != nil }.map(\.key)
        }
        return Array(Set(keys)).sorted()
    }

    // MARK: Reading a solution

    /// Year t's part of a solution of ``model``, as a solution of the year's own model: its columns'
    /// values and reduced costs, its rows' activities on the year's model (Σ z for a budget row,
    /// without the carry-over), their duals (of the whole horizon's objective, so discounted), and the
    /// year's undiscounted objective.
    public func yearSolution(_ t: Int, of solution: Solution) -> Solution {
        let local = years[t].model
        let columns = columnOffset[t]..<(columnOffset[t] + local.variableCount)
        let rows = rowOffset[t]..<(rowOffset[t] + local.constraintCount)
        let values = Array(solution.values[columns])
        var year = Solution(status: solution.status, objectiveValue: local.objectiveValue(at: values), values: values,
                            rowActivities: local.rowActivities(at: values), rowDuals: solution.rowDuals.map { Array($0[rows]) },
                            reducedCosts: solution.reducedCosts.map { Array($0[columns]) }, solveSeconds: solution.solveSeconds,
                            degenerateBasis: solution.degenerateBasis)
        for (row, ranging) in solution.ranging where rows.contains(row) { year.ranging[row - rowOffset[t]] = ranging }
        return year
    }
}
