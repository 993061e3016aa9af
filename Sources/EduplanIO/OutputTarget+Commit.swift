import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputTarget {
    /// Flushes the staged output to disk and swaps it in, then removes the previous output and
    /// releases the lock. Nothing happens when it was already committed or abandoned.
    ///
    /// Runs under the interruption lock: SIGINT or SIGTERM arriving now is handled after the swap.
    /// - Throws: ``OutputFailure`` (the staging is then removed and the old output left as it was).
    public func commit() throws(OutputFailure) {
        let failed = Interruption.registry.withLock { () -> OutputFailure? in
            guard state == .writing else { return nil }
            do throws(OutputFailure) {
                try swapIn()
            } catch {
                discardHoldingLock()
                return error
            }
            state = .committed
            release()
            Interruption.registry.remove(self)
            return nil
        }
        if let failed { throw failed }
    }

    /// Removes the staging (the old output stays as it was) and releases the lock. Idempotent; a
    /// no-op after a commit.
    public func abandon() {
        Interruption.registry.withLock { discardHoldingLock() }
    }

    /// ``abandon()`` for a caller that holds the interruption lock.
    func discardHoldingLock() {
        guard state == .writing else { return }
        state = .abandoned
        removeTree(stagingFolder)
        release()
        removeCreatedFolders()
        Interruption.registry.remove(self)
    }

    func release() {
        lock?.release()
        lock = nil
    }

    // MARK: The swap

    private func swapIn() throws(OutputFailure) {
        switch kind {
        case .file:
            if let code = synchronise(stagingPath) { throw failure(FileFailure.diagnose(code, path: stagingPath)) }
            guard rename(stagingPath, target) == 0 else { throw failure(FileFailure.diagnose(errno, path: target)) }
            rmdir(stagingFolder)
        case .folder:
            try carryOverOtherFiles()
            for entry in try entries(of: stagingPath) where entry.kind == .regular {
                if let code = synchronise(stagingPath + "/" + entry.name) { throw failure(FileFailure.diagnose(code, path: stagingPath)) }
            }
            if let code = synchronise(stagingPath) { throw failure(FileFailure.diagnose(code, path: stagingPath)) }
            try swapFolder()
        }
        _ = synchronise(parent)
    }

    /// Puts the staging folder in the target's place, the old folder (if any) ending up removed.
    private func swapFolder() throws(OutputFailure) {
        guard FileKind.of(target) != nil else {
            guard rename(stagingPath, target) == 0 else { throw failure(FileFailure.diagnose(errno, path: target)) }
            return
        }
        if exchange(stagingPath, target) {
            removeTree(stagingPath)  // now the old output
            return
        }
        guard errno == ENOSYS || errno == EINVAL || errno == ENOTSUP else { throw failure(FileFailure.diagnose(errno, path: target)) }
        // No atomic swap here: move the old folder aside first; the next writer puts it back if
        // this process dies before the new one is in place (see removeLeftovers).
        let old = Self.temporaryPath(parent: parent, name: name, role: "old", pid: getpid())
        guard rename(target, old) == 0 else { throw failure(FileFailure.diagnose(errno, path: target)) }
        guard rename(stagingPath, target) == 0 else {
            let code = errno
            rename(old, target)
            throw failure(FileFailure.diagnose(code, path: target))
        }
        removeTree(old)
    }

    /// Links the regular files (and symbolic links) the user keeps in the old folder into the
    /// staging folder, except those of the command's own set: a folder output replaces its set,
    /// not its neighbours.
    private func carryOverOtherFiles() throws(OutputFailure) {
        guard FileKind.of(target) == .folder else { return }
        let staged = Set(try entries(of: stagingPath).map(\.name))
        for entry in try entries(of: target) where !ownedNames.contains(entry.name) && !staged.contains(entry.name) {
            let from = target + "/" + entry.name, to = stagingPath + "/" + entry.name
            switch entry.kind {
            case .regular:
                if link(from, to) != 0 {
                    do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                        throw failure(FileFailure.diagnose(errno, path: to))
                    }
                }
            case .symbolicLink:
                guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: from),
                      symlink(destination, to) == 0 else { throw failure(FileFailure.diagnose(errno, path: to)) }
            default:
                throw OutputFailure(path: shownPath, reason: .holdsFolder(entry.name))
            }
        }
    }

    // MARK: Leftovers of killed writers

    /// Removes the staging and previous outputs an earlier writer of this target left when it was
    /// killed. Holding the lock, this process is the only writer, so every one is stale. A previous
    /// output (`old`) is put back when the target is missing: its writer died between its renames.
    func removeLeftovers() throws(OutputFailure) {
        let prefix = ".\(name).eduplan-"
        for entry in try entries(of: parent) where entry.name.hasPrefix(prefix) {
            let rest = entry.name.dropFirst(prefix.count)
            guard let dash = rest.lastIndex(of: "-"), ["tmp", "old"].contains(rest[..<dash]),
                  !rest[rest.index(after: dash)...].isEmpty, rest[rest.index(after: dash)...].allSatisfy(\.isNumber) else { continue }
            let path = parent + "/" + entry.name
            if rest.hasPrefix("old"), FileKind.of(target) == nil, rename(path, target) == 0 { continue }
            removeTree(path)
        }
    }

    /// Removes a file or folder tree; tries again when a writer still adds files to it.
    func removeTree(_ path: String) {
        for _ in 0..<5 {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { return }
        }
    }
}
