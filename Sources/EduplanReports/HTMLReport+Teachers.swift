import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// The teacher sections: student–teacher ratios before and after dispatch, and the dispatch map.
extension HTMLReport {
    /// Histogram bins of a school's pupils per teacher relative to its level's standard.
    static let ratioBins = ["≤ 0.8", "0.8–0.9", "0.9–1", "1–1.1", "1.1–1.25", "1.25–1.5", "> 1.5", "no teachers"]

    /// The bin of a school with `pupils` > 0; the standard is met exactly when pupils / teachers ≤ standard.
    static func ratioBin(pupils: Double, teachers: Double, standard: Double) -> Int {
        guard teachers > 0 else { return 7 }
        let ratio = pupils / teachers
        let relative = ratio / standard
        if ratio <= standard { return relative <= 0.8 ? 0 : relative <= 0.9 ? 1 : 2 }
        return relative <= 1.1 ? 3 : relative <= 1.25 ? 4 : relative <= 1.5 ? 5 : 6
    }

    func staffingSection() -> String {
        var out = "<section id=\"staffing\" aria-labelledby=\"staffing-h\">\n<h2 id=\"staffing-h\">\(HTMLGlossary.link("str", "Student–teacher ratio")) before and after dispatch</h2>\n"
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">No plan for the base scenario (\(result.status.rawValue)): staffing after dispatch is unknown.</p>\n</section>\n"
        }
        struct LevelRow {
            var pupils: [Double] = [], before: [Double] = [], after: [Double] = [], ratio: [Double] = []
            var dispatched = 0
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
        out += "<p>A school meets the \(HTMLGlossary.link("staffing", "staffing standard")) when its pupils per teacher do not exceed the standard of its level. "
        out += "Schools meeting it: \(HTMLText.percent(base.staffingShareBefore)) before dispatch, \(HTMLText.percent(base.staffingShareAfter)) after. "
        out += "\(HTMLGlossary.link("teacher-r2", "Consistency of teacher allocation (R²)")): \(HTMLText.index(base.teacherR2Before)) before, \(HTMLText.index(base.teacherR2After)) after.</p>\n"
        out += "<div class=\"scroll\"><table class=\"wide\"><thead><tr><th scope=\"col\">Level</th><th scope=\"col\" class=\"num\">Standard</th><th scope=\"col\" class=\"num\">Schools</th><th scope=\"col\" class=\"num\">Pupils</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("str", "Pupils per teacher"))<br>before</th><th scope=\"col\" class=\"num\"><br>after</th>"
        out += "<th scope=\"col\">\(HTMLGlossary.link("staffing", "Meeting the standard"))<br>before</th><th scope=\"col\"><br>after</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("dispatch", "Teachers"))<br>dispatched</th></tr></thead>\n<tbody>\n"
        var all = LevelRow()
        for level in SchoolLevel.allCases {
            guard let row = levels[level] else { continue }
            all.pupils += row.pupils; all.before += row.before; all.after += row.after; all.ratio += row.ratio
            all.dispatched += row.dispatched
            out += staffingRow(title: level.rawValue, standard: scenario.studentTeacherRatio[level], row.pupils, row.before, row.after, row.ratio, row.dispatched)
        }
        out += "</tbody><tfoot>\n" + staffingRow(title: "all levels", standard: nil, all.pupils, all.before, all.after, all.ratio, all.dispatched)
        out += "</tfoot></table></div>\n"
        let description = "Number of schools by pupils per teacher relative to their level's standard, before dispatch: "
            + zip(Self.ratioBins, binsBefore).map { "\($0) \(Int($1))" }.joined(separator: ", ")
            + "; after dispatch: " + zip(Self.ratioBins, binsAfter).map { "\($0) \(Int($1))" }.joined(separator: ", ") + "."
        out += "<figure>\n" + SVGChart.groupedBars(id: "ratio-chart", title: "Schools by pupils per teacher relative to the standard",
                                                   description: description, categories: Self.ratioBins,
                                                   series: [("before dispatch", "#9aa3ad", binsBefore), ("after dispatch", "#0072B2", binsAfter)],
                                                   yLabel: "schools", width: 760, height: 340)
        out += "\n<figcaption><ul class=\"legend\"><li>\(SVGChart.box(colour: "#9aa3ad")) before dispatch</li><li>\(SVGChart.box(colour: "#0072B2")) after dispatch</li></ul>"
        out += "Pupils per teacher divided by the standard of the school's level: 1 or less meets the standard; bars to the right of 1 are understaffed schools.</figcaption>\n</figure>\n"
        return out + "</section>\n"
    }

