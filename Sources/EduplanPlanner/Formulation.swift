import EduplanScenario
import Foundation
import LinearProgramming

/// What a formulation is built for.
public enum FormulationPurpose: Sendable, Equatable {
    /// The plan of MODEL.md §5 (with F2's phase 2 when its preparation gave t*).
    case plan
    /// A rule's preparation phase (F2's phase 1): the preparing rule sets the objective and its
    /// sense; hard rules stay hard and other soft rules' slacks cost nothing.
    case preparation
    /// The elastic diagnosis of §7/§11: slack on every mandatory and hard rule row, minimise money.
    case elastic
    /// The smallest top-up (docs/model.md, "Top-up"): Δ_f ≥ 0 added to the budget of every fund in
    /// the formulation's `topUp` set, minimise Σ Δ_f; mandatory needs and hard rules stay hard,
    /// soft rules' slacks cost nothing (as in a preparation).
    case topUp
}

/// The unit of a rule's slack (MODEL.md §11).
public enum SlackUnit: String, Sendable, Codable {
    case money
    case moneyPerPupil = "money_per_pupil"
    case teachers
}

/// A slack variable of the model, with what it relaxes in the user's words.
public struct SlackRecord: Sendable {
    public var variable: Variable
    /// The rule key (`coverage_floor`, `mandatory`, `min_spend`, …).
    public var rule: String
    /// Which constraint (`living_allowance at s0012 (于都县)`).
    public var constraint: String
    public var unit: SlackUnit
    /// Money per unit of this slack (1 for money, n_R for F4, V for teachers).
    public var moneyPerUnit: Double
    /// Whether the rule is hard (only hard slacks exist outside soft mode, in elastic mode).
    public var hard: Bool
    /// The category and school the row is about, when it is about one (mandatory, F1, F6).
    public var category: Int?
    public var school: Int?
    /// The fund the row is about, when it is about one (a minimum spend).
    public var fund: Int? = nil
    /// The region the row is about when it is about a whole region (F9); else the school's region.
    public var region: Int? = nil
}

/// The MODEL.md formulation of one scenario as a ``Model``, with the index maps needed to read
/// a solution back in domain terms.
///
/// Size is O(schools × categories + funds × categories × regions + candidate pairs + rule rows):
/// never the product of schools and funds. Money is scaled by an exact power of two inside the
/// model (``moneyScale``) and reported in the scenario's currency.
public struct Formulation: Sendable {
    public let scenario: Scenario
    public let derived: DerivedQuantities
    public let purpose: FormulationPurpose
    /// Model money = scenario money × moneyScale (a power of two, so scaling is exact).
    public let moneyScale: Double
    public internal(set) var model: Model

