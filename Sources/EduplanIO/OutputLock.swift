import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on one output, so that two eduplan processes never write it at once.
///
/// The lock is `flock` on a file beside the output, `.NAME.eduplan-lock`, holding the owner's
/// process id for the refusal message. The kernel releases it when the process ends however it
/// ends (even `kill -9`). The file is removed on release while still locked; a process that opened
/// it just before checks after locking that the path still names the file it locked, and starts
/// over if not — so removing it never lets two writers in.
final class OutputLock {
    /// The lock file's path.
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Why a lock could not be taken.
    enum Refusal: Error {
        /// Another process holds it (its pid, when it could be read).
        case held(pid: Int?)
        /// The lock file cannot be created or locked.
        case failed(FileFailure)
    }

    /// The lock file of the output `name` in `folder`.
    static func path(folder: String, name: String) -> String { "\(folder)/.\(name).eduplan-lock" }

    /// Takes the lock of output `name` in `folder` without waiting.
    static func acquire(folder: String, name: String) throws(Refusal) -> OutputLock {
        let path = path(folder: folder, name: name)
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else { throw .failed(FileFailure.diagnose(errno, path: path)) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                defer { close(descriptor) }
                if code == EWOULDBLOCK { throw .held(pid: holder(descriptor)) }
                throw .failed(FileFailure.diagnose(code, path: path))
            }
            var opened = stat(), named = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0,
                  opened.st_dev == named.st_dev, opened.st_ino == named.st_ino else {
                close(descriptor)  // removed by its last owner after we opened it: take the new one
                continue
            }
            let pid = Array("\(getpid())\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return OutputLock(path: path, descriptor: descriptor)
        }
    }

    /// The pid written in a lock file held by another process (it writes it just after locking,
    /// so a few short waits cover that moment).
    private static func holder(_ descriptor: Int32) -> Int? {
        for _ in 0..<5 {
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0, let pid = Int(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            usleep(20_000)
        }
        return nil
    }

    /// Removes the lock file and releases the lock (idempotent).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
