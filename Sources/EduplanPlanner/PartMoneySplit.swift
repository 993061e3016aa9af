import EduplanScenario
import Foundation
import LinearProgramming

/// How a decomposition hands each fund to its parts (docs/scaling.md, "Money"): each part's amount
/// and minimum spend per fund, and each country-wide share rule's share per part.
///
/// It comes from the **split LP**, the scenario aggregated to cells (a region's rural schools, its
/// urban schools): per fund, category and cell the money z_{f,k,c} the fund pays there. Money rows
/// aggregate exactly — a school's bounds [mandatory or floor, N_{s,k}] add up to its cell's — so every
/// mandatory need, hard coverage floor (F1), fund budget and minimum spend, and rural parity (F4)
/// over a part is met by the split LP exactly when it can be met by plans of the parts. Teachers
/// enter as money: a region takes at most its fillable shortage at the dearest group's cost, a part
/// at most its own groups' cost. Hoover (F5) over cells is implied by Hoover over schools
/// (Σ_c |X_c − p_c X| ≤ Σ_s |X_s − p_s X|). Each part's amount a_{f,b} of each fund is a column too:
/// the objective keeps it as close as the rows allow to the split by need (B_f times the part's
/// share of the need the fund may pay), and only then maximises U aggregated (each cell's
/// need-weighted mean of π ω) minus the soft share rules' penalties, at 10⁻⁴ the weight.
///
/// Without its per-part rows (F4 and F5 per part, each part's supply) the split LP is a relaxation
/// of the undivided scenario: when that relaxation has no solution, neither has the scenario.
struct PartMoneySplit: Sendable {
    /// The amount of fund f in part b: `amounts[f][b]`; the parts' amounts add up to the fund.
    var amounts: [[Double]]
    /// The minimum spend of fund f in part b in money: `minimumSpends[f][b]`; they add up to the
    /// fund's minimum spend m_f B_f, and each is at most what the split LP spends there.
    var minimumSpends: [[Double]]
    /// The share per part of each country-wide share rule (F3, F7), by rule key: parts that spend
    /// as the split LP planned meet the rule over the country when each meets its own share.
    var shares: [String: [Double]]
    /// Whether the split came from the relaxation (the per-part rows had no solution).
    var fromRelaxation = false

    /// The fund amounts of part `b` and their minimum-spend fractions.
    func funds(ofPart b: Int) -> [(amount: Double, minimumSpend: Double)] {
        amounts.indices.map { f in
            let amount = amounts[f][b]
            return (amount, amount > 0 ? min(1, minimumSpends[f][b] / amount) : 0)
        }
    }

    /// `parts` with every part that would have nothing to plan (no school with a need, no shortage
    /// a group of the part may fill: an empty model) merged into the part before it (the first such
    /// into the next): a part's plan model always has a column.
    static func withoutEmptyParts(_ parts: [[Int]], _ scenario: Scenario, _ derived: DerivedQuantities) -> [[Int]] {
        var partOfRegion = [Int](repeating: 0, count: scenario.regions.count)
        for (b, regions) in parts.enumerated() { for r in regions { partOfRegion[r] = b } }
        var plannable = [Bool](repeating: false, count: parts.count)
        for (s, school) in scenario.schools.enumerated()
        where scenario.categories.indices.contains(where: { !scenario.categories[$0].isDispatch && derived.need[$0][s] > 0 }) {
            plannable[partOfRegion[school.region]] = true
        }
        for pair in derived.candidates
        where partOfRegion[scenario.teacherGroups[pair.group].region] == partOfRegion[scenario.schools[pair.school].region] {
            plannable[partOfRegion[scenario.schools[pair.school].region]] = true
        }
        var merged: [[Int]] = [], pending: [Int] = []
        for (b, regions) in parts.enumerated() {
            if !plannable[b] {
                if merged.isEmpty { pending += regions } else { merged[merged.count - 1] += regions }
                continue
            }
            merged.append(pending + regions)
            pending = []
        }
        if merged.isEmpty { return [pending] }
        return merged.map { $0.sorted() }
    }

    /// The split by need alone (each fund in proportion to the need it may pay for in each part), the
    /// minimum spend a fraction of each amount: for a single part, the fund itself.
    static func byNeed(_ scenario: Scenario, shares: [[Double]]) -> PartMoneySplit {
        let amounts = scenario.funds.indices.map { f in shares[f].map { scenario.funds[f].amount * $0 } }
        let minimumSpends = scenario.funds.indices.map { f in amounts[f].map { $0 * scenario.funds[f].minSpend } }
        return PartMoneySplit(amounts: amounts, minimumSpends: minimumSpends, shares: [:])
    }

