import EduplanScenario
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lower bound on the memory a solve will add, computed before the model is built, so that a
/// scenario too large for the machine is refused with a hint instead of aborting half-way
/// (2,000,000 schools under a 4 GB address-space limit died in `Model.addRow`, "failed to allocate").
///
/// The bound counts the model's core only — the x, y and z columns, the balance, budget and
/// supply rows, the rows of the per-school rules F2, F5 and F6, the per-region rows of F8 and F9 —
/// and their nonzeros; every other
/// row and the solver's branch-and-bound tree come on top. Each row, column and nonzero costs at
/// least ``bytesPerEntry`` (the Swift ``Model`` and GLPK's copy with its factorisation together),
/// per model in memory at once (the plan and, when it runs beside it, the price-of-fairness model).
///
/// Calibration (docs/scaling.md): on generated provinces of 5,000 and 20,000 schools, with and
/// without the default fairness rules (`eduplan generate --seed 7 [--fairness none]`), the peak
/// resident memory rose 216–267 bytes per core entry and model above what was in use when the
/// check runs (after loading and deriving). The bound uses 150 bytes, below every measurement, so
/// that it does not refuse a solve that would have fitted; a solve between the bound and the real
/// need is not refused and may still run out of memory.
public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes per row, column and nonzero of one model (Swift's and GLPK's copies together).
    public static let bytesPerEntry = 150.0

    /// Schools in the scenario (for the message and the part size).
    public var schools: Int
    /// Rows, columns and nonzeros of the model's core.
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    /// Models in memory at once.
    public var models: Int

    /// The stack each worker thread reserves (``Workers``' 64 MiB): address space, not resident
    /// memory, so it counts against an address-space limit only. Without it a solve under
    /// `ulimit -v` hung: the price-of-fairness thread could not start and its result never came.
    public static let workerStackBytes = Double(64 << 20)

    /// The bound in bytes of memory.
    public var bytes: Double { Double(models) * Double(rows + columns + nonzeros) * Self.bytesPerEntry }

    /// The bound against `limit`: ``bytes``, plus the worker threads' stacks under an address-space limit.
    public func bytes(against limit: AvailableMemory) -> Double {
        bytes + (limit.countsAddressSpace ? Double(models - 1) * Self.workerStackBytes : 0)
    }

    /// A bound from counts (for tests and for sizes no one would generate to check).
    public init(schools: Int, rows: Int, columns: Int, nonzeros: Int, models: Int = 1) {
        self.schools = schools
        self.rows = rows
        self.columns = columns
        self.nonzeros = nonzeros
        self.models = models
    }

    /// The core of `scenario`'s plan model, with `models` such models in memory at once.
    /// - Complexity: O(schools × categories + candidate pairs + funds × categories × regions).
    public init(_ scenario: Scenario, derived: DerivedQuantities, models: Int = 1) {
        let regionCount = scenario.regions.count
        var x = 0
        var payable = Set<Int>()  // k × regions + r where region r has x columns in category k
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for (s, school) in scenario.schools.enumerated() where derived.need[k][s] > 0 {
                x += 1
                payable.insert(k * regionCount + school.region)
            }
        }
        let pairs = derived.candidates.count
        let hostRegions = Set(derived.candidates.map { scenario.schools[$0.school].region })
        var z = 0
        var zOfRegion = [Int](repeating: 0, count: regionCount)
        for fund in scenario.funds {
            for k in fund.categories {
                let isDispatch = scenario.categories[k].isDispatch
                for r in 0..<regionCount where fund.regions.contains(r, in: scenario.regions) {
                    if isDispatch ? hostRegions.contains(r) : payable.contains(k * regionCount + r) { z += 1; zOfRegion[r] += 1 }
                }
            }
        }
        let groupsWithPairs = Set(derived.candidates.map(\.group)).count
        var rows = payable.count + (scenario.dispatchCategory == nil ? 0 : hostRegions.count) + scenario.funds.count + groupsWithPairs
        var columns = x + pairs + z
        var nonzeros = x + 2 * pairs + 2 * z
        // Rules with a row per school: F2 and F5 sum the school's x, F6 its candidate pairs.
        let schools = scenario.schools.count
        let fairness = scenario.fairness
        if fairness.rule(MaxminCoverageRule.self) != nil { rows += schools; nonzeros += x }
        if fairness.rule(HooverRule.self) != nil { rows += schools; columns += schools; nonzeros += x + schools }
        if fairness.rule(ShortageCapRule.self) != nil { rows += schools; nonzeros += pairs }
        // F8 and F9: at most one row per region, over the region's z columns (and a slack when soft).
        for (regions, soft) in Self.regionFloorRows(scenario) {
            rows += regions.count
            columns += soft ? regions.count : 0
            nonzeros += regions.reduce(0) { $0 + zOfRegion[$1] + (soft ? 1 : 0) }
        }
        self.init(schools: schools, rows: rows, columns: columns, nonzeros: nonzeros, models: models)
    }

    /// The regions F9 and F8 write a row for, and whether the rule is soft. F8 with `reference: base`
    /// counts none: which regions get a row is known only once the base is solved, and the bound
    /// stays a lower bound (at most one row per region is left out).
    static func regionFloorRows(_ scenario: Scenario) -> [(regions: [Int], soft: Bool)] {
        var rows: [(regions: [Int], soft: Bool)] = []
        if let rule = scenario.fairness.rule(PerPupilFloorRule.self) {
            rows.append((rule.regionFloors(scenario).map(\.region), !rule.mode.isHard))
        }
        if let rule = scenario.fairness.rule(HoldHarmlessRule.self), rule.setting.reference != .base {
            rows.append((rule.regionFloors(scenario).map(\.region), !rule.mode.isHard))
        }
        return rows
    }

    /// The core of `scenario`'s plan model as ``Planner/solve(_:options:)`` will hold it: two models
    /// at once when the price of fairness is solved beside the plan, otherwise one.
    public init(_ scenario: Scenario, derived: DerivedQuantities, options: PlannerOptions) {
        let beside = options.priceOfFairness && options.concurrentPriceOfFairness && !scenario.fairness.isEmpty
        self.init(scenario, derived: derived, models: beside ? 2 : 1)
    }

    /// Throws ``MemoryRefusal`` when the bound exceeds one of `limits` (none known: accept).
    public func requireFits(_ limits: [AvailableMemory] = AvailableMemory.current()) throws {
        for limit in limits where bytes(against: limit) > Double(limit.bytes) {
            throw MemoryRefusal(estimate: self, available: limit)
        }
    }
}

