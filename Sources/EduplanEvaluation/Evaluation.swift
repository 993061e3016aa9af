import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// Monitoring: a plan against what was actually disbursed and placed (PRODUCT.md `evaluate`).
///
/// - Execution rate = actual / planned, by category, region, fund and in total. A fund's money is known
///   in the plan only as flows z_{f,k,r} (fund → category → region), so actuals are attributed to funds
///   pro rata: the actual money of category k in region r, A_{k,r} = Σ_{s∈r} actual_{s,k}, goes to each
///   fund f in the share z_{f,k,r} / Σ_g z_{g,k,r} of the plan's flows there. A fund's execution rate is
///   then Σ_{k,r} A_{k,r} z_{f,k,r} / Z_{k,r} over Σ_{k,r} z_{f,k,r}. Money in a category and region with
///   no planned flow cannot be attributed: it is listed as unattributed.
/// - Teachers: placements (group, school, count) against the plan's dispatch; their cost (count × the
///   group's annual cost) is the actual money of the `dispatch` category, attributed to funds as above.
/// - A school is short when actual < planned · (1 − threshold), for its money (all money categories
///   together) and, separately, its teachers; a relative tolerance of 10⁻⁹ keeps an actual of exactly
///   (1 − threshold) · planned from counting as short.
/// - Coverage and equity metrics (MODEL.md §8, §11) of the plan and of the actuals, side by side.
public enum Evaluation {
    /// Relative slack in "fully funded" and "short" comparisons (floating-point sums of cents).
    public static let tolerance = 1e-9

    /// Evaluates a plan file against actuals files.
    /// - Throws: ``EvaluationErrors`` with every problem of the plan, the actuals and their references.
    public static func evaluate(planFile: URL, actualsFiles: [URL], scenario: Scenario? = nil, threshold: Double = 0.1,
                                planName: String? = nil, actualsNames: [String]? = nil,
                                allowForeignPlan: Bool = false) throws -> (report: EvaluationReport, warnings: [ScenarioProblem]) {
        var problems: [ScenarioProblem] = []
        var plan: PlanDocument?
        var actuals: Actuals?
        var warnings: [ScenarioProblem] = []
        do { plan = try PlanDocument.load(from: planFile, name: planName) } catch let e as EvaluationErrors { problems += e.problems }
        do {
            let read = try Actuals.read(actualsFiles, names: actualsNames)
            actuals = read.actuals
            warnings = read.warnings
        } catch let e as EvaluationErrors {
            problems += e.problems
        }
        guard let plan, let actuals, problems.allSatisfy({ $0.severity != .error }) else {
            throw EvaluationErrors(problems: problems)
        }
        let report = try evaluate(plan, actuals: actuals, scenario: scenario, threshold: threshold,
                                  planName: planName ?? planFile.relativePath, allowForeignPlan: allowForeignPlan)
        return (report, report.warnings + warnings)
    }

