import Foundation
import LinearProgramming

/// The primal heuristic of a plan whose LP relaxation dispatches fractions of teachers
/// (docs/model.md §13, "An integer plan when the relaxation is fractional").
///
/// Dispatch is a transportation problem with side rows, and GLPK's branch and bound can search
/// hundreds of nodes before its first integer plan (issue 17: ~100 s on a 15,000-school province).
/// This builds one from the relaxation instead: round every integer column down
/// (``Model/integersRoundedDown(_:)``), add teachers back where a hard row that involves only the
/// dispatch (F7's share) fell short, re-solve the LP with the dispatch fixed, then give the free
/// teachers (the ones rounded away and any group with capacity left) to the pairs the fixed LP
/// values most — its reduced cost of one more teacher, π·ω·V − λ·d less the money's worth — one
/// teacher at a time within every row's reach, re-solving after each round. The last feasible
/// re-solve is the point; branch and bound keeps it only while it finds nothing better.
///
/// It works on the model's rows, not on named rules: for each row the interval that its integer
/// part may take so that its continuous columns, within their bounds, can still complete it
/// (supply Σ y ≤ c, shortage Σ y ≤ h through u ≥ 0, hard F7 exactly). Rows that bind through the
/// money (budgets, hard floors, F6 through u) are checked by the re-solve: a round it finds
/// infeasible or no better is halved, then given up.
struct DispatchRounding {
    let model: Model
    /// Integer columns, ascending.
    let integerColumns: [Int]
    /// The rows of each integer column (parallel to ``integerColumns``) with their coefficients.
    let entries: [[(row: Int, coefficient: Double)]]
    /// Per row, the interval its integer part must stay in (±infinity where the continuous
    /// columns reach without bound).
    let reachLower: [Double], reachUpper: [Double]

    /// Improvement rounds at most; LP re-solves at most.
    static let rounds = 4, resolves = 12

