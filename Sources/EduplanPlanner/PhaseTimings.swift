import Foundation

/// Where a solve's time went, phase by phase, for benchmarks and `solve --timings`.
///
/// `solverSeconds` is the part of a phase spent inside GLPK's solvers; the rest of the wall
/// time is eduplan's own (reading, deriving, building, loading the model into GLPK, reading the
/// solution back). Never part of a plan's JSON: timings differ run to run, plans must not.
public struct PhaseTimings: Sendable {
    public struct Phase: Sendable {
        public var name: String
        public var seconds: Double
        public var solverSeconds: Double
        /// Ran on another thread, overlapping the phases of the calling thread.
        public var concurrent: Bool
    }

    public private(set) var phases: [Phase] = []
    /// Size of the plan model (rows, columns, nonzeros, integer columns).
    public var modelSize: (rows: Int, columns: Int, nonzeros: Int, integers: Int)?

    public init() {}

    /// Runs `body` and records its wall time as `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let started = DispatchTime.now()
        let value = try body()
        record(name, seconds: Self.seconds(since: started))
        return value
    }

    public mutating func record(_ name: String, seconds: Double, solverSeconds: Double = 0, concurrent: Bool = false) {
        phases.append(Phase(name: name, seconds: seconds, solverSeconds: solverSeconds, concurrent: concurrent))
    }

    /// Adds GLPK time to the most recent phase called `name`.
    public mutating func addSolverSeconds(_ seconds: Double, to name: String) {
        guard let i = phases.lastIndex(where: { $0.name == name }) else { return }
        phases[i].solverSeconds += seconds
    }

    /// Wall time of the calling thread's phases, and the part of it inside GLPK.
    public var seconds: Double { phases.filter { !$0.concurrent }.reduce(0) { $0 + $1.seconds } }
    public var solverSeconds: Double { phases.filter { !$0.concurrent }.reduce(0) { $0 + $1.solverSeconds } }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Seconds added up across calls (a class, so that a value type's methods and several solves can add to it): the solver time of phases made of many small solves.
final class SecondsTally: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0.0
    func add(_ seconds: Double) { lock.withLock { total += seconds } }
    var seconds: Double { lock.withLock { total } }

    /// The seconds added since the last call, and a fresh count.
    func take() -> Double {
        lock.withLock {
            defer { total = 0 }
            return total
        }
    }
}
