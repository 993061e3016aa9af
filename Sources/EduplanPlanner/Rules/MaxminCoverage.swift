import EduplanScenario
import LinearProgramming

/// F2: max–min coverage of non-mandatory need, in two phases. The preparation phase (phase 1)
/// maximises t subject to C_s / N_s − t ≥ 0, t free, and every other constraint; the plan
/// (phase 2) keeps C_s − (t* − 1e-7) N_s ≥ 0, with a money slack per school when soft.
struct MaxminCoverageRule: FairnessRule {
    let mode: RuleMode
    /// t* from the preparation phase (nil: not prepared, nothing to build in a plan).
    let level: Double?
    /// How t* moves with each fund's amount, by fund index, from phase 1's final LP (empty, or
    /// nil for a fund, when that LP does not say: a branch-and-bound phase 1, a robust plan).
    var levelSlopes: [LevelSlope?] = []
    /// Phase 1's optimal LP basis, for the plan to start from (``planStartingBasis(_:)``); nil when
    /// phase 1 was settled by branch and bound or its LP gave no basis.
    var levelBasis: LevelBasis? = nil
    /// Its scenario key, the parameter its marginal cost is about, its glossary line.
    static let names = RuleNames(key: "maxmin_coverage", parameter: "t", formula: "C_s ≥ t* N_s")

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        "every school at least the max–min coverage t*"
    }
    var preparationPhase: String? { "max–min coverage, phase 1" }
    var preparedLevel: Double? { level }
    /// Phase 1's t in ``Formulation/ruleColumns``.
    static let levelColumn = "maxmin_coverage.t"

    /// The relative gap phase 1 is solved to (MODEL.md §11), also the tolerance of its certificate.
    static let phase1Gap = 1e-9

    /// Phase 1, always hard and solved to optimality (relative gap 1e-9; MODEL.md §11). A mixed
    /// integer phase 1 is first settled by two LPs when they prove t* (``certifiedLevel(_:_:_:)``);
    /// otherwise by branch and bound.
    func prepare(_ context: RulePreparationContext) throws -> RulePreparation {
        let phase1 = Formulation(scenario: context.scenario, derived: context.derived, purpose: .preparation,
                                 moneyScale: context.moneyScale)
        guard let t = phase1.ruleColumns[Self.levelColumn] else { return .omit }
        // The budget rows' ranging gives t*'s slope in each amount (not with a robust plan, whose
        // shortfall rows move with the amounts too).
        let ranged = context.scenario.robust == nil ? phase1.budgetRows : []
        if phase1.model.isMixedInteger {
            switch try Self.certifiedLevel(phase1.model, t, context, rangingRows: ranged) {
            case let .proved(level, repaired, relaxation):
                let slopes = ranged.isEmpty ? [] : repaired.map { Self.levelSlopes(phase1, $0) } ?? []
                return .build(MaxminCoverageRule(mode: mode, level: level, levelSlopes: slopes,
                                                 levelBasis: LevelBasis(phase1, relaxation)), optimal: true)
            case .infeasible: return .infeasible
            case .unproved: break
            }
        }
        let lp = !phase1.model.isMixedInteger
        let solution = try context.solve(phase1.model, relativeGap: Self.phase1Gap, rangingRows: lp ? ranged : [])
        guard solution.status.hasFeasiblePoint else {
            // A limit without a point proves nothing: only a proved infeasibility is one.
            return SolvePipeline.isInfeasible(solution) ? .infeasible
                : .failed(SolverStop(solution.status))
        }
        let slopes = lp && !ranged.isEmpty && solution.status.isOptimal ? Self.levelSlopes(phase1, solution) : []
        let start = lp && solution.status.isOptimal ? LevelBasis(phase1, solution) : nil
        return .build(MaxminCoverageRule(mode: mode, level: solution[t], levelSlopes: slopes, levelBasis: start),
                      optimal: solution.status.isOptimal)
    }

    /// What the two LPs of ``certifiedLevel(_:_:_:rangingRows:)`` settled.
    enum Certificate {
        /// t* within the phase-1 gap: a point with integral integers reaches the relaxation's bound;
        /// with that point's LP (its integers fixed), which carries the ranging asked for, and the
        /// relaxation (its basis starts the plan).
        case proved(Double, Solution? = nil, Solution? = nil)
        /// The relaxation has no feasible point, so neither has the MIP.
        case infeasible
        /// Not settled: branch and bound decides.
        case unproved
    }

    /// t* of a mixed-integer phase 1 without branch and bound, when two LPs prove it.
    ///
    /// 1. The LP relaxation (every integer column continuous) gives t̄ ≥ t* — an upper bound,
    ///    since it has every point of the MIP and more.
    /// 2. The same LP with each integer column fixed at its relaxed value rounded down (t depends
    ///    on the teachers only through the money they cost and the rules on them, and fewer
    ///    teachers usually cost less) gives a point with integral integers, feasible for the MIP, so
    ///    its t is ≤ t*.
    /// When that t is within the phase-1 gap of t̄ (t̄ − t ≤ 1e-9 · max(1, |t̄|)), t* lies between them
    /// and that t is t* to the gap the contract asks of phase 1; the two LPs replace a branch and
    /// bound whose bound t̄ no integer point may close to 1e-9 in the time limit. The second LP
    /// differs from the first only in bounds, so it is re-solved from the first's basis.
    static func certifiedLevel(_ model: Model, _ t: Variable, _ context: RulePreparationContext,
                               rangingRows: [Constraint] = []) throws -> Certificate {
        let relaxed = model.relaxingIntegers()
        let relaxation = try context.solve(relaxed, relativeGap: nil, onSession: true)
        if relaxation.status.termination == .infeasible { return .infeasible }
        guard relaxation.status.isOptimal else { return .unproved }
        let bound = relaxation[t]
        let rounded = relaxed.fixingIntegers(of: model, roundedDownFrom: relaxation.values)
        let repaired = try context.solve(rounded, relativeGap: nil, onSession: true, rangingRows: rangingRows)
        guard repaired.status.isOptimal, bound - repaired[t] <= phase1Gap * max(1, abs(bound)) else { return .unproved }
        return .proved(repaired[t], repaired, relaxation)
    }

    /// How t* moves with one fund's amount B_f: t*(B_f + θ) = t* + ``slope`` · θ for every amount
    /// B_f + θ from ``from`` to ``to`` (scenario money; an end may be infinite).
    struct LevelSlope: Equatable, Sendable {
        /// dt*/dB_f, per unit of money.
        var slope: Double
        var from: Double
        var to: Double
    }

    /// t*'s slope in each fund's amount, from phase 1's optimal LP `solution` (with the integers
    /// fixed, for a mixed-integer phase 1) and its budget rows' right-hand-side ranging: an
    /// active row's dual (× m_f when its minimum is the active bound, since m_f B_f moves) over
    /// the amounts its ranging allows, where the basis — and so the slope — stays; an inactive row
    /// without a minimum, slope 0 for every amount that still holds its spending; nil otherwise.
    static func levelSlopes(_ phase1: Formulation, _ solution: Solution) -> [LevelSlope?] {
        guard let duals = solution.rowDuals, let basis = solution.basis else { return [] }
        let S = phase1.moneyScale
        return phase1.scenario.funds.indices.map { fi -> LevelSlope? in
            let row = phase1.budgetRows[fi], fund = phase1.scenario.funds[fi]
            let factor: Double
            switch basis.rows[row.index] {
            case .basic:
                let activity = solution.rowActivities[row.index]
                return fund.minSpend > 0 ? nil : LevelSlope(slope: 0, from: activity / S, to: .infinity)
            case .atUpper, .fixed: factor = 1
            case .atLower: factor = fund.minSpend
            case .free: return nil
            }
            guard factor > 0, let ranging = solution.ranging(row) else { return nil }
            return LevelSlope(slope: duals[row.index] * S * factor, from: ranging.activityLower / (S * factor),
                              to: ranging.activityUpper / (S * factor))
        }
    }

    /// Phase 1's optimal LP basis and what mapping it onto the plan needs: the core's statuses by
    /// position (the core is built first and alike in both models), the rest by row and column name,
    /// and each row's dual.
    struct LevelBasis: Sendable {
        var basis: Basis
        var coreSize: (rows: Int, columns: Int)
        var rowNames: [String]
        var columnNames: [String]
        var rowDuals: [Double]
        /// t's column.
        var level: Int

        /// Nil unless `solution` is an optimal LP solution of `phase1` with a basis and duals.
        init?(_ phase1: Formulation, _ solution: Solution?) {
            guard let solution, solution.status.isOptimal, let basis = solution.basis, let duals = solution.rowDuals,
                  let t = phase1.ruleColumns[MaxminCoverageRule.levelColumn],
                  basis.rows.count == phase1.model.constraintCount, basis.columns.count == phase1.model.variableCount
            else { return nil }
            (self.basis, coreSize, rowDuals, level) = (basis, phase1.coreSize, duals, t.index)
            (rowNames, columnNames) = (phase1.model.rowNames, phase1.model.columnNames)
        }
    }

    /// The plan's starting basis from phase 1's optimal basis (docs/model.md §13, "The plan from
    /// phase 1's basis"): every row and column the two models share keeps its status, the plan's
    /// own rows start basic and its own columns (soft slacks) at 0. Phase 1's t, basic there, is
    /// not in the plan; its place in the basis goes to the coverage row with the largest phase-1
    /// dual. That swap keeps the basis non-singular: with phase 1's objective t alone, row i's dual
    /// is the entry of B⁻¹ in t's basic position and row i, and a column of the basis can be
    /// replaced by the unit column of row i exactly when that entry is non-zero. The point is phase
    /// 1's optimum with each school whose row was at its bound there at t* − 10⁻⁷ (but row i's),
    /// which the plan's rows allow: a (nearly) feasible start for the primal simplex, a few pivots from the plan's optimum when the coverage rows
    /// leave little freedom (the demo: every school at t*). Nil when the models do not match so.
    func planStartingBasis(_ plan: Formulation) -> Basis? {
        guard let start = levelBasis, plan.coreSize == start.coreSize, start.basis.columns[start.level] == .basic
        else { return nil }
        let core = start.coreSize, m = plan.model.constraintCount, n = plan.model.variableCount
        var rowIndex: [String: Int] = [:], columnIndex: [String: Int] = [:]
        for i in core.rows..<start.rowNames.count { rowIndex[start.rowNames[i]] = i }
        for j in core.columns..<start.columnNames.count { columnIndex[start.columnNames[j]] = j }
        var basis = Basis(rows: Array(start.basis.rows[..<core.rows]), columns: Array(start.basis.columns[..<core.columns]))
        for i in core.rows..<m { basis.rows.append(rowIndex[plan.model.rowNames[i]].map { start.basis.rows[$0] } ?? .basic) }
        for j in core.columns..<n {
            basis.columns.append(columnIndex[plan.model.columnNames[j]].map { start.basis.columns[$0] } ?? .atLower)
        }
        guard m - basis.basicCount == 1 else { return nil }
        var best: (row: Int, dual: Double)?
        for i in plan.ruleRowRanges[key] ?? 0..<0 where basis.rows[i] != .basic {
            guard let k = rowIndex[plan.model.rowNames[i]], abs(start.rowDuals[k]) > best?.dual ?? 0 else { continue }
            best = (i, abs(start.rowDuals[k]))
        }
        guard let best else { return nil }
        basis.rows[best.row] = .basic
        return basis
    }

    /// The schools with non-mandatory need N_s > 0, in school order: their C_s columns and N_s
    /// (scenario money). Phase 1's and the plan's coverage rows are built in this order.
    static func coveredSchools(_ f: Formulation) -> [(school: Int, columns: [Variable], need: Double)] {
        f.scenario.schools.indices.compactMap { s -> (school: Int, columns: [Variable], need: Double)? in
            let columns = f.moneyColumns(school: s, includeMandatory: false)
            let need = columns.reduce(0.0) { $0 + f.model.columnUpper[$1.index] } / f.moneyScale
            return need > 0 ? (s, columns, need) : nil
        }
    }

    func build(into f: inout Formulation) {
        let S = f.moneyScale
        guard f.purpose == .preparation || f.purpose == .plan && level != nil else { return }
        let schools = Self.coveredSchools(f)
        if let level {
            for (s, columns, need) in schools {
                let slack = f.addSlack(rule: key, constraint: "coverage of \(f.describe(school: s))", mode: mode,
                                       unit: .money, hardInElastic: false)
                let row = f.addRow(columns: columns.map(\.index) + (slack.map { [$0.index] } ?? []),
                                   coefficients: columns.map { _ in 1 } + (slack == nil ? [] : [1]),
                                   lower: (level - 1e-7) * need * S, upper: .infinity,
                                   name: "maxmin_coverage[\(f.scenario.schools[s].id)]")
                if mode.isHard { f.register(rule: key, row: row) }
            }
            return
        }
        // Phase 1. Without a school to cover there is no t: the phase is skipped (t* is null).
        guard !schools.isEmpty else { return }
        let t = f.model.addVariable(lower: -.infinity, upper: .infinity, name: "t")
        f.ruleColumns[Self.levelColumn] = t
        f.model.sense = .maximize
        f.model.setObjectiveCoefficient(t, 1)
        for (s, columns, need) in schools {
            // Scaled as C_s / N_s ≥ t for numerical stability.
            f.addRow(columns: columns.map(\.index) + [t.index], coefficients: columns.map { _ in 1 / (need * S) } + [-1],
                     lower: 0, upper: .infinity, name: "maxmin_coverage[\(f.scenario.schools[s].id)]")
        }
    }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard, let rows = f.ruleRows[key] else { return nil }
        // d obj / d t = Σ_s dual_s × N_s (rows are C_s ≥ (t − 1e-7) N_s).
        return rows.reduce(0.0) { total, row in
            total + solution.rowDual(row) * (f.model.rowLower[row.index] / f.moneyScale) / max(1e-300, (level ?? 1) - 1e-7)
        }
    }
}

