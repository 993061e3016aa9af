import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// The teacher sections: student–teacher ratios before and after dispatch, and the dispatch map.
extension HTMLReport {
    /// Histogram bins of a school's pupils per teacher relative to its level's standard (the last
    /// bin's label comes from the catalogue).
    static let ratioBins = ["≤ 0.8", "0.8–0.9", "0.9–1", "1–1.1", "1.1–1.25", "1.25–1.5", "> 1.5", "no teachers"]

    /// The bins as shown: numbers as they are, "no teachers" in the page's language.
    var ratioBinLabels: [String] { Self.ratioBins.dropLast() + [Self.plain(text("report.staffing.no-teachers"))] }

    /// The bin of a school with `pupils` > 0; the standard is met exactly when pupils / teachers ≤ standard.
    static func ratioBin(pupils: Double, teachers: Double, standard: Double) -> Int {
        guard teachers > 0 else { return 7 }
        let ratio = pupils / teachers
        let relative = ratio / standard
        if ratio <= standard { return relative <= 0.8 ? 0 : relative <= 0.9 ? 1 : 2 }
        return relative <= 1.1 ? 3 : relative <= 1.25 ? 4 : relative <= 1.5 ? 5 : 6
    }

    /// Pupils, teachers before and after, standards and teachers dispatched of a set of schools.
    struct LevelRow {
        var pupils: [Double] = [], before: [Double] = [], after: [Double] = [], ratio: [Double] = []
        var dispatched = 0
    }

