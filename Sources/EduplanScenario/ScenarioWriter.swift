import Foundation

/// Writes a ``Scenario`` as a scenario folder (format v1) that ``ScenarioLoader`` reads back to the same
/// scenario.
///
/// The bytes depend only on the scenario: keys and columns in a fixed order, numbers in their shortest
/// exact form, no dictionary iteration order anywhere. So the same scenario always gives identical files
/// (the generator's "same seed, same files" rests on this).
///
/// Files: `scenario.yaml`, `regions.csv`, `schools.csv`, `teachers.csv` (when there are teacher groups),
/// `distances.csv` (when there is a distance table) and `projects.csv` (when a category has projects;
/// one file per project category, `projects_<id>.csv`, when project ids repeat across categories).
public enum ScenarioWriter {
    /// One file of a scenario folder.
    public struct File: Sendable, Equatable {
        /// The name inside the folder.
        public var name: String
        public var contents: String
    }

    /// The files of `scenario`, in a fixed order.
    /// - Parameter tablePath: how scenario.yaml names each table file (default: by its file name;
    ///   `convert` names sheets of a workbook instead, `scenario.xlsx#schools`).
    /// - Complexity: O(size of the scenario).
    public static func files(for scenario: Scenario, tablePath: (String) -> String = { $0 }) -> [File] {
        let projectFiles = projectFileNames(scenario)
        var tables = [("regions", "regions.csv"), ("schools", "schools.csv")]
        if !scenario.teacherGroups.isEmpty { tables.append(("teachers", "teachers.csv")) }
        if scenario.distances != nil { tables.append(("distances", "distances.csv")) }
        let horizonFiles = HorizonFiles(scenario, tablePath: tablePath)
        let named = settings(scenario, tables: tables.map { ($0.0, tablePath($0.1)) }, projectFiles: projectFiles.mapValues(tablePath),
                             horizonFiles: horizonFiles)
        var files = [File(name: ScenarioLoader.settingsFile, contents: named),
                     File(name: "regions.csv", contents: regions(scenario)),
                     File(name: "schools.csv", contents: schools(scenario, scenario.schools))]
        if !scenario.teacherGroups.isEmpty { files.append(File(name: "teachers.csv", contents: teachers(scenario))) }
        if let table = scenario.distances { files.append(File(name: "distances.csv", contents: distances(scenario, table))) }
        var written: [String] = []
        for (_, name) in projectFiles.sorted(by: { $0.key < $1.key }) where !written.contains(name) {
            written.append(name)
            let served = projectFiles.filter { $0.value == name }.map(\.key).sorted()
            files.append(File(name: name, contents: projects(scenario, categories: served)))
        }
        files += horizonFiles.tableFiles(scenario)
        let rules = scenario.fairness.rules + scenario.variants.flatMap { $0.fairness?.rules ?? [] } + horizonRules(scenario)
        for table in rules.flatMap({ $0.tableFiles(regions: scenario.regions) }) where !files.contains(where: { $0.name == table.name }) {
            files.append(File(name: table.name, contents: table.contents))
        }
        return files
    }

