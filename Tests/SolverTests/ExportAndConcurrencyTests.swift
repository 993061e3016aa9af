import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A deterministic pseudo-random LP or MIP (a transportation problem with a budget row).
func randomModel(seed: UInt64, integer: Bool) -> Model {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let plants = 3 + Int(next() * 4), markets = 4 + Int(next() * 6)
    var model = Model(name: "random\(seed)")
    var x: [[Variable]] = []
    for i in 0..<plants {
        x.append((0..<markets).map { j in
            model.addVariable(lower: 0, upper: 200, kind: integer ? .integer : .continuous, name: "x[\(i),\(j)]")
        })
    }
    let demand = (0..<markets).map { _ in (10 + next() * 50).rounded() }
    let total = demand.reduce(0, +)
    var objective = LinearExpression()
    for i in 0..<plants { for j in 0..<markets { objective.add(x[i][j], (1 + next() * 9 * 100).rounded() / 100) } }
    model.setObjective(objective, sense: .minimize)
    for i in 0..<plants { model.addConstraint(sum(x[i]) <= (total / Double(plants) * 1.5).rounded(), name: "supply[\(i)]") }
    for j in 0..<markets { model.addConstraint(sum((0..<plants).map { x[$0][j] }) >= demand[j], name: "demand[\(j)]") }
    return model
}

func glpsolObjective(_ arguments: [String]) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("glpsol-\(UUID()).txt").path
    process.arguments = arguments + ["-o", output]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOfFile: output, encoding: .utf8)
    // "Objective:  obj = 153.675 (MINimum)"
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
    let value = line.split(separator: "=")[1].split(separator: "(")[0].trimmingCharacters(in: .whitespaces)
    return try #require(Double(value))
}

