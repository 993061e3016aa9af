import LinearProgramming

/// Why the GLPK layer could not do what was asked. The process always lives on.
public enum GLPKError: Error, Sendable, CustomStringConvertible {
    /// The model failed validation; GLPK never saw it.
    case invalidModel([ModelError])
    /// GLPK raised an internal error and would have aborted; the guard caught it.
    /// Every GLPK problem of this thread has been freed.
    case fault(operation: String, message: String)
    /// A problem was used on a thread other than the one that created it.
    case wrongThread(operation: String)
    /// The problem was closed, or freed by a fault on its thread.
    case released(operation: String)
    /// An index passed to an edit is out of range.
    case indexOutOfRange(what: String, index: Int, count: Int)
    /// A value passed to an edit is not acceptable (NaN, inverted bounds).
    case invalidValue(what: String, detail: String)
    /// Reading or writing a model file failed.
    case file(path: String, operation: String, detail: String)
    /// The operation needs something the last solve did not provide (e.g. ranging without a basis).
    case unavailable(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidModel(errors):
            let shown = errors.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
            let more = errors.count > 20 ? "\n  … and \(errors.count - 20) more" : ""
            return "invalid model (\(errors.count) problem\(errors.count == 1 ? "" : "s")):\n\(shown)\(more)"
        case let .fault(operation, message):
            let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "GLPK failed inside \(operation): \(trimmed.isEmpty ? "no message" : trimmed)"
        case let .wrongThread(operation):
            return "\(operation): a GLPK problem must be used on the thread that created it"
        case let .released(operation):
            return "\(operation): the GLPK problem was already freed"
        case let .indexOutOfRange(what, index, count):
            return "\(what) index \(index) is outside 0..<\(count)"
        case let .invalidValue(what, detail):
            return "\(what): \(detail)"
        case let .file(path, operation, detail):
            return "\(operation) \(path): \(detail)"
        case let .unavailable(operation, reason):
            return "\(operation) is not available: \(reason)"
        }
    }
}
