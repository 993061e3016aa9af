import EduplanIO
import EduplanScenario
import Foundation
import Yams

extension IdentificationConfig {
    /// The keys of an identification file.
    static let topLevelKeys = ["poverty_cutoff", "missing", "dimensions", "attributes", "counts"]
    static let dimensionKeys = ["column", "direction", "cutoff", "deprived_values", "weight"]
    static let attributeKeys = ["column", "direction", "cutoff", "values"]

    /// Reads an identification file (YAML), reporting every problem with its line and column.
    ///
    /// ```yaml
    /// poverty_cutoff: 0.4            # k, in (0, 1]
    /// missing: error                 # an empty cell: error (default), not_deprived or deprived
    /// dimensions:
    ///   - {column: income_per_capita, direction: below, cutoff: 4000, weight: 0.4}
    ///   - {column: registered_poor, deprived_values: ["1", "yes"], weight: 0.3}
    ///   - {column: distance_km, direction: above, cutoff: 5, weight: 0.3}
    /// attributes:                    # counted, not scored
    ///   - {column: boarding, values: ["1"]}
    /// counts:                        # what --write-counts writes into schools.csv
    ///   poor: identified
    ///   disabled: disability          # deprived in the dimension `disability`
    ///   poor_boarding: {attribute: boarding, among: identified}
    /// ```
    ///
    /// - Parameter name: How the file is named in problems (default: the path as given).
    /// - Throws: ``IdentificationErrors`` with every problem (warnings for unknown keys are kept in
    ///   ``loadWithWarnings(from:name:)``).
    public static func load(from url: URL, name: String? = nil) throws -> IdentificationConfig {
        try loadWithWarnings(from: url, name: name).config
    }

    /// Reads an identification file; returns it with its warnings (unknown keys, ignored values).
    public static func loadWithWarnings(from url: URL, name: String? = nil) throws -> (config: IdentificationConfig, warnings: [ScenarioProblem]) {
        let file = name ?? url.relativePath
        let log = ProblemLog()
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            log.error(file, expected: "a readable identification file (YAML)", found: "\(error)")
            throw log.errors()
        }
        guard let text = TextValue.utf8(data, file: file, log: log) else { throw log.errors() }
        let config = ConfigReader(yaml: YAMLReader(file: file, log: log)).read(text)
        try log.throwIfErrors()
        return (config!, log.warnings)
    }

    /// Parses identification settings from YAML text (for tests and embedding).
    public static func parse(_ text: String, name: String = "identify.yaml") throws -> IdentificationConfig {
        let log = ProblemLog()
        let config = ConfigReader(yaml: YAMLReader(file: name, log: log)).read(text)
        try log.throwIfErrors()
        return config!
    }
}

/// Reads the YAML nodes of an identification file, recording every problem with its position;
/// an unknown key is a warning (with a hint), not an error.
private struct ConfigReader {
    let yaml: YAMLReader

    func error(_ node: Node?, _ field: String?, expected: String, found: String, hint: String? = nil) {
        yaml.log.error(yaml.location(node, path: field), expected: expected, found: found, hint: hint)
    }

    func describe(_ node: Node) -> String { yaml.describe(node) }

    func isNull(_ node: Node) -> Bool { yaml.isNull(node) }

    /// A mapping's known entries in order.
    func mapping(_ node: Node, path: String, keys: [String]?, expected: String) -> [YAMLMapping.Entry]? {
        yaml.mapping(node, path: path, keys: keys, expected: expected, unknown: .warning)?.entries
    }

    func number(_ node: Node, _ path: String, expected: String) -> Double? { yaml.number(node, path: path, expected: expected) }

    func text(_ node: Node, _ path: String, expected: String) -> String? { yaml.string(node, path: path, expected: expected) }

