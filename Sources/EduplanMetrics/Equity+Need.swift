/// Money against need for one group: Σ x, Σ N and their ratio.
public struct Coverage: Sendable, Codable, Equatable {
    /// Σ x: the money allocated.
    public var allocated: Double
    /// Σ N: the need.
    public var need: Double
    /// Σ x / Σ N; nil when Σ N = 0.
    public var ratio: Double?

    public init(allocated: Double, need: Double) {
        self.allocated = allocated
        self.need = need
        // Not `definedValue`: a tiny need under a large amount is input, not a metric's fault.
        let ratio = allocated / need
        self.ratio = need > 0 && ratio.isFinite ? ratio : nil
    }
}

/// A count, the total it is part of, and the share count / total.
public struct CountShare: Sendable, Codable, Equatable {
    /// The entries (schools, pupils) that satisfy the condition.
    public var count: Double
    /// All entries considered.
    public var total: Double
    /// count / total; nil when total = 0.
    public var share: Double?

    public init(count: Double, total: Double) {
        self.count = count
        self.total = total
        self.share = total > 0 ? definedValue(count / total) : nil
    }
}

extension Equity {
    /// The Hoover index against need shares: ½ Σ_s |X_s / X − p_s|, p_s = N_s / Σ N.
    ///
    /// The share of all money that would have to move between schools for every school to
    /// receive its share of need; 0 is money exactly proportional to need, 1 the maximum.
    /// Schools with no pupils stay in (need, not pupils, is the base). `need` may be
    /// amounts or shares: it is normalised.
    ///
    /// - Parameters:
    ///   - allocation: X_s ≥ 0, per school.
    ///   - need: N_s ≥ 0, per school (N^all_s: all non-dispatch categories).
    /// - Returns: Nil when X = 0 or Σ N = 0.
    /// - Complexity: O(n).
    public static func hoover(allocation: [Double], need: [Double]) -> Double? {
        precondition(allocation.count == need.count, "allocation and need must have the same length")
        precondition(allocation.allSatisfy { $0.isFinite } && need.allSatisfy { $0.isFinite && $0 >= 0 },
                     "allocation must be finite and need finite and ≥ 0")
        let money = allocation.reduce(0, +)
        let totalNeed = need.reduce(0, +)
        guard money > 0, totalNeed > 0 else { return nil }
        var gap = 0.0
        for (allocated, needed) in zip(allocation, need) {
            gap += abs(allocated / money - needed / totalNeed)
        }
        return definedValue(gap / 2)
    }

    /// Overall coverage: Σ x / Σ N.
    ///
    /// - Complexity: O(n).
    public static func coverage(allocation: [Double], need: [Double]) -> Coverage {
        precondition(allocation.count == need.count, "allocation and need must have the same length")
        return Coverage(allocated: allocation.reduce(0, +), need: need.reduce(0, +))
    }

    /// Minimum coverage: the smallest x_i / N_i over the entries with N_i > 0 (nil when none has
    /// need). Per (school, category) entries of one category, a hard floor x ≥ α N makes it ≥ α.
    ///
    /// - Complexity: O(n).
    public static func minimumCoverage(allocation: [Double], need: [Double]) -> Double? {
        precondition(allocation.count == need.count, "allocation and need must have the same length")
        return zip(allocation, need).lazy.filter { $0.1 > 0 }.map { $0.0 / $0.1 }.min()
    }

    /// Coverage Σ x / Σ N for each group (a category, a region, a level, or a pair of them).
    ///
    /// - Parameters:
    ///   - allocation: Money per entry (for example per school and category).
    ///   - need: Need per entry.
    ///   - groups: The group of each entry.
    /// - Returns: One ``Coverage`` per group that appears.
    /// - Complexity: O(n) expected.
    public static func coverage<Group: Hashable>(
        allocation: [Double], need: [Double], groups: [Group]
    ) -> [Group: Coverage] {
        precondition(allocation.count == need.count && need.count == groups.count,
                     "allocation, need and groups must have the same length")
        var sums: [Group: (allocated: Double, need: Double)] = [:]
        for (index, group) in groups.enumerated() {
            sums[group, default: (0, 0)].allocated += allocation[index]
            sums[group, default: (0, 0)].need += need[index]
        }
        return sums.mapValues { Coverage(allocated: $0.allocated, need: $0.need) }
    }

    /// Poor students fully covered: the poor students of schools whose poor-student needs
    /// are fully funded, and their share of all poor students.
    ///
    /// MODEL.md §11: a school's poor students are fully covered when every mandatory
    /// per-student category counted on `poor` or `poor_boarding` is fully funded there;
    /// the caller decides that flag per school.
    ///
    /// - Parameters:
    ///   - poor: poor_s per school.
    ///   - fullyCovered: Whether the school's poor-student categories are fully funded.
    /// - Returns: count = Σ poor over covered schools, total = Σ poor; share nil when
    ///   there are no poor students.
    /// - Complexity: O(n).
    public static func poorFullyCovered(poor: [Double], fullyCovered: [Bool]) -> CountShare {
        precondition(poor.count == fullyCovered.count, "poor and fullyCovered must have the same length")
        var covered = 0.0
        var total = 0.0
        for (count, isCovered) in zip(poor, fullyCovered) {
            total += count
            if isCovered { covered += count }
        }
        return CountShare(count: covered, total: total)
    }

    /// Unmet need in money: Σ (N − x), summed in the order given (mandatory categories included
    /// when the caller passes them).
    ///
    /// - Parameters:
    ///   - allocation: x per entry (for example per school and category).
    ///   - need: N per entry.
    /// - Complexity: O(n).
    public static func unmetNeed(allocation: [Double], need: [Double]) -> Double {
        precondition(allocation.count == need.count, "allocation and need must have the same length")
        var unmet = 0.0
        for (allocated, needed) in zip(allocation, need) { unmet += needed - allocated }
        return unmet
    }

    /// Whether money meets need, to rounding: x ≥ N (1 − 10⁻⁹) − 10⁻⁶ (round-off in sums of cents
    /// and in a solver's last bits is not a shortfall).
    ///
    /// - Complexity: O(1).
    public static func isFullyFunded(allocated: Double, need: Double) -> Bool {
        allocated >= need * (1 - 1e-9) - 1e-6
    }

    /// Per-pupil allocation of each group, Σ X / Σ n over its entries (groups without pupils are
    /// left out).
    ///
    /// - Parameters:
    ///   - allocation: X per entry (for example per school).
    ///   - pupils: n per entry.
    ///   - groups: The group of each entry (a region, a level).
    /// - Complexity: O(n) expected.
    public static func perPupil<Group: Hashable>(allocation: [Double], pupils: [Double], groups: [Group]) -> [Group: Double] {
        precondition(allocation.count == pupils.count && pupils.count == groups.count,
                     "allocation, pupils and groups must have the same length")
        var money: [Group: Double] = [:], count: [Group: Double] = [:]
        for (index, group) in groups.enumerated() {
            money[group, default: 0] += allocation[index]
            count[group, default: 0] += pupils[index]
        }
        var perPupil: [Group: Double] = [:]
        for (group, n) in count where n > 0 { perPupil[group] = (money[group] ?? 0) / n }
        return perPupil
    }
}
