import ArgumentParser
import EduplanIO
import EduplanPlanner
import EduplanReports
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
        Output.standardError("eduplan: \(text)\n")
    }
}

extension Language: ExpressibleByArgument {
    /// `zh-CN`, `en`, or a tag as systems write it (`zh_CN.UTF-8`, `en-US`).
    public init?(argument: String) { self.init(tag: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension MoneyScale: ExpressibleByArgument {}

/// How a command words what it prints for people: `--lang` and `--money`. Shared by every command
/// that prints for people; JSON, CSV and plan files are the same whatever is chosen.
struct WordingOptions: ParsableArguments {
    @Option(name: .customLong("lang"),
            help: ArgumentHelp("The language of the output for people: zh-CN or en (default: the scenario's locale:, else LC_ALL / LC_MESSAGES / LANG, else en).",
                               valueName: "zh-CN|en"))
    var language: Language?
    @Option(help: ArgumentHelp("Money shown for people in yuan, wan (万元, 10⁴ yuan) or yi (亿元, 10⁸ yuan); JSON and CSV stay in yuan.",
                               valueName: "yuan|wan|yi"))
    var money: MoneyScale = .yuan

    /// The wording: `--lang`, else the scenario's `locale:` (nil: none), else the environment's.
    func wording(scenario locale: Language? = nil) -> Wording {
        Wording(language: Language.choose(explicit: language, scenario: locale,
                                          environment: ProcessInfo.processInfo.environment),
                money: money)
    }
}

/// Loads a scenario folder (and a variant), printing every problem and exiting 1 on bad input.
/// Problems print in `wording`'s language (`--lang` or the environment: a scenario that cannot be
/// read has no `locale:` to go by).
func loadScenario(_ directory: String, variant: String?, options: GlobalOptions, wording: Wording = .english) throws -> Scenario {
    let loaded: LoadedScenario
    do {
        loaded = try ScenarioLoader.load(from: URL(fileURLWithPath: directory))
    } catch let errors as ScenarioErrors {
        Output.problems(errors.text(wording))
        throw Output.badInput
    }
    for warning in loaded.warnings { options.note(warning.text(wording)) }
    return try lookUpVariants { try loaded.scenario.applyingVariant(named: variant) }
}

/// One note per variant that `compare` and `report` leave out because it plans another number of
/// years than the base (``Compare/skippedVariants(of:)``).
func noteSkipped(_ skipped: [(name: String, years: Int)], of scenario: Scenario, global: GlobalOptions, wording: Wording) {
    for variant in skipped {
        global.note(wording("cli.compare_skipped", ["variant": variant.name, "years": "\(variant.years)",
                                                     "base": "\(Compare.plannedYearCount(scenario))"]))
    }
}

/// The value of a variant lookup (``Scenario/variants(named:)``), or exit 1 with one line per
/// unknown name.
func lookUpVariants<T>(_ lookup: () throws -> T) throws -> T {
    do {
        return try lookup()
    } catch let errors as ScenarioErrors {
        for problem in errors.problems { Output.problems("eduplan: \(problem)") }
        throw Output.badInput
    }
}

/// Prepares a single-file output beside its final place (see `OutputTarget`); a refusal is printed
/// and exits 1 before any work is done.
func openOutput(file path: String, inputs: InputPaths) throws -> OutputTarget {
    do {
        return try OutputTarget.file(path, keepingClearOf: inputs)
    } catch {
        Output.problems("eduplan: \(error)")
        throw Output.badInput
    }
}

/// Prepares a folder output whose `files` are committed as one set; a refusal is printed and
/// exits 1 before any work is done.
func openOutput(folder path: String, files: [String], inputs: InputPaths) throws -> OutputTarget {
    do {
        return try OutputTarget.folder(path, files: files, keepingClearOf: inputs)
    } catch {
        Output.problems("eduplan: \(error)")
        throw Output.badInput
    }
}

/// Writes `data` into a single-file output and commits it; a failure is printed and exits 1.
func commit(_ data: Data, to output: OutputTarget) throws {
    do {
        try output.write(data)
    } catch {
        output.abandon()
        Output.problems("eduplan: \(error)")
        throw Output.badInput
    }
    try commit(output)
}

/// Writes `files` into a folder output and commits them as one set; a failure abandons the set
/// (the old folder stays), is printed and exits 1.
func commit(_ files: [(name: String, data: Data)], to output: OutputTarget) throws {
    do {
        for file in files { try output.write(file.data, as: file.name) }
    } catch {
        output.abandon()
        Output.problems("eduplan: \(error)")
        throw Output.badInput
    }
    try commit(output)
}

/// Commits an output whose files are written; a failure is printed (one line) and exits 1.
func commit(_ output: OutputTarget) throws {
    do {
        try output.commit()
    } catch {
        Output.problems("eduplan: \(error)")
        throw Output.badInput
    }
}

/// Reads a whole input file given on the command line (regular files only: a FIFO or a device is
/// refused at once); a failure is printed as `eduplan: PATH: expected WHAT, found WHY` and exits 1.
func readInput(_ path: String, expected: String) throws -> Data {
    do {
        return try InputFile.read(path)
    } catch {
        Output.problems("eduplan: \(path): expected \(expected), found \(error)")
        throw Output.badInput
    }
}

/// Branch-and-bound progress on one stderr line (incumbent, bound, gap), at most 5 times a second.
/// Used only when stderr is a terminal.
final class LiveMIPProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private let wording: Wording

    /// A progress line in `wording`'s language.
    init(wording: Wording = .english) { self.wording = wording }

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
            let line = wording("cli.branchAndBound", ["incumbent": incumbent, "bound": bound, "gap": gap, "nodes": "\(progress.activeNodes)"])
            Output.standardError("\r\u{1B}[Keduplan: \(line)")
            return .proceed
        }
    }
}
