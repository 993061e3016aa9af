import EduplanIO
import EduplanScenario
import Foundation

/// How identification results are grouped for people: per region, per school, or in total only.
public enum IdentificationGrouping: String, Sendable, CaseIterable {
    case total, region, school
}

extension DeprivationRule {
    /// The rule in a few characters: `< 4000`, `≥ 60`, `∈ {1, yes}`.
    public var summary: String {
        switch self {
        case let .below(z): return "< \(number(z))"
        case let .above(z): return "> \(number(z))"
        case let .atMost(z): return "≤ \(number(z))"
        case let .atLeast(z): return "≥ \(number(z))"
        case let .values(list): return "∈ {\(list.joined(separator: ", "))}"
        }
    }
}

/// Raw numbers for machines: whole numbers without a fraction, others in shortest round-trip form.
func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}

private func cell(_ value: Double?) -> String { value.map(number) ?? "" }

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
        var lines = [header.map(csvField).joined(separator: ",")]
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
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per school (`by_school.csv`), with the region column when a scenario was given.
    public var schoolsCSV: String { csv(schools, key: "school", withRegion: !regions.isEmpty) }
    /// Per region (`by_region.csv`); only the header without a scenario.
    public var regionsCSV: String { csv(regions, key: "region") }
    /// All students (`total.csv`).
    public var totalCSV: String { csv([total], key: "group") }

    /// The files of `identify --out`, in the order they are written: the per-student scores
    /// (streamed while reading), then the tables of ``tableFiles(withRegions:)``.
    public static let outputFiles = ["students.csv", "by_school.csv", "by_region.csv", "total.csv"]

    /// The tables of `identify --out` by file name: by_school.csv, by_region.csv (when the results
    /// have regions, from a scenario) and total.csv.
    public func tableFiles(withRegions: Bool) -> [(name: String, data: Data)] {
        let tables: [(String, String)] = [("by_school.csv", schoolsCSV)] + (withRegions ? [("by_region.csv", regionsCSV)] : [])
            + [("total.csv", totalCSV)]
        return tables.map { (name: $0.0, data: Data($0.1.utf8)) }
    }

    /// A table for people: one row per group with n, q, H, A, M0 and each dimension's contribution.
    public func table(_ groups: [GroupIdentification], key: String) -> (headers: [String], rows: [[String]]) {
        let headers = [key, "students", "poor", "H", "A", "M0"] + config.dimensions.map { "\($0.column) %" }
        func ratio(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "—" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "—" }
        let rows = groups.map { group -> [String] in
            let m = group.measures
            return [group.id, String(group.counts.students), String(group.counts.identified), ratio(m.headcountRatio),
                    ratio(m.intensity), ratio(m.adjustedHeadcount)] + m.contribution.map(percent)
        }
        return (headers, rows)
    }

    /// A table of the dimensions over all students: rule, weight, headcount ratios, contribution.
    public var dimensionTable: (headers: [String], rows: [[String]]) {
        let m = total.measures
        let rows = config.dimensions.indices.map { d -> [String] in
            let dimension = config.dimensions[d]
            return [dimension.column, dimension.rule.summary, number(dimension.weight),
                    m.uncensoredHeadcount[d].map { String(format: "%.4f", $0) } ?? "—",
                    m.censoredHeadcount[d].map { String(format: "%.4f", $0) } ?? "—",
                    m.contribution[d].map { String(format: "%.1f%%", $0) } ?? "—"]
        }
        return (["dimension", "deprived when", "weight", "headcount", "censored headcount", "contribution to M0"], rows)
    }

    /// The groups to show for `grouping` (the total last) and the name of their key column.
    public func groups(_ grouping: IdentificationGrouping) -> (groups: [GroupIdentification], key: String) {
        switch grouping {
        case .total: return ([total], "group")
        case .region: return (regions + [total], "region")
        case .school: return (schools + [total], "school")
        }
    }

    /// The result for people: k and the headline H, A and M0, the dimension table, then one row per
    /// group of `grouping`, as aligned text or markdown.
    /// - Parameter source: How the student file is named in the title.
    public func text(source: String, grouping: IdentificationGrouping, markdown: Bool, wording w: Wording = .english) -> String {
        let (groups, key) = groups(grouping)
        let m = total.measures
        func ratio(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "—" }
        var out = Format.title(w("identify.title", ["source": source]), markdown: markdown)
        out += w("identify.summary", [
            "k": "\(config.povertyCutoff)", "students": Format.grouped(Double(total.counts.students)),
            "poor": Format.grouped(Double(total.counts.identified)), "h": ratio(m.headcountRatio), "a": ratio(m.intensity),
            "m0": ratio(m.adjustedHeadcount),
        ]) + "\n\n"
        // The tables' words for people (the CSV files keep their English headers).
        let dimensions = dimensionTable
        let dimensionHeaders = w.language == .english ? dimensions.headers
            : ["dimension", "deprivedWhen", "weight", "headcount", "censored", "contribution"].map { w("identify.h.\($0)") }
        out += Format.grid(dimensions.rows, headers: dimensionHeaders, markdown: markdown)
        let by = w("identify.by.\(key == "group" ? "total" : key)")
        out += markdown ? "\n## \(by)\n\n" : "\n"
        let table = table(groups, key: key)
        var headers = table.headers
        if w.language != .english {
            headers[0] = w("identify.key.\(key)")
            headers[1] = w("identify.h.students")
            headers[2] = w("identify.h.poor")
        }
        out += Format.grid(table.rows, headers: headers, markdown: markdown)
        out += w("identify.note")
        return out
    }

    /// The result as JSON (sorted keys, stable): settings, total, regions, and schools unless `schools` is false.
    public func json(schools includeSchools: Bool = true) throws -> String {
        let report = Report(
            povertyCutoff: config.povertyCutoff,
            dimensions: config.dimensions.map { Report.DimensionSetting(column: $0.column, deprivedWhen: $0.rule.summary, weight: $0.weight) },
            rows: rows, total: GroupReport(total, config), regions: regions.map { GroupReport($0, config) },
            schools: includeSchools ? schools.map { GroupReport($0, config) } : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}

/// A CSV field, quoted when it needs to be.
func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// The JSON shape of a result (keys are a contract: snake_case, always present, null when undefined).
private struct Report: Encodable {
    struct DimensionSetting: Encodable {
        var column: String
        var deprivedWhen: String
        var weight: Double
        enum CodingKeys: String, CodingKey {
            case column, weight
            case deprivedWhen = "deprived_when"
        }
    }

    var povertyCutoff: Double
    var dimensions: [DimensionSetting]
    var rows: Int
    var total: GroupReport
    var regions: [GroupReport]
    var schools: [GroupReport]?

    enum CodingKeys: String, CodingKey {
        case dimensions, rows, total, regions, schools
        case povertyCutoff = "poverty_cutoff"
    }
}

private struct GroupReport: Encodable {
    struct DimensionReport: Encodable {
        var dimension: String
        var deprived: Int
        var censored: Int
        @NullWhenNil var uncensoredHeadcount: Double?
        @NullWhenNil var censoredHeadcount: Double?
        @NullWhenNil var contribution: Double?
        enum CodingKeys: String, CodingKey {
            case dimension, deprived, censored, contribution
            case uncensoredHeadcount = "uncensored_headcount"
            case censoredHeadcount = "censored_headcount"
        }
    }

    var id: String
    @NullWhenNil var region: String?
    var students: Int
    var identified: Int
    @NullWhenNil var headcountRatio: Double?
    @NullWhenNil var intensity: Double?
    @NullWhenNil var adjustedHeadcountRatio: Double?
    var dimensions: [DimensionReport]

    init(_ group: GroupIdentification, _ config: IdentificationConfig) {
        id = group.id
        region = group.region
        students = group.counts.students
        identified = group.counts.identified
        headcountRatio = group.measures.headcountRatio
        intensity = group.measures.intensity
        adjustedHeadcountRatio = group.measures.adjustedHeadcount
        dimensions = config.dimensions.indices.map { d in
            DimensionReport(dimension: config.dimensions[d].column, deprived: group.counts.deprived[d], censored: group.counts.censored[d],
                            uncensoredHeadcount: group.measures.uncensoredHeadcount[d],
                            censoredHeadcount: group.measures.censoredHeadcount[d], contribution: group.measures.contribution[d])
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, region, students, identified, intensity, dimensions
        case headcountRatio = "headcount_ratio"
        case adjustedHeadcountRatio = "adjusted_headcount_ratio"
    }
}
