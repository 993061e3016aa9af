// Solver-layer benchmarks: the modelling layer (LinearProgramming + GLPKSolver) against direct
// glp_* calls on the same seeded instance, and one mid-size LP solve.
//
// Instances are generated once per process (BenchmarkData.Shared), before any timed region.
// Layer and direct start from the same precomputed triplets (LoadInstance); the "prebuilt
// arrays" direct variant starts from arrays already in GLPK's 1-based form.

import Benchmark
import BenchmarkData
import GLPKSolver
import LinearProgramming

let benchmarks: @Sendable () -> Void = {
    // Wall clock is the metric that matters; CPU time (less sensitive to other processes on a
    // shared 2-core machine), malloc count and peak RSS are for context.
    let loadConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 15
    )

    // About 6 s per solve on this machine: 5 runs, no warm-up.
    let solveConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(60),
        maxIterations: 5
    )

    // 1. The user path through the modelling layer.
    Benchmark("Load 1M nz: layer build Model + GLPKProblem + close", configuration: loadConfiguration) { benchmark in
        let instance = Shared.load
        benchmark.startMeasurement()
        blackHole(try Layer.buildAndLoad(instance))
        benchmark.stopMeasurement()
    }

    // 2. Direct glp_* calls from arrays already in GLPK's form (pure GLPK cost).
    Benchmark("Load 1M nz: direct glp_* from prebuilt GLPK arrays", configuration: loadConfiguration) { benchmark in
        let arrays = Shared.loadArrays
        benchmark.startMeasurement()
        blackHole(Direct.load(arrays))
        benchmark.stopMeasurement()
    }

    // 2b. Direct, including conversion of the same triplets to GLPK's arrays (the fair twin of 1).
    Benchmark("Load 1M nz: direct glp_* incl. triplet conversion", configuration: loadConfiguration) { benchmark in
        let instance = Shared.load
        benchmark.startMeasurement()
        blackHole(Direct.convertAndLoad(instance))
        benchmark.stopMeasurement()
    }

    // Breakdown of 1: the model build alone, and GLPKProblem(model:) alone on a prebuilt model.
    Benchmark("Load 1M nz: layer Model build only", configuration: loadConfiguration) { benchmark in
        let instance = Shared.load
        benchmark.startMeasurement()
        let model = Layer.buildModel(instance)
        benchmark.stopMeasurement()
        blackHole(model.nonzeroCount)
    }

    Benchmark("Load 1M nz: layer GLPKProblem(model:) + close only", configuration: loadConfiguration) { benchmark in
        let model = Layer.buildModel(Shared.load)
        benchmark.startMeasurement()
        blackHole(try Layer.load(model))
        benchmark.stopMeasurement()
    }

    // For context: the raw-array Model initializer instead of per-row addRow, then the same load.
    Benchmark("Load 1M nz: layer bulk Model(rowStart:...) + GLPKProblem + close", configuration: loadConfiguration) { benchmark in
        let instance = Shared.load
        benchmark.startMeasurement()
        blackHole(try Layer.load(Layer.buildModelBulk(instance)))
        benchmark.stopMeasurement()
    }

    // 3. A mid-size LP: 20,000 rows × 50,000 columns, GLPKSolver.solve with the dual simplex.
    Benchmark("Solve 20k x 50k transport LP: GLPKSolver.solve dual simplex", configuration: solveConfiguration) { benchmark in
        let model = Layer.transportModel(Shared.transport)
        var options = GLPKOptions()
        options.method = .dualSimplex
        benchmark.startMeasurement()
        let solution = try GLPKSolver.solve(model, options: options)
        benchmark.stopMeasurement()
        guard solution.status.isOptimal else {
            benchmark.error("transport LP not optimal: \(solution.status.message)")
            return
        }
        blackHole(solution.objectiveValue)
    }
}
