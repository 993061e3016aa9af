/// Lines and columns of text for problem reports: 1-based, the column counted in characters
/// (Unicode scalars), never in bytes, so that `名称` is two columns, as an editor shows it.
///
/// A line ends at LF, CR or CRLF (CRLF counts once).
public enum TextPosition {
    /// Where the first byte that is not UTF-8 is, or nil when every byte is; the column is the
    /// number of characters before it on its line, plus one.
    /// - Complexity: O(n) in the bytes before the first bad one.
    public static func firstInvalidUTF8<Bytes: Sequence>(in bytes: Bytes) -> (line: Int, column: Int)? where Bytes.Element == UInt8 {
        var line = 1, column = 1
        var previousCR = false
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                advance(scalar, line: &line, column: &column, previousCR: &previousCR)
            case .error:
                return (line, column)
            case .emptyInput:
                return nil
            }
        }
    }

    /// The line and column of the character `offset` characters (grapheme clusters, as Swift's
    /// `String.distance` counts, and as Yams reports) from the start of `text`.
    public static func location(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let end = text.index(text.startIndex, offsetBy: max(0, offset), limitedBy: text.endIndex) ?? text.endIndex
        var line = 1, column = 1
        var previousCR = false
        for scalar in text[..<end].unicodeScalars { advance(scalar, line: &line, column: &column, previousCR: &previousCR) }
        return (line, column)
    }

    private static func advance(_ scalar: Unicode.Scalar, line: inout Int, column: inout Int, previousCR: inout Bool) {
        switch scalar {
        case "\n":
            if !previousCR { line += 1 }
            column = 1
        case "\r":
            line += 1
            column = 1
        default:
            column += 1
        }
        previousCR = scalar == "\r"
    }
}
