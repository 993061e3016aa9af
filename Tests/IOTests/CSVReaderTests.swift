@testable import EduplanIO
import Foundation
import Testing

/// The one CSV reader: quoting, BOM, CRLF, blank lines, records that cross block ends, bytes that
/// are not UTF-8, and the same records whether streamed from a file or read from memory.
@Suite("CSV reader")
struct CSVReaderTests {
    /// Every record of `text` read from a file with blocks of `blockSize` bytes.
    func streamed(_ bytes: [UInt8], blockSize: Int) throws -> [(line: Int, fields: [String])] {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.csv")
        try Data(bytes).write(to: url)
        let reader = try #require(CSVRecordReader(path: url.path, blockSize: blockSize, maximumRecord: 64))
        return try records(reader)
    }

    func records(_ reader: CSVRecordReader) throws -> [(line: Int, fields: [String])] {
        var result: [(Int, [String])] = []
        while try reader.next() { result.append((reader.line, reader.strings)) }
        return result
    }

    /// The syntax error reading `bytes` gives, from memory and streamed at every block size.
    func syntaxErrors(_ bytes: [UInt8]) throws -> [CSVRecordReader.SyntaxError?] {
        var errors: [CSVRecordReader.SyntaxError?] = []
        do { _ = try records(CSVRecordReader(bytes: bytes)); errors.append(nil) } catch { errors.append(error as? CSVRecordReader.SyntaxError) }
        for blockSize in [1, 2, 3, 5, 7, 1 << 20] {
            do { _ = try streamed(bytes, blockSize: blockSize); errors.append(nil) } catch { errors.append(error as? CSVRecordReader.SyntaxError) }
        }
        return errors
    }

    static let tricky = "\u{FEFF}id,school,note\r\n1,\"A,B\",\"say \"\"hi\"\"\"\r\n\r\n2,C,\"two\nlines\"\r\n3,\"\",x\n4,D,"
    static let trickyLines = [1, 2, 4, 6, 7]
    static let trickyFields = [["id", "school", "note"], ["1", "A,B", "say \"hi\""], ["2", "C", "two\nlines"], ["3", "", "x"], ["4", "D", ""]]

    @Test(arguments: [1, 2, 3, 5, 7, 16, 1 << 20])
    func trickyFileAtEveryBlockSize(blockSize: Int) throws {
        let got = try streamed(Array(Self.tricky.utf8), blockSize: blockSize)
        #expect(got.map(\.line) == Self.trickyLines)
        #expect(got.map(\.fields) == Self.trickyFields)
    }

    @Test func trickyFileFromMemory() throws {
        let got = try records(CSVRecordReader(bytes: Array(Self.tricky.utf8)))
        #expect(got.map(\.line) == Self.trickyLines)
        #expect(got.map(\.fields) == Self.trickyFields)
    }

    @Test func overlongRecordIsAnError() throws {
        #expect(throws: CSVRecordReader.SyntaxError.self) {
            _ = try streamed(Array(("a,\"" + String(repeating: "x", count: 500) + "\n").utf8), blockSize: 8)
        }
    }

    /// `2,中` is three characters, so the bad byte after it is column 4 of line 3, not byte 6 —
    /// the same whether the file is streamed (identify) or read whole (scenario tables).
    @Test func bytesThatAreNotUTF8AreAnErrorAtTheirCharacter() throws {
        let bytes = Array("id,name\n1,名称\n2,中".utf8) + [0xFF] + Array("x\n".utf8)
        for error in try syntaxErrors(bytes) {
            #expect(error?.line == 3 && error?.column == 4 && error?.expected == "UTF-8 text", "\(String(describing: error))")
        }
        // Inside a quoted field over two lines: the line and column of the byte itself.
        let quoted = Array("id,note\n1,\"first\nab".utf8) + [0xC3] + Array("\"\n".utf8)
        for error in try syntaxErrors(quoted) {
            #expect(error?.line == 3 && error?.column == 3, "\(String(describing: error))")
        }
    }

    @Test func quotingMistakesAreReportedWhereTheyAre() throws {
        for error in try syntaxErrors(Array("a,b,c\n1,\"ab\"c,3\n".utf8)) {
            #expect(error?.line == 2 && error?.column == 2 && error?.found == "`\"c`", "\(String(describing: error))")
        }
        for error in try syntaxErrors(Array("a,b\n1,2\n3,\"open\nstill open\n".utf8)) {
            #expect(error?.line == 3 && error?.column == 2 && error?.found == "the end of the file", "\(String(describing: error))")
        }
    }

    /// A line holding only `""` is a record of one empty field, not a blank line.
    @Test func aQuotedEmptyLineIsARecord() throws {
        let got = try records(CSVRecordReader(bytes: Array("a\n\n\"\"\n".utf8)))
        #expect(got.map(\.line) == [1, 3])
        #expect(got.map(\.fields) == [["a"], [""]])
    }

    /// Raw ranges cover each cell as written (quotes and `""` included): the commas between them
    /// and the line end are all that is left of the record.
    @Test func rawRangesCoverEachCellAsWritten() throws {
        let text = "\u{FEFF}id,\"a \"\"b\"\"\",c\r\n\"x,1\",,\"y\"\n\"q\"\"\"\nlast,\"\""
        let bytes = Array(text.utf8)
        let reader = CSVRecordReader(bytes: bytes)
        var cells: [[String]] = []
        while try reader.next() {
            cells.append((0..<reader.count).map { String(decoding: bytes[reader.rawRange($0)], as: UTF8.self) })
        }
        #expect(cells == [["id", "\"a \"\"b\"\"\"", "c"], ["\"x,1\"", "", "\"y\""], ["\"q\"\"\""], ["last", "\"\""]])
    }
}

