import Foundation
import EduplanIO
import Yams

/// The setting side of one fairness rule: its YAML key, how its block is read (with locations)
/// and written, and how two settings compare. The planner's rules (`FairnessRule`) refine it, so
/// a rule's key, parse and write live in the rule's own file; this module never names a rule.
///
/// The loader is handed the rule types it knows (``ScenarioLoader/load(from:rules:)``); it reads
/// `mode` and `penalty` itself and gives the rest of the block to ``read(_:)``.
public protocol RuleSetting: Sendable {
    /// The YAML key under `fairness:` (`hoover`, `shortage_cap`, …), spelled only in the rule's file.
    static var key: String { get }
    /// The keys of the rule's block besides `mode` and `penalty`; any other key is an error.
    static var parameterKeys: [String] { get }
    /// Hard, or soft with its penalty ρ.
    var mode: RuleMode { get }
    /// Reads the rule's parameters from its block (mode and penalty already read, in
    /// ``RuleBlock/mode``), logging every problem with file, line and column; nil after a problem.
    static func read(_ block: RuleBlock) -> Self?
    /// The block's parameters after `mode`/`penalty`, as canonical YAML flow entries (key, value
    /// text) in a fixed order: ``ScenarioWriter`` writes them and the fingerprint hashes them.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)]
    /// Whether `other` is the same rule with the same setting.
    func isEqual(to other: any RuleSetting) -> Bool
    /// What the setting cannot be for this scenario, found once every file is read (F4: a
    /// coefficient below the tiny-value rule); each becomes an error at the named parameter.
    /// The default finds nothing.
    func problems(in scenario: Scenario) -> [RuleSettingProblem]
    /// The tables of the scenario folder the setting reads (F8's reference `region,money`), as
    /// canonical CSV by file name: ``ScenarioWriter`` writes them beside scenario.yaml and the
    /// fingerprint hashes them. The default has none.
    func tableFiles(regions: [Region]) -> [(name: String, contents: String)]
}

extension RuleSetting {
    /// The YAML key of the rule (``RuleSetting/key``).
    public var key: String { Self.key }
    /// Nothing to check against the scenario.
    public func problems(in scenario: Scenario) -> [RuleSettingProblem] { [] }
    /// No table.
    public func tableFiles(regions: [Region]) -> [(name: String, contents: String)] { [] }
}

extension RuleSetting where Self: Equatable {
    /// Equal when `other` is of the same type and equal as a value.
    public func isEqual(to other: any RuleSetting) -> Bool { (other as? Self) == self }
}

/// A rule setting that does not fit the scenario it was read with, at one of its parameters.
public struct RuleSettingProblem: Sendable, Equatable {
    /// The parameter's key in the rule's block (`gamma`).
    public var parameter: String
    public var expected: String
    public var found: String
    public var hint: String?

    public init(parameter: String, expected: String, found: String, hint: String? = nil) {
        self.parameter = parameter
        self.expected = expected
        self.found = found
        self.hint = hint
    }
}

/// One rule's block of `scenario.yaml` as the loader read it: its mode, and typed readers for its
/// parameters that log every problem with file, line, column, expected and found.
public struct RuleBlock {
    /// The block's mode (`hard` when the block's own mode could not be read: the loader then
    /// drops the setting, but its parameters are still checked).
    public let mode: RuleMode
    let map: YAMLMapping
    let loading: ScenarioLoading

    /// A required number of the block in the range `rule` allows; nil (logged) when missing or bad.
    public func number(_ key: String, rule: NumberRule, expected: String) -> Double? {
        loading.required(map, key, expected: expected).flatMap { loading.yaml.number($0, path: map.path(key), rule: rule) }
    }

    /// An optional list of designations; `fallback` when the key is absent. Unknown entries are
    /// logged (with a did-you-mean) and left out.
    public func designations(_ key: String, fallback: Set<Designation>) -> Set<Designation> {
        guard let node = map[key],
              let list = loading.yaml.strings(node, path: map.path(key),
                                              expected: "a list of designations (\(loading.designationWords))")
        else { return fallback }
        var designations: Set<Designation> = []
        for (j, (text, itemNode)) in list.enumerated() {
            if let d = loading.designation(text) {
                designations.insert(d)
            } else if loading.designationsReadable {
                let names = loading.designationIDs
                loading.log.error(loading.yaml.location(itemNode, path: "\(map.path(key))[\(j)]"),
                                  expected: "a designation (\(Suggestion.list(names)))", found: "`\(text)`",
                                  hint: Suggestion.hint(for: text, among: names))
            }
        }
        return designations
    }

