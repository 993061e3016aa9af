import EduplanIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Inputs never destroyed or escaped, outputs locked, failures said in one line (issue 12).
@Suite("Inputs and outputs are safe", .serialized)
struct OutputSafetyTests {
    /// A copy of an example scenario in a scratch folder.
    static func scenarioCopy(_ example: String, in root: URL) throws -> URL {
        let copy = root.appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("scenarios/examples/\(example)"), to: copy)
        return copy
    }

    /// While one solve writes a folder, a second one into it is refused with the first one's pid;
    /// SIGTERM then ends the first (143), which leaves the folder as it was.
    @Test func aSecondSolveIntoTheSameFolderIsRefused() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("plan")
        let first = try RunningEduplan(["solve", "scenarios/jiangxi-2024", "--quiet", "--out", out.path])  // ~10 s in debug
        let lock = root.appendingPathComponent(".plan.eduplan-lock")
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOf: lock, encoding: .utf8)) != "\(first.pid)\n", Date() < deadline { usleep(20_000) }
        let second = try eduplan(["solve", "scenarios/examples/05_teacher_dispatch", "--out", out.path])
        first.send(SIGTERM)
        let ended = first.wait()
        #expect(second.status == 1)
        #expect(second.stderr.contains("\(out.path) is being written by another eduplan (pid \(first.pid))"), "\(second.stderr)")
        #expect(second.stdout.isEmpty)
        #expect(ended.status == 143 && !ended.killedBy, "\(ended.stderr)")
        #expect(ended.stderr.contains("eduplan: interrupted; \(out.path) left as it was"), "\(ended.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(leftovers(besides: out).isEmpty)
    }

    /// `solve DIR --out DIR` would overwrite the scenario's own schools.csv; `identify X/s.csv
    /// --out X` its input. Both are refused, naming both paths, and the inputs stay as they were.
    @Test func inputsAreNeverOverwritten() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = try Self.scenarioCopy("05_teacher_dispatch", in: root)
        let before = snapshot(scenario)
        let same = try eduplan(["solve", scenario.path, "--out", scenario.path])
        #expect(same.status == 1 && same.stdout.isEmpty)
        #expect(same.stderr.contains("cannot write \(scenario.path): it is the input folder \(scenario.path)"), "\(same.stderr)")
        let inside = try eduplan(["export", scenario.path, "--lp", scenario.path + "/model.lp"])
        #expect(inside.status == 1 && inside.stderr.contains("it is inside the input folder \(scenario.path)"), "\(inside.stderr)")
        #expect(snapshot(scenario) == before)

        let students = root.appendingPathComponent("students")
        try FileManager.default.createDirectory(at: students, withIntermediateDirectories: true)
        for name in ["students.csv", "identify.yaml"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("scenarios/jiangxi-2024/students/\(name)"),
                                             to: students.appendingPathComponent(name))
        }
        let studentsBefore = snapshot(students)
        let identify = try eduplan(["identify", students.path + "/students.csv", "--config", students.path + "/identify.yaml",
                                    "--out", students.path])
        #expect(identify.status == 1 && identify.stdout.isEmpty)
        #expect(identify.stderr.contains("it is the input folder \(students.path)"), "\(identify.stderr)")
        #expect(snapshot(students) == studentsBefore)
    }

    /// A table path leading outside the folder, written out or through a link, is refused at its
    /// `tables:` entry (line 12, column 19) and the file is never read: its content is not shown.
    @Test func tablePathsCannotLeaveTheScenarioFolder() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = try Self.scenarioCopy("01_priority_weights", in: root)
        try Data("id,name,TOP-SECRET-LINE\n".utf8).write(to: root.appendingPathComponent("secret.txt"))
        let settings = scenario.appendingPathComponent("scenario.yaml")
        let yaml = try String(contentsOf: settings, encoding: .utf8)
        let line = "tables: {regions: regions.csv, schools: schools.csv}"
        try #require(yaml.components(separatedBy: "\n")[11] == line)
        // An absolute path is refused as such (it used to read "no such file": the folder was prefixed).
        let absolute = root.appendingPathComponent("secret.txt").path
        for (table, link) in [("../secret.txt", false), ("../../../../../../../../etc/shadow", false), (absolute, false),
                              ("regions.csv", true)] {
            if link {
                try FileManager.default.removeItem(at: scenario.appendingPathComponent("regions.csv"))
                try FileManager.default.createSymbolicLink(atPath: scenario.appendingPathComponent("regions.csv").path,
                                                           withDestinationPath: "../secret.txt")
            }
            try yaml.replacingOccurrences(of: line, with: "tables: {regions: \(table), schools: schools.csv}")
                .write(to: settings, atomically: true, encoding: .utf8)
            let run = try eduplan(["validate", scenario.path])
            #expect(run.status == 1)
            let why = table.hasPrefix("/") ? "an absolute path" : "which leads outside it"
            #expect(run.stdout.contains("scenario.yaml:12:19: expected a path relative to the scenario folder, to a file inside it, found `\(table)`, \(why)"),
                    "\(table): \(run.stdout)")
            #expect(!(run.stdout + run.stderr).contains("TOP-SECRET") && !(run.stdout + run.stderr).contains("root:"))
        }
    }

    /// A FIFO is refused at once by every reader (identify used to hang for ever waiting for a
    /// writer; so did solve --previous, evaluate, report --sweep and sweep merge).
    @Test(.timeLimit(.minutes(2))) func everyReaderRefusesAFIFOPromptly() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("input.csv").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let example = "scenarios/examples/01_priority_weights"
        let commands: [([String], String)] = [
            (["identify", fifo, "--config", "scenarios/jiangxi-2024/students/identify.yaml"], "\(fifo): expected a readable student file (CSV), found "),
            (["identify", "scenarios/jiangxi-2024/students/students.csv", "--config", fifo], "\(fifo): expected a readable identification file (YAML), found "),
            (["solve", example, "--previous", fifo], "eduplan: \(fifo): expected a readable plan.json, found "),
            (["evaluate", fifo, "--actuals", fifo], "\(fifo): expected a plan written by `eduplan solve --out` (plan.json), found no readable file ("),
            (["report", example, "--sweep", fifo, "--out", root.appendingPathComponent("r.html").path], "eduplan: \(fifo): expected a readable sweep CSV file, found "),
            (["sweep", "merge", fifo], "eduplan: \(fifo): expected a readable partial CSV, found "),
        ]
        for (arguments, message) in commands {
            let run = try RunningEduplan(arguments)
            let deadline = Date().addingTimeInterval(15)
            while run.process.isRunning, Date() < deadline { usleep(20_000) }
            if run.process.isRunning { run.send(SIGKILL) }
            let ended = run.wait()
            #expect(ended.status == 1 && !ended.killedBy, "\(arguments[0]) did not return on a FIFO")
            #expect(ended.stderr.contains(message + "not a regular file (a FIFO)"), "\(arguments): \(ended.stderr)")
        }
    }

    /// `--timings` inside `--out` would be swept away by the folder swap: refused before solving.
    @Test func timingsMayNotLieInsideTheOutputFolder() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("plan").path
        let run = try eduplan(["solve", "scenarios/examples/01_priority_weights", "--out", out, "--timings", out + "/t.json"])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr == "eduplan: cannot write \(out)/t.json: it is inside the plan folder \(out), which is replaced as a whole; write it beside\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Output failures are one line, exit 1, nothing on stdout: a device, a folder without write
    /// permission, a folder on the path without search (x) permission.
    @Test func outputFailuresAreOneLine() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let device = try eduplan(["export", "scenarios/examples/01_priority_weights", "--lp", "/dev/zero"])
        #expect(device.status == 1 && device.stderr == "eduplan: cannot write /dev/zero: not a regular file (a character device)\n")

        let prefix = try #require(unprivileged(), "cannot drop root here")
        let locked = root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        let out = locked.appendingPathComponent("plan").path
        let denied = try RunningEduplan(["solve", "scenarios/examples/01_priority_weights", "--out", out], prefix: prefix).wait()
        #expect(denied.status == 1 && denied.stderr == "eduplan: cannot write \(out): permission denied\n", "\(denied.stderr)")

        let closed = root.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o666])
        let behind = closed.appendingPathComponent("plan").path
        let entered = try RunningEduplan(["solve", "scenarios/examples/01_priority_weights", "--out", behind], prefix: prefix).wait()
        #expect(entered.status == 1)
        #expect(entered.stderr == "eduplan: cannot write \(behind): a folder on the path cannot be entered (no x permission): \(closed.path)\n",
                "\(entered.stderr)")
    }

    /// Reading fails in the same words: a table without read permission, a scenario folder
    /// inside a folder without search (x) permission (it used to be "no folder").
    @Test func inputFailuresSayWhy() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = try #require(unprivileged(), "cannot drop root here")
        let scenario = try Self.scenarioCopy("01_priority_weights", in: root)
        chmod(scenario.appendingPathComponent("schools.csv").path, 0o000)
        let denied = try RunningEduplan(["solve", scenario.path], prefix: prefix).wait()
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("schools.csv: expected a readable file, found permission denied"), "\(denied.stderr)")

        chmod(scenario.appendingPathComponent("schools.csv").path, 0o644)
        chmod(root.path, 0o666)
        defer { chmod(root.path, 0o755) }
        let closed = try RunningEduplan(["solve", scenario.path], prefix: prefix).wait()
        #expect(closed.status == 1)
        #expect(closed.stderr.contains("\(scenario.path): a folder on the path cannot be entered (no x permission): \(root.path)"), "\(closed.stderr)")
    }
}
