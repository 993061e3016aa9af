import Foundation
import Yams

/// A YAML mapping read with its keys in order, each key with its node (for positions).
public struct YAMLMapping {
    /// One key and its value.
    public struct Entry {
        /// The key's text.
        public var key: String
        /// The key's node (where a problem with the key itself is reported).
        public var keyNode: Node
        /// The value's node.
        public var value: Node
    }

    /// The mapping's own node.
    public var node: Node
    /// Its key path (`funds[2]`; empty at the top).
    public var path: String
    /// Its known keys, in the order written.
    public var entries: [Entry]

    /// The value of `key`, if written.
    public subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }
    /// The node of the key `key` itself, if written.
    public func keyNode(_ key: String) -> Node? { entries.first { $0.key == key }?.keyNode }
    /// Whether `key` is written.
    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
    /// The key path of `key` in this mapping.
    public func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// The one YAML reader with locations: reads typed values out of YAML nodes (scenario.yaml,
/// identification settings), recording every problem with the node's line and column.
///
/// Scalars are read from their text, not from YAML's own type resolution: `5.0e8` is a number
/// (YAML 1.1 would call it a string), `007` stays the id `007`, `yes` is a boolean (MODEL.md §11).
public struct YAMLReader {
    /// The file, as problems name it.
    public let file: String
    /// Where problems go.
    public let log: ProblemLog
    /// Positions of every value read, by key path, for checks made later on what was built.
    public let marks: MarkTable

    /// Positions by key path (`funds[0].categories` → line and column).
    public final class MarkTable {
        /// Line and column of each value read.
        public var byPath: [String: (line: Int, column: Int)] = [:]
        /// Where the composed text ends: a node libyaml places past it (the end of a stream without a
        /// final line break is on the line after the last) is reported here instead.
        public var end: (line: Int, column: Int)?
        /// No positions yet.
        public init() {}
    }

    /// What an unknown key of a mapping is.
    public enum UnknownKey {
        /// An error: a misspelt `fairnes:` must not silently drop every rule.
        case error
        /// A warning, the key ignored.
        case warning
    }

    /// A reader of `file` recording into `log` (and the positions of what it reads into `marks`).
    public init(file: String, log: ProblemLog, marks: MarkTable = MarkTable()) {
        self.file = file
        self.log = log
        self.marks = marks
    }

    // MARK: Parsing the document

