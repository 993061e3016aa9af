import Foundation
import Yams

/// The blocks of `scenario.yaml`: categories, funds, priority, dispatch, fairness, solver, variants.
extension ScenarioLoading {
    // MARK: Categories

    func readCategories(_ top: YAMLMapping) {
        guard let node = required(top, "categories", expected: "a list of need categories"),
              let items = yaml.sequence(node, path: "categories", expected: "a list of need categories")
        else {
            categoriesReadable = false
            sources.unreadable.insert("categories")
            return
        }
        let keys = ["id", "weight", "mandatory", "per_student", "projects", "name", "name_zh"]
        for (i, item) in items.enumerated() {
            let path = "categories[\(i)]"
            guard let map = yaml.mapping(item, path: path, keys: keys, expected: "a category (`{id: …, weight: …, per_student: …}`)"),
                  let idNode = required(map, "id", expected: "a category id"),
                  let id = yaml.identifier(idNode, path: map.path("id"), what: "a category id")
            else {
                categoriesReadable = false
                continue
            }
            if isRepeat(id, kind: "category", seen: categoryIndex[id] != nil, at: yaml.location(idNode, path: map.path("id"))) {
                continue
            }
            let weight = required(map, "weight", expected: "a weight ω > 0").flatMap {
                yaml.number($0, path: map.path("weight"), rule: .weight)
            } ?? 1
            var mandatory = map["mandatory"].flatMap { yaml.bool($0, path: map.path("mandatory")) } ?? false
            let rule: NeedRule
            if id == "dispatch" {
                for key in ["per_student", "projects"] {
                    if let keyNode = map.keyNode(key) {
                        log.error(yaml.location(keyNode, path: map.path(key)),
                                  expected: "no `\(key)` on the dispatch category (its need is the cost of dispatched teachers)",
                                  found: "`\(key)`")
                    }
                }
                // Any `mandatory`, even `false`, is an input error on dispatch (MODEL.md §11).
                if let node = map["mandatory"] {
                    log.error(yaml.location(node, path: map.path("mandatory")),
                              expected: "no `mandatory` on the dispatch category (its teachers are never mandatory)",
                              found: "`mandatory: \(yaml.isNull(node) ? "" : (node.scalar?.string ?? "…"))`")
                    mandatory = false
                }
                rule = .dispatch
            } else {
                rule = readNeedRule(map, category: categories.count)
            }
            categoryIndex[id] = categories.count
            firstLines["category:\(id)"] = idNode.mark?.line
            let names = displayNames(map)
            categories.append(NeedCategory(id: id, weight: weight, mandatory: mandatory, rule: rule, name: names.name, nameZh: names.nameZh))
        }
    }

