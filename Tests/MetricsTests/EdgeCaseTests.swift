import Foundation
import Testing
@testable import EduplanMetrics

/// What the metrics say where they are degenerate: no schools, no money, equal money,
/// one pupil. The decisions are documented in docs/metrics.md ("Undefined values").
@Suite("Edge cases")
struct EdgeCaseTests {
    func input(pupils: [Double], allocation: [Double], need: [Double]? = nil,
               region: [Int]? = nil, income: [Double?] = [nil]) -> EquityInput {
        EquityInput(ids: pupils.indices.map { "s\($0)" }, pupils: pupils, allocation: allocation,
                    need: need ?? allocation, region: region ?? pupils.map { _ in 0 }, regionIncome: income)
    }

    @Test func emptyInputHasOnlyNulls() {
        let metrics = Equity.metrics(input(pupils: [], allocation: []))
        #expect(metrics.schools == 0)
        #expect(metrics.pupils == 0)
        #expect(metrics == EquityMetrics())
        for (name, value) in metrics.namedValues where name != "schools" && name != "pupils" {
            #expect(value == nil, "\(name) should be null")
        }
    }

    @Test func schoolsWithoutPupilsAreLeftOutButStayInHoover() {
        // Only the 0-pupil school has money: no per-pupil metric, but Hoover sees it.
        // X shares: (0, 1); need shares (½, ½): H = ½ (½ + ½) = ½.
        let metrics = Equity.metrics(input(pupils: [10, 0], allocation: [0, 100], need: [50, 50]))
        #expect(metrics.schools == 1)
        #expect(metrics.mean == 0)
        #expect(metrics.gini == nil)
        #expect(close(metrics.hoover, 0.5))
    }

    @Test func zeroAllocationIsUndefinedNotEqual() {
        // Nothing allocated: every v = 0, μ = 0. Ratios to the mean or to a percentile are
        // 0/0: null, not "perfectly equal". Ranges are 0.
        let metrics = Equity.metrics(input(pupils: [10, 20, 30], allocation: [0, 0, 0], need: [5, 5, 5]))
        #expect(metrics.schools == 3)
        #expect(metrics.mean == 0)
        #expect(metrics.range == 0)
        #expect(metrics.restrictedRange == 0)
        #expect(metrics.median == 0)
        #expect(metrics.federalRangeRatio == nil)
        #expect(metrics.cv == nil)
        #expect(metrics.gini == nil)
        #expect(metrics.theil == nil && metrics.theilBetween == nil && metrics.theilWithin == nil)
        #expect(metrics.atkinson0_5 == nil && metrics.atkinson1 == nil && metrics.atkinson2 == nil)
        #expect(metrics.mcloone == nil && metrics.verstegen == nil)
        #expect(metrics.hoover == nil)  // X = 0
        #expect(metrics.fiscalNeutralityCorrelation == nil)
    }

    @Test func allEqualIsExactlyZeroInequality() {
        // 0.1 per pupil with weights 1, 2, 3, 6: Σ n v / W computes as 0.10000000000000002,
        // not 0.1; the indices must still be exactly 0 (not 1e-17).
        let values = [Double](repeating: 0.1, count: 4)
        let weights: [Double] = [1, 2, 3, 6]
        #expect(Equity.mean(values: values, weights: weights) != 0.1)
        #expect(Equity.gini(values: values, weights: weights) == 0)
        #expect(Equity.theil(values: values, weights: weights) == 0)
        #expect(Equity.cv(values: values, weights: weights) == 0)
        #expect(Equity.atkinson(values: values, weights: weights, epsilon: 1) == 0)
        #expect(Equity.mcloone(values: values, weights: weights) == 1)

        // The whole pipeline (pupils are powers of two so that X / n is exactly 0.1).
        let pupils: [Double] = [1, 2, 4, 8]
        let metrics = Equity.metrics(input(pupils: pupils, allocation: pupils.map { $0 * 0.1 },
                                           region: [0, 1, 0, 1], income: [1000, 2000]))
        #expect(metrics.gini == 0)
        #expect(metrics.theil == 0 && metrics.theilBetween == 0 && metrics.theilWithin == 0)
        #expect(metrics.cv == 0)
        #expect(metrics.atkinson0_5 == 0 && metrics.atkinson1 == 0 && metrics.atkinson2 == 0)
        #expect(metrics.mcloone == 1 && metrics.verstegen == 1)
        #expect(metrics.range == 0 && metrics.restrictedRange == 0 && metrics.federalRangeRatio == 0)
        // v does not vary: no correlation; ln v on ln income has slope 0.
        #expect(metrics.fiscalNeutralityCorrelation == nil)
        #expect(metrics.fiscalNeutralityElasticity == 0)
    }

