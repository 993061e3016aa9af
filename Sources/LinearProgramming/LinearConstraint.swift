/// A constraint `lower ≤ expression ≤ upper` before it enters a model.
///
/// Either bound may be infinite; `lower == upper` is an equality. The expression's
/// constant is moved to the bounds when the constraint is added.
public struct LinearConstraint: Sendable {
    public var expression: LinearExpression
    public var lower: Double
    public var upper: Double

    public init(_ expression: LinearExpression, lower: Double = -.infinity, upper: Double = .infinity) {
        self.expression = expression
        self.lower = lower
        self.upper = upper
    }
}

public func <= (lhs: LinearExpression, rhs: Double) -> LinearConstraint { LinearConstraint(lhs, upper: rhs) }
public func >= (lhs: LinearExpression, rhs: Double) -> LinearConstraint { LinearConstraint(lhs, lower: rhs) }
public func == (lhs: LinearExpression, rhs: Double) -> LinearConstraint { LinearConstraint(lhs, lower: rhs, upper: rhs) }
public func <= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint { (lhs - rhs) <= 0 }
public func >= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint { (lhs - rhs) >= 0 }
public func == (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint { (lhs - rhs) == 0 }
public func <= (lhs: Variable, rhs: Double) -> LinearConstraint { LinearExpression(lhs) <= rhs }
public func >= (lhs: Variable, rhs: Double) -> LinearConstraint { LinearExpression(lhs) >= rhs }

/// A handle to one row of a ``Model``.
public struct Constraint: Hashable, Sendable {
    /// The 0-based row index in the owning model.
    public let index: Int
    public init(index: Int) { self.index = index }
}
