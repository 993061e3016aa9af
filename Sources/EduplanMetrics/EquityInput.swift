/// What the equity metrics of one plan (or one level of it) are computed from: parallel
/// arrays with one entry per school.
public struct EquityInput: Sendable, Equatable {
    /// School ids (ties in sorting compare them byte by byte).
    public var ids: [String]
    /// Pupils n_s, the weights of the per-pupil metrics.
    public var pupils: [Double]
    /// Money X_s, all non-dispatch categories.
    public var allocation: [Double]
    /// Need N^all_s, all non-dispatch categories (the base of the Hoover shares).
    public var need: [Double]
    /// Region index of each school (for Theil's between/within split and region income).
    public var region: [Int]
    /// Income per capita by region index, nil where not given.
    public var regionIncome: [Double?]

    /// Creates the input; every per-school array must have one entry per id and every
    /// region index must be a valid index of `regionIncome`.
    public init(
        ids: [String], pupils: [Double], allocation: [Double], need: [Double],
        region: [Int], regionIncome: [Double?]
    ) {
        let count = ids.count
        precondition(pupils.count == count && allocation.count == count && need.count == count
                     && region.count == count, "every per-school array needs one entry per school")
        precondition(region.allSatisfy { regionIncome.indices.contains($0) },
                     "every region index must be an index of regionIncome")
        self.ids = ids
        self.pupils = pupils
        self.allocation = allocation
        self.need = need
        self.region = region
        self.regionIncome = regionIncome
    }

    /// The number of schools.
    public var count: Int { ids.count }

    /// Per-pupil allocation v_s = X_s / n_s, and 0 for schools without pupils (which the
    /// per-pupil metrics leave out).
    public var perPupil: [Double] {
        zip(allocation, pupils).map { allocated, pupils in pupils > 0 ? allocated / pupils : 0 }
    }

    /// Income per capita of each school's region.
    public var schoolIncome: [Double?] { region.map { regionIncome[$0] } }

    /// The same input restricted to some schools (for example one level), regions kept.
    public func restricted<Indices: Sequence<Int>>(to indices: Indices) -> EquityInput {
        let kept = Array(indices)
        return EquityInput(
            ids: kept.map { ids[$0] }, pupils: kept.map { pupils[$0] },
            allocation: kept.map { allocation[$0] }, need: kept.map { need[$0] },
            region: kept.map { region[$0] }, regionIncome: regionIncome)
    }
}
