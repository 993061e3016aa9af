import EduplanScenario
import Foundation

/// A lower bound on the optimal §5 objective of a whole scenario (its LP relaxation, so also its
/// integer optimum), from multipliers on the rows that tie schools together.
///
/// Weak duality: for any row duals y of the right signs, min_v [c·v − yᵀ(Av − b)] over the rows
/// kept is at most the optimum. The rows priced out are each fund's budget (both sides), F3, F4,
/// F5's Σe ≤ H·X and its X = Σ X_s, F8's and F9's region floors, and every group's supply. What is left falls apart school by
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
struct LagrangianBound {
    let scenario: Scenario
    let derived: DerivedQuantities
    let parts: [Decomposition.PartSolve]

    /// The bound, or nil when the scenario has a rule the bound does not price (F2, F6, F7), a
    /// part has no duals, or the pieces show the scenario itself is infeasible.
    static func compute(_ scenario: Scenario, _ derived: DerivedQuantities, parts: [Decomposition.PartSolve]) -> Double? {
        guard FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).allSatisfy(\.isPricedByLagrangianBound),
              parts.allSatisfy({ $0.result.duals != nil }) else { return nil }
        let bound = LagrangianBound(scenario: scenario, derived: derived, parts: parts)
        var constant = 0.0
        let prices = bound.budgetPrices(constant: &constant)
        let money = bound.cheapestMoney(prices)
        let multipliers = bound.ruleMultipliers()
        constant += multipliers.constant
        let supply = bound.supplyPrices(constant: &constant)
        let teachers = bound.teacherTerm(money: money, supply: supply, multipliers.dispatchMoneyCosts)
        guard let schools = bound.moneyPieces(money: money, multipliers) else { return nil }
        let best = bound.minimumOverTotal(schools, multipliers)
        return bound.objectiveConstant() + constant + teachers + best
    }

    /// The parts' values of one dual, averaged with the parts' school counts as weights (parts
    /// without the value left out).
    func average(_ value: (PlanDuals, Scenario) -> Double?) -> Double {
        var sum = 0.0, weight = 0.0
        for part in parts {
            let partWeight = Double(part.scenario.schools.count)
            if let v = value(part.result.duals!, part.scenario) { sum += v * partWeight; weight += partWeight }
        }
        return weight > 0 ? sum / weight : 0
    }

    /// Budget prices p_f = −y_f (money per unit); a positive y needs a minimum spend. Adds each
    /// budget's y·(active bound) to `constant`.
    func budgetPrices(constant: inout Double) -> [Double] {
        var prices: [Double] = []
        for (f, fund) in scenario.funds.enumerated() {
            var y = average { duals, _ in duals.budgets[f] }
            if fund.minSpend <= 0 { y = min(y, 0) }
            prices.append(-y)
            constant += y < 0 ? y * fund.amount : y * fund.minSpend * fund.amount
        }
        return prices
    }

    /// The cheapest eligible money per (category, region); nil where nothing may pay.
    func cheapestMoney(_ prices: [Double]) -> [[Double?]] {
        var money = [[Double?]](repeating: [Double?](repeating: nil, count: scenario.regions.count), count: scenario.categories.count)
        for (f, fund) in scenario.funds.enumerated() {
            for k in fund.categories {
                for r in scenario.regions.indices where fund.regions.contains(r, in: scenario.regions) {
                    money[k][r] = min(money[k][r] ?? .infinity, prices[f])
                }
            }
        }
        return money
    }

    /// The rules' terms (``LagrangianPricedRule``) summed: a unit cost of money per school, the
    /// floors, and the terms in the country total X.
    struct Multipliers {
        /// Each school's added unit costs of money, one per rule in registry order (added one
        /// by one to the piece's cost, in the order the sum was always taken).
        var moneyCosts: [[Double]]
        /// The rules' least amounts of x_{k,s} (hard floors).
        var floors: [(_ k: Int, _ s: Int, _ need: Double) -> Double?]
        /// The price per unit of a school's money above p_s·X (F5's λ).
        var excessPrice = 0.0
        /// The coefficient of X (F5: −λH − μ).
        var totalCoefficient = 0.0
        /// The rules' added unit costs of dispatch money to a school (F8, F9).
        var dispatchMoneyCosts: [(_ s: Int) -> Double] = []
        /// The rules' constant terms (F8, F9: μ·L).
        var constant = 0.0
    }

    /// The terms of every rule of the scenario, at the parts' averaged duals.
    func ruleMultipliers() -> Multipliers {
        var ruralPupils = 0.0, urbanPupils = 0.0
        for school in scenario.schools {
            if school.rural { ruralPupils += Double(school.enrollment) } else { urbanPupils += Double(school.enrollment) }
        }
        let context = LagrangianContext(bound: self, ruralPupils: ruralPupils, urbanPupils: urbanPupils)
        var m = Multipliers(moneyCosts: [[Double]](repeating: [], count: scenario.schools.count), floors: [])
        for rule in FairnessRegistry.rules(for: scenario.fairness, purpose: .plan) {
            guard let priced = rule as? any LagrangianPricedRule else { continue }
            let terms = priced.lagrangianTerms(context)
            if let cost = terms.moneyCost {
                for s in scenario.schools.indices { m.moneyCosts[s].append(cost(s)) }
            }
            if let floor = terms.floor { m.floors.append(floor) }
            m.excessPrice += terms.excessPrice
            m.totalCoefficient += terms.totalCoefficient
            if let cost = terms.dispatchMoneyCost { m.dispatchMoneyCosts.append(cost) }
            m.constant += terms.constant
        }
        return m
    }

    /// Each group's supply price (a group belongs to one part: its own); subtracts price ×
    /// c_g from `constant`.
    func supplyPrices(constant: inout Double) -> [Double] {
        var supply = [Double](repeating: 0, count: scenario.teacherGroups.count)
        for (g, group) in scenario.teacherGroups.enumerated() {
            supply[g] = max(0, -average { duals, _ in duals.supplyPerTeacher[group.id] })
            constant -= supply[g] * Double(group.count)
        }
        return supply
    }

    /// Teachers: each (school, subject)'s candidates with a negative cost, cheapest first, up to h;
    /// `ruleCosts` add to the unit cost of the dispatch money (a_g per teacher).
    func teacherTerm(money: [[Double?]], supply: [Double], _ ruleCosts: [(_ s: Int) -> Double] = []) -> Double {
        let V = scenario.dispatch.valuePerTeacher ?? 0
        let dispatchWeight = scenario.dispatchCategory.map { scenario.categories[$0].weight } ?? 0
        var costs: [Int: [(cost: Double, upper: Double)]] = [:]
        let subjects = scenario.subjects.count
        for pair in derived.candidates {
            let group = scenario.teacherGroups[pair.group], s = pair.school
            guard let d = scenario.dispatchCategory, let price = money[d][scenario.schools[s].region] else { continue }
            let moneyCost = ruleCosts.reduce(price) { $0 + $1(s) }
            let cost = scenario.dispatch.travelPenaltyPerKm * pair.distanceKm - derived.priority[s] * dispatchWeight * V
                + group.annualCost * moneyCost + supply[pair.group]
            let upper = Double(min(group.count, derived.shortage[s][group.subject]))
            if cost < 0 { costs[s * subjects + group.subject, default: []].append((cost, upper)) }
        }
        var teachers = 0.0
        // In key order: a dictionary's order changes from process to process, and so would the sum.
        for key in costs.keys.sorted() {
            let pairs = costs[key]!
            var room = Double(derived.shortage[key / subjects][key % subjects])
            for pair in pairs.sorted(by: { $0.cost < $1.cost }) where room > 0 {
                let take = min(room, pair.upper)
                teachers += take * pair.cost
                room -= take
            }
        }
        return teachers
    }

    /// One school's money: its categories' pieces (unit cost, lower and upper bound), cheapest
    /// first, and its need share p_s.
    struct SchoolMoney {
        struct Piece { var cost: Double; var lower: Double; var upper: Double }
        var pieces: [Piece]
        var needShare: Double
    }

    /// Every school's pieces; nil when a school has a lower bound nothing may pay for (the
    /// scenario itself is infeasible).
    func moneyPieces(money: [[Double?]], _ m: Multipliers) -> [SchoolMoney]? {
        var schools: [SchoolMoney] = []
        for (s, school) in scenario.schools.enumerated() {
            var pieces: [SchoolMoney.Piece] = []
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let need = derived.need[k][s]
                guard need > 0 else { continue }
                var lower = category.mandatory ? need : 0
                for floor in m.floors { if let least = floor(k, s, need) { lower = max(lower, least) } }
                guard let price = money[k][school.region] else {
                    if lower > 0 { return nil }
                    continue
                }
                let cost = m.moneyCosts[s].reduce(-derived.priority[s] * category.weight + price, +)
                pieces.append(SchoolMoney.Piece(cost: cost, lower: lower, upper: need))
            }
            pieces.sort { $0.cost < $1.cost }
            schools.append(SchoolMoney(pieces: pieces, needShare: derived.needShare[s]))
        }
        return schools
    }

    /// The money part of the Lagrangian at a country total X: per school, lower bounds first,
    /// then pieces by cost; above p_s·X each unit costs λH more.
    func moneyPart(_ X: Double, _ schools: [SchoolMoney], _ m: Multipliers) -> Double {
        var total = m.totalCoefficient * X
        for school in schools {
            let threshold = school.needShare * X
            var filled = 0.0, value = 0.0
            for piece in school.pieces { filled += piece.lower; value += piece.cost * piece.lower }
            value += m.excessPrice * max(0, filled - threshold)
            for piece in school.pieces {
                var room = piece.upper - piece.lower
                let below = max(0, min(room, threshold - filled))
                if piece.cost < 0 && below > 0 { value += piece.cost * below; filled += below; room -= below }
                if piece.cost + m.excessPrice < 0 && room > 0 { value += (piece.cost + m.excessPrice) * room; filled += room }
            }
            total += value
        }
        return total
    }

    /// The minimum of ``moneyPart(_:_:_:)`` over X in [0, Σ B]. It is convex in X (a partial
    /// minimum of a jointly convex function): a golden section search, then the Lipschitz
    /// constant times the last bracket subtracted, so the result stays a bound.
    func minimumOverTotal(_ schools: [SchoolMoney], _ m: Multipliers) -> Double {
        let upper = scenario.funds.reduce(0.0) { $0 + $1.amount }
        var a = 0.0, b = upper
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = moneyPart(c, schools, m), fd = moneyPart(d, schools, m)
        for _ in 0..<80 where b - a > 1e-9 * max(1, upper) {
            if fc <= fd {
                b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = moneyPart(c, schools, m)
            } else {
                a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = moneyPart(d, schools, m)
            }
        }
        let lipschitz = abs(m.totalCoefficient) + m.excessPrice
        return min(fc, fd, moneyPart(0, schools, m), moneyPart(upper, schools, m)) - lipschitz * (b - a)
    }

    /// Σ π ω N + Σ π ω_d V h: the §5 objective's constant.
    func objectiveConstant() -> Double {
        let V = scenario.dispatch.valuePerTeacher ?? 0
        let dispatchWeight = scenario.dispatchCategory.map { scenario.categories[$0].weight } ?? 0
        return scenario.schools.indices.reduce(0.0) { total, s in
            total + scenario.categories.indices.reduce(0.0) { sum, k in
                scenario.categories[k].isDispatch ? sum : sum + derived.priority[s] * scenario.categories[k].weight * derived.need[k][s]
            } + derived.priority[s] * dispatchWeight * V * Double(derived.shortage[s].reduce(0, +))
        }
    }
}

