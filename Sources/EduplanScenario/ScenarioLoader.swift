import Foundation
import Yams

/// Reads a scenario folder (PRODUCT.md "Scenario format v1") into a validated ``Scenario``.
///
/// Every problem is collected, not only the first: each names its file, line, column and field, what
/// was expected and what was found. Warnings (an unknown key or column, a fund eligible nowhere) do not
/// stop a load. The loader only reads: it never writes into the folder.
///
/// ```swift
/// do {
///     let loaded = try ScenarioLoader.load(from: URL(filePath: "scenarios/jiangxi-2024"), rules: FairnessRegistry.types)
///     loaded.warnings.forEach { print($0) }
///     plan(loaded.scenario)
/// } catch let errors as ScenarioErrors {
///     errors.problems.forEach { print($0) }
/// }
/// ```
///
/// Input conventions are those of MODEL.md §11. Where the format left room, the loader decides:
/// - Counts (enrollment, teachers, count of a group…) are whole numbers ≥ 0 written in any number form
///   whose value is whole: `12`, `12.0` and `1.2e1` are all 12; `12.5` is an error.
/// - Numbers: optional sign, digits, optional fraction, optional exponent with or without sign
///   (`5.0e8`, `5e+8`); no thousands separators, `nan` or `inf`.
/// - `format` is required and must be 1. `name` defaults to the folder's name, `currency` to CNY.
///   A category's `weight` is required; a fund's `regions` defaults to `all`, `min_spend` to 0.
/// - Ids, names and CSV header names: ids are kept exactly as written; header names are trimmed.
/// - A CSV row with more or fewer fields than the header is one error (at the first missing or extra
///   field); its other cells are not checked. Blank lines are skipped (and counted for line numbers).
/// - A project file may serve several project categories; each row's `category` says which.
public enum ScenarioLoader {
    /// The settings file of a scenario folder.
    public static let settingsFile = "scenario.yaml"

    /// Loads and validates the scenario in `directory`, reading its `fairness:` blocks with the
    /// rule types `rules` (the planner's `FairnessRegistry`: `ScenarioLoader.load(from:)` in
    /// EduplanPlanner passes them). A rule key not among them is an error with a did-you-mean.
    ///
    /// - Returns: the scenario and the warnings met.
    /// - Throws: only ``ScenarioErrors`` (plain `throws`: typed throws crashed the 6.3 compiler in callers'
    ///   `catch let e as ScenarioErrors`), with every problem (errors and warnings, in file order) when there is
    ///   at least one error.
    /// - Complexity: O(size of the files); a 100,000-school folder loads in seconds.
    public static func load(from directory: URL, rules: [any RuleSetting.Type]) throws -> LoadedScenario {
        let loading = ScenarioLoading(directory: directory, rules: rules)
        let scenario = loading.run()
        let problems = loading.log.sorted()
        guard let scenario, !loading.log.hasErrors else { throw ScenarioErrors(problems: problems, source: "the scenario") }
        return LoadedScenario(scenario: scenario, warnings: problems)
    }

    /// Every problem of the scenario in `directory` (errors and warnings, in file order), its
    /// fairness blocks read with the rule types `rules`; empty when clean.
    public static func problems(in directory: URL, rules: [any RuleSetting.Type]) -> [ScenarioProblem] {
        let loading = ScenarioLoading(directory: directory, rules: rules)
        _ = loading.run()
        return loading.log.sorted()
    }
}

/// One load of one folder: the state shared by the readers of the settings and of the tables.
final class ScenarioLoading {
    let directory: URL
    let log = ProblemLog()
    let yaml: YAMLReader
    /// The fairness rules this load knows, in the order their settings are listed.
    let ruleTypes: [any RuleSetting.Type]
    var sources = ScenarioSources()

    // What has been read so far.
    var subjects: [Subject] = []
    var subjectIndex: [String: Int] = [:]
    var studentTeacherRatio: [SchoolLevel: Double] = [:]
    var regions: [Region] = []
    /// The designation list (`designations:`, or the default three).
    var designations = DesignationDefinition.defaults
    /// Whether `designations:` could be read; unknown designations are not reported when it could not.
    var designationsReadable = true
    var regionIndex: [String: Int] = [:]
    var schools: [School] = []
    var schoolIndex: [String: Int] = [:]
    var categories: [NeedCategory] = []
    var categoryIndex: [String: Int] = [:]
    /// Project files in order of first mention, with the categories they serve and the node naming them.
    var projectFiles: [(file: String, categories: [Int], node: Node)] = []
    var funds: [FundSource] = []
    var fundIndex: [String: Int] = [:]
    var teacherGroups: [TeacherGroup] = []
    var distances: DistanceTable?
    var variants: [Variant] = []
    /// The line where an id was first defined, by "kind:id", for "first on line N" hints.
    var firstLines: [String: Int] = [:]
    /// The scenario's horizon, its block, and the keys that need one (checked once variants are read).
    var horizon: Horizon?
    var horizonNode: Node?
    var horizonUses: [HorizonUse] = []