    /// Composes the document; a syntax error is recorded and gives nil.
    /// - Parameter expected: What an empty file was expected to hold (`a mapping of settings …`).
    public func compose(_ text: String, expected: String) -> Node? {
        marks.end = TextPosition.location(ofCharacterOffset: text.count, in: text)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.error(SourceLocation(file: file), expected: expected, found: "an empty file")
                return nil
            }
            return root
        } catch let error as YamlError {
            report(error, text: text)
            return nil
        } catch {
            log.error(SourceLocation(file: file), expected: "valid YAML", found: "\(error)")
            return nil
        }
    }

    private func report(_ error: YamlError, text: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var found = problem
            if let context { found += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            let at = position(mark, in: text)
            log.error(SourceLocation(file: file, line: at.line, column: at.column), expected: "valid YAML", found: found)
        case let .reader(problem, offset, _, _):
            var line: Int?, column: Int?
            if let offset {  // Yams counts characters, not bytes
                (line, column) = TextPosition.location(ofCharacterOffset: offset, in: text)
            }
            log.error(SourceLocation(file: file, line: line, column: column), expected: "readable YAML text", found: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let first = context.mark
            if duplicates.count == 1, let second = secondOccurrence(of: duplicates[0], after: first, in: text) {
                log.error(SourceLocation(file: file, line: second.line, column: second.column, field: duplicates[0]),
                          expected: "each key once in a mapping", found: "`\(duplicates[0])` again",
                          hint: "first on line \(first.line)")
            } else {
                log.error(SourceLocation(file: file, line: first.line, column: first.column),
                          expected: "each key once in a mapping",
                          found: "\(Suggestion.list(duplicates, conjunction: "and")) more than once")
            }
        default:
            log.error(SourceLocation(file: file), expected: "valid YAML", found: "\(error)")
        }
    }

    /// Where `mark` is, kept inside the text: libyaml puts the end of a stream that has no final
    /// line break on the line after the last one, which no editor can show.
    private func position(_ mark: Mark, in text: String) -> (line: Int, column: Int) {
        let end = TextPosition.location(ofCharacterOffset: text.count, in: text)
        if mark.line > end.line || (mark.line == end.line && mark.column > end.column) { return end }
        return (mark.line, mark.column)
    }

    /// Where a duplicated key appears the second time (Yams reports the first): the same flow mapping
    /// further on the line, or a later line of the same block mapping. Nil when not found.
    private func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count, first.column >= 1 else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        func keyAt(_ line: [Unicode.Scalar], _ i: Int) -> Bool {
            guard i + keyScalars.count < line.count, Array(line[i..<(i + keyScalars.count)]) == keyScalars else { return false }
            var j = i + keyScalars.count
            while j < line.count, line[j] == " " { j += 1 }
            return j < line.count && line[j] == ":"
        }
        // Same line (flow mapping): `, key:` or `{key:` after the first.
        let own = lines[first.line - 1]
        var i = first.column - 1 + keyScalars.count
        while i < own.count {
            if own[i] == "," || own[i] == "{" {
                var j = i + 1
                while j < own.count, own[j] == " " { j += 1 }
                if keyAt(own, j) { return (first.line, j + 1) }
            }
            i += 1
        }
        // Later lines at the same indentation (block mapping), until the mapping ends.
        let indent = first.column - 1
        for l in first.line..<lines.count {
            let line = lines[l]
            let leading = line.prefix { $0 == " " }.count
            if leading == line.count || line[leading] == "#" { continue }
            if leading < indent { return nil }
            if leading == indent, keyAt(line, indent) { return (l + 1, indent + 1) }
        }
        return nil
    }

    // MARK: Positions and descriptions

    /// Where `node` is, with its key path as the field (none for the top, an empty path).
    public func location(_ node: Node?, path: String?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, field: path) }
        if let end = marks.end, mark.line > end.line || (mark.line == end.line && mark.column > end.column) {
            return SourceLocation(file: file, line: end.line, column: end.column, field: path)
        }
        return SourceLocation(file: file, line: mark.line, column: mark.column, field: path)
    }

    /// Remembers where the value at `path` is.
    public func remember(_ node: Node, path: String) {
        if let mark = node.mark { marks.byPath[path] = (mark.line, mark.column) }
    }

    /// Whether `node` is a plain null (`~`, `null`, nothing).
    public func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What a node is, in words, for "found …".
    public func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar):
            if isNull(node) { return "nothing" }
            return TextValue.quoted(scalar.string, empty: "an empty text")
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Typed reads

    /// A mapping whose keys are checked against `keys` (nil: any key): an unknown key is an error
    /// (or, with `unknown: .warning`, a warning and ignored) with a did-you-mean hint.
    public func mapping(_ node: Node, path: String, keys: [String]?, expected: String = "a mapping",
                        unknown: UnknownKey = .error) -> YAMLMapping? {
        guard case let .mapping(mapping) = node else {
            log.error(location(node, path: path), expected: expected, found: describe(node))
            return nil
        }
        var entries: [YAMLMapping.Entry] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                log.error(location(keyNode, path: path), expected: "a text key", found: describe(keyNode))
                continue
            }
            let key = scalar.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            if let keys, !keys.contains(key) {
                let expected = "a known key here (\(Suggestion.list(keys)))", hint = Suggestion.hint(for: key, among: keys)
                switch unknown {
                case .error: log.error(location(keyNode, path: keyPath), expected: expected, found: "`\(key)`", hint: hint)
                case .warning: log.warning(location(keyNode, path: keyPath), expected: expected, found: "`\(key)` (ignored)", hint: hint)
                }
                continue
            }
            remember(value, path: keyPath)
            entries.append(.init(key: key, keyNode: keyNode, value: value))
        }
        remember(node, path: path)
        return YAMLMapping(node: node, path: path, entries: entries)
    }

    /// A list (a single scalar is not accepted as a list).
    public func sequence(_ node: Node, path: String, expected: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            log.error(location(node, path: path), expected: expected, found: describe(node))
            return nil
        }
        return Array(sequence)
    }

    /// Text of a scalar, exactly as written.
    public func string(_ node: Node, path: String, expected: String = "a text", allowEmpty: Bool = false) -> String? {
        guard case let .scalar(scalar) = node, !isNull(node) else {
            log.error(location(node, path: path), expected: expected, found: describe(node))
            return nil
        }
        if scalar.string.isEmpty && !allowEmpty {
            log.error(location(node, path: path), expected: expected, found: "an empty text")
            return nil
        }
        return scalar.string
    }

    /// A finite number that `check` accepts (it returns the words and hint of a refusal); the
    /// problem is recorded with `expected` otherwise (MODEL.md §11, ``ProblemLog/number(_:at:expected:check:)``).
    public func number(_ node: Node, path: String, expected: String,
                       check: (Double) -> (expected: String, hint: String?)?) -> Double? {
        guard case let .scalar(scalar) = node, !isNull(node) else {
            log.error(location(node, path: path), expected: expected, found: describe(node))
            return nil
        }
        return log.number(scalar.string, at: location(node, path: path), expected: expected, check: check)
    }

    /// A whole number in `range` (`12`, `1.2e3`, `12.0` all accepted).
    public func wholeNumber(_ node: Node, path: String, range: ClosedRange<Int>) -> Int? {
        let words = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let value = number(node, path: path, expected: words, check: { _ in nil }) else { return nil }
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            log.error(location(node, path: path), expected: words, found: describe(node))
            return nil
        }
        return Int(value)
    }

    /// `true` or `false` (also `yes`/`no`, `1`/`0`, MODEL.md §11).
    public func bool(_ node: Node, path: String) -> Bool? {
        let words = "true or false (also yes/no, 1/0)"
        guard case let .scalar(scalar) = node, !isNull(node), let value = TextValue.bool(scalar.string) else {
            log.error(location(node, path: path), expected: words, found: describe(node))
            return nil
        }
        return value
    }

    /// A list of texts; entries that are not text are reported and skipped.
    public func strings(_ node: Node, path: String, expected: String) -> [(String, Node)]? {
        guard let items = sequence(node, path: path, expected: expected) else { return nil }
        var result: [(String, Node)] = []
        for (i, item) in items.enumerated() {
            if let text = string(item, path: "\(path)[\(i)]", expected: "a text entry") { result.append((text, item)) }
        }
        return result
    }
}
