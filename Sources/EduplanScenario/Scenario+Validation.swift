import Foundation

/// Where the parts of a scenario were written, so that checks made on the built ``Scenario`` can point
/// at the file, line and column of what they find. A scenario built in code has no sources: its problems
/// name the file the value would live in, without a line.
struct ScenarioSources {
    /// A table's layout: its file, its columns, and the line of each entity's row (by entity index).
    struct Table {
        var file: String
        var columns: [String: Int] = [:]
        var lines: [Int] = []
        /// Entities whose row was unreadable (already reported): later checks skip them.
        var broken: Set<Int> = []

        func location(_ index: Int, column: String) -> SourceLocation {
            let line = index < lines.count ? lines[index] : nil
            return SourceLocation(file: file, line: line, column: columns[column].map { $0 + 1 }, field: column)
        }
    }

    var yamlFile = "scenario.yaml"
    /// Positions of YAML values by key path (`funds[0].categories`).
    var marks: [String: (line: Int, column: Int)] = [:]
    var regions = Table(file: "regions.csv")
    var schools = Table(file: "schools.csv")
    var teachers = Table(file: "teachers.csv")
    /// Key paths (or table files) that could not be read: checks depending on them are skipped,
    /// so one mistake is reported once.
    var unreadable: Set<String> = []

    /// The location of the YAML value at `path`, or of its nearest known parent.
    func yaml(_ path: String) -> SourceLocation {
        var probe = path
        while true {
            if let mark = marks[probe] {
                return SourceLocation(file: yamlFile, line: mark.line, column: mark.column, field: path)
            }
            guard let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            probe = String(probe[..<cut])
        }
        return SourceLocation(file: yamlFile, line: nil, column: nil, field: path)
    }
}

extension Scenario {
    /// Checks that hold across the parts of a scenario: subject shares sum to 1, staffing ratios exist
    /// for the levels taught, counts are consistent (poor ≤ enrollment, poor_boarding ≤ min(poor, boarding)),
    /// every school's priority π_s is at least 1e-6 (in the base and every variant), funds pay for
    /// something, teacher dispatch has its `dispatch` category and teacher value, a variant's scaled
    /// funds stay within range, and F4's coefficient γ·n_R/n_U obeys the tiny-value rule.
    ///
    /// ``ScenarioLoader`` runs these on every folder it reads; call this on a scenario built in code
    /// (its problems then name the file without a line).
    ///
    /// - Returns: every problem found (errors and warnings); empty when the scenario is sound.
    /// - Complexity: O(schools × (subjects + variants)).
    public func validate() -> [ScenarioProblem] {
        let log = ProblemLog()
        validate(sources: ScenarioSources(), log: log)
        return log.sorted()
    }

    func validate(sources: ScenarioSources, log: ProblemLog) {
        validateSubjects(sources, log)
        validateStaffing(sources, log)
        validateCounts(sources, log)
        validatePriority(priority, path: "priority", variant: nil, sources, log)
        for (v, variant) in variants.enumerated() {
            if let block = variant.priority {
                validatePriority(block, path: "variants[\(v)].priority", variant: variant.name, sources, log)
            }
        }
        validateCategoriesAndFunds(sources, log)
        validateDispatch(sources, log)
        validateCrossFieldRanges(sources, log)
        validateHorizonCombinations(sources, log)
    }

    /// `robust:` is not combined with a horizon this round (docs/format.md, "Multi-year plans").
    private func validateHorizonCombinations(_ sources: ScenarioSources, _ log: ProblemLog) {
        let refusal = (expected: "no `robust:` block with a `horizon:` (robust multi-year plans are not built yet)",
                       hint: "solve the robust plan of one year, or the multi-year plan without `robust:`")
        if horizon != nil, robust != nil {
            log.error(sources.yaml("robust"), expected: refusal.expected, found: "a `robust:` block", hint: refusal.hint)
        }
        for (v, variant) in variants.enumerated() where (variant.horizon ?? horizon) != nil && (variant.robust ?? robust) != nil {
            guard variant.horizon != nil || variant.robust != nil else { continue }
            log.error(sources.yaml(variant.robust != nil ? "variants[\(v)].robust" : "variants[\(v)].horizon"),
                      expected: refusal.expected, found: "variant `\(variant.name)` with both", hint: refusal.hint)
        }
    }

    // MARK: Subjects and staffing

    private func validateSubjects(_ sources: ScenarioSources, _ log: ProblemLog) {
        guard !sources.unreadable.contains("subjects") else { return }
        let sum = subjects.reduce(0) { $0 + $1.share }
        if abs(sum - 1) > 1e-9 {
            let shares = subjects.map { "\($0.id) \(Format.plain($0.share))" }.joined(separator: " + ")
            log.error(sources.yaml("subjects"), expected: "subject shares that sum to 1 (within 1e-9)",
                      found: subjects.isEmpty ? "no subjects" : "\(shares) = \(sum)")
        }
    }

