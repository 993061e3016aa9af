// swift-tools-version: 6.1
// Coverage-guided fuzzing of eduplan's readers with libFuzzer (`swift build --sanitize=fuzzer`).
// A separate package so that the main package's build and scripts/test never see sanitizer flags.
// Run: tools/fuzz/run TARGET SECONDS [JOBS]   (see README.md)
import PackageDescription

let package = Package(
    name: "eduplan-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "eduplan", path: "../.."),
    ],
    targets: [
        // The code path of each target; the main package compiles the same folder for its regression test.
        .target(
            name: "FuzzHarness",
            dependencies: [
                .product(name: "EduplanScenario", package: "eduplan"),
                .product(name: "EduplanPlanner", package: "eduplan"),
                .product(name: "EduplanEvaluation", package: "eduplan"),
                .product(name: "EduplanIdentification", package: "eduplan"),
                .product(name: "LinearProgramming", package: "eduplan"),
            ]
        ),
        // libFuzzer's entry point (libFuzzer brings `main`, hence -parse-as-library).
        .executableTarget(
            name: "eduplan-fuzz",
            dependencies: ["FuzzHarness"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
