import EduplanScenario
import Foundation
import LinearProgramming

/// The smallest top-up of a set of funds (docs/model.md, "Top-up"): Δ_f ≥ 0 added to B_f for
/// f in the set (minimum spends stay m_f times the original B_f), minimising Σ Δ_f subject to
/// the mandatory needs, every hard rule and the move cap; soft rules keep their slacks at no cost.
public struct TopUp: Sendable, Equatable {
    /// Δ_f by fund index, in the scenario's money (every fund of the set, zeros included).
    public var amounts: [Int: Double]
    /// Σ Δ_f: the top-up model's optimum.
    public var total: Double
}

/// What a top-up model found.
enum TopUpOutcome: Equatable {
    /// The smallest top-up.
    case found(TopUp)
    /// No top-up of these funds makes the scenario feasible.
    case impossible
    /// The model stopped (time limit, solver failure) without deciding.
    case undetermined
}

extension SolvePipeline {
    /// Solves the top-up model over `funds` (fund indices) through the solve's backend and
    /// settings, the move cap of a re-plan included.
    /// - Throws: what the solver throws (a fault inside it).
    func smallestTopUp(funds: Set<Int>) throws -> TopUpOutcome {
        let formulation = Formulation(scenario: scenario, derived: derived, purpose: .topUp,
                                      stability: options.stability, topUp: funds)
        var quiet = parameters()
        quiet.progress = nil
        let solution = try options.solver.solve(formulation.model, parameters: quiet)
        switch solution.status.termination {
        case .infeasible:
            return .impossible
        case .infeasibleOrUnbounded where !solution.status.hasFeasiblePoint:
            return .impossible
        default:
            break
        }
        guard solution.status.hasFeasiblePoint, solution.status.isOptimal else { return .undetermined }
        let S = formulation.moneyScale
        var amounts: [Int: Double] = [:]
        var total = 0.0
        for f in funds.sorted() {
            guard let delta = formulation.topUpColumns[f] else { continue }
            amounts[f] = max(0, solution[delta] / S)
            total += amounts[f]!
        }
        return .found(TopUp(amounts: amounts, total: total))
    }

    /// The top-up layer of a diagnosis: the smallest top-up of each fund alone, then of every fund
    /// at once (with one split of it).
    /// - Throws: what the solver throws (a fault inside it).
    func topUpSummary() throws -> TopUpSummary {
        let funds = scenario.funds
        var alone: [String: Double?] = [:]
        var undetermined: [String] = []
        for f in funds.indices {
            switch try smallestTopUp(funds: [f]) {
            case let .found(topUp): alone[funds[f].id] = topUp.total
            case .impossible: alone[funds[f].id] = .some(nil)
            case .undetermined: undetermined.append(funds[f].id)
            }
        }
        var allFunds: Double?, split: [String: Double]?
        switch funds.count > 1 ? try smallestTopUp(funds: Set(funds.indices)) : .undetermined {
        case let .found(topUp):
            allFunds = topUp.total
            split = Dictionary(uniqueKeysWithValues: topUp.amounts.filter { $0.value > 1e-6 }.map { (funds[$0.key].id, $0.value) })
        case .impossible:
            break
        case .undetermined:
            if funds.count > 1 { undetermined.append("all") }
        }
        if funds.count == 1, let only = alone[funds[0].id] {
            allFunds = only
            split = only.map { [funds[0].id: $0] }
        }
        return TopUpSummary(eachFundAlone: alone, allFunds: allFunds, split: split, undetermined: undetermined)
    }
}
