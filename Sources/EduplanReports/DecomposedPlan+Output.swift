import EduplanPlanner
import EduplanScenario
import Foundation

extension DecomposedPlan {
    /// The `decomposition` block of `solve --schools-per-part`'s JSON.
    public func json() -> JSONValue {
        .object([
            "parts": .array(parts.map { part in
                .object(["regions": .number(Double(part.regions.count)), "first_region": .string(part.regions.first ?? ""),
                         "schools": .number(Double(part.schools)), "teacher_groups": .number(Double(part.teacherGroups)),
                         "funds": .object(part.funds.mapValues { .number($0) }), "status": .string(part.status.rawValue),
                         "objective": .number(part.objective)])
            }),
            "global_rules": .array(globalRules.map { rule in
                .object(["rule": .string(rule.rule), "value": .number(rule.value), "limit": .number(rule.limit), "met": .bool(rule.met)])
            }),
            "lower_bound": .number(lowerBound),
            "certified_gap": .number(certifiedGap),
        ])
    }

    /// A few lines for the text summary: the parts, the country's rules, the certificate.
    public func text(currency: String, wording w: Wording = .english) -> String {
        let title = w("decomposition.heading")
        var lines = ["", title, String(repeating: "-", count: Format.displayWidth(title))]
        guard !parts.isEmpty else {
            lines.append(w("decomposition.noParts"))
            return lines.joined(separator: "\n") + "\n"
        }
        let schools = parts.map(\.schools)
        let statuses = Dictionary(grouping: parts, by: \.status.rawValue)
            .map { w("decomposition.status", ["count": "\($0.value.count)", "status": w("common.status.\($0.key)")]) }.sorted()
        lines.append(w("decomposition.parts", ["parts": "\(parts.count)", "fewest": Format.grouped(Double(schools.min() ?? 0)),
                                               "most": Format.grouped(Double(schools.max() ?? 0)),
                                               "statuses": statuses.joined(separator: w("common.comma"))]))
        let names = DisplayNames(language: w.language)
        for rule in globalRules {
            lines.append(w(rule.met ? "decomposition.ruleMet" : "decomposition.ruleNotMet", [
                "rule": names.rule(rule.rule), "value": String(format: "%.6f", rule.value),
                "sense": rule.isUpperLimit ? "≤" : "≥", "limit": String(format: "%.6f", rule.limit),
            ]))
        }
        if let lowerBound, let certifiedGap {
            lines.append(w("decomposition.bound", ["bound": w.money(lowerBound, currency: currency),
                                                   "gap": String(format: "%.2e", certifiedGap)]))
        } else {
            lines.append(w("decomposition.noBound"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
