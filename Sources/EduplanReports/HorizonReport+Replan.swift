import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// A rolling re-plan in a multi-year plan's output: plan.json's `replan` object, and the text's
/// section naming the previous plan, the years that are over (their decisions the actuals), the
/// years re-planned and what moved in each (each year's own section lists its moves).
extension HorizonReport {
    /// `{"previous_fingerprint": …, "years_over": [2024], "actuals": [file names]}`.
    func replanJSON(_ replan: ReplanSummary) -> JSONValue {
        .object(["previous_fingerprint": replan.previousFingerprint.map(JSONValue.string) ?? .null,
                 "years_over": .array(replan.yearsOver.map { .number(Double($0)) }),
                 "actuals": .array(replan.actualsFiles.map(JSONValue.string))])
    }

    /// The re-plan's section: previous plan, years over, years re-planned, actuals files, and per
    /// year re-planned the money lines changed and the teacher moves.
    func replanText(_ replan: ReplanSummary, markdown: Bool, wording w: Wording) -> String {
        let over = Set(replan.yearsOver)
        let replanned = result.horizon.years.filter { !over.contains($0) }
        let fingerprint = replan.previousFingerprint.map { w("replan.previous.fingerprint", ["fingerprint": ScenarioFingerprint.short($0)]) }
            ?? w("replan.previous.none")
        var rows: [(String, String)] = [
            (w("replan.previous"), fingerprint),
            (w("replan.over"), replan.yearsOver.isEmpty ? w("replan.over.none") : replan.yearsOver.map(String.init).joined(separator: ", ")),
            (w("replan.replanned"), replanned.map(String.init).joined(separator: ", ")),
        ]
        if !replan.actualsFiles.isEmpty { rows.append((w("replan.actuals"), replan.actualsFiles.joined(separator: ", "))) }
        let moved = result.years.filter { !$0.actual }.map { year -> String in
            let moves = year.result.moves ?? []
            let money = moves.filter { $0.kind == "money" }, teachers = moves.filter { $0.kind == "teachers" }
            return w("replan.moves.year", ["year": "\(year.year)", "lines": "\(money.count)",
                                           "money": w.money(money.reduce(0.0) { $0 + abs($1.after - $1.before) }, currency: scenario.currency),
                                           "teachers": Format.grouped(teachers.reduce(0.0) { $0 + abs($1.after - $1.before) })])
        }
        if !moved.isEmpty { rows.append((w("replan.moves"), moved.joined(separator: w.separator))) }
        return PlanSummary.heading(w("replan.heading"), markdown: markdown)
            + PlanSummary.table(rows, headers: ["", markdown ? w("plan.header.value") : ""], markdown: markdown)
    }
}
