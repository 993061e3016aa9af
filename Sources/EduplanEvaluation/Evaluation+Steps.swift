import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// The steps of ``Evaluation/evaluate(_:actuals:scenario:threshold:planName:allowForeignPlan:)``, in
/// the order the report lists them. Sums run over schools in plan order (the same bits every run).
extension Evaluation {
    /// Sentences for a kind of actuals that was not given.
    static func missingActualsNotes(_ frame: EvaluationFrame, _ tables: EvaluationTables) -> [String] {
        var notes: [String] = []
        if !tables.hasMoney {
            notes.append("No money actuals (school,category,amount): money execution, short money and achieved equity metrics are not evaluated.")
        }
        if !tables.hasTeachers {
            notes.append(frame.plan.dispatch.isEmpty && frame.dispatchCategories.isEmpty
                         ? "The plan dispatches no teachers and no teacher actuals were given: teachers are not evaluated."
                         : "No teacher actuals (group,school,count): teachers and the dispatch category's money are not evaluated.")
        }
        return notes
    }

    /// Each school's execution, and the schools short of the plan by more than `threshold` (money
    /// first, then teachers; the largest shortfall share first, ties by school id).
    static func schoolExecutions(_ frame: EvaluationFrame, _ tables: EvaluationTables,
                                 threshold: Double) -> (schools: [SchoolExecution], short: [ShortSchool]) {
        func isShort(_ e: Execution) -> Bool {
            e.planned > 0 && e.actual < e.planned * (1 - threshold) - tolerance * e.planned
        }
        var schools: [SchoolExecution] = []
        var short: [ShortSchool] = []
        for (i, s) in frame.plan.schools.enumerated() {
            var byCategory: [String: Execution] = [:]
            for (k, id) in frame.categories.enumerated() {
                byCategory[id] = Execution(planned: tables.planned[i][k], actual: tables.hasMoney ? tables.actual[i][k] : 0)
            }
            let money = tables.hasMoney ? Execution(planned: tables.planned[i].reduce(0, +), actual: tables.actual[i].reduce(0, +)) : nil
            let teachers = tables.hasTeachers ? Execution(planned: tables.plannedTeachers[i], actual: tables.placed[i]) : nil
            schools.append(SchoolExecution(school: s.id, name: s.name, region: s.region, money: money,
                                           byCategory: tables.hasMoney ? byCategory : [:], teachers: teachers))
            for (kind, execution) in [(ShortSchool.Kind.money, money), (.teachers, teachers)] {
                guard let execution, isShort(execution) else { continue }
                short.append(ShortSchool(school: s.id, name: s.name, region: s.region, kind: kind,
                                         planned: execution.planned, actual: execution.actual))
            }
        }
        short.sort {
            if $0.kind != $1.kind { return $0.kind == .money }
            if $0.shortfallShare != $1.shortfallShare { return $0.shortfallShare > $1.shortfallShare }
            return $0.school.utf8.lexicographicallyPrecedes($1.school.utf8)
        }
        return (schools, short)
    }

    /// Σ over all schools of one category's column.
    private static func columnSum(_ table: [[Double]], _ k: Int) -> Double { table.reduce(0) { $0 + $1[k] } }

    /// Money execution of each money category.
    static func categoryExecutions(_ frame: EvaluationFrame, _ tables: EvaluationTables) -> [GroupExecution] {
        frame.categories.indices.map { k in
            GroupExecution(id: frame.categories[k], name: nil,
                           money: tables.hasMoney ? Execution(planned: columnSum(tables.planned, k), actual: columnSum(tables.actual, k)) : nil,
                           teachers: nil)
        }
    }

    /// Money and teacher execution of each region with schools in the plan.
    static func regionExecutions(_ frame: EvaluationFrame, _ tables: EvaluationTables) -> [GroupExecution] {
        let plannedTotal = tables.plannedTotal, actualTotal = tables.actualTotal
        return frame.regionIds.enumerated().compactMap { r, id in
            let members = frame.schoolsOfRegion[r]
            guard !members.isEmpty else { return nil }
            let money = tables.hasMoney ? Execution(planned: members.reduce(0) { $0 + plannedTotal[$1] },
                                                    actual: members.reduce(0) { $0 + actualTotal[$1] }) : nil
            let teachers = tables.hasTeachers ? Execution(planned: members.reduce(0) { $0 + tables.plannedTeachers[$1] },
                                                          actual: members.reduce(0) { $0 + tables.placed[$1] }) : nil
            return GroupExecution(id: id, name: frame.regionNames[id], money: money, teachers: teachers)
        }
    }

