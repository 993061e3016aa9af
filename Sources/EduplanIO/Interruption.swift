import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM: every output being written is removed (its previous version stays as it
/// was), the user is told, and the process exits with 128 + the signal (130, 143).
///
/// The two signals are blocked in the main thread before any other thread exists (every thread
/// inherits the mask), and one small thread of our own waits for them with `sigwait`: it runs
/// ordinary Swift, not a signal handler, while the main thread may be deep inside GLPK, so it may
/// remove folders. It takes the lock ``OutputTarget`` holds while it swaps an output in, so an
/// interruption never lands in the middle of a commit, and ends the process with `_exit`, which
/// does not return to GLPK.
///
/// No dispatch source: under a tight address-space limit (`ulimit -v`) libdispatch cannot start
/// its manager thread and retries for ever, so `eduplan` hung before it read a file. When the
/// waiting thread cannot start, the signals are unblocked and keep their default action (the
/// process ends; an output's staging folder is removed by the next writer).
public enum Interruption {
    /// The outputs being written, and the lock that orders commits and interruptions.
    static let registry = OutputRegistry()

    /// Whether ``install()`` ran.
    nonisolated(unsafe) private static var installed = false

    /// Installs the handling of SIGINT and SIGTERM (call once, first thing in `main`).
    public static func install() {
        registry.withLock {
            guard !installed else { return }
            installed = true
            var signals = handledSignals()
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            if !startWaiter() { pthread_sigmask(SIG_UNBLOCK, &signals, nil) }
        }
    }

    /// SIGINT and SIGTERM as a signal set.
    private static func handledSignals() -> sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        return signals
    }

    /// Starts the thread that waits for the signals (a 256 KiB stack); false when it cannot start.
    private static func startWaiter() -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 256 << 10)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        return pthread_create(&thread, &attributes, { _ in
            var signals = Interruption.handledSignals()
            var number: Int32 = 0
            while sigwait(&signals, &number) != 0 {}
            Interruption.interrupted(by: number)
        }, nil) == 0
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