    /// - Complexity: O(nonzeros).
    init(_ model: Model) {
        self.model = model
        integerColumns = model.columnKind.indices.filter { model.columnKind[$0] != .continuous }
        var position = [Int](repeating: -1, count: model.variableCount)
        for (k, j) in integerColumns.enumerated() { position[j] = k }
        var entries = [[(row: Int, coefficient: Double)]](repeating: [], count: integerColumns.count)
        let (columnLower, columnUpper) = Self.impliedBounds(model, integer: position.map { $0 >= 0 })
        var lower = model.rowLower, upper = model.rowUpper
        for i in 0..<model.constraintCount {
            var continuousLow = 0.0, continuousHigh = 0.0
            for e in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[e]), a = model.entryValue[e]
                if position[j] >= 0 {
                    entries[position[j]].append((i, a))
                    continue
                }
                let (l, u) = (columnLower[j], columnUpper[j])
                continuousLow += a > 0 ? a * l : a * u
                continuousHigh += a > 0 ? a * u : a * l
            }
            lower[i] -= continuousHigh
            upper[i] -= continuousLow
            if lower[i].isNaN { lower[i] = -.infinity }
            if upper[i].isNaN { upper[i] = .infinity }
        }
        self.entries = entries
        reachLower = lower
        reachUpper = upper
    }

    /// Column bounds tightened once by the rows that have no integer column (a budget row
    /// Σ z ≤ B bounds each z ≥ 0 by B), so that a row linking the dispatch to money columns (the
    /// host region's Σ a·y = Σ z) reaches no further than that money. Valid bounds: the reach
    /// stays a necessary condition.
    /// - Complexity: O(nonzeros).
    static func impliedBounds(_ model: Model, integer: [Bool]) -> (lower: [Double], upper: [Double]) {
        var lower = model.columnLower, upper = model.columnUpper
        for i in 0..<model.constraintCount {
            let row = model.rowStart[i]..<model.rowStart[i + 1]
            guard !row.contains(where: { integer[Int(model.entryColumn[$0])] }) else { continue }
            // The row's least and greatest activity over the original bounds, and each column's part.
            func part(_ e: Int) -> (low: Double, high: Double) {
                let j = Int(model.entryColumn[e]), a = model.entryValue[e]
                return a > 0 ? (a * model.columnLower[j], a * model.columnUpper[j]) : (a * model.columnUpper[j], a * model.columnLower[j])
            }
            let parts = row.map(part)
            let least = parts.map(\.low).reduce(0, +), greatest = parts.map(\.high).reduce(0, +)
            for (e, (low, high)) in zip(row, parts) {
                let j = Int(model.entryColumn[e]), a = model.entryValue[e]
                guard a != 0 else { continue }
                // The rest of the row at its least (greatest) activity leaves this column's reach.
                let restLeast = least - low, restGreatest = greatest - high
                if model.rowUpper[i].isFinite, restLeast.isFinite {
                    let bound = (model.rowUpper[i] - restLeast) / a
                    if a > 0 { upper[j] = min(upper[j], bound) } else { lower[j] = max(lower[j], bound) }
                }
                if model.rowLower[i].isFinite, restGreatest.isFinite {
                    let bound = (model.rowLower[i] - restGreatest) / a
                    if a > 0 { lower[j] = max(lower[j], bound) } else { upper[j] = min(upper[j], bound) }
                }
            }
        }
        return (lower, upper)
    }

    /// Whether `point` keeps every column within its bounds and every row within its bounds, up to
    /// 1e-6 of the bound's size (at least 1e-6), with its integer columns whole.
    /// - Complexity: O(nonzeros).
    func satisfiesEveryRow(_ point: [Double]) -> Bool {
        func within(_ value: Double, _ lower: Double, _ upper: Double) -> Bool {
            value >= lower - 1e-6 * max(1, abs(lower)) && value <= upper + 1e-6 * max(1, abs(upper))
        }
        guard point.count == model.variableCount,
              integerColumns.allSatisfy({ point[$0] == point[$0].rounded() }),
              (0..<model.variableCount).allSatisfy({ within(point[$0], model.columnLower[$0], model.columnUpper[$0]) })
        else { return false }
        return (0..<model.constraintCount).allSatisfy { i in
            let activity = (model.rowStart[i]..<model.rowStart[i + 1]).reduce(0.0) { $0 + model.entryValue[$1] * point[Int(model.entryColumn[$1])] }
            return within(activity, model.rowLower[i], model.rowUpper[i])
        }
    }

    /// A dispatch under construction: the point's integer values and each row's integer part.
    struct Dispatch {
        var values: [Double]
        var activity: [Double]
    }

    /// How far `activity` is outside row `i`'s reach (0 inside, with a relative tolerance).
    func violation(_ i: Int, _ activity: Double) -> Double {
        let tolerance = 1e-9 * max(1, abs(activity))
        return max(0, reachLower[i] - activity - tolerance, activity - reachUpper[i] - tolerance)
    }

    /// Whether one more unit of integer column number `k` stays within its bound and leaves every
    /// row within its reach or nearer to it; with `repairing`, it must also bring a row nearer.
    func canAdd(_ k: Int, to dispatch: Dispatch, repairing: Bool = false) -> Bool {
        let j = integerColumns[k]
        guard dispatch.values[j] + 1 <= model.columnUpper[j] + 1e-9 else { return false }
        var repairs = false
        for (i, a) in entries[k] {
            let before = violation(i, dispatch.activity[i]), after = violation(i, dispatch.activity[i] + a)
            if after > before { return false }
            if after < before { repairs = true }
        }
        return !repairing || repairs
    }

    func add(_ k: Int, to dispatch: inout Dispatch) {
        dispatch.values[integerColumns[k]] += 1
        for (i, a) in entries[k] { dispatch.activity[i] += a }
    }

    /// The relaxation rounded down, with its integer part of every row.
    func roundedDown(_ relaxation: [Double]) -> Dispatch {
        let values = model.integersRoundedDown(relaxation)
        var activity = [Double](repeating: 0, count: model.constraintCount)
        for (k, j) in integerColumns.enumerated() where values[j] != 0 {
            for (i, a) in entries[k] { activity[i] += a * values[j] }
        }
        return Dispatch(values: values, activity: activity)
    }

    /// Integer columns by their claim to the teachers rounded away: the largest fraction rounded
    /// away first, then the relaxation's reduced cost, then the column.
    func relaxationOrder(_ relaxation: Solution) -> [Int] {
        let fraction = integerColumns.map { relaxation.values[$0] - (relaxation.values[$0] + 1e-9).rounded(.down) }
        let cost = integerColumns.map { relaxation.reducedCosts?[$0] ?? 0 }
        return integerColumns.indices.sorted { (-fraction[$0], cost[$0], $0) < (-fraction[$1], cost[$1], $1) }
    }

    /// Adds units along `order` while they bring a row outside its reach nearer to it; true when
    /// every row is within reach after.
    func restoreReach(_ dispatch: inout Dispatch, order: [Int]) -> Bool {
        func outside(_ dispatch: Dispatch) -> Bool {
            (0..<model.constraintCount).contains { violation($0, dispatch.activity[$0]) > 0 }
        }
        for _ in 0..<3 where outside(dispatch) {
            for k in order { while canAdd(k, to: dispatch, repairing: true) { add(k, to: &dispatch) } }
        }
        return !outside(dispatch)
    }
}

