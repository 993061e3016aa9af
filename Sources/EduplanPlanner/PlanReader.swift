import EduplanScenario
import LinearProgramming

/// A solution of the plan model read back in domain terms (MODEL.md §7): the plan by school,
/// dispatch and fund, U, the claims about funds and rules (``ClaimReader``), soft-rule violations, and the duals the
/// decomposition's bound prices. The status and its sentence are the pipeline's.
///
/// Money leaves the model in model units (× ``Formulation/moneyScale``) and is reported in the
/// scenario's currency; teachers are not scaled.
struct PlanReader {
    let formulation: Formulation
    let solution: Solution

    /// The plan with its shadow prices, status `optimal` until the pipeline says otherwise.
    /// - Complexity: O(schools × categories + pairs + fund flows + rule rows).
    func read() -> PlanResult {
        let f = formulation, scenario = f.scenario
        let dispatchByPair = f.y.map { solution[$0] }
        let (schools, moneyByCategory) = schoolPlans(dispatchByPair: dispatchByPair)
        var allocated = moneyByCategory
        let (dispatch, dispatchMoney) = dispatchLines(dispatchByPair)
        if let d = scenario.dispatchCategory { allocated[scenario.categories[d].id] = dispatchMoney }
        let shortageLeft = schools.reduce(0.0) { $0 + Double($1.shortageLeft) }
        let shortageBefore = f.derived.shortage.reduce(0) { $0 + $1.reduce(0, +) }
        let benefitValue = benefit()
        let fundPlans = funds()
        var fundPrices = ClaimReader(formulation: f, solution: solution).fundPrices(spent: fundPlans.map(\.spent))
        for fi in fundPrices.indices { fundPrices[fi].channel = marginalChannel(fund: fi) }
        var result = PlanResult(
            scenario: scenario.name, variant: scenario.variantName, currency: scenario.currency, status: .optimal,
            statusNotes: [], objective: (solution.objectiveValue ?? 0) / f.moneyScale,
            objectiveConstant: f.objectiveConstant, benefit: benefitValue,
            maxminCoverage: f.rules.lazy.compactMap(\.preparedLevel).first, priceOfFairness: nil,
            benefitWithoutFairness: nil, relativeGap: relativeGap(),
            fundPrices: fundPrices,
            rulePrices: ClaimReader(formulation: f, solution: solution).rulePrices(),
            degenerate: solution.degenerateBasis, allocatedByCategory: allocated,
            dispatched: dispatchByPair.reduce(0, +), shortageLeft: shortageLeft,
            shortageBefore: Double(shortageBefore), plan: Plan(schools: schools, funds: fundPlans, dispatch: dispatch),
            diagnosis: nil, softViolations: softViolations(), moves: nil, seconds: 0, duals: duals())
        for slack in f.slacks where !slack.hard { result.softViolationUnits[slack.rule] = slack.unit }
        result.robust = robustSummary()
        return result
    }

    /// U = Σ π ω x + Σ π ω_d V (h − u), in scenario money (h − u is what was dispatched).
    func benefit() -> Double {
        let f = formulation
        var total = 0.0
        for (k, category) in f.scenario.categories.enumerated() where !category.isDispatch {
            for s in f.scenario.schools.indices {
                if let v = f.x[k][s] { total += f.derived.priority[s] * category.weight * solution[v] / f.moneyScale }
            }
        }
        for (p, pair) in f.derived.candidates.enumerated() {
            total += f.derived.priority[pair.school] * f.dispatchWeight * f.valuePerTeacher * solution[f.y[p]]
        }
        return total
    }

    // MARK: The plan

