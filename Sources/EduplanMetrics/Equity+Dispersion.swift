extension Equity {
    /// The weighted mean μ = Σ n v / W.
    ///
    /// - Returns: Nil when no entry has weight.
    /// - Complexity: O(n).
    public static func mean(values: [Double], weights: [Double]) -> Double? {
        definedValue(WeightedSample(values: values, weights: weights).mean)
    }

    /// The coefficient of variation: the weighted population standard deviation over the
    /// weighted mean, √(Σ n (v − μ)² / W) / μ.
    ///
    /// - Returns: 0 when all values are equal and positive; nil when no entry has weight
    ///   or μ ≤ 0.
    /// - Complexity: O(n).
    public static func cv(values: [Double], weights: [Double]) -> Double? {
        cv(WeightedSample(values: values, weights: weights))
    }

    /// The Gini coefficient, Σ_i Σ_j n_i n_j |v_i − v_j| / (2 W² μ), without small-sample
    /// correction.
    ///
    /// Computed from the sorted values: with A_i the weight before entry i and B_i the
    /// weight after it, Σ_i Σ_j n_i n_j |v_i − v_j| = 2 Σ_i n_i v_i (A_i − B_i), so
    /// G = Σ_i n_i v_i (A_i − B_i) / (W · Σ n v). Ties contribute nothing whatever their
    /// order.
    ///
    /// - Returns: 0 when all values are equal and positive; nil when no entry has weight
    ///   or μ ≤ 0.
    /// - Complexity: O(n log n) (never the O(n²) double sum).
    public static func gini(values: [Double], weights: [Double]) -> Double? {
        let sample = WeightedSample(values: values, weights: weights)
        return gini(sample, sorted: SortedSample(sample))
    }

    // MARK: On a prepared sample

    static func cv(_ sample: WeightedSample) -> Double? {
        guard let mean = sample.mean, mean > 0 else { return nil }
        if sample.allEqual { return 0 }
        var sumOfSquares = 0.0
        for (value, weight) in zip(sample.values, sample.weights) {
            let deviation = value - mean
            sumOfSquares += weight * deviation * deviation
        }
        return definedValue((sumOfSquares / sample.totalWeight).squareRoot() / mean)
    }

    static func gini(_ sample: WeightedSample, sorted: SortedSample) -> Double? {
        guard let mean = sample.mean, mean > 0 else { return nil }
        if sample.allEqual { return 0 }
        let totalWeight = sorted.totalWeight
        var before = 0.0
        var sum = 0.0
        for (value, weight) in zip(sorted.values, sorted.weights) {
            let after = totalWeight - before - weight
            sum += weight * value * (before - after)
            before += weight
        }
        return definedValue(max(0, sum / (totalWeight * sample.total)))
    }
}