    func staffingRow(title: String, standard: Double?, _ pupils: [Double], _ before: [Double], _ after: [Double],
                     _ ratio: [Double], _ dispatched: Int) -> String {
        let n = pupils.reduce(0, +), tb = before.reduce(0, +), ta = after.reduce(0, +)
        let meetBefore = Equity.staffingStandard(pupils: pupils, teachers: before, ratio: ratio)
        let meetAfter = Equity.staffingStandard(pupils: pupils, teachers: after, ratio: ratio)
        func meeting(_ c: CountShare) -> String {
            "\(Self.bar(c.share)) <span class=\"muted small\">\(HTMLText.number(c.count)) of \(HTMLText.number(c.total))</span>"
        }
        var out = "<tr><th scope=\"row\">\(HTMLText.escape(title))</th><td class=\"num\">\(standard.map { SVGChart.tickNumber($0) } ?? "")</td>"
        out += "<td class=\"num\">\(HTMLText.number(Double(pupils.count)))</td><td class=\"num\">\(HTMLText.number(n))</td>"
        out += "<td class=\"num\">\(tb > 0 ? HTMLText.number(n / tb, decimals: 1) : "—")</td><td class=\"num\">\(ta > 0 ? HTMLText.number(n / ta, decimals: 1) : "—")</td>"
        out += "<td>\(meeting(meetBefore))</td><td>\(meeting(meetAfter))</td><td class=\"num\">\(HTMLText.number(Double(dispatched)))</td></tr>\n"
        return out
    }

    /// Map colours by share of need funded (ColorBrewer RdBu: safe for colour-blind readers).
    static let coverageColours: [(upper: Double, colour: String, label: String)] = [
        (0.25, "#ca0020", "under 25%"), (0.5, "#f4a582", "25–50%"), (0.75, "#92c5de", "50–75%"),
        (0.9995, "#4393c3", "75–99.9%"), (.infinity, "#08306b", "fully funded"),
    ]
    static let noNeedColour = "#b8bec6"

    static func coverageColour(_ share: Double?) -> String {
        guard let share else { return noNeedColour }
        return coverageColours.first { share < $0.upper }?.colour ?? coverageColours.last!.colour
    }