    func staffingSection() -> String {
        var out = section("staffing", text("report.staffing.heading", ["ratio": def("str", "report.staffing.ratio")]))
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">\(text("report.staffing.no-plan", ["status": text("report.status.\(result.status.rawValue)")]))</p>\n</section>\n"
        }
        var levels: [SchoolLevel: LevelRow] = [:]
        var binsBefore = [Double](repeating: 0, count: Self.ratioBins.count)
        var binsAfter = binsBefore
        for s in plan.schools where s.pupils > 0 {
            guard let level = SchoolLevel(rawValue: s.level) else { continue }
            let standard = scenario.studentTeacherRatio[level] ?? .infinity
            levels[level, default: LevelRow()].pupils.append(Double(s.pupils))
            levels[level]!.before.append(Double(s.teachersBefore))
            levels[level]!.after.append(Double(s.teachersAfter))
            levels[level]!.ratio.append(standard)
            levels[level]!.dispatched += s.teachersDispatched
            if standard.isFinite {
                binsBefore[Self.ratioBin(pupils: Double(s.pupils), teachers: Double(s.teachersBefore), standard: standard)] += 1
                binsAfter[Self.ratioBin(pupils: Double(s.pupils), teachers: Double(s.teachersAfter), standard: standard)] += 1
            }
        }
        out += "<p>\(text("report.staffing.intro", ["standard": def("staffing", "report.staffing.standard"), "before": HTMLText.percent(base.staffingShareBefore), "after": HTMLText.percent(base.staffingShareAfter), "r2": def("teacher-r2", "report.staffing.r2"), "r2before": HTMLText.index(base.teacherR2Before), "r2after": HTMLText.index(base.teacherR2After)]))</p>\n"
        out += staffingTable(levels)
        out += staffingChart(before: binsBefore, after: binsAfter)
        return out + "</section>\n"
    }

    func staffingTable(_ levels: [SchoolLevel: LevelRow]) -> String {
        var out = "<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.level"))</th><th scope=\"col\" class=\"num\">\(text("report.col.standard"))</th><th scope=\"col\" class=\"num\">\(text("report.col.schools"))</th><th scope=\"col\" class=\"num\">\(text("report.col.pupils"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("str", "report.col.ratio-before"))</th><th scope=\"col\" class=\"num\">\(def("str", "report.col.ratio-after"))</th>"
        out += "<th scope=\"col\">\(def("staffing", "report.col.meeting-before"))</th><th scope=\"col\">\(def("staffing", "report.col.meeting-after"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("dispatch", "report.col.dispatched"))</th></tr></thead>\n<tbody>\n"
        var all = LevelRow()
        for level in SchoolLevel.allCases {
            guard let row = levels[level] else { continue }
            all.pupils += row.pupils; all.before += row.before; all.after += row.after; all.ratio += row.ratio
            all.dispatched += row.dispatched
            out += staffingRow(title: levelName(level.rawValue), standard: scenario.studentTeacherRatio[level], row)
        }
        out += "</tbody><tfoot>\n" + staffingRow(title: text("report.staffing.all-levels"), standard: nil, all)
        return out + "</tfoot></table></div>\n"
    }

    func staffingChart(before: [Double], after: [Double]) -> String {
        let labels = ratioBinLabels
        let beforeLabel = Self.plain(text("report.staffing.before")), afterLabel = Self.plain(text("report.staffing.after"))
        let description = Self.plain(text("report.staffing.chart.description", [
            "before": zip(labels, before).map { "\($0) \(Int($1))" }.joined(separator: ", "),
            "after": zip(labels, after).map { "\($0) \(Int($1))" }.joined(separator: ", "),
        ]))
        var out = "<figure>\n" + SVGChart.groupedBars(id: anchor("ratio-chart"), title: Self.plain(text("report.staffing.chart.title")),
                                                      description: description, categories: labels,
                                                      series: [(beforeLabel, "#9aa3ad", before), (afterLabel, "#0072B2", after)],
                                                      yLabel: Self.plain(text("report.staffing.chart.schools")), width: 760, height: 340)
        out += "\n<figcaption><ul class=\"legend\"><li>\(SVGChart.box(colour: "#9aa3ad")) \(text("report.staffing.before"))</li><li>\(SVGChart.box(colour: "#0072B2")) \(text("report.staffing.after"))</li></ul>"
        out += "\(text("report.staffing.chart.caption"))</figcaption>\n</figure>\n"
        return out
    }

    func staffingRow(title: String, standard: Double?, _ row: LevelRow) -> String {
        let n = row.pupils.reduce(0, +), tb = row.before.reduce(0, +), ta = row.after.reduce(0, +)
        let meetBefore = Equity.staffingStandard(pupils: row.pupils, teachers: row.before, ratio: row.ratio)
        let meetAfter = Equity.staffingStandard(pupils: row.pupils, teachers: row.after, ratio: row.ratio)
        func meeting(_ c: CountShare) -> String {
            "\(Self.bar(c.share)) <span class=\"muted small\">\(text("report.staffing.of", ["count": HTMLText.number(c.count), "total": HTMLText.number(c.total)]))</span>"
        }
        var out = "<tr><th scope=\"row\">\(title)</th><td class=\"num\">\(standard.map { SVGChart.tickNumber($0) } ?? "")</td>"
        out += "<td class=\"num\">\(HTMLText.number(Double(row.pupils.count)))</td><td class=\"num\">\(HTMLText.number(n))</td>"
        out += "<td class=\"num\">\(tb > 0 ? HTMLText.number(n / tb, decimals: 1) : "—")</td><td class=\"num\">\(ta > 0 ? HTMLText.number(n / ta, decimals: 1) : "—")</td>"
        out += "<td>\(meeting(meetBefore))</td><td>\(meeting(meetAfter))</td><td class=\"num\">\(HTMLText.number(Double(row.dispatched)))</td></tr>\n"
        return out
    }

    /// Map colours by share of need funded (ColorBrewer RdBu: safe for colour-blind readers); the
    /// labels are catalogue keys.
    static let coverageColours: [(upper: Double, colour: String, label: String)] = [
        (0.25, "#ca0020", "report.map.bucket.0"), (0.5, "#f4a582", "report.map.bucket.1"), (0.75, "#92c5de", "report.map.bucket.2"),
        (0.9995, "#4393c3", "report.map.bucket.3"), (.infinity, "#08306b", "report.map.bucket.4"),
    ]
    static let noNeedColour = "#b8bec6"

    static func coverageColour(_ share: Double?) -> String {
        guard let share else { return noNeedColour }
        return coverageColours.first { share < $0.upper }?.colour ?? coverageColours.last!.colour
    }

    func dispatchSection() -> String {
        let out = section("dispatch", text("report.dispatch.heading", ["dispatch": def("dispatch", "report.dispatch.link")]))
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">\(text("report.dispatch.no-plan", ["status": text("report.status.\(result.status.rawValue)")]))</p>\n</section>\n"
        }
        let geography = MapGeography(scenario: scenario, plan: plan)
        return out + dispatchSummary(plan) + dispatchMap(plan, geography) + flowsTable(geography) + "</section>\n"
    }

    /// A sentence: teachers sent, from how many groups to how many schools, how far, and the
    /// shortage before and after.
    private func dispatchSummary(_ plan: Plan) -> String {
        guard !scenario.teacherGroups.isEmpty else {
            return "<p>\(text("report.dispatch.none", ["share": def("share-of-need", "report.dispatch.share")]))</p>\n"
        }
        let teachers = plan.dispatch.reduce(0) { $0 + $1.count }
        let km = plan.dispatch.reduce(0) { $0 + $1.count * $1.distanceKm }
        let destinations = Set(plan.dispatch.map(\.school)).count
        let sources = Set(plan.dispatch.map(\.group)).count
        let arguments = ["teachers": HTMLText.number(teachers), "sources": HTMLText.number(Double(sources)),
                         "groups": HTMLText.number(Double(scenario.teacherGroups.count)), "schools": HTMLText.number(Double(destinations)),
                         "km": HTMLText.number(teachers > 0 ? km / teachers : nil, decimals: 1),
                         "shortage": def("shortage", "report.dispatch.shortage"),
                         "before": HTMLText.number(result.shortageBefore), "left": HTMLText.number(result.shortageLeft)]
        return "<p>\(text(teachers > 0 ? "report.dispatch.summary" : "report.dispatch.summary.none", arguments))</p>\n"
    }

    /// The map with its legend, or a note when nothing has coordinates. Dots show the share of need
    /// funded; a scenario with no money need (dispatch only) shows the share of each school's
    /// teacher shortage filled instead. Regions are labelled at their seat (the centre of their
    /// schools); dispatch is drawn as one line per pair of regions, as wide as the teachers it carries.
    private func dispatchMap(_ plan: Plan, _ geography: MapGeography) -> String {
        let byNeed = plan.schools.contains { $0.totalNeed > 0 } || result.shortageBefore == 0
        let hasTeachers = !scenario.teacherGroups.isEmpty
        let sites = mapSchools(plan, byNeed: byNeed)
        let flows = geography.pairs.filter { $0.drawn }.map { pair in
            SVGMap.Flow(fromLatitude: pair.from.latitude, fromLongitude: pair.from.longitude, toLatitude: pair.to.latitude, toLongitude: pair.to.longitude,
                        count: pair.teachers, label: Self.plain(text("report.map.flow", ["from": HTMLText.escape(pair.fromName), "to": HTMLText.escape(pair.toName), "n": SVGChart.tickNumber(pair.teachers)])))
        }
        let origins = mapOrigins(plan)
        let description = Self.plain(text(hasTeachers ? "report.map.description.flows" : "report.map.description",
                                          ["schools": String(sites.count), "regions": String(geography.seats.count), "flows": String(flows.count)]))
        let seats = geography.seats.map { SVGMap.Label(latitude: $0.latitude, longitude: $0.longitude, text: $0.name) }
        guard let map = SVGMap.render(id: anchor("dispatch-map"), title: Self.plain(text("report.map.title")), description: description,
                                      schools: sites, origins: origins, flows: flows, labels: seats,
                                      colourOrder: [Self.noNeedColour] + Self.coverageColours.reversed().map(\.colour),
                                      scaleNote: Self.plain(text("report.map.projection"))) else {
            return "<p class=\"note-box\">\(text("report.map.none", ["lat": "<code>lat</code>", "lon": "<code>lon</code>"]))</p>\n"
        }
        let beside = map.width <= 760
        var out = beside ? "<figure class=\"map-row\" style=\"grid-template-columns:minmax(0,\(HTMLText.coordinate(map.width))px) minmax(200px,1fr)\">\n" : "<figure>\n"
        out += "\(map.svg)\n<figcaption>\(mapLegend(byNeed: byNeed, hasTeachers: hasTeachers, widest: flows.map(\.count).max() ?? 1))"
        out += text("report.map.caption", ["measure": byNeed ? def("share-of-need", "report.map.measure.need") : def("shortage", "report.map.measure.shortage")])
        let within = geography.pairs.filter { !$0.drawn && $0.sameRegion }.reduce(0) { $0 + $1.teachers }
        if within > 0 { out += " " + text("report.map.within", ["n": SVGChart.tickNumber(within)]) }
        if geography.unmapped > 0 { out += " " + text("report.map.unmapped", ["n": SVGChart.tickNumber(geography.unmapped)]) }
        return out + "</figcaption>\n</figure>\n"
    }

    /// The map's legend: colours, the region seat, origins and three line widths.
    private func mapLegend(byNeed: Bool, hasTeachers: Bool, widest: Double) -> String {
        var out = "<ul class=\"legend\">"
        for bucket in Self.coverageColours { out += "<li>\(SVGChart.box(colour: bucket.colour)) \(text(bucket.label))</li>" }
        out += "<li>\(SVGChart.box(colour: Self.noNeedColour)) \(text(byNeed ? "report.map.no-need" : "report.map.no-shortage"))</li>"
        out += "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect x=\"3\" y=\"3\" width=\"8\" height=\"8\" fill=\"#1b1f24\" stroke=\"#ffffff\"/></svg> \(text("report.map.seat"))</li>"
        if hasTeachers {
            out += "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#E69F00\" stroke=\"#1b1f24\"/></svg> \(text("report.map.origin"))</li>"
            for n in SVGMap.legendCounts(widest: widest) {
                out += "<li>\(SVGChart.swatch(colour: SVGMap.flowColour, dash: nil, width: SVGMap.flowWidth(n, widest: widest))) \(text(n == 1 ? "report.map.teachers.one" : "report.map.teachers", ["n": SVGChart.tickNumber(n)]))</li>"
            }
        }
        return out + "</ul>"
    }

    /// A dot per school with coordinates (coloured by share of need funded, or of shortage filled).
    private func mapSchools(_ plan: Plan, byNeed: Bool) -> [SVGMap.Site] {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return plan.schools.compactMap { s in
            guard let school = schools[s.id], let lat = school.latitude, let lon = school.longitude else { return nil }
            let share = byNeed ? Coverage(allocated: s.received, need: s.totalNeed).ratio
                : (s.shortageBefore > 0 ? Double(s.shortageBefore - s.shortageLeft) / Double(s.shortageBefore) : nil)
            let arguments = ["school": HTMLText.escape(s.name), "region": HTMLText.escape(regionNames[s.region] ?? s.region),
                             "share": HTMLText.percent(share), "before": String(s.shortageBefore), "left": String(s.shortageLeft),
                             "n": String(s.teachersDispatched)]
            var label = text(byNeed ? "report.map.school.need" : "report.map.school.shortage", arguments)
            if s.teachersDispatched > 0 { label += text("report.map.school.dispatched", arguments) }
            return SVGMap.Site(latitude: lat, longitude: lon, colour: Self.coverageColour(share), label: Self.plain(label))
        }
    }

    /// Each teacher group's home, with what it sent.
    private func mapOrigins(_ plan: Plan) -> [SVGMap.Site] {
        var sentByGroup: [String: Double] = [:]
        for line in plan.dispatch { sentByGroup[line.group, default: 0] += line.count }
        return scenario.teacherGroups.compactMap { g -> SVGMap.Site? in
            guard let lat = g.latitude, let lon = g.longitude else { return nil }
            let label = text("report.map.group", ["group": HTMLText.escape(g.id), "subject": subjectName(scenario.subjects[g.subject].id),
                                                  "sent": SVGChart.tickNumber(sentByGroup[g.id] ?? 0), "of": String(g.count)])
            return SVGMap.Site(latitude: lat, longitude: lon, colour: "#E69F00", label: Self.plain(label))
        }
    }

    /// Dispatch by pair of regions (from the group's region to the school's), the largest first.
    func flowsTable(_ geography: MapGeography) -> String {
        guard !geography.pairs.isEmpty else {
            return scenario.teacherGroups.isEmpty ? "" : "<p>\(text("report.flows.none"))</p>\n"
        }
        let limit = 25
        let pairs = geography.pairs
        let caption = pairs.count > limit ? text("report.flows.caption.largest", ["limit": String(limit), "n": HTMLText.number(Double(pairs.count))])
            : text("report.flows.caption.all")
        var out = "<div class=\"scroll\"><table class=\"wide\"><caption>\(caption)</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(text("report.col.from-region"))</th><th scope=\"col\">\(text("report.col.to-region"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("dispatch", "report.col.teachers"))</th><th scope=\"col\" class=\"num\">\(text("report.col.schools"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.distance"))</th></tr></thead>\n<tbody>\n"
        for pair in pairs.prefix(limit) {
            out += "<tr><th scope=\"row\">\(HTMLText.name(pair.fromName))</th><td>\(HTMLText.name(pair.toName))</td>"
            out += "<td class=\"num\">\(SVGChart.tickNumber(pair.teachers))</td><td class=\"num\">\(HTMLText.number(Double(pair.schools)))</td>"
            out += "<td class=\"num\">\(HTMLText.number(pair.teachers > 0 ? pair.teacherKm / pair.teachers : nil, decimals: 1))</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        if pairs.count > limit {
            out += "<p class=\"small muted\">\(text("report.flows.full-list", ["file": "<code>dispatch.csv</code>", "command": "<code>eduplan solve DIR --out FOLDER</code>"]))</p>\n"
        }
        return out
    }
}
