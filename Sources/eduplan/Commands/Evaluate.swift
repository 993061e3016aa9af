import ArgumentParser
import EduplanEvaluation
import EduplanReports
import EduplanScenario
import Foundation

/// `eduplan evaluate`: a plan against what was actually disbursed and placed.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a plan with what was actually disbursed and placed: execution, schools left short, equity.",
        discussion: """
        PLAN.json is the plan.json written by `eduplan solve --out`. Each --actuals file is CSV; its \
        header says what it holds: `school,category,amount` (money actually disbursed) or \
        `group,school,count` (teachers actually placed). Give one of each kind, or several (rows add up). \
        Reports execution rates (actual / planned) by fund, category and region — a fund's share of the \
        actual money of a category and region is its share of the plan's flows there — the schools \
        whose money or teachers fall short of the plan by more than --threshold, and coverage and \
        equity metrics of the plan and of the actuals side by side. --scenario adds poor students \
        fully covered, the staffing standard, fiscal neutrality and region names; the plan's variant \
        is applied to it, and the plan must have been solved from exactly that scenario (its \
        scenario_fingerprint), unless --allow-foreign-plan. Amounts are money from 0 to 1e13 per row \
        and per school and category added up; counts from 0 to 10,000,000.

        A multi-year PLAN.json (solve on a scenario with `horizon:`) needs --scenario and actuals with a \
        `year` column, as `solve --actuals` reads them: money paid and teachers newly posted in each \
        year. Each year with actuals is evaluated against the year's scenario, the actuals in the \
        plan's terms (a project category's money cumulated, teachers at post over the group's \
        contract_years); a horizon summary comes first.

        Example (the real DCPS FY2021 allocation against the optimised plan):
          eduplan solve scenarios/dc-2021 --out /tmp/dcplan
          eduplan evaluate /tmp/dcplan/plan.json --actuals scenarios/dc-2021/baseline.csv --scenario scenarios/dc-2021

        Exit status 1 on bad input, with every problem listed.
        """
    )

    @Argument(help: "The plan (plan.json written by `eduplan solve --out`).") var plan: String
    @Option(help: "Actuals CSV: school,category,amount (money) or group,school,count (teachers); repeatable.")
    var actuals: [String] = []
    @Option(help: "List schools whose money or teachers fall short of the plan by more than this fraction (0 to 1).")
    var threshold: Double = 0.1
    @Option(help: "The plan's scenario folder (for poor students fully covered, staffing, fiscal neutrality, region names); the plan must have been solved from it.")
    var scenario: String?
    @Flag(help: "With --scenario: evaluate against a scenario the plan was not solved from (or a plan without a fingerprint), with a warning.")
    var allowForeignPlan = false
    @Option(help: "table, json, csv (one row per school) or markdown.") var format: OutputFormat = .table
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        if actuals.isEmpty { throw ValidationError("give at least one --actuals FILE") }
        if !(threshold >= 0 && threshold <= 1) { throw ValidationError("--threshold must be between 0 and 1 (a fraction: 0.1 is 10%)") }
        if allowForeignPlan, scenario == nil { throw ValidationError("--allow-foreign-plan goes with --scenario DIR (without it nothing is checked)") }
    }

    func run() throws {
        var world: Scenario?
        var failed = false
        if let scenario {
            do { world = try loadScenario(scenario, variant: nil, options: global, wording: wording.wording()) } catch { failed = true }
        }
        if Evaluation.isMultiYearPlan(URL(fileURLWithPath: plan)) { return try runHorizon(world, failed: failed) }
        let report: EvaluationReport
        do {
            let evaluated = try Evaluation.evaluate(
                planFile: URL(fileURLWithPath: plan), actualsFiles: actuals.map { URL(fileURLWithPath: $0) }, scenario: world,
                threshold: threshold, planName: plan, actualsNames: actuals, allowForeignPlan: allowForeignPlan)
            for warning in evaluated.warnings { global.note(warning.text(wording.wording(scenario: world?.locale))) }
            report = evaluated.report
        } catch let errors as EvaluationErrors {
            Output.problems(errors.text(wording.wording(scenario: world?.locale)))
            throw Output.badInput
        }
        if failed { throw Output.badInput }
        switch format {
        case .json: Output.result(try report.json() + "\n")
        case .csv: Output.result(report.csv())
        case .table, .markdown: Output.result(report.text(markdown: format == .markdown, wording: wording.wording(scenario: world?.locale)))
        }
    }

    /// A multi-year plan (docs/evaluation.md, "A multi-year plan"): each year with actuals evaluated
    /// against the year's scenario, the actuals (with a `year` column) in the plan's terms.
    private func runHorizon(_ world: Scenario?, failed: Bool) throws {
        let words = wording.wording(scenario: world?.locale)
        if failed { throw Output.badInput }
        let report: HorizonEvaluationReport
        do {
            let evaluated = try Evaluation.evaluateHorizon(
                planFile: URL(fileURLWithPath: plan), actualsFiles: actuals.map { URL(fileURLWithPath: $0) }, scenario: world,
                threshold: threshold, planName: plan, actualsNames: actuals, allowForeignPlan: allowForeignPlan)
            for warning in evaluated.warnings { global.note(warning.text(words)) }
            report = evaluated.report
        } catch let errors as EvaluationErrors {
            Output.problems(errors.text(words))
            throw Output.badInput
        }
        switch format {
        case .json: Output.result(try report.json() + "\n")
        case .csv: Output.result(report.csv())
        case .table, .markdown: Output.result(report.text(markdown: format == .markdown, wording: words))
        }
    }
}
