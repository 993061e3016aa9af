import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// The actuals of a rolling re-plan (`solve --previous PLAN.json --actuals FILE …`; docs/evaluation.md,
/// "Actuals of a rolling re-plan"): what was paid and posted in the years that are over, checked
/// against the multi-year scenario being re-planned.
extension Actuals {
    /// Reads a rolling re-plan's actuals files (each with a `year` column) and checks them against
    /// `scenario` (``replanYears(for:)``): the problems of the files and of their rows against the
    /// scenario, all at once.
    /// - Returns: T0, what was done by year, and the warnings met.
    /// - Throws: ``EvaluationErrors`` with every problem.
    public static func readForReplan(_ urls: [URL], names: [String]? = nil, scenario: Scenario) throws
        -> (yearsOver: Int, byYear: [Int: YearActuals], warnings: [ScenarioProblem]) {
        let log = ProblemLog()
        let actuals = read(urls, names: names, requiringYear: true, log: log)
        let years = actuals.replanYears(for: scenario, log: log)
        try log.throwIfErrors(source: "the actuals")
        return (years.yearsOver, years.byYear, log.warnings)
    }

    /// T0 (how many horizon years are over: up to the largest `year` found) and what was done in each
    /// of those years, checked against `scenario` (a horizon of at least two years), every problem
    /// at once with its file, line and column:
    /// - a row's year must be a year of the horizon; every horizon year up to the largest found must
    ///   have a row in some file; the largest may not be the horizon's last (nothing left to re-plan);
    /// - a (year, school, category) or (year, group, school) key given once; schools, categories and
    ///   groups of the scenario; no `dispatch` category in a money file (its money follows from the
    ///   teachers); counts whole; a teachers row for a candidate pair of the group (in any year);
    /// - a project category's money at a school, summed over the years up to t, at most the cost of
    ///   the school's projects of the category that may be funded by year t.
    /// - Throws: ``EvaluationErrors`` with every problem.
    public func replanYears(for scenario: Scenario) throws -> (yearsOver: Int, byYear: [Int: YearActuals]) {
        let log = ProblemLog()
        let years = replanYears(for: scenario, log: log)
        try log.throwIfErrors(source: "the actuals")
        return years
    }

    /// Reads the actuals of a multi-year plan being evaluated (`evaluate PLAN.json --actuals FILE …`,
    /// docs/evaluation.md, "A multi-year plan"): the files and checks of ``readForReplan(_:names:scenario:)``,
    /// except that every year of the horizon may be over (evaluation re-plans nothing).
    /// - Returns: the rows read (each with its year) and the warnings met.
    /// - Throws: ``EvaluationErrors`` with every problem.
    public static func readForHorizonEvaluation(_ urls: [URL], names: [String]? = nil, scenario: Scenario) throws
        -> (actuals: Actuals, warnings: [ScenarioProblem]) {
        let log = ProblemLog()
        let actuals = read(urls, names: names, requiringYear: true, log: log)
        _ = actuals.replanYears(for: scenario, lastYearMayBeOver: true, log: log)
        try log.throwIfErrors(source: "the actuals")
        return (actuals, log.warnings)
    }

    private func replanYears(for scenario: Scenario, lastYearMayBeOver: Bool = false,
                             log: ProblemLog) -> (yearsOver: Int, byYear: [Int: YearActuals]) {
        let years = scenario.horizon?.years ?? [scenario.year ?? 0]
        let yearText = years.map(String.init).joined(separator: ", ")
        var byYear: [Int: YearActuals] = [:]
        var firstLine: [String: Int] = [:]
        func checkYear(_ year: Int?, _ place: ActualsRowPlace) -> Int? {
            guard let year else { return nil }  // a bad cell, already a problem
            guard years.contains(year) else {
                log.error(place.location(of: "year"), expected: "a year of the horizon (\(yearText))", found: "\(year)")
                return nil
            }
            return year
        }
        func firstTime(_ key: String, _ place: ActualsRowPlace, _ field: String, _ what: String) -> Bool {
            if let line = firstLine[key] {
                log.error(place.location(of: field), expected: "\(what) given once", found: "a second row for it", hint: "first on line \(line)")
                return false
            }
            firstLine[key] = place.line
            return true
        }
        let schools = Set(scenario.schools.map(\.id)), groups = Set(scenario.teacherGroups.map(\.id))
        let categories = scenario.categories.filter { !$0.isDispatch }.map(\.id)
        for row in money {
            let year = checkYear(row.year, row.place)
            if !schools.contains(row.school) {
                log.error(row.place.location(of: "school"), expected: "a school of the scenario", found: TextValue.quoted(row.school))
            }
            if !categories.contains(row.category) {
                let isDispatch = scenario.categories.contains { $0.isDispatch && $0.id == row.category }
                log.error(row.place.location(of: "category"),
                          expected: categories.isEmpty ? "a money category (the scenario has none)" : "a money category (\(Suggestion.list(categories)))",
                          found: TextValue.quoted(row.category),
                          hint: isDispatch ? "teachers posted go in a `year,group,school,count` file; their cost follows from it" : nil)
            }
            guard let year, firstTime("m\(year)\u{1F}\(row.school)\u{1F}\(row.category)", row.place, "category",
                                      "each year, school and category") else { continue }
            byYear[year, default: YearActuals()].money[PreviousPlan.Key(row.school, row.category)] = row.amount
        }
        let candidates = Self.candidatePairs(scenario)
        let candidateSet = Set(candidates.flatMap { group, schools in schools.map { PreviousPlan.Key(group, $0) } })
        for row in teachers {
            let year = checkYear(row.year, row.place)
            let knownGroup = groups.contains(row.group), knownSchool = schools.contains(row.school)
            if !knownGroup { log.error(row.place.location(of: "group"), expected: "a teacher group of the scenario", found: TextValue.quoted(row.group)) }
            if !knownSchool { log.error(row.place.location(of: "school"), expected: "a school of the scenario", found: TextValue.quoted(row.school)) }
            if row.count != row.count.rounded() {
                log.error(row.place.location(of: "count"), expected: "a whole number of teachers from 0 to \(InputLimits.maxCountText)",
                          found: InputLimits.shown(row.count))
            }
            if knownGroup, knownSchool, row.count > 0, !candidateSet.contains(PreviousPlan.Key(row.group, row.school)) {
                let list = candidates[row.group] ?? []
                log.error(row.place.location(of: "school"),
                          expected: "a candidate pair of group \(row.group) (\(Suggestion.list(list)))",
                          found: TextValue.quoted(row.school),
                          hint: "a re-plan can only keep posts at the schools its model may post the group to")
            }
            guard let year, firstTime("t\(year)\u{1F}\(row.group)\u{1F}\(row.school)", row.place, "school",
                                      "each year, group and school") else { continue }
            byYear[year, default: YearActuals()].teachers[PreviousPlan.Key(row.group, row.school)] = row.count
        }
        let yearsOver = (byYear.keys.compactMap { years.firstIndex(of: $0) }.max() ?? -1) + 1
        checkCoverage(of: years, yearsOver: yearsOver, byYear: byYear, lastYearMayBeOver: lastYearMayBeOver, log: log)
        checkProjects(scenario, years: Array(years.prefix(yearsOver)), log: log)
        return (yearsOver, byYear)
    }

