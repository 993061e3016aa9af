import Foundation
import EduplanScenario

/// Input that cannot be used for identification, with every problem found (errors and warnings).
///
/// Problems are ``ScenarioProblem`` values, the same shape the scenario loader reports: file, line,
/// column, field, what was expected and what was found. A student file with millions of rows may repeat
/// one mistake on every line, so only the first ``ProblemList/limit`` problems are kept in detail;
/// ``omitted`` counts the rest.
public struct IdentificationErrors: Error, Sendable, CustomStringConvertible {
    /// The problems kept, in the order they were found (configuration first, then the student file).
    public var problems: [ScenarioProblem]
    /// Errors found beyond those kept.
    public var omitted: Int

    public init(problems: [ScenarioProblem], omitted: Int = 0) {
        self.problems = problems
        self.omitted = omitted
    }

    /// The errors among the problems kept.
    public var errors: [ScenarioProblem] { problems.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count + omitted
        var text = "\(count) problem\(count == 1 ? "" : "s") in the input:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        if omitted > 0 { text += "\n  … and \(omitted) more (only the first \(errors.count) are listed)" }
        return text
    }
}

/// Collects problems while reading; keeps the first `limit` errors in detail and counts the rest.
final class ProblemList {
    /// Errors kept in detail.
    static let limit = 100

    private(set) var problems: [ScenarioProblem] = []
    private(set) var errorCount = 0
    private(set) var omitted = 0

    var hasErrors: Bool { errorCount > 0 }

    func error(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
               expected: String, found: String, hint: String? = nil) {
        errorCount += 1
        guard errorCount <= Self.limit else {
            omitted += 1
            return
        }
        problems.append(ScenarioProblem(.error, file: file, line: line, column: column, field: field,
                                        expected: expected, found: found, hint: hint))
    }

    func warning(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                 expected: String, found: String, hint: String? = nil) {
        problems.append(ScenarioProblem(.warning, file: file, line: line, column: column, field: field,
                                        expected: expected, found: found, hint: hint))
    }

    var warnings: [ScenarioProblem] { problems.filter { $0.severity == .warning } }

    /// Throws every problem when there is at least one error.
    func throwIfErrors() throws {
        if hasErrors { throw IdentificationErrors(problems: problems, omitted: omitted) }
    }
}

/// `"abc"`, or `an empty cell`, shortened when long.
func quoted(_ raw: String, empty: String = "an empty cell") -> String {
    if raw.isEmpty { return empty }
    var shown = raw
    if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
    shown = shown.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    return "\"\(shown)\""
}
