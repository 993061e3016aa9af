import EduplanScenario
import Foundation
import LinearProgramming

/// Which money a budget sweep varies.
public enum SweepTarget: Sendable, Equatable, CustomStringConvertible {
    /// One fund, by id.
    case fund(String)
    /// Every fund, by the same multiplier.
    case all
    /// Not money: `robust.gamma` itself takes the step's value (the robustness frontier,
    /// `sweep --robust-gamma FROM..TO`); a scenario without `robust:` gets `robust: {gamma: …}`.
    case robustGamma

    /// `all` or a fund id.
    public init(_ text: String) { self = text == "all" ? .all : .fund(text) }
    public var description: String {
        switch self {
        case .all: return "all"
        case let .fund(id): return id
        case .robustGamma: return "robust.gamma"
        }
    }
}

/// A budget frontier: which fund, over which multipliers, in how many steps.
///
/// Step i (0-based) multiplies the target fund's amount (every fund's, for `all`) by
/// m_i = from + (to − from) · i / (steps − 1) rounded to 12 significant digits, with
/// m_0 = from and m_{steps−1} = to exactly (`steps == 1`: from only). Amounts are those of the scenario as loaded, after `--variant`.
/// A fund's minimum spend stays a fraction of its new amount (lower bound m_f × amount).
///
/// Steps are solved in **blocks** of `block` consecutive steps: a block's first step is solved
/// cold, every later step of the block is re-solved from the previous step's basis. Blocks are
/// the unit of parallelism (threads, shards), and a step's result depends only on the
/// parameters, never on how many threads or shards computed it: the same parameters always
/// give the same bytes.
public struct SweepParameters: Sendable, Equatable {
    public var target: SweepTarget
    public var from: Double
    public var to: Double
    public var steps: Int
    /// Steps per warm-start chain.
    public var block: Int

    /// - Parameter block: steps per warm chain; nil chooses ``defaultBlock(steps:)``.
    public init(target: SweepTarget, from: Double, to: Double, steps: Int, block: Int? = nil) {
        self.target = target
        self.from = from
        self.to = to
        self.steps = steps
        self.block = block ?? Self.defaultBlock(steps: steps)
    }

    /// At least two blocks and at most 20 steps per block, as even as possible: 21 steps are
    /// two blocks of 11 and 10, 400 steps twenty blocks of 20. A chain's cold first step costs
    /// about five warm ones on the demo province (docs/scaling.md), so blocks are long; two of
    /// them keep two threads busy. It depends on `steps` alone, never on threads or shards:
    /// choose `--block` for more parallelism (blocks ≥ shards × jobs).
    public static func defaultBlock(steps: Int) -> Int {
        guard steps > 1 else { return 1 }
        let blocks = max(2, steps / 20 + (steps % 20 == 0 ? 0 : 1))  // ⌈steps/20⌉ without overflow
        return steps / blocks + (steps % blocks == 0 ? 0 : 1)
    }

    /// The multiplier of step `i`, rounded to 12 significant digits so that amounts read as
    /// people expect (0.8 rather than 0.7999999999999999).
    public func multiplier(_ i: Int) -> Double {
        if steps <= 1 || i == 0 { return from }
        if i == steps - 1 { return to }
        let raw = from + (to - from) * Double(i) / Double(steps - 1)
        return Double(String(format: "%.12g", raw)) ?? raw
    }

    /// Number of blocks.
    public var blockCount: Int { steps <= 0 ? 0 : (steps + block - 1) / block }

    /// The steps of block `b`.
    public func steps(inBlock b: Int) -> Range<Int> { (b * block)..<min(steps, (b + 1) * block) }

