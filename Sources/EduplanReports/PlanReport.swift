import CSV
import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// A solve with its equity metrics, ready to print or write.
public struct PlanReport: Sendable {
    public let result: PlanResult
    public let scenario: Scenario
    public let metrics: EquityMetrics?
    public let teacherR2Before: Double?
    public let teacherR2After: Double?
    public let staffingShareBefore: Double?
    public let staffingShareAfter: Double?
    /// The plan file's metrics and the scenario's fingerprint, made on first use and kept.
    let planFileParts = ComputedOnce<(metrics: PlanFile.Metrics?, fingerprint: ScenarioFingerprint)>()
    /// plan.json's text, made on first use and kept (`solve --out --format json` writes it twice).
    let planJSONText = ComputedOnce<[UInt8]>()

    /// Computes the plan's equity metrics (EduplanMetrics).
    public init(result: PlanResult, scenario: Scenario) {
        self.result = result
        self.scenario = scenario
        guard let plan = result.plan else {
            metrics = nil
            teacherR2Before = nil
            teacherR2After = nil
            staffingShareBefore = nil
            staffingShareAfter = nil
            return
        }
        metrics = Equity.metrics(Self.equityInput(plan, scenario))
        let pupils = plan.schools.map { Double($0.pupils) }
        teacherR2Before = Equity.teacherAllocationR2(pupils: pupils, teachers: plan.schools.map { Double($0.teachersBefore) })
        teacherR2After = Equity.teacherAllocationR2(pupils: pupils, teachers: plan.schools.map { Double($0.teachersAfter) })
        let ratio = scenario.schools.map { scenario.studentTeacherRatio[$0.level] ?? .infinity }
        staffingShareBefore = Equity.staffingStandardShare(pupils: pupils, teachers: plan.schools.map { Double($0.teachersBefore) }, ratio: ratio)
        staffingShareAfter = Equity.staffingStandardShare(pupils: pupils, teachers: plan.schools.map { Double($0.teachersAfter) }, ratio: ratio)
    }

    /// One entry per school of the plan: pupils, money received, need, region.
    static func equityInput(_ plan: Plan, _ scenario: Scenario) -> EquityInput {
        let regionIndex = Dictionary(uniqueKeysWithValues: scenario.regions.enumerated().map { ($1.id, $0) })
        return EquityInput(
            ids: plan.schools.map(\.id), pupils: plan.schools.map { Double($0.pupils) },
            allocation: plan.schools.map(\.received), need: plan.schools.map(\.totalNeed),
            region: plan.schools.map { regionIndex[$0.region] ?? 0 }, regionIncome: scenario.regions.map(\.incomePerCapita))
    }

    /// The plan's metrics as the plan file lays them out (``PlanFile/Metrics``); nil without a plan.
    public var planMetrics: PlanFile.Metrics? {
        guard let m = metrics else { return nil }
        var out = PlanFile.Metrics()
        out.gini = m.gini
        out.theil = m.theil
        out.theilBetween = m.theilBetween
        out.theilWithin = m.theilWithin
        out.atkinson0_5 = m.atkinson0_5
        out.atkinson1 = m.atkinson1
        out.atkinson2 = m.atkinson2
        out.cv = m.cv
        out.mcloone = m.mcloone
        out.verstegen = m.verstegen
        out.federalRangeRatio = m.federalRangeRatio
        out.restrictedRange = m.restrictedRange
        out.range = m.range
        out.hoover = m.hoover
        out.meanPerPupil = m.mean
        out.medianPerPupil = m.median
        out.fiscalNeutralityCorrelation = m.fiscalNeutralityCorrelation
        out.fiscalNeutralityElasticity = m.fiscalNeutralityElasticity
        out.teacherAllocationR2Before = teacherR2Before
        out.teacherAllocationR2After = teacherR2After
        out.staffingStandardShareBefore = staffingShareBefore
        out.staffingStandardShareAfter = staffingShareAfter
        addBreakdowns(to: &out)
        return out
    }

    /// Metrics shown in the text summary, labelled in the wording's language.
    func metricRows(_ w: Wording = .english) -> [(String, Double?)] {
        guard let m = metrics else { return [] }
        return [(w("plan.metric.gini"), m.gini), (w("plan.metric.theil"), m.theil), (w("plan.metric.mcloone"), m.mcloone),
                (w("plan.metric.cv"), m.cv), (w("plan.metric.hoover"), m.hoover),
                (w("plan.metric.teacherR2Before"), teacherR2Before), (w("plan.metric.teacherR2After"), teacherR2After)]
    }

