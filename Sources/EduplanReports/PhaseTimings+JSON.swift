import EduplanIO
import EduplanPlanner
import Foundation

#if os(Linux)
private let isLinux = true
#else
private let isLinux = false
#endif

extension PhaseTimings {
    /// The timings as JSON for benchmark scripts: each phase (seconds, of which inside GLPK,
    /// concurrent or not), the plan model's size, the wall total, eduplan's own share of it (time
    /// on the calling thread outside GLPK) and the process's peak resident memory.
    public func json(wallSeconds: Double) -> JSONValue {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let own = max(0, seconds - solverSeconds)
        var object: [String: JSONValue] = [
            "phases": .array(phases.map { phase in
                .object(["name": .string(phase.name), "seconds": .number(phase.seconds),
                         "glpk_seconds": .number(phase.solverSeconds), "concurrent": .bool(phase.concurrent)])
            }),
            "wall_seconds": .number(wallSeconds),
            "glpk_seconds": .number(solverSeconds),
            "own_seconds": .number(own),
            "own_share": .number(wallSeconds > 0 ? own / wallSeconds : nil),
            // ru_maxrss is in KiB on Linux, in bytes on macOS.
            "peak_rss_mb": .number(Double(usage.ru_maxrss) / (isLinux ? 1024 : 1024 * 1024)),
        ]
        if let size = modelSize {
            object["model"] = .object(["rows": .number(Double(size.rows)), "columns": .number(Double(size.columns)),
                                       "nonzeros": .number(Double(size.nonzeros)), "integers": .number(Double(size.integers))])
        }
        return .object(object)
    }
}
