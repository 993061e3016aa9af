import EduplanIO
import EduplanScenario
import Foundation

/// The outcome of a solve, in the words of PRODUCT.md's JSON contract.
public enum PlanStatus: String, Sendable, Codable {
    case optimal, feasible, infeasible, unbounded, failed
}

/// One school's part of a plan (MODEL.md §7).
public struct SchoolPlan: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var level: String
    public var pupils: Int
    public var priority: Double
    /// Money by category (non-dispatch), scenario currency.
    public var allocated: [String: Double]
    /// Need by category (non-dispatch).
    public var need: [String: Double]
    /// X_s.
    public var received: Double
    /// C_s / N_s over non-mandatory categories (nil when N_s = 0).
    @NullWhenNil public var coverage: Double?
    /// X_s / n_s (nil when n_s = 0).
    @NullWhenNil public var perPupil: Double?
    public var teachersBefore: Int
    public var teachersDispatched: Int
    public var teachersAfter: Int
    @NullWhenNil public var studentTeacherRatioBefore: Double?
    @NullWhenNil public var studentTeacherRatioAfter: Double?
    public var shortageBefore: Int
    public var shortageLeft: Int

    enum CodingKeys: String, CodingKey {
        case id, name, region, level, pupils, priority, allocated, need, received, coverage
        case perPupil = "per_pupil"
        case teachersBefore = "teachers_before"
        case teachersDispatched = "teachers_dispatched"
        case teachersAfter = "teachers_after"
        case studentTeacherRatioBefore = "student_teacher_ratio_before"
        case studentTeacherRatioAfter = "student_teacher_ratio_after"
        case shortageBefore = "shortage_before"
        case shortageLeft = "shortage_left"
    }
}

/// Money from one fund to one category in one region (z_{f,k,r}).
public struct FundFlow: Sendable, Codable, Equatable {
    public var category: String
    public var region: String
    public var amount: Double
}

/// One fund's use.
public struct FundPlan: Sendable, Codable, Equatable {
    public var id: String
    public var amount: Double
    public var minimumSpend: Double
    public var spent: Double
    public var flows: [FundFlow]

    enum CodingKeys: String, CodingKey {
        case id, amount, spent, flows
        case minimumSpend = "minimum_spend"
    }
}

/// Teachers of one group sent to one school.
public struct DispatchLine: Sendable, Codable, Equatable {
    public var group: String
    public var subject: String
    public var school: String
    public var region: String
    public var count: Double
    public var distanceKm: Double
    public var annualCost: Double

    enum CodingKeys: String, CodingKey {
        case group, subject, school, region, count
        case distanceKm = "distance_km"
        case annualCost = "annual_cost"
    }
}

/// The plan in domain terms.
public struct Plan: Sendable, Codable, Equatable {
    public var schools: [SchoolPlan]
    public var funds: [FundPlan]
    public var dispatch: [DispatchLine]
}

/// One constraint that must give for an infeasible scenario to become feasible.
public struct DiagnosisItem: Sendable, Codable, Equatable {
    public var constraint: String
    public var rule: String
    public var relaxBy: Double
    public var unit: String
    public var money: Double
    public var explanation: String
    /// What the row is about, when it is about one: a category, a school and its region, a fund
    /// (ids; absent otherwise). The summary's sums by category, region and fund read these.
    public var category: String? = nil
    public var school: String? = nil
    public var region: String? = nil
    public var fund: String? = nil

    enum CodingKeys: String, CodingKey {
        case constraint, rule, unit, money, explanation, category, school, region, fund
        case relaxBy = "relax_by"
    }

    /// A line of the diagnosis: the constraint, its rule, how much it gives in its unit and in money,
    /// the sentence, and what it is about.
    public init(constraint: String, rule: String, relaxBy: Double, unit: String, money: Double, explanation: String,
                category: String? = nil, school: String? = nil, region: String? = nil, fund: String? = nil) {
        self.constraint = constraint
        self.rule = rule
        self.relaxBy = relaxBy
        self.unit = unit
        self.money = money
        self.explanation = explanation
        self.category = category
        self.school = school
        self.region = region
        self.fund = fund
    }
}

