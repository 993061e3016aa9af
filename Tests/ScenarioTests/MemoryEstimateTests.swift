@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Issue 12, part 9: a scenario too large for the memory available is refused before its model
/// is built, with the estimate and a `--schools-per-part` hint, and never one that fits.
@Suite("Memory estimate")
struct MemoryEstimateTests {
    static func generated(schools: Int, fairness: ScenarioGenerator.FairnessPreset = .default) -> Scenario {
        ScenarioGenerator.generate(.init(schools: schools, regions: max(1, schools / 125), seed: 7, fairness: fairness))
    }

    /// A lower bound must stay below what it bounds, whatever rules are on: counted against the
    /// model the formulation really builds.
    @Test("the bound's rows, columns and nonzeros never exceed the built model's", arguments: [false, true])
    func boundBelowTheModel(perSchoolRules: Bool) throws {
        for fairness in [ScenarioGenerator.FairnessPreset.default, .none] {
            var scenario = Self.generated(schools: 400, fairness: fairness)
            if perSchoolRules {
                scenario.fairness.set(MaxminCoverageRule(mode: .hard, level: nil))
                scenario.fairness.set(ShortageCapRule(setting: .init(mode: .soft(penalty: 10), value: 2)))
                scenario.fairness.set(HooverRule(setting: .init(mode: .hard, value: 0.4)))
            }
            let derived = DerivedQuantities(scenario)
            let bound = MemoryEstimate(scenario, derived: derived)
            // F2 as its preparation phase leaves it: phase 2's rows at a level t* = 0.1.
            let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).map { rule -> any FairnessRule in
                rule is MaxminCoverageRule ? MaxminCoverageRule(mode: .hard, level: 0.1) : rule
            }
            let model = Formulation(scenario: scenario, derived: derived, purpose: .plan, rules: rules).model
            #expect(bound.rows <= model.constraintCount && bound.columns <= model.variableCount && bound.nonzeros <= model.nonzeroCount,
                    "bound \(bound.rows)/\(bound.columns)/\(bound.nonzeros), model \(model.constraintCount)/\(model.variableCount)/\(model.nonzeroCount)")
            // Not a vacuous bound: the core is most of the model.
            #expect(bound.columns * 2 > model.variableCount && bound.nonzeros * 2 > model.nonzeroCount)
        }
    }

    /// F8 (against a table) and F9, hard and soft, add to the bound exactly the rows, slack
    /// columns and nonzeros they add to the built model: one row per region with a floor, over the
    /// region's z columns. F8 with `reference: base` adds nothing (its rows wait for the base).
    @Test("F8's and F9's region rows are counted as built", arguments: [true, false])
    func regionFloorRowsAreCounted(hard: Bool) throws {
        let scenario = Self.generated(schools: 400)
        let mode: RuleMode = hard ? .hard : .soft(penalty: 1)
        let pupils = Double(scenario.schools.reduce(0) { $0 + $1.enrollment })
        let average = scenario.funds.reduce(0) { $0 + $1.amount } / pupils
        var money: [Int: Double] = [:]
        for school in scenario.schools { money[school.region, default: 0] += 0.5 * average * Double(school.enrollment) }
        let rules: [any FairnessRule] = [
            PerPupilFloorRule(setting: .init(mode: mode, floor: [.national: average, .provincial: average / 2])),
            HoldHarmlessRule(setting: .init(mode: mode, maxLoss: 0, reference: .table(file: "t.csv", money: money))),
        ]
        func sizes(_ scenario: Scenario) -> (bound: [Int], model: [Int]) {
            let derived = DerivedQuantities(scenario)
            let bound = MemoryEstimate(scenario, derived: derived)
            let model = Formulation(scenario: scenario, derived: derived).model
            return ([bound.rows, bound.columns, bound.nonzeros], [model.constraintCount, model.variableCount, model.nonzeroCount])
        }
        let without = sizes(scenario)
        for rule in rules {
            var with = scenario
            with.fairness.set(rule)
            let added = sizes(with)
            let boundAdded = zip(added.bound, without.bound).map { $0 - $1 }, modelAdded = zip(added.model, without.model).map { $0 - $1 }
            #expect(boundAdded == modelAdded && boundAdded[0] > 0, "\(rule.key): bound +\(boundAdded), model +\(modelAdded)")
        }
        var base = scenario
        base.fairness.set(HoldHarmlessRule(setting: .init(mode: mode, maxLoss: 0, reference: .base)))
        #expect(sizes(base).bound == without.bound)
    }

    /// 2,000,000 schools: the 20,000-school province's core (365,716 rows, columns and nonzeros
    /// per model, measured with the default rules) scaled by 100, two models at once, is
    /// 73,143,200 entries × 150 bytes ≈ 11 GB: refused under a 4 GB limit, accepted with 64 GB.
    @Test("2,000,000 schools under a 4 GB limit are refused with the estimate and a part size")
    func countryUnderFourGigabytes() throws {
        let country = MemoryEstimate(schools: 2_000_000, rows: 2_887_900, columns: 12_131_900, nonzeros: 21_551_800, models: 2)
        #expect(abs(country.bytes - 73_143_200 * 150) < 1)
        let fourGB = AvailableMemory(bytes: 4_000_000_000, source: "the data-segment limit (ulimit -d) of 4.0 GB")
        let refusal = try #require(throws: MemoryRefusal.self) { try country.requireFits([fourGB]) }
        // 2,000,000 × 4.0 / 10.97 / 2 parts at a time = 364,549 → 364,000.
        #expect(refusal.suggestedSchoolsPerPart == 364_000)
        #expect(refusal.description.contains("needs at least 11.0 GB"), "\(refusal)")
        #expect(refusal.description.contains("only 4.0 GB is available (the data-segment limit (ulimit -d) of 4.0 GB)"), "\(refusal)")
        #expect(refusal.description.contains("--schools-per-part 364000"), "\(refusal)")
        try country.requireFits([AvailableMemory(bytes: 64_000_000_000, source: "MemAvailable in /proc/meminfo")])
        try country.requireFits([])  // nothing known (not Linux): never refuse
    }

    @Test("under an address-space limit the price-of-fairness thread's stack counts too")
    func threadStackUnderAddressSpaceLimit() throws {
        let small = MemoryEstimate(schools: 4, rows: 30, columns: 60, nonzeros: 100, models: 2)  // 57,000 bytes
        let room = AvailableMemory(bytes: 40_000_000, source: "the address-space limit (ulimit -v) of 120 MB", countsAddressSpace: true)
        let refusal = try #require(throws: MemoryRefusal.self) { try small.requireFits([room]) }
        #expect(refusal.description.contains("thread's 67 MB stack") && refusal.description.hasSuffix("give it more address space (ulimit -v)"),
                "\(refusal)")
        // The same room as memory in use (MemAvailable) is plenty: a stack is reserved, not used.
        try small.requireFits([AvailableMemory(bytes: 40_000_000, source: "MemAvailable in /proc/meminfo")])
        try MemoryEstimate(schools: 4, rows: 30, columns: 60, nonzeros: 100, models: 1).requireFits([room])
    }

    @Test("the limits read from the machine are real amounts")
    func currentLimits() throws {
        #if os(Linux)
        let limits = AvailableMemory.current()
        #expect(limits.contains { $0.source == "MemAvailable in /proc/meminfo" && $0.bytes > 0 })
        #endif
    }

    /// The end-to-end case with a real address-space limit: `ulimit -v 120000` (120 MB) leaves a
    /// 10,000-school province about 25 MB after loading; its core bound is 55 MB (plus the
    /// price-of-fairness thread's 64 MiB stack) and it really needs 80–95 MB, so `solve` is refused
    /// (exit 1, with the hint) instead of aborting in GLPK or in Model.addRow, or hanging on a
    /// thread that cannot start. The base fixture under 250 MB is not refused.
    @Test("under ulimit -v, solve refuses a province that cannot fit and solves one that can")
    func refusedUnderAddressSpaceLimit() throws {
        #if os(Linux)
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(Self.generated(schools: 10_000), to: folder.url)
        let refused = try solveUnderLimit(kilobytes: 120_000, folder.url)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("schools needs at least") && refused.stderr.contains("--schools-per-part"), "\(refused.stderr)")
        let small = try solveUnderLimit(kilobytes: 250_000, baseFixture)
        #expect(small.status == 2, "\(small.stderr)")  // the base fixture is infeasible: a verdict, not a refusal
        #expect(!small.stderr.contains("--schools-per-part"), "\(small.stderr)")
        #endif
    }

    /// Runs `eduplan solve DIR --quiet` under `ulimit -v`: exit status and stderr.
    func solveUnderLimit(kilobytes: Int, _ directory: URL) throws -> (status: Int32, stderr: String) {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eduplan")
        let binary = FileManager.default.isExecutableFile(atPath: beside.path) ? beside
            : fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/eduplan")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `timeout`: before the bound, a thread that could not start left solve waiting forever.
        process.arguments = ["-c", "ulimit -v \(kilobytes) && exec timeout 120 \"$0\" solve \"$1\" --quiet > /dev/null",
                             binary.path, directory.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
