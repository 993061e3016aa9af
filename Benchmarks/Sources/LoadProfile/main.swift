// A plain driver for profilers: `LoadProfile PHASE [COUNT]` runs one phase COUNT times
// (default 1) on the shared seeded instance and prints each run's wall time.
// Phases: build, load, layer, bulk, direct, direct-convert, validate, solve, solve-nopresolve, all.
import BenchmarkData
import Foundation
import GLPKSolver
import LinearProgramming

let arguments = CommandLine.arguments
let phase = arguments.count > 1 ? arguments[1] : "all"
let count = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
let clock = ContinuousClock()

func time(_ name: String, _ body: () throws -> Int) rethrows {
    var times: [Double] = []
    var check = 0
    for _ in 0..<count {
        let start = clock.now
        check &+= try body()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    print("\(name): median \(String(format3(median))) ms, runs \(times.map { format3($0) }) (check \(check))")
}

func format3(_ x: Double) -> String { String(Double(Int(x * 10)) / 10) }

func run() throws {
let instance = Shared.load
let needsLoad = ["build", "load", "layer", "bulk", "direct", "direct-convert", "validate", "all"].contains(phase)
if needsLoad {
    print("instance: \(instance.rows) rows, \(instance.columns) columns, \(instance.nonzeros) nonzeros")
}
switch phase {
case "build":
    time("Model build") { Layer.buildModel(instance).nonzeroCount }
case "load":
    let model = Layer.buildModel(instance)
    try time("GLPKProblem(model:) + close") { try Layer.load(model) }
case "validate":
    let model = Layer.buildModel(instance)
    time("Model.validate()") { model.validate().count }
case "bulk":
    try time("layer bulk Model init + load") { try Layer.load(Layer.buildModelBulk(instance)) }
case "layer":
    try time("layer build+load") { try Layer.buildAndLoad(instance) }
case "direct":
    let arrays = Shared.loadArrays
    time("direct load") { Direct.load(arrays) }
case "direct-convert":
    time("direct convert+load") { Direct.convertAndLoad(instance) }
case "solve", "solve-nopresolve":
    let t = Shared.transport
    let model = Layer.transportModel(t)
    print("transport: \(model.constraintCount) rows, \(model.variableCount) columns, \(model.nonzeroCount) nonzeros")
    var options = GLPKOptions()
    options.method = .dualSimplex
    options.presolve = phase == "solve"
    try time("GLPKSolver.solve (dual simplex, presolve \(options.presolve))") {
        let solution = try GLPKSolver.solve(model, options: options)
        print("  status \(solution.status.termination), objective \(solution.objectiveValue ?? .nan)")
        return solution.status.isOptimal ? 1 : 0
    }
case "all":
    let arrays = Shared.loadArrays
    let model = Layer.buildModel(instance)
    time("direct load") { Direct.load(arrays) }
    time("direct convert+load") { Direct.convertAndLoad(instance) }
    time("Model build") { Layer.buildModel(instance).nonzeroCount }
    time("Model.validate()") { model.validate().count }
    try time("GLPKProblem(model:) + close") { try Layer.load(model) }
    try time("layer build+load") { try Layer.buildAndLoad(instance) }
    try time("layer bulk Model init + load") { try Layer.load(Layer.buildModelBulk(instance)) }
default:
    print("unknown phase \(phase)")
}
}

// LOADPROFILE_THREAD=1 runs the phases on a secondary thread, as the benchmark harness does
// (glibc then serves it from a non-main arena, which changes how often pages are faulted in).
if ProcessInfo.processInfo.environment["LOADPROFILE_THREAD"] == "1" {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        do { try run() } catch { print("error: \(error)") }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    done.wait()
} else {
    try run()
}