    private func readNeedRule(_ map: YAMLMapping, category k: Int) -> NeedRule {
        let perStudent = map["per_student"], projects = map["projects"]
        let fallback = NeedRule.perStudent(count: .enrollment, rates: [:])
        if perStudent != nil, let keyNode = map.keyNode("projects") {
            log.error(yaml.location(keyNode, path: map.path("projects")), expected: "either `per_student` or `projects`",
                      found: "both")
            return fallback
        }
        if let projects {
            guard let file = yaml.string(projects, path: map.path("projects"), expected: "a project file name (`projects.csv`)")
            else { return fallback }
            if let f = projectFiles.firstIndex(where: { $0.file == file }) {
                projectFiles[f].categories.append(k)
            } else {
                projectFiles.append((file, [k], projects))
            }
            return .projects([])
        }
        guard let perStudent else {
            log.error(yaml.location(map.node, path: map.path("per_student")),
                      expected: "`per_student: {count: …, rates: {…}}` or `projects: FILE` (or the id `dispatch`)",
                      found: "neither")
            return fallback
        }
        let path = map.path("per_student")
        guard let spec = yaml.mapping(perStudent, path: path, keys: ["count", "rates"],
                                      expected: "`{count: …, rates: {level: amount}}`") else { return fallback }
        let countNames = CountField.allCases.map(\.rawValue)
        var count = CountField.enrollment
        if let node = required(spec, "count", expected: "the count that is paid for (\(Suggestion.list(countNames)))"),
           let text = yaml.string(node, path: spec.path("count")) {
            if let field = CountField(rawValue: text) {
                count = field
            } else {
                log.error(yaml.location(node, path: spec.path("count")), expected: "one of \(Suggestion.list(countNames))",
                          found: "`\(text)`", hint: Suggestion.hint(for: text, among: countNames))
            }
        }
        var rates: [SchoolLevel: Double] = [:]
        if let node = required(spec, "rates", expected: "rates by level (`rates: {primary: 1000}`)"),
           let rateMap = yaml.mapping(node, path: spec.path("rates"), keys: nil, expected: "a mapping of level → amount per student") {
            let levels = SchoolLevel.allCases.map(\.rawValue)
            for entry in rateMap.entries {
                let ratePath = rateMap.path(entry.key)
                guard let level = level(entry.key) else {
                    log.error(yaml.location(entry.keyNode, path: ratePath), expected: "a school level (\(Suggestion.list(levels)))",
                              found: "`\(entry.key)`", hint: Suggestion.hint(for: entry.key, among: levels))
                    continue
                }
                if let rate = yaml.number(entry.value, path: ratePath, rule: .money) { rates[level] = rate }
            }
        }
        return .perStudent(count: count, rates: rates)
    }

    // MARK: Funds

    func readFunds(_ top: YAMLMapping) {
        guard let node = required(top, "funds", expected: "a list of fund sources"),
              let items = yaml.sequence(node, path: "funds", expected: "a list of fund sources")
        else { return }
        let keys = ["id", "amount", "categories", "regions", "min_spend", "name", "name_zh", "growth", "carry_over"]
        for (i, item) in items.enumerated() {
            let path = "funds[\(i)]"
            guard let map = yaml.mapping(item, path: path, keys: keys, expected: "a fund (`{id: …, amount: …, categories: […]}`)"),
                  let idNode = required(map, "id", expected: "a fund id"),
                  let id = yaml.identifier(idNode, path: map.path("id"), what: "a fund id")
            else { continue }
            if isRepeat(id, kind: "fund", seen: fundIndex[id] != nil, at: yaml.location(idNode, path: map.path("id"))) { continue }
            let amount = required(map, "amount", expected: "an amount ≥ 0, or one per horizon year").flatMap {
                readFundAmount($0, path: map.path("amount"), fund: id, variant: nil)
            } ?? (amount: 0, amounts: nil)
            var eligible: [Int] = []
            if let node = required(map, "categories", expected: "the categories the fund may pay for (a list of ids)"),
               let list = yaml.strings(node, path: map.path("categories"), expected: "a list of category ids") {
                for (j, (name, entryNode)) in list.enumerated() {
                    if let k = categoryIndex[name] {
                        if !eligible.contains(k) { eligible.append(k) }
                    } else {
                        sources.unreadable.insert("\(path).categories")
                        if categoriesReadable {
                            log.error(yaml.location(entryNode, path: "\(path).categories[\(j)]"), expected: "a category id (\(Suggestion.list(categoryIndex.keys.sorted())))",
                                      found: "`\(name)`", hint: Suggestion.hint(for: name, among: categories.map(\.id)))
                        }
                    }
                }
            } else {
                sources.unreadable.insert("\(path).categories")
            }
            let regions = map["regions"].map { readEligibility($0, path: map.path("regions"), fund: id) } ?? .all
            let minSpend = map["min_spend"].flatMap {
                yaml.isNull($0) ? nil : yaml.number($0, path: map.path("min_spend"), rule: .fraction)
            } ?? 0
            fundIndex[id] = funds.count
            firstLines["fund:\(id)"] = idNode.mark?.line
            let names = displayNames(map)
            var fund = FundSource(id: id, amount: amount.amount, categories: eligible, regions: regions, minSpend: minSpend,
                                  name: names.name, nameZh: names.nameZh)
            fund.amounts = amount.amounts
            readFundHorizonKeys(map, into: &fund)
            funds.append(fund)
        }
    }

