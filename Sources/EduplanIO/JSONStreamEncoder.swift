/// Writes any `Encodable` as JSON text straight into a ``JSONStreamWriter``, without building a
/// tree of values first: the bytes `JSONEncoder` writes with `[.sortedKeys, .prettyPrinted,
/// .withoutEscapingSlashes]` (numbers as `Double`, non-finite numbers as `null`, a dictionary with
/// `String` keys as an object, a keyed container used for nothing as `{}`). A value's `Codable`
/// conformance stays its one layout.
///
/// How: every value is written where it ends up, at its depth. An object's fields are written one
/// after another as its `encode(to:)` gives them, each remembered by key and place; when the
/// object's `encode(to:)` returns, fields that came in another order than the keys' are rewritten
/// in key order once (a later field of the same key replaces the earlier, as in `JSONEncoder`).
/// An array's elements are already in order. A container asked for with `nestedContainer` (which
/// its owner may fill later, between its other fields) is written aside and put in place at the end.
/// - Complexity: O(size of the text × depth) bytes copied at most, O(k log k) per object of k keys.
public enum JSONStreamEncoder {
    /// The JSON text of `value`, as UTF-8 bytes.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> [UInt8] {
        let sink = JSONStreamSink(pretty: pretty)
        try sink.write(value, depth: 0)
        return sink.writer.bytes
    }
}

/// The text being written, shared by the values written into it.
final class JSONStreamSink {
    var writer: JSONStreamWriter
    /// Where an object's fields are put in key order before they replace the written ones.
    private var scratch: [UInt8] = []

    init(pretty: Bool) {
        writer = JSONStreamWriter(pretty: pretty, capacity: 1 << 20)
    }

    /// Appends `value` with its first line at `depth`: the common leaves (and optional leaves,
    /// nil as `null`) directly, told apart by their type alone (a cast that fails is slow: it
    /// looks through optionals and bridging), anything else through its own `encode(to:)`.
    func write<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == Double.self {
            writer.appendNumber(value as! Double)
        } else if T.self == String.self {
            writer.appendString(value as! String)
        } else if T.self == Int.self {
            writer.appendNumber(Double(value as! Int))
        } else if T.self == Bool.self {
            writer.appendBool(value as! Bool)
        } else if T.self == Double?.self {
            if let number = value as! Double? { writer.appendNumber(number) } else { writer.appendNull() }
        } else if T.self == String?.self {
            if let text = value as! String? { writer.appendString(text) } else { writer.appendNull() }
        } else if T.self == JSONValue.self {
            writer.append(value as! JSONValue, depth: depth)
        } else {
            let node = JSONStreamNode(sink: self, depth: depth)
            try value.encode(to: JSONStreamValueEncoder(node: node))
            node.finish()
        }
    }

    /// What comes before an element of a container at `depth`: a comma, then pretty a line break
    /// and the element's indent, then an object's key and `" : "`. The first element's comma
    /// becomes the container's opening bracket when the container is finished (same length).
    func appendElementStart(key: String?, depth: Int) {
        writer.bytes.append(UInt8(ascii: ","))
        if writer.pretty {
            writer.bytes.append(UInt8(ascii: "\n"))
            writer.appendIndent(depth + 1)
        }
        if let key {
            writer.appendString(key)
            writer.appendKeySeparator()
        }
    }

    /// Rewrites the elements from `start` on in the order of `entries` (each the text of one
    /// element with its start, or a container written aside, whose start is written here).
    func reorder(from start: Int, _ entries: [JSONStreamNode.Entry], keyed: Bool, depth: Int) {
        scratch.removeAll(keepingCapacity: true)
        for entry in entries {
            if let aside = entry.aside {
                let mark = writer.bytes.count
                appendElementStart(key: keyed ? entry.key : nil, depth: depth)
                aside.finish()
                writer.bytes.append(contentsOf: aside.sink.writer.bytes)
                scratch.append(contentsOf: writer.bytes[mark...])
                writer.truncate(to: mark)
            } else {
                scratch.append(contentsOf: writer.bytes[entry.start..<entry.end])
            }
        }
        writer.truncate(to: start)
        writer.bytes.append(contentsOf: scratch)
    }
}

/// One value being written: a leaf, an object or an array, and where its text starts.
///
/// An element is written where it ends up, after its start (``JSONStreamSink/appendElementStart(key:depth:)``);
/// an object whose keys came in another order is rewritten once, when it is finished.
final class JSONStreamNode {
    enum Kind { case unset, leaf, object, array }

    /// A field or element: its key (objects), and the place of its text (with its start), or the
    /// node written aside that holds it.
    struct Entry {
        var key: String
        var start = 0
        var end = 0
        var aside: JSONStreamNode?
    }

    let sink: JSONStreamSink
    let depth: Int
    let start: Int
    private(set) var kind = Kind.unset
    private var entries: [Entry] = []
    /// Whether every entry so far is in the buffer, in key order (objects) and without a repeated key.
    private var inPlace = true
    private var finished = false

    init(sink: JSONStreamSink, depth: Int) {
        self.sink = sink
        self.depth = depth
        start = sink.writer.bytes.count
    }

    /// Makes this value `kind`, dropping what it held when it was something else.
    func become(_ kind: Kind) {
        guard self.kind != kind || kind == .leaf else { return }
        sink.writer.truncate(to: start)
        entries.removeAll()
        inPlace = true
        self.kind = kind
    }

