import EduplanScenario
import Foundation
import LinearProgramming

/// Each year's fund claims of a multi-year plan, read from the horizon's model (docs/model.md §23,
/// "Claims over years"): B_{f,t} is the right-hand side of year t's budget row
/// Σz + w_t − w_{t−1} ≤ B, the lower side of its minimum spend (m_f B on Σz), and the carry-over
/// cap w_t ≤ c_f B. So
///
///   d(objective)/d(B_{f,t}) = y_budget + m_f · y_minimum + c_f · r_w
///
/// (the duals of the two rows, the reduced cost of w_t at its cap), each term 0 where its side is
/// not active. A fund is fully used in a year when its budget row is tight: what it spent and
/// carried on, less what came in, is its budget. When one side moves alone, the LP's ranging of
/// that row is the interval the value holds on; when two move at once (a binding cap, a minimum on
/// its own row), or at a degenerate vertex, the sides are re-solved: the horizon's LP with its
/// integers fixed and B_{f,t} moved by ± ``ClaimResolver/step(for:)`` in every place it appears.
struct HorizonFundClaims {
    let formulation: HorizonFormulation
    /// The horizon model's solution.
    let solution: Solution
    /// `min_spend[fund]@year` → its row: the minimum spends HorizonFormulation writes on rows of
    /// their own (funds with carry-over), found once by name.
    private let minimumRows: [String: Constraint]

    init(formulation: HorizonFormulation, solution: Solution) {
        self.formulation = formulation
        self.solution = solution
        var rows: [String: Constraint] = [:]
        for (i, name) in formulation.model.rowNames.enumerated() where name.hasPrefix("min_spend[") { rows[name] = Constraint(index: i) }
        minimumRows = rows
    }

    /// Year t's fund prices, in scenario order (each fund's status claim and marginal value).
    func fundPrices(year t: Int, spent: [Double]) -> [FundPrice] {
        formulation.years[t].scenario.funds.indices.map { fundPrice(t, $0, spent: spent[$0]) }
    }

    /// Where B_{f,t} appears in the model, and how the solution stands there.
    private struct Budget {
        var amount: Double
        var row: Constraint
        /// The row of the minimum spend when it is not the budget row's lower side.
        var minimumRow: Constraint?
        var minSpend: Double
        /// w_t and its fraction c_f (nil: no carry-over column).
        var carry: Variable?
        var carryOver: Double
    }

    private func budget(_ t: Int, _ f: Int) -> Budget {
        let fund = formulation.years[t].scenario.funds[f]
        let minimumRow = formulation.years.count > 1 ? minimumRows["min_spend[\(fund.id)]@\(formulation.yearNumbers[t])"] : nil
        return Budget(amount: fund.amount, row: formulation.budgetRows[t][f], minimumRow: minimumRow, minSpend: fund.minSpend,
                      carry: formulation.carryOver[t][f], carryOver: formulation.scenario.funds[f].carryOver)
    }

    private func fundPrice(_ t: Int, _ f: Int, spent: Double) -> FundPrice {
        let b = budget(t, f), fund = formulation.years[t].scenario.funds[f], scale = formulation.moneyScale
        let currency = formulation.scenario.currency, tolerance = ClaimReader.fundTolerance * max(1, b.amount)
        let used = solution.rowActivities[b.row.index] / scale
        let fullyUsed = b.amount - used <= tolerance
        let atMinimum = !fullyUsed && b.minSpend > 0 && spent - b.minSpend * b.amount <= tolerance
        let status = Claim(kind: fullyUsed ? .fundFullyUsed : atMinimum ? .fundMinimumBinds : .fundPartlyUsed,
                           subject: fund.id, value: spent, unit: currency)
        guard let duals = solution.rowDuals, let reduced = solution.reducedCosts else {
            return FundPrice(fund: fund.id, value: nil, reason: "the solver gave no duals", claims: [status])
        }
        let capBinds = b.carry.map { w in
            solution.values[w.index] >= formulation.model.columnUpper[w.index] * (1 - 1e-9) && abs(reduced[w.index]) > 1e-12
        } ?? false
        let minimumApart = atMinimum && b.minimumRow != nil
        let rowFactor = atMinimum && b.minimumRow == nil ? b.minSpend : 1
        let derivative = duals[b.row.index] * rowFactor + (b.minimumRow.map { b.minSpend * duals[$0.index] } ?? 0)
            + (capBinds ? b.carryOver * reduced[b.carry!.index] : 0)
        let unit = "points per \(currency)"
        guard fullyUsed || atMinimum || capBinds else {
            // Every side inactive: the plan stays optimal while B holds what was used.
            let upTo = b.minSpend > 0 ? spent / b.minSpend : nil
            let marginal = Claim(kind: .fundMarginalValue, subject: fund.id, value: 0, unit: unit, validFrom: used,
                                 validTo: upTo, left: 0, right: 0)
            return FundPrice(fund: fund.id, value: 0, reason: nil, claims: [status, marginal])
        }
        let value = -derivative
        var marginal = Claim(kind: .fundMarginalValue, subject: fund.id, value: value, unit: unit, validFrom: b.amount, validTo: b.amount)
        // One side moving alone: the row's ranging is the interval (in B) the value holds on.
        if !capBinds, !minimumApart, let ranging = solution.ranging(b.row) {
            let from = ranging.activityLower / (scale * rowFactor), to = ranging.activityUpper / (scale * rowFactor)
            // Carried-in money lets the row's activity range below 0; a budget does not go there.
            marginal.validFrom = from.isFinite ? max(0, min(from, b.amount)) : nil
            marginal.validTo = to.isFinite ? max(to, b.amount) : nil
            if from < b.amount - tolerance { marginal.left = value }
            if to > b.amount + tolerance { marginal.right = value }
        }
        return FundPrice(fund: fund.id, value: -(marginal.right ?? value), reason: nil, claims: [status, marginal])
    }

