/// The equity metrics of one plan, or one level of it (MODEL.md §8).
///
/// Per-pupil metrics are on v_s = X_s / n_s, pupil-weighted, over schools with pupils.
/// A metric that is undefined for the input is nil (encoded as JSON `null`); none is
/// ever NaN. `docs/metrics.md` gives each formula and how to read it.
public struct EquityMetrics: Sendable, Codable, Equatable {
    /// Schools with pupils (the per-pupil metrics' population).
    public var schools: Int = 0
    /// Σ n_s.
    public var pupils: Double = 0
    /// Pupil-weighted mean per-pupil allocation μ.
    public var mean: Double?
    /// P_0.5, the lower weighted median M.
    public var median: Double?
    /// P_0.05.
    public var percentile5: Double?
    /// P_0.95.
    public var percentile95: Double?
    /// max v − min v.
    public var range: Double?
    /// P_0.95 − P_0.05.
    public var restrictedRange: Double?
    /// (P_0.95 − P_0.05) / P_0.05; nil when P_0.05 = 0.
    public var federalRangeRatio: Double?
    /// Coefficient of variation (population standard deviation / mean).
    public var cv: Double?
    /// McLoone index; nil when M = 0.
    public var mcloone: Double?
    /// Verstegen index; nil when M = 0.
    public var verstegen: Double?
    /// Gini coefficient.
    public var gini: Double?
    /// Theil's T.
    public var theil: Double?
    /// Theil's T between regions.
    public var theilBetween: Double?
    /// Theil's T within regions.
    public var theilWithin: Double?
    /// Atkinson index, ε = 0.5.
    public var atkinson0_5: Double?
    /// Atkinson index, ε = 1.
    public var atkinson1: Double?
    /// Atkinson index, ε = 2.
    public var atkinson2: Double?
    /// Hoover index of money against need shares (all schools, with or without pupils).
    public var hoover: Double?
    /// Pupil-weighted correlation of v with region income per capita.
    public var fiscalNeutralityCorrelation: Double?
    /// Elasticity of v with respect to region income per capita.
    public var fiscalNeutralityElasticity: Double?

    /// Metrics of an empty plan: no schools, every metric nil.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case schools, pupils, mean, median
        case percentile5 = "percentile_5"
        case percentile95 = "percentile_95"
        case range
        case restrictedRange = "restricted_range"
        case federalRangeRatio = "federal_range_ratio"
        case cv, mcloone, verstegen, gini, theil
        case theilBetween = "theil_between"
        case theilWithin = "theil_within"
        case atkinson0_5 = "atkinson_0_5"
        case atkinson1 = "atkinson_1"
        case atkinson2 = "atkinson_2"
        case hoover
        case fiscalNeutralityCorrelation = "fiscal_neutrality_correlation"
        case fiscalNeutralityElasticity = "fiscal_neutrality_elasticity"
    }

    /// The optional metrics with their keys, in report order.
    var optionalFields: [(CodingKeys, Double?)] {
        [
            (.mean, mean), (.median, median), (.percentile5, percentile5),
            (.percentile95, percentile95), (.range, range), (.restrictedRange, restrictedRange),
            (.federalRangeRatio, federalRangeRatio), (.cv, cv), (.mcloone, mcloone),
            (.verstegen, verstegen), (.gini, gini), (.theil, theil),
            (.theilBetween, theilBetween), (.theilWithin, theilWithin),
            (.atkinson0_5, atkinson0_5), (.atkinson1, atkinson1), (.atkinson2, atkinson2),
            (.hoover, hoover), (.fiscalNeutralityCorrelation, fiscalNeutralityCorrelation),
            (.fiscalNeutralityElasticity, fiscalNeutralityElasticity),
        ]
    }

    /// Every metric by its JSON key, in report order (nil where undefined).
    public var namedValues: [(name: String, value: Double?)] {
        [("schools", Double(schools)), ("pupils", pupils)]
            + optionalFields.map { (name: $0.0.rawValue, value: $0.1) }
    }

    /// Encodes every key, undefined metrics as `null` (so a reader sees them all).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schools, forKey: .schools)
        try container.encode(pupils, forKey: .pupils)
        for (key, value) in optionalFields {
            if let value { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
        }
    }
}
