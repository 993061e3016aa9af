/// JSON text appended as UTF-8 bytes to one growing buffer: the one place that decides how eduplan
/// writes a JSON number, string, indentation and container. Its bytes are `JSONEncoder`'s with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (or without `.prettyPrinted`): two
/// spaces an indent level, `" : "` after a key, an empty line inside an empty container (tests
/// compare the two on plans and random values).
///
/// ``JSONValue/rendered(pretty:)`` writes a tree through it, and ``JSONStreamEncoder`` writes any
/// `Encodable` through it without building a tree (plan.json of a province is tens of megabytes).
public struct JSONStreamWriter: Sendable {
    /// The text so far.
    public internal(set) var bytes: [UInt8] = []
    /// Whether containers are written one element a line, indented.
    public let pretty: Bool

    /// An empty text.
    public init(pretty: Bool = true, capacity: Int = 1 << 16) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Appends ASCII text as it is (JSON's punctuation and literals).
    @inline(__always)
    mutating func appendRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `null`.
    public mutating func appendNull() { appendRaw("null") }

    /// `true` or `false`.
    public mutating func appendBool(_ value: Bool) { value ? appendRaw("true") : appendRaw("false") }

    /// A number in Swift's shortest round-trip form without a trailing ".0" (`3`, `0.1`, `1e+16`);
    /// a number that is not finite as `null`. Whole numbers below 10^15 are written digit by digit,
    /// which is the same text (`Double.description` writes them as `123.0` up to 10^16).
    public mutating func appendNumber(_ value: Double) {
        guard value.isFinite else { return appendNull() }
        if value.magnitude < 1e15, value == value.rounded(.towardZero), !(value == 0 && value.sign == .minus) {
            appendInteger(Int64(value))
            return
        }
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// A whole number's decimal digits (with `-` when negative).
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64) = (0, 0)  // room for 16 digits, written back to front
        withUnsafeMutableBytes(of: &digits) { room in
            var position = room.count
            repeat {
                position -= 1
                room[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: room[position...])
        }
    }

    /// A string in quotes with `JSONEncoder`'s escapes: `"`, backslash, `\n`, `\r`, `\t`, `\b`, `\f`,
    /// `\u00XX` for the other control characters; everything else (`/`, non-ASCII) as it is.
    public mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                if Self.needsEscape(byte) { appendEscape(byte) } else { bytes.append(byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The escape of one ASCII byte that needs one (every such byte is a whole scalar in UTF-8).
    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): appendRaw("\\\"")
        case UInt8(ascii: "\\"): appendRaw("\\\\")
        case UInt8(ascii: "\n"): appendRaw("\\n")
        case UInt8(ascii: "\r"): appendRaw("\\r")
        case UInt8(ascii: "\t"): appendRaw("\\t")
        case 0x08: appendRaw("\\b")
        case 0x0C: appendRaw("\\f")
        default:
            appendRaw("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Two spaces for each level of `depth` (nothing when not pretty).
    @inline(__always)
    mutating func appendIndent(_ depth: Int) {
        if pretty { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
    }

    /// An array (`keyed` false) or object of `count` elements whose container sits at `depth`:
    /// commas between the elements, and pretty one element a line at `depth + 1` (an empty line
    /// inside an empty container, as `JSONEncoder` writes it). `element(i)` appends the i-th element
    /// (for an object, its key, ``appendKeySeparator()`` and its value).
    public mutating func appendContainer(keyed: Bool, count: Int, depth: Int, element: (inout JSONStreamWriter, Int) throws -> Void) rethrows {
        bytes.append(keyed ? UInt8(ascii: "{") : UInt8(ascii: "["))
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        for i in 0..<count {
            appendIndent(depth + 1)
            try element(&self, i)
            if i < count - 1 { bytes.append(UInt8(ascii: ",")) }
            if pretty { bytes.append(UInt8(ascii: "\n")) }
        }
        if pretty {
            if count == 0 { bytes.append(UInt8(ascii: "\n")) }
            appendIndent(depth)
        }
        bytes.append(keyed ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// What follows an object's key: `" : "`, or `":"` when not pretty.
    public mutating func appendKeySeparator() {
        pretty ? appendRaw(" : ") : appendRaw(":")
    }

    /// A JSON value whose first line sits at `depth` (an object's keys sorted).
    public mutating func append(_ value: JSONValue, depth: Int = 0) {
        switch value {
        case .null: appendNull()
        case let .bool(flag): appendBool(flag)
        case let .number(number): appendNumber(number)
        case let .string(text): appendString(text)
        case let .array(items):
            appendContainer(keyed: false, count: items.count, depth: depth) { writer, i in
                writer.append(items[i], depth: depth + 1)
            }
        case let .object(fields):
            let keys = fields.keys.sorted()
            appendContainer(keyed: true, count: keys.count, depth: depth) { writer, i in
                writer.appendString(keys[i])
                writer.appendKeySeparator()
                writer.append(fields[keys[i]]!, depth: depth + 1)
            }
        }
    }

    /// Drops the text from `offset` on.
    mutating func truncate(to offset: Int) {
        bytes.removeLast(bytes.count - offset)
    }
}
