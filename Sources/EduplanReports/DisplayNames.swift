import EduplanIO
import EduplanPlanner
import EduplanScenario

/// The names people read for a scenario's ids in one language: regions, categories, funds, rules
/// and designations (``NeedCategory/displayName(in:)`` and its kin). An id the scenario does not
/// know reads as itself.
public struct DisplayNames: Sendable {
    public var regions: [String: String] = [:]
    public var categories: [String: String] = [:]
    public var funds: [String: String] = [:]
    public var rules: [String: String] = [:]
    public var language: Language

    /// No names: every id reads as itself (English).
    public static let none = DisplayNames(language: .english)

    init(language: Language) { self.language = language }

    /// The scenario's display names in `language`.
    public init(_ scenario: Scenario, language: Language) {
        self.language = language
        regions = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        categories = Dictionary(scenario.categories.map { ($0.id, $0.displayName(in: language)) }, uniquingKeysWith: { a, _ in a })
        funds = Dictionary(scenario.funds.map { ($0.id, $0.displayName(in: language)) }, uniquingKeysWith: { a, _ in a })
        for rule in scenario.fairness.rules { rules[rule.key] = scenario.fairness.displayName(of: rule.key, in: language) }
        for variant in scenario.variants {
            for rule in variant.fairness?.rules ?? [] where rules[rule.key] == nil {
                rules[rule.key] = variant.fairness?.displayName(of: rule.key, in: language)
            }
        }
    }

    /// A region as "name (id)", or its id when the scenario does not name it.
    public func region(_ id: String) -> String { regions[id].map { "\($0) (\(id))" } ?? id }
    /// A category's display name (its id when it has none in the language).
    public func category(_ id: String) -> String { categories[id] ?? id }
    /// A fund's display name.
    public func fund(_ id: String) -> String { funds[id] ?? id }
    /// A rule's display name (English: its key, unless named; Chinese: the catalogue's term).
    public func rule(_ key: String) -> String { rules[key] ?? FairnessSettings.defaultName(of: key, in: language) }
}

extension DisplayNames {
    /// Funds, regions and rules as a status note names them.
    public var statusNoteNames: StatusNoteNames { StatusNoteNames(fund: { self.fund($0) }, region: { self.region($0) }, rule: { self.rule($0) }) }
}
