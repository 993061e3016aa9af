import Foundation
import LinearProgramming

/// A lower bound on a horizon's plan from its years: Lagrangian relaxation of the rows that tie
/// the years together (docs/model.md §23, "A plan certified by its years").
///
/// Year t's block is its own columns and the link columns appended after them (carry-over
/// w_{f,t}, new dispatches y_{g,s,t}). A row whose columns all lie in one block stays in that
/// block's LP; every other row is priced: a budget row holding w_{f,t−1}, a balance or rule row
/// holding X_{s,k,t−1}, a `present` row of a contract begun in an earlier year, a `cumulative` row.
/// With λ_r ≥ 0 on a row's lower side L_r and λ_r ≤ 0 on its upper side U_r,
///
///   L(λ) = Σ_r (λ_r⁺ L_r + λ_r⁻ U_r) + Σ_t min { (c − Aᵀλ)·v_t : v_t in year t's block } + constant
///
/// is at most c·v for every v that keeps every row (each priced row has λ_r a_r·v ≥ λ_r⁺ L_r +
/// λ_r⁻ U_r), so at most the optimum of the horizon's LP relaxation and of its MIP: any λ of the
/// right signs gives a valid bound (weak duality); the horizon's optimal duals give the LP's optimum.
/// The blocks are solved as LPs (integers relaxed), each from the basis of its previous solve.
struct HorizonLagrangianBound {
    /// What the bound came to.
    struct Outcome {
        /// The best L(λ) seen (model units, constant included); −∞ when no evaluation finished.
        var bound = -Double.infinity
        /// The multipliers of ``bound`` (per row of the horizon's model; 0 on rows kept in a block).
        var multipliers: [Double] = []
        /// L(λ) evaluations (each one LP per year).
        var evaluations = 0
        var iterations = 0
        var solverSeconds = 0.0

        /// `later` (a further run of ``HorizonLagrangianBound/improve(from:upper:enough:steps:)``) added:
        /// the better bound with its multipliers, the counts summed.
        mutating func add(_ later: Outcome) {
            if later.bound > bound { (bound, multipliers) = (later.bound, later.multipliers) }
            (evaluations, iterations, solverSeconds) = (evaluations + later.evaluations, iterations + later.iterations,
                                                        solverSeconds + later.solverSeconds)
        }
    }

    private struct Block {
        let columns: Range<Int>
        var model: Model
        var basis: Basis?
    }

    private let model: Model
    private var blocks: [Block]
    /// The priced rows (indices of ``model``).
    private let linkRows: [Int]
    private let solver: any LinearSolver
    private let parameters: SolverParameters

    /// Splits `horizon`'s model (its LP relaxation) into year blocks and priced rows.
    /// - Complexity: O(nonzeros).
    init(_ horizon: HorizonFormulation, solver: any LinearSolver, parameters: SolverParameters) {
        let model = horizon.model
        self.model = model
        self.solver = solver
        var quiet = parameters
        (quiet.progress, quiet.primalHeuristic, quiet.mipDuals, quiet.rangingRows) = (nil, nil, false, [])
        self.parameters = quiet
        let ends = Array(horizon.columnOffset.dropFirst()) + [model.variableCount]
        let ranges = horizon.years.indices.map { horizon.columnOffset[$0]..<ends[$0] }
        var blocks = ranges.map { columns in
            var block = Model(name: model.name)
            for j in columns {
                let column = block.addVariable(lower: model.columnLower[j], upper: model.columnUpper[j])
                block.setObjectiveCoefficient(column, model.objective[j])
            }
            return Block(columns: columns, model: block, basis: nil)
        }
        var linkRows: [Int] = []
        for i in 0..<model.constraintCount {
            let entries = model.row(Constraint(index: i))
            let t = ranges.firstIndex { $0.contains(entries.first?.column ?? 0) } ?? 0
            guard entries.allSatisfy({ ranges[t].contains($0.column) }) else {
                linkRows.append(i)
                continue
            }
            blocks[t].model.addRow(columns: entries.map { $0.column - ranges[t].lowerBound }, coefficients: entries.map(\.coefficient),
                                   lower: model.rowLower[i], upper: model.rowUpper[i])
        }
        self.blocks = blocks
        self.linkRows = linkRows
    }

    /// The number of priced rows.
    var linkRowCount: Int { linkRows.count }

    /// The multipliers from the years planned one after another (``HorizonYearsStart``): a priced
    /// row that is a row of year t's own model takes that row's dual, a `present` or `cumulative`
    /// row the reduced cost of the column whose bound it raised in year t (both × δ^(t−1), as the
    /// horizon weighs year t), every other row 0; then each is kept to its sign.
    func startingMultipliers(_ horizon: HorizonFormulation, years: HorizonYearsStart) -> [Double] {
        var multipliers = [Double](repeating: 0, count: model.constraintCount)
        for (t, solution) in years.yearSolutions.enumerated() {
            let weight = horizon.weights[t]
            if let duals = solution.rowDuals {
                for i in horizon.yearRows(t) { multipliers[i] = weight * duals[i - horizon.rowOffset[t]] }
            }
            if let reduced = solution.reducedCosts {
                for raised in years.raisedBounds[t] { multipliers[raised.row] = weight * reduced[raised.column - horizon.columnOffset[t]] }
            }
        }
        return projected(multipliers)
    }