    /// The split with more money for the parts in `starved`: half of what every other part holds
    /// beyond its minimum spend and the split LP's own spend there (`planned`) moves to them, and
    /// their minimum spend moves to the others (in proportion to what the others may still spend).
    /// `planned` may be empty (a split by need alone): nothing planned then.
    func moving(toward starved: Set<Int>, planned: [[Double]]) -> PartMoneySplit {
        var moved = self
        for f in amounts.indices {
            let parts = amounts[f].indices
            let givers = parts.filter { !starved.contains($0) }
            guard !givers.isEmpty, !starved.isEmpty else { continue }
            var pool = 0.0
            for b in givers {
                let spare = max(0, amounts[f][b] - max(minimumSpends[f][b], planned.isEmpty ? 0 : planned[f][b])) / 2
                moved.amounts[f][b] -= spare
                pool += spare
            }
            let minimum = starved.sorted().reduce(0.0) { $0 + minimumSpends[f][$1] }
            for b in starved.sorted() {
                moved.amounts[f][b] += pool / Double(starved.count)
                moved.minimumSpends[f][b] = 0
            }
            let room = givers.map { max(0, moved.amounts[f][$0] - moved.minimumSpends[f][$0]) }
            let totalRoom = room.reduce(0, +)
            for (i, b) in givers.enumerated() where totalRoom > 0 {
                moved.minimumSpends[f][b] += minimum * room[i] / totalRoom
            }
        }
        return moved
    }

    /// The split with the parts' shares of the hard share rule `key` raised by `step` (capped at 1),
    /// in the parts that hold both designated and undesignated regions (the only ones whose share
    /// the rule can move).
    func raisingShare(_ key: String, by step: Double, mixed: [Bool]) -> PartMoneySplit {
        var raised = self
        if let current = shares[key] {
            raised.shares[key] = current.enumerated().map { b, share in mixed[b] ? min(1, share + step) : share }
        }
        return raised
    }
}

/// The split LP of ``PartMoneySplit`` and what it says about the scenario.
struct PartMoneySplitter {
    let scenario: Scenario
    let derived: DerivedQuantities
    let regionsOfPart: [[Int]]
    /// The Hoover bound the parts are planned with (nil: none).
    let hooverLimit: Double?
    let solver: any LinearSolver

    /// What the split LP found.
    enum Outcome {
        /// The split; `planned[f][b]` is what the split LP spends of fund f in part b.
        case split(PartMoneySplit, planned: [[Double]])
        /// The relaxation has no solution: no plan of the undivided scenario meets every mandatory
        /// need, hard floor, minimum spend and hard rule.
        case infeasible
    }

    /// The split: from the split LP with its per-part rows, or, when those have no solution, from
    /// the relaxation; `.infeasible` when the relaxation has none either.
    func split(needShares: [[Double]]) throws -> Outcome {
        if regionsOfPart.count == 1 && hooverLimit == nil { return .split(.byNeed(scenario, shares: needShares), planned: []) }
        for perPart in [true, false] {
            let model = SplitModel(scenario: scenario, derived: derived, regionsOfPart: regionsOfPart,
                                   hooverLimit: hooverLimit, perPart: perPart, needShares: needShares)
            // No money can go anywhere (no need a fund may pay, no fillable shortage): nothing to split.
            guard model.model.variableCount > 0 else { return .split(.byNeed(scenario, shares: needShares), planned: []) }
            let solution = try solver.solve(model.model, parameters: SolverParameters())
            guard solution.status.hasFeasiblePoint else {
                if SolvePipeline.isInfeasible(solution) { continue }
                return .split(.byNeed(scenario, shares: needShares), planned: [])
            }
            var split = model.read(solution)
            split.split.fromRelaxation = !perPart
            return .split(split.split, planned: split.planned)
        }
        return .infeasible
    }
}

