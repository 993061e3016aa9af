import Foundation
import GLPKSolver
import LinearProgramming
import Testing

func instancePath(_ name: String) -> String {
    Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Instances")!
}

/// Netlib and MIPLIB instances read from MPS and solved to their published optima.
@Suite struct InstanceTests {
    static let published: [(String, Double)] = [
        ("afiro.mps", -464.7531429),
        ("adlittle.mps", 225494.9632),
        ("e226.mps", -25.86492907),
        ("flugpl.mps", 1201500),
        ("egout.mps", 568.1007),
        ("lseu.mps", 1120),
        ("bell5.mps", 8966406.492),
    ]

    @Test(arguments: published)
    func reachesPublishedOptimum(name: String, optimum: Double) throws {
        let model = try GLPKSolver.read(instancePath(name), format: .freeMPS)
        let solution = try GLPKSolver.solve(model)
        #expect(solution.status.isOptimal)
        let value = try #require(solution.objectiveValue)
        #expect(abs(value - optimum) <= 1e-6 * max(1, abs(optimum)), "\(name): \(value) vs \(optimum)")
    }

    @Test func glpkExamplePlan() throws {
        let model = try GLPKSolver.read(instancePath("plan.lp"), format: .lp)
        #expect(model.variableCount == 7 && model.constraintCount == 8)
        let solution = try GLPKSolver.solve(model)
        #expect(abs(solution.objectiveValue! - 296.2166065) < 1e-6)
    }

    /// gt2 does not finish in seconds: a 1.5 s limit must give timeLimit, never optimal,
    /// with a gap when an incumbent exists.
    @Test func timeLimitedHardMIPIsNotOptimal() throws {
        let model = try GLPKSolver.read(instancePath("gt2.mps"), format: .freeMPS)
        var options = GLPKOptions()
        options.timeLimit = 1.5
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status.termination == .timeLimit)
        #expect(!solution.status.isOptimal)
        if solution.status.hasFeasiblePoint {
            let gap = try #require(solution.relativeGap)
            #expect(gap > 0)
            // A feasible point of a minimisation is no better than the optimum.
            #expect(solution.objectiveValue! >= 21166 - 1e-6)
        }
    }

    /// A progress handler can stop branch and bound; the status says so.
    @Test func progressCallbackCanStop() throws {
        let model = try GLPKSolver.read(instancePath("bell5.mps"), format: .freeMPS)
        let calls = Counter()
        var options = GLPKOptions()
        options.progress = { _ in
            calls.increment()
            return .stop
        }
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(calls.value >= 1)
        #expect(solution.status.termination == .interrupted)
        #expect(!solution.status.isOptimal)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
