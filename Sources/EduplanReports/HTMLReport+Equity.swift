import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// The equity sections: Lorenz curves per plan, the metrics table, coverage by region.
extension HTMLReport {
    /// Lorenz curve of the plan's per-pupil allocation (``Equity/lorenzCurve(ids:pupils:allocation:resolution:)``),
    /// or nil when nothing is allocated.
    /// - Complexity: O(n log n) for n schools.
    static func lorenz(_ plan: Plan) -> [(x: Double, y: Double)]? {
        Equity.lorenzCurve(ids: plan.schools.map(\.id), pupils: plan.schools.map { Double($0.pupils) },
                           allocation: plan.schools.map(\.received))
    }

    var allReports: [PlanReport] { [base] + variants }

    func lorenzSection() -> String {
        var out = "<section id=\"lorenz\" aria-labelledby=\"lorenz-h\">\n<h2 id=\"lorenz-h\">Who gets what: \(HTMLGlossary.link("lorenz", "Lorenz curves")) of \(HTMLGlossary.link("per-pupil", "per-pupil money"))</h2>\n"
        out += "<p>Pupils are lined up from the least to the best funded (money for every category except dispatch, divided by the school's pupils). Each curve shows what share of the money the poorest-funded share of pupils receives; the dashed diagonal is perfect equality. Lower curves are less equal.</p>\n"
        var series: [SVGSeries] = []
        var legend = "<ul class=\"legend\">\n"
        var missing: [String] = []
        for (i, report) in allReports.enumerated() {
            let colour = SVGChart.palette[i % SVGChart.palette.count]
            let dash = SVGChart.dashes[i % SVGChart.dashes.count]
            let label = Self.label(report)
            guard let plan = report.result.plan, let points = Self.lorenz(plan) else {
                missing.append("\(HTMLText.name(label)): \(report.result.plan == nil ? "no plan (\(report.result.status.rawValue))" : "no money allocated outside dispatch")")
                continue
            }
            series.append(SVGSeries(label: "\(label), Gini \(HTMLText.index(report.metrics?.gini))", points: points,
                                    colour: colour, dash: dash, width: i == 0 ? 2.6 : 2))
            legend += "<li>\(SVGChart.swatch(colour: colour, dash: dash, width: i == 0 ? 2.6 : 2)) \(HTMLText.name(label)) — \(HTMLGlossary.link("gini", "Gini")) \(HTMLText.index(report.metrics?.gini))</li>\n"
        }
        legend += "<li>\(SVGChart.swatch(colour: "#9aa3ad", dash: "5 4", width: 1.5)) equality</li>\n</ul>\n"
        let planned = allReports.filter { $0.result.plan != nil }
        if planned.isEmpty {
            out += "<p class=\"note-box\">No plan was found (\(allReports.map { $0.result.status.rawValue }.joined(separator: ", "))), so there is no distribution to draw.</p>\n"
            return out + "</section>\n"
        } else if series.isEmpty {
            out += "<p class=\"note-box\">No plan allocates money outside dispatch, so there is no per-pupil distribution to draw.</p>\n"
        } else {
            let axis = { (label: String) in
                SVGAxis(label: label, lower: 0, upper: 1, ticks: stride(from: 0.0, through: 1.0001, by: 0.2).map { $0 },
                        format: { HTMLText.percent($0, decimals: 0) })
            }
            let description = "Lorenz curves of pupil-weighted per-pupil allocation. " + series.map(\.label).joined(separator: "; ") + "."
            out += "<figure>\n<div class=\"figure-row\">\n" + SVGChart.lineChart(id: "lorenz-chart", title: "Lorenz curves of per-pupil money", description: description,
                                                     series: series, x: axis("share of pupils (least funded first)"), y: axis("share of money"),
                                                     width: 620, height: 520, diagonal: true)
            out += "\n\(legend)</div>\n<figcaption>Pupil-weighted; schools without pupils left out. Hover over a curve for its plan.</figcaption>\n</figure>\n"
        }
        if !missing.isEmpty {
            out += "<p class=\"small muted\">Not drawn: \(missing.joined(separator: "; ")).</p>\n"
        }
        out += equityTable()
        return out + "</section>\n"
    }

