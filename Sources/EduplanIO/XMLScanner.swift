/// A small pull reader for the XML of workbook parts: start tags with their attributes, end tags and
/// the text between, entities decoded; comments, processing instructions and the doctype skipped.
///
/// Why not Foundation's `XMLParser`: on Linux it brings libxml2 and ICU into the process (about
/// 30 MB of address space, which pushed `solve` under a tight `ulimit -v` from a clear refusal into
/// an abort), and it traps on an element name that is not UTF-8. Workbook parts use a small,
/// regular subset of XML, read here in one pass over the bytes, with every index checked.
///
/// Not checked: that tags nest (a part that does not nest is read as far as it makes sense, and the
/// table's own checks report what is missing), namespaces (names are read with their prefix, `r:id`).
struct XMLScanner {
    /// One thing the scanner met.
    enum Event {
        /// `<name a="1">` (`selfClosing` for `<name/>`, which is followed by no end event).
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    struct Failure: Error { var reason: String }

    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next event, nil at the end of the part.
    /// - Throws: ``Failure`` for markup that is cut off or malformed.
    mutating func next() throws(Failure) -> Event? {
        while at < bytes.count {
            guard bytes[at] == UInt8(ascii: "<") else { return .text(try decode(readUntil(UInt8(ascii: "<")))) }
            if starts(with: "<!--") { try skip(past: "-->"); continue }
            if starts(with: "<![CDATA[") {
                at += 9
                let start = at
                try skip(past: "]]>")
                return .text(String(decoding: bytes[start..<(at - 3)], as: UTF8.self))
            }
            if starts(with: "<?") || starts(with: "<!") { try skip(past: ">"); continue }
            at += 1
            guard at < bytes.count, bytes[at] == UInt8(ascii: "/") else { return try startTag() }
            at += 1
            let name = readName()
            skipSpaces()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ">") else { throw Failure(reason: "an end tag `\(name)` not closed") }
            at += 1
            return .end(name: name)
        }
        return nil
    }

    /// `<name attr="value" …>` or `…/>`, the `<` already read.
    private mutating func startTag() throws(Failure) -> Event {
        let name = readName()
        guard !name.isEmpty else { throw Failure(reason: "a `<` that starts no tag") }
        var attributes: [String: String] = [:]
        while true {
            skipSpaces()
            guard at < bytes.count else { throw Failure(reason: "a tag `\(name)` cut off") }
            if bytes[at] == UInt8(ascii: ">") { at += 1; return .start(name: name, attributes: attributes, selfClosing: false) }
            if bytes[at] == UInt8(ascii: "/") {
                guard at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: ">") else { throw Failure(reason: "a tag `\(name)` not closed") }
                at += 2
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let key = readName()
            skipSpaces()
            guard !key.isEmpty, at < bytes.count, bytes[at] == UInt8(ascii: "=") else {
                throw Failure(reason: "an attribute of `\(name)` without `=`")
            }
            at += 1
            skipSpaces()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") else {
                throw Failure(reason: "an attribute `\(key)` without quotes")
            }
            let quote = bytes[at]
            at += 1
            attributes[key] = try decode(readUntil(quote))
            guard at < bytes.count else { throw Failure(reason: "an attribute `\(key)` not closed") }
            at += 1
        }
    }

    /// A name: every byte up to a space, `=`, `/`, `>` or `<`.
    private mutating func readName() -> String {
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 61 || byte == 47 || byte == 62 || byte == 60 { break }
            at += 1
        }
        return String(decoding: bytes[start..<at], as: UTF8.self)
    }

    /// The bytes up to (not including) `stop`, or to the end.
    private mutating func readUntil(_ stop: UInt8) -> ArraySlice<UInt8> {
        let start = at
        while at < bytes.count, bytes[at] != stop { at += 1 }
        return bytes[start..<at]
    }

    private mutating func skipSpaces() {
        while at < bytes.count, bytes[at] == 32 || bytes[at] == 9 || bytes[at] == 10 || bytes[at] == 13 { at += 1 }
    }

    private func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        return text.withUTF8Buffer { bytes[at..<(at + count)].elementsEqual($0) }
    }

    private mutating func skip(past text: StaticString) throws(Failure) {
        while at < bytes.count {
            if starts(with: text) { at += text.utf8CodeUnitCount; return }
            at += 1
        }
        throw Failure(reason: "markup cut off (no `\(text)`)")
    }

    /// Text with the five named entities and numeric character references decoded.
    private func decode(_ raw: ArraySlice<UInt8>) throws(Failure) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "&") else { out.append(raw[i]); i += 1; continue }
            guard let semicolon = raw[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                throw Failure(reason: "an `&` that starts no entity")
            }
            let name = String(decoding: raw[(i + 1)..<semicolon], as: UTF8.self)
            guard let scalar = Self.entity(name) else { throw Failure(reason: "an unknown entity `&\(name);`") }
            out += Array(String(Character(scalar)).utf8)
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character an entity name stands for (`amp`, `#231`, `#x4E2D`), nil when none.
    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
