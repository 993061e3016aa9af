import Foundation

/// The package root (the tests run the CLI from there, on the scenarios in the repository).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `eduplan` built with the tests (beside the test bundle, whatever the scratch path), or the
/// package's `.build/debug/eduplan`.
let eduplanBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eduplan")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/eduplan")
}()

/// Runs `eduplan` with `arguments` from the package root, as a user would, and returns its exit
/// status and both outputs (read concurrently, so neither pipe can fill up and block the child).
/// The locale is English (`LANG=C.UTF-8`, no `LC_ALL` / `LC_MESSAGES`) unless `language` is given,
/// so the output does not depend on the machine running the tests.
func eduplan(_ arguments: [String], language: String = "C.UTF-8") throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = eduplanBinary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = nil
    environment["LC_MESSAGES"] = nil
    environment["LANG"] = language
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: errData.data, as: UTF8.self))
}

/// Written by one thread before `group.leave()`, read after `group.wait()`.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
