@testable import EduplanIO
import Testing

@Suite("Text positions and the FNV-1a checksum")
struct TextAndChecksumTests {
    /// The published FNV-1a 64-bit test vectors (Fowler, Noll, Vo).
    @Test func fnvVectors() {
        #expect(FNV1a64.hex(of: Array("".utf8)) == "cbf29ce484222325")
        #expect(FNV1a64.hex(of: Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(FNV1a64.hex(of: Array("foobar".utf8)) == "85944171f73967e8")
        var split = FNV1a64()
        split.combine(Array("foo".utf8))
        split.combine(Array("bar".utf8))
        #expect(split.hex == "85944171f73967e8")
    }

    /// `名称,\xFF`: three characters (six bytes) before the bad byte on line 2, so column 4, not 7.
    @Test func invalidUTF8IsReportedInCharacters() {
        let bytes = Array("id,name\r\n名称,".utf8) + [0xFF, 0x41]
        let position = TextPosition.firstInvalidUTF8(in: bytes)
        #expect(position?.line == 2)
        #expect(position?.column == 4)
        #expect(TextPosition.firstInvalidUTF8(in: Array("全部有效\n".utf8)) == nil)
        // A lone CR ends a line too; CRLF counts once.
        #expect(TextPosition.firstInvalidUTF8(in: Array("a\rb\r\nc".utf8) + [0xC3])?.line == 3)
    }

    /// Yams reports a reader error as a character offset: the control character below is at
    /// character 30 (21 characters on line 1, then `name: "名称`), which is byte 70. Read as bytes,
    /// the offset lands on line 1, the bug this replaced.
    @Test func characterOffsetsBecomeLineAndColumn() {
        let text = "# 中文中文中文中文中文中文中文中文中文\nname: \"名称\u{1}\"\n"
        let offset = text.distance(from: text.startIndex, to: text.firstIndex(of: "\u{1}")!)
        let position = TextPosition.location(ofCharacterOffset: offset, in: text)
        #expect(position.line == 2)
        #expect(position.column == 10)
        let start = TextPosition.location(ofCharacterOffset: 0, in: text)
        #expect(start.line == 1 && start.column == 1)
        #expect(TextPosition.location(ofCharacterOffset: 10_000, in: "ab").column == 3)
    }
}
