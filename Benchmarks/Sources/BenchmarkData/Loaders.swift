// The two ways of getting a LoadInstance into GLPK that the benchmarks compare:
// through the modelling layer (Model + GLPKProblem), and by direct glp_* calls.

import CGLPKBench
import GLPKSolver
import LinearProgramming

// MARK: Modelling layer

public enum Layer {
    /// What a user of LinearProgramming writes for data already in CSR form: reserve, one
    /// `addVariable` + objective coefficient per column, one raw `addRow` per row.
    public static func buildModel(_ instance: LoadInstance, reserve: Bool = true) -> Model {
        var model = Model(name: "load")
        if reserve {
            model.reserve(variables: instance.columns, constraints: instance.rows, nonzeros: instance.nonzeros)
        }
        model.sense = .minimize
        for j in 0..<instance.columns {
            let x = model.addVariable(lower: instance.columnLower[j], upper: instance.columnUpper[j])
            model.setObjectiveCoefficient(x, instance.objective[j])
        }
        for i in 0..<instance.rows {
            let range = instance.rowStart[i]..<instance.rowStart[i + 1]
            model.addRow(columns: instance.entryColumn[range], coefficients: instance.entryValue[range],
                         lower: instance.rowLower[i], upper: instance.rowUpper[i])
        }
        return model
    }

    /// The same model through the raw-array initializer `Model(name:sense:objective:…)`
    /// (documented for file readers): no per-row calls, one pass to narrow columns to Int32.
    public static func buildModelBulk(_ instance: LoadInstance) -> Model {
        let n = instance.columns, m = instance.rows
        return Model(
            name: "load", sense: .minimize, objective: instance.objective, objectiveConstant: 0,
            columnLower: instance.columnLower, columnUpper: instance.columnUpper,
            columnKind: [VariableKind](repeating: .continuous, count: n),
            columnNames: [String](repeating: "", count: n),
            rowLower: instance.rowLower, rowUpper: instance.rowUpper,
            rowNames: [String](repeating: "", count: m),
            rowStart: instance.rowStart,
            entryColumn: instance.entryColumn.map { Int32(truncatingIfNeeded: $0) },
            entryValue: instance.entryValue)
    }

    /// `GLPKProblem(model:)` (validate + load) and `close()`. Returns a value to keep it alive.
    public static func load(_ model: Model) throws -> Int {
        let problem = try GLPKProblem(model: model)
        let check = problem.variableCount + problem.constraintCount
        try problem.close()
        return check
    }

    /// The whole user path: build the model from the triplets, load it, free it.
    public static func buildAndLoad(_ instance: LoadInstance) throws -> Int {
        try load(buildModel(instance))
    }

    /// The transportation LP of the solve benchmark, built with raw rows.
    public static func transportModel(_ t: TransportInstance) -> Model {
        var model = Model(name: "transport")
        let n = t.columns
        model.reserve(variables: n, constraints: t.rows, nonzeros: 3 * n)
        for a in 0..<n {
            let x = model.addVariable(lower: 0, upper: .infinity)
            model.setObjectiveCoefficient(x, t.arcCost[a])
        }
        model.sense = .minimize
        // Arcs grouped by supplier and by customer (counting sort).
        func group(_ key: [Int], _ count: Int) -> (start: [Int], arcs: [Int]) {
            var start = [Int](repeating: 0, count: count + 1)
            for k in key { start[k + 1] += 1 }
            for i in 0..<count { start[i + 1] += start[i] }
            var fill = start
            var arcs = [Int](repeating: 0, count: key.count)
            for (a, k) in key.enumerated() { arcs[fill[k]] = a; fill[k] += 1 }
            return (start, arcs)
        }
        let bySupplier = group(t.arcSupplier, t.suppliers)
        for s in 0..<t.suppliers {
            let arcs = bySupplier.arcs[bySupplier.start[s]..<bySupplier.start[s + 1]]
            model.addRow(columns: arcs, coefficients: repeatElement(1.0, count: arcs.count),
                         lower: -.infinity, upper: t.supply[s], name: "supply\(s)")
        }
        let byCustomer = group(t.arcCustomer, t.customers)
        for d in 0..<t.customers {
            let arcs = byCustomer.arcs[byCustomer.start[d]..<byCustomer.start[d + 1]]
            model.addRow(columns: arcs, coefficients: repeatElement(1.0, count: arcs.count),
                         lower: t.demand[d], upper: .infinity, name: "demand\(d)")
        }
        model.addRow(columns: 0..<n, coefficients: t.arcWeight, lower: -.infinity, upper: t.budget, name: "budget")
        return model
    }
}

// MARK: Direct glp_* calls

