import EduplanIO
import Foundation

extension DeprivationRule {
    /// The rule in a few characters: `< 4000`, `≥ 60`, `∈ {1, yes}`.
    public var summary: String {
        switch self {
        case let .below(z): return "< \(Format.plain(z))"
        case let .above(z): return "> \(Format.plain(z))"
        case let .atMost(z): return "≤ \(Format.plain(z))"
        case let .atLeast(z): return "≥ \(Format.plain(z))"
        case let .values(list): return "∈ {\(list.joined(separator: ", "))}"
        }
    }
}

/// A raw number for machines (``Format/plain(_:)``); an empty cell for an undefined value.
private func cell(_ value: Double?) -> String { value.map(Format.plain) ?? "" }

extension IdentificationResult {
    /// The CSV of some groups: one row each, with counts, H, A, M0 and per dimension the deprived and
    /// censored counts, both headcount ratios and the contribution to M0 (percent). Empty cells are
    /// undefined values (no students, or no poor student).
    public func csv(_ groups: [GroupIdentification], key: String, withRegion: Bool = false) -> String {
        var header = [key]
        if withRegion { header.append("region") }
        header += ["students", "identified", "headcount_ratio", "intensity", "adjusted_headcount_ratio"]
        for d in config.dimensions {
            header += ["deprived_\(d.column)", "censored_\(d.column)", "uncensored_headcount_\(d.column)",
                       "censored_headcount_\(d.column)", "contribution_\(d.column)"]
        }
        var lines = [CSVText.line(header)]
        for group in groups {
            var row = [group.id]
            if withRegion { row.append(group.region ?? "") }
            let m = group.measures
            row += [String(group.counts.students), String(group.counts.identified), cell(m.headcountRatio), cell(m.intensity),
                    cell(m.adjustedHeadcount)]
            for d in config.dimensions.indices {
                row += [String(group.counts.deprived[d]), String(group.counts.censored[d]), cell(m.uncensoredHeadcount[d]),
                        cell(m.censoredHeadcount[d]), cell(m.contribution[d])]
            }
            lines.append(CSVText.line(row))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per school (`by_school.csv`), with the region column when a scenario was given.
    public var schoolsCSV: String { csv(schools, key: "school", withRegion: !regions.isEmpty) }
    /// Per region (`by_region.csv`); only the header without a scenario.
    public var regionsCSV: String { csv(regions, key: "region") }
    /// All students (`total.csv`).
    public var totalCSV: String { csv([total], key: "group") }

    /// A table for people: one row per group with n, q, H, A, M0 and each dimension's contribution.
    public func table(_ groups: [GroupIdentification], key: String) -> (headers: [String], rows: [[String]]) {
        let headers = [key, "students", "poor", "H", "A", "M0"] + config.dimensions.map { "\($0.column) %" }
        func ratio(_ v: Double?) -> String { Format.fixed(v, decimals: 4) }
        let rows = groups.map { group -> [String] in
            let m = group.measures
            return [group.id, String(group.counts.students), String(group.counts.identified), ratio(m.headcountRatio),
                    ratio(m.intensity), ratio(m.adjustedHeadcount)] + m.contribution.map { Format.fixed($0, decimals: 1) }
        }
        return (headers, rows)
    }

    /// A table of the dimensions over all students: rule, weight, headcount ratios, contribution.
    public var dimensionTable: (headers: [String], rows: [[String]]) {
        let m = total.measures
        let rows = config.dimensions.indices.map { d -> [String] in
            let dimension = config.dimensions[d]
            return [dimension.column, dimension.rule.summary, Format.plain(dimension.weight),
                    Format.fixed(m.uncensoredHeadcount[d], decimals: 4), Format.fixed(m.censoredHeadcount[d], decimals: 4),
                    m.contribution[d].map { Format.fixed($0, decimals: 1) + "%" } ?? Format.missing]
        }
        return (["dimension", "deprived when", "weight", "headcount", "censored headcount", "contribution to M0"], rows)
    }

    /// The result as JSON (sorted keys, stable): settings, total, regions, and schools unless `schools` is false.
    public func json(schools includeSchools: Bool = true) throws -> String {
        var object: [String: JSONValue] = [
            "poverty_cutoff": .number(config.povertyCutoff),
            "dimensions": .array(config.dimensions.map { dimension in
                .object(["column": .string(dimension.column), "deprived_when": .string(dimension.rule.summary),
                         "weight": .number(dimension.weight)])
            }),
            "rows": .number(Double(rows)), "total": json(total), "regions": .array(regions.map(json)),
        ]
        if includeSchools { object["schools"] = .array(schools.map(json)) }
        return try JSONValue.object(object).rendered()
    }

    /// One group: its counts and measures, and per dimension its counts and headcount ratios.
    private func json(_ group: GroupIdentification) -> JSONValue {
        let counts = group.counts, measures = group.measures
        return .object([
            "id": .string(group.id), "region": .string(group.region), "students": .number(Double(counts.students)),
            "identified": .number(Double(counts.identified)), "headcount_ratio": .number(measures.headcountRatio),
            "intensity": .number(measures.intensity), "adjusted_headcount_ratio": .number(measures.adjustedHeadcount),
            "dimensions": .array(config.dimensions.indices.map { d in
                .object(["dimension": .string(config.dimensions[d].column), "deprived": .number(Double(counts.deprived[d])),
                         "censored": .number(Double(counts.censored[d])), "uncensored_headcount": .number(measures.uncensoredHeadcount[d]),
                         "censored_headcount": .number(measures.censoredHeadcount[d]), "contribution": .number(measures.contribution[d])])
            }),
        ])
    }
}