/// The split LP itself: its columns and rows over cells, and how its solution becomes a split.
struct SplitModel {
    let scenario: Scenario
    let regionsOfPart: [[Int]]
    var model = Model(name: "eduplan-part-split")
    /// Money is in units of `unit` (the largest fund / 10⁴), so the LP's numbers stay near 1.
    let unit: Double
    let partOfRegion: [Int]
    /// Per cell (region × 2 + rural): its region, whether rural, pupils, need share p_c.
    var cellPupils: [Double]
    var cellNeedShare: [Double]
    /// The money columns: fund, category (nil: dispatch), cell (dispatch: the region's rural cell).
    var columns: [(fund: Int, category: Int?, cell: Int, variable: Variable)] = []

    /// The amount columns a_{f,b}: what part b receives of fund f.
    var amountColumns: [[Variable]] = []
    /// The benefit and soft penalties count this little against a unit of money moved away from the
    /// split by need: the split stays by need wherever that is feasible (it keeps the parts balanced
    /// and free to spend as their own plans prefer), and the benefit only chooses among such splits.
    static let benefitWeight = 1e-4

    init(scenario: Scenario, derived: DerivedQuantities, regionsOfPart: [[Int]], hooverLimit: Double?, perPart: Bool,
         needShares: [[Double]]) {
        self.scenario = scenario
        self.regionsOfPart = regionsOfPart
        unit = max(1, scenario.funds.map(\.amount).max() ?? 1) / 1e4
        var partOfRegion = [Int](repeating: 0, count: scenario.regions.count)
        for (b, regions) in regionsOfPart.enumerated() { for r in regions { partOfRegion[r] = b } }
        self.partOfRegion = partOfRegion
        let cells = SplitCells(scenario, derived, partOfRegion: partOfRegion, perPart: perPart)
        cellPupils = cells.pupils
        cellNeedShare = cells.needShare
        model.sense = .maximize
        addMoneyColumns(cells)
        addDispatchColumns(cells, perPart: perPart)
        addBudgetRows()
        addAmountColumns(needShares)
        addRuleRows(cells, hooverLimit: hooverLimit, perPart: perPart)
    }

    /// The cell of region `r`, rural or not.
    static func cell(_ r: Int, rural: Bool) -> Int { 2 * r + (rural ? 1 : 0) }

    /// z_{f,k,c} for every fund, eligible category and cell with need; one row per (k, c):
    /// lower (mandatory need or hard floor) ≤ Σ_f z ≤ need.
    private mutating func addMoneyColumns(_ cells: SplitCells) {
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for c in cells.need[k].indices where cells.need[k][c] > 0 {
                var row: [Int] = []
                for (f, fund) in scenario.funds.enumerated()
                where fund.categories.contains(k) && fund.regions.contains(c / 2, in: scenario.regions) {
                    let z = model.addVariable(lower: 0, upper: .infinity)
                    model.setObjectiveCoefficient(z, Self.benefitWeight * cells.weight[k][c])
                    columns.append((f, k, c, z))
                    row.append(z.index)
                }
                model.addRow(columns: row, coefficients: row.map { _ in 1.0 },
                             lower: cells.lower[k][c] / unit, upper: cells.need[k][c] / unit, name: "need")
            }
        }
    }

    /// d_{f,r} for every fund that pays dispatch and region with fillable shortage; per region at
    /// most its fillable shortage at the dearest group's cost, per part (with `perPart`) at most
    /// the cost of its own groups.
    private mutating func addDispatchColumns(_ cells: SplitCells, perPart: Bool) {
        guard let d = scenario.dispatchCategory else { return }
        var byPart = [[Int]](repeating: [], count: regionsOfPart.count)
        for r in scenario.regions.indices where cells.dispatchCap[r] > 0 {
            var row: [Int] = []
            for (f, fund) in scenario.funds.enumerated() where fund.categories.contains(d) && fund.regions.contains(r, in: scenario.regions) {
                let variable = model.addVariable(lower: 0, upper: .infinity)
                model.setObjectiveCoefficient(variable, Self.benefitWeight * cells.dispatchWeight[r])
                columns.append((f, nil, Self.cell(r, rural: scenario.regions[r].rural), variable))
                row.append(variable.index)
            }
            byPart[partOfRegion[r]] += row
            model.addRow(columns: row, coefficients: row.map { _ in 1.0 }, lower: min(cells.dispatchFloor[r], cells.dispatchCap[r]) / unit,
                         upper: cells.dispatchCap[r] / unit, name: "dispatch")
        }
        guard perPart else { return }
        for (b, row) in byPart.enumerated() where !row.isEmpty {
            model.addRow(columns: row, coefficients: row.map { _ in 1.0 }, lower: 0, upper: cells.supplyCost[b] / unit, name: "supply")
        }
    }

    /// a_{f,b} ≥ 0 with Σ_b a_{f,b} = B_f, each part spending at most its amount (Σ_{k, c∈b} z_{f,k,c} ≤
    /// a_{f,b}), and |a_{f,b} − B_f s_{f,b}| (s: the split by need) costing 1 per unit of money.
    private mutating func addAmountColumns(_ needShares: [[Double]]) {
        for (f, fund) in scenario.funds.enumerated() {
            var amounts: [Variable] = []
            for b in regionsOfPart.indices {
                let amount = model.addVariable(lower: 0, upper: .infinity)
                let above = model.addVariable(lower: 0, upper: .infinity), below = model.addVariable(lower: 0, upper: .infinity)
                model.setObjectiveCoefficient(above, -1)
                model.setObjectiveCoefficient(below, -1)
                let target = fund.amount * needShares[f][b] / unit
                model.addRow(columns: [amount.index, above.index, below.index], coefficients: [1, -1, 1],
                             lower: target, upper: target, name: "amount_by_need")
                let spend = columns.filter { $0.fund == f && partOfRegion[$0.cell / 2] == b }.map(\.variable.index)
                model.addRow(columns: spend + [amount.index], coefficients: spend.map { _ in 1.0 } + [-1],
                             lower: -.infinity, upper: 0, name: "spend_within_amount")
                amounts.append(amount)
            }
            model.addRow(columns: amounts.map(\.index), coefficients: amounts.map { _ in 1.0 },
                         lower: fund.amount / unit, upper: fund.amount / unit, name: "amounts")
            amountColumns.append(amounts)
        }
    }

    /// m_f B_f ≤ Σ z_f ≤ B_f.
    private mutating func addBudgetRows() {
        for (f, fund) in scenario.funds.enumerated() {
            let row = columns.filter { $0.fund == f }.map(\.variable.index)
            model.addRow(columns: row, coefficients: row.map { _ in 1.0 },
                         lower: fund.minSpend * fund.amount / unit, upper: fund.amount / unit, name: "budget")
        }
    }
}

