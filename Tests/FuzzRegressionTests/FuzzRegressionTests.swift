@testable import EduplanFuzzHarness
import EduplanScenario
import Foundation
import Testing

/// `Tests/Fixtures/fuzz-regressions`: one folder per fuzz target, one minimised input per file.
let regressionFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz-regressions")

/// One input the fuzzer found, and the target whose code path it crashed.
struct RegressionInput: Sendable, CustomTestStringConvertible {
    var target: String
    var file: String
    var testDescription: String { "\(target)/\(file)" }

    /// Every input under ``regressionFolder``, sorted (README files and dotfiles are not inputs).
    static let all: [RegressionInput] = {
        let fileManager = FileManager.default
        let folders = (try? fileManager.contentsOfDirectory(atPath: regressionFolder.path)) ?? []
        return folders.sorted().flatMap { folder -> [RegressionInput] in
            var isDirectory: ObjCBool = false
            let path = regressionFolder.appendingPathComponent(folder).path
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
            let files = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
            return files.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { RegressionInput(target: folder, file: $0) }
        }
    }()
}

/// Runs one input through its target's harness in a scratch folder of its own.
func replay(target name: String, bytes: [UInt8]) throws -> FuzzReport {
    let target = try #require(FuzzTarget(rawValue: name), "`\(name)` is not a fuzz target")
    let harness = try FuzzHarness(target: target)
    defer { harness.removeScratch() }
    return harness.run(bytes)
}

@Suite("Fuzz regressions: every crash the fuzzer found now ends in a plan or in located errors")
struct FuzzRegressionTests {
    @Test("the regression folders are fuzz targets, and there are inputs to replay")
    func foldersNameTargets() {
        #expect(!RegressionInput.all.isEmpty)
        for input in RegressionInput.all {
            #expect(FuzzTarget(rawValue: input.target) != nil, "\(input.target) is not one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
    }

    /// Each input runs in a child process first (a Swift exit test), so that one that still traps fails
    /// its own case instead of ending the whole test run. The child prints the broken promises, if any.
    @Test("replays without a trap and without a broken promise", arguments: RegressionInput.all)
    func replaysCleanly(_ input: RegressionInput) async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent],
                                   "trapped (the crash is not fixed yet)") { [target = input.target as String, file = input.file as String] in
            let bytes = try [UInt8](Data(contentsOf: regressionFolder.appendingPathComponent(target).appendingPathComponent(file)))
            let report = try replay(target: target, bytes: bytes)
            print(report.violations.map(\.description).joined(separator: "\n"), terminator: "")
        }
        let broken = result.map { String(decoding: $0.standardOutputContent, as: UTF8.self) } ?? ""
        #expect(broken.isEmpty, "broken promises:\n\(broken)")
    }
}

/// The harness drives the real readers: known inputs give known outcomes (so a replay that passes means
/// something).
@Suite("Fuzz harness: the code path of each target")
struct FuzzHarnessTests {
    static let base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ScenarioTests/Fixtures/base")
    static let evaluation = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/fuzz/Fixtures/evaluation")

    static func bytes(_ folder: URL, _ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test("each fixed input is accepted with no broken promise")
    func fixedInputsAreAccepted() throws {
        let separator = FuzzTarget.separator
        let inputs: [(FuzzTarget, [UInt8])] = [
            (.scenarioYAML, try Self.bytes(Self.base, "scenario.yaml")),
            (.scenarioTables, try FuzzTarget.tableFiles.map { try Self.bytes(Self.base, $0) }.joined(separator: separator).map { $0 }),
            (.planJSON, try Self.bytes(Self.evaluation, "plan.json")),
            (.actualsCSV, try Self.bytes(Self.evaluation, "money.csv")),
            (.actualsCSV, try Self.bytes(Self.evaluation, "teachers.csv")),
            (.identification, try Self.bytes(Self.evaluation, "identify.yaml") + separator + Self.bytes(Self.evaluation, "students.csv")),
        ]
        for (target, bytes) in inputs {
            let report = try replay(target: target.rawValue, bytes: bytes)
            #expect(report.accepted, "\(target.rawValue): \(report.problems)")
            #expect(report.violations.isEmpty, "\(target.rawValue): \(report.violations)")
        }
    }

    @Test("a schools.csv cell that is not a number is rejected at its line and column")
    func badCellIsLocated() throws {
        // Row 3 of the base schools.csv is s2; `enrollment` is its 8th column.
        var schools = try String(decoding: Self.bytes(Self.base, "schools.csv"), as: UTF8.self)
        schools = schools.replacingOccurrences(of: "false,27.2,115.3,300,", with: "false,27.2,115.3,many,")
        let report = try replay(target: FuzzTarget.scenarioTables.rawValue, bytes: Array(schools.utf8))
        #expect(!report.accepted)
        let error = try #require(report.problems.first { $0.severity == .error })
        #expect((error.file, error.line, error.column) == ("schools.csv", 3, 8))
        #expect(report.violations.isEmpty)
    }

    @Test("an error on a line past the end of the file is a broken promise")
    func lineOutsideFileIsCaught() {
        let problem = ScenarioProblem(file: "a.csv", line: 3, column: 1, expected: "a number", found: "nothing")
        let twoLines = ProblemOracle(files: ["a.csv": Array("x\ny".utf8)])
        #expect(twoLines.violations(rejectedWith: [problem]).map(\.kind) == [.lineOutsideFile])
        // A final line break starts a third (empty) line: an error there is inside the file.
        let threeLines = ProblemOracle(files: ["a.csv": Array("x\r\ny\n".utf8)])
        #expect(threeLines.violations(rejectedWith: [problem]).isEmpty)
    }

    @Test("multi-file inputs split on the separator line, the last part keeping further separators")
    func splitting() {
        let s = FuzzTarget.separator
        #expect(FuzzTarget.split(Array("a".utf8) + s + Array("b".utf8) + s + Array("c".utf8), into: 2)
            == [Array("a".utf8), Array("b".utf8) + s + Array("c".utf8)])
        #expect(FuzzTarget.split([], into: 3) == [[]])
        #expect(FuzzTarget.split(FuzzTarget.join([[1], [2], [3]]), into: 5) == [[1], [2], [3]])
    }
}