extension DispatchRounding {
    /// What the heuristic did, for the log.
    struct Report {
        var resolves = 0
        /// Units added to the rounded-down integers (teachers, for the dispatch).
        var teachersAdded = 0
        var objective: Double?
    }

    /// The heuristic's point from the optimal relaxation (nil: none found), solving its LPs with
    /// the integers fixed through `solveFixed`.
    func point(_ relaxation: Solution, _ solveFixed: PrimalHeuristic.FixedIntegersSolve, report: inout Report) throws -> [Double]? {
        let order = relaxationOrder(relaxation)
        var dispatch = roundedDown(relaxation.values)
        let rounded = dispatch.values
        guard restoreReach(&dispatch, order: order) else { return nil }
        func solve(_ d: Dispatch) throws -> Solution? {
            report.resolves += 1
            let solution = try solveFixed(d.values)
            return solution.status.isOptimal && solution.objectiveValue != nil ? solution : nil
        }
        var best = try solve(dispatch)
        if best == nil {
            // A row that binds through the money (F6's cap on u, a floor) wants the fractions back.
            for k in order where relaxation.values[integerColumns[k]] > dispatch.values[integerColumns[k]] + 1e-9
                && canAdd(k, to: dispatch) { add(k, to: &dispatch) }
            best = try solve(dispatch)
        }
        guard var current = best else { return nil }
        for _ in 0..<Self.rounds where report.resolves < Self.resolves {
            guard let (improved, next) = try improve(dispatch, current, solve: solve) else { break }
            (dispatch, current) = (next, improved)
        }
        report.objective = current.objectiveValue
        report.teachersAdded = Int(integerColumns.reduce(0.0) { $0 + dispatch.values[$1] - rounded[$1] }.rounded())
        // The LP gives fixed columns back unscaled (2.0000000000000004): the integers are the dispatch's.
        var point = current.values
        for j in integerColumns { point[j] = dispatch.values[j] }
        return point
    }

    /// One round: the fixed LP's improving columns (reduced cost below 0), most valuable first, a
    /// unit at a time within every row's reach; re-solved, and halved while the re-solve is
    /// infeasible or no better. Nil when no round improves.
    func improve(_ dispatch: Dispatch, _ current: Solution, solve: (Dispatch) throws -> Solution?) throws
        -> (Solution, Dispatch)? {
        guard let reducedCosts = current.reducedCosts, let objective = current.objectiveValue else { return nil }
        let tolerance = 1e-9 * max(1, abs(objective))
        let improving = integerColumns.indices.filter { reducedCosts[integerColumns[$0]] < -1e-7 }
            .sorted { (reducedCosts[integerColumns[$0]], $0) < (reducedCosts[integerColumns[$1]], $1) }
        var additions: [Int] = [], grown = dispatch
        for k in improving { while canAdd(k, to: grown) { add(k, to: &grown); additions.append(k) } }
        var count = additions.count
        while count > 0 {
            var trial = dispatch
            for k in additions.prefix(count) where canAdd(k, to: trial) { add(k, to: &trial) }
            if let solution = try solve(trial), let value = solution.objectiveValue, value < objective - tolerance {
                return (solution, trial)
            }
            count /= 2
            if count < additions.count / 8 { break }
        }
        return nil
    }
}

extension DispatchRounding {
    /// The heuristic for `model`, when it has integers (nil otherwise); `log` hears what it did on
    /// the model it names (`label`).
    static func heuristic(for model: Model, label: String, log: (@Sendable (String) -> Void)?) -> PrimalHeuristic? {
        guard model.isMixedInteger else { return nil }
        return PrimalHeuristic { relaxation, solveFixed in
            let rounding = DispatchRounding(model)
            var report = Report()
            // Branch and bound trusts its start: a point that misses a row by more than the
            // solver's tolerance allows is not offered.
            let point = try rounding.point(relaxation, solveFixed, report: &report).flatMap { rounding.satisfiesEveryRow($0) ? $0 : nil }
            log?("dispatch rounding (\(label)): " + (report.objective.map { "objective \($0)" } ?? "no plan")
                + " after \(report.resolves) LP re-solves, \(report.teachersAdded) teachers added by the repair"
                + (relaxation.objectiveValue.map { " (relaxation bound \($0))" } ?? ""))
            return point
        }
    }
}

extension SolvePipeline {
    /// What the status says about where the plan's integers came from, when the heuristic made the
    /// first incumbent (nil otherwise).
    static func incumbentNote(_ solution: Solution) -> PlanStatusNote? {
        guard solution.startFromHeuristic, solution.status.hasFeasiblePoint else { return nil }
        return solution.startKept ? .dispatchRoundedKept : .dispatchRoundedImproved
    }
}
