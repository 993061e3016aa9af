#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names on disk, in the words a message uses (`not a regular file (a FIFO)`).
public enum FileKind: String, Sendable, Equatable {
    case regular = "a regular file"
    case folder = "a folder"
    case fifo = "a FIFO"
    case characterDevice = "a character device"
    case blockDevice = "a block device"
    case socket = "a socket"
    case symbolicLink = "a symbolic link"
    case unknown = "a special file"

    /// The kind of a `stat` mode.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .unknown
        }
    }

    /// The kind of what `path` names after following symbolic links; nil when it cannot be
    /// examined (then `errno` says why).
    public static func of(_ path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }
}

/// Why a file or folder could not be read or written, in a planner's words.
///
/// Made from `errno` by ``diagnose(_:path:)``, which tells apart what the system reports with one
/// code: `EACCES` is "permission denied" on the file itself but "a folder on the path cannot be
/// entered" when a folder above it lacks search (x) permission.
public enum FileFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing at the path (or a component of it is not a folder).
    case noSuchFile
    /// The file (or the folder to write in) does not grant the access needed.
    case permissionDenied
    /// A folder on the path lacks search (x) permission; the payload is that folder.
    case folderNotEnterable(String)
    /// The path names a FIFO, device, folder or socket where a regular file was expected.
    case notRegularFile(FileKind)
    /// The path names something other than a folder where a folder was expected.
    case notAFolder(FileKind)
    /// The path resolves (symbolic links followed) outside the folder it must stay in.
    case outsideFolder(String)
    /// The file system is mounted read-only.
    case readOnlyFileSystem
    /// The disk (or quota) is full.
    case noSpace
    /// Any other system error, by its `errno`.
    case system(Int32)

    /// The failure in a planner's words: `permission denied`, `not a regular file (a FIFO)`.
    public var description: String {
        switch self {
        case .noSuchFile: return "no such file"
        case .permissionDenied: return "permission denied"
        case let .folderNotEnterable(folder): return "a folder on the path cannot be entered (no x permission): \(folder)"
        case let .notRegularFile(kind): return "not a regular file (\(kind.rawValue))"
        case let .notAFolder(kind): return "not a folder (\(kind.rawValue))"
        case .outsideFolder: return "a path that leads outside the folder"
        case .readOnlyFileSystem: return "a read-only file system"
        case .noSpace: return "no space left on the device"
        case let .system(code): return String(cString: strerror(code)).lowercased()
        }
    }

    /// The failure `code` (an `errno`) means for `path`.
    ///
    /// For `EACCES` the folders above `path` are examined from the root down: the first one that
    /// cannot be searched is named; if every one can, the file itself is refused.
    public static func diagnose(_ code: Int32, path: String) -> FileFailure {
        switch code {
        case ENOENT, ENOTDIR: return .noSuchFile
        case EACCES, EPERM:
            if let folder = firstUnenterableFolder(above: path) { return .folderNotEnterable(folder) }
            return .permissionDenied
        case EISDIR: return .notRegularFile(.folder)
        case EROFS: return .readOnlyFileSystem
        case ENOSPC, EDQUOT: return .noSpace
        default: return .system(code)
        }
    }

    /// The first folder on the way to `path` (root first) that the process cannot search.
    static func firstUnenterableFolder(above path: String) -> String? {
        let absolute = ResolvedPath.absolute(path)
        var folder = ""
        let components = absolute.split(separator: "/", omittingEmptySubsequences: true)
        for component in components.dropLast() {
            let parent = folder.isEmpty ? "/" : folder
            if access(parent, X_OK) != 0, errno == EACCES { return parent }
            folder += "/" + component
        }
        let parent = folder.isEmpty ? "/" : folder
        if access(parent, X_OK) != 0, errno == EACCES { return parent }
        return nil
    }
}
