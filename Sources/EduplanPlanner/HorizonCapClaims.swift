import Foundation
import LinearProgramming

/// The interval on which a binding carry-over cap's value holds (docs/model.md §23, "Claims over
/// years"). The value is −r_w, the reduced cost of w_{f,t} at its cap c_f·B_{f,t}; the horizon's
/// objective as a function of the cap alone (the LP with the plan's integers fixed) is convex and
/// piecewise linear, so where a re-solve at cap ± Δ moves the objective by exactly value·Δ, it moves
/// so all the way between: that side of the interval reaches cap ± Δ. The cap's column bound has no
/// ranging of its own here, so each side is found by re-solving (at most 3 + ``searches`` LPs a
/// side): Δ between a claim's smallest step and the most the cap can move (down to 0; up to what
/// the year has, its budget and what came in). The interval is one on which the value is checked to
/// hold, not always the widest.
enum HorizonCapClaims {
    /// Steps of the search between the smallest step that holds and the largest Δ that fails: few,
    /// as a five-year province has up to (funds × 4) binding caps, each side an LP of the horizon.
    static let searches = 3

    /// Sets `capValueFrom` and `capValueTo` of every binding cap (a `capValue`) of `years`.
    /// - Parameter objective: the horizon's objective (points, constant included).
    static func resolve(_ years: inout [YearPlanResult], _ formulation: HorizonFormulation, _ solution: Solution,
                        objective: Double, solver: any LinearSolver, parameters: SolverParameters) throws {
        var fixed: Model?
        for t in years.indices {
            for c in years[t].carryOver.indices {
                let carry = years[t].carryOver[c]
                guard let value = carry.capValue,
                      let f = formulation.scenario.funds.firstIndex(where: { $0.id == carry.fund }),
                      let w = formulation.carryOver[t][f] else { continue }
                let model = fixed ?? HorizonFundClaims.holdingIntegers(formulation.model, at: solution.values)
                fixed = model
                let side = CapSide(model: model, column: w, scale: formulation.moneyScale, cap: carry.cap, value: value,
                                   objective: objective, basis: solution.basis, solver: solver,
                                   parameters: HorizonFundClaims.quiet(parameters))
                years[t].carryOver[c].capValueFrom = carry.cap - (try side.reach(most: carry.cap, direction: -1))
                years[t].carryOver[c].capValueTo = carry.cap + (try side.reach(most: max(0, carry.budget + carry.carriedIn - carry.cap),
                                                                               direction: 1, natural: carry.lapsed))
            }
        }
    }

    /// One cap's re-solves.
    private struct CapSide {
        let model: Model
        let column: Variable
        let scale: Double
        let cap: Double
        let value: Double
        let objective: Double
        let basis: Basis?
        let solver: any LinearSolver
        let parameters: SolverParameters

        /// A large Δ ≤ `most` (0: none) with the objective at cap + direction·Δ equal to
        /// objective − direction·value·Δ: `most` itself, or nothing when the smallest step of a
        /// claim (``ClaimResolver/step(for:)``) fails, or else the last held of a search halving
        /// the logarithm of the interval between them, from `natural` when it holds (the money
        /// that lapses: carrying all of it is where a binding cap often stops paying).
        func reach(most: Double, direction: Double, natural: Double = 0) throws -> Double {
            var held = min(ClaimResolver.step(for: cap), most), failed = most
            guard held > 0, try holds(held * direction) else { return 0 }
            if held == most { return most }
            if try holds(most * direction) { return most }
            if natural > held, natural < most, try holds(natural * direction) { held = natural }
            for _ in 0..<HorizonCapClaims.searches {
                let middle = (held * failed).squareRoot()
                if try holds(middle * direction) { held = middle } else { failed = middle }
            }
            return held
        }

        /// Whether the LP with the cap moved by `delta` has the objective the value predicts.
        private func holds(_ delta: Double) throws -> Bool {
            var moved = model
            moved.setBounds(column, lower: 0, upper: (cap + delta) * scale)
            var quiet = parameters
            quiet.startingBasis = basis
            let lp = try solver.solve(moved, parameters: quiet)
            guard lp.status.isOptimal, let resolved = lp.objectiveValue else { return false }
            let predicted = objective - value * delta
            return abs(resolved / scale - predicted) <= 1e-7 * max(1, abs(value * delta)) + 1e-9 * abs(objective)
        }
    }
}
