/// A linear or mixed-integer program, held in sparse row-major (CSR) form.
///
/// The model is plain data, independent of any solver: backends read its arrays.
/// Build it with ``addVariable(lower:upper:kind:name:)``, ``addConstraint(_:name:)``
/// (expressions, merged on entry) or ``addRow(columns:coefficients:lower:upper:name:)``
/// (raw sparse rows for hot loops), then ``setObjective(_:sense:)``.
public struct Model: Sendable {
    /// The model's name (written into LP/MPS files).
    public var name: String

    // Columns.
    public private(set) var columnLower: [Double] = []
    public private(set) var columnUpper: [Double] = []
    public private(set) var columnKind: [VariableKind] = []
    public private(set) var columnNames: [String] = []

    // Objective.
    public var sense: ObjectiveSense = .minimize
    public private(set) var objective: [Double] = []
    public var objectiveConstant: Double = 0

    // Rows, CSR: the entries of row i are rowStart[i] ..< rowStart[i + 1].
    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []
    public private(set) var rowNames: [String] = []
    public private(set) var rowStart: [Int] = [0]
    public private(set) var entryColumn: [Int32] = []
    public private(set) var entryValue: [Double] = []

    /// Scratch for merging repeated terms: position of a column in the row being built, or -1.
    private var mergeSlot: [Int32] = []

    /// An empty model.
    public init(name: String = "") { self.name = name }

    /// The number of variables (columns).
    public var variableCount: Int { columnKind.count }
    /// The number of constraints (rows).
    public var constraintCount: Int { rowLower.count }
    /// The number of stored nonzeros.
    public var nonzeroCount: Int { entryValue.count }
    /// Whether some variable is integer or binary.
    public var isMixedInteger: Bool { columnKind.contains { $0 != .continuous } }

    /// Reserves storage for a model of known size.
    public mutating func reserve(variables: Int, constraints: Int, nonzeros: Int) {
        columnLower.reserveCapacity(variables)
        columnUpper.reserveCapacity(variables)
        columnKind.reserveCapacity(variables)
        columnNames.reserveCapacity(variables)
        objective.reserveCapacity(variables)
        rowLower.reserveCapacity(constraints)
        rowUpper.reserveCapacity(constraints)
        rowNames.reserveCapacity(constraints)
        rowStart.reserveCapacity(constraints + 1)
        entryColumn.reserveCapacity(nonzeros)
        entryValue.reserveCapacity(nonzeros)
    }

    // MARK: Variables

    /// Adds a variable with bounds `lower ≤ x ≤ upper` (either may be infinite).
    /// A binary variable's bounds are [0, 1] whatever is passed.
    @discardableResult
    public mutating func addVariable(
        lower: Double = 0, upper: Double = .infinity, kind: VariableKind = .continuous, name: String = ""
    ) -> Variable {
        let index = columnKind.count
        columnLower.append(kind == .binary ? 0 : lower)
        columnUpper.append(kind == .binary ? 1 : upper)
        columnKind.append(kind)
        columnNames.append(name)
        objective.append(0)
        return Variable(index: index)
    }

