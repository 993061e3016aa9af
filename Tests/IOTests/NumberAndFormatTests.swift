@testable import EduplanIO
import Foundation
import Testing

/// The one §11 number parser and the one family of number formats.
@Suite("Numbers: the §11 parser and the formats")
struct NumberAndFormatTests {
    @Test func numbers() {
        for (text, value) in [("5.0e8", 5.0e8), ("5e8", 5.0e8), ("12", 12.0), (" 1.5E-3 ", 0.0015), ("-0.1", -0.1), ("+7", 7.0), (".5", 0.5),
                              ("5.", 5.0), ("\t3\t", 3.0), ("0.30000000000000004", 0.30000000000000004),
                              ("123456789012345678901", 123456789012345678901.0), ("1e300", 1e300), ("1e-400", 0),
                              ("4.9406564584124654e-324", 4.9406564584124654e-324)] {
            #expect(DecimalNumber.parse(text) == value, "\(text)")
            #expect(DecimalNumber.read(text) == .number(value), "\(text)")
        }
        for text in ["", " ", "abc", "1,000", "1e", "e5", "--1", "+", ".", "1.2.3", "0x10", "1_000", "１２"] {
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
            #expect(DecimalNumber.read(text) == .notANumber, "\(text)")
        }
        // Not finite: spelled out, or too large for a Double.
        for text in ["nan", "NaN", "-inf", " .inf ", "+.Inf", "Infinity", "1e400", "-1e99999999999"] {
            #expect(DecimalNumber.read(text) == .notFinite, "\(text)")
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
        }
    }

    /// Correct rounding against Swift's own parser, on numbers of every shape: the fast path
    /// (mantissa < 2⁵³, exponent ≤ 22) and `strtod` beyond it.
    @Test func agreesWithSwiftOnRandomNumbers() {
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            var text = next() % 2 == 0 ? "" : "-"
            text += String(next() % (next() % 2 == 0 ? 1_000 : UInt64.max))
            if next() % 2 == 0 { text += "." + String(next() % 10_000_000_000_000) }
            if next() % 3 == 0 { text += "e" + String(Int(next() % 80) - 40) }
            #expect(DecimalNumber.parse(text) == Double(text), "\(text)")
        }
    }

    @Test func formats() {
        #expect(Format.grouped(1_234_567.8) == "1,234,568")
        #expect(Format.grouped(-1_234_567.8, decimals: 2) == "-1,234,567.80")
        #expect(Format.grouped(-0.001, decimals: 2) == "0.00")
        #expect(Format.money(5e8, "CNY") == "500,000,000 CNY")
        #expect(Format.percent(0.12345) == "12.35%" && Format.percent(1, decimals: 1) == "100.0%")
        #expect(Format.percent(nil) == "—" && Format.points(0.0123) == "1.23 pp")
        #expect(Format.fixed(0.25, decimals: 4) == "0.2500" && Format.fixed(nil, decimals: 4) == "—")
        #expect(Format.plain(12) == "12" && Format.plain(0.5) == "0.5" && Format.plain(-3) == "-3")
        // Whole numbers from 1e15 to 2⁵³ print with `.0` in Swift; data files show them without it.
        #expect(Format.plain(1e15) == "1000000000000000" && Format.plain(1e20) == "1e+20")
        #expect(Format.plain(0.1 + 0.2) == "0.30000000000000004" && Format.rounded(0.1 + 0.2) == "0.3")
        #expect(Format.rounded(1) == "1" && Format.rounded(0.75) == "0.75")
        #expect(Format.significant(1.2e13, digits: 10) == "1.2e+13" && Format.significant(12.5, digits: 6) == "12.5")
    }

    /// Money in CSV is rounded to the fen and written without float noise: the issue's
    /// 177249.99999999997 is 177250; half a fen rounds away from zero; never more than two
    /// decimals, within half a fen, on amounts up to 10¹³ (InputLimits.maxMoney).
    @Test func moneyIsRoundedToTheFen() {
        #expect(Format.fen(177_249.99999999997) == "177250")
        #expect(Format.fen(1234.567) == "1234.57" && Format.fen(0.1 + 0.2) == "0.3" && Format.fen(-0.004) == "0")
        #expect(Format.fen(0.125) == "0.13" && Format.fen(-0.125) == "-0.13" && Format.fen(599_000_000) == "599000000")
        // Amounts with noise in every digit, from 0 to about 10¹³.
        for i in 0..<10_000 {
            let value = Double(i) * 1e9 / 1.000_000_7 + Double(i % 1000) / 997
            let text = Format.fen(value)
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            #expect(decimals <= 2, "\(value) → \(text)")
            #expect(abs(Double(text)! - value) <= 0.005 + 4 * value.ulp, "\(value) → \(text)")
        }
    }

    @Test func foundTextIsQuotedAndShortened() {
        #expect(TextValue.quoted("") == "an empty cell")
        #expect(TextValue.quoted("", empty: "an empty text") == "an empty text")
        #expect(TextValue.quoted("a\r\nb") == "\"a\\r\\nb\"")
        #expect(TextValue.quoted(String(repeating: "x", count: 80)) == "\"" + String(repeating: "x", count: 57) + "...\"")
        #expect(TextValue.bool(" Yes ") == true && TextValue.bool("0") == false && TextValue.bool("y") == nil)
    }

    /// Escapes are tables plus a rule; plain text is copied, and beyond ASCII only where asked.
    @Test func escapes() {
        let html = TextEscape(["&": "&amp;", "<": "&lt;", "\"": "&quot;"])
        #expect(html("a<b & \"中\"") == "a&lt;b &amp; &quot;中&quot;")
        #expect(html("plain 中文") == "plain 中文")
        let visible = TextEscape(["\t": "\\t"], replacesNonASCII: true) { scalar in
            scalar.properties.generalCategory == .format || scalar.value < 0x20 ? "\\u{\(String(scalar.value, radix: 16))}" : nil
        }
        #expect(visible("a\tb\u{200B}c\u{1}") == "a\\tb\\u{200b}c\\u{1}")
        let asciiOnly = TextEscape([:]) { $0.properties.generalCategory == .format ? "?" : nil }
        #expect(asciiOnly("\u{200B}x") == "\u{200B}x")
        var out = "["
        html.append("<", to: &out)
        #expect(out == "[&lt;")
    }

    @Test func suggestions() {
        #expect(Suggestion.hint(for: "amout", among: ["amount", "id"]) == "did you mean `amount`?")
        #expect(Suggestion.hint(for: "income", among: ["income_per_capita"]) == "did you mean `income_per_capita`?")
        #expect(Suggestion.hint(for: "zzz", among: ["amount"]) == nil)
        #expect(Suggestion.list(["a", "b", "c"]) == "`a`, `b` or `c`")
    }
}
