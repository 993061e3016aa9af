import EduplanScenario
import LinearProgramming

/// The rows and columns of a robust plan (docs/model.md, "Robust plans"): reserves
/// v_{f,k,r} ≥ 0 with Σ_f v_{f,k,r} = R_{k,r}, counted in the budgets and minimum spends, and
/// the fund-shortfall rows. Reserves earn no benefit (no objective coefficient).
extension Formulation {
    /// v_{f,k,r} for every fund f eligible for mandatory k in r where R_{k,r} > 0, and the reserve
    /// row Σ_f v = R (in elastic mode with a money slack: Σ_f v + σ = R).
    /// - Returns: the reserve columns by fund, for the budget rows.
    mutating func addReserves() -> [[Variable]] {
        var byFund: [[Variable]] = Array(repeating: [], count: scenario.funds.count)
        guard let robust = scenario.robust else { return byFund }
        let requirement = ReserveRequirement(scenario, robust)
        reserveRequirement = requirement
        let S = moneyScale
        for entry in requirement.entries where entry.amount > 0 {
            let (k, r) = (entry.category, entry.region)
            let category = scenario.categories[k].id, region = scenario.regions[r].id
            var columns: [Int] = []
            for (f, fund) in scenario.funds.enumerated()
            where fund.categories.contains(k) && fund.regions.contains(r, in: scenario.regions) {
                let variable = model.addVariable(name: "v[\(fund.id),\(category),\(region)]")
                reserves.append((f, k, r, variable))
                byFund[f].append(variable)
                columns.append(variable.index)
            }
            if let slack = addSlack(rule: "reserve", constraint: "reserve for \(category) in \(scenario.regions[r].name)",
                                    mode: .hard, unit: .money, category: k, region: r) {
                columns.append(slack.index)
            }
            addRow(columns: columns, coefficients: columns.map { _ in 1 }, lower: entry.amount * S, upper: entry.amount * S,
                   name: "reserve[\(category),\(region)]")
        }
        return byFund
    }

    /// For each fund with φ_f > 0: Σ_{k mandatory, r} (z_{f,k,r} + v_{f,k,r}) ≤ (1 − φ_f) B_f
    /// (a fund that may be topped up guarantees the same share of its Δ_f).
    mutating func addShortfallRows() {
        guard let robust = scenario.robust else { return }
        let S = moneyScale
        for (f, fund) in scenario.funds.enumerated() {
            guard let shortfall = robust.fundShortfall[f], shortfall > 0 else { continue }
            let guaranteed = 1 - shortfall
            var columns = z.filter { $0.fund == f && scenario.categories[$0.category].mandatory }.map(\.variable.index)
            columns += reserves.filter { $0.fund == f }.map(\.variable.index)
            var coefficients = columns.map { _ in 1.0 }
            if let delta = topUpColumns[f] {
                columns.append(delta.index)
                coefficients.append(-guaranteed)
            }
            guard !columns.isEmpty else { continue }
            addRow(columns: columns, coefficients: coefficients, lower: -.infinity, upper: guaranteed * fund.amount * S,
                   name: "shortfall[\(fund.id)]")
        }
    }
}
