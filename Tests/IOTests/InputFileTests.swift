@testable import EduplanIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Input files: regular files only, never outside their folder")
struct InputFileTests {
    @Test func readsARegularFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try put("id,name\n", "regions.csv", in: folder)
        #expect(try InputFile.read(folder.appendingPathComponent("regions.csv").path) == Data("id,name\n".utf8))
        #expect(try InputFile.read("regions.csv", inside: folder) == Data("id,name\n".utf8))
    }

    /// A FIFO is refused at once: opening it for reading would wait for a writer forever.
    @Test(.timeLimit(.minutes(1))) func refusesAFIFOWithoutWaiting() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("students.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileFailure.notRegularFile(.fifo)) { try InputFile.read(fifo) }
        #expect(throws: FileFailure.notRegularFile(.fifo)) { try InputFile.openDescriptor(fifo) }
        #expect(FileFailure.notRegularFile(.fifo).description == "not a regular file (a FIFO)")
    }

    @Test func namesWhatIsWrong() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: FileFailure.noSuchFile) { try InputFile.read(folder.appendingPathComponent("none.csv").path) }
        #expect(throws: FileFailure.notRegularFile(.folder)) { try InputFile.read(folder.path) }
        #expect(throws: FileFailure.notRegularFile(.characterDevice)) { try InputFile.read("/dev/zero") }
        #expect(FileFailure.diagnose(ENOENT, path: "x") == .noSuchFile)
        #expect(FileFailure.diagnose(ENOSPC, path: "x").description == "no space left on the device")
    }

    /// `../secret.txt`, a symbolic link leading out, and an absolute-looking escape are refused
    /// without being opened; a link that stays inside is followed.
    @Test func refusesPathsLeadingOutsideTheFolder() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("scenario")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try put("TOP SECRET\n", "secret.txt", in: root)
        try put("id\n", "schools.csv", in: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("regions.csv").path, withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias.csv").path, withDestinationPath: "schools.csv")
        let outside = FileFailure.outsideFolder(folder.path)
        #expect(throws: outside) { try InputFile.read("../secret.txt", inside: folder) }
        #expect(throws: outside) { try InputFile.read("regions.csv", inside: folder) }
        #expect(throws: outside) { try InputFile.read("../../../../../../../../etc/shadow", inside: folder) }
        #expect(throws: outside) { try InputFile.read("../nothing-here.csv", inside: folder) }
        #expect(throws: FileFailure.noSuchFile) { try InputFile.read("nothing-here.csv", inside: folder) }
        #expect(try InputFile.read("alias.csv", inside: folder) == Data("id\n".utf8))
    }

    /// Spellings of one place compare equal once resolved; `/a/b` does not contain `/a/bc`.
    @Test func resolvedPaths() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let real = ResolvedPath.existing(root.path)!
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "a")
        #expect(ResolvedPath.resolve(root.appendingPathComponent("link/new/../x").path) == real + "/a/x")
        #expect(ResolvedPath.resolve(root.appendingPathComponent("a/./b/c").path) == real + "/a/b/c")
        #expect(ResolvedPath.isSameOrInside("/a/b/c", "/a/b"))
        #expect(ResolvedPath.isSameOrInside("/a/b", "/a/b"))
        #expect(!ResolvedPath.isSameOrInside("/a/bc", "/a/b"))
        let split = ResolvedPath.split("/a/b.csv")
        #expect(split.folder == "/a" && split.name == "b.csv")
    }
}
