import EduplanScenario
import Foundation
import LinearProgramming

/// A slack of a rolling re-plan's elastic model: what was done in a year that is over and that the
/// model cannot hold (money the eligible funds cannot pay, a post later years cannot keep), or the
/// move cap.
struct ReplanSlack: Sendable {
    enum Subject: Sendable {
        /// Money paid to a school for a category in the year (cumulative for a project category).
        case money(school: Int, category: Int)
        /// Teachers of a group newly posted at a school in the year.
        case teachers(group: Int, school: Int)
        /// The cap on teacher moves (`--max-moves`).
        case moves(cap: Double)
    }
    var variable: Variable
    /// The year's index in the horizon.
    var year: Int
    var subject: Subject
}

/// The rolling re-plan (docs/model.md, "Rolling re-plan"): for the years that are over, decisions
/// fixed at the actuals, only the rows that account for money and link to later years kept, no
/// objective; for the years to come, the stability terms of re-planning per year (not discounted)
/// and one cap on teacher moves over them all.
extension HorizonFormulation {
    /// A year that is over: its plan formulation without fairness rules, each need raised to the
    /// money actually paid (so that money paid above the need, or where none was planned, has a
    /// column that the year's funds must pay).
    static func pastYear(_ year: Scenario, _ derived: DerivedQuantities, actuals: YearActuals?, moneyScale: Double) -> Formulation {
        let paid = actuals?.money ?? [:]
        let raised = derived.raisingNeed { k, s in
            guard case .perStudent = year.categories[k].rule else { return 0 }
            return paid[PreviousPlan.Key(year.schools[s].id, year.categories[k].id)] ?? 0
        }
        return Formulation(scenario: year, derived: raised, purpose: .plan, rules: [], moneyScale: moneyScale)
    }

    /// Fixes the years that are over and adds the stability terms over the years to come.
    mutating func addReplan(_ replan: HorizonReplan) {
        var paidSoFar: [PreviousPlan.Key: Double] = [:]
        for t in 0..<yearsOver {
            let actuals = replan.actuals[yearNumbers[t]] ?? YearActuals()
            for (key, amount) in actuals.money { paidSoFar[key, default: 0] += amount }
            fixDecisions(ofYear: t, actuals, paidSoFar: paidSoFar)
            keepAccountingRowsOnly(ofYear: t)
        }
        addStabilityOverYearsToCome(replan)
    }

