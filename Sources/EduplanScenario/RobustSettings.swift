/// A scenario's `robust:` block (docs/model.md, "Robust plans"): how far counts may come in above
/// the registered ones, how many schools of a region may deviate at once, which funds may arrive
/// short, and how the protection of the plan is simulated. Off (nil on ``Scenario``) by default.
public struct RobustSettings: Sendable, Equatable {
    /// γ in [0, 1]: in each region and mandatory category, at most γ × (schools that can deviate)
    /// schools deviate at once.
    public var gamma: Double
    /// ρ ≥ 0: a count's deviation when schools.csv gives no `<count>_dev` cell, ceil(ρ · count − 1e-9).
    public var relative: Double = 0
    /// φ_f in [0, 1] by fund index: fund f may deliver only (1 − φ_f) B_f to mandatory needs and reserves.
    public var fundShortfall: [Int: Double] = [:]
    /// q in [0, 1]: the probability that a school deviates, in the protection simulation.
    public var deviationProbability: Double = 0.2
    /// M: samples of the protection simulation.
    public var samples: Int = 10_000
    /// The simulation's seed.
    public var seed: UInt64 = 1

    public init(gamma: Double, relative: Double = 0, fundShortfall: [Int: Double] = [:],
                deviationProbability: Double = 0.2, samples: Int = 10_000, seed: UInt64 = 1) {
        self.gamma = gamma
        self.relative = relative
        self.fundShortfall = fundShortfall
        self.deviationProbability = deviationProbability
        self.samples = samples
        self.seed = seed
    }

    /// Δ_{s,c}: the school's `<c>_dev` cell when given, else ceil(ρ · count − 1e-9) (0 when ρ = 0).
    public func deviation(of school: School, _ field: CountField) -> Int {
        if let given = school.deviations[field] { return given }
        guard relative > 0 else { return 0 }
        return Int((relative * Double(school.count(field)) - 1e-9).rounded(.up))
    }
}

extension CountField {
    /// The schools.csv column of this count's deviation (`poor_dev`).
    public var deviationColumn: String { rawValue + "_dev" }
}