    /// Checks the parameters against a scenario.
    /// - Throws: ``SweepError`` naming the first problem.
    public func validate(against scenario: Scenario) throws {
        if target == .robustGamma {
            guard from.isFinite, to.isFinite, from >= 0, to <= 1 else {
                throw SweepError.invalid("--robust-gamma FROM..TO: expected 0 ≤ FROM ≤ TO ≤ 1 (found \(from) and \(to))")
            }
        }
        if case let .fund(id) = target, !scenario.funds.contains(where: { $0.id == id }) {
            throw SweepError.unknownFund(id, known: scenario.funds.map(\.id))
        }
        guard from.isFinite, to.isFinite, from >= 0, to >= 0 else {
            throw SweepError.invalid("--from and --to must be multipliers ≥ 0 (found \(from) and \(to))")
        }
        guard steps >= 1, steps <= Self.maxSteps else { throw SweepError.invalid("--steps must be from 1 to 10,000 (found \(steps))") }
        guard block >= 1, block <= Self.maxSteps else { throw SweepError.invalid("--block must be from 1 to 10,000 (found \(block))") }
        // Scaled amounts stay within what a scenario accepts (finite sums, sane GLPK bounds).
        for fund in scenario.funds where target == .all || target == .fund(fund.id) {
            let years = scenario.horizon?.years.count ?? 1
            let largest = (0..<years).map { Horizon.amount(of: fund, yearIndex: $0) }.reduce(fund.amount, max) * max(from, to)
            guard largest <= InputLimits.maxMoney else {
                throw SweepError.invalid("--\(to >= from ? "to" : "from"): expected a multiplier that keeps fund \(fund.id) at most \(InputLimits.maxMoneyText) (its amount \(InputLimits.shown(fund.amount)) × \(InputLimits.shown(max(from, to))) = \(InputLimits.shown(largest))), found \(InputLimits.shown(max(from, to)))")
            }
        }
    }

    /// The most steps (and steps per block) a sweep takes.
    public static let maxSteps = 10_000
}

/// One slice of a sweep for one machine: `i/n` takes blocks i, i + n, i + 2n, … (i in 0..<n).
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw SweepError.invalid("--shard must be i/n with n ≥ 1 and 0 ≤ i < n (found \(index)/\(count))")
        }
        self.index = index
        self.count = count
    }

    /// Reads `i/n`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw SweepError.invalid("--shard must be i/n, two whole numbers such as 0/4 (found \"\(text)\")")
        }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The blocks of this shard, in order (round robin, so that cheap and dear blocks mix).
    public func blocks(of parameters: SweepParameters) -> [Int] {
        Array(stride(from: index, to: parameters.blockCount, by: count))
    }
}

/// A sweep that cannot run as asked.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    case unknownFund(String, known: [String])
    case invalid(String)

    public var description: String {
        switch self {
        case let .unknownFund(id, known):
            return "--fund: expected `all` or a fund id of the scenario (\(known.joined(separator: ", "))), found \"\(id)\""
        case let .invalid(message):
            return message
        }
    }
}

/// One solved step of a sweep.
public struct SweepStep: Sendable {
    public var index: Int
    public var multiplier: Double
    /// The scenario with this step's fund amounts.
    public var scenario: Scenario
    public var result: PlanResult
    /// Whether the step was re-solved from the previous step's basis (false: solved cold).
    public var warm: Bool
    /// The step's multi-year plan (nil: a one-year scenario); ``result`` is then its summary.
    public var horizon: HorizonPlanResult? = nil
}

/// How a sweep runs.
public struct SweepOptions: Sendable {
    /// Threads, each solving whole blocks with its own solver sessions.
    public var jobs = 1
    /// Only this shard's blocks (nil: every block).
    public var shard: SweepShard?
    /// Re-solve from the previous step's basis within a block (false: every step cold; for
    /// measurement).
    public var warmStart = true
    /// Verbosity, logger, diagnosis, MIP progress and the solver; the price of fairness and
    /// re-planning are never run per step.
    public var planner = PlannerOptions()
    /// Called with (step, phase) as each phase of each step starts, from the solving thread.
    public var phase: (@Sendable (Int, String) -> Void)?
    /// Branch-and-bound progress of a step, from the solving thread.
    public var progress: (@Sendable (Int, MIPProgress) -> Void)?
    /// Called after each step (and its row) is done, from the solving thread.
    public var stepFinished: (@Sendable (SweepStep) -> Void)?
    public init() {}
}

/// Budget frontiers: the same scenario solved over a range of fund amounts, warm-started.
public enum Sweep {
    /// The scenario of step `i`: the target fund(s) scaled by the step's multiplier.
    public static func scenario(_ base: Scenario, _ parameters: SweepParameters, step i: Int) -> Scenario {
        var scenario = base
        let m = parameters.multiplier(i)
        for f in scenario.funds.indices {
            switch parameters.target {
            case .all: scale(&scenario.funds[f], base.funds[f], by: m)
            case let .fund(id) where scenario.funds[f].id == id: scale(&scenario.funds[f], base.funds[f], by: m)
            case .fund: break
            case .robustGamma: break
            }
        }
        if parameters.target == .robustGamma {
            scenario.robust = scenario.robust ?? RobustSettings(gamma: m)
            scenario.robust?.gamma = m
        }
        return scenario
    }

