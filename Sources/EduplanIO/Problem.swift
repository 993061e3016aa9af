/// One thing wrong (or doubtful) in an input file, with exactly where it is.
///
/// Every reader of eduplan (scenario folders, identification settings and student files, plans,
/// actuals) reports in this shape, so that a planner reads the same kind of line whatever the file.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// Whether a problem stops the command (an error) or is only reported (a warning).
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file, as the user named it (`schools.csv`, `scenario.yaml`, `plan.json`).
    public var file: String
    /// 1-based physical line, when the problem has one.
    public var line: Int?
    /// 1-based column: for CSV the field's position, for YAML and text the character column.
    public var column: Int?
    /// The CSV column name or the YAML/JSON key path, when there is one (`poor`, `funds[2].amount`).
    public var field: String?
    /// What was expected, in the user's words.
    public var expected: String
    /// What was found (quoted text, or a description).
    public var found: String
    /// A hint, such as "did you mean `amount`?".
    public var hint: String?

    /// A problem at a file, line, column and field (each but the file optional).
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

    /// A problem at `location`.
    public init(_ severity: Severity = .error, at location: SourceLocation, expected: String, found: String, hint: String? = nil) {
        self.init(severity, file: location.file, line: location.line, column: location.column, field: location.field,
                  expected: expected, found: found, hint: hint)
    }

    /// `schools.csv:12:5 (poor): expected a whole number ≥ 0, found "abc"`; in a workbook's sheet
    /// the cell as Excel names it, `schools.xlsx#学校!E12 (poor): …` (a whole row: `!12:12`).
    public var description: String {
        var location = file
        if SourceLocation.isWorkbook(file), let line {
            location += column.map { "!" + CellReference.name(row: line, column: $0 - 1) } ?? "!\(line):\(line)"
        } else {
            if let line { location += ":\(line)" }
            if let column { location += ":\(column)" }
        }
        var text = "\(location)"
        if let field { text += " (\(field))" }
        text += ": \(severity == .warning ? "warning: " : "")expected \(expected), found \(found)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// Where something was written: a file, and when known a line, a column and a field name.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var field: String?

    /// A place in `file` (line, column and field when known; an empty field, such as the key path
    /// of a document's top or an empty column name, is none).
    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field?.isEmpty == true ? nil : field
    }

    /// Whether `file` names a sheet of an Excel workbook (`BOOK.xlsx` or `BOOK.xlsx#SHEET`): its
    /// lines are then sheet rows and its columns sheet columns.
    public static func isWorkbook(_ file: String) -> Bool {
        let path = file.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return path.lowercased().hasSuffix(".xlsx")
    }

    /// A table path split into its workbook file and sheet (`schools.xlsx#学校` → (`schools.xlsx`,
    /// `学校`); `schools.xlsx` → (`schools.xlsx`, nil)); nil for a path that is not a workbook.
    public static func workbookParts(_ file: String) -> (path: String, sheet: String?)? {
        guard isWorkbook(file) else { return nil }
        let parts = file.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : nil)
    }
}

/// Input that cannot be used, with every problem found (errors and warnings): the one error type
/// the readers throw.
///
/// A file with millions of rows may repeat one mistake on every line, so a ``ProblemLog`` with a
/// limit keeps only the first errors in detail; ``omitted`` counts the rest.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    /// The problems kept, errors and warnings.
    public var problems: [Problem]
    /// Errors found beyond those kept.
    public var omitted: Int
    /// What was read, as the first line of the description names it: `the scenario`, `the input`.
    public var source: String

    /// The problems of `source`, with `omitted` more errors not kept in detail.
    public init(problems: [Problem], omitted: Int = 0, source: String = "the input") {
        self.problems = problems
        self.omitted = omitted
        self.source = source
    }

    /// The errors among the problems kept.
    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    /// The warnings among the problems kept.
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }

    /// `2 problems in the scenario:` then one indented line a problem, and how many more there were.
    public var description: String {
        let count = errors.count + omitted
        var text = "\(count) problem\(count == 1 ? "" : "s") in \(source):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        if omitted > 0 { text += "\n  … and \(omitted) more (only the first \(errors.count) are listed)" }
        return text
    }
}