/// The instance in GLPK's own form: bound types, finite bounds, 1-based triplets (index 0 unused).
public struct GLPKArrays: Sendable {
    public let rows: Int32
    public let columns: Int32
    public let nonzeros: Int32
    public var rowType: [Int32]
    public var rowLower: [Double]
    public var rowUpper: [Double]
    public var columnType: [Int32]
    public var columnLower: [Double]
    public var columnUpper: [Double]
    public var objective: [Double]
    public var ia: [Int32]
    public var ja: [Int32]
    public var ar: [Double]

    static func type(_ lower: Double, _ upper: Double) -> Int32 {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return GLP_FR
        case (true, false): return GLP_LO
        case (false, true): return GLP_UP
        case (true, true): return lower == upper ? GLP_FX : GLP_DB
        }
    }

    /// Converts the triplets as a careful direct-API user would (one pass, preallocated).
    public init(_ instance: LoadInstance) {
        let m = instance.rows, n = instance.columns, nz = instance.nonzeros
        rows = Int32(m)
        columns = Int32(n)
        nonzeros = Int32(nz)
        rowType = [Int32](repeating: 0, count: m)
        rowLower = [Double](repeating: 0, count: m)
        rowUpper = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let lo = instance.rowLower[i], hi = instance.rowUpper[i]
            rowType[i] = Self.type(lo, hi)
            rowLower[i] = lo.isFinite ? lo : 0
            rowUpper[i] = hi.isFinite ? hi : 0
        }
        columnType = [Int32](repeating: 0, count: n)
        columnLower = [Double](repeating: 0, count: n)
        columnUpper = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let lo = instance.columnLower[j], hi = instance.columnUpper[j]
            columnType[j] = Self.type(lo, hi)
            columnLower[j] = lo.isFinite ? lo : 0
            columnUpper[j] = hi.isFinite ? hi : 0
        }
        objective = instance.objective
        ia = [Int32](repeating: 0, count: nz + 1)
        ja = [Int32](repeating: 0, count: nz + 1)
        ar = [Double](repeating: 0, count: nz + 1)
        for i in 0..<m {
            for k in instance.rowStart[i]..<instance.rowStart[i + 1] {
                ia[k + 1] = Int32(i + 1)
                ja[k + 1] = Int32(instance.entryColumn[k] + 1)
                ar[k + 1] = instance.entryValue[k]
            }
        }
    }
}

public enum Direct {
    /// glp_create_prob, glp_add_rows/cols, glp_set_row_bnds/col_bnds, glp_set_obj_coef,
    /// one glp_load_matrix, glp_delete_prob. Returns the nonzero count GLPK stored.
    public static func load(_ a: GLPKArrays) -> Int {
        guard let P = glp_create_prob() else { fatalError("glp_create_prob failed") }
        glp_set_prob_name(P, "load")
        glp_set_obj_dir(P, GLP_MIN)
        glp_add_rows(P, a.rows)
        glp_add_cols(P, a.columns)
        a.rowType.withUnsafeBufferPointer { type in
            a.rowLower.withUnsafeBufferPointer { lower in
                a.rowUpper.withUnsafeBufferPointer { upper in
                    for i in 0..<Int(a.rows) { glp_set_row_bnds(P, Int32(i + 1), type[i], lower[i], upper[i]) }
                }
            }
        }
        a.columnType.withUnsafeBufferPointer { type in
            a.columnLower.withUnsafeBufferPointer { lower in
                a.columnUpper.withUnsafeBufferPointer { upper in
                    a.objective.withUnsafeBufferPointer { objective in
                        for j in 0..<Int(a.columns) {
                            glp_set_col_bnds(P, Int32(j + 1), type[j], lower[j], upper[j])
                            glp_set_obj_coef(P, Int32(j + 1), objective[j])
                        }
                    }
                }
            }
        }
        a.ia.withUnsafeBufferPointer { ia in
            a.ja.withUnsafeBufferPointer { ja in
                a.ar.withUnsafeBufferPointer { ar in
                    glp_load_matrix(P, a.nonzeros, ia.baseAddress, ja.baseAddress, ar.baseAddress)
                }
            }
        }
        let check = Int(glp_get_num_nz(P))
        glp_delete_prob(P)
        return check
    }

    /// The direct path including the conversion from the user's triplets to GLPK's arrays.
    public static func convertAndLoad(_ instance: LoadInstance) -> Int {
        load(GLPKArrays(instance))
    }
}

/// Shared, lazily generated instances (generated once per process, outside any timed region).
public enum Shared {
    public static let load = LoadInstance.generate()
    public static let loadArrays = GLPKArrays(load)
    public static let transport = TransportInstance.generate()
}
