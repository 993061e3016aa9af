import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening input files safely: regular files only, never blocking, and, for the files of a
/// scenario folder, never outside that folder.
///
/// A FIFO is refused before it is opened (and a file is opened with `O_NONBLOCK` then checked
/// again with `fstat`, so a path swapped for a FIFO in between cannot hang the reader either). A
/// refused file is never read, so no message can echo its content.
public enum InputFile {
    /// Opens the regular file at `path` for reading and returns its descriptor (blocking reads,
    /// closed on exec). The caller closes it.
    /// - Throws: ``FileFailure`` saying why it cannot be read.
    public static func openDescriptor(_ path: String) throws(FileFailure) -> Int32 {
        guard let kind = FileKind.of(path) else { throw FileFailure.diagnose(errno, path: path) }
        guard kind == .regular else { throw .notRegularFile(kind) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw FileFailure.diagnose(errno, path: path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .system(code)
        }
        let opened = FileKind(mode: info.st_mode)
        guard opened == .regular else {
            close(descriptor)
            throw .notRegularFile(opened)
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// The whole content of the regular file at `path`.
    /// - Throws: ``FileFailure`` saying why it cannot be read.
    public static func read(_ path: String) throws(FileFailure) -> Data {
        let descriptor = try openDescriptor(path)
        defer { close(descriptor) }
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 65536))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileFailure.diagnose(errno, path: path)
            }
            if got == 0 { break }
            count += got
        }
        return Data(bytes[..<count])
    }

    /// The file `name` of `folder` (a relative path such as `schools.csv` or `data/schools.csv`),
    /// refused when it resolves — symbolic links followed — outside the folder.
    /// - Returns: the resolved path, to open or read.
    /// - Throws: ``FileFailure``: ``FileFailure/outsideFolder(_:)`` for a path leading outside.
    public static func resolve(_ name: String, inside folder: URL) throws(FileFailure) -> String {
        guard let root = ResolvedPath.existing(folder.path) else { throw FileFailure.diagnose(errno, path: folder.path) }
        // An absolute path names a file elsewhere, whatever the folder: refused before any lookup.
        if name.hasPrefix("/") { throw .outsideFolder(folder.path) }
        let joined = folder.appendingPathComponent(name).path
        guard let resolved = ResolvedPath.existing(joined) else {
            let code = errno
            // A name that leads outside is refused as such even when nothing is there.
            let lexical = ResolvedPath.normalised(root, appending: name.split(separator: "/").map(String.init))
            if !ResolvedPath.isSameOrInside(lexical, root) { throw .outsideFolder(folder.path) }
            throw FileFailure.diagnose(code, path: joined)
        }
        guard ResolvedPath.isSameOrInside(resolved, root) else { throw .outsideFolder(folder.path) }
        return resolved
    }

    /// The whole content of the file `name` of `folder`, refused when it leads outside the folder
    /// or is not a regular file.
    public static func read(_ name: String, inside folder: URL) throws(FileFailure) -> Data {
        try read(resolve(name, inside: folder))
    }
}