/// Everything a solve reports (MODEL.md §7).
public struct PlanResult: Sendable {
    public var scenario: String
    public var variant: String?
    public var currency: String
    public var status: PlanStatus
    /// What the status says, in order (how the plan was found, or why there is none).
    public var statusNotes: [PlanStatusNote]
    /// §5 objective, constant and soft penalties included.
    public var objective: Double?
    public var objectiveConstant: Double
    public var benefit: Double?
    public var maxminCoverage: Double?
    public var priceOfFairness: Double?
    /// Benefit without fairness rules (U_util).
    public var benefitWithoutFairness: Double?
    /// A price of fairness known only as a range (a multi-year plan certified by its years,
    /// docs/model.md §23); ``priceOfFairness`` is then nil.
    public var priceOfFairnessRange: PriceOfFairnessRange? = nil
    /// MIP: relative gap on the objective, and on U.
    public var relativeGap: Double?
    /// Each fund's marginal value and claims, in scenario order (empty without a plan).
    public var fundPrices: [FundPrice]
    /// Each built rule's marginal cost and claims, in build order (empty without a plan).
    public var rulePrices: [RulePrice]
    /// Whether the basis behind the shadow prices is degenerate (prices not unique).
    public var degenerate: Bool
    public var allocatedByCategory: [String: Double]
    public var dispatched: Double
    public var shortageLeft: Double
    public var shortageBefore: Double
    public var plan: Plan?
    public var diagnosis: [DiagnosisItem]?
    /// The diagnosis summed by rule, fund, category and region, with the smallest top-up.
    public var diagnosisSummary: DiagnosisSummary? = nil
    /// `solve --top-up`: Δ_f by fund id, the smallest extra money the plan was solved with.
    public var topUp: [String: Double]? = nil
    /// Soft-rule violations at the optimum (rule → amount in its unit).
    public var softViolations: [String: Double]
    /// The unit of each soft rule's violation (rule → the unit of its slack, docs/model.md).
    public var softViolationUnits: [String: SlackUnit] = [:]
    /// Changes against the previous plan (re-planning only).
    public var moves: [Move]?
    /// Reserves, price of robustness and protection of a robust plan (nil without `robust:`).
    public var robust: RobustSummary? = nil
    public var seconds: Double
    /// Where the time went (not part of the plan's output).
    public var timings = PhaseTimings()
    /// Planned in this many parts (``Decomposition``); nil for one solve. Then `relativeGap` is
    /// the certified gap and no shadow price exists.
    public var parts: Int?
    /// Raw row duals of the plan model, for the decomposition's bound (not part of the output).
    var duals: PlanDuals?

    /// The status notes in English, as plan.json's `status_detail` gives them.
    public var statusDetail: String { statusNotes.text(.english) }
}

/// The solver's row duals (d objective / d right-hand side, objective in model units) of the rows the
/// decomposition prices: budgets by fund index, the country-wide rule rows, supply rows by
/// group id (converted to money per teacher).
struct PlanDuals: Sendable {
    var budgets: [Double]
    var rules: [String: Double]
    var supplyPerTeacher: [String: Double]
    /// Per fund index, the budgets (in money) between which the budget row's dual holds
    /// (right-hand-side ranging, the LP with the integers fixed for a MIP); nil when the row is
    /// not active or the solve gave no ranging. Empty when not asked for.
    var budgetRanges: [ClosedRange<Double>?] = []
}

extension Dictionary where Key == String, Value == Double {
    /// The sum of the values in key order: the same bits in every process (dictionary order is
    /// randomised per process, and floating-point addition is not associative).
    public var sumInKeyOrder: Double {
        keys.sorted().reduce(0.0) { $0 + self[$1]! }
    }
}

extension SchoolPlan {
    /// Σ_k N_{s,k} over non-dispatch categories.
    public var totalNeed: Double { need.sumInKeyOrder }
}

extension PlanResult {
    /// A result without a plan (infeasible, unbounded, failed), with its status notes.
    static func empty(_ scenario: Scenario, status: PlanStatus, notes: [PlanStatusNote], started: Date) -> PlanResult {
        PlanResult(scenario: scenario.name, variant: scenario.variantName, currency: scenario.currency, status: status,
                   statusNotes: notes, objective: nil, objectiveConstant: 0, benefit: nil, maxminCoverage: nil,
                   priceOfFairness: nil, benefitWithoutFairness: nil, relativeGap: nil, fundPrices: [],
                   rulePrices: [], degenerate: false, allocatedByCategory: [:], dispatched: 0, shortageLeft: 0,
                   shortageBefore: 0, plan: nil, diagnosis: nil, softViolations: [:], moves: nil,
                   seconds: Date().timeIntervalSince(started))
    }
}