    @Test func onePupil() {
        let metrics = Equity.metrics(input(pupils: [1], allocation: [5000], need: [4000]))
        #expect(metrics.schools == 1 && metrics.pupils == 1)
        #expect(metrics.mean == 5000 && metrics.median == 5000)
        #expect(metrics.percentile5 == 5000 && metrics.percentile95 == 5000)
        #expect(metrics.gini == 0 && metrics.theil == 0 && metrics.cv == 0 && metrics.atkinson2 == 0)
        #expect(metrics.mcloone == 1 && metrics.verstegen == 1)
        #expect(metrics.hoover == 0)
        #expect(metrics.fiscalNeutralityCorrelation == nil && metrics.fiscalNeutralityElasticity == nil)
    }

    @Test func zeroMedianMakesMcLooneNull() {
        // v = 0, 0, 5 with one pupil each: M = 0.
        #expect(Equity.mcloone(values: [0, 0, 5], weights: [1, 1, 1]) == nil)
        #expect(Equity.verstegen(values: [0, 0, 5], weights: [1, 1, 1]) == nil)
        #expect(Equity.federalRangeRatio(values: [0, 0, 5], weights: [1, 1, 1]) == nil)
        // Gini is defined: ([0,0,5]) = 2·2·5 / (2·9·5/3) = 20/30.
        #expect(close(Equity.gini(values: [0, 0, 5], weights: [1, 1, 1]), 2.0 / 3.0))
    }

    @Test func negativeValuesLeaveLogarithmicIndicesUndefined() {
        #expect(Equity.theil(values: [-1, 2, 3], weights: [1, 1, 1]) == nil)
        #expect(Equity.atkinson(values: [-1, 2, 3], weights: [1, 1, 1], epsilon: 0.5) == nil)
        #expect(Equity.gini(values: [-1, 2, 3], weights: [1, 1, 1]) != nil)
    }

    @Test func fiscalNeutralityNeedsVaryingIncome() {
        // No income given, or one income for everyone: both null.
        let none = Equity.fiscalNeutrality(values: [1, 2, 3], weights: [1, 1, 1], income: [nil, nil, nil])
        #expect(none == FiscalNeutrality(correlation: nil, elasticity: nil))
        let flat = Equity.fiscalNeutrality(values: [1, 2, 3], weights: [1, 1, 1], income: [7, 7, 7])
        #expect(flat == FiscalNeutrality(correlation: nil, elasticity: nil))
        // Schools without income are left out: the two with income decide (perfectly aligned).
        let partial = Equity.fiscalNeutrality(values: [1, 2, 3], weights: [1, 1, 1], income: [1, nil, 3])
        #expect(close(partial.correlation, 1))
        // The elasticity skips v = 0 (no logarithm), the correlation keeps it.
        let zero = Equity.fiscalNeutrality(values: [0, 2, 4], weights: [1, 1, 1], income: [1, 2, 4])
        #expect(close(zero.elasticity, 1))
        #expect(zero.correlation != nil)
    }

    @Test func hooverUndefinedWithoutMoneyOrNeed() {
        #expect(Equity.hoover(allocation: [0, 0], need: [1, 1]) == nil)
        #expect(Equity.hoover(allocation: [1, 1], need: [0, 0]) == nil)
        #expect(Equity.hoover(allocation: [], need: []) == nil)
    }
}
