import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// Monitoring: a plan against what was actually disbursed and placed (PRODUCT.md `evaluate`).
///
/// - Execution rate = actual / planned, by category, region, fund and in total. A fund's money is known
///   in the plan only as flows z_{f,k,r} (fund → category → region), so actuals are attributed to funds
///   pro rata: the actual money of category k in region r, A_{k,r} = Σ_{s∈r} actual_{s,k}, goes to each
///   fund f in the share z_{f,k,r} / Σ_g z_{g,k,r} of the plan's flows there. A fund's execution rate is
///   then Σ_{k,r} A_{k,r} z_{f,k,r} / Z_{k,r} over Σ_{k,r} z_{f,k,r}. Money in a category and region with
///   no planned flow cannot be attributed: it is listed as unattributed.
/// - Teachers: placements (group, school, count) against the plan's dispatch; their cost (count × the
///   group's annual cost) is the actual money of the `dispatch` category, attributed to funds as above.
/// - A school is short when actual < planned · (1 − threshold), for its money (all money categories
///   together) and, separately, its teachers; a relative tolerance of 10⁻⁹ keeps an actual of exactly
///   (1 − threshold) · planned from counting as short.
/// - Coverage and equity metrics (MODEL.md §8, §11) of the plan and of the actuals, side by side.
public enum Evaluation {
    /// Relative slack in "fully funded" and "short" comparisons (floating-point sums of cents).
    public static let tolerance = 1e-9

    /// Evaluates a plan file against actuals files.
    /// - Throws: ``EvaluationErrors`` with every problem of the plan, the actuals and their references.
    public static func evaluate(planFile: URL, actualsFiles: [URL], scenario: Scenario? = nil, threshold: Double = 0.1,
                                planName: String? = nil, actualsNames: [String]? = nil,
                                allowForeignPlan: Bool = false) throws -> (report: EvaluationReport, warnings: [ScenarioProblem]) {
        var problems: [ScenarioProblem] = []
        var plan: PlanFile?
        var actuals: Actuals?
        var warnings: [ScenarioProblem] = []
        do { plan = try loadPlan(from: planFile, name: planName) } catch let e as EvaluationErrors { problems += e.problems }
        do {
            let read = try Actuals.read(actualsFiles, names: actualsNames)
            actuals = read.actuals
            warnings = read.warnings
        } catch let e as EvaluationErrors {
            problems += e.problems
        }
        guard let plan, let actuals, problems.allSatisfy({ $0.severity != .error }) else {
            throw EvaluationErrors(problems: problems)
        }
        let report = try evaluate(plan, actuals: actuals, scenario: scenario, threshold: threshold,
                                  planName: planName ?? planFile.relativePath, allowForeignPlan: allowForeignPlan)
        return (report, report.warnings + warnings)
    }

