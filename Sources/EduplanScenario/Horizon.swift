import Foundation

/// The years of a multi-year plan (scenario.yaml's `horizon:`, docs/format.md "Multi-year plans"):
/// the years, the discount, each later year's counts (its own school table, or the projection
/// from the year before) and the fairness settings that change from a year on.
public struct Horizon: Sendable, Equatable {
    /// Consecutive increasing years, 1 to 50 of them.
    public var years: [Int]
    /// δ in (0, 1]: year t's objective is weighted δ^(t−1).
    public var discount: Double = 1
    /// A year's own school table (never the first year's: that is `tables.schools`), as read.
    public var schoolTables: [Int: [School]] = [:]
    /// The file each of ``schoolTables`` was read from (for the fingerprint).
    public var schoolTableFiles: [Int: String] = [:]
    /// How a year without its own table follows the year before.
    public var projection = Projection()
    /// From a year on, these rules replace the scenario's rule of the same key.
    public var fairness: [Int: FairnessSettings] = [:]

    public init(years: [Int], discount: Double = 1) {
        self.years = years
        self.discount = discount
    }

    /// The projection of counts (docs/model.md, "Multi-year plans").
    public struct Projection: Sendable, Equatable {
        /// Yearly enrollment growth by level (a level absent: 0).
        public var enrollmentGrowth: [SchoolLevel: Double] = [:]
        /// A region's own rate for a level (growth.csv), by region index and level.
        public var regionGrowth: [RegionLevel: Double] = [:]
        /// The growth.csv file, when given.
        public var regionGrowthFile: String?
        /// The share of last year's poor pupils who leave poverty each year.
        public var poorExit: Double = 0
        /// Newly identified poor pupils each year as a share of the year's enrollment.
        public var poorIntake: Double = 0

        public init() {}

        /// g for a school: its region's rate for its level when listed, else the level's, else 0.
        public func rate(region: Int, level: SchoolLevel) -> Double {
            regionGrowth[RegionLevel(region: region, level: level)] ?? enrollmentGrowth[level] ?? 0
        }
    }

    /// A region and a level: the key of growth.csv.
    public struct RegionLevel: Hashable, Sendable {
        public var region: Int
        public var level: SchoolLevel
        public init(region: Int, level: SchoolLevel) {
            self.region = region
            self.level = level
        }
    }

    /// The fairness settings of year `year`: the scenario's, with every rule of the latest entry at or
    /// before the year (and of the entries before it) replacing the rule of the same key.
    public func fairness(of year: Int, base: FairnessSettings) -> FairnessSettings {
        var settings = base
        for entryYear in fairness.keys.sorted() where entryYear <= year {
            for rule in fairness[entryYear]!.rules { settings.set(rule) }
        }
        return settings
    }
}

extension Horizon {
    /// B_{f,t} for the year at index `t` (0-based): the list's amount, or the amount grown by the
    /// fund's rate and rounded to 0.01 half up (`floor(a·(1+g)^t·100 + 0.5)/100`). Without growth the
    /// amount itself, so that a one-year horizon keeps today's budget to the last bit.
    public static func amount(of fund: FundSource, yearIndex t: Int) -> Double {
        if let amounts = fund.amounts { return t < amounts.count ? amounts[t] : amounts.last ?? fund.amount }
        guard fund.growth != 0 else { return fund.amount }
        return Foundation.floor(fund.amount * Foundation.pow(1 + fund.growth, Double(t)) * 100 + 0.5) / 100
    }

    /// R(v) = floor(v + 0.5).
    private static func rounded(_ value: Double) -> Int { Int(Foundation.floor(value + 0.5)) }

    /// A school's counts one year on (docs/model.md, "Multi-year plans", the projection), evaluated
    /// in the contract's order; teachers and given `required_` cells are kept (an empty one follows
    /// the new enrollment through the staffing formula).
    public func projected(_ school: School) -> School {
        let growth = projection.rate(region: school.region, level: school.level)
        let (exit, intake) = (projection.poorExit, projection.poorIntake)
        var next = school
        let n = Self.rounded(Double(school.enrollment) * (1 + growth))
        let q = school.enrollment > 0 ? Double(n) / Double(school.enrollment) : 0
        next.enrollment = n
        next.boarding = min(n, Self.rounded(Double(school.boarding) * q))
        next.disabled = min(n, Self.rounded(Double(school.disabled) * q))
        next.leftBehind = min(n, Self.rounded(Double(school.leftBehind) * q))
        next.poor = min(n, Self.rounded(Double(school.poor) * q * (1 - exit) + intake * Double(n)))
        next.poorBoarding = min(next.poor, next.boarding,
                                Self.rounded(Double(school.poorBoarding) * q * (1 - exit) + intake * Double(next.boarding)))
        return next
    }

    /// Every year's schools: the first year's are `first`; a later year takes its own table (in the
    /// order of `first`, matched by id) or projects the year before.
    public func schoolsByYear(first: [School]) -> [[School]] {
        var result = [first]
        for year in years.dropFirst() {
            let previous = result[result.count - 1]
            if let table = schoolTables[year] {
                let byID = Dictionary(table.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                result.append(first.map { byID[$0.id] ?? $0 })
            } else {
                result.append(previous.map(projected))
            }
        }
        return result
    }
}

extension Scenario {
    /// Whether the scenario plans several years at once (a horizon of two years or more).
    public var plansSeveralYears: Bool { (horizon?.years.count ?? 1) > 1 }

    /// The one-year scenario of every horizon year, in order (the scenario itself, as a list of one,
    /// without a horizon): the year's counts, budgets B_{f,t}, teacher counts c_{g,t}, the projects
    /// of the year and before (e_p ≤ year), the year's fairness settings; no horizon, no variants.
    public func yearScenarios() -> [Scenario] {
        guard let horizon else { return [self] }
        let schoolsByYear = horizon.schoolsByYear(first: schools)
        return horizon.years.enumerated().map { t, year in
            var scenario = self
            scenario.horizon = nil
            scenario.variants = []
            scenario.year = year
            scenario.schools = schoolsByYear[t]
            for f in scenario.funds.indices { scenario.funds[f].amount = Horizon.amount(of: funds[f], yearIndex: t) }
            for g in scenario.teacherGroups.indices {
                scenario.teacherGroups[g].count = teacherGroups[g].yearCounts[year] ?? teacherGroups[g].count
            }
            for k in scenario.categories.indices {
                guard case let .projects(projects) = categories[k].rule else { continue }
                scenario.categories[k].rule = .projects(projects.filter { ($0.year ?? horizon.years[0]) <= year })
            }
            scenario.fairness = horizon.fairness(of: year, base: fairness)
            return scenario
        }
    }
}