    /// Fills every side of a marginal value the ranging could not state by re-solving the horizon's
    /// LP (integers fixed at the plan's values, from the plan's basis) with B_{f,t} moved by ± the
    /// step, and states the interval as the step re-solved.
    /// - Parameter objective: the horizon's objective (points, constant included).
    func resolveSides(_ years: inout [YearPlanResult], objective: Double, solver: any LinearSolver,
                      parameters: SolverParameters) throws {
        let fixed = fixedIntegers()
        for t in years.indices {
            for p in years[t].result.fundPrices.indices {
                guard let f = formulation.years[t].scenario.funds.firstIndex(where: { $0.id == years[t].result.fundPrices[p].fund }),
                      let m = years[t].result.fundPrices[p].claims.firstIndex(where: { $0.kind == .fundMarginalValue }) else { continue }
                var claim = years[t].result.fundPrices[p].claims[m]
                guard claim.left == nil || claim.right == nil else { continue }
                let b = budget(t, f), step = ClaimResolver.step(for: b.amount)
                func moved(_ amount: Double) throws -> Double? {
                    try resolvedObjective(fixed, b, amount: amount, solver: solver, parameters: parameters)
                }
                if claim.left == nil, b.amount - step >= 0, let below = try moved(b.amount - step) {
                    (claim.left, claim.validFrom) = ((below - objective) / step, b.amount - step)
                }
                if claim.right == nil, let above = try moved(b.amount + step) {
                    (claim.right, claim.validTo) = ((objective - above) / step, b.amount + step)
                }
                claim.value = claim.right ?? claim.left
                claim.resolveStep = step
                years[t].result.fundPrices[p].claims[m] = claim
                years[t].result.fundPrices[p].value = claim.value.map { -$0 }
            }
        }
    }

    /// The horizon model as an LP with every integer column fixed at the plan's value.
    private func fixedIntegers() -> Model { Self.holdingIntegers(formulation.model, at: solution.values) }

    /// `model` as an LP with every integer column fixed at its value in `values` (what a claim of an
    /// integer plan holds: its dispatch fixed).
    static func holdingIntegers(_ model: Model, at values: [Double]) -> Model {
        var model = model
        for j in model.columnKind.indices where model.columnKind[j] != .continuous {
            model.setKind(Variable(index: j), .continuous)
            model.setBounds(Variable(index: j), lower: values[j], upper: values[j])
        }
        return model
    }

    /// Parameters of a claim's re-solve: no progress, duals, ranging or integer start.
    static func quiet(_ parameters: SolverParameters) -> SolverParameters {
        var quiet = parameters
        (quiet.progress, quiet.mipDuals, quiet.rangingRows, quiet.integerStart) = (nil, false, [], nil)
        return quiet
    }

