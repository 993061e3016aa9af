import Foundation
import LinearProgramming

/// Room in the later years for the teachers a year sends on contracts of several years
/// (docs/model.md §23, "A plan certified by its years").
///
/// A teacher of group g sent to school s in year t (y_{g,s,t}) is at post in every year τ of its
/// contract t ≤ τ < t + L_g, where year τ's own rows read Y_{g,s,τ}: its bound Y ≤ min(c_g, h_{s,j,τ}),
/// the school's shortage row Σ_g Y_{g,s,τ} ≤ h_{s,j,τ} over the groups of subject j, and the group's
/// supply row Σ_s Y_{g,s,τ} ≤ c_{g,τ}. With the years before t fixed, the teachers at post in τ are
/// at least k_{g,s,τ} = Σ_{t' < t, τ < t' + L_g} y_{g,s,t'} (those already sent and still there) plus
/// y_{g,s,t} = Y_{g,s,t} − k_{g,s,t} when the contract reaches τ. Every such row of year τ whose
/// columns are all teachers at post (positive coefficients, an upper side only) holds for the
/// teachers a later plan cannot send home only if
///
///     Σ_{(g,s) reaching τ} a·(Y_{g,s,t} − k_{g,s,t}) + Σ_{(g,s)} a·k_{g,s,τ} ≤ upper,
///
/// so year t's model gets that row (or, for one pair, that bound on Y_{g,s,t}). Each later year then
/// meets its teachers at post within its own bounds and rows by construction, and the joined
/// point keeps the horizon's `present` rows; a year can still lack a plan for other reasons (money
/// its carried-in teachers cost, a rule), and then the horizon is solved whole, as before.
struct HorizonLaterYearsRoom {
    /// Year t's own rows before the room was added: its solution is read back to that shape.
    let yearRowCount: Int
    /// False when an earlier year left more teachers at post in a later year than its bounds
    /// allow (year t can then have no plan keeping the horizon's rows).
    private(set) var fits = true

    /// Adds to `year` (year t's model, the earlier years already fixed in it) the bounds and rows
    /// above for every later year its contracts reach.
    /// - Parameters:
    ///   - values: the joined point of the years before t (columns of ``HorizonFormulation/model``).
    ///   - when: false leaves `year` as it is.
    /// - Complexity: O(nonzeros of the later years' models) per year reached.
    init(_ horizon: HorizonFormulation, year t: Int, values: [Double], in year: inout Model, when: Bool = true) {
        yearRowCount = year.constraintCount
        guard when else { return }
        let groups = horizon.scenario.teacherGroups, candidates = horizon.years[t].derived.candidates
        let length = candidates.map { groups[$0.group].contractYears }
        guard let longest = length.max(), longest > 1 else { return }
        /// Teachers sent before year t still at post in year τ.
        func atPost(_ p: Int, _ tau: Int) -> Double {
            (0..<t).reduce(0.0) { tau < $1 + length[p] ? $0 + values[horizon.newDispatch[$1][p].index] : $0 }
        }
        for tau in (t + 1)..<min(horizon.years.count, t + longest) {
            let reaching = { (p: Int) in length[p] > 1 && tau < t + length[p] }
            for p in candidates.indices where reaching(p) {
                let later = horizon.years[tau].model.columnUpper[horizon.years[tau].y[p].index]
                restrictUpper(Variable(index: horizon.years[t].y[p].index), to: later - atPost(p, tau) + atPost(p, t), in: &year)
            }
            addRows(horizon, t, tau, reaching: reaching, atPost: atPost, in: &year)
        }
    }

    /// Year τ's rows over teachers at post only, written as rows of year t's model (skipped when
    /// year t's bounds already imply them).
    private mutating func addRows(_ horizon: HorizonFormulation, _ t: Int, _ tau: Int, reaching: (Int) -> Bool,
                                  atPost: (Int, Int) -> Double, in year: inout Model) {
        let later = horizon.years[tau].model
        var pairOf: [Int: Int] = [:]
        for (p, present) in horizon.years[tau].y.enumerated() { pairOf[present.index] = p }
        for i in 0..<later.constraintCount where later.rowUpper[i] < .infinity && later.rowLower[i] == -.infinity {
            let entries = later.row(Constraint(index: i))
            guard entries.allSatisfy({ pairOf[$0.column] != nil && $0.coefficient > 0 }) else { continue }
            var columns: [Int] = [], coefficients: [Double] = []
            var upper = later.rowUpper[i], most = 0.0
            for (column, coefficient) in entries {
                let p = pairOf[column]!
                upper -= coefficient * atPost(p, tau)
                guard reaching(p) else { continue }
                let now = horizon.years[t].y[p].index
                upper += coefficient * atPost(p, t)
                most += coefficient * year.columnUpper[now]
                columns.append(now)
                coefficients.append(coefficient)
            }
            guard !columns.isEmpty else {
                if upper < -1e-9 { fits = false }
                continue
            }
            guard most > upper + 1e-9 else { continue }
            year.addRow(columns: columns, coefficients: coefficients, lower: -.infinity, upper: upper,
                        name: later.rowNames[i] + "@later\(horizon.yearNumbers[tau])")
        }
    }

    /// Lowers a column's upper bound (whole for an integer column); never below its lower bound,
    /// which would mean the earlier years left no room (``fits`` false).
    private mutating func restrictUpper(_ column: Variable, to upper: Double, in year: inout Model) {
        var upper = upper
        if year.columnKind[column.index] != .continuous { upper = (upper + 1e-9).rounded(.down) }
        guard upper < year.columnUpper[column.index] else { return }
        guard upper >= year.columnLower[column.index] else {
            fits = false
            return
        }
        year.setBounds(column, lower: year.columnLower[column.index], upper: upper)
    }

    /// A basis of year t's model as it was (nil stays nil) with a basic slack for each row added.
    func extended(_ basis: Basis?, to rowCount: Int) -> Basis? {
        guard var basis, basis.rows.count == yearRowCount else { return basis }
        basis.rows += Array(repeating: .basic, count: rowCount - yearRowCount)
        return basis
    }

    /// `solution` of year t's model with the room read back to the year's own rows.
    func withoutRoomRows(_ solution: Solution) -> Solution {
        var solution = solution
        guard solution.rowActivities.count > yearRowCount else { return solution }
        solution.rowActivities.removeSubrange(yearRowCount...)
        if solution.rowDuals?.count ?? 0 > yearRowCount { solution.rowDuals?.removeSubrange(yearRowCount...) }
        if let basis = solution.basis {
            let dropped = basis.rows[yearRowCount...].filter { $0 != .basic }.count
            // A room row off its basis leaves one basic column too many: no basis of the year's own rows.
            solution.basis = dropped == 0 ? Basis(rows: Array(basis.rows[..<yearRowCount]), columns: basis.columns) : nil
        }
        solution.ranging = solution.ranging.filter { $0.key < yearRowCount }
        return solution
    }
}
