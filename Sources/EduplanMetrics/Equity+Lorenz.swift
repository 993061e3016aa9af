extension Equity {
    /// The Lorenz curve of per-pupil allocation, pupil-weighted: entries sorted by X / n (ties by
    /// id, byte order), the cumulative share of pupils against the cumulative share of money, from
    /// (0, 0) to (1, 1). Entries without pupils are left out, as in every per-pupil metric.
    ///
    /// Vertices closer than `resolution` in both coordinates to the last one kept are dropped (the
    /// curve is convex, so the drawn line stays within `resolution` of the exact one).
    ///
    /// - Parameters:
    ///   - ids: Each entry's id (breaks ties of per-pupil allocation).
    ///   - pupils: n per entry.
    ///   - allocation: X per entry.
    /// - Returns: Nil when there are no pupils or no money.
    /// - Complexity: O(n log n).
    public static func lorenzCurve(ids: [String], pupils: [Double], allocation: [Double],
                                   resolution: Double = 0.0025) -> [(x: Double, y: Double)]? {
        precondition(ids.count == pupils.count && pupils.count == allocation.count, "ids, pupils and allocation must have the same length")
        let rows = ids.indices.filter { pupils[$0] > 0 }
            .map { (id: ids[$0], pupils: pupils[$0], money: allocation[$0], value: allocation[$0] / pupils[$0]) }
            .sorted { $0.value != $1.value ? $0.value < $1.value : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let totalPupils = rows.reduce(0) { $0 + $1.pupils }
        let money = rows.reduce(0) { $0 + $1.money }
        guard totalPupils > 0, money > 0 else { return nil }
        var points: [(x: Double, y: Double)] = [(0, 0)]
        var cumulativePupils = 0.0, cumulativeMoney = 0.0
        for (i, row) in rows.enumerated() {
            cumulativePupils += row.pupils
            cumulativeMoney += row.money
            let point = (x: cumulativePupils / totalPupils, y: cumulativeMoney / money)
            let last = points[points.count - 1]
            if i == rows.count - 1 || point.x - last.x >= resolution || point.y - last.y >= resolution {
                points.append(point)
            }
        }
        points[points.count - 1] = (1, 1)
        return points
    }
}
