import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An `eduplan` process that can be signalled at any moment: stdout goes to /dev/null and stderr
/// to a file, so no pipe has to be drained while it runs.
final class RunningEduplan {
    let process = Process()
    private let errorFile: URL

    /// Starts `eduplan arguments` from the package root; `prefix` runs it through another program
    /// (`setpriv` to drop root).
    init(_ arguments: [String], prefix: [String] = []) throws {
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        if prefix.isEmpty {
            process.executableURL = eduplanBinary
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [eduplanBinary.path] + arguments
        }
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends `number` to the process.
    func send(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the end: the exit status (or the signal that ended it), whether a signal ended it,
    /// and what it wrote on stderr.
    func wait() -> (status: Int32, killedBy: Bool, stderr: String) {
        process.waitUntilExit()
        let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, text)
    }
}

/// Every file of a folder by name, or nil when it does not exist (a file output: its one file).
func snapshot(_ url: URL) -> [String: Data]? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
    guard isFolder.boolValue else { return (try? Data(contentsOf: url)).map { [url.lastPathComponent: $0] } }
    var files: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
        files[name] = try? Data(contentsOf: url.appendingPathComponent(name))
    }
    return files
}

/// What eduplan leaves beside an output while writing it (staging, previous copy, lock).
func leftovers(besides url: URL) -> [String] {
    let folder = url.deletingLastPathComponent()
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasPrefix(".\(url.lastPathComponent).eduplan-") }.sorted()
}

/// Replaces whatever is at `url` with the files of `state` (nil: nothing there).
func restore(_ url: URL, to state: [String: Data]?, folder: Bool) throws {
    try? FileManager.default.removeItem(at: url)
    guard let state else { return }
    if folder {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, data) in state { try data.write(to: url.appendingPathComponent(name)) }
    } else if let data = state.values.first {
        try data.write(to: url)
    }
}

/// `count` moments in [0, span), spread evenly but in a scrambled order that `seed` fixes: the
/// Weyl sequence frac(seed + i·φ), which covers an interval more evenly than independent draws.
func moments(_ count: Int, over span: TimeInterval, seed: Double) -> [TimeInterval] {
    let golden = 0.618_033_988_749_894_8
    return (0..<count).map { i in
        let x = seed + Double(i) * golden
        return span * (x - x.rounded(.down))
    }
}

/// The prefix that runs eduplan as an unprivileged user (root ignores file permissions), or nil
/// when that is impossible here; empty when the tests already run unprivileged.
func unprivileged() -> [String]? {
    guard getuid() == 0 else { return [] }
    let setpriv = "/usr/bin/setpriv"
    guard FileManager.default.isExecutableFile(atPath: setpriv) else { return nil }
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
}

/// A scratch folder that an unprivileged user can enter and read.
func openScratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-safety-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    return url
}
