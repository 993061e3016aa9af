import EduplanScenario
import Foundation

/// A solve as a document: the PRODUCT.md solve object that `solve --out` writes as plan.json,
/// `solve --format json` prints and `compare` / `sweep --format json` list. Its `Codable`
/// conformance is the file's one layout: written by EduplanReports, read back by re-planning
/// (``PreviousPlan``) and evaluation through ``read(_:file:requiring:)``.
///
/// Every key is written, undefined values as `null` (keys sorted by the writer). Reading is lenient
/// about keys (a missing one is nil, or empty); ``read(_:file:requiring:)`` first checks, with
/// every problem at once, the numbers (``PlanFileCheck``) and the keys its reader requires.
/// `format_version` is 1; a file without it (written before it existed) is read as version 1.
public struct PlanFile: Sendable, Equatable {
    /// The format this eduplan writes and reads.
    public static let formatVersion = 1

    public var formatVersion = PlanFile.formatVersion
    /// The scenario's name, and the variant solved (nil: the base).
    public var scenario: String?
    public var variant: String?
    /// `scenario_fingerprint` and `scenario_identity` (``ScenarioFingerprint``); nil in plans written
    /// before they existed.
    public var scenarioFingerprint: String?
    public var scenarioIdentity: String?
    public var currency: String?
    public var status: PlanStatus?
    public var statusDetail: String?
    public var objective: Double?
    public var objectiveConstant: Double?
    public var benefit: Double?
    public var benefitWithoutFairness: Double?
    public var maxminCoverage: Double?
    public var priceOfFairness: Double?
    /// A price of fairness known only as a range (`price_of_fairness_range`, written only then).
    public var priceOfFairnessRange: PriceOfFairnessRange?
    public var relativeGap: Double?
    public var degenerateBasis: Bool?
    public var softViolations: [String: Double]?
    /// The equity metrics of the plan (MODEL.md §8); nil without a plan.
    public var metrics: Metrics?
    /// d(objective)/d(parameter) by fund and rule; nil unless the status is optimal or feasible.
    public var shadowPrices: Prices<Double>?
    /// The shadow prices in words.
    public var shadowPriceSentences: Prices<String>?
    /// Every statement of the Funds and Fairness-rules sections as a ``Claim`` (nil in plans
    /// written before claims existed).
    public var claims: [Claim]?
    public var totals: Totals?
    /// The elastic diagnosis of an infeasible scenario (MODEL.md §7).
    public var diagnosis: [DiagnosisItem]?
    /// The diagnosis summed by rule, fund, category and region, with the smallest top-ups.
    public var diagnosisSummary: DiagnosisSummary?
    /// `solve --top-up`: Δ_f by fund id (nil otherwise).
    public var topUp: [String: Double]?
    /// What moved against the previous plan (re-planning).
    public var moves: [Move]?
    /// Reserves, price of robustness and protection of a robust plan (the key is written only for one).
    public var robust: RobustSummary?
    /// The plan itself: schools, funds, dispatch (nil for a solve without a plan).
    public var plan: Plan?
    /// A multi-year plan's years, as a re-plan reads them (nil for a one-year plan; written by
    /// EduplanReports' horizon report, not through this type).
    public var years: [YearPlanFile]?

    /// One year of a multi-year plan.json as a rolling re-plan reads it: the year, its plan (money
    /// by school and category) and its new dispatches.
    public struct YearPlanFile: Sendable, Equatable, Decodable {
        public var year: Int
        public var plan: Plan?
        public var newDispatch: [DispatchLine]

        enum CodingKeys: String, CodingKey {
            case year, plan
            case newDispatch = "new_dispatch"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            year = try c.decode(Int.self, forKey: .year)
            plan = try c.decodeIfPresent(Plan.self, forKey: .plan)
            newDispatch = try c.decodeIfPresent([DispatchLine].self, forKey: .newDispatch) ?? []
        }
    }
    /// Whether the document has the `plan` key at all (`compare` and `sweep` leave it out unless
    /// `--with-plan`); a solve without a plan has the key, as `null`.
    public var includesPlan = true

    /// Shadow prices (or their sentences) by fund id and by rule key; a price that is not defined
    /// is nil (`null`).
    public struct Prices<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
        public var funds: [String: Value?]
        public var rules: [String: Value?]

