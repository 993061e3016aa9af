import EduplanScenario
import Foundation

/// What a ``Claim`` states.
public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    /// A fund's value per unit of money: −d(objective)/d(B_f), the objective's improvement per
    /// extra unit in the fund (weighted benefit points, net of soft penalties).
    case fundMarginalValue = "fund_marginal_value"
    /// The fund spends its whole amount (B_f − spent ≤ 1e-9 · max(1, B_f)).
    case fundFullyUsed = "fund_fully_used"
    /// The fund spends exactly its minimum m_f B_f (within the same tolerance) and not all of it.
    case fundMinimumBinds = "fund_minimum_binds"
    /// The fund spends more than its minimum and less than its amount.
    case fundPartlyUsed = "fund_partly_used"
    /// A hard rule holds with equality somewhere (a row at its bound within 1e-7 relative).
    case ruleBinding = "rule_binding"
    /// A hard rule holds with slack everywhere.
    case ruleNotBinding = "rule_not_binding"
    /// A binding hard rule's cost: d(objective)/d(parameter).
    case ruleMarginalCost = "rule_marginal_cost"
    /// A binding hard region floor's cost (F8, F9): d(objective)/d(L_r) per unit of money of the
    /// floor of the region the subject `rule[region id]` names, valid in the row's ranging.
    case regionFloorCost = "region_floor_cost"
}

/// One statement the solve makes, with everything needed to check it by re-solving: the
/// sentence the text prints is rendered from these fields, and the JSON carries them.
///
/// For a fund's marginal value, ``right`` is what one more unit of money buys (per unit) for
/// every amount up to ``validTo``, and ``left`` what one unit less loses for every amount down to
/// ``validFrom`` (the right-hand-side ranging of the final LP, in the scenario's money); they
/// are equal unless the plan sits at a kink, and ``value`` is ``right`` (else ``left``). A side
/// the ranging cannot see past (an interval of zero width there: a degenerate vertex) is a
/// finite difference of a re-solve at the amount ± ``resolveStep``, and that side's end is the
/// step re-solved. With F2 on, t* is re-optimised with the amount: from the two phases' ranging
/// (``ClaimResolver/levelFundValues()``) where it has width, else re-solved by both phases.
public struct Claim: Sendable, Equatable, Codable {
    public var kind: ClaimKind
    /// The fund id or rule key.
    public var subject: String
    /// The value per unit (a marginal value), or the amount the status is about (spent money).
    @NullWhenNil public var value: Double?
    /// The unit of ``value``.
    public var unit: String
    @NullWhenNil public var validFrom: Double?
    @NullWhenNil public var validTo: Double?
    /// The derivative for a decrease of the parameter (objective change per unit removed, with
    /// the sign of ``value``).
    @NullWhenNil public var left: Double?
    /// The derivative for an increase of the parameter.
    @NullWhenNil public var right: Double?
    /// The English sentence.
    public var text: String
    /// The step of the re-solves behind the numbers (nil: from the LP's ranging). Not written,
    /// and not part of equality (a claim read back from JSON equals the one written).
    public var resolveStep: Double?

    /// Equal when every written field is equal.
    public static func == (a: Claim, b: Claim) -> Bool {
        (a.kind, a.subject, a.unit, a.text) == (b.kind, b.subject, b.unit, b.text)
            && [a.value, a.validFrom, a.validTo, a.left, a.right] == [b.value, b.validFrom, b.validTo, b.left, b.right]
    }

    enum CodingKeys: String, CodingKey {
        case kind, subject, value, unit, left, right, text
        case validFrom = "valid_from"
        case validTo = "valid_to"
    }

    /// A claim with no text yet (``Explain`` renders it).
    public init(kind: ClaimKind, subject: String, value: Double?, unit: String, validFrom: Double? = nil,
                validTo: Double? = nil, left: Double? = nil, right: Double? = nil, text: String = "",
                resolveStep: Double? = nil) {
        self.kind = kind
        self.subject = subject
        self.value = value
        self.unit = unit
        self.validFrom = validFrom
        self.validTo = validTo
        self.left = left
        self.right = right
        self.text = text
        self.resolveStep = resolveStep
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(ClaimKind.self, forKey: .kind)
        subject = try c.decode(String.self, forKey: .subject)
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        unit = try c.decode(String.self, forKey: .unit)
        validFrom = try c.decodeIfPresent(Double.self, forKey: .validFrom)
        validTo = try c.decodeIfPresent(Double.self, forKey: .validTo)
        left = try c.decodeIfPresent(Double.self, forKey: .left)
        right = try c.decodeIfPresent(Double.self, forKey: .right)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
    }
}

/// A fund's marginal value and the claims about it, in scenario order.
public struct FundPrice: Sendable, Equatable {
    /// The fund id.
    public var fund: String
    /// d(objective)/d(B_f) for an extra unit of money (`shadow_prices.funds`); nil with ``reason``.
    public var value: Double?
    /// Why there is no value (no duals, a plan in parts).
    public var reason: String?
    /// The fund's status claim and its marginal-value claim.
    public var claims: [Claim]
    /// Where the fund's next unit of money goes (a category), for the sentence.
    public var channel: String? = nil
}

/// A built rule's marginal cost and the claims about it, in the order the rules are built.
public struct RulePrice: Sendable, Equatable {
    /// The rule key.
    public var rule: String
    /// d(objective)/d(parameter) (`shadow_prices.rules`); nil with ``reason``.
    public var value: Double?
    /// Why there is no value (a soft rule, no duals, a plan in parts).
    public var reason: String?
    /// Whether the rule binds, decided from the plan's activities (false when soft).
    public var binding: Bool
    /// Its status claim and, when binding, its marginal-cost claim.
    public var claims: [Claim]
    /// A region-floor rule's (F8, F9) claim for each region whose floor binds, in region order:
    /// in the JSON's `claims`, not in the rule's sentence (one line per rule, not per region).
    public var regionFloors: [Claim] = []
}

/// A fund's or rule's price: the claims it carries.
public protocol ClaimCarrier {
    /// The claims, in report order.
    var claims: [Claim] { get }
}

extension ClaimCarrier {
    /// The claim of `kind`, if any.
    public func claim(_ kind: ClaimKind) -> Claim? { claims.first { $0.kind == kind } }
    /// The claims' sentences joined by "; " (nil without claims).
    public var sentence: String? { claims.isEmpty ? nil : claims.map(\.text).joined(separator: "; ") }
}

extension FundPrice: ClaimCarrier {}
extension RulePrice: ClaimCarrier {}

extension PlanResult {
    /// Every claim of the Funds and Fairness-rules sections, funds first, in report order.
    public var claims: [Claim] {
        fundPrices.flatMap(\.claims) + rulePrices.flatMap(\.claims) + rulePrices.flatMap(\.regionFloors)
    }

    /// Whether a fund claim was re-solved (a degenerate side, or F2): the degenerate-basis note.
    public var hasResolvedFundClaims: Bool { fundPrices.contains { $0.claims.contains { $0.resolveStep != nil } } }

    /// The price of fund `id`, if the result has one.
    public func fundPrice(_ id: String) -> FundPrice? { fundPrices.first { $0.fund == id } }

    /// The price of rule `key`, if the rule was built.
    public func rulePrice(_ key: String) -> RulePrice? { rulePrices.first { $0.rule == key } }
}
