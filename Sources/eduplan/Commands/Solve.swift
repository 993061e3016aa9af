import ArgumentParser
import EduplanIO
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation

extension OutputFormat: ExpressibleByArgument {}

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve one scenario: print the plan summary and equity metrics, write the full plan.",
        discussion: """
        Example:
          eduplan solve scenarios/jiangxi-2024 --variant "provincial -20%" --out out/plan
          eduplan solve scenarios/jiangxi-2024 --previous out/plan/plan.json --max-moves 50

        --top-up FUND[,FUND…] first finds the smallest extra money in those funds that makes every
        mandatory need and hard rule hold (minimum spends stay fractions of the original amounts),
        then plans with it; the JSON's top_up gives the amount per fund (docs/model.md, "Top-up").

        Re-planning (--previous) adds μ_x Σ|x − x⁰| + μ_y Σ|y − y⁰| to the objective and lists
        what moved; --max-moves caps the teacher moves. The previous plan must be of this
        scenario (its scenario_identity: the same name, region and school ids; changed facts are
        expected and noted), with every number in range; --allow-foreign-plan re-plans against
        another scenario's plan (or one without fingerprints) with a warning. See docs/cli.md.

        --out replaces the folder's files as one set (plan.json, schools.csv, funds.csv,
        dispatch.csv; for an infeasible scenario plan.json and diagnosis.csv, every line of the
        elastic diagnosis): an interrupted or failed run leaves the previous set as it was; a
        second eduplan writing the same folder is refused.

        Exit status: 0 a plan (optimal or feasible), 1 bad input or an output that cannot be
        written, 2 infeasible (the elastic diagnosis says what must give), 3 solver limit reached
        without a feasible plan, 130 / 143 interrupted (SIGINT / SIGTERM).
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "Solve this variant instead of the base scenario.") var variant: String?
    @Option(help: "table, json, csv (per-school plan) or markdown.") var format: OutputFormat = .table
    @Option(help: "Write plan.json, schools.csv, funds.csv, dispatch.csv (infeasible: plan.json, diagnosis.csv) into this folder (replacing the previous set at once).")
    var out: String?
    @Option(help: "Re-plan against this plan.json (from an earlier `solve --out`), keeping it stable.") var previous: String?
    @Option(help: "With --previous: objective cost per unit of money moved (μ_x; default 0.05).") var movePenalty: Double?
    @Option(help: "With --previous: objective cost per teacher moved (μ_y; default 0.05 × value_per_teacher).")
    var teacherMovePenalty: Double?
    @Option(help: "With --previous: at most this many teacher moves Σ|y − y⁰| (0 to 10,000,000).") var maxMoves: Double?
    @Flag(help: "With --previous: re-plan against a plan of another scenario (or one without a fingerprint), with a warning.")
    var allowForeignPlan = false
    @Option(help: ArgumentHelp("With --previous on a multi-year scenario: what was paid (year,school,category,amount) or posted (year,group,school,count) in the years that are over; repeatable.",
                               valueName: "FILE"))
    var actuals: [String] = []
    @Option(help: ArgumentHelp("Add the smallest extra money to these funds that makes every mandatory need and hard rule hold, then plan with it.",
                               valueName: "FUND[,FUND…]"))
    var topUp: String?
    @Option(help: "Write where the time went (per phase, inside GLPK or not, peak memory) as JSON to this file.")
    var timings: String?
    @Option(help: ArgumentHelp("Plan in geographic parts of about this many schools (country scale; docs/scaling.md).",
                               valueName: "schools"))
    var schoolsPerPart: Int?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        if let schoolsPerPart, !(1...Int(InputLimits.maxCount)).contains(schoolsPerPart) {
            throw ValidationError("--schools-per-part must be from 1 to \(InputLimits.maxCountText), found \(schoolsPerPart)")
        }
        if schoolsPerPart != nil && previous != nil { throw ValidationError("--schools-per-part and --previous cannot be combined") }
        if schoolsPerPart != nil && topUp != nil { throw ValidationError("--schools-per-part and --top-up cannot be combined") }
        if previous == nil, movePenalty != nil || teacherMovePenalty != nil || maxMoves != nil || allowForeignPlan || !actuals.isEmpty {
            throw ValidationError("--move-penalty, --teacher-move-penalty, --max-moves, --allow-foreign-plan and --actuals need --previous PLAN.json")
        }
        let ranges = [("--move-penalty", movePenalty, StabilitySettings.maxMoneyPenalty, "1,000,000"),
                      ("--teacher-move-penalty", teacherMovePenalty, InputLimits.maxMoney, InputLimits.maxMoneyText),
                      ("--max-moves", maxMoves, InputLimits.maxCount, InputLimits.maxCountText)]
        for (name, value, limit, limitText) in ranges {
            if let value, !(value >= 0 && value <= limit) { throw ValidationError("\(name) must be a number from 0 to \(limitText), found \(value)") }
        }
    }

    func run() throws {
        let started = DispatchTime.now()
        var clock = PhaseTimings()
        let scenario = try clock.measure("load scenario") { try loadScenario(directory, variant: variant, options: global, wording: wording.wording()) }
        let words = wording.wording(scenario: scenario.locale)
        var options = plannerOptions(words)
        if scenario.horizon != nil { return try runHorizon(scenario, options: options, words: words, started: started, clock: clock) }
        if !actuals.isEmpty {
            Output.problems("eduplan: --actuals re-plans a multi-year plan: it needs a scenario with a horizon of at least two years")
            throw Output.badInput
        }
        if let previous {
            options.stability = StabilitySettings(previous: try readPrevious(previous, for: scenario), for: scenario,
                                                  moneyPenalty: movePenalty, teacherPenalty: teacherMovePenalty,
                                                  maxTeacherMoves: maxMoves)
        }
        // Outputs are decided before the solve: a refused or locked path costs no solving time.
        let outputs = try openOutputs()
        defer { outputs.plan?.abandon(); outputs.timings?.abandon() }
        let (result, decomposed) = try solve(scenario, options: options)
        clock.absorb(result.timings)
        let report = clock.measure("metrics") { PlanReport(result: result, scenario: scenario) }
        // Printed only once every output is in place: a failed write leaves stdout empty.
        let summary = try clock.measure("write output") {
            if let plan = outputs.plan, result.plan != nil || result.diagnosis != nil {
                try report.write(into: plan)
                try commit(plan)
            }
            return try report.rendered(format, decomposed: decomposed, wording: words)
        }
        if let output = outputs.timings {
            let text = try clock.json(wallSeconds: PhaseTimings.seconds(since: started)).rendered() + "\n"
            try commit(Data(text.utf8), to: output)
        }
        Output.result(summary)
        if !global.quiet && isatty(2) != 0 { Output.standardError(Self.clearLine) }
        global.note(Self.doneLine(wallSeconds: PhaseTimings.seconds(since: started), clock: clock, wording: words))
        try Output.finish(with: result.status)
    }
}

extension SolveCommand {
    /// The plan folder (--out) and the timings file (--timings), prepared beside their places and
    /// locked; neither may overwrite the scenario or the previous plan, nor lie inside the other.
    private func openOutputs() throws -> (plan: OutputTarget?, timings: OutputTarget?) {
        let inputs = InputPaths(folders: [directory], files: (previous.map { [$0] } ?? []) + actuals)
        if let out, let timings, ResolvedPath.isSameOrInside(ResolvedPath.resolve(timings), ResolvedPath.resolve(out)) {
            Output.problems("eduplan: cannot write \(timings): it is inside the plan folder \(out), which is replaced as a whole; write it beside")
            throw Output.badInput
        }
        let plan = try out.map { try openOutput(folder: $0, files: PlanReport.outputFiles, inputs: inputs) }
        do {
            return (plan, try timings.map { try openOutput(file: $0, inputs: inputs) })
        } catch {
            plan?.abandon()
            throw error
        }
    }

    /// The last note: the wall time of the whole command (from its start to its output written),
    /// then, of the phases timed on the command's thread, the part inside GLPK ("done in 63.20 s
    /// wall time of the whole command; 61.90 s of it inside GLPK's solvers").
    static func doneLine(wallSeconds: Double, clock: PhaseTimings, wording: Wording = .english) -> String {
        wording("plan.done", ["wall": String(format: "%.2f", wallSeconds),
                              "solver": String(format: "%.2f", min(wallSeconds, clock.solverSeconds))])
    }

    /// Erases the current line of a terminal (the live branch-and-bound line).
    static let clearLine = "\r\u{1B}[K"

    /// Verbosity, logging and progress on stderr: a line per phase, and on a terminal the live
    /// branch-and-bound line.
    private func plannerOptions(_ words: Wording) -> PlannerOptions {
        var options = PlannerOptions()
        options.verbose = global.verbose
        options.logger = global.logger()
        let quiet = global.quiet, clear = isatty(2) != 0 ? Self.clearLine : ""
        options.phase = { phase in
            if !quiet { Output.standardError("\(clear)eduplan: \(words("plan.solving", ["phase": words.phase(phase)]))\n") }
        }
        if !quiet && isatty(2) != 0 { options.progress = LiveMIPProgress(wording: words).handler }
        return options
    }

    /// One solve, with --top-up the smallest top-up then the plan, or with --schools-per-part a plan
    /// in parts (no live progress: parts run at once).
    private func solve(_ scenario: Scenario, options: PlannerOptions) throws -> (PlanResult, DecomposedPlan?) {
        if let topUp {
            return (try TopUpPlanner.solve(scenario, funds: try topUpFunds(topUp, in: scenario), options: options).result, nil)
        }
        guard let schoolsPerPart else { return (try Planner.solve(scenario, options: options), nil) }
        if scenario.robust != nil {
            Output.problems("eduplan: " + Wording.english("robust.cli.no-parts"))
            throw Output.badInput
        }
        var decomposition = DecompositionOptions()
        decomposition.schoolsPerPart = schoolsPerPart
        decomposition.planner = options
        decomposition.planner.progress = nil
        let decomposed = try Decomposition.solve(scenario, options: decomposition)
        return (decomposed.result, decomposed)
    }

    /// The fund indices `--top-up` names (comma-separated ids); an unknown or repeated id is bad
    /// input (exit 1), every one named at once with the scenario's funds.
    func topUpFunds(_ list: String, in scenario: Scenario) throws -> Set<Int> {
        let ids = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var funds = Set<Int>(), wrong: [String] = []
        for id in ids {
            guard let f = scenario.funds.firstIndex(where: { $0.id == id }), funds.insert(f).inserted else {
                wrong.append("--top-up: expected a fund of the scenario named once (\(scenario.funds.map(\.id).joined(separator: ", "))), found \"\(id)\"")
                continue
            }
        }
        guard wrong.isEmpty else {
            Output.problems(wrong.map { "eduplan: \($0)" }.joined(separator: "\n"))
            throw Output.badInput
        }
        return funds
    }

    /// Reads `--previous` and checks it against the scenario being solved (`--allow-foreign-plan`
    /// turns a foreign plan into a warning); prints every problem and exits 1 on bad input.
    func readPrevious(_ path: String, for scenario: Scenario) throws -> PreviousPlan {
        let plan: PreviousPlan
        do {
            plan = try PreviousPlan(planJSON: readInput(path, expected: "a readable plan.json"), file: path)
        } catch let errors as ScenarioErrors {
            throw Output.badInput(errors.problems, in: "the previous plan")
        }
        let fingerprint = ScenarioFingerprint(scenario)
        let problems = plan.problems(against: scenario, fingerprint: fingerprint, file: path, allowForeign: allowForeignPlan)
        guard problems.allSatisfy({ $0.severity != .error }) else { throw Output.badInput(problems, in: "the previous plan") }
        for warning in problems { global.note(warning.text(wording.wording())) }
        if plan.origin.match(fingerprint) == .factsChanged {
            global.note("facts changed since the previous plan (fingerprint \(ScenarioFingerprint.short(plan.origin.fingerprint ?? "")) → "
                        + "\(ScenarioFingerprint.short(fingerprint.inputs))): re-planning with stability")
        }
        return plan
    }
}

extension PhaseTimings {
    /// Adds the phases (and the model size) a solve recorded.
    mutating func absorb(_ solve: PhaseTimings) {
        for phase in solve.phases {
            record(phase.name, seconds: phase.seconds, solverSeconds: phase.solverSeconds, concurrent: phase.concurrent)
        }
        modelSize = solve.modelSize
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the exact model in CPLEX LP or MPS form, for glpsol or any solver.",
        discussion: """
        Example:
          eduplan export scenarios/examples/01_priority_weights --lp model.lp && glpsol --lp model.lp

        The file has no objective constant: add objective_constant (written in the file's first
        comment line, and reported by `solve --format json`) to the file's optimum to get the
        plan's objective. Money is in the scenario's currency (unscaled). With max–min coverage
        on, phase 1 is solved first and the file is phase 2.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "Export this variant.") var variant: String?
    @Option(help: "Write CPLEX LP to this file.") var lp: String?
    @Option(help: "Write free MPS to this file.") var mps: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        guard (lp == nil) != (mps == nil) else { throw ValidationError("give exactly one of --lp FILE or --mps FILE") }
    }

    func run() throws {
        let scenario = try loadScenario(directory, variant: variant, options: global, wording: wording.wording())
        let words = wording.wording(scenario: scenario.locale)
        let path = lp ?? mps!
        let output = try openOutput(file: path, inputs: InputPaths(folders: [directory]))
        defer { output.abandon() }
        // GLPK writes the staging file; the commit renames it over the target.
        let level = try ModelExport.write(scenario, to: output.stagingPath, format: lp != nil ? .lp : .freeMPS)
        try commit(output)
        if let level { global.note(words("cli.exportPhase", ["level": "\(level)"])) }
        global.note(words("cli.wrote", ["path": path]))
    }
}

