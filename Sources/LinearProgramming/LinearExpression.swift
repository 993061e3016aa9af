/// A sparse linear expression `Σ aᵢ·xᵢ + constant`.
///
/// Terms are kept in insertion order and may repeat a variable; they are merged when the
/// expression enters a model (a row or the objective), so building is O(terms).
public struct LinearExpression: Sendable {
    /// Column indices of the terms (may repeat before normalisation).
    public var indices: [Int]
    /// Coefficients, parallel to ``indices``.
    public var coefficients: [Double]
    /// The constant term.
    public var constant: Double

    /// An expression with the given terms and constant.
    public init(indices: [Int] = [], coefficients: [Double] = [], constant: Double = 0) {
        precondition(indices.count == coefficients.count, "indices and coefficients differ in length")
        self.indices = indices
        self.coefficients = coefficients
        self.constant = constant
    }

    /// The expression `coefficient · variable`.
    public init(_ variable: Variable, coefficient: Double = 1) {
        self.init(indices: [variable.index], coefficients: [coefficient])
    }


    /// The number of stored terms (repeats included).
    public var termCount: Int { indices.count }

    /// Reserves room for `count` terms.
    public mutating func reserveCapacity(_ count: Int) {
        indices.reserveCapacity(count)
        coefficients.reserveCapacity(count)
    }

    /// Appends `coefficient · variable` in place (the fast path for loops).
    @inlinable
    public mutating func add(_ variable: Variable, _ coefficient: Double = 1) {
        indices.append(variable.index)
        coefficients.append(coefficient)
    }

    /// Appends every term of `other` scaled by `factor`, and its constant.
    public mutating func add(_ other: LinearExpression, scaledBy factor: Double = 1) {
        indices.append(contentsOf: other.indices)
        if factor == 1 {
            coefficients.append(contentsOf: other.coefficients)
        } else {
            coefficients.append(contentsOf: other.coefficients.lazy.map { $0 * factor })
        }
        constant += factor * other.constant
    }

    /// Evaluates the expression at a point given by column values.
    public func value(at values: [Double]) -> Double {
        var total = constant
        for k in indices.indices { total += coefficients[k] * values[indices[k]] }
        return total
    }

    /// The expression with repeated variables merged and zero coefficients dropped,
    /// terms sorted by column.
    /// - Complexity: O(t log t) for t terms.
    public func normalized() -> LinearExpression {
        var merged: [Int: Double] = [:]
        merged.reserveCapacity(indices.count)
        for k in indices.indices { merged[indices[k], default: 0] += coefficients[k] }
        let keys = merged.keys.sorted().filter { merged[$0]! != 0 }
        return LinearExpression(indices: keys, coefficients: keys.map { merged[$0]! }, constant: constant)
    }
}

/// The sum of `coefficient(item) · variable(item)` over a sequence, built without
/// intermediate expressions (keeps the type checker and the allocator fast).
public func sum<S: Sequence>(_ items: S, _ term: (S.Element) -> (Variable, Double)?) -> LinearExpression {
    var expression = LinearExpression()
    expression.reserveCapacity(items.underestimatedCount)
    for item in items {
        if let (variable, coefficient) = term(item) { expression.add(variable, coefficient) }
    }
    return expression
}

/// The sum of variables.
public func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
    var expression = LinearExpression()
    expression.reserveCapacity(variables.underestimatedCount)
    for variable in variables { expression.add(variable) }
    return expression
}

// MARK: - Operators

/// A copy of `expression` with `change` applied: what the non-mutating operators return.
@inline(__always)
private func changed(_ expression: LinearExpression, _ change: (inout LinearExpression) -> Void) -> LinearExpression {
    var result = expression
    change(&result)
    return result
}

public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression { changed(lhs) { $0.add(rhs) } }

public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression { changed(lhs) { $0.add(rhs, scaledBy: -1) } }

public prefix func - (operand: LinearExpression) -> LinearExpression {
    LinearExpression(indices: operand.indices, coefficients: operand.coefficients.map { -$0 }, constant: -operand.constant)
}

public func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
    LinearExpression(indices: rhs.indices, coefficients: rhs.coefficients.map { lhs * $0 }, constant: lhs * rhs.constant)
}

public func * (lhs: LinearExpression, rhs: Double) -> LinearExpression { rhs * lhs }

public func * (lhs: Double, rhs: Variable) -> LinearExpression { LinearExpression(rhs, coefficient: lhs) }

public func * (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs, coefficient: rhs) }

public func + (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(indices: [lhs.index, rhs.index], coefficients: [1, 1])
}

public func - (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(indices: [lhs.index, rhs.index], coefficients: [1, -1])
}

public func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression { changed(lhs) { $0.add(rhs) } }

public func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression { changed(lhs) { $0.add(rhs, -1) } }

public func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression { rhs + lhs }

public func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression { LinearExpression(lhs) - rhs }

public func + (lhs: LinearExpression, rhs: Double) -> LinearExpression { changed(lhs) { $0.constant += rhs } }

public func - (lhs: LinearExpression, rhs: Double) -> LinearExpression { lhs + (-rhs) }

public func + (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) + rhs }

public func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }

public func += (lhs: inout LinearExpression, rhs: Variable) { lhs.add(rhs) }

public func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs, scaledBy: -1) }
