/// How a text format escapes characters: which scalars are written otherwise, and as what.
///
/// One type for JSON strings, HTML text, YAML double-quoted scalars and problems' visible text:
/// each is a table of replacements, plus a rule for the scalars a table cannot list (control
/// characters as `\u0001`, `\x01` or `\u{1}`). A text with nothing to replace is copied at once,
/// so writing a large plan's thousands of plain ids costs one scan each.
public struct TextEscape: Sendable {
    /// The replacement of each ASCII scalar (nil: written as it is), worked out once.
    private let ascii: [String?]
    private let replacements: [Unicode.Scalar: String]
    private let other: @Sendable (Unicode.Scalar) -> String?
    private let replacesNonASCII: Bool

    /// An escape replacing the scalars of `replacements`, and those for which `other` gives a text.
    /// - Parameter replacesNonASCII: Whether a scalar beyond ASCII may be replaced at all (false
    ///   lets such text be copied without asking `other`).
    public init(_ replacements: [Unicode.Scalar: String], replacesNonASCII: Bool = false,
                other: @escaping @Sendable (Unicode.Scalar) -> String? = { _ in nil }) {
        self.replacements = replacements
        self.other = other
        self.replacesNonASCII = replacesNonASCII
        ascii = (0..<128).map { value in
            let scalar = Unicode.Scalar(UInt8(value))
            return replacements[scalar] ?? other(scalar)
        }
    }

    /// `text` escaped.
    public func callAsFunction(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `text`, escaped, to `out`.
    /// - Complexity: O(n) in the length of `text`.
    public func append(_ text: String, to out: inout String) {
        let plain = text.utf8.allSatisfy { $0 < 0x80 ? ascii[Int($0)] == nil : !replacesNonASCII }
        guard !plain else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            if let replacement = replacement(of: scalar) { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
    }

    private func replacement(of scalar: Unicode.Scalar) -> String? {
        if scalar.isASCII { return ascii[Int(scalar.value)] }
        return replacesNonASCII ? replacements[scalar] ?? other(scalar) : nil
    }
}
