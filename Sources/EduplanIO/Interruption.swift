import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM: every output being written is removed (its previous version stays as it
/// was), the user is told, and the process exits with 128 + the signal (130, 143).
///
/// The signals are taken from the default action and delivered to a dispatch source, which runs
/// on a thread of its own while the main thread may be deep inside GLPK. That handler is ordinary
/// Swift, not a signal handler, so it may remove folders; it takes the lock ``OutputTarget``
/// holds while it swaps an output in, so an interruption never lands in the middle of a commit.
/// It then ends the process with `_exit`, which does not return to GLPK.
public enum Interruption {
    /// The outputs being written, and the lock that orders commits and interruptions.
    static let registry = OutputRegistry()

    /// The signal sources (kept alive for the life of the process).
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers for SIGINT and SIGTERM (call once, early in `main`).
    public static func install() {
        registry.withLock {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { interrupted(by: number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// The exit status after `signal`: 128 + its number.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// Removes every output in progress, says so on stderr, and exits. Never returns.
    private static func interrupted(by number: Int32) -> Never {
        registry.lockForever()
        let pending = registry.pending
        for output in pending { output.discardHoldingLock() }
        let names = pending.map(\.shownPath)
        var message = "eduplan: interrupted"
        if !names.isEmpty {
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            message += "; \(list) left as \(names.count == 1 ? "it was" : "they were")"
        }
        let text = (isatty(2) != 0 ? "\r\u{1B}[K" : "") + message + "\n"
        _ = Array(text.utf8).withUnsafeBytes { systemWrite(2, $0.baseAddress, $0.count) }
        _exit(exitStatus(for: number))
    }
}

/// The outputs being written, in order of creation, behind one lock.
final class OutputRegistry: @unchecked Sendable {
    private let mutex = NSLock()
    private var outputs: [OutputTarget] = []

    /// Runs `body` holding the lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }

    /// Takes the lock and keeps it: the process is about to end.
    func lockForever() { mutex.lock() }

    /// Adds an output (the caller holds the lock).
    func addHoldingLock(_ output: OutputTarget) { outputs.append(output) }

    /// Forgets an output (the caller holds the lock).
    func remove(_ output: OutputTarget) { outputs.removeAll { $0 === output } }

    /// The outputs still being written (the caller holds the lock).
    var pending: [OutputTarget] { outputs }
}
