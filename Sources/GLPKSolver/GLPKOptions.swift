import Dispatch
import LinearProgramming

/// How GLPK should solve a model.
public struct GLPKOptions: Sendable {
    /// The LP algorithm (a MIP always uses branch and bound over simplex).
    public enum Method: String, Sendable, CaseIterable {
        /// Primal simplex.
        case primalSimplex
        /// Dual simplex, falling back to primal when dual feasibility is lost.
        case dualSimplex
        /// GLPK's primal–dual interior point (no basis: no ranging, no warm start).
        case interiorPoint
    }

    public var method: Method = .dualSimplex
    /// The long-step ("flip-flop") ratio test instead of Harris's: the dual simplex's (GLPK 5.0's
    /// primal uses it in its phase 1 only). Planning models are mostly boxed columns
    /// (0 ≤ x ≤ need) that end at a bound, and the long step moves many of them per iteration:
    /// measured on a 15,000-school province (22k rows, 91k columns), the LP relaxation took 8.7 s
    /// with it against 31.5 s without.
    public var longStepRatioTest: Bool = true
    /// Use GLPK's LP/MIP presolver. An infeasible verdict reached with it is re-checked without it.
    public var presolve: Bool = true
    /// Presolve a MIP's LP relaxation (nil: automatically, when the model has at least
    /// ``relaxationPresolveRows`` rows). Ignored when ``presolve`` is false.
    public var relaxationPresolve: Bool?
    /// The size from which the automatic choice presolves the relaxation.
    public static let relaxationPresolveRows = 20_000
    /// Scale the matrix (`glp_scale_prob` with `GLP_SF_AUTO`) before solving.
    public var scaling: Bool = true
    /// Use GLPK's MIP heuristics (feasibility pump, proximity search off by default: slow).
    public var feasibilityPump: Bool = false
    /// Mixed-integer rounding and other cuts.
    public var cuts: Bool = false
    /// The settings every backend understands: limits, gap, MIP duals, output, progress.
    public var parameters = SolverParameters()

    public init() {}

    /// GLPK's defaults with the given solver-neutral settings.
    public init(_ parameters: SolverParameters) {
        self.parameters = parameters
    }

    /// Wall-clock limit in seconds (nil: none).
    public var timeLimit: Double? {
        get { parameters.timeLimit }
        set { parameters.timeLimit = newValue }
    }
    /// ``timeLimit`` as GLPK's `tm_lim`: whole milliseconds rounded up, saturating at `Int32.max`
    /// (about 24.8 days) instead of trapping on 1e308 or 2⁶³; a limit ≤ 0 gives 0 (stop at once),
    /// NaN none (nil).
    public var timeLimitMilliseconds: Int32? {
        guard let timeLimit, !timeLimit.isNaN else { return nil }
        let milliseconds = (timeLimit * 1000).rounded(.up)
        guard milliseconds > 0 else { return 0 }
        return milliseconds < Double(Int32.max) ? Int32(milliseconds) : Int32.max
    }
    /// Relative MIP gap at which branch and bound may stop (nil: GLPK's default, 0), measured
    /// without the objective constant: |incumbent − bound| / |incumbent − constant|.
    public var relativeGap: Double? {
        get { parameters.relativeGap }
        set { parameters.relativeGap = newValue }
    }
    /// These options with ``timeLimit`` lowered by the time elapsed since `started` (at least 1 ms
    /// left, so that a limit never becomes none).
    func remainingTime(since started: DispatchTime) -> GLPKOptions {
        guard let limit = timeLimit else { return self }
        var remaining = self
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        remaining.timeLimit = max(0.001, limit - elapsed)
        return remaining
    }
    /// Simplex iteration limit (nil: none).
    public var iterationLimit: Int? {
        get { parameters.iterationLimit }
        set { parameters.iterationLimit = newValue }
    }
    /// For a MIP, also compute duals by fixing the integers and re-solving the LP.
    public var mipDuals: Bool {
        get { parameters.mipDuals }
        set { parameters.mipDuals = newValue }
    }
    /// Send GLPK's own output to ``SolverParameters/log`` (by default a logger at debug level).
    public var verbose: Bool {
        get { parameters.verbose }
        set { parameters.verbose = newValue }
    }
    /// Called during branch and bound on every new incumbent and periodically; return
    /// ``MIPDecision/stop`` to end the search (status ``TerminationStatus/interrupted``).
    public var progress: (@Sendable (MIPProgress) -> MIPDecision)? {
        get { parameters.progress }
        set { parameters.progress = newValue }
    }
}