    func read(_ source: String) -> IdentificationConfig? {
        guard let root = yaml.compose(source, expected: "identification settings (`poverty_cutoff: …`, `dimensions: …`)") else {
            return nil
        }
        guard let top = mapping(root, path: "", keys: IdentificationConfig.topLevelKeys,
                                expected: "a mapping of settings (`poverty_cutoff: …`, `dimensions: …`)") else { return nil }
        func entry(_ key: String) -> Node? { top.first { $0.key == key }?.value }

        let k = readPovertyCutoff(entry("poverty_cutoff"), root: root)
        let missing = readMissingPolicy(entry("missing"))
        var (dimensions, dimensionsBroken) = readDimensions(entry("dimensions"), root: root)
        var attributes: [Attribute] = []
        if let node = entry("attributes"), !isNull(node) {
            let read = readAttributes(node, dimensions: dimensions)
            attributes = read.attributes
            dimensionsBroken = dimensionsBroken || read.broken
        }
        var counts: [(field: CountField, source: CountSource)] = []
        if let node = entry("counts"), !isNull(node),
           let items = mapping(node, path: "counts", keys: CountField.allCases.map(\.rawValue),
                               expected: "a mapping of school count field → what to count (`poor: identified`)") {
            for item in items {
                guard let field = CountField(rawValue: item.key) else { continue }
                if let source = readCountSource(item.value, path: "counts.\(item.key)", dimensions: dimensions,
                                                attributes: attributes, dimensionsBroken: dimensionsBroken) {
                    counts.append((field, source))
                }
            }
        }
        guard let k else { return nil }
        return IdentificationConfig(dimensions: dimensions, attributes: attributes, povertyCutoff: k, missing: missing, counts: counts)
    }

    /// `poverty_cutoff: k`, required, 0 < k ≤ 1.
    private func readPovertyCutoff(_ node: Node?, root: Node) -> Double? {
        guard let node else {
            error(root, "poverty_cutoff", expected: "`poverty_cutoff: k` (0 < k ≤ 1)", found: "no `poverty_cutoff`")
            return nil
        }
        guard let value = number(node, "poverty_cutoff", expected: "a poverty cutoff k with 0 < k ≤ 1") else { return nil }
        guard value > 0 && value <= 1 else {
            error(node, "poverty_cutoff", expected: "a poverty cutoff k with 0 < k ≤ 1 (k = 0 would call every student poor)",
                  found: describe(node))
            return nil
        }
        return value
    }

    /// `missing:`, what an empty cell means (default: an error).
    private func readMissingPolicy(_ node: Node?) -> MissingValuePolicy {
        guard let node else { return .error }
        let words = MissingValuePolicy.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        guard let value = text(node, "missing", expected: "one of \(words)") else { return .error }
        if let policy = MissingValuePolicy(rawValue: value) { return policy }
        error(node, "missing", expected: "one of \(words)", found: describe(node))
        return .error
    }

