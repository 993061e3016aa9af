import Testing
@testable import EduplanMetrics

/// The lower weighted percentile: the smallest v whose cumulative pupil weight reaches
/// p·W, compared exactly for whole-number weights (MODEL.md §11).
@Suite("Weighted percentiles")
struct PercentileTests {
    /// v = 1, 2, …, count with one pupil each.
    func ladder(_ count: Int) -> (values: [Double], weights: [Double]) {
        ((1...count).map(Double.init), [Double](repeating: 1, count: count))
    }

    @Test func fivePercentOfTwentyIsTheFirstSchool() {
        // W = 20, p = 0.05: p·W = 1 exactly, reached by the first school. (The binary
        // double 0.05 is slightly above 1/20; read exactly, it would need the second.)
        let (values, weights) = ladder(20)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.05) == 1)
        // p = 0.95: 19 reached at the nineteenth. p = 0.5: 10 at the tenth.
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.95) == 19)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.5) == 10)
    }

    @Test(arguments: [(0.07, 100, 7.0), (0.55, 100, 55.0), (0.28, 25, 7.0), (0.56, 25, 14.0), (0.17, 300, 51.0)])
    func floatingPointProductWouldMisround(p: Double, count: Int, expected: Double) {
        // In binary floating point p·W rounds above the integer it should be
        // (0.07 · 100 = 7.000000000000001), so a naive `cumulative >= p * W` would skip
        // to the next school. The exact comparison stops at cumulative = p·W.
        #expect(p * Double(count) > expected)
        let (values, weights) = ladder(count)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: p) == expected)
    }

    @Test func weightsCountAsPupils() {
        // v = 5 (3 pupils), 7 (2), 9 (5): W = 10.
        // P_0.3: 3 ≥ 3 → 5. P_0.31: 3.1 → needs 5 → 7. P_0.5: 5 → 7. P_0.51 → 9.
        let values: [Double] = [9, 5, 7]
        let weights: [Double] = [5, 3, 2]
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.3) == 5)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.31) == 7)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.5) == 7)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.51) == 9)
        // P_0 is the minimum, P_1 the maximum.
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0) == 5)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 1) == 9)
    }

    @Test func zeroWeightEntriesAreLeftOut() {
        // The school with no pupils (v = 1) is not a candidate, even for P_0.
        let values: [Double] = [1, 4, 6]
        let weights: [Double] = [0, 1, 1]
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0) == 4)
        #expect(Equity.range(values: values, weights: weights) == 2)
    }

    @Test func fractionalWeights() {
        // Ten entries of 0.1: the running sum 0.1 + 0.1 + 0.1 = 0.30000000000000004 and
        // W = 0.9999999999999999; P_0.3 must still be the third value.
        let values = (1...10).map(Double.init)
        let weights = [Double](repeating: 0.1, count: 10)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.3) == 3)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.5) == 5)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.05) == 1)
    }

    @Test func tiesAndIdsDoNotChangeTheValue() {
        let values: [Double] = [3, 1, 3, 2]
        let weights: [Double] = [1, 1, 1, 1]
        for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let withIds = Equity.weightedPercentile(values: values, weights: weights,
                                                    ids: ["b", "z", "a", "c"], p: p)
            let withoutIds = Equity.weightedPercentile(values: values, weights: weights, p: p)
            #expect(withIds == withoutIds)
        }
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.5) == 2)
    }

    @Test func agreesWithReplicatedUnitWeights() {
        // Whole-number weights mean pupils: a school with n pupils is n schools of one.
        var generator = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let count = Int.random(in: 1...30, using: &generator)
            let values = (0..<count).map { _ in Double(Int.random(in: 0...20, using: &generator)) }
            let weights = (0..<count).map { _ in Double(Int.random(in: 1...9, using: &generator)) }
            var replicated: [Double] = []
            for (value, weight) in zip(values, weights) {
                replicated += [Double](repeating: value, count: Int(weight))
            }
            let ones = [Double](repeating: 1, count: replicated.count)
            for p in [0.05, 0.1, 0.25, 0.5, 0.75, 0.95] {
                #expect(Equity.weightedPercentile(values: values, weights: weights, p: p)
                        == Equity.weightedPercentile(values: replicated, weights: ones, p: p))
            }
        }
    }

    @Test func decimalReading() {
        #expect(DecimalFraction(0.05) == DecimalFraction(numerator: 5, denominator: 100))
        #expect(DecimalFraction(0.95) == DecimalFraction(numerator: 95, denominator: 100))
        #expect(DecimalFraction(0.5) == DecimalFraction(numerator: 5, denominator: 10))
        #expect(DecimalFraction(1) == DecimalFraction(numerator: 1, denominator: 1))
        #expect(DecimalFraction(0) == DecimalFraction(numerator: 0, denominator: 1))
        #expect(DecimalFraction(1e-30) == nil)
    }

    @Test func emptyHasNoPercentile() {
        #expect(Equity.weightedPercentile(values: [], weights: [], p: 0.5) == nil)
        #expect(Equity.weightedPercentile(values: [3], weights: [0], p: 0.5) == nil)
    }
}