    /// Writes one field (`key`) or element (`key` empty) with `write`, which appends its value.
    @inline(__always)
    func add(_ key: String, _ write: (JSONStreamSink) throws -> Void) rethrows {
        let begin = sink.writer.bytes.count
        sink.appendElementStart(key: kind == .object ? key : nil, depth: depth)
        try write(sink)
        if kind == .object, let last = entries.last, !(last.key < key) { inPlace = false }
        entries.append(Entry(key: key, start: begin, end: sink.writer.bytes.count))
    }

    /// A field or element written aside, for a container its owner fills when it likes.
    func addAside(_ key: String) -> JSONStreamNode {
        let aside = JSONStreamNode(sink: JSONStreamSink(pretty: sink.writer.pretty), depth: depth + 1)
        entries.append(Entry(key: key, aside: aside))
        inPlace = false
        return aside
    }

    var count: Int { entries.count }

    /// Puts the value's text together once its `encode(to:)` has returned: an object's fields in
    /// key order, the last of equal keys kept; nothing written at all is `{}`.
    func finish() {
        guard !finished else { return }
        finished = true
        switch kind {
        case .leaf: return
        case .unset: kind = .object
        case .array: if !inPlace { sink.reorder(from: start, entries, keyed: false, depth: depth) }
        case .object: if !inPlace { sink.reorder(from: start, Self.sortedByKey(entries), keyed: true, depth: depth) }
        }
        close()
    }

    /// Turns the first element's comma into the opening bracket and writes the closing one
    /// (as ``JSONStreamWriter/appendContainer(keyed:count:depth:element:)`` lays a container out).
    private func close() {
        if entries.isEmpty {
            sink.writer.appendContainer(keyed: kind == .object, count: 0, depth: depth) { _, _ in }
            return
        }
        sink.writer.bytes[start] = kind == .object ? UInt8(ascii: "{") : UInt8(ascii: "[")
        if sink.writer.pretty {
            sink.writer.bytes.append(UInt8(ascii: "\n"))
            sink.writer.appendIndent(depth)
        }
        sink.writer.bytes.append(kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    private static func sortedByKey(_ entries: [Entry]) -> [Entry] {
        let order = entries.indices.sorted { a, b in
            entries[a].key != entries[b].key ? entries[a].key < entries[b].key : a < b
        }
        var sorted: [Entry] = []
        sorted.reserveCapacity(entries.count)
        for (n, i) in order.enumerated() where n + 1 == order.count || entries[order[n + 1]].key != entries[i].key {
            sorted.append(entries[i])
        }
        return sorted
    }
}

private struct JSONStreamValueEncoder: Encoder {
    let node: JSONStreamNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.become(.object)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.become(.array)
        return JSONStreamUnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleContainer(node: node)
    }
}

/// The primitive `encode` overloads of a container, written once: each stores a number, text,
/// flag or null through ``put(_:)``.
private protocol JSONStreamLeafPutting {
    /// Writes one leaf with `write`.
    func put(_ write: (inout JSONStreamWriter) -> Void)
}

extension JSONStreamLeafPutting {
    mutating func encodeNil() throws { put { $0.appendNull() } }
    mutating func encode(_ value: Bool) throws { put { $0.appendBool(value) } }
    mutating func encode(_ value: String) throws { put { $0.appendString(value) } }
    mutating func encode(_ value: Double) throws { put { $0.appendNumber(value) } }
    mutating func encode(_ value: Float) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int8) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int16) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int32) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int64) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt8) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt16) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt32) throws { put { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt64) throws { put { $0.appendNumber(Double(value)) } }
}

private struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONStreamNode
    var codingPath: [any CodingKey] { [] }

    private func put(_ key: Key, _ write: (inout JSONStreamWriter) -> Void) {
        node.add(key.stringValue) { write(&$0.writer) }
    }

    mutating func encodeNil(forKey key: Key) throws { put(key) { $0.appendNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key) { $0.appendBool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key) { $0.appendString(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key) { $0.appendNumber(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key) { $0.appendNumber(Double(value)) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let depth = node.depth + 1
        try node.add(key.stringValue) { try $0.write(value, depth: depth) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        JSONStreamValueEncoder(node: node.addAside(key.stringValue)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONStreamValueEncoder(node: node.addAside(key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { JSONStreamValueEncoder(node: node.addAside("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { JSONStreamValueEncoder(node: node.addAside(key.stringValue)) }
}

private struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer, JSONStreamLeafPutting {
    let node: JSONStreamNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.count }

    func put(_ write: (inout JSONStreamWriter) -> Void) { node.add("") { write(&$0.writer) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let depth = node.depth + 1
        try node.add("") { try $0.write(value, depth: depth) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        JSONStreamValueEncoder(node: node.addAside("")).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONStreamValueEncoder(node: node.addAside("")).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { JSONStreamValueEncoder(node: node.addAside("")) }
}

private struct JSONStreamSingleContainer: SingleValueEncodingContainer, JSONStreamLeafPutting {
    let node: JSONStreamNode
    var codingPath: [any CodingKey] { [] }

    /// The value is this leaf (replacing what was written before).
    func put(_ write: (inout JSONStreamWriter) -> Void) {
        node.become(.leaf)
        write(&node.sink.writer)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.become(.leaf)
        try node.sink.write(value, depth: node.depth)
    }
}
