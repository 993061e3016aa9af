import EduplanScenario
import Foundation

/// One resource-directive step of a decomposition (docs/scaling.md, "A country in parts", step 8):
/// each fund's money moves from the parts where its next unit is worth least (the budget row's
/// dual) to those where it is worth most — at least as far as each part's ranging keeps its dual
/// valid, and further by a damped step towards the fund's mean value.
struct PartResplit {
    /// The split after the step (budgets and minimum spends still add up to each fund's).
    var split: PartMoneySplit
    /// The parts whose amount of some fund changed, in order: only they are planned again.
    var changed: [Int]
    /// Σ (v_taker − v_giver) Δ over the moves: what the joined objective falls by when every part
    /// stays within its ranging (exact for the parts' LPs with their integers fixed, which stay
    /// feasible); beyond the ranging it is an upper limit on the gain (the parts' values are convex).
    var predictedGain: Double

    /// A fund's budget dual below this (in objective per unit of money) is not binding.
    static let bindingDual = 1e-9

    /// What part b may give and take of one fund, and its value of a unit (−dual, ≥ 0).
    private struct Room {
        var give = 0.0, take = 0.0, value = 0.0
        /// Whether the budget binds (its room is then the ranging's, shared by the 100% rule).
        var binding = false
        /// Money above the part's minimum spend (what the damped step is a fraction of).
        var free = 0.0
    }

    /// The step from the parts' duals and ranging. Each binding part's room is the larger of
    /// - its ranged room, shared between the funds that move in it (the 100% rule: changes that use
    ///   fractions of their own ranges summing to at most 1 keep the basis), and
    /// - `length` × its money above its minimum spend × its value's relative distance from the
    ///   fund's mean value (amount-weighted over the binding parts), givers below the mean and
    ///   takers above it (0.5 is the session-9 damped step; 0 the ranged step alone);
    ///
    /// money a part holds beyond what it spends (dual 0) moves at no cost down to what it spends or
    /// its minimum spend. Money then moves from the lowest value to the highest while the taker's
    /// value is the higher, as far as the rooms go.
    static func step(_ split: PartMoneySplit, parts: [Decomposition.PartSolve], length: Double) -> PartResplit {
        let rooms = parts.indices.map { b in ranged(parts[b], b, split: split) }
        var moved = split, changed = Set<Int>(), gain = 0.0
        for f in split.amounts.indices {
            let room = damped(rooms.map { $0[f] }, amounts: split.amounts[f], length: length)
            var give = room.map(\.give), take = room.map(\.take)
            let value = room.map(\.value)
            let givers = parts.indices.filter { give[$0] > 0 }.sorted { (value[$0], $0) < (value[$1], $1) }
            let takers = parts.indices.filter { take[$0] > 0 }.sorted { (-value[$0], $0) < (-value[$1], $1) }
            var i = 0, j = 0
            while i < givers.count, j < takers.count {
                let (g, t) = (givers[i], takers[j])
                guard value[t] > value[g] * (1 + 1e-9) + bindingDual else { break }
                let delta = min(give[g], take[t])
                moved.amounts[f][g] -= delta
                moved.amounts[f][t] += delta
                gain += (value[t] - value[g]) * delta
                changed.formUnion([g, t])
                give[g] -= delta
                take[t] -= delta
                if give[g] <= 0 { i += 1 }
                if take[t] <= 0 { j += 1 }
            }
        }
        return PartResplit(split: moved, changed: changed.sorted(), predictedGain: gain)
    }

    /// One fund's rooms widened by the damped step of `length` towards its mean value.
    private static func damped(_ rooms: [Room], amounts: [Double], length: Double) -> [Room] {
        let binding = rooms.indices.filter { rooms[$0].binding }
        let money = binding.reduce(0.0) { $0 + amounts[$1] }
        guard length > 0, money > 0 else { return rooms }
        let mean = binding.reduce(0.0) { $0 + amounts[$1] * rooms[$1].value } / money
        return rooms.map { room in
            guard room.binding, mean > 0 else { return room }
            var widened = room
            let relative = (room.value - mean) / mean
            widened.give = min(room.free, max(room.give, length * room.free * max(0, -relative)))
            widened.take = max(room.take, length * room.free * max(0, relative))
            return widened
        }
    }

