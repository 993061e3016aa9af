import Foundation

/// An optional value that is written as JSON `null` when it is nil, so that a reader sees every key.
///
/// Swift's synthesized `Encodable` leaves a nil optional's key out; the files eduplan writes list
/// every key. Reading, a missing key and `null` are both nil (plans written before a key existed
/// still read). With this wrapper a type's synthesized `Codable` is its whole layout.
@propertyWrapper
public struct NullWhenNil<Value> {
    /// The value; nil is written as `null`.
    public var wrappedValue: Value?

    /// Wraps a value (nil when there is none).
    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
}

extension NullWhenNil: Sendable where Value: Sendable {}
extension NullWhenNil: Equatable where Value: Equatable {}

extension NullWhenNil: Encodable where Value: Encodable {
    /// Writes the value, or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension NullWhenNil: Decodable where Value: Decodable {
    /// Reads the value, `null` as nil.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}

extension KeyedDecodingContainer {
    /// A ``NullWhenNil`` whose key is missing reads as nil (the synthesized `Decodable` calls this).
    public func decode<Value: Decodable>(_ type: NullWhenNil<Value>.Type, forKey key: Key) throws -> NullWhenNil<Value> {
        try decodeIfPresent(type, forKey: key) ?? NullWhenNil(wrappedValue: nil)
    }
}