    /// Changes a variable's bounds.
    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        columnLower[variable.index] = lower
        columnUpper[variable.index] = upper
    }

    /// Changes a variable's kind (binary also sets its bounds to [0, 1]).
    public mutating func setKind(_ variable: Variable, _ kind: VariableKind) {
        columnKind[variable.index] = kind
        if kind == .binary {
            columnLower[variable.index] = 0
            columnUpper[variable.index] = 1
        }
    }

    /// Renames a variable.
    public mutating func setName(_ variable: Variable, _ name: String) { columnNames[variable.index] = name }

    // MARK: Objective

    /// Sets the objective to `expression` (repeats merged) with the given sense.
    public mutating func setObjective(_ expression: LinearExpression, sense: ObjectiveSense) {
        self.sense = sense
        for j in objective.indices { objective[j] = 0 }
        for k in expression.indices.indices { objective[expression.indices[k]] += expression.coefficients[k] }
        objectiveConstant = expression.constant
    }

    /// Sets one objective coefficient.
    public mutating func setObjectiveCoefficient(_ variable: Variable, _ value: Double) {
        objective[variable.index] = value
    }

    /// Adds `value` to one objective coefficient.
    public mutating func addObjectiveCoefficient(_ variable: Variable, _ value: Double) {
        objective[variable.index] += value
    }

    // MARK: Constraints

    /// Adds `constraint` as a row; repeated variables are merged, zero coefficients dropped,
    /// and the expression's constant moves to the bounds.
    /// - Complexity: O(terms).
    @discardableResult
    public mutating func addConstraint(_ constraint: LinearConstraint, name: String = "") -> Constraint {
        let expression = constraint.expression
        if mergeSlot.count < columnKind.count {
            mergeSlot.append(contentsOf: repeatElement(-1, count: columnKind.count - mergeSlot.count))
        }
        let start = entryValue.count
        for k in expression.indices.indices {
            let column = expression.indices[k]
            // Out-of-range columns are kept as written: validate() reports them.
            if column >= 0 && column < mergeSlot.count {
                let slot = Int(mergeSlot[column])
                if slot >= start {
                    entryValue[slot] += expression.coefficients[k]
                    continue
                }
                mergeSlot[column] = Int32(truncatingIfNeeded: entryValue.count)
            }
            entryColumn.append(Int32(truncatingIfNeeded: column))
            entryValue.append(expression.coefficients[k])
        }
        // Reset the scratch and drop entries that cancelled out.
        var write = start
        for read in start..<entryValue.count {
            let column = Int(entryColumn[read])
            if column >= 0 && column < mergeSlot.count { mergeSlot[column] = -1 }
            if entryValue[read] != 0 {
                entryColumn[write] = entryColumn[read]
                entryValue[write] = entryValue[read]
                write += 1
            }
        }
        entryColumn.removeLast(entryColumn.count - write)
        entryValue.removeLast(entryValue.count - write)
        return appendRow(lower: constraint.lower - expression.constant,
                         upper: constraint.upper - expression.constant, name: name)
    }

    /// Adds a raw sparse row `lower ≤ Σ coefficients[k]·x[columns[k]] ≤ upper`, stored as
    /// given (no merging: a repeated column is reported by ``validate()``).
    /// - Complexity: O(columns.count).
    @discardableResult
    public mutating func addRow<C: Collection, V: Collection>(
        columns: C, coefficients: V, lower: Double, upper: Double, name: String = ""
    ) -> Constraint where C.Element == Int, V.Element == Double {
        precondition(columns.count == coefficients.count, "columns and coefficients differ in length")
        // Copy each row as a block: element-wise generic appends cost a malloc per nonzero
        // when this generic is not specialised for a caller in another module.
        let copiedColumns: Void? = columns.withContiguousStorageIfAvailable { buffer in
            entryColumn.append(contentsOf: buffer.lazy.map { Int32(truncatingIfNeeded: $0) })
        }
        if copiedColumns == nil { entryColumn.append(contentsOf: columns.lazy.map { Int32(truncatingIfNeeded: $0) }) }
        let copiedValues: Void? = coefficients.withContiguousStorageIfAvailable { entryValue.append(contentsOf: $0) }
        if copiedValues == nil { entryValue.append(contentsOf: coefficients) }
        return appendRow(lower: lower, upper: upper, name: name)
    }

    private mutating func appendRow(lower: Double, upper: Double, name: String) -> Constraint {
        rowLower.append(lower)
        rowUpper.append(upper)
        rowNames.append(name)
        rowStart.append(entryValue.count)
        return Constraint(index: rowLower.count - 1)
    }

    /// Renames every row through `transform`.
    public mutating func renameRows(_ transform: (String) -> String) {
        for i in rowNames.indices { rowNames[i] = transform(rowNames[i]) }
    }

    /// Changes a row's bounds.
    public mutating func setBounds(_ constraint: Constraint, lower: Double, upper: Double) {
        rowLower[constraint.index] = lower
        rowUpper[constraint.index] = upper
    }

    /// The entries of one row as (column, coefficient) pairs.
    public func row(_ constraint: Constraint) -> [(column: Int, coefficient: Double)] {
        (rowStart[constraint.index]..<rowStart[constraint.index + 1]).map { (Int(entryColumn[$0]), entryValue[$0]) }
    }

    /// The value of the objective (constant included) at a point.
    public func objectiveValue(at values: [Double]) -> Double {
        var total = objectiveConstant
        for j in objective.indices where objective[j] != 0 { total += objective[j] * values[j] }
        return total
    }

    /// The activity `Σ a·x` of every row at a point.
    /// - Complexity: O(nonzeros).
    public func rowActivities(at values: [Double]) -> [Double] {
        var activities = [Double](repeating: 0, count: constraintCount)
        for i in 0..<constraintCount {
            var total = 0.0
            for k in rowStart[i]..<rowStart[i + 1] { total += entryValue[k] * values[Int(entryColumn[k])] }
            activities[i] = total
        }
        return activities
    }

    /// A readable name for a column: its name, or `x<index+1>`.
    public func displayName(of variable: Variable) -> String {
        let name = columnNames[variable.index]
        return name.isEmpty ? "x\(variable.index + 1)" : name
    }

    /// A readable name for a row: its name, or `r<index+1>`.
    public func displayName(of constraint: Constraint) -> String {
        let name = rowNames[constraint.index]
        return name.isEmpty ? "r\(constraint.index + 1)" : name
    }
}

extension Model {
    /// Builds a model from raw arrays (used by readers of LP/MPS files).
    public init(
        name: String, sense: ObjectiveSense, objective: [Double], objectiveConstant: Double,
        columnLower: [Double], columnUpper: [Double], columnKind: [VariableKind], columnNames: [String],
        rowLower: [Double], rowUpper: [Double], rowNames: [String],
        rowStart: [Int], entryColumn: [Int32], entryValue: [Double]
    ) {
        self.name = name
        self.sense = sense
        self.objective = objective
        self.objectiveConstant = objectiveConstant
        self.columnLower = columnLower
        self.columnUpper = columnUpper
        self.columnKind = columnKind
        self.columnNames = columnNames
        self.rowLower = rowLower
        self.rowUpper = rowUpper
        self.rowNames = rowNames
        self.rowStart = rowStart
        self.entryColumn = entryColumn
        self.entryValue = entryValue
    }
}
