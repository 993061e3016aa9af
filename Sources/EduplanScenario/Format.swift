import Foundation

/// Number formatting for people (thousands separators), deterministic across locales.
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
}
