import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// One step of a budget frontier, reduced to the numbers a frontier shows.
public struct SweepRow: Sendable, Equatable {
    public var step: Int
    public var multiplier: Double
    /// Every fund's amount at this step, in scenario order.
    public var amounts: [Double]
    /// Σ of every fund's amount.
    public var totalMoney: Double
    public var status: PlanStatus
    /// The §5 objective: weighted unmet need.
    public var objective: Double?
    public var benefit: Double?
    /// Σ (N − x) in money.
    public var unmetMoney: Double?
    public var coverage: Double?
    public var minCoverage: Double?
    public var maxminCoverage: Double?
    public var gini: Double?
    public var theil: Double?
    public var dispatched: Double?
    public var shortageLeft: Double?
    /// d(objective)/d(B_f) per fund, in scenario order (as in the JSON contract).
    public var fundShadowPrices: [Double?]
    public var degenerate: Bool
    /// The elastic diagnosis total of an infeasible step.
    public var diagnosisMoney: Double?
    /// The PRODUCT.md solve object with a `sweep` key, when asked for.
    public var json: JSONValue?
    /// A robust step's γ, reserves, POR and protection (nil: the step's scenario has no `robust:`).
    public var robust: RobustColumns?
    /// A multi-year step's price of fairness and per-year figures (nil: a one-year scenario).
    public var horizon: HorizonColumns?

    /// Computes the row (equity metrics included) from a solved step.
    /// - Parameters:
    ///   - json: also keep the step's solve object (for `--format json`).
    ///   - withPlan: include `plan` in that object.
    public init(_ step: SweepStep, json: Bool = false, withPlan: Bool = false) throws {
        if let horizon = step.horizon {
            self = try SweepRow(horizonStep: step, horizon, json: json)
            return
        }
        let scenario = step.scenario, result = step.result
        let figures = PlanFigures(result: result, scenario: scenario)
        let report = PlanReport(result: result, scenario: scenario)
        self.step = step.index
        multiplier = step.multiplier
        amounts = scenario.funds.map(\.amount)
        totalMoney = figures.totalFunds
        status = result.status
        objective = result.objective
        benefit = result.benefit
        unmetMoney = figures.unmetMoney
        coverage = figures.coverage
        minCoverage = figures.minCoverage
        maxminCoverage = result.maxminCoverage
        gini = report.metrics?.gini
        theil = report.metrics?.theil
        let planned = result.plan != nil
        dispatched = planned ? result.dispatched : nil
        shortageLeft = planned ? result.shortageLeft : nil
        fundShadowPrices = scenario.funds.map { fund in
            planned ? result.fundPrice(fund.id)?.value : nil
        }
        degenerate = result.degenerate
        diagnosisMoney = result.diagnosis.map { $0.reduce(0) { $0 + $1.money } }
        robust = scenario.robust.map { RobustColumns(gamma: $0.gamma, result.robust) }
        horizon = nil
        self.json = json ? Self.withSweepKey(try report.json(withPlan: withPlan), step, amounts: amounts, total: totalMoney) : nil
    }

    /// A solve object with its `sweep` key (`step`, `multiplier`, `fund_amounts`, `total_money`).
    static func withSweepKey(_ solved: JSONValue, _ step: SweepStep, amounts: [Double], total: Double) -> JSONValue? {
        guard case var .object(object) = solved else { return nil }
        object["sweep"] = .object([
            "step": .number(Double(step.index)), "multiplier": .number(step.multiplier),
            "fund_amounts": .object(Dictionary(zip(step.scenario.funds.map(\.id), amounts.map(JSONValue.number)),
                                               uniquingKeysWith: { a, _ in a })),
            "total_money": .number(total),
        ])
        return .object(object)
    }
}

