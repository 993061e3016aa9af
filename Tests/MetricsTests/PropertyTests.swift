import Foundation
import Testing
@testable import EduplanMetrics

/// Invariants checked on many random inputs (a seeded generator, so failures reproduce).
@Suite("Properties")
struct PropertyTests {
    func randomSample(_ generator: inout SplitMix64, count: ClosedRange<Int> = 1...60,
                      zeros: Bool = true) -> (values: [Double], weights: [Double]) {
        let n = Int.random(in: count, using: &generator)
        let values = (0..<n).map { _ -> Double in
            if zeros && Int.random(in: 0..<8, using: &generator) == 0 { return 0 }
            return Double.random(in: 1...10_000, using: &generator)
        }
        let weights = (0..<n).map { _ in Double(Int.random(in: 1...500, using: &generator)) }
        return (values, weights)
    }

    @Test func sortedGiniEqualsTheDoubleSum() {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<200 {
            let (values, weights) = randomSample(&generator)
            guard values.contains(where: { $0 > 0 }) else { continue }
            let fast = Equity.gini(values: values, weights: weights)
            #expect(close(fast, giniByDoubleSum(values, weights), 1e-12))
        }
    }

    @Test func sortedGiniEqualsTheDoubleSumWithTies() {
        // Many equal values: ties must contribute nothing whatever their order.
        var generator = SplitMix64(seed: 2)
        for _ in 0..<100 {
            let n = Int.random(in: 2...40, using: &generator)
            let values = (0..<n).map { _ in Double(Int.random(in: 0...3, using: &generator)) }
            let weights = (0..<n).map { _ in Double(Int.random(in: 1...5, using: &generator)) }
            guard values.contains(where: { $0 > 0 }) else { continue }
            #expect(close(Equity.gini(values: values, weights: weights), giniByDoubleSum(values, weights), 1e-12))
        }
    }

    @Test func giniScalesToFifteenThousandSchools() {
        // 20,000 schools (the double sum would be 4·10⁸ terms), checked against the closed
        // form for v = 1…n, one pupil each: Σ_i Σ_j |i − j| = n(n² − 1)/3 and μ = (n + 1)/2,
        // so G = [n(n² − 1)/3] / [2 n² (n + 1)/2] = (n − 1)/(3n).
        let n = 20_000
        let values = (1...n).map(Double.init)
        let weights = [Double](repeating: 1, count: n)
        #expect(close(Equity.gini(values: values, weights: weights), Double(n - 1) / Double(3 * n), 1e-12))
    }