    /// x of the year at the money paid (a project category: paid so far, cumulative), its new
    /// dispatches at the teachers posted; the teachers present are bounded only by the rows that
    /// link them. In the elastic model each fixed value a becomes v ≤ a with v + σ ≥ a.
    private mutating func fixDecisions(ofYear t: Int, _ actuals: YearActuals, paidSoFar: [PreviousPlan.Key: Double]) {
        let year = years[t], S = moneyScale
        for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
            for (s, school) in scenario.schools.enumerated() {
                guard let x = year.x[k][s] else { continue }
                let key = PreviousPlan.Key(school.id, category.id)
                let value: Double
                if case .projects = category.rule { value = paidSoFar[key] ?? 0 } else { value = actuals.money[key] ?? 0 }
                fix(Variable(index: x.index + columnOffset[t]), at: value * S, year: t, subject: .money(school: s, category: k))
            }
        }
        for (p, pair) in year.derived.candidates.enumerated() {
            let key = PreviousPlan.Key(scenario.teacherGroups[pair.group].id, scenario.schools[pair.school].id)
            let present = Variable(index: year.y[p].index + columnOffset[t])
            if newDispatch[t][p].index != present.index { model.setBounds(present, lower: 0, upper: .infinity) }
            fix(newDispatch[t][p], at: actuals.teachers[key] ?? 0, year: t, subject: .teachers(group: pair.group, school: pair.school))
        }
    }

    /// Fixes `column` at `value` (model units); in the elastic model bounds it by [0, value] and adds
    /// the row `actual[…]`: column + σ ≥ value, σ priced as money (or V per teacher).
    private mutating func fix(_ column: Variable, at value: Double, year t: Int, subject: ReplanSlack.Subject) {
        guard purpose == .elastic, value > 0 else { return model.setBounds(column, lower: value, upper: value) }
        model.setBounds(column, lower: 0, upper: value)
        let isTeachers: Bool
        if case .teachers = subject { isTeachers = true } else { isTeachers = false }
        let slack = model.addVariable(name: "slack[actuals,\(replanSlacks.count + 1)]")
        model.setObjectiveCoefficient(slack, isTeachers ? teacherPrice * moneyScale : 1)
        model.addRow(columns: [column.index, slack.index], coefficients: [1, 1], lower: value, upper: .infinity,
                     name: "actual[\(model.displayName(of: column))]")
        replanSlacks.append(ReplanSlack(variable: slack, year: t, subject: subject))
    }

    /// V per teacher for a slack in teachers (1 when V = 0), as the elastic diagnosis prices them.
    private var teacherPrice: Double {
        let value = scenario.dispatch.valuePerTeacher ?? 0
        return value > 0 ? value : 1
    }

    /// Of a year that is over, keeps the rows of the money accounting (balance rows, budget rows
    /// without their minimum spend) and the links to later years (`present`, `cumulative`); every
    /// other row of the year constrains decisions already made and is made free (kept in place, so
    /// that the year's rows keep their positions).
    private mutating func keepAccountingRowsOnly(ofYear t: Int) {
        let local = years[t].model, budgets = Set(years[t].budgetRows.map(\.index))
        for i in 0..<local.constraintCount {
            let row = Constraint(index: i + rowOffset[t])
            if budgets.contains(i) {
                model.setBounds(row, lower: -.infinity, upper: model.rowUpper[row.index])
            } else if !local.rowNames[i].hasPrefix("balance[") {
                model.setBounds(row, lower: -.infinity, upper: .infinity)
            }
        }
        let end = t + 1 < rowOffset.count ? rowOffset[t + 1] : model.constraintCount
        for i in (rowOffset[t] + local.constraintCount)..<end where model.rowNames[i].hasPrefix("min_spend[") {
            model.setBounds(Constraint(index: i), lower: -.infinity, upper: .infinity)
        }
    }

    /// μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| for every year to come against the previous plan's year (y its
    /// new dispatches), not discounted, and the cap Σ|y − y⁰| ≤ M over them all (in the elastic
    /// model only the cap, with a slack in moves).
    private mutating func addStabilityOverYearsToCome(_ replan: HorizonReplan) {
        var moveColumns: [Int] = [], movesOfAbsentKeys = 0.0, constant = 0.0
        for t in yearsOver..<years.count {
            let year = years[t], schools = scenario.schools
            var settings = replan.stability(ofYear: yearNumbers[t])
            if purpose != .plan { (settings.moneyPenalty, settings.teacherPenalty) = (0, 0) }
            settings.maxTeacherMoves = replan.maxTeacherMoves
            var money: [(key: PreviousPlan.Key, column: Variable)] = []
            for (k, category) in scenario.categories.enumerated() where !category.isDispatch {
                for s in schools.indices {
                    if let x = year.x[k][s] { money.append((PreviousPlan.Key(schools[s].id, category.id), Variable(index: x.index + columnOffset[t]))) }
                }
            }
            let teachers = year.derived.candidates.enumerated().map { p, pair in
                (key: PreviousPlan.Key(scenario.teacherGroups[pair.group].id, schools[pair.school].id), column: newDispatch[t][p])
            }
            let terms = model.addStabilityTerms(money: money, teachers: teachers, settings, moneyScale: moneyScale,
                                                nameSuffix: "@\(yearNumbers[t])")
            moveColumns += terms.moveColumns
            movesOfAbsentKeys += terms.movesOfAbsentKeys
            constant += terms.constant
        }
        model.objectiveConstant += constant * moneyScale
        guard let cap = replan.maxTeacherMoves else { return }
        var slack: Variable?
        if purpose == .elastic {
            let variable = model.addVariable(name: "slack[max_moves]")
            model.setObjectiveCoefficient(variable, teacherPrice * moneyScale)
            replanSlacks.append(ReplanSlack(variable: variable, year: yearsOver, subject: .moves(cap: cap)))
            slack = variable
        }
        model.addMoveCap(moveColumns, slack: slack, cap: cap - movesOfAbsentKeys, name: "max_teacher_moves")
    }

    // MARK: Reading

    /// The elastic diagnosis's lines of the re-plan's own slacks, each prefixed with its year.
    func replanDiagnosis(_ solution: Solution) -> [DiagnosisItem] {
        let currency = scenario.currency
        return replanSlacks.compactMap { slack in
            let raw = solution[slack.variable]
            let year = yearNumbers[slack.year]
            switch slack.subject {
            case let .money(s, k):
                let amount = raw / moneyScale
                guard amount > 1e-6 else { return nil }
                let school = scenario.schools[s], category = scenario.categories[k]
                let what = "\(year): money paid to \(years[slack.year].describe(school: s)) for \(category.id) (actuals)"
                return DiagnosisItem(constraint: what, rule: "actuals", relaxBy: amount, unit: currency, money: amount,
                                     explanation: "\(what): \(Explain.money(amount, currency)) of it cannot be paid by the funds "
                                         + "eligible for it that year (check the actuals, or the funds' amounts and categories)",
                                     category: category.id, school: school.id, region: scenario.regions[school.region].id)
            case let .teachers(g, s):
                guard raw > 1e-6 else { return nil }
                let group = scenario.teacherGroups[g], school = scenario.schools[s]
                let what = "\(year): teachers of \(group.id) posted at \(years[slack.year].describe(school: s)) (actuals)"
                return DiagnosisItem(constraint: what, rule: "actuals", relaxBy: raw, unit: "teachers", money: raw * teacherPrice,
                                     explanation: "\(what): \(Format.grouped(raw, decimals: 2)) teacher(s) cannot be kept at post "
                                         + "(the group's supply, the school's shortage or the dispatch money of a later year)",
                                     school: school.id, region: scenario.regions[school.region].id)
            case let .moves(cap):
                guard raw > 1e-6 else { return nil }
                let what = "\(year)–\(yearNumbers[years.count - 1]): the cap of \(Format.grouped(cap)) teacher move(s) (--max-moves)"
                return DiagnosisItem(constraint: what, rule: "max_moves", relaxBy: raw, unit: "teachers", money: raw * teacherPrice,
                                     explanation: "\(what) must give by \(Format.grouped(raw, decimals: 2)) teacher(s) "
                                         + "(priced at \(Explain.money(teacherPrice, currency)) per move)")
            }
        }
    }

    /// What moved in year t (one to come) against the previous plan's year, each move with its year.
    func replanMoves(ofYear t: Int, _ solution: Solution) -> [Move] {
        guard let replan else { return [] }
        let teachers = newDispatch[t].map { solution[$0] }
        return years[t].moves(replan.stability(ofYear: yearNumbers[t]), yearSolution(t, of: solution), teachers: teachers).map { move in
            var move = move
            move.year = yearNumbers[t]
            return move
        }
    }
}
