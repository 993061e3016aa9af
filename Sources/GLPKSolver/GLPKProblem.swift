import _CGLPK
import Foundation
import LinearProgramming
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One GLPK problem object, confined to the thread that created it.
///
/// GLPK 5.0 keeps its environment in thread-local storage: a problem must be used and freed
/// on its creating thread. Every method checks that and throws ``GLPKError/wrongThread(operation:)``
/// instead of corrupting memory. Free it with ``close()``; `deinit` frees it only when it runs
/// on the creating thread (otherwise the memory is left to the thread's environment, never
/// freed from the wrong thread).
///
/// Keep a problem to warm-start: edit bounds, right-hand sides or objective coefficients and
/// call ``solve(options:)`` again; the simplex starts from the previous basis.
public final class GLPKProblem {
    private var handle: OpaquePointer?
    private let thread: pthread_t
    private let generation: UInt
    /// Column kinds as loaded (MIP or LP).
    public private(set) var columnKinds: [VariableKind]
    /// Objective constant as loaded. GLPK itself sees a constant of 0 and every objective value
    /// read back has this added: GLPK's relative MIP gap, |incumbent − bound| / |incumbent|, then
    /// measures the part of the objective the solve can change, not an arbitrary offset (the
    /// planner's objective carries Σ π ω N, which would loosen the gap by its size).
    public let objectiveConstant: Double
    /// Variables and constraints.
    public let variableCount: Int
    public let constraintCount: Int
    private var hasBasis = false
    /// Whether GLPK's scale factors are set. A re-solve keeps them: scaling again costs passes over
    /// the whole matrix and a refactorisation (about half of each claim's re-solve at 50,000 schools), and
    /// the factors of the first solve still suit a matrix whose rows were edited (GLPK scales the
    /// new coefficients with them).
    private var scaled = false
    /// Whether the current basis was given by the caller (``SolverParameters/startingBasis``)
    /// and not yet used by a simplex run.
    private var startedFromGivenBasis = false

    /// Validates `model` and loads it into a new GLPK problem on the calling thread.
    /// - Throws: ``GLPKError/invalidModel(_:)`` listing every defect; GLPK never sees an invalid model.
    /// - Complexity: O(variables + constraints + nonzeros).
    public init(model: Model) throws {
        let errors = model.validate()
        guard errors.isEmpty else { throw GLPKError.invalidModel(errors) }
        thread = pthread_self()
        generation = eduplan_glpk_environment_generation()
        columnKinds = model.columnKind
        objectiveConstant = model.objectiveConstant
        variableCount = model.variableCount
        constraintCount = model.constraintCount
        guard let P = eduplan_glpk_create() else {
            throw GLPKError.fault(operation: "glp_create_prob", message: String(cString: eduplan_glpk_last_fault()))
        }
        handle = P
        try Self.load(model, into: P)
    }

    private init(handle P: OpaquePointer) {
        handle = P
        thread = pthread_self()
        generation = eduplan_glpk_environment_generation()
        let n = Int(glp_get_num_cols(P))
        variableCount = n
        constraintCount = Int(glp_get_num_rows(P))
        columnKinds = (0..<n).map { j in
            switch glp_get_col_kind(P, Int32(j + 1)) {
            case GLP_IV: return .integer
            case GLP_BV: return .binary
            default: return .continuous
            }
        }
        objectiveConstant = glp_get_obj_coef(P, 0)
        glp_set_obj_coef(P, 0, 0) // index 0 is always valid
    }

    deinit {
        if let P = handle, pthread_equal(thread, pthread_self()) != 0,
           generation == eduplan_glpk_environment_generation() {
            _ = eduplan_glpk_delete(P)
        }
    }

    /// Frees the GLPK problem now. Idempotent.
    public func close() throws {
        guard handle != nil else { return }
        let P = try usable("close")
        handle = nil
        if eduplan_glpk_delete(P) != EDUPLAN_GLPK_OK { throw fault("glp_delete_prob") }
    }

    /// The handle, after checking thread and liveness.
    private func usable(_ operation: String) throws -> OpaquePointer {
        guard pthread_equal(thread, pthread_self()) != 0 else { throw GLPKError.wrongThread(operation: operation) }
        guard let P = handle, generation == eduplan_glpk_environment_generation() else {
            handle = nil
            throw GLPKError.released(operation: operation)
        }
        return P
    }

    private func fault(_ operation: String) -> GLPKError {
        handle = nil
        return GLPKError.fault(operation: operation, message: String(cString: eduplan_glpk_last_fault()))
    }

    // MARK: Loading

