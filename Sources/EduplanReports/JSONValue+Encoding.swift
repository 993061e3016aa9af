import Foundation
import EduplanIO

extension JSONValue {
    /// The JSON value of any `Encodable`, as `JSONEncoder` would write it (numbers as `Double`,
    /// non-finite numbers as null, a dictionary with `String` keys as an object), built directly:
    /// a value's `Codable` conformance is its one layout, and ``rendered(pretty:)`` writes it fast.
    ///
    /// A keyed container used for nothing becomes `{}`, as with `JSONEncoder`.
    /// - Complexity: O(size of the value).
    public init<T: Encodable>(encoding value: T) throws {
        let root = JSONBox()
        try value.encode(to: JSONBoxEncoder(box: root, codingPath: []))
        self = root.value
    }
}

/// A JSON value under construction: a leaf, an object or an array (reference storage, so that
/// nested containers can fill it in place).
private final class JSONBox {
    var leaf: JSONValue?
    var object: [String: JSONBox]?
    var array: [JSONBox]?

    init(_ leaf: JSONValue? = nil) { self.leaf = leaf }

    var value: JSONValue {
        if let object { return .object(object.mapValues(\.value)) }
        if let array { return .array(array.map(\.value)) }
        return leaf ?? .object([:])
    }

    /// Makes this box an object (keeping the keys it has).
    func makeObject() {
        if object == nil { object = [:]; array = nil; leaf = nil }
    }

    /// Makes this box an array (keeping the elements it has).
    func makeArray() {
        if array == nil { array = []; object = nil; leaf = nil }
    }

    static func number<N: BinaryInteger>(_ value: N) -> JSONValue { .number(Double(value)) }
}

private struct JSONBoxEncoder: Encoder {
    let box: JSONBox
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.makeObject()
        return KeyedEncodingContainer(JSONKeyedBox<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.makeArray()
        return JSONUnkeyedBox(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleBox(box: box, codingPath: codingPath)
    }
}

/// Encodes `value` into a new box: leaves directly, anything else through its own `encode(to:)`.
private func encodedBox<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONBox {
    switch value {
    case let json as JSONValue: return JSONBox(json)
    case let number as Double: return JSONBox(.number(number))
    case let text as String: return JSONBox(.string(text))
    case let flag as Bool: return JSONBox(.bool(flag))
    case let number as Int: return JSONBox(JSONBox.number(number))
    default:
        let box = JSONBox()
        try value.encode(to: JSONBoxEncoder(box: box, codingPath: codingPath))
        return box
    }
}

private struct JSONKeyedBox<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONBox
    var codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { box.object![key.stringValue] = JSONBox(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(JSONBox.number(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(JSONBox.number(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.object![key.stringValue] = try encodedBox(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        let child = JSONBox()
        box.object![key.stringValue] = child
        return JSONBoxEncoder(box: child, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONBox()
        box.object![key.stringValue] = child
        return JSONBoxEncoder(box: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let child = JSONBox()
        box.object![name] = child
        return JSONBoxEncoder(box: child, codingPath: codingPath)
    }
}

/// A container that takes one leaf at a time (an array's next element, or the single value): the
/// primitive `encode` overloads of ``JSONUnkeyedBox`` and ``JSONSingleBox``, written once.
private protocol JSONLeafContainer {
    /// Stores one leaf.
    func put(_ value: JSONValue)
}

extension JSONLeafContainer {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.number(value)) }
    mutating func encode(_ value: Float) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: Int8) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: Int16) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: Int32) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: Int64) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: UInt) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: UInt8) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: UInt16) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: UInt32) throws { put(JSONBox.number(value)) }
    mutating func encode(_ value: UInt64) throws { put(JSONBox.number(value)) }
}

private struct JSONUnkeyedBox: UnkeyedEncodingContainer, JSONLeafContainer {
    let box: JSONBox
    var codingPath: [any CodingKey]
    var count: Int { box.array!.count }

    func put(_ value: JSONValue) { box.array!.append(JSONBox(value)) }

    /// Appends an empty element for a nested container to fill.
    private func appendedChild() -> JSONBox {
        let child = JSONBox()
        box.array!.append(child)
        return child
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.array!.append(try encodedBox(value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        JSONBoxEncoder(box: appendedChild(), codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONBoxEncoder(box: appendedChild(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        JSONBoxEncoder(box: appendedChild(), codingPath: codingPath)
    }
}

private struct JSONSingleBox: SingleValueEncodingContainer, JSONLeafContainer {
    let box: JSONBox
    var codingPath: [any CodingKey]

    func put(_ value: JSONValue) { box.leaf = value; box.object = nil; box.array = nil }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let encoded = try encodedBox(value, codingPath: codingPath)
        box.leaf = encoded.leaf
        box.object = encoded.object
        box.array = encoded.array
    }
}
