import Foundation

/// The school levels of MODEL.md §1.
public enum SchoolLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case preschool, primary, junior, senior, vocational, special

    public static func < (lhs: SchoolLevel, rhs: SchoolLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A region's designation: the id of an entry of the scenario's designation list
/// (``Scenario/designations``; by default `none`, `provincial`, `national`). Ids are text, so a
/// scenario may declare its own (`key_assist`); the weights live in the list, not here.
public struct Designation: RawRepresentable, Hashable, Comparable, Sendable, Codable {
    /// The designation's id as written in regions.csv and in rule settings.
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Not designated (poverty weight 0 in the default list).
    public static let none = Designation(rawValue: "none")
    /// A provincial poverty county (0.5 in the default list).
    public static let provincial = Designation(rawValue: "provincial")
    /// A national poverty county (1 in the default list).
    public static let national = Designation(rawValue: "national")

    /// Ids compare as text.
    public static func < (lhs: Designation, rhs: Designation) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One entry of a scenario's designation list: its id, the `poverty_county` attribute of the
/// priority rule for its regions, and optional display names.
public struct DesignationDefinition: Sendable, Equatable {
    public var id: Designation
    /// The priority rule's `poverty_county` attribute for regions of this designation.
    public var povertyWeight: Double
    public var name: String?
    public var nameZh: String?

    public init(id: Designation, povertyWeight: Double, name: String? = nil, nameZh: String? = nil) {
        self.id = id
        self.povertyWeight = povertyWeight
        self.name = name
        self.nameZh = nameZh
    }

    /// The name people read in `language` (``DisplayName/pick(id:name:nameZh:in:)``).
    public func displayName(in language: Language) -> String {
        DisplayName.pick(id: id.rawValue, name: name, nameZh: nameZh, in: language)
    }

    /// The list used when a scenario declares none (the 2013–2020 poverty-county list):
    /// none 0, provincial 0.5, national 1.
    public static let defaults: [DesignationDefinition] = [
        DesignationDefinition(id: .none, povertyWeight: 0),
        DesignationDefinition(id: .provincial, povertyWeight: 0.5),
        DesignationDefinition(id: .national, povertyWeight: 1),
    ]
}

/// Display names as people read them: `name_zh` in Chinese (else `name`), `name` in English,
/// the id when neither is given.
public enum DisplayName {
    /// The name for `language` among those given.
    public static func pick(id: String, name: String?, nameZh: String?, in language: Language) -> String {
        switch language {
        case .chinese: nameZh ?? name ?? id
        case .english: name ?? id
        }
    }
}

/// A county-level region.
public struct Region: Sendable, Equatable {
    public var id: String
    public var name: String
    public var designation: Designation
    public var rural: Bool
    public var incomePerCapita: Double?
    /// regions.csv's optional `floor_per_pupil` (F9's φ_r when its setting names no `floor`).
    public var floorPerPupil: Double?

    public init(id: String, name: String, designation: Designation, rural: Bool, incomePerCapita: Double? = nil,
                floorPerPupil: Double? = nil) {
        self.id = id
        self.name = name
        self.designation = designation
        self.rural = rural
        self.incomePerCapita = incomePerCapita
        self.floorPerPupil = floorPerPupil
    }
}

/// The count fields of a school that a per-student category may use.
public enum CountField: String, CaseIterable, Sendable, Codable {
    case enrollment, boarding, poor
    case poorBoarding = "poor_boarding"
    case disabled
    case leftBehind = "left_behind"
}

/// A school and its counts (MODEL.md §1).
public struct School: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Index into ``Scenario/regions``.
    public var region: Int
    public var level: SchoolLevel
    /// The school's own flag (defaults to its region's when the cell is empty).
    public var rural: Bool
    public var latitude: Double?
    public var longitude: Double?
    public var enrollment: Int
    public var boarding: Int
    public var poor: Int
    public var poorBoarding: Int
    public var disabled: Int
    public var leftBehind: Int
    /// Current teachers per subject (parallel to ``Scenario/subjects``).
    public var teachers: [Int]
    /// Required teachers per subject when given (nil: use the staffing formula).
    public var required: [Int?]
    /// Deviations Δ_{s,c} given in schools.csv's `<count>_dev` cells (a count absent: the
    /// `robust.relative` rule, ``RobustSettings/deviation(of:_:)``).
    public var deviations: [CountField: Int] = [:]

    public init(id: String, name: String, region: Int, level: SchoolLevel, rural: Bool,
                latitude: Double? = nil, longitude: Double? = nil,
                enrollment: Int, boarding: Int = 0, poor: Int = 0, poorBoarding: Int = 0,
                disabled: Int = 0, leftBehind: Int = 0, teachers: [Int], required: [Int?]) {
        self.id = id
        self.name = name
        self.region = region
        self.level = level
        self.rural = rural
        self.latitude = latitude
        self.longitude = longitude
        self.enrollment = enrollment
        self.boarding = boarding
        self.poor = poor
        self.poorBoarding = poorBoarding
        self.disabled = disabled
        self.leftBehind = leftBehind
        self.teachers = teachers
        self.required = required
    }

    /// The value of a count field.
    public func count(_ field: CountField) -> Int {
        switch field {
        case .enrollment: return enrollment
        case .boarding: return boarding
        case .poor: return poor
        case .poorBoarding: return poorBoarding
        case .disabled: return disabled
        case .leftBehind: return leftBehind
        }
    }
}

/// A group of teachers available for dispatch (one teacher is a group of one).
public struct TeacherGroup: Sendable, Equatable {
    public var id: String
    /// Index into ``Scenario/subjects``.
    public var subject: Int
    public var count: Int
    /// Origin region (index into ``Scenario/regions``).
    public var region: Int
    public var latitude: Double?
    public var longitude: Double?
    /// Annual cost per dispatched teacher (stipend and allowances).
    public var annualCost: Double
    public var maxDistanceKm: Double
    /// Levels the group may teach (nil: all).
    public var levels: Set<SchoolLevel>?
    /// L_g: the years a dispatched teacher stays (teachers.csv `contract_years`; 1 without a horizon).
    public var contractYears: Int = 1
    /// c_{g,t} for horizon years after the first (teachers.csv `count_<year>`); a year absent: ``count``.
    public var yearCounts: [Int: Int] = [:]

    public init(id: String, subject: Int, count: Int, region: Int, latitude: Double? = nil, longitude: Double? = nil,
                annualCost: Double, maxDistanceKm: Double, levels: Set<SchoolLevel>? = nil) {
        self.id = id
        self.subject = subject
        self.count = count
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
        self.annualCost = annualCost
        self.maxDistanceKm = maxDistanceKm
        self.levels = levels
    }
}

/// A project of a project category: a school, a cost.
public struct Project: Sendable, Equatable {
    public var id: String
    /// Index into ``Scenario/schools``.
    public var school: Int
    public var cost: Double
    /// e_p: the earliest horizon year the project may be funded (projects.csv `year`; nil: the first).
    public var year: Int? = nil

    public init(id: String, school: Int, cost: Double) {
        self.id = id
        self.school = school
        self.cost = cost
    }
}

/// How a category's need is computed.
public enum NeedRule: Sendable, Equatable {
    /// rate(level) × the school's count field; levels without a rate get 0.
    case perStudent(count: CountField, rates: [SchoolLevel: Double])
    /// The sum of the school's project costs in this category.
    case projects([Project])
    /// The special category paying for dispatched teachers.
    case dispatch
}

/// A need category (MODEL.md §1).
public struct NeedCategory: Sendable, Equatable {
    public var id: String
    public var weight: Double
    public var mandatory: Bool
    public var rule: NeedRule
    /// Display names for people (`name`, `name_zh`); they change no plan.
    public var name: String?
    public var nameZh: String?

    public init(id: String, weight: Double, mandatory: Bool, rule: NeedRule, name: String? = nil, nameZh: String? = nil) {
        self.id = id
        self.weight = weight
        self.mandatory = mandatory
        self.rule = rule
        self.name = name
        self.nameZh = nameZh
    }

    /// The name people read in `language` (``DisplayName/pick(id:name:nameZh:in:)``).
    public func displayName(in language: Language) -> String {
        DisplayName.pick(id: id, name: name, nameZh: nameZh, in: language)
    }

    public var isDispatch: Bool { rule == .dispatch }
}

/// Which regions a fund may pay into.
public enum RegionEligibility: Sendable, Equatable {
    case all
    case designations(Set<Designation>)
    /// Indices into ``Scenario/regions``.
    case regions([Int])

    /// Whether region `r` is eligible.
    public func contains(_ r: Int, in regions: [Region]) -> Bool {
        switch self {
        case .all: return true
        case let .designations(set): return set.contains(regions[r].designation)
        case let .regions(list): return list.contains(r)
        }
    }
}

/// A source of money (MODEL.md §1).
public struct FundSource: Sendable, Equatable {
    public var id: String
    public var amount: Double
    /// Indices into ``Scenario/categories``.
    public var categories: [Int]
    public var regions: RegionEligibility
    /// Minimum spend fraction m_f in [0, 1].
    public var minSpend: Double
    /// Display names for people (`name`, `name_zh`); they change no plan.
    public var name: String?
    public var nameZh: String?
    /// One amount per horizon year (`amount: [..]`); nil: ``amount`` grown by ``growth``.
    public var amounts: [Double]? = nil
    /// The yearly growth rate of ``amount`` over a horizon (`growth`, default 0).
    public var growth: Double = 0
    /// c_f: the fraction of a year's budget that may be carried into the next year (`carry_over`).
    public var carryOver: Double = 0

    public init(id: String, amount: Double, categories: [Int], regions: RegionEligibility, minSpend: Double = 0,
                name: String? = nil, nameZh: String? = nil) {
        self.id = id
        self.amount = amount
        self.categories = categories
        self.regions = regions
        self.minSpend = minSpend
        self.name = name
        self.nameZh = nameZh
    }

    /// The name people read in `language` (``DisplayName/pick(id:name:nameZh:in:)``).
    public func displayName(in language: Language) -> String {
        DisplayName.pick(id: id, name: name, nameZh: nameZh, in: language)
    }
}

/// π_s = base + Σ β_a · attr_a(s).
public struct PriorityRule: Sendable, Equatable {
    public var base: Double = 1
    public var poorShare: Double = 0
    public var leftBehindShare: Double = 0
    public var disabledShare: Double = 0
    public var rural: Double = 0
    public var povertyCounty: Double = 0

    public init(base: Double = 1, poorShare: Double = 0, leftBehindShare: Double = 0, disabledShare: Double = 0,
                rural: Double = 0, povertyCounty: Double = 0) {
        self.base = base
        self.poorShare = poorShare
        self.leftBehindShare = leftBehindShare
        self.disabledShare = disabledShare
        self.rural = rural
        self.povertyCounty = povertyCounty
    }
}

/// Dispatch settings.
public struct DispatchSettings: Sendable, Equatable {
    /// V: money-equivalent value of one teacher-year of shortage filled (nil: not given).
    public var valuePerTeacher: Double?
    /// λ per km.
    public var travelPenaltyPerKm: Double = 0
    /// Integer dispatch (y ∈ ℤ).
    public var integer: Bool = true
    /// Keep per group only its nearest candidates (nil: all).
    public var candidateLimit: Int?

    public init(valuePerTeacher: Double? = nil, travelPenaltyPerKm: Double = 0, integer: Bool = true, candidateLimit: Int? = nil) {
        self.valuePerTeacher = valuePerTeacher
        self.travelPenaltyPerKm = travelPenaltyPerKm
        self.integer = integer
        self.candidateLimit = candidateLimit
    }
}

/// Whether a fairness rule is a constraint or a penalised slack.
public enum RuleMode: Sendable, Equatable {
    case hard
    /// Penalty ρ per unit of violation (units: MODEL.md §11).
    case soft(penalty: Double)

    public var isHard: Bool { self == .hard }
}

/// The fairness rules that are on (MODEL.md §6): an ordered list of rule settings, at most one of
/// each rule type. The loader lists them in the order of the rule types it was handed (the
/// planner's registry, F1…F7), whatever the order in the file; ``ScenarioWriter`` writes them in
/// list order. The nested value types are the parameters the planner's rules hold.
public struct FairnessSettings: Sendable, Equatable {
    /// The rules that are on, in order; a rule type absent is off.
    public private(set) var rules: [any RuleSetting]

    /// These rules (at most one of each type; a later one of a type replaces an earlier one).
    public init(_ rules: [any RuleSetting] = []) {
        self.rules = []
        for rule in rules { set(rule) }
    }

    /// The setting of rule type `type`, nil when that rule is off.
    public func rule<R: RuleSetting>(_ type: R.Type) -> R? {
        rules.lazy.compactMap { $0 as? R }.first
    }

    /// Turns `rule` on, replacing the setting of its type in place (or appending it).
    public mutating func set(_ rule: any RuleSetting) {
        if let i = rules.firstIndex(where: { type(of: $0).key == type(of: rule).key }) {
            rules[i] = rule
        } else {
            rules.append(rule)
        }
    }

    /// Turns the rule of type `type` off.
    public mutating func remove<R: RuleSetting>(_ type: R.Type) {
        rules.removeAll { $0 is R }
    }

    /// The same rules with the same settings, in any order (display names aside: they change no plan).
    public static func == (lhs: FairnessSettings, rhs: FairnessSettings) -> Bool {
        lhs.rules.count == rhs.rules.count && lhs.rules.allSatisfy { rule in rhs.rules.contains { rule.isEqual(to: $0) } }
    }

    /// Display names given in a rule's block (`name`, `name_zh`), by rule key.
    public var names: [String: (name: String?, nameZh: String?)] = [:]

    /// The name people read for rule `key` in `language`: the block's `name` / `name_zh`, else
    /// ``defaultName(of:in:)``.
    public func displayName(of key: String, in language: Language) -> String {
        let given = names[key]
        let name = language == .chinese ? given?.nameZh : given?.name
        return name ?? Self.defaultName(of: key, in: language)
    }

    /// A rule's name without one given: in English its key (`coverage_floor`), in Chinese the term
    /// Chinese education-finance documents use (覆盖率下限, 胡佛指数上限, …; catalogue `rule.KEY`).
    public static func defaultName(of key: String, in language: Language) -> String {
        guard language == .chinese, let entry = Catalogue.entries["rule.\(key)"] else { return key }
        return entry.text(language)
    }

    /// The same rules without display names.
    public var withoutNames: FairnessSettings {
        var plain = self
        plain.names = [:]
        return plain
    }

    /// F1's setting: α keyed by category index.
    public struct CoverageFloor: Sendable, Equatable {
        public var mode: RuleMode
        public var alpha: [Int: Double]
        public init(mode: RuleMode, alpha: [Int: Double]) {
            self.mode = mode
            self.alpha = alpha
        }
    }

    /// A share rule (F3, F7).
    public struct ShareRule: Sendable, Equatable {
        public var mode: RuleMode
        public var share: Double
        public var designations: Set<Designation>
        public init(mode: RuleMode, share: Double, designations: Set<Designation> = [.national, .provincial]) {
            self.mode = mode
            self.share = share
            self.designations = designations
        }
    }

    /// A rule set by one number: F4's γ, F5's and F6's `max`.
    public struct BoundRule: Sendable, Equatable {
        public var mode: RuleMode
        public var value: Double
        public init(mode: RuleMode, value: Double) {
            self.mode = mode
            self.value = value
        }
    }

    /// Whether no rule is on.
    public var isEmpty: Bool { rules.isEmpty }
}

/// Solver settings of a scenario.
public struct SolverSettings: Sendable, Equatable {
    public var timeLimitSeconds: Double?
    public var mipGap: Double?
    public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil) {
        self.timeLimitSeconds = timeLimitSeconds
        self.mipGap = mipGap
    }
}

