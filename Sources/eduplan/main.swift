import ArgumentParser
import EduplanIO
import Foundation

/// The eduplan command line: thin; the work is in the library.
struct Eduplan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eduplan",
        abstract: "Optimal, fair plans for education funds and teacher dispatch (solved with GLPK).",
        discussion: """
        Exit status: 0 ok, 1 bad input (or an output that cannot be written), 2 infeasible, 3 solver
        limit reached without a feasible plan, 130 / 143 interrupted by SIGINT / SIGTERM (outputs
        left as they were). Results go to stdout; progress and logs to stderr.
        """,
        version: "0.1.0",
        subcommands: [SolveCommand.self, ValidateCommand.self, ExportCommand.self, GenerateCommand.self, CompareCommand.self, SweepCommand.self, ReportCommand.self, IdentifyCommand.self, GenerateStudentsCommand.self, EvaluateCommand.self, ConvertCommand.self, DiffCommand.self]
    )
}

// SIGINT and SIGTERM remove outputs in progress and exit 130 / 143 (EduplanIO.Interruption).
Interruption.install()

// Bad arguments are bad input: exit 1 (PRODUCT.md), not ArgumentParser's 64.
do {
    var command = try Eduplan.parseAsRoot()
    try command.run()
} catch {
    if Eduplan.exitCode(for: error) == .validationFailure {
        Output.problems(Eduplan.fullMessage(for: error))
        exit(1)
    }
    Eduplan.exit(withError: error)
}
