import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output of a command — a single file, or a folder of files that belong together — written
/// in full beside its final place and then swapped in at once.
///
/// The life of an output:
/// 1. ``file(_:keepingClearOf:)`` or ``folder(_:files:keepingClearOf:)`` checks the path against
///    the command's inputs, creates missing parent folders, takes the output's lock
///    (``OutputLock``), removes what a killed earlier writer left behind, and creates the staging
///    folder `.NAME.eduplan-tmp-PID` in the same folder as the target.
/// 2. The command writes into ``stagingPath`` (or ``stagingPath(for:)`` for a folder's files),
///    with ``write(_:as:)`` or with its own writer (GLPK, a streaming CSV writer).
/// 3. ``commit()`` flushes every file and folder to disk (`fsync`) and swaps the staging in: a
///    file by `rename` out of the staging folder, a folder by `renameat2(RENAME_EXCHANGE)` where the system has it (else two
///    renames, which the next writer repairs if it is killed between them). Only then is the old
///    output removed. Killed at any moment, the target is the old output or the complete new one.
/// 4. ``abandon()`` (or an interruption, see ``Interruption``) removes the staging, so the old
///    output stays exactly as it was.
///
/// A folder output is replaced as a whole: files of the set the command no longer writes do not
/// survive (two runs never mix), while other regular files the user keeps there are carried over.
/// A folder holding sub-folders is refused rather than replaced.
public final class OutputTarget: @unchecked Sendable {
    /// A single file, or a folder of files.
    public enum Kind: Sendable { case file, folder }

    /// The path as the user gave it (for messages).
    public let shownPath: String
    /// A single file or a folder of files.
    public let kind: Kind
    /// The target: absolute, symbolic links of its existing part resolved.
    public let target: String
    /// The folder holding the target, and the target's name in it.
    let parent: String, name: String
    /// The staging folder `.NAME.eduplan-tmp-PID` beside the target: a folder output is written
    /// into it, a file output as the file NAME in it. Because it is a folder, removing it on an
    /// interruption leaves nowhere for a writer still running (GLPK) to create the file again.
    let stagingFolder: String
    /// For a folder: every file name the command may write; earlier copies of these are not carried over.
    let ownedNames: Set<String>
    var lock: OutputLock?
    /// Parent folders this output created (removed again when it is abandoned).
    var createdFolders: [String] = []
    var state = State.writing

    enum State { case writing, committed, abandoned }

    private init(shownPath: String, kind: Kind, target: String, ownedNames: Set<String>) {
        self.shownPath = shownPath
        self.kind = kind
        self.target = target
        (parent, name) = ResolvedPath.split(target)
        stagingFolder = Self.temporaryPath(parent: parent, name: name, role: "tmp", pid: getpid())
        self.ownedNames = ownedNames
    }

    /// Prepares a single-file output (`export --lp FILE`, `report --out FILE.html`, …).
    /// - Throws: ``OutputFailure`` when the path is refused, locked or cannot be written.
    public static func file(_ path: String, keepingClearOf inputs: InputPaths = InputPaths()) throws(OutputFailure) -> OutputTarget {
        let output = OutputTarget(shownPath: path, kind: .file, target: ResolvedPath.resolve(path), ownedNames: [])
        try output.prepare(inputs: inputs)
        return output
    }

    /// Prepares a folder output whose files are written as one set (`solve --out DIR`).
    /// - Parameter names: every file the command may write there (also those it skips this time).
    /// - Throws: ``OutputFailure`` when the path is refused, locked or cannot be written.
    public static func folder(_ path: String, files names: [String],
                              keepingClearOf inputs: InputPaths = InputPaths()) throws(OutputFailure) -> OutputTarget {
        let output = OutputTarget(shownPath: path, kind: .folder, target: ResolvedPath.resolve(path), ownedNames: Set(names))
        try output.prepare(inputs: inputs)
        return output
    }

    /// Where the output is written before the commit: the staged file of a file output, the
    /// staging folder of a folder output.
    public var stagingPath: String { kind == .file ? stagingFolder + "/" + name : stagingFolder }

    /// Where file `name` of a folder output is written before the commit.
    public func stagingPath(for name: String) -> String {
        precondition(kind == .folder, "a file output has one staging path")
        return stagingFolder + "/" + name
    }

