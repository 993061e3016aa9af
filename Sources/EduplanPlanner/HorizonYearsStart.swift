import Foundation
import LinearProgramming

/// A starting basis of a horizon's LP relaxation from its years solved one after another
/// (docs/model.md §23, "Solving a horizon").
///
/// Year t's own LP is solved with what the years before it decided held fixed: the money given
/// to projects before (year t's balance and rule rows pay only the increment, and X_{s,k,t} ≥
/// X_{s,k,t−1}), the teachers still at post from earlier contracts (Y_{g,s,t} ≥ the y of the
/// window's earlier years), nothing carried over. The years' points then join into one point of
/// the horizon that keeps every row, and their bases into a basis of it:
///
/// - every year's block as it ended;
/// - a new-dispatch column y_{g,s,t} basic in place of its `present` row; but where the year's Y
///   ended at the teachers already at post (its raised lower bound), Y becomes basic and y = 0
///   non-basic, since in the horizon Y's own bound is 0;
/// - likewise a project column X_{s,k,t} at its raised bound X_{s,k,t−1} becomes basic, its
///   `cumulative` row non-basic at 0; a fund spent at its minimum keeps its budget row basic and its
///   `min_spend` row (carry-over funds) non-basic; carry-over columns at 0.
///
/// Valid by construction: ordered by year, with each `present` or `cumulative` row after its
/// year's rows, the basis matrix is block lower triangular (a year's rows hold columns of that year
/// and earlier ones) with the years' non-singular bases and a ±1 per link row on its diagonal.
/// The point is the years' own, so the horizon's simplex starts primal feasible where the years
/// agree, and only prices change.
///
/// Why not the years solved independently, two at a time: their teachers and project money
/// disagree from year to year (a three-year post's y_{g,s,t} = Y_t − Y_{t−1} − … is negative
/// wherever Y falls), and on the five-year demo the dual simplex from that start still had 13,000
/// infeasible rows after 13,000 iterations.
struct HorizonYearsStart {
    /// The horizon's starting basis (nil: a year had no optimum, or the years were planned with
    /// their integers).
    private(set) var basis: Basis?
    private(set) var iterations = 0
    private(set) var solverSeconds = 0.0
    /// With `integers`: the joined point (integer columns whole), nil when a year had no plan.
    private(set) var plan: [Double]?
    /// Each year's solution of its own model with the earlier years fixed, in order (fewer than the
    /// years when one had no optimum or plan): ``HorizonLagrangianBound`` starts from their duals.
    private(set) var yearSolutions: [Solution] = []
    /// By year, the link rows that year's model read as raised bounds on its columns.
    private(set) var raisedBounds: [[RaisedBound]] = []

    private let horizon: HorizonFormulation
    /// The joined point, column by column of ``HorizonFormulation/model``.
    private var values: [Double]
    private var statuses: Basis

    /// Solves every year of `horizon` in order: its LP relaxation, or with `integers` the year's
    /// plan (its MIP, the dispatch rounding heuristic as branch and bound's first incumbent, the
    /// duals of the LP with its integers fixed), each within `parameters`' gap and time limit.
    /// - Complexity: one LP (or MIP) per year, each from the previous year's basis when their shapes
    ///   agree, and O(nonzeros) to fix and join them.
    /// - Parameter laterPrices: with `integers`, multipliers of the horizon's rows (``HorizonLagrangianBound``):
    ///   year t's columns then also cost what they do in the later years' priced rows (−Σ λ_r a_r),
    ///   instead of project money valued over the later years.
    init(_ horizon: HorizonFormulation, solver: any LinearSolver, parameters: SolverParameters, integers: Bool = false,
         laterPrices: [Double]? = nil) throws {
        self.horizon = horizon
        values = [Double](repeating: 0, count: horizon.model.variableCount)
        statuses = Basis(rows: Array(repeating: .basic, count: horizon.model.constraintCount),
                         columns: Array(repeating: .atLower, count: horizon.model.variableCount))
        var previous: Basis?
        for t in horizon.years.indices {
            var year = integers ? horizon.years[t].model : horizon.years[t].model.relaxingIntegers()
            if let laterPrices { priceLaterYears(t, laterPrices, in: &year) } else { valueProjectMoneyOverLaterYears(t, in: &year) }
            let links = fixEarlierYears(t, in: &year)
            // The plan's years keep room for the teachers they send; the relaxation's start is left as it was.
            let room = HorizonLaterYearsRoom(horizon, year: t, values: values, in: &year, when: integers)
            guard room.fits else { return }
            var parameters = parameters
            parameters.startingBasis = room.extended(previous, to: year.constraintCount)
            if integers {
                parameters.mipDuals = true
                parameters.primalHeuristic = DispatchRounding.heuristic(for: year, label: "year \(horizon.yearNumbers[t])", log: parameters.log)
            }
            let solution = try room.withoutRoomRows(solver.solve(year, parameters: parameters))
            (iterations, solverSeconds) = (iterations + solution.simplexIterations, solverSeconds + solution.solveSeconds)
            let usable = integers ? solution.status.hasFeasiblePoint : solution.status.isOptimal
            // A plan's statuses are not read (no basis is joined): any of the year's shape will do.
            let anyStatuses = Basis(rows: Array(repeating: .basic, count: room.yearRowCount),
                                    columns: Array(repeating: .atLower, count: year.variableCount))
            guard usable, let yearBasis = solution.basis ?? (integers ? anyStatuses : nil) else { return }
            join(t, solution.values, yearBasis, links)
            if integers { carryWhatIsLeft(t) }
            yearSolutions.append(solution)
            raisedBounds.append(links)
            previous = solution.basis
        }
        if integers {
            plan = values.indices.map { horizon.model.columnKind[$0] == .continuous ? values[$0] : values[$0].rounded() }
        } else {
            basis = statuses.basicCount == horizon.model.constraintCount ? statuses : nil
        }
    }

