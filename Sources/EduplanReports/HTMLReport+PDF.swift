import Foundation

/// Prints a written report page to an A4 PDF with headless Chromium (`report --pdf`).
///
/// The page's print style sheet does the layout (A4 margins, a page break before each section,
/// table headers repeated on each page, collapsed blocks opened); Chromium only renders it. The
/// browser is looked up before any solving, so a missing browser costs nothing and writes nothing.
public enum PDFPrinter {
    /// Why a PDF could not be printed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The names tried on PATH, in order.
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser: `$EDUPLAN_CHROMIUM` when set, else the first of ``browserNames`` on PATH (and
    /// /usr/bin, /usr/local/bin, /snap/bin); a failure saying how to get one otherwise.
    public static func browser(environment: [String: String]) throws -> String {
        if let path = environment["EDUPLAN_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Failure(description: "EDUPLAN_CHROMIUM=\(path): expected an executable Chromium, found none there")
            }
            return path
        }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/snap/bin"]
        for name in browserNames {
            for folder in folders where !folder.isEmpty {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        throw Failure(description: "--pdf: expected headless Chromium (\(browserNames.joined(separator: ", ")) on PATH, or EDUPLAN_CHROMIUM), found none; install it (Debian: apt-get install chromium) or leave out --pdf")
    }

    /// Stops a browser past its time: SIGTERM, then SIGKILL after two seconds (a SIGTERM the process
    /// inherited as ignored, or a browser busy printing, must not keep the command waiting). Foundation
    /// sees the end once the browser's own child processes are gone too (Chromium's end with it).
    static func stop(_ process: Process) {
        process.terminate()
        let grace = Date().addingTimeInterval(2)
        while process.isRunning && Date() < grace { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Prints `page` (a file) to `pdf` with `browser`, killed after `timeout` seconds. Throws when
    /// the browser fails, times out or writes no PDF.
    public static func print(page: URL, to pdf: String, browser: String, timeout: Double = 120) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--disable-extensions", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
                             "--print-to-pdf=\(pdf)", page.absoluteString]
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(description: "--pdf: could not start \(browser): \(error)") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            stop(process)
            throw Failure(description: "--pdf: \(browser) did not finish printing within \(Int(timeout)) s")
        }
        let data = FileManager.default.contents(atPath: pdf) ?? Data()
        guard process.terminationStatus == 0, data.starts(with: Array("%PDF-".utf8)) else {
            let tail = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(600)
            throw Failure(description: "--pdf: \(browser) exited \(process.terminationStatus) without a PDF: \(tail)")
        }
    }
}
