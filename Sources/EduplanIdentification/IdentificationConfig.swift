import EduplanScenario
import Foundation

/// When a student counts as deprived in one dimension.
public enum DeprivationRule: Sendable, Equatable {
    /// Deprived when value < cutoff (strictly below: a student exactly at the cutoff is not deprived).
    case below(Double)
    /// Deprived when value > cutoff (strictly above).
    case above(Double)
    /// Deprived when value ≤ cutoff.
    case atMost(Double)
    /// Deprived when value ≥ cutoff.
    case atLeast(Double)
    /// Deprived when the cell, trimmed of spaces, is one of these texts (compared ignoring ASCII case):
    /// for flag and category columns (`registered_poor: yes`, `health: poor`).
    case values([String])

    /// Whether a number is deprived (always false for ``values(_:)``, which compares text).
    @inline(__always)
    public func isDeprived(_ value: Double) -> Bool {
        switch self {
        case let .below(z): return value < z
        case let .above(z): return value > z
        case let .atMost(z): return value <= z
        case let .atLeast(z): return value >= z
        case .values: return false
        }
    }

    /// Whether the rule reads numbers.
    public var isNumeric: Bool {
        if case .values = self { return false }
        return true
    }
}

/// One dimension of deprivation: a column of the student file, its cutoff z_d and weight w_d (MODEL.md §9).
public struct Dimension: Sendable, Equatable {
    /// The column of the student file (and the dimension's name in reports).
    public var column: String
    public var rule: DeprivationRule
    /// w_d > 0; the weights of a configuration sum to 1.
    public var weight: Double
}

/// A column that is counted but not scored: a student attribute such as `boarding`, used to write
/// counts like `poor_boarding` (identified and boarding) with `--write-counts`.
public struct Attribute: Sendable, Equatable {
    public var column: String
    /// When a student has the attribute (the same rules as a dimension's deprivation).
    public var rule: DeprivationRule
}

/// What an empty dimension cell means.
public enum MissingValuePolicy: String, Sendable, Equatable, CaseIterable {
    /// An input error (the default: Alkire–Foster needs every student's every dimension).
    case error
    /// The student is not deprived in that dimension.
    case notDeprived = "not_deprived"
    /// The student is deprived in that dimension.
    case deprived
}

/// Which identified count goes into a school count field (`poor`, `disabled`, …) with `--write-counts`.
public enum CountSource: Sendable, Equatable {
    /// Every student record of the school.
    case students
    /// Students identified as poor (c_i ≥ k).
    case identified
    /// Students deprived in a dimension (index into ``IdentificationConfig/dimensions``).
    case deprived(Int)
    /// Students identified as poor and deprived in a dimension (the censored count).
    case censored(Int)
    /// Students with an attribute (index into ``IdentificationConfig/attributes``).
    case attribute(Int)
    /// Students identified as poor and with an attribute.
    case identifiedAttribute(Int)
}

/// An Alkire–Foster identification: dimensions with cutoffs and weights, the poverty cutoff k, and how
/// identified counts map into a scenario's school counts.
///
/// A student's deprivation score is c_i = Σ_d w_d · [deprived in d]; the student is identified as poor
/// when c_i ≥ k. Because the weights are decimals (1/3 is not exact in binary), the comparison allows
/// 10⁻⁹: identified when c_i ≥ k − 10⁻⁹ (and c_i > 0). k must lie in (0, 1]: k at or below the smallest weight is the
/// union approach (deprived in any dimension), k = 1 the intersection approach (deprived in all);
/// k = 0 would call every student poor, deprived or not, and is rejected.
public struct IdentificationConfig: Sendable, Equatable {
    public var dimensions: [Dimension]
    /// Columns counted but not scored (for `--write-counts`).
    public var attributes: [Attribute]
    /// k in (0, 1].
    public var povertyCutoff: Double
    public var missing: MissingValuePolicy
    /// School count fields written by `--write-counts`, in the order given.
    public var counts: [(field: CountField, source: CountSource)]

    /// Slack on c_i ≥ k, for weights that are not exact in binary.
    public static let tolerance = 1e-9
    /// At most this many dimensions and attributes together (a student's deprivations are one 64-bit mask).
    public static let maximumDimensions = 64

    public init(dimensions: [Dimension], attributes: [Attribute] = [], povertyCutoff: Double, missing: MissingValuePolicy = .error,
                counts: [(field: CountField, source: CountSource)] = []) {
        self.dimensions = dimensions
        self.attributes = attributes
        self.povertyCutoff = povertyCutoff
        self.missing = missing
        self.counts = counts
    }

    public static func == (lhs: IdentificationConfig, rhs: IdentificationConfig) -> Bool {
        lhs.dimensions == rhs.dimensions && lhs.attributes == rhs.attributes && lhs.povertyCutoff == rhs.povertyCutoff && lhs.missing == rhs.missing
            && lhs.counts.map(\.field) == rhs.counts.map(\.field) && lhs.counts.map(\.source) == rhs.counts.map(\.source)
    }

    /// c = Σ_d w_d over the dimensions set in `mask` (bit d: deprived in dimension d).
    /// - Complexity: O(D).
    public func score(mask: UInt64) -> Double {
        var c = 0.0
        for d in dimensions.indices where mask & (1 << UInt64(d)) != 0 { c += dimensions[d].weight }
        return c
    }

    /// c_i from one flag per dimension.
    public func score(deprived: [Bool]) -> Double {
        precondition(deprived.count == dimensions.count, "one flag per dimension")
        var mask: UInt64 = 0
        for (d, flag) in deprived.enumerated() where flag { mask |= 1 << UInt64(d) }
        return score(mask: mask)
    }

    /// Whether a score identifies the student as poor: c ≥ k − 10⁻⁹ and c > 0 (a student deprived in
    /// nothing is never poor, however small k is).
    @inline(__always)
    public func isPoor(score: Double) -> Bool { score > 0 && score >= povertyCutoff - Self.tolerance }

    /// Problems with the values themselves (the reader reports them with their YAML position).
    /// Empty when the configuration is usable.
    public func validate() -> [String] {
        var problems: [String] = []
        if dimensions.isEmpty { problems.append("at least one dimension") }
        if dimensions.count + attributes.count > Self.maximumDimensions {
            problems.append("at most \(Self.maximumDimensions) dimensions and attributes")
        }
        if !(povertyCutoff > 0 && povertyCutoff <= 1) { problems.append("a poverty cutoff k with 0 < k ≤ 1") }
        let total = dimensions.reduce(0) { $0 + $1.weight }
        if !dimensions.isEmpty, abs(total - 1) > 1e-9 { problems.append("weights summing to 1 (within 1e-9); they sum to \(total)") }
        return problems
    }
}
