import Foundation
import Testing
@testable import EduplanMetrics

/// The figures reports and comparisons take from EduplanMetrics instead of summing on their own.
@Suite("Plan figures")
struct PlanFigureTests {
    @Test func unmetNeedByHand() {
        // (100 − 60) + (50 − 50) + (30 − 0) = 70; an over-funded entry counts negative (20 − 25 = −5).
        #expect(Equity.unmetNeed(allocation: [60, 50, 0], need: [100, 50, 30]) == 70)
        #expect(Equity.unmetNeed(allocation: [60, 50, 0, 25], need: [100, 50, 30, 20]) == 65)
        #expect(Equity.unmetNeed(allocation: [], need: []) == 0)
    }

    /// Per pupil of each group, Σ X / Σ n: a = (300 + 100) / (10 + 10) = 20, b = 90 / 3 = 30; c has
    /// no pupils and is left out (not 0, not infinity).
    @Test func perPupilByGroup() {
        let perPupil = Equity.perPupil(allocation: [300, 90, 100, 50], pupils: [10, 3, 10, 0], groups: ["a", "b", "a", "c"])
        #expect(perPupil == ["a": 20, "b": 30])
    }

    /// Fully funded to rounding: x ≥ N (1 − 10⁻⁹) − 10⁻⁶. 1,000,000 funded with 999,999.9995 is
    /// (short by less than 10⁻³ = N·10⁻⁹); 999,999 is not; no need is always funded.
    @Test func fullyFundedToRounding() {
        #expect(Equity.isFullyFunded(allocated: 1_000_000, need: 1_000_000))
        #expect(Equity.isFullyFunded(allocated: 999_999.9995, need: 1_000_000))
        #expect(!Equity.isFullyFunded(allocated: 999_999, need: 1_000_000))
        #expect(Equity.isFullyFunded(allocated: 0, need: 0))
        #expect(!Equity.isFullyFunded(allocated: 0, need: 0.01))
    }

    /// Coverage of a tiny need under a large amount overflows to infinity: no ratio, and no trap
    /// (evaluate reads both from files; the assertion of a metric's own result trapped in debug).
    @Test func coverageOfAnOverflowingRatioIsUndefined() {
        #expect(Coverage(allocated: 1e13, need: 1e-310).ratio == nil)
        #expect(Coverage(allocated: 3, need: 4).ratio == 0.75)
    }

    /// Lorenz curve by hand: schools (pupils, money) A (1, 10), B (3, 90), C (0, 50, no pupils: out),
    /// D (1, 0). Per pupil D 0 < A 10 < B 30. Cumulative pupils 1, 2, 5 of 5; money 0, 10, 100 of
    /// 100: (0, 0), (0.2, 0), (0.4, 0.1), (1, 1).
    @Test func lorenzCurveByHand() throws {
        let curve = try #require(Equity.lorenzCurve(ids: ["A", "B", "C", "D"], pupils: [1, 3, 0, 1], allocation: [10, 90, 50, 0]))
        #expect(curve.map(\.x) == [0, 0.2, 0.4, 1] && curve.map(\.y) == [0, 0, 0.1, 1])
        // Vertices within the resolution of the last one kept are dropped; the last is always (1, 1).
        let coarse = try #require(Equity.lorenzCurve(ids: ["A", "B", "C", "D"], pupils: [1, 3, 0, 1], allocation: [10, 90, 50, 0],
                                                     resolution: 0.5))
        #expect(coarse.map(\.x) == [0, 1] && coarse.map(\.y) == [0, 1])
        #expect(Equity.lorenzCurve(ids: ["A"], pupils: [0], allocation: [10]) == nil)
        #expect(Equity.lorenzCurve(ids: ["A"], pupils: [5], allocation: [0]) == nil)
    }
}