/// How much more memory the process may use, and which limit says so.
public struct AvailableMemory: Sendable, Equatable {
    /// Bytes the process may still use under this limit.
    public var bytes: UInt64
    /// The limit in words: `MemAvailable in /proc/meminfo`, `the address-space limit (ulimit -v) of 4.0 GB`.
    public var source: String
    /// Whether the limit counts reserved address space (thread stacks), not only memory in use.
    public var countsAddressSpace: Bool

    /// A limit with `bytes` of room, described by `source`.
    public init(bytes: UInt64, source: String, countsAddressSpace: Bool = false) {
        self.bytes = bytes
        self.source = source
        self.countsAddressSpace = countsAddressSpace
    }

    /// The machine's available memory (/proc/meminfo's MemAvailable) and what the process's
    /// address-space and data limits (RLIMIT_AS, RLIMIT_DATA) leave beyond its current use
    /// (/proc/self/status's VmSize, VmData); empty where none of these can be read (not Linux).
    public static func current() -> [AvailableMemory] {
        var limits: [AvailableMemory] = []
        if let free = kilobytes("MemAvailable", in: "/proc/meminfo") {
            limits.append(AvailableMemory(bytes: free * 1024, source: "MemAvailable in /proc/meminfo"))
        }
        #if canImport(Glibc)
        for (resource, field, words) in [(RLIMIT_AS, "VmSize", "the address-space limit (ulimit -v)"),
                                         (RLIMIT_DATA, "VmData", "the data-segment limit (ulimit -d)")] {
            var limit = rlimit()
            guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,  // RLIM_INFINITY
                  let used = kilobytes(field, in: "/proc/self/status") else { continue }
            let cap = UInt64(limit.rlim_cur)
            limits.append(AvailableMemory(bytes: cap > used * 1024 ? cap - used * 1024 : 0,
                                          source: "\(words) of \(gigabytes(Double(cap)))",
                                          countsAddressSpace: resource == RLIMIT_AS))
        }
        #endif
        return limits
    }

    /// A `Key:   123 kB` line's number from a /proc file.
    static func kilobytes(_ key: String, in path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { UInt64($0) }
        }
        return nil
    }
}

/// A solve refused before building because its model cannot fit in the memory available.
public struct MemoryRefusal: Error, Sendable, CustomStringConvertible {
    /// The bound that did not fit.
    public var estimate: MemoryEstimate
    /// The limit it did not fit under.
    public var available: AvailableMemory

    /// A part size that fits: the scenario's schools scaled to the memory available, halved
    /// because `--schools-per-part` plans two parts at a time, in thousands (at least 1,000).
    public var suggestedSchoolsPerPart: Int {
        let fitting = Double(estimate.schools) * Double(available.bytes) / max(1, estimate.bytes(against: available)) / 2
        return max(1000, Int(min(fitting, 1e9) / 1000) * 1000)
    }

    /// The refusal in words: the bound, the limit, and what to do.
    public var description: String {
        let entries = Format.grouped(Double(estimate.rows + estimate.columns + estimate.nonzeros))
        let models = estimate.models == 1 ? "one model" : "\(estimate.models) models at once, each"
        let needed = estimate.bytes(against: available)
        let stacks = needed > estimate.bytes
            ? ", and the price-of-fairness thread's \(gigabytes(MemoryEstimate.workerStackBytes)) stack" : ""
        // When the models alone would fit, smaller parts do not help: only more room does.
        let remedy = estimate.bytes <= Double(available.bytes) ? "give it more address space (ulimit -v)"
            : "plan it in parts with --schools-per-part \(suggestedSchoolsPerPart) (docs/scaling.md), or give it more memory"
        return "the plan model of \(Format.grouped(Double(estimate.schools))) schools needs at least \(gigabytes(needed)) "
            + "(\(models) with \(entries) rows, columns and nonzeros at \(Int(MemoryEstimate.bytesPerEntry)) bytes each\(stacks)), "
            + "but only \(gigabytes(Double(available.bytes))) is available (\(available.source)); \(remedy)"
    }
}

/// `4.0 GB`, `512 MB`.
private func gigabytes(_ bytes: Double) -> String {
    bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
}
