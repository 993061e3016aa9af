import FuzzHarness
import Foundation

// The libFuzzer entry points. libFuzzer supplies `main`; this file is compiled with -parse-as-library.
// The target comes from EDUPLAN_FUZZ_TARGET (tools/fuzz/run sets it), so one instrumented binary serves
// every target. An input whose run breaks a promise (FuzzReport.violations) traps on purpose: libFuzzer
// then saves it as a crash, like a trap in the code under test. EDUPLAN_FUZZ_IGNORE (comma-separated
// FuzzViolation.Kind names, e.g. `line-outside-file,model-refused`) lets a known kind go while it awaits
// its fix, so that the fuzzer keeps looking for others.

/// The harness of this process, made on the first input (libFuzzer runs inputs on one thread).
nonisolated(unsafe) private var harness: FuzzHarness?

private func makeHarness() -> FuzzHarness {
    let name = ProcessInfo.processInfo.environment["EDUPLAN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("eduplan-fuzz: set EDUPLAN_FUZZ_TARGET to one of \(known); found `\(name)`")
    }
    // Under EDUPLAN_FUZZ_SCRATCH when set (tools/fuzz/run removes it afterwards: a process that traps
    // leaves its folder behind), else /dev/shm, which keeps the per-input file writes in memory.
    let environment = ProcessInfo.processInfo.environment
    let shared = URL(fileURLWithPath: "/dev/shm")
    let root = environment["EDUPLAN_FUZZ_SCRATCH"].map { URL(fileURLWithPath: $0) }
        ?? (FileManager.default.fileExists(atPath: shared.path) ? shared : FileManager.default.temporaryDirectory)
    let scratch = root.appendingPathComponent("eduplan-fuzz-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
    do {
        let made = try FuzzHarness(target: target, scratch: scratch)
        atexit { harness?.removeScratch() }
        return made
    } catch {
        fatalError("eduplan-fuzz: cannot prepare \(scratch.path): \(error)")
    }
}

/// The violation kinds not to trap on.
private let ignored: Set<String> = Set((ProcessInfo.processInfo.environment["EDUPLAN_FUZZ_IGNORE"] ?? "")
    .split(separator: ",").map { String($0) })

/// libFuzzer's per-input callback: runs the input and traps if it broke a promise.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if harness == nil { harness = makeHarness() }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let broken = harness!.run(bytes).violations.filter { !ignored.contains($0.kind.rawValue) }
    if !broken.isEmpty {
        fatalError("eduplan-fuzz: \(broken.count) broken promise(s):\n" + broken.map(\.description).joined(separator: "\n"))
    }
    return 0
}
