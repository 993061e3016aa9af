import Foundation

/// The size of a scenario in a planner's words: regions, schools, pupils, teachers, need and money.
/// What `eduplan validate` prints for a clean folder.
public struct ScenarioSummary: Sendable, Equatable {
    public var name: String
    public var currency: String
    /// Regions by designation.
    public var regionsByDesignation: [Designation: Int]
    /// The scenario's designation ids, last of its list first (national, provincial, none by default).
    public var designationOrder: [Designation]
    public var ruralRegions: Int
    /// Schools by level.
    public var schoolsByLevel: [SchoolLevel: Int]
    public var pupils: Int
    public var poorStudents: Int
    public var teacherGroups: Int
    public var teachersInGroups: Int
    /// Total need N_k = Σ_s N_{s,k} per category, in category order (the dispatch category is left out).
    public var needByCategory: [(id: String, mandatory: Bool, money: Double)]
    public var fundCount: Int
    public var fundsTotal: Double
    public var variantNames: [String]
    /// Chinese names of the designations (`name_zh`, else the catalogue's `designation.ID`, else the id).
    public var designationNamesZh: [Designation: String]
    /// The horizon's years and δ (nil: a one-year scenario); the other figures are the first year's.
    public var horizon: (years: [Int], discount: Double)?

    /// Counts and totals of `scenario`.
    /// - Complexity: O(schools × categories + projects).
    public init(_ scenario: Scenario) {
        name = scenario.name
        currency = scenario.currency
        regionsByDesignation = Dictionary(grouping: scenario.regions, by: \.designation).mapValues(\.count)
        designationOrder = scenario.designations.reversed().map(\.id)
        ruralRegions = scenario.regions.filter(\.rural).count
        schoolsByLevel = Dictionary(grouping: scenario.schools, by: \.level).mapValues(\.count)
        pupils = scenario.schools.reduce(0) { $0 + $1.enrollment }
        poorStudents = scenario.schools.reduce(0) { $0 + $1.poor }
        teacherGroups = scenario.teacherGroups.count
        teachersInGroups = scenario.teacherGroups.reduce(0) { $0 + $1.count }
        needByCategory = scenario.categories.compactMap { category in
            switch category.rule {
            case let .perStudent(count, rates):
                let total = scenario.schools.reduce(0.0) { $0 + (rates[$1.level] ?? 0) * Double($1.count(count)) }
                return (category.id, category.mandatory, total)
            case let .projects(projects):
                return (category.id, category.mandatory, projects.reduce(0) { $0 + $1.cost })
            case .dispatch:
                return nil
            }
        }
        fundCount = scenario.funds.count
        fundsTotal = scenario.funds.reduce(0) { $0 + $1.amount }
        variantNames = scenario.variants.map(\.name)
        horizon = scenario.horizon.map { ($0.years, $0.discount) }
        designationNamesZh = Dictionary(scenario.designations.map { d in
            (d.id, d.nameZh ?? Catalogue.entries["designation.\(d.id.rawValue)"]?.text(.chinese) ?? d.id.rawValue)
        }, uniquingKeysWith: { a, _ in a })
        categoryNamesZh = Dictionary(scenario.categories.map { ($0.id, $0.displayName(in: .chinese)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Display names of the categories in Chinese, by id.
    var categoryNamesZh: [String: String] = [:]

    /// ``description`` in a wording's language (Chinese: whole clauses from the catalogue, money in
    /// the wording's unit).
    public func text(_ w: Wording) -> String {
        guard w.language != .english else { return description }
        let designations = designationOrder.compactMap { d -> String? in
            guard let n = regionsByDesignation[d], n > 0 else { return nil }
            return w("validate.designation", ["name": designationNamesZh[d] ?? d.rawValue, "count": Self.grouped(n)])
        }
        let levels = SchoolLevel.allCases.compactMap { level -> String? in
            guard let n = schoolsByLevel[level], n > 0 else { return nil }
            return w("validate.level", ["level": w("level.\(level.rawValue)"), "count": Self.grouped(n)])
        }
        let needs = needByCategory.map { need in
            w(need.mandatory ? "validate.needMandatory" : "validate.need",
              ["category": categoryNamesZh[need.id] ?? need.id, "money": w.money(need.money, currency: currency)])
        }
        let comma = w("common.comma")
        let parts = [
            w("validate.regions", ["count": Self.grouped(regionsByDesignation.values.reduce(0, +)),
                                   "designations": designations.joined(separator: comma), "rural": Self.grouped(ruralRegions)]),
            w("validate.schools", ["count": Self.grouped(schoolsByLevel.values.reduce(0, +)), "levels": levels.joined(separator: comma)]),
            w("validate.pupils", ["pupils": Self.grouped(pupils), "poor": Self.grouped(poorStudents)]),
            teacherGroups == 0 ? w("validate.noTeachers")
                : w("validate.teachers", ["groups": Self.grouped(teacherGroups), "teachers": Self.grouped(teachersInGroups)]),
            w("validate.needs", ["total": w.money(needByCategory.reduce(0) { $0 + $1.money }, currency: currency),
                                 "list": needs.isEmpty ? w("validate.none") : needs.joined(separator: comma)]),
            w("validate.funds", ["count": Self.grouped(fundCount), "money": w.money(fundsTotal, currency: currency)]),
            variantNames.isEmpty ? w("validate.noVariants")
                : w("validate.variants", ["count": Self.grouped(variantNames.count), "names": variantNames.joined(separator: w.separator)]),
        ] + (horizon.map { [w("validate.horizon", Self.horizonArguments($0))] } ?? [])
        return w("validate.summary", ["name": name, "parts": parts.joined(separator: w.separator)])
    }

    /// The horizon sentence's placeholders.
    private static func horizonArguments(_ horizon: (years: [Int], discount: Double)) -> [String: String] {
        ["first": "\(horizon.years[0])", "last": "\(horizon.years[horizon.years.count - 1])", "count": "\(horizon.years.count)",
         "discount": Format.plain(horizon.discount)]
    }

    public static func == (lhs: ScenarioSummary, rhs: ScenarioSummary) -> Bool {
        lhs.description == rhs.description
    }

    /// One paragraph, numbers with thousands separators and money in the scenario's currency.
    public var description: String {
        let regions = regionsByDesignation.values.reduce(0, +)
        let designations = designationOrder.compactMap { d -> String? in
            guard let n = regionsByDesignation[d], n > 0 else { return nil }
            return "\(Self.grouped(n)) \(d == .none ? "not designated" : d.rawValue)"
        }
        let schools = schoolsByLevel.values.reduce(0, +)
        let levels = SchoolLevel.allCases.compactMap { level -> String? in
            guard let n = schoolsByLevel[level], n > 0 else { return nil }
            return "\(Self.grouped(n)) \(level.rawValue)"
        }
        var parts: [String] = []
        parts.append("\(Self.plural(regions, "region")) (\(designations.joined(separator: ", ")); \(Self.grouped(ruralRegions)) rural)")
        parts.append("\(Self.plural(schools, "school")) (\(levels.joined(separator: ", ")))")
        parts.append("\(Self.grouped(pupils)) pupils, \(Self.grouped(poorStudents)) of them poor")
        parts.append(teacherGroups == 0 ? "no teachers to dispatch"
            : "\(Self.plural(teacherGroups, "teacher group")) with \(Self.plural(teachersInGroups, "teacher")) to dispatch")
        let needs = needByCategory.map { "\($0.id) \(money($0.money))\($0.mandatory ? " (mandatory)" : "")" }
        let totalNeed = needByCategory.reduce(0) { $0 + $1.money }
        parts.append("need \(money(totalNeed)): \(needs.isEmpty ? "none" : needs.joined(separator: ", "))")
        parts.append("\(Self.plural(fundCount, "fund")) totalling \(money(fundsTotal))")
        let variants = variantNames.isEmpty ? "no variants" : "\(Self.plural(variantNames.count, "variant")) (\(variantNames.joined(separator: "; ")))"
        parts.append(variants)
        if let horizon { parts.append(Wording.english("validate.horizon", Self.horizonArguments(horizon))) }
        return "\(name): " + parts.joined(separator: "; ") + "."
    }

    /// `1,234,567 CNY` (cents shown only for amounts below 1,000 that are not whole).
    public func money(_ amount: Double) -> String {
        "\(Self.grouped(amount)) \(currency)"
    }

    /// A number with a comma every three digits; locale-independent, so the output is the same everywhere.
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let fractional = abs(value - value.rounded()) > 1e-9 && abs(value) < 1000
        return fractional ? Format.grouped(value, decimals: 2) : Format.grouped(value.rounded(), decimals: 0)
    }

    public static func grouped(_ value: Int) -> String { Format.grouped(Double(value)) }

    private static func plural(_ n: Int, _ word: String) -> String {
        "\(grouped(n)) \(word)\(n == 1 ? "" : "s")"
    }
}
