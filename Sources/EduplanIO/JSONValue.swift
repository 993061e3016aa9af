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
    /// written by ``JSONStreamWriter`` (tests compare the two on plans and random values).
    public func rendered(pretty: Bool = true) throws -> String {
        var writer = JSONStreamWriter(pretty: pretty)
        writer.append(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The same text through `JSONEncoder`: the reference the tests hold ``rendered(pretty:)`` to.
    public func renderedByEncoder(pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
