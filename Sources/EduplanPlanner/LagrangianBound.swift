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
/// cheapest first), and X, one number, is found exactly (``minimumOverTotal(_:_:)``).
///
/// The multipliers start from the parts of a ``Decomposition``: their row duals, averaged (F4's
/// rescaled from the part's pupils to the country's), and ``LagrangianAscent`` then raises the
/// bound by moving them. Soft rules cap their multiplier at the penalty; soft F1 and the rules the
/// decomposition does not support are left out, which only weakens the bound. Any multipliers
/// give a valid bound (weak duality), so the ascent can only tighten it.
struct LagrangianBound {
    let scenario: Scenario
    let derived: DerivedQuantities
    let parts: [Decomposition.PartSolve]
    /// The multipliers, as row duals of a plan (``PlanDuals``'s rows and signs).
    var duals: PlanDuals
    /// Each (school, subject)'s candidate teachers, for ``teacherTerm(dispatchCosts:supply:)``.
    let slots: TeacherSlots
    /// Σ π ω N + Σ π ω_d V h, the §5 objective's constant (``objectiveConstant(_:_:)``).
    let constantTerm: Double
    /// Each school's money per category, what does not depend on the multipliers.
    private(set) var moneyItems = MoneyItems()
    /// The last teacher and money terms, kept for the next ``value()`` whose inputs are the same.
    let cache = TermCache()

    init(scenario: Scenario, derived: DerivedQuantities, parts: [Decomposition.PartSolve]) {
        self.scenario = scenario
        self.derived = derived
        self.parts = parts
        duals = Self.averagedDuals(parts, funds: scenario.funds.count)
        slots = TeacherSlots(scenario, derived)
        constantTerm = Self.objectiveConstant(scenario, derived)
        // The rules' floors (F1 hard) do not depend on the multipliers.
        moneyItems = MoneyItems(scenario, derived, floors: ruleMultipliers().floors)
    }

