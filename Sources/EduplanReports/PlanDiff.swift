import EduplanPlanner
import EduplanScenario
import Foundation

/// Two plans (plan.json files, read as ``PlanFile``) compared line by line at five levels: money
/// spent by fund, money by category, money by region, money by school, teachers dispatched by
/// group. What `eduplan diff A B` prints.
public struct PlanDiff: Sendable {
    /// A level of comparison.
    public enum Level: String, Sendable, CaseIterable {
        case fund, category, region, school, teacherGroup = "teacher_group"

        /// The file `diff --out` writes for the level.
        public var fileName: String {
            switch self {
            case .fund: "funds.csv"
            case .category: "categories.csv"
            case .region: "regions.csv"
            case .school: "schools.csv"
            case .teacherGroup: "teacher_groups.csv"
            }
        }

        /// What the level's numbers are, for sentences.
        var measure: String {
            switch self {
            case .fund: "money spent by fund"
            case .category: "money by category"
            case .region: "money by region"
            case .school: "money by school"
            case .teacherGroup: "teachers dispatched by group"
            }
        }
    }

    /// One id's value in A and in B (0 where a plan lacks the id).
    public struct Line: Sendable, Equatable {
        public var id: String
        public var before: Double
        public var after: Double
        public var change: Double { after - before }
        /// Whether the values differ by more than 1e-9 relative to the larger (not solver noise).
        public var isChange: Bool { abs(change) > 1e-9 * max(1, abs(before), abs(after)) }
    }

    /// The lines of each level, ids in byte order.
    public let levels: [Level: [Line]]
    /// The two documents, A first.
    public let a: PlanFile, b: PlanFile
    /// The currency of A (or B; nil when neither records it).
    public var currency: String? { a.currency ?? b.currency }

    /// Compares two plans; a document without a plan contributes nothing (every value 0).
    /// - Complexity: O(schools + fund flows + dispatch lines) · log of the ids.
    public init(_ a: PlanFile, _ b: PlanFile) {
        self.a = a
        self.b = b
        var levels: [Level: [Line]] = [:]
        for level in Level.allCases {
            let before = Self.values(level, a.plan), after = Self.values(level, b.plan)
            let ids = Set(before.keys).union(after.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            levels[level] = ids.map { Line(id: $0, before: before[$0] ?? 0, after: after[$0] ?? 0) }
        }
        self.levels = levels
    }

    /// A plan's values at one level, by id.
    static func values(_ level: Level, _ plan: Plan?) -> [String: Double] {
        guard let plan else { return [:] }
        var values: [String: Double] = [:]
        switch level {
        case .fund:
            for fund in plan.funds { values[fund.id, default: 0] += fund.spent }
        case .category:
            for fund in plan.funds { for flow in fund.flows { values[flow.category, default: 0] += flow.amount } }
        case .region:
            for fund in plan.funds { for flow in fund.flows { values[flow.region, default: 0] += flow.amount } }
        case .school:
            for school in plan.schools { values[school.id, default: 0] += school.received }
        case .teacherGroup:
            for line in plan.dispatch { values[line.group, default: 0] += line.count }
        }
        return values
    }

    /// How the scenarios the two plans were solved from differ, by their recorded fingerprints (nil:
    /// the same inputs and identity, so the same scenario).
    public var scenarioWarning: String? {
        let left = PlanOrigin(scenario: a.scenario, variant: a.variant, fingerprint: a.scenarioFingerprint,
                              identity: a.scenarioIdentity)
        let right = PlanOrigin(scenario: b.scenario, variant: b.variant, fingerprint: b.scenarioFingerprint,
                               identity: b.scenarioIdentity)
        guard left.fingerprint != nil || right.fingerprint != nil else {
            return "neither plan records its scenario's fingerprint: whether they come from the same scenario is not known"
        }
        guard let leftInputs = left.fingerprint, let leftIdentity = left.identity,
              let rightInputs = right.fingerprint, let rightIdentity = right.identity else {
            return "only one plan records its scenario's fingerprint: whether they come from the same scenario is not known"
        }
        if leftInputs == rightInputs && leftIdentity == rightIdentity { return nil }
        if leftIdentity == rightIdentity {
            return "the plans were solved from the same scenario (same name, regions and schools) with different "
                + "data: A from \(left.described), B from \(right.described)"
        }
        return "the plans were solved from different scenarios (another name, regions or schools): "
            + "A from \(left.described), B from \(right.described)"
    }
}
