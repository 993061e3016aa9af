@testable import EduplanIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Outputs written beside their place and swapped in as a set", .serialized)
struct OutputTargetTests {
    static let planFiles = ["plan.json", "schools.csv", "funds.csv", "dispatch.csv"]

    /// Everything in `folder` that an eduplan output leaves beside its target.
    static func leftovers(in folder: URL) throws -> [String] {
        try names(in: folder).filter { $0.contains(".eduplan-") }
    }

    /// The new set replaces the old one whole: a file of the set not written again is gone, a
    /// file the user keeps there stays, and no staging, previous copy or lock file is left.
    @Test func aFolderIsReplacedAsASet() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for name in Self.planFiles { try put("old \(name)\n", name, in: out) }
        try put("mine\n", "notes.txt", in: out)

        let output = try OutputTarget.folder(out.path, files: Self.planFiles)
        #expect(try Self.leftovers(in: root).sorted() == [".out.eduplan-lock", ".out.eduplan-tmp-\(getpid())"])
        try output.write(Data("new plan\n".utf8), as: "plan.json")
        try output.write(Data("new schools\n".utf8), as: "schools.csv")
        #expect(try text("plan.json", in: out) == "old plan.json\n")  // nothing moves before the commit
        try output.commit()

        #expect(try names(in: out) == ["notes.txt", "plan.json", "schools.csv"])
        #expect(try text("plan.json", in: out) == "new plan\n")
        #expect(try text("notes.txt", in: out) == "mine\n")
        #expect(try Self.leftovers(in: root).isEmpty)
    }

    /// Abandoned (an error, an interruption), the old set stays byte for byte and nothing is left.
    @Test func anAbandonedOutputLeavesTheOldSet() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try put("old\n", "plan.json", in: out)
        let output = try OutputTarget.folder(out.path, files: Self.planFiles)
        try output.write(Data("new\n".utf8), as: "plan.json")
        output.abandon()
        #expect(throws: Never.self) { try output.commit() }  // a no-op once abandoned
        #expect(try names(in: out) == ["plan.json"])
        #expect(try text("plan.json", in: out) == "old\n")
        #expect(try Self.leftovers(in: root).isEmpty)
        // A folder created for an abandoned output is removed again.
        let deep = root.appendingPathComponent("a/b/out")
        OutputTarget.folderForTest(deep.path)?.abandon()
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("a").path))
    }

    /// A single file is renamed over the old one, which keeps its permissions.
    @Test func aFileIsReplacedByRename() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("model.lp")
        try put("old\n", "model.lp", in: root)
        chmod(file.path, 0o600)
        let output = try OutputTarget.file(file.path)
        try Data("new\n".utf8).write(to: URL(fileURLWithPath: output.stagingPath))  // as GLPK writes it
        try output.commit()
        #expect(try text("model.lp", in: root) == "new\n")
        #expect(try names(in: root) == ["model.lp"])
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// A second writer of the same output is refused while the first holds the lock, with the
    /// first one's pid; once it is done, the next writer gets in.
    @Test func aSecondWriterIsRefused() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("out").path
        let first = try OutputTarget.folder(path, files: Self.planFiles)
        do {
            _ = try OutputTarget.folder(path, files: Self.planFiles)
            Issue.record("a second writer got in")
        } catch {
            #expect(error.reason == .busy(pid: Int(getpid())))
            #expect(error.description == "\(path) is being written by another eduplan (pid \(getpid()))")
        }
        first.abandon()
        let second = try OutputTarget.folder(path, files: Self.planFiles)
        second.abandon()
    }

    /// What a killed writer left (its staging, the old set it had moved aside) is cleaned by the
    /// next writer; the old set is put back when the target went missing between two renames.
    @Test func leftoversOfAKilledWriterAreRepaired() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let stale = root.appendingPathComponent(".out.eduplan-tmp-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try put("half\n", "plan.json", in: stale)
        let moved = root.appendingPathComponent(".out.eduplan-old-999998")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try put("old\n", "plan.json", in: moved)
        try put("keep\n", ".out.eduplan-notes", in: root)  // not a leftover name: untouched

        let output = try OutputTarget.folder(root.appendingPathComponent("out").path, files: Self.planFiles)
        #expect(try text("plan.json", in: root.appendingPathComponent("out")) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        output.abandon()
        #expect(try names(in: root) == [".out.eduplan-notes", "out"])
    }

    /// An output may not be, lie in, hold or replace an input; both paths are named.
    @Test func outputsKeepClearOfInputs() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = root.appendingPathComponent("scenario")
        try FileManager.default.createDirectory(at: scenario, withIntermediateDirectories: true)
        try put("a,b\n", "schools.csv", in: scenario)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("same").path, withDestinationPath: "scenario")
        let inputs = InputPaths(folders: [scenario.path], files: [root.appendingPathComponent("plan.json").path])
        func reason(_ path: String, folder: Bool = true) -> OutputFailure.Reason? {
            do {
                let output = folder ? try OutputTarget.folder(path, files: Self.planFiles, keepingClearOf: inputs)
                                    : try OutputTarget.file(path, keepingClearOf: inputs)
                output.abandon()
                return nil
            } catch { return error.reason }
        }
        #expect(reason(scenario.path) == .isInputFolder(scenario.path))
        #expect(reason(root.appendingPathComponent("same").path) == .isInputFolder(scenario.path))
        #expect(reason(scenario.appendingPathComponent("out").path) == .insideInputFolder(scenario.path))
        #expect(reason(root.path) == .replacesInput(scenario.path))
        #expect(reason(root.appendingPathComponent("plan.json").path, folder: false) == .replacesInput(root.appendingPathComponent("plan.json").path))
        #expect(reason(root.appendingPathComponent("elsewhere").path) == nil)
        let message = OutputFailure(path: "s", reason: .isInputFolder("s")).description
        #expect(message == "cannot write s: it is the input folder s (eduplan never writes over its inputs)")
    }

    /// A device, a FIFO or a folder holding sub-folders is never replaced.
    @Test func specialTargetsAreRefused() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("fifo").path
        mkfifo(fifo, 0o644)
        #expect(throws: OutputFailure.self) { try OutputTarget.file("/dev/zero") }
        do { _ = try OutputTarget.file(fifo) } catch { #expect(error.description == "cannot write \(fifo): not a regular file (a FIFO)") }
        let holder = root.appendingPathComponent("holder")
        try FileManager.default.createDirectory(at: holder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        do { _ = try OutputTarget.folder(holder.path, files: Self.planFiles) } catch { #expect(error.reason == .holdsFolder("sub")) }
        #expect(FileManager.default.fileExists(atPath: holder.appendingPathComponent("sub").path))
        #expect(try Self.leftovers(in: root).isEmpty)
    }
}

extension OutputTarget {
    /// A folder output, or nil when it cannot be prepared (for tests of what preparing creates).
    static func folderForTest(_ path: String) -> OutputTarget? { try? folder(path, files: []) }
}
