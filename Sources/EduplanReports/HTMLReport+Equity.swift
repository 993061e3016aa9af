import EduplanIO
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

    /// The grey of the base plan's curve when drawn as the reference in a variant's panel.
    static let referenceGrey = "#9aa3ad"

    func lorenzSection() -> String {
        var out = section("lorenz", text("report.lorenz.heading", ["lorenz": def("lorenz", "report.lorenz.curves"), "money": def("per-pupil", "report.lorenz.money")]))
        out += "<p>\(text("report.lorenz.intro"))</p>\n"
        let planned = allReports.filter { $0.result.plan != nil }
        if planned.isEmpty {
            let statuses = allReports.map { text("report.status.\($0.result.status.rawValue)") }.joined(separator: ", ")
            out += "<p class=\"note-box\">\(text("report.lorenz.no-plan", ["statuses": statuses]))</p>\n"
            return out + "</section>\n"
        }
        let basePoints = result.plan.flatMap(Self.lorenz)
        var panels = ""
        var missing: [String] = []
        for (i, report) in allReports.enumerated() {
            guard let plan = report.result.plan, let points = Self.lorenz(plan) else {
                let why = report.result.plan == nil ? text("report.lorenz.missing.no-plan", ["status": text("report.status.\(report.result.status.rawValue)")])
                    : text("report.lorenz.missing.no-money")
                missing.append("\(label(report)): \(why)")
                continue
            }
            panels += lorenzPanel(index: i, report: report, points: points, reference: i == 0 ? nil : basePoints)
        }
        if panels.isEmpty {
            out += "<p class=\"note-box\">\(text("report.lorenz.none-drawn"))</p>\n"
        } else {
            out += "<div class=\"panels\">\n\(panels)</div>\n"
            out += "<ul class=\"legend\"><li>\(SVGChart.swatch(colour: Self.referenceGrey, dash: nil, width: 3)) \(text("report.lorenz.legend.base"))</li>"
            out += "<li>\(SVGChart.swatch(colour: "#9aa3ad", dash: "5 4", width: 1.5)) \(text("report.lorenz.legend.equality"))</li></ul>\n"
        }
        if !missing.isEmpty {
            out += "<p class=\"small muted\">\(text("report.lorenz.not-drawn", ["list": missing.joined(separator: "; ")]))</p>\n"
        }
        out += equityTable()
        return out + "</section>\n"
    }

    /// One small multiple: a plan's Lorenz curve, with the base plan's in grey behind it.
    func lorenzPanel(index: Int, report: PlanReport, points: [(x: Double, y: Double)], reference: [(x: Double, y: Double)]?) -> String {
        let colour = SVGChart.palette[index % SVGChart.palette.count]
        var series: [SVGSeries] = []
        if let reference {
            series.append(SVGSeries(label: text("report.lorenz.legend.base"), points: reference, colour: Self.referenceGrey, dash: nil, width: 3))
        }
        let gini = HTMLText.index(report.metrics?.gini)
        series.append(SVGSeries(label: Self.plain(text("report.lorenz.panel.description", ["plan": label(report), "gini": gini])), points: points, colour: colour, dash: nil, width: 2.2))
        let axis = { (label: String) in
            SVGAxis(label: label, lower: 0, upper: 1, ticks: stride(from: 0.0, through: 1.0001, by: 0.25).map { $0 },
                    format: { HTMLText.percent($0, decimals: 0) })
        }
        let title = text("report.lorenz.panel.title", ["plan": label(report)])
        let description = text("report.lorenz.panel.description", ["plan": label(report), "gini": gini])
        var out = "<figure class=\"panel\">\n"
        out += SVGChart.lineChart(id: anchor("lorenz-\(index)"), title: Self.plain(title), description: Self.plain(description), series: series,
                                  x: axis(Self.plain(text("report.lorenz.axis.pupils"))), y: axis(Self.plain(text("report.lorenz.axis.money"))),
                                  width: 360, height: 330, diagonal: true)
        out += "\n<figcaption>\(label(report)) — \(def("gini", "report.metric.gini")) \(gini)</figcaption>\n</figure>\n"
        return out
    }

    /// Text without tags and entities, for SVG titles and axis labels (escaped again when written).
    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out
    }

    /// Whether the Atkinson index (ε = 1) says nothing for this plan: a school with pupils and no
    /// money makes it 1 by definition (the log of 0), whatever everyone else receives.
    static func atkinsonUndefined(_ report: PlanReport) -> Bool {
        report.result.plan?.schools.contains { $0.pupils > 0 && !($0.received > 0) } ?? false
    }

    /// The metrics of every plan side by side (plans as columns).
    func equityTable() -> String {
        let reports = allReports
        var rows: [(String, (PlanReport) -> String)] = [
            (def("status", "report.metric.status"), { self.statusBadge($0.result.status) }),
            (def("benefit", "report.metric.benefit"), { $0.result.benefit.map { self.text("report.unit.points.value", ["value": HTMLText.number($0)]) } ?? Format.missing }),
            (def("pof", "report.metric.pof"), { HTMLText.percent($0.result.priceOfFairness, decimals: 2) }),
            (def("per-pupil", "report.metric.mean", ["unit": perPupilUnit]), { HTMLText.number($0.metrics?.mean, decimals: 1) }),
            (def("per-pupil", "report.metric.median", ["unit": perPupilUnit]), { HTMLText.number($0.metrics?.median, decimals: 1) }),
            (def("gini", "report.metric.gini"), { HTMLText.index($0.metrics?.gini) }),
            (def("theil", "report.metric.theil"), { HTMLText.index($0.metrics?.theil) }),
            (def("theil", "report.metric.theil-between"), { HTMLText.index($0.metrics?.theilBetween) }),
            (def("theil", "report.metric.theil-within"), { HTMLText.index($0.metrics?.theilWithin) }),
            (def("mcloone", "report.metric.mcloone"), { HTMLText.index($0.metrics?.mcloone) }),
            (def("verstegen", "report.metric.verstegen"), { HTMLText.index($0.metrics?.verstegen) }),
            (def("cv", "report.metric.cv"), { HTMLText.index($0.metrics?.cv) }),
            (def("federal-range", "report.metric.federal-range"), { HTMLText.index($0.metrics?.federalRangeRatio) }),
            (def("atkinson", "report.metric.atkinson"), { report in
                Self.atkinsonUndefined(report) ? "<span title=\"\(self.text("report.atkinson.undefined"))\">—<sup>*</sup></span>" : HTMLText.index(report.metrics?.atkinson1)
            }),
            (def("hoover", "report.metric.hoover"), { HTMLText.index($0.metrics?.hoover) }),
        ]
        if scenario.regions.contains(where: { $0.incomePerCapita != nil }) {
            rows.append((def("fiscal-neutrality", "report.metric.income"), { HTMLText.index($0.metrics?.fiscalNeutralityCorrelation) }))
        }
        if !scenario.teacherGroups.isEmpty || result.shortageBefore > 0 {
            rows += [
                (def("dispatch", "report.metric.dispatched"), { $0.result.plan == nil ? "—" : HTMLText.number($0.result.dispatched) }),
                (def("shortage", "report.metric.shortage-left"), { $0.result.plan == nil ? "—" : HTMLText.number($0.result.shortageLeft) }),
                (def("staffing", "report.metric.staffing"), { HTMLText.percent($0.staffingShareAfter) }),
                (def("teacher-r2", "report.metric.teacher-r2"), { HTMLText.index($0.teacherR2After) }),
            ]
        }
        var out = "<div class=\"scroll\"><table class=\"wide equity\"><caption>\(text("report.equity.caption"))</caption>\n<thead><tr><th scope=\"col\">\(text("report.col.measure"))</th>"
        for r in reports { out += "<th scope=\"col\" class=\"plan\">\(r.result.variant.map(HTMLText.name) ?? text("report.plan.base"))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (label, value) in rows {
            out += "<tr><th scope=\"row\">\(label)</th>" + reports.map { "<td class=\"num\">\(value($0))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        if reports.contains(where: Self.atkinsonUndefined) {
            out += "<p class=\"small muted\">* \(text("report.atkinson.undefined"))</p>\n"
        }
        out += "<p class=\"small muted\">\(text("report.equity.benchmarks"))</p>\n"
        return out
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
        var perPupil: Double? { pupils > 0 ? received / Double(pupils) : nil }
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
        var out = section("regions", text("report.regions.heading", ["coverage": def("share-of-need", "report.regions.coverage")]))
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">\(text("report.regions.no-plan", ["status": text("report.status.\(result.status.rawValue)")]))</p>\n</section>\n"
        }
        let regions = Dictionary(scenario.regions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let totals = Self.regionTotals(plan)
        let withNeed = totals.filter { $0.share != nil }
        let full = withNeed.filter { $0.share! >= 0.9995 }.count
        var sentence = text("report.regions.intro", ["full": HTMLText.number(Double(full)), "regions": HTMLText.number(Double(withNeed.count))])
        if let lowest = withNeed.first, let name = regions[lowest.id]?.name {
            sentence += text("report.regions.lowest", ["region": HTMLText.name(name), "share": HTMLText.percent(lowest.share)])
        }
        out += "<p>\(sentence)</p>\n"
        let showTeachers = !scenario.teacherGroups.isEmpty || result.shortageBefore > 0
        out += "<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.region"))</th><th scope=\"col\">\(text("report.col.id"))</th><th scope=\"col\">\(text("report.col.designation"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.schools"))</th><th scope=\"col\" class=\"num\">\(text("report.col.pupils"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("need", "report.col.need")) (\(moneyUnit))</th><th scope=\"col\" class=\"num\">\(def("allocated", "report.col.received")) (\(moneyUnit))</th>"
        out += "<th scope=\"col\">\(def("share-of-need", "report.col.share-short"))</th><th scope=\"col\" class=\"num\">\(def("per-pupil", "report.col.per-pupil")) (\(perPupilUnit))</th>"
        if showTeachers {
            out += "<th scope=\"col\" class=\"num\">\(def("dispatch", "report.col.teachers-in"))</th><th scope=\"col\" class=\"num\">\(def("shortage", "report.col.shortage-left"))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for t in totals {
            let region = regions[t.id]
            out += "<tr><th scope=\"row\">\(HTMLText.name(region?.name ?? t.id))</th><td class=\"id\">\(HTMLText.escape(t.id))</td>"
            out += "<td>\(region.map { designationName($0.designation) } ?? "—")</td>"
            out += "<td class=\"num\">\(HTMLText.number(Double(t.schools)))</td><td class=\"num\">\(HTMLText.number(Double(t.pupils)))</td>"
            out += "<td class=\"num\">\(moneyNumber(t.need))</td><td class=\"num\">\(moneyNumber(t.received))</td>"
            out += "<td>\(Self.bar(t.share))</td><td class=\"num\">\(HTMLText.number(t.perPupil, decimals: 1))</td>"
            if showTeachers {
                out += "<td class=\"num\">\(HTMLText.number(Double(t.dispatched)))</td><td class=\"num\">\(HTMLText.number(Double(t.shortageLeft)))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out + "</section>\n"
    }
}
