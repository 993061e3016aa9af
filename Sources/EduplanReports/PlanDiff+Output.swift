import EduplanPlanner
import EduplanScenario
import Foundation

extension PlanDiff {
    /// The text summary: the two plans, the scenario warning, then per level the totals in A and B
    /// and the `top` largest changes (by absolute change, ties by id). Every number is a value of
    /// the plans or a difference of two.
    public func text(top: Int = 5) -> String {
        let money = currency.map { " (\($0))" } ?? ""
        var out = "A: \(describe(a))\nB: \(describe(b))\n"
        if let warning = scenarioWarning { out += "warning: \(warning)\n" }
        for level in Level.allCases {
            let lines = levels[level] ?? []
            let unit = level == .teacherGroup ? "" : money
            let before = lines.reduce(0) { $0 + $1.before }, after = lines.reduce(0) { $0 + $1.after }
            let changed = lines.filter(\.isChange)
            out += "\n\(level.measure)\(unit): total \(number(before)) in A, \(number(after)) in B"
            out += abs(after - before) > 1e-9 * max(1, abs(before), abs(after)) ? " (\(signed(after - before)))" : " (unchanged)"
            out += "; \(changed.count) of \(lines.count) \(changed.count == 1 && lines.count == 1 ? "differs" : "differ")\n"
            let largest = changed.sorted { abs($0.change) != abs($1.change) ? abs($0.change) > abs($1.change) : $0.id < $1.id }
            for line in largest.prefix(top) {
                out += "  \(line.id): \(number(line.before)) → \(number(line.after)) (\(signed(line.change)))\n"
            }
            if changed.count > top { out += "  and \(changed.count - top) more (diff --out DIR lists every one)\n" }
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

    private func describe(_ file: PlanFile) -> String {
        let name = file.scenario.map { "\"\($0)\"" } ?? "an unnamed scenario"
        let which = file.variant.map { "variant \"\($0)\"" } ?? "base"
        return "\(name), \(which), status \(file.status?.rawValue ?? "unknown")" + (file.plan == nil ? ", no plan" : "")
    }

    private func number(_ value: Double) -> String {
        Format.grouped(value, decimals: value == value.rounded() ? 0 : 2)
    }

    private func signed(_ value: Double) -> String {
        (value > 0 ? "+" : "−") + number(abs(value))
    }
}