    /// The designations of the scenario's list with a poverty weight above 0 (national and
    /// provincial in the default list): what F3 and F7 count as designated when not told.
    public var weightedDesignations: Set<Designation> {
        Set(loading.designations.filter { $0.povertyWeight > 0 }.map(\.id))
    }

    /// An optional mapping of designation id → number in the range `rule` allows; nil when the key
    /// is absent. Unknown designations are logged (with a did-you-mean) and left out.
    public func designationNumbers(_ key: String, rule: NumberRule, expected: String) -> [Designation: Double]? {
        guard let node = map[key], !loading.yaml.isNull(node) else { return nil }
        guard let entries = loading.yaml.mapping(node, path: map.path(key), keys: nil, expected: expected) else { return [:] }
        var values: [Designation: Double] = [:]
        for entry in entries.entries {
            let path = entries.path(entry.key)
            let value = loading.yaml.number(entry.value, path: path, rule: rule)
            guard let d = loading.designation(entry.key) else {
                if loading.designationsReadable {
                    loading.log.error(loading.yaml.location(entry.keyNode, path: path),
                                      expected: "a designation (\(Suggestion.list(loading.designationIDs)))", found: "`\(entry.key)`",
                                      hint: Suggestion.hint(for: entry.key, among: loading.designationIDs))
                }
                continue
            }
            if let value { values[d] = value }
        }
        return values
    }

    /// A required mapping of money category id → fraction, keyed by category index. Unknown
    /// categories (did-you-mean) and `dispatch` are logged and left out.
    public func categoryFractions(_ key: String, expected: String) -> [Int: Double] {
        var fractions: [Int: Double] = [:]
        guard let node = loading.required(map, key, expected: expected),
              let entries = loading.yaml.mapping(node, path: map.path(key), keys: nil, expected: "a mapping of category → fraction α")
        else { return fractions }
        let categories = loading.categories
        for entry in entries.entries {
            let path = entries.path(entry.key)
            let value = loading.yaml.number(entry.value, path: path, rule: .fraction)
            guard let k = loading.categoryIndex[entry.key] else {
                if loading.categoriesReadable {
                    loading.log.error(loading.yaml.location(entry.keyNode, path: path),
                                      expected: "a category id (\(Suggestion.list(categories.map(\.id))))",
                                      found: "`\(entry.key)`", hint: Suggestion.hint(for: entry.key, among: categories.map(\.id)))
                }
                continue
            }
            if categories[k].isDispatch {
                loading.log.error(loading.yaml.location(entry.keyNode, path: path),
                                  expected: "a money category (the floor applies to x, not to dispatch)", found: "`dispatch`")
                continue
            }
            if let value { fractions[k] = value }
        }
        return fractions
    }
}

/// Canonical YAML text for a rule's ``RuleSetting/yamlEntries(categories:)``, as ``ScenarioWriter``
/// writes every other value (shortest exact numbers, quoted text only where needed).
public enum RuleYAML {
    /// A number, shortest exact form.
    public static func number(_ value: Double) -> String { ScenarioWriter.number(value) }
    /// A text (an id), quoted only where YAML needs it.
    public static func text(_ text: String) -> String { ScenarioWriter.yamlText(text) }
    /// A flow list of designations, in a fixed order: national, provincial, none, then any other
    /// id in text order (so the default list writes as it always has).
    public static func designations(_ set: Set<Designation>) -> String {
        "[" + set.sorted(by: designationOrder).map { text($0.rawValue) }.joined(separator: ", ") + "]"
    }

    /// A flow mapping of designation id → number, in the order of ``designations(_:)``.
    public static func designationNumbers(_ values: [Designation: Double]) -> String {
        "{" + values.keys.sorted(by: designationOrder).map { "\(text($0.rawValue)): \(number(values[$0]!))" }.joined(separator: ", ") + "}"
    }

