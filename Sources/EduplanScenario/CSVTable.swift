import CSV
import EduplanIO
import Foundation

/// A CSV table of a scenario folder: its header and rows, each row with the physical line it starts on.
///
/// Read with CSV.swift; this type adds what a planner needs from an error message: the line of every row
/// (a row's line is the header's line plus the lines of the rows before it, quoted fields with embedded
/// newlines included), a UTF-8 byte order mark and CRLF line endings accepted, and quoting mistakes
/// reported where they are rather than silently absorbed.
struct CSVTable {
    struct Row {
        /// 1-based physical line the row starts on.
        var line: Int
        var fields: [String]
    }

    var file: String
    /// Column names, trimmed of surrounding spaces.
    var header: [String]
    var headerLine: Int
    var rows: [Row]
    /// Column name → 0-based index (first occurrence).
    var columns: [String: Int]

    /// The 0-based index of a column.
    func index(of name: String) -> Int? { columns[name] }

    /// Where a cell is, for a problem report (column is the 1-based field position).
    func location(row: Row, column: Int?, field: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: row.line, column: column.map { $0 + 1 },
                       field: field ?? column.flatMap { $0 < header.count ? header[$0] : nil })
    }

    var headerLocation: SourceLocation { SourceLocation(file: file, line: headerLine, column: nil, field: nil) }

    /// Reads a table; problems with the text itself (encoding, quoting, header) go to `log`.
    /// Returns nil when the file cannot be read as a table at all.
    ///
    /// - Complexity: O(n) in the file size.
    static func read(file: String, data: Data, log: ProblemLog) -> CSVTable? {
        log.meet(file)
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = TextPosition.firstInvalidUTF8(in: bytes)
            log.error(SourceLocation(file: file, line: position?.line, column: position?.column, field: nil),
                      expected: "UTF-8 text", found: "bytes that are not UTF-8")
            return nil
        }
        if let quoting = checkQuoting(bytes) {
            log.error(SourceLocation(file: file, line: quoting.line, column: quoting.field, field: nil),
                      expected: quoting.expected, found: quoting.found)
            return nil
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            log.error(SourceLocation(file: file), expected: "a CSV table", found: "text that cannot be read (\(error))")
            return nil
        }
        var line = 1
        var headerRow: Row?
        var rows: [Row] = []
        while let fields = reader.next() {
            let row = Row(line: line, fields: fields)
            line += 1
            for field in fields where field.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
                line += embeddedLineBreaks(field)
            }
            if fields.count == 1, fields[0].isEmpty { continue }  // a blank line
            if headerRow == nil { headerRow = row } else { rows.append(row) }
        }
        guard let headerRow else {
            log.error(SourceLocation(file: file), expected: "a header row naming the columns", found: "an empty file")
            return nil
        }
        var header: [String] = []
        var columns: [String: Int] = [:]
        for (i, raw) in headerRow.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            header.append(name)
            let at = SourceLocation(file: file, line: headerRow.line, column: i + 1, field: name)
            if name.isEmpty {
                log.error(at, expected: "a column name", found: "an empty header cell")
            } else if let first = columns[name] {
                log.error(at, expected: "each column once", found: "`\(name)` again", hint: "first in column \(first + 1)")
            } else {
                columns[name] = i
            }
        }
        return CSVTable(file: file, header: header, headerLine: headerRow.line, rows: rows, columns: columns)
    }

    /// Line breaks inside a quoted field: CRLF counts once, a lone CR or LF once.
    private static func embeddedLineBreaks(_ field: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in field.utf8 {
            if byte == 13 { count += 1; previousCR = true; continue }
            if byte == 10, !previousCR { count += 1 }
            previousCR = false
        }
        return count
    }

    /// The quoting rules CSV.swift applies, checked on the bytes so that a mistake is reported at its
    /// place: a field that starts with `"` is quoted, a quote inside it is doubled, and it ends with a
    /// quote followed by a comma, a line end or the end of the file.
    private static func checkQuoting(_ bytes: [UInt8]) -> (line: Int, field: Int, expected: String, found: String)? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 13, lf: UInt8 = 10
        var line = 1, field = 1
        var atFieldStart = true
        var inQuotes = false
        var openLine = 0, openField = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    let next: UInt8? = i + 1 < n ? bytes[i + 1] : nil
                    if next == quote { i += 2; continue }
                    if next == nil || next == comma || next == cr || next == lf {
                        inQuotes = false
                        i += 1
                        continue
                    }
                    let shown = String(decoding: bytes[(i + 1)..<min(n, i + 2)], as: UTF8.self)
                    return (line, field, "a closing quote followed by a comma or a line end (a quote inside a quoted field is written twice: \"\")",
                            "`\"\(shown)`")
                }
                if b == lf { line += 1 } else if b == cr {
                    line += 1
                    if i + 1 < n, bytes[i + 1] == lf { i += 1 }
                }
                i += 1
                continue
            }
            if b == comma {
                field += 1
                atFieldStart = true
            } else if b == lf || b == cr {
                line += 1
                field = 1
                atFieldStart = true
                if b == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
            } else if atFieldStart && b == quote {
                inQuotes = true
                openLine = line
                openField = field
                atFieldStart = false
            } else {
                atFieldStart = false
            }
            i += 1
        }
        if inQuotes {
            return (openLine, openField, "a closing quote for the quoted field that starts here", "the end of the file")
        }
        return nil
    }
}