@Suite struct ExportAndConcurrencyTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())-\(name)").path
    }

    /// Export, then glpsol (a separate program reading the file) finds the same optimum.
    @Test(arguments: [(1, false), (2, true), (3, true)])
    func exportedModelSolvesToSameOptimumInGlpsol(seed: Int, integer: Bool) throws {
        var model = randomModel(seed: UInt64(seed), integer: integer)
        model.objectiveConstant = 1000.5 // exported files omit it; it is written as a comment
        let ours = try #require(try GLPKSolver.solve(model).objectiveValue)
        let lp = temporaryPath("m.lp"), mps = temporaryPath("m.mps")
        try GLPKSolver.write(model, to: lp, format: .lp)
        try GLPKSolver.write(model, to: mps, format: .freeMPS)
        #expect(try String(contentsOfFile: lp, encoding: .utf8).hasPrefix("\\* objective_constant = 1000.5"))
        let viaLP = try glpsolObjective(["--lp", lp])
        let viaMPS = try glpsolObjective(["--freemps", mps])
        #expect(abs(viaLP + 1000.5 - ours) <= 1e-6 * abs(ours))
        #expect(abs(viaMPS + 1000.5 - ours) <= 1e-6 * abs(ours))
        // And the file read back through our layer.
        let back = try GLPKSolver.read(mps, format: .freeMPS)
        #expect(back.variableCount == model.variableCount)
        #expect(back.isMixedInteger == integer)
        #expect(abs(try GLPKSolver.solve(back).objectiveValue! + 1000.5 - ours) <= 1e-6 * abs(ours))
    }

    /// Dantzig's transportation problem through glpsol: 153.675.
    @Test func dantzigThroughGlpsol() throws {
        var model = Model(name: "transport")
        let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]]
        let x = (0..<2).map { i in (0..<3).map { j in model.addVariable(name: "x_\(i)_\(j)") } }
        var objective = LinearExpression()
        for i in 0..<2 { for j in 0..<3 { objective.add(x[i][j], 90 * distance[i][j] / 1000) } }
        model.setObjective(objective, sense: .minimize)
        for (i, s) in [350.0, 600].enumerated() { model.addConstraint(sum(x[i]) <= s) }
        for (j, d) in [325.0, 300, 275].enumerated() { model.addConstraint(sum([x[0][j], x[1][j]]) >= d) }
        let path = temporaryPath("t.lp")
        try GLPKSolver.write(model, to: path, format: .lp)
        #expect(abs(try glpsolObjective(["--lp", path]) - 153.675) < 1e-9)
    }

    /// A file written through a symbolic link (as `/dev/stdout` is one) leaves the link a link:
    /// the comment with the objective constant goes into the file it points to, with the model.
    @Test func writingThroughASymlinkKeepsTheLink() throws {
        var model = randomModel(seed: 7, integer: false)
        model.objectiveConstant = 42
        let target = temporaryPath("target.lp"), link = temporaryPath("link.lp")
        FileManager.default.createFile(atPath: target, contents: nil)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        defer { for path in [target, link] { try? FileManager.default.removeItem(atPath: path) } }
        try GLPKSolver.write(model, to: link, format: .lp)
        let type = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
        #expect(type == .typeSymbolicLink)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("\\* objective_constant = 42 "))
        #expect(text.contains("Minimize"))
    }

    /// The same 50 models on 4 threads at once give the serial results, bit for bit.
    @Test func parallelSolvesMatchSerial() throws {
        let models = (0..<50).map { randomModel(seed: UInt64(100 + $0), integer: $0 % 2 == 0) }
        let serial = try models.map { try GLPKSolver.solve($0) }
        let results = ParallelResults(count: models.count)
        let threads = 4
        let group = DispatchGroup()
        for t in 0..<threads {
            group.enter()
            let thread = Thread {
                for k in stride(from: t, to: models.count, by: threads) {
                    results.store(k, Result { try GLPKSolver.solve(models[k]) })
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        for k in 0..<models.count {
            let parallel = try results.get(k).get()
            #expect(parallel.status == serial[k].status)
            #expect(parallel.objectiveValue == serial[k].objectiveValue)
            #expect(parallel.values == serial[k].values)
        }
    }

    /// Warm start: change a right-hand side and re-solve from the previous basis.
    @Test func warmStartAfterRightHandSideChange() throws {
        let model = randomModel(seed: 7, integer: false)
        let problem = try GLPKProblem(model: model)
        defer { try? problem.close() }
        let first = try problem.solve()
        #expect(first.status.isOptimal)
        // Raise the first demand by 5 units in the problem and in a fresh copy.
        let demandRow = Constraint(index: model.rowNames.firstIndex(of: "demand[0]")!)
        let oldLower = model.rowLower[demandRow.index]
        let validRange = try problem.rightHandSideRange(demandRow)
        let dual = try #require(first.rowDuals?[demandRow.index])
        try problem.setBounds(demandRow, lower: oldLower + 5, upper: .infinity)
        var options = GLPKOptions()
        options.scaling = false
        let warm = try problem.solve(options: options)
        var fresh = model
        fresh.setBounds(demandRow, lower: oldLower + 5, upper: .infinity)
        let cold = try GLPKSolver.solve(fresh)
        #expect(warm.status.isOptimal)
        #expect(abs(warm.objectiveValue! - cold.objectiveValue!) <= 1e-9 * abs(cold.objectiveValue!))
        // Within the row's ranging interval the dual predicts the change exactly.
        if let validRange, validRange.contains(oldLower + 5) {
            #expect(abs(warm.objectiveValue! - first.objectiveValue! - 5 * dual) <= 1e-6 * abs(cold.objectiveValue!))
        } else {
            // Beyond it the objective changes at least as fast (convexity of the value function).
            #expect(warm.objectiveValue! - first.objectiveValue! >= 5 * dual - 1e-6)
        }
    }

    /// Objective ranging on the hand-solved 2×2 LP: x's cost 2 may move within [1, 3]
    /// (the ratio of the two binding rows' x-coefficients to y's cost 3: 3·(1/3) = 1 and 3·1 = 3).
    @Test func objectiveRangingByHand() throws {
        var model = Model()
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.setObjective(2 * x + 3 * y, sense: .minimize)
        let a = model.addConstraint(x + y >= 4)
        model.addConstraint(x + 3 * y >= 6)
        let problem = try GLPKProblem(model: model)
        defer { try? problem.close() }
        _ = try problem.solve()
        let range = try problem.objectiveRanging(x)
        #expect(abs(range.coefficientLower - 1) < 1e-9)
        #expect(abs(range.coefficientUpper - 3) < 1e-9)
        // a's dual (1.5) holds while its rhs stays in [2, 6]: at 2 the vertex reaches (0, 2), at 6 (6, 0).
        let rhs = try #require(try problem.rightHandSideRange(a))
        #expect(abs(rhs.lowerBound - 2) < 1e-9 && abs(rhs.upperBound - 6) < 1e-9)
    }
}

final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Solution, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func store(_ k: Int, _ result: Result<Solution, Error>) { lock.lock(); results[k] = result; lock.unlock() }
    func get(_ k: Int) -> Result<Solution, Error> { lock.lock(); defer { lock.unlock() }; return results[k]! }
}