    /// `all`, a list of designations, or a list of region ids (MODEL.md §11).
    private func readEligibility(_ node: Node, path: String, fund: String) -> RegionEligibility {
        let words = "`all`, a list of region ids, or a list of designations (\(designationWords))"
        if case let .scalar(scalar) = node, !yaml.isNull(node) {
            if scalar.string.lowercased() == "all" { return .all }
            log.error(yaml.location(node, path: path), expected: words, found: yaml.describe(node))
            return .regions([])
        }
        guard let list = yaml.strings(node, path: path, expected: words) else { return .regions([]) }
        if list.isEmpty {
            log.warning(yaml.location(node, path: path), expected: "at least one eligible region",
                        found: "`regions: []`: fund `\(fund)` is eligible nowhere")
            return .regions([])
        }
        let designations = list.compactMap { designation($0.0) }
        if designations.count == list.count { return .designations(Set(designations)) }
        let ids = list.compactMap { regionIndex[$0.0] }
        if ids.count == list.count {
            var unique: [Int] = []
            for r in ids where !unique.contains(r) { unique.append(r) }
            return .regions(unique)
        }
        guard regionsReadable else { return .regions([]) }
        // Mixed or unknown entries: report each entry that is neither, or the mix itself.
        var reported = false
        for (j, (text, entryNode)) in list.enumerated()
        where regionIndex[text] == nil && designation(text) == nil {
            log.error(yaml.location(entryNode, path: "\(path)[\(j)]"), expected: "a region id of \(sources.regions.file) or a designation",
                      found: "`\(text)`", hint: Suggestion.hint(for: text, among: regions.map(\.id) + designationIDs))
            reported = true
        }
        if !reported {
            log.error(yaml.location(node, path: path), expected: "only region ids or only designations",
                      found: "a list mixing both")
        }
        return .regions([])
    }

    // MARK: Priority, dispatch, solver