    /// The bound, or nil when the scenario has a rule the bound does not price (F2, F6, F7), a
    /// part has no duals, or the pieces show the scenario itself is infeasible.
    static func compute(_ scenario: Scenario, _ derived: DerivedQuantities, parts: [Decomposition.PartSolve]) -> Double? {
        guard FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).allSatisfy(\.isPricedByLagrangianBound),
              parts.allSatisfy({ $0.result.duals != nil }) else { return nil }
        var ascent = LagrangianAscent(LagrangianBound(scenario: scenario, derived: derived, parts: parts))
        return ascent.maximise()
    }

    /// The bound at ``duals`` (nil: a school has a lower bound nothing may pay for). The teacher
    /// and money terms are computed again only when what they depend on has changed since the
    /// last call (``cache``): a move of one fund's price or one rule's often leaves one as it was.
    func value() -> Double? {
        var constant = 0.0
        let prices = budgetPrices(constant: &constant)
        let money = cheapestMoney(prices)
        let multipliers = ruleMultipliers()
        constant += multipliers.constant
        let supply = supplyPrices(constant: &constant)
        let dispatchCosts = dispatchMoneyCosts(money: money, multipliers.dispatchMoneyCosts)
        let teacherInputs = dispatchCosts.map { $0 ?? .infinity } + supply
        if teacherInputs != cache.teacherInputs {
            cache.teacherValue = teacherTerm(dispatchCosts: dispatchCosts, supply: supply)
            cache.teacherInputs = teacherInputs
        }
        // The floors do not depend on the multipliers (``moneyItems``): the rest of the money term's inputs.
        var moneyInputs = [multipliers.excessPrice, multipliers.totalCoefficient] + multipliers.moneyCosts
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch { moneyInputs += money[k].map { $0 ?? .infinity } }
        if moneyInputs != cache.moneyInputs {
            cache.moneyValue = moneyPieces(money: money, multipliers).map { minimumOverTotal($0, multipliers) }
            cache.moneyInputs = moneyInputs
        }
        guard let moneyValue = cache.moneyValue else { return nil }
        return constantTerm + constant + cache.teacherValue + moneyValue
    }

    /// Each school's categories with a need (not dispatch): need N, lower bound (mandatory: N; a
    /// hard floor's αN) and π ω, schools in order (``ranges``), categories in order.
    struct MoneyItems {
        struct Item { var category: Int; var region: Int; var need: Double; var lower: Double; var value: Double }
        var items: [Item] = []
        var ranges: [Range<Int>] = []

        init() {}

        init(_ scenario: Scenario, _ derived: DerivedQuantities, floors: [(_ k: Int, _ s: Int, _ need: Double) -> Double?]) {
            for (s, school) in scenario.schools.enumerated() {
                let first = items.count
                for (k, category) in scenario.categories.enumerated() where !category.isDispatch && derived.need[k][s] > 0 {
                    let need = derived.need[k][s]
                    var lower = category.mandatory ? need : 0
                    for floor in floors { if let least = floor(k, s, need) { lower = max(lower, least) } }
                    items.append(Item(category: k, region: school.region, need: need, lower: lower,
                                      value: derived.priority[s] * category.weight))
                }
                ranges.append(first..<items.count)
            }
        }
    }

    /// The inputs and values of the last teacher and money terms of a ``LagrangianBound``.
    final class TermCache {
        var teacherInputs: [Double] = []
        var teacherValue = 0.0
        var moneyInputs: [Double] = []
        var moneyValue: Double?
    }

    /// The parts' duals, each value averaged over the parts that have it with the parts' school
    /// counts as weights (a group's supply and a region's rows: its own part's value).
    static func averagedDuals(_ parts: [Decomposition.PartSolve], funds: Int) -> PlanDuals {
        func average(_ value: (PlanDuals) -> Double?) -> Double {
            var sum = 0.0, weight = 0.0
            for part in parts {
                let partWeight = Double(part.scenario.schools.count)
                if let v = value(part.result.duals!) { sum += v * partWeight; weight += partWeight }
            }
            return weight > 0 ? sum / weight : 0
        }
        let ruleKeys = Set(parts.flatMap { $0.result.duals!.rules.keys }).sorted()
        let groupIds = Set(parts.flatMap { $0.result.duals!.supplyPerTeacher.keys }).sorted()
        return PlanDuals(budgets: (0..<funds).map { f in average { $0.budgets[f] } },
                         rules: Dictionary(uniqueKeysWithValues: ruleKeys.map { key in (key, average { $0.rules[key] }) }),
                         supplyPerTeacher: Dictionary(uniqueKeysWithValues: groupIds.map { id in (id, average { $0.supplyPerTeacher[id] }) }))
    }

    /// Budget prices p_f = −y_f (money per unit); a positive y needs a minimum spend. Adds each
    /// budget's y·(active bound) to `constant`.
    func budgetPrices(constant: inout Double) -> [Double] {
        var prices: [Double] = []
        for (f, fund) in scenario.funds.enumerated() {
            var y = duals.budgets[f]
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
        /// Each school's added unit cost of money, the rules' costs summed in registry order.
        var moneyCosts: [Double]
        /// The rules' least amounts of x_{k,s} (hard floors; they do not depend on the multipliers).
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

    /// The terms of every rule of the scenario, at ``duals``.
    func ruleMultipliers() -> Multipliers {
        var ruralPupils = 0.0, urbanPupils = 0.0
        for school in scenario.schools {
            if school.rural { ruralPupils += Double(school.enrollment) } else { urbanPupils += Double(school.enrollment) }
        }
        let context = LagrangianContext(bound: self, ruralPupils: ruralPupils, urbanPupils: urbanPupils)
        var m = Multipliers(moneyCosts: [Double](repeating: 0, count: scenario.schools.count), floors: [])
        for rule in FairnessRegistry.rules(for: scenario.fairness, purpose: .plan) {
            guard let priced = rule as? any LagrangianPricedRule else { continue }
            let terms = priced.lagrangianTerms(context)
            if let cost = terms.moneyCost {
                for s in scenario.schools.indices { m.moneyCosts[s] += cost(s) }
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
            supply[g] = max(0, -(duals.supplyPerTeacher[group.id] ?? 0))
            constant -= supply[g] * Double(group.count)
        }
        return supply
    }

    /// Teachers: each (school, subject)'s candidates with a negative cost, cheapest first, up to h,
    /// a teacher of group g costing a_g × its school's `dispatchCosts` (nil: no fund may pay).
    func teacherTerm(dispatchCosts: [Double?], supply: [Double]) -> Double {
        // In (school, subject) order, so the sum has the same bits in every process.
        slots.slots.indices.reduce(0.0) { total, index in
            guard let cost = dispatchCosts[slots.slots[index].school] else { return total }
            return total + slots.fill(index, moneyCost: cost, supply: supply)
        }
    }

    /// Each school's unit cost of dispatch money: the cheapest eligible fund's price plus the
    /// rules' costs (nil: no fund pays for teachers there).
    func dispatchMoneyCosts(money: [[Double?]], _ ruleCosts: [(_ s: Int) -> Double]) -> [Double?] {
        guard let d = scenario.dispatchCategory else { return [Double?](repeating: nil, count: scenario.schools.count) }
        return scenario.schools.indices.map { s in
            money[d][scenario.schools[s].region].map { price in ruleCosts.reduce(price) { $0 + $1(s) } }
        }
    }

    /// Every school's money: its categories' pieces (unit cost, lower and upper bound), cheapest
    /// first, in one array (school s: ``ranges``[s]), and its need share p_s.
    struct SchoolMoney {
        struct Piece { var cost: Double; var lower: Double; var upper: Double }
        var pieces: [Piece] = []
        var ranges: [Range<Int>] = []
        var needShare: [Double]
    }

    /// Every school's pieces; nil when a school has a lower bound nothing may pay for (the
    /// scenario itself is infeasible).
    func moneyPieces(money: [[Double?]], _ m: Multipliers) -> SchoolMoney? {
        var schools = SchoolMoney(needShare: derived.needShare)
        schools.pieces.reserveCapacity(moneyItems.items.count)
        schools.ranges.reserveCapacity(moneyItems.ranges.count)
        for (s, range) in moneyItems.ranges.enumerated() {
            let first = schools.pieces.count
            for item in moneyItems.items[range] {
                guard let price = money[item.category][item.region] else {
                    if item.lower > 0 { return nil }
                    continue
                }
                schools.pieces.append(SchoolMoney.Piece(cost: -item.value + price + m.moneyCosts[s], lower: item.lower, upper: item.need))
            }
            schools.pieces[first...].sort { $0.cost < $1.cost }
            schools.ranges.append(first..<schools.pieces.count)
        }
        return schools
    }

    /// The money part of the Lagrangian at a country total X: per school, lower bounds first,
    /// then pieces by cost; above p_s·X each unit costs λH more.
    func moneyPart(_ X: Double, _ schools: SchoolMoney, _ m: Multipliers) -> Double {
        var total = m.totalCoefficient * X
        for (s, range) in schools.ranges.enumerated() {
            let threshold = schools.needShare[s] * X
            var filled = 0.0, value = 0.0
            for piece in schools.pieces[range] { filled += piece.lower; value += piece.cost * piece.lower }
            value += m.excessPrice * max(0, filled - threshold)
            for piece in schools.pieces[range] {
                var room = piece.upper - piece.lower
                let below = max(0, min(room, threshold - filled))
                if piece.cost < 0 && below > 0 { value += piece.cost * below; filled += below; room -= below }
                if piece.cost + m.excessPrice < 0 && room > 0 { value += (piece.cost + m.excessPrice) * room; filled += room }
            }
            total += value
        }
        return total
    }

    /// The minimum of ``moneyPart(_:_:_:)`` over X in [0, Σ B], found exactly. As a function of
    /// its threshold t = p_s X a school's part is convex and piecewise linear: slope −λ while its
    /// lower bounds and the pieces worth more than λ (cost < −λ) reach past t, then each piece
    /// costing between −λ and 0 in turn (its cost), then 0. So the slope in X, T + Σ_s p_s ×
    /// (school's slope at p_s X), only rises, by steps at known points: the first point where it
    /// is ≥ 0 is the minimum. Less a margin of 10⁻¹² × the largest slope × X for rounding.
    func minimumOverTotal(_ schools: SchoolMoney, _ m: Multipliers) -> Double {
        let upper = scenario.funds.reduce(0.0) { $0 + $1.amount }, lambda = m.excessPrice
        var slope = m.totalCoefficient
        var steps: [(x: Double, change: Double)] = []
        steps.reserveCapacity(2 * schools.ranges.count)
        for (s, range) in schools.ranges.enumerated() where schools.needShare[s] > 0 {
            let p = schools.needShare[s]
            slope -= p * lambda
            var reach = 0.0, current = -lambda
            for piece in schools.pieces[range] {
                reach += piece.lower
                if piece.cost + lambda < 0 { reach += piece.upper - piece.lower }
            }
            for piece in schools.pieces[range] where piece.cost < 0 && piece.cost + lambda >= 0 && piece.upper > piece.lower {
                steps.append((reach / p, p * (piece.cost - current)))
                current = piece.cost
                reach += piece.upper - piece.lower
            }
            steps.append((reach / p, p * (0 - current)))
        }
        steps.sort { $0.x != $1.x ? $0.x < $1.x : $0.change < $1.change }
        var at = 0.0
        for step in steps {
            if slope >= 0 && step.x > at { break }
            slope += step.change
            at = step.x
        }
        let X = min(upper, max(0, at))
        let margin = 1e-12 * (abs(m.totalCoefficient) + lambda) * max(1, upper)
        return min(moneyPart(X, schools, m), moneyPart(0, schools, m), moneyPart(upper, schools, m)) - margin
    }

    /// Σ π ω N + Σ π ω_d V h: the §5 objective's constant.
    static func objectiveConstant(_ scenario: Scenario, _ derived: DerivedQuantities) -> Double {
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
    /// The rule's terms, its multiplier read from the bound's multipliers by `context`.
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

/// What a rule prices with: the bound's multipliers, soft caps, the country's pupils.
struct LagrangianContext {
    let bound: LagrangianBound
    let ruralPupils: Double
    let urbanPupils: Double

    /// The scenario priced.
    var scenario: Scenario { bound.scenario }

    /// The multiplier of the priced row `row` (``Formulation/globalRuleRows``) mapped by
    /// `transform` (0 without one).
    func dual(_ row: String, _ transform: (Double) -> Double = { $0 }) -> Double {
        bound.duals.rules[row].map(transform) ?? 0
    }

    /// A multiplier of the right sign, at most `factor` × the penalty of a soft rule.
    func cap(_ value: Double, _ mode: RuleMode, factor: Double = 1) -> Double {
        if case let .soft(penalty) = mode { return min(max(0, value), penalty * factor) }
        return max(0, value)
    }
}
