extension Equity {
    /// The lower weighted percentile P_p: the smallest value whose cumulative weight
    /// (entries sorted by value, then id in byte order) reaches p·W.
    ///
    /// With whole-number weights (pupil counts) the comparison is exact: `p` is read as
    /// the decimal it prints as (0.05 is 5/100) and compared in integers, so 20 schools of
    /// one pupil give P_0.05 = the first value, never the second. Ties in value are
    /// ordered by `ids` (or by position when `ids` is nil); the order of equal values
    /// cannot change the result, it only makes the scan deterministic.
    ///
    /// - Parameters:
    ///   - values: One value per entry.
    ///   - weights: One weight ≥ 0 per entry; entries with weight 0 are left out.
    ///   - ids: Optional ids, one per entry, for the tie order.
    ///   - p: The fraction, in [0, 1]. P_0 is the minimum, P_1 the maximum.
    /// - Returns: The percentile, or nil when no entry has weight.
    /// - Complexity: O(n log n).
    public static func weightedPercentile(
        values: [Double], weights: [Double], ids: [String]? = nil, p: Double
    ) -> Double? {
        SortedSample(WeightedSample(values: values, weights: weights), ids: ids).percentile(p)
    }

    /// The range: max v − min v over entries with weight.
    ///
    /// - Returns: Nil when no entry has weight.
    /// - Complexity: O(n).
    public static func range(values: [Double], weights: [Double]) -> Double? {
        let sample = WeightedSample(values: values, weights: weights)
        guard let minimum = sample.minimum, let maximum = sample.maximum else { return nil }
        return definedValue(maximum - minimum)
    }

    /// The restricted range: P_0.95 − P_0.05 (lower weighted percentiles).
    ///
    /// - Returns: Nil when no entry has weight.
    /// - Complexity: O(n log n).
    public static func restrictedRange(values: [Double], weights: [Double]) -> Double? {
        restrictedRange(SortedSample(WeightedSample(values: values, weights: weights)))
    }

    /// The federal range ratio: (P_0.95 − P_0.05) / P_0.05.
    ///
    /// - Returns: Nil when no entry has weight or P_0.05 = 0.
    /// - Complexity: O(n log n).
    public static func federalRangeRatio(values: [Double], weights: [Double]) -> Double? {
        federalRangeRatio(SortedSample(WeightedSample(values: values, weights: weights)))
    }

    /// The McLoone index: Σ_{v ≤ M} n v / (M · Σ_{v ≤ M} n), with M = P_0.5.
    ///
    /// What the pupils at or below the median receive, as a fraction of what they would
    /// receive if all were raised to the median. 1 is perfect equality in the lower half.
    ///
    /// - Returns: Nil when no entry has weight or M = 0.
    /// - Complexity: O(n log n).
    public static func mcloone(values: [Double], weights: [Double]) -> Double? {
        mcloone(SortedSample(WeightedSample(values: values, weights: weights)))
    }

    /// The Verstegen index: Σ_{v ≥ M} n v / (M · Σ_{v ≥ M} n), with M = P_0.5.
    ///
    /// The McLoone index's mirror for the upper half: 1 is equality, above 1 the upper
    /// half is spread above the median.
    ///
    /// - Returns: Nil when no entry has weight or M = 0.
    /// - Complexity: O(n log n).
    public static func verstegen(values: [Double], weights: [Double]) -> Double? {
        verstegen(SortedSample(WeightedSample(values: values, weights: weights)))
    }

    // MARK: On a sorted sample (shared with `metrics(_:)`, which sorts once)

    static func restrictedRange(_ sorted: SortedSample) -> Double? {
        guard let high = sorted.percentile(0.95), let low = sorted.percentile(0.05) else { return nil }
        return definedValue(high - low)
    }

    static func federalRangeRatio(_ sorted: SortedSample) -> Double? {
        guard let high = sorted.percentile(0.95), let low = sorted.percentile(0.05), low != 0 else {
            return nil
        }
        return definedValue((high - low) / low)
    }

    static func mcloone(_ sorted: SortedSample) -> Double? {
        medianRatio(sorted) { value, median in value <= median }
    }

    static func verstegen(_ sorted: SortedSample) -> Double? {
        medianRatio(sorted) { value, median in value >= median }
    }

    /// Σ_{selected} n v / (M · Σ_{selected} n).
    private static func medianRatio(
        _ sorted: SortedSample, selects: (Double, Double) -> Bool
    ) -> Double? {
        guard let median = sorted.percentile(0.5), median != 0 else { return nil }
        var money = 0.0
        var pupils = 0.0
        var allAtMedian = true
        for (value, weight) in zip(sorted.values, sorted.weights) where selects(value, median) {
            money += weight * value
            pupils += weight
            allAtMedian = allAtMedian && value == median
        }
        // Exactly 1 when the half is flat (the ratio of sums could round to 0.999…).
        if allAtMedian { return 1 }
        // The median itself is always selected, so pupils > 0.
        return definedValue(money / (median * pupils))
    }
}