    @Test func theilDecompositionAddsUp() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let (values, weights) = randomSample(&generator)
            let groups = values.indices.map { _ in Int.random(in: 0..<5, using: &generator) }
            guard let result = Equity.theilDecomposition(values: values, weights: weights, groups: groups) else {
                #expect(values.allSatisfy { $0 == 0 })
                continue
            }
            #expect(abs(result.between + result.within - result.total) <= 1e-12)
            #expect(close(result.total, Equity.theil(values: values, weights: weights)!))
            #expect(result.between >= 0 && result.within >= 0)
        }
    }

    @Test func oneGroupHasNoBetween() {
        var generator = SplitMix64(seed: 4)
        for _ in 0..<50 {
            let (values, weights) = randomSample(&generator, zeros: false)
            let result = Equity.theilDecomposition(values: values, weights: weights,
                                                   groups: [String](repeating: "all", count: values.count))
            #expect(result?.between == 0)
            #expect(close(result?.within, result!.total))
        }
    }

    @Test func eachEntryItsOwnGroupHasNoWithin() {
        // Singleton groups: within = 0, between = total.
        var generator = SplitMix64(seed: 5)
        let (values, weights) = randomSample(&generator, count: 10...30, zeros: false)
        let result = Equity.theilDecomposition(values: values, weights: weights, groups: Array(values.indices))
        #expect(close(result?.within, 0))
        #expect(close(result?.between, result!.total))
    }

    @Test func equalWeightsReduceToUnweighted() {
        // Weights all 3 give the same metrics as weights all 1: only relative weights matter.
        var generator = SplitMix64(seed: 6)
        for _ in 0..<50 {
            let (values, _) = randomSample(&generator, count: 2...40)
            guard values.contains(where: { $0 > 0 }) else { continue }
            let one = [Double](repeating: 1, count: values.count)
            let three = [Double](repeating: 3, count: values.count)
            #expect(close(Equity.gini(values: values, weights: three), Equity.gini(values: values, weights: one)!))
            #expect(close(Equity.theil(values: values, weights: three), Equity.theil(values: values, weights: one)!))
            #expect(close(Equity.cv(values: values, weights: three), Equity.cv(values: values, weights: one)!))
            for epsilon in [0.5, 1, 2] {
                #expect(close(Equity.atkinson(values: values, weights: three, epsilon: epsilon),
                              Equity.atkinson(values: values, weights: one, epsilon: epsilon)!))
            }
            for p in [0.05, 0.5, 0.95] {
                #expect(Equity.weightedPercentile(values: values, weights: three, p: p)
                        == Equity.weightedPercentile(values: values, weights: one, p: p))
            }
            if let unweighted = Equity.mcloone(values: values, weights: one) {
                #expect(close(Equity.mcloone(values: values, weights: three), unweighted))
            }
        }
    }

    @Test func wholeNumberWeightsAreReplicatedSchools() {
        // A school of n pupils is n schools of one pupil: every per-pupil metric agrees.
        var generator = SplitMix64(seed: 8)
        for _ in 0..<40 {
            let n = Int.random(in: 1...20, using: &generator)
            let values = (0..<n).map { _ in Double(Int.random(in: 1...50, using: &generator)) }
            let weights = (0..<n).map { _ in Double(Int.random(in: 1...6, using: &generator)) }
            var replicated: [Double] = []
            for (value, weight) in zip(values, weights) { replicated += Array(repeating: value, count: Int(weight)) }
            let ones = [Double](repeating: 1, count: replicated.count)
            #expect(close(Equity.gini(values: values, weights: weights), Equity.gini(values: replicated, weights: ones)!))
            #expect(close(Equity.theil(values: values, weights: weights), Equity.theil(values: replicated, weights: ones)!))
            #expect(close(Equity.cv(values: values, weights: weights), Equity.cv(values: replicated, weights: ones)!))
            #expect(close(Equity.atkinson(values: values, weights: weights, epsilon: 2),
                          Equity.atkinson(values: replicated, weights: ones, epsilon: 2)!))
            #expect(Equity.restrictedRange(values: values, weights: weights)
                    == Equity.restrictedRange(values: replicated, weights: ones))
            #expect(close(Equity.mcloone(values: values, weights: weights), Equity.mcloone(values: replicated, weights: ones)!))
            #expect(close(Equity.verstegen(values: values, weights: weights), Equity.verstegen(values: replicated, weights: ones)!))
        }
    }

    @Test func scaleInvariance() {
        // Doubling every allocation changes no relative index.
        var generator = SplitMix64(seed: 9)
        let (values, weights) = randomSample(&generator, count: 10...40)
        let doubled = values.map { $0 * 2 }
        #expect(close(Equity.gini(values: doubled, weights: weights), Equity.gini(values: values, weights: weights)!))
        #expect(close(Equity.theil(values: doubled, weights: weights), Equity.theil(values: values, weights: weights)!))
        #expect(close(Equity.cv(values: doubled, weights: weights), Equity.cv(values: values, weights: weights)!))
        #expect(close(Equity.atkinson(values: doubled, weights: weights, epsilon: 0.5),
                      Equity.atkinson(values: values, weights: weights, epsilon: 0.5)!))
    }

    @Test func atkinsonIsOrderedByAversion() {
        // A(ε) increases with ε for unequal data, and stays in [0, 1].
        var generator = SplitMix64(seed: 10)
        for _ in 0..<50 {
            let (values, weights) = randomSample(&generator, count: 2...40, zeros: false)
            let a = [0.5, 1, 2].map { Equity.atkinson(values: values, weights: weights, epsilon: $0)! }
            #expect(a[0] <= a[1] && a[1] <= a[2])
            #expect(a.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test func noMetricIsEverNaN() {
        var generator = SplitMix64(seed: 11)
        for round in 0..<300 {
            let n = Int.random(in: 0...25, using: &generator)
            let pupils = (0..<n).map { _ in Double(Int.random(in: 0...3, using: &generator) == 0 ? 0 : Int.random(in: 1...300, using: &generator)) }
            let allocation = (0..<n).map { _ in round % 7 == 0 ? 0 : (Int.random(in: 0...3, using: &generator) == 0 ? 0 : Double.random(in: 0...1e6, using: &generator)) }
            let need = (0..<n).map { _ in Int.random(in: 0...2, using: &generator) == 0 ? 0 : Double.random(in: 0...1e6, using: &generator) }
            let region = (0..<n).map { _ in Int.random(in: 0..<3, using: &generator) }
            let income: [Double?] = (0..<3).map { _ in Bool.random(using: &generator) ? nil : Double(Int.random(in: 0...3, using: &generator) * 5000) }
            let input = EquityInput(ids: (0..<n).map { "s\($0)" }, pupils: pupils, allocation: allocation,
                                    need: need, region: region, regionIncome: income)
            let metrics = Equity.metrics(input)
            for (name, value) in metrics.namedValues {
                #expect(!(value?.isNaN ?? false), "\(name) is NaN")
                #expect(value?.isFinite ?? true, "\(name) is infinite")
            }
        }
    }
}
