import Foundation

/// The header row of a CSV file: the column names (trimmed of surrounding spaces) and where each is.
public struct CSVHeader: Sendable {
    /// Column names in order, trimmed.
    public var names: [String]
    /// 1-based physical line of the header.
    public var line: Int
    /// Column name → 0-based index (its first occurrence).
    public var columns: [String: Int]

    /// Reads the header's fields; an empty name and a name given twice are errors in `log`.
    public init(fields: [String], line: Int, file: String, log: ProblemLog) {
        self.line = line
        names = []
        columns = [:]
        for (i, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            names.append(name)
            let at = SourceLocation(file: file, line: line, column: i + 1, field: name)
            if name.isEmpty {
                log.error(at, expected: "a column name", found: "an empty header cell")
            } else if let first = columns[name] {
                log.error(at, expected: "each column once", found: "`\(name)` again", hint: "first in column \(first + 1)")
            } else {
                columns[name] = i
            }
        }
    }

    /// Whether a row of `found` fields on `line` has as many as the header. A row that has not is
    /// one error, at its first missing field (named) or its first extra field.
    public func checkFieldCount(_ found: Int, line rowLine: Int, file: String, log: ProblemLog) -> Bool {
        let expected = names.count
        if found == expected { return true }
        let words = "\(expected) fields, as in the header"
        if found < expected {
            log.error(SourceLocation(file: file, line: rowLine, column: found + 1, field: names[found]),
                      expected: words, found: "\(found) field\(found == 1 ? "" : "s")")
        } else {
            log.error(SourceLocation(file: file, line: rowLine, column: expected + 1), expected: words, found: "\(found) fields")
        }
        return false
    }
}

/// A CSV table read whole: its header and rows, each row with the physical line it starts on
/// (quoted fields with line breaks included), for the tables of a scenario folder and actuals.
///
/// Read with ``CSVRecordReader``: a UTF-8 byte order mark and CRLF line ends accepted, blank lines
/// skipped, and bytes that are not UTF-8 or quoting mistakes reported where they are.
public struct CSVTable: Sendable {
    /// One record under the header.
    public struct Row: Sendable {
        /// 1-based physical line the row starts on.
        public var line: Int
        /// The fields as written (quotes removed, not trimmed).
        public var fields: [String]
    }

    /// The file, as problems name it.
    public var file: String
    /// Column names, trimmed of surrounding spaces.
    public var header: [String] { layout.names }
    /// 1-based physical line of the header.
    public var headerLine: Int { layout.line }
    /// Column name → 0-based index (first occurrence).
    public var columns: [String: Int] { layout.columns }
    /// The header as read.
    public var layout: CSVHeader
    /// The rows under the header, blank lines left out.
    public var rows: [Row]

    /// The 0-based index of a column.
    public func index(of name: String) -> Int? { layout.columns[name] }

    /// Where a cell is, for a problem (`column` is the 0-based field index; reported 1-based).
    public func location(row: Row, column: Int?, field: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: row.line, column: column.map { $0 + 1 },
                       field: field ?? column.flatMap { $0 < header.count ? header[$0] : nil })
    }

    /// Where the header is.
    public var headerLocation: SourceLocation { SourceLocation(file: file, line: headerLine) }

    /// Whether `row` has as many fields as the header (reported once when it has not).
    public func hasAllFields(_ row: Row, log: ProblemLog) -> Bool {
        layout.checkFieldCount(row.fields.count, line: row.line, file: file, log: log)
    }

    /// Reads a table; problems with the text itself (encoding, quoting, header) go to `log`.
    /// Returns nil when the file cannot be read as a table at all.
    ///
    /// - Parameter emptyExpected: What an empty file was expected to hold, in the caller's words.
    /// - Complexity: O(n) in the file size.
    public static func read(file: String, data: Data, log: ProblemLog,
                            emptyExpected: String = "a header row naming the columns") -> CSVTable? {
        log.meet(file)
        let reader = CSVRecordReader(bytes: [UInt8](data))
        var records: [Row] = []
        do {
            while try reader.next() { records.append(Row(line: reader.line, fields: reader.strings)) }
        } catch {
            log.error(SourceLocation(file: file, line: error.line, column: error.column), expected: error.expected, found: error.found)
            return nil
        }
        guard let first = records.first else {
            log.error(SourceLocation(file: file), expected: emptyExpected, found: "an empty file")
            return nil
        }
        let layout = CSVHeader(fields: first.fields, line: first.line, file: file, log: log)
        return CSVTable(file: file, layout: layout, rows: Array(records.dropFirst()))
    }
}

extension CSVTable {
    /// A sheet of an Excel workbook as a table: its first row with two or more non-empty cells is the
    /// header (rows above it with a single cell are titles, as a title merged across the columns is
    /// stored: its text in the first cell only), each later
    /// non-empty row a row whose `line` is the sheet's row number (so that problems name the cell,
    /// `schools.xlsx#学校!C14`). Cells beyond the header's columns must be empty.
    /// - Parameters:
    ///   - file: the table's name in problems, `BOOK.xlsx#SHEET` (see ``SourceLocation``).
    ///   - sheet: the sheet to read; nil reads the first.
    /// - Complexity: O(cells of the sheet).
    public static func read(file: String, workbook data: Data, sheet: String?, log: ProblemLog) -> CSVTable? {
        log.meet(file)
        let rows: [(row: Int, cells: [String])]
        do {
            rows = try Workbook(data: data).rows(ofSheet: sheet)
        } catch {
            log.error(SourceLocation(file: file), expected: "an Excel workbook (.xlsx) with the sheet named after `#`", found: error.description)
            return nil
        }
        guard !rows.isEmpty else {
            log.error(SourceLocation(file: file), expected: "a header row naming the columns", found: "an empty sheet")
            return nil
        }
        let headerIndex = headerRowIndex(rows)
        let first = rows[headerIndex]
        let header = Array(first.cells.reversed().drop(while: \.isEmpty).reversed())
        let layout = CSVHeader(fields: header, line: first.row, file: file, log: log)
        var table = CSVTable(file: file, layout: layout, rows: [])
        for (number, cells) in rows.dropFirst(headerIndex + 1) {
            var fields = cells
            if fields.count > header.count {
                for column in header.count..<fields.count where !fields[column].isEmpty {
                    log.error(SourceLocation(file: file, line: number, column: column + 1),
                              expected: "an empty cell right of the header's last column", found: TextValue.quoted(fields[column]))
                }
                fields.removeLast(fields.count - header.count)
            }
            fields += Array(repeating: "", count: header.count - fields.count)
            table.rows.append(Row(line: number, fields: fields))
        }
        return table
    }
}

extension CSVTable {
    /// The index of a sheet's header row among its non-empty rows: the first with two or more
    /// non-empty cells (every scenario table has at least two columns), or the first row when none has.
    static func headerRowIndex(_ rows: [(row: Int, cells: [String])]) -> Int {
        rows.firstIndex { $0.cells.lazy.filter { !$0.isEmpty }.count >= 2 } ?? 0
    }
}

/// Writing CSV text: fields quoted only when they need it (RFC 4180).
public enum CSVText {
    /// A field, quoted when it holds a comma, a quote or a line break (a quote inside written `""`).
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields joined by commas, without its line end.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
