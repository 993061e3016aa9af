import EduplanScenario
import Foundation

/// Each (school, subject) with candidate teachers: how many it lacks (its room) and its candidate
/// groups, the parts of ``LagrangianBound/teacherTerm(dispatchCosts:supply:)`` that do not depend on
/// the multipliers, built once.
struct TeacherSlots {
    /// A candidate group of a slot: its unit cost without money and supply prices
    /// (travel − π ω_d V), its annual cost a_g and how many of it the slot may take.
    struct Candidate {
        var group: Int
        var base: Double
        var annualCost: Double
        var upper: Double
    }

    /// One (school, subject): its shortage h and its candidates (a range of ``candidates``, in
    /// the order of ``DerivedQuantities/candidates``).
    struct Slot {
        var school: Int
        var room: Double
        var range: Range<Int>
    }

    var candidates: [Candidate] = []
    /// In (school, subject) order.
    var slots: [Slot] = []
    /// The slots where each group is a candidate, with its index in ``candidates``.
    var slotsOfGroup: [[(slot: Int, candidate: Int)]]

    init(_ scenario: Scenario, _ derived: DerivedQuantities) {
        let V = scenario.dispatch.valuePerTeacher ?? 0
        let dispatchWeight = scenario.dispatchCategory.map { scenario.categories[$0].weight } ?? 0
        let subjects = scenario.subjects.count, pairs = derived.candidates
        let key = pairs.map { $0.school * subjects + scenario.teacherGroups[$0.group].subject }
        let order = pairs.indices.sorted { (key[$0], $0) < (key[$1], $1) }
        slotsOfGroup = Array(repeating: [], count: scenario.teacherGroups.count)
        candidates.reserveCapacity(pairs.count)
        for i in order {
            let pair = pairs[i], group = scenario.teacherGroups[pair.group], s = pair.school
            if slots.last.map({ $0.school * subjects + scenario.teacherGroups[candidates[$0.range.lowerBound].group].subject }) != key[i] {
                slots.append(Slot(school: s, room: Double(derived.shortage[s][group.subject]), range: candidates.count..<candidates.count))
            }
            slotsOfGroup[pair.group].append((slots.count - 1, candidates.count))
            candidates.append(Candidate(group: pair.group,
                                        base: scenario.dispatch.travelPenaltyPerKm * pair.distanceKm - derived.priority[s] * dispatchWeight * V,
                                        annualCost: group.annualCost, upper: Double(min(group.count, derived.shortage[s][group.subject]))))
            slots[slots.count - 1].range = slots[slots.count - 1].range.lowerBound..<candidates.count
        }
    }

    /// The least cost of slot `index`: its candidates with a negative unit cost (base + a_g ×
    /// `moneyCost` + supply price), cheapest first, up to its room.
    func fill(_ index: Int, moneyCost: Double, supply: [Double]) -> Double {
        var costs: [(cost: Double, upper: Double)] = []
        for candidate in candidates[slots[index].range] {
            let cost = candidate.base + candidate.annualCost * moneyCost + supply[candidate.group]
            if cost < 0 { costs.append((cost, candidate.upper)) }
        }
        costs.sort { $0.cost < $1.cost }
        var room = slots[index].room, value = 0.0
        for pair in costs where room > 0 {
            let take = min(room, pair.upper)
            value += take * pair.cost
            room -= take
        }
        return value
    }

    /// The best supply price of group `g` with every other price fixed: the least σ ≥ 0 at which
    /// the teachers its slots take (cheapest first) are at most its `count` — where the
    /// Lagrangian's slope in σ, (teachers taken) − count, turns ≤ 0 (it is concave in σ).
    func bestSupplyPrice(_ g: Int, count: Double, moneyCost: [Double?], supply: [Double]) -> Double {
        var taken = 0.0
        var drops: [(price: Double, teachers: Double)] = []
        for (slotIndex, own) in slotsOfGroup[g] {
            guard let money = moneyCost[slots[slotIndex].school] else { continue }
            let mine = candidates[own], ownBase = mine.base + mine.annualCost * money
            var others: [(cost: Double, upper: Double)] = []
            for i in slots[slotIndex].range where i != own {
                let other = candidates[i], cost = other.base + other.annualCost * money + supply[other.group]
                if cost < 0 { others.append((cost, other.upper)) }
            }
            others.sort { $0.cost < $1.cost }
            // At price σ the group costs ownBase + σ: it takes what the cheaper others leave of the
            // room, up to its own bound; each other candidate it falls behind, and 0, drop that.
            let room = slots[slotIndex].room
            func take(before: Double) -> Double { min(mine.upper, max(0, room - before)) }
            var before = 0.0, current = 0.0
            var started = false
            for other in others {
                let price = other.cost - ownBase
                if price <= 0 { before += other.upper; continue }
                if !started { current = take(before: before); taken += current; started = true }
                before += other.upper
                let next = take(before: before)
                if next < current { drops.append((price, current - next)) }
                current = next
            }
            if !started { current = take(before: before); taken += current }
            if -ownBase > 0 && current > 0 { drops.append((-ownBase, current)) } else if -ownBase <= 0 { taken -= current }
        }
        guard taken > count else { return 0 }
        drops.sort { $0.price < $1.price }
        for drop in drops {
            taken -= drop.teachers
            if taken <= count + 1e-9 { return drop.price }
        }
        return drops.last?.price ?? 0
    }
}

