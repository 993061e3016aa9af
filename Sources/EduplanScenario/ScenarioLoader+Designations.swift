import EduplanIO
import Yams

/// The scenario's designation list (`designations:` in scenario.yaml) and the designation ids that
/// regions.csv, fund eligibility and rule settings name.
extension ScenarioLoading {
    /// A designation's poverty weight: the priority rule's `poverty_county` attribute, 0 to 1e6.
    static let povertyWeightRule = NumberRule(range: 0...InputLimits.priorityCoefficient, tinyRule: true,
                                              expected: "a poverty weight from 0 to 1e6")

    /// Reads `designations: [{id, poverty_weight, name, name_zh}, …]`; without the key the list is
    /// ``DesignationDefinition/defaults``. Ids are unique; each problem is logged where it is.
    func readDesignations(_ top: YAMLMapping) {
        guard let node = top["designations"], !yaml.isNull(node) else { return }
        let expected = "a list of designations (`[{id: key_assist, poverty_weight: 1}, …]`)"
        guard let items = yaml.sequence(node, path: "designations", expected: expected) else {
            designationsReadable = false
            return
        }
        var list: [DesignationDefinition] = []
        for (i, item) in items.enumerated() {
            let path = "designations[\(i)]"
            guard let map = yaml.mapping(item, path: path, keys: ["id", "poverty_weight", "name", "name_zh"],
                                         expected: "a designation (`{id: key_assist, poverty_weight: 1}`)"),
                  let idNode = required(map, "id", expected: "a designation id"),
                  let id = yaml.identifier(idNode, path: map.path("id"), what: "a designation id")
            else { designationsReadable = false; continue }
            if list.contains(where: { $0.id.rawValue == id }) {
                log.error(yaml.location(idNode, path: map.path("id")), expected: "each designation id once", found: "`\(id)` again")
                continue
            }
            let weight = required(map, "poverty_weight", expected: "the designation's poverty weight (0 to 1e6)")
                .flatMap { yaml.number($0, path: map.path("poverty_weight"), rule: Self.povertyWeightRule) } ?? 0
            let name = map["name"].flatMap { yaml.isNull($0) ? nil : yaml.displayName($0, path: map.path("name")) }
            let nameZh = map["name_zh"].flatMap { yaml.isNull($0) ? nil : yaml.displayName($0, path: map.path("name_zh")) }
            list.append(DesignationDefinition(id: Designation(rawValue: id), povertyWeight: weight, name: name, nameZh: nameZh))
        }
        if list.isEmpty && designationsReadable {
            log.error(yaml.location(node, path: "designations"), expected: "at least one designation", found: "an empty list")
        }
        designations = list
    }

    /// The ids of the designation list, in its order.
    var designationIDs: [String] { designations.map(\.id.rawValue) }

    /// The designation a text names: an id of the list, exactly or trimmed (and lower-cased when
    /// that is what matches); nil when it names none.
    func designation(_ text: String) -> Designation? {
        let trimmed = String(TextValue.trimmed(text))
        let ids = designationIDs
        return [text, trimmed, trimmed.lowercased()].first { ids.contains($0) }.map { Designation(rawValue: $0) }
    }

    /// regions.csv's `designation` cell: an id of the list; an empty cell is `none` when the list
    /// holds `none`, and an error otherwise.
    func regionDesignation(_ text: String) -> Designation? {
        if TextValue.trimmed(text).isEmpty { return designationIDs.contains(Designation.none.rawValue) ? Designation.none : nil }
        return designation(text)
    }

    /// The list's ids, last first, comma-separated ("national, provincial, none" for the default).
    var designationWords: String { designationIDs.reversed().joined(separator: ", ") }
}