    /// The solve as a document (PRODUCT.md's solve object, plan.json), with the scenario's
    /// fingerprints (``ScenarioFingerprint``) and, unless `withPlan` is false, the plan.
    /// The metrics and the fingerprint (SHA-256 over the canonical scenario) are computed once per
    /// report: `solve --format json --out` asks for the plan file twice.
    public func planFile(withPlan: Bool = true) -> PlanFile {
        let parts = planFileParts.value { (planMetrics, ScenarioFingerprint(scenario)) }
        return PlanFile(result: result, metrics: parts.metrics, fingerprint: parts.fingerprint, includesPlan: withPlan)
    }

    /// The solve's JSON object: ``planFile(withPlan:)`` as a JSON value, for documents that hold
    /// it among others (`compare`, `sweep`, a multi-year plan). plan.json is ``jsonText(decomposed:)``.
    public func json(withPlan: Bool = true) throws -> JSONValue {
        try JSONValue(encoding: planFile(withPlan: withPlan))
    }

    /// plan.json's text (and `solve --format json`'s): ``planFile(withPlan:)`` written by
    /// ``JSONStreamEncoder`` — the same bytes as ``json(withPlan:)`` rendered, without the tree —
    /// with a `decomposition` key for a plan made in parts, and a final line break.
    public func jsonText(decomposed: DecomposedPlan? = nil) throws -> [UInt8] {
        guard decomposed == nil else { return try Self.text(SolveDocument(file: planFile(), decomposition: decomposed?.json())) }
        return try planJSONText.value { try Self.text(SolveDocument(file: planFile(), decomposition: nil)) }
    }

    /// A document's JSON text and a final line break.
    private static func text(_ document: SolveDocument) throws -> [UInt8] {
        var text = try JSONStreamEncoder.encode(document)
        text.append(UInt8(ascii: "\n"))
        return text
    }

    /// The plan file with, for a plan made in parts, its `decomposition` key.
    private struct SolveDocument: Encodable {
        let file: PlanFile
        let decomposition: JSONValue?

        enum CodingKeys: String, CodingKey { case decomposition }

        func encode(to encoder: any Encoder) throws {
            try file.encode(to: encoder)
            guard let decomposition else { return }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(decomposition, forKey: .decomposition)
        }
    }

    /// The plan summary for people: a table, or markdown, in the wording's language and money unit;
    /// without `titled`, no title (``PlanSummary/text(_:metrics:markdown:wording:names:scenario:titled:)``).
    /// `year`: a year of a multi-year plan (its status when over, its funds' carried-in money).
    public func text(markdown: Bool, wording: Wording = .english, titled: Bool = true, year: YearOfHorizon? = nil) -> String {
        PlanSummary.text(result, metrics: metricRows(wording), markdown: markdown, wording: wording,
                         names: DisplayNames(scenario, language: wording.language), scenario: scenario, titled: titled, year: year)
    }

    /// The solve as `--format` asks, for stdout: a table or markdown (with the parts of a plan
    /// made in parts), JSON (the solve object, with a `decomposition` key for parts) or the
    /// per-school CSV.
    /// Only the table and markdown depend on `wording`: JSON and CSV are the same in every language.
    public func rendered(_ format: OutputFormat, decomposed: DecomposedPlan? = nil, wording: Wording = .english) throws -> String {
        switch format {
        case .json:
            return String(decoding: try jsonText(decomposed: decomposed), as: UTF8.self)
        case .table, .markdown:
            return text(markdown: format == .markdown, wording: wording)
                + (decomposed?.text(currency: scenario.currency, wording: wording) ?? "")
        case .csv:
            return schoolsCSV()
        }
    }

