import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

extension PlanReport {
    /// The metrics of MODEL.md §8 beyond the headline ones: per level, coverage by category and
    /// region, and poor students fully covered. Keys are added to the `metrics` object.
    var breakdownsJSON: [String: JSONValue] {
        guard let plan = result.plan else { return [:] }
        let schools = plan.schools
        let input = Self.equityInput(plan, scenario)

        // Per level: the same headline metrics on the level's schools.
        var byLevel: [String: JSONValue] = [:]
        for level in SchoolLevel.allCases {
            let indices = schools.indices.filter { schools[$0].level == level.rawValue }
            guard !indices.isEmpty else { continue }
            let m = Equity.metrics(input.restricted(to: indices))
            byLevel[level.rawValue] = .object([
                "schools": .number(Double(indices.count)), "pupils": .number(m.pupils), "mean_per_pupil": .number(m.mean),
                "gini": .number(m.gini), "theil": .number(m.theil), "cv": .number(m.cv), "mcloone": .number(m.mcloone),
                "verstegen": .number(m.verstegen), "federal_range_ratio": .number(m.federalRangeRatio),
                "restricted_range": .number(m.restrictedRange), "range": .number(m.range), "hoover": .number(m.hoover),
                "atkinson_0_5": .number(m.atkinson0_5), "atkinson_1": .number(m.atkinson1), "atkinson_2": .number(m.atkinson2),
            ])
        }

        // Coverage Σx/ΣN by category and by region (non-dispatch categories).
        var byCategory: [String: JSONValue] = [:]
        for category in scenario.categories where !category.isDispatch {
            let allocated = schools.map { $0.allocated[category.id] ?? 0 }
            let need = schools.map { $0.need[category.id] ?? 0 }
            byCategory[category.id] = coverageJSON(Equity.coverage(allocation: allocated, need: need))
        }
        let byRegion = Equity.coverage(allocation: schools.map(\.received), need: schools.map(\.totalNeed),
                                       groups: schools.map(\.region)).mapValues(coverageJSON)

        // Poor students fully covered (MODEL.md §11): every mandatory per-student category counted
        // on poor or poor_boarding is fully funded at the school.
        let poorCategories = scenario.categories.filter { category in
            guard category.mandatory, case let .perStudent(count, _) = category.rule else { return false }
            return count == .poor || count == .poorBoarding
        }
        let fully = schools.map { school in
            poorCategories.allSatisfy { category in
                let need = school.need[category.id] ?? 0
                return (school.allocated[category.id] ?? 0) >= need - 1e-6 * max(1, need)
            }
        }
        let poor = scenario.schools.map { Double($0.poor) }
        let covered = Equity.poorFullyCovered(poor: poor, fullyCovered: fully)
        return [
            "by_level": .object(byLevel),
            "coverage_by_category": .object(byCategory),
            "coverage_by_region": .object(byRegion),
            "poor_fully_covered": .object(["count": .number(covered.count), "share": .number(covered.share)]),
        ]
    }

    private func coverageJSON(_ c: Coverage) -> JSONValue {
        .object(["allocated": .number(c.allocated), "need": .number(c.need), "ratio": .number(c.ratio)])
    }
}
