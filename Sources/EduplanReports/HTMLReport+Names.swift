import EduplanIO
import EduplanScenario
import Foundation

/// Every display name the report shows for a scenario's own things: categories, funds, fairness
/// rules, designations, levels, subjects. One place, so that the names follow the page's language
/// and a scenario's `name` / `name_zh` in one edit.
///
/// Scenario types without a display name of their own show their id; rules, levels and designations
/// without one show the catalogue's name (`report.rule.*`, `report.level.*`, `report.designation.*`).
extension HTMLReport {
    /// A category's shown name (HTML).
    func categoryName(_ id: String) -> String { known("report.category.", id) }

    /// A fund's shown name (HTML).
    func fundName(_ id: String) -> String { known("report.fund.", id) }

    /// A fairness rule's shown name (HTML), by its key (`coverage_floor`).
    func ruleName(_ key: String) -> String { known("report.rule.", key) }

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
