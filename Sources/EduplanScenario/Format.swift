import Foundation

/// Formatting for people: numbers with thousands separators (deterministic across locales) and
/// text tables.
public enum Format {
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

    /// Aligned columns (text) or a pipe table (markdown). Widths count characters, so CJK names
    /// stay legible even if not perfectly aligned in every terminal.
    public static func grid(_ rows: [[String]], headers: [String], markdown: Bool) -> String {
        if markdown {
            var out = "| " + headers.joined(separator: " | ") + " |\n"
            out += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
            return out
        }
        var widths = headers.map(\.count)
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