    /// `dimensions:`, required: each column once, not `id`/`school`, weights summing to 1.
    /// `broken` when any dimension could not be read (later checks that name dimensions stay quiet).
    private func readDimensions(_ node: Node?, root: Node) -> (dimensions: [Dimension], broken: Bool) {
        guard let node else {
            error(root, "dimensions", expected: "`dimensions:`, a list of dimensions", found: "no `dimensions`")
            return ([], true)
        }
        guard case let .sequence(items) = node, !items.isEmpty else {
            error(node, "dimensions", expected: "a non-empty list of dimensions (`- {column: …, weight: …}`)", found: describe(node))
            return ([], true)
        }
        var dimensions: [Dimension] = []
        var broken = false
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let dimension = readDimension(item, path: "dimensions[\(i)]") else {
                broken = true
                continue
            }
            if ["id", "school"].contains(dimension.column) {
                error(item, "dimensions[\(i)].column", expected: "a dimension column other than `id` and `school`",
                      found: "`\(dimension.column)`")
                broken = true
            } else if let first = seen[dimension.column] {
                error(item, "dimensions[\(i)].column", expected: "each dimension column once", found: "`\(dimension.column)` again",
                      hint: "first in dimensions[\(first)]")
                broken = true
            } else {
                seen[dimension.column] = i
                dimensions.append(dimension)
            }
        }
        if dimensions.count > IdentificationConfig.maximumDimensions {
            error(node, "dimensions", expected: "at most \(IdentificationConfig.maximumDimensions) dimensions",
                  found: "\(dimensions.count)")
        }
        let total = dimensions.reduce(0) { $0 + $1.weight }
        if !broken, !dimensions.isEmpty, abs(total - 1) > 1e-9 {
            error(node, "dimensions", expected: "weights summing to 1 (within 1e-9)", found: "weights summing to \(total)")
        }
        return (dimensions, broken)
    }

    /// `attributes:`: counted columns, each not already used by `id`, `school` or a dimension.
    private func readAttributes(_ node: Node, dimensions: [Dimension]) -> (attributes: [Attribute], broken: Bool) {
        guard case let .sequence(items) = node else {
            error(node, "attributes", expected: "a list of attributes (`- {column: boarding, values: [\"1\"]}`)", found: describe(node))
            return ([], false)
        }
        var attributes: [Attribute] = []
        var broken = false
        var seen = Set(dimensions.map(\.column))
        for (i, item) in items.enumerated() {
            guard let attribute = readAttribute(item, path: "attributes[\(i)]") else {
                broken = true
                continue
            }
            if ["id", "school"].contains(attribute.column) || seen.contains(attribute.column) {
                error(item, "attributes[\(i)].column", expected: "a column not already used (`id`, `school`, a dimension, another attribute)",
                      found: "`\(attribute.column)`")
                broken = true
            } else {
                seen.insert(attribute.column)
                attributes.append(attribute)
            }
        }
        if dimensions.count + attributes.count > IdentificationConfig.maximumDimensions {
            error(node, "attributes", expected: "at most \(IdentificationConfig.maximumDimensions) dimensions and attributes together",
                  found: "\(dimensions.count + attributes.count)")
        }
        return (attributes, broken)
    }

    private func readDimension(_ node: Node, path: String) -> Dimension? {
        guard let entries = mapping(node, path: path, keys: IdentificationConfig.dimensionKeys,
                                    expected: "a dimension (`{column: …, direction: below, cutoff: …, weight: …}`)") else { return nil }
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        var ok = true
        let column = value("column").flatMap { text($0, "\(path).column", expected: "the dimension's column in the student file") }
        if value("column") == nil {
            error(node, "\(path).column", expected: "`column:` naming the student file's column", found: "no `column`")
        }
        if column == nil { ok = false }
        var weight: Double?
        if let node = value("weight") {
            if let w = number(node, "\(path).weight", expected: "a weight w > 0") {
                if w > 0 && w <= 1 { weight = w } else {
                    error(node, "\(path).weight", expected: "a weight with 0 < w ≤ 1", found: describe(node))
                }
            }
        } else {
            error(node, "\(path).weight", expected: "`weight:` (the weights sum to 1)", found: "no `weight`")
        }
        if weight == nil { ok = false }

        var rule: DeprivationRule?
        let directions = ["below", "above", "at_most", "at_least"]
        switch (value("deprived_values"), value("cutoff"), value("direction")) {
        case let (values?, cutoff, direction):
            if let other = cutoff ?? direction {
                error(other, path, expected: "either `deprived_values` or `direction` and `cutoff`, not both", found: "both")
                ok = false
            }
            if case let .sequence(items) = values, !items.isEmpty {
                var list: [String] = []
                for (i, item) in items.enumerated() {
                    if case let .scalar(scalar) = item {
                        list.append(scalar.string.trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
                    } else {
                        error(item, "\(path).deprived_values[\(i)]", expected: "a value (text or number)", found: describe(item))
                        ok = false
                    }
                }
                rule = .values(list)
            } else {
                error(values, "\(path).deprived_values", expected: "a non-empty list of the values that mean deprived (`[\"1\", yes]`)",
                      found: describe(values))
                ok = false
            }
        case let (nil, cutoffNode?, directionNode?):
            let z = number(cutoffNode, "\(path).cutoff", expected: "a cutoff z (a number)")
            let direction = text(directionNode, "\(path).direction", expected: "a direction (\(directions.map { "`\($0)`" }.joined(separator: ", ")))")
            if let direction, !directions.contains(direction) {
                error(directionNode, "\(path).direction", expected: "a direction: `below` (value < cutoff), `above` (value > cutoff), `at_most` (≤) or `at_least` (≥)",
                      found: describe(directionNode), hint: Suggestion.hint(for: direction, among: directions))
            }
            if let z, let direction {
                switch direction {
                case "below": rule = .below(z)
                case "above": rule = .above(z)
                case "at_most": rule = .atMost(z)
                case "at_least": rule = .atLeast(z)
                default: ok = false
                }
            } else {
                ok = false
            }
        case (nil, _, _):
            error(node, path, expected: "`direction` and `cutoff` (a numeric column) or `deprived_values` (a flag column)",
                  found: value("cutoff") != nil ? "a `cutoff` without `direction`" : value("direction") != nil ? "a `direction` without `cutoff`" : "neither")
            ok = false
        }
        guard ok, let column, let weight, let rule else { return nil }
        return Dimension(column: column, rule: rule, weight: weight)
    }

    /// Reads an attribute: a column with `values` or `direction` and `cutoff`, no weight.
    private func readAttribute(_ node: Node, path: String) -> Attribute? {
        guard let entries = mapping(node, path: path, keys: IdentificationConfig.attributeKeys,
                                    expected: "an attribute (`{column: boarding, values: [\"1\"]}`)") else { return nil }
        // An attribute reads like a weightless dimension; `values` plays `deprived_values`.
        var pairs: [(Node, Node)] = entries.map { entry in
            let key: Node = entry.key == "values" ? Node("deprived_values") : entry.keyNode
            return (key, entry.value)
        }
        pairs.append((Node("weight"), Node("1")))
        guard let dimension = readDimension(Node.mapping(Node.Mapping(pairs, Tag(.map), .flow, node.mark)), path: path) else { return nil }
        return Attribute(column: dimension.column, rule: dimension.rule)
    }

    private func readCountSource(_ node: Node, path: String, dimensions: [Dimension], attributes: [Attribute],
                                 dimensionsBroken: Bool) -> CountSource? {
        let expected = "`students`, `identified`, a dimension or attribute column, or `{dimension: …, among: identified}`"
        let names = dimensions.map(\.column) + attributes.map(\.column)
        func source(_ name: String, _ at: Node, _ path: String, among identified: Bool) -> CountSource? {
            if let d = dimensions.firstIndex(where: { $0.column == name }) { return identified ? .censored(d) : .deprived(d) }
            if let a = attributes.firstIndex(where: { $0.column == name }) {
                return identified ? .identifiedAttribute(a) : .attribute(a)
            }
            if !dimensionsBroken {
                error(at, path, expected: "`students`, `identified` or a dimension or attribute column (\(names.map { "`\($0)`" }.joined(separator: ", ")))",
                      found: "`\(name)`", hint: Suggestion.hint(for: name, among: names + ["students", "identified"]))
            }
            return nil
        }
        switch node {
        case let .scalar(scalar) where !isNull(node):
            switch scalar.string {
            case "students": return .students
            case "identified": return .identified
            default: return source(scalar.string, node, path, among: false)
            }
        case .mapping:
            guard let entries = mapping(node, path: path, keys: ["dimension", "attribute", "among"], expected: expected) else { return nil }
            let named = entries.filter { $0.key == "dimension" || $0.key == "attribute" }
            guard named.count == 1, let nameNode = named.first?.value else {
                error(node, path, expected: "one `dimension:` or `attribute:` naming a column",
                      found: named.isEmpty ? "neither" : "both")
                return nil
            }
            guard let name = text(nameNode, "\(path).\(named[0].key)", expected: "a column named in the settings") else { return nil }
            var identified = false
            if let amongNode = entries.first(where: { $0.key == "among" })?.value {
                switch text(amongNode, "\(path).among", expected: "`identified` or `students`") {
                case "identified": identified = true
                case "students": identified = false
                case nil: return nil
                default:
                    error(amongNode, "\(path).among", expected: "`identified` (poor students only) or `students` (all)", found: describe(amongNode))
                    return nil
                }
            }
            return source(name, nameNode, "\(path).\(named[0].key)", among: identified)
        default:
            error(node, path, expected: expected, found: describe(node))
            return nil
        }
    }
}
