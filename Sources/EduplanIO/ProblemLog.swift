/// Collects every problem met while reading, so that all of them are reported at once.
///
/// Problems are kept in the order they were found; ``sorted()`` gives them in file order (files
/// in the order they were first met), then by line and column. With a ``limit`` only the first
/// errors are kept in detail and the rest are counted in ``omitted``.
public final class ProblemLog {
    /// The most errors kept in detail; nil keeps every one.
    public let limit: Int?
    /// The problems kept, in the order they were found.
    public private(set) var problems: [Problem] = []
    /// Every error found, kept or not.
    public private(set) var errorCount = 0
    /// Errors found beyond ``limit``.
    public private(set) var omitted = 0
    /// Files in the order they were first met: ``sorted()`` orders by this, then by position.
    private var fileRank: [String: Int] = [:]

    /// An empty log keeping at most `limit` errors in detail (nil: all of them).
    public init(limit: Int? = nil) {
        self.limit = limit
    }

    /// Whether an error was found.
    public var hasErrors: Bool { errorCount > 0 }
    /// The warnings kept.
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }

    /// Registers `file` so that its problems sort after those of files met before it.
    public func meet(_ file: String) {
        if fileRank[file] == nil { fileRank[file] = fileRank.count }
    }

    /// Records a problem (an error beyond ``limit`` is only counted).
    public func add(_ problem: Problem) {
        meet(problem.file)
        if problem.severity == .error {
            errorCount += 1
            if let limit, errorCount > limit {
                omitted += 1
                return
            }
        }
        problems.append(problem)
    }

    /// Records problems found elsewhere (by another reader), in their order.
    public func absorb<Problems: Sequence>(_ other: Problems) where Problems.Element == Problem {
        for problem in other { add(problem) }
    }

    /// Records an error at `at`.
    public func error(_ at: SourceLocation, expected: String, found: String, hint: String? = nil) {
        add(Problem(.error, at: at, expected: expected, found: found, hint: hint))
    }

    /// Records a warning at `at`.
    public func warning(_ at: SourceLocation, expected: String, found: String, hint: String? = nil) {
        add(Problem(.warning, at: at, expected: expected, found: found, hint: hint))
    }

    /// Records an error in `file` (at a line, column and field when given).
    public func error(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                      expected: String, found: String, hint: String? = nil) {
        error(SourceLocation(file: file, line: line, column: column, field: field), expected: expected, found: found, hint: hint)
    }

    /// Records a warning in `file` (at a line, column and field when given).
    public func warning(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                        expected: String, found: String, hint: String? = nil) {
        warning(SourceLocation(file: file, line: line, column: column, field: field), expected: expected, found: found, hint: hint)
    }

    /// The problems in file order, then line and column order (problems without a line first);
    /// problems at the same place stay in the order they were found.
    public func sorted() -> [Problem] {
        let indexed = problems.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { lhs, rhs in
            let (i, a) = lhs, (j, b) = rhs
            let ra = fileRank[a.file] ?? Int.max, rb = fileRank[b.file] ?? Int.max
            if ra != rb { return ra < rb }
            if a.file != b.file { return a.file < b.file }
            let la = a.line ?? 0, lb = b.line ?? 0
            if la != lb { return la < lb }
            let ca = a.column ?? 0, cb = b.column ?? 0
            if ca != cb { return ca < cb }
            return i < j
        }.map { $0.1 }
    }

    /// Every problem as the error to throw: in the order found, or in file order when `sorted`.
    public func errors(source: String = "the input", sorted: Bool = false) -> InputErrors {
        InputErrors(problems: sorted ? self.sorted() : problems, omitted: omitted, source: source)
    }

    /// Throws ``errors(source:sorted:)`` when at least one error was found.
    public func throwIfErrors(source: String = "the input", sorted: Bool = false) throws {
        if hasErrors { throw errors(source: source, sorted: sorted) }
    }

    /// The number written as `text` at `at`, or nil with the problem recorded.
    ///
    /// The text is read by ``DecimalNumber`` (MODEL.md §11). Text that is no number is reported
    /// with `expected`; `nan`, `inf` or an overflow as "a finite number (`expected`)"; a number
    /// that `check` refuses with the words and hint `check` gives.
    public func number(_ text: String, at: SourceLocation, expected: String,
                       check: (Double) -> (expected: String, hint: String?)?) -> Double? {
        switch DecimalNumber.read(text) {
        case let .number(value):
            guard let refused = check(value) else { return value }
            error(at, expected: refused.expected, found: TextValue.quoted(text), hint: refused.hint)
        case .notFinite:
            error(at, expected: "a finite number (\(expected))", found: TextValue.quoted(text))
        case .notANumber:
            error(at, expected: expected, found: TextValue.quoted(text))
        }
        return nil
    }
}
