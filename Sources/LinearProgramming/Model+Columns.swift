extension Model {
    /// A column to add to existing rows: its bounds, name and (row, coefficient) entries.
    public struct NewColumn: Sendable {
        public var lower: Double
        public var upper: Double
        public var name: String
        /// Entries in rows of the model, each row at most once.
        public var entries: [(row: Int, coefficient: Double)]

        public init(lower: Double, upper: Double, name: String, entries: [(row: Int, coefficient: Double)]) {
            self.lower = lower
            self.upper = upper
            self.name = name
            self.entries = entries
        }
    }

    /// This model with `columns` appended (continuous, objective coefficient 0), their entries
    /// placed in the rows they name. Rows are stored row by row, so the rows are copied once.
    /// - Complexity: O(nonzeros + new entries).
    public func addingColumns(_ columns: [NewColumn]) -> Model {
        var extra = [[(column: Int32, coefficient: Double)]](repeating: [], count: constraintCount)
        for (k, column) in columns.enumerated() {
            for entry in column.entries { extra[entry.row].append((Int32(variableCount + k), entry.coefficient)) }
        }
        var starts = [0], entryColumns: [Int32] = [], entryValues: [Double] = []
        let added = extra.reduce(0) { $0 + $1.count }
        entryColumns.reserveCapacity(nonzeroCount + added)
        entryValues.reserveCapacity(nonzeroCount + added)
        starts.reserveCapacity(constraintCount + 1)
        for i in 0..<constraintCount {
            entryColumns.append(contentsOf: entryColumn[rowStart[i]..<rowStart[i + 1]])
            entryValues.append(contentsOf: entryValue[rowStart[i]..<rowStart[i + 1]])
            entryColumns.append(contentsOf: extra[i].map(\.column))
            entryValues.append(contentsOf: extra[i].map(\.coefficient))
            starts.append(entryValues.count)
        }
        return Model(name: name, sense: sense, objective: objective + columns.map { _ in 0 },
                     objectiveConstant: objectiveConstant, columnLower: columnLower + columns.map(\.lower),
                     columnUpper: columnUpper + columns.map(\.upper),
                     columnKind: columnKind + columns.map { _ in .continuous }, columnNames: columnNames + columns.map(\.name),
                     rowLower: rowLower, rowUpper: rowUpper, rowNames: rowNames, rowStart: starts,
                     entryColumn: entryColumns, entryValue: entryValues)
    }
}
