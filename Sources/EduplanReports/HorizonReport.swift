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
                     "lapsed": .number(carry.lapsed), "cap_value": carry.capValue.map(JSONValue.number) ?? .null,
                     "cap_value_valid_from": carry.capValueFrom.map(JSONValue.number) ?? .null,
                     "cap_value_valid_to": carry.capValueTo.map(JSONValue.number) ?? .null])
        })
        fields["new_dispatch"] = try JSONValue(encoding: year.newDispatch)
        if result.replan != nil { fields["actual"] = .bool(year.actual) }
        return .object(fields)
    }

    // MARK: Text

    /// The horizon's summary (status, discount, discounted objective and U, price of fairness), its
    /// money by year and fund and its teachers by year, then each year's plan summary under a
    /// heading that places the year in the horizon ("2025 (year 2 of 3)").
    public func text(markdown: Bool, wording w: Wording = .english) -> String {
        let years = result.horizon.years
        var out = Format.title(w("horizon.title", ["scenario": scenario.name, "first": "\(years[0])", "last": "\(years[years.count - 1])"]),
                               markdown: markdown)
        let top = result.result
        // What the status means (how the plan was certified, what is left out), as one year's report says it.
        if !top.statusNotes.isEmpty {
            out += PlanSummary.statusDetail(top, wording: w, names: DisplayNames(scenario, language: w.language)) + "\n\n"
        }
        // Two decimals when the value has a fraction: a small horizon's 136.5 is not 136.
        let points = { (value: Double) in
            w("plan.value.points", ["value": Format.grouped(value, decimals: abs(value - value.rounded()) < 1e-9 * max(1, abs(value)) ? 0 : 2)])
        }
        var rows: [(String, String)] = [(w("plan.row.status"), w("common.status.\(top.status.rawValue)")),
                                        (w("horizon.row.discount"), Format.plain(result.horizon.discount))]
        if let objective = top.objective { rows.append((w("horizon.row.objective"), points(objective))) }
        if let benefit = top.benefit { rows.append((w("horizon.row.benefit"), points(benefit))) }
        if let pof = top.priceOfFairness {
            rows.append((w("plan.row.priceOfFairness"), w.percent(pof)))
        } else if let range = top.priceOfFairnessRange {
            rows.append((w("plan.row.priceOfFairness"), PlanSummary.priceOfFairnessRange(range, wording: w)))
        }
        out += PlanSummary.table(rows, headers: ["", markdown ? w("plan.header.value") : ""], markdown: markdown)
        if let replan = result.replan { out += replanText(replan, markdown: markdown, wording: w) }
        if !result.years.isEmpty { out += moneyTable(markdown: markdown, wording: w) + teacherTable(markdown: markdown, wording: w) }
        if let diagnosis = top.diagnosis, !diagnosis.isEmpty {
            out += PlanSummary.text(top, metrics: [], markdown: markdown, wording: w,
                                    names: DisplayNames(scenario, language: w.language), scenario: scenario, titled: false)
        }
        for (t, (year, report)) in zip(result.years, self.years).enumerated() {
            let heading = w("horizon.year.heading", ["year": "\(year.year)", "n": "\(t + 1)", "count": "\(years.count)"])
                + (year.actual ? w("replan.year.actual") : "")
            out += "\n" + (markdown ? "# \(heading)\n\n" : Format.underlined(heading, with: "=") + "\n")
            out += report.text(markdown: markdown, wording: w, titled: false, year: YearOfHorizon(year))
        }
        return out
    }

    /// Budget, carried in, spent, carried on, lapsed and the cap's value per year and fund (money
    /// in the wording's unit, named in the headings; the cap's value per unit of that money, with
    /// the caps between which it holds).
    private func moneyTable(markdown: Bool, wording w: Wording) -> String {
        let names = DisplayNames(scenario, language: w.language)
        let unit = w.moneyUnit(currency: scenario.currency)
        var rows: [[String]] = []
        for year in result.years {
            for carry in year.carryOver {
                let value = carry.capValue.map { Format.grouped($0 * w.perUnitFactor, decimals: 3) }
                    ?? (carry.cap > 0 && carry.amount < carry.cap * (1 - 1e-9) ? w("horizon.money.capNotBinding") : "—")
                rows.append(["\(year.year)", names.fund(carry.fund)]
                            + [carry.budget, carry.carriedIn, carry.spent, carry.amount, carry.lapsed].map { w.amount($0) }
                            + [value, Self.capRange(carry, wording: w)])
            }
        }
        let money = ["horizon.money.budget", "horizon.money.carriedIn", "horizon.money.spent", "horizon.money.carried", "horizon.money.lapsed"]
            .map { w("horizon.money.withUnit", ["column": w($0), "unit": unit]) }
        let headers = [w("horizon.money.year"), w("horizon.money.fund")] + money
            + [w("horizon.money.capValue", ["per": w.perMoney(currency: scenario.currency)]),
               w("horizon.money.withUnit", ["column": w("horizon.money.capRange"), "unit": unit])]
        return PlanSummary.heading(w("horizon.money.heading"), markdown: markdown) + Format.grid(rows, headers: headers, markdown: markdown)
    }

    /// The caps between which a cap's value holds ("299.3–900"), "not checked" when a value has no
    /// interval (claims not re-solved), "—" without a value.
    static func capRange(_ carry: YearPlanResult.CarryOver, wording w: Wording) -> String {
        guard carry.capValue != nil else { return "—" }
        guard let from = carry.capValueFrom, let to = carry.capValueTo else { return w("horizon.money.capRangeUnknown") }
        return w("horizon.money.capRangeValue", ["from": w.amount(from), "to": w.amount(to)])
    }

    /// Dispatched teachers at post (Σ Y) and newly dispatched (Σ y) per year, counted as the
    /// one-year summary counts them.
    private func teacherTable(markdown: Bool, wording w: Wording) -> String {
        guard !scenario.teacherGroups.isEmpty else { return "" }
        let rows = result.years.map { year in
            ["\(year.year)", Format.grouped(year.result.dispatched), Format.grouped(year.newDispatch.reduce(0) { $0 + $1.count })]
        }
        return PlanSummary.heading(w("horizon.teachers.heading"), markdown: markdown)
            + Format.grid(rows, headers: [w("horizon.money.year"), w("horizon.teachers.present"), w("horizon.teachers.new")], markdown: markdown)
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
