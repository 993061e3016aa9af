import Foundation

/// A JSON value with explicit nulls, written with sorted keys so output is byte-for-byte stable:
/// the one JSON value of every writer (plans, evaluations, timings).
public indirect enum JSONValue: Sendable, Equatable, Encodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Encodes the value (a number that is not finite as null), for `JSONEncoder`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(b): try container.encode(b)
        case let .number(n):
            if n.isFinite { try container.encode(n) } else { try container.encodeNil() }
        case let .string(s): try container.encode(s)
        case let .array(a): try container.encode(a)
        case let .object(o): try container.encode(o)
        }
    }

    /// `.number` or `.null`.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    /// `.string` or `.null`.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty, sorted-key JSON text, byte for byte what `JSONEncoder` writes with
    /// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (or without `.prettyPrinted`),
    /// written directly: a province's plan is tens of megabytes, and the encoder took 0.5 s of a
    /// 10 s solve at 15,000 schools (tests compare the two on plans and random values).
    public func rendered(pretty: Bool = true) throws -> String {
        var out = ""
        out.reserveCapacity(1 << 16)
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// The same text through `JSONEncoder`: the reference the tests hold ``rendered(pretty:)`` to.
    public func renderedByEncoder(pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): Self.writeNumber(n, to: &out)
        case let .string(s): Self.writeString(s, to: &out)
        case let .array(items):
            Self.writeContainer(open: "[", close: "]", count: items.count, pretty: pretty, indent: indent, to: &out) { i, out in
                items[i].write(to: &out, pretty: pretty, indent: indent + 1)
            }
        case let .object(fields):
            let keys = fields.keys.sorted()
            Self.writeContainer(open: "{", close: "}", count: keys.count, pretty: pretty, indent: indent, to: &out) { i, out in
                Self.writeString(keys[i], to: &out)
                out += pretty ? " : " : ":"
                fields[keys[i]]!.write(to: &out, pretty: pretty, indent: indent + 1)
            }
        }
    }

    /// An array or object: its elements separated by commas, pretty with one element a line at
    /// `indent + 1` (and, as JSONEncoder does, an empty line inside an empty container).
    private static func writeContainer(open: String, close: String, count: Int, pretty: Bool, indent: Int, to out: inout String,
                                       element: (Int, inout String) -> Void) {
        out += open
        if pretty { out += "\n" }
        for i in 0..<count {
            if pretty { out += String(repeating: "  ", count: indent + 1) }
            element(i, &out)
            if i < count - 1 { out += "," }
            if pretty { out += "\n" }
        }
        if pretty {
            if count == 0 { out += "\n" }
            out += String(repeating: "  ", count: indent)
        }
        out += close
    }

    /// Swift's shortest round-trip form without a trailing ".0"; non-finite numbers are null.
    private static func writeNumber(_ n: Double, to out: inout String) {
        guard n.isFinite else { out += "null"; return }
        let text = n.description
        out += text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// JSONEncoder's escapes: `"`, a backslash, the short forms of line breaks and tabs, `\u00XX` for the
    /// other control characters; everything else (`/`, non-ASCII) as it is.
    private static let stringEscape = TextEscape(["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                                                  "\u{08}": "\\b", "\u{0C}": "\\f"]) { scalar in
        guard scalar.value < 0x20 else { return nil }
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        stringEscape.append(s, to: &out)
        out += "\""
    }
}