    private func validateStaffing(_ sources: ScenarioSources, _ log: ProblemLog) {
        guard !sources.unreadable.contains("student_teacher_ratio") else { return }
        // A ratio is needed for a level when one of its schools lacks a required_<subject> value.
        var firstNeeding: [SchoolLevel: Int] = [:]
        for (s, school) in schools.enumerated() where !sources.schools.broken.contains(s) {
            guard firstNeeding[school.level] == nil else { continue }
            if subjects.indices.contains(where: { j in j >= school.required.count || school.required[j] == nil }) {
                firstNeeding[school.level] = s
            }
        }
        for level in SchoolLevel.allCases {
            guard let s = firstNeeding[level], !sources.unreadable.contains("student_teacher_ratio.\(level.rawValue)") else { continue }
            let line = sources.schools.location(s, column: "level").line
            let example = "\(sources.schools.file)\(line.map { " line \($0)" } ?? "") is a \(level.rawValue) school"
            if let ratio = studentTeacherRatio[level] {
                if let problem = NumberRule.studentTeacherRatio.problem(ratio) {
                    log.error(sources.yaml("student_teacher_ratio.\(level.rawValue)"),
                              expected: "\(problem.expected) for \(level.rawValue) (\(example))",
                              found: TextValue.quoted(Format.plain(ratio)))
                }
            } else {
                log.error(sources.yaml("student_teacher_ratio"),
                          expected: "a student–teacher ratio for \(level.rawValue) (\(example) without every required_<subject>)",
                          found: "no `\(level.rawValue)` ratio")
            }
        }
    }

    // MARK: Counts

    private func validateCounts(_ sources: ScenarioSources, _ log: ProblemLog) {
        Self.checkCounts(schools, table: sources.schools, log)
    }

    /// Every count of a school table within its enrollment, poor boarders within poor and boarders
    /// (the first year's table, and each later year's own table of a horizon).
    static func checkCounts(_ schools: [School], table: ScenarioSources.Table, _ log: ProblemLog) {
        for (s, school) in schools.enumerated() where !table.broken.contains(s) {
            let n = school.enrollment
            let partial: [(String, Int)] = [("boarding", school.boarding), ("poor", school.poor),
                                            ("disabled", school.disabled), ("left_behind", school.leftBehind)]
            for (column, value) in partial where value > n {
                log.error(table.location(s, column: column), expected: "\(column) ≤ enrollment (\(n))",
                          found: "\(value)")
            }
            let bound = min(school.poor, school.boarding)
            if school.poorBoarding > bound {
                log.error(table.location(s, column: "poor_boarding"),
                          expected: "poor_boarding ≤ min(poor, boarding) = \(bound)", found: "\(school.poorBoarding)")
            }
        }
    }

    // MARK: Priority

    /// π_s of MODEL.md §1 under `rule`; shares are 0 when the school has no pupils.
    func priorityValue(of school: School, under rule: PriorityRule) -> Double {
        let n = Double(school.enrollment)
        let share: (Int) -> Double = { n > 0 ? Double($0) / n : 0 }
        let weight = regions.indices.contains(school.region) ? povertyWeight(ofRegion: school.region) : 0
        return rule.base + rule.poorShare * share(school.poor) + rule.leftBehindShare * share(school.leftBehind)
            + rule.disabledShare * share(school.disabled) + rule.rural * (school.rural ? 1 : 0)
            + rule.povertyCounty * weight
    }

    /// π_s ≥ ``InputLimits/minimumPriority`` for every school, reported once on the priority block
    /// that breaks it, naming the school with the lowest π as the example.
    ///
    /// The block is always where the fault is: every attribute of π lies in [0, 1] once the counts
    /// are valid (poor ≤ enrollment, …, checked on schools.csv), so a school's data alone cannot
    /// push π below the base; only a base ≤ 0 or a negative β can.
    private func validatePriority(_ rule: PriorityRule, path: String, variant: String?, _ sources: ScenarioSources,
                                  _ log: ProblemLog) {
        guard !sources.unreadable.contains(path) else { return }
        var failing = 0
        var worst: (school: Int, priority: Double)?
        for (s, school) in schools.enumerated() where !sources.schools.broken.contains(s) {
            let pi = priorityValue(of: school, under: rule)
            guard !(pi >= InputLimits.minimumPriority) else { continue }
            failing += 1
            if worst == nil || pi < worst!.priority { worst = (s, pi) }
        }
        guard let worst else { return }
        let line = sources.schools.location(worst.school, column: "id").line
        let example = "school `\(schools[worst.school].id)` (\(sources.schools.file)\(line.map { " line \($0)" } ?? ""))"
        let whose = variant.map { "variant `\($0)`'s priority" } ?? "the priority rule"
        let others = failing == 1 ? "the only school" : "the lowest of \(failing) schools"
        log.error(sources.yaml(path), expected: "priority settings that give every school π ≥ 1e-6",
                  found: "π = \(Format.plain(worst.priority)) for \(example) under \(whose), \(others) with π < 1e-6",
                  hint: "π = base + Σ β × attribute, each attribute from 0 to 1: raise `base` or make a negative β smaller")
    }

