/// FNV-1a with 64 bits (Fowler–Noll–Vo): a fast checksum that tells files apart and catches
/// truncation and accidental edits. It is not cryptographic: it does not stop a deliberate forgery.
///
/// Offset basis 0xcbf29ce484222325, prime 0x100000001b3 (the published 64-bit parameters);
/// `""` → `cbf29ce484222325`, `"a"` → `af63dc4c8601ec8c`, `"foobar"` → `85944171f73967e8`.
public struct FNV1a64: Sendable, Equatable {
    /// The hash of the bytes combined so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    public init() {}

    /// Mixes `bytes` into the hash.
    /// - Complexity: O(n).
    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of `bytes`, as 16 hexadecimal digits.
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = FNV1a64()
        hash.combine(bytes)
        return hash.hex
    }
}
