import EduplanIO
import EduplanScenario
import Foundation
import LinearProgramming

/// One region's money floor: the row Σ_{f,k} z_{f,k,r} (+ slack) ≥ ``money`` of F8 or F9.
struct RegionFloor: Equatable {
    /// The region's index.
    var region: Int
    /// The floor L_r, in the scenario's money.
    var money: Double
    /// The row in the user's words (the slack's constraint, the diagnosis line).
    var constraint: String
}

/// A rule written as one money floor per region over all the money the region receives, dispatch
/// included (F8 hold-harmless, F9 per-pupil floor). The rows, the per-region claims and the
/// Lagrangian terms are the same for both; the rule only says which regions get which floor.
protocol RegionFloorRule: FairnessRule {
    /// The floors, in region order: the regions that get a row.
    func regionFloors(_ scenario: Scenario) -> [RegionFloor]
}

extension RegionFloorRule {
    /// The row's name, in the exported model and as the subject of its claims: `key[region id]`.
    func rowName(_ region: Int, _ scenario: Scenario) -> String { "\(key)[\(scenario.regions[region].id)]" }

    /// One row per floor, in ``regionFloors(_:)``'s order; hard rows registered under the rule's
    /// key; every row (hard or soft) in ``Formulation/globalRuleRows`` under its name, so that its
    /// dual prices the region in a decomposed solve's bound.
    func buildFloors(into f: inout Formulation) {
        let money = f.regionAllMoneyColumns()
        for floor in regionFloors(f.scenario) {
            let columns = money[floor.region]
            let slack = f.addSlack(rule: key, constraint: floor.constraint, mode: mode, unit: .money, region: floor.region)
            let row = f.addRow(columns: columns.map(\.index) + (slack.map { [$0.index] } ?? []),
                               coefficients: columns.map { _ in 1 } + (slack == nil ? [] : [1]),
                               lower: floor.money * f.moneyScale, upper: .infinity, name: rowName(floor.region, f.scenario))
            if mode.isHard { f.register(rule: key, row: row) }
            f.globalRuleRows[rowName(floor.region, f.scenario)] = row
        }
    }

    /// The claim of every region whose hard floor binds (its row at its bound within
    /// ``ruleBindingTolerance`` relative): d(objective)/d(L_r), the row's dual in points per unit
    /// of money, valid while L_r stays in the LP's right-hand-side ranging of the row (with the
    /// integers fixed, for a MIP). A side of zero width (a degenerate vertex) is left unknown (nil).
    func regionFloorClaims(_ f: Formulation, _ solution: Solution) -> [Claim] {
        guard mode.isHard, solution.rowDuals != nil else { return [] }
        let unit = "points per \(f.scenario.currency)"
        return zip(f.ruleRows[key] ?? [], regionFloors(f.scenario)).compactMap { row, floor in
            let lower = f.model.rowLower[row.index], tolerance = ruleBindingTolerance * max(1, abs(lower))
            guard abs(solution.rowActivities[row.index] - lower) <= tolerance else { return nil }
            let value = solution.rowDual(row)
            var claim = Claim(kind: .regionFloorCost, subject: rowName(floor.region, f.scenario), value: value, unit: unit,
                              validFrom: floor.money, validTo: floor.money)
            if let ranging = solution.ranging(row) {
                let from = ranging.activityLower / f.moneyScale, to = ranging.activityUpper / f.moneyScale
                let step = tolerance / f.moneyScale
                claim.validFrom = from.isFinite ? min(from, floor.money) : nil
                claim.validTo = to.isFinite ? max(to, floor.money) : nil
                if from < floor.money - step { claim.left = value }
                if to > floor.money + step { claim.right = value }
            }
            return claim
        }
    }

    /// F8's and F9's terms: μ_r ≥ 0 on Σ z_r ≥ L_r (capped at the penalty when soft) makes each
    /// unit of money at a school of r, and of dispatch money to it, cost −μ_r, and adds μ_r L_r.
    /// `floors` are the floors the parts were planned with (a part holds its own regions' rows).
    func regionFloorTerms(_ context: LagrangianContext, floors: [RegionFloor]) -> LagrangianTerms {
        let scenario = context.scenario
        var price = [Double](repeating: 0, count: scenario.regions.count)
        var constant = 0.0
        for floor in floors {
            price[floor.region] = context.cap(context.dual(rowName(floor.region, scenario)), mode)
            constant += price[floor.region] * floor.money
        }
        let cost: (Int) -> Double = { s in -price[scenario.schools[s].region] }
        return LagrangianTerms(moneyCost: cost, dispatchMoneyCost: cost, constant: constant)
    }
}

extension Formulation {
    /// Every money column z_{f,k,r} of region r, dispatch included (the money a region receives:
    /// its schools' money plus the cost of the teachers dispatched to it), by region.
    func regionAllMoneyColumns() -> [[Variable]] {
        var byRegion: [[Variable]] = Array(repeating: [], count: scenario.regions.count)
        for entry in z { byRegion[entry.region].append(entry.variable) }
        return byRegion
    }

    /// The hard rows of every region-floor rule built (F8, F9): the rows whose ranging the plan's
    /// solution carries for the per-region claims.
    var regionFloorRows: [Constraint] {
        rules.filter { $0 is any RegionFloorRule }.flatMap { ruleRows[$0.key] ?? [] }
    }
}

/// The sentence of a region-floor claim.
public enum RegionFloorText {
    /// "hold_harmless[r1]: each CNY more of the region's floor costs 0.5 points …", stated inside
    /// its interval, with the sides the ranging could not see past said so.
    public static func text(_ claim: Claim, currency: String, held: String, language: Language = .english) -> String {
        let value = Format.grouped(abs(claim.value ?? 0), decimals: 3)
        let arguments = ["row": claim.subject, "currency": currency, "points": value, "held": held]
        guard claim.left != nil || claim.right != nil else {
            return Catalogue.message("policy.region_floor.degenerate").text(language, arguments)
        }
        // Each end is the floor itself on a side the ranging could not see past; nil: no limit.
        let range: String
        switch (claim.validFrom, claim.validTo) {
        case let (from?, to?): range = Explain.money(from, currency) + " – " + Explain.money(to, currency)
        case let (from?, nil): range = "≥ " + Explain.money(from, currency)
        case let (nil, to?): range = "≤ " + Explain.money(to, currency)
        case (nil, nil): range = "—"
        }
        var text = Catalogue.message("policy.region_floor.cost").text(language, arguments.merging(["range": range]) { $1 })
        if claim.right == nil { text += Catalogue.message("policy.region_floor.no_higher").text(language) }
        if claim.left == nil { text += Catalogue.message("policy.region_floor.no_lower").text(language) }
        return text
    }
}
