#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers as MODEL.md §11 writes them, read straight from bytes: the one number parser of every
/// reader (scenario tables and settings, identification, plans' actuals).
///
/// The grammar: optional spaces and tabs, an optional sign, digits with an optional fraction (at
/// least one digit in all), an optional exponent with or without a sign (`5.0e8`, `5e+8`,
/// `1.5E-3`), optional spaces and tabs. No thousands separators, hex, `nan` or `inf`.
public enum DecimalNumber {
    /// What a text is as a number.
    public enum Reading: Sendable, Equatable {
        /// A finite number.
        case number(Double)
        /// `nan`, `inf` and their spellings, or a number too large for a Double (`1e400`).
        case notFinite
        /// Anything else.
        case notANumber
    }

    /// Exact powers of ten: every one up to 10²² is a Double.
    @usableFromInline
    static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of `bytes`, or nil when they are not a finite number in the grammar above
    /// (the fast path of `identify`'s loop: no `String` is made).
    /// - Complexity: O(bytes.count).
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if case let .number(value) = read(bytes) { return value }
        return nil
    }

    /// The value of `text`, or nil when it is not a finite number in the grammar above.
    public static func parse(_ text: String) -> Double? {
        if case let .number(value) = read(text) { return value }
        return nil
    }

    /// What `text` is as a number.
    public static func read(_ text: String) -> Reading {
        var text = text
        return text.withUTF8 { read($0) }
    }

    /// What `bytes` are as a number.
    ///
    /// Correctly rounded: a mantissa below 2⁵³ scaled by an exact power of ten up to 10²² is one
    /// rounding (Clinger's fast path); anything else goes to `strtod`.
    /// - Complexity: O(bytes.count).
    @inlinable
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        var i = 0, end = bytes.count
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        while end > i, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        let start = i
        var negative = false
        if i < end, bytes[i] == 43 || bytes[i] == 45 {
            negative = bytes[i] == 45
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exact = true
        var scale = 0
        while i < end, bytes[i] &- 48 < 10 {
            if mantissa < 1 << 53 / 10 { mantissa = mantissa * 10 + UInt64(bytes[i] &- 48) } else { exact = false }
            digits += 1
            i += 1
        }
        if i < end, bytes[i] == 46 {
            i += 1
            while i < end, bytes[i] &- 48 < 10 {
                if mantissa < 1 << 53 / 10 {
                    mantissa = mantissa * 10 + UInt64(bytes[i] &- 48)
                    scale -= 1
                } else {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return namesNonFinite(bytes, from: start, to: end) ? .notFinite : .notANumber }
        if i < end, bytes[i] == 101 || bytes[i] == 69 {
            i += 1
            guard let exponent = readExponent(bytes, at: &i, end: end) else { return .notANumber }
            scale += exponent
        }
        guard i == end else { return .notANumber }
        if exact, scale >= -22, scale <= 22 {
            let magnitude = scale < 0 ? Double(mantissa) / powers[-scale] : Double(mantissa) * powers[scale]
            return .number(negative ? -magnitude : magnitude)
        }
        return slowRead(bytes, from: start, to: end)
    }

    /// The exponent's digits after `e` (with an optional sign), capped far beyond any Double;
    /// nil when there is no digit.
    @inlinable
    static func readExponent(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int, end: Int) -> Int? {
        var negative = false
        if i < end, bytes[i] == 43 || bytes[i] == 45 {
            negative = bytes[i] == 45
            i += 1
        }
        var exponent = 0
        var digits = 0
        while i < end, bytes[i] &- 48 < 10 {
            if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -exponent : exponent
    }

    /// `strtod` on a NUL-terminated copy (long mantissas, large exponents).
    @usableFromInline
    static func slowRead(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Reading {
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: bytes[k]) }
        let value = copy.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? .number(value) : .notFinite
    }

    /// Whether the trimmed text spells a value that is not finite (`nan`, `-inf`, `.inf`, `Infinity`).
    @usableFromInline
    static func namesNonFinite(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard end - start <= 9 else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        return nonFinite.contains(word)
    }

    @usableFromInline
    static let nonFinite: Set<String> = ["nan", "+nan", "-nan", ".nan", "inf", "+inf", "-inf", ".inf", "+.inf", "-.inf",
                                         "infinity", "+infinity", "-infinity"]
}
