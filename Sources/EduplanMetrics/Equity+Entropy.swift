import Foundation

/// Theil's T split into the inequality between groups and within them.
///
/// `total == between + within` up to rounding (about 1e-15 relative).
public struct TheilDecomposition: Sendable, Codable, Equatable {
    /// Theil's T over all entries.
    public var total: Double
    /// Σ_g (W_g / W)(μ_g / μ) ln(μ_g / μ): the Theil index of the group means.
    public var between: Double
    /// Σ_g (W_g μ_g / (W μ)) T_g: the groups' own Theil indices, weighted by their share
    /// of the money.
    public var within: Double
}

extension Equity {
    /// Theil's T = Σ (n/W)(v/μ) ln(v/μ), a term with v = 0 counting 0.
    ///
    /// 0 is equality; the upper bound is ln W (all money to one pupil's school).
    ///
    /// - Returns: 0 when all values are equal and positive; nil when no entry has weight,
    ///   μ ≤ 0, or any value is negative.
    /// - Complexity: O(n).
    public static func theil(values: [Double], weights: [Double]) -> Double? {
        theil(WeightedSample(values: values, weights: weights))
    }

    /// Theil's T and its decomposition by any grouping of the entries (by region for the
    /// plan metrics):
    /// between = Σ_g (W_g/W)(μ_g/μ) ln(μ_g/μ), within = Σ_g (W_g μ_g / (W μ)) T_g.
    ///
    /// A group whose mean is 0 contributes 0 to both parts. With one group, between = 0
    /// and within = total.
    ///
    /// - Parameters:
    ///   - groups: The group of each entry (parallel to `values`).
    /// - Returns: Nil when Theil's T is undefined (see ``theil(values:weights:)``).
    /// - Complexity: O(n) expected.
    public static func theilDecomposition<Group: Hashable>(
        values: [Double], weights: [Double], groups: [Group]
    ) -> TheilDecomposition? {
        precondition(groups.count == values.count, "groups must have one entry per value")
        let sample = WeightedSample(values: values, weights: weights)
        return theilDecomposition(sample, groups: sample.positions.map { groups[$0] })
    }

    /// The Atkinson index with inequality aversion ε ≥ 0:
    /// 1 − (Σ (n/W)(v/μ)^(1−ε))^(1/(1−ε)), and for ε = 1, 1 − exp(Σ (n/W) ln(v/μ)).
    ///
    /// The share of the mean a planner with aversion ε would give up for equality; in
    /// [0, 1]. With ε ≥ 1 and any v = 0 it is 1 (the equally-distributed equivalent is 0).
    ///
    /// - Returns: 0 when all values are equal and positive; nil when no entry has weight,
    ///   μ ≤ 0, or any value is negative.
    /// - Complexity: O(n).
    public static func atkinson(values: [Double], weights: [Double], epsilon: Double) -> Double? {
        atkinson(WeightedSample(values: values, weights: weights), epsilon: epsilon)
    }

    // MARK: On a prepared sample

    static func theil(_ sample: WeightedSample) -> Double? {
        guard let mean = sample.mean, mean > 0, !sample.hasNegative else { return nil }
        if sample.allEqual { return 0 }
        return definedValue(max(0, theilSum(sample.values, sample.weights, mean: mean) / sample.total))
    }

    /// Σ n v ln(v/μ) over entries with v > 0 (so T = this / Σ n v).
    private static func theilSum(_ values: [Double], _ weights: [Double], mean: Double) -> Double {
        var sum = 0.0
        for (value, weight) in zip(values, weights) where value > 0 {
            sum += weight * value * log(value / mean)
        }
        return sum
    }

    static func theilDecomposition<Group: Hashable>(
        _ sample: WeightedSample, groups: [Group]
    ) -> TheilDecomposition? {
        guard let total = theil(sample), let mean = sample.mean else { return nil }
        if sample.allEqual { return TheilDecomposition(total: 0, between: 0, within: 0) }

        // Groups in order of first appearance, so sums run in a fixed order
        // (Dictionary iteration order changes from run to run).
        var slotOfGroup: [Group: Int] = [:]
        var slotOfEntry: [Int] = []
        slotOfEntry.reserveCapacity(groups.count)
        var groupWeight: [Double] = []
        var groupMoney: [Double] = []
        for (index, group) in groups.enumerated() {
            let slot: Int
            if let existing = slotOfGroup[group] {
                slot = existing
            } else {
                slot = groupWeight.count
                slotOfGroup[group] = slot
                groupWeight.append(0)
                groupMoney.append(0)
            }
            slotOfEntry.append(slot)
            groupWeight[slot] += sample.weights[index]
            groupMoney[slot] += sample.weights[index] * sample.values[index]
        }

        // Σ_{s∈g} n v ln(v/μ_g), so T_g = this / (W_g μ_g) and its within term is this / (W μ).
        var groupTheilSum = [Double](repeating: 0, count: groupWeight.count)
        for (index, slot) in slotOfEntry.enumerated() {
            let value = sample.values[index]
            guard value > 0 else { continue }
            let groupMean = groupMoney[slot] / groupWeight[slot]
            groupTheilSum[slot] += sample.weights[index] * value * log(value / groupMean)
        }

        var between = 0.0
        var within = 0.0
        for slot in groupWeight.indices where groupMoney[slot] > 0 {
            let groupMean = groupMoney[slot] / groupWeight[slot]
            // (W_g/W)(μ_g/μ) = (W_g μ_g)/(W μ) = money share of g.
            between += groupMoney[slot] * log(groupMean / mean)
            within += groupTheilSum[slot]
        }
        between /= sample.total
        within /= sample.total
        guard let between = definedValue(max(0, between)), let within = definedValue(max(0, within)) else {
            return nil
        }
        return TheilDecomposition(total: total, between: between, within: within)
    }

    static func atkinson(_ sample: WeightedSample, epsilon: Double) -> Double? {
        precondition(epsilon.isFinite && epsilon >= 0, "Atkinson's ε must be finite and ≥ 0")
        guard let mean = sample.mean, mean > 0, !sample.hasNegative else { return nil }
        if sample.allEqual || epsilon == 0 { return 0 }
        if epsilon >= 1 && sample.values.contains(0) { return 1 }
        let totalWeight = sample.totalWeight
        let equivalentShare: Double  // equally-distributed equivalent / μ
        if epsilon == 1 {
            var meanLog = 0.0
            for (value, weight) in zip(sample.values, sample.weights) {
                meanLog += weight / totalWeight * log(value / mean)
            }
            equivalentShare = exp(meanLog)
        } else {
            let power = 1 - epsilon
            var meanPower = 0.0
            for (value, weight) in zip(sample.values, sample.weights) {
                meanPower += weight / totalWeight * pow(value / mean, power)
            }
            equivalentShare = pow(meanPower, 1 / power)
        }
        return definedValue(min(1, max(0, 1 - equivalentShare)))
    }
}