/// Rendering a budget frontier: CSV (raw numbers), JSON, and tables for people.
public enum SweepTable {
    /// The CSV columns: `step, multiplier, amount_<fund>…, total_money, status, objective, benefit,
    /// unmet_money, coverage, min_coverage, maxmin_coverage, gini, theil, dispatched,
    /// shortage_left, shadow_price_<fund>…, degenerate_basis, diagnosis_money`.
    public static func header(funds: [String]) -> [String] {
        ["step", "multiplier"] + funds.map { "amount_\($0)" }
            + ["total_money", "status", "objective", "benefit", "unmet_money", "coverage", "min_coverage",
               "maxmin_coverage", "gini", "theil", "dispatched", "shortage_left"]
            + funds.map { "shadow_price_\($0)" } + ["degenerate_basis", "diagnosis_money"]
    }

    /// One CSV line of a row (empty cells for values that do not exist).
    public static func fields(_ row: SweepRow) -> [String] {
        func n(_ v: Double?) -> String { v.map(number) ?? "" }
        func fen(_ v: Double?) -> String { v.map(Format.fen) ?? "" }
        return plainFields(row) + (row.horizon.map(HorizonColumns.fields) ?? row.robust.map(RobustColumns.fields) ?? [])
    }

    private static func plainFields(_ row: SweepRow) -> [String] {
        func n(_ v: Double?) -> String { v.map(number) ?? "" }
        func fen(_ v: Double?) -> String { v.map(Format.fen) ?? "" }
        return ["\(row.step)", number(row.multiplier)] + row.amounts.map(Format.fen)
            + [Format.fen(row.totalMoney), row.status.rawValue, n(row.objective), n(row.benefit), fen(row.unmetMoney),
               n(row.coverage), n(row.minCoverage), n(row.maxminCoverage), n(row.gini), n(row.theil),
               n(row.dispatched), n(row.shortageLeft)]
            + row.fundShadowPrices.map(n) + [row.degenerate ? "true" : "false", fen(row.diagnosisMoney)]
    }

    /// The frontier as CSV: a header line, then one line per step in step order.
    /// A robust sweep (every row robust) adds `gamma, reserve_total, price_of_robustness, protection`.
    /// A multi-year sweep (`years`: its horizon's years) adds ``HorizonColumns/header(years:funds:)``.
    public static func csv(_ rows: [SweepRow], funds: [String], years: [Int]? = nil) -> String {
        let robust = !rows.isEmpty && rows.allSatisfy { $0.robust != nil }
        let extra = years.map { HorizonColumns.header(years: $0, funds: funds) } ?? (robust ? RobustColumns.header : [])
        return csv([header(funds: funds) + extra] + rows.sorted { $0.step < $1.step }.map { row in
            robust || row.horizon != nil ? fields(row) : plainFields(row)
        })
    }

    /// The frontier as a JSON list of solve objects (each with a `sweep` key), in step order.
    public static func json(_ rows: [SweepRow]) -> JSONValue {
        .array(rows.sorted { $0.step < $1.step }.compactMap(\.json))
    }

    /// The frontier as `--format` asks: CSV, JSON (a list of solve objects), a table or markdown.
    /// Only the table and markdown depend on `wording`.
    public static func rendered(_ rows: [SweepRow], as format: OutputFormat, scenario: Scenario,
                                parameters: SweepParameters, wording: Wording = .english) throws -> String {
        switch format {
        case .csv: return csv(rows, funds: scenario.funds.map(\.id), years: scenario.plansSeveralYears ? scenario.horizon?.years : nil)
        case .json: return try json(rows).rendered() + "\n"
        case .table, .markdown:
            return text(rows, scenario: scenario, parameters: parameters, markdown: format == .markdown, wording: wording)
        }
    }