    /// x_{s,k}: column per category and school (nil where N = 0 or k is dispatch).
    public internal(set) var x: [[Variable?]]
    /// z_{f,k,r}.
    public internal(set) var z: [(fund: Int, category: Int, region: Int, variable: Variable)] = []
    /// v_{f,k,r}: reserves of a robust plan (Robust/Formulation+Reserves.swift; empty otherwise).
    public internal(set) var reserves: [(fund: Int, category: Int, region: Int, variable: Variable)] = []
    /// d, Γ and R of a robust plan (nil without `robust:`).
    public internal(set) var reserveRequirement: ReserveRequirement?
    /// y_{g,s}, parallel to ``DerivedQuantities/candidates``.
    public internal(set) var y: [Variable] = []
    /// Candidate pairs (indices into ``y``) by school. MODEL.md's u_{s,j} is not a column: it is
    /// h_{s,j} − Σ y over the pairs of (s, j), so the shortage equation becomes Σ y ≤ h (and
    /// disappears when the pairs' bounds already imply it), and π ω V u moves into the constant
    /// and onto y. Same optimum, far fewer rows: most (school, subject) shortages have no
    /// candidate teacher at all.
    public internal(set) var pairsBySchool: [[Int]]
    /// Columns a rule adds for itself and reads back, by a name the rule chooses (F2 phase 1's
    /// t, F5's X = Σ_s X_s).
    public internal(set) var ruleColumns: [String: Variable] = [:]
    /// Budget rows by fund: Σ z ≤ B_f, with the minimum spend as their lower bound (in elastic
    /// mode, and for a fund that can be topped up, the minimum spend is a separate row).
    public internal(set) var budgetRows: [Constraint] = []
    /// Δ_f by fund index: money added to B_f, for the funds of the `topUp` set (model units).
    public internal(set) var topUpColumns: [Int: Variable] = [:]
    /// Rows of each hard rule, for duals: rule key → rows.
    public internal(set) var ruleRows: [String: [Constraint]] = [:]
    /// The one row of each rule written over the whole scenario (F3, F4, F5, F7, and F5's
    /// definition of X as `hoover_total`), hard or soft: their duals are the multipliers of the
    /// decomposition's Lagrangian bound.
    public internal(set) var globalRuleRows: [String: Constraint] = [:]
    /// The rows each rule built, by rule key (a multi-year model rewrites the rows of a rule that
    /// reads the money a school receives, ``FairnessRule/readsMoneyReceived``).
    public internal(set) var ruleRowRanges: [String: Range<Int>] = [:]
    /// Group supply rows by group index.
    public internal(set) var supplyRows: [Int: Constraint] = [:]
    /// Rows and columns of MODEL.md §3–4 (x, y, z and their rows), which come first in the model
    /// and are the same with or without rules: a plan starts from the optimum without rules there.
    public internal(set) var coreSize = (rows: 0, columns: 0)
    /// A rule's per-school rows, each with a column of its own in it (F5: e_s's row), by rule key.
    public internal(set) var schoolRows: [String: [(school: Int, row: Constraint, column: Variable)]] = [:]
    /// Slack variables with their meaning.
    public internal(set) var slacks: [SlackRecord] = []
    /// The fairness rules built in.
    public internal(set) var rules: [any FairnessRule] = []
    /// Σ π ω N in scenario money: what the exported model omits.
    public internal(set) var objectiveConstant: Double = 0
    /// V and ω_dispatch.
    public let valuePerTeacher: Double
    public let dispatchWeight: Double
    /// Pupils in rural and urban schools (F4).
    public let ruralPupils: Double
    public let urbanPupils: Double

    /// Builds the formulation.
    /// - Parameters:
    ///   - rules: the fairness rules to build (nil: the scenario's, from ``FairnessRegistry``;
    ///     none for the price of fairness). F2 is built into a plan only once prepared.
    ///   - moneyScale: nil chooses ``automaticMoneyScale(_:derived:)``; 1 for export.
    ///   - stability: re-planning terms; a plan builds them all, the elastic and top-up models only
    ///     the move cap (a slack in moves in elastic mode, a hard row in a top-up).
    ///   - topUp: indices of the funds whose budget may grow by Δ_f ≥ 0 (their minimum spend stays
    ///     m_f times the original B_f); a `.topUp` model minimises Σ Δ_f.
    public init(scenario: Scenario, derived: DerivedQuantities? = nil, purpose: FormulationPurpose = .plan,
                rules: [any FairnessRule]? = nil, moneyScale: Double? = nil, stability: StabilitySettings? = nil,
                topUp: Set<Int> = []) {
        self.scenario = scenario
        let derived = derived ?? DerivedQuantities(scenario)
        self.derived = derived
        self.purpose = purpose
        let schools = scenario.schools
        self.moneyScale = moneyScale ?? Self.automaticMoneyScale(scenario, derived: derived)
        let dispatchCategory = scenario.dispatchCategory
        dispatchWeight = dispatchCategory.map { scenario.categories[$0].weight } ?? 0
        valuePerTeacher = scenario.dispatch.valuePerTeacher ?? 0
        ruralPupils = Double(schools.filter(\.rural).reduce(0) { $0 + $1.enrollment })
        urbanPupils = Double(schools.filter { !$0.rural }.reduce(0) { $0 + $1.enrollment })
        model = Model(name: "eduplan")
        x = Array(repeating: Array(repeating: nil, count: schools.count), count: scenario.categories.count)
        pairsBySchool = Array(repeating: [], count: schools.count)
        buildCore(topUp: topUp)
        coreSize = (model.constraintCount, model.variableCount)
        self.rules = rules ?? FairnessRegistry.rules(for: scenario.fairness, purpose: purpose)
        for rule in self.rules {
            let firstRow = model.constraintCount
            rule.build(into: &self)
            ruleRowRanges[rule.key] = firstRow..<model.constraintCount
        }
        finishObjective()
        if let stability {
            if purpose == .plan {
                addStability(stability)
            } else if stability.maxTeacherMoves != nil {
                addStability(StabilitySettings(previous: stability.previous, maxTeacherMoves: stability.maxTeacherMoves))
            }
        }
    }