    static func boundType(lower: Double, upper: Double) -> Int32 {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return GLP_FR
        case (true, false): return GLP_LO
        case (false, true): return GLP_UP
        case (true, true): return lower == upper ? GLP_FX : GLP_DB
        }
    }

    private static func load(_ model: Model, into P: OpaquePointer) throws {
        let n = model.variableCount, m = model.constraintCount, nz = model.nonzeroCount
        let columnType = (0..<n).map { boundType(lower: model.columnLower[$0], upper: model.columnUpper[$0]) }
        let columnKind: [Int32] = model.columnKind.map {
            switch $0 {
            case .continuous: return GLP_CV
            case .integer: return GLP_IV
            case .binary: return GLP_BV
            }
        }
        let rowType = (0..<m).map { boundType(lower: model.rowLower[$0], upper: model.rowUpper[$0]) }
        // GLPK's matrix arrays are 1-based.
        var ia = [Int32](repeating: 0, count: nz + 1)
        var ja = [Int32](repeating: 0, count: nz + 1)
        var ar = [Double](repeating: 0, count: nz + 1)
        model.entryValue.withUnsafeBufferPointer { values in
            model.entryColumn.withUnsafeBufferPointer { columns in
                for i in 0..<m {
                    let row = Int32(i + 1)
                    for k in model.rowStart[i]..<model.rowStart[i + 1] {
                        ia[k + 1] = row
                        ja[k + 1] = columns[k] + 1
                        ar[k + 1] = values[k]
                    }
                }
            }
        }
        let names = nameBlock(model)
        let lowerFinite = { (x: Double) in x.isFinite ? x : 0 }
        let columnLower = model.columnLower.map(lowerFinite)
        let columnUpper = model.columnUpper.map(lowerFinite)
        let rowLower = model.rowLower.map(lowerFinite)
        let rowUpper = model.rowUpper.map(lowerFinite)
        let status: Int32 = model.objective.withUnsafeBufferPointer { objective in
            withUnsafePointers(columnKind, columnType, rowType) { kindPtr, typePtr, rowTypePtr in
                withUnsafeDoubles(columnLower, columnUpper, rowLower, rowUpper) { cl, cu, rl, ru in
                    ia.withUnsafeBufferPointer { iaPtr in
                        ja.withUnsafeBufferPointer { jaPtr in
                            ar.withUnsafeBufferPointer { arPtr in
                                withOptionalCString(names) { namesPtr in
                                    var description = eduplan_glpk_model(
                                        rows: Int32(m), columns: Int32(n),
                                        minimize: model.sense == .minimize ? 1 : 0,
                                        objective_constant: 0,
                                        objective: objective.baseAddress,
                                        column_kind: kindPtr, column_type: typePtr,
                                        column_lower: cl, column_upper: cu,
                                        row_type: rowTypePtr, row_lower: rl, row_upper: ru,
                                        nonzeros: Int32(nz),
                                        ia: iaPtr.baseAddress, ja: jaPtr.baseAddress, ar: arPtr.baseAddress,
                                        names: namesPtr)
                                    return eduplan_glpk_load(P, &description)
                                }
                            }
                        }
                    }
                }
            }
        }
        if status != EDUPLAN_GLPK_OK {
            throw GLPKError.fault(operation: "loading the model", message: String(cString: eduplan_glpk_last_fault()))
        }
    }

    /// Names as one NUL-separated block (problem, rows, columns), or nil when none is set.
    private static func nameBlock(_ model: Model) -> [CChar]? {
        let anyName = !model.name.isEmpty || model.rowNames.contains { !$0.isEmpty } || model.columnNames.contains { !$0.isEmpty }
        guard anyName else { return nil }
        var block: [CChar] = []
        block.reserveCapacity((model.rowNames.count + model.columnNames.count) * 16)
        func append(_ s: String) {
            for byte in s.utf8 { block.append(CChar(bitPattern: byte == 0 ? 0x20 : byte)) }
            block.append(0)
        }
        append(model.name)
        for name in model.rowNames { append(name) }
        for name in model.columnNames { append(name) }
        return block
    }

    // MARK: Solving

    /// Solves the loaded problem: simplex or interior point for an LP, branch and bound for a MIP.
    ///
    /// An infeasible or unbounded verdict reached with the presolver is re-checked without it
    /// (GLPK's presolver has been seen to call a feasible model with tiny coefficients infeasible).
    /// A MIP stopped by a time or gap limit is never reported optimal.
    public func solve(options: GLPKOptions = GLPKOptions()) throws -> Solution {
        let P = try usable("solve")
        let output = OutputRoute(options: options)
        defer { output.detach() }
        let started = DispatchTime.now()
        if options.scaling && !scaled {
            guard eduplan_glpk_scale(P, Int32(GLP_SF_AUTO)) == EDUPLAN_GLPK_OK else { throw fault("glp_scale_prob") }
            scaled = true
        }
        if let basis = options.parameters.startingBasis { start(P, from: basis) }
        let iterationsBefore = glp_get_it_cnt(P)
        var solution: Solution
        if columnKinds.contains(where: { $0 != .continuous }) {
            solution = try solveMIP(P, options: options)
        } else if options.method == .interiorPoint {
            solution = try solveInterior(P, options: options)
        } else {
            solution = try solveSimplex(P, options: options, presolve: options.presolve && !hasBasis)
            if solution.status.isOptimal { solution.ranging = try rowRanging(P, options.parameters.rangingRows, solution) }
        }
        solution.solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        solution.simplexIterations = Int(glp_get_it_cnt(P) - iterationsBefore)
        return solution
    }

    private func simplexParameters(_ options: GLPKOptions, presolve: Bool) -> glp_smcp {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_ERR
        let primalStart = startedFromGivenBasis && options.parameters.startingBasisIsPrimalFeasible
        parm.meth = options.method == .primalSimplex || primalStart ? GLP_PRIMAL : GLP_DUALP
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        // The long-step ratio test flips boxed columns between their bounds many at a time: in
        // the dual simplex throughout, in GLPK 5.0's primal only in phase 1 (spxprim.c).
        parm.r_test = options.longStepRatioTest ? GLP_RT_FLIP : GLP_RT_HAR
        if let limit = options.timeLimitMilliseconds { parm.tm_lim = limit }
        if let limit = options.iterationLimit { parm.it_lim = Int32(clamping: limit) }
        return parm
    }

    private func runSimplex(_ P: OpaquePointer, _ parm: glp_smcp) throws -> Int32 {
        var parm = parm
        var code: Int32 = 0
        guard eduplan_glpk_simplex(P, &parm, &code) == EDUPLAN_GLPK_OK else { throw fault("glp_simplex") }
        return code
    }

    private func solveSimplex(_ P: OpaquePointer, options: GLPKOptions, presolve: Bool) throws -> Solution {
        var code = try runSimplex(P, simplexParameters(options, presolve: presolve))
        if startedFromGivenBasis && (code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND) {
            // A given starting basis GLPK cannot factorise: the standard one instead.
            glp_std_basis(P)
            startedFromGivenBasis = false
            code = try runSimplex(P, simplexParameters(options, presolve: presolve))
        }
        startedFromGivenBasis = false
        if presolve && (code == GLP_ENOPFS || code == GLP_ENODFS) {
            // Re-check without the presolver: it gives a definite status and a basis.
            code = try runSimplex(P, simplexParameters(options, presolve: false))
        }
        if code == 0 && glp_get_dual_stat(P) == GLP_NOFEAS
            && glp_get_status(P) != GLP_NOFEAS && glp_get_status(P) != GLP_UNBND {
            // The dual simplex proved dual infeasibility: the primal is unbounded or
            // infeasible. The primal simplex, from this basis, tells which.
            var parm = simplexParameters(options, presolve: false)
            parm.meth = GLP_PRIMAL
            code = try runSimplex(P, parm)
        }
        let status = GLPKStatus.simplex(code: code, problem: P)
        hasBasis = glp_get_status(P) != GLP_UNDEF
        return extractBasic(P, status: status)
    }

    private func solveInterior(_ P: OpaquePointer, options: GLPKOptions) throws -> Solution {
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_ERR
        var code: Int32 = 0
        guard eduplan_glpk_interior(P, &parm, &code) == EDUPLAN_GLPK_OK else { throw fault("glp_interior") }
        let status = GLPKStatus.interior(code: code, problem: P)
        if status.termination == .infeasibleOrUnbounded || code == GLP_EFAIL && constraintCount > 0 {
            // The interior-point method cannot prove infeasibility: let the simplex decide.
            return try solveSimplex(P, options: options, presolve: false)
        }
        let n = variableCount, m = constraintCount
        guard status.primal == .feasiblePoint else { return Solution(status: status) }
        let values = (0..<n).map { glp_ipt_col_prim(P, Int32($0 + 1)) }
        let activities = (0..<m).map { glp_ipt_row_prim(P, Int32($0 + 1)) }
        let duals = (0..<m).map { glp_ipt_row_dual(P, Int32($0 + 1)) }
        let reduced = (0..<n).map { glp_ipt_col_dual(P, Int32($0 + 1)) }
        return Solution(status: status, objectiveValue: glp_ipt_obj_val(P) + objectiveConstant, values: values,
                        rowActivities: activities, rowDuals: duals, reducedCosts: reduced)
    }

    /// Reads the basic solution (values, activities, duals, reduced costs) and checks degeneracy.
    private func extractBasic(_ P: OpaquePointer, status: SolveStatus) -> Solution {
        guard status.primal == .feasiblePoint || status.primal == .infeasiblePoint else { return Solution(status: status) }
        let columns = Self.basicValues(P, count: variableCount, of: .columns)
        let rows = Self.basicValues(P, count: constraintCount, of: .rows)
        let dualsValid = status.dual == .feasiblePoint
        let objective = glp_get_obj_val(P) + objectiveConstant
        var solution = Solution(status: status, objectiveValue: objective, bestBound: status.isOptimal ? objective : nil,
                                relativeGap: status.isOptimal ? 0 : nil, values: columns.primal, rowActivities: rows.primal,
                                rowDuals: dualsValid ? rows.dual : nil, reducedCosts: dualsValid ? columns.dual : nil,
                                degenerateBasis: columns.degenerate || rows.degenerate)
        solution.basis = currentBasis(P)
        return solution
    }

    /// GLPK's accessors of one kind of object: the columns (variables) or the rows (constraints).
    private struct Accessors: Sendable {
        let primal: @Sendable (OpaquePointer?, Int32) -> Double
        let dual: @Sendable (OpaquePointer?, Int32) -> Double
        let status: @Sendable (OpaquePointer?, Int32) -> Int32
        let lower: @Sendable (OpaquePointer?, Int32) -> Double
        let upper: @Sendable (OpaquePointer?, Int32) -> Double
        let type: @Sendable (OpaquePointer?, Int32) -> Int32

        static let columns = Accessors(primal: glp_get_col_prim, dual: glp_get_col_dual, status: glp_get_col_stat,
                                       lower: glp_get_col_lb, upper: glp_get_col_ub, type: glp_get_col_type)
        static let rows = Accessors(primal: glp_get_row_prim, dual: glp_get_row_dual, status: glp_get_row_stat,
                                    lower: glp_get_row_lb, upper: glp_get_row_ub, type: glp_get_row_type)
    }

    /// The basic solution's values and duals of the columns or of the rows, and whether a basic one
    /// sits at a bound (a degenerate basis).
    private static func basicValues(_ P: OpaquePointer, count: Int, of kind: Accessors)
        -> (primal: [Double], dual: [Double], degenerate: Bool) {
        var primal = [Double](repeating: 0, count: count)
        var dual = [Double](repeating: 0, count: count)
        var degenerate = false
        for index in 0..<count {
            let k = Int32(index + 1)
            primal[index] = kind.primal(P, k)
            dual[index] = kind.dual(P, k)
            if kind.status(P, k) == GLP_BS, atBound(primal[index], kind.lower(P, k), kind.upper(P, k), kind.type(P, k)) {
                degenerate = true
            }
        }
        return (primal, dual, degenerate)
    }

    private static func atBound(_ value: Double, _ lower: Double, _ upper: Double, _ type: Int32) -> Bool {
        let tolerance = 1e-9
        switch type {
        case GLP_LO: return abs(value - lower) <= tolerance * max(1, abs(lower))
        case GLP_UP: return abs(value - upper) <= tolerance * max(1, abs(upper))
        case GLP_DB: return abs(value - lower) <= tolerance * max(1, abs(lower)) || abs(value - upper) <= tolerance * max(1, abs(upper))
        case GLP_FX: return true
        default: return false
        }
    }

    private func solveMIP(_ P: OpaquePointer, options: GLPKOptions) throws -> Solution {
        let started = DispatchTime.now()
        let tracker = MIPTracker(handler: options.progress, constant: objectiveConstant)
        // 1. The LP relaxation by the simplex (an infeasible presolver verdict is re-checked
        //    inside). It leaves an optimal basis on the problem, which branch and bound and the
        //    fixed-integer dual re-solve both start from.
        //    GLPK's LP presolver pays for itself on large models and not on small ones (measured:
        //    a 15,000-school province, 106k rows, 17 s with it against 200 s without; the demo
        //    province, 7k rows, 6.8 s with it against 2.5 s without), hence the automatic choice.
        let presolveRelaxation = options.presolve && !hasBasis
            && (options.relaxationPresolve ?? (constraintCount >= GLPKOptions.relaxationPresolveRows))
        let relaxation = try solveSimplex(P, options: options, presolve: presolveRelaxation)
        guard relaxation.status.isOptimal else {
            var status = relaxation.status
            if status.termination == .unbounded { status.termination = .infeasibleOrUnbounded }
            status.primal = .noSolution
            status.dual = .unknown
            status.message = "LP relaxation: " + status.message
            return Solution(status: status)
        }
        let basis = saveBasis(P)
        // 2. An integral relaxation is the MIP optimum (transportation-like dispatch often is).
        if columnKinds.indices.allSatisfy({ columnKinds[$0] == .continuous
                || abs(relaxation.values[$0] - relaxation.values[$0].rounded()) <= 1e-9 }) {
            var solution = relaxation
            for j in columnKinds.indices where columnKinds[j] != .continuous { solution.values[j] = solution.values[j].rounded() }
            solution.status = SolveStatus(termination: .optimal, primal: .feasiblePoint,
                                          dual: options.mipDuals ? .feasiblePoint : .unknown, rawCode: 0,
                                          message: "the LP relaxation is integral, so it is the integer optimum")
            solution.bestBound = relaxation.objectiveValue
            solution.relativeGap = 0
            if options.mipDuals && !options.parameters.rangingRows.isEmpty {
                // Ranging of the LP with the integers fixed, as for any other MIP.
                solution.ranging = try fixedIntegerDuals(P, values: solution.values, options: options)?.ranging ?? [:]
                restoreBasis(P, basis)
            }
            if !options.mipDuals {
                solution.rowDuals = nil
                solution.reducedCosts = nil
            }
            return solution
        }
        // 3. The primal heuristic's point, when asked for, as the first incumbent; then branch and
        //    bound from the relaxation's basis, in the time that is left.
        var remaining = options
        let heuristicPoint = try heuristicStart(P, relaxation, basis, options: remaining.remainingTime(since: started))
        if let heuristicPoint { remaining.parameters.integerStart = heuristicPoint }
        remaining = remaining.remainingTime(since: started)
        let code = try runIntopt(P, options: remaining, presolve: false, tracker: tracker)
        let status = GLPKStatus.mip(code: code, problem: P)
        guard status.primal == .feasiblePoint else { return Solution(status: status, bestBound: tracker.bound) }
        let n = variableCount, m = constraintCount
        var values = (0..<n).map { glp_mip_col_val(P, Int32($0 + 1)) }
        // Integer columns come back as exact integers from GLPK; make sure of it.
        for j in 0..<n where columnKinds[j] != .continuous { values[j] = values[j].rounded() }
        let start = remaining.parameters.integerStart
        let startKept = start?.count == n && (0..<n).allSatisfy { columnKinds[$0] == .continuous || values[$0] == start![$0].rounded() }
        let activities = (0..<m).map { glp_mip_row_val(P, Int32($0 + 1)) }
        let objective = glp_mip_obj_val(P) + objectiveConstant
        let bound = status.termination == .optimal ? objective : (tracker.bound ?? objective)
        let gap = abs(objective - bound) / (abs(objective - objectiveConstant) + 1e-10)
        var solution = Solution(status: status, objectiveValue: objective, bestBound: bound, relativeGap: gap,
                                values: values, rowActivities: activities)
        solution.startKept = startKept
        solution.startFromHeuristic = heuristicPoint != nil
        solution.basis = relaxation.basis
        if options.mipDuals {
            restoreBasis(P, basis)
            let fixed = try fixedIntegerDuals(P, values: values, options: options)
            solution.rowDuals = fixed?.rowDuals
            solution.reducedCosts = fixed?.reducedCosts
            solution.degenerateBasis = fixed?.degenerateBasis ?? false
            solution.ranging = fixed?.ranging ?? [:]
            solution.status.dual = fixed == nil ? .unknown : .feasiblePoint
        }
        return solution
    }

    /// Sets the caller's starting basis when it fits the problem (a status per row and column,
    /// one basic entry per row); GLPK puts a non-basic status that does not suit a bound type
    /// right (at the lower bound of a free column: free). The presolver is off from then on.
    private func start(_ P: OpaquePointer, from basis: Basis) {
        guard basis.rows.count == constraintCount, basis.columns.count == variableCount,
              basis.basicCount == constraintCount else { return }
        func code(_ status: Basis.Status) -> Int32 {
            switch status {
            case .basic: GLP_BS
            case .atLower: GLP_NL
            case .atUpper: GLP_NU
            case .free: GLP_NF
            case .fixed: GLP_NS
            }
        }
        for (i, status) in basis.rows.enumerated() { glp_set_row_stat(P, Int32(i + 1), code(status)) }
        for (j, status) in basis.columns.enumerated() { glp_set_col_stat(P, Int32(j + 1), code(status)) }
        hasBasis = true
        startedFromGivenBasis = true
    }

    /// The current basis as a ``Basis``.
    private func currentBasis(_ P: OpaquePointer) -> Basis {
        func status(_ code: Int32) -> Basis.Status {
            switch code {
            case GLP_BS: .basic
            case GLP_NU: .atUpper
            case GLP_NF: .free
            case GLP_NS: .fixed
            default: .atLower
            }
        }
        return Basis(rows: (0..<constraintCount).map { status(glp_get_row_stat(P, Int32($0 + 1))) },
                     columns: (0..<variableCount).map { status(glp_get_col_stat(P, Int32($0 + 1))) })
    }

    /// The statuses of every row and column (GLP_BS, GLP_NL, …).
    private func saveBasis(_ P: OpaquePointer) -> (rows: [Int32], columns: [Int32]) {
        ((0..<constraintCount).map { glp_get_row_stat(P, Int32($0 + 1)) },
         (0..<variableCount).map { glp_get_col_stat(P, Int32($0 + 1)) })
    }

    /// Puts a saved basis back (valid statuses for the same problem; GLPK refactorises it).
    private func restoreBasis(_ P: OpaquePointer, _ basis: (rows: [Int32], columns: [Int32])) {
        for (i, stat) in basis.rows.enumerated() { glp_set_row_stat(P, Int32(i + 1), stat) }
        for (j, stat) in basis.columns.enumerated() { glp_set_col_stat(P, Int32(j + 1), stat) }
    }

    private func runIntopt(_ P: OpaquePointer, options: GLPKOptions, presolve: Bool, tracker: MIPTracker) throws -> Int32 {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_ERR
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.br_tech = GLP_BR_DTH
        parm.bt_tech = GLP_BT_BLB
        if let limit = options.timeLimitMilliseconds { parm.tm_lim = limit }
        if let gap = options.relativeGap { parm.mip_gap = gap }
        if options.feasibilityPump { parm.fp_heur = GLP_ON }
        if options.cuts { parm.mir_cuts = GLP_ON; parm.gmi_cuts = GLP_ON; parm.cov_cuts = GLP_ON; parm.clq_cuts = GLP_ON }
        var code: Int32 = 0
        let context = Unmanaged.passUnretained(tracker).toOpaque()
        let callback: eduplan_glpk_mip_callback = { context, progress in
            guard let context, let progress else { return 0 }
            let tracker = Unmanaged<MIPTracker>.fromOpaque(context).takeUnretainedValue()
            return tracker.observe(progress.pointee) ? 1 : 0
        }
        // A known integer point, 1-based for GLPK, offered as the first incumbent. GLPK rejects an
        // integer column's value that is not exactly whole, and an LP's values come back unscaled
        // (2.0000000000000004): integer columns are rounded first.
        let start = options.parameters.integerStart.flatMap { values -> [Double]? in
            guard values.count == variableCount else { return nil }
            return [0] + values.indices.map { columnKinds[$0] == .continuous ? values[$0] : values[$0].rounded() }
        }
        let result = withExtendedLifetime(tracker) {
            start.map { start in start.withUnsafeBufferPointer { eduplan_glpk_intopt(P, &parm, callback, context, $0.baseAddress, &code) } }
                ?? eduplan_glpk_intopt(P, &parm, callback, context, nil, &code)
        }
        guard result == EDUPLAN_GLPK_OK else { throw fault("glp_intopt") }
        return code
    }

    /// The point of ``SolverParameters/primalHeuristic`` (nil: none asked for, an integer start
    /// already given, or the heuristic found none). Its LPs are solved on this problem with the
    /// integers fixed, from the relaxation's basis; the relaxation's optimal basis is restored
    /// after, as branch and bound needs it.
    private func heuristicStart(_ P: OpaquePointer, _ relaxation: Solution, _ basis: (rows: [Int32], columns: [Int32]),
                                options: GLPKOptions) throws -> [Double]? {
        guard let heuristic = options.parameters.primalHeuristic, options.parameters.integerStart == nil else { return nil }
        var lpOptions = options
        lpOptions.parameters.rangingRows = []
        let point = try heuristic.run(relaxation) { point in
            guard point.count == self.variableCount else {
                throw GLPKError.indexOutOfRange(what: "column of the heuristic's point", index: point.count, count: self.variableCount)
            }
            return try self.solveWithIntegersFixed(P, values: point, options: lpOptions)
        }
        restoreBasis(P, basis)
        var restore = options
        restore.timeLimit = nil
        guard try solveSimplex(P, options: restore, presolve: false).status.isOptimal else {
            throw GLPKError.fault(operation: "glp_simplex", message: "the LP relaxation's basis did not come back optimal")
        }
        return point.flatMap { $0.count == variableCount ? $0 : nil }
    }

    /// Duals of the LP obtained by fixing every integer column at its value (bounds restored after).
    private func fixedIntegerDuals(_ P: OpaquePointer, values: [Double], options: GLPKOptions) throws -> Solution? {
        var lpOptions = options
        lpOptions.timeLimit = nil
        let lp = try solveWithIntegersFixed(P, values: values, options: lpOptions)
        return lp.status.isOptimal ? lp : nil
    }

    /// The LP with every integer column fixed at its value in `values`, from the current basis,
    /// ranged (``SolverParameters/rangingRows``) on its basis before the integer bounds come back.
    private func solveWithIntegersFixed(_ P: OpaquePointer, values: [Double], options: GLPKOptions) throws -> Solution {
        var saved: [(Int32, Int32, Double, Double)] = []
        for j in 0..<variableCount where columnKinds[j] != .continuous {
            let column = Int32(j + 1)
            saved.append((column, glp_get_col_type(P, column), glp_get_col_lb(P, column), glp_get_col_ub(P, column)))
            guard eduplan_glpk_set_column_bounds(P, column, GLP_FX, values[j], values[j]) == EDUPLAN_GLPK_OK else {
                throw fault("glp_set_col_bnds")
            }
        }
        var lp = try solveSimplex(P, options: options, presolve: false)
        if lp.status.isOptimal { lp.ranging = try rowRanging(P, options.parameters.rangingRows, lp) }
        for (column, type, lower, upper) in saved {
            guard eduplan_glpk_set_column_bounds(P, column, type, lower, upper) == EDUPLAN_GLPK_OK else {
                throw fault("glp_set_col_bnds")
            }
        }
        return lp
    }

    // MARK: Warm-start edits

    /// Changes a variable's bounds; the next ``solve(options:)`` starts from the current basis.
    public func setBounds(_ variable: Variable, lower: Double, upper: Double) throws {
        let P = try usable("setBounds")
        try checkIndex("variable", variable.index, variableCount)
        try checkBounds("variable \(variable.index)", lower, upper)
        if columnKinds[variable.index] == .integer,
           (lower.isFinite && lower.rounded() != lower) || (upper.isFinite && upper.rounded() != upper) {
            throw GLPKError.invalidValue(what: "integer variable \(variable.index)", detail: "bounds must be whole numbers")
        }
        guard eduplan_glpk_set_column_bounds(P, Int32(variable.index + 1), Self.boundType(lower: lower, upper: upper),
                                             lower.isFinite ? lower : 0, upper.isFinite ? upper : 0) == EDUPLAN_GLPK_OK
        else { throw fault("glp_set_col_bnds") }
    }

    /// Changes a constraint's bounds (its right-hand side).
    public func setBounds(_ constraint: Constraint, lower: Double, upper: Double) throws {
        let P = try usable("setBounds")
        try checkIndex("constraint", constraint.index, constraintCount)
        try checkBounds("constraint \(constraint.index)", lower, upper)
        guard eduplan_glpk_set_row_bounds(P, Int32(constraint.index + 1), Self.boundType(lower: lower, upper: upper),
                                          lower.isFinite ? lower : 0, upper.isFinite ? upper : 0) == EDUPLAN_GLPK_OK
        else { throw fault("glp_set_row_bnds") }
    }

    /// Replaces a constraint's coefficients (columns distinct and in range, values finite, all
    /// checked first: GLPK aborts on a repeated or out-of-range column; a zero is not stored).
    public func setRow(_ constraint: Constraint, columns: [Int], coefficients: [Double]) throws {
        let P = try usable("setRow")
        try checkIndex("constraint", constraint.index, constraintCount)
        guard columns.count == coefficients.count else {
            throw GLPKError.invalidValue(what: "row \(constraint.index)", detail: "\(columns.count) columns, \(coefficients.count) values")
        }
        var seen = Set<Int>()
        for (column, value) in zip(columns, coefficients) {
            try checkIndex("variable", column, variableCount)
            guard seen.insert(column).inserted else {
                throw GLPKError.invalidValue(what: "row \(constraint.index)", detail: "column \(column) twice")
            }
            guard value.isFinite else {
                throw GLPKError.invalidValue(what: "row \(constraint.index)", detail: "coefficient \(value) of column \(column)")
            }
        }
        let oneBased = columns.map { Int32($0 + 1) }
        guard eduplan_glpk_set_row_entries(P, Int32(constraint.index + 1), Int32(columns.count), oneBased, coefficients) == EDUPLAN_GLPK_OK
        else { throw fault("glp_set_mat_row") }
    }

    /// Changes one objective coefficient.
    public func setObjectiveCoefficient(_ variable: Variable, _ value: Double) throws {
        let P = try usable("setObjectiveCoefficient")
        try checkIndex("variable", variable.index, variableCount)
        guard value.isFinite else { throw GLPKError.invalidValue(what: "objective coefficient", detail: "\(value) is not finite") }
        guard eduplan_glpk_set_objective_coefficient(P, Int32(variable.index + 1), value) == EDUPLAN_GLPK_OK
        else { throw fault("glp_set_obj_coef") }
    }

    /// Makes a variable continuous or integer (e.g. to solve a relaxation, then restore).
    public func setKind(_ variable: Variable, _ kind: VariableKind) throws {
        let P = try usable("setKind")
        try checkIndex("variable", variable.index, variableCount)
        let code: Int32 = kind == .continuous ? GLP_CV : (kind == .integer ? GLP_IV : GLP_BV)
        guard eduplan_glpk_set_column_kind(P, Int32(variable.index + 1), code) == EDUPLAN_GLPK_OK
        else { throw fault("glp_set_col_kind") }
        columnKinds[variable.index] = kind
    }

    private func checkIndex(_ what: String, _ index: Int, _ count: Int) throws {
        guard index >= 0 && index < count else { throw GLPKError.indexOutOfRange(what: what, index: index, count: count) }
    }

    private func checkBounds(_ what: String, _ lower: Double, _ upper: Double) throws {
        guard !lower.isNaN, !upper.isNaN, lower <= upper, lower != .infinity, upper != -.infinity else {
            throw GLPKError.invalidValue(what: what, detail: "bounds [\(lower), \(upper)] are empty or not numbers")
        }
    }

    // MARK: Sensitivity

    /// The range of one variable's objective coefficient over which the current basis stays
    /// optimal, and of a non-basic variable's value over which the basis stays primal feasible.
    public struct Ranging: Sendable {
        /// The coefficient range [lower, upper] that keeps the basis optimal.
        public var coefficientLower: Double
        public var coefficientUpper: Double
    }

    /// Objective-coefficient ranging for a variable (needs an optimal basis from the simplex).
    public func objectiveRanging(_ variable: Variable) throws -> Ranging {
        let P = try usable("objectiveRanging")
        try checkIndex("variable", variable.index, variableCount)
        try requireOptimalBasis(P, "objective ranging")
        var c1 = 0.0, c2 = 0.0, v1 = 0.0, v2 = 0.0
        var var1: Int32 = 0, var2: Int32 = 0
        let k = Int32(constraintCount + variable.index + 1)
        guard eduplan_glpk_analyze_coef(P, k, &c1, &var1, &v1, &c2, &var2, &v2) == EDUPLAN_GLPK_OK
        else { throw fault("glp_analyze_coef") }
        return Ranging(coefficientLower: c1 == -Double.greatestFiniteMagnitude ? -.infinity : c1,
                       coefficientUpper: c2 == Double.greatestFiniteMagnitude ? .infinity : c2)
    }

    /// The range of a non-basic row's activity (its right-hand side) over which the current
    /// basis stays primal feasible, so the row's dual stays valid. Nil for a basic row.
    public func rightHandSideRange(_ constraint: Constraint) throws -> ClosedRange<Double>? {
        let P = try usable("rightHandSideRange")
        try checkIndex("constraint", constraint.index, constraintCount)
        try requireOptimalBasis(P, "right-hand-side ranging")
        let k = Int32(constraint.index + 1)
        if glp_get_row_stat(P, k) == GLP_BS { return nil }
        return try activeBoundLimits(P, k)
    }

    /// `glp_analyze_bound` for non-basic row or column `k`: the limits of its active bound that
    /// keep the basis primal feasible (±∞ where nothing limits it). Needs a valid factorisation.
    private func activeBoundLimits(_ P: OpaquePointer, _ k: Int32) throws -> ClosedRange<Double> {
        var lower = 0.0, upper = 0.0
        var var1: Int32 = 0, var2: Int32 = 0
        guard eduplan_glpk_analyze_bound(P, k, &lower, &var1, &upper, &var2) == EDUPLAN_GLPK_OK
        else { throw fault("glp_analyze_bound") }
        let lo = lower == -Double.greatestFiniteMagnitude ? -Double.infinity : lower
        let hi = upper == Double.greatestFiniteMagnitude ? Double.infinity : upper
        return lo <= hi ? lo...hi : hi...lo
    }

    /// The right-hand-side ranging of the active rows among `rows` at the optimal basis just
    /// found (`solution` is its point): `glp_analyze_bound` gives the limits of the row's active
    /// bound, and the objective moves by the dual times the change, as `glp_print_ranges` reports.
    /// A row the basis cannot range (no factorisation) is left out, never fatal.
    private func rowRanging(_ P: OpaquePointer, _ rows: [Constraint], _ solution: Solution) throws -> [Int: RowRanging] {
        guard !rows.isEmpty, let duals = solution.rowDuals, let objective = solution.objectiveValue else { return [:] }
        do { try requireOptimalBasis(P, "right-hand-side ranging") } catch GLPKError.unavailable { return [:] }
        var ranging: [Int: RowRanging] = [:]
        for row in rows {
            try checkIndex("constraint", row.index, constraintCount)
            let k = Int32(row.index + 1)
            guard glp_get_row_stat(P, k) != GLP_BS else { continue }
            let limits = try activeBoundLimits(P, k)
            let activity = solution.rowActivities[row.index], dual = duals[row.index]
            func objectiveAt(_ bound: Double) -> Double { dual == 0 ? objective : objective + dual * (bound - activity) }
            ranging[row.index] = RowRanging(activityLower: limits.lowerBound, activityUpper: limits.upperBound,
                                            objectiveAtLower: objectiveAt(limits.lowerBound),
                                            objectiveAtUpper: objectiveAt(limits.upperBound))
        }
        return ranging
    }

    private func requireOptimalBasis(_ P: OpaquePointer, _ operation: String) throws {
        guard hasBasis, glp_get_status(P) == GLP_OPT else {
            throw GLPKError.unavailable(operation: operation, reason: "no optimal simplex basis (solve the LP with the simplex first)")
        }
        var code: Int32 = 0
        guard eduplan_glpk_factorize_if_needed(P, &code) == EDUPLAN_GLPK_OK else { throw fault("glp_factorize") }
        guard code == 0 else { throw GLPKError.unavailable(operation: operation, reason: "the basis could not be factorised") }
    }

    // MARK: Files

    /// Writes the problem as GLPK loaded it (objective constant included).
    public func write(to path: String, format: ModelFileFormat) throws {
        let P = try usable("write")
        glp_set_obj_coef(P, 0, objectiveConstant)
        defer { glp_set_obj_coef(P, 0, 0) }
        var code: Int32 = 0
        let ok = eduplan_glpk_write_file(P, format.glpkFormat, path, &code)
        guard ok == EDUPLAN_GLPK_OK else { throw fault("writing \(path)") }
        guard code == 0 else {
            throw GLPKError.file(path: path, operation: "write", detail: lastOutputLine() ?? "GLPK could not write the file")
        }
    }

    /// Reads an LP or MPS file into a new problem on the calling thread.
    public static func read(from path: String, format: ModelFileFormat) throws -> GLPKProblem {
        guard let P = eduplan_glpk_create() else {
            throw GLPKError.fault(operation: "glp_create_prob", message: String(cString: eduplan_glpk_last_fault()))
        }
        var code: Int32 = 0
        let ok = eduplan_glpk_read_file(P, format.glpkFormat, path, &code)
        guard ok == EDUPLAN_GLPK_OK else {
            throw GLPKError.fault(operation: "reading \(path)", message: String(cString: eduplan_glpk_last_fault()))
        }
        guard code == 0 else {
            let detail = String(cString: eduplan_glpk_last_fault())
            _ = eduplan_glpk_delete(P)
            throw GLPKError.file(path: path, operation: "read", detail: detail.isEmpty ? "GLPK could not parse the file" : detail)
        }
        return GLPKProblem(handle: P)
    }

    /// The problem as a ``Model`` (for a problem read from a file).
    public func model() throws -> Model {
        let P = try usable("model")
        let n = variableCount, m = constraintCount
        let nz = Int(glp_get_num_nz(P))
        var ia = [Int32](repeating: 0, count: nz + 1)
        var ja = [Int32](repeating: 0, count: nz + 1)
        var ar = [Double](repeating: 0, count: nz + 1)
        var count: Int32 = 0
        guard eduplan_glpk_get_matrix(P, &ia, &ja, &ar, &count) == EDUPLAN_GLPK_OK else { throw fault("glp_get_mat_row") }
        // glp_get_mat_row filled the triplets row by row: count per row, then prefix sums.
        var rowStart = [Int](repeating: 0, count: m + 1)
        for k in 0..<Int(count) { rowStart[Int(ia[k + 1])] += 1 }
        for i in 0..<m { rowStart[i + 1] += rowStart[i] }
        let entryColumn = (0..<Int(count)).map { ja[$0 + 1] - 1 }
        let entryValue = (0..<Int(count)).map { ar[$0 + 1] }
        func bounds(_ type: Int32, _ lb: Double, _ ub: Double) -> (Double, Double) {
            switch type {
            case GLP_FR: return (-.infinity, .infinity)
            case GLP_LO: return (lb, .infinity)
            case GLP_UP: return (-.infinity, ub)
            default: return (lb, ub)
            }
        }
        var columnLower = [Double](), columnUpper = [Double](), columnNames = [String](), objective = [Double]()
        for j in 1...max(1, n) where n > 0 {
            let (lo, hi) = bounds(glp_get_col_type(P, Int32(j)), glp_get_col_lb(P, Int32(j)), glp_get_col_ub(P, Int32(j)))
            columnLower.append(lo)
            columnUpper.append(hi)
            columnNames.append(glp_get_col_name(P, Int32(j)).map { String(cString: $0) } ?? "")
            objective.append(glp_get_obj_coef(P, Int32(j)))
        }
        var rowLower = [Double](), rowUpper = [Double](), rowNames = [String]()
        for i in 1...max(1, m) where m > 0 {
            let (lo, hi) = bounds(glp_get_row_type(P, Int32(i)), glp_get_row_lb(P, Int32(i)), glp_get_row_ub(P, Int32(i)))
            rowLower.append(lo)
            rowUpper.append(hi)
            rowNames.append(glp_get_row_name(P, Int32(i)).map { String(cString: $0) } ?? "")
        }
        return Model(name: glp_get_prob_name(P).map { String(cString: $0) } ?? "",
                     sense: glp_get_obj_dir(P) == GLP_MAX ? .maximize : .minimize,
                     objective: objective, objectiveConstant: objectiveConstant,
                     columnLower: columnLower, columnUpper: columnUpper, columnKind: columnKinds, columnNames: columnNames,
                     rowLower: rowLower, rowUpper: rowUpper, rowNames: rowNames,
                     rowStart: rowStart, entryColumn: entryColumn, entryValue: entryValue)
    }

    private func lastOutputLine() -> String? {
        let text = String(cString: eduplan_glpk_last_fault()).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

// MARK: - Helpers

/// Keeps the MIP callback's view of progress and forwards it to the user's handler.
final class MIPTracker {
    let handler: (@Sendable (MIPProgress) -> MIPDecision)?
    let constant: Double
    /// The best bound seen, objective constant included.
    var bound: Double?
    init(handler: (@Sendable (MIPProgress) -> MIPDecision)?, constant: Double) {
        self.handler = handler
        self.constant = constant
    }

    /// Returns true to stop the search.
    func observe(_ progress: eduplan_glpk_mip_progress) -> Bool {
        if progress.has_bound != 0 { bound = progress.bound + constant }
        guard let handler else { return false }
        let snapshot = MIPProgress(
            incumbent: progress.has_incumbent != 0 ? progress.incumbent + constant : nil,
            bound: progress.has_bound != 0 ? progress.bound + constant : nil,
            relativeGap: progress.has_incumbent != 0 && progress.gap.isFinite ? progress.gap : nil,
            activeNodes: Int(progress.active_nodes),
            newIncumbent: progress.reason == GLP_IBINGO)
        return handler(snapshot) == .stop
    }
}

/// Routes GLPK's terminal output to the solve's log sink for the duration of a solve.
final class OutputRoute {
    private var box: Unmanaged<SinkBox>?

    final class SinkBox {
        let sink: @Sendable (String) -> Void
        init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }
    }

    init(options: GLPKOptions) {
        guard options.verbose else {
            eduplan_glpk_set_output(nil, nil)
            return
        }
        let sink = options.parameters.log ?? { [logger = Logger(label: "eduplan.glpk")] line in logger.debug("\(line)") }
        let retained = Unmanaged.passRetained(SinkBox(sink))
        box = retained
        eduplan_glpk_set_output({ context, text in
            guard let context, let text else { return }
            let box = Unmanaged<SinkBox>.fromOpaque(context).takeUnretainedValue()
            let line = String(cString: text).trimmingCharacters(in: .newlines)
            if !line.isEmpty { box.sink(line) }
        }, retained.toOpaque())
    }

    func detach() {
        eduplan_glpk_set_output(nil, nil)
        box?.release()
        box = nil
    }
}

private func withUnsafePointers<R>(
    _ a: [Int32], _ b: [Int32], _ c: [Int32],
    _ body: (UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
) -> R {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeBufferPointer { pc in body(pa.baseAddress, pb.baseAddress, pc.baseAddress) }
        }
    }
}

private func withUnsafeDoubles<R>(
    _ a: [Double], _ b: [Double], _ c: [Double], _ d: [Double],
    _ body: (UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?) -> R
) -> R {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeBufferPointer { pc in
                d.withUnsafeBufferPointer { pd in body(pa.baseAddress, pb.baseAddress, pc.baseAddress, pd.baseAddress) }
            }
        }
    }
}

private func withOptionalCString<R>(_ block: [CChar]?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let block else { return body(nil) }
    return block.withUnsafeBufferPointer { body($0.baseAddress) }
}

extension ModelFileFormat {
    /// The shim's code of the format (`eduplan_glpk_write_file` / `read_file`).
    var glpkFormat: Int32 {
        switch self {
        case .lp: EDUPLAN_GLPK_LP
        case .freeMPS: GLP_MPS_FILE
        case .fixedMPS: GLP_MPS_DECK
        }
    }
}
