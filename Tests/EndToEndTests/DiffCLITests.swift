import Foundation
import Testing

/// `eduplan diff` run as a user would, on plans that `solve --out` wrote.
@Suite(.serialized) struct DiffCLITests {
    static let fixture = "Tests/Fixtures/compare/fund_in_two_regions"

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-diff-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The fixture's base and its variant "local x2" (derivation in its scenario.yaml): only the fund
    /// local spends more (200 → 400, every other fund is spent to the same amount, each forced), and
    /// S10, which only local reaches, receives 200 → 400.
    @Test func diffOfABaseAndItsVariant() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a").path, b = folder.appendingPathComponent("b").path
        #expect(try eduplan(["solve", Self.fixture, "--out", a]).status == 0)
        #expect(try eduplan(["solve", Self.fixture, "--variant", "local x2", "--out", b]).status == 0)
        let text = try eduplan(["diff", a + "/plan.json", b + "/plan.json"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("money spent by fund (CNY): total 5,700 in A, 5,900 in B (+200); 1 of 4 differ\n  local: 200 → 400 (+200)\n"))
        #expect(text.stdout.contains("  S10: 200 → 400 (+200)\n"))
        #expect(text.stderr.contains("warning: the plans were solved from the same scenario (same name, regions and schools) with different data"))
        #expect(text.stderr.contains("variant \"local x2\""))
        let csv = try eduplan(["diff", a + "/plan.json", b + "/plan.json", "--format", "csv", "--out", folder.appendingPathComponent("d").path])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("level,id,before,after,change\nfund,f0,3000,3000,0\nfund,f1,500,500,0\nfund,f2,2000,2000,0\nfund,local,200,400,200\n"))
        let funds = try String(contentsOfFile: folder.appendingPathComponent("d/funds.csv").path, encoding: .utf8)
        #expect(funds == "id,before,after,change\nf0,3000,3000,0\nf1,500,500,0\nf2,2000,2000,0\nlocal,200,400,200\n")
        for file in ["categories.csv", "regions.csv", "schools.csv", "teacher_groups.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("d/\(file)").path), "\(file)")
        }
        // A plan against itself: no warning, nothing differs.
        let same = try eduplan(["diff", a + "/plan.json", a + "/plan.json"])
        #expect(same.status == 0 && !same.stderr.contains("warning") && same.stdout.contains("(unchanged); 0 of 4 differ"))
    }

    /// A file that is not a plan: exit 1, every problem named with the file, nothing on stdout.
    @Test func diffOfANonPlanIsBadInput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: bad))
        let run = try eduplan(["diff", bad, bad])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr.contains("bad.json") && run.stderr.contains("plan"))
    }
}