    /// Evaluates a plan against actuals.
    ///
    /// - Parameters:
    ///   - scenario: The plan's scenario: needed for "poor students fully covered" (which categories are
    ///     mandatory and counted on poor students, and how many poor students each school has), for the
    ///     staffing standard and fiscal neutrality, and for region names. Without it those are null.
    ///     Give the folder's base scenario: the plan's variant is applied to it, and the result must
    ///     have the plan's `scenario_fingerprint` (``PlanDocument/scenarioOfPlan(_:file:allowForeign:)``).
    ///   - threshold: Relative shortfall beyond which a school is listed as short, in [0, 1].
    ///   - allowForeignPlan: Evaluate against a scenario the plan was not solved from (or a plan without
    ///     a fingerprint), with a warning in ``EvaluationReport/warnings`` and the notes.
    /// - Throws: ``EvaluationErrors`` for actuals naming a school, category or teacher group the plan
    ///   does not know, amounts past the money range (per row, or added up per school and category),
    ///   and for a scenario the plan was not made for.
    /// - Complexity: O(schools × categories + rows), plus O(scenario) for its fingerprint.
    public static func evaluate(_ document: PlanDocument, actuals: Actuals, scenario given: Scenario? = nil, threshold: Double = 0.1,
                                planName: String = "plan.json", allowForeignPlan: Bool = false) throws -> EvaluationReport {
        precondition(threshold >= 0 && threshold <= 1, "threshold must be in [0, 1]")
        let plan = document.plan
        let log = ProblemLog()
        let checked = given.map { document.scenarioOfPlan($0, file: planName, allowForeign: allowForeignPlan) }
        let scenario = checked?.scenario
        log.absorb(checked?.problems ?? [])
        try log.throwIfErrors()

        // Schools, regions, categories.
        var schoolIndex: [String: Int] = [:]
        for (i, s) in plan.schools.enumerated() where schoolIndex[s.id] == nil { schoolIndex[s.id] = i }
        var scenarioSchool: [Int?] = Array(repeating: nil, count: plan.schools.count)
        if let scenario {
            let byId = Dictionary(scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (i, s) in plan.schools.enumerated() {
                if let j = byId[s.id] { scenarioSchool[i] = j } else {
                    log.error(planName, field: "plan.schools[\(i)].id", expected: "a school of the scenario `\(scenario.name)`",
                              found: TextValue.quoted(s.id), hint: "was the plan made for another scenario?")
                }
            }
        }
        var regionIds: [String] = []
        var regionNames: [String: String] = [:]
        if let scenario {
            regionIds = scenario.regions.map(\.id)
            for r in scenario.regions { regionNames[r.id] = r.name }
        }
        for s in plan.schools where !regionIds.contains(s.region) { regionIds.append(s.region) }
        let regionIndex = Dictionary(regionIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        var categories: [String]
        let planCategories = Set(plan.schools.flatMap { Array($0.allocated.keys) + Array($0.need.keys) })
        if let scenario {
            categories = scenario.categories.filter { !$0.isDispatch }.map(\.id)
            categories += planCategories.subtracting(categories).sorted()
        } else {
            categories = planCategories.sorted()
        }
        let categoryIndex = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let flowCategories = Set(plan.funds.flatMap { $0.flows.map(\.category) })
        var dispatchCategories = flowCategories.subtracting(categories)
        if let id = scenario?.dispatchCategory.map({ scenario!.categories[$0].id }) { dispatchCategories.insert(id) }

        // Annual cost of each teacher group: the plan's dispatch lines first, then the scenario.
        var annualCost: [String: Double] = [:]
        for line in plan.dispatch where annualCost[line.group] == nil { annualCost[line.group] = line.annualCost }
        for group in scenario?.teacherGroups ?? [] where annualCost[group.id] == nil { annualCost[group.id] = group.annualCost }

        // Actuals, checked against the plan.
        let n = plan.schools.count, K = categories.count
        var actual = [[Double]](repeating: [Double](repeating: 0, count: K), count: n)
        var placed = [Double](repeating: 0, count: n)
        var dispatchMoneyByRegion = [Double](repeating: 0, count: regionIds.count)
        for row in actuals.money {
            let school = schoolIndex[row.school]
            if school == nil {
                log.error(row.file, line: row.line, column: row.columns["school"], field: "school", expected: "a school of the plan",
                          found: TextValue.quoted(row.school))
            }
            let category = categoryIndex[row.category]
            if category == nil {
                if dispatchCategories.contains(row.category) {
                    log.error(row.file, line: row.line, column: row.columns["category"], field: "category",
                              expected: "a money category (\(categories.map { "`\($0)`" }.joined(separator: ", ")))",
                              found: TextValue.quoted(row.category), hint: "teachers placed go in a `group,school,count` file; their cost is counted from it")
                } else {
                    log.error(row.file, line: row.line, column: row.columns["category"], field: "category",
                              expected: "a category of the plan (\(categories.map { "`\($0)`" }.joined(separator: ", ")))",
                              found: TextValue.quoted(row.category))
                }
            }
            if let school, let category {
                actual[school][category] = accumulate(actual[school][category], row.amount, cap: InputLimits.maxMoney,
                                                      what: "disbursements to school \(row.school) for \(row.category)",
                                                      at: (row.file, row.line, row.columns["amount"], "amount"), log: log)
            }
        }
        for row in actuals.teachers {
            let school = schoolIndex[row.school]
            if school == nil {
                log.error(row.file, line: row.line, column: row.columns["school"], field: "school", expected: "a school of the plan",
                          found: TextValue.quoted(row.school))
            }
            let cost = annualCost[row.group]
            if cost == nil {
                log.error(row.file, line: row.line, column: row.columns["group"], field: "group",
                          expected: "a teacher group of the plan's dispatch\(scenario == nil ? "" : " or the scenario's teachers.csv")",
                          found: TextValue.quoted(row.group), hint: scenario == nil ? "pass --scenario DIR to know every group of the scenario" : nil)
            }
            if let school, let cost {
                let before = placed[school]
                placed[school] = accumulate(before, row.count, cap: InputLimits.maxCount,
                                            what: "teachers placed at school \(row.school)",
                                            at: (row.file, row.line, row.columns["count"], "count"), log: log)
                dispatchMoneyByRegion[regionIndex[plan.schools[school].region]!] += (placed[school] - before) * cost
            }
        }
        try log.throwIfErrors()

        let hasMoney = actuals.hasMoney, hasTeachers = actuals.hasTeachers
        var notes = log.warnings.map { "Warning: \($0)" }
        if !hasMoney { notes.append("No money actuals (school,category,amount): money execution, short money and achieved equity metrics are not evaluated.") }
        if !hasTeachers {
            notes.append(plan.dispatch.isEmpty && dispatchCategories.isEmpty
                         ? "The plan dispatches no teachers and no teacher actuals were given: teachers are not evaluated."
                         : "No teacher actuals (group,school,count): teachers and the dispatch category's money are not evaluated.")
        }

        // Planned quantities per school.
        var planned = [[Double]](repeating: [Double](repeating: 0, count: K), count: n)
        var need = [[Double]](repeating: [Double](repeating: 0, count: K), count: n)
        for (i, s) in plan.schools.enumerated() {
            for (k, id) in categories.enumerated() {
                planned[i][k] = s.allocated[id] ?? 0
                need[i][k] = s.need[id] ?? 0
            }
        }
        var plannedTeachers = [Double](repeating: 0, count: n)
        for line in plan.dispatch { if let i = schoolIndex[line.school] { plannedTeachers[i] += line.count } }

        // Schools.
        var schools: [SchoolExecution] = []
        var short: [ShortSchool] = []
        func isShort(_ e: Execution) -> Bool {
            e.planned > 0 && e.actual < e.planned * (1 - threshold) - tolerance * e.planned
        }
        for (i, s) in plan.schools.enumerated() {
            var byCategory: [String: Execution] = [:]
            for (k, id) in categories.enumerated() { byCategory[id] = Execution(planned: planned[i][k], actual: hasMoney ? actual[i][k] : 0) }
            let money = hasMoney ? Execution(planned: planned[i].reduce(0, +), actual: actual[i].reduce(0, +)) : nil
            let teachers = hasTeachers ? Execution(planned: plannedTeachers[i], actual: placed[i]) : nil
            schools.append(SchoolExecution(school: s.id, name: s.name, region: s.region, money: money,
                                           byCategory: hasMoney ? byCategory : [:], teachers: teachers))
            if let money, isShort(money) {
                short.append(ShortSchool(school: s.id, name: s.name, region: s.region, kind: .money, planned: money.planned, actual: money.actual))
            }
            if let teachers, isShort(teachers) {
                short.append(ShortSchool(school: s.id, name: s.name, region: s.region, kind: .teachers,
                                         planned: teachers.planned, actual: teachers.actual))
            }
        }
        short.sort {
            if $0.kind != $1.kind { return $0.kind == .money }
            if $0.shortfallShare != $1.shortfallShare { return $0.shortfallShare > $1.shortfallShare }
            return $0.school.utf8.lexicographicallyPrecedes($1.school.utf8)
        }

        // Categories and regions.
        func sum(_ table: [[Double]], schools: [Int], category k: Int) -> Double { schools.reduce(0) { $0 + table[$1][k] } }
        let all = Array(0..<n)
        var byCategory: [GroupExecution] = categories.indices.map { k in
            GroupExecution(id: categories[k], name: nil,
                           money: hasMoney ? Execution(planned: sum(planned, schools: all, category: k), actual: sum(actual, schools: all, category: k)) : nil,
                           teachers: nil)
        }
        var schoolsOfRegion = [[Int]](repeating: [], count: regionIds.count)
        for (i, s) in plan.schools.enumerated() { schoolsOfRegion[regionIndex[s.region]!].append(i) }
        var byRegion: [GroupExecution] = []
        for (r, id) in regionIds.enumerated() where !schoolsOfRegion[r].isEmpty {
            let members = schoolsOfRegion[r]
            let money = hasMoney ? Execution(planned: members.reduce(0) { $0 + planned[$1].reduce(0, +) },
                                             actual: members.reduce(0) { $0 + actual[$1].reduce(0, +) }) : nil
            let teachers = hasTeachers ? Execution(planned: members.reduce(0) { $0 + plannedTeachers[$1] },
                                                   actual: members.reduce(0) { $0 + placed[$1] }) : nil
            byRegion.append(GroupExecution(id: id, name: regionNames[id], money: money, teachers: teachers))
        }

        // Funds: actuals attributed pro rata to the plan's flows of each category and region.
        var evaluatedCategories = Set<String>()
        if hasMoney { evaluatedCategories.formUnion(categories) }
        if hasTeachers { evaluatedCategories.formUnion(dispatchCategories) }
        struct Cell: Hashable { var category: String; var region: String }
        var flowTotal: [Cell: Double] = [:]
        for fund in plan.funds { for flow in fund.flows { flowTotal[Cell(category: flow.category, region: flow.region), default: 0] += flow.amount } }
        func actualMoney(_ cell: Cell) -> Double {
            guard let r = regionIndex[cell.region] else { return 0 }
            if let k = categoryIndex[cell.category] { return hasMoney ? sum(actual, schools: schoolsOfRegion[r], category: k) : 0 }
            return dispatchCategories.contains(cell.category) && hasTeachers ? dispatchMoneyByRegion[r] : 0
        }
        var byFund: [FundExecution] = []
        for fund in plan.funds {
            var plannedMoney = 0.0, attributed = 0.0
            for flow in fund.flows where evaluatedCategories.contains(flow.category) {
                let cell = Cell(category: flow.category, region: flow.region)
                plannedMoney += flow.amount
                if let total = flowTotal[cell], total > 0 { attributed += actualMoney(cell) * flow.amount / total }
            }
            byFund.append(FundExecution(fund: fund.id, amount: fund.amount, execution: Execution(planned: plannedMoney, actual: attributed)))
        }
        var unattributed: [UnattributedMoney] = []
        let unattributedCategories = (hasMoney ? categories : []) + (hasTeachers ? dispatchCategories.sorted() : [])
        for category in unattributedCategories {
            for (r, region) in regionIds.enumerated() where !schoolsOfRegion[r].isEmpty {
                let cell = Cell(category: category, region: region)
                let money = actualMoney(cell)
                if money > 0, (flowTotal[cell] ?? 0) <= 0 { unattributed.append(UnattributedMoney(category: category, region: region, amount: money)) }
            }
        }
        if hasTeachers {
            for category in dispatchCategories.sorted() {
                let plannedCost = plan.funds.reduce(0.0) { $0 + $1.flows.filter { $0.category == category }.reduce(0) { $0 + $1.amount } }
                byCategory.append(GroupExecution(id: category, name: nil,
                                                 money: Execution(planned: plannedCost, actual: dispatchMoneyByRegion.reduce(0, +)),
                                                 teachers: Execution(planned: plannedTeachers.reduce(0, +), actual: placed.reduce(0, +))))
            }
        }
        if !unattributed.isEmpty {
            notes.append("Some actual money fell in a category and region with no planned flow: it is listed as unattributed and is in no fund's execution.")
        }

        // Coverage.
        let coverageByCategory = categories.indices.map { k in
            CoverageComparison(id: categories[k], need: sum(need, schools: all, category: k), planned: sum(planned, schools: all, category: k),
                               achieved: hasMoney ? sum(actual, schools: all, category: k) : 0)
        }
        let coverageByRegion = byRegion.map { region -> CoverageComparison in
            let members = schoolsOfRegion[regionIndex[region.id]!]
            return CoverageComparison(id: region.id, need: members.reduce(0) { $0 + need[$1].reduce(0, +) },
                                      planned: members.reduce(0) { $0 + planned[$1].reduce(0, +) },
                                      achieved: hasMoney ? members.reduce(0) { $0 + actual[$1].reduce(0, +) } : 0)
        }

        // Equity metrics, planned and achieved.
        let pupils = plan.schools.map { Double($0.pupils) }
        let regionOf = plan.schools.map { regionIndex[$0.region]! }
        let income: [Double?] = regionIds.map { id in scenario?.regions.first { $0.id == id }?.incomePerCapita }
        let needAll = need.map { $0.reduce(0, +) }
        func equity(_ allocation: [Double]) -> EquityMetrics {
            Equity.metrics(EquityInput(ids: plan.schools.map(\.id), pupils: pupils, allocation: allocation, need: needAll,
                                       region: regionOf, regionIncome: income))
        }
        let plannedMetrics = equity(planned.map { $0.reduce(0, +) })
        let achievedMetrics = hasMoney ? equity(actual.map { $0.reduce(0, +) }) : nil
        let plannedStaff = plan.schools.enumerated().map { Double($1.teachersBefore) + plannedTeachers[$0] }
        let achievedStaff = hasTeachers ? plan.schools.enumerated().map { Double($1.teachersBefore) + placed[$0] } : nil
        let ratios: [Double]? = scenario.map { scenario in
            plan.schools.map { s in SchoolLevel(rawValue: s.level).flatMap { scenario.studentTeacherRatio[$0] } ?? .infinity }
        }
        let metrics = Self.metrics(planned: plannedMetrics, achieved: achievedMetrics, pupils: pupils,
                                   plannedStaff: plannedStaff, achievedStaff: achievedStaff, ratios: ratios)

        // Poor students fully covered.
        var poorCovered: PoorCoverageComparison?
        var poorCoveredAll: PoorCoverageComparison?
        if let scenario {
            let poor = plan.schools.indices.map { scenarioSchool[$0].map { Double(scenario.schools[$0].poor) } ?? 0 }
            func comparison(_ chosen: [String]) -> PoorCoverageComparison {
                let ks = chosen.compactMap { categoryIndex[$0] }
                func covered(_ table: [[Double]]) -> [Bool] {
                    (0..<n).map { i in ks.allSatisfy { k in table[i][k] >= need[i][k] * (1 - tolerance) - 1e-6 } }
                }
                let achieved = hasMoney ? Equity.poorFullyCovered(poor: poor, fullyCovered: covered(actual))
                    : CountShare(count: 0, total: 0)
                return PoorCoverageComparison(categories: chosen, planned: Equity.poorFullyCovered(poor: poor, fullyCovered: covered(planned)),
                                              achieved: achieved)
            }
            func countedOnPoor(_ category: NeedCategory) -> Bool {
                if case let .perStudent(count, _) = category.rule { return count == .poor || count == .poorBoarding }
                return false
            }
            let mandatory = scenario.categories.filter { $0.mandatory && countedOnPoor($0) }.map(\.id)
            poorCovered = comparison(mandatory)
            if mandatory.isEmpty {
                notes.append("No mandatory per-student category counts poor or poor_boarding: by MODEL.md §11 every school's poor students are fully covered, so poor_fully_covered says nothing here; poor_fully_covered_all_poor_categories uses every category counted on poor students.")
            }
            let every = scenario.categories.filter(countedOnPoor).map(\.id)
            if !every.isEmpty { poorCoveredAll = comparison(every) }
            if !hasMoney { notes.append("Without money actuals the achieved side of poor students fully covered is empty.") }
        } else {
            notes.append("Without --scenario: poor students fully covered, the staffing standard, fiscal neutrality and region names are not available (the plan does not carry categories' rules, poor counts, staffing standards or incomes).")
        }

        return EvaluationReport(
            scenario: document.scenario, variant: document.variant, currency: document.currency, threshold: threshold,
            moneyEvaluated: hasMoney, teachersEvaluated: hasTeachers, categories: categories,
            totalMoney: hasMoney ? Execution(planned: planned.reduce(0) { $0 + $1.reduce(0, +) }, actual: actual.reduce(0) { $0 + $1.reduce(0, +) }) : nil,
            totalTeachers: hasTeachers ? Execution(planned: plannedTeachers.reduce(0, +), actual: placed.reduce(0, +)) : nil,
            byFund: byFund, byCategory: byCategory, byRegion: byRegion, unattributed: unattributed, schools: schools,
            shortSchools: short, coverageByCategory: coverageByCategory, coverageByRegion: coverageByRegion, metrics: metrics,
            poorFullyCovered: poorCovered, poorFullyCoveredAllPoorCategories: poorCoveredAll, notes: notes,
            warnings: log.warnings)
    }

    /// `sum + value`, or `sum` unchanged with a problem at the row when the value is not in [0, cap]
    /// or the sum would pass `cap`: every total stays finite, whatever a file or caller gives.
    static func accumulate(_ sum: Double, _ value: Double, cap: Double, what: String,
                           at row: (file: String, line: Int, column: Int?, field: String), log: ProblemLog) -> Double {
        let capText = cap == InputLimits.maxMoney ? InputLimits.maxMoneyText : InputLimits.maxCountText
        guard value.isFinite, value >= 0, value <= cap else {
            log.error(row.file, line: row.line, column: row.column, field: row.field, expected: "a number from 0 to \(capText)",
                      found: InputLimits.shown(value))
            return sum
        }
        guard sum + value <= cap else {
            log.error(row.file, line: row.line, column: row.column, field: row.field,
                      expected: "\(what) adding up to at most \(capText)", found: "\(InputLimits.shown(sum + value)) with this row")
            return sum
        }
        return sum + value
    }

    /// The keys of the metrics comparison, in display order (those of `solve`'s JSON `metrics`).
    public static let metricKeys = [
        "gini", "theil", "theil_between", "theil_within", "atkinson_0_5", "atkinson_1", "atkinson_2", "cv", "mcloone", "verstegen",
        "federal_range_ratio", "restricted_range", "range", "hoover", "mean_per_pupil", "median_per_pupil",
        "fiscal_neutrality_correlation", "fiscal_neutrality_elasticity", "teacher_allocation_r2", "staffing_standard_share",
    ]

    private static func metrics(planned: EquityMetrics, achieved: EquityMetrics?, pupils: [Double], plannedStaff: [Double],
                                achievedStaff: [Double]?, ratios: [Double]?) -> MetricsComparison {
        func values(_ m: EquityMetrics?, staff: [Double]?) -> [String: Double?] {
            var v: [String: Double?] = [:]
            v["gini"] = m?.gini
            v["theil"] = m?.theil
            v["theil_between"] = m?.theilBetween
            v["theil_within"] = m?.theilWithin
            v["atkinson_0_5"] = m?.atkinson0_5
            v["atkinson_1"] = m?.atkinson1
            v["atkinson_2"] = m?.atkinson2
            v["cv"] = m?.cv
            v["mcloone"] = m?.mcloone
            v["verstegen"] = m?.verstegen
            v["federal_range_ratio"] = m?.federalRangeRatio
            v["restricted_range"] = m?.restrictedRange
            v["range"] = m?.range
            v["hoover"] = m?.hoover
            v["mean_per_pupil"] = m?.mean
            v["median_per_pupil"] = m?.median
            v["fiscal_neutrality_correlation"] = m?.fiscalNeutralityCorrelation
            v["fiscal_neutrality_elasticity"] = m?.fiscalNeutralityElasticity
            v["teacher_allocation_r2"] = staff.flatMap { Equity.teacherAllocationR2(pupils: pupils, teachers: $0) }
            v["staffing_standard_share"] = staff.flatMap { staff in ratios.flatMap { Equity.staffingStandardShare(pupils: pupils, teachers: staff, ratio: $0) } }
            return v
        }
        return MetricsComparison(keys: metricKeys, planned: values(planned, staff: plannedStaff), achieved: values(achieved, staff: achievedStaff))
    }
}