    /// λ kept to the signs its rows allow (≥ 0 without an upper side, ≤ 0 without a lower side);
    /// 0 on the rows kept in the blocks.
    private func projected(_ multipliers: [Double]) -> [Double] {
        var kept = [Double](repeating: 0, count: multipliers.count)
        for i in linkRows {
            var value = multipliers[i]
            if model.rowUpper[i] == .infinity { value = max(0, value) }
            if model.rowLower[i] == -.infinity { value = min(0, value) }
            kept[i] = value.isFinite ? value : 0
        }
        return kept
    }

    /// L(λ) and a supergradient (per row of ``model``: the violation of the priced row's side at
    /// the blocks' minimisers), or nil when a block has no optimum (L(λ) is then not known).
    private mutating func evaluate(_ multipliers: [Double], _ outcome: inout Outcome) throws -> (bound: Double, gradient: [Double])? {
        var costs = model.objective
        var constant = model.objectiveConstant
        for i in linkRows where multipliers[i] != 0 {
            let lambda = multipliers[i]
            constant += lambda > 0 ? lambda * model.rowLower[i] : lambda * model.rowUpper[i]
            for (column, coefficient) in model.row(Constraint(index: i)) { costs[column] -= lambda * coefficient }
        }
        var point = [Double](repeating: 0, count: model.variableCount)
        var total = constant
        for b in blocks.indices {
            let columns = blocks[b].columns
            for j in columns { blocks[b].model.setObjectiveCoefficient(Variable(index: j - columns.lowerBound), costs[j]) }
            var parameters = parameters
            parameters.startingBasis = blocks[b].basis
            // Only prices moved since the block's last solve: its basis is still primal feasible.
            parameters.startingBasisIsPrimalFeasible = blocks[b].basis != nil
            let solution = try solver.solve(blocks[b].model, parameters: parameters)
            (outcome.iterations, outcome.solverSeconds) = (outcome.iterations + solution.simplexIterations,
                                                           outcome.solverSeconds + solution.solveSeconds)
            guard solution.status.isOptimal, let value = solution.objectiveValue else { return nil }
            blocks[b].basis = solution.basis
            total += value
            point.replaceSubrange(columns, with: solution.values)
        }
        outcome.evaluations += 1
        var gradient = [Double](repeating: 0, count: model.constraintCount)
        for i in linkRows {
            let activity = model.row(Constraint(index: i)).reduce(0.0) { $0 + $1.coefficient * point[$1.column] }
            let (lower, upper, lambda) = (model.rowLower[i], model.rowUpper[i], multipliers[i])
            if lambda > 0 || (lambda == 0 && activity < lower) {
                gradient[i] = lower - activity
            } else if lambda < 0 || (lambda == 0 && activity > upper) {
                gradient[i] = upper - activity
            }
        }
        return (total, gradient)
    }

    /// L(λ) at `multipliers` (kept to their signs first), nil when a block has no optimum.
    mutating func value(at multipliers: [Double]) throws -> Double? {
        var outcome = Outcome()
        return try evaluate(projected(multipliers), &outcome)?.bound
    }

    /// The best L(λ) over deterministic projected subgradient steps from `start`, each of Polyak's
    /// length θ (upper − L(λ)) / ‖g‖² toward `upper` (a plan's objective), θ halved after two steps
    /// without a better bound; stops after `steps` evaluations, or once the bound is within `enough`
    /// of `upper`, or when a block has no optimum.
    mutating func improve(from start: [Double], upper: Double, enough: Double, steps: Int) throws -> Outcome {
        var outcome = Outcome()
        var multipliers = projected(start)
        var (theta, sinceBest) = (1.0, 0)
        for _ in 0..<steps {
            guard let (bound, gradient) = try evaluate(multipliers, &outcome) else { break }
            parameters.log?("Lagrangian bound: evaluation \(outcome.evaluations), L(λ) = \(bound), θ = \(theta)")
            if bound > outcome.bound {
                (outcome.bound, outcome.multipliers, sinceBest) = (bound, multipliers, 0)
            } else {
                sinceBest += 1
                if sinceBest >= 2 { (theta, sinceBest) = (theta / 2, 0) }
            }
            let norm = linkRows.reduce(0.0) { $0 + gradient[$1] * gradient[$1] }
            guard upper - outcome.bound > enough, norm > 0 else { break }
            let step = theta * max(0, upper - bound) / norm
            multipliers = projected(linkRows.reduce(into: multipliers) { $0[$1] += step * gradient[$1] })
        }
        return outcome
    }
}