extension Formulation {
    /// The plan's starting basis from F2's phase 1 (``MaxminCoverageRule/planStartingBasis(_:)``);
    /// nil without F2 or when its phase 1 left no basis that maps onto this plan.
    var startingBasisFromLevel: Basis? {
        rules.lazy.compactMap { $0 as? MaxminCoverageRule }.first?.planStartingBasis(self)
    }

    /// Starts the plan's simplex from F2's phase 1 (``startingBasisFromLevel``) when there is such a
    /// start: by the primal simplex, since phase 1's optimum is a feasible point of the plan. Only
    /// with integer dispatch (the plan's relaxation, rounded after): with continuous dispatch,
    /// ClaimPropertyTests' re-solved fund claims on tiny F2 provinces disagreed with its own re-solves
    /// beyond their noise when the plans started so (not understood yet), so those plans are solved
    /// from scratch as before.
    func startFromLevel(_ parameters: inout SolverParameters) {
        guard model.isMixedInteger, let start = startingBasisFromLevel else { return }
        parameters.startingBasis = start
        parameters.startingBasisIsPrimalFeasible = true
    }
}

// MARK: Setting

extension MaxminCoverageRule: Equatable {
    /// The setting and what phase 1 fixed; phase 1's basis, a start for the plan's simplex, is not
    /// compared.
    static func == (a: MaxminCoverageRule, b: MaxminCoverageRule) -> Bool {
        a.mode == b.mode && a.level == b.level && a.levelSlopes == b.levelSlopes
    }

    /// No parameter besides mode and penalty.
    static let parameterKeys: [String] = []

    /// The mode alone; t* comes from the preparation phase.
    static func read(_ block: RuleBlock) -> MaxminCoverageRule? { MaxminCoverageRule(mode: block.mode, level: nil) }

    /// Left out of the elastic diagnosis (MODEL.md §11).
    func isBuilt(for purpose: FormulationPurpose) -> Bool { purpose != .elastic }

    /// Nothing besides the mode.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] { [] }
}