    /// The frontier for people: thousands separators, %, benefit per unit of money, in the
    /// wording's language and money unit.
    public static func text(_ rows: [SweepRow], scenario: Scenario, parameters: SweepParameters, markdown: Bool,
                            wording w: Wording = .english) -> String {
        let c = scenario.currency, unit = w.moneyUnit(currency: c)
        let names = DisplayNames(scenario, language: w.language)
        let what: String
        switch parameters.target {
        case .all: what = w("sweep.everyFund")
        case let .fund(id): what = names.fund(id)
        case .robustGamma:
            return RobustColumns.frontierText(rows, scenario: scenario, parameters: parameters, markdown: markdown, wording: w)
        }
        if scenario.plansSeveralYears {
            return HorizonColumns.frontierText(rows, scenario: scenario, parameters: parameters, what: what, markdown: markdown, wording: w)
        }
        let title = w.counted(scenario.variantName == nil ? "sweep.title" : "sweep.titleVariant", parameters.steps, [
            "scenario": scenario.name, "variant": scenario.variantName ?? "", "what": what,
            "from": number(parameters.from), "to": number(parameters.to), "steps": "\(parameters.steps)",
        ])
        var out = Format.title(title, markdown: markdown)
        let single: Int?
        if case let .fund(id) = parameters.target { single = scenario.funds.firstIndex { $0.id == id } } else { single = nil }
        var headers = [w("sweep.step"), "×"]
        if let single { headers.append(w("diff.withUnit", ["measure": names.fund(scenario.funds[single].id), "unit": unit])) }
        headers += [w("sweep.allFunds", ["unit": unit]), w("compare.row.status"), w("compare.row.benefit"),
                    w("sweep.unmet", ["unit": unit]), w("sweep.minCoverage"), w("sweep.gini"), w("sweep.theil")]
        // The swept fund's shadow price (every fund's with `all`); CSV and JSON have them all.
        let priced = single.map { [$0] } ?? Array(scenario.funds.indices)
        headers += priced.map { w("sweep.buys", ["unit": unit, "fund": names.fund(scenario.funds[$0].id)]) }
        func percent(_ v: Double?) -> String { Format.percent(v) }
        func index(_ v: Double?) -> String { Format.fixed(v, decimals: 4) }
        func points(_ v: Double?) -> String { v.map { Format.grouped($0) } ?? "—" }
        func money(_ v: Double?) -> String { v.map { w.amount($0) } ?? "—" }
        let lines = rows.sorted { $0.step < $1.step }.map { row -> [String] in
            var line = ["\(row.step)", Format.significant(row.multiplier, digits: 4)]
            if let single { line.append(w.amount(row.amounts[single])) }
            line += [w.amount(row.totalMoney), w("common.status.\(row.status.rawValue)"), points(row.benefit), money(row.unmetMoney),
                     percent(row.minCoverage), index(row.gini), index(row.theil)]
            line += priced.map { row.fundShadowPrices[$0].map { Format.grouped(-$0 * w.perUnitFactor, decimals: 3) } ?? "—" }
            return line
        }
        out += Format.grid(lines, headers: headers, markdown: markdown)
        out += w("sweep.note", ["unit": unit])
        return out
    }

    /// Raw numbers for machines (``Format/plain(_:)``): whole numbers without a fraction,
    /// otherwise the shortest text that reads back as the same Double.
    public static func number(_ value: Double) -> String { Format.plain(value) }

    /// RFC 4180 lines (fields quoted only when needed), `\n` line ends, a final newline.
    public static func csv(_ lines: [[String]]) -> String {
        func quote(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return lines.map { $0.map(quote).joined(separator: ",") + "\n" }.joined()
    }
}

/// A shard's partial CSV and the merge of shards into the frontier.
///
/// A partial file is the frontier's CSV preceded by comment lines (`# key: value`) that carry
/// everything its numbers depend on: the scenario (name and a digest of its folder), the variant,
/// the sweep parameters, the GLPK version, and which shard it is. Merging checks that every part
/// agrees on all of them, that the shards are distinct, and that every step is present exactly
/// once, then writes the plain CSV — the same bytes an unsharded run writes.
public enum SweepFile {
    /// The first line of every partial file.
    public static let signature = "# eduplan sweep partial v1"

