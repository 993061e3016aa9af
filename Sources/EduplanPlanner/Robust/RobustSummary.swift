import EduplanScenario

/// What a robust plan reports (docs/model.md, "Robust plans"): the reserves v_{f,k,r}, the
/// required reserve of each category and region, the price of robustness against the same
/// scenario without `robust:`, and the simulated protection. plan.json's `robust` object.
public struct RobustSummary: Sendable, Codable, Equatable {
    /// Money one fund holds back for one mandatory category in one region (v_{f,k,r} > 0).
    public struct Reserve: Sendable, Codable, Equatable {
        public var fund: String
        public var category: String
        public var region: String
        public var amount: Double
    }

    /// R_{k,r} with the Γ it was computed from.
    public struct Requirement: Sendable, Codable, Equatable {
        public var category: String
        public var region: String
        /// Schools of the region whose extra need in the category is positive.
        public var deviating: Int
        /// Γ_{k,r} = γ × deviating.
        public var gamma: Double
        /// R_{k,r}, money.
        public var required: Double
    }

    /// The share of simulated years in which the reserves covered every mandatory extra need.
    public struct Protection: Sendable, Codable, Equatable {
        /// Over all regions at once.
        public var overall: Double
        /// By region id (regions with a school that can deviate).
        public var byRegion: [String: Double]
        /// q, M and the seed the samples were drawn with.
        public var deviationProbability: Double
        public var samples: Int
        public var seed: UInt64

        enum CodingKeys: String, CodingKey {
            case overall, samples, seed
            case byRegion = "by_region"
            case deviationProbability = "deviation_probability"
        }
    }

    public var gamma: Double
    public var reserves: [Reserve]
    public var requirements: [Requirement]
    /// Σ of the reserves, money.
    public var reserveTotal: Double
    /// U of the same scenario without `robust:` (nil when not solved or without a plan).
    public var benefitNominal: Double?
    /// POR = (U_nominal − U_robust) / U_nominal (nil when U_nominal is nil or 0).
    public var priceOfRobustness: Double?
    public var protection: Protection?

    enum CodingKeys: String, CodingKey {
        case gamma, reserves, requirements, protection
        case reserveTotal = "reserve_total"
        case benefitNominal = "benefit_nominal"
        case priceOfRobustness = "price_of_robustness"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gamma, forKey: .gamma)
        try c.encode(reserves, forKey: .reserves)
        try c.encode(requirements, forKey: .requirements)
        try c.encode(reserveTotal, forKey: .reserveTotal)
        try c.encode(benefitNominal, forKey: .benefitNominal)
        try c.encode(priceOfRobustness, forKey: .priceOfRobustness)
        try c.encode(protection, forKey: .protection)
    }
}