extension SolveCommand {
    /// A scenario with `horizon:`: every year planned at once (docs/model.md, "Multi-year plans").
    /// With --previous, a rolling re-plan (Solve+Replan.swift); --top-up and --schools-per-part are
    /// not combined with a horizon this round.
    private func runHorizon(_ scenario: Scenario, options: PlannerOptions, words: Wording, started: DispatchTime,
                            clock: PhaseTimings) throws {
        var clock = clock
        let refused = [("--top-up", topUp != nil), ("--schools-per-part", schoolsPerPart != nil)]
        if let flag = refused.first(where: { $0.1 })?.0 {
            Output.problems("eduplan: \(flag) is not combined with a multi-year scenario (`horizon:`) in this version; "
                            + "solve without it, or solve one year's scenario")
            throw Output.badInput
        }
        let replan = try previous.map { _ in try horizonReplan(scenario, words: words) }
        let outputs = try openOutputs()
        defer { outputs.plan?.abandon(); outputs.timings?.abandon() }
        let result = try replan.map { try HorizonPlanner.replan(scenario, $0, options: options) } ?? HorizonPlanner.solve(scenario, options: options)
        clock.absorb(result.result.timings)
        let report = HorizonReport(result: result, scenario: scenario)
        let summary = try clock.measure("write output") {
            if let plan = outputs.plan {
                try report.write(into: plan)
                try commit(plan)
            }
            switch format {
            case .json: return try report.json().rendered() + "\n"
            case .csv: return String(decoding: try report.files().first { $0.name == "schools.csv" }?.data ?? Data(), as: UTF8.self)
            case .table, .markdown: return report.text(markdown: format == .markdown, wording: words)
            }
        }
        if let output = outputs.timings {
            try commit(Data((try clock.json(wallSeconds: PhaseTimings.seconds(since: started)).rendered() + "\n").utf8), to: output)
        }
        Output.result(summary)
        global.note(Self.doneLine(wallSeconds: PhaseTimings.seconds(since: started), clock: clock, wording: words))
        try Output.finish(with: result.result.status)
    }
}