    /// The per-school plan as CSV (one row per school, one column per category).
    public func schoolsCSV() -> String {
        let categories = scenario.categories.filter { !$0.isDispatch }.map(\.id)
        var rows: [[String]] = [["school", "name", "region", "level", "pupils", "priority"] + categories
            + ["received", "coverage", "per_pupil", "teachers_before", "teachers_dispatched", "teachers_after", "shortage_left"]]
        for s in result.plan?.schools ?? [] {
            rows.append([s.id, s.name, s.region, s.level, "\(s.pupils)", Self.number(s.priority)]
                        + categories.map { Format.fen(s.allocated[$0] ?? 0) }
                        + [Format.fen(s.received), s.coverage.map(Self.number) ?? "", s.perPupil.map(Format.fen) ?? "",
                           "\(s.teachersBefore)", "\(s.teachersDispatched)", "\(s.teachersAfter)", "\(s.shortageLeft)"])
        }
        return Self.csv(rows)
    }

    func fundsCSV() -> String {
        var rows: [[String]] = [["fund", "category", "region", "amount"]]
        for f in result.plan?.funds ?? [] {
            for flow in f.flows { rows.append([f.id, flow.category, flow.region, Format.fen(flow.amount)]) }
        }
        return Self.csv(rows)
    }

    func dispatchCSV() -> String {
        var rows: [[String]] = [["group", "subject", "school", "region", "count", "distance_km", "annual_cost"]]
        for d in result.plan?.dispatch ?? [] {
            rows.append([d.group, d.subject, d.school, d.region, Self.number(d.count), Self.number(d.distanceKm), Format.fen(d.annualCost)])
        }
        return Self.csv(rows)
    }

    /// Every line of the elastic diagnosis: what it is about (ids, empty when about none), how much
    /// it must give in its unit, and its money rounded to the fen (0.01).
    public func diagnosisCSV() -> String {
        var rows: [[String]] = [["rule", "constraint", "category", "school", "region", "fund", "relax_by", "unit", "money"]]
        for item in result.diagnosis ?? [] {
            rows.append([item.rule, item.constraint, item.category ?? "", item.school ?? "", item.region ?? "", item.fund ?? "",
                         Self.number(item.relaxBy), item.unit, String(format: "%.2f", item.money)])
        }
        return Self.csv(rows)
    }

    /// The files of a plan folder (`solve --out`), in the order they are written.
    public static let outputFiles = ["plan.json", "schools.csv", "funds.csv", "dispatch.csv", "diagnosis.csv", "reserves.csv"]

    /// The solve's files by name: with a plan, plan.json, schools.csv, funds.csv, dispatch.csv; with
    /// an elastic diagnosis (no plan), plan.json and diagnosis.csv.
    public func files() throws -> [(name: String, data: Data)] {
        let planJSON = ("plan.json", Data(try jsonText()))
        guard result.plan != nil else { return [planJSON, ("diagnosis.csv", Data(diagnosisCSV().utf8))] }
        return [planJSON, ("schools.csv", Data(schoolsCSV().utf8)),
                ("funds.csv", Data(fundsCSV().utf8)), ("dispatch.csv", Data(dispatchCSV().utf8))]
            + (result.robust.map { [("reserves.csv", Data(RobustReport.csv($0).utf8))] } ?? [])
    }

    /// Writes the plan's files into the staging of a folder output; its commit puts them in place
    /// as one set.
    public func write(into output: OutputTarget) throws {
        for (name, data) in try files() { try output.write(data, as: name) }
    }

    /// Writes the solve's files (``files()``) into `directory` as one set: they replace the previous
    /// ones at once, or none does.
    public func write(to directory: URL) throws {
        let output = try OutputTarget.folder(directory.path, files: Self.outputFiles)
        defer { output.abandon() }
        try write(into: output)
        try output.commit()
    }

    /// Raw numbers for machines: shortest round-trip form.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    static func csv(_ rows: [[String]]) -> String {
        let stream = OutputStream(toMemory: ())
        guard let writer = try? CSVWriter(stream: stream) else { return "" }
        for row in rows { try? writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A value of one report computed by the first caller and kept (thread-safe: a report is
/// `Sendable`): the plan file's metrics and fingerprint, plan.json's text.
final class ComputedOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: Value?
    /// How many times the value was computed (at most once; tests read it).
    private(set) var computations = 0

    /// The value, from `make` the first time.
    func value(_ make: () throws -> Value) rethrows -> Value {
        try lock.withLock {
            if let kept { return kept }
            let made = try make()
            kept = made
            computations += 1
            return made
        }
    }
}