    /// A link row of year t that the year's LP reads as a raised lower bound on one of its columns.
    struct RaisedBound {
        enum Kind { case present(newDispatch: Int), cumulative }
        var row: Int
        /// The year's column (model index) whose lower bound rose.
        var column: Int
        var bound: Double
        /// The column's upper bound in the year's LP (for Y: the teachers at post plus the most y
        /// may send, ``HorizonFormulation``'s bound on y).
        var upper: Double
        var kind: Kind
    }

    /// Writes what the years before t decided into year t's own LP (its rows' bounds shifted by
    /// the earlier columns they hold; the bounds the `present` and `cumulative` rows imply), and
    /// returns those link rows.
    private func fixEarlierYears(_ t: Int, in year: inout Model) -> [RaisedBound] {
        let model = horizon.model, first = horizon.columnOffset[t]
        for i in horizon.yearRows(t) {
            let shift = model.row(Constraint(index: i)).reduce(0.0) { $1.column < first ? $0 + $1.coefficient * values[$1.column] : $0 }
            guard shift != 0 else { continue }
            let local = Constraint(index: i - horizon.rowOffset[t])
            year.setBounds(local, lower: year.rowLower[local.index] - shift, upper: year.rowUpper[local.index] - shift)
        }
        let newDispatch = Set(horizon.newDispatch[t].map(\.index).filter { horizon.linkColumns(t).contains($0) })
        var raised: [RaisedBound] = []
        for i in horizon.linkRows(t) {
            let entries = model.row(Constraint(index: i))
            let own = entries.filter { horizon.yearColumns(t).contains($0.column) }
            guard own.count == 1, own[0].coefficient == 1 else { continue }
            let earlier = entries.reduce(0.0) { $1.column < first ? $0 + $1.coefficient * values[$1.column] : $0 }
            let bound = model.rowLower[i] - earlier
            let kind: RaisedBound.Kind
            if let y = entries.first(where: { newDispatch.contains($0.column) }) {
                kind = .present(newDispatch: y.column)
            } else if entries.count > 1, model.rowUpper[i] == .infinity {
                kind = .cumulative
            } else {
                continue
            }
            let local = Variable(index: own[0].column - first)
            var upper = year.columnUpper[local.index]
            if case let .present(y) = kind { upper = min(upper, bound + model.columnUpper[y]) }
            let lower = min(max(year.columnLower[local.index], bound), upper)
            year.setBounds(local, lower: lower, upper: upper)
            raised.append(RaisedBound(row: i, column: own[0].column, bound: bound, upper: upper, kind: kind))
        }
        return raised
    }