    // MARK: Cross-field ranges

    /// Ranges that involve more than one value: a variant's scaled fund amounts stay within
    /// ``InputLimits/money``, and F4's row coefficient γ·n_R/n_U obeys the tiny-value rule.
    private func validateCrossFieldRanges(_ sources: ScenarioSources, _ log: ProblemLog) {
        for (v, variant) in variants.enumerated() {
            if let scale = variant.fundsScale,
               let largest = funds.filter({ variant.fundAmounts[$0.id] == nil }).max(by: { $0.amount < $1.amount }),
               largest.amount * scale > InputLimits.money {
                log.error(sources.yaml("variants[\(v)].funds_scale"),
                          expected: "a factor that keeps every fund's amount at most 1e13",
                          found: "\(Format.plain(scale)) × \(Format.plain(largest.amount)) (fund `\(largest.id)`) = \(largest.amount * scale)")
            }
            if let fairness = variant.fairness {
                validateRuleSettings(fairness, path: "variants[\(v)].fairness", sources, log)
            }
        }
        validateRuleSettings(fairness, path: "fairness", sources, log)
    }

    /// What each rule's setting cannot be for this scenario (``RuleSetting/problems(in:)``), as
    /// errors at the parameter under `path` (`fairness`, `variants[0].fairness`).
    private func validateRuleSettings(_ fairness: FairnessSettings, path: String, _ sources: ScenarioSources,
                                      _ log: ProblemLog) {
        for rule in fairness.rules {
            for problem in rule.problems(in: self) {
                log.error(sources.yaml("\(path).\(rule.key).\(problem.parameter)"), expected: problem.expected,
                          found: problem.found, hint: problem.hint)
            }
        }
    }

    /// `value` rounded up to three significant digits, as people write it (`0.1`, `2.35e-5`).
    public static func roundedUp(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return "\(value)" }
        let unit = Foundation.pow(10, (Foundation.log10(value)).rounded(.down) - 2)
        return Format.significant((value / unit).rounded(.up) * unit, digits: 3)
    }

    // MARK: Categories and funds

    private func validateCategoriesAndFunds(_ sources: ScenarioSources, _ log: ProblemLog) {
        for (k, category) in categories.enumerated() where category.isDispatch && category.mandatory {
            log.error(sources.yaml("categories[\(k)].mandatory"), expected: "no `mandatory` on the dispatch category",
                      found: "mandatory: true")
        }
        for (f, fund) in funds.enumerated() where fund.categories.isEmpty {
            guard !sources.unreadable.contains("funds[\(f)].categories") else { continue }
            log.error(sources.yaml("funds[\(f)].categories"), expected: "at least one category the fund may pay for",
                      found: "no eligible category for fund `\(fund.id)`")
        }
    }

    // MARK: Dispatch

    private func validateDispatch(_ sources: ScenarioSources, _ log: ProblemLog) {
        guard !teacherGroups.isEmpty else { return }
        let why = "\(sources.teachers.file) has \(teacherGroups.count) teacher group\(teacherGroups.count == 1 ? "" : "s")"
        if dispatchCategory == nil, !sources.unreadable.contains("categories") {
            log.error(sources.yaml("categories"), expected: "a `dispatch` category (\(why))", found: "no dispatch category")
        }
        if dispatch.valuePerTeacher == nil, !sources.unreadable.contains("dispatch") {
            log.error(sources.yaml("dispatch"), expected: "`dispatch.value_per_teacher` (\(why))",
                      found: "no value_per_teacher")
        }
        for (v, variant) in variants.enumerated() {
            guard let block = variant.dispatch, block.valuePerTeacher == nil,
                  !sources.unreadable.contains("variants[\(v)].dispatch") else { continue }
            log.error(sources.yaml("variants[\(v)].dispatch"),
                      expected: "`value_per_teacher` in variant `\(variant.name)`'s dispatch block (it replaces the base's whole; \(why))",
                      found: "no value_per_teacher")
        }
    }
}
