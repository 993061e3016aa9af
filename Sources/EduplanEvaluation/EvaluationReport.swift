import EduplanMetrics
import EduplanScenario
import Foundation

/// Planned against actual for one thing (a fund, a category, a region, a school, everything).
public struct Execution: Sendable, Equatable, Encodable {
    public var planned: Double
    public var actual: Double
    /// actual / planned; nil when nothing was planned.
    public var rate: Double? { planned > 0 ? actual / planned : nil }

    public init(planned: Double, actual: Double) {
        self.planned = planned
        self.actual = actual
    }

    enum CodingKeys: String, CodingKey { case planned, actual, rate, difference }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(planned, forKey: .planned)
        try c.encode(actual, forKey: .actual)
        try c.encode(rate, forKey: .rate)
        try c.encode(actual - planned, forKey: .difference)
    }
}

/// A fund's execution: its flows as planned, and the actuals attributed to it pro rata.
public struct FundExecution: Sendable, Equatable {
    public var fund: String
    /// The fund's budget B_f.
    public var amount: Double
    /// Over the flows of evaluated categories.
    public var execution: Execution
    /// actual / amount: how much of the budget was used; nil when the amount is 0.
    public var budgetUsed: Double? { amount > 0 ? execution.actual / amount : nil }
}

/// A labelled execution (category or region).
public struct GroupExecution: Sendable, Equatable {
    public var id: String
    /// The region's name, when a scenario gave one.
    public var name: String?
    public var money: Execution?
    public var teachers: Execution?
}

/// One school: planned and actual money (by category and in all) and teachers.
public struct SchoolExecution: Sendable, Equatable {
    public var school: String
    public var name: String
    public var region: String
    /// All money categories together (X_s); nil when money was not evaluated.
    public var money: Execution?
    /// Per money category.
    public var byCategory: [String: Execution]
    /// Teachers dispatched (planned) and placed (actual); nil when teachers were not evaluated.
    public var teachers: Execution?
}

/// A school whose money or teachers fell short of the plan by more than the threshold.
public struct ShortSchool: Sendable, Equatable {
    public enum Kind: String, Sendable, Encodable { case money, teachers }
    public var school: String
    public var name: String
    public var region: String
    public var kind: Kind
    public var planned: Double
    public var actual: Double
    /// planned − actual.
    public var shortfall: Double { planned - actual }
    /// (planned − actual) / planned.
    public var shortfallShare: Double { (planned - actual) / planned }
}

/// Actuals in a category and region that no planned flow covers (nothing to attribute them to).
public struct UnattributedMoney: Sendable, Equatable {
    public var category: String
    public var region: String
    public var amount: Double

    public init(category: String, region: String, amount: Double) {
        self.category = category
        self.region = region
        self.amount = amount
    }
}

/// Coverage Σ x / Σ N of a group, planned and achieved (computed by EduplanMetrics).
public struct CoverageComparison: Sendable, Equatable {
    public var id: String
    /// The plan's money against the need, and the actual money against the same need.
    public var plan: Coverage
    public var actual: Coverage
    public var need: Double { plan.need }
    public var planned: Double { plan.allocated }
    public var achieved: Double { actual.allocated }
    public var plannedCoverage: Double? { plan.ratio }
    public var achievedCoverage: Double? { actual.ratio }
}

/// Poor students fully covered (MODEL.md §11), planned and achieved.
public struct PoorCoverageComparison: Sendable, Equatable {
    /// The categories whose full funding counts (mandatory per-student categories counted on poor or
    /// poor_boarding for the MODEL.md indicator).
    public var categories: [String]
    public var planned: CountShare
    public var achieved: CountShare
}

/// The metrics of the plan and of what was achieved, by key (the keys of `solve`'s JSON `metrics`).
public struct MetricsComparison: Sendable, Equatable {
    public var keys: [String]
    public var planned: [String: Double?]
    public var achieved: [String: Double?]
}

/// Everything `evaluate` reports: execution rates, schools left short, and coverage and equity planned
/// versus achieved.
public struct EvaluationReport: Sendable {
    public var scenario: String
    public var variant: String?
    public var currency: String
    public var threshold: Double
    /// Which actuals were given: a kind without actuals is not evaluated (its fields are null).
    public var moneyEvaluated: Bool
    public var teachersEvaluated: Bool
    /// Money categories (all non-dispatch categories of the plan), in order.
    public var categories: [String]
    /// Total money (all money categories) and total teachers.
    public var totalMoney: Execution?
    public var totalTeachers: Execution?
    public var byFund: [FundExecution]
    public var byCategory: [GroupExecution]
    public var byRegion: [GroupExecution]
    public var unattributed: [UnattributedMoney]
    public var schools: [SchoolExecution]
    public var shortSchools: [ShortSchool]
    public var coverageByCategory: [CoverageComparison]
    public var coverageByRegion: [CoverageComparison]
    public var metrics: MetricsComparison
    /// MODEL.md §11's indicator; nil without a scenario.
    public var poorFullyCovered: PoorCoverageComparison?
    /// The same over every per-student category counted on poor or poor_boarding, mandatory or not;
    /// nil without a scenario or without such categories.
    public var poorFullyCoveredAllPoorCategories: PoorCoverageComparison?
    /// Sentences for the reader: what was not evaluated and why.
    public var notes: [String]
    /// Problems that did not stop the evaluation (a foreign plan allowed by `--allow-foreign-plan`);
    /// also in `notes`.
    public var warnings: [ScenarioProblem] = []
    /// A robust plan's reserves against the extra money that happened (nil: not a robust plan).
    public var reserves: [ReserveCoverage]? = nil
}
