import EduplanIdentification
import EduplanScenario
import Foundation
import Testing

/// Bad settings and bad student files: every problem, with file, line and column.
@Suite struct InputErrorTests {
    func configProblems(_ yaml: String) -> [ScenarioProblem] {
        do {
            _ = try IdentificationConfig.parse(yaml, name: "identify.yaml")
            return []
        } catch let errors as IdentificationErrors {
            return errors.errors
        } catch {
            return []
        }
    }

    @Test func weightsMustSumToOne() {
        let problems = configProblems("""
        poverty_cutoff: 0.5
        dimensions:
          - {column: a, direction: below, cutoff: 1, weight: 0.5}
          - {column: b, direction: below, cutoff: 1, weight: 0.4}
        """)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3 && problems.first?.column == 3)
        #expect(problems.first?.description.contains("weights summing to 1") == true)
        #expect(problems.first?.description.contains("0.9") == true)
    }

    @Test func everyConfigProblemAtOnce() {
        let problems = configProblems("""
        poverty_cutoff: 0
        missing: maybe
        dimensions:
          - {column: a, direction: belw, cutoff: 1, weight: 0.5}
          - {column: b, cutoff: 1, weight: 0.5}
          - {column: a, direction: above, cutoff: x, weight: 0}
        counts:
          poor: identfied
        """)
        let lines = problems.map { $0.line ?? 0 }
        #expect(lines.contains(1))  // k = 0
        #expect(lines.contains(2))  // missing: maybe
        #expect(lines.contains(4))  // direction belw (with a hint)
        #expect(lines.contains(5))  // no direction
        #expect(lines.contains(6))  // cutoff x, weight 0
        #expect(problems.contains { $0.description.contains("did you mean `below`?") })
        let k = problems.first { $0.line == 1 }
        #expect(k?.column == 17 && k?.field == "poverty_cutoff")
    }

    @Test func missingKeysAndEmptyFile() {
        #expect(configProblems("").first?.found == "an empty file")
        let problems = configProblems("dimensions: []\n")
        #expect(problems.contains { $0.field == "poverty_cutoff" })
        #expect(problems.contains { $0.field == "dimensions" && $0.line == 1 })
    }

    @Test func unknownCountSourceHasAHint() {
        let problems = configProblems("""
        poverty_cutoff: 0.5
        dimensions:
          - {column: disability, deprived_values: ["1"], weight: 1}
        counts:
          disabled: disabilty
        """)
        #expect(problems.count == 1)
        #expect(problems[0].line == 5 && problems[0].description.contains("did you mean `disability`?"))
    }

    func studentProblems(_ csv: String, config: String = workedConfig(), scenario: Scenario? = nil) throws -> IdentificationErrors? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write(csv, "students.csv", in: folder)
        let output = folder.appendingPathComponent("out.csv")
        do {
            _ = try Identification.run(students: url, config: try IdentificationConfig.parse(config),
                                       options: IdentificationOptions(studentsOutput: output, scenario: scenario, fileName: "students.csv"))
            return nil
        } catch let errors as IdentificationErrors {
            // Nothing is written on error.
            #expect(!FileManager.default.fileExists(atPath: output.path))
            return errors
        }
    }

    @Test func badCellsAreReportedWithLineAndColumn() throws {
        let errors = try #require(try studentProblems("""
        id,school,income,disability,score
        s1,A,500,1,50
        s2,A,five hundred,0,70
        s3,A,2000,1
        s4,,2000,1,70
        s5,B,1000,0,

        """))
        let problems = errors.errors
        #expect(problems.count == 4)
        #expect(problems[0].line == 3 && problems[0].column == 3 && problems[0].field == "income")
        #expect(problems[0].found == "\"five hundred\"")
        #expect(problems[1].line == 4 && problems[1].column == 5)  // 4 fields instead of 5
        #expect(problems[2].line == 5 && problems[2].column == 2 && problems[2].field == "school")
        #expect(problems[3].line == 6 && problems[3].column == 5 && problems[3].found == "an empty cell")
        #expect(errors.description.hasPrefix("4 problems"))
    }

    /// A student id is copied to the per-student file, so it must be UTF-8 text: a file saved in GBK
    /// is refused at the first character that is not UTF-8 (line 3, character 2: D1 A7 happens to be
    /// valid UTF-8, C9 FA is not), while Chinese ids in UTF-8 pass.
    @Test func studentIdsMustBeUTF8() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = Array("id,school,income,disability,score\n学生1,A,500,1,50\n".utf8)
        bytes += [0xD1, 0xA7, 0xC9, 0xFA] + Array(",A,500,1,50\n".utf8)  // 学生 in GBK
        let url = folder.appendingPathComponent("students.csv")
        try Data(bytes).write(to: url)
        let output = folder.appendingPathComponent("out.csv")
        #expect(throws: IdentificationErrors.self) {
            _ = try Identification.run(students: url, config: try IdentificationConfig.parse(workedConfig()),
                                       options: IdentificationOptions(studentsOutput: output, fileName: "students.csv"))
        }
        do {
            _ = try Identification.run(students: url, config: try IdentificationConfig.parse(workedConfig()),
                                       options: IdentificationOptions(fileName: "students.csv"))
        } catch let errors as IdentificationErrors {
            let problem = try #require(errors.errors.first)
            #expect(errors.errors.count == 1 && problem.line == 3 && problem.column == 2)
            #expect(problem.expected.contains("UTF-8"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func missingValuesCanBeAccepted() throws {
        let csv = "id,school,income,disability,score\ns1,A,,1,50\n"
        #expect(try studentProblems(csv) != nil)
        let notDeprived = workedConfig() + "\nmissing: not_deprived\n"
        #expect(try studentProblems(csv, config: notDeprived) == nil)
    }

    @Test func headerProblems() throws {
        let errors = try #require(try studentProblems("id,school,income,disabilty,score,income\n1,A,1,1,1,1\n"))
        #expect(errors.errors.contains { $0.line == 1 && $0.column == 6 && $0.found == "`income` again" })
        #expect(errors.errors.contains { $0.field == "disability" && $0.description.contains("did you mean `disabilty`?") })
    }

    @Test func unknownSchoolsOfTheScenarioAreListedOnce() throws {
        let errors = try #require(try studentProblems("""
        id,school,income,disability,score
        s1,A,500,1,50
        s2,Z,500,0,70
        s3,Z,2000,1,50
        s4,Y,2000,1,50
        """, scenario: twoSchoolScenario()))
        #expect(errors.errors.map(\.line) == [3, 5])
        #expect(errors.errors.allSatisfy { $0.column == 2 })
    }

    @Test func unclosedQuoteIsReportedWhereItOpens() throws {
        let errors = try #require(try studentProblems("id,school,income,disability,score\ns1,A,500,1,50\ns2,\"A,500,0,70\ns3,A,1,1,1\n"))
        #expect(errors.errors.first?.line == 3 && errors.errors.first?.column == 2)
        let stray = try #require(try studentProblems("id,school,income,disability,score\ns1,\"A\"x,500,1,50\n"))
        #expect(stray.errors.first?.line == 2)
    }

    /// A mistake repeated on a million rows is not a million lines of output: the first 100 are listed.
    @Test func longListsAreCut() throws {
        var csv = "id,school,income,disability,score\n"
        for i in 0..<250 { csv += "s\(i),A,x,1,50\n" }
        let errors = try #require(try studentProblems(csv))
        #expect(errors.errors.count == 100 && errors.omitted == 150)
        #expect(errors.description.hasPrefix("250 problems"))
    }
}