/// The scenario summed by cell (a region's rural or urban schools): need and its lower bound per
/// category, the objective's weight per unit of money, pupils and need share; per region the
/// dispatch money it can take and its weight; per part its groups' cost.
struct SplitCells {
    var need: [[Double]], lower: [[Double]], weight: [[Double]]
    var pupils: [Double], needShare: [Double]
    var dispatchCap: [Double], dispatchWeight: [Double], supplyCost: [Double]
    /// Per region, the dispatch money a hard shortage cap (F6) asks at least: the teachers its
    /// schools must receive, Σ_s max(0, Σ_j h_{s,j} − κ), at the cheapest group's cost.
    var dispatchFloor: [Double]

    init(_ scenario: Scenario, _ derived: DerivedQuantities, partOfRegion: [Int], perPart: Bool) {
        let cells = 2 * scenario.regions.count, categories = scenario.categories.count
        need = Array(repeating: Array(repeating: 0, count: cells), count: categories)
        lower = need
        weight = need
        pupils = Array(repeating: 0, count: cells)
        needShare = pupils
        let floors = Self.hardFloors(scenario)
        for (s, school) in scenario.schools.enumerated() {
            let c = SplitModel.cell(school.region, rural: school.rural)
            pupils[c] += Double(school.enrollment)
            needShare[c] += derived.needShare[s]
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                let n = derived.need[k][s]
                need[k][c] += n
                lower[k][c] += category.mandatory ? n : (floors[k] ?? 0) * n
                weight[k][c] += derived.priority[s] * category.weight * n
            }
        }
        for k in 0..<categories { for c in 0..<cells where need[k][c] > 0 { weight[k][c] /= need[k][c] } }
        (dispatchCap, dispatchWeight, supplyCost) = Self.dispatch(scenario, derived, partOfRegion: partOfRegion, perPart: perPart)
        dispatchFloor = Self.shortageCapFloor(scenario, derived)
    }

    /// ``dispatchFloor``: zero without a hard F6.
    static func shortageCapFloor(_ scenario: Scenario, _ derived: DerivedQuantities) -> [Double] {
        var floor = [Double](repeating: 0, count: scenario.regions.count)
        guard let cap = FairnessRegistry.rule(ShortageCapRule.key, in: scenario.fairness) as? ShortageCapRule, cap.mode.isHard,
              let cheapest = scenario.teacherGroups.map(\.annualCost).min() else { return floor }
        for (s, school) in scenario.schools.enumerated() {
            floor[school.region] += max(0, Double(derived.shortage[s].reduce(0, +)) - cap.setting.value) * cheapest
        }
        return floor
    }

    /// The hard coverage floors α_k (F1) by category.
    static func hardFloors(_ scenario: Scenario) -> [Int: Double] {
        guard let rule = FairnessRegistry.rule(CoverageFloorRule.key, in: scenario.fairness) as? CoverageFloorRule,
              rule.mode.isHard else { return [:] }
        return rule.setting.alpha
    }

    /// Per region: its fillable shortage (a school's subject with a candidate group — with
    /// `perPart`, a group of its own part) at the dearest group's cost, and U per unit of that
    /// money (ω_dispatch V times the shortage's mean priority over the groups' mean cost); per
    /// part: its groups' count times cost.
    static func dispatch(_ scenario: Scenario, _ derived: DerivedQuantities, partOfRegion: [Int], perPart: Bool)
        -> (cap: [Double], weight: [Double], supply: [Double]) {
        let regions = scenario.regions.count, groups = scenario.teacherGroups
        var cap = [Double](repeating: 0, count: regions), weight = cap
        var supply = [Double](repeating: 0, count: (partOfRegion.max() ?? 0) + 1)
        guard let d = scenario.dispatchCategory, !groups.isEmpty else { return (cap, weight, supply) }
        for group in groups { supply[partOfRegion[group.region]] += Double(group.count) * group.annualCost }
        let dearest = groups.map(\.annualCost).max() ?? 0
        let meanCost = groups.reduce(0.0) { $0 + $1.annualCost } / Double(groups.count)
        // Each (school, subject) once, in the candidates' order: a Set's order changes from process
        // to process, and the sums below must not (the same scenario gives the same split).
        var seen = Set<[Int]>(), fillable: [[Int]] = []
        for pair in derived.candidates {
            let group = groups[pair.group], school = scenario.schools[pair.school]
            if perPart && partOfRegion[group.region] != partOfRegion[school.region] { continue }
            if seen.insert([pair.school, group.subject]).inserted { fillable.append([pair.school, group.subject]) }
        }
        var teachers = cap
        for entry in fillable {
            let (s, j) = (entry[0], entry[1])
            let shortage = Double(derived.shortage[s][j]), r = scenario.schools[s].region
            teachers[r] += shortage
            weight[r] += shortage * derived.priority[s]
        }
        let value = scenario.categories[d].weight * (scenario.dispatch.valuePerTeacher ?? 0) / max(1, meanCost)
        for r in 0..<regions where teachers[r] > 0 {
            cap[r] = teachers[r] * dearest
            weight[r] = value * weight[r] / teachers[r]
        }
        return (cap, weight, supply)
    }
}

