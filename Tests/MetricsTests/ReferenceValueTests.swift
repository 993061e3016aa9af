import Testing
@testable import EduplanMetrics

/// Values published by other implementations, and values computed independently by
/// `reference_values.py` (numpy, metrics written from their definitions; run it to
/// regenerate, it also cross-checks PySAL's `inequality` package when installed).
@Suite("Reference values")
struct ReferenceValueTests {
    // MARK: Published in PySAL inequality's own test suite (mexico.csv, 1940)

    @Test func giniOfMexico1940MatchesPySAL() {
        // inequality/tests/test_gini.py: Gini(y[:, 0]).g == 0.35372371173452849.
        #expect(close(Equity.gini(values: Mexico.pcgdp1940, weights: Mexico.unitWeights),
                      0.35372371173452849))
    }

    @Test func theilOfMexico1940MatchesPySAL() {
        // inequality/tests/test_theil.py: Theil(y).T[0] == 0.20894344 (8 places);
        // reference_values.py gives 0.20894344230358597.
        let theil = Equity.theil(values: Mexico.pcgdp1940, weights: Mexico.unitWeights)
        #expect(close(theil, 0.20894344, 1e-8))
        #expect(close(theil, 0.20894344230358597))
    }

    @Test func theilBetweenHansonRegimesMatchesPySAL() {
        // inequality/tests/test_theil.py: TheilD(y, hanson98).bg[0] == 0.0345889 (7 places);
        // reference_values.py: between 0.03458890004670409, within 0.17435454225688185.
        let result = Equity.theilDecomposition(values: Mexico.pcgdp1940, weights: Mexico.unitWeights,
                                               groups: Mexico.hanson98)
        #expect(close(result?.between, 0.0345889, 1e-7))
        #expect(close(result?.between, 0.03458890004670409))
        #expect(close(result?.within, 0.17435454225688185))
        #expect(close(result?.total, 0.20894344230358597))
    }

    @Test func atkinsonMatchesPySAL() {
        // inequality/tests/test_atkinson.py: incomes 10…50, ε = 0.5 → 0.06315 and
        // ε = 1 → 0.1316096 (atol 1e-5); reference_values.py: 0.06315339222708616,
        // 0.1316096384342157.
        let incomes: [Double] = [10, 20, 30, 40, 50]
        let weights = [Double](repeating: 1, count: 5)
        #expect(close(Equity.atkinson(values: incomes, weights: weights, epsilon: 0.5), 0.06315, 1e-5))
        #expect(close(Equity.atkinson(values: incomes, weights: weights, epsilon: 1), 0.1316096, 1e-5))
        #expect(close(Equity.atkinson(values: incomes, weights: weights, epsilon: 0.5), 0.06315339222708616))
        #expect(close(Equity.atkinson(values: incomes, weights: weights, epsilon: 1), 0.1316096384342157))
    }

    // MARK: reference_values.py (agrees with PySAL's Atkinson class to the last digit)

    @Test func mexico1940Unweighted() {
        let v = Mexico.pcgdp1940, w = Mexico.unitWeights
        #expect(close(Equity.atkinson(values: v, weights: w, epsilon: 0.5), 0.0984322239880091))
        #expect(close(Equity.atkinson(values: v, weights: w, epsilon: 1), 0.1836800569549023))
        #expect(close(Equity.atkinson(values: v, weights: w, epsilon: 2), 0.3155980580204617))
        #expect(close(Equity.cv(values: v, weights: w), 0.7085205527820183))
    }

    /// The whole pipeline on a weighted plan: 32 schools with n_i = (7 i mod 11) + 1 pupils
    /// and per-pupil allocation v_i = pcgdp2000_i, need per pupil pcgdp1940_i, regions the
    /// Hanson regimes, plus a school with no pupils (money 5000, need 1000) that only
    /// Hoover sees.
    @Test func weightedPlanMatchesReference() {
        var ids = Mexico.states
        var pupils = Mexico.weights
        var allocation = zip(Mexico.pcgdp2000, Mexico.weights).map { $0 * $1 }
        var need = zip(Mexico.pcgdp1940, Mexico.weights).map { $0 * $1 }
        var region = Mexico.hanson98.map { $0 - 1 }
        ids.append("Empty school")
        pupils.append(0)
        allocation.append(5000)
        need.append(1000)
        region.append(0)
        let input = EquityInput(ids: ids, pupils: pupils, allocation: allocation, need: need,
                                region: region, regionIncome: Mexico.regionIncome)
        let m = Equity.metrics(input)

        #expect(m.schools == 32)
        #expect(m.pupils == Mexico.weights.reduce(0, +))
        #expect(m.percentile5 == 11130)
        #expect(m.median == 16322)
        #expect(m.percentile95 == 36163)
        #expect(m.range == 45665)
        #expect(m.restrictedRange == 25033)
        #expect(close(m.federalRangeRatio, 2.2491464510332433))
        #expect(close(m.mean, 19709.295336787563))
        #expect(close(m.cv, 0.4565989506153037))
        #expect(close(m.mcloone, 0.7996710433299087))
        #expect(close(m.verstegen, 1.6088739125107216))
        #expect(close(m.gini, 0.24502470090841272))
        #expect(close(m.theil, 0.09568195049344798))
        #expect(close(m.theilBetween, 0.034111104141160184))
        #expect(close(m.theilWithin, 0.06157084635228782))
        #expect(close(m.atkinson0_5, 0.0464388229076973))
        #expect(close(m.atkinson1, 0.08952880353488313))
        #expect(close(m.atkinson2, 0.16367439616159873))
        #expect(close(m.hoover, 0.17430707073497825))
        #expect(close(m.fiscalNeutralityCorrelation, -0.03216484897629637))
        #expect(close(m.fiscalNeutralityElasticity, 0.02365290036447404, 1e-10))
    }

    @Test func teacherR2MatchesReference() {
        // reference_values.py: pupils = 40 n_i, teachers = round(pupils / 17) + (i mod 3),
        // R² from numpy.polyfit's line = 0.9879217769072391.
        let pupils = Mexico.weights.map { $0 * 40 }
        let teachers: [Double] = [2, 20, 11, 26, 17, 9, 24, 15, 7, 21, 13, 4, 19, 10, 28, 16, 8,
                                  26, 14, 6, 23, 12, 3, 21, 9, 27, 18, 7, 25, 16, 5, 22]
        #expect(close(Equity.teacherAllocationR2(pupils: pupils, teachers: teachers), 0.9879217769072391, 1e-10))
    }
}
