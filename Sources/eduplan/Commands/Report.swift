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

        --lang zh-CN|en chooses the page's language (default: the scenario's locale:, else LC_ALL, LC_MESSAGES or LANG, else English); every label, heading, sentence, unit and definition is translated, and the page is tagged <html lang="zh-CN"> in Chinese. --money yuan|wan|yi shows money in 元, 万元 or 亿元 (per-pupil money stays in yuan).

        --previous plan.json (from eduplan solve --out) adds the base plan against that plan to "who gains, who loses".

        A scenario with a horizon of several years (horizon:), or such a variant of a one-year scenario named alone with --variant, gives a page about the plan over its years: the horizon's discounted U and objective, price of fairness and a sentence per fund on carrying money over; the base plan's money by fund, teachers, unmet need, pupils and equity measures year over year; then every year's sections behind a year selector (printed, every year shows). Variants planning another number of years are left out with a note; --sweep is refused; --previous is compared with the first year.

        Beside the page, FILE-schools.csv (the page's name without .html, then -schools.csv) holds every school's allocation; the page links to it. --pdf FILE also prints the page to an A4 PDF with headless Chromium (chromium on PATH or EDUPLAN_CHROMIUM; looked up before solving, so a missing browser is bad input).

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
    @OptionGroup var wording: WordingOptions
    @Option(help: "Also print the page to this A4 PDF with headless Chromium.") var pdf: String?
    @Option(help: "A previous plan.json (from `eduplan solve --out`): who gains and who loses against it.") var previous: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if noVariants && !variants.isEmpty { throw ValidationError("give --variant or --no-variants, not both") }
    }

    /// The annex CSV beside the page: `report.html` → `report-schools.csv`.
    static func annexPath(_ page: String) -> String {
        let url = URL(fileURLWithPath: page)
        let stem = url.pathExtension.lowercased() == "html" || url.pathExtension.lowercased() == "htm" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + "-schools.csv").path
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let browser = try pdf.map { _ in try browserForPDF(environment) }
        let scenario = try loadScenario(directory, variant: nil, options: global, wording: self.wording.wording())
        let wording = self.wording.wording(scenario: scenario.locale)
        let chosen = try pageScenario(scenario, wording: wording)
        let multiYear = Compare.plannedYearCount(chosen) > 1
        if multiYear, sweep != nil {
            Output.problems("eduplan: --sweep draws a one-year budget frontier; a multi-year page takes none (sweep plans one year)")
            throw Output.badInput
        }
        let frontier = try sweep.map(readFrontier)
        let previousPlan = try previous.map(readPrevious)
        // The outputs are decided before the solves: a refused or locked path costs no solving time.
        let inputs = InputPaths(folders: [directory], files: [sweep, previous].compactMap { $0 })
        let annexPath = Self.annexPath(out)
        let output = try openOutput(file: out, inputs: inputs)
        defer { output.abandon() }
        let annex = try openOutput(file: annexPath, inputs: inputs)
        defer { annex.abandon() }
        let pdfOutput = try pdf.map { try openOutput(file: $0, inputs: inputs) }
        defer { pdfOutput?.abandon() }
        let comparison = try Compare.run(chosen, options: compareOptions(pageVariant: chosen.variantName))
        let previousFile = previousPlan.map { (file: URL(fileURLWithPath: previous ?? "").lastPathComponent, plan: $0) }
        var html: HTMLReport
        if multiYear {
            html = HTMLReport(horizon: comparison, wording: wording, previous: previousFile)
        } else {
            let reports = ComparisonReport(comparison).reports
            html = HTMLReport(base: reports[0], variants: Array(reports.dropFirst()), frontier: frontier, wording: wording)
            html.comparison = comparison
            html.previous = previousFile
        }
        let csv = html.annexCSV()
        if csv != nil { html.annexFile = URL(fileURLWithPath: annexPath).lastPathComponent }
        let page = html.render()
        if let csv { try commit(Data(csv.utf8), to: annex) } else { annex.abandon() }
        try commit(Data(page.utf8), to: output)
        global.note("wrote \(out) (\(Format.grouped(Double(page.utf8.count))) bytes)\(csv == nil ? "" : " and \(annexPath)")")
        if let pdf, let pdfOutput, let browser {
            try printPDF(page: out, to: pdfOutput, browser: browser)
            global.note("wrote \(pdf)")
        }
        try Output.finish(with: comparison.base.result.status)
    }

    /// The browser for --pdf, found before any work (a missing browser is bad input: exit 1, nothing written).
    private func browserForPDF(_ environment: [String: String]) throws -> String {
        do { return try PDFPrinter.browser(environment: environment) } catch {
            Output.problems("eduplan: \(error)")
            throw Output.badInput
        }
    }

    /// Prints the written page into the PDF output and commits it; a failure is printed and exits 1
    /// (the page stays written).
    private func printPDF(page: String, to output: OutputTarget, browser: String) throws {
        do {
            try PDFPrinter.print(page: URL(fileURLWithPath: page), to: output.stagingPath, browser: browser)
        } catch {
            output.abandon()
            Output.problems("eduplan: \(error)")
            throw Output.badInput
        }
        try commit(output)
    }

    /// The plan of --previous, checked as `evaluate` and `diff` check it (every problem printed, exit 1).
    private func readPrevious(_ path: String) throws -> Plan {
        let (file, problems) = PlanFile.read(try readInput(path, expected: "a plan.json file"), file: path, requiring: .evaluation)
        guard let plan = file?.plan else {
            Output.problems(ScenarioErrors(problems: problems).text(wording.wording()))
            throw Output.badInput
        }
        for warning in problems { global.note(warning.text(wording.wording())) }
        return plan
    }

    /// The sweep CSV of --sweep, checked cell by cell (every problem printed, exit 1).
    private func readFrontier(_ path: String) throws -> SweepFrontier {
        let data = try readInput(path, expected: "a readable sweep CSV file")
        let parsed = SweepFrontier.parse(String(decoding: data, as: UTF8.self), source: URL(fileURLWithPath: path).lastPathComponent, file: path)
        guard parsed.problems.isEmpty else { throw Output.badInput(parsed.problems, in: "the sweep file") }
        if let problem = parsed.problem { global.note("\(problem) The page says so instead of drawing the frontier.") }
        return parsed
    }

    /// The runs solved one after the other, each phase on stderr under its run's name (the page's
    /// own run is the variant it is about, when it is one).
    private func compareOptions(pageVariant: String?) -> CompareOptions {
        var options = CompareOptions()
        options.planner.verbose = global.verbose
        options.planner.logger = global.logger()
        let quiet = global.quiet
        options.phase = { run, phase in
            let name = run == "base" ? pageVariant : run
            if !quiet { Output.standardError("eduplan: solving \(name.map { "variant \"\($0)\"" } ?? "base") — \(phase)\n") }
        }
        return options
    }
}

