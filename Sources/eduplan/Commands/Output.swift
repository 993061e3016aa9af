import ArgumentParser
import EduplanPlanner
import EduplanScenario
import Foundation

/// The command line's one way out: results on stdout, everything else (progress, notes, problems)
/// on stderr through ``standardError(_:)``, and outcomes as the exit statuses users script against.
enum Output {
    /// Writes `text` to stdout as it is.
    static func result(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` to stderr as it is (a progress line redrawn in place has no newline). Every
    /// byte a command writes to stderr goes through here.
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes problems (one or more lines) to stderr, ending with a newline.
    static func problems(_ text: String) {
        standardError(text + "\n")
    }

    /// Bad input, or an output that cannot be written.
    static let badInput = ExitCode(1)
    /// The scenario is infeasible (the elastic diagnosis says what must give).
    static let infeasible = ExitCode(2)
    /// The solver stopped without a feasible plan.
    static let noPlan = ExitCode(3)

    /// Ends a command by its solve's outcome: returns for a plan (optimal or feasible), throws exit
    /// status 2 when infeasible, 3 when the solver found no plan.
    static func finish(with status: PlanStatus) throws {
        switch status {
        case .optimal, .feasible: return
        case .infeasible: throw infeasible
        case .unbounded, .failed: throw noPlan
        }
    }

    /// Prints problems under the count of errors among them (`2 problems in the previous plan:`,
    /// then one indented line each, warnings included) and returns exit status 1 to throw.
    static func badInput(_ problems: [ScenarioProblem], in what: String) -> ExitCode {
        let count = problems.filter { $0.severity == .error }.count
        Self.problems("\(count) problem\(count == 1 ? "" : "s") in \(what):\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        return badInput
    }
}
