import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// Invalid models must become Swift errors; GLPK must never take the process down.
/// Every case runs in this one process: reaching the end of the suite is the proof.
@Suite struct RobustnessTests {
    static func base() -> (Model, Variable, Variable) {
        var model = Model(name: "base")
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(x + y, sense: .minimize)
        model.addConstraint(x + y >= 1, name: "cover")
        return (model, x, y)
    }

    static func invalidModel(_ kind: String) -> Model {
        var (model, x, y) = base()
        switch kind {
        case "empty":
            model = Model()
        case "nan-coefficient":
            model.addRow(columns: [x.index, y.index], coefficients: [1, .nan], lower: 0, upper: 1)
        case "infinite-coefficient":
            model.addRow(columns: [x.index], coefficients: [.infinity], lower: 0, upper: 1)
        case "nan-objective":
            model.setObjectiveCoefficient(x, .nan)
        case "inverted-column-bounds":
            model.setBounds(x, lower: 2, upper: 1)
        case "nan-column-bound":
            model.setBounds(y, lower: .nan, upper: 1)
        case "inverted-row-bounds":
            model.addRow(columns: [x.index], coefficients: [1], lower: 5, upper: 4)
        case "infinite-wrong-way":
            model.addRow(columns: [x.index], coefficients: [1], lower: .infinity, upper: .infinity)
        case "duplicate-entry":
            model.addRow(columns: [x.index, x.index], coefficients: [1, 2], lower: 0, upper: 1)
        case "column-out-of-range":
            model.addRow(columns: [7], coefficients: [1], lower: 0, upper: 1)
        case "negative-column":
            model.addRow(columns: [-1], coefficients: [1], lower: 0, upper: 1)
        case "long-name":
            model.setName(x, String(repeating: "n", count: 256))
        case "long-row-name":
            model.addRow(columns: [x.index], coefficients: [1], lower: 0, upper: 1, name: String(repeating: "长", count: 100))
        case "fractional-integer-bounds":
            let z = model.addVariable(lower: 0.5, upper: 3, kind: .integer, name: "z")
            model.addConstraint(z >= 1)
        default:
            fatalError("unknown case \(kind)")
        }
        return model
    }

    static let kinds = ["empty", "nan-coefficient", "infinite-coefficient", "nan-objective", "inverted-column-bounds",
                        "nan-column-bound", "inverted-row-bounds", "infinite-wrong-way", "duplicate-entry",
                        "column-out-of-range", "negative-column", "long-name", "long-row-name",
                        "fractional-integer-bounds"]

    @Test(arguments: kinds)
    func invalidModelIsAnError(kind: String) {
        let model = Self.invalidModel(kind)
        #expect(!model.validate().isEmpty, "validation misses \(kind)")
        do {
            _ = try GLPKSolver.solve(model)
            Issue.record("\(kind) was solved")
        } catch let GLPKError.invalidModel(errors) {
            #expect(!errors.isEmpty)
        } catch {
            Issue.record("\(kind): unexpected error \(error)")
        }
        // The thread's GLPK still works afterwards.
        let (good, _, _) = Self.base()
        #expect((try? GLPKSolver.solve(good))?.objectiveValue == 1)
    }

    @Test func allInvalidKindsInOneProcessThenStillSolves() throws {
        for kind in Self.kinds {
            #expect(throws: GLPKError.self) { try GLPKSolver.solve(Self.invalidModel(kind)) }
        }
        let (good, _, _) = Self.base()
        #expect(try GLPKSolver.solve(good).objectiveValue == 1)
    }

    /// The last resort: a GLPK internal error inside the guard becomes a Swift error,
    /// and GLPK works again afterwards on the same thread.
    @Test func guardTurnsGLPKErrorIntoSwiftError() throws {
        let error = try #require(GLPKSolver._provokeFaultForTesting())
        #expect("\(error)".contains("glp_set_col_bnds"))
        let (good, _, _) = Self.base()
        #expect(try GLPKSolver.solve(good).objectiveValue == 1)
    }

    /// A fault frees every problem of the thread: a problem created before it reports
    /// `released` instead of touching freed memory.
    @Test func problemsCreatedBeforeAFaultAreReleased() throws {
        let (good, x, _) = Self.base()
        let problem = try GLPKProblem(model: good)
        _ = GLPKSolver._provokeFaultForTesting()
        #expect(throws: GLPKError.self) { try problem.solve() }
        #expect(throws: GLPKError.self) { try problem.setBounds(x, lower: 0, upper: 1) }
    }

    @Test func editsAreValidated() throws {
        let (good, x, _) = Self.base()
        let problem = try GLPKProblem(model: good)
        defer { try? problem.close() }
        #expect(throws: GLPKError.self) { try problem.setBounds(Variable(index: 5), lower: 0, upper: 1) }
        #expect(throws: GLPKError.self) { try problem.setBounds(x, lower: 3, upper: 1) }
        #expect(throws: GLPKError.self) { try problem.setBounds(Constraint(index: -1), lower: 0, upper: 1) }
        #expect(throws: GLPKError.self) { try problem.setObjectiveCoefficient(x, .nan) }
        #expect(try problem.solve().objectiveValue == 1)
    }

    @Test func wrongThreadIsAnError() throws {
        let (good, _, _) = Self.base()
        let problem = try GLPKProblem(model: good)
        defer { try? problem.close() }
        let result = ResultBox()
        // Swift 6 already rejects sharing a problem across threads at compile time; this
        // test smuggles it past the compiler to check the run-time guard as well.
        nonisolated(unsafe) let smuggled = problem
        let thread = Thread {
            do { _ = try smuggled.solve(); result.set("solved") } catch { result.set("\(error)") }
        }
        thread.start()
        while !result.isSet { usleep(1000) }
        #expect(result.value.contains("thread"))
    }

    @Test func closeIsIdempotentAndUseAfterCloseFails() throws {
        let (good, _, _) = Self.base()
        let problem = try GLPKProblem(model: good)
        try problem.close()
        try problem.close()
        #expect(throws: GLPKError.self) { try problem.solve() }
    }

    @Test func unreadableFilesAreErrors() throws {
        #expect(throws: GLPKError.self) { try GLPKSolver.read("/nonexistent/model.mps", format: .freeMPS) }
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID()).lp").path
        try "this is not an LP file".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(throws: GLPKError.self) { try GLPKSolver.read(garbage, format: .lp) }
        let (good, _, _) = Self.base()
        #expect(throws: GLPKError.self) { try GLPKSolver.write(good, to: "/nonexistent/dir/x.lp", format: .lp) }
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ value: String) { lock.lock(); stored = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return stored != nil }
    var value: String { lock.lock(); defer { lock.unlock() }; return stored ?? "" }
}
