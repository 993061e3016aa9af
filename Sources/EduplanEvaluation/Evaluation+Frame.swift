import EduplanPlanner
import EduplanScenario
import Foundation

/// A plan laid out for evaluation: its schools, regions and categories by index, and the cost of a
/// teacher of each group.
struct EvaluationFrame {
    let plan: Plan
    let scenario: Scenario?
    /// The first school of each id.
    var schoolIndex: [String: Int] = [:]
    /// Each plan school's index in the scenario (nil without one, or when the scenario lacks it).
    var scenarioSchool: [Int?]
    /// The scenario's regions in its order, then any other region of the plan's schools.
    var regionIds: [String] = []
    var regionNames: [String: String] = [:]
    var regionIndex: [String: Int] = [:]
    /// The region index of each school, and the schools of each region in plan order.
    var regionOfSchool: [Int] = []
    var schoolsOfRegion: [[Int]] = []
    /// Money categories: the scenario's non-dispatch categories in order, then the plan's others sorted.
    var categories: [String] = []
    var categoryIndex: [String: Int] = [:]
    /// Categories whose money pays for teachers (flows of no money category, and the scenario's dispatch).
    var dispatchCategories = Set<String>()
    /// Annual cost of a teacher of each group: the plan's dispatch lines first, then the scenario.
    var annualCost: [String: Double] = [:]