    func dispatchSection() -> String {
        let out = "<section id=\"dispatch\" aria-labelledby=\"dispatch-h\">\n<h2 id=\"dispatch-h\">\(HTMLGlossary.link("dispatch", "Teacher dispatch")) on the map</h2>\n"
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">No plan for the base scenario (\(result.status.rawValue)): no dispatch to show.</p>\n</section>\n"
        }
        let groups = Dictionary(scenario.teacherGroups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let planSchools = Dictionary(plan.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return out + dispatchSummary(plan) + dispatchMap(plan)
            + flowsTable(plan, groups: groups, regionNames: regionNames, planSchools: planSchools) + "</section>\n"
    }

    /// A sentence: teachers sent, from how many groups to how many schools, how far, and the
    /// shortage before and after.
    private func dispatchSummary(_ plan: Plan) -> String {
        guard !scenario.teacherGroups.isEmpty else {
            return "<p>This scenario has no teachers to dispatch; the map shows the schools by \(HTMLGlossary.link("share-of-need", "share of need funded")).</p>\n"
        }
        let teachers = plan.dispatch.reduce(0) { $0 + $1.count }
        let km = plan.dispatch.reduce(0) { $0 + $1.count * $1.distanceKm }
        let destinations = Set(plan.dispatch.map(\.school)).count
        let sources = Set(plan.dispatch.map(\.group)).count
        var out = "<p>\(HTMLText.number(teachers)) teachers from \(HTMLText.number(Double(sources))) of \(HTMLText.number(Double(scenario.teacherGroups.count))) groups go to \(HTMLText.number(Double(destinations))) schools"
        if teachers > 0 { out += ", \(HTMLText.number(km / teachers, decimals: 1)) km from home on average" }
        return out + ". The \(HTMLGlossary.link("shortage", "teacher shortage")) falls from \(HTMLText.number(result.shortageBefore)) to \(HTMLText.number(result.shortageLeft)).</p>\n"
    }

    /// The map with its legend, or a note when nothing has coordinates. Dots show the share of need
    /// funded; a scenario with no money need (dispatch only) shows the share of each school's
    /// teacher shortage filled instead.
    private func dispatchMap(_ plan: Plan) -> String {
        let byNeed = plan.schools.contains { $0.totalNeed > 0 } || result.shortageBefore == 0
        let hasTeachers = !scenario.teacherGroups.isEmpty
        let (sites, labels) = mapSchools(plan, byNeed: byNeed)
        let (origins, flows, unmapped) = mapDispatch(plan)
        let description = "Map of \(sites.count) schools coloured by \(byNeed ? "share of need funded" : "share of teacher shortage filled")"
            + (hasTeachers ? ", \(origins.count) teacher-group origins (diamonds) and \(flows.count) dispatch lines, wider for more teachers." : ".")
        guard let map = SVGMap.render(id: "dispatch-map", title: "Teacher dispatch flows and school coverage", description: description,
                                      schools: sites, origins: origins, flows: flows, labels: labels,
                                      colourOrder: [Self.noNeedColour] + Self.coverageColours.reversed().map(\.colour)) else {
            return "<p class=\"note-box\">No school or teacher group in this scenario has coordinates (<code>lat</code>, <code>lon</code>), so there is no map; the dispatch is listed below.</p>\n"
        }
        let measure = byNeed ? HTMLGlossary.link("share-of-need", "share of need funded") : "share of its \(HTMLGlossary.link("shortage", "teacher shortage")) filled"
        // A narrow (tall) map gets its legend beside it; a wide one below it.
        let beside = map.width <= 760
        var out = beside ? "<figure class=\"map-row\" style=\"grid-template-columns:minmax(0,\(HTMLText.coordinate(map.width))px) minmax(200px,1fr)\">\n" : "<figure>\n"
        out += "\(map.svg)\n<figcaption><ul class=\"legend\">"
        for bucket in Self.coverageColours { out += "<li>\(SVGChart.box(colour: bucket.colour)) \(bucket.label)</li>" }
        out += "<li>\(SVGChart.box(colour: Self.noNeedColour)) \(byNeed ? "no need" : "no shortage")</li>"
        if hasTeachers {
            out += "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#E69F00\" stroke=\"#1b1f24\"/></svg> teacher group origin</li>"
            for n in [1.0, 5, 20] {
                out += "<li>\(SVGChart.swatch(colour: "#3d4752", dash: nil, width: SVGMap.flowWidth(n))) \(SVGChart.tickNumber(n)) teacher\(n == 1 ? "" : "s")</li>"
            }
        }
        out += "</ul>Dots are schools, coloured by \(measure); lines run from a teacher group's home to the school it is sent to. Hover for names."
        if unmapped > 0 { out += " \(SVGChart.tickNumber(unmapped)) dispatched teacher(s) are not drawn: their group or school has no coordinates." }
        return out + "</figcaption>\n</figure>\n"
    }

    /// A dot per school with coordinates (coloured by share of need funded, or of shortage filled),
    /// and region names at the centre of their schools when there are at most 15 regions.
    private func mapSchools(_ plan: Plan, byNeed: Bool) -> (sites: [SVGMap.Site], labels: [SVGMap.Label]) {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var sites: [SVGMap.Site] = []
        var centres: [String: (lat: Double, lon: Double, n: Double)] = [:]
        for s in plan.schools {
            guard let school = schools[s.id], let lat = school.latitude, let lon = school.longitude else { continue }
            let share = byNeed ? Coverage(allocated: s.received, need: s.totalNeed).ratio
                : (s.shortageBefore > 0 ? Double(s.shortageBefore - s.shortageLeft) / Double(s.shortageBefore) : nil)
            let region = regionNames[s.region] ?? s.region
            var label = "\(s.name) (\(region)): " + (byNeed ? "\(HTMLText.percent(share)) of need funded" : "shortage \(s.shortageBefore) → \(s.shortageLeft)")
            if s.teachersDispatched > 0 { label += ", \(s.teachersDispatched) teacher(s) dispatched" }
            sites.append(SVGMap.Site(latitude: lat, longitude: lon, colour: Self.coverageColour(share), label: label))
            let c = centres[s.region] ?? (0, 0, 0)
            centres[s.region] = (c.lat + lat, c.lon + lon, c.n + 1)
        }
        let labels = centres.count <= 15
            ? centres.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { SVGMap.Label(latitude: $0.value.lat / $0.value.n, longitude: $0.value.lon / $0.value.n, text: regionNames[$0.key] ?? $0.key) }
            : []
        return (sites, labels)
    }

    /// Each teacher group's home (with what it sent), each dispatch line as a flow, and the teachers
    /// whose group or school has no coordinates.
    private func mapDispatch(_ plan: Plan) -> (origins: [SVGMap.Site], flows: [SVGMap.Flow], unmapped: Double) {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(scenario.teacherGroups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(plan.schools.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var sentByGroup: [String: Double] = [:]
        for line in plan.dispatch { sentByGroup[line.group, default: 0] += line.count }
        let origins = scenario.teacherGroups.compactMap { g -> SVGMap.Site? in
            guard let lat = g.latitude, let lon = g.longitude else { return nil }
            return SVGMap.Site(latitude: lat, longitude: lon, colour: "#E69F00",
                               label: "\(g.id) (\(scenario.subjects[g.subject].id)) sent \(SVGChart.tickNumber(sentByGroup[g.id] ?? 0)) of \(g.count)")
        }
        var flows: [SVGMap.Flow] = []
        var unmapped = 0.0
        for line in plan.dispatch {
            guard let g = groups[line.group], let gLat = g.latitude, let gLon = g.longitude,
                  let s = schools[line.school], let sLat = s.latitude, let sLon = s.longitude else {
                unmapped += line.count
                continue
            }
            let name = names[line.school] ?? line.school
            flows.append(SVGMap.Flow(fromLatitude: gLat, fromLongitude: gLon, toLatitude: sLat, toLongitude: sLon, count: line.count,
                                     label: "\(line.group) → \(name): \(SVGChart.tickNumber(line.count)) \(line.subject) teacher(s), \(HTMLText.number(line.distanceKm, decimals: 1)) km"))
        }
        return (origins, flows, unmapped)
    }

    func flowsTable(_ plan: Plan, groups: [String: TeacherGroup], regionNames: [String: String],
                    planSchools: [String: SchoolPlan]) -> String {
        guard !plan.dispatch.isEmpty else {
            return scenario.teacherGroups.isEmpty ? "" : "<p>No teacher is dispatched in this plan.</p>\n"
        }
        let limit = 25
        let lines = plan.dispatch.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.group != $1.group { return $0.group.utf8.lexicographicallyPrecedes($1.group.utf8) }
            return $0.school.utf8.lexicographicallyPrecedes($1.school.utf8)
        }
        var out = "<table class=\"wide\"><caption>\(lines.count > limit ? "The \(limit) largest of \(HTMLText.number(Double(lines.count))) dispatch lines" : "Every dispatch line")</caption>\n"
        out += "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Subject</th><th scope=\"col\">From</th><th scope=\"col\">To school</th><th scope=\"col\">Region</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("dispatch", "Teachers"))</th><th scope=\"col\" class=\"num\">Distance (km)</th></tr></thead>\n<tbody>\n"
        for line in lines.prefix(limit) {
            let from = groups[line.group].map { scenario.regions[$0.region].name } ?? ""
            out += "<tr><th scope=\"row\">\(HTMLText.name(line.group))</th><td class=\"nw\">\(HTMLText.escape(line.subject))</td><td class=\"nw\">\(HTMLText.name(from))</td>"
            out += "<td>\(HTMLText.name(planSchools[line.school]?.name ?? line.school)) <span class=\"muted small\">\(HTMLText.escape(line.school))</span></td>"
            out += "<td class=\"nw\">\(HTMLText.name(regionNames[line.region] ?? line.region))</td><td class=\"num\">\(SVGChart.tickNumber(line.count))</td>"
            out += "<td class=\"num\">\(HTMLText.number(line.distanceKm, decimals: 1))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if lines.count > limit {
            out += "<p class=\"small muted\">The full list is in <code>dispatch.csv</code>, written by <code>eduplan solve DIR --out FOLDER</code>.</p>\n"
        }
        return out
    }
}
