// Seeded, deterministic instances for the solver-layer benchmarks.
//
// Every benchmark (layer and direct) reads the same instance, generated once before any
// timed region: the generator's cost is never measured.

/// SplitMix64: small, fast, and the same sequence on every platform.
public struct SplitMix64: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0 ..< bound (bound > 0; the modulo bias is irrelevant here).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * Double(next() >> 11) * 0x1.0p-53
    }
}

/// A sparse LP in the row-major triplet form a user typically holds before building a model:
/// CSR rows with 0-based column indices, bounds with ±∞ for a missing side, an objective.
public struct LoadInstance: Sendable {
    public let rows: Int
    public let columns: Int
    /// Row i's entries are rowStart[i] ..< rowStart[i + 1].
    public let rowStart: [Int]
    public let entryColumn: [Int]
    public let entryValue: [Double]
    public let rowLower: [Double]
    public let rowUpper: [Double]
    public let columnLower: [Double]
    public let columnUpper: [Double]
    public let objective: [Double]

    public var nonzeros: Int { entryValue.count }

    /// `rows` rows of `perRow` distinct random columns each among `columns` columns, random
    /// coefficients in [-10, 10] (never 0), a mix of ≤, ≥, ranged and equality rows, columns in
    /// [0, u] or [0, ∞). The default is 20,000 × 100,000 with 1,000,000 nonzeros.
    public static func generate(
        rows: Int = 20_000, columns: Int = 100_000, perRow: Int = 50, seed: UInt64 = 0x6564_7570_6C61_6E01
    ) -> LoadInstance {
        precondition(perRow <= columns)
        var rng = SplitMix64(seed: seed)
        var rowStart = [Int](), entryColumn = [Int](), entryValue = [Double]()
        rowStart.reserveCapacity(rows + 1)
        entryColumn.reserveCapacity(rows * perRow)
        entryValue.reserveCapacity(rows * perRow)
        var rowLower = [Double](), rowUpper = [Double]()
        rowStart.append(0)
        var lastSeen = [Int32](repeating: -1, count: columns)
        for i in 0..<rows {
            var k = 0
            while k < perRow {
                let column = rng.below(columns)
                if lastSeen[column] == Int32(i) { continue }
                lastSeen[column] = Int32(i)
                entryColumn.append(column)
                var value = rng.uniform(-10, 10)
                if value == 0 { value = 1 }
                entryValue.append(value)
                k += 1
            }
            rowStart.append(entryColumn.count)
            let a = rng.uniform(-100, 100), width = rng.uniform(1, 100)
            switch i % 4 {
            case 0: rowLower.append(-.infinity); rowUpper.append(a)
            case 1: rowLower.append(a); rowUpper.append(.infinity)
            case 2: rowLower.append(a); rowUpper.append(a + width)
            default: rowLower.append(a); rowUpper.append(a)
            }
        }
        var columnLower = [Double](), columnUpper = [Double](), objective = [Double]()
        for j in 0..<columns {
            columnLower.append(0)
            columnUpper.append(j % 5 == 0 ? .infinity : rng.uniform(1, 100))
            objective.append(rng.uniform(-5, 5))
        }
        return LoadInstance(rows: rows, columns: columns, rowStart: rowStart, entryColumn: entryColumn,
                            entryValue: entryValue, rowLower: rowLower, rowUpper: rowUpper,
                            columnLower: columnLower, columnUpper: columnUpper, objective: objective)
    }
}

/// A feasible transportation problem with a budget row, for the solve benchmark:
/// `suppliers` supply rows (Σ_d x_sd ≤ supply_s), `customers` demand rows (Σ_s x_sd ≥ demand_d),
/// one budget row (Σ w·x ≤ B), one column per arc. A planted assignment (each customer served
/// by one supplier) is feasible by construction; the rest of the arcs are random.
/// Default: 8,000 + 11,999 + 1 = 20,000 rows, 50,000 columns, 150,000 nonzeros.
public struct TransportInstance: Sendable {
    public let suppliers: Int
    public let customers: Int
    public let arcSupplier: [Int]
    public let arcCustomer: [Int]
    public let arcCost: [Double]
    public let arcWeight: [Double]
    public let supply: [Double]
    public let demand: [Double]
    public let budget: Double

    public var rows: Int { suppliers + customers + 1 }
    public var columns: Int { arcSupplier.count }

    public static func generate(
        suppliers: Int = 8_000, customers: Int = 11_999, arcs: Int = 50_000, seed: UInt64 = 0x6564_7570_6C61_6E02
    ) -> TransportInstance {
        precondition(arcs >= customers && arcs <= suppliers * customers)
        var rng = SplitMix64(seed: seed)
        var arcSupplier = [Int](), arcCustomer = [Int](), cost = [Double](), weight = [Double]()
        var used = Set<Int>()
        var supply = [Double](repeating: 0, count: suppliers)
        var demand = [Double](repeating: 0, count: customers)
        var plantedWeight = 0.0
        func addArc(_ s: Int, _ d: Int) {
            arcSupplier.append(s)
            arcCustomer.append(d)
            cost.append(rng.uniform(1, 100))
            weight.append(rng.uniform(0.5, 2))
        }
        for d in 0..<customers {
            let s = rng.below(suppliers)
            demand[d] = Double(1 + rng.below(100))
            supply[s] += demand[d]
            used.insert(s * customers + d)
            addArc(s, d)
            plantedWeight += weight[weight.count - 1] * demand[d]
        }
        for s in 0..<suppliers { supply[s] += Double(rng.below(50)) }
        while arcSupplier.count < arcs {
            let s = rng.below(suppliers), d = rng.below(customers)
            guard used.insert(s * customers + d).inserted else { continue }
            addArc(s, d)
        }
        return TransportInstance(suppliers: suppliers, customers: customers, arcSupplier: arcSupplier,
                                 arcCustomer: arcCustomer, arcCost: cost, arcWeight: weight,
                                 supply: supply, demand: demand, budget: plantedWeight)
    }
}
