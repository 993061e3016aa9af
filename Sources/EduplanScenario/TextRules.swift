import Foundation

/// What ids and display names may hold (docs/format.md, "Ids and names").
///
/// An id is 1 to ``InputLimits/idCharacters`` characters and at most ``InputLimits/idBytes``
/// bytes of UTF-8, made of letters of any script (so `于都县` is an id), combining marks, decimal
/// digits, `_`, `-`, `.` and `/`. An id therefore never holds a space (at either end or inside), a
/// control character (tab, line break, NUL), a zero-width or bidirectional formatting character,
/// or the `,` `[` `]` the model's names are built with: every name the formulation makes from ids
/// (`z[fund,category,region]`) is a valid, unambiguous GLPK name (at most 255 bytes, no control
/// characters), and two ids that look the same are the same.
///
/// A display name (a `name` column, the scenario's and a variant's `name`, `currency`) is free text
/// of at most ``InputLimits/nameCharacters`` characters without control characters, line or
/// paragraph separators, or bidirectional overrides (which would reorder a report's text).
enum TextRules {
    /// What is wrong with `text` as an id (found, hint), or nil when it is a valid id.
    static func idProblem(_ text: String) -> (found: String, hint: String?)? {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return ("an empty text", nil) }
        if first.properties.isWhitespace || last.properties.isWhitespace {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return ("\(visible(text)), with white space at its start or end",
                    trimmed.isEmpty ? nil : "remove the spaces: `\(visible(trimmed))`")
        }
        if let i = scalars.firstIndex(where: { !isIdScalar($0) }) {
            return ("\(describe(scalars[i])) at character \(i + 1) of \(visible(text))", nil)
        }
        if scalars.count > InputLimits.idCharacters {
            return ("\(scalars.count) characters (\(visible(String(text.prefix(20))))…)", nil)
        }
        let bytes = text.utf8.count
        if bytes > InputLimits.idBytes {
            return ("\(bytes) bytes of UTF-8 (\(visible(String(text.prefix(12))))…)",
                    "a Chinese character takes 3 bytes: at most 26 of them; put the full text in `name`")
        }
        return nil
    }

    /// What is wrong with `text` as a display name (found), or nil when it is fine.
    static func nameProblem(_ text: String) -> String? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isForbiddenInName(scalar) { return "\(describe(scalar)) at character \(position)" }
        }
        if position > InputLimits.nameCharacters {
            return "\(position) characters (\(visible(String(text.prefix(20))))…)"
        }
        return nil
    }

    /// The words for what an id may hold, for "expected …".
    static var idExpected: String {
        "1 to \(InputLimits.idCharacters) letters, digits, `_`, `-`, `.` or `/` (at most \(InputLimits.idBytes) bytes of UTF-8)"
    }

    /// The words for what a display name may hold, for "expected …".
    static var nameExpected: String {
        "a name of at most \(InputLimits.nameCharacters) characters without control characters"
    }

    private static func isIdScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII's letters and digits are its only scalars of those categories (answered without
        // the Unicode tables: every id of a province is checked).
        if scalar.isASCII {
            switch UInt8(scalar.value) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return scalar == "_" || scalar == "-" || scalar == "." || scalar == "/"
        }
    }

    private static func isForbiddenInName(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII's control characters are U+0000–U+001F and U+007F; its separators are spaces.
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return isBidirectionalControl(scalar)
        }
    }

    /// U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates).
    private static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// A character in words: `a tab`, `a zero-width space (U+200B)`, `` `,` ``.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar {
        case "\t": return "a tab"
        case "\n", "\r", "\u{2028}", "\u{2029}": return "a line break (\(code))"
        case "\0": return "a NUL byte"
        case " ": return "a space"
        case "\u{200B}": return "a zero-width space (U+200B)"
        case "\u{FEFF}": return "a zero-width no-break space (U+FEFF)"
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control: return "a control character (\(code))"
        case .format: return "an invisible formatting character (\(code))"
        case .spaceSeparator: return "a space (\(code))"
        default: return "`\(Character(scalar))` (\(code))"
        }
    }

    /// The text quoted, with invisible characters written as `\u{…}`, tabs as `\t`, line breaks as `\n`.
    static func visible(_ text: String) -> String { "\"" + visibleEscape(text) + "\"" }

    private static let visibleEscape = TextEscape(["\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"], replacesNonASCII: true) { scalar in
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: return nil
        }
    }
}
