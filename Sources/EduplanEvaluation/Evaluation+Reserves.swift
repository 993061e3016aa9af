import EduplanIO
import EduplanPlanner

/// Whether a robust plan's reserves covered what happened (docs/model.md, "Robust plans"), per
/// mandatory category and region: the extra money that happened is Σ_{s∈r} max(0, actual_{s,k} −
/// planned_{s,k}) — money disbursed above the plan in a mandatory category, which is paid for
/// students above the registered counts — and it is covered when it is at most the reserve
/// Σ_f v_{f,k,r} of the plan (10⁻⁹ relative slack).
public struct ReserveCoverage: Sendable, Equatable {
    public var category: String
    public var region: String
    /// Σ_f v_{f,k,r} of the plan.
    public var reserve: Double
    /// The extra money that happened.
    public var extra: Double
    public var covered: Bool { extra <= reserve + Evaluation.tolerance * max(1, reserve) }
    /// extra − reserve when positive.
    public var shortBy: Double { max(0, extra - reserve) }

    public init(category: String, region: String, reserve: Double, extra: Double) {
        self.category = category
        self.region = region
        self.reserve = reserve
        self.extra = extra
    }
}

extension Evaluation {
    /// One entry per requirement of the plan's `robust` object (category and region), in its order;
    /// nil for a plan without one, or when no money actuals were given.
    static func reserveCoverage(_ document: PlanFile, _ frame: EvaluationFrame, _ tables: EvaluationTables) -> [ReserveCoverage]? {
        guard let robust = document.robust, tables.hasMoney else { return nil }
        return robust.requirements.map { requirement in
            let reserve = robust.reserves.filter { $0.category == requirement.category && $0.region == requirement.region }
                .reduce(0) { $0 + $1.amount }
            var extra = 0.0
            if let k = frame.categoryIndex[requirement.category], let r = frame.regionIndex[requirement.region] {
                for s in frame.schoolsOfRegion[r] { extra += max(0, tables.actual[s][k] - tables.planned[s][k]) }
            }
            return ReserveCoverage(category: requirement.category, region: requirement.region, reserve: reserve, extra: extra)
        }
    }
}

extension EvaluationReport {
    /// `reserves` in the JSON (only for a robust plan).
    var reservesJSON: JSONValue? {
        reserves.map { list in
            .array(list.map { .object(["category": .string($0.category), "region": .string($0.region), "reserve": .number($0.reserve),
                                       "extra": .number($0.extra), "covered": .bool($0.covered), "short_by": .number($0.shortBy)]) })
        }
    }

    /// The table "Did the reserves cover what happened?" (only for a robust plan).
    func reservesTable(wording w: Wording = .english) -> EvaluationTable? {
        guard let reserves, !reserves.isEmpty else { return nil }
        let c = currency
        return EvaluationTable(
            title: w("robust.evaluate.heading"),
            headers: [w("robust.column.category"), w("robust.column.region"), w("robust.column.reserve", ["currency": c]),
                      w("robust.column.extra", ["currency": c]), w("robust.column.outcome")],
            rows: reserves.map { r in
                [r.category, r.region, Format.grouped(r.reserve), Format.grouped(r.extra),
                 r.covered ? w("robust.evaluate.covered") : w("robust.evaluate.short", ["amount": Format.grouped(r.shortBy), "currency": c])]
            })
    }
}
