import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// A multi-year plan for people and machines (docs/cli.md, "Multi-year plans"): plan.json with the
/// horizon's figures at the top level, `horizon` and `years` (each year today's plan object with
/// its carry-over and new dispatches); CSVs with a first column `year`; the text summary of the
/// horizon (money per year and fund, teachers per year) followed by each year's plan summary.
public struct HorizonReport {
    public let result: HorizonPlanResult
    public let scenario: Scenario
    /// Each year's report on the year's one-year scenario.
    public let years: [PlanReport]

    public init(result: HorizonPlanResult, scenario: Scenario) {
        self.result = result
        self.scenario = scenario
        years = result.years.map { PlanReport(result: $0.result, scenario: $0.scenario) }
    }

    // MARK: JSON

    /// The solve object: today's keys describing the whole horizon (no `plan`), `horizon`, `years`.
    public func json() throws -> JSONValue {
        guard case var .object(fields) = try PlanReport(result: result.result, scenario: scenario).json(withPlan: false) else {
            return .null
        }
        fields["metrics"] = nil
        fields["horizon"] = .object(["years": .array(result.horizon.years.map { .number(Double($0)) }),
                                     "discount": .number(result.horizon.discount)])
        fields["years"] = .array(try zip(result.years, years).map { year, report in try yearJSON(year, report) })
        if let replan = result.replan { fields["replan"] = replanJSON(replan) }
        return .object(fields)
    }

    private func yearJSON(_ year: YearPlanResult, _ report: PlanReport) throws -> JSONValue {
        guard case var .object(fields) = try report.json() else { return .null }
        for key in ["scenario_fingerprint", "scenario_identity", "format_version", "scenario", "variant", "currency"] {
            fields[key] = nil
        }
        fields["year"] = .number(Double(year.year))
        fields["carry_over"] = .array(year.carryOver.map { carry in
            .object(["fund": .string(carry.fund), "amount": .number(carry.amount), "budget": .number(carry.budget),
                     "carried_in": .number(carry.carriedIn), "spent": .number(carry.spent), "cap": .number(carry.cap),
                     "lapsed": .number(carry.lapsed), "cap_value": carry.capValue.map(JSONValue.number) ?? .null])
        })
        fields["new_dispatch"] = try JSONValue(encoding: year.newDispatch)
        if result.replan != nil { fields["actual"] = .bool(year.actual) }
        return .object(fields)
    }

    // MARK: Text

    /// The horizon's summary, then each year's plan summary under its heading.
    public func text(markdown: Bool, wording w: Wording = .english) -> String {
        let years = result.horizon.years
        var out = Format.title(w("horizon.title", ["scenario": scenario.name, "first": "\(years[0])", "last": "\(years[years.count - 1])"]),
                               markdown: markdown)
        let top = result.result
        var rows: [(String, String)] = [(w("plan.row.status"), w("common.status.\(top.status.rawValue)")),
                                        (w("horizon.row.discount"), Format.plain(result.horizon.discount))]
        if let objective = top.objective { rows.append((w("horizon.row.objective"), w("plan.value.points", ["value": Format.significant(objective, digits: 10)]))) }
        if let benefit = top.benefit { rows.append((w("horizon.row.benefit"), w("plan.value.points", ["value": Format.significant(benefit, digits: 10)]))) }
        if let pof = top.priceOfFairness { rows.append((w("plan.row.priceOfFairness"), w.percent(pof))) }
        out += PlanSummary.table(rows, headers: ["", w("plan.header.value")], markdown: markdown) + "\n"
        if let replan = result.replan { out += replanText(replan, markdown: markdown, wording: w) }
        if !result.years.isEmpty { out += moneyTable(markdown: markdown, wording: w) + teacherTable(markdown: markdown, wording: w) }
        if let diagnosis = top.diagnosis, !diagnosis.isEmpty {
            out += PlanSummary.text(top, metrics: [], markdown: markdown, wording: w,
                                    names: DisplayNames(scenario, language: w.language), scenario: scenario)
        }
        for (year, report) in zip(result.years, self.years) {
            out += "\n" + (markdown ? "## " + w("horizon.year.heading", ["year": "\(year.year)"]) + "\n\n"
                : Format.underlined(w("horizon.year.heading", ["year": "\(year.year)"]), with: "-") + "\n")
            out += report.text(markdown: markdown, wording: w)
        }
        return out
    }

