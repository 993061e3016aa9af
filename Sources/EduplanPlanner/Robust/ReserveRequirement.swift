import EduplanScenario

/// The data side of a robust plan (docs/model.md, "Robust plans"): each school's extra need
/// d_{s,k} = rate_{k,ℓ(s)} · Δ_{s,c(k)} in every mandatory per-student category k, and for each
/// region r and such k the budget of uncertainty Γ_{k,r} = γ · |{s ∈ r : d_{s,k} > 0}| and the
/// required reserve R_{k,r}: the ⌊Γ⌋ largest d_{s,k} of the region plus (Γ − ⌊Γ⌋) times the next.
/// R is the exact worst case of the budgeted set (the deviations are data, so no duals are needed).
/// - Complexity: O(schools × mandatory categories + Σ_r n_r log n_r).
public struct ReserveRequirement: Sendable, Equatable {
    /// One mandatory category in one region with at least one school that can deviate.
    public struct Entry: Sendable, Equatable {
        /// Indices into the scenario's categories and regions.
        public var category: Int
        public var region: Int
        /// |{s ∈ r : d_{s,k} > 0}|.
        public var deviating: Int
        /// Γ_{k,r}.
        public var gamma: Double
        /// R_{k,r}, scenario money.
        public var amount: Double
    }

    /// Entries by category, then region (scenario order); only those with a school that can deviate.
    public let entries: [Entry]
    /// d_{s,k} by category index (mandatory per-student categories only), parallel to the schools.
    public let extraNeed: [Int: [Double]]

    /// The requirement of `scenario` under `robust`.
    public init(_ scenario: Scenario, _ robust: RobustSettings) {
        var extraNeed: [Int: [Double]] = [:]
        var entries: [Entry] = []
        for (k, category) in scenario.categories.enumerated() where category.mandatory {
            guard case let .perStudent(count, rates) = category.rule else { continue }
            let needs = scenario.schools.map { school in
                (rates[school.level] ?? 0) * Double(robust.deviation(of: school, count))
            }
            extraNeed[k] = needs
            var byRegion: [[Double]] = Array(repeating: [], count: scenario.regions.count)
            for (s, school) in scenario.schools.enumerated() where needs[s] > 0 { byRegion[school.region].append(needs[s]) }
            for (r, regionNeeds) in byRegion.enumerated() where !regionNeeds.isEmpty {
                let gamma = robust.gamma * Double(regionNeeds.count)
                entries.append(Entry(category: k, region: r, deviating: regionNeeds.count, gamma: gamma,
                                     amount: Self.worstCase(regionNeeds, gamma: gamma)))
            }
        }
        self.entries = entries
        self.extraNeed = extraNeed
    }

    /// The sum of the ⌊Γ⌋ largest values plus (Γ − ⌊Γ⌋) times the next largest (0 when none is left).
    public static func worstCase(_ values: [Double], gamma: Double) -> Double {
        let sorted = values.sorted(by: >)
        let whole = min(Int(gamma.rounded(.down)), sorted.count)
        var total = sorted.prefix(whole).reduce(0, +)
        if whole < sorted.count { total += (gamma - Double(whole)) * sorted[whole] }
        return total
    }
}
