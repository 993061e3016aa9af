import EduplanScenario
import Foundation

/// Drives one target's code path on one input at a time, in a scratch folder of its own.
///
/// The fuzzer (`tools/fuzz`) and the regression test (`Tests/FuzzRegressionTests`) both run inputs
/// through this type, so a crash the fuzzer found replays through exactly the same calls. Fixed inputs
/// (the base scenario's tables, the evaluation plan and actuals) are read from the repository once.
public final class FuzzHarness {
    /// The format this harness feeds.
    public let target: FuzzTarget
    /// The scratch folder: `scenario/` (the folder the scenario targets load), `evaluation/` (the fixed
    /// scenario of the plan, actuals and identification targets) and `input/` (the other inputs).
    public let scratch: URL

    /// The repository this file belongs to, where the fixed inputs are.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The valid scenario that the scenario targets mutate one file of (every part of format v1).
    static let baseScenario = repositoryRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/base")
    /// The evaluation fixtures: a feasible variant of the base scenario, its plan, actuals and students.
    static let evaluationFixtures = repositoryRoot.appendingPathComponent("tools/fuzz/Fixtures/evaluation")

    /// The base scenario's files, by name.
    let baseFiles: [String: [UInt8]]
    /// The evaluation scenario, loaded once (nil for the scenario targets).
    let evaluationScenario: Scenario?

    /// The folder the scenario targets load.
    let scenarioFolder: URL
    /// The fixed scenario of the plan, actuals and identification targets.
    let evaluationFolder: URL
    /// Where the other targets' inputs are written.
    let inputFolder: URL

    /// Prepares the scratch folder (a fresh one under the temporary directory when `scratch` is nil).
    /// - Throws: when the fixed inputs cannot be read or the scratch folder cannot be written.
    public init(target: FuzzTarget, scratch: URL? = nil) throws {
        self.target = target
        let fileManager = FileManager.default
        let scratch = scratch ?? fileManager.temporaryDirectory
            .appendingPathComponent("eduplan-fuzz-\(target.rawValue)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        self.scratch = scratch
        scenarioFolder = scratch.appendingPathComponent("scenario")
        evaluationFolder = scratch.appendingPathComponent("evaluation")
        inputFolder = scratch.appendingPathComponent("input")
        var base: [String: [UInt8]] = [:]
        for name in [ScenarioLoader.settingsFile] + FuzzTarget.tableFiles {
            base[name] = try [UInt8](Data(contentsOf: Self.baseScenario.appendingPathComponent(name)))
        }
        baseFiles = base
        for folder in [scratch, scenarioFolder, evaluationFolder, inputFolder] {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // The evaluation scenario: the base tables with the evaluation fixture's scenario.yaml.
        var evaluation = base
        evaluation[ScenarioLoader.settingsFile] = try [UInt8](Data(contentsOf: Self.evaluationFixtures
                .appendingPathComponent(ScenarioLoader.settingsFile)))
        try Self.write(evaluation, into: evaluationFolder)
        switch target {
        case .scenarioYAML, .scenarioTables: evaluationScenario = nil
        case .planJSON, .actualsCSV, .identification:
            evaluationScenario = try ScenarioLoader.load(from: evaluationFolder).scenario
        }
        try Self.write(base, into: scenarioFolder)
    }

    /// Removes the scratch folder.
    public func removeScratch() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs one input through the target's code path: the reader, then (when it accepts) everything the
    /// CLI does next that does not call GLPK. Traps only if the code under test traps.
    public func run(_ bytes: [UInt8]) -> FuzzReport {
        switch target {
        case .scenarioYAML:
            return runScenario([ScenarioLoader.settingsFile: bytes])
        case .scenarioTables:
            let parts = FuzzTarget.split(bytes, into: FuzzTarget.tableFiles.count)
            return runScenario(Dictionary(uniqueKeysWithValues: zip(FuzzTarget.tableFiles, parts)))
        case .planJSON:
            return runPlan(bytes)
        case .actualsCSV:
            return runActuals(bytes)
        case .identification:
            return runIdentification(FuzzTarget.split(bytes, into: FuzzTarget.identificationFiles.count))
        }
    }

    /// Writes `files` into `folder`; a failed write is a broken scratch folder, not a finding.
    static func write(_ files: [String: [UInt8]], into folder: URL) throws {
        for (name, bytes) in files {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
    }

    /// Writes one input file; the scratch folder is ours, so failing to write it is fatal.
    func writeInput(_ bytes: [UInt8], to url: URL) {
        do { try Data(bytes).write(to: url) } catch { fatalError("fuzz harness: cannot write \(url.path): \(error)") }
    }
}
