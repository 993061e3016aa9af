import EduplanScenario
import Foundation
import Testing

/// The grid that finds candidate pairs must find exactly what a scan of every school finds.
@Suite("Candidate pairs through the coordinate grid")
struct CandidateGridTests {
    /// Every (group, school) pair of MODEL.md §2 by brute force, candidate_limit off.
    static func scan(_ scenario: Scenario, _ derived: DerivedQuantities) -> [String] {
        var pairs: [String] = []
        for (g, group) in scenario.teacherGroups.enumerated() where group.count > 0 {
            for (s, school) in scenario.schools.enumerated() where derived.shortage[s][group.subject] > 0 {
                if let levels = group.levels, !levels.contains(school.level) { continue }
                guard let km = DerivedQuantities.distance(group, school, table: scenario.distances),
                      km <= group.maxDistanceKm + 1e-9 else { continue }
                pairs.append("\(g) \(s) \(km)")
            }
        }
        return pairs
    }

    /// nil when the derived candidates are the scan's, else the first difference (short).
    static func difference(_ scenario: Scenario, _ derived: DerivedQuantities) -> String? {
        let found = derived.candidates.map { "\($0.group) \($0.school) \($0.distanceKm)" }
        let expected = scan(scenario, derived)
        guard found != expected else { return nil }
        let i = zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(found.count, expected.count)
        return "\(found.count) pairs against \(expected.count); first difference at \(i): "
            + "\(i < found.count ? found[i] : "none") against \(i < expected.count ? expected[i] : "none")"
    }

    @Test("a generated province: same pairs as a full scan, with and without candidate_limit")
    func generatedProvince() {
        var scenario = ScenarioGenerator.generate(.init(schools: 3000, regions: 30, seed: 11))
        scenario.dispatch.candidateLimit = nil
        let derived = DerivedQuantities(scenario)
        #expect(derived.candidates.count > 1000)
        #expect(Self.difference(scenario, derived) == nil)
    }

    @Test("near the poles, across the antimeridian, without coordinates, at exactly the reach")
    func awkwardPlaces() {
        var scenario = ScenarioGenerator.generate(.init(schools: 800, regions: 10, seed: 5))
        scenario.dispatch.candidateLimit = nil
        var random = SplitMix64(seed: 3)
        // Spread schools and groups over three awkward patches and leave some without coordinates.
        let patches: [(lat: Double, lon: Double)] = [(88.5, 20), (-10, 179.8), (60, -179.9), (0, 0)]
        for s in scenario.schools.indices {
            let patch = patches[s % patches.count]
            if s % 17 == 0 {
                scenario.schools[s].latitude = nil
                scenario.schools[s].longitude = nil
            } else {
                scenario.schools[s].latitude = min(89.9, patch.lat + Double.random(in: 0..<1, using: &random) * 1.5 - 0.75)
                var lon = patch.lon + Double.random(in: 0..<1, using: &random) * 1.5 - 0.75
                if lon > 180 { lon -= 360 }
                if lon < -180 { lon += 360 }
                scenario.schools[s].longitude = lon
            }
        }
        for g in scenario.teacherGroups.indices {
            let patch = patches[g % patches.count]
            scenario.teacherGroups[g].latitude = patch.lat
            scenario.teacherGroups[g].longitude = patch.lon
            scenario.teacherGroups[g].maxDistanceKm = [5, 40, 120, 400][g % 4]
        }
        // A school at exactly a group's reach (to the metre) must stay a candidate.
        let group = scenario.teacherGroups[3]
        let derived0 = DerivedQuantities(scenario)
        if let s = scenario.schools.indices.first(where: { derived0.shortage[$0][group.subject] > 0 && $0 % 17 != 0 }),
           let km = DerivedQuantities.distance(group, scenario.schools[s], table: nil) {
            scenario.teacherGroups[3].maxDistanceKm = km
        }
        let derived = DerivedQuantities(scenario)
        #expect(derived.candidates.count > 100)
        #expect(Self.difference(scenario, derived) == nil)
    }
}