    /// The metrics of every plan side by side (plans as columns).
    func equityTable() -> String {
        let reports = allReports
        let c = currency
        var rows: [(String, (PlanReport) -> String)] = [
            (HTMLGlossary.link("status", "status"), { "<span class=\"status \($0.result.status.rawValue)\">\($0.result.status.rawValue)</span>" }),
            (HTMLGlossary.link("benefit", "weighted benefit U"), { HTMLText.points($0.result.benefit) }),
            (HTMLGlossary.link("pof", "price of fairness"), { HTMLText.percent($0.result.priceOfFairness, decimals: 2) }),
            (HTMLGlossary.link("per-pupil", "mean per pupil"), { HTMLText.money($0.metrics?.mean, c, decimals: 1) }),
            (HTMLGlossary.link("per-pupil", "median per pupil"), { HTMLText.money($0.metrics?.median, c, decimals: 1) }),
            (HTMLGlossary.link("gini", "Gini"), { HTMLText.index($0.metrics?.gini) }),
            (HTMLGlossary.link("theil", "Theil T"), { HTMLText.index($0.metrics?.theil) }),
            (HTMLGlossary.link("theil", "Theil between regions"), { HTMLText.index($0.metrics?.theilBetween) }),
            (HTMLGlossary.link("theil", "Theil within regions"), { HTMLText.index($0.metrics?.theilWithin) }),
            (HTMLGlossary.link("mcloone", "McLoone"), { HTMLText.index($0.metrics?.mcloone) }),
            (HTMLGlossary.link("verstegen", "Verstegen"), { HTMLText.index($0.metrics?.verstegen) }),
            (HTMLGlossary.link("cv", "coefficient of variation"), { HTMLText.index($0.metrics?.cv) }),
            (HTMLGlossary.link("federal-range", "federal range ratio"), { HTMLText.index($0.metrics?.federalRangeRatio) }),
            (HTMLGlossary.link("atkinson", "Atkinson (ε = 1)"), { HTMLText.index($0.metrics?.atkinson1) }),
            (HTMLGlossary.link("hoover", "Hoover (against need)"), { HTMLText.index($0.metrics?.hoover) }),
        ]
        if scenario.regions.contains(where: { $0.incomePerCapita != nil }) {
            rows.append((HTMLGlossary.link("fiscal-neutrality", "correlation with income"), { HTMLText.index($0.metrics?.fiscalNeutralityCorrelation) }))
        }
        if !scenario.teacherGroups.isEmpty || result.shortageBefore > 0 {
            rows += [
                (HTMLGlossary.link("dispatch", "teachers dispatched"), { $0.result.plan == nil ? "—" : HTMLText.number($0.result.dispatched) }),
                (HTMLGlossary.link("shortage", "shortage left"), { $0.result.plan == nil ? "—" : HTMLText.number($0.result.shortageLeft) }),
                (HTMLGlossary.link("staffing", "schools meeting the staffing standard, after"), { HTMLText.percent($0.staffingShareAfter) }),
                (HTMLGlossary.link("teacher-r2", "teacher allocation R², after"), { HTMLText.index($0.teacherR2After) }),
            ]
        }
        var out = "<div class=\"scroll\"><table class=\"wide\"><caption>Equity of per-pupil money, plan by plan (the base plan, then each variant)</caption>\n<thead><tr><th scope=\"col\">measure</th>"
        for r in reports { out += "<th scope=\"col\" class=\"plan\">\(r.result.variant.map(HTMLText.name) ?? "base plan")</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (label, value) in rows {
            out += "<tr><th scope=\"row\">\(label)</th>" + reports.map { "<td class=\"num\">\(value($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// One region's totals in a plan.
    struct RegionTotals {
        var id: String
        var schools = 0
        var pupils = 0
        var need = 0.0
        var received = 0.0
        var dispatched = 0
        var shortageLeft = 0
        var share: Double? { Coverage(allocated: received, need: need).ratio }
    }

    static func regionTotals(_ plan: Plan) -> [RegionTotals] {
        var totals: [String: RegionTotals] = [:]
        for s in plan.schools {
            var t = totals[s.region] ?? RegionTotals(id: s.region)
            t.schools += 1
            t.pupils += s.pupils
            t.need += s.totalNeed
            t.received += s.received
            t.dispatched += s.teachersDispatched
            t.shortageLeft += s.shortageLeft
            totals[s.region] = t
        }
        return totals.values.sorted { a, b in
            switch (a.share, b.share) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
            }
        }
    }

    func regionSection() -> String {
        var out = "<section id=\"regions\" aria-labelledby=\"regions-h\">\n<h2 id=\"regions-h\">\(HTMLGlossary.link("share-of-need", "Coverage")) by region</h2>\n"
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">No plan for the base scenario (\(result.status.rawValue)): nothing to show by region.</p>\n</section>\n"
        }
        let regions = Dictionary(scenario.regions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let totals = Self.regionTotals(plan)
        let withNeed = totals.filter { $0.share != nil }
        let full = withNeed.filter { $0.share! >= 0.9995 }.count
        out += "<p>Regions from the least to the best covered: money received against need, all money categories except dispatch. "
        out += "\(HTMLText.number(Double(full))) of \(HTMLText.number(Double(withNeed.count))) regions with need are fully funded"
        if let lowest = withNeed.first, let name = regions[lowest.id]?.name {
            out += "; the least covered is \(HTMLText.name(name)) at \(HTMLText.percent(lowest.share))"
        }
        out += ".</p>\n"
        let showTeachers = !scenario.teacherGroups.isEmpty || result.shortageBefore > 0
        out += "<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">Region</th><th scope=\"col\">id</th><th scope=\"col\">Designation</th>"
        out += "<th scope=\"col\" class=\"num\">Schools</th><th scope=\"col\" class=\"num\">Pupils</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("need", "Need"))</th><th scope=\"col\" class=\"num\">\(HTMLGlossary.link("allocated", "Received"))</th>"
        out += "<th scope=\"col\">\(HTMLGlossary.link("share-of-need", "Share of need"))</th><th scope=\"col\" class=\"num\">\(HTMLGlossary.link("per-pupil", "Per pupil"))</th>"
        if showTeachers {
            out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("dispatch", "Teachers in"))</th><th scope=\"col\" class=\"num\">\(HTMLGlossary.link("shortage", "Shortage left"))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for t in totals {
            let region = regions[t.id]
            out += "<tr><th scope=\"row\">\(HTMLText.name(region?.name ?? t.id))</th><td class=\"id\">\(HTMLText.escape(t.id))</td>"
            out += "<td>\(region.map { $0.designation == .none ? "—" : $0.designation.rawValue } ?? "—")</td>"
            out += "<td class=\"num\">\(HTMLText.number(Double(t.schools)))</td><td class=\"num\">\(HTMLText.number(Double(t.pupils)))</td>"
            out += "<td class=\"num\">\(HTMLText.number(t.need))</td><td class=\"num\">\(HTMLText.number(t.received))</td>"
            out += "<td>\(Self.bar(t.share))</td><td class=\"num\">\(t.pupils > 0 ? HTMLText.number(t.received / Double(t.pupils), decimals: 1) : "—")</td>"
            if showTeachers {
                out += "<td class=\"num\">\(HTMLText.number(Double(t.dispatched)))</td><td class=\"num\">\(HTMLText.number(Double(t.shortageLeft)))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n<p class=\"small muted\">Money in \(HTMLText.escape(currency)); per pupil in \(HTMLText.escape(currency)) per pupil.</p>\n"
        return out + "</section>\n"
    }
}