    /// Writes the files of `scenario` into `directory` (created when missing); files of the same names
    /// are replaced, other files are left alone.
    public static func write(_ scenario: Scenario, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files(for: scenario) {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.name), options: .atomic)
        }
    }

    // MARK: scenario.yaml

    private static func settings(_ s: Scenario, tables: [(String, String)], projectFiles: [Int: String],
                                 horizonFiles: HorizonFiles) -> String {
        var out = "# eduplan scenario, format v1\n"
        out += "format: 1\n"
        out += "name: \(quotedYAML(s.name))\n"
        if let year = s.year { out += "year: \(year)\n" }
        out += "currency: \(yamlText(s.currency))\n"
        if let locale = s.locale { out += "locale: \(locale.rawValue)\n" }
        out += "subjects: {" + s.subjects.map { "\(yamlText($0.id)): \(number($0.share))" }.joined(separator: ", ") + "}\n"
        out += "student_teacher_ratio: {" + SchoolLevel.allCases.compactMap { level in
            s.studentTeacherRatio[level].map { "\(level.rawValue): \(number($0))" }
        }.joined(separator: ", ") + "}\n"
        out += designations(s.designations)
        out += "categories:\n"
        for (k, category) in s.categories.enumerated() {
            var parts = ["id: \(yamlText(category.id))", "weight: \(number(category.weight))"]
            if category.mandatory { parts.append("mandatory: true") }
            switch category.rule {
            case let .perStudent(count, rates):
                let rateText = SchoolLevel.allCases.compactMap { level in rates[level].map { "\(level.rawValue): \(number($0))" } }
                parts.append("per_student: {count: \(count.rawValue), rates: {\(rateText.joined(separator: ", "))}}")
            case .projects:
                parts.append("projects: \(yamlText(projectFiles[k] ?? "projects.csv"))")
            case .dispatch:
                break
            }
            parts += displayNames(category.name, category.nameZh)
            out += "  - {\(parts.joined(separator: ", "))}\n"
        }
        out += "funds:\n"
        for fund in s.funds {
            var parts = ["id: \(yamlText(fund.id))", "amount: \(fundAmount(fund))",
                         "categories: [\(fund.categories.map { yamlText(s.categories[$0].id) }.joined(separator: ", "))]"]
            switch fund.regions {
            case .all: parts.append("regions: all")
            case let .designations(set): parts.append("regions: \(RuleYAML.designations(set))")
            case let .regions(list): parts.append("regions: [\(list.map { yamlText(s.regions[$0].id) }.joined(separator: ", "))]")
            }
            if fund.minSpend != 0 { parts.append("min_spend: \(number(fund.minSpend))") }
            parts += fundHorizonKeys(fund)
            parts += displayNames(fund.name, fund.nameZh)
            out += "  - {\(parts.joined(separator: ", "))}\n"
        }
        out += "priority: \(priority(s.priority))\n"
        out += "dispatch: \(dispatch(s.dispatch))\n"
        if !s.fairness.isEmpty {
            out += "fairness:\n"
            for (key, value) in fairnessRules(s.fairness, categories: s.categories) { out += "  \(key): \(value)\n" }
        }
        if let solverText = solver(s.solver) { out += "solver: \(solverText)\n" }
        if let robust = s.robust { out += "robust: \(robustBlock(robust, funds: s.funds))\n" }
        if let horizon = s.horizon { out += "horizon: \(horizonBlock(horizon, files: horizonFiles, position: 0, categories: s.categories))\n" }
        out += "tables: {" + tables.map { "\($0.0): \(yamlText($0.1))" }.joined(separator: ", ") + "}\n"
        if !s.variants.isEmpty {
            out += "variants:\n"
            for (v, variant) in s.variants.enumerated() {
                var parts = ["name: \(quotedYAML(variant.name))"]
                if let scale = variant.fundsScale { parts.append("funds_scale: \(number(scale))") }
                // Fund order first, then any other ids sorted: never dictionary order.
                let amounts = variantFundAmounts(variant, funds: s.funds)
                if !amounts.isEmpty { parts.append("fund_amounts: {\(amounts.joined(separator: ", "))}") }
                if let block = variant.fairness {
                    let rules = fairnessRules(block, categories: s.categories).map { "\($0.0): \($0.1)" }
                    parts.append("fairness: {\(rules.joined(separator: ", "))}")
                }
                if let block = variant.priority { parts.append("priority: \(priority(block))") }
                if let block = variant.dispatch { parts.append("dispatch: \(dispatch(block))") }
                if let block = variant.solver { parts.append("solver: \(solver(block) ?? "{}")") }
                if let block = variant.robust { parts.append("robust: \(robustBlock(block, funds: s.funds))") }
                parts += variantHorizonKeys(variant, position: v + 1, scenario: s, files: horizonFiles)
                out += "  - {\(parts.joined(separator: ", "))}\n"
            }
        }
        return out
    }

    private static func priority(_ p: PriorityRule) -> String {
        "{base: \(number(p.base)), poor_share: \(number(p.poorShare)), left_behind_share: \(number(p.leftBehindShare)), "
            + "disabled_share: \(number(p.disabledShare)), rural: \(number(p.rural)), poverty_county: \(number(p.povertyCounty))}"
    }

    private static func dispatch(_ d: DispatchSettings) -> String {
        var parts: [String] = []
        if let v = d.valuePerTeacher { parts.append("value_per_teacher: \(number(v))") }
        parts.append("travel_penalty_per_km: \(number(d.travelPenaltyPerKm))")
        parts.append("integer: \(d.integer)")
        if let limit = d.candidateLimit { parts.append("candidate_limit: \(limit)") }
        return "{\(parts.joined(separator: ", "))}"
    }

    private static func solver(_ s: SolverSettings) -> String? {
        var parts: [String] = []
        if let t = s.timeLimitSeconds { parts.append("time_limit_s: \(number(t))") }
        if let g = s.mipGap { parts.append("mip_gap: \(number(g))") }
        return parts.isEmpty ? nil : "{\(parts.joined(separator: ", "))}"
    }

    /// Every key of the block, defaults written out; shortfalls in fund order.
    private static func robustBlock(_ r: RobustSettings, funds: [FundSource]) -> String {
        let shortfall = funds.indices.compactMap { f in r.fundShortfall[f].map { "\(yamlText(funds[f].id)): \(number($0))" } }
        return "{gamma: \(number(r.gamma)), relative: \(number(r.relative)), fund_shortfall: {\(shortfall.joined(separator: ", "))}, "
            + "deviation_probability: \(number(r.deviationProbability)), samples: \(r.samples), seed: \(r.seed)}"
    }

    private static func mode(_ m: RuleMode) -> String {
        switch m {
        case .hard: return "mode: hard"
        case let .soft(penalty): return "mode: soft, penalty: \(number(penalty))"
        }
    }

    /// The rules that are on, in list order (the loader's: F1…F7), each as a flow mapping of its
    /// mode and its ``RuleSetting/yamlEntries(categories:)``.
    static func fairnessRules(_ f: FairnessSettings, categories: [NeedCategory]) -> [(String, String)] {
        f.rules.map { rule in
            let names = f.names[rule.key]
            let entries = [mode(rule.mode)] + rule.yamlEntries(categories: categories).map { "\($0.key): \($0.value)" }
                + displayNames(names?.name, names?.nameZh)
            return (rule.key, "{\(entries.joined(separator: ", "))}")
        }
    }

    /// `name` and `name_zh` entries, those given.
    private static func displayNames(_ name: String?, _ nameZh: String?) -> [String] {
        (name.map { ["name: \(quotedYAML($0))"] } ?? []) + (nameZh.map { ["name_zh: \(quotedYAML($0))"] } ?? [])
    }

    /// `designations:` with one flow entry per designation, in the list's order; nothing when the
    /// list is the default one (so scenarios without the key keep their fingerprints).
    private static func designations(_ list: [DesignationDefinition]) -> String {
        guard list != DesignationDefinition.defaults else { return "" }
        return "designations:\n" + list.map { d in
            let parts = ["id: \(yamlText(d.id.rawValue))", "poverty_weight: \(number(d.povertyWeight))"]
                + displayNames(d.name, d.nameZh)
            return "  - {\(parts.joined(separator: ", "))}\n"
        }.joined()
    }

    // MARK: Tables

    private static func regions(_ s: Scenario) -> String {
        let income = s.regions.contains { $0.incomePerCapita != nil }
        let floor = s.regions.contains { $0.floorPerPupil != nil }
        var out = "id,name,designation,rural" + (income ? ",income_per_capita" : "") + (floor ? ",floor_per_pupil" : "") + "\n"
        for r in s.regions {
            var row = [csv(r.id), csv(r.name), csv(r.designation.rawValue), "\(r.rural)"]
            if income { row.append(r.incomePerCapita.map(number) ?? "") }
            if floor { row.append(r.floorPerPupil.map(number) ?? "") }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    /// schools.csv of `list` (the first year's schools, or a later year's own table).
    static func schools(_ s: Scenario, _ list: [School]) -> String {
        let coordinates = list.contains { $0.latitude != nil }
        let requiredSubjects = s.subjects.indices.filter { j in list.contains { j < $0.required.count && $0.required[j] != nil } }
        var header = ["id", "name", "region", "level", "rural"]
        if coordinates { header += ["lat", "lon"] }
        header += ScenarioLoading.schoolCounts
        header += s.subjects.map { "teachers_\($0.id)" }
        header += requiredSubjects.map { "required_\(s.subjects[$0].id)" }
        // `<count>_dev` columns only for counts some school gives (a scenario without them keeps its bytes).
        let deviated = CountField.allCases.filter { field in list.contains { $0.deviations[field] != nil } }
        header += deviated.map(\.deviationColumn)
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(list.count * 120)
        for school in list {
            var row = [csv(school.id), csv(school.name), csv(s.regions[school.region].id), school.level.rawValue, "\(school.rural)"]
            if coordinates { row += [school.latitude.map(number) ?? "", school.longitude.map(number) ?? ""] }
            row += [school.enrollment, school.boarding, school.poor, school.poorBoarding, school.disabled, school.leftBehind].map { String($0) }
            row += school.teachers.map { String($0) }
            row += requiredSubjects.map { j in school.required[j].map { String($0) } ?? "" }
            row += deviated.map { school.deviations[$0].map { String($0) } ?? "" }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    private static func teachers(_ s: Scenario) -> String {
        let coordinates = s.teacherGroups.contains { $0.latitude != nil }
        let years = yearCountYears(s.teacherGroups), contract = s.teacherGroups.contains { $0.contractYears != 1 }
        var header = ["id", "subject", "count", "region"] + (coordinates ? ["lat", "lon"] : [])
        header += ["annual_cost", "max_distance_km", "levels"]
        if contract { header.append("contract_years") }
        header += years.map { "count_\($0)" }
        var out = header.joined(separator: ",") + "\n"
        for g in s.teacherGroups {
            var row = [csv(g.id), csv(s.subjects[g.subject].id), String(g.count), csv(s.regions[g.region].id)]
            if coordinates { row += [g.latitude.map(number) ?? "", g.longitude.map(number) ?? ""] }
            row += [number(g.annualCost), number(g.maxDistanceKm)]
            row.append(g.levels.map { set in SchoolLevel.allCases.filter(set.contains).map(\.rawValue).joined(separator: ";") } ?? "")
            if contract { row.append(String(g.contractYears)) }
            row += years.map { g.yearCounts[$0].map(String.init) ?? "" }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    private static func distances(_ s: Scenario, _ table: DistanceTable) -> String {
        var out = "from_region,to_region,km\n"
        for pair in table.kilometres.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            out += "\(csv(s.regions[pair.a].id)),\(csv(s.regions[pair.b].id)),\(number(table.kilometres[pair]!))\n"
        }
        return out
    }

    private static func projects(_ s: Scenario, categories served: [Int]) -> String {
        let lists = served.compactMap { k -> (Int, [Project])? in
            guard case let .projects(list) = s.categories[k].rule else { return nil }
            return (k, list)
        }
        let dated = lists.contains { $0.1.contains { $0.year != nil } }
        var out = "id,school,category,cost" + (dated ? ",year" : "") + "\n"
        for (k, list) in lists {
            for p in list {
                out += "\(csv(p.id)),\(csv(s.schools[p.school].id)),\(csv(s.categories[k].id)),\(number(p.cost))"
                    + (dated ? "," + (p.year.map(String.init) ?? "") : "") + "\n"
            }
        }
        return out
    }

    /// Project categories → file: one `projects.csv` when project ids are unique across categories.
    private static func projectFileNames(_ s: Scenario) -> [Int: String] {
        var ids: Set<String> = []
        var clash = false
        var names: [Int: String] = [:]
        for (k, category) in s.categories.enumerated() {
            guard case let .projects(list) = category.rule else { continue }
            names[k] = "projects.csv"
            for p in list where !ids.insert(p.id).inserted { clash = true }
        }
        if clash { for k in names.keys { names[k] = "projects_\(s.categories[k].id).csv" } }
        return names
    }

    // MARK: Text forms

    /// A number in its shortest exact form: `12`, `0.25`, `1e-05`, `463000000`.
    static func number(_ value: Double) -> String { Format.plain(value) }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csv(_ text: String) -> String { CSVText.field(text) }

    /// Plain when it cannot be mistaken for anything else in YAML, double-quoted otherwise.
    static func yamlText(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "all"]
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-" || c == "."
        } && text.unicodeScalars.first.map { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || $0 == "_" } == true
            && !reserved.contains(text.lowercased())
        return plain ? text : quotedYAML(text)
    }

    static func quotedYAML(_ text: String) -> String { "\"" + yamlEscape(text) + "\"" }

    /// The escapes of a YAML double-quoted scalar; other control characters as `\xHH`.
    private static let yamlEscape = TextEscape(["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]) { scalar in
        scalar.value < 0x20 || scalar.value == 0x7F ? String(format: "\\x%02X", scalar.value) : nil
    }
}
