import ArgumentParser
import EduplanIO
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page about a scenario's plan, for publication.",
        discussion: """
        Example:
          eduplan report scenarios/jiangxi-2024 --out jiangxi.html
          eduplan report scenarios/jiangxi-2024 --variant "donations x2" --sweep frontier.csv --out jiangxi.html

        The page: the summary a policy maker reads first (benefit, money against need, teachers against shortage, price of fairness, shadow prices and binding rules in sentences, or what must give when infeasible), Lorenz curves of per-pupil money per variant, coverage by region, student–teacher ratios before and after dispatch, the dispatch flows on a map, the budget frontier when --sweep is given, and every number's definition one click away.

        The base scenario is solved, then every variant (only those named with --variant; none with --no-variants). --sweep reads a CSV from `eduplan sweep` by column name: total_money (or money, amount), benefit, gini; every column sweep writes is checked against its range (Gini and coverages in [0, 1], money finite and ≥ 0, …), and a bad cell is bad input with its line and column.

        The page needs no network (inline CSS and SVG, the reader's own fonts) and has no timestamp: the same input gives the same bytes.

        The page replaces the previous one at once (written beside it, then renamed); an interrupted run (exit 130 / 143) leaves the previous page as it was.

        Exit status: 0 page written, 1 bad input or a page that cannot be written (nothing written), 2 the base scenario is infeasible (the page is written, with what must give), 3 no plan for the base scenario (the page is written).
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "The HTML file to write.") var out: String
    @Option(name: .customLong("variant"), help: "Solve this variant too (repeatable; default: every variant).")
    var variants: [String] = []
    @Flag(help: "Solve the base scenario only.") var noVariants = false
    @Option(help: "A sweep CSV (from `eduplan sweep`) to draw the budget frontier from.") var sweep: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if noVariants && !variants.isEmpty { throw ValidationError("give --variant or --no-variants, not both") }
    }

    func run() throws {
        let scenario = try loadScenario(directory, variant: nil, options: global)
        let names: [String]? = noVariants ? [] : (variants.isEmpty ? nil : variants)
        var chosen = scenario
        if let names { chosen.variants = try lookUpVariants { try scenario.variants(named: names) } }
        let frontier = try sweep.map(readFrontier)
        // The page is decided before the solves: a refused or locked path costs no solving time.
        let output = try openOutput(file: out, inputs: InputPaths(folders: [directory], files: sweep.map { [$0] } ?? []))
        defer { output.abandon() }
        let comparison = try Compare.run(chosen, options: compareOptions())
        let reports = ComparisonReport(comparison).reports
        var html = HTMLReport(base: reports[0], variants: Array(reports.dropFirst()), frontier: frontier)
        html.comparison = comparison
        let page = html.render()
        try commit(Data(page.utf8), to: output)
        global.note("wrote \(out) (\(Format.grouped(Double(page.utf8.count))) bytes)")
        try Output.finish(with: reports[0].result.status)
    }

    /// The sweep CSV of --sweep, checked cell by cell (every problem printed, exit 1).
    private func readFrontier(_ path: String) throws -> SweepFrontier {
        let data = try readInput(path, expected: "a readable sweep CSV file")
        let parsed = SweepFrontier.parse(String(decoding: data, as: UTF8.self), source: URL(fileURLWithPath: path).lastPathComponent, file: path)
        guard parsed.problems.isEmpty else { throw Output.badInput(parsed.problems, in: "the sweep file") }
        if let problem = parsed.problem { global.note("\(problem) The page says so instead of drawing the frontier.") }
        return parsed
    }

    /// The runs solved one after the other, each phase on stderr under its run's name.
    private func compareOptions() -> CompareOptions {
        var options = CompareOptions()
        options.planner.verbose = global.verbose
        options.planner.logger = global.logger()
        let quiet = global.quiet
        options.phase = { run, phase in
            if !quiet { Output.standardError("eduplan: solving \(run == "base" ? "base" : "variant \"\(run)\"") — \(phase)\n") }
        }
        return options
    }
}
