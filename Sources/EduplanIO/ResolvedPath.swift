import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths compared as the system sees them: absolute, symbolic links followed.
///
/// Two spellings of one place (`out`, `./out`, `../here/out`, a link to it) must compare equal
/// before eduplan decides whether an output would land inside an input, and a table path must be
/// checked where it really leads, not where its text points.
public enum ResolvedPath {
    /// `path` made absolute against the current folder (not resolved, not normalised).
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = FileManager.default.currentDirectoryPath
        return path.isEmpty ? folder : (folder.hasSuffix("/") ? folder : folder + "/") + path
    }

    /// The canonical form of an existing path (`realpath`), or nil with `errno` set.
    public static func existing(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` with every symbolic link of its longest existing prefix followed, and the rest (which
    /// does not exist yet) appended with `.` and `..` applied to the text.
    ///
    /// - Complexity: one `realpath` per trailing component that does not exist.
    public static func resolve(_ path: String) -> String {
        var components = absolute(path).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var missing: [String] = []
        while true {
            let prefix = "/" + components.joined(separator: "/")
            if let real = existing(prefix) { return normalised(real, appending: missing) }
            guard let last = components.popLast() else { return normalised("/", appending: missing) }
            missing.insert(last, at: 0)
        }
    }

    /// `base` followed by `components`, `.` dropped and `..` removing the component before it.
    static func normalised(_ base: String, appending components: [String]) -> String {
        var parts = base.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for component in components {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is `folder` or lies inside it (both already resolved).
    public static func isSameOrInside(_ path: String, _ folder: String) -> Bool {
        if path == folder || folder == "/" { return true }
        return path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// The folder holding `path` and the last component (both of a resolved path).
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
