/// A defect that makes a model unfit for a solver, with where it is.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case nonFiniteCoefficient(row: String, column: String, value: Double)
    case nonFiniteObjective(column: String, value: Double)
    case nonFiniteObjectiveConstant(Double)
    case invalidColumnBounds(column: String, lower: Double, upper: Double)
    case invalidRowBounds(row: String, lower: Double, upper: Double)
    case fractionalIntegerBounds(column: String, lower: Double, upper: Double)
    case columnOutOfRange(row: String, column: Int, columnCount: Int)
    case duplicateEntry(row: String, column: String)
    case nameTooLong(kind: String, index: Int, bytes: Int)
    case tooLarge(what: String, count: Int)

    public var description: String {
        switch self {
        case .empty:
            return "the model has no variables"
        case let .nonFiniteCoefficient(row, column, value):
            return "row \(row): coefficient of \(column) is \(value); expected a finite number"
        case let .nonFiniteObjective(column, value):
            return "objective coefficient of \(column) is \(value); expected a finite number"
        case let .nonFiniteObjectiveConstant(value):
            return "objective constant is \(value); expected a finite number"
        case let .invalidColumnBounds(column, lower, upper):
            return "variable \(column): bounds [\(lower), \(upper)] are empty or not numbers"
        case let .invalidRowBounds(row, lower, upper):
            return "row \(row): bounds [\(lower), \(upper)] are empty or not numbers"
        case let .fractionalIntegerBounds(column, lower, upper):
            return "integer variable \(column): bounds [\(lower), \(upper)] must be whole numbers"
        case let .columnOutOfRange(row, column, count):
            return "row \(row): column index \(column) is outside 0..<\(count)"
        case let .duplicateEntry(row, column):
            return "row \(row): \(column) appears twice"
        case let .nameTooLong(kind, index, bytes):
            return "\(kind) \(index + 1): name is \(bytes) bytes; at most 255 allowed"
        case let .tooLarge(what, count):
            return "\(what) count \(count) exceeds what GLPK can index (2^31 - 1)"
        }
    }
}

extension Model {
    /// Every defect that would make a solver reject, misread or abort on this model.
    ///
    /// Checks: no variables; NaN or infinite coefficients; NaN, inverted or infinite-wrong-way
    /// bounds; integer variables with fractional bounds; column indices out of range;
    /// a column twice in one row; names over 255 bytes; sizes beyond 32-bit indices.
    /// - Complexity: O(variables + constraints + nonzeros).
    public func validate(limit: Int = 100) -> [ModelError] {
        var errors: [ModelError] = []
        func report(_ error: ModelError) -> Bool {
            errors.append(error)
            return errors.count < limit
        }
        if variableCount == 0 { errors.append(.empty) }
        let maxIndex = Int(Int32.max) - 1
        if variableCount > maxIndex { errors.append(.tooLarge(what: "variable", count: variableCount)) }
        if constraintCount > maxIndex { errors.append(.tooLarge(what: "constraint", count: constraintCount)) }
        if nonzeroCount > maxIndex { errors.append(.tooLarge(what: "nonzero", count: nonzeroCount)) }
        if !errors.isEmpty { return errors }
        if !objectiveConstant.isFinite { errors.append(.nonFiniteObjectiveConstant(objectiveConstant)) }

        for j in 0..<variableCount {
            let lower = columnLower[j], upper = columnUpper[j]
            let variable = Variable(index: j)
            if !objective[j].isFinite {
                guard report(.nonFiniteObjective(column: displayName(of: variable), value: objective[j])) else { return errors }
            }
            if lower.isNaN || upper.isNaN || lower > upper || lower == .infinity || upper == -.infinity {
                guard report(.invalidColumnBounds(column: displayName(of: variable), lower: lower, upper: upper)) else { return errors }
            } else if columnKind[j] == .integer
                        && ((lower.isFinite && lower.rounded() != lower) || (upper.isFinite && upper.rounded() != upper)) {
                guard report(.fractionalIntegerBounds(column: displayName(of: variable), lower: lower, upper: upper)) else { return errors }
            }
            if columnNames[j].utf8.count > 255 {
                guard report(.nameTooLong(kind: "variable", index: j, bytes: columnNames[j].utf8.count)) else { return errors }
            }
        }

        var seenInRow = [Int32](repeating: -1, count: variableCount)
        for i in 0..<constraintCount {
            let lower = rowLower[i], upper = rowUpper[i]
            let constraint = Constraint(index: i)
            if lower.isNaN || upper.isNaN || lower > upper || lower == .infinity || upper == -.infinity {
                guard report(.invalidRowBounds(row: displayName(of: constraint), lower: lower, upper: upper)) else { return errors }
            }
            if rowNames[i].utf8.count > 255 {
                guard report(.nameTooLong(kind: "constraint", index: i, bytes: rowNames[i].utf8.count)) else { return errors }
            }
            for k in rowStart[i]..<rowStart[i + 1] {
                let column = Int(entryColumn[k])
                guard column >= 0 && column < variableCount else {
                    guard report(.columnOutOfRange(row: displayName(of: constraint), column: column, columnCount: variableCount)) else { return errors }
                    continue
                }
                if !entryValue[k].isFinite {
                    guard report(.nonFiniteCoefficient(row: displayName(of: constraint),
                                                       column: displayName(of: Variable(index: column)),
                                                       value: entryValue[k])) else { return errors }
                }
                if seenInRow[column] == Int32(i) {
                    guard report(.duplicateEntry(row: displayName(of: constraint),
                                                 column: displayName(of: Variable(index: column)))) else { return errors }
                }
                seenInRow[column] = Int32(i)
            }
        }
        return errors
    }
}
