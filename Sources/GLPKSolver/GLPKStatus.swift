import _CGLPK
import LinearProgramming

/// GLPK's return codes and statuses, with the words of GLPK's reference manual.
enum GLPKStatus {
    /// The manual's sentence for a return code of `glp_simplex`, `glp_intopt` or `glp_interior`.
    static func message(returnCode code: Int32, routine: String) -> String {
        switch code {
        case 0:
            return "the \(routine) finished"
        case GLP_EBADB:
            return "unable to start the search: the initial basis is invalid"
        case GLP_ESING:
            return "unable to start the search: the initial basis matrix is singular within working precision"
        case GLP_ECOND:
            return "unable to start the search: the initial basis matrix is ill-conditioned"
        case GLP_EBOUND:
            return "unable to start the search: some double-bounded variables have incorrect bounds"
        case GLP_EFAIL:
            return routine == "interior-point solver"
                ? "the problem has no rows or columns"
                : "the search was prematurely terminated due to the solver failure"
        case GLP_EOBJLL:
            return "the objective being maximised reached its lower limit and continues decreasing"
        case GLP_EOBJUL:
            return "the objective being minimised reached its upper limit and continues increasing"
        case GLP_EITLIM:
            return "the iteration limit has been exceeded"
        case GLP_ETMLIM:
            return "the time limit has been exceeded"
        case GLP_ENOPFS:
            return routine == "MIP solver"
                ? "the LP relaxation has no primal feasible solution"
                : "the problem has no primal feasible solution"
        case GLP_ENODFS:
            return routine == "MIP solver"
                ? "the LP relaxation has no dual feasible solution (unbounded if feasible)"
                : "the problem has no dual feasible solution"
        case GLP_EROOT:
            return "unable to start the search: no optimal basis for the initial LP relaxation"
        case GLP_ESTOP:
            return "the search was terminated by the application"
        case GLP_EMIPGAP:
            return "the search was terminated because the relative MIP gap tolerance was reached"
        case GLP_ENOCVG:
            return "very slow convergence or divergence"
        case GLP_EINSTAB:
            return "numerical instability on solving the Newtonian system"
        default:
            return "GLPK returned code \(code)"
        }
    }

    static func result(_ status: Int32) -> ResultStatus {
        switch status {
        case GLP_FEAS, GLP_OPT: return .feasiblePoint
        case GLP_INFEAS: return .infeasiblePoint
        case GLP_NOFEAS: return .noSolution
        default: return .unknown
        }
    }

    /// The termination the simplex and the MIP solver both report for a non-zero `code`: a presolver
    /// verdict, the time limit or a failure; `.otherError` for any other code.
    private static func sharedTermination(code: Int32) -> TerminationStatus {
        switch code {
        case GLP_ENOPFS: .infeasible
        case GLP_ENODFS: .infeasibleOrUnbounded
        case GLP_ETMLIM: .timeLimit
        case GLP_EFAIL: .numericalError
        default: .otherError
        }
    }

    /// The three-part status after `glp_simplex` returned `code`.
    static func simplex(code: Int32, problem P: OpaquePointer) -> SolveStatus {
        let message = Self.message(returnCode: code, routine: "simplex solver")
        let primal = result(glp_get_prim_stat(P))
        let dual = result(glp_get_dual_stat(P))
        let termination: TerminationStatus
        switch code {
        case 0:
            switch glp_get_status(P) {
            case GLP_OPT: termination = .optimal
            case GLP_NOFEAS: termination = .infeasible
            case GLP_UNBND: termination = .unbounded
            default: termination = .otherError
            }
        case GLP_EITLIM: termination = .iterationLimit
        case GLP_ESING, GLP_ECOND: termination = .numericalError
        default: termination = sharedTermination(code: code)  // GLP_EOBJLL, GLP_EOBJUL: .otherError
        }
        let rawPrimal: ResultStatus = (code == GLP_ENOPFS || code == GLP_ENODFS) ? .unknown : primal
        return SolveStatus(termination: termination, primal: rawPrimal,
                           dual: (code == GLP_ENOPFS || code == GLP_ENODFS) ? .unknown : dual,
                           rawCode: Int(code), message: message)
    }

    /// The three-part status after `glp_interior` returned `code`.
    static func interior(code: Int32, problem P: OpaquePointer) -> SolveStatus {
        let message = Self.message(returnCode: code, routine: "interior-point solver")
        let status = glp_ipt_status(P)
        var termination: TerminationStatus = .otherError
        var primal: ResultStatus = .unknown
        var dual: ResultStatus = .unknown
        switch code {
        case 0:
            switch status {
            case GLP_OPT: termination = .optimal; primal = .feasiblePoint; dual = .feasiblePoint
            case GLP_NOFEAS: termination = .infeasibleOrUnbounded; primal = .noSolution
            case GLP_INFEAS: termination = .otherError; primal = .infeasiblePoint
            default: termination = .otherError
            }
        case GLP_EITLIM: termination = .iterationLimit
        case GLP_ENOCVG, GLP_EINSTAB: termination = .numericalError
        default: termination = .otherError
        }
        return SolveStatus(termination: termination, primal: primal, dual: dual, rawCode: Int(code), message: message)
    }

    /// The three-part status after `glp_intopt` returned `code`.
    static func mip(code: Int32, problem P: OpaquePointer) -> SolveStatus {
        let message = Self.message(returnCode: code, routine: "MIP solver")
        let status = glp_mip_status(P)
        let primal: ResultStatus = (status == GLP_OPT || status == GLP_FEAS) ? .feasiblePoint
            : (status == GLP_NOFEAS ? .noSolution : .unknown)
        let termination: TerminationStatus
        switch code {
        case 0:
            switch status {
            case GLP_OPT: termination = .optimal
            case GLP_NOFEAS: termination = .infeasible
            default: termination = .otherError  // GLP_FEAS included
            }
        case GLP_EMIPGAP: termination = .gapLimit
        case GLP_ESTOP: termination = .interrupted
        default: termination = sharedTermination(code: code)  // GLP_EBOUND, GLP_EROOT: .otherError
        }
        return SolveStatus(termination: termination, primal: primal, dual: .unknown, rawCode: Int(code), message: message)
    }
}
