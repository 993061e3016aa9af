import EduplanScenario
import Foundation

/// A plan or actuals that cannot be evaluated, with every problem found (file, line, column, what was
/// expected and what was found), in the shape the scenario loader uses.
public struct EvaluationErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]

    public init(problems: [ScenarioProblem]) { self.problems = problems }

    public var errors: [ScenarioProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ScenarioProblem] { problems.filter { $0.severity == .warning } }

    public var description: String {
        let count = errors.count
        return "\(count) problem\(count == 1 ? "" : "s") in the input:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Collects problems so that all of them are reported at once.
final class ProblemLog {
    private(set) var problems: [ScenarioProblem] = []
    var hasErrors: Bool { problems.contains { $0.severity == .error } }
    var warnings: [ScenarioProblem] { problems.filter { $0.severity == .warning } }

    func error(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
               expected: String, found: String, hint: String? = nil) {
        problems.append(ScenarioProblem(.error, file: file, line: line, column: column, field: field,
                                        expected: expected, found: found, hint: hint))
    }

    func warning(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                 expected: String, found: String, hint: String? = nil) {
        problems.append(ScenarioProblem(.warning, file: file, line: line, column: column, field: field,
                                        expected: expected, found: found, hint: hint))
    }

    func absorb(_ other: [ScenarioProblem]) { problems += other }

    func throwIfErrors() throws {
        if hasErrors { throw EvaluationErrors(problems: problems) }
    }
}

/// `"abc"`, or `an empty cell`.
func quoted(_ raw: String, empty: String = "an empty cell") -> String {
    if raw.isEmpty { return empty }
    var shown = raw
    if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
    return "\"\(shown.replacingOccurrences(of: "\n", with: "\\n"))\""
}

/// A decimal number as MODEL.md §11 writes them (optional sign, digits, optional fraction, optional
/// exponent with or without sign; surrounding spaces allowed; no `nan`, `inf` or thousands separators).
func decimalNumber(_ raw: String) -> Double? {
    let text = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    var bytes = Substring(text).utf8[...]
    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    var digits = 0
    while let b = bytes.first, isDigit(b) { digits += 1; bytes = bytes.dropFirst() }
    if bytes.first == UInt8(ascii: ".") {
        bytes = bytes.dropFirst()
        while let b = bytes.first, isDigit(b) { digits += 1; bytes = bytes.dropFirst() }
    }
    guard digits > 0 else { return nil }
    if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
        bytes = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var exponentDigits = 0
        while let b = bytes.first, isDigit(b) { exponentDigits += 1; bytes = bytes.dropFirst() }
        guard exponentDigits > 0 else { return nil }
    }
    guard bytes.isEmpty, let value = Double(text), value.isFinite else { return nil }
    return value
}
