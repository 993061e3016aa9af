import Foundation

/// How strongly per-pupil allocation follows local wealth (region income per capita).
public struct FiscalNeutrality: Sendable, Codable, Equatable {
    /// Pupil-weighted Pearson correlation of v_s with the income of the school's region.
    public var correlation: Double?
    /// Slope of the pupil-weighted least-squares regression of ln v on ln income
    /// (schools with v > 0 and income > 0).
    public var elasticity: Double?

    public init(correlation: Double?, elasticity: Double?) {
        self.correlation = correlation
        self.elasticity = elasticity
    }
}

extension Equity {
    /// Fiscal neutrality: the pupil-weighted correlation of per-pupil allocation with
    /// income per capita, and its elasticity.
    ///
    /// Entries with weight 0 or no income are left out; the elasticity also leaves out
    /// entries with v ≤ 0 or income ≤ 0 (logarithms). Each number is nil when fewer than
    /// two entries remain or either variable does not vary among them (all incomes equal,
    /// for example one region).
    ///
    /// - Parameters:
    ///   - values: v_s per school.
    ///   - weights: n_s per school.
    ///   - income: Income per capita of the school's region, nil where not given.
    /// - Complexity: O(n).
    public static func fiscalNeutrality(
        values: [Double], weights: [Double], income: [Double?]
    ) -> FiscalNeutrality {
        precondition(income.count == values.count, "income must have one entry per value")
        let sample = WeightedSample(values: values, weights: weights)
        var levelX: [Double] = [], levelY: [Double] = [], levelWeights: [Double] = []
        var logX: [Double] = [], logY: [Double] = [], logWeights: [Double] = []
        for (index, position) in sample.positions.enumerated() {
            guard let regionIncome = income[position] else { continue }
            precondition(regionIncome.isFinite, "income at \(position) is not finite")
            let value = sample.values[index], weight = sample.weights[index]
            levelX.append(regionIncome)
            levelY.append(value)
            levelWeights.append(weight)
            if value > 0 && regionIncome > 0 {
                logX.append(log(regionIncome))
                logY.append(log(value))
                logWeights.append(weight)
            }
        }
        let correlation = WeightedMoments(x: levelX, y: levelY, weights: levelWeights)?.correlation
        let elasticity = WeightedMoments(x: logX, y: logY, weights: logWeights)?.slope
        return FiscalNeutrality(correlation: definedValue(correlation), elasticity: definedValue(elasticity))
    }
}

/// Weighted second moments of two variables, for correlations and least-squares slopes.
struct WeightedMoments {
    var varianceX: Double
    var varianceY: Double
    var covariance: Double
    /// True when y takes one value only (so its variance is 0 exactly, whatever rounding says).
    var yIsConstant: Bool

    /// Nil when fewer than two entries or x does not vary (the slope and correlation are
    /// then undefined).
    init?(x: [Double], y: [Double], weights: [Double]) {
        precondition(x.count == y.count && y.count == weights.count)
        guard x.count >= 2, let firstX = x.first, x.contains(where: { $0 != firstX }) else { return nil }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return nil }
        var meanX = 0.0, meanY = 0.0
        for (index, weight) in weights.enumerated() {
            meanX += weight * x[index]
            meanY += weight * y[index]
        }
        meanX /= totalWeight
        meanY /= totalWeight
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for (index, weight) in weights.enumerated() {
            let dx = x[index] - meanX, dy = y[index] - meanY
            sxx += weight * dx * dx
            syy += weight * dy * dy
            sxy += weight * dx * dy
        }
        varianceX = sxx / totalWeight
        varianceY = syy / totalWeight
        covariance = sxy / totalWeight
        yIsConstant = y.allSatisfy { $0 == y[0] }
        guard varianceX > 0 else { return nil }
    }

    /// Least-squares slope of y on x (with intercept): cov / var x.
    var slope: Double { yIsConstant ? 0 : covariance / varianceX }

    /// Pearson correlation; nil when y does not vary.
    var correlation: Double? {
        guard !yIsConstant, varianceY > 0 else { return nil }
        return min(1, max(-1, covariance / (varianceX * varianceY).squareRoot()))
    }

    /// R² of the least-squares line of y on x; nil when y does not vary (0/0).
    var rSquared: Double? {
        guard let correlation else { return nil }
        return correlation * correlation
    }
}