    /// Whether a table could be read; references into an unreadable table are not reported as unknown.
    var regionsReadable = true
    var schoolsReadable = true
    var subjectsReadable = true
    var categoriesReadable = true

    init(directory: URL, rules: [any RuleSetting.Type]) {
        self.directory = directory
        ruleTypes = rules
        yaml = YAMLReader(file: ScenarioLoader.settingsFile, log: log)
    }

    static let topLevelKeys = ["format", "name", "year", "currency", "subjects", "student_teacher_ratio", "categories",
                               "funds", "priority", "dispatch", "fairness", "solver", "tables", "variants", "designations",
                               "robust", "locale", "horizon"]

    /// Reads everything; returns the scenario as far as it could be built (nil when the settings are unreadable).
    func run() -> Scenario? {
        log.meet(ScenarioLoader.settingsFile)
        let kind = FileKind.of(directory.path)
        guard kind == .folder else {
            let why = kind.map { FileFailure.notAFolder($0) } ?? FileFailure.diagnose(errno, path: directory.path)
            log.error(SourceLocation(file: ScenarioLoader.settingsFile), expected: "a scenario folder holding scenario.yaml",
                      found: why == .noSuchFile ? "no folder at \(directory.path)" : "\(directory.path): \(why)")
            return nil
        }
        guard let text = readText(ScenarioLoader.settingsFile, missing: nil),
              let root = yaml.compose(text, expected: "a mapping of settings (`format: 1`, `name: …`, …)"),
              let top = yaml.mapping(root, path: "", keys: Self.topLevelKeys,
                                     expected: "a mapping of settings (`format: 1`, `name: …`, …)")
        else { return nil }

        readFormat(top)
        let name = top["name"].flatMap { yaml.displayName($0, path: "name") } ?? directory.lastPathComponent
        let year = top["year"].flatMap { yaml.isNull($0) ? nil : yaml.wholeNumber($0, path: "year", range: InputLimits.year) }
        let currency = top["currency"].flatMap { yaml.displayName($0, path: "currency", expected: "a currency") } ?? "CNY"
        readSubjects(top)
        readStaffing(top)
        let tables = readTableNames(top)

        // Tables the settings refer to come first: regions (after the designations they name), schools.
        readDesignations(top)
        readRegions(tables.regions)
        readSchools(tables.schools)
        readCategories(top)
        horizon = readHorizon(top["horizon"], path: "horizon")
        horizonNode = top["horizon"]
        readProjects()
        readFunds(top)
        let priority = readPriority(top["priority"], path: "priority")
        let dispatch = readDispatch(top["dispatch"], path: "dispatch")
        let fairness = readFairness(top["fairness"], path: "fairness")
        let solver = readSolver(top["solver"], path: "solver")
        let robust = readRobust(top["robust"], path: "robust")
        readTeachers(tables.teachers)
        readDistances(tables.distances)
        readVariants(top)
        checkHorizonUses(year: year, yearNode: top["year"])

        var scenario = Scenario(name: name, year: year, currency: currency, subjects: subjects,
                                studentTeacherRatio: studentTeacherRatio, categories: categories, funds: funds,
                                priority: priority, dispatch: dispatch, fairness: fairness, solver: solver,
                                regions: regions, schools: schools, teacherGroups: teacherGroups,
                                distances: distances, variants: variants)
        scenario.designations = designations
        scenario.robust = robust
        scenario.horizon = horizon
        scenario.locale = readLocale(top)
        sources.marks = yaml.marks.byPath
        scenario.validate(sources: sources, log: log)
        return scenario
    }

    /// `locale: zh-CN` or `locale: en`: the language output is printed in unless `--lang` says
    /// otherwise (absent or null: the environment's).
    func readLocale(_ top: YAMLMapping) -> Language? {
        guard let node = top["locale"], !yaml.isNull(node) else { return nil }
        let expected = "a language, zh-CN or en"
        guard let text = yaml.string(node, path: "locale", expected: expected) else { return nil }
        guard let language = Language(tag: text) else {
            log.error(yaml.location(node, path: "locale"), expected: expected, found: "`\(text)`")
            return nil
        }
        return language
    }

    // MARK: Files

    /// The file's text (UTF-8, a byte order mark removed), or nil with the problem recorded.
    /// `missing` is where to report a missing file (nil: report it on the file itself).
    func readText(_ file: String, missing: SourceLocation?) -> String? {
        guard let data = readData(file, missing: missing) else { return nil }
        return TextValue.utf8(data, file: file, log: log)
    }

    /// The bytes of a file of the folder, or nil with the problem recorded. Only regular files
    /// inside the folder (symbolic links followed) are read: a path leading outside is reported
    /// at `missing` (the `tables:` entry naming it) and never opened, so no message shows its content.
    func readData(_ file: String, missing: SourceLocation?) -> Data? {
        do {
            return try InputFile.read(file, inside: directory)
        } catch {
            let at = SourceLocation(file: file)
            switch error {
            case .noSuchFile:
                if let missing {
                    log.error(missing, expected: "an existing file `\(file)` in the scenario folder", found: "no such file")
                } else {
                    log.error(at, expected: "a file `\(file)` in the scenario folder", found: "no such file")
                }
            case .outsideFolder:
                let why = file.hasPrefix("/") ? "an absolute path" : "which leads outside it"
                log.error(missing ?? at, expected: "a path relative to the scenario folder, to a file inside it",
                          found: "`\(file)`, \(why)", hint: "copy the file into the scenario folder and name it from there")
            default:
                log.error(at, expected: "a readable file", found: "\(error)")
            }
            return nil
        }
    }

