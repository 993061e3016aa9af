import EduplanIO
import EduplanPlanner
import EduplanScenario

/// Why a fund keeps money: the needs it may pay for that the plan leaves unmet, and for a fund that
/// pays for dispatch, how many of the year's teachers are posted.
///
/// Every number is read from the plan and the scenario (a test recomputes them from plan.json):
/// a money need is eligible when its category is one of the fund's and its school's region one of
/// the fund's; "unmet" is the need less what the school receives in that category from all funds.
/// When nothing eligible is unmet and every teacher available is posted (or the fund pays for no
/// dispatch), nothing the fund may pay for could take more money, which is the whole reason.
struct FundLeftover {
    /// Eligible money needs left unmet, by category id, in the scenario's category order (only > 0).
    var unmet: [(category: String, amount: Double)]
    /// The categories the fund may pay for whose eligible need is met in full (ids, scenario order).
    var met: [String]
    /// Teachers posted and available in the year, when the fund pays for dispatch.
    var teachers: (posted: Double, available: Double)?

    /// Whether nothing the fund may pay for could take more money.
    var nothingLeftToBuy: Bool { unmet.isEmpty && teachers.map { $0.posted >= $0.available } ?? true }

    /// Money below this share of a category's eligible need counts as met (rounding of sums of cents).
    static let tolerance = 1e-9

    /// The leftover of `fund` in `plan`, whose dispatch total is `dispatched`.
    init(fund: FundSource, plan: Plan, dispatched: Double, scenario: Scenario) {
        let eligibleRegions = Set(scenario.regions.indices.filter { fund.regions.contains($0, in: scenario.regions) }
            .map { scenario.regions[$0].id })
        var need: [String: Double] = [:], received: [String: Double] = [:]
        let moneyCategories = fund.categories.map { scenario.categories[$0] }.filter { !$0.isDispatch }.map(\.id)
        for school in plan.schools {
            guard eligibleRegions.contains(school.region) else { continue }
            for id in moneyCategories {
                need[id, default: 0] += school.need[id] ?? 0
                received[id, default: 0] += min(school.allocated[id] ?? 0, school.need[id] ?? 0)
            }
        }
        unmet = []
        met = []
        for id in moneyCategories {
            let n = need[id] ?? 0, left = n - (received[id] ?? 0)
            if left > Self.tolerance * max(1, n) { unmet.append((id, left)) } else { met.append(id) }
        }
        let paysDispatch = fund.categories.contains { scenario.categories[$0].isDispatch }
        teachers = paysDispatch ? (dispatched, Double(scenario.teacherGroups.reduce(0) { $0 + $1.count })) : nil
    }

    /// The sentence for `f` when it leaves money unspent (less spent and carried on than its amount
    /// and what came in; `carry` is its money in a year of a multi-year plan), else nil.
    static func sentence(_ f: FundPlan, plan: Plan, dispatched: Double, scenario: Scenario, carry: YearPlanResult.CarryOver?,
                         currency: String, wording w: Wording, names: DisplayNames) -> String? {
        guard let fund = scenario.funds.first(where: { $0.id == f.id }) else { return nil }
        let (available, used) = (f.available(carry), f.used(carry))
        guard available - used > 1e-9 * max(1, available) else { return nil }
        return FundLeftover(fund: fund, plan: plan, dispatched: dispatched, scenario: scenario)
            .sentence(fund: names.fund(f.id), currency: currency, wording: w, names: names)
    }

    /// The sentence, in the wording's language.
    func sentence(fund: String, currency: String, wording w: Wording, names: DisplayNames) -> String {
        let teacherPart = teachers.map { t in
            w(t.posted >= t.available ? "plan.funds.left.allTeachers" : "plan.funds.left.someTeachers",
              ["posted": Format.grouped(t.posted), "available": Format.grouped(t.available)])
        }
        var arguments = ["fund": fund, "teachers": teacherPart ?? "",
                         "reason": w(nothingLeftToBuy ? "plan.funds.left.nothingToBuy" : "plan.funds.left.teachersFree"),
                         "categories": met.map(names.category).joined(separator: w.separator)]
        guard unmet.isEmpty else {
            arguments["unmet"] = unmet.map {
                w("plan.funds.left.item", ["category": names.category($0.category), "money": w.money($0.amount, currency: currency)])
            }.joined(separator: w.separator)
            return w(teacherPart == nil ? "plan.funds.left.unmet" : "plan.funds.left.unmetTeachers", arguments)
        }
        let key = met.isEmpty ? "plan.funds.left.onlyDispatch" : teacherPart == nil ? "plan.funds.left.allMet" : "plan.funds.left.allMetTeachers"
        return w(key, arguments)
    }
}

extension FundPlan {
    /// The money the fund had: its amount, and in a year of a multi-year plan what came in (`carry`).
    func available(_ carry: YearPlanResult.CarryOver?) -> Double { amount + (carry?.carriedIn ?? 0) }

    /// What the fund spent, and in a year of a multi-year plan what it carried on (`carry`).
    func used(_ carry: YearPlanResult.CarryOver?) -> Double { spent + (carry?.amount ?? 0) }
}
