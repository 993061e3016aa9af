/// A decision variable of a ``Model``: a handle to one column.
///
/// Variables are created by ``Model/addVariable(lower:upper:kind:name:)`` and are only
/// meaningful in the model that created them.
public struct Variable: Hashable, Sendable, Comparable {
    /// The 0-based column index in the owning model.
    public let index: Int

    /// Creates a handle to column `index`; prefer ``Model/addVariable(lower:upper:kind:name:)``.
    public init(index: Int) { self.index = index }

    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }
}

/// What values a variable may take besides its bounds.
public enum VariableKind: String, Sendable, Codable {
    /// Any real number within the bounds.
    case continuous
    /// An integer within the bounds (bounds must be integral).
    case integer
    /// 0 or 1.
    case binary
}

/// The direction of optimisation.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize
    case maximize
}
