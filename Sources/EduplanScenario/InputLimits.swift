import Foundation
/// The ranges a scenario's numbers, ids and names must lie in (docs/format.md, "Accepted ranges").
///
/// Every number the loader accepts lies in a range chosen so that whatever `validate` accepts,
/// `solve`, `compare`, `sweep`, `evaluate` and `report` accept too: no Swift trap on a conversion,
/// no infinite objective, no coefficient GLPK cannot tell from 0.
///
/// The objective stays finite at the worst corner of these ranges: π ≤ 6·10⁶ (a base and five β
/// of at most 10⁶, each attribute at most 1), ω ≤ 10⁶, and a need N_{s,k} ≤ 10¹³ × 10⁷ = 10²⁰
/// per rate (or 10¹³ per project), so even 10⁹ schools × 10³ categories × 10⁶ projects each give
/// Σ π ω N below 10⁶⁰, far from the largest Double (1.8·10³⁰⁸); the teacher term π ω V h, the
/// travel term λ·dist·y and the soft penalties ρ·slack are bounded the same way.
public enum InputLimits {
    /// The tiny-value rule: a parameter that is not 0 must be at least this far from 0.
    ///
    /// GLPK checks primal and dual feasibility to an absolute 10⁻⁷ (`tol_bnd`, `tol_dj`) and
    /// refuses pivots below 10⁻¹⁰ (`tol_piv`); a coefficient below 10⁻⁷ changes a row by less than
    /// the tolerance, so its verdict is noise: γ = 10⁻¹⁰⁰ was called infeasible, 10⁻¹⁵ made the
    /// simplex cycle to the time limit, and 10⁻³¹⁰ (a subnormal) made `glp_scale_prob` fail.
    /// 10⁻⁶ keeps every such coefficient ten times above the tolerance.
    public static let tiny = 1e-6
    /// Money: fund amounts, rates, project costs, `value_per_teacher`, `annual_cost`, income.
    public static let money = 1e13
    /// Counts: enrollment and the other school counts, teachers, a group's count.
    public static let count = 10_000_000
    /// A category's weight ω.
    public static let weight: ClosedRange<Double> = 1e-6...1e6
    /// |base| and |β| of the priority rule.
    public static let priorityCoefficient = 1e6
    /// A soft rule's penalty ρ.
    public static let penalty = 1e9
    /// `dispatch.travel_penalty_per_km` (λ).
    public static let travelPenaltyPerKm = 1e9
    /// Student–teacher ratios.
    public static let studentTeacherRatio: ClosedRange<Double> = 0.01...1e4
    /// Kilometres (`max_distance_km`, `distances.csv`): a little more than the Earth's circumference.
    public static let distanceKm = 40_100.0
    /// F4's γ (rural per-pupil money at least γ × urban).
    public static let gamma = 1e3
    /// F6's κ (teachers of shortage left per school).
    public static let shortageCap = Double(count)
    /// `solver.time_limit_s`: up to about 11.6 days, which GLPK's millisecond clock (a 32-bit int) holds.
    public static let timeLimitSeconds = 1e6
    /// `dispatch.candidate_limit`.
    public static let candidateLimit = 1_000_000
    /// A variant's `funds_scale`.
    public static let fundsScale = 1e3
    /// `robust.relative` ρ (a deviation of up to ten times the registered count).
    public static let robustRelative = 10.0
    /// `robust.samples` M.
    public static let robustSamples = 1_000_000
    /// `robust.seed` (2^53 − 1: every seed is exact in the number format).
    public static let robustSeed = 9_007_199_254_740_991
    /// `year`.
    public static let year: ClosedRange<Int> = 1...9999
    /// The smallest priority π_s a school may have (the tiny-value rule applied to π > 0).
    public static let minimumPriority = tiny
    /// An id's length in characters (Unicode scalars).
    public static let idCharacters = 64
    /// An id's length in UTF-8 bytes: GLPK names are at most 255 bytes, and the longest name the
    /// model builds joins three ids (`z[fund,category,region]`): 3 × 80 + 5 ≤ 255.
    public static let idBytes = 80
    /// A display name's length in characters (`name` columns, scenario and variant names, currency).
    public static let nameCharacters = 200

    // The same caps for the files that come after a scenario: plan.json (`solve --previous`,
    // `evaluate`), actuals files, sweep CSVs and a sweep's scaled fund amounts.

    /// Money per line of a plan, actuals or sweep file (an allocation, a flow, a disbursement, a
    /// sum per school and category): the scenario's money cap.
    public static let maxMoney = money
    /// Counts per line (pupils, teachers, a dispatch): the scenario's count cap.
    public static let maxCount = Double(count)
    /// Round-off accepted below 0 in numbers a solver wrote (an allocation of −1e-9 is 0).
    public static let roundOff = 1e-6
    /// `1e13` for messages.
    public static let maxMoneyText = "1e13"
    /// `10,000,000` for messages.
    public static let maxCountText = "10,000,000"

    /// A number as messages show what was found: up to 10 significant digits, `1.2e+13`, `-1e+308`, `inf`.
    public static func shown(_ value: Double) -> String { Format.significant(value, digits: 10) }
}

