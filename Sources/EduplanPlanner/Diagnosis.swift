import EduplanScenario
import Foundation
import LinearProgramming

/// The first layer of an elastic diagnosis (docs/model.md, "Elastic diagnosis"): what must give,
/// summed in money by rule, fund, category and region, with the smallest top-ups. The second
/// layer is the list itself (`diagnosis`, and `diagnosis.csv` with `solve --out`).
///
/// Each sum adds the money of the lines that are about one fund, category or region; a line
/// about none (a province-wide rule, the move cap) is only in `byRule` and `total`. Mandatory
/// shortfalls are not attributed to funds: several funds may be eligible, and which one "should"
/// have paid is not defined. `byFund` is the minimum-spend slack of each fund.
public struct DiagnosisSummary: Sendable, Codable, Equatable {
    /// Money by rule key (`mandatory`, `min_spend`, `max_moves`, a fairness rule's key).
    public var byRule: [String: Double]
    /// Money by fund id: the slack of the fund's minimum spend.
    public var byFund: [String: Double]
    /// Money by category id: mandatory shortfalls, coverage floors and robust reserves.
    public var byCategory: [String: Double]
    /// Money by region id: lines about one school, summed over the school's region, and lines about
    /// one region (a robust reserve).
    public var byRegion: [String: Double]
    /// Σ money over every line: the elastic optimum.
    public var total: Double
    /// The number of lines of the diagnosis.
    public var lines: Int
    /// The smallest top-ups (nil when not computed).
    public var topUp: TopUpSummary?

    enum CodingKeys: String, CodingKey {
        case total, lines
        case byRule = "by_rule"
        case byFund = "by_fund"
        case byCategory = "by_category"
        case byRegion = "by_region"
        case topUp = "top_up"
    }

    /// Sums the lines of a diagnosis (in their order, so the same lines give the same bits).
    public init(items: [DiagnosisItem], topUp: TopUpSummary? = nil) {
        var byRule: [String: Double] = [:], byFund: [String: Double] = [:]
        var byCategory: [String: Double] = [:], byRegion: [String: Double] = [:]
        var total = 0.0
        for item in items {
            byRule[item.rule, default: 0] += item.money
            if let fund = item.fund { byFund[fund, default: 0] += item.money }
            if let category = item.category { byCategory[category, default: 0] += item.money }
            if let region = item.region { byRegion[region, default: 0] += item.money }
            total += item.money
        }
        self.byRule = byRule
        self.byFund = byFund
        self.byCategory = byCategory
        self.byRegion = byRegion
        self.total = total
        self.lines = items.count
        self.topUp = topUp
    }
}

/// The smallest money that makes an infeasible scenario feasible (docs/model.md, "Top-up"): each
/// fund alone, and every fund at once.
public struct TopUpSummary: Sendable, Codable, Equatable {
    /// By fund id: the smallest Δ_f that, added to that fund alone, makes every mandatory need and
    /// hard rule feasible; nil (`null`) when no amount in that fund alone does.
    public var eachFundAlone: [String: Double?]
    /// The smallest Σ_f Δ_f over every fund at once; nil when money alone cannot fix the scenario
    /// (a hard rule, a minimum spend or the move cap must give).
    public var allFunds: Double?
    /// One split of ``allFunds`` (funds with Δ_f > 0): one of possibly several equally small ones.
    public var split: [String: Double]?
    /// Funds (and `all` for every fund at once) whose top-up model stopped at a limit without an
    /// answer: neither an amount nor "cannot" is claimed for them.
    public var undetermined: [String]

    enum CodingKeys: String, CodingKey {
        case split, undetermined
        case eachFundAlone = "each_fund_alone"
        case allFunds = "all_funds"
    }

    /// A top-up summary.
    public init(eachFundAlone: [String: Double?], allFunds: Double?, split: [String: Double]?, undetermined: [String]) {
        self.eachFundAlone = eachFundAlone
        self.allFunds = allFunds
        self.split = split
        self.undetermined = undetermined
    }
}

extension SlackRecord {
    /// The slack's value at `solution` in its own unit (money, money per pupil, teachers), and in money.
    func relaxation(_ solution: Solution, moneyScale: Double) -> (amount: Double, money: Double) {
        let raw = solution[variable]
        let amount = unit == .teachers ? raw : raw / moneyScale
        return (amount, amount * moneyPerUnit)
    }
}
