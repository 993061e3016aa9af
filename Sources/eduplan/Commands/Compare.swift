import ArgumentParser
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation

/// `eduplan compare`: the base scenario and every variant, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve the base scenario and every variant; one table with the runs as columns.",
        discussion: """
        Rows: money available, benefit U, unmet need (weighted objective, and money Σ(N − x)), \
        coverage of non-mandatory need, min coverage (the worst school), max–min t* (when a run \
        has F2), price of fairness, Gini, Theil, McLoone, Hoover, teachers dispatched, shortage \
        left, one row per fairness rule (its shadow price when hard, "soft" otherwise) and one \
        per fund (the benefit one more unit of money there buys). In a table, the line under a \
        row is each variant's change against the base; then a paragraph per variant says what \
        changed: which rules bind and how many regions gain and lose per pupil, then a table of \
        every region that changed in some variant (--out DIR also writes DIR/changes.csv: every \
        region × variant). An infeasible variant shows status infeasible and the money its \
        smallest relaxation needs (the elastic diagnosis).

        The base is the solver's optimum, as `solve` prints it. Each variant's plan is, among its \
        optimal plans (objective no worse than its optimum z*, held to the solver's tolerance; for a \
        MIP, z* is the incumbent: the plans within the gap reached), the one closest to the base plan: Σ|x − x_base| + V·Σ|y − y_base| \
        smallest. What differs from the base is then the variant's effect, not the solver's choice \
        between equally good plans.

        --format json prints a list of `solve --format json` objects, base first (no `plan` \
        unless --with-plan); csv prints raw numbers, a column per run and, after each variant, \
        its difference from the base.

        Runs are solved --jobs at a time, each on its own thread; the output does not depend on \
        --jobs (base first, then the variants in file order).

        Examples:
          eduplan compare scenarios/examples/09_budget_variants
          eduplan compare scenarios/jiangxi-2024 --jobs 2 --format markdown > comparison.md

        Exit status: 0 the base scenario has a plan (variants may be infeasible: see their \
        column); 1 bad input; 2 the base scenario is infeasible; 3 the solver stopped without a \
        plan for the base.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "table, markdown, csv or json.") var format: OutputFormat = .table
    @Flag(name: .customLong("with-plan"), help: "With --format json: include each run's full plan.") var withPlan = false
    @Option(help: "Runs solved at once, each on its own thread (2 suits a 2-core machine).") var jobs: Int = 1
    @Option(help: "Also write this folder: changes.csv, every region's per-pupil change in every variant.") var out: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 64 (found \(jobs))") }
    }

    func run() throws {
        let scenario = try loadScenario(directory, variant: nil, options: global, wording: wording.wording())
        let words = wording.wording(scenario: scenario.locale)
        // Decided before solving: a refused or locked path costs no solving time.
        let output = try out.map {
            try openOutput(folder: $0, files: [ComparisonReport.changesFile], inputs: InputPaths(folders: [directory]))
        }
        defer { output?.abandon() }
        let started = Date()
        let skipped = Compare.skippedVariants(of: scenario)
        noteSkipped(skipped, of: scenario, global: global, wording: words)
        let total = 1 + scenario.variants.count - skipped.count
        let bar = ProgressBar(title: "compare", total: total, enabled: !global.quiet && ProgressBar.standardErrorIsTerminal)
        var options = CompareOptions()
        options.jobs = jobs
        options.planner.verbose = global.verbose
        options.planner.logger = global.logger()
        options.phase = { run, phase in bar.note("\(run): \(words.phase(phase))") }
        options.progress = { run, progress in
            guard let incumbent = progress.incumbent else { return }
            let gap = progress.relativeGap.map { String(format: ", gap %.3f%%", $0 * 100) } ?? ""
            bar.note("\(run): branch and bound, incumbent \(String(format: "%.6g", incumbent))\(gap)")
        }
        options.finished = { _, run in
            bar.note("\(run.name): \(run.result.status.rawValue)")
            bar.advance()
        }
        let comparison = try Compare.run(scenario, options: options)
        bar.finish()
        let report = ComparisonReport(comparison)
        if let output {
            do {
                try output.write(Data(report.changesCSV().utf8), as: ComparisonReport.changesFile)
            } catch {
                Output.problems("eduplan: \(error)")
                throw Output.badInput
            }
            try commit(output)
        }
        switch format {
        case .json: Output.result(try report.json(withPlan: withPlan).rendered() + "\n")
        case .table, .markdown: Output.result(report.text(markdown: format == .markdown, wording: words))
        case .csv: Output.result(report.csv())
        }
        global.note(words("cli.compared", ["runs": "\(total)", "seconds": String(format: "%.2f", Date().timeIntervalSince(started))]))
        try Output.finish(with: comparison.base.result.status)
    }
}
