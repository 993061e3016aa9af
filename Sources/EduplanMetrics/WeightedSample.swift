/// The entries of a weighted metric that carry weight, in input order.
///
/// Every per-pupil metric leaves out entries with weight 0 (schools with no
/// pupils, MODEL.md §11); this is the one place that does it.
struct WeightedSample {
    /// Values of the entries with positive weight, in input order.
    var values: [Double]
    /// Their weights (all > 0).
    var weights: [Double]
    /// Positions of the kept entries in the caller's arrays.
    var positions: [Int]
    /// Σ weights.
    var totalWeight: Double
    /// Σ weight · value.
    var total: Double

    init(values: [Double], weights: [Double]) {
        precondition(values.count == weights.count, "values and weights must have the same length")
        var keptValues: [Double] = []
        var keptWeights: [Double] = []
        var positions: [Int] = []
        keptValues.reserveCapacity(values.count)
        keptWeights.reserveCapacity(values.count)
        positions.reserveCapacity(values.count)
        var totalWeight = 0.0
        var total = 0.0
        for (position, (value, weight)) in zip(values, weights).enumerated() {
            precondition(value.isFinite, "value at \(position) is not finite")
            precondition(weight.isFinite && weight >= 0, "weight at \(position) must be finite and ≥ 0")
            guard weight > 0 else { continue }
            keptValues.append(value)
            keptWeights.append(weight)
            positions.append(position)
            totalWeight += weight
            total += weight * value
        }
        self.values = keptValues
        self.weights = keptWeights
        self.positions = positions
        self.totalWeight = totalWeight
        self.total = total
    }

    var isEmpty: Bool { values.isEmpty }

    /// The weighted mean μ = Σ n v / W (nil when empty).
    var mean: Double? { isEmpty ? nil : total / totalWeight }

    var minimum: Double? { values.min() }
    var maximum: Double? { values.max() }

    /// True when every value is the same (so every inequality index is exactly 0).
    var allEqual: Bool {
        guard let first = values.first else { return true }
        return values.allSatisfy { $0 == first }
    }

    /// True when some value is below zero (Theil and Atkinson are then undefined).
    var hasNegative: Bool { values.contains { $0 < 0 } }
}

/// The entries with positive weight sorted by value, then id (byte order), then position:
/// the shared first step of the order statistics (percentiles, Gini).
///
/// - Complexity: O(n log n) to build.
struct SortedSample {
    /// Values, ascending.
    var values: [Double]
    /// Weights in the same order.
    var weights: [Double]
    var totalWeight: Double
    /// Exact integer weights and their total, when every weight is a whole number
    /// and the total is below 2^53 (so percentiles compare exactly).
    var integerWeights: [Int]?
    var integerTotal: Int?

    init(_ sample: WeightedSample, ids: [String]? = nil) {
        if let ids {
            precondition(ids.count > (sample.positions.last ?? -1), "ids must have one entry per value")
        }
        let order = sample.values.indices.sorted { a, b in
            let va = sample.values[a], vb = sample.values[b]
            if va != vb { return va < vb }
            if let ids {
                let ia = ids[sample.positions[a]].utf8, ib = ids[sample.positions[b]].utf8
                if !ia.elementsEqual(ib) { return ia.lexicographicallyPrecedes(ib) }
            }
            return a < b
        }
        values = order.map { sample.values[$0] }
        weights = order.map { sample.weights[$0] }
        totalWeight = sample.totalWeight

        // 2^53: every integer up to here is exact in a Double, so the running sums are exact too.
        let exactLimit = 9_007_199_254_740_992.0
        var integers: [Int] = []
        integers.reserveCapacity(weights.count)
        var sum = 0
        var whole = true
        for weight in weights {
            guard weight == weight.rounded(), weight <= exactLimit else { whole = false; break }
            let integer = Int(weight)
            sum += integer
            guard Double(sum) <= exactLimit else { whole = false; break }
            integers.append(integer)
        }
        integerWeights = whole ? integers : nil
        integerTotal = whole ? sum : nil
    }

    var isEmpty: Bool { values.isEmpty }

    /// The lower weighted percentile: the first value (in sorted order) whose cumulative
    /// weight reaches p·W.
    ///
    /// With whole-number weights the comparison is exact: p is read as the shortest decimal
    /// that prints as p (0.05 is 5/100, not the binary double just above it), and
    /// `cumulative · den ≥ num · W` is compared in 128-bit integers. Otherwise
    /// `cumulative ≥ p·W − 1e-12·W`, the tolerance absorbing rounding in the running sum.
    func percentile(_ p: Double) -> Double? {
        precondition(p >= 0 && p <= 1, "percentile fraction must be in [0, 1]")
        guard !isEmpty else { return nil }
        if let integerWeights, let integerTotal, let fraction = DecimalFraction(p) {
            let threshold = fraction.numerator.multipliedFullWidth(by: integerTotal)
            var cumulative = 0
            for (index, weight) in integerWeights.enumerated() {
                cumulative += weight
                let reached = cumulative.multipliedFullWidth(by: fraction.denominator)
                if reached.high > threshold.high
                    || (reached.high == threshold.high && reached.low >= threshold.low) {
                    return values[index]
                }
            }
            return values[values.count - 1]
        }
        let threshold = p * totalWeight - 1e-12 * totalWeight
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if cumulative >= threshold { return values[index] }
        }
        return values[values.count - 1]
    }
}

/// A fraction in [0, 1] as the shortest decimal that rounds to it: 0.05 → 5/100.
struct DecimalFraction: Equatable {
    var numerator: Int
    var denominator: Int

    init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Nil when no decimal of at most 17 places rounds to `value` (very small values);
    /// the caller then falls back to floating-point comparison.
    init?(_ value: Double) {
        guard value >= 0 && value <= 1 else { return nil }
        var scale = 1.0  // 10^k, exact in a Double for k ≤ 22
        var denominator = 1
        for _ in 0...17 {
            let candidate = (value * scale).rounded()
            if candidate / scale == value {
                self.numerator = Int(candidate)
                self.denominator = denominator
                return
            }
            scale *= 10
            denominator *= 10
        }
        return nil
    }
}

/// Maps a non-finite result to nil: no metric ever reports NaN or infinity.
@inline(__always)
func definedValue(_ value: Double?) -> Double? {
    guard let value else { return nil }
    assert(value.isFinite, "metric computed a non-finite value")
    return value.isFinite ? value : nil
}