    /// The power of two that brings the largest amount of money (a fund, or a category's need
    /// over all schools) near 2^10: budgets of 1e9 become ~1e3, within the solver's tolerances.
    public static func automaticMoneyScale(_ scenario: Scenario, derived: DerivedQuantities) -> Double {
        let largestMoney = max(scenario.funds.map(\.amount).max() ?? 1,
                               derived.need.map { $0.reduce(0, +) }.max() ?? 1, 1)
        return Foundation.pow(2, (10 - Foundation.log2(largestMoney)).rounded())
    }

    // MARK: Core (MODEL.md §3–5)

    /// Variables x, y, z and the rows of MODEL.md §4 (1–4; 5 as bounds on x).
    private mutating func buildCore(topUp: Set<Int>) {
        let moneyColumns = addMoneyColumns()
        let dispatchColumns = addDispatchColumns()
        let fundColumns = addFundColumns(money: moneyColumns, dispatch: dispatchColumns)
        addBalanceRows(money: moneyColumns, dispatch: dispatchColumns, funds: fundColumns.byCategoryRegion)
        let reserveColumns = addReserves()
        addBudgetRows(zip(fundColumns.byFund, reserveColumns).map { $0 + $1 }, topUp: topUp)
        addShortfallRows()
        addSupplyRows()
        addShortageRows()
    }