    /// The objective (points) with B_{f,t} at `amount` in its budget row, its minimum spend and its
    /// carry-over cap; nil without an optimum.
    private func resolvedObjective(_ fixed: Model, _ b: Budget, amount: Double, solver: any LinearSolver,
                                   parameters: SolverParameters) throws -> Double? {
        var model = fixed
        let scale = formulation.moneyScale, minimum = b.minSpend * amount * scale
        let rowLower = b.minimumRow == nil && minimum > 0 ? minimum : model.rowLower[b.row.index]
        model.setBounds(b.row, lower: rowLower, upper: amount * scale)
        if let row = b.minimumRow { model.setBounds(row, lower: minimum, upper: .infinity) }
        if let w = b.carry { model.setBounds(w, lower: 0, upper: b.carryOver * amount * scale) }
        var quiet = Self.quiet(parameters)
        quiet.startingBasis = solution.basis
        let lp = try solver.solve(model, parameters: quiet)
        guard lp.status.isOptimal, let value = lp.objectiveValue else { return nil }
        return value / scale
    }
}

extension HorizonFundClaims {
    /// Replaces each year's fund claims (read by the one-year reader from the year's rows alone) by
    /// the horizon's, re-solves the sides the ranging cannot state, reads the marginal costs of rules
    /// on money received over increments and re-solves every binding rule's sides
    /// (``HorizonRuleClaims``), and renders the sentences.
    /// - Parameter resolving: false: no re-solve (``PlannerOptions/resolveClaims``); a side the
    ///   ranging cannot state stays unknown and a rule's cost is its dual-based derivative.
    static func correct(_ years: inout [YearPlanResult], _ formulation: HorizonFormulation, _ solution: Solution,
                        solver: any LinearSolver, parameters: SolverParameters, resolving: Bool = true) throws {
        guard formulation.years.count > 1, let objective = solution.objectiveValue else { return }
        let claims = HorizonFundClaims(formulation: formulation, solution: solution)
        for t in years.indices where !years[t].actual {  // a year that is over carries no claims
            let spent = years[t].scenario.funds.map { fund in years[t].result.plan?.funds.first { $0.id == fund.id }?.spent ?? 0 }
            let channels = years[t].result.fundPrices.map(\.channel)
            years[t].result.fundPrices = claims.fundPrices(year: t, spent: spent)
            for p in years[t].result.fundPrices.indices where p < channels.count { years[t].result.fundPrices[p].channel = channels[p] }
        }
        HorizonRuleClaims.correct(&years, formulation, solution)
        if resolving {
            try claims.resolveSides(&years, objective: objective / formulation.moneyScale, solver: solver, parameters: parameters)
            try HorizonRuleClaims.resolve(&years, formulation, solution, solver: solver, parameters: parameters)
            try HorizonCapClaims.resolve(&years, formulation, solution, objective: objective / formulation.moneyScale,
                                         solver: solver, parameters: parameters)
        }
        for t in years.indices {
            Explain.renderClaims(&years[t].result, years[t].scenario)
            sayWhatIsCarried(&years[t], currency: formulation.scenario.currency)
        }
    }

    /// A fund fully or partly used in a year where money came in or went on: its sentence says what
    /// came in, was spent, went on and lapsed (spending may exceed the year's budget by what came in,
    /// and money carried on is used, not spent). The catalogue's `claim.fund.fullyUsedCarried` and
    /// `claim.fund.partlyCarried` say the same in every language.
    private static func sayWhatIsCarried(_ year: inout YearPlanResult, currency: String) {
        for p in year.result.fundPrices.indices {
            guard let carry = year.carryOver.first(where: { $0.fund == year.result.fundPrices[p].fund }),
                  carry.carriedIn > 0 || carry.amount > 0 else { continue }
            func money(_ value: Double) -> String { Explain.money(value, currency) }
            for c in year.result.fundPrices[p].claims.indices {
                switch year.result.fundPrices[p].claims[c].kind {
                case .fundFullyUsed:
                    year.result.fundPrices[p].claims[c].text = "\(carry.fund) uses all of its \(money(carry.budget))"
                        + (carry.carriedIn > 0 ? " and the \(money(carry.carriedIn)) carried in" : "")
                        + " (fully used): \(money(carry.spent)) spent, \(money(carry.amount)) carried on, nothing lapses"
                case .fundPartlyUsed:
                    year.result.fundPrices[p].claims[c].text = "\(carry.fund) spends \(money(carry.spent)) of its \(money(carry.budget))"
                        + (carry.carriedIn > 0 ? " and the \(money(carry.carriedIn)) carried in" : "")
                        + ", carries \(money(carry.amount)) on: \(money(carry.lapsed)) lapses (not all of it used)"
                default: continue
                }
            }
        }
    }
}
