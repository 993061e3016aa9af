@testable import EduplanPlanner
import EduplanScenario
import Foundation
import Testing

/// Invariants every solved plan must satisfy (MODEL.md §4 and the hard rules).
enum Invariants {
    static func check(_ scenario: Scenario, _ result: PlanResult, tolerance: Double = 1e-6) throws {
        let plan = try #require(result.plan)
        let derived = DerivedQuantities(scenario)
        let money = max(1, scenario.funds.map(\.amount).max() ?? 1)
        let eps = tolerance * money
        // Funds within budget and above minimum spend.
        for (f, fund) in scenario.funds.enumerated() {
            let spent = plan.funds[f].spent
            #expect(spent <= fund.amount + eps, "fund \(fund.id) overspent: \(spent) > \(fund.amount)")
            #expect(spent >= fund.minSpend * fund.amount - eps, "fund \(fund.id) below minimum spend")
        }
        // 0 ≤ x ≤ N, mandatory met.
        var byCategoryRegion: [String: Double] = [:]
        for (s, school) in plan.schools.enumerated() {
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let x = school.allocated[category.id] ?? 0
                let need = derived.need[k][s]
                #expect(x >= -eps && x <= need + eps, "x out of [0, N] at \(school.id)/\(category.id)")
                if category.mandatory { #expect(abs(x - need) <= eps, "mandatory \(category.id) not met at \(school.id)") }
                byCategoryRegion["\(category.id)|\(school.region)", default: 0] += x
            }
        }
        // Balance: money into each (category, region) equals what the funds sent there.
        var flows: [String: Double] = [:]
        for fund in plan.funds { for flow in fund.flows { flows["\(flow.category)|\(flow.region)", default: 0] += flow.amount } }
        for (key, value) in byCategoryRegion where value > eps {
            #expect(abs((flows[key] ?? 0) - value) <= eps, "balance broken for \(key)")
        }
        // Dispatch: integer when asked, supply respected, no school over its shortage.
        var perGroup: [String: Double] = [:]
        for line in plan.dispatch {
            if scenario.dispatch.integer { #expect(line.count == line.count.rounded(), "fractional dispatch") }
            perGroup[line.group, default: 0] += line.count
        }
        for group in scenario.teacherGroups {
            #expect((perGroup[group.id] ?? 0) <= Double(group.count) + 1e-9, "group \(group.id) oversupplied")
        }
        for (s, school) in plan.schools.enumerated() {
            #expect(school.teachersDispatched <= derived.shortage[s].reduce(0, +), "\(school.id) received more than its shortage")
            #expect(school.shortageLeft == school.shortageBefore - school.teachersDispatched, "shortage equation at \(school.id)")
        }
        // Hard F3: designated share of money.
        if let rule = scenario.fairness.rule(PovertyCountyShareRule.self)?.setting, rule.mode.isHard {
            let regionDesignation = Dictionary(uniqueKeysWithValues: scenario.regions.map { ($0.id, $0.designation) })
            let total = plan.schools.reduce(0) { $0 + $1.received }
            let designated = plan.schools.filter { rule.designations.contains(regionDesignation[$0.region]!) }.reduce(0) { $0 + $1.received }
            #expect(designated >= rule.share * total - eps)
        }
        // Hard F6: shortage cap.
        if let cap = scenario.fairness.rule(ShortageCapRule.self)?.setting, cap.mode.isHard {
            for school in plan.schools { #expect(Double(school.shortageLeft) <= cap.value + 1e-9) }
        }
        // Hard F9: each region's money — its schools' money plus its dispatched teachers' cost, which the
        // funds' flows into it must equal — is at least φ_r per pupil.
        if let floor = scenario.fairness.rule(PerPupilFloorRule.self), floor.mode.isHard {
            var received: [String: Double] = [:]
            for school in plan.schools { received[school.region, default: 0] += school.received }
            for line in plan.dispatch { received[line.region, default: 0] += line.count * line.annualCost }
            for (r, phi, pupils) in floor.floorRegions(scenario) {
                let id = scenario.regions[r].id
                let inflow = plan.funds.flatMap(\.flows).filter { $0.region == id }.reduce(0) { $0 + $1.amount }
                #expect(abs(inflow - (received[id] ?? 0)) <= eps, "region \(id): flows \(inflow) vs received \(received[id] ?? 0)")
                #expect(inflow >= phi * pupils - eps, "F9 broken at \(id): \(inflow) < \(phi) × \(pupils)")
            }
        }
    }
}
