import EduplanScenario
import Foundation

/// What a rolling re-plan of a multi-year plan starts from (docs/model.md, "Rolling re-plan"): the
/// previous plan's decisions by year, what was actually done in the years that are over, and how
/// strongly the years still to come hold on to the previous plan.
public struct HorizonReplan: Sendable {
    /// x⁰ and y⁰ by calendar year: each year's `allocated` money (cumulative for a project category)
    /// and its new dispatches (`new_dispatch`, summed when a pair is listed twice). A horizon year
    /// the previous plan does not have re-plans against nothing (x⁰ = y⁰ = 0).
    public var previous: [Int: PreviousPlan]
    /// T0: how many of the horizon's years are over (their decisions fixed at ``actuals``).
    public var yearsOver: Int
    /// What was done in each year that is over, by calendar year; a year without an entry did nothing.
    public var actuals: [Int: YearActuals]
    /// μ_x, μ_y and the cap M on Σ|y − y⁰| over the years still to come.
    public var moneyPenalty: Double
    public var teacherPenalty: Double
    public var maxTeacherMoves: Double?
    /// For the report: the previous plan's `scenario_fingerprint` and the actuals files as named.
    public var previousFingerprint: String?
    public var actualsFiles: [String]

    /// A re-plan with `solve --previous`'s defaults where a penalty is nil (μ_x = 0.05 per unit of
    /// money moved, μ_y = 0.05 × V per teacher moved, as ``StabilitySettings``).
    public init(previous: [Int: PreviousPlan], yearsOver: Int, actuals: [Int: YearActuals], for scenario: Scenario,
                moneyPenalty: Double? = nil, teacherPenalty: Double? = nil, maxTeacherMoves: Double? = nil,
                previousFingerprint: String? = nil, actualsFiles: [String] = []) {
        let defaults = StabilitySettings(previous: PreviousPlan(), for: scenario, moneyPenalty: moneyPenalty, teacherPenalty: teacherPenalty)
        self.previous = previous
        self.yearsOver = yearsOver
        self.actuals = actuals
        self.moneyPenalty = defaults.moneyPenalty
        self.teacherPenalty = defaults.teacherPenalty
        self.maxTeacherMoves = maxTeacherMoves
        self.previousFingerprint = previousFingerprint
        self.actualsFiles = actualsFiles
    }

    /// The stability settings of calendar year `year` (one still to come); the cap is the horizon's
    /// (one row over every year), so it is not part of a year's settings.
    func stability(ofYear year: Int) -> StabilitySettings {
        StabilitySettings(previous: previous[year] ?? PreviousPlan(), moneyPenalty: moneyPenalty, teacherPenalty: teacherPenalty)
    }
}

/// What was actually done in one year that is over: money disbursed in the year by (school,
/// category) — for a project category the year's payment, not the cumulative total — and teachers
/// newly posted by (group, school).
public struct YearActuals: Sendable, Equatable {
    public var money: [PreviousPlan.Key: Double]
    public var teachers: [PreviousPlan.Key: Double]

    public init(money: [PreviousPlan.Key: Double] = [:], teachers: [PreviousPlan.Key: Double] = [:]) {
        self.money = money
        self.teachers = teachers
    }
}

/// What a re-plan reports at the top of plan.json (`replan`).
public struct ReplanSummary: Sendable, Equatable {
    public var previousFingerprint: String?
    /// The calendar years that are over (their decisions are the actuals).
    public var yearsOver: [Int]
    public var actualsFiles: [String]
}

extension PreviousPlan {
    /// Reads the decisions of a multi-year plan.json (`years[]`, as `solve --out` writes for a
    /// horizon) through ``PlanFile/read(_:file:requiring:)``: by calendar year, x⁰ from the year's
    /// `plan.schools[].allocated` and y⁰ from its `new_dispatch` lines (summed when a pair is listed
    /// twice). A year listed twice keeps its first entry.
    /// - Throws: ``ScenarioErrors`` with every problem, each with the file and the JSON key path.
    public static func years(planJSON data: Data, file: String = "plan.json") throws -> (origin: PlanOrigin, years: [Int: PreviousPlan]) {
        let (read, problems) = PlanFile.read(data, file: file, requiring: .horizonReplanning)
        guard let read, let entries = read.years else { throw ScenarioErrors(problems: problems) }
        var years: [Int: PreviousPlan] = [:]
        for entry in entries where years[entry.year] == nil {
            let plan = Plan(schools: entry.plan?.schools ?? [], funds: [], dispatch: entry.newDispatch)
            years[entry.year] = PreviousPlan(plan, origin: read.origin)
        }
        return (read.origin, years)
    }
}