    /// Writes `data` into the staging file (`name` nil) or into file `name` of a folder output.
    /// - Throws: ``OutputFailure`` when it cannot be written in full.
    public func write(_ data: Data, as name: String? = nil) throws(OutputFailure) {
        let path = name.map(stagingPath(for:)) ?? stagingPath
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(FileFailure.diagnose(errno, path: path)) }
        defer { close(descriptor) }
        let failed: FileFailure? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return FileFailure.diagnose(errno, path: path)
                }
                offset += count
            }
            return nil
        }
        if let failed { throw failure(failed) }
    }

    /// A failure of this output.
    func failure(_ reason: FileFailure) -> OutputFailure { OutputFailure(path: shownPath, reason: .file(reason)) }

    /// The hidden name of a staging (`tmp`) or previous (`old`) output of process `pid`.
    static func temporaryPath(parent: String, name: String, role: String, pid: pid_t) -> String {
        "\(parent == "/" ? "" : parent)/.\(name).eduplan-\(role)-\(pid)"
    }

    // MARK: Preparation

    private func prepare(inputs: InputPaths) throws(OutputFailure) {
        guard target != "/" else { throw failure(.notRegularFile(.folder)) }
        try checkClear(of: inputs)
        try checkExisting()
        try createParent()
        // Lock, staging and registration happen under the interruption lock: a SIGINT then finds
        // either nothing of this output or all of it (a signal between creating the staging and
        // registering it used to leave the staging and the lock file behind).
        let failed = Interruption.registry.withLock { () -> OutputFailure? in
            do throws(OutputFailure) {
                try lockAndStage()
            } catch {
                return error
            }
            Interruption.registry.addHoldingLock(self)
            return nil
        }
        if let failed { throw failed }
    }

    /// Takes the output's lock, clears a dead run's leftovers and creates the staging.
    private func lockAndStage() throws(OutputFailure) {
        do {
            lock = try OutputLock.acquire(folder: parent, name: name)
        } catch {
            removeCreatedFolders()
            switch error {
            case let .held(pid): throw OutputFailure(path: shownPath, reason: .busy(pid: pid))
            case let .failed(reason): throw failure(reason)
            }
        }
        do {
            try removeLeftovers()
            try createStaging()
        } catch {
            release()
            throw error
        }
    }

    /// Refuses a target that is, lies in, holds or replaces an input.
    private func checkClear(of inputs: InputPaths) throws(OutputFailure) {
        for folder in inputs.folders {
            let input = ResolvedPath.resolve(folder)
            if target == input { throw OutputFailure(path: shownPath, reason: .isInputFolder(folder)) }
            if ResolvedPath.isSameOrInside(target, input) { throw OutputFailure(path: shownPath, reason: .insideInputFolder(folder)) }
            if ResolvedPath.isSameOrInside(input, target) { throw OutputFailure(path: shownPath, reason: .replacesInput(folder)) }
        }
        for file in inputs.files where ResolvedPath.isSameOrInside(ResolvedPath.resolve(file), target) {
            throw OutputFailure(path: shownPath, reason: .replacesInput(file))
        }
    }

    /// Refuses a target that exists as the wrong kind, or a folder holding more than files.
    private func checkExisting() throws(OutputFailure) {
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        let existing = FileKind(mode: info.st_mode)
        switch kind {
        case .file:
            guard existing == .regular else { throw failure(.notRegularFile(existing)) }
        case .folder:
            guard existing == .folder else { throw failure(.notAFolder(existing)) }
            if let entry = try entries(of: target).first(where: { ![.regular, .symbolicLink].contains($0.kind) }) {
                throw OutputFailure(path: shownPath, reason: .holdsFolder(entry.name))
            }
        }
    }

    /// The entries of a folder with their kinds (symbolic links not followed).
    func entries(of folder: String) throws(OutputFailure) -> [(name: String, kind: FileKind)] {
        guard let directory = opendir(folder) else { throw failure(FileFailure.diagnose(errno, path: folder)) }
        defer { closedir(directory) }
        var found: [(name: String, kind: FileKind)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { continue }
            found.append((name, FileKind(mode: info.st_mode)))
        }
        return found.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Creates the missing folders above the target, remembering which.
    private func createParent() throws(OutputFailure) {
        var missing: [String] = []
        var folder = parent
        while folder != "/", FileKind.of(folder) == nil, errno == ENOENT {
            missing.insert(folder, at: 0)
            folder = ResolvedPath.split(folder).folder
        }
        for folder in missing {
            guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
                let code = errno
                removeCreatedFolders()
                throw failure(FileFailure.diagnose(code, path: folder))
            }
            createdFolders.append(folder)
        }
        if let kind = FileKind.of(parent), kind != .folder { throw failure(.notAFolder(kind)) }
    }

    /// Creates the empty staging file or folder (with the old output's permissions, if any).
    private func createStaging() throws(OutputFailure) {
        var old = stat()
        let mode: mode_t? = stat(target, &old) == 0 ? old.st_mode & 0o7777 : nil
        guard mkdir(stagingFolder, 0o777) == 0 else { throw failure(FileFailure.diagnose(errno, path: stagingFolder)) }
        if kind == .file {
            let descriptor = open(stagingPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                let code = errno
                rmdir(stagingFolder)
                throw failure(FileFailure.diagnose(code, path: stagingPath))
            }
            close(descriptor)
        }
        if let mode { _ = chmod(stagingPath, mode) }
    }

    func removeCreatedFolders() {
        for folder in createdFolders.reversed() { rmdir(folder) }
        createdFolders = []
    }
}
