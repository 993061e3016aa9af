import EduplanIO
import EduplanScenario
import Foundation

/// Every display name the report shows for a scenario's own things: categories, funds, fairness
/// rules, designations, levels, subjects. One place, so that the names follow the page's language
/// and a scenario's `name` / `name_zh` in one edit.
///
/// A name the scenario gives (`name` / `name_zh`, ``NeedCategory/displayName(in:)`` and its kin)
/// comes first. Without one, categories and funds show the catalogue's name for a well-known id
/// (`report.category.*`, `report.fund.*`) or the id; rules show in Chinese the term the text output
/// uses (``FairnessSettings/defaultName(of:in:)``), in English the catalogue's (`report.rule.*`);
/// levels and designations the catalogue's (`report.level.*`, `report.designation.*`).
extension HTMLReport {
    /// A category's shown name (HTML).
    func categoryName(_ id: String) -> String {
        let category = scenario.categories.first { $0.id == id }
        guard let category, category.name != nil || category.nameZh != nil else { return known("report.category.", id) }
        return HTMLText.name(category.displayName(in: language))
    }

    /// A fund's shown name (HTML).
    func fundName(_ id: String) -> String {
        let fund = scenario.funds.first { $0.id == id }
        guard let fund, fund.name != nil || fund.nameZh != nil else { return known("report.fund.", id) }
        return HTMLText.name(fund.displayName(in: language))
    }

    /// The page's names of funds and categories as plain text, for a sentence escaped whole: the
    /// scenario's, else the catalogue's for a well-known id, else the id (as ``fundName(_:)``).
    var plainNames: DisplayNames {
        var names = DisplayNames(scenario, language: language)
        for fund in scenario.funds where fund.name == nil && fund.nameZh == nil {
            if let message = Catalogue.entries["report.fund." + fund.id] { names.funds[fund.id] = message.text(language) }
        }
        for category in scenario.categories where category.name == nil && category.nameZh == nil {
            if let message = Catalogue.entries["report.category." + category.id] { names.categories[category.id] = message.text(language) }
        }
        return names
    }

    /// A fairness rule's shown name (HTML), by its key (`coverage_floor`): the name the base or a
    /// variant gives it, else the default term.
    func ruleName(_ key: String) -> String {
        let given = ([scenario.fairness] + scenario.variants.compactMap(\.fairness)).lazy.compactMap { $0.names[key] }.first
        if let given, let name = language == .chinese ? (given.nameZh ?? given.name) : given.name { return HTMLText.name(name) }
        if language == .chinese { return HTMLText.name(FairnessSettings.defaultName(of: key, in: language)) }
        return known("report.rule.", key)
    }

    /// A school level's shown name (HTML).
    func levelName(_ level: String) -> String { known("report.level.", level) }

    /// A subject's shown name (HTML).
    func subjectName(_ id: String) -> String { known("report.subject.", id) }

    /// A designation's shown name (HTML): the scenario's `name_zh` / `name` when given, else the
    /// catalogue's, else the id; `none` shows as —.
    func designationName(_ designation: Designation) -> String {
        if designation == .none { return "—" }
        let definition = scenario.designations.first { $0.id == designation }
        let given = language == .chinese ? (definition?.nameZh ?? definition?.name) : (definition?.name ?? definition?.nameZh)
        if let given { return HTMLText.name(given) }
        return known("report.designation.", designation.rawValue)
    }

    /// The catalogue's name under `prefix + id` when there is one, else the id as written.
    private func known(_ prefix: String, _ id: String) -> String {
        guard let message = Catalogue.entries[prefix + id] else { return HTMLText.name(id) }
        return HTMLText.name(message.text(language))
    }
}
