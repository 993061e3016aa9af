import Foundation

/// Reading files, cells and scalars as text, and showing what was found in a problem.
public enum TextValue {
    /// The text of a file's bytes: UTF-8, a byte order mark removed. Nil when they are not UTF-8,
    /// with the problem in `log` at the first bad byte's line and character column.
    public static func utf8(_ data: Data, file: String, log: ProblemLog) -> String? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let position = TextPosition.firstInvalidUTF8(in: bytes)
        log.error(SourceLocation(file: file, line: position?.line, column: position?.column),
                  expected: "UTF-8 text", found: "bytes that are not UTF-8")
        return nil
    }

    /// The text without surrounding spaces and tabs (cheap when there are none, the usual case).
    public static func trimmed(_ text: String) -> Substring {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text[...] }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// Whether the text is empty or only spaces and tabs.
    public static func isBlank(_ text: String) -> Bool { trimmed(text).isEmpty }

    /// `true/false/yes/no/1/0`, any case, surrounding spaces ignored (MODEL.md §11); nil otherwise.
    public static func bool(_ raw: String) -> Bool? {
        switch trimmed(raw).lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: return nil
        }
    }

    /// What was found, for a problem: `"abc"` (shortened past 60 characters, line breaks shown as
    /// `\n` and `\r`), or `empty` (`an empty cell`) for an empty text.
    public static func quoted(_ raw: String, empty: String = "an empty cell") -> String {
        if raw.isEmpty { return empty }
        var shown = raw
        if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
        shown = shown.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return "\"\(shown)\""
    }
}

/// "Did you mean" hints and readable lists of names, for problems.
public enum Suggestion {
    /// Levenshtein distance between two strings (by Unicode scalars).
    /// - Complexity: O(a.count × b.count).
    public static func editDistance(_ a: String, _ b: String) -> Int {
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

    /// The closest candidate within a small edit distance (case ignored), as a hint: "did you mean
    /// `amount`?"; the first of equally close ones. Large candidate sets (thousands of school ids)
    /// are not searched: the hint would cost more than it helps.
    public static func hint<Candidates: Sequence>(for word: String, among candidates: Candidates) -> String? where Candidates.Element == String {
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
    public static func list<Items: Sequence>(_ items: Items, conjunction: String = "or") -> String where Items.Element == String {
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