extension ReportCommand {
    /// The scenario the page is about, with the variants it draws beside it. A page draws plans of
    /// the same years: variants that plan another number of years than the base are left out with
    /// a note, as `compare` does. A variant named alone with --variant that plans another number of
    /// years than the base (a five-year variant of a one-year scenario) is the page's plan itself,
    /// as `solve --variant` plans it; named beside others it is refused (exit 1).
    func pageScenario(_ scenario: Scenario, wording: Wording) throws -> Scenario {
        let names: [String]? = noVariants ? [] : (variants.isEmpty ? nil : variants)
        var chosen = scenario
        if let names { chosen.variants = try lookUpVariants { try scenario.variants(named: names) } }
        let skipped = Compare.skippedVariants(of: chosen)
        guard names != nil, let variant = skipped.first else {
            noteSkipped(skipped, of: chosen, global: global, wording: wording)
            return chosen
        }
        guard chosen.variants.count == 1 else {
            Output.problems("eduplan: variant \"\(variant.name)\" plans \(variant.years) years and the base "
                            + "\(Compare.plannedYearCount(scenario)): a page draws plans of the same years; name it alone with --variant "
                            + "(its page is then about it), or name variants of the base's years")
            throw Output.badInput
        }
        var alone = scenario.applying(chosen.variants[0])
        alone.variants = []
        return alone
    }
}
