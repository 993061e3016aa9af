import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// "Year over year" on a multi-year page: the base plan's money by fund, teachers, unmet need,
/// pupils and equity measures by year, each chart with its numbers in a table under it. Every
/// figure is the plan's (each year's plan as plan.json's `years` holds it); nothing is re-solved.
extension HTMLReport {
    /// Series colours of the year charts (Okabe–Ito, grey for the budget a year is measured against).
    private static let trendColours = (budget: "#9aa3ad", spent: "#0072B2", carried: "#009E73", lapsed: "#D55E00", other: "#CC79A7")

    func trendsSection(_ horizon: HorizonPages) -> String {
        var out = section("trends", text("report.toc.trends"))
        out += "<p>\(text("report.trends.intro"))</p>\n"
        out += moneyTrends(horizon) + teacherTrends(horizon) + unmetTrends(horizon) + pupilTrends(horizon) + equityTrends(horizon)
        return out + "</section>\n"
    }

    private func yearLabels(_ horizon: HorizonPages) -> [String] { horizon.years.compactMap(\.yearShown).map(String.init) }

    /// Budget, spent, carried on and lapsed per year, one chart per fund.
    private func moneyTrends(_ horizon: HorizonPages) -> String {
        let rows = horizon.result.years.flatMap { year in year.carryOver.map { (year: year.year, carry: $0) } }
        let scale = chartMoneyScale(rows.map { max($0.carry.budget + $0.carry.carriedIn, $0.carry.spent) }.max() ?? 0)
        var out = "<h3>\(text("report.trends.money.heading"))</h3>\n<div class=\"charts\">\n"
        for (f, fund) in scenario.funds.enumerated() {
            let mine = horizon.result.years.map { $0.carryOver[f] }
            let series: [(label: String, colour: String, values: [Double])] = [
                (Self.plain(text("report.horizon.col.budget")), Self.trendColours.budget, mine.map { $0.budget / scale.divisor }),
                (Self.plain(text("report.horizon.col.spent")), Self.trendColours.spent, mine.map { $0.spent / scale.divisor }),
                (Self.plain(text("report.horizon.col.carried")), Self.trendColours.carried, mine.map { $0.amount / scale.divisor }),
                (Self.plain(text("report.horizon.col.lapsed")), Self.trendColours.lapsed, mine.map { $0.lapsed / scale.divisor }),
            ]
            out += yearBars(id: "trend-money-\(f)", title: text("report.trends.money.title", ["fund": fundName(fund.id)]), years: yearLabels(horizon),
                            series: series, unit: scale.unit)
        }
        out += "</div>\n<details><summary>\(text("report.trends.numbers"))</summary>\n" + moneyTable(rows, withYear: true) + "</details>\n"
        return out
    }

    /// Dispatched teachers at post (Σ_g Y, three-year posts included) and newly posted (Σ_g y) per year.
    private func teacherTrends(_ horizon: HorizonPages) -> String {
        guard !scenario.teacherGroups.isEmpty else { return "" }
        let present = horizon.result.years.map(\.result.dispatched)
        let newly = horizon.result.years.map { $0.newDispatch.reduce(0.0) { $0 + $1.count } }
        return countTrend(horizon, id: "trend-teachers", heading: text("report.trends.teachers.heading"),
                          figures: [(text("report.trends.teachers.present"), Self.trendColours.spent, present),
                                    (text("report.trends.teachers.new"), Self.trendColours.carried, newly)],
                          unit: text("report.trends.unit.teachers"))
    }

    /// A heading, a bar chart of counts per year (a bar per figure) and the counts' table.
    private func countTrend(_ horizon: HorizonPages, id: String, heading: String,
                            figures: [(label: String, colour: String, values: [Double])], unit: String) -> String {
        let series = figures.map { (label: Self.plain($0.label), colour: $0.colour, values: $0.values) }
        return "<h3>\(heading)</h3>\n" + yearBars(id: id, title: heading, years: yearLabels(horizon), series: series, unit: Self.plain(unit))
            + yearTable(horizon, headers: figures.map(\.label), columns: figures.map { $0.values.map { HTMLText.number($0) } })
    }

    /// Need not met per year: money (Σ of need − allocation over schools and categories, mandatory
    /// included) and teachers (shortage left).
    private func unmetTrends(_ horizon: HorizonPages) -> String {
        let unmet = horizon.years.map { $0.comparison?.base.figures.unmetMoney ?? 0 }
        let shortage = horizon.years.map(\.result.shortageLeft), before = horizon.years.map(\.result.shortageBefore)
        let scale = chartMoneyScale(unmet.max() ?? 0)
        var out = "<h3>\(text("report.trends.unmet.heading"))</h3>\n<div class=\"charts\">\n"
        out += yearBars(id: "trend-unmet-money", title: text("report.trends.unmet.money"), years: yearLabels(horizon),
                        series: [(Self.plain(text("report.trends.unmet.money")), Self.trendColours.lapsed, unmet.map { $0 / scale.divisor })], unit: scale.unit)
        if !scenario.teacherGroups.isEmpty || before.contains(where: { $0 > 0 }) {
            out += yearBars(id: "trend-unmet-teachers", title: text("report.trends.unmet.teachers"), years: yearLabels(horizon),
                            series: [(Self.plain(text("report.trends.unmet.teachers")), Self.trendColours.other, shortage)],
                            unit: Self.plain(text("report.trends.unit.teachers")))
        }
        out += "</div>\n"
        if hasProjects { out += "<p class=\"small muted\">\(text("report.horizon.year.cumulative"))</p>\n" }
        let headers = ["\(text("report.trends.unmet.money")) (\(moneyUnit))", text("report.trends.shortage.before"), text("report.trends.unmet.teachers")]
        return out + yearTable(horizon, headers: headers, columns: [unmet.map { moneyNumber($0) }, before.map { HTMLText.number($0) },
                                                                   shortage.map { HTMLText.number($0) }])
    }