    /// The comment fields of a sweep (all but `shard`), in a fixed order.
    public static func fields(scenario: Scenario, digest: String, parameters: SweepParameters,
                              glpkVersion: String) -> [(key: String, value: String)] {
        func line(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
        return [("scenario", line(scenario.name)), ("scenario_digest", digest), ("variant", line(scenario.variantName ?? "")),
                ("fund", line(parameters.target.description)), ("from", "\(parameters.from)"), ("to", "\(parameters.to)"),
                ("steps", "\(parameters.steps)"), ("block", "\(parameters.block)"), ("glpk", glpkVersion)]
    }

    /// A shard's file: the signature, the fields, the shard, the CSV, then its checksum line.
    public static func partial(csv: String, fields: [(key: String, value: String)], shard: SweepShard) -> String {
        var out = signature + "\n"
        for (key, value) in fields { out += "# \(key):" + (value.isEmpty ? "" : " \(value)") + "\n" }
        out += "# shard: \(shard)\n"
        return withChecksum(out + csv)
    }

    /// Joins partial files (name, contents) into the frontier's CSV.
    /// - Throws: ``SweepMergeError`` naming the file and what disagrees or is missing.
    public static func merge(_ parts: [(name: String, text: String)]) throws -> String {
        guard !parts.isEmpty else { throw SweepMergeError("no partial files given") }
        var reference: Part?
        var shardOwners: [Int: String] = [:]
        var shardCount: Int?
        var byStep: [Int: (line: String, file: String)] = [:]
        for text in parts {
            let part = try Part(text)
            if let reference { try part.checkSameSweep(as: reference) } else { reference = part }
            let shard = part.shard
            if let shardCount, shardCount != shard.count {
                throw SweepMergeError("\(part.name): shard \(shard) is one of \(shard.count) but other parts are shards of \(shardCount)")
            }
            shardCount = shard.count
            if let other = shardOwners[shard.index] {
                throw SweepMergeError("\(part.name): shard \(shard) is also given by \(other)")
            }
            shardOwners[shard.index] = part.name
            try part.addSteps(to: &byStep)
            try checkStepCount(of: part.name, lines: part.rows, fields: part.fields, shard: shard)
        }
        guard let reference, let steps = reference.fields.first(where: { $0.key == "steps" }).flatMap({ Int($0.value) }) else {
            throw SweepMergeError("\(parts[0].name): expected a \"# steps: N\" line, found none")
        }
        let missing = (0..<steps).filter { byStep[$0] == nil }
        if !missing.isEmpty {
            let shards = (0..<(shardCount ?? 1)).filter { shardOwners[$0] == nil }.map { "\($0)/\(shardCount ?? 1)" }
            throw SweepMergeError("steps missing: \(missing.prefix(10).map(String.init).joined(separator: ", "))\(missing.count > 10 ? " and \(missing.count - 10) more" : "")"
                                  + (shards.isEmpty ? "" : " (shards not given: \(shards.joined(separator: ", ")))"))
        }
        if let extra = byStep.keys.filter({ $0 < 0 || $0 >= steps }).min() {
            throw SweepMergeError("\(byStep[extra]!.file): step \(extra) is outside 0..<\(steps)")
        }
        return reference.header + "\n" + (0..<steps).map { byStep[$0]!.line + "\n" }.joined()
    }

    /// A partial file, read: its comment fields (the sweep's parameters), its shard, its CSV header
    /// and its rows.
    private struct Part {
        var name: String
        var fields: [(key: String, value: String)] = []
        var shard: SweepShard
        var header: String
        /// The lines after the header, and the line number of the first of them.
        var rows: ArraySlice<String>
        var firstRowLine: Int

        /// Checks the checksum, the signature and the comment lines.
        init(_ part: (name: String, text: String)) throws {
            name = part.name
            var lines = try SweepFile.verifiedBody(part).components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
            if lines.last == "" { lines.removeLast() }
            guard lines.first == SweepFile.signature else {
                throw SweepMergeError("\(part.name): line 1: expected \"\(SweepFile.signature)\" (a file written by `eduplan sweep --shard`), found \"\(lines.first ?? "")\"")
            }
            var shard: SweepShard?
            var index = 1
            while index < lines.count, lines[index].hasPrefix("#") {
                let body = lines[index].dropFirst().drop { $0 == " " }
                guard let colon = body.firstIndex(of: ":") else {
                    throw SweepMergeError("\(part.name): line \(index + 1): expected \"# key: value\", found \"\(lines[index])\"")
                }
                let key = String(body[..<colon])
                let value = String(body[body.index(after: colon)...].drop { $0 == " " })
                if key == "shard" {
                    do { shard = try SweepShard(parsing: value) } catch {
                        throw SweepMergeError("\(part.name): line \(index + 1): \(error)")
                    }
                } else {
                    fields.append((key, value))
                }
                index += 1
            }
            guard let shard else { throw SweepMergeError("\(part.name): expected a \"# shard: i/n\" line, found none") }
            guard index < lines.count else { throw SweepMergeError("\(part.name): expected the CSV header line after the comments, found the end of the file") }
            self.shard = shard
            header = lines[index]
            rows = lines[(index + 1)...]
            firstRowLine = index + 2
        }

        /// The same sweep as `reference`: the same parameters and the same columns.
        func checkSameSweep(as reference: Part) throws {
            for (key, value) in reference.fields where !fields.contains(where: { $0.key == key && $0.value == value }) {
                let found = fields.first { $0.key == key }?.value
                throw SweepMergeError("\(name): \(key) is \(found.map { "\"\($0)\"" } ?? "missing") but \(reference.name) has \"\(value)\": the parts come from different sweeps")
            }
            for (key, value) in fields where !reference.fields.contains(where: { $0.key == key }) {
                throw SweepMergeError("\(name): \(key) is \"\(value)\" but \(reference.name) has no \(key): the parts come from different sweeps")
            }
            guard header == reference.header else {
                throw SweepMergeError("\(name): the CSV columns differ from \(reference.name)'s")
            }
        }

