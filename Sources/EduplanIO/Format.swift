import Foundation

/// Numbers formatted for people and for data files: one family, deterministic across locales
/// (no `NumberFormatter`, no locale: the same plan always gives the same bytes).
///
/// The optional forms show a missing value as `—`.
public enum Format {
    /// What a missing value is shown as.
    public static let missing = "—"

    /// `1234567.8` → `1,234,568` (decimals 0) or `1,234,567.80` (decimals 2).
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "\(value)" }
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        let negative = value < 0 && text.contains(where: { $0 != "0" && $0 != "." })
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `1,234,568 CNY`: an amount with thousands separators and its currency.
    public static func money(_ value: Double, _ currency: String, decimals: Int = 0) -> String {
        "\(grouped(value, decimals: decimals)) \(currency)"
    }

    /// A fraction as a percentage: `0.1234` → `12.34%` (decimals 2); `—` for nil.
    public static func percent(_ fraction: Double?, decimals: Int = 2) -> String {
        guard let fraction else { return missing }
        return fixed(fraction * 100, decimals: decimals) + "%"
    }

    /// A fraction as a percentage to `digits` significant digits, trailing zeros dropped:
    /// `0.0021946` → `0.22%` rounded up, `0.005` → `0.5%`, `0` → `0%`. Rounded up (`up`), a
    /// gap shown this way is never below the gap itself, so "gap ≤ shown" stays true.
    public static func percent(significant fraction: Double, digits: Int = 3, up: Bool) -> String {
        let value = fraction * 100
        guard value.isFinite, value > 0 else { return value == 0 ? "0%" : "\(value)%" }
        let decimals = max(0, digits - 1 - Int(log10(value).rounded(.down)))
        let scale = pow(10.0, Double(decimals)), scaled = value * scale
        // A relative 1e-9 keeps 0.005 (0.5000000000000001% in binary) at 0.5%.
        let rounded = up ? (scaled - 1e-9 * scaled).rounded(.up) : scaled.rounded()
        var text = String(format: "%.\(decimals)f", rounded / scale)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + "%"
    }

    /// A difference of two fractions in percentage points: `0.0123` → `1.23 pp`.
    public static func points(_ difference: Double, decimals: Int = 2) -> String {
        fixed(difference * 100, decimals: decimals) + " pp"
    }

    /// A fixed number of decimals, no separators: `0.25` → `0.2500` (decimals 4); `—` for nil.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value else { return missing }
        return String(format: "%.\(decimals)f", value)
    }

    /// The shortest text that reads back as the same number, whole numbers without a fraction:
    /// `12`, `0.5`, `1250000`, `1e+20` (for data files and for values echoed in problems).
    public static func plain(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Money for data files, rounded to the fen (0.01) and written as ``plain(_:)`` writes the
    /// rounded value: `177249.99999999997` → `177250`, `1234.567` → `1234.57`, `0.1` → `0.1`.
    /// Below 7·10¹³ (where a Double still resolves 0.01) the text has at most two decimals.
    public static func fen(_ value: Double) -> String {
        guard value.isFinite else { return plain(value) }
        return plain((value * 100).rounded() / 100)
    }

    /// A value computed as a sum of fractions, as people write it: rounded to 12 decimals so that
    /// 0.1 + 0.2 prints `0.3`; whole values without a fraction (`1`).
    public static func rounded(_ value: Double) -> String {
        let rounded = (value * 1e12).rounded() / 1e12
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// Up to `digits` significant digits, `%g` style: `1.2e+13`, `-1e+308`, `inf`.
    public static func significant(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)g", value)
    }

    /// Aligned columns (text) or a pipe table (markdown). Widths count characters, so CJK names
    /// stay legible even if not perfectly aligned in every terminal.
    public static func grid(_ rows: [[String]], headers: [String], markdown: Bool) -> String {
        if markdown {
            var out = "| " + headers.joined(separator: " | ") + " |\n"
            out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
            return out
        }
        var widths = headers.map(displayWidth)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - displayWidth(cell)))
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ") + "\n"
        }
        var out = ""
        if headers.contains(where: { !$0.isEmpty }) { out += line(headers) }
        for row in rows { out += line(row) }
        return out
    }

    /// Terminal columns of `s`: East Asian wide characters take two.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    /// A title and its underline of `=` (text), or a `#` heading (markdown), then a blank line.
    public static func title(_ title: String, markdown: Bool) -> String {
        markdown ? "# \(title)\n\n" : underlined(title, with: "=") + "\n"
    }

    /// `text` on a line, and `character` under every terminal column of it on the next.
    public static func underlined(_ text: String, with character: Character) -> String {
        "\(text)\n\(String(repeating: character, count: displayWidth(text)))\n"
    }
}
