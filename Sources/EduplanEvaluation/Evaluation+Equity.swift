import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// Equity of the plan and of the actuals (MODEL.md §8, §11), computed by EduplanMetrics.
extension Evaluation {
    /// The keys of the metrics comparison, in display order (those of `solve`'s JSON `metrics`).
    public static let metricKeys = [
        "gini", "theil", "theil_between", "theil_within", "atkinson_0_5", "atkinson_1", "atkinson_2", "cv", "mcloone", "verstegen",
        "federal_range_ratio", "restricted_range", "range", "hoover", "mean_per_pupil", "median_per_pupil",
        "fiscal_neutrality_correlation", "fiscal_neutrality_elasticity", "teacher_allocation_r2", "staffing_standard_share",
    ]

    /// The per-pupil metrics of the planned and the actual money, and the teacher metrics of the
    /// planned and the actual staff (teachers before plus dispatched, or placed).
    static func equityMetrics(_ frame: EvaluationFrame, _ tables: EvaluationTables) -> MetricsComparison {
        let plan = frame.plan, scenario = frame.scenario
        let pupils = plan.schools.map { Double($0.pupils) }
        let income: [Double?] = frame.regionIds.map { id in scenario?.regions.first { $0.id == id }?.incomePerCapita }
        let needAll = tables.needTotal
        func equity(_ allocation: [Double]) -> EquityMetrics {
            Equity.metrics(EquityInput(ids: plan.schools.map(\.id), pupils: pupils, allocation: allocation, need: needAll,
                                       region: frame.regionOfSchool, regionIncome: income))
        }
        let ratios: [Double]? = scenario.map { scenario in
            plan.schools.map { s in SchoolLevel(rawValue: s.level).flatMap { scenario.studentTeacherRatio[$0] } ?? .infinity }
        }
        func values(_ m: EquityMetrics?, staff: [Double]?) -> [String: Double?] {
            var v = named(m)
            v["teacher_allocation_r2"] = staff.flatMap { Equity.teacherAllocationR2(pupils: pupils, teachers: $0) }
            v["staffing_standard_share"] = staff.flatMap { staff in
                ratios.flatMap { Equity.staffingStandardShare(pupils: pupils, teachers: staff, ratio: $0) }
            }
            return v
        }
        let plannedStaff = plan.schools.enumerated().map { Double($1.teachersBefore) + tables.plannedTeachers[$0] }
        let achievedStaff = tables.hasTeachers ? plan.schools.enumerated().map { Double($1.teachersBefore) + tables.placed[$0] } : nil
        return MetricsComparison(keys: metricKeys, planned: values(equity(tables.plannedTotal), staff: plannedStaff),
                                 achieved: values(tables.hasMoney ? equity(tables.actualTotal) : nil, staff: achievedStaff))
    }

    /// The per-pupil metrics by their keys in `solve`'s JSON (all nil without metrics).
    private static func named(_ m: EquityMetrics?) -> [String: Double?] {
        ["gini": m?.gini, "theil": m?.theil, "theil_between": m?.theilBetween, "theil_within": m?.theilWithin,
         "atkinson_0_5": m?.atkinson0_5, "atkinson_1": m?.atkinson1, "atkinson_2": m?.atkinson2, "cv": m?.cv,
         "mcloone": m?.mcloone, "verstegen": m?.verstegen, "federal_range_ratio": m?.federalRangeRatio,
         "restricted_range": m?.restrictedRange, "range": m?.range, "hoover": m?.hoover, "mean_per_pupil": m?.mean,
         "median_per_pupil": m?.median, "fiscal_neutrality_correlation": m?.fiscalNeutralityCorrelation,
         "fiscal_neutrality_elasticity": m?.fiscalNeutralityElasticity]
    }

    /// Poor students fully covered (MODEL.md §11) on the mandatory categories counted on poor students,
    /// and on every category counted on them; nil without a scenario (a note says why).
    static func poorCoverage(_ frame: EvaluationFrame, _ tables: EvaluationTables,
                             notes: inout [String]) -> (mandatory: PoorCoverageComparison?, all: PoorCoverageComparison?) {
        guard let scenario = frame.scenario else {
            notes.append("Without --scenario: poor students fully covered, the staffing standard, fiscal neutrality and region names are not available (the plan does not carry categories' rules, poor counts, staffing standards or incomes).")
            return (nil, nil)
        }
        let poor = frame.plan.schools.indices.map { frame.scenarioSchool[$0].map { Double(scenario.schools[$0].poor) } ?? 0 }
        func comparison(_ chosen: [String]) -> PoorCoverageComparison {
            let ks = chosen.compactMap { frame.categoryIndex[$0] }
            func covered(_ table: [[Double]]) -> [Bool] {
                table.indices.map { i in ks.allSatisfy { k in Equity.isFullyFunded(allocated: table[i][k], need: tables.need[i][k]) } }
            }
            let achieved = tables.hasMoney ? Equity.poorFullyCovered(poor: poor, fullyCovered: covered(tables.actual))
                : CountShare(count: 0, total: 0)
            return PoorCoverageComparison(categories: chosen, planned: Equity.poorFullyCovered(poor: poor, fullyCovered: covered(tables.planned)),
                                          achieved: achieved)
        }
        func countedOnPoor(_ category: NeedCategory) -> Bool {
            if case let .perStudent(count, _) = category.rule { return count == .poor || count == .poorBoarding }
            return false
        }
        let mandatory = scenario.categories.filter { $0.mandatory && countedOnPoor($0) }.map(\.id)
        if mandatory.isEmpty {
            notes.append("No mandatory per-student category counts poor or poor_boarding: by MODEL.md §11 every school's poor students are fully covered, so poor_fully_covered says nothing here; poor_fully_covered_all_poor_categories uses every category counted on poor students.")
        }
        let every = scenario.categories.filter(countedOnPoor).map(\.id)
        if !tables.hasMoney { notes.append("Without money actuals the achieved side of poor students fully covered is empty.") }
        return (comparison(mandatory), every.isEmpty ? nil : comparison(every))
    }
}