        /// Adds each row by its step: a step of another shard, or one another part has, is refused.
        func addSteps(to byStep: inout [Int: (line: String, file: String)]) throws {
            let block = fields.first { $0.key == "block" }.flatMap { Int($0.value) }
            for (offset, line) in rows.enumerated() where !line.isEmpty {
                guard let step = line.split(separator: ",", maxSplits: 1).first.flatMap({ Int($0) }) else {
                    throw SweepMergeError("\(name): line \(firstRowLine + offset): expected a step number in the first column, found \"\(line.prefix(40))\"")
                }
                if let block, block > 0, (step / block) % shard.count != shard.index {
                    throw SweepMergeError("\(name): line \(firstRowLine + offset): step \(step) does not belong to shard \(shard)")
                }
                if let earlier = byStep[step] {
                    throw SweepMergeError("\(name): step \(step) is also in \(earlier.file)")
                }
                byStep[step] = (line, name)
            }
        }
    }

    /// A digest of a scenario folder: FNV-1a (64 bits) over the name and bytes of every regular
    /// file directly in it (symbolic links followed when they stay in the folder), in byte order of
    /// names. Not cryptographic: it tells parts of different scenarios apart, it does not
    /// authenticate them. FIFOs, devices and sub-folders are skipped, never opened.
    public static func digest(folder: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            guard let path = try? InputFile.resolve(name, inside: folder) else { return false }
            return FileKind.of(path) == .regular
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var hash = FNV1a64()
        for name in names {
            let data = try InputFile.read(name, inside: folder)
            hash.combine(name.utf8)
            hash.combine([0])
            hash.combine("\(data.count)".utf8)
            hash.combine([0])
            hash.combine(data)
        }
        return hash.hex
    }
}

/// Why partial sweep files cannot be merged.
public struct SweepMergeError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
