import EduplanScenario

/// Protection by simulation (docs/model.md, "Robust plans"), drawn from ``SplitMix64`` seeded with
/// `robust.seed` (its 53-bit `unit()`, specified in the docs so that another implementation draws
/// the same samples): in each of M samples every school
/// that can deviate (d_{s,k} > 0 for some mandatory k), taken in file order, draws one uniform u
/// and deviates by its full Δ when u < q; a region is protected in a sample when, for every
/// mandatory category, the extra need of its deviating schools is at most its reserve R_{k,r}
/// (plus 1e-9 relative, for rounding); the plan is protected when every region is.
/// - Complexity: O(M × (deviating schools × categories + entries)).
public enum ProtectionSimulation {
    public static func run(_ scenario: Scenario, _ requirement: ReserveRequirement, _ robust: RobustSettings) -> RobustSummary.Protection {
        let categories = requirement.extraNeed.keys.sorted()
        // The schools that draw, in file order, with their extra needs by category.
        let drawing = scenario.schools.indices.filter { s in categories.contains { requirement.extraNeed[$0]![s] > 0 } }
        var slot: [Int: Int] = [:] // (category, region) → entry index
        for (e, entry) in requirement.entries.enumerated() { slot[entry.category * scenario.regions.count + entry.region] = e }
        let contributions: [[(entry: Int, need: Double)]] = drawing.map { s in
            categories.compactMap { k in
                let need = requirement.extraNeed[k]![s]
                guard need > 0 else { return nil }
                return (slot[k * scenario.regions.count + scenario.schools[s].region]!, need)
            }
        }
        let limits = requirement.entries.map { $0.amount * (1 + 1e-9) + 1e-9 }
        let regions = Array(Set(requirement.entries.map(\.region))).sorted()
        var protectedCount = [Int](repeating: 0, count: scenario.regions.count)
        var overall = 0
        var generator = SplitMix64(seed: robust.seed)
        var extra = [Double](repeating: 0, count: requirement.entries.count)
        var regionShort = [Bool](repeating: false, count: scenario.regions.count)
        for _ in 0 ..< robust.samples {
            for e in extra.indices { extra[e] = 0 }
            for parts in contributions where generator.unit() < robust.deviationProbability {
                for part in parts { extra[part.entry] += part.need }
            }
            for r in regions { regionShort[r] = false }
            for (e, entry) in requirement.entries.enumerated() where extra[e] > limits[e] { regionShort[entry.region] = true }
            var all = true
            for r in regions {
                if regionShort[r] { all = false } else { protectedCount[r] += 1 }
            }
            if all { overall += 1 }
        }
        let M = Double(robust.samples)
        return RobustSummary.Protection(
            overall: Double(overall) / M,
            byRegion: Dictionary(uniqueKeysWithValues: regions.map { (scenario.regions[$0].id, Double(protectedCount[$0]) / M) }),
            deviationProbability: robust.deviationProbability, samples: robust.samples, seed: robust.seed)
    }
}
