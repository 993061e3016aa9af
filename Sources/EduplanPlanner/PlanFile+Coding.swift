import Foundation

/// The layout of plan.json: every key written (nil as `null`), keys read leniently (a missing key
/// is nil or empty, `format_version` 1). What a reader requires is checked before decoding
/// (``PlanFile/read(_:file:requiring:)``), with locations, so decoding here only has to be total.
extension PlanFile: Codable {
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case scenario, variant, currency, status, objective, benefit, metrics, totals, diagnosis, moves, plan, claims
        case scenarioFingerprint = "scenario_fingerprint"
        case scenarioIdentity = "scenario_identity"
        case statusDetail = "status_detail"
        case objectiveConstant = "objective_constant"
        case benefitWithoutFairness = "benefit_without_fairness"
        case maxminCoverage = "maxmin_coverage"
        case priceOfFairness = "price_of_fairness"
        case priceOfFairnessRange = "price_of_fairness_range"
        case relativeGap = "relative_gap"
        case degenerateBasis = "degenerate_basis"
        case softViolations = "soft_violations"
        case shadowPrices = "shadow_prices"
        case shadowPriceSentences = "shadow_price_sentences"
        case diagnosisSummary = "diagnosis_summary"
        case topUp = "top_up"
        case robust, years
    }

    /// Every key but `format_version` and `plan`, each with its property: written as it
    /// is (nil as `null`), read as it is (missing as nil).
    private static var fields: [Field] {
        [Field(.scenario, \.scenario), Field(.scenarioFingerprint, \.scenarioFingerprint),
         Field(.scenarioIdentity, \.scenarioIdentity), Field(.variant, \.variant), Field(.currency, \.currency),
         Field(.status, \.status), Field(.statusDetail, \.statusDetail), Field(.objective, \.objective),
         Field(.objectiveConstant, \.objectiveConstant), Field(.benefit, \.benefit),
         Field(.benefitWithoutFairness, \.benefitWithoutFairness), Field(.maxminCoverage, \.maxminCoverage),
         Field(.priceOfFairness, \.priceOfFairness), Field(.relativeGap, \.relativeGap),
         Field(.degenerateBasis, \.degenerateBasis), Field(.softViolations, \.softViolations), Field(.metrics, \.metrics),
         Field(.shadowPrices, \.shadowPrices), Field(.shadowPriceSentences, \.shadowPriceSentences),
         Field(.claims, \.claims), Field(.totals, \.totals), Field(.diagnosis, \.diagnosis),
         Field(.diagnosisSummary, \.diagnosisSummary), Field(.topUp, \.topUp), Field(.moves, \.moves)]
    }

    /// One optional property and its key, with how it is written and read.
    private struct Field {
        let encode: (PlanFile, inout KeyedEncodingContainer<CodingKeys>) throws -> Void
        let decode: (inout PlanFile, KeyedDecodingContainer<CodingKeys>) throws -> Void

        init<Value: Codable>(_ key: CodingKeys, _ property: WritableKeyPath<PlanFile, Value?>) {
            encode = { file, container in try container.encode(file[keyPath: property], forKey: key) }
            decode = { file, container in file[keyPath: property] = try container.decodeIfPresent(Value.self, forKey: key) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        for field in Self.fields { try field.encode(self, &c) }
        if let robust { try c.encode(robust, forKey: .robust) }
        if let priceOfFairnessRange { try c.encode(priceOfFairnessRange, forKey: .priceOfFairnessRange) }
        if includesPlan { try c.encode(plan, forKey: .plan) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decodeIfPresent(Int.self, forKey: .formatVersion) ?? 1
        for field in Self.fields { try field.decode(&self, c) }
        robust = try c.decodeIfPresent(RobustSummary.self, forKey: .robust)
        priceOfFairnessRange = try c.decodeIfPresent(PriceOfFairnessRange.self, forKey: .priceOfFairnessRange)
        plan = try c.decodeIfPresent(Plan.self, forKey: .plan)
        includesPlan = c.contains(.plan)
        years = try c.decodeIfPresent([YearPlanFile].self, forKey: .years)
    }
}

/// A move as plan.json writes it: `school` and `category` for money, `group` and `school` for
/// teachers.
extension Move: Codable {
    enum CodingKeys: String, CodingKey { case year, kind, school, category, group, before, after }

    /// The keys of ``first`` and ``second`` for a move of `kind`.
    private static func keys(_ kind: String) -> (first: CodingKeys, second: CodingKeys) {
        kind == "money" ? (.school, .category) : (.group, .school)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let keys = Self.keys(kind)
        try c.encode(kind, forKey: .kind)
        try c.encode(first, forKey: keys.first)
        try c.encode(second, forKey: keys.second)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encodeIfPresent(year, forKey: .year)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind), keys = Self.keys(kind)
        self.init(kind: kind, first: try c.decode(String.self, forKey: keys.first), second: try c.decode(String.self, forKey: keys.second),
                  before: try c.decode(Double.self, forKey: .before), after: try c.decode(Double.self, forKey: .after),
                  year: try c.decodeIfPresent(Int.self, forKey: .year))
    }
}

// Plans are read leniently: a key that `solve --out` writes but a reader does not require may be
// missing (re-planning needs only ids, money and dispatch lines). Text defaults to "", numbers to 0,
// tables to empty, optional values to nil.

extension SchoolPlan {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        func count(_ key: CodingKeys) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        func money(_ key: CodingKeys) throws -> [String: Double] { try c.decodeIfPresent([String: Double].self, forKey: key) ?? [:] }
        func value(_ key: CodingKeys) throws -> Double? { try c.decodeIfPresent(Double.self, forKey: key) }
        self.init(id: try c.decode(String.self, forKey: .id), name: try text(.name), region: try text(.region), level: try text(.level),
                  pupils: try count(.pupils), priority: try value(.priority) ?? 0, allocated: try money(.allocated),
                  need: try money(.need), received: try value(.received) ?? 0, coverage: try value(.coverage),
                  perPupil: try value(.perPupil), teachersBefore: try count(.teachersBefore),
                  teachersDispatched: try count(.teachersDispatched), teachersAfter: try count(.teachersAfter),
                  studentTeacherRatioBefore: try value(.studentTeacherRatioBefore),
                  studentTeacherRatioAfter: try value(.studentTeacherRatioAfter), shortageBefore: try count(.shortageBefore),
                  shortageLeft: try count(.shortageLeft))
    }
}