    /// Pupils and registered poor pupils of each year's scenario (its own table or the projection).
    private func pupilTrends(_ horizon: HorizonPages) -> String {
        let pupils = horizon.years.map { Double($0.scenario.schools.reduce(0) { $0 + $1.enrollment }) }
        let poor = horizon.years.map { Double($0.scenario.schools.reduce(0) { $0 + $1.poor }) }
        return countTrend(horizon, id: "trend-pupils", heading: text("report.trends.pupils.heading"),
                          figures: [(text("report.trends.pupils"), Self.trendColours.spent, pupils),
                                    (text("report.trends.poor"), Self.trendColours.lapsed, poor)],
                          unit: text("report.trends.unit.pupils"))
    }

    /// The per-pupil equity measures of each year's plan, as lines over the years.
    private func equityTrends(_ horizon: HorizonPages) -> String {
        let measures: [(id: String, key: String, value: (EquityMetrics) -> Double?)] = [
            ("gini", "report.metric.gini", { $0.gini }), ("theil", "report.metric.theil", { $0.theil }),
            ("hoover", "report.metric.hoover", { $0.hoover }), ("mcloone", "report.metric.mcloone", { $0.mcloone }),
            ("cv", "report.metric.cv", { $0.cv }),
        ]
        let years = horizon.years.compactMap(\.yearShown)
        let values = measures.map { measure in horizon.years.map { $0.base.metrics.flatMap(measure.value) } }
        let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3", "1 2"]
        let series = measures.indices.map { m in
            SVGSeries(label: Self.plain(text(measures[m].key)), points: zip(years, values[m]).compactMap { year, v in v.map { (Double(year), $0) } },
                      colour: SVGChart.palette[m], dash: dashes[m], markers: true)
        }
        let top = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite).max() ?? 1
        let x = SVGAxis(label: Self.plain(text("report.horizon.col.year")), lower: Double(years[0]), upper: Double(years[years.count - 1]),
                        ticks: years.map(Double.init), format: { String(Int($0)) })
        let y = SVGAxis.nice(label: Self.plain(text("report.trends.equity.axis")), lower: 0, upper: max(top, 0.1)) { SVGChart.tickNumber($0) }
        let description = measures.indices.map { m in
            Self.plain(text(measures[m].key)) + ": " + zip(years, values[m]).map { "\($0) \(HTMLText.index($1))" }.joined(separator: ", ")
        }.joined(separator: "; ")
        var out = "<h3>\(text("report.trends.equity.heading"))</h3>\n<figure class=\"figure-row\">\n"
        out += SVGChart.lineChart(id: "trend-equity", title: Self.plain(text("report.trends.equity.heading")), description: description,
                                  series: series, x: x, y: y, width: 600, height: 360)
        out += "\n<ul class=\"legend\">" + measures.indices.map { m in
            "<li>\(SVGChart.swatch(colour: SVGChart.palette[m], dash: dashes[m])) \(def(measures[m].id, measures[m].key))</li>"
        }.joined() + "</ul>\n</figure>\n"
        return out + yearTable(horizon, headers: measures.map { def($0.id, $0.key) }, columns: values.map { $0.map { HTMLText.index($0) } })
    }

    /// A grouped bar chart of a figure per year (years as groups), its legend under it.
    private func yearBars(id: String, title: String, years: [String], series: [(label: String, colour: String, values: [Double])],
                          unit: String) -> String {
        let description = series.map { s in s.label + ": " + zip(years, s.values).map { "\($0) \(SVGChart.tickNumber($1))" }.joined(separator: ", ") }
            .joined(separator: "; ")
        var out = "<figure>\n" + SVGChart.groupedBars(id: id, title: Self.plain(title), description: description, categories: years,
                                                       series: series, yLabel: unit, width: 560, height: 320)
        out += "\n<figcaption>\(title)<ul class=\"legend\">"
        out += series.map { "<li>\(SVGChart.box(colour: $0.colour)) \(HTMLText.escape($0.label))</li>" }.joined()
        return out + "</ul></figcaption>\n</figure>\n"
    }

    /// The numbers of a chart: a row per year, a column per figure (cells already formatted), collapsed.
    private func yearTable(_ horizon: HorizonPages, headers: [String], columns: [[String]]) -> String {
        var out = "<details><summary>\(text("report.trends.numbers"))</summary>\n<div class=\"scroll\"><table><thead><tr>"
        out += "<th scope=\"col\">\(text("report.horizon.col.year"))</th>" + headers.map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for (t, year) in horizon.years.compactMap(\.yearShown).enumerated() {
            out += "<tr><th scope=\"row\">\(year)</th>" + columns.map { "<td class=\"num\">\($0[t])</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n</details>\n"
    }
}
