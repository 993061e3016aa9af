extension Equity {
    /// Every equity metric of MODEL.md §8 for one plan (or one level: pass
    /// `input.restricted(to:)`).
    ///
    /// Per-pupil metrics use v_s = X_s / n_s weighted by n_s over schools with n_s > 0;
    /// Hoover uses every school. Undefined metrics are nil:
    /// - no school with pupils: every per-pupil metric is nil (`schools` is 0);
    /// - total allocation 0 (every v = 0): range and restricted range are 0, the mean,
    ///   median and percentiles 0; every ratio to the mean or a percentile (CV, Gini,
    ///   Theil, Atkinson, McLoone, Verstegen, federal range ratio) and Hoover are nil —
    ///   nothing was allocated, so "how equally" has no answer;
    /// - all v equal and positive: CV, Gini, Theil (all parts) and Atkinson are exactly 0,
    ///   McLoone and Verstegen 1.
    ///
    /// - Complexity: O(n log n) (one sort).
    public static func metrics(_ input: EquityInput) -> EquityMetrics {
        let sample = WeightedSample(values: input.perPupil, weights: input.pupils)
        var result = EquityMetrics()
        result.hoover = hoover(allocation: input.allocation, need: input.need)
        guard !sample.isEmpty else { return result }

        let sorted = SortedSample(sample, ids: input.ids)
        result.schools = sample.values.count
        result.pupils = sample.totalWeight
        result.mean = definedValue(sample.mean)
        result.median = sorted.percentile(0.5)
        result.percentile5 = sorted.percentile(0.05)
        result.percentile95 = sorted.percentile(0.95)
        if let minimum = sample.minimum, let maximum = sample.maximum {
            result.range = definedValue(maximum - minimum)
        }
        result.restrictedRange = restrictedRange(sorted)
        result.federalRangeRatio = federalRangeRatio(sorted)
        result.cv = cv(sample)
        result.mcloone = mcloone(sorted)
        result.verstegen = verstegen(sorted)
        result.gini = gini(sample, sorted: sorted)
        if let decomposition = theilDecomposition(sample, groups: sample.positions.map { input.region[$0] }) {
            result.theil = decomposition.total
            result.theilBetween = decomposition.between
            result.theilWithin = decomposition.within
        }
        result.atkinson0_5 = atkinson(sample, epsilon: 0.5)
        result.atkinson1 = atkinson(sample, epsilon: 1)
        result.atkinson2 = atkinson(sample, epsilon: 2)
        let neutrality = fiscalNeutrality(values: input.perPupil, weights: input.pupils,
                                          income: input.schoolIncome)
        result.fiscalNeutralityCorrelation = neutrality.correlation
        result.fiscalNeutralityElasticity = neutrality.elasticity

        assert(result.namedValues.allSatisfy { !($0.value?.isNaN ?? false) }, "a metric is NaN")
        return result
    }
}
