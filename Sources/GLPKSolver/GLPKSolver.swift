import Foundation
import LinearProgramming

/// GLPK as a ``LinearSolver``: one-shot solves (create a problem on the calling thread, solve,
/// free), sessions for warm-started re-solves, and LP/MPS files.
///
/// The value carries GLPK's own knobs (``GLPKOptions``: algorithm, scaling, presolver); the
/// solver-neutral ``SolverParameters`` of each call replace the options' own.
public struct GLPKSolver: LinearSolver, ModelFileWriter {
    /// GLPK's own settings; their ``GLPKOptions/parameters`` are replaced by each call's.
    public var options: GLPKOptions

    /// GLPK with the given settings (GLPK's defaults by default).
    public init(options: GLPKOptions = GLPKOptions()) {
        self.options = options
    }

    /// GLPK's version string.
    public static var version: String { String(cString: _glpkVersion()) }

    /// `GLPK` and its version.
    public var name: String { "GLPK \(Self.version)" }

    /// Solves `model` from scratch on the calling thread with ``options`` and `parameters`.
    public func solve(_ model: Model, parameters: SolverParameters) throws -> Solution {
        var options = options
        options.parameters = parameters
        return try Self.solve(model, options: options)
    }

    /// A session keeping one GLPK problem between solves (see ``GLPKSession``).
    public func makeSession() -> any SolverSession { GLPKSession(options: options) }

    /// Writes `model` as the static `GLPKSolver.write(_:to:format:)` does.
    public func write(_ model: Model, to path: String, format: ModelFileFormat) throws {
        try Self.write(model, to: path, format: format)
    }

    /// Validates, loads and solves `model` on the calling thread, then frees the problem.
    /// - Throws: ``GLPKError`` for an invalid model or a GLPK fault; solver outcomes
    ///   (infeasible, time limit, …) are statuses, not errors.
    public static func solve(_ model: Model, options: GLPKOptions = GLPKOptions()) throws -> Solution {
        let problem = try GLPKProblem(model: model)
        defer { try? problem.close() }
        return try problem.solve(options: options)
    }

    /// Writes `model` to `path` in the given format, exactly as GLPK would load it.
    ///
    /// LP/MPS files carry no objective constant; when the model has one it is written as a
    /// comment on the first line (`\* objective_constant = … *\` or `* objective_constant = …`).
    /// GLPK then writes to a scratch file, and the comment and the model go to `path` in one
    /// plain write, so that a symbolic link or a device (`/dev/stdout`) stays what it is.
    public static func write(_ model: Model, to path: String, format: ModelFileFormat) throws {
        var withoutConstant = model
        withoutConstant.objectiveConstant = 0
        withoutConstant.renameForFiles()
        let problem = try GLPKProblem(model: withoutConstant)
        defer { try? problem.close() }
        guard model.objectiveConstant != 0 else { return try problem.write(to: path, format: format) }
        // Beside the target (callers replacing a file safely give a staging path: an interrupted
        // export leaves nothing outside it).
        let scratch = path + ".without-constant"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try problem.write(to: scratch, format: format)
        let constant = String(format: "%.17g", model.objectiveConstant)
        let comment = format == .lp
            ? "\\* objective_constant = \(constant) (add it to this model's optimum) *\\\n"
            : "* objective_constant = \(constant) (add it to this model's optimum)\n"
        do {
            let text = try String(contentsOfFile: scratch, encoding: .utf8)
            try (comment + text).write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw GLPKError.file(path: path, operation: "write", detail: "\(error)")
        }
    }

    /// Reads an LP or MPS file into a ``Model`` on the calling thread.
    public static func read(_ path: String, format: ModelFileFormat) throws -> Model {
        let problem = try GLPKProblem.read(from: path, format: format)
        defer { try? problem.close() }
        return try problem.model()
    }
}

import _CGLPK
private func _glpkVersion() -> UnsafePointer<CChar> { glp_version() }

extension GLPKSolver {
    /// Makes GLPK raise an internal error (a call on a column that does not exist) inside the
    /// guard and returns the error the guard produced. For tests of the guard only.
    public static func _provokeFaultForTesting() -> GLPKError? {
        guard eduplan_glpk_provoke_fault() != EDUPLAN_GLPK_OK else { return nil }
        return GLPKError.fault(operation: "glp_set_col_bnds", message: String(cString: eduplan_glpk_last_fault()))
    }
}

extension Model {
    /// Makes every name one that GLPK's CPLEX LP writer keeps (it replaces any other name by a
    /// generic one): brackets become parentheses, other characters outside the LP format's set
    /// become `_`, and a leading digit or dot gets a `_` prefix.
    mutating func renameForFiles() {
        func clean(_ name: String) -> String {
            guard !name.isEmpty else { return name }
            let allowed = Set("!\"#$%&()/,.;?@_`'{}|~".unicodeScalars)
            var scalars = String.UnicodeScalarView()
            for scalar in name.unicodeScalars {
                switch scalar {
                case "[": scalars.append("(")
                case "]": scalars.append(")")
                default:
                    let ascii = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || allowed.contains(scalar))
                    scalars.append(ascii ? scalar : "_")
                }
            }
            var result = String(scalars)
            if let first = result.first, first.isNumber || first == "." { result = "_" + result }
            return String(result.utf8.prefix(255)) ?? result
        }
        for j in 0..<variableCount { setName(Variable(index: j), clean(columnNames[j])) }
        renameRows(clean)
    }
}