    /// Every school's money by category, coverage, per-pupil money and teachers before and after;
    /// and the money allocated to each non-dispatch category.
    private func schoolPlans(dispatchByPair: [Double]) -> (schools: [SchoolPlan], allocated: [String: Double]) {
        let f = formulation, scenario = f.scenario, S = f.moneyScale
        var allocated: [String: Double] = [:]
        var dispatchedIn = [Double](repeating: 0, count: scenario.schools.count)
        for (p, pair) in f.derived.candidates.enumerated() { dispatchedIn[pair.school] += dispatchByPair[p] }
        var schools: [SchoolPlan] = []
        schools.reserveCapacity(scenario.schools.count)
        for (s, school) in scenario.schools.enumerated() {
            var byCategory: [String: Double] = [:], need: [String: Double] = [:]
            var received = 0.0, covered = 0.0, coverable = 0.0
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let amount = f.x[k][s].map { solution[$0] / S } ?? 0
                let n = f.derived.need[k][s]
                guard n > 0 else { continue }
                byCategory[category.id] = amount
                need[category.id] = n
                received += amount
                allocated[category.id, default: 0] += amount
                if !category.mandatory { covered += amount; coverable += n }
            }
            let before = school.teachers.reduce(0, +)
            let sent = DerivedQuantities.wholeTeachers(dispatchedIn[s].rounded())
            let left = Double(f.derived.shortage[s].reduce(0, +)) - dispatchedIn[s]
            let pupils = Double(school.enrollment)
            schools.append(SchoolPlan(
                id: school.id, name: school.name, region: scenario.regions[school.region].id, level: school.level.rawValue,
                pupils: school.enrollment, priority: f.derived.priority[s], allocated: byCategory, need: need,
                received: received, coverage: coverable > 0 ? covered / coverable : nil,
                perPupil: school.enrollment > 0 ? received / pupils : nil,
                teachersBefore: before, teachersDispatched: sent, teachersAfter: before + sent,
                studentTeacherRatioBefore: before > 0 ? pupils / Double(before) : nil,
                studentTeacherRatioAfter: before + sent > 0 ? pupils / Double(before + sent) : nil,
                shortageBefore: f.derived.shortage[s].reduce(0, +), shortageLeft: DerivedQuantities.wholeTeachers(left.rounded())))
        }
        return (schools, allocated)
    }

    /// The dispatch list (pairs with teachers sent) and what it costs a year.
    private func dispatchLines(_ dispatchByPair: [Double]) -> (lines: [DispatchLine], money: Double) {
        let f = formulation, scenario = f.scenario
        var lines: [DispatchLine] = []
        var money = 0.0
        for (p, pair) in f.derived.candidates.enumerated() where dispatchByPair[p] > 1e-9 {
            let group = scenario.teacherGroups[pair.group], school = scenario.schools[pair.school]
            lines.append(DispatchLine(group: group.id, subject: scenario.subjects[group.subject].id, school: school.id,
                                      region: scenario.regions[school.region].id, count: dispatchByPair[p],
                                      distanceKm: pair.distanceKm, annualCost: group.annualCost))
            money += dispatchByPair[p] * group.annualCost
        }
        return (lines, money)
    }

    /// Each fund's amount, minimum spend, money spent and its flows z_{f,k,r} above 1e-9. A robust
    /// plan's reserves count as spent (they are committed, as in the budget row), not as flows.
    private func funds() -> [FundPlan] {
        let f = formulation, scenario = f.scenario
        var funds: [FundPlan] = scenario.funds.map {
            FundPlan(id: $0.id, amount: $0.amount, minimumSpend: $0.minSpend * $0.amount, spent: 0, flows: [])
        }
        for entry in f.z {
            let amount = solution[entry.variable] / f.moneyScale
            guard amount > 1e-9 else { continue }
            funds[entry.fund].spent += amount
            funds[entry.fund].flows.append(FundFlow(category: scenario.categories[entry.category].id,
                                                    region: scenario.regions[entry.region].id, amount: amount))
        }
        for entry in f.reserves { funds[entry.fund].spent += solution[entry.variable] / f.moneyScale }
        return funds
    }

    // MARK: Prices and violations

    /// Soft rules' slacks above 1e-7, summed per rule in the rule's unit.
    private func softViolations() -> [String: Double] {
        var violations: [String: Double] = [:]
        for slack in formulation.slacks {
            let raw = solution[slack.variable]
            let value = slack.unit == .teachers ? raw : raw / formulation.moneyScale
            if value > 1e-7 { violations[slack.rule, default: 0] += value }
        }
        return violations
    }

    /// The duals of the rows the decomposition's bound prices (nil without duals).
    private func duals() -> PlanDuals? {
        let f = formulation
        guard solution.rowDuals != nil else { return nil }
        return PlanDuals(budgets: f.budgetRows.map { solution.rowDual($0) },
                         rules: f.globalRuleRows.mapValues { solution.rowDual($0) },
                         supplyPerTeacher: Dictionary(uniqueKeysWithValues: f.supplyRows.map {
                             (f.scenario.teacherGroups[$0.key].id, solution.rowDual($0.value) / f.moneyScale)
                         }),
                         budgetRanges: f.budgetRows.map { row in
                             solution.ranging(row).flatMap { range in
                                 let lower = range.activityLower / f.moneyScale, upper = range.activityUpper / f.moneyScale
                                 return lower <= upper ? lower...upper : nil
                             }
                         })
    }

    /// A MIP stopped before proving optimality: the relative gap as GLPK measures it and stops
    /// on, |objective − bound| / |objective − objective constant| (GLPK's objective leaves out the
    /// constant; the money scale cancels). The denominator is U less the soft penalties and move
    /// costs, so this is the gap on U when none are paid. The bound is the best one GLPK reported
    /// at its last callback, which can be older than the bound it stopped on; when it stopped at the
    /// requested gap, its own check proved the gap below the request, so the smaller is reported.
    private func relativeGap() -> Double? {
        guard let bound = solution.bestBound, let objective = solution.objectiveValue,
              solution.status.termination != .optimal else { return nil }
        let measured = abs(objective - bound) / max(1e-300, abs(objective - formulation.model.objectiveConstant))
        if solution.status.termination == .gapLimit, let requested = formulation.scenario.solver.mipGap {
            return min(measured, requested)
        }
        return measured
    }

    /// Where a fund's next unit of money goes: among its flows that are basic (zero reduced
    /// cost, positive), the category carrying the most money — "mostly through infrastructure".
    private func marginalChannel(fund: Int) -> String? {
        let f = formulation
        guard let reduced = solution.reducedCosts else { return nil }
        var byCategory: [Int: Double] = [:]
        for entry in f.z where entry.fund == fund {
            let value = solution[entry.variable]
            if value > 1e-9, abs(reduced[entry.variable.index]) <= 1e-9 { byCategory[entry.category, default: 0] += value }
        }
        // Money for a mandatory category cannot buy more of it (x is fixed at N): it frees other
        // funds instead. Name a category whose allocation can still grow when there is one.
        let open = byCategory.filter { !f.scenario.categories[$0.key].mandatory }
        let pick = { (table: [Int: Double]) in table.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) }
        if let best = pick(open) { return f.scenario.categories[best.key].id }
        guard let best = pick(byCategory) else { return nil }
        return "freeing other funds from \(f.scenario.categories[best.key].id)"
    }
}