// MARK: Rule rows and the solution read as a split

extension SplitModel {
    /// The money columns (dispatch excluded) of the cells `include` keeps.
    func moneyColumns(_ include: (Int) -> Bool = { _ in true }) -> [(cell: Int, variable: Variable)] {
        columns.filter { $0.category != nil && include($0.cell) }.map { ($0.cell, $0.variable) }
    }

    /// The share rules (F3 over money, F7 over dispatch money) over the country, F4 and a hard F5
    /// over each part (`perPart`) or over the country (the relaxation).
    mutating func addRuleRows(_ cells: SplitCells, hooverLimit: Double?, perPart: Bool) {
        let rules = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
        for rule in rules.compactMap({ $0 as? any ShareFairnessRule }) { addShareRow(rule, cells) }
        let groups: [[Int]] = perPart ? regionsOfPart : [scenario.regions.indices.map { $0 }]
        if let parity = rules.first(where: { $0 is RuralParityRule }) as? RuralParityRule, parity.mode.isHard {
            for regions in groups { addParityRow(parity.setting.value, regions: Set(regions)) }
        }
        let hoover = perPart ? hooverLimit : rules.compactMap(\.partBound).first
        if let hoover { for regions in groups { addHooverRows(hoover, regions: Set(regions)) } }
        if let floor = rules.first(where: { $0 is PerPupilFloorRule }) as? PerPupilFloorRule, floor.mode.isHard {
            addRegionFloorRows(floor)
        }
    }

