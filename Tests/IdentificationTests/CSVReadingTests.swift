@testable import EduplanIdentification
import EduplanScenario
import Foundation
import Testing

/// The streaming reader: quoting, BOM, CRLF, blank lines, and records that cross block ends.
@Suite struct CSVReadingTests {
    /// Every record of `text`, read with blocks of `blockSize` bytes.
    func records(_ text: String, blockSize: Int) throws -> [(line: Int, fields: [String])] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write(text, "t.csv", in: folder)
        let reader = try #require(StreamingCSVReader(path: url.path, blockSize: blockSize, maximumRecord: 64))
        var result: [(Int, [String])] = []
        while try reader.next() { result.append((reader.line, (0..<reader.count).map(reader.string))) }
        return result
    }

    static let tricky = "\u{FEFF}id,school,note\r\n1,\"A,B\",\"say \"\"hi\"\"\"\r\n\r\n2,C,\"two\nlines\"\r\n3,\"\",x\n4,D,"

    @Test(arguments: [1, 2, 3, 5, 7, 16, 1 << 20])
    func trickyFileAtEveryBlockSize(blockSize: Int) throws {
        let got = try records(Self.tricky, blockSize: blockSize)
        #expect(got.map(\.line) == [1, 2, 4, 6, 7])
        #expect(got.map(\.fields) == [["id", "school", "note"], ["1", "A,B", "say \"hi\""], ["2", "C", "two\nlines"],
                                      ["3", "", "x"], ["4", "D", ""]])
    }

    @Test func overlongRecordIsAnError() throws {
        #expect(throws: StreamingCSVReader.SyntaxError.self) {
            _ = try records("a,\"" + String(repeating: "x", count: 500) + "\n", blockSize: 8)
        }
    }

    /// The same students written with quotes, CRLF, a BOM and blank lines give the same result as plain.
    @Test func formattingDoesNotChangeTheResult() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try write(workedStudents, "plain.csv", in: folder)
        let fancy = try write("\u{FEFF}" + workedStudents.replacingOccurrences(of: "\n", with: "\r\n\r\n")
            .replacingOccurrences(of: "s2,A,500", with: "\"s2\",\"A\", 500 ").replacingOccurrences(of: "s6,B,2000,0,80\r\n\r\n", with: "s6,B,2000,0,80"),
                              "fancy.csv", in: folder)
        let config = try IdentificationConfig.parse(workedConfig())
        let a = try Identification.run(students: plain, config: config)
        let b = try Identification.run(students: fancy, config: config)
        #expect(a.total.counts == b.total.counts && a.schools.map(\.counts) == b.schools.map(\.counts))
        #expect(b.rows == 6)
    }

    /// Ids that need quoting are quoted again in the per-student output.
    @Test func idsAreQuotedOnOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = try write("id,school,income,disability,score\n\"x,1\",\"S \"\"one\"\"\",1,1,1\n", "s.csv", in: folder)
        let out = folder.appendingPathComponent("out.csv")
        _ = try Identification.run(students: students, config: try IdentificationConfig.parse(workedConfig()),
                                   options: IdentificationOptions(studentsOutput: out))
        #expect(try String(contentsOf: out, encoding: .utf8) == "id,school,score,identified\n\"x,1\",\"S \"\"one\"\"\",1,1\n")
    }

    @Test func numbers() {
        for (text, value) in [("5.0e8", 5.0e8), ("12", 12.0), (" 1.5E-3 ", 0.0015), ("-0.1", -0.1), ("+7", 7.0), (".5", 0.5), ("5.", 5.0),
                              ("0.30000000000000004", 0.30000000000000004), ("123456789012345678901", 123456789012345678901.0),
                              ("1e300", 1e300), ("4.9406564584124654e-324", 4.9406564584124654e-324)] {
            #expect(DecimalNumber.parse(text) == value, "\(text)")
        }
        for text in ["", "abc", "1,000", "nan", "inf", "1e", "e5", "--1", "1.2.3", "0x10", "1e400"] {
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
        }
    }
}
