import Foundation

/// Where something was written: a file, and when known a line, a column and a field name.
struct SourceLocation: Sendable, Equatable {
    var file: String
    var line: Int?
    var column: Int?
    var field: String?
}

/// Collects every problem met while loading, so that all of them are reported at once.
final class ProblemLog {
    private(set) var problems: [ScenarioProblem] = []
    /// Files in the order they were first met: problems are sorted by this, then by position.
    private var fileRank: [String: Int] = [:]

    var hasErrors: Bool { problems.contains { $0.severity == .error } }
    var errorCount: Int { problems.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    /// Registers `file` so that its problems sort after those of files met before it.
    func meet(_ file: String) {
        if fileRank[file] == nil { fileRank[file] = fileRank.count }
    }

    func add(_ problem: ScenarioProblem) {
        meet(problem.file)
        problems.append(problem)
    }

    func error(_ at: SourceLocation, expected: String, found: String, hint: String? = nil) {
        add(ScenarioProblem(.error, file: at.file, line: at.line, column: at.column, field: at.field,
                            expected: expected, found: found, hint: hint))
    }

    func warning(_ at: SourceLocation, expected: String, found: String, hint: String? = nil) {
        add(ScenarioProblem(.warning, file: at.file, line: at.line, column: at.column, field: at.field,
                            expected: expected, found: found, hint: hint))
    }

    /// The problems in file order, then line and column order (problems without a line first).
    func sorted() -> [ScenarioProblem] {
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
}

// MARK: - Text helpers shared by the YAML and CSV readers

enum TextValue {
    /// How a cell or scalar failed to be a number.
    enum NumberResult {
        case number(Double)
        case notANumber
        case notFinite
    }

    /// Reads a decimal number: optional sign, digits with an optional fraction, optional exponent
    /// (`5.0e8`, `5e+8`, `1.5E-3`). No thousands separators, no hex, no `nan`/`inf` (MODEL.md §11).
    static func number(_ raw: String) -> NumberResult {
        let text = trimmed(raw)
        var bytes = text.utf8[...]
        if bytes.isEmpty { return .notANumber }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-")
        if bytes.first == plus || bytes.first == minus { bytes = bytes.dropFirst() }
        var digits = 0
        while let b = bytes.first, isDigit(b) { digits += 1; bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let b = bytes.first, isDigit(b) { digits += 1; bytes = bytes.dropFirst() }
        }
        if digits == 0 { return nonFinite.contains(text.lowercased()) ? .notFinite : .notANumber }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == plus || bytes.first == minus { bytes = bytes.dropFirst() }
            var exponentDigits = 0
            while let b = bytes.first, isDigit(b) { exponentDigits += 1; bytes = bytes.dropFirst() }
            if exponentDigits == 0 { return .notANumber }
        }
        if !bytes.isEmpty { return .notANumber }
        guard let value = Double(text) else { return .notANumber }
        return value.isFinite ? .number(value) : .notFinite
    }

    private static let nonFinite: Set<String> = ["nan", "+nan", "-nan", ".nan", "inf", "+inf", "-inf", ".inf", "+.inf", "-.inf",
                                                 "infinity", "+infinity", "-infinity"]

    /// The text without surrounding spaces and tabs (cheap when there are none, the usual case).
    static func trimmed(_ text: String) -> Substring {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text[...] }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// Whether the text is empty or only spaces and tabs.
    static func isBlank(_ text: String) -> Bool { trimmed(text).isEmpty }

    /// `true/false/yes/no/1/0`, any case (MODEL.md §11).
    static func bool(_ raw: String) -> Bool? {
        switch trimmed(raw).lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: return nil
        }
    }

    /// The largest count accepted (``InputLimits/count``).
    static let maximumCount = Double(InputLimits.count)

    /// `"abc"`, or `an empty cell` for an empty one.
    static func quoted(_ raw: String, empty: String = "an empty cell") -> String {
        if raw.isEmpty { return empty }
        var shown = raw
        if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
        shown = shown.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return "\"\(shown)\""
    }

    /// Formats a number as people write it: `12`, `0.5`, `1250000`.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

// MARK: - Did you mean

enum Suggestion {
    /// Levenshtein distance between two strings (by Unicode scalars).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate within a small edit distance, as a hint: "did you mean `amount`?".
    /// Large candidate sets (thousands of school ids) are not searched: the hint would cost more than it helps.
    static func hint<S: Sequence>(for word: String, among candidates: S) -> String? where S.Element == String {
        // Ranked by (edit distance, whether it is only a prefix match): real near-misses win.
        var best: (candidate: String, score: (Int, Int))?
        var seen = 0
        let lowered = word.lowercased()
        for candidate in candidates {
            seen += 1
            if seen > 2000 { return nil }
            let other = candidate.lowercased()
            let distance = editDistance(lowered, other)
            let limit = max(1, min(3, candidate.count / 3))
            var score: (Int, Int)?
            if distance <= limit {
                score = (distance, 0)
            } else if min(lowered.count, other.count) >= 3, lowered.hasPrefix(other) || other.hasPrefix(lowered) {
                // A word that starts another (`income` for `income_per_capita`) is a close call too.
                score = (limit, 1)
            }
            if let score, best == nil || score < best!.score { best = (candidate, score) }
        }
        return best.map { "did you mean `\($0.candidate)`?" }
    }

    /// A readable list: "`a`, `b` or `c`" (shortened when long).
    static func list<S: Sequence>(_ items: S, conjunction: String = "or") -> String where S.Element == String {
        let all = Array(items)
        if all.isEmpty { return "(none)" }
        if all.count > 16 {
            return all.prefix(12).map { "`\($0)`" }.joined(separator: ", ") + " … (\(all.count) in all)"
        }
        let shown = all.map { "`\($0)`" }
        if shown.count == 1 { return shown[0] }
        return shown.dropLast().joined(separator: ", ") + " \(conjunction) " + shown.last!
    }
}
