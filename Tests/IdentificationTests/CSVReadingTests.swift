import EduplanIdentification
import EduplanScenario
import Foundation
import Testing

/// Identification reads any CSV formatting alike (the reader itself is tested in IOTests).
@Suite struct CSVReadingTests {
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
}
