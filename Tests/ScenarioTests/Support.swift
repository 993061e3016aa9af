import EduplanScenario
import Foundation
import Testing

/// The fixtures folder, found from this file's path (no resource bundle, no Package.swift change).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The valid scenario every broken case starts from.
let baseFixture = fixtures.appendingPathComponent("base")

/// The planner's hand-derived fixtures (Tests/Fixtures/planner), read here, never written.
let plannerFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent("planner")

/// A scratch folder that removes itself.
final class TemporaryFolder {
    let url: URL

    init(copying source: URL? = nil) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("eduplan-scenario-tests-\(UUID().uuidString)")
        if let source {
            try FileManager.default.copyItem(at: source, to: url)
        } else {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func read(_ name: String) throws -> String { try String(contentsOf: file(name), encoding: .utf8) }

    func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: file(name)) }

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: file(name)) }

    /// Names, sizes and modification dates of every file: a loader that wrote nothing leaves it unchanged.
    func snapshot() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        return try names.map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: file(name).path)
            let size = attributes[.size] as? Int ?? -1
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            return "\(name) \(size) \(date)"
        }
    }
}

/// Loads a folder; returns the scenario or the problems (never any other error).
enum LoadOutcome {
    case loaded(LoadedScenario)
    case failed(ScenarioErrors)

    var errors: [ScenarioProblem] {
        if case let .failed(e) = self { return e.errors }
        return []
    }

    var problems: [ScenarioProblem] {
        switch self {
        case let .failed(e): return e.problems
        case let .loaded(l): return l.warnings
        }
    }

    var scenario: Scenario? {
        if case let .loaded(l) = self { return l.scenario }
        return nil
    }
}

func load(_ url: URL) throws -> LoadOutcome {
    do {
        return .loaded(try ScenarioLoader.load(from: url))
    } catch let errors as ScenarioErrors {
        return .failed(errors)
    }
}

/// Every file a scenario writes back to, as text: two scenarios are the same when these are.
func fingerprint(_ scenario: Scenario) -> [String] {
    ScenarioWriter.files(for: scenario).map { "== \($0.name)\n\($0.contents)" }
}
