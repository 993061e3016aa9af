extension Equity {
    /// The consistency of teacher allocation: R² of the least-squares regression (with
    /// intercept) of teachers on pupils across schools, each school one observation.
    ///
    /// Near 1, teachers follow enrolment; lower values mean schools of the same size are
    /// staffed very differently. Schools with no pupils are left out.
    ///
    /// - Parameters:
    ///   - pupils: n_s per school.
    ///   - teachers: Teachers per school (all subjects; after dispatch, e + dispatched).
    /// - Returns: Nil when fewer than two schools have pupils, or pupils or teachers do not
    ///   vary among them (the regression or its R² is then undefined).
    /// - Complexity: O(n).
    public static func teacherAllocationR2(pupils: [Double], teachers: [Double]) -> Double? {
        precondition(pupils.count == teachers.count, "pupils and teachers must have the same length")
        var x: [Double] = [], y: [Double] = []
        for (count, staff) in zip(pupils, teachers) where count > 0 {
            precondition(count.isFinite && staff.isFinite, "pupils and teachers must be finite")
            x.append(count)
            y.append(staff)
        }
        let moments = WeightedMoments(x: x, y: y, weights: [Double](repeating: 1, count: x.count))
        return definedValue(moments?.rSquared)
    }

    /// The schools meeting the staffing standard n_s / teachers_s ≤ STR_s, among schools
    /// with pupils.
    ///
    /// A school with pupils and no teachers does not meet it; schools with no pupils are
    /// left out of both the count and the total.
    ///
    /// - Parameters:
    ///   - pupils: n_s per school.
    ///   - teachers: Teachers per school (all subjects).
    ///   - ratio: The standard student–teacher ratio of each school's level.
    /// - Returns: count = schools meeting the standard, total = schools with pupils.
    /// - Complexity: O(n).
    public static func staffingStandard(pupils: [Double], teachers: [Double], ratio: [Double]) -> CountShare {
        precondition(pupils.count == teachers.count && teachers.count == ratio.count,
                     "pupils, teachers and ratio must have the same length")
        var meeting = 0
        var counted = 0
        for index in pupils.indices where pupils[index] > 0 {
            counted += 1
            let staff = teachers[index]
            if staff > 0 && pupils[index] / staff <= ratio[index] { meeting += 1 }
        }
        return CountShare(count: Double(meeting), total: Double(counted))
    }

    /// The share of schools with pupils meeting the staffing standard
    /// (see ``staffingStandard(pupils:teachers:ratio:)``).
    ///
    /// - Returns: Nil when no school has pupils.
    public static func staffingStandardShare(pupils: [Double], teachers: [Double], ratio: [Double]) -> Double? {
        staffingStandard(pupils: pupils, teachers: teachers, ratio: ratio).share
    }

    /// The share of schools meeting one student–teacher ratio for all schools.
    public static func staffingStandardShare(pupils: [Double], teachers: [Double], ratio: Double) -> Double? {
        staffingStandardShare(pupils: pupils, teachers: teachers,
                              ratio: [Double](repeating: ratio, count: pupils.count))
    }
}
