// swift-tools-version: 6.1
// Benchmarks for eduplan's solver layer (LinearProgramming + GLPKSolver) against direct glp_* calls,
// and for the phases of a plan on generated provinces.
// A separate package so that the main package does not depend on ordo-one/benchmark.
// Run: cd Benchmarks && swift package benchmark   (see README.md)
import PackageDescription

let package = Package(
    name: "eduplan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "eduplan", path: ".."),
        // Only the malloc interposer trait: no jemalloc, no Swift-runtime interposer.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // <glpk.h> for direct glp_* calls: the main package's _CGLPK is a target, not a product.
        .systemLibrary(name: "CGLPKBench", path: "Sources/CGLPKBench"),
        // The seeded instances and the two loaders (layer, direct), shared by the benchmarks and the driver.
        .target(
            name: "BenchmarkData",
            dependencies: [
                "CGLPKBench",
                .product(name: "LinearProgramming", package: "eduplan"),
                .product(name: "GLPKSolver", package: "eduplan"),
            ]
        ),
        .executableTarget(
            name: "SolverLayer",
            dependencies: [
                "BenchmarkData",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LinearProgramming", package: "eduplan"),
                .product(name: "GLPKSolver", package: "eduplan"),
            ],
            path: "Benchmarks/SolverLayer",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The phases of a plan (load, derive, build, load into GLPK, solve, plan, metrics), one
        // benchmark each, on generated provinces of 1,000, 5,000 and 15,000 schools.
        .executableTarget(
            name: "Province",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EduplanScenario", package: "eduplan"),
                .product(name: "EduplanPlanner", package: "eduplan"),
                .product(name: "EduplanReports", package: "eduplan"),
                .product(name: "GLPKSolver", package: "eduplan"),
                .product(name: "LinearProgramming", package: "eduplan"),
            ],
            path: "Benchmarks/Province",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain driver for profilers (callgrind, perf): runs one phase a given number of times.
        .executableTarget(
            name: "LoadProfile",
            dependencies: ["BenchmarkData"]
        ),
    ]
)
