@testable import EduplanIO
import Foundation
import Testing

/// Bad-input problems in Chinese: the readers' English expected/found/hint texts translated whole or
/// by template, English output untouched, file content never translated.
@Suite struct ProblemPhraseTests {
    @Test func englishIsTheReadersOwnTextByteForByte() {
        let problem = Problem(file: "schools.csv", line: 12, column: 5, field: "poor",
                              expected: "a whole number from 0 to 10000000", found: "an empty cell", hint: "did you mean `poor`?")
        #expect(problem.text(.english) == problem.description)
        #expect(problem.text(.english) == "schools.csv:12:5 (poor): expected a whole number from 0 to 10000000, found an empty cell; did you mean `poor`?")
        for template in Catalogue.problemTemplates {
            #expect(ProblemPhrase.text(template.english, .english) == template.english)
        }
    }

    /// The frame, the expected range (a template with a phrase inside), the found phrase and the hint.
    @Test func wholeProblemInChinese() {
        let problem = Problem(file: "schools.csv", line: 12, column: 5, field: "poor",
                              expected: "a whole number from 0 to 10000000", found: "an empty cell", hint: "did you mean `poor`?")
        #expect(problem.text(Wording(language: .chinese))
            == "文件 schools.csv 第 12 行第 5 列（poor）：应为 0 到 10000000 之间的整数，实际为 空单元格；是否应为 `poor`？")
    }

    @Test func quotedFileContentAndUnknownTextsStayAsWritten() {
        #expect(ProblemPhrase.found("\"an empty cell\"", .chinese) == "\"an empty cell\"")
        #expect(ProblemPhrase.found("`abc` again", .chinese) == "再次出现的 `abc`")
        #expect(ProblemPhrase.text("something no reader writes", .chinese) == "something no reader writes")
        #expect(!ProblemPhrase.isTranslated("something no reader writes"))
    }

    /// `{phrase}` is translated itself (so a template only counts when its phrase does); `{list}`
    /// gets Chinese separators and conjunction, the names untouched.
    @Test func templatesNestPhrasesAndLists() {
        #expect(ProblemPhrase.text("an amount from 0 to 1e13 (or empty)", .chinese) == "0 到 1e13 之间的金额（或留空）")
        #expect(ProblemPhrase.text("a finite number (a number ≥ 0)", .chinese) == "有限数（≥ 0 的数）")
        #expect(ProblemPhrase.text("a school level (`primary`, `junior` or `senior`)", .chinese)
            == "学段（`primary`、`junior` 或 `senior`）")
        #expect(ProblemPhrase.text("a fund id (`a`, `b`, `c`, `d`, `e`, `f`, `g`, `h`, `i`, `j`, `k`, `l` … (20 in all))", .chinese)
            == "资金 id（`a`、`b`、`c`、`d`、`e`、`f`、`g`、`h`、`i`、`j`、`k`、`l` …（共 20 个））")
        #expect(ProblemPhrase.text("a fund id ((none))", .chinese) == "资金 id（（无））")
        #expect(ProblemPhrase.text("a school id: 1 to 64 letters, digits, `_`, `-`, `.` or `/` (at most 256 bytes of UTF-8)", .chinese)
            == "学校 id：1 到 64 个字母、数字、`_`、`-`、`.` 或 `/`（UTF-8 不超过 256 个字节）")
        // A phrase that has no translation makes the template fail rather than half-translate.
        #expect(ProblemPhrase.text("a gizmo from 0 to 1", .chinese) == "a gizmo from 0 to 1")
        #expect(ProblemPhrase.text("first on line 7", .chinese) == "首次出现在第 7 行")
        // A plan of another scenario: the scenario's description nested in the expected and found.
        #expect(ProblemPhrase.text("a plan of this scenario, \"Demo\" (base; fingerprint 3f0c2a9d1e7b)", .chinese)
            == "本情景的方案：\"Demo\"（基准；指纹 3f0c2a9d1e7b）")
        #expect(ProblemPhrase.text("their names or their region or school ids differ; pass --allow-foreign-plan to use it anyway", .chinese)
            == "二者的名称或县、学校 id 不同；加上 --allow-foreign-plan 可仍然使用")
        #expect(ProblemPhrase.text("π = 0 for school `s1` (schools.csv line 2) under the priority rule, the lowest of 3 schools with π < 1e-6", .chinese)
            == "在优先级规则下，学校 `s1`（schools.csv 第 2 行）的 π = 0，为 π < 1e-6 的3 所学校中最低的一所")
        #expect(ProblemPhrase.text("a `dispatch` category (teachers.csv has 3 teacher groups)", .chinese)
            == "`dispatch` 类别（teachers.csv 有 3 个教师组）")
    }

    @Test func everyTemplateCompilesWithTheSamePlaceholdersInBothLanguages() {
        #expect(ProblemPhrase.compiledTemplates.count == Catalogue.problemTemplates.count)
        for template in Catalogue.problemTemplates {
            #expect(template.placeholders(.english) == template.placeholders(.chinese), "\(template.english)")
            #expect(!template.placeholders(.english).isEmpty, "\(template.english) belongs in Catalogue.problems")
        }
    }

    /// Every fixed text a reader passes as `expected:`, `found:` or `hint:` (a string literal without
    /// interpolation in the readers' modules) has its Chinese. Texts with interpolation are covered by
    /// the templates and checked on real output (`ProblemsInChineseTests` in EndToEndTests).
    @Test func everyFixedReaderTextIsTranslated() throws {
        let literals = try Self.readerLiterals()
        #expect(literals.count > 150, "found only \(literals.count) texts: is the scan still finding them?")
        let missing = literals.filter { !ProblemPhrase.isTranslated($0) }.sorted()
        #expect(missing.isEmpty, "\(missing.count) of \(literals.count) reader texts have no Chinese:\n\(missing.joined(separator: "\n"))")
    }

    /// The string literals after `expected:`, `found:` and `hint:` (and the constants named
    /// `…Expected`, `…Words`, `expected`, `words` they are passed by) in the readers' sources, escapes
    /// resolved; literals with an interpolation are left out.
    static func readerLiterals() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var texts = Set<String>()
        for module in ["EduplanScenario", "EduplanIO", "EduplanEvaluation", "EduplanIdentification", "EduplanPlanner"] {
            let files = FileManager.default.enumerator(at: sources.appendingPathComponent(module), includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.pathExtension == "swift", !file.path.contains("/Text/") else { continue }
                let source = try String(contentsOf: file, encoding: .utf8)
                for label in ["expected: \"", "found: \"", "hint: \"", "Expected = \"", "Words = \"", "expected = \"", "words = \""] {
                    var rest = source[...]
                    while let range = rest.range(of: label) {
                        rest = rest[range.upperBound...]
                        if let text = literal(rest) { texts.insert(text) }
                    }
                }
            }
        }
        return texts
    }

    /// The literal starting right after its opening quote; nil when it interpolates or is empty.
    static func literal(_ text: Substring) -> String? {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                // `"…" + "…"` across lines is one text.
                let after = text[text.index(after: index)...].drop { $0 == " " || $0 == "\n" }
                guard after.first == "+" else { return out.isEmpty || out.contains("///") ? nil : out }
                let next = after.dropFirst().drop { $0 == " " || $0 == "\n" }
                guard next.first == "\"" else { return nil }
                index = text.index(after: next.startIndex)
                continue
            }
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex, text[index] != "(" else { return nil }
                out.append(text[index] == "n" ? "\n" : text[index])
            } else {
                out.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }
}