    /// F9 as it is in the plan model: per region, all its money (dispatch included) ≥ φ_r n_r.
    private mutating func addRegionFloorRows(_ rule: PerPupilFloorRule) {
        for entry in rule.floorRegions(scenario) {
            let row = columns.filter { $0.cell / 2 == entry.region }.map(\.variable.index)
            model.addRow(columns: row, coefficients: row.map { _ in 1.0 }, lower: entry.floor * entry.pupils / unit,
                         upper: .infinity, name: "per_pupil_floor")
        }
    }

    /// Σ (𝟙[designated] − β) v + slack ≥ 0 over money (F3) or dispatch money (F7); a soft rule's
    /// slack costs its penalty (per teacher for F7: over the groups' mean cost).
    private mutating func addShareRow(_ rule: any ShareFairnessRule, _ cells: SplitCells) {
        let overTeachers = rule.unit == .teachers
        let terms = columns.filter { ($0.category == nil) == overTeachers }
        guard !terms.isEmpty else { return }
        var row = terms.map(\.variable.index)
        var coefficients = terms.map { (rule.setting.designations.contains(scenario.regions[$0.cell / 2].designation) ? 1 : 0) - rule.setting.share }
        if case let .soft(penalty) = rule.mode {
            let slack = model.addVariable(lower: 0, upper: .infinity)
            let groups = scenario.teacherGroups
            let meanCost = groups.isEmpty ? 1 : groups.reduce(0.0) { $0 + $1.annualCost } / Double(groups.count)
            model.setObjectiveCoefficient(slack, -Self.benefitWeight * (overTeachers ? penalty / max(1, meanCost) : penalty))
            row.append(slack.index)
            coefficients.append(1)
        }
        model.addRow(columns: row, coefficients: coefficients, lower: 0, upper: .infinity, name: rule.key)
    }

    /// Σ_rural X_c − γ (n_R / n_U) Σ_urban X_c ≥ 0 over the cells of `regions` (skipped without both kinds of pupil).
    private mutating func addParityRow(_ gamma: Double, regions: Set<Int>) {
        let inside = { (c: Int) in regions.contains(c / 2) }
        let rural = cellPupils.indices.filter { inside($0) && $0 % 2 == 1 }.reduce(0.0) { $0 + cellPupils[$1] }
        let urban = cellPupils.indices.filter { inside($0) && $0 % 2 == 0 }.reduce(0.0) { $0 + cellPupils[$1] }
        guard rural > 0, urban > 0 else { return }
        let terms = moneyColumns(inside)
        model.addRow(columns: terms.map(\.variable.index), coefficients: terms.map { $0.cell % 2 == 1 ? 1 : -gamma * rural / urban },
                     lower: 0, upper: .infinity, name: "rural_parity")
    }

    /// e_c ≥ |X_c − p_c X| and Σ e_c ≤ 2 H X over the cells of `regions`, p_c their need shares there.
    private mutating func addHooverRows(_ limit: Double, regions: Set<Int>) {
        let inside = { (c: Int) in regions.contains(c / 2) }
        let terms = moneyColumns(inside)
        let total = cellNeedShare.indices.filter(inside).reduce(0.0) { $0 + cellNeedShare[$1] }
        guard total > 0, !terms.isEmpty else { return }
        var deviations: [Int] = []
        for c in cellNeedShare.indices where inside(c) {
            let e = model.addVariable(lower: 0, upper: .infinity)
            deviations.append(e.index)
            let p = cellNeedShare[c] / total
            for sign in [1.0, -1.0] {
                // e_c − sign (X_c − p X) ≥ 0
                model.addRow(columns: [e.index] + terms.map(\.variable.index),
                             coefficients: [1] + terms.map { -sign * (($0.cell == c ? 1 : 0) - p) },
                             lower: 0, upper: .infinity, name: "hoover_deviation")
            }
        }
        model.addRow(columns: deviations + terms.map(\.variable.index),
                     coefficients: deviations.map { _ in -1.0 } + terms.map { _ in 2 * limit },
                     lower: 0, upper: .infinity, name: "hoover")
    }