/// Raises a ``LagrangianBound`` from the parts' averaged duals (docs/scaling.md, "The bound").
/// Every multiplier gives a valid bound (weak duality), so each move is kept only when the bound
/// rises. Rounds of two steps, until a round gains less than 10⁻⁶ of the objective's constant
/// (Σ π ω N, the most U can be) or after ``maxRounds``:
/// 1. each group's supply price set to its best value with the other multipliers fixed
///    (``TeacherSlots/bestSupplyPrice(_:count:moneyCost:supply:)``), group by group;
/// 2. a coordinate search over the country-wide multipliers — each fund's budget price, and each
///    rule row every part has (F3, F4, F5's two) — each a concave function of its own: steps that
///    double while the bound rises and shrink when it does not; a coordinate that did not move in
///    a round is not searched again.
/// Deterministic: the same order of moves on the same numbers.
struct LagrangianAscent {
    var bound: LagrangianBound
    static let maxRounds = 4
    /// A round that gains less than this much of the objective's constant ends the ascent.
    static let relativeGain = 1e-6
    /// Bound evaluations one coordinate may use in a round.
    static let trialsPerCoordinate = 24

    init(_ bound: LagrangianBound) { self.bound = bound }

    /// The multipliers the coordinate search moves.
    enum Coordinate { case budget(Int), rule(String) }

    /// The highest bound found (nil: the bound is nil at the parts' duals). With one part the
    /// parts' duals are the undivided LP's, already the best.
    mutating func maximise() -> Double? {
        guard var best = bound.value() else { return nil }
        guard bound.parts.count > 1 else { return best }
        let scale = max(1, abs(bound.constantTerm))
        var moving = coordinates()
        for _ in 0..<Self.maxRounds {
            let before = best
            improveSupplyPrices(&best)
            // A coordinate that did not move in a round is left alone in the next ones.
            var moved: [Coordinate] = []
            for coordinate in moving where search(coordinate, &best) { moved.append(coordinate) }
            moving = moved
            if best - before < Self.relativeGain * scale { break }
        }
        return best
    }

    /// Each fund, then each rule row every part prices (sorted by name), nonzero somewhere.
    func coordinates() -> [Coordinate] {
        let parts = bound.parts.compactMap(\.result.duals)
        let shared = Set(parts.first?.rules.keys.map { $0 } ?? []).filter { key in parts.allSatisfy { $0.rules[key] != nil } }
        return bound.scenario.funds.indices.map { .budget($0) }
            + shared.sorted().filter { key in parts.contains { $0.rules[key] != 0 } }.map { .rule($0) }
    }

    func get(_ c: Coordinate) -> Double {
        switch c {
        case let .budget(f): bound.duals.budgets[f]
        case let .rule(key): bound.duals.rules[key] ?? 0
        }
    }

    mutating func set(_ c: Coordinate, _ value: Double) {
        switch c {
        case let .budget(f): bound.duals.budgets[f] = value
        case let .rule(key): bound.duals.rules[key] = value
        }
    }

    /// One coordinate: steps from 5% of its value (of the budget prices' mean for a fund at 0),
    /// doubled after a gain in the same direction, divided by three after a loss both ways.
    /// Whether it moved.
    mutating func search(_ c: Coordinate, _ best: inout Double) -> Bool {
        let start = get(c)
        let meanBudget = bound.duals.budgets.reduce(0.0) { $0 + abs($1) } / Double(max(1, bound.duals.budgets.count))
        var step = 0.05 * (start != 0 ? abs(start) : meanBudget)
        let smallest = 1e-3 * step
        var direction = 1.0, trials = 0
        while step > smallest && trials < Self.trialsPerCoordinate {
            let here = get(c)
            var gained = false
            for sign in [direction, -direction] {
                set(c, here + sign * step)
                trials += 1
                if let value = bound.value(), value > best {
                    best = value
                    gained = sign == direction
                    direction = sign
                    break
                }
                set(c, here)
            }
            step = gained ? 2 * step : (get(c) == here ? step / 3 : step)
        }
        return get(c) != start
    }

    /// Step 1: every group's supply price at its best given the rest (group by group, so each
    /// sees the prices already moved); kept when the bound rises.
    mutating func improveSupplyPrices(_ best: inout Double) {
        let groups = bound.scenario.teacherGroups
        guard !groups.isEmpty, let costs = bound.currentDispatchMoneyCosts() else { return }
        let saved = bound.duals.supplyPerTeacher
        var supply = groups.map { max(0, -(bound.duals.supplyPerTeacher[$0.id] ?? 0)) }
        for g in groups.indices {
            supply[g] = bound.slots.bestSupplyPrice(g, count: Double(groups[g].count), moneyCost: costs, supply: supply)
        }
        for (g, group) in groups.enumerated() { bound.duals.supplyPerTeacher[group.id] = -supply[g] }
        if let value = bound.value(), value > best { best = value } else { bound.duals.supplyPerTeacher = saved }
    }
}

extension LagrangianBound {
    /// Each school's unit cost of dispatch money at ``duals`` (nil for a school: no fund pays for
    /// teachers there).
    func currentDispatchMoneyCosts() -> [Double?]? {
        var constant = 0.0
        let money = cheapestMoney(budgetPrices(constant: &constant))
        return dispatchMoneyCosts(money: money, ruleMultipliers().dispatchMoneyCosts)
    }
}
