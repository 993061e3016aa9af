@testable import EduplanScenario
import Testing

/// Ids and names are checked scalar by scalar, ASCII without the Unicode tables: every ASCII
/// scalar must get the answer its general category gives (docs/format.md: an id holds letters,
/// digits, `_`, `-`, `.`, `/`; a name no control character or line or paragraph separator).
@Suite("Text rules on ASCII")
struct TextRulesASCIITests {
    @Test("each of the 128 ASCII scalars, alone and inside an id and a name")
    func everyASCIIScalar() {
        for value in UInt8(0)..<128 {
            let scalar = Unicode.Scalar(value)
            let category = scalar.properties.generalCategory
            let idByCategory = [.uppercaseLetter, .lowercaseLetter, .decimalNumber].contains(category) || "_-./".unicodeScalars.contains(scalar)
            let nameByCategory = ![.control, .lineSeparator, .paragraphSeparator].contains(category)
            let inside = "a" + String(Character(scalar)) + "b"
            #expect((TextRules.idProblem(inside) == nil) == idByCategory, "U+\(value)")
            #expect((TextRules.nameProblem(inside) == nil) == nameByCategory, "U+\(value)")
        }
        // Beyond ASCII the tables answer: a Chinese letter is an id's, U+2028 is no name's.
        #expect(TextRules.idProblem("学校1") == nil)
        #expect(TextRules.nameProblem("a\u{2028}b") != nil)
    }
}