/// A variant: the base scenario with overrides (MODEL.md §11: funds_scale first, then fund_amounts;
/// a block replaces the base's block whole).
public struct Variant: Sendable, Equatable {
    public var name: String
    public var fundsScale: Double?
    /// Amounts by fund id.
    public var fundAmounts: [String: Double]
    public var fairness: FairnessSettings?
    public var priority: PriorityRule?
    public var dispatch: DispatchSettings?
    public var solver: SolverSettings?
    /// A `robust:` block replacing the base's whole (nil: the base's).
    public var robust: RobustSettings?
    /// A horizon replacing the base's whole block.
    public var horizon: Horizon? = nil
    /// `fund_amounts` given as lists (one amount per year of the effective horizon).
    public var fundAmountLists: [String: [Double]] = [:]
    /// `fund_growth` and `fund_carry_over`.
    public var fundGrowth: [String: Double] = [:]
    public var fundCarryOver: [String: Double] = [:]

    public init(name: String, fundsScale: Double? = nil, fundAmounts: [String: Double] = [:],
                fairness: FairnessSettings? = nil, priority: PriorityRule? = nil,
                dispatch: DispatchSettings? = nil, solver: SolverSettings? = nil, robust: RobustSettings? = nil) {
        self.robust = robust
        self.name = name
        self.fundsScale = fundsScale
        self.fundAmounts = fundAmounts
        self.fairness = fairness
        self.priority = priority
        self.dispatch = dispatch
        self.solver = solver
    }
}