    /// The solution as a split: per fund and part its amount a_{f,b} (rescaled to add up to the
    /// fund exactly) and what the LP spends there (`planned`); minimum spends in proportion to the
    /// planned spend; each share rule's share
    /// per part (the part's planned designated fraction, scaled so that parts spending as planned
    /// meet the country's share exactly).
    func read(_ solution: Solution) -> (split: PartMoneySplit, planned: [[Double]]) {
        let parts = regionsOfPart.count
        var planned = [[Double]](repeating: [Double](repeating: 0, count: parts), count: scenario.funds.count)
        for column in columns { planned[column.fund][partOfRegion[column.cell / 2]] += max(0, solution[column.variable]) * unit }
        var amounts = planned, minimumSpends = planned
        for (f, fund) in scenario.funds.enumerated() {
            let spent = planned[f].reduce(0, +)
            if spent > fund.amount { planned[f] = planned[f].map { $0 * fund.amount / spent } }
            let given = amountColumns[f].map { max(0, solution[$0]) * unit }
            let total = given.reduce(0, +)
            amounts[f] = given.indices.map { b in max(planned[f][b], total > 0 ? given[b] * fund.amount / total : 0) }
            minimumSpends[f] = planned[f].indices.map { b in
                spent > 0 ? fund.minSpend * fund.amount * planned[f][b] / max(spent, fund.amount * fund.minSpend) : fund.minSpend * amounts[f][b]
            }
        }
        var shares: [String: [Double]] = [:]
        for rule in FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).compactMap({ $0 as? any ShareFairnessRule }) {
            shares[rule.key] = partShares(rule, solution)
        }
        return (PartMoneySplit(amounts: amounts, minimumSpends: minimumSpends, shares: shares), planned)
    }

    /// β_b = (D_b / T_b) · β T / D: the part's designated fraction at the split LP's solution, scaled
    /// so that Σ β_b T_b = β T (0 where the part's planned total is 0).
    private func partShares(_ rule: any ShareFairnessRule, _ solution: Solution) -> [Double] {
        let overTeachers = rule.unit == .teachers
        var designated = [Double](repeating: 0, count: regionsOfPart.count), total = designated
        for column in columns where (column.category == nil) == overTeachers {
            let r = column.cell / 2, value = max(0, solution[column.variable])
            total[partOfRegion[r]] += value
            if rule.setting.designations.contains(scenario.regions[r].designation) { designated[partOfRegion[r]] += value }
        }
        let allDesignated = designated.reduce(0, +), all = total.reduce(0, +)
        let scale = allDesignated > 0 ? rule.setting.share * all / allDesignated : 0
        return designated.indices.map { b in total[b] > 0 ? min(1, max(0, designated[b] / total[b] * scale - 1e-9)) : 0 }
    }
}

extension ShareFairnessRule {
    /// The rule with its share replaced by `share`, for one part of a decomposition.
    func withPartShare(_ share: Double) -> any FairnessRule {
        var changed = setting
        changed.share = share
        return Self(setting: changed)
    }
}

// MARK: The verdict when the parts give none

extension Decomposition {
    /// Whether the undivided plan model fits in memory (``MemoryEstimate``): the fallback when the
    /// parts give no plan of the whole scenario. When it does not fit, the parts' outcome stands,
    /// with the country's rules as measured.
    static func fitsUndivided(_ scenario: Scenario, _ derived: DerivedQuantities, _ options: DecompositionOptions) -> Bool {
        (try? MemoryEstimate(scenario, derived: derived, options: options.planner).requireFits()) != nil
    }

    /// The verdict when the split LP's relaxation has no solution: the undivided scenario has no
    /// plan either, and its elastic diagnosis says what must give.
    static func provedInfeasible(_ scenario: Scenario, _ derived: DerivedQuantities, options: DecompositionOptions,
                                 clock: PhaseTimings, started: Date) throws -> DecomposedPlan {
        let pipeline = SolvePipeline(scenario: scenario, derived: derived, options: options.planner, started: started)
        var result = try pipeline.diagnosisOfInfeasible()
        result.statusNotes.append(.splitInfeasible)
        var timings = clock
        for phase in result.timings.phases {
            timings.record(phase.name, seconds: phase.seconds, solverSeconds: phase.solverSeconds, concurrent: phase.concurrent)
        }
        result.timings = timings
        result.parts = partition(scenario, schoolsPerPart: options.schoolsPerPart).count
        result.seconds = Date().timeIntervalSince(started)
        return DecomposedPlan(result: result, parts: [], globalRules: [], lowerBound: nil, certifiedGap: nil)
    }
}
