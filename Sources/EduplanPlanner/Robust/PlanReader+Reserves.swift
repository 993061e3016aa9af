import EduplanScenario

extension PlanReader {
    /// The reserves above 1e-9 in the formulation's order (fund, then category, then region), the
    /// requirements R_{k,r} and the simulated protection; nil without `robust:`.
    func robustSummary() -> RobustSummary? {
        let f = formulation, scenario = f.scenario
        guard let robust = scenario.robust, let requirement = f.reserveRequirement else { return nil }
        var reserves: [RobustSummary.Reserve] = []
        for entry in f.reserves.sorted(by: { ($0.fund, $0.category, $0.region) < ($1.fund, $1.category, $1.region) }) {
            let amount = solution[entry.variable] / f.moneyScale
            guard amount > 1e-9 else { continue }
            reserves.append(RobustSummary.Reserve(fund: scenario.funds[entry.fund].id, category: scenario.categories[entry.category].id,
                                                  region: scenario.regions[entry.region].id, amount: amount))
        }
        let requirements = requirement.entries.map {
            RobustSummary.Requirement(category: scenario.categories[$0.category].id, region: scenario.regions[$0.region].id,
                                      deviating: $0.deviating, gamma: $0.gamma, required: $0.amount)
        }
        return RobustSummary(gamma: robust.gamma, reserves: reserves, requirements: requirements,
                             reserveTotal: reserves.reduce(0) { $0 + $1.amount }, benefitNominal: nil, priceOfRobustness: nil,
                             protection: ProtectionSimulation.run(scenario, requirement, robust))
    }
}