/// A subject with its share σ_j of required teachers.
public struct Subject: Sendable, Equatable {
    public var id: String
    public var share: Double
    public init(id: String, share: Double) {
        self.id = id
        self.share = share
    }
}

/// A region-to-region distance table (symmetric; same region 0 unless listed).
public struct DistanceTable: Sendable, Equatable {
    /// km keyed by the ordered pair (min index, max index).
    public var kilometres: [RegionPair: Double]

    public struct RegionPair: Hashable, Sendable {
        public let a: Int
        public let b: Int
        public init(_ x: Int, _ y: Int) {
            a = min(x, y)
            b = max(x, y)
        }
    }

    public init(kilometres: [RegionPair: Double] = [:]) { self.kilometres = kilometres }

    /// The distance between two regions, or nil when unreachable (a pair missing from the table).
    public func distance(_ r1: Int, _ r2: Int) -> Double? {
        if let km = kilometres[RegionPair(r1, r2)] { return km }
        return r1 == r2 ? 0 : nil
    }
}

/// A validated scenario: the world a plan is made for.
public struct Scenario: Sendable {
    public var name: String
    public var year: Int?
    public var currency: String
    public var subjects: [Subject]
    public var studentTeacherRatio: [SchoolLevel: Double]
    public var categories: [NeedCategory]
    public var funds: [FundSource]
    public var priority: PriorityRule
    public var dispatch: DispatchSettings
    public var fairness: FairnessSettings
    public var solver: SolverSettings
    /// Robust plans (docs/model.md, "Robust plans"); nil: off.
    public var robust: RobustSettings? = nil
    /// The years of a multi-year plan (nil: the one-year plan of today).
    public var horizon: Horizon? = nil
    public var regions: [Region]
    /// The designation list regions.csv's `designation` column names (``DesignationDefinition/defaults``
    /// when scenario.yaml has no `designations:`).
    public var designations: [DesignationDefinition] = DesignationDefinition.defaults
    public var schools: [School]
    public var teacherGroups: [TeacherGroup]
    public var distances: DistanceTable?
    public var variants: [Variant]
    /// The language the scenario's output is printed in for people (`locale:` in scenario.yaml;
    /// nil: the environment decides). It changes no plan, so it is not part of the fingerprint.
    public var locale: Language?
    /// The variant applied, if any.
    public var variantName: String?
    /// What the applied variant replaced (nil: no variant applied); ``unvaried`` restores it.
    public private(set) var replacedByVariant: VariantReplaced?

