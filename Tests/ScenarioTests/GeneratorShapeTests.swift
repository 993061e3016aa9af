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
}
