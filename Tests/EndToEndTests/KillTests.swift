import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Commands killed at random moments: the output is always the old set or the complete new one.
///
/// Each command first runs once uninterrupted (the new set, and how long a run takes), then again
/// and again over the old set, killed at moments spread over that time (a fixed seed: the same
/// moments every run). SIGINT must leave no temporaries, exit 130 and say so; after SIGKILL,
/// temporaries may remain, and the next run must clean them and succeed.
@Suite("Outputs survive kills", .serialized)
struct KillTests {
    /// One command to kill: how to run it for the old and the new output, and what kind it is.
    struct Case {
        var name: String
        var old: [String]
        var new: [String]
        var folder: Bool
    }

    static let momentsPerSignal = 8

    @Test func solveOutIsTheOldOrTheNewSet() throws {
        try withProvince { province, root in
            try check(Case(name: "solve", old: ["solve", province, "--variant", "funds -20%", "--quiet", "--out"],
                           new: ["solve", province, "--quiet", "--out"], folder: true), in: root, seed: 0.11)
        }
    }

    @Test func exportLPIsTheOldOrTheNewFile() throws {
        try withProvince { province, root in
            try check(Case(name: "export", old: ["export", province, "--variant", "funds -20%", "--quiet", "--lp"],
                           new: ["export", province, "--quiet", "--lp"], folder: false), in: root, seed: 0.37)
        }
    }

    /// The old set has by_region.csv (with --scenario), the new one not: it must not linger.
    @Test func identifyOutIsTheOldOrTheNewSet() throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let students = ["identify", "scenarios/jiangxi-2024/students/students.csv",
                        "--config", "scenarios/jiangxi-2024/students/identify.yaml", "--quiet"]
        try check(Case(name: "identify", old: students + ["--scenario", "scenarios/jiangxi-2024", "--out"],
                       new: students + ["--out"], folder: true), in: root, seed: 0.73)
    }

    /// Runs `body` with a generated 400-school province (about 0.2 s a solve in a debug build).
    private func withProvince(_ body: (String, URL) throws -> Void) throws {
        let root = try openScratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let province = root.appendingPathComponent("province").path
        let generated = try eduplan(["generate", "--schools", "400", "--regions", "12", "--seed", "3", "--out", province, "--quiet"])
        try #require(generated.status == 0, "\(generated.stderr)")
        try body(province, root)
    }

    private func check(_ command: Case, in root: URL, seed: Double) throws {
        let out = root.appendingPathComponent(command.folder ? "out" : "model.lp")
        let oldRun = try eduplan(command.old + [out.path])
        try #require(oldRun.status == 0, "\(oldRun.stderr)")
        let old = snapshot(out)
        try FileManager.default.removeItem(at: out)
        let started = Date()
        let newRun = try eduplan(command.new + [out.path])
        let duration = Date().timeIntervalSince(started)
        try #require(newRun.status == 0, "\(newRun.stderr)")
        let new = snapshot(out)
        try #require(old != nil && new != nil && old != new)

        for (signal, seedShift) in [(SIGINT, 0.0), (SIGKILL, 0.5)] {
            for moment in moments(Self.momentsPerSignal, over: duration * 1.1, seed: seed + seedShift) {
                try restore(out, to: old, folder: command.folder)
                let run = try RunningEduplan(command.new + [out.path])
                usleep(useconds_t(moment * 1_000_000))
                run.send(signal)
                let ended = run.wait()
                let state = snapshot(out)
                let label = "\(command.name), signal \(signal) after \(String(format: "%.3f", moment)) s: status \(ended.status), \(ended.stderr)"
                #expect(state == old || state == new, "neither the old nor the new output: \(label)")
                if signal == SIGINT {
                    checkInterrupted(ended, state: state, old: old, new: new, label: label)
                    #expect(leftovers(besides: out).isEmpty, "\(leftovers(besides: out)) left: \(label)")
                } else {
                    let next = try eduplan(command.new + [out.path])
                    #expect(next.status == 0, "the run after a kill failed: \(next.stderr)")
                    #expect(snapshot(out) == new, "the run after a kill wrote something else: \(label)")
                    #expect(leftovers(besides: out).isEmpty, "the run after a kill left \(leftovers(besides: out))")
                }
            }
        }
        // The moments above land wherever the machine's load puts them; this one is certain to
        // land while the output is open (eduplan before this change died of SIGINT without a word).
        try interruptWhileStaging(command, out: out, old: old)
    }

    /// Starts the command, waits until its staging appears beside `out` (the output is open: the
    /// scenario is still being read or solved), sends SIGINT, and checks the old output survived.
    private func interruptWhileStaging(_ command: Case, out: URL, old: [String: Data]?) throws {
        try restore(out, to: old, folder: command.folder)
        let run = try RunningEduplan(command.new + [out.path])
        let deadline = Date().addingTimeInterval(30)
        while leftovers(besides: out).allSatisfy({ !$0.contains("eduplan-tmp") }) && Date() < deadline { usleep(200) }
        run.send(SIGINT)
        let ended = run.wait()
        let label = "\(command.name), SIGINT once the staging existed: status \(ended.status), \(ended.stderr)"
        #expect(ended.status == 130 && ended.stderr.contains("\(out.path) left as it was"), "\(label)")
        #expect(snapshot(out) == old, "\(label)")
        #expect(leftovers(besides: out).isEmpty, "\(leftovers(besides: out)) left: \(label)")
    }

    /// SIGINT ends a run in one of three ways: before the handler was installed (the default
    /// action, nothing written), in the handler (130, the old output kept and said so), or after
    /// the run had finished (0, the new output).
    private func checkInterrupted(_ ended: (status: Int32, killedBy: Bool, stderr: String), state: [String: Data]?,
                                  old: [String: Data]?, new: [String: Data]?, label: String) {
        if ended.killedBy {
            #expect(ended.status == SIGINT && state == old, "\(label)")
        } else if ended.status == 130 {
            #expect(ended.stderr.contains("eduplan: interrupted"), "\(label)")
            if ended.stderr.contains("left as it was") { #expect(state == old, "\(label)") }
        } else {
            #expect(ended.status == 0 && state == new, "\(label)")
        }
    }
}