    /// A swept fund at multiplier `m`: its amount and, over a horizon, every year's amount of its
    /// list (a grown amount follows from the scaled first one).
    private static func scale(_ fund: inout FundSource, _ base: FundSource, by m: Double) {
        fund.amount = base.amount * m
        fund.amounts = base.amounts?.map { $0 * m }
    }

    /// Solves the sweep's steps (this shard's, when `options.shard` is set) and turns each into
    /// a row on the thread that solved it, so plans need not be kept.
    ///
    /// Each thread takes whole blocks. Every step runs the solve pipeline without the price of
    /// fairness and without re-planning, at one money scale for the whole sweep; within a block
    /// the pipeline keeps its solver sessions from step to step, so each phase's model (the plan,
    /// and F2's phase 1, whose t* depends on money) only has its changed bounds sent and is
    /// re-solved from the previous step's basis.
    /// - Returns: (step, row) for every step solved, ordered by step.
    /// - Throws: ``SweepError`` for bad parameters; what the solver throws (a fault inside it);
    ///   or what `row` throws.
    public static func run<Row: Sendable>(_ scenario: Scenario, parameters: SweepParameters,
                                          options: SweepOptions = SweepOptions(),
                                          row: @escaping @Sendable (SweepStep) throws -> Row) throws -> [(step: Int, row: Row)] {
        try parameters.validate(against: scenario)
        let derived = DerivedQuantities(scenario)
        // One money scale for every step and block, so that every chain solves the same models.
        let moneyScale = Formulation.automaticMoneyScale(scenario, derived: derived)
        let blocks = options.shard?.blocks(of: parameters) ?? Array(0..<parameters.blockCount)
        var options = options
        if parameters.target == .robustGamma { options.planner.nominalBenefit = try nominalBenefit(scenario, derived, moneyScale, options) }
        let rows = try Workers.map(blocks.count, jobs: options.jobs) { [options] position -> [(step: Int, row: Row)] in
            let warmStarts = options.warmStart ? WarmStarts(solver: options.planner.solver) : nil
            defer { warmStarts?.close() }
            let horizonChain = options.warmStart ? HorizonStepChain() : nil
            var rows: [(step: Int, row: Row)] = []
            for i in parameters.steps(inBlock: blocks[position]) {
                let stepScenario = Self.scenario(scenario, parameters, step: i)
                if stepScenario.plansSeveralYears {
                    let step = try horizonStep(stepScenario, index: i, multiplier: parameters.multiplier(i), options: options,
                                               chain: horizonChain)
                    rows.append((i, try row(step)))
                    options.stepFinished?(step)
                    continue
                }
                let pipeline = SolvePipeline(scenario: stepScenario, derived: derived, options: stepOptions(options, step: i),
                                             moneyScale: moneyScale, warmStarts: warmStarts)
                let run = try pipeline.run()
                let step = SweepStep(index: i, multiplier: parameters.multiplier(i), scenario: stepScenario,
                                     result: run.result, warm: run.planSolvedWarm)
                rows.append((i, try row(step)))
                options.stepFinished?(step)
            }
            return rows
        }
        return rows.joined().sorted { $0.step < $1.step }
    }

    /// U of the scenario without `robust:` (the same at every step of a γ sweep), solved once through
    /// the pipeline (the plan alone); nil when it has no plan.
    static func nominalBenefit(_ scenario: Scenario, _ derived: DerivedQuantities, _ moneyScale: Double,
                               _ options: SweepOptions) throws -> Double? {
        var nominal = scenario
        nominal.robust = nil
        var inner = options.planner.forInnerSolve
        inner.diagnose = false
        return try SolvePipeline(scenario: nominal, derived: derived, options: inner, moneyScale: moneyScale).run().result.benefit
    }

    /// The planner's options for step `i`: no price of fairness, no top-up in a diagnosis, no
    /// re-planning; its phases and branch-and-bound progress reported with the step.
    static func stepOptions(_ options: SweepOptions, step i: Int) -> PlannerOptions {
        var planner = options.planner
        planner.priceOfFairness = false
        planner.topUpInDiagnosis = false  // a step reports the diagnosis total only
        planner.stability = nil
        if let phase = options.phase { planner.phase = { phase(i, $0) } }
        if let progress = options.progress {
            let inner = options.planner.progress
            planner.progress = { snapshot in
                progress(i, snapshot)
                return inner?(snapshot) ?? .proceed
            }
        }
        return planner
    }
}