    // MARK: Top-level scalars

    private func readFormat(_ top: YAMLMapping) {
        guard let node = top["format"] else {
            log.error(yaml.location(top.node, path: "format"), expected: "`format: 1` (the scenario format version)",
                      found: "no `format` key")
            return
        }
        guard case let .scalar(scalar) = node, DecimalNumber.parse(scalar.string) == 1 else {
            log.error(yaml.location(node, path: "format"), expected: "format 1 (the only version this eduplan reads)",
                      found: yaml.describe(node))
            return
        }
    }

    /// A required key of a mapping; its absence is reported at the mapping.
    func required(_ map: YAMLMapping, _ key: String, expected: String) -> Node? {
        if let node = map[key], !yaml.isNull(node) { return node }
        let at = map[key].map { yaml.location($0, path: map.path(key)) } ?? yaml.location(map.node, path: map.path(key))
        log.error(at, expected: expected, found: map.has(key) ? "nothing" : "no `\(key)`")
        return nil
    }

    // MARK: Subjects and staffing

    private func readSubjects(_ top: YAMLMapping) {
        guard let node = required(top, "subjects", expected: "subjects with their shares (`subjects: {math: 0.5, chinese: 0.5}`)"),
              let map = yaml.mapping(node, path: "subjects", keys: nil, expected: "a mapping of subject → share")
        else {
            subjectsReadable = false
            sources.unreadable.insert("subjects")
            return
        }
        var broken = false
        for entry in map.entries {
            let path = "subjects.\(entry.key)"
            if entry.key.isEmpty {
                log.error(yaml.location(entry.keyNode, path: path), expected: "a subject id", found: "an empty key")
                broken = true
                continue
            }
            yaml.checkIdentifier(entry.key, at: entry.keyNode, path: path, what: "a subject id")
            guard let share = yaml.number(entry.value, path: path, rule: .fraction) else { broken = true; continue }
            subjectIndex[entry.key] = subjects.count
            subjects.append(Subject(id: entry.key, share: share))
        }
        if broken { sources.unreadable.insert("subjects") }
    }

    private func readStaffing(_ top: YAMLMapping) {
        guard let node = top["student_teacher_ratio"] else { return }
        guard let map = yaml.mapping(node, path: "student_teacher_ratio", keys: nil,
                                     expected: "a mapping of level → students per teacher") else {
            sources.unreadable.insert("student_teacher_ratio")
            return
        }
        for entry in map.entries {
            let path = "student_teacher_ratio.\(entry.key)"
            guard let level = level(entry.key) else {
                log.error(yaml.location(entry.keyNode, path: path), expected: "a school level (\(Suggestion.list(SchoolLevel.allCases.map(\.rawValue))))",
                          found: "`\(entry.key)`", hint: Suggestion.hint(for: entry.key, among: SchoolLevel.allCases.map(\.rawValue)))
                continue
            }
            if let ratio = yaml.number(entry.value, path: path, rule: .studentTeacherRatio) {
                studentTeacherRatio[level] = ratio
            } else {
                sources.unreadable.insert("student_teacher_ratio.\(level.rawValue)")  // reported here, not again as missing
            }
        }
    }

    func level(_ text: String) -> SchoolLevel? {
        SchoolLevel(rawValue: text) ?? SchoolLevel(rawValue: TextValue.trimmed(text).lowercased())
    }

    // MARK: Table names

    struct TableName {
        var file: String
        /// The node naming the file, when `tables:` names it (a missing named file is reported there).
        var node: Node?
    }

    struct TableNames {
        var regions = TableName(file: "regions.csv")
        var schools = TableName(file: "schools.csv")
        var teachers = TableName(file: "teachers.csv")
        var distances = TableName(file: "distances.csv")
    }

    private func readTableNames(_ top: YAMLMapping) -> TableNames {
        var names = TableNames()
        guard let node = top["tables"], !yaml.isNull(node),
              let map = yaml.mapping(node, path: "tables", keys: ["regions", "schools", "teachers", "distances"])
        else { return names }
        for entry in map.entries {
            guard let file = yaml.string(entry.value, path: "tables.\(entry.key)", expected: "a file name") else { continue }
            let name = TableName(file: file, node: entry.value)
            switch entry.key {
            case "regions": names.regions = name
            case "schools": names.schools = name
            case "teachers": names.teachers = name
            default: names.distances = name
            }
        }
        sources.regions.file = names.regions.file
        sources.schools.file = names.schools.file
        sources.teachers.file = names.teachers.file
        return names
    }
}