    /// x_{s,k} where N_{s,k} > 0 (mandatory: fixed at N, or in elastic mode a row with a slack).
    /// - Returns: the x columns by category and region.
    private mutating func addMoneyColumns() -> [[[Variable]]] {
        let scenario = self.scenario, S = moneyScale
        let schools = scenario.schools
        let elastic = purpose == .elastic
        var byCategoryRegion: [[[Variable]]] = Array(repeating: Array(repeating: [], count: scenario.regions.count),
                                                     count: scenario.categories.count)
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for s in schools.indices {
                let need = derived.need[k][s]
                guard need > 0 else { continue }
                let mandatoryBound = category.mandatory && !elastic
                let variable = model.addVariable(lower: mandatoryBound ? need * S : 0, upper: need * S,
                                                 name: "x[\(schools[s].id),\(category.id)]")
                x[k][s] = variable
                byCategoryRegion[k][schools[s].region].append(variable)
                if category.mandatory && elastic {
                    let slack = addSlack(rule: "mandatory", constraint: "\(category.id) at \(describe(school: s))",
                                         mode: .hard, unit: .money, hardInElastic: true, category: k, school: s)!
                    model.addRow(columns: [variable.index, slack.index], coefficients: [1, 1],
                                 lower: need * S, upper: .infinity, name: "mandatory[\(schools[s].id),\(category.id)]")
                }
            }
        }
        return byCategoryRegion
    }

    /// y_{g,s} for every candidate pair, at most min(c_g, h_{s,j(g)}).
    /// - Returns: by region, the y columns of its schools with their dispatch money per teacher.
    private mutating func addDispatchColumns() -> [[(variable: Variable, cost: Double)]] {
        let scenario = self.scenario
        let integer = scenario.dispatch.integer
        var byRegion: [[(variable: Variable, cost: Double)]] = Array(repeating: [], count: scenario.regions.count)
        for pair in derived.candidates {
            let group = scenario.teacherGroups[pair.group]
            let school = scenario.schools[pair.school]
            let upper = Double(min(group.count, derived.shortage[pair.school][group.subject]))
            let variable = model.addVariable(lower: 0, upper: upper, kind: integer ? .integer : .continuous,
                                             name: "y[\(group.id),\(school.id)]")
            pairsBySchool[pair.school].append(y.count)
            y.append(variable)
            byRegion[school.region].append((variable, group.annualCost * moneyScale))
        }
        return byRegion
    }

    /// z_{f,k,r} where region r has something to pay for in k.
    private mutating func addFundColumns(money: [[[Variable]]], dispatch: [[(variable: Variable, cost: Double)]])
        -> (byCategoryRegion: [[[Variable]]], byFund: [[Variable]]) {
        let scenario = self.scenario
        var byCategoryRegion: [[[Variable]]] = Array(repeating: Array(repeating: [], count: scenario.regions.count),
                                                     count: scenario.categories.count)
        var byFund: [[Variable]] = Array(repeating: [], count: scenario.funds.count)
        for (f, fund) in scenario.funds.enumerated() {
            for k in fund.categories.sorted() {
                let isDispatch = scenario.categories[k].isDispatch
                for r in scenario.regions.indices where fund.regions.contains(r, in: scenario.regions) {
                    let payable = isDispatch ? !dispatch[r].isEmpty : !money[k][r].isEmpty
                    guard payable else { continue }
                    let variable = model.addVariable(
                        name: "z[\(fund.id),\(scenario.categories[k].id),\(scenario.regions[r].id)]")
                    z.append((f, k, r, variable))
                    byCategoryRegion[k][r].append(variable)
                    byFund[f].append(variable)
                }
            }
        }
        return (byCategoryRegion, byFund)
    }

    /// §4.1: per category and region, the schools' money (dispatch: a_g y) equals the funds' z.
    private mutating func addBalanceRows(money: [[[Variable]]], dispatch: [[(variable: Variable, cost: Double)]],
                                         funds: [[[Variable]]]) {
        for (k, category) in scenario.categories.enumerated() {
            for r in scenario.regions.indices {
                var columns: [Int] = [], coefficients: [Double] = []
                if category.isDispatch {
                    for (variable, cost) in dispatch[r] { columns.append(variable.index); coefficients.append(cost) }
                } else {
                    for variable in money[k][r] { columns.append(variable.index); coefficients.append(1) }
                }
                guard !columns.isEmpty else { continue }
                for variable in funds[k][r] { columns.append(variable.index); coefficients.append(-1) }
                model.addRow(columns: columns, coefficients: coefficients, lower: 0, upper: 0,
                             name: "balance[\(category.id),\(scenario.regions[r].id)]")
            }
        }
    }

    /// §4.2: m_f B_f ≤ Σ z ≤ B_f; in elastic mode the minimum spend is its own row with a slack.
    /// A fund in `topUp` gets Δ_f: Σ z − Δ_f ≤ B_f, and its minimum spend its own row on the
    /// original B_f.
    private mutating func addBudgetRows(_ byFund: [[Variable]], topUp: Set<Int>) {
        let S = moneyScale
        for (f, fund) in scenario.funds.enumerated() {
            let columns = byFund[f].map(\.index)
            let ones = [Double](repeating: 1, count: columns.count)
            let minimum = fund.minSpend * fund.amount * S
            if topUp.contains(f) {
                let delta = model.addVariable(name: "top_up[\(fund.id)]")
                topUpColumns[f] = delta
                budgetRows.append(model.addRow(columns: columns + [delta.index], coefficients: ones + [-1], lower: -.infinity,
                                               upper: fund.amount * S, name: "budget[\(fund.id)]"))
                if minimum > 0 {
                    model.addRow(columns: columns, coefficients: ones, lower: minimum, upper: .infinity, name: "min_spend[\(fund.id)]")
                }
            } else if purpose == .elastic && minimum > 0 {
                budgetRows.append(model.addRow(columns: columns, coefficients: ones, lower: -.infinity,
                                               upper: fund.amount * S, name: "budget[\(fund.id)]"))
                let slack = addSlack(rule: "min_spend", constraint: "minimum spend of \(fund.id)", mode: .hard,
                                     unit: .money, hardInElastic: true, fund: f)!
                model.addRow(columns: columns + [slack.index], coefficients: ones + [1],
                             lower: minimum, upper: .infinity, name: "min_spend[\(fund.id)]")
            } else {
                budgetRows.append(model.addRow(columns: columns, coefficients: ones,
                                               lower: minimum > 0 ? minimum : -.infinity,
                                               upper: fund.amount * S, name: "budget[\(fund.id)]"))
            }
        }
    }

    /// §4.3: Σ_s y_{g,s} ≤ c_g for every group with a candidate.
    private mutating func addSupplyRows() {
        var pairsByGroup: [[Int]] = Array(repeating: [], count: scenario.teacherGroups.count)
        for (p, pair) in derived.candidates.enumerated() { pairsByGroup[pair.group].append(p) }
        for (g, group) in scenario.teacherGroups.enumerated() where !pairsByGroup[g].isEmpty {
            supplyRows[g] = model.addRow(columns: pairsByGroup[g].map { y[$0].index },
                                         coefficients: [Double](repeating: 1, count: pairsByGroup[g].count),
                                         lower: -.infinity, upper: Double(group.count), name: "supply[\(group.id)]")
        }
    }

    /// §4.4: Σ_{g: j(g)=j} y_{g,s} ≤ h_{s,j} (u = h − Σ y ≥ 0), only where the pairs' upper
    /// bounds could exceed h.
    private mutating func addShortageRows() {
        let subjects = scenario.subjects.count
        for s in scenario.schools.indices {
            var bySubject: [[Int]] = Array(repeating: [], count: subjects)
            for p in pairsBySchool[s] { bySubject[scenario.teacherGroups[derived.candidates[p].group].subject].append(p) }
            for (j, pairs) in bySubject.enumerated() where pairs.count > 1 {
                let h = Double(derived.shortage[s][j])
                guard pairs.reduce(0.0, { $0 + model.columnUpper[y[$1].index] }) > h else { continue }
                model.addRow(columns: pairs.map { y[$0].index }, coefficients: [Double](repeating: 1, count: pairs.count),
                             lower: -.infinity, upper: h,
                             name: "shortage[\(scenario.schools[s].id),\(scenario.subjects[j].id)]")
            }
        }
    }

    /// Objective of §5 (plan) or the slack sum (elastic); a preparation's rule set its own.
    /// Rules have added their slacks with their costs.
    private mutating func finishObjective() {
        let S = moneyScale
        var constant = 0.0
        switch purpose {
        case .plan:
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                for s in scenario.schools.indices {
                    guard let variable = x[k][s] else { continue }
                    let weight = derived.priority[s] * category.weight
                    constant += weight * derived.need[k][s]
                    model.addObjectiveCoefficient(variable, -weight)
                }
            }
            // π ω_d V u_{s,j} = π ω_d V h_{s,j} − π ω_d V Σ y.
            let teacherValue = dispatchWeight * valuePerTeacher
            for s in scenario.schools.indices { constant += derived.priority[s] * teacherValue * Double(derived.shortage[s].reduce(0, +)) }
            let lambda = scenario.dispatch.travelPenaltyPerKm
            for (p, pair) in derived.candidates.enumerated() {
                let cost = lambda * pair.distanceKm - derived.priority[pair.school] * teacherValue
                if cost != 0 { model.addObjectiveCoefficient(y[p], cost * S) }
            }
            objectiveConstant = constant
            model.objectiveConstant = constant * S
        case .preparation, .elastic:
            break // the preparing rule set its objective; slack costs were set with the slacks
        case .topUp:
            for delta in topUpColumns.values { model.setObjectiveCoefficient(delta, 1) }
        }
    }

    // MARK: Helpers for rules

    /// A school named for people: `name [id], region name` (the id twice when it has no name).
    public func describe(school s: Int) -> String {
        let school = scenario.schools[s]
        return "\(school.name.isEmpty ? school.id : school.name) [\(school.id)], \(scenario.regions[school.region].name)"
    }

    /// Adds a slack for a rule row, or returns nil when the row has none (a hard rule outside
    /// elastic mode). Its cost follows the purpose: soft penalty (plan), 0 (soft rules in a
    /// preparation or in elastic mode), money conversion (hard rules in elastic mode).
    public mutating func addSlack(rule: String, constraint: String, mode: RuleMode, unit: SlackUnit,
                                  hardInElastic: Bool = true, category: Int? = nil, school: Int? = nil,
                                  fund: Int? = nil, region: Int? = nil) -> Variable? {
        let S = moneyScale
        let moneyPerUnit: Double
        switch unit {
        case .money: moneyPerUnit = 1
        case .moneyPerPupil: moneyPerUnit = ruralPupils
        case .teachers: moneyPerUnit = valuePerTeacher > 0 ? valuePerTeacher : 1
        }
        // Model units: money slacks and money-per-pupil slacks are scaled by S; teachers are not.
        let cost: Double
        switch (purpose, mode) {
        case let (.plan, .soft(penalty)):
            cost = unit == .teachers ? penalty * S : penalty
        case (.plan, .hard), (.preparation, .hard), (.topUp, .hard):
            return nil
        case (.preparation, .soft), (.elastic, .soft), (.topUp, .soft):
            cost = 0
        case (.elastic, .hard):
            guard hardInElastic else { return nil }
            cost = unit == .teachers ? moneyPerUnit * S : (unit == .moneyPerPupil ? moneyPerUnit : 1)
        }
        let variable = model.addVariable(name: "slack[\(rule),\(slacks.count + 1)]")
        model.setObjectiveCoefficient(variable, cost)
        slacks.append(SlackRecord(variable: variable, rule: rule, constraint: constraint, unit: unit,
                                  moneyPerUnit: moneyPerUnit, hard: mode.isHard, category: category, school: school,
                                  fund: fund, region: region ?? school.map { scenario.schools[$0].region }))
        return variable
    }

    /// Registers a hard rule's row for its shadow price.
    public mutating func register(rule: String, row: Constraint) {
        ruleRows[rule, default: []].append(row)
    }

    /// Adds a row (raw sparse form) and returns it.
    @discardableResult
    public mutating func addRow(columns: [Int], coefficients: [Double], lower: Double, upper: Double, name: String) -> Constraint {
        model.addRow(columns: columns, coefficients: coefficients, lower: lower, upper: upper, name: name)
    }

    /// X_s's columns: every non-dispatch x of school s (mandatory included when `includeMandatory`).
    public func moneyColumns(school s: Int, includeMandatory: Bool = true) -> [Variable] {
        scenario.categories.indices.compactMap { k in
            let category = scenario.categories[k]
            guard !category.isDispatch, includeMandatory || !category.mandatory else { return nil }
            return x[k][s]
        }
    }
}