@Suite("CSV tables: header, rows with their lines, field counts")
struct CSVTableTests {
    @Test func headerProblemsAndRowLines() throws {
        let log = ProblemLog()
        let text = "id, name ,,id\r\n1,\"A\nB\",x,y\r\n\r\n2,C\n"
        let table = try #require(CSVTable.read(file: "t.csv", data: Data(text.utf8), log: log))
        #expect(table.header == ["id", "name", "", "id"])
        #expect(table.columns == ["id": 0, "name": 1])
        #expect(table.rows.map(\.line) == [2, 5])
        #expect(log.problems.map { "\($0)" } == [
            "t.csv:1:3: expected a column name, found an empty header cell",
            "t.csv:1:4 (id): expected each column once, found `id` again; first in column 1",
        ])
        #expect(table.hasAllFields(table.rows[0], log: log))
        #expect(!table.hasAllFields(table.rows[1], log: log))
        #expect(log.problems.last?.description == "t.csv:5:3: expected 4 fields, as in the header, found 2 fields")
    }

    /// A row with a field too many is reported at its first extra field, one with a field too few
    /// at its first missing one, named.
    @Test func fieldCounts() {
        let log = ProblemLog()
        let header = CSVHeader(fields: ["a", "b", "c"], line: 1, file: "f.csv", log: log)
        #expect(header.checkFieldCount(3, line: 2, file: "f.csv", log: log))
        #expect(!header.checkFieldCount(1, line: 3, file: "f.csv", log: log))
        #expect(!header.checkFieldCount(5, line: 4, file: "f.csv", log: log))
        #expect(log.problems.map { "\($0)" } == ["f.csv:3:2 (b): expected 3 fields, as in the header, found 1 field",
                                                   "f.csv:4:4: expected 3 fields, as in the header, found 5 fields"])
    }

    @Test func emptyFileAndTextProblems() {
        let log = ProblemLog()
        #expect(CSVTable.read(file: "e.csv", data: Data("\u{FEFF}\n\r\n".utf8), log: log, emptyExpected: "a header row (`a,b`)") == nil)
        #expect(CSVTable.read(file: "q.csv", data: Data("a,b\n\"x\"y,1\n".utf8), log: log) == nil)
        #expect(log.problems.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0) \($0.expected)" } == [
            "e.csv:0:0 a header row (`a,b`)",
            "q.csv:2:1 a closing quote followed by a comma or a line end (a quote inside a quoted field is written twice: \"\")",
        ])
    }

    @Test func writtenFieldsAreQuotedOnlyWhenNeeded() throws {
        #expect(CSVText.line(["plain", "a,b", "say \"hi\"", "two\nlines", "中文"]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",中文")
        let fields = ["a,b", "say \"hi\"", "x\r\ny", ""]
        let reader = CSVRecordReader(bytes: Array(CSVText.line(fields).utf8))
        #expect(try reader.next())
        #expect(reader.strings == fields)
    }
}