    /// Project money given in year t stays in every later year (X is cumulative), so year t's LP
    /// values it as the horizon does: its coefficient is the sum of the horizon's coefficients of
    /// X_{s,k,τ} for τ ≥ t, per δ^(t−1). Without it each year funds projects for one year's worth
    /// and the horizon moves that money earlier, pivot by pivot.
    private func valueProjectMoneyOverLaterYears(_ t: Int, in year: inout Model) {
        let years = horizon.years
        for (k, category) in horizon.scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for s in horizon.scenario.schools.indices {
                guard let now = years[t].x[k][s] else { continue }
                let total = (t..<years.count).reduce(0.0) { sum, later in
                    sum + (years[later].x[k][s].map { horizon.model.objective[$0.index + horizon.columnOffset[later]] } ?? 0)
                }
                year.setObjectiveCoefficient(now, total / horizon.weights[t])
            }
        }
    }

    /// Year t's columns priced as the Lagrangian prices them in the rows of later years (per
    /// δ^(t−1), as year t's model is not discounted): −Σ λ_r a_{r,j} over the priced rows r of the
    /// years after t. A new dispatch y_{g,s,t} of a longer contract is not a column of the year's
    /// model: its price goes to Y_{g,s,t}, which it moves one for one once the earlier years are fixed.
    private func priceLaterYears(_ t: Int, _ prices: [Double], in year: inout Model) {
        let model = horizon.model, first = horizon.columnOffset[t]
        guard t + 1 < horizon.years.count, horizon.weights[t] > 0 else { return }
        var extra = [Double](repeating: 0, count: year.variableCount)
        let presentOf = Dictionary(horizon.newDispatch[t].enumerated().map { p, y in (y.index, horizon.years[t].y[p].index) },
                                   uniquingKeysWith: { a, _ in a })
        for i in horizon.rowOffset[t + 1]..<model.constraintCount where prices[i] != 0 {
            for (column, coefficient) in model.row(Constraint(index: i)) {
                if horizon.yearColumns(t).contains(column) {
                    extra[column - first] -= prices[i] * coefficient
                } else if let present = presentOf[column], horizon.linkColumns(t).contains(column) {
                    extra[present] -= prices[i] * coefficient
                }
            }
        }
        for j in extra.indices where extra[j] != 0 {
            year.setObjectiveCoefficient(Variable(index: j), year.objective[j] + extra[j] / horizon.weights[t])
        }
    }

    /// Year t's point and basis written into the horizon's.
    private mutating func join(_ t: Int, _ yearValues: [Double], _ yearBasis: Basis, _ raised: [RaisedBound]) {
        values.replaceSubrange(horizon.yearColumns(t), with: yearValues)
        statuses.rows.replaceSubrange(horizon.yearRows(t), with: yearBasis.rows)
        statuses.columns.replaceSubrange(horizon.yearColumns(t), with: yearBasis.columns)
        for link in raised {
            let atRaisedBound = statuses.columns[link.column] != .basic && statuses.columns[link.column] != .atUpper && link.bound > 0
            switch link.kind {
            case let .present(newDispatch):
                values[newDispatch] = max(0, values[link.column] - link.bound)
                statuses.rows[link.row] = .fixed
                // Y at a bound of the year's own that the horizon does not have: y is at its bound instead.
                let atNewDispatchBound = statuses.columns[link.column] == .atUpper && link.upper < horizon.model.columnUpper[link.column]
                if atRaisedBound || atNewDispatchBound {
                    statuses.columns[link.column] = .basic
                    statuses.columns[newDispatch] = atRaisedBound ? .atLower : .atUpper
                } else {
                    statuses.columns[newDispatch] = .basic
                }
            case .cumulative:
                if atRaisedBound { (statuses.columns[link.column], statuses.rows[link.row]) = (.basic, .atLower) }
            }
        }
        keepMinimumSpendAtItsRow(t)
    }

    /// A plan's money left in year t carried on, up to each fund's cap (w_{f,t} costs nothing, and
    /// the next year's budget row then has it): the later years plan with it.
    private mutating func carryWhatIsLeft(_ t: Int) {
        let model = horizon.model
        for (f, budget) in horizon.budgetRows[t].enumerated() {
            guard let carried = horizon.carryOver[t][f] else { continue }
            let activity = model.row(budget).reduce(0.0) { $0 + $1.coefficient * values[$1.column] }
            values[carried.index] = min(model.columnUpper[carried.index], max(0, model.rowUpper[budget.index] - activity))
        }
    }

    /// A fund spent at its minimum in year t ends with its budget row at its lower bound; in the
    /// horizon that bound is the fund's `min_spend` row (when it carries money over), so that row
    /// leaves the basis instead.
    private mutating func keepMinimumSpendAtItsRow(_ t: Int) {
        let model = horizon.model
        for budget in horizon.budgetRows[t] where statuses.rows[budget.index] == .atLower {
            let columns = Set(model.row(budget).map(\.column).filter { horizon.yearColumns(t).contains($0) })
            guard let minimum = horizon.linkRows(t).first(where: { i in
                model.rowUpper[i] == .infinity && Set(model.row(Constraint(index: i)).map(\.column)) == columns
            }) else { continue }
            (statuses.rows[budget.index], statuses.rows[minimum]) = (.basic, .atLower)
        }
    }
}
