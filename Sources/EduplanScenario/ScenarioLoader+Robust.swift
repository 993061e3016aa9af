import Yams

/// The `robust:` block of scenario.yaml and of a variant (docs/format.md, "robust").
extension ScenarioLoading {
    static let robustKeys = ["gamma", "relative", "fund_shortfall", "deviation_probability", "samples", "seed"]

    /// A `robust:` block; omitted keys take the defaults (never the base scenario's). Nil when the
    /// node is absent or null, or when `gamma` cannot be read (then the problem is logged).
    func readRobust(_ node: Node?, path: String) -> RobustSettings? {
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: Self.robustKeys,
                                     expected: "robust settings (`{gamma: 0.3, relative: 0.1}`)")
        else { return nil }
        // Every key is read (every problem at once); the block counts only with a γ.
        let gamma = required(map, "gamma", expected: "γ, the share of a region's schools that deviate at once (0 to 1)")
            .flatMap { yaml.number($0, path: map.path("gamma"), rule: .fraction) }
        var settings = RobustSettings(gamma: gamma ?? 0)
        for entry in map.entries where !yaml.isNull(entry.value) {
            let keyPath = map.path(entry.key)
            switch entry.key {
            case "relative":
                settings.relative = yaml.number(entry.value, path: keyPath, rule: .robustRelative) ?? 0
            case "deviation_probability":
                settings.deviationProbability = yaml.number(entry.value, path: keyPath, rule: .fraction) ?? settings.deviationProbability
            case "samples":
                settings.samples = yaml.wholeNumber(entry.value, path: keyPath, range: 1...InputLimits.robustSamples) ?? settings.samples
            case "seed":
                settings.seed = yaml.wholeNumber(entry.value, path: keyPath, range: 0...InputLimits.robustSeed)
                    .map { UInt64($0) } ?? settings.seed
            case "fund_shortfall":
                settings.fundShortfall = readShortfall(entry.value, path: keyPath)
            default:
                break
            }
        }
        return gamma == nil ? nil : settings
    }

    /// `{FUND: φ}`: φ in [0, 1] by fund id of the scenario.
    private func readShortfall(_ node: Node, path: String) -> [Int: Double] {
        guard let map = yaml.mapping(node, path: path, keys: nil, expected: "a mapping of fund id → share that may not arrive")
        else { return [:] }
        var shortfall: [Int: Double] = [:]
        for entry in map.entries {
            let share = yaml.number(entry.value, path: map.path(entry.key), rule: .fraction)
            guard let f = fundIndex[entry.key] else {
                log.error(yaml.location(entry.keyNode, path: map.path(entry.key)),
                          expected: "a fund id (\(Suggestion.list(funds.map(\.id))))", found: "`\(entry.key)`",
                          hint: Suggestion.hint(for: entry.key, among: funds.map(\.id)))
                continue
            }
            if let share { shortfall[f] = share }
        }
        return shortfall
    }
}