    /// Reads a plan file (plan.json) as evaluation needs it (``PlanFile/Requirement/evaluation``).
    /// - Parameter name: How the file is named in problems (default: its path as given).
    /// - Throws: ``EvaluationErrors`` naming the file and the JSON key path of every problem.
    public static func loadPlan(from url: URL, name: String? = nil) throws -> PlanFile {
        let file = name ?? url.relativePath
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            throw EvaluationErrors(problems: [.init(file: file, expected: "a plan written by `eduplan solve --out` (plan.json)",
                                                    found: "no readable file (\(error))")])
        }
        let (plan, problems) = PlanFile.read(data, file: file, requiring: .evaluation)
        guard let plan else { throw EvaluationErrors(problems: problems) }
        return plan
    }

    /// Evaluates a plan against actuals.
    ///
    /// - Parameters:
    ///   - document: The plan; one without a plan (`plan` nil) has nothing to evaluate.
    ///   - scenario: The plan's scenario: needed for "poor students fully covered" (which categories are
    ///     mandatory and counted on poor students, and how many poor students each school has), for the
    ///     staffing standard and fiscal neutrality, and for region names. Without it those are null.
    ///     Give the folder's base scenario: the plan's variant is applied to it, and the result must
    ///     have the plan's `scenario_fingerprint` (``PlanFile/scenarioOfPlan(_:file:allowForeign:)``).
    ///   - threshold: Relative shortfall beyond which a school is listed as short, in [0, 1].
    ///   - allowForeignPlan: Evaluate against a scenario the plan was not solved from (or a plan without
    ///     a fingerprint), with a warning in ``EvaluationReport/warnings`` and the notes.
    /// - Throws: ``EvaluationErrors`` for a document without a plan, for actuals naming a school,
    ///   category or teacher group the plan does not know, amounts past the money range (per row, or
    ///   added up per school and category), and for a scenario the plan was not made for.
    /// - Complexity: O(schools × categories + rows), plus O(scenario) for its fingerprint.
    public static func evaluate(_ document: PlanFile, actuals: Actuals, scenario given: Scenario? = nil, threshold: Double = 0.1,
                                planName: String = "plan.json", allowForeignPlan: Bool = false) throws -> EvaluationReport {
        precondition(threshold >= 0 && threshold <= 1, "threshold must be in [0, 1]")
        guard let plan = document.plan else {
            throw EvaluationErrors(problems: [.init(file: planName, field: "plan", expected: "a plan (a solve with status optimal or feasible)",
                                                    found: "no plan (status \(document.status?.rawValue ?? "none"))")])
        }
        let log = ProblemLog()
        let checked = given.map { document.scenarioOfPlan($0, file: planName, allowForeign: allowForeignPlan) }
        log.absorb(checked?.problems ?? [])
        try log.throwIfErrors()
        return try evaluate(document, plan, actuals: actuals, checkedScenario: checked?.scenario, threshold: threshold,
                            planName: planName, log: log)
    }

    /// Evaluates `plan` (the document's) against actuals, `scenario` being the plan's own (already
    /// checked, or one year's of a checked multi-year scenario); the problems and warnings in `log`.
    static func evaluate(_ document: PlanFile, _ plan: Plan, actuals: Actuals, checkedScenario scenario: Scenario?,
                         threshold: Double, planName: String, log: ProblemLog) throws -> EvaluationReport {
        let frame = EvaluationFrame(plan: plan, scenario: scenario, planName: planName, log: log)
        let tables = EvaluationTables(frame, actuals: actuals, log: log)
        try log.throwIfErrors()

        var notes = log.warnings.map { "Warning: \($0)" } + missingActualsNotes(frame, tables)
        let (schools, short) = schoolExecutions(frame, tables, threshold: threshold)
        let regions = regionExecutions(frame, tables)
        let funds = fundExecutions(frame, tables)
        if !funds.unattributed.isEmpty {
            notes.append("Some actual money fell in a category and region with no planned flow: it is listed as unattributed and is in no fund's execution.")
        }
        let poor = poorCoverage(frame, tables, notes: &notes)
        var report = EvaluationReport(
            scenario: document.scenario ?? "", variant: document.variant, currency: document.currency ?? "", threshold: threshold,
            moneyEvaluated: tables.hasMoney, teachersEvaluated: tables.hasTeachers, categories: frame.categories,
            totalMoney: tables.hasMoney ? Execution(planned: tables.planned.reduce(0) { $0 + $1.reduce(0, +) },
                                                    actual: tables.actual.reduce(0) { $0 + $1.reduce(0, +) }) : nil,
            totalTeachers: tables.hasTeachers ? Execution(planned: tables.plannedTeachers.reduce(0, +), actual: tables.placed.reduce(0, +)) : nil,
            byFund: funds.byFund, byCategory: categoryExecutions(frame, tables) + funds.dispatchCategories, byRegion: regions,
            unattributed: funds.unattributed, schools: schools, shortSchools: short,
            coverageByCategory: coverageByCategory(frame, tables), coverageByRegion: coverageByRegion(frame, tables, regions: regions),
            metrics: equityMetrics(frame, tables), poorFullyCovered: poor.mandatory, poorFullyCoveredAllPoorCategories: poor.all,
            notes: notes, warnings: log.warnings)
        report.reserves = reserveCoverage(document, frame, tables)
        return report
    }

    /// `sum + value`, or `sum` unchanged with a problem at the row when the value is not in [0, cap]
    /// or the sum would pass `cap`: every total stays finite, whatever a file or caller gives.
    static func accumulate(_ sum: Double, _ value: Double, cap: Double, what: String,
                           at row: SourceLocation, log: ProblemLog) -> Double {
        let capText = cap == InputLimits.maxMoney ? InputLimits.maxMoneyText : InputLimits.maxCountText
        guard value.isFinite, value >= 0, value <= cap else {
            log.error(row, expected: "a number from 0 to \(capText)", found: InputLimits.shown(value))
            return sum
        }
        guard sum + value <= cap else {
            log.error(row, expected: "\(what) adding up to at most \(capText)", found: "\(InputLimits.shown(sum + value)) with this row")
            return sum
        }
        return sum + value
    }
}
