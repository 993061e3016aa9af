import Foundation
import LinearProgramming

/// The price of fairness of a plan certified by its years, as a range that is proved, not
/// estimated (docs/model.md §23, "The price of fairness of a plan certified by its years").
///
/// The price of fairness of a plan is (U*_none − U_plan) / U*_none, U*_none the U of the best plan
/// without fairness rules. Without a travel penalty the horizon without rules minimises
/// C_none − U, so its optimum has U*_none = C_none − f*_none, and
/// - a Lagrangian bound L_none ≤ f*_none (one evaluation of the years' LPs without rules, priced by
///   the certified plan's multipliers: any multipliers give a valid bound) gives U*_none ≤ C_none −
///   L_none, hence the upper end 1 − U_plan / (C_none − L_none);
/// - a plan without rules (the years one after another) of objective f_none ≥ f*_none gives U*_none
///   ≥ C_none − f_none; with every rule hard (no penalty in the objective), the plan's own bound
///   L_rules gives U_plan ≤ U*_rules ≤ C_rules − L_rules, hence the lower end
///   1 − (C_rules − L_rules) / (C_none − f_none), which also bounds the optimal plan's price of
///   fairness from below; the lower end is at least 0 (the best plan without rules has the most U).
///   The plan without rules is made only when it can raise the lower end above 0 by more than the
///   gap asked: L_rules − L_none > gap asked × (C_none − L_none).
/// With every rule hard the range also holds the optimal plan's price of fairness
/// (U_plan = C_rules − f_plan ≤ U*_rules).
struct HorizonPriceOfFairness {
    /// The range, nil when it cannot be given (a travel penalty, a year without an optimum, or a
    /// range as wide as [0, 1]).
    private(set) var range: PriceOfFairnessRange?
    /// What was found, for the log.
    private(set) var note = ""

    /// - Parameters:
    ///   - rules: the horizon that was planned; `planned` its certified plan by years.
    ///   - benefit: U of the plan (Σ_t δ^(t−1) U_t, model money unscaled: it is used in ratios only).
    init(_ rules: HorizonFormulation, planned: HorizonCertifiedPlan, benefit: Double, solver: any LinearSolver,
         parameters: SolverParameters, clock: inout PhaseTimings) throws {
        let noPenaltyForTravel = rules.years.allSatisfy { $0.scenario.dispatch.travelPenaltyPerKm == 0 }
        guard noPenaltyForTravel, let planBound = planned.bound, !planned.multipliers.isEmpty else {
            note = "price of fairness: not bounded (a travel penalty, or no bound)"
            return
        }
        let noRules = HorizonFormulation(scenario: rules.scenario, withoutRules: true, moneyScale: rules.moneyScale)
        var quiet = parameters
        (quiet.progress, quiet.rangingRows) = (nil, [])
        let started = DispatchTime.now()
        var lagrangian = HorizonLagrangianBound(noRules, solver: solver, parameters: quiet)
        let evaluated = try lagrangian.improve(from: Self.multipliers(planned.multipliers, of: rules.model, for: noRules.model),
                                               upper: 0, enough: .infinity, steps: 1)
        clock.record("price of fairness: Lagrangian bound without rules", seconds: PhaseTimings.seconds(since: started),
                     solverSeconds: evaluated.solverSeconds)
        let boundWithoutRules = evaluated.evaluations == 1 ? evaluated.bound : nil
        let (scale, constant) = (rules.moneyScale, noRules.model.objectiveConstant)
        guard let boundWithoutRules, constant - boundWithoutRules > 0 else {
            note = "price of fairness: the years without rules have no bound"
            return
        }
        let mostWithoutRules = constant - boundWithoutRules
        let atMost = 1 - benefit * scale / mostWithoutRules
        note = "price of fairness: bound without rules \(boundWithoutRules), U without rules ≤ \(mostWithoutRules / scale)"
        var atLeast = 0.0
        let gapAsked = parameters.relativeGap ?? 0
        let everyRuleHard = rules.years.allSatisfy { $0.scenario.fairness.rules.allSatisfy(\.mode.isHard) }
        if everyRuleHard, planBound - boundWithoutRules > gapAsked * mostWithoutRules {
            quiet.relativeGap = gapAsked / 2
            let started = DispatchTime.now()
            let withoutRules = try HorizonCertifiedPlan.plannedYears(noRules, solver: solver, parameters: quiet)
            clock.record("price of fairness: plan by years without rules", seconds: PhaseTimings.seconds(since: started),
                         solverSeconds: withoutRules.solverSeconds)
            if let objective = withoutRules.objective, constant - objective > 0 {
                atLeast = max(0, 1 - (rules.model.objectiveConstant - planBound) / (constant - objective))
                note += "; plan without rules \(objective), U without rules ≥ \((constant - objective) / scale)"
            }
        }
        guard atMost < 1 else { return }
        range = PriceOfFairnessRange(atLeast: atLeast, atMost: max(atLeast, atMost))
    }

    /// The multipliers of `rules`' rows carried to the rows of `noRules` of the same name (a rule's
    /// row has none there and is dropped; a row of `noRules` without a namesake gets 0).
    static func multipliers(_ multipliers: [Double], of rules: Model, for noRules: Model) -> [Double] {
        var byName: [String: Double] = [:]
        for (i, name) in rules.rowNames.enumerated() where multipliers[i] != 0 && !name.isEmpty { byName[name] = multipliers[i] }
        return noRules.rowNames.map { byName[$0] ?? 0 }
    }
}

/// A price of fairness known to lie in [atLeast, atMost] (fractions; docs/model.md §23).
public struct PriceOfFairnessRange: Sendable, Equatable, Codable {
    public var atLeast: Double
    public var atMost: Double

    public init(atLeast: Double, atMost: Double) {
        self.atLeast = atLeast
        self.atMost = atMost
    }

    enum CodingKeys: String, CodingKey {
        case atLeast = "at_least"
        case atMost = "at_most"
    }
}
