import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

extension PlanReport {
    /// Adds the metrics of MODEL.md §8 beyond the headline ones: per level, coverage by category and
    /// region, and poor students fully covered (all computed by EduplanMetrics).
    func addBreakdowns(to metrics: inout PlanFile.Metrics) {
        guard let plan = result.plan else { return }
        let schools = plan.schools
        let input = Self.equityInput(plan, scenario)

        // Per level: the same headline metrics on the level's schools.
        var byLevel: [String: PlanFile.LevelMetrics] = [:]
        for level in SchoolLevel.allCases {
            let indices = schools.indices.filter { schools[$0].level == level.rawValue }
            guard !indices.isEmpty else { continue }
            let m = Equity.metrics(input.restricted(to: indices))
            var entry = PlanFile.LevelMetrics(schools: indices.count, pupils: m.pupils)
            entry.meanPerPupil = m.mean
            entry.gini = m.gini
            entry.theil = m.theil
            entry.cv = m.cv
            entry.mcloone = m.mcloone
            entry.verstegen = m.verstegen
            entry.federalRangeRatio = m.federalRangeRatio
            entry.restrictedRange = m.restrictedRange
            entry.range = m.range
            entry.hoover = m.hoover
            entry.atkinson0_5 = m.atkinson0_5
            entry.atkinson1 = m.atkinson1
            entry.atkinson2 = m.atkinson2
            byLevel[level.rawValue] = entry
        }
        metrics.byLevel = byLevel

        // Coverage Σx/ΣN by category and by region (non-dispatch categories).
        var byCategory: [String: PlanFile.Coverage] = [:]
        for category in scenario.categories where !category.isDispatch {
            let allocated = schools.map { $0.allocated[category.id] ?? 0 }
            let need = schools.map { $0.need[category.id] ?? 0 }
            byCategory[category.id] = Self.record(Equity.coverage(allocation: allocated, need: need))
        }
        metrics.coverageByCategory = byCategory
        metrics.coverageByRegion = Equity.coverage(allocation: schools.map(\.received), need: schools.map(\.totalNeed),
                                                   groups: schools.map(\.region)).mapValues(Self.record)
        let covered = poorFullyCovered(plan)
        metrics.poorFullyCovered = PlanFile.PoorCoverage(count: covered.count, share: covered.share)
    }

    /// Poor students fully covered (MODEL.md §11): every mandatory per-student category counted on
    /// poor or poor_boarding is fully funded at the school.
    private func poorFullyCovered(_ plan: Plan) -> CountShare {
        let poorCategories = scenario.categories.filter { category in
            guard category.mandatory, case let .perStudent(count, _) = category.rule else { return false }
            return count == .poor || count == .poorBoarding
        }
        let fully = plan.schools.map { school in
            poorCategories.allSatisfy { category in
                Equity.isFullyFunded(allocated: school.allocated[category.id] ?? 0, need: school.need[category.id] ?? 0)
            }
        }
        return Equity.poorFullyCovered(poor: scenario.schools.map { Double($0.poor) }, fullyCovered: fully)
    }

    private static func record(_ c: Coverage) -> PlanFile.Coverage {
        PlanFile.Coverage(allocated: c.allocated, need: c.need, ratio: c.ratio)
    }
}