    /// Per fund, part `part`'s (the split's part `b`) ranged room and value.
    private static func ranged(_ part: Decomposition.PartSolve, _ b: Int, split: PartMoneySplit) -> [Room] {
        guard let duals = part.result.duals, let plan = part.result.plan else {
            return split.amounts.indices.map { _ in Room() }
        }
        var rooms = split.amounts.indices.map { f -> Room in
            let amount = split.amounts[f][b], minimum = split.minimumSpends[f][b]
            let value = max(0, -duals.budgets[f])
            guard value > bindingDual else {
                // Not binding: what the part leaves unspent moves away without changing its plan.
                return Room(give: max(0, amount - max(minimum, plan.funds[f].spent)))
            }
            let free = max(0, amount - minimum)
            guard f < duals.budgetRanges.count, let range = duals.budgetRanges[f] else {
                return Room(value: value, binding: true, free: free)
            }
            let take = range.upperBound.isFinite ? max(0, range.upperBound - amount) : .infinity
            return Room(give: min(free, max(0, amount - range.lowerBound)), take: take, value: value, binding: true, free: free)
        }
        // The 100% rule: the binding budgets that may move share the part's ranged room.
        let moving = Double(max(1, rooms.filter { $0.binding && ($0.give > 0 || $0.take > 0) }.count))
        for f in rooms.indices where rooms[f].binding {
            rooms[f].give /= moving
            rooms[f].take /= moving
        }
        return rooms
    }
}

extension PartResplit {
    /// The step shortened so that the country-wide Hoover index (F5, hard) stays within its limit.
    /// Over the country, Σ_s |X_s − p_s X| ≤ Σ_b Σ_{s∈b} |X_s − (p_s / P_b) X_b| + Σ_b |X_b − P_b X|
    /// (X_b, P_b: part b's money and need share): moving money between parts changes the last
    /// term, the parts' own imbalance, and the parts' plans keep their own terms within the parts'
    /// bound. So the step is scaled by the largest of 1, 1/2, 1/4, … (down to 1/64; else nothing)
    /// whose parts' imbalance, each part's money moved by its share of the step, grows by at most
    /// 90% of the room the joined plan leaves under the limit. An estimate: the join still checks.
    func withinCountryHoover(limit: Double, current: Double, parts: [Decomposition.PartSolve],
                             needShare: [Double], from split: PartMoneySplit) -> PartResplit {
        let money = parts.map { $0.result.plan?.schools.reduce(0.0) { $0 + $1.received } ?? 0 }
        let need = parts.map { $0.schools.reduce(0.0) { $0 + needShare[$1] } }
        let moved = parts.indices.map { b in split.amounts.indices.reduce(0.0) { $0 + self.split.amounts[$1][b] - split.amounts[$1][b] } }
        func imbalance(_ scale: Double) -> Double {
            let shifted = parts.indices.map { money[$0] + scale * moved[$0] }
            let total = shifted.reduce(0, +)
            guard total > 0 else { return 0 }
            return parts.indices.reduce(0.0) { $0 + abs(shifted[$1] - need[$1] * total) } / (2 * total)
        }
        let room = 0.9 * max(0, limit - current), before = imbalance(0)
        var scale = 1.0
        while scale >= 1.0 / 64 {
            if imbalance(scale) - before <= room { return scaled(scale, from: split) }
            scale /= 2
        }
        return scaled(0, from: split)
    }

    /// The step scaled by `scale` (amounts moved that fraction of the way from `split`).
    func scaled(_ scale: Double, from split: PartMoneySplit) -> PartResplit {
        guard scale < 1 else { return self }
        var shortened = split
        for f in split.amounts.indices {
            shortened.amounts[f] = split.amounts[f].indices.map { b in split.amounts[f][b] + scale * (self.split.amounts[f][b] - split.amounts[f][b]) }
        }
        return PartResplit(split: shortened, changed: scale > 0 ? changed : [], predictedGain: scale * predictedGain)
    }
}