    /// Funds: actuals attributed pro rata to the plan's flows of each category and region; the money
    /// no flow covers; and, with teacher actuals, the execution of each dispatch category.
    static func fundExecutions(_ frame: EvaluationFrame, _ tables: EvaluationTables)
        -> (byFund: [FundExecution], unattributed: [UnattributedMoney], dispatchCategories: [GroupExecution]) {
        struct Cell: Hashable { var category: String; var region: String }
        let plan = frame.plan, hasMoney = tables.hasMoney, hasTeachers = tables.hasTeachers
        var evaluatedCategories = Set<String>()
        if hasMoney { evaluatedCategories.formUnion(frame.categories) }
        if hasTeachers { evaluatedCategories.formUnion(frame.dispatchCategories) }
        var flowTotal: [Cell: Double] = [:]
        for fund in plan.funds { for flow in fund.flows { flowTotal[Cell(category: flow.category, region: flow.region), default: 0] += flow.amount } }
        func actualMoney(_ cell: Cell) -> Double {
            guard let r = frame.regionIndex[cell.region] else { return 0 }
            if let k = frame.categoryIndex[cell.category] {
                return hasMoney ? frame.schoolsOfRegion[r].reduce(0) { $0 + tables.paidByFunds[$1][k] } : 0
            }
            return frame.dispatchCategories.contains(cell.category) && hasTeachers ? tables.dispatchMoneyByRegion[r] : 0
        }
        let byFund = plan.funds.map { fund in
            var plannedMoney = 0.0, attributed = 0.0
            for flow in fund.flows where evaluatedCategories.contains(flow.category) {
                let cell = Cell(category: flow.category, region: flow.region)
                plannedMoney += flow.amount
                if let total = flowTotal[cell], total > 0 { attributed += actualMoney(cell) * flow.amount / total }
            }
            return FundExecution(fund: fund.id, amount: fund.amount, execution: Execution(planned: plannedMoney, actual: attributed))
        }
        var unattributed: [UnattributedMoney] = []
        let dispatchCategories = hasTeachers ? frame.dispatchCategories.sorted() : []
        for category in (hasMoney ? frame.categories : []) + dispatchCategories {
            for (r, region) in frame.regionIds.enumerated() where !frame.schoolsOfRegion[r].isEmpty {
                let cell = Cell(category: category, region: region)
                let money = actualMoney(cell)
                if money > 0, (flowTotal[cell] ?? 0) <= 0 { unattributed.append(UnattributedMoney(category: category, region: region, amount: money)) }
            }
        }
        let dispatchRows = dispatchCategories.map { category in
            let plannedCost = plan.funds.reduce(0.0) { $0 + $1.flows.filter { $0.category == category }.reduce(0) { $0 + $1.amount } }
            return GroupExecution(id: category, name: nil,
                                  money: Execution(planned: plannedCost, actual: tables.dispatchMoneyByRegion.reduce(0, +)),
                                  teachers: Execution(planned: tables.plannedTeachers.reduce(0, +), actual: tables.placed.reduce(0, +)))
        }
        return (byFund, unattributed, dispatchRows)
    }

    /// Coverage Σ x / Σ N of each money category, planned and achieved (EduplanMetrics).
    static func coverageByCategory(_ frame: EvaluationFrame, _ tables: EvaluationTables) -> [CoverageComparison] {
        frame.categories.indices.map { k in
            let need = tables.need.map { $0[k] }
            let achieved = tables.hasMoney ? tables.actual.map { $0[k] } : need.map { _ in 0 }
            return CoverageComparison(id: frame.categories[k], plan: Equity.coverage(allocation: tables.planned.map { $0[k] }, need: need),
                                      actual: Equity.coverage(allocation: achieved, need: need))
        }
    }

    /// Coverage Σ X / Σ N^all of each region of `regions`, planned and achieved (EduplanMetrics).
    static func coverageByRegion(_ frame: EvaluationFrame, _ tables: EvaluationTables,
                                 regions: [GroupExecution]) -> [CoverageComparison] {
        let need = tables.needTotal
        let achieved = tables.hasMoney ? tables.actualTotal : need.map { _ in 0 }
        let planned = Equity.coverage(allocation: tables.plannedTotal, need: need, groups: frame.regionOfSchool)
        let actual = Equity.coverage(allocation: achieved, need: need, groups: frame.regionOfSchool)
        return regions.map { region in
            let r = frame.regionIndex[region.id]!
            return CoverageComparison(id: region.id, plan: planned[r]!, actual: actual[r]!)
        }
    }
}
