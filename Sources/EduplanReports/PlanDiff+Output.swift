import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

extension PlanDiff {
    /// The text summary: the two plans, the scenario warning, then per level the totals in A and B
    /// and the `top` largest changes (by absolute change, ties by id). Every number is a value of
    /// the plans or a difference of two. Money is shown in yuan whatever `wording.money` says
    /// (the lines are exact differences; scaling would hide small ones).
    public func text(top: Int = 5, wording w: Wording = .english) -> String {
        var out = "A: \(describe(a, w))\nB: \(describe(b, w))\n"
        if let warning = scenarioWarning { out += w("diff.warning", ["text": warning]) + "\n" }
        for level in Level.allCases {
            let lines = levels[level] ?? []
            let measure = w("diff.level.\(level.rawValue)")
            let title = level == .teacherGroup ? measure
                : currency.map { w("diff.withUnit", ["measure": measure, "unit": w.currencyName($0)]) } ?? measure
            let before = lines.reduce(0) { $0 + $1.before }, after = lines.reduce(0) { $0 + $1.after }
            let changed = lines.filter(\.isChange)
            let change = abs(after - before) > 1e-9 * max(1, abs(before), abs(after)) ? signed(after - before) : w("compare.unchanged")
            out += "\n" + w(changed.count == 1 && lines.count == 1 ? "diff.total.one" : "diff.total", [
                "title": title, "a": number(before), "b": number(after), "change": change,
                "changed": "\(changed.count)", "lines": "\(lines.count)",
            ]) + "\n"
            let largest = changed.sorted { abs($0.change) != abs($1.change) ? abs($0.change) > abs($1.change) : $0.id < $1.id }
            for line in largest.prefix(top) {
                out += "  \(line.id): \(number(line.before)) → \(number(line.after)) (\(signed(line.change)))\n"
            }
            if changed.count > top { out += w("diff.more", ["count": "\(changed.count - top)"]) + "\n" }
        }
        return out
    }

    /// Every line of every level: `level,id,before,after,change`, raw numbers (shortest round-trip).
    public func csv() -> String {
        var rows = [["level", "id", "before", "after", "change"]]
        for level in Level.allCases {
            rows += (levels[level] ?? []).map { [level.rawValue] + fields($0) }
        }
        return SweepTable.csv(rows)
    }

    /// One level's lines: `id,before,after,change` (what `diff --out` writes as ``Level/fileName``).
    public func csv(_ level: Level) -> String {
        SweepTable.csv([["id", "before", "after", "change"]] + (levels[level] ?? []).map(fields))
    }

    /// `{"a": {...}, "b": {...}, "warning": …, "fund": [{"id", "before", "after", "change"}], …}`.
    public func json() -> JSONValue {
        var object: [String: JSONValue] = ["a": origin(a), "b": origin(b), "warning": scenarioWarning.map(JSONValue.string) ?? .null]
        for level in Level.allCases {
            object[level.rawValue] = .array((levels[level] ?? []).map { line in
                .object(["id": .string(line.id), "before": .number(line.before), "after": .number(line.after),
                         "change": .number(line.isChange ? line.change : 0)])
            })
        }
        return .object(object)
    }

    private func fields(_ line: Line) -> [String] {
        [line.id, SweepTable.number(line.before), SweepTable.number(line.after), SweepTable.number(line.isChange ? line.change : 0)]
    }

    private func origin(_ file: PlanFile) -> JSONValue {
        .object(["scenario": file.scenario.map(JSONValue.string) ?? .null, "variant": file.variant.map(JSONValue.string) ?? .null,
                 "scenario_fingerprint": file.scenarioFingerprint.map(JSONValue.string) ?? .null,
                 "status": file.status.map { .string($0.rawValue) } ?? .null])
    }

    private func describe(_ file: PlanFile, _ w: Wording) -> String {
        let name = file.scenario.map { "\"\($0)\"" } ?? w("diff.unnamed")
        let which = file.variant.map { w("diff.variant", ["name": $0]) } ?? w("compare.base")
        let status = file.status.map { w("common.status.\($0.rawValue)") } ?? w("diff.unknown")
        return w(file.plan == nil ? "diff.planNoPlan" : "diff.plan", ["name": name, "which": which, "status": status])
    }

    private func number(_ value: Double) -> String {
        Format.grouped(value, decimals: value == value.rounded() ? 0 : 2)
    }

    private func signed(_ value: Double) -> String {
        (value > 0 ? "+" : "−") + number(abs(value))
    }
}
