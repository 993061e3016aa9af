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
    public func text(currency: String) -> String {
        var lines = ["", "Decomposition", "-------------"]
        guard !parts.isEmpty else {
            lines.append("no part was planned: the money split over the parts, a relaxation of the whole scenario, has no "
                + "solution, so neither has the scenario (the diagnosis above is the whole scenario's)")
            return lines.joined(separator: "\n") + "\n"
        }
        let schools = parts.map(\.schools)
        lines.append("\(parts.count) parts of \(Format.grouped(Double(schools.min() ?? 0)))–\(Format.grouped(Double(schools.max() ?? 0))) schools, "
            + "each planned on its own with its share of every fund; statuses: "
            + Dictionary(grouping: parts, by: \.status.rawValue).map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", "))
        for rule in globalRules {
            let sense = rule.isUpperLimit ? "≤" : "≥"
            lines.append(String(format: "country-wide %@: %.6f %@ %.6f — %@", rule.rule, rule.value, sense, rule.limit,
                                rule.met ? "met" : "NOT met: the joined plan breaks this rule"))
        }
        if let lowerBound, let certifiedGap {
            lines.append("lower bound on the undivided optimum: \(Format.grouped(lowerBound)) \(currency) "
                + String(format: "(certified gap on U ≤ %.2e)", certifiedGap))
        } else {
            lines.append("no certified bound (a part has no plan, a country-wide rule is not met, or a rule the bound does not cover is on)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