        /// The prices of funds and rules.
        public init(funds: [String: Value?], rules: [String: Value?]) {
            self.funds = funds
            self.rules = rules
        }
    }

    /// What the plan allocates and dispatches in all.
    public struct Totals: Sendable, Equatable, Codable {
        /// Money by category.
        public var allocated: [String: Double]
        public var dispatched: Double
        public var shortageLeft: Double
        public var shortageBefore: Double

        enum CodingKeys: String, CodingKey {
            case allocated, dispatched
            case shortageLeft = "shortage_left"
            case shortageBefore = "shortage_before"
        }
    }

    /// A document built in code, such as a plan a test evaluates.
    public init(scenario: String, variant: String? = nil, currency: String, status: PlanStatus = .optimal, plan: Plan?,
                fingerprint: ScenarioFingerprint? = nil) {
        self.scenario = scenario
        self.variant = variant
        self.currency = currency
        self.status = status
        self.plan = plan
        scenarioFingerprint = fingerprint?.inputs
        scenarioIdentity = fingerprint?.identity
    }

    /// The document of a solve.
    /// - Parameters:
    ///   - metrics: The plan's equity metrics (computed by EduplanMetrics; nil without a plan).
    ///   - fingerprint: The solved scenario's hashes (nil: written as `null`).
    ///   - includesPlan: Whether to carry the plan (`compare` and `sweep` leave it out).
    public init(result: PlanResult, metrics: Metrics?, fingerprint: ScenarioFingerprint?, includesPlan: Bool = true) {
        self.init(scenario: result.scenario, variant: result.variant, currency: result.currency, status: result.status,
                  plan: includesPlan ? result.plan : nil, fingerprint: fingerprint)
        self.includesPlan = includesPlan
        statusDetail = result.statusDetail
        objective = result.objective
        objectiveConstant = result.objectiveConstant
        benefit = result.benefit
        benefitWithoutFairness = result.benefitWithoutFairness
        maxminCoverage = result.maxminCoverage
        priceOfFairness = result.priceOfFairness
        priceOfFairnessRange = result.priceOfFairnessRange
        relativeGap = result.relativeGap
        degenerateBasis = result.degenerate
        softViolations = result.softViolations
        self.metrics = metrics
        if result.status == .optimal || result.status == .feasible {
            shadowPrices = Prices(funds: Dictionary(uniqueKeysWithValues: result.fundPrices.map { ($0.fund, $0.value) }),
                                  rules: Dictionary(uniqueKeysWithValues: result.rulePrices.map { ($0.rule, $0.value) }))
        }
        shadowPriceSentences = Prices(funds: Dictionary(uniqueKeysWithValues: result.fundPrices.map { ($0.fund, $0.sentence) }),
                                      rules: Dictionary(uniqueKeysWithValues: result.rulePrices.map { ($0.rule, $0.sentence) }))
        claims = result.claims
        totals = Totals(allocated: result.allocatedByCategory, dispatched: result.dispatched,
                        shortageLeft: result.shortageLeft, shortageBefore: result.shortageBefore)
        diagnosis = result.diagnosis
        diagnosisSummary = result.diagnosisSummary
        topUp = result.topUp
        moves = result.moves
        robust = result.robust
    }

    /// What the plan records of its scenario.
    public var origin: PlanOrigin {
        PlanOrigin(scenario: scenario, variant: variant, fingerprint: scenarioFingerprint, identity: scenarioIdentity)
    }

    /// The scenario this plan was solved from, given its folder's base `scenario`: the plan's variant
    /// applied (when the plan names one and `scenario` is the base), then checked against the plan's
    /// `scenario_fingerprint`, which must match exactly. A mismatch, an unknown variant or a plan
    /// without a fingerprint is an error, or a warning when `allowForeign` (then the scenario is used
    /// as it is).
    public func scenarioOfPlan(_ scenario: Scenario, file: String, allowForeign: Bool) -> (scenario: Scenario, problems: [ScenarioProblem]) {
        var chosen = scenario
        if let variant, scenario.variantName == nil {
            if let found = scenario.variant(named: variant) {
                chosen = scenario.applying(found)
            } else {
                let known = scenario.variants.map { "\"\($0.name)\"" }.joined(separator: ", ")
                return (scenario, [ScenarioProblem(allowForeign ? .warning : .error, file: file, field: "variant",
                                                   expected: "a variant of the scenario \"\(scenario.name)\" (\(known.isEmpty ? "it has none" : known))",
                                                   found: "\"\(variant)\"",
                                                   hint: allowForeign ? "used the base scenario (--allow-foreign-plan)"
                                                       : "pass the plan's own scenario folder, or --allow-foreign-plan")])
            }
        }
        let problem = origin.problem(with: chosen, fingerprint: ScenarioFingerprint(chosen), file: file, exact: true,
                                     allowed: allowForeign)
        return (chosen, problem.map { [$0] } ?? [])
    }
}

// MARK: - Reading

extension PlanFile {
    /// What a reader needs of a plan file, beyond numbers in range.
    public enum Requirement: Sendable {
        /// Re-planning reads the decisions only: `plan.schools[].id` (text, unique) with their
        /// `allocated` money, and each `plan.dispatch[]` line's `group`, `school` and `count`.
        case replanning
        /// A rolling re-plan reads a multi-year plan's `years[]`: each with a whole `year`, and what
        /// ``replanning`` requires of a plan in its `plan`, and in `new_dispatch` what it requires of
        /// a dispatch line.
        case horizonReplanning
        /// Evaluation reads the plan and its needs: `scenario`, `status` and a `plan` (not null);
        /// each school's `id` (unique), `name`, `region`, `level`, `pupils`, `teachers_before`,
        /// `allocated` and `need`; each fund's `id`, `amount` and `flows` (`category`, `region`,
        /// `amount`); each dispatch line's `group`, `school`, `count` and `annual_cost`.
        case evaluation
        /// `evaluate` reads a multi-year plan's `years[]`: each with a whole `year`, and what
        /// ``evaluation`` requires of a one-year plan, the document's own keys (`scenario`,
        /// fingerprint, identity …) standing for the year's.
        case horizonEvaluation
    }

    /// Reads a plan file: every number is checked first and every key `requirement` names, all
    /// problems at once, each with the file and the JSON key path (``PlanFileCheck``); then the
    /// document is decoded.
    /// - Returns: the document, or nil when any problem is an error; and the problems.
    public static func read(_ data: Data, file: String, requiring requirement: Requirement) -> (file: PlanFile?, problems: [ScenarioProblem]) {
        let (root, problems) = PlanFileCheck.read(data, file: file, requiring: requirement)
        guard root != nil, problems.allSatisfy({ $0.severity != .error }) else { return (nil, problems) }
        do {
            return (try JSONDecoder().decode(PlanFile.self, from: data), problems)
        } catch {
            return (nil, problems + [PlanFileCheck.problem(decoding: error, file: file)])
        }
    }
}
