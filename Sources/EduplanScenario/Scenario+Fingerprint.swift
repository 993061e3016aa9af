/// The two hashes a plan records of the scenario it was solved from (plan.json
/// `scenario_fingerprint` and `scenario_identity`), so that a plan cannot silently be used with
/// another scenario (`solve --previous`, `evaluate --scenario`).
///
/// - `inputs` (`scenario_fingerprint`): SHA-256 of every canonical input of the scenario as solved:
///   the variant's name (or "base"), then the files ``ScenarioWriter`` writes for the scenario with
///   its variant applied and its list of variants left out (the other variants do not change this
///   plan). ScenarioWriter's output depends only on the scenario's values (fixed key and column
///   order, shortest exact numbers, never dictionary order), so the same scenario gives the same
///   fingerprint in every process, and any change to a number, an id, a name or a rule — or another
///   variant — changes it. Whitespace, comments, column order or file names in the folder do not.
/// - `identity` (`scenario_identity`): SHA-256 of the scenario's name, its region ids and its school
///   ids (each set sorted byte by byte). It says *which* province's schools a plan is about, not
///   what the facts were: a re-plan after enrollment, poverty counts, funds, categories, teacher
///   groups, rules or the variant changed keeps the identity; another scenario (another name, or
///   schools or regions added or removed) does not.
///
/// Every field is hashed as `label, byte count, newline, bytes, newline`, so no two inputs can
/// run together. Both hashes are 64 lowercase hexadecimal digits; messages show the first 12.
/// - Complexity: O(size of the scenario) (the canonical files are built once per call).
public struct ScenarioFingerprint: Sendable, Equatable {
    /// SHA-256 of the canonical inputs (plan.json `scenario_fingerprint`).
    public var inputs: String
    /// SHA-256 of the name, region ids and school ids (plan.json `scenario_identity`).
    public var identity: String

    /// Both hashes of `scenario` (with its variant, if one was applied).
    public init(_ scenario: Scenario) {
        inputs = Self.inputsHash(scenario)
        identity = Self.identityHash(scenario)
    }

    /// Hashes already known (read from a plan, or for tests).
    public init(inputs: String, identity: String) {
        self.inputs = inputs
        self.identity = identity
    }

    /// The first 12 hexadecimal digits, for messages.
    public static func short(_ hash: String) -> String { String(hash.prefix(12)) }

    private static func inputsHash(_ scenario: Scenario) -> String {
        var hash = FieldHash(kind: "eduplan scenario fingerprint v1")
        hash.field("variant", scenario.variantName.map { "variant " + $0 } ?? "base")
        var canonical = scenario.withoutDisplayText
        canonical.variants = []
        for file in ScenarioWriter.files(for: canonical.withoutHorizonInputs) {
            hash.field("file", file.name)
            hash.field("contents", file.contents)
        }
        if let horizon = canonical.horizon { horizonFields(canonical, horizon, into: &hash) }
        return hash.hex
    }

    /// A horizon's fields (none without one, so such a scenario keeps its fingerprint): the years
    /// and δ, each year's one-year scenario as the writer writes it (its counts, budgets, teacher
    /// counts, projects and rules), the carry-over fractions and contract lengths.
    private static func horizonFields(_ scenario: Scenario, _ horizon: Horizon, into hash: inout FieldHash) {
        hash.field("horizon", horizon.years.map(String.init).joined(separator: ","))
        hash.field("discount", ScenarioWriter.number(horizon.discount))
        for fund in scenario.funds { hash.field("carry_over", "\(fund.id) \(ScenarioWriter.number(fund.carryOver))") }
        for group in scenario.teacherGroups { hash.field("contract_years", "\(group.id) \(group.contractYears)") }
        for year in scenario.yearScenarios() {
            hash.field("year", "\(year.year ?? 0)")
            for file in ScenarioWriter.files(for: year.withoutHorizonInputs) {
                hash.field("file", file.name)
                hash.field("contents", file.contents)
            }
        }
    }

    private static func identityHash(_ scenario: Scenario) -> String {
        var hash = FieldHash(kind: "eduplan scenario identity v1")
        hash.field("name", scenario.name)
        func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        for id in scenario.regions.map(\.id).sorted(by: byteOrder) { hash.field("region", id) }
        for id in scenario.schools.map(\.id).sorted(by: byteOrder) { hash.field("school", id) }
        return hash.hex
    }

    /// SHA-256 over length-prefixed fields.
    private struct FieldHash {
        var sha = SHA256()
        init(kind: String) { field("kind", kind) }
        mutating func field(_ label: String, _ value: String) {
            sha.update("\(label) \(value.utf8.count)\n")
            sha.update(value)
            sha.update("\n")
        }
        var hex: String { sha.hexDigest() }
    }
}

/// What a plan file says about the scenario it was solved from.
public struct PlanOrigin: Sendable, Equatable {
    /// The plan's `scenario` (name) and `variant`.
    public var scenario: String?
    public var variant: String?
    /// `scenario_fingerprint` and `scenario_identity`; nil in plans written before they existed.
    public var fingerprint: String?
    public var identity: String?

    /// What a plan records (nil where it records nothing).
    public init(scenario: String? = nil, variant: String? = nil, fingerprint: String? = nil, identity: String? = nil) {
        self.scenario = scenario
        self.variant = variant
        self.fingerprint = fingerprint
        self.identity = identity
    }

