import EduplanEvaluation
import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

extension SolveCommand {
    /// The rolling re-plan of a multi-year scenario (`--previous` with a horizon, docs/cli.md): the
    /// previous multi-year plan (its identity checked as for a one-year re-plan), the actuals of the
    /// years that are over, and the penalties. Every problem is printed; bad input exits 1.
    func horizonReplan(_ scenario: Scenario, words: Wording) throws -> HorizonReplan {
        guard let previous else { throw Output.badInput }
        guard (scenario.horizon?.years.count ?? 1) >= 2 else {
            Output.problems("eduplan: --previous with a horizon needs at least two years; a one-year horizon is today's plan: "
                            + "drop `horizon:` to re-plan it")
            throw Output.badInput
        }
        let read: (origin: PlanOrigin, years: [Int: PreviousPlan])
        do {
            read = try PreviousPlan.years(planJSON: readInput(previous, expected: "a readable plan.json"), file: previous)
        } catch let errors as ScenarioErrors {
            Output.problems(InputErrors(problems: errors.problems, source: "the previous plan").text(words))
            throw Output.badInput
        }
        let fingerprint = ScenarioFingerprint(scenario)
        let problems = PreviousPlan(origin: read.origin).problems(against: scenario, fingerprint: fingerprint, file: previous,
                                                                  allowForeign: allowForeignPlan)
        guard problems.allSatisfy({ $0.severity != .error }) else {
            Output.problems(InputErrors(problems: problems, source: "the previous plan").text(words))
            throw Output.badInput
        }
        for warning in problems { global.note(warning.text(words)) }
        if read.origin.match(fingerprint) == .factsChanged {
            global.note("facts changed since the previous plan (fingerprint \(ScenarioFingerprint.short(read.origin.fingerprint ?? "")) → "
                        + "\(ScenarioFingerprint.short(fingerprint.inputs))): re-planning with stability")
        }
        var yearsOver = 0, byYear: [Int: YearActuals] = [:]
        if !actuals.isEmpty {
            do {
                let read = try Actuals.readForReplan(actuals.map { URL(fileURLWithPath: $0) }, names: actuals, scenario: scenario)
                for warning in read.warnings { global.note(warning.text(words)) }
                (yearsOver, byYear) = (read.yearsOver, read.byYear)
            } catch let errors as EvaluationErrors {
                Output.problems(errors.text(words))
                throw Output.badInput
            }
        }
        return HorizonReplan(previous: read.years, yearsOver: yearsOver, actuals: byYear, for: scenario,
                             moneyPenalty: movePenalty, teacherPenalty: teacherMovePenalty, maxTeacherMoves: maxMoves,
                             previousFingerprint: read.origin.fingerprint, actualsFiles: actuals)
    }
}