extension FundPlan {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), amount: try c.decodeIfPresent(Double.self, forKey: .amount) ?? 0,
                  minimumSpend: try c.decodeIfPresent(Double.self, forKey: .minimumSpend) ?? 0,
                  spent: try c.decodeIfPresent(Double.self, forKey: .spent) ?? 0,
                  flows: try c.decodeIfPresent([FundFlow].self, forKey: .flows) ?? [])
    }
}

extension DispatchLine {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        func value(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? 0 }
        self.init(group: try c.decode(String.self, forKey: .group), subject: try text(.subject),
                  school: try c.decode(String.self, forKey: .school), region: try text(.region),
                  count: try c.decode(Double.self, forKey: .count), distanceKm: try value(.distanceKm),
                  annualCost: try value(.annualCost))
    }
}

extension FundFlow {
    private enum Keys: String, CodingKey { case category, region, amount }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(category: try c.decodeIfPresent(String.self, forKey: .category) ?? "",
                  region: try c.decodeIfPresent(String.self, forKey: .region) ?? "",
                  amount: try c.decodeIfPresent(Double.self, forKey: .amount) ?? 0)
    }
}

extension Plan {
    private enum Keys: String, CodingKey { case schools, funds, dispatch }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(schools: try c.decodeIfPresent([SchoolPlan].self, forKey: .schools) ?? [],
                  funds: try c.decodeIfPresent([FundPlan].self, forKey: .funds) ?? [],
                  dispatch: try c.decodeIfPresent([DispatchLine].self, forKey: .dispatch) ?? [])
    }
}
