import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// `generate`'s shape settings: the default output never changes (its files' digest is pinned),
/// and each setting changes what it says and nothing else.
@Suite("Generator shapes")
struct GeneratorShapeTests {
    /// SHA-256 over every written file's name and bytes.
    static func digest(_ scenario: Scenario) -> String {
        var hash = SHA256()
        for file in ScenarioWriter.files(for: scenario) {
            hash.update(file.name + "\n")
            hash.update(file.contents)
        }
        return hash.hexDigest()
    }

    @Test("the default output is pinned: byte-identical to before the shape settings")
    func defaultOutputPinned() {
        let scenario = ScenarioGenerator.generate(.init(schools: 300, regions: 12, seed: 7))
        #expect(Self.digest(scenario) == "9e32c1ce6ce57634b19acda2267fae8bbf71ad4ed7b6cd7b36d66e1e5e3d3814")
        let none = ScenarioGenerator.generate(.init(schools: 120, regions: 5, seed: 3, teacherGroups: 9, candidateLimit: 4, fairness: .none))
        #expect(Self.digest(none) == "2f3bfc1aff6dac3fff4c8524183253da82761544ce00651b97bcdc9c6a48f370")
    }

    @Test("each shape setting changes what it says: supply, distances, dispatch, money, rules")
    func shapeSettings() {
        let base = ScenarioGenerator.Options(schools: 400, regions: 10, seed: 5)
        let plain = ScenarioGenerator.generate(base)
        var options = base
        options.teacherSupply = 0.15
        options.distances = .regions
        options.integerDispatch = false
        options.moneyScale = 0.8
        options.fairness = .all
        let shaped = ScenarioGenerator.generate(options)
        // Teachers: within rounding (each group at least 1) of 0.15 per teacher of shortage.
        let shortage = Double(DerivedQuantities(shaped).shortage.reduce(0) { $0 + $1.reduce(0, +) })
        let teachers = Double(shaped.teacherGroups.reduce(0) { $0 + $1.count })
        #expect(abs(teachers - 0.15 * shortage) <= Double(shaped.teacherGroups.count), "\(teachers) teachers for \(shortage) missing")
        #expect(shaped.schools.allSatisfy { $0.latitude == nil } && shaped.teacherGroups.allSatisfy { $0.longitude == nil })
        #expect(shaped.distances != nil && !shaped.dispatch.integer)
        for (a, b) in zip(plain.funds, shaped.funds) {
            #expect(b.amount == (a.amount * 0.8 / 10_000).rounded(.up) * 10_000)
        }
        #expect(shaped.fairness.rules.map { type(of: $0).key } == ["coverage_floor", "poverty_county_share", "rural_parity", "hoover",
                                                                     "shortage_cap", "dispatch_county_share"])
        // The schools themselves are the default's.
        #expect(shaped.schools.map(\.enrollment) == plain.schools.map(\.enrollment))
    }
}
