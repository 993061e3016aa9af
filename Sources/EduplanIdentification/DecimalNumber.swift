#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strict decimal numbers read straight from bytes, for the hot loop of `identify`.
///
/// The grammar is MODEL.md §11's: optional spaces, an optional sign, digits with an optional
/// fraction (at least one digit in all), an optional exponent with or without a sign (`5.0e8`,
/// `5e+8`, `1.5E-3`), optional spaces. No thousands separators, hex, `nan` or `inf`.
enum DecimalNumber {
    /// Exact powers of ten: every one up to 10²² is a Double.
    private static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of `bytes`, or nil when they are not a finite number in the grammar above.
    ///
    /// Correctly rounded: a mantissa below 2⁵³ scaled by an exact power of ten up to 10²² is one
    /// rounding (Clinger's fast path); anything else goes to `strtod`.
    /// - Complexity: O(bytes.count).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, end = bytes.count
        while i < end, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        while end > i, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        guard i < end else { return nil }
        let start = i
        var negative = false
        if bytes[i] == 43 || bytes[i] == 45 {
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
        guard digits > 0 else { return nil }
        if i < end, bytes[i] == 101 || bytes[i] == 69 {
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == 43 || bytes[i] == 45 {
                exponentNegative = bytes[i] == 45
                i += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while i < end, bytes[i] &- 48 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        guard i == end else { return nil }
        if exact, scale >= -22, scale <= 22 {
            let magnitude = scale < 0 ? Double(mantissa) / powers[-scale] : Double(mantissa) * powers[scale]
            return negative ? -magnitude : magnitude
        }
        return slowParse(bytes, from: start, to: end)
    }

    /// `strtod` on a NUL-terminated copy (long mantissas, large exponents).
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: bytes[k]) }
        let value = copy.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? value : nil
    }

    /// Parses a String (configuration values, tests).
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
