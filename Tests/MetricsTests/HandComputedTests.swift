import Foundation
import Testing
@testable import EduplanMetrics

/// Small vectors whose metrics can be worked out on paper; the arithmetic is in the comments.
@Suite("Hand-computed values")
struct HandComputedTests {
    let oneToFour: [Double] = [1, 2, 3, 4]
    let ones: [Double] = [1, 1, 1, 1]

    @Test func giniOfOneToFour() {
        // μ = 2.5, W = 4. Σ_i Σ_j |v_i − v_j| = 2·(1+2+3 + 1+2 + 1) = 20.
        // G = 20 / (2 · 16 · 2.5) = 20 / 80 = 0.25.
        #expect(close(Equity.gini(values: oneToFour, weights: ones), 0.25))
    }

    @Test func giniOfOneRichSchool() {
        // [0,0,0,1]: μ = 0.25; pairs (i, 4) and (4, i): 6 pairs of |1 − 0| = 6.
        // G = 6 / (2 · 16 · 0.25) = 6 / 8 = 0.75 (the maximum (W−1)/W for W = 4).
        #expect(close(Equity.gini(values: [0, 0, 0, 1], weights: ones), 0.75))
    }

    @Test func theilOfOneToFour() {
        // μ = 2.5; T = ¼ Σ (v/2.5) ln(v/2.5) = 0.1 · (1 ln 0.4 + 2 ln 0.8 + 3 ln 1.2 + 4 ln 1.6)
        //   = 0.1 · (−0.916291 − 0.446287 + 0.546965 + 1.880015) = 0.1064401…
        // reference_values.py: 0.10644013528622318.
        #expect(close(Equity.theil(values: oneToFour, weights: ones), 0.10644013528622318))
    }

    @Test func theilOfOneRichSchoolIsLnW() {
        // [0,0,0,1]: μ = 0.25; only the last term counts: ¼ · 4 · ln 4 = ln 4, the maximum ln W.
        #expect(close(Equity.theil(values: [0, 0, 0, 1], weights: ones), log(4)))
    }

    @Test func coefficientOfVariationOfOneToFour() {
        // Deviations from 2.5: ±1.5, ±0.5; variance = (2.25·2 + 0.25·2)/4 = 1.25.
        // CV = √1.25 / 2.5 = 1/√5 = 0.4472135955.
        #expect(close(Equity.cv(values: oneToFour, weights: ones), 1 / 5.0.squareRoot()))
    }

    @Test func atkinsonOfOneToFour() {
        // ε = 2: harmonic mean 4 / (1 + ½ + ⅓ + ¼) = 48/25 = 1.92; A = 1 − 1.92/2.5 = 0.232.
        #expect(close(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 2), 0.232))
        // ε = 1: geometric mean 24^¼ = 2.2133638; A = 1 − 2.2133638/2.5 = 0.1146545.
        #expect(close(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 1), 1 - pow(24, 0.25) / 2.5))
        // ε = 0.5: ((1 + √2 + √3 + 2)/4)² = 1.5365660² = 2.3610354; A = 1 − 2.3610354/2.5.
        let root = (1 + 2.0.squareRoot() + 3.0.squareRoot() + 2) / 4
        #expect(close(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 0.5), 1 - root * root / 2.5))
        // reference_values.py: 0.05558585736954513, 0.11465446423974279, 0.232.
        #expect(close(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 0.5), 0.05558585736954513))
        #expect(close(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 1), 0.11465446423974279))
        // ε = 0 is indifference to inequality.
        #expect(Equity.atkinson(values: oneToFour, weights: ones, epsilon: 0) == 0)
    }

    @Test func atkinsonWithAZeroValue() {
        // ε ≥ 1 and a zero: the equally-distributed equivalent is 0, so A = 1 (MODEL.md §11).
        #expect(Equity.atkinson(values: [0, 1, 2], weights: [1, 1, 1], epsilon: 1) == 1)
        #expect(Equity.atkinson(values: [0, 1, 2], weights: [1, 1, 1], epsilon: 2) == 1)
        // ε = 0.5: ((0 + 1 + √2)/3)² / 1 = 0.6476…; A = 1 − ((1 + √2)/3)²  (μ = 1).
        let root = (1 + 2.0.squareRoot()) / 3
        #expect(close(Equity.atkinson(values: [0, 1, 2], weights: [1, 1, 1], epsilon: 0.5), 1 - root * root))
    }

    @Test func rangeAndPercentiles() {
        // v = 10, 20, …, 100 with one pupil each: W = 10.
        // P_0.05: 0.05·10 = 0.5, reached by the first school → 10.
        // P_0.95: 9.5, reached at the tenth → 100. P_0.5: 5, reached at the fifth → 50.
        let values = (1...10).map { Double($0 * 10) }
        let weights = [Double](repeating: 1, count: 10)
        #expect(Equity.range(values: values, weights: weights) == 90)
        #expect(Equity.weightedPercentile(values: values, weights: weights, p: 0.5) == 50)
        #expect(Equity.restrictedRange(values: values, weights: weights) == 90)
        // (100 − 10) / 10 = 9.
        #expect(Equity.federalRangeRatio(values: values, weights: weights) == 9)
    }