    /// Lays out `plan`; a plan school missing from `scenario` is an error in `log`.
    init(plan: Plan, scenario: Scenario?, planName: String, log: ProblemLog) {
        self.plan = plan
        self.scenario = scenario
        scenarioSchool = Array(repeating: nil, count: plan.schools.count)
        for (i, s) in plan.schools.enumerated() where schoolIndex[s.id] == nil { schoolIndex[s.id] = i }
        if let scenario {
            let byId = Dictionary(scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (i, s) in plan.schools.enumerated() {
                if let j = byId[s.id] { scenarioSchool[i] = j } else {
                    log.error(planName, field: "plan.schools[\(i)].id", expected: "a school of the scenario `\(scenario.name)`",
                              found: TextValue.quoted(s.id), hint: "was the plan made for another scenario?")
                }
            }
        }
        layOutRegions()
        layOutCategories()
        for line in plan.dispatch where annualCost[line.group] == nil { annualCost[line.group] = line.annualCost }
        for group in scenario?.teacherGroups ?? [] where annualCost[group.id] == nil { annualCost[group.id] = group.annualCost }
    }

    private mutating func layOutRegions() {
        if let scenario {
            regionIds = scenario.regions.map(\.id)
            for r in scenario.regions { regionNames[r.id] = r.name }
        }
        for s in plan.schools where !regionIds.contains(s.region) { regionIds.append(s.region) }
        regionIndex = Dictionary(regionIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        regionOfSchool = plan.schools.map { regionIndex[$0.region]! }
        schoolsOfRegion = [[Int]](repeating: [], count: regionIds.count)
        for (i, r) in regionOfSchool.enumerated() { schoolsOfRegion[r].append(i) }
    }

    private mutating func layOutCategories() {
        let planCategories = Set(plan.schools.flatMap { Array($0.allocated.keys) + Array($0.need.keys) })
        if let scenario {
            categories = scenario.categories.filter { !$0.isDispatch }.map(\.id)
            categories += planCategories.subtracting(categories).sorted()
        } else {
            categories = planCategories.sorted()
        }
        categoryIndex = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let flowCategories = Set(plan.funds.flatMap { $0.flows.map(\.category) })
        dispatchCategories = flowCategories.subtracting(categories)
        if let scenario, let k = scenario.dispatchCategory { dispatchCategories.insert(scenario.categories[k].id) }
    }

    var schoolCount: Int { plan.schools.count }
}

/// Planned and actual quantities per school (and category), laid out by an ``EvaluationFrame``.
struct EvaluationTables {
    /// x_{s,k} of the plan and N_{s,k}, by school then category index.
    var planned: [[Double]]
    var need: [[Double]]
    /// Teachers dispatched to each school in the plan.
    var plannedTeachers: [Double]
    /// Money disbursed by school and category, teachers placed by school, and the teachers' cost by region.
    var actual: [[Double]]
    var placed: [Double]
    var dispatchMoneyByRegion: [Double]
    /// The money the funds paid by school and category: ``actual``, except in a year of a multi-year
    /// plan, where a project category's actual is cumulative but the year's flows pay the year's part.
    var paidByFunds: [[Double]]
    /// Which kinds of actuals were given.
    var hasMoney: Bool
    var hasTeachers: Bool

    /// X_s planned and actual, and N^all_s (each row summed in category order).
    var plannedTotal: [Double] { planned.map { $0.reduce(0, +) } }
    var actualTotal: [Double] { actual.map { $0.reduce(0, +) } }
    var needTotal: [Double] { need.map { $0.reduce(0, +) } }

    /// The plan's quantities, and the actuals checked against the plan (every unknown school,
    /// category or group, and every amount out of range, is an error in `log`).
    init(_ frame: EvaluationFrame, actuals: Actuals, log: ProblemLog) {
        let n = frame.schoolCount, K = frame.categories.count
        planned = [[Double]](repeating: [Double](repeating: 0, count: K), count: n)
        need = planned
        for (i, s) in frame.plan.schools.enumerated() {
            for (k, id) in frame.categories.enumerated() {
                planned[i][k] = s.allocated[id] ?? 0
                need[i][k] = s.need[id] ?? 0
            }
        }
        plannedTeachers = [Double](repeating: 0, count: n)
        for line in frame.plan.dispatch { if let i = frame.schoolIndex[line.school] { plannedTeachers[i] += line.count } }
        // Teachers are whole: a count within 10⁻⁶ of a whole number is that number (a multi-year
        // plan's teachers at post are a sum of whole new posts read back as 0.9999999999999998).
        // A plan of continuous dispatch (`dispatch.integer: false`) keeps its fractions.
        plannedTeachers = plannedTeachers.map { abs($0 - $0.rounded()) < 1e-6 ? $0.rounded() : $0 }
        actual = [[Double]](repeating: [Double](repeating: 0, count: K), count: n)
        placed = [Double](repeating: 0, count: n)
        dispatchMoneyByRegion = [Double](repeating: 0, count: frame.regionIds.count)
        paidByFunds = []
        hasMoney = actuals.hasMoney
        hasTeachers = actuals.hasTeachers
        for row in actuals.money { add(row, frame, log) }
        for row in actuals.teachers { add(row, frame, log) }
        paidByFunds = actual
        if let paid = actuals.paidInYear {
            paidByFunds = actual.map { $0.map { _ in 0 } }
            for row in paid {  // the year's rows are among `money`, already checked and added up there
                guard let i = frame.schoolIndex[row.school], let k = frame.categoryIndex[row.category] else { continue }
                paidByFunds[i][k] += row.amount
            }
        }
    }

    /// The plan's index of an actuals row's school; nil, with the problem logged, when the plan has no such school.
    private static func schoolIndex(of school: String, at location: SourceLocation, _ frame: EvaluationFrame,
                                    _ log: ProblemLog) -> Int? {
        guard let index = frame.schoolIndex[school] else {
            log.error(location, expected: "a school of the plan", found: TextValue.quoted(school))
            return nil
        }
        return index
    }

    private mutating func add(_ row: MoneyActual, _ frame: EvaluationFrame, _ log: ProblemLog) {
        let school = Self.schoolIndex(of: row.school, at: row.place.location(of: "school"), frame, log)
        let category = frame.categoryIndex[row.category]
        if category == nil {
            let known = frame.categories.map { "`\($0)`" }.joined(separator: ", ")
            if frame.dispatchCategories.contains(row.category) {
                log.error(row.place.location(of: "category"),
                          expected: "a money category (\(known))", found: TextValue.quoted(row.category),
                          hint: "teachers placed go in a `group,school,count` file; their cost is counted from it")
            } else {
                log.error(row.place.location(of: "category"),
                          expected: "a category of the plan (\(known))", found: TextValue.quoted(row.category))
            }
        }
        guard let school, let category else { return }
        actual[school][category] = Evaluation.accumulate(actual[school][category], row.amount, cap: InputLimits.maxMoney,
                                                         what: "disbursements to school \(row.school) for \(row.category)",
                                                         at: row.place.location(of: "amount"), log: log)
    }

    private mutating func add(_ row: TeacherActual, _ frame: EvaluationFrame, _ log: ProblemLog) {
        let school = Self.schoolIndex(of: row.school, at: row.place.location(of: "school"), frame, log)
        let cost = frame.annualCost[row.group]
        if cost == nil {
            let withScenario = frame.scenario != nil
            log.error(row.place.location(of: "group"),
                      expected: "a teacher group of the plan's dispatch\(withScenario ? " or the scenario's teachers.csv" : "")",
                      found: TextValue.quoted(row.group), hint: withScenario ? nil : "pass --scenario DIR to know every group of the scenario")
        }
        guard let school, let cost else { return }
        let before = placed[school]
        placed[school] = Evaluation.accumulate(before, row.count, cap: InputLimits.maxCount,
                                               what: "teachers placed at school \(row.school)",
                                               at: row.place.location(of: "count"), log: log)
        dispatchMoneyByRegion[frame.regionOfSchool[school]] += (placed[school] - before) * cost
    }
}
