/// A simplex basis: the status of every row (its auxiliary variable, the row's activity) and
/// every column of a ``Model``, in the model's order.
///
/// A solve that ends at a basis reports it (``Solution/basis``); a solve given one
/// (``SolverParameters/startingBasis``) starts its simplex there instead of at the slack basis.
/// A starting basis need not be optimal or feasible, only valid: as many basic entries as rows,
/// and a non-singular basis matrix. A backend that cannot use it starts from its own.
public struct Basis: Sendable, Equatable {
    /// Where a variable (a column, or a row's activity) stands.
    public enum Status: UInt8, Sendable {
        /// In the basis: its value follows from the others.
        case basic
        /// At its lower bound.
        case atLower
        /// At its upper bound.
        case atUpper
        /// Free and non-basic (value 0).
        case free
        /// Fixed (lower = upper).
        case fixed
    }

    /// One status per row.
    public var rows: [Status]
    /// One status per column.
    public var columns: [Status]

    public init(rows: [Status], columns: [Status]) {
        self.rows = rows
        self.columns = columns
    }

    /// The number of basic rows and columns (a valid basis has one per row).
    public var basicCount: Int {
        rows.reduce(0) { $0 + ($1 == .basic ? 1 : 0) } + columns.reduce(0) { $0 + ($1 == .basic ? 1 : 0) }
    }
}