    public init(name: String, year: Int? = nil, currency: String = "CNY", subjects: [Subject],
                studentTeacherRatio: [SchoolLevel: Double], categories: [NeedCategory], funds: [FundSource],
                priority: PriorityRule = PriorityRule(), dispatch: DispatchSettings = DispatchSettings(),
                fairness: FairnessSettings = FairnessSettings(), solver: SolverSettings = SolverSettings(),
                regions: [Region], schools: [School], teacherGroups: [TeacherGroup] = [],
                distances: DistanceTable? = nil, variants: [Variant] = []) {
        self.name = name
        self.year = year
        self.currency = currency
        self.subjects = subjects
        self.studentTeacherRatio = studentTeacherRatio
        self.categories = categories
        self.funds = funds
        self.priority = priority
        self.dispatch = dispatch
        self.fairness = fairness
        self.solver = solver
        self.regions = regions
        self.schools = schools
        self.teacherGroups = teacherGroups
        self.distances = distances
        self.variants = variants
    }

    /// The `poverty_county` attribute of region `r`: its designation's weight in the list (0 when
    /// the list does not hold it, which the loader never lets happen).
    public func povertyWeight(ofRegion r: Int) -> Double {
        let id = regions[r].designation
        return designations.first { $0.id == id }?.povertyWeight ?? 0
    }