/// A rule ``LagrangianBound`` prices (F1, F3, F4, F5, F8, F9): its terms in the Lagrangian at the parts'
/// multipliers. A rule of the scenario that is not one leaves the decomposed solve without a bound.
protocol LagrangianPricedRule: FairnessRule {
    /// The rule's terms, its multiplier read from the parts' duals by `context`.
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms
}

/// One rule's part of the Lagrangian (nil or 0: no such term).
struct LagrangianTerms {
    /// Added to the unit cost of school s's money: −λ·a_s for a priced row Σ_s a_s X_s ≥ 0.
    var moneyCost: ((_ s: Int) -> Double)?
    /// The least x_{k,s} a hard floor keeps in the pieces (nil from the closure: none for k).
    var floor: ((_ k: Int, _ s: Int, _ need: Double) -> Double?)?
    /// The price per unit of a school's money above p_s·X (F5's λ on Σ e ≤ H·X).
    var excessPrice = 0.0
    /// The coefficient of the country total X in the Lagrangian (F5: −λH − μ).
    var totalCoefficient = 0.0
    /// Added to the unit cost of the dispatch money to school s (a teacher costs a_g of it):
    /// F8's and F9's −μ_r, whose rows count dispatch money.
    var dispatchMoneyCost: ((_ s: Int) -> Double)? = nil
    /// The Lagrangian's constant μ·L of a priced row with a right-hand side L (F8, F9).
    var constant = 0.0
}

/// What a rule prices with: the parts' duals averaged, soft caps, the country's pupils.
struct LagrangianContext {
    let bound: LagrangianBound
    let ruralPupils: Double
    let urbanPupils: Double

    /// The scenario priced.
    var scenario: Scenario { bound.scenario }

    /// The parts' dual of the priced row `row` (``Formulation/globalRuleRows``), averaged;
    /// `transform` maps each part's value first.
    func averageDual(_ row: String, _ transform: @escaping (Double) -> Double = { $0 }) -> Double {
        bound.average { duals, _ in duals.rules[row].map(transform) }
    }

    /// A multiplier of the right sign, at most `factor` × the penalty of a soft rule.
    func cap(_ value: Double, _ mode: RuleMode, factor: Double = 1) -> Double {
        if case let .soft(penalty) = mode { return min(max(0, value), penalty * factor) }
        return max(0, value)
    }
}
