import EduplanIO
import Foundation
import Testing

/// `sweep merge` checks each part whole; problem positions count characters, not bytes.
@Suite("Sweep parts are checked; positions are in characters", .serialized)
struct MergeAndTextTests {
    /// Three parts of an 11-step sweep in blocks of 2 (shard 0/3 owns blocks 0 and 3: steps 0, 1,
    /// 6, 7). A part cut short, a part edited by hand, and a part that lost a step under a
    /// recomputed checksum are each refused, naming the part.
    @Test func mergeRefusesDamagedParts() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let common = ["sweep", "scenarios/examples/09_budget_variants", "--fund", "all", "--from", "0", "--to", "2",
                      "--steps", "11", "--block", "2", "--quiet"]
        var parts: [URL] = []
        for i in 0..<3 {
            let part = root.appendingPathComponent("part-\(i).csv")
            let run = try eduplan(common + ["--shard", "\(i)/3", "--out", part.path])
            try #require(run.status == 0, "\(run.stderr)")
            parts.append(part)
        }
        let whole = try String(contentsOf: parts[0], encoding: .utf8)
        let lines = whole.components(separatedBy: "\n").dropLast()
        #expect(lines.last?.hasPrefix("# checksum: fnv1a64 ") == true)
        let body = lines.dropLast().joined(separator: "\n") + "\n"
        #expect(lines.last == "# checksum: fnv1a64 " + FNV1a64.hex(of: Array(body.utf8)))
        #expect(try eduplan(["sweep", "merge"] + parts.map(\.path)).status == 0)

        func merge(_ first: String) throws -> (status: Int32, stdout: String, stderr: String) {
            try Data(first.utf8).write(to: parts[0])
            return try eduplan(["sweep", "merge"] + parts.map(\.path))
        }
        let cut = try merge(String(whole.prefix(whole.count - 60)))
        #expect(cut.status == 1 && cut.stderr.contains("\(parts[0].path): expected"), "\(cut.stderr)")
        #expect(cut.stdout.isEmpty)
        let edited = try merge(whole.replacingOccurrences(of: "\n6,", with: "\n6,9"))
        #expect(edited.status == 1 && edited.stderr.contains("\(parts[0].path): the checksum is"), "\(edited.stderr)")
        let stepLines = lines.filter { $0.hasPrefix("7,") }
        try #require(stepLines.count == 1)
        let shorter = body.replacingOccurrences(of: stepLines[0] + "\n", with: "")
        let short = try merge(shorter + "# checksum: fnv1a64 " + FNV1a64.hex(of: Array(shorter.utf8)) + "\n")
        #expect(short.status == 1, "\(short.stderr)")
        #expect(short.stderr.contains("\(parts[0].path): shard 0/3 of 11 steps in blocks of 2 holds 4 steps, found 3"), "\(short.stderr)")
    }

    /// A control character after Chinese text: line 3, character column 10 (it is byte 13 of its
    /// line, and Yams's offset used to be read as bytes, which put it on line 2).
    @Test func yamlProblemsAreReportedInCharacters() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = root.appendingPathComponent("scenario.yaml")
        try Data("format: 1\n# 江西省二〇二四年示范方案：一百个县的学校与教师\nname: \"中文\u{1}\"\n".utf8).write(to: settings)
        let control = try eduplan(["validate", root.path])
        #expect(control.status == 1)
        #expect(control.stdout.hasPrefix("scenario.yaml:3:10: expected readable YAML text"), "\(control.stdout)")

        try Data(Array("format: 1\nname: \"中文".utf8) + [0xFF] + Array("\"\n".utf8)).write(to: settings)
        let bytes = try eduplan(["validate", root.path])
        #expect(bytes.stdout.hasPrefix("scenario.yaml:2:10: expected UTF-8 text, found bytes that are not UTF-8"), "\(bytes.stdout)")
    }
}