    @Test func mclooneAndVerstegen() {
        // v = 1…5, one pupil each; W = 5, P_0.5: 2.5 reached at the third → M = 3.
        // McLoone: (1 + 2 + 3) / (3 · 3) = 6/9. Verstegen: (3 + 4 + 5) / (3 · 3) = 12/9.
        let values: [Double] = [5, 3, 1, 4, 2]
        let weights: [Double] = [1, 1, 1, 1, 1]
        #expect(close(Equity.mcloone(values: values, weights: weights), 6.0 / 9.0))
        #expect(close(Equity.verstegen(values: values, weights: weights), 12.0 / 9.0))
    }

    @Test func mclooneWithWeights() {
        // v = 100 (30 pupils), 200 (50), 400 (20): W = 100, P_0.5: cumulative 30, 80 ≥ 50 → M = 200.
        // McLoone: (30·100 + 50·200) / (200 · 80) = 13000 / 16000 = 0.8125.
        // Verstegen: (50·200 + 20·400) / (200 · 70) = 18000 / 14000 = 1.2857142857…
        let values: [Double] = [100, 200, 400]
        let weights: [Double] = [30, 50, 20]
        #expect(close(Equity.mcloone(values: values, weights: weights), 0.8125))
        #expect(close(Equity.verstegen(values: values, weights: weights), 18000.0 / 14000.0))
        // Gini: μ = (3000 + 10000 + 8000)/100 = 210.
        // Σ n_i n_j |Δ| over ordered pairs = 2·(30·50·100 + 30·20·300 + 50·20·200) = 2·530000.
        // G = 1060000 / (2 · 100² · 210) = 1060000 / 4200000 = 0.252380952…
        #expect(close(Equity.gini(values: values, weights: weights), 1_060_000.0 / 4_200_000.0))
    }

    @Test func hooverAgainstNeed() {
        // X = 60, 30, 10 (X = 100) → shares .6 .3 .1; need 50, 25, 25 → shares .5 .25 .25.
        // H = ½ (|.6 − .5| + |.3 − .25| + |.1 − .25|) = ½ (.1 + .05 + .15) = 0.15.
        #expect(close(Equity.hoover(allocation: [60, 30, 10], need: [50, 25, 25]), 0.15))
        // Money exactly proportional to need: 0.
        #expect(close(Equity.hoover(allocation: [20, 10, 10], need: [50, 25, 25]), 0))
        // All money where there is no need, all need elsewhere: 1.
        #expect(close(Equity.hoover(allocation: [0, 0, 7], need: [1, 1, 0]), 1))
    }

    @Test func theilDecompositionByHand() {
        // Groups A = {1, 3}, B = {2, 6}, one pupil each. μ = 3, μ_A = 2, μ_B = 4.
        // between = ½·(2/3)·ln(2/3) + ½·(4/3)·ln(4/3) = (1/3) ln(2/3) + (2/3) ln(4/3).
        // T_A = ½[(1/2) ln(1/2) + (3/2) ln(3/2)], T_B = ½[(2/4) ln(2/4) + (6/4) ln(6/4)] = T_A.
        // within = (2·2)/(4·3) T_A + (2·4)/(4·3) T_B = T_A.
        let tA = 0.5 * (0.5 * log(0.5) + 1.5 * log(1.5))
        let between = log(2.0 / 3.0) / 3 + 2 * log(4.0 / 3.0) / 3
        let result = Equity.theilDecomposition(values: [1, 2, 3, 6], weights: [1, 1, 1, 1],
                                               groups: ["A", "B", "A", "B"])
        #expect(close(result?.between, between))
        #expect(close(result?.within, tA))
        #expect(close(result?.total, between + tA))
    }

    @Test func fiscalNeutralityByHand() {
        // v = 10, 20, 40 with incomes 1, 2, 4 and one pupil each: v = 10·income, so the
        // correlation is 1 and ln v = ln 10 + ln income: elasticity 1.
        let result = Equity.fiscalNeutrality(values: [10, 20, 40], weights: [1, 1, 1], income: [1, 2, 4])
        #expect(close(result.correlation, 1))
        #expect(close(result.elasticity, 1))
        // v = 40, 20, 10 against incomes 1, 2, 4: v = 40 / income, elasticity −1.
        let inverse = Equity.fiscalNeutrality(values: [40, 20, 10], weights: [1, 1, 1], income: [1, 2, 4])
        #expect(close(inverse.elasticity, -1))
        // Weights count: pupils (2, 1, 1) are the same as a duplicated first school.
        let weighted = Equity.fiscalNeutrality(values: [1, 3, 2], weights: [2, 1, 1], income: [1, 2, 5])
        let duplicated = Equity.fiscalNeutrality(values: [1, 1, 3, 2], weights: [1, 1, 1, 1], income: [1, 1, 2, 5])
        #expect(close(weighted.correlation, duplicated.correlation!))
        #expect(close(weighted.elasticity, duplicated.elasticity!))
    }
}
