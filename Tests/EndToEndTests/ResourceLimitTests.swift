import Foundation
import Testing

/// Issue 12: under an address-space limit, a worker thread with its 64 MiB stack may not start.
/// Before, `compare --jobs 2` then waited forever for a thread that never ran (seen at
/// `ulimit -v 400000` and 415000 on example 07); now the work runs on the calling thread, or the
/// memory check refuses first — an answer either way, never a hang.
@Suite("Resource limits")
struct ResourceLimitTests {
    @Test("no address-space limit makes compare --jobs 2 hang")
    func noHangUnderAddressSpaceLimits() throws {
        #if os(Linux)
        for kilobytes in stride(from: 380_000, through: 480_000, by: 5_000) {
            let script = "ulimit -v \(kilobytes); exec timeout 60 \"$0\" compare scenarios/examples/07_maxmin_coverage --jobs 2 --quiet"
            let run = try shell(script, eduplanBinary.path)
            #expect(run.status != 124, "ulimit -v \(kilobytes): compare did not finish in 60 s")
            #expect([0, 1].contains(run.status), "ulimit -v \(kilobytes): exit \(run.status): \(run.stderr)")
            if run.status == 1 { #expect(run.stderr.contains("give it more address space"), "\(run.stderr)") }
        }
        #endif
    }

    private func shell(_ script: String, _ argument: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, argument]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