    /// A priority block; omitted keys take the defaults (base 1, every β 0), never the base scenario's.
    func readPriority(_ node: Node?, path: String) -> PriorityRule {
        var rule = PriorityRule()
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: ["base", "poor_share", "left_behind_share", "disabled_share",
                                                             "rural", "poverty_county"])
        else {
            if let node, !yaml.isNull(node) { sources.unreadable.insert(path) }
            return rule
        }
        for entry in map.entries {
            guard let value = yaml.number(entry.value, path: map.path(entry.key), rule: .priority) else {
                sources.unreadable.insert(path)
                continue
            }
            switch entry.key {
            case "base": rule.base = value
            case "poor_share": rule.poorShare = value
            case "left_behind_share": rule.leftBehindShare = value
            case "disabled_share": rule.disabledShare = value
            case "rural": rule.rural = value
            default: rule.povertyCounty = value
            }
        }
        return rule
    }

    /// A dispatch block; omitted keys take the defaults (λ 0, integer, all candidates).
    func readDispatch(_ node: Node?, path: String) -> DispatchSettings {
        var settings = DispatchSettings()
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: ["value_per_teacher", "travel_penalty_per_km", "integer",
                                                             "candidate_limit"])
        else {
            if let node, !yaml.isNull(node) { sources.unreadable.insert(path) }
            return settings
        }
        for entry in map.entries {
            let keyPath = map.path(entry.key)
            switch entry.key {
            case "value_per_teacher":
                if yaml.isNull(entry.value) { continue }
                if let v = yaml.number(entry.value, path: keyPath, rule: .money) {
                    settings.valuePerTeacher = v
                } else {
                    sources.unreadable.insert(path)
                }
            case "travel_penalty_per_km":
                if let v = yaml.number(entry.value, path: keyPath, rule: .travelPenalty) { settings.travelPenaltyPerKm = v }
            case "integer":
                if let v = yaml.bool(entry.value, path: keyPath) { settings.integer = v }
            default:
                if yaml.isNull(entry.value) { continue }
                if case let .scalar(s) = entry.value, ["unlimited", "all"].contains(s.string.lowercased()) { continue }
                if let v = yaml.wholeNumber(entry.value, path: keyPath, range: 1...InputLimits.candidateLimit) {
                    settings.candidateLimit = v
                }
            }
        }
        return settings
    }

    func readSolver(_ node: Node?, path: String) -> SolverSettings {
        var settings = SolverSettings()
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: ["time_limit_s", "mip_gap"])
        else { return settings }
        for entry in map.entries where !yaml.isNull(entry.value) {
            if entry.key == "time_limit_s" {
                settings.timeLimitSeconds = yaml.number(entry.value, path: map.path(entry.key), rule: .timeLimit)
            } else {
                settings.mipGap = yaml.number(entry.value, path: map.path(entry.key), rule: .mipGap)
            }
        }
        return settings
    }

    // MARK: Fairness

    /// A fairness block; rules it omits are off, and a rule's omitted keys take the defaults.
    /// Each rule's block is read by its type (``RuleSetting/read(_:)``); the settings are listed in
    /// the order of ``ruleTypes``, whatever their order in the file.
    func readFairness(_ node: Node?, path: String) -> FairnessSettings {
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: ruleTypes.map { $0.key })
        else { return FairnessSettings() }
        var read: [any RuleSetting] = []
        var names: [String: (name: String?, nameZh: String?)] = [:]
        for type in ruleTypes {
            guard let value = map[type.key],
                  let rule = ruleMapping(value, path: map.path(type.key), keys: type.parameterKeys) else { continue }
            let mode = readMode(rule)
            let setting = type.read(RuleBlock(mode: mode ?? .hard, map: rule, loading: self))
            if mode != nil, let setting { read.append(setting) }
            let given = displayNames(rule)
            if given.name != nil || given.nameZh != nil { names[type.key] = given }
        }
        var settings = FairnessSettings(read)
        settings.names = names
        return settings
    }

    private func ruleMapping(_ node: Node, path: String, keys: [String]) -> YAMLMapping? {
        yaml.mapping(node, path: path, keys: ["mode", "penalty", "name", "name_zh"] + keys, expected: "a rule (`{mode: hard, …}`)")
    }

    /// A block's display names (`name`, `name_zh`: at most 200 characters, no control
    /// characters), each problem logged where it is; absent or null reads nil.
    func displayNames(_ map: YAMLMapping) -> (name: String?, nameZh: String?) {
        func read(_ key: String) -> String? {
            map[key].flatMap { yaml.isNull($0) ? nil : yaml.displayName($0, path: map.path(key)) }
        }
        return (read("name"), read("name_zh"))
    }

    /// `mode` (default hard) and, for a soft rule, its `penalty` ≥ 0 (required).
    private func readMode(_ rule: YAMLMapping) -> RuleMode? {
        var soft = false
        if let node = rule["mode"], !yaml.isNull(node) {
            guard let text = yaml.string(node, path: rule.path("mode")) else { return nil }
            switch text.lowercased() {
            case "hard": soft = false
            case "soft": soft = true
            default:
                log.error(yaml.location(node, path: rule.path("mode")), expected: "`hard` or `soft`", found: "`\(text)`",
                          hint: Suggestion.hint(for: text, among: ["hard", "soft"]))
                return nil
            }
        }
        let penaltyNode = rule["penalty"].flatMap { yaml.isNull($0) ? nil : $0 }
        if !soft {
            if let penaltyNode {
                log.warning(yaml.location(penaltyNode, path: rule.path("penalty")), expected: "no penalty on a hard rule",
                            found: "a penalty (ignored; write `mode: soft` to use it)")
            }
            return .hard
        }
        guard let penaltyNode else {
            log.error(yaml.location(rule.node, path: rule.path("penalty")), expected: "a `penalty` ≥ 0 for a soft rule",
                      found: "no penalty")
            return nil
        }
        guard let penalty = yaml.number(penaltyNode, path: rule.path("penalty"), rule: .penalty) else { return nil }
        return .soft(penalty: penalty)
    }

    // MARK: Variants

    func readVariants(_ top: YAMLMapping) {
        guard let node = top["variants"], !yaml.isNull(node),
              let items = yaml.sequence(node, path: "variants", expected: "a list of variants")
        else { return }
        let keys = ["name", "funds_scale", "fund_amounts", "fairness", "priority", "dispatch", "solver", "robust", "horizon",
                    "fund_growth", "fund_carry_over"]
        var names: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "variants[\(i)]"
            guard let map = yaml.mapping(item, path: path, keys: keys, expected: "a variant (`{name: …, funds_scale: 0.8}`)"),
                  let nameNode = required(map, "name", expected: "a variant name"),
                  let name = yaml.displayName(nameNode, path: map.path("name"), expected: "a variant name")
            else { continue }
            if isRepeat(name, kind: "variant", what: "name", seen: names[name] != nil, at: yaml.location(nameNode, path: map.path("name"))) {
                continue
            }
            names[name] = i
            firstLines["variant:\(name)"] = nameNode.mark?.line
            var variant = Variant(name: name)
            if let scale = map["funds_scale"], !yaml.isNull(scale) {
                variant.fundsScale = yaml.number(scale, path: map.path("funds_scale"), rule: .fundsScale)
            }
            if let amounts = map["fund_amounts"], !yaml.isNull(amounts),
               let amountMap = yaml.mapping(amounts, path: map.path("fund_amounts"), keys: nil, expected: "a mapping of fund id → amount") {
                for entry in amountMap.entries {
                    let amount = readFundAmount(entry.value, path: amountMap.path(entry.key), fund: entry.key, variant: name)
                    guard fundIndex[entry.key] != nil else {
                        log.error(yaml.location(entry.keyNode, path: amountMap.path(entry.key)),
                                  expected: "a fund id (\(Suggestion.list(funds.map(\.id))))", found: "`\(entry.key)`",
                                  hint: Suggestion.hint(for: entry.key, among: funds.map(\.id)))
                        continue
                    }
                    if let amount {
                        if let list = amount.amounts { variant.fundAmountLists[entry.key] = list } else { variant.fundAmounts[entry.key] = amount.amount }
                    }
                }
            }
            readVariantHorizonKeys(map, into: &variant)
            // A block replaces the base's whole: read it on its own, with the defaults for what it omits.
            if let block = map["fairness"] { variant.fairness = readFairness(block, path: map.path("fairness")) }
            if let block = map["priority"] { variant.priority = readPriority(block, path: map.path("priority")) }
            if let block = map["dispatch"] { variant.dispatch = readDispatch(block, path: map.path("dispatch")) }
            if let block = map["solver"] { variant.solver = readSolver(block, path: map.path("solver")) }
            if let block = map["robust"] { variant.robust = readRobust(block, path: map.path("robust")) }
            variants.append(variant)
        }
    }

    /// Whether `name` repeats one already in its list (`seen`): then an error at `location`, with the
    /// line of the first (``firstLines``, by `kind`). `what` is `id` or `name`.
    func isRepeat(_ name: String, kind: String, what: String = "id", seen: Bool, at location: SourceLocation) -> Bool {
        guard seen else { return false }
        log.error(location, expected: "each \(kind) \(what) once", found: "`\(name)` again",
                  hint: firstLines["\(kind):\(name)"].map { "first on line \($0)" })
        return true
    }
}
