import ArgumentParser
import EduplanIO
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation
import GLPKSolver

/// `eduplan sweep`: the budget frontier (`sweep DIR …`, the default) and `sweep merge`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Budget frontier: benefit and equity against money, one solve per step.",
        discussion: SweepRunCommand.configuration.discussion,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self
    )
}

/// `eduplan sweep [run] DIR …`: the budget frontier, warm-started, on threads or across machines.
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Solve the frontier (the default: `eduplan sweep DIR …` is `eduplan sweep run DIR …`).",
        discussion: """
        --from and --to are MULTIPLIERS of the fund's amount in the scenario (after --variant): \
        --from 0.5 --to 1.5 --steps 21 solves the fund at 50%, 55%, …, 150% of its amount. \
        Step i uses from + (to − from)·i/(steps − 1), with 0 ≤ from ≤ to, both finite, and every \
        swept fund's amount × to at most 1e13. --steps is 2 to 10,000, --jobs 1 to 64, --block 1 to \
        10,000, --shard i/n with 0 ≤ i < n ≤ 10,000. --fund all scales every fund by the same \
        multiplier; multipliers are rounded to 12 significant digits (0.8, not \
        0.7999999999999999). A fund's min_spend stays a fraction of its new amount. Each step reports \
        every fund's amount, the total money, status, objective (weighted unmet need), benefit U, \
        unmet money Σ(N − x), coverage, min coverage, t* (with F2), Gini, Theil, teachers \
        dispatched, shortage left and each fund's shadow price (d objective / d amount, as in \
        `solve --format json`; the table shows the benefit one more unit buys).

        Steps are solved in blocks of --block consecutive steps (default: at least two blocks, \
        at most 20 steps each — 21 steps are blocks of 11 and 10): the first step of a block is solved cold, the others from the previous \
        step's basis (warm start; much faster). --jobs threads each take whole blocks. The \
        output depends on --block but never on --jobs or --shard: the same parameters always \
        give the same bytes.

        --shard i/n (0 ≤ i < n) solves blocks i, i+n, i+2n, … and writes a partial CSV whose \
        comment lines carry the sweep's parameters; `eduplan sweep merge` joins the parts into \
        exactly the CSV an unsharded run writes. See docs/scaling.md for Slurm and Kubernetes.

        Output: --format table (default on stdout), csv (default with --out), markdown, or json \
        (a list of `solve --format json` objects, each with a `sweep` key; --with-plan adds \
        plans). A progress bar with ETA is drawn on stderr when it is a terminal.

        Examples:
          eduplan sweep scenarios/jiangxi-2024 --fund provincial_special \\
            --from 0.5 --to 1.5 --steps 21 --jobs 2
          eduplan sweep DIR --fund all --from 0.8 --to 1.2 --steps 9 --out f.csv
          eduplan sweep DIR --fund donations --from 0 --to 4 --steps 400 \\
            --shard 3/8 --out part-3.csv
          eduplan sweep merge part-*.csv --out frontier.csv

        --robust-gamma FROM..TO (0 ≤ FROM ≤ TO ≤ 1) sweeps the robust plan's γ instead of money \
        (the robustness frontier, docs/model.md "Robust plans"): each step reports its reserve, its \
        price of robustness against the scenario without `robust:` and its simulated protection; \
        --fund, --from and --to are then not given.
          eduplan sweep scenarios/jiangxi-2024 --variant "robust: poor +10%" --robust-gamma 0..1 --steps 11

        With `horizon:` (several years) every year's budget of the swept fund(s) is scaled; each \
        step is one horizon solve with its price of fairness; objective and benefit are discounted, \
        amounts and unmet money summed over the years, and the CSV adds price_of_fairness and per \
        year objective_Y, benefit_Y, unmet_money_Y and per fund budget, spent, carried, lapsed and \
        shadow price (docs/cli.md, "sweep", "A scenario with a horizon").

        Exit status: 0 the sweep ran (a step may be infeasible: see its status column), 1 bad input.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "The fund to vary (its id), or `all` for every fund.") var fund: String?
    @Option(help: "First multiplier of the fund's amount (e.g. 0.5 = half).") var from: Double?
    @Option(help: "Last multiplier of the fund's amount (e.g. 1.5).") var to: Double?
    @Option(name: .customLong("robust-gamma"), help: "Sweep the robust plan's γ over FROM..TO (0 ≤ FROM ≤ TO ≤ 1) instead of money.")
    var robustGamma: String?
    @Option(help: "Number of steps, ends included (2 to 10,000).") var steps: Int
    @Option(help: "Sweep this variant of the scenario instead of the base.") var variant: String?
    @Option(help: "Threads, each solving whole blocks with its own GLPK problems (1 to 64).") var jobs: Int = 1
    @Option(help: "Steps per warm-start chain, 1 to 10,000 (default: ≥ 2 blocks of ≤ 20 steps; blocks ≥ shards × jobs).")
    var block: Int?
    @Option(help: "Solve only shard i of n (0 ≤ i < n) and write a partial CSV for `sweep merge`.") var shard: String?
    @Option(help: "Write the output to this file instead of stdout.") var out: String?
    @Option(help: "table, csv, markdown or json (default: table on stdout, csv with --out; --shard writes csv).")
    var format: OutputFormat?
    @Flag(name: .customLong("with-plan"), help: "With --format json: include each step's full plan.") var withPlan = false
    @Flag(help: .hidden) var cold = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        guard (2...SweepParameters.maxSteps).contains(steps) else {
            throw ValidationError("--steps must be from 2 to 10,000 (found \(steps))"
                                  + (steps > SweepParameters.maxSteps ? "; for more points, sweep narrower ranges (--from/--to) one after another" : ""))
        }
        let (from, to) = try range()
        guard from.isFinite, to.isFinite, from >= 0, from <= to else {
            throw ValidationError("--from and --to must be finite multipliers with 0 ≤ from ≤ to (found \(from) and \(to))")
        }
        guard (1...Self.maxJobs).contains(jobs) else { throw ValidationError("--jobs must be from 1 to \(Self.maxJobs) (found \(jobs))") }
        if let block, !(1...SweepParameters.maxSteps).contains(block) {
            throw ValidationError("--block must be from 1 to 10,000 (found \(block))")
        }
        if let shard {
            do {
                let parsed = try SweepShard(parsing: shard)
                guard parsed.count <= SweepParameters.maxSteps else {
                    throw ValidationError("--shard i/n needs n from 1 to 10,000 (found \(shard)); more shards than blocks only write empty parts")
                }
            } catch let error as SweepError {
                throw ValidationError("\(error)")
            }
        }
        if shard != nil, let format, format != .csv {
            throw ValidationError("--shard writes a partial CSV for `eduplan sweep merge`: drop --format \(format.rawValue)")
        }
    }

    func run() throws {
        let scenario = try loadScenario(directory, variant: variant, options: global, wording: wording.wording())
        let (from, to) = try range()
        let target = robustGamma == nil ? SweepTarget(fund ?? "") : .robustGamma
        let parameters = SweepParameters(target: target, from: from, to: to, steps: steps, block: block)
        let chosenShard: SweepShard?
        do {
            try parameters.validate(against: scenario)
            chosenShard = try shard.map(SweepShard.init(parsing:))
        } catch let error as SweepError {
            Output.problems("eduplan: \(error)")
            throw Output.badInput
        }
        let format = self.format ?? (out != nil || chosenShard != nil ? .csv : .table)
        let output = try out.map { try openOutput(file: $0, inputs: InputPaths(folders: [directory])) }
        defer { output?.abandon() }
        let started = Date()
        let blocks = chosenShard?.blocks(of: parameters) ?? Array(0..<parameters.blockCount)
        let count = blocks.reduce(0) { $0 + parameters.steps(inBlock: $1).count }
        let bar = ProgressBar(title: "sweep", total: count, enabled: !global.quiet && ProgressBar.standardErrorIsTerminal)
        let json = format == .json, withPlan = self.withPlan
        let rows = try Sweep.run(scenario, parameters: parameters, options: sweepOptions(parameters, shard: chosenShard, bar: bar)) { step in
            try SweepRow(step, json: json, withPlan: withPlan)
        }.map(\.row)
        bar.finish()
        var text = try SweepTable.rendered(rows, as: format, scenario: scenario, parameters: parameters,
                                           wording: wording.wording(scenario: scenario.locale))
        if let chosenShard {
            let digest = try SweepFile.digest(folder: URL(fileURLWithPath: directory))
            let fields = SweepFile.fields(scenario: scenario, digest: digest, parameters: parameters, glpkVersion: GLPKSolver.version)
            text = SweepFile.partial(csv: text, fields: fields, shard: chosenShard)
        }
        if let output { try commit(Data(text.utf8), to: output) } else { Output.result(text) }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let words = wording.wording(scenario: scenario.locale)
        // A multi-year block warm-starts too, from its second step (docs/cli.md, "A scenario with a horizon").
        let done = words.counted(cold ? "sweep.doneCold" : "sweep.doneWarm", jobs, ["steps": "\(count)", "jobs": "\(jobs)", "seconds": seconds])
        global.note(done + (out.map { words("sweep.wrote", ["path": $0]) } ?? ""))
    }

    /// Threads, shard and warm starts as asked; phases and branch-and-bound progress on the bar, and
    /// with --verbose a line per finished step.
    private func sweepOptions(_ parameters: SweepParameters, shard: SweepShard?, bar: ProgressBar) -> SweepOptions {
        var options = SweepOptions()
        options.jobs = jobs
        options.shard = shard
        options.warmStart = !cold
        options.planner.verbose = global.verbose
        options.planner.logger = global.logger()
        options.planner.priceOfFairness = false
        options.phase = { step, phase in bar.note("step \(step) (× \(parameters.multiplier(step))): \(phase)") }
        options.progress = { step, progress in
            guard let incumbent = progress.incumbent else { return }
            let gap = progress.relativeGap.map { String(format: ", gap %.3f%%", $0 * 100) } ?? ""
            bar.note("step \(step): branch and bound, incumbent \(String(format: "%.6g", incumbent))\(gap)")
        }
        let verbose = global.verbose
        options.stepFinished = { step in
            bar.advance()
            guard verbose else { return }
            Output.standardError("eduplan: step \(step.index) (× \(step.multiplier)): \(step.result.status.rawValue), "
                                 + "\(step.warm ? "warm" : "cold") solve, \(String(format: "%.2f", step.result.seconds)) s\n")
        }
        return options
    }
}

extension SweepRunCommand {
    /// FROM and TO: `--robust-gamma FROM..TO`, or `--fund` with `--from` and `--to` (one or the other).
    func range() throws -> (Double, Double) {
        if let robustGamma {
            guard fund == nil, from == nil, to == nil else {
                throw ValidationError("--robust-gamma sweeps γ: drop --fund, --from and --to")
            }
            let parts = robustGamma.components(separatedBy: "..")
            guard parts.count == 2, let low = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let high = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--robust-gamma: expected FROM..TO, two numbers from 0 to 1 such as 0..1, found \"\(robustGamma)\"")
            }
            guard low >= 0, high <= 1 else {
                throw ValidationError("--robust-gamma: expected 0 ≤ FROM ≤ TO ≤ 1, found \"\(robustGamma)\"")
            }
            return (low, high)
        }
        guard fund != nil, let from, let to else {
            throw ValidationError("give --fund, --from and --to (a budget frontier), or --robust-gamma FROM..TO")
        }
        return (from, to)
    }

    /// More threads than this only queue on the machine's cores (and each holds its own GLPK problems).
    static let maxJobs = 64
}

/// `eduplan sweep merge`: join shard files into the frontier's CSV.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the partial CSVs of `sweep --shard` into one frontier CSV.",
        discussion: """
        Checks that every part is whole (its last line is the checksum `sweep --shard` wrote: a part \
        cut short or edited is refused) and holds as many steps as its shard owns, that every part \
        comes from the same sweep (scenario digest, variant, fund, from, to, steps, block, GLPK \
        version), that the shards are distinct shards of the same n, and that every step is present \
        exactly once; then writes the plain CSV, byte for byte what the same sweep run without \
        --shard writes with --format csv.

        Example:
          eduplan sweep merge part-0.csv part-1.csv part-2.csv part-3.csv --out frontier.csv

        Exit status: 0 merged, 1 a part is missing, repeated, unreadable, cut short, edited or from \
        another sweep, or the output cannot be written.
        """
    )

    @Argument(help: "The partial CSV files written by `eduplan sweep --shard i/n`.") var parts: [String]
    @Option(help: "Write the frontier CSV to this file instead of stdout.") var out: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func run() throws {
        let output = try out.map { try openOutput(file: $0, inputs: InputPaths(files: parts)) }
        defer { output?.abandon() }
        var contents: [(name: String, text: String)] = []
        for path in parts {
            let data = try readInput(path, expected: "a readable partial CSV")
            contents.append((path, String(decoding: data, as: UTF8.self)))
        }
        let merged: String
        do {
            merged = try SweepFile.merge(contents)
        } catch let error as SweepMergeError {
            Output.problems("eduplan: \(error)")
            throw Output.badInput
        }
        if let out, let output {
            try commit(Data(merged.utf8), to: output)
            global.note("merged \(parts.count) part\(parts.count == 1 ? "" : "s") into \(out)")
        } else {
            Output.result(merged)
        }
    }
}
