/// One thing wrong (or doubtful) in a scenario folder, with exactly where it is.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file, relative to the scenario folder (`schools.csv`, `scenario.yaml`).
    public var file: String
    /// 1-based physical line, when the problem has one.
    public var line: Int?
    /// 1-based column: for CSV the field's position, for YAML the character column.
    public var column: Int?
    /// The CSV column name or YAML key path, when there is one (`poor`, `funds[2].amount`).
    public var field: String?
    /// What was expected, in the user's words.
    public var expected: String
    /// What was found (quoted text, or a description).
    public var found: String
    /// A hint, such as "did you mean `amount`?".
    public var hint: String?

    public init(_ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                expected: String, found: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    /// `schools.csv:12:5 (poor): expected a whole number ≥ 0, found "abc"`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var text = "\(location)"
        if let field { text += " (\(field))" }
        text += ": \(severity == .warning ? "warning: " : "")expected \(expected), found \(found)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// A scenario that cannot be used, with every problem found (errors and warnings), in file order.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]
    public init(problems: [ScenarioProblem]) { self.problems = problems }

    public var errors: [ScenarioProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ScenarioProblem] { problems.filter { $0.severity == .warning } }

    public var description: String {
        let count = errors.count
        return "\(count) problem\(count == 1 ? "" : "s") in the scenario:\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// A loaded scenario and the warnings met on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public var warnings: [ScenarioProblem]
    public init(scenario: Scenario, warnings: [ScenarioProblem]) {
        self.scenario = scenario
        self.warnings = warnings
    }
}