    /// The canonical order of designation ids: the default three first (national, provincial, none).
    public static func designationOrder(_ a: Designation, _ b: Designation) -> Bool {
        let fixed: [Designation] = [.national, .provincial, .none]
        let rank = { (d: Designation) in fixed.firstIndex(of: d) ?? fixed.count }
        return (rank(a), a.rawValue) < (rank(b), b.rawValue)
    }
    /// A flow mapping of category id → fraction, in category order.
    public static func categoryFractions(_ fractions: [Int: Double], categories: [NeedCategory]) -> String {
        "{" + fractions.keys.sorted().map { "\(text(categories[$0].id)): \(number(fractions[$0]!))" }.joined(separator: ", ") + "}"
    }
}

// MARK: Readers for region-level settings (F8 hold-harmless)

extension RuleBlock {
    /// An optional number of the block in the range `rule` allows; `fallback` when the key is
    /// absent, nil (logged) when present and bad.
    public func optionalNumber(_ key: String, rule: NumberRule, fallback: Double) -> Double? {
        guard let node = map[key] else { return fallback }
        return loading.yaml.number(node, path: map.path(key), rule: rule)
    }

    /// An optional text of the block (nil when absent or not a text; the latter logged).
    public func text(_ key: String, expected: String) -> String? {
        map[key].flatMap { loading.yaml.string($0, path: map.path(key), expected: expected) }
    }

    /// Whether the block has `key`.
    public func isPresent(_ key: String) -> Bool { map[key] != nil }

    /// The bytes of the file `key` names, a path inside the scenario folder (a missing file, or a
    /// path leading outside the folder, logged at the key); nil when absent or unreadable.
    public func fileData(_ key: String, expected: String) -> (file: String, data: Data)? {
        guard let node = map[key], let file = loading.yaml.string(node, path: map.path(key), expected: expected),
              let data = loading.readData(file, missing: loading.yaml.location(node, path: map.path(key))) else { return nil }
        return (file, data)
    }

    /// Adds problems found in a file the block names (a plan read by a rule) to the loader's.
    public func log(_ problems: [ScenarioProblem]) {
        for problem in problems { loading.log.add(problem) }
    }

    /// A list of region ids of regions.csv, in the order written, each once; unknown ids are
    /// logged with a did-you-mean and left out.
    public func regionIDs(_ key: String) -> [String] {
        guard let node = map[key],
              let list = loading.yaml.strings(node, path: map.path(key), expected: "a list of region ids")
        else { return [] }
        var ids: [String] = []
        for (j, (id, itemNode)) in list.enumerated() {
            if loading.regionIndex[id] != nil {
                if !ids.contains(id) { ids.append(id) }
            } else if loading.regionsReadable {
                let ids = loading.regions.map(\.id)
                loading.log.error(loading.yaml.location(itemNode, path: "\(map.path(key))[\(j)]"),
                                  expected: "a region id of regions.csv", found: "`\(id)`",
                                  hint: Suggestion.hint(for: id, among: ids))
            }
        }
        return ids
    }

    /// The table named by the text at `key` (a CSV, or FILE.xlsx#SHEET, inside the scenario
    /// folder) with columns `region,money`, as money by region index; every bad cell, unknown or
    /// repeated region is logged at its line and column. Nil when the file cannot be read.
    public func regionMoneyTable(_ key: String) -> [Int: Double]? {
        guard let node = map[key], let file = loading.yaml.string(node, path: map.path(key), expected: "a file name") else { return nil }
        guard let table = loading.openTable(.init(file: file, node: node), required: true) else { return nil }
        guard loading.checkColumns(table, required: ["region", "money"], optional: []) else { return nil }
        var money: [Int: Double] = [:]
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: loading.log)
            guard let id = reader.text("region", expected: "a region id") else { continue }
            let value = reader.number("money", rule: .money).value
            guard let r = loading.regionIndex[id] else {
                if loading.regionsReadable {
                    loading.log.error(reader.location("region"), expected: "a region id of regions.csv", found: "`\(id)`",
                                      hint: Suggestion.hint(for: id, among: loading.regions.map(\.id)))
                }
                continue
            }
            if money[r] != nil {
                loading.log.error(reader.location("region"), expected: "each region once", found: "`\(id)` again")
                continue
            }
            guard let value else {
                if !reader.bad { loading.log.error(reader.location("money"), expected: "an amount from 0 to 1e13", found: "an empty cell") }
                continue
            }
            money[r] = value
        }
        return money
    }
}
