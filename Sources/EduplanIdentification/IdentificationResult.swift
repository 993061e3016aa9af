import EduplanScenario

/// Counts of one group of students (a school, a region, everyone), from which every Alkire–Foster
/// measure follows. Counts add up: a region's counts are the sum of its schools'.
public struct DeprivationCounts: Sendable, Equatable, Codable {
    /// n: student records.
    public var students: Int
    /// q: students identified as poor (c_i ≥ k).
    public var identified: Int
    /// Students deprived in each dimension (uncensored), parallel to the configuration's dimensions.
    public var deprived: [Int]
    /// Students identified as poor and deprived in each dimension (censored).
    public var censored: [Int]
    /// Students with each attribute (columns counted, not scored).
    public var attributes: [Int]
    /// Students identified as poor and with each attribute.
    public var identifiedAttributes: [Int]

    public init(dimensions: Int, attributes: Int = 0) {
        students = 0
        identified = 0
        deprived = [Int](repeating: 0, count: dimensions)
        censored = [Int](repeating: 0, count: dimensions)
        self.attributes = [Int](repeating: 0, count: attributes)
        identifiedAttributes = [Int](repeating: 0, count: attributes)
    }

    public init(students: Int, identified: Int, deprived: [Int], censored: [Int], attributes: [Int] = [],
                identifiedAttributes: [Int] = []) {
        precondition(deprived.count == censored.count, "one deprived and one censored count per dimension")
        precondition(attributes.count == identifiedAttributes.count, "two counts per attribute")
        self.students = students
        self.identified = identified
        self.deprived = deprived
        self.censored = censored
        self.attributes = attributes
        self.identifiedAttributes = identifiedAttributes
    }

    /// Adds another group's counts.
    public mutating func add(_ other: DeprivationCounts) {
        students += other.students
        identified += other.identified
        for d in deprived.indices {
            deprived[d] += other.deprived[d]
            censored[d] += other.censored[d]
        }
        for a in attributes.indices {
            attributes[a] += other.attributes[a]
            identifiedAttributes[a] += other.identifiedAttributes[a]
        }
    }

    /// The value of a count source (for `--write-counts`).
    public func count(_ source: CountSource) -> Int {
        switch source {
        case .students: return students
        case .identified: return identified
        case let .deprived(d): return deprived[d]
        case let .censored(d): return censored[d]
        case let .attribute(a): return attributes[a]
        case let .identifiedAttribute(a): return identifiedAttributes[a]
        }
    }
}

/// The Alkire–Foster measures of one group (MODEL.md §9).
///
/// With n students, q of them poor, weights w_d and censored counts h_d (poor and deprived in d):
/// - H = q / n, the headcount ratio;
/// - A = Σ_{poor} c_i / q = Σ_d w_d h_d / q, the intensity (mean score of the poor);
/// - M0 = H · A = Σ_d w_d h_d / n, the adjusted headcount ratio;
/// - censored headcount ratio of d: h_d / n; uncensored: (deprived in d) / n;
/// - contribution of d: w_d · (h_d / n) / M0 · 100 (percent); the contributions sum to 100.
///
/// Undefined values are nil, never NaN: with n = 0 every ratio is nil; with q = 0, A and the
/// contributions are nil and H = M0 = 0.
public struct PovertyMeasures: Sendable, Equatable {
    /// H = q / n.
    public var headcountRatio: Double?
    /// A = mean c_i of the poor.
    public var intensity: Double?
    /// M0 = H · A.
    public var adjustedHeadcount: Double?
    /// (deprived in d) / n, per dimension.
    public var uncensoredHeadcount: [Double?]
    /// (poor and deprived in d) / n, per dimension.
    public var censoredHeadcount: [Double?]
    /// Each dimension's share of M0, in percent.
    public var contribution: [Double?]

    /// The measures of `counts` under the dimensions' weights.
    /// - Complexity: O(D).
    public init(counts: DeprivationCounts, weights: [Double]) {
        precondition(weights.count == counts.censored.count, "one weight per dimension")
        let n = Double(counts.students), q = Double(counts.identified)
        // Σ_{poor} c_i, summed per dimension from whole counts: exact up to the weights' own rounding,
        // and independent of the order the students came in.
        var weightedCensored = 0.0
        for d in weights.indices { weightedCensored += weights[d] * Double(counts.censored[d]) }
        guard counts.students > 0 else {
            headcountRatio = nil
            intensity = nil
            adjustedHeadcount = nil
            uncensoredHeadcount = weights.map { _ in nil }
            censoredHeadcount = weights.map { _ in nil }
            contribution = weights.map { _ in nil }
            return
        }
        headcountRatio = q / n
        intensity = counts.identified > 0 ? weightedCensored / q : nil
        adjustedHeadcount = weightedCensored / n
        uncensoredHeadcount = counts.deprived.map { Double($0) / n }
        censoredHeadcount = counts.censored.map { Double($0) / n }
        contribution = weights.indices.map { d in
            weightedCensored > 0 ? weights[d] * Double(counts.censored[d]) / weightedCensored * 100 : nil
        }
    }
}

/// One group's identification: its id, counts and measures.
public struct GroupIdentification: Sendable, Equatable {
    /// School id, region id, or `all`.
    public var id: String
    /// The region of a school (when a scenario was given); nil for regions and the total.
    public var region: String?
    public var counts: DeprivationCounts
    public var measures: PovertyMeasures
}

/// The outcome of `identify`: per school, per region (when a scenario was given) and in total.
public struct IdentificationResult: Sendable {
    public var config: IdentificationConfig
    /// Student rows read.
    public var rows: Int
    /// Schools with at least one student, in the scenario's order (or by id, byte by byte, without one).
    public var schools: [GroupIdentification]
    /// Regions with at least one student, in the scenario's order; empty without a scenario.
    public var regions: [GroupIdentification]
    /// All students.
    public var total: GroupIdentification
    /// Schools of the scenario without any student row (their counts are left as they were).
    public var schoolsWithoutStudents: [String]
    /// Warnings met (extra columns, schools without students).
    public var warnings: [ScenarioProblem]
}