/// The range a number must lie in, with the words used to say so.
public struct NumberRule: Sendable {
    /// The accepted values (ends included unless excluded below).
    public var range: ClosedRange<Double>
    /// Whether the lower end itself is refused (`time_limit_s > 0`).
    public var excludesLower = false
    /// Whether the upper end itself is refused (`mip_gap < 1`).
    public var excludesUpper = false
    /// The tiny-value rule: a value other than 0 must be at least ``InputLimits/tiny`` from 0.
    public var tinyRule = false
    /// The tiny-value rule at 1 as well: a value other than 1 must be at least ``InputLimits/tiny``
    /// below it (F3 and F7 shares, whose 1 − β is a coefficient of the rule's row).
    public var tinyRuleAtOne = false
    /// What was expected, in the user's words (`an amount from 0 to 1e13`).
    public var expected: String

    /// How a value fares against the rule.
    enum Verdict: Equatable {
        case accepted
        case outOfRange
        /// Not 0 (or 1) but closer to it than ``InputLimits/tiny``.
        case tiny(near: Double)
    }

    func check(_ value: Double) -> Verdict {
        guard value >= range.lowerBound, value <= range.upperBound,
              !(excludesLower && value == range.lowerBound), !(excludesUpper && value == range.upperBound)
        else { return .outOfRange }
        if tinyRule, value != 0, abs(value) < InputLimits.tiny { return .tiny(near: 0) }
        if tinyRuleAtOne, value != 1, abs(1 - value) < InputLimits.tiny { return .tiny(near: 1) }
        return .accepted
    }

    /// What a value that breaks the tiny-value rule was expected to be, and the hint.
    static func tinyProblem(near: Double) -> (expected: String, hint: String) {
        if near == 0 {
            return ("0 or a value at least 1e-6 from 0 (smaller values are below GLPK's tolerances)",
                    "use 0 to switch it off, or a value ≥ 1e-6")
        }
        return ("1 or a value at most 1 − 1e-6 (closer to 1 is below GLPK's tolerances)", "use 1, or a value ≤ 0.999999")
    }

    /// Any finite number (used where the caller checks the range itself).
    public static let any = NumberRule(range: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, expected: "a number")
    /// Money amounts.
    public static let money = NumberRule(range: 0...InputLimits.money, tinyRule: true, expected: "an amount from 0 to 1e13")
    /// Fractions: α, min_spend, Hoover's max, subject shares.
    public static let fraction = NumberRule(range: 0...1, tinyRule: true, expected: "a number from 0 to 1")
    /// F3 and F7 shares: the tiny-value rule at both ends.
    public static let share = NumberRule(range: 0...1, tinyRule: true, tinyRuleAtOne: true, expected: "a share from 0 to 1")
    /// A category's weight ω.
    public static let weight = NumberRule(range: InputLimits.weight, expected: "a weight from 1e-6 to 1e6")
    /// Priority base and β.
    public static let priority = NumberRule(range: -InputLimits.priorityCoefficient...InputLimits.priorityCoefficient, tinyRule: true,
                                     expected: "a number from -1e6 to 1e6")
    /// Soft penalties ρ.
    public static let penalty = NumberRule(range: 0...InputLimits.penalty, tinyRule: true, expected: "a penalty from 0 to 1e9")
    /// λ per km.
    public static let travelPenalty = NumberRule(range: 0...InputLimits.travelPenaltyPerKm, tinyRule: true,
                                          expected: "a penalty per km from 0 to 1e9")
    /// Student–teacher ratios.
    public static let studentTeacherRatio = NumberRule(range: InputLimits.studentTeacherRatio, expected: "a ratio from 0.01 to 10000")
    /// Kilometres.
    public static let distance = NumberRule(range: 0...InputLimits.distanceKm, expected: "a distance from 0 to 40100 km")
    /// F4's γ.
    public static let gamma = NumberRule(range: 0...InputLimits.gamma, tinyRule: true, expected: "γ from 0 to 1000")
    /// F6's κ.
    public static let shortageCap = NumberRule(range: 0...InputLimits.shortageCap, tinyRule: true,
                                        expected: "a number of teachers from 0 to 1e7")
    /// `time_limit_s`.
    public static let timeLimit = NumberRule(range: 0...InputLimits.timeLimitSeconds, excludesLower: true,
                                      expected: "a time limit in seconds, more than 0 and at most 1e6")
    /// `mip_gap`.
    public static let mipGap = NumberRule(range: 0...1, excludesUpper: true, expected: "a relative gap from 0 up to (not including) 1")
    /// A variant's `funds_scale`.
    public static let fundsScale = NumberRule(range: 0...InputLimits.fundsScale, tinyRule: true, expected: "a factor from 0 to 1000")
    /// `robust.relative` ρ.
    public static let robustRelative = NumberRule(range: 0...InputLimits.robustRelative, tinyRule: true,
                                                  expected: "a fraction of the count from 0 to 10")
    /// Latitude and longitude.
    public static let latitude = NumberRule(range: -90...90, expected: "a latitude from -90 to 90")
    public static let longitude = NumberRule(range: -180...180, expected: "a longitude from -180 to 180")
}

extension NumberRule {
    /// What is wrong with `value` under this rule, or nil when it is accepted. `expected` replaces
    /// the rule's own words for an out-of-range value.
    public func problem(_ value: Double, expected: String? = nil) -> (expected: String, hint: String?)? {
        switch check(value) {
        case .accepted: return nil
        case .outOfRange: return (expected ?? self.expected, nil)
        case let .tiny(near):
            let tiny = Self.tinyProblem(near: near)
            return (tiny.expected, tiny.hint)
        }
    }
}
