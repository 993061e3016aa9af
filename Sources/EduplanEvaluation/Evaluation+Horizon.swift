import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// One year of the evaluation of a multi-year plan.
public struct YearEvaluation: Sendable {
    public var year: Int
    /// The year's one-year evaluation; nil when no actuals file has a row of the year.
    public var report: EvaluationReport?
}

/// A multi-year plan against year-tagged actuals (docs/evaluation.md, "A multi-year plan"): each
/// year with actuals evaluated as a one-year plan, the actuals converted into the plan's terms.
public struct HorizonEvaluationReport: Sendable {
    public var scenario: String
    public var variant: String?
    public var currency: String
    public var threshold: Double
    /// Every year of the plan's horizon, in order.
    public var years: [YearEvaluation]
    /// Notes on the whole evaluation (such as a foreign plan's warning).
    public var notes: [String]
}

extension Evaluation {
    /// Whether a plan file is a multi-year plan (a JSON object with `years` and no `plan`), which
    /// ``evaluateHorizon(planFile:actualsFiles:scenario:threshold:planName:actualsNames:allowForeignPlan:)``
    /// evaluates; anything else (a one-year plan, or no plan at all) is for ``evaluate(planFile:actualsFiles:scenario:threshold:planName:actualsNames:allowForeignPlan:)``.
    public static func isMultiYearPlan(_ url: URL) -> Bool {
        guard let data = try? InputFile.read(url.path),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return root["years"] != nil && root["plan"] == nil
    }

    /// Evaluates a multi-year plan file against actuals files with a `year` column.
    ///
    /// The actuals are what was done in each year (as `solve --actuals` reads them, with its checks,
    /// every year of the horizon allowed); each year with a row is evaluated as a one-year plan
    /// (`years[i].plan`) against the year's scenario, its actuals in the plan's terms
    /// (``Actuals/inPlanTerms(ofYearAt:years:scenario:)``). The scenario is required: the years'
    /// scenarios, the groups' contract years and the projects' costs are in it, not in the plan.
    /// - Throws: ``EvaluationErrors`` with every problem of the plan, the scenario's match and the actuals.
    public static func evaluateHorizon(planFile: URL, actualsFiles: [URL], scenario: Scenario?, threshold: Double = 0.1,
                                       planName: String? = nil, actualsNames: [String]? = nil,
                                       allowForeignPlan: Bool = false) throws -> (report: HorizonEvaluationReport, warnings: [ScenarioProblem]) {
        let name = planName ?? planFile.relativePath
        let log = ProblemLog()
        guard let scenario else {
            log.error(name, field: "years", expected: "--scenario DIR, the multi-year scenario the plan was solved from",
                      found: "a multi-year plan without --scenario",
                      hint: "the years' scenarios, the groups' contract years and the projects' costs are in the scenario, not in the plan")
            throw log.errors(source: "the plan")
        }
        let plan = loadHorizonPlan(from: planFile, name: name, log: log)
        var checked = scenario
        if let plan {
            let match = plan.document.scenarioOfPlan(scenario, file: name, allowForeign: allowForeignPlan)
            log.absorb(match.problems)
            checked = match.scenario
            let horizon = checked.horizon?.years ?? [checked.year ?? 0]
            if plan.years.map(\.year) != horizon {
                log.error(name, field: "years", expected: "the years of the scenario's horizon (\(horizon.map(String.init).joined(separator: ", ")))",
                          found: plan.years.map { String($0.year) }.joined(separator: ", "))
            }
        }
        var read: (actuals: Actuals, warnings: [ScenarioProblem])?
        if !log.hasErrors {
            do { read = try Actuals.readForHorizonEvaluation(actualsFiles, names: actualsNames, scenario: checked) } catch let e as EvaluationErrors {
                log.absorb(e.problems)
            }
        }
        guard let plan, let read, !log.hasErrors else { throw log.errors(source: "the input", sorted: false) }
        let report = try evaluateYears(of: plan, actuals: read.actuals, scenario: checked, threshold: threshold, planName: name,
                                       notes: log.warnings.map { "Warning: \($0)" })
        return (report, log.warnings + read.warnings)
    }

