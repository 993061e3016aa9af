// swift-tools-version: 6.1
// eduplan — optimal, fair plans for education funds and teacher dispatch, solved with GLPK.
// Licence: GPL-3.0-or-later (GLPK is GPL-3; linking it makes this package GPL).
import PackageDescription

let package = Package(
    name: "eduplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "eduplan", targets: ["eduplan"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
        .library(name: "EduplanScenario", targets: ["EduplanScenario"]),
        .library(name: "EduplanPlanner", targets: ["EduplanPlanner"]),
        .library(name: "EduplanMetrics", targets: ["EduplanMetrics"]),
        .library(name: "EduplanReports", targets: ["EduplanReports"]),
        .library(name: "EduplanIdentification", targets: ["EduplanIdentification"]),
        .library(name: "EduplanEvaluation", targets: ["EduplanEvaluation"]),
        .library(name: "EduplanIO", targets: ["EduplanIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The IO base: problems and their log, the §11 number parser, the CSV and YAML readers
        // with locations, the JSON value, number formats; safe input opening, outputs committed
        // as a set (staging, lock, swap), SIGINT/SIGTERM, text positions, checksums; Excel
        // workbooks read (a bounds-checked ZIP reader over zlib, Foundation's XML parser) and written
        // (ZIPFoundation) as sheets of text cells.
        .target(
            name: "EduplanIO",
            dependencies: [
                "_CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // zlib (Debian's zlib1g-dev) for the workbook reader's bounded inflate.
        .target(
            name: "_CZlib",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // The C shim: GLPK's error hook with setjmp/longjmp (Swift cannot call setjmp),
        // the terminal hook, and the MIP callback. Links Debian's libglpk directly
        // (the package ships no pkg-config file).
        .target(
            name: "_CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        // A pure-Swift modelling layer: variables, sparse expressions, constraints.
        .target(name: "LinearProgramming"),
        // The GLPK backend: solve, duals, ranging, warm start, LP/MPS files.
        .target(
            name: "GLPKSolver",
            dependencies: [
                "_CGLPK", "LinearProgramming",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Domain types, scenario folder I/O, validation, derived quantities, generator.
        .target(
            name: "EduplanScenario",
            dependencies: [
                "EduplanIO",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The MODEL.md formulation, fairness rules, solve pipeline, plan, diagnosis, re-planning,
        // the plan file (PlanFile: plan.json's one layout) and comparisons (their figures by EduplanMetrics).
        .target(
            name: "EduplanPlanner",
            dependencies: [
                "EduplanScenario", "EduplanMetrics", "LinearProgramming", "GLPKSolver",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Equity metrics (MODEL.md §8, §11) as pure functions over arrays: per-pupil dispersion,
        // entropy, percentiles, need and coverage, teachers, fiscal neutrality. Foundation only.
        .target(name: "EduplanMetrics"),
        // Alkire–Foster multidimensional identification (MODEL.md §9), streamed over the student
        // file (its own CSV reader), writing counts into a scenario; synthetic student files.
        .target(
            name: "EduplanIdentification",
            dependencies: [
                "EduplanScenario", "EduplanIO",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Monitoring: a plan file against what was actually disbursed and placed (execution,
        // schools left short, equity planned vs achieved by EduplanMetrics), and its rendering.
        .target(
            name: "EduplanEvaluation",
            dependencies: [
                "EduplanScenario", "EduplanIO", "EduplanPlanner", "EduplanMetrics",
            ]
        ),
        // Plans, comparisons and frontiers for people and machines: text and markdown tables, CSV,
        // JSON (plan.json written through PlanFile), the HTML report with its SVG charts, sweep files.
        .target(
            name: "EduplanReports",
            dependencies: [
                "EduplanScenario", "EduplanIO", "EduplanPlanner", "EduplanMetrics",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The command line, thin: parses arguments, calls the libraries, and writes through one
        // Output helper (results on stdout, the rest on stderr, outcomes as exit statuses).
        .executableTarget(
            name: "eduplan",
            dependencies: [
                "EduplanScenario", "EduplanPlanner", "EduplanReports",
                "EduplanIdentification", "EduplanEvaluation", "EduplanIO", "GLPKSolver", "LinearProgramming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SolverTests",
            dependencies: ["LinearProgramming", "GLPKSolver"],
            resources: [.copy("Instances")]
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["EduplanScenario", "EduplanPlanner"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PlannerTests",
            dependencies: ["EduplanScenario", "EduplanPlanner", "EduplanEvaluation", "GLPKSolver", "LinearProgramming"]
        ),
        .testTarget(
            name: "MetricsTests",
            dependencies: ["EduplanMetrics"],
            exclude: ["reference_values.py"]
        ),
        .testTarget(
            name: "IdentificationTests",
            dependencies: ["EduplanIdentification", "EduplanScenario", "EduplanPlanner"]
        ),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["EduplanEvaluation", "EduplanPlanner", "EduplanScenario", "EduplanMetrics"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["EduplanReports", "EduplanPlanner", "EduplanScenario"]
        ),
        .testTarget(
            name: "IOTests",
            dependencies: ["EduplanIO"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["EduplanIO"]
        ),
        // The fuzz targets' code path (tools/fuzz compiles the same folder with libFuzzer), so that every
        // input the fuzzer found replays in `swift test`.
        .target(
            name: "EduplanFuzzHarness",
            dependencies: ["EduplanScenario", "EduplanPlanner", "EduplanEvaluation", "EduplanIdentification", "LinearProgramming"],
            path: "tools/fuzz/Sources/FuzzHarness"
        ),
        .testTarget(
            name: "FuzzRegressionTests",
            dependencies: ["EduplanFuzzHarness", "EduplanScenario"]
        ),
    ]
)