    /// Every horizon year up to the last one given has a row; unless `lastYearMayBeOver`, the last
    /// year given is not the horizon's last.
    private func checkCoverage(of years: [Int], yearsOver: Int, byYear: [Int: YearActuals], lastYearMayBeOver: Bool, log: ProblemLog) {
        let file = files.first?.name ?? "actuals"
        guard yearsOver > 0 else { return }
        let last = years[yearsOver - 1]
        for year in years.prefix(yearsOver) where byYear[year] == nil {
            log.error(file, field: "year", expected: "actuals for \(year) (every year up to \(last))", found: "no row of \(year) in any actuals file")
        }
        if yearsOver == years.count, !lastYearMayBeOver {
            let place = money.first { $0.year == last }?.place ?? teachers.first { $0.year == last }?.place
            log.error(place?.location(of: "year") ?? SourceLocation(file: file, field: "year"),
                      expected: "years before the horizon's last (\(last))", found: "\(last)",
                      hint: "every year of the horizon is over: nothing to re-plan")
        }
    }

    /// A project category's money at a school summed over the years up to t is at most the cost of
    /// the school's projects of the category with e_p ≤ t (the row of year t that crosses it is named).
    private func checkProjects(_ scenario: Scenario, years: [Int], log: ProblemLog) {
        guard !years.isEmpty else { return }
        let yearScenarios = Array(scenario.yearScenarios().prefix(years.count))
        var paid: [PreviousPlan.Key: Double] = [:], reported = Set<PreviousPlan.Key>()
        for (t, year) in years.enumerated() {
            let local = yearScenarios[t]
            var costs: [PreviousPlan.Key: Double] = [:]  // the projects that may be funded by this year
            for category in local.categories {
                guard case let .projects(projects) = category.rule else { continue }
                for project in projects { costs[PreviousPlan.Key(local.schools[project.school].id, category.id), default: 0] += project.cost }
            }
            for row in money where row.year == year {
                guard local.categories.contains(where: { category in
                    if case .projects = category.rule { return category.id == row.category } else { return false }
                }) else { continue }
                let key = PreviousPlan.Key(row.school, row.category)
                paid[key, default: 0] += row.amount
                let cost = costs[key] ?? 0
                guard paid[key]! > cost * (1 + 1e-9) + 1e-9, reported.insert(key).inserted else { continue }
                log.error(row.place.location(of: "amount"),
                          expected: "money for \(row.category) at \(row.school) up to \(year) adding up to at most the cost of its projects that may be funded by then, \(Format.grouped(cost, decimals: 2))",
                          found: "\(Format.grouped(paid[key]!, decimals: 2)) with this row")
            }
        }
    }

    /// The schools each group may be posted to: its candidate pairs in any year of the horizon.
    private static func candidatePairs(_ scenario: Scenario) -> [String: [String]] {
        var pairs: [String: [String]] = [:], seen = Set<PreviousPlan.Key>()
        for year in scenario.yearScenarios() {
            for pair in DerivedQuantities(year).candidates {
                let group = year.teacherGroups[pair.group].id, school = year.schools[pair.school].id
                if seen.insert(PreviousPlan.Key(group, school)).inserted { pairs[group, default: []].append(school) }
            }
        }
        return pairs
    }
}
