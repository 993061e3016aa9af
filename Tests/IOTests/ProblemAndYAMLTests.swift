@testable import EduplanIO
import Foundation
import Testing

@Suite("Problems: one value, one log, one error")
struct ProblemLogTests {
    /// With a limit, the first errors are kept in detail and the rest counted; warnings are all kept.
    @Test func aLimitKeepsTheFirstErrors() {
        let log = ProblemLog(limit: 2)
        for line in 1...5 { log.error("s.csv", line: line, expected: "a number", found: "\"x\"") }
        log.warning("s.csv", expected: "a known column", found: "`y` (ignored)")
        #expect(log.errorCount == 5 && log.omitted == 3 && log.problems.count == 3 && log.warnings.count == 1)
        let errors = log.errors()
        #expect(errors.description == """
            5 problems in the input:
              s.csv:1: expected a number, found "x"
              s.csv:2: expected a number, found "x"
              s.csv: warning: expected a known column, found `y` (ignored)
              … and 3 more (only the first 2 are listed)
            """)
        #expect(throws: InputErrors.self) { try log.throwIfErrors() }
    }

    /// Sorted: files in the order first met, then line and column; the same place keeps its order.
    @Test func sortedByFileThenPosition() {
        let log = ProblemLog()
        log.meet("scenario.yaml")
        log.error("schools.csv", line: 3, column: 2, expected: "b", found: "x")
        log.error("schools.csv", line: 3, column: 1, expected: "a", found: "x")
        log.error("scenario.yaml", line: 9, expected: "c", found: "x")
        log.warning("schools.csv", expected: "d", found: "x")
        log.error("schools.csv", line: 3, column: 1, expected: "e", found: "x")
        #expect(log.sorted().map(\.expected) == ["c", "d", "a", "e", "b"])
        #expect(log.problems.map(\.expected) == ["b", "a", "c", "d", "e"])
        #expect(log.errors(source: "the scenario", sorted: true).description.hasPrefix("4 problems in the scenario:\n  scenario.yaml:9:"))
    }

    /// Numbers read for a problem log: not a number, not finite, refused by the caller's check.
    @Test func numbersAreCheckedWithTheCallersWords() {
        let log = ProblemLog()
        let at = SourceLocation(file: "f.csv", line: 2, column: 3, field: "amount")
        let positive: (Double) -> (expected: String, hint: String?)? = { $0 > 0 ? nil : ("an amount above 0", "use a positive amount") }
        #expect(log.number(" 5e2 ", at: at, expected: "an amount", check: positive) == 500)
        #expect(log.number("abc", at: at, expected: "an amount", check: positive) == nil)
        #expect(log.number("-inf", at: at, expected: "an amount", check: positive) == nil)
        #expect(log.number("-1", at: at, expected: "an amount", check: positive) == nil)
        #expect(log.problems.map(\.description) == [
            "f.csv:2:3 (amount): expected an amount, found \"abc\"",
            "f.csv:2:3 (amount): expected a finite number (an amount), found \"-inf\"",
            "f.csv:2:3 (amount): expected an amount above 0, found \"-1\"; use a positive amount",
        ])
    }

    @Test func bytesThatAreNotUTF8() {
        let log = ProblemLog()
        #expect(TextValue.utf8(Data([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)), file: "x.yaml", log: log) == "a: 1\n")
        #expect(TextValue.utf8(Data(Array("a: 1\nb: 名".utf8) + [0xFF]), file: "x.yaml", log: log) == nil)
        #expect(log.problems.map(\.description) == ["x.yaml:2:5: expected UTF-8 text, found bytes that are not UTF-8"])
    }
}

@Suite("YAML reader with locations")
struct YAMLReaderTests {
    func read(_ text: String, unknown: YAMLReader.UnknownKey) -> (YAMLMapping?, ProblemLog) {
        let log = ProblemLog()
        let yaml = YAMLReader(file: "s.yaml", log: log)
        let root = yaml.compose(text, expected: "settings")
        return (root.flatMap { yaml.mapping($0, path: "", keys: ["amount", "name"], unknown: unknown) }, log)
    }

    /// An unknown key is an error where a misspelling would drop settings, a warning (ignored)
    /// where the caller says so; either way with a hint, and the same words.
    @Test func unknownKeysAreErrorsOrWarnings() throws {
        let (asError, errors) = read("amount: 1\namout: 2\n", unknown: .error)
        #expect(asError?.entries.map(\.key) == ["amount"])
        #expect(errors.problems.map(\.description) == ["s.yaml:2:1 (amout): expected a known key here (`amount` or `name`), found `amout`; did you mean `amount`?"])
        let (asWarning, warnings) = read("amount: 1\namout: 2\n", unknown: .warning)
        #expect(asWarning?.entries.map(\.key) == ["amount"])
        #expect(!warnings.hasErrors)
        #expect(warnings.problems.map(\.description) == ["s.yaml:2:1 (amout): warning: expected a known key here (`amount` or `name`), found `amout` (ignored); did you mean `amount`?"])
    }

    /// A top level that is not a mapping has no field (no empty `()` in the message).
    @Test func theTopHasNoField() {
        let (top, log) = read("- a\n- b\n", unknown: .error)
        #expect(top == nil)
        #expect(log.problems.map(\.description) == ["s.yaml:1:1: expected a mapping, found a list"])
    }

    @Test func syntaxAndDuplicateKeys() {
        let (_, duplicate) = read("amount: 1\nname: x\namount: 2\n", unknown: .error)
        #expect(duplicate.problems.map(\.description) == ["s.yaml:3:1 (amount): expected each key once in a mapping, found `amount` again; first on line 1"])
        let (_, empty) = read("# nothing\n", unknown: .error)
        #expect(empty.problems.map(\.description) == ["s.yaml: expected settings, found an empty file"])
        let (_, broken) = read("amount: [1, 2\n", unknown: .error)
        #expect(broken.problems.first?.expected == "valid YAML" && broken.problems.first?.line == 2)
        // libyaml marks the end of a file without a final line break on the line after its last
        // one: the error is placed at the end of the last line instead (line 2 of `-\nn`).
        let (_, cut) = read("-\nn", unknown: .error)
        #expect(cut.problems.first?.expected == "valid YAML" && cut.problems.first?.line == 2 && cut.problems.first?.column == 2,
                "\(cut.problems)")
    }

    @Test func typedScalars() throws {
        let log = ProblemLog()
        let yaml = YAMLReader(file: "s.yaml", log: log)
        let top = try #require(yaml.compose("a: 5.0e8\nb: inf\nc: 007\nd: yes\ne: 12.0\nf: 1.5\n", expected: "settings")
            .flatMap { yaml.mapping($0, path: "", keys: nil) })
        #expect(yaml.number(top["a"]!, path: "a", expected: "an amount", check: { _ in nil }) == 5e8)
        #expect(yaml.number(top["b"]!, path: "b", expected: "an amount", check: { _ in nil }) == nil)
        #expect(yaml.string(top["c"]!, path: "c") == "007")
        #expect(yaml.bool(top["d"]!, path: "d") == true)
        #expect(yaml.wholeNumber(top["e"]!, path: "e", range: 0...20) == 12)
        #expect(yaml.wholeNumber(top["f"]!, path: "f", range: 0...20) == nil)
        #expect(log.problems.map(\.description) == ["s.yaml:2:4 (b): expected a finite number (an amount), found \"inf\"",
                                                     "s.yaml:6:4 (f): expected a whole number from 0 to 20, found \"1.5\""])
        #expect(yaml.marks.byPath["c"]! == (3, 4))
    }
}
