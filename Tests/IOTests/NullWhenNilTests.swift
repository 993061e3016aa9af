import EduplanIO
import Foundation
import Testing

@Suite("Optional values written as null")
struct NullWhenNilTests {
    /// A layout like plan.json's: one plain value, two optional ones written as `null`.
    private struct Record: Codable, Equatable {
        var id: String
        @NullWhenNil var share: Double?
        @NullWhenNil var region: String?
    }

    private func json(_ record: Record) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Every key is written: nil as `null` (Swift's own optional leaves the key out), a value as it is.
    @Test func nilIsWrittenAsNull() throws {
        #expect(try json(Record(id: "S1", share: nil, region: nil)) == #"{"id":"S1","region":null,"share":null}"#)
        #expect(try json(Record(id: "S1", share: 0.25, region: "R1")) == #"{"id":"S1","region":"R1","share":0.25}"#)
    }

    /// Reading, `null` and a missing key (a file written before the key existed) are both nil.
    @Test func nullAndMissingKeysReadAsNil() throws {
        let decoder = JSONDecoder()
        let missing = try decoder.decode(Record.self, from: Data(#"{"id":"S1"}"#.utf8))
        #expect(missing == Record(id: "S1", share: nil, region: nil))
        let null = try decoder.decode(Record.self, from: Data(#"{"id":"S1","share":null,"region":"R2"}"#.utf8))
        #expect(null == Record(id: "S1", share: nil, region: "R2"))
        #expect(throws: DecodingError.self) { try decoder.decode(Record.self, from: Data(#"{"id":"S1","share":"x"}"#.utf8)) }
    }
}
