import EduplanScenario
import LinearProgramming

/// Each year's rule claims of a multi-year plan, where a rule reads the money a school receives
/// (F4, F5): over years that money is a project category's increment X_{s,k,t} − X_{s,k,t−1} (the
/// horizon writes it so into the rule's rows), while the year's own reading sees the cumulative
/// X_{s,k,t}. A marginal cost computed from the money (F4's d objective/d γ = y · (n_R/n_U) ·
/// Σ_urban X) is read again on a solution holding the increments, so that it is the derivative of
/// the row the horizon holds (docs/model.md §23, "Claims over years").
enum HorizonRuleClaims {
    /// Year t's part of the horizon's solution with every project category's money column at the
    /// year's increment (the first year: the year's part unchanged).
    static func incrementSolution(_ t: Int, _ formulation: HorizonFormulation, _ solution: Solution) -> Solution {
        var year = formulation.yearSolution(t, of: solution)
        guard t > 0 else { return year }
        let (now, earlier) = (formulation.years[t], formulation.years[t - 1])
        for (k, category) in formulation.scenario.categories.enumerated() {
            guard case .projects = category.rule else { continue }
            for s in formulation.scenario.schools.indices {
                guard let column = now.x[k][s], let previous = earlier.x[k][s] else { continue }
                year.values[column.index] -= solution.values[previous.index + formulation.columnOffset[t - 1]]
            }
        }
        year.rowActivities = now.model.rowActivities(at: year.values)
        return year
    }

    /// Replaces the status and marginal cost of every hard rule that reads money received, in every
    /// year after the first, by their reading on the year's increments.
    static func correct(_ years: inout [YearPlanResult], _ formulation: HorizonFormulation, _ solution: Solution) {
        guard formulation.years.count > 1 else { return }
        for t in years.indices.dropFirst() {
            let f = formulation.years[t]
            let rules = f.rules.filter { $0.readsMoneyReceived && $0.mode.isHard }
            guard !rules.isEmpty else { continue }
            // Status and marginal cost both read again: the rows' activities are the increments'.
            let prices = ClaimReader(formulation: f, solution: incrementSolution(t, formulation, solution)).rulePrices()
            for rule in rules {
                guard let p = years[t].result.rulePrices.firstIndex(where: { $0.rule == rule.key }),
                      let price = prices.first(where: { $0.rule == rule.key }) else { continue }
                years[t].result.rulePrices[p] = price
            }
        }
    }
}
