import ArgumentParser
import EduplanIO
import EduplanScenario
import Foundation
import LinearProgramming
import Logging

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only results (no progress on stderr).")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Log solver phases and GLPK's own output on stderr.")
    var verbose = false

    /// A logger writing to stderr at the chosen level.
    func logger() -> Logger {
        var logger = Logger(label: "eduplan") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : (quiet ? .error : .info)
        return logger
    }

    /// A progress line on stderr (never on stdout).
    func note(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("eduplan: \(text)\n".utf8))
    }
}

/// Exit statuses users can script against.
enum Exit {
    static let badInput = ExitCode(1)
    static let infeasible = ExitCode(2)
    static let noPlan = ExitCode(3)
}

/// Loads a scenario folder (and a variant), printing every problem and exiting 1 on bad input.
func loadScenario(_ directory: String, variant: String?, options: GlobalOptions) throws -> Scenario {
    let loaded: LoadedScenario
    do {
        loaded = try ScenarioLoader.load(from: URL(fileURLWithPath: directory))
    } catch let errors as ScenarioErrors {
        FileHandle.standardError.write(Data((errors.description + "\n").utf8))
        throw Exit.badInput
    }
    for warning in loaded.warnings { options.note("\(warning)") }
    guard let name = variant else { return loaded.scenario }
    guard let chosen = loaded.scenario.variant(named: name) else {
        let known = loaded.scenario.variants.map { "\"\($0.name)\"" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("eduplan: scenario.yaml: expected a variant name (\(known.isEmpty ? "the scenario has none" : known)), found \"\(name)\"\n".utf8))
        throw Exit.badInput
    }
    return loaded.scenario.applying(chosen)
}

/// Prepares a single-file output beside its final place (see `OutputTarget`); a refusal is printed
/// and exits 1 before any work is done.
func openOutput(file path: String, inputs: InputPaths) throws -> OutputTarget {
    do {
        return try OutputTarget.file(path, keepingClearOf: inputs)
    } catch {
        printProblems("eduplan: \(error)")
        throw Exit.badInput
    }
}

/// Prepares a folder output whose `files` are committed as one set; a refusal is printed and
/// exits 1 before any work is done.
func openOutput(folder path: String, files: [String], inputs: InputPaths) throws -> OutputTarget {
    do {
        return try OutputTarget.folder(path, files: files, keepingClearOf: inputs)
    } catch {
        printProblems("eduplan: \(error)")
        throw Exit.badInput
    }
}

/// Writes `data` into a single-file output and commits it; a failure is printed and exits 1.
func commit(_ data: Data, to output: OutputTarget) throws {
    do {
        try output.write(data)
    } catch {
        output.abandon()
        printProblems("eduplan: \(error)")
        throw Exit.badInput
    }
    try commit(output)
}

/// Commits an output whose files are written; a failure is printed (one line) and exits 1.
func commit(_ output: OutputTarget) throws {
    do {
        try output.commit()
    } catch {
        printProblems("eduplan: \(error)")
        throw Exit.badInput
    }
}

/// Reads a whole input file given on the command line (regular files only: a FIFO or a device is
/// refused at once); a failure is printed as `eduplan: PATH: expected WHAT, found WHY` and exits 1.
func readInput(_ path: String, expected: String) throws -> Data {
    do {
        return try InputFile.read(path)
    } catch {
        printProblems("eduplan: \(path): expected \(expected), found \(error)")
        throw Exit.badInput
    }
}

/// Writes text to stdout.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Branch-and-bound progress on one stderr line (incumbent, bound, gap), at most 5 times a second.
/// Used only when stderr is a terminal.
final class LiveMIPProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast

    var handler: @Sendable (MIPProgress) -> MIPDecision {
        { [self] progress in
            lock.lock()
            defer { lock.unlock() }
            let now = Date()
            guard progress.newIncumbent || now.timeIntervalSince(last) > 0.2 else { return .proceed }
            last = now
            let incumbent = progress.incumbent.map { String(format: "%.6g", $0) } ?? "—"
            let bound = progress.bound.map { String(format: "%.6g", $0) } ?? "—"
            let gap = progress.relativeGap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"
            FileHandle.standardError.write(Data("\r\u{1B}[Keduplan: branch and bound — incumbent \(incumbent), bound \(bound), gap \(gap), open nodes \(progress.activeNodes)".utf8))
            return .proceed
        }
    }
}