    /// Budget, carried in, spent, carried on, lapsed and the cap's value per year and fund.
    private func moneyTable(markdown: Bool, wording w: Wording) -> String {
        let money = { (value: Double) in w.money(value, currency: scenario.currency) }
        let names = DisplayNames(scenario, language: w.language)
        var rows: [[String]] = []
        for year in result.years {
            for carry in year.carryOver {
                let value = carry.capValue.map { Format.significant($0, digits: 6) } ?? (carry.cap > 0 ? w("horizon.money.capNotBinding") : "")
                rows.append(["\(year.year)", names.fund(carry.fund), money(carry.budget), money(carry.carriedIn), money(carry.spent),
                             money(carry.amount), money(carry.lapsed), value])
            }
        }
        let headers = ["horizon.money.year", "horizon.money.fund", "horizon.money.budget", "horizon.money.carriedIn",
                       "horizon.money.spent", "horizon.money.carried", "horizon.money.lapsed", "horizon.money.capValue"].map { w($0) }
        let heading = markdown ? "## " + w("horizon.money.heading") + "\n\n" : Format.underlined(w("horizon.money.heading"), with: "-")
        return heading + Format.grid(rows, headers: headers, markdown: markdown) + "\n"
    }

    /// Dispatched teachers at post (Σ Y) and newly dispatched (Σ y) per year.
    private func teacherTable(markdown: Bool, wording w: Wording) -> String {
        guard !scenario.teacherGroups.isEmpty else { return "" }
        let rows = result.years.map { year in
            ["\(year.year)", Format.plain(year.result.dispatched), Format.plain(year.newDispatch.reduce(0) { $0 + $1.count })]
        }
        let heading = markdown ? "## " + w("horizon.teachers.heading") + "\n\n" : Format.underlined(w("horizon.teachers.heading"), with: "-")
        return heading + Format.grid(rows, headers: [w("horizon.money.year"), w("horizon.teachers.present"), w("horizon.teachers.new")],
                                     markdown: markdown) + "\n"
    }

    // MARK: Files

    /// plan.json and, with a plan, schools.csv, funds.csv, dispatch.csv (each year's rows after a
    /// first column `year`) and carry_over.csv; without one, diagnosis.csv.
    public func files() throws -> [(name: String, data: Data)] {
        let planJSON = ("plan.json", Data((try json().rendered() + "\n").utf8))
        guard !result.years.isEmpty else {
            return [planJSON, ("diagnosis.csv", Data(PlanReport(result: result.result, scenario: scenario).diagnosisCSV().utf8))]
        }
        let csv = { (table: (PlanReport) -> String) in
            Data(Self.withYearColumn(zip(self.result.years.map(\.year), self.years).map { ($0, table($1)) }).utf8)
        }
        return [planJSON, ("schools.csv", csv { $0.schoolsCSV() }), ("funds.csv", csv { $0.fundsCSV() }),
                ("dispatch.csv", csv { $0.dispatchCSV() })]
    }

    /// One CSV of every year's table: the first year's header after `year`, then each year's rows.
    static func withYearColumn(_ tables: [(year: Int, csv: String)]) -> String {
        var out = ""
        for (i, table) in tables.enumerated() {
            let lines = table.csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if i == 0, let header = lines.first { out += "year," + header + "\n" }
            for line in lines.dropFirst() { out += "\(table.year)," + line + "\n" }
        }
        return out
    }

    /// Writes the files into the staging of a folder output (committed as one set by the caller).
    public func write(into output: OutputTarget) throws {
        for (name, data) in try files() { try output.write(data, as: name) }
    }
}
