import EduplanScenario
import Foundation

/// What one input did: accepted, or rejected with problems; and every broken promise met on the way.
public struct FuzzReport: Sendable {
    /// Whether the reader accepted the input (and everything after it ran).
    public var accepted: Bool
    /// The problems reported (errors and warnings), empty when accepted without warnings.
    public var problems: [ScenarioProblem]
    /// Broken promises: an error without a file, a line or column outside the input, a rejection with
    /// no error, a model that `validate` let through but GLPK would refuse. Empty for a good run.
    public var violations: [FuzzViolation]

    /// Accepted, nothing broken.
    static let clean = FuzzReport(accepted: true, problems: [], violations: [])
}

/// A promise an input's run broke, without trapping.
public struct FuzzViolation: Sendable, CustomStringConvertible {
    /// Which promise; `EDUPLAN_FUZZ_IGNORE` names kinds to ignore while a known one awaits its fix.
    public enum Kind: String, Sendable, CaseIterable {
        /// The reader rejected the input without any error.
        case noError = "no-error"
        /// An error names no file, or has no `expected` or `found`.
        case unlocated
        /// An error's line is not a line of the file it names.
        case lineOutsideFile = "line-outside-file"
        /// An error's column is below 1.
        case badColumn = "bad-column"
        /// A scenario (or previous plan) was accepted but a model built from it is one GLPK refuses.
        case modelRefused = "model-refused"
        /// A reader threw something other than its documented error type.
        case wrongErrorType = "wrong-error-type"
    }

    /// Which promise was broken.
    public var kind: Kind
    /// What broke it: the problem or model defect, as it would be printed.
    public var detail: String

    init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// `[kind] detail`, the line the fuzzer prints and the regression test reports.
    public var description: String { "[\(kind.rawValue)] \(detail)" }
}

/// Checks the promises every reader makes about its problems (PRODUCT.md: file, line, column, expected, found).
struct ProblemOracle {
    /// The text of every file the run could name, by the name problems use.
    var files: [String: [UInt8]]

    /// Each violation of: a rejection has at least one error; an error names a file, its `expected`
    /// and `found`; a line, when given, is inside that file; a column, when given, is ≥ 1.
    func violations(rejectedWith problems: [ScenarioProblem]) -> [FuzzViolation] {
        let errors = problems.filter { $0.severity == .error }
        if errors.isEmpty { return [FuzzViolation(.noError, "rejected without any error (\(problems.count) warnings)")] }
        return errors.flatMap { violations(of: $0) }
    }

    func violations(of problem: ScenarioProblem) -> [FuzzViolation] {
        var found: [FuzzViolation] = []
        if problem.file.isEmpty { found.append(FuzzViolation(.unlocated, "names no file: \(problem)")) }
        if problem.expected.isEmpty || problem.found.isEmpty { found.append(FuzzViolation(.unlocated, "no expected or found: \(problem)")) }
        if let line = problem.line {
            let lines = files[problem.file].map(Self.lineCount)
            if line < 1 || (lines.map { line > $0 } ?? false) {
                found.append(FuzzViolation(.lineOutsideFile, "line \(line) of \(lines.map(String.init) ?? "?"): \(problem)"))
            }
        }
        if let column = problem.column, column < 1 { found.append(FuzzViolation(.badColumn, "\(problem)")) }
        return found
    }

    /// Physical lines as the readers count them (LF, CRLF and CR end a line), plus the line after the last break.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                lines += 1
            } else if bytes[i] == 0x0D {
                lines += 1
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return lines
    }
}

extension ProblemOracle {
    /// The location promises of ``violations(rejectedWith:)`` applied to the warnings of an accepted input.
    func violations(warnings: [ScenarioProblem]) -> [FuzzViolation] {
        warnings.flatMap { violations(of: $0) }
    }
}
