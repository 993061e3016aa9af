import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar with an ETA on stderr, drawn only when stderr is a terminal.
///
/// Safe to call from any thread (solver threads report steps and phases). Redraws at most ten
/// times a second; a finished bar erases its line, so what remains on the terminal is the
/// command's own output. When disabled every call is a no-op: logs and pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    /// Whether stderr is a terminal (`isatty(2)`).
    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }

    private let lock = NSLock()
    private let title: String
    private let total: Int
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var done = 0
    private var detail = ""
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// - Parameters:
    ///   - title: what is being done (`sweep`, `compare`).
    ///   - total: units of work (steps, runs).
    ///   - enabled: draw at all (default: when stderr is a terminal).
    init(title: String, total: Int, enabled: Bool = ProgressBar.standardErrorIsTerminal) {
        self.title = title
        self.total = max(0, total)
        self.enabled = enabled
    }

    /// Marks `count` units done and redraws.
    func advance(_ count: Int = 1) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done = min(total, done + count)
        draw(force: true)
    }

    /// Sets the text after the bar (the phase, a MIP's incumbent and gap) and redraws when due.
    func note(_ text: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        detail = text
        draw(force: false)
    }

    /// Erases the bar.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { Output.standardError("\r\u{1B}[2K") }
        drawn = false
    }

    private func draw(force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDraw >= 100_000_000 else { return }
        lastDraw = now
        let line = Self.line(title: title, done: done, total: total, elapsed: Double(now - started) / 1e9,
                             detail: detail, width: Self.terminalWidth())
        Output.standardError("\r\u{1B}[2K" + line)
        drawn = true
    }

    /// The bar's text: `sweep [██████░░░░░░] 8/21 38% 0:07 elapsed, ETA 0:11  step 9: plan`,
    /// cut to `width` columns. The ETA assumes the remaining units cost what the done ones did.
    static func line(title: String, done: Int, total: Int, elapsed: Double, detail: String, width: Int) -> String {
        let cells = 20
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        let eta = done > 0 && done < total ? duration(elapsed / Double(done) * Double(total - done)) : (done >= total ? "0:00" : "–")
        var text = "\(title) [\(bar)] \(done)/\(total) \(Int((fraction * 100).rounded(.down)))% \(duration(elapsed)) elapsed, ETA \(eta)"
        if !detail.isEmpty { text += "  " + detail }
        let limit = max(10, width - 1)
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `m:ss` or `h:mm:ss`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.isFinite ? max(0, seconds.rounded()) : 0)
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    /// Columns of the terminal on stderr (80 when unknown).
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