    /// Every year of `plan` with actuals evaluated against its year scenario; the problems of all years at once.
    private static func evaluateYears(of plan: (document: PlanFile, years: [PlanFile.YearPlanFile]), actuals: Actuals, scenario: Scenario,
                                      threshold: Double, planName: String, notes: [String]) throws -> HorizonEvaluationReport {
        let yearScenarios = scenario.yearScenarios(), numbers = plan.years.map(\.year)
        let log = ProblemLog()
        var years: [YearEvaluation] = []
        for (t, year) in plan.years.enumerated() {
            guard actuals.money.contains(where: { $0.year == year.year }) || actuals.teachers.contains(where: { $0.year == year.year }),
                  let yearPlan = year.plan
            else {
                years.append(YearEvaluation(year: year.year, report: nil))
                continue
            }
            let document = PlanFile(scenario: plan.document.scenario ?? "", variant: plan.document.variant,
                                    currency: plan.document.currency ?? "", plan: yearPlan)
            let yearLog = ProblemLog()
            do {
                let report = try evaluate(document, yearPlan, actuals: actuals.inPlanTerms(ofYearAt: t, years: numbers, scenario: scenario),
                                          checkedScenario: yearScenarios[t], threshold: threshold,
                                          planName: "\(planName) (years[\(t)])", log: yearLog)
                years.append(YearEvaluation(year: year.year, report: report))
            } catch let e as EvaluationErrors {
                log.absorb(e.problems)
            }
        }
        try log.throwIfErrors()
        return HorizonEvaluationReport(scenario: plan.document.scenario ?? "", variant: plan.document.variant,
                                       currency: plan.document.currency ?? "", threshold: threshold, years: years, notes: notes)
    }

    /// Reads a multi-year plan.json through ``PlanFile/read(_:file:requiring:)`` (`.horizonEvaluation`):
    /// each `years[i]` checked as evaluation checks a one-year plan (its problems at `years[i].…`),
    /// the document decoded; nil when any problem is an error.
    static func loadHorizonPlan(from url: URL, name: String, log: ProblemLog) -> (document: PlanFile, years: [PlanFile.YearPlanFile])? {
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            log.error(name, expected: "a plan written by `eduplan solve --out` (plan.json)", found: "no readable file (\(error))")
            return nil
        }
        let (read, problems) = PlanFile.read(data, file: name, requiring: .horizonEvaluation)
        log.absorb(problems)
        guard let read else { return nil }
        return (read, read.years ?? [])
    }
}

extension Actuals {
    /// The actuals of the year at `t` of `years` in the plan's terms (docs/evaluation.md, "A
    /// multi-year plan"): the year's money, but for a project category every payment up to the
    /// year (the plan's `allocated` is cumulative); the teachers at post, the new posts of the
    /// group's contract window t − L_g + 1 … t (L_g the `contract_years` of `scenario`). The year's
    /// own payments are kept as ``paidInYear``, for the funds' flows of the year.
    /// - Complexity: O(rows).
    public func inPlanTerms(ofYearAt t: Int, years: [Int], scenario: Scenario) -> Actuals {
        let position = Dictionary(years.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let projectCategories = Set(scenario.categories.compactMap { category -> String? in
            if case .projects = category.rule { return category.id } else { return nil }
        })
        let contractYears = Dictionary(scenario.teacherGroups.map { ($0.id, $0.contractYears) }, uniquingKeysWith: { first, _ in first })
        func at(_ year: Int?) -> Int { year.flatMap { position[$0] } ?? Int.max }
        var converted = Actuals(
            money: money.filter { at($0.year) == t || (projectCategories.contains($0.category) && at($0.year) < t) },
            teachers: teachers.filter { (t - max(1, contractYears[$0.group] ?? 1) + 1 ... t).contains(at($0.year)) },
            hasMoney: hasMoney, hasTeachers: hasTeachers)
        converted.paidInYear = money.filter { at($0.year) == t }
        return converted
    }
}