    /// How a plan relates to a scenario.
    public enum Match: Sendable, Equatable {
        /// Same canonical inputs: the plan was solved from exactly this scenario.
        case same
        /// Same identity (name, regions, schools), other inputs: facts changed since the plan.
        case factsChanged
        /// Another identity: a plan of another scenario.
        case foreign
        /// The plan records no fingerprint (written before fingerprints existed).
        case unrecorded
    }

    /// How this plan relates to the scenario with `fingerprint`.
    public func match(_ fingerprint: ScenarioFingerprint) -> Match {
        guard let inputs = self.fingerprint, let identity else { return .unrecorded }
        if inputs == fingerprint.inputs && identity == fingerprint.identity { return .same }
        return identity == fingerprint.identity ? .factsChanged : .foreign
    }

    /// `"Jiangxi 2024 demo" (variant "budget -20%"; fingerprint 3f0c2a9d1e7b)`.
    public var described: String {
        let name = scenario.map { "\"\($0)\"" } ?? "an unnamed scenario"
        let which = variant.map { "variant \"\($0)\"" } ?? "base"
        return "\(name) (\(which); fingerprint \(fingerprint.map(ScenarioFingerprint.short) ?? "none"))"
    }

    /// The same description of a scenario, for the other side of a comparison.
    public static func described(_ scenario: Scenario, _ fingerprint: ScenarioFingerprint) -> String {
        PlanOrigin(scenario: scenario.name, variant: scenario.variantName, fingerprint: fingerprint.inputs,
                   identity: fingerprint.identity).described
    }

    /// The problem of a plan in `file` used with `scenario` when they do not match as `required`
    /// (an error, or a warning when `allowed`); nil when they match well enough.
    ///
    /// - Parameter exact: true when only ``Match/same`` is good enough (`evaluate`), false when
    ///   changed facts are expected (`solve --previous`).
    public func problem(with scenario: Scenario, fingerprint: ScenarioFingerprint, file: String, exact: Bool,
                        allowed: Bool) -> ScenarioProblem? {
        let match = match(fingerprint)
        let severity: ScenarioProblem.Severity = allowed ? .warning : .error
        let here = Self.described(scenario, fingerprint)
        let pass = allowed ? "used anyway (--allow-foreign-plan)" : "pass --allow-foreign-plan to use it anyway"
        switch match {
        case .same:
            return nil
        case .factsChanged where !exact:
            return nil
        case .factsChanged:
            return ScenarioProblem(severity, file: file, field: "scenario_fingerprint",
                                   expected: "a plan of exactly this scenario, \(here)",
                                   found: "a plan of \(described)",
                                   hint: "the scenario's numbers or rules changed since the plan was solved; \(pass)")
        case .foreign:
            return ScenarioProblem(severity, file: file, field: "scenario_identity",
                                   expected: "a plan of this scenario, \(here)",
                                   found: "a plan of another scenario, \(described)",
                                   hint: "their names or their region or school ids differ; \(pass)")
        case .unrecorded:
            return ScenarioProblem(severity, file: file, field: "scenario_fingerprint",
                                   expected: "a plan that records the scenario it was solved from (scenario_fingerprint and scenario_identity), for \(here)",
                                   found: "none in this plan of \(described)",
                                   hint: "an older plan cannot be checked; solve again, or \(pass)")
        }
    }
}

extension Scenario {
    /// The scenario without what changes no plan: its `locale:` and the display names of its
    /// categories, funds and rules (`name`, `name_zh`). The fingerprint hashes this, so choosing
    /// a language or renaming a fund for readers keeps every plan's fingerprint.
    public var withoutDisplayText: Scenario {
        var plain = self
        plain.locale = nil
        for k in plain.categories.indices { (plain.categories[k].name, plain.categories[k].nameZh) = (nil, nil) }
        for f in plain.funds.indices { (plain.funds[f].name, plain.funds[f].nameZh) = (nil, nil) }
        plain.fairness = plain.fairness.withoutNames
        for v in plain.variants.indices { plain.variants[v].fairness = plain.variants[v].fairness?.withoutNames }
        return plain
    }
}

extension Scenario {
    /// The scenario with every multi-year input at its one-year default (no horizon, funds without
    /// amount lists, growth or carry-over, teachers on one-year posts without yearly counts,
    /// projects without a year): what the fingerprint hashes through ``ScenarioWriter`` before it
    /// hashes the horizon's own fields, so that fingerprints stay those of the plans made before
    /// the writer wrote horizons.
    var withoutHorizonInputs: Scenario {
        var plain = self
        plain.horizon = nil
        for f in plain.funds.indices { (plain.funds[f].amounts, plain.funds[f].growth, plain.funds[f].carryOver) = (nil, 0, 0) }
        for g in plain.teacherGroups.indices { (plain.teacherGroups[g].contractYears, plain.teacherGroups[g].yearCounts) = (1, [:]) }
        for k in plain.categories.indices {
            guard case let .projects(list) = plain.categories[k].rule else { continue }
            plain.categories[k].rule = .projects(list.map { project in
                var undated = project
                undated.year = nil
                return undated
            })
        }
        return plain
    }
}
