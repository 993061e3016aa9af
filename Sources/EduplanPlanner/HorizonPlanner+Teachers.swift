import EduplanScenario

extension HorizonPlanner {
    /// A year's teachers at post as whole numbers when dispatch is integer: Y_{g,s,t} is the
    /// continuous sum of a contract window's whole new posts (docs/model.md §23), which the solver
    /// returns as 0.9999999999999998; each dispatch line's count and the year's total are rounded
    /// when within 10⁻⁶ of a whole number (the objective and U are the solver's, unchanged).
    static func wholeTeachersAtPost(_ result: inout PlanResult, _ scenario: Scenario) {
        guard scenario.dispatch.integer, var plan = result.plan else { return }
        func whole(_ value: Double) -> Double { abs(value - value.rounded()) < 1e-6 ? value.rounded() : value }
        for i in plan.dispatch.indices { plan.dispatch[i].count = whole(plan.dispatch[i].count) }
        result.plan = plan
        result.dispatched = whole(result.dispatched)
    }
}
