import EduplanScenario
import Foundation

/// A lower bound on the optimal §5 objective of a whole scenario (its LP relaxation, so also its
/// integer optimum), from multipliers on the rows that tie schools together.
///
/// Weak duality: for any row duals y of the right signs, min_v [c·v − yᵀ(Av − b)] over the rows
/// kept is at most the optimum. The rows priced out are each fund's budget (both sides), F3, F4,
/// F5's Σe ≤ H·X and its X = Σ X_s, and every group's supply. What is left falls apart school by
/// school: money x_{s,k} within its bounds (mandatory x = N, a hard floor αN) at a unit cost
/// −π ω + (cheapest eligible fund's price) − rule terms, F5's e_s ≥ X_s − p_s X at a price per unit
/// above the share, and each (school, subject)'s candidate teachers up to h at
/// −π ω V + a_g · money price + supply price. Each piece has a closed-form minimum (fill the
/// cheapest first), and X, one number, is found by a search on a convex function.
///
/// The multipliers come from the parts of a ``Decomposition``: their row duals, averaged (F4's
/// rescaled from the part's pupils to the country's). Soft rules cap their multiplier at the
/// penalty; soft F1 and the rules the decomposition does not support are left out, which only
/// weakens the bound.
enum LagrangianBound {
    static func compute(_ scenario: Scenario, _ derived: DerivedQuantities,
                        parts: [(result: PlanResult, scenario: Scenario)]) -> Double? {
        let fairness = scenario.fairness
        guard fairness.maxminCoverage == nil, fairness.shortageCap == nil, fairness.dispatchCountyShare == nil,
              parts.allSatisfy({ $0.result.duals != nil }) else { return nil }
        let weights = parts.map { Double($0.scenario.schools.count) }
        func average(_ value: (PlanDuals, Scenario) -> Double?) -> Double {
            var sum = 0.0, weight = 0.0
            for (b, part) in parts.enumerated() {
                if let v = value(part.result.duals!, part.scenario) { sum += v * weights[b]; weight += weights[b] }
            }
            return weight > 0 ? sum / weight : 0
        }

        // Budget prices p_f = −y_f (money per unit); a positive y needs a minimum spend.
        var prices: [Double] = []
        var constant = 0.0
        for (f, fund) in scenario.funds.enumerated() {
            var y = average { duals, _ in duals.budgets[f] }
            if fund.minSpend <= 0 { y = min(y, 0) }
            prices.append(-y)
            constant += y < 0 ? y * fund.amount : y * fund.minSpend * fund.amount
        }
        // Cheapest eligible money per (category, region); nil: nothing may pay there.
        var money = [[Double?]](repeating: [Double?](repeating: nil, count: scenario.regions.count), count: scenario.categories.count)
        for (f, fund) in scenario.funds.enumerated() {
            for k in fund.categories {
                for r in scenario.regions.indices where fund.regions.contains(r, in: scenario.regions) {
                    money[k][r] = min(money[k][r] ?? .infinity, prices[f])
                }
            }
        }

        // Rule multipliers (λ ≥ 0 in the ≥ / ≤ sense of each row), capped by soft penalties.
        func cap(_ value: Double, _ mode: RuleMode?, factor: Double = 1) -> Double {
            if case let .soft(penalty)? = mode { return min(max(0, value), penalty * factor) }
            return max(0, value)
        }
        let pupils = scenario.schools.reduce(into: (rural: 0.0, urban: 0.0)) {
            if $1.rural { $0.rural += Double($1.enrollment) } else { $0.urban += Double($1.enrollment) }
        }
        let share = fairness.povertyCountyShare
        let lambda3 = share == nil ? 0 : cap(average { duals, _ in duals.rules["poverty_county_share"] }, share?.mode)
        let parity = fairness.ruralParity
        let lambda4 = parity == nil || pupils.rural == 0 || pupils.urban == 0 ? 0
            : cap(average { duals, _ in duals.rules["rural_parity"].map { $0 * pupils.rural } }, parity?.mode)
        let hoover = fairness.hoover
        let lambdaH = hoover == nil ? 0 : cap(average { duals, _ in duals.rules["hoover"].map { -$0 } }, hoover?.mode, factor: 2)
        let nu = hoover == nil ? 0 : average { duals, _ in duals.rules["hoover_total"] }

        // Teachers: each (school, subject)'s candidates, cheapest first, up to h.
        let V = scenario.dispatch.valuePerTeacher ?? 0
        let dispatchWeight = scenario.dispatchCategory.map { scenario.categories[$0].weight } ?? 0
        var supply = [Double](repeating: 0, count: scenario.teacherGroups.count)
        for (g, group) in scenario.teacherGroups.enumerated() {
            // A group belongs to one part: its own supply price.
            supply[g] = max(0, -average { duals, _ in duals.supplyPerTeacher[group.id] })
            constant -= supply[g] * Double(group.count)
        }
        var costs: [Int: [(cost: Double, upper: Double)]] = [:]
        let subjects = scenario.subjects.count
        for pair in derived.candidates {
            let group = scenario.teacherGroups[pair.group], s = pair.school
            guard let d = scenario.dispatchCategory, let price = money[d][scenario.schools[s].region] else { continue }
            let cost = scenario.dispatch.travelPenaltyPerKm * pair.distanceKm - derived.priority[s] * dispatchWeight * V
                + group.annualCost * price + supply[pair.group]
            let upper = Double(min(group.count, derived.shortage[s][group.subject]))
            if cost < 0 { costs[s * subjects + group.subject, default: []].append((cost, upper)) }
        }
        var teachers = 0.0
        for (key, pairs) in costs {
            var room = Double(derived.shortage[key / subjects][key % subjects])
            for pair in pairs.sorted(by: { $0.cost < $1.cost }) where room > 0 {
                let take = min(room, pair.upper)
                teachers += take * pair.cost
                room -= take
            }
        }

        // Money: per school, categories cheapest first; above p_s·X each unit costs λH more.
        struct Piece { var cost: Double; var lower: Double; var upper: Double }
        var schools: [(pieces: [Piece], share: Double)] = []
        for (s, school) in scenario.schools.enumerated() {
            let region = scenario.regions[school.region]
            let a3 = share.map { ($0.designations.contains(region.designation) ? 1 : 0) - $0.share } ?? 0
            let a4 = parity.map { school.rural ? 1 / pupils.rural : -$0.gamma / pupils.urban } ?? 0
            var pieces: [Piece] = []
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let need = derived.need[k][s]
                guard need > 0 else { continue }
                var lower = category.mandatory ? need : 0
                if let floor = fairness.coverageFloor, floor.mode.isHard, let alpha = floor.alpha[k] { lower = max(lower, alpha * need) }
                guard let price = money[k][school.region] else {
                    if lower > 0 { return nil } // the scenario itself is infeasible
                    continue
                }
                let cost = -derived.priority[s] * category.weight + price - lambda3 * a3 - lambda4 * a4 + nu
                pieces.append(Piece(cost: cost, lower: lower, upper: need))
            }
            pieces.sort { $0.cost < $1.cost }
            schools.append((pieces, derived.needShare[s]))
        }
        func moneyPart(_ X: Double) -> Double {
            var total = (-lambdaH * (hoover?.value ?? 0) - nu) * X
            for school in schools {
                let threshold = school.share * X
                var filled = 0.0, value = 0.0
                for piece in school.pieces { filled += piece.lower; value += piece.cost * piece.lower }
                value += lambdaH * max(0, filled - threshold)
                for piece in school.pieces {
                    var room = piece.upper - piece.lower
                    let below = max(0, min(room, threshold - filled))
                    if piece.cost < 0 && below > 0 { value += piece.cost * below; filled += below; room -= below }
                    if piece.cost + lambdaH < 0 && room > 0 { value += (piece.cost + lambdaH) * room; filled += room }
                }
                total += value
            }
            return total
        }
        // moneyPart is convex in X (a partial minimum of a jointly convex function): a golden
        // section search over [0, Σ B], then the Lipschitz constant times the last bracket
        // subtracted, so the result stays a bound.
        let upper = scenario.funds.reduce(0.0) { $0 + $1.amount }
        var a = 0.0, b = upper
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = moneyPart(c), fd = moneyPart(d)
        for _ in 0..<80 where b - a > 1e-9 * max(1, upper) {
            if fc <= fd { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = moneyPart(c) } else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = moneyPart(d) }
        }
        let lipschitz = abs(lambdaH * (hoover?.value ?? 0) + nu) + lambdaH
        let best = min(fc, fd, moneyPart(0), moneyPart(upper)) - lipschitz * (b - a)
        let objectiveConstant = scenario.schools.indices.reduce(0.0) { total, s in
            total + scenario.categories.indices.reduce(0.0) { sum, k in
                scenario.categories[k].isDispatch ? sum : sum + derived.priority[s] * scenario.categories[k].weight * derived.need[k][s]
            } + derived.priority[s] * dispatchWeight * V * Double(derived.shortage[s].reduce(0, +))
        }
        return objectiveConstant + constant + teachers + best
    }
}