    /// Index of the `dispatch` category, if the scenario has one.
    public var dispatchCategory: Int? { categories.firstIndex { $0.isDispatch } }

    /// The scenario with `variant` applied: funds_scale first, then fund_amounts (final),
    /// then whole-block replacements.
    public func applying(_ variant: Variant) -> Scenario {
        var result = self
        result.variantName = variant.name
        result.replacedByVariant = replacedByVariant
            ?? VariantReplaced(funds: funds, fairness: fairness, priority: priority, dispatch: dispatch, solver: solver,
                               robust: robust, horizon: horizon)
        if let scale = variant.fundsScale {
            for f in result.funds.indices {
                result.funds[f].amount *= scale
                result.funds[f].amounts = result.funds[f].amounts?.map { $0 * scale }
            }
        }
        for f in result.funds.indices {
            let id = result.funds[f].id
            if let amount = variant.fundAmounts[id] { result.funds[f].amount = amount; result.funds[f].amounts = nil }
            if let amounts = variant.fundAmountLists[id] { result.funds[f].amounts = amounts }
            if let growth = variant.fundGrowth[id] { result.funds[f].growth = growth }
            if let carryOver = variant.fundCarryOver[id] { result.funds[f].carryOver = carryOver }
        }
        if let horizon = variant.horizon { result.horizon = horizon }
        if let fairness = variant.fairness { result.fairness = fairness }
        if let priority = variant.priority { result.priority = priority }
        if let dispatch = variant.dispatch { result.dispatch = dispatch }
        if let solver = variant.solver { result.solver = solver }
        if let robust = variant.robust { result.robust = robust }
        return result
    }

    /// The variant named `name`, if any.
    public func variant(named name: String) -> Variant? { variants.first { $0.name == name } }

    /// The scenario without its variant's changes (the base scenario F8's `reference: base`
    /// plans against); nil when no variant is applied.
    public var unvaried: Scenario? {
        guard let replaced = replacedByVariant else { return nil }
        var base = self
        base.funds = replaced.funds
        base.fairness = replaced.fairness
        base.priority = replaced.priority
        base.dispatch = replaced.dispatch
        base.solver = replaced.solver
        base.robust = replaced.robust
        base.horizon = replaced.horizon
        base.variantName = nil
        base.replacedByVariant = nil
        return base
    }
}

/// The base scenario's settings a variant replaces (``Scenario/applying(_:)``).
public struct VariantReplaced: Sendable {
    public var funds: [FundSource]
    public var fairness: FairnessSettings
    public var priority: PriorityRule
    public var dispatch: DispatchSettings
    public var solver: SolverSettings
    public var robust: RobustSettings?
    public var horizon: Horizon?
}
