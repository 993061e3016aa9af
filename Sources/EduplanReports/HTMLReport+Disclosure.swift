import EduplanIO
import EduplanMetrics
import EduplanPlanner
import EduplanScenario
import Foundation

/// What a plan discloses (信息公开): which fund pays what in each region, the projects left
/// unfunded, and every school's allocation (an appendix table and a CSV annex beside the page).
extension HTMLReport {
    /// The appendix lists every school up to this many; beyond, the least covered this many and the
    /// CSV annex holds them all.
    static let annexTableLimit = 1000

    func disclosureSection() -> String {
        var out = section("disclosure", text("report.toc.disclosure"))
        guard let plan = result.plan else {
            return out + "<p class=\"note-box\">\(text("report.disclosure.no-plan", ["status": text("report.status.\(result.status.rawValue)")]))</p>\n</section>\n"
        }
        out += "<p>\(text("report.disclosure.intro"))</p>\n"
        out += fundRegionTable(plan)
        out += unfundedProjects(plan)
        out += annexTable(plan)
        return out + "</section>\n"
    }

    /// Regions as rows, funds as columns: the money each fund pays in each region (every category),
    /// with totals; a cell's tooltip splits it by category.
    func fundRegionTable(_ plan: Plan) -> String {
        guard !plan.funds.isEmpty else { return "" }
        var cells: [String: [String: [String: Double]]] = [:]  // region → fund → category → amount
        for fund in plan.funds {
            for flow in fund.flows where flow.amount > 0 {
                cells[flow.region, default: [:]][fund.id, default: [:]][flow.category, default: 0] += flow.amount
            }
        }
        var out = "<h3 id=\"\(anchor("fund-region"))\">\(text("report.disclosure.funds.heading"))</h3>\n"
        out += "<p class=\"small muted\">\(text("report.disclosure.funds.intro", ["unit": moneyUnit]))</p>\n"
        out += "<div class=\"scroll tall\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.region"))</th>"
        for fund in plan.funds { out += "<th scope=\"col\" class=\"num\">\(fundName(fund.id))</th>" }
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.total"))</th></tr></thead>\n<tbody>\n"
        var fundTotals = [Double](repeating: 0, count: plan.funds.count)
        for region in scenario.regions {
            let byFund = cells[region.id] ?? [:]
            out += "<tr><th scope=\"row\">\(HTMLText.name(region.name))</th>"
            var total = 0.0
            for (i, fund) in plan.funds.enumerated() {
                let byCategory = byFund[fund.id] ?? [:]
                let amount = byCategory.sumInKeyOrder
                total += amount
                fundTotals[i] += amount
                let split = byCategory.keys.sorted().map { "\(Self.plain(categoryName($0))): \(moneyNumber(byCategory[$0]))" }.joined(separator: "; ")
                out += "<td class=\"num\"\(split.isEmpty ? "" : " title=\"\(HTMLText.escape(split))\"")>\(amount > 0 ? moneyNumber(amount) : "—")</td>"
            }
            out += "<td class=\"num\">\(moneyNumber(total))</td></tr>\n"
        }
        out += "</tbody><tfoot><tr><th scope=\"row\">\(text("report.col.total"))</th>"
        out += fundTotals.map { "<td class=\"num\">\(moneyNumber($0))</td>" }.joined()
        out += "<td class=\"num\">\(moneyNumber(fundTotals.reduce(0, +)))</td></tr></tfoot></table></div>\n"
        return out
    }

    /// Every project whose school did not receive the whole cost of its category: the model funds a
    /// school's category, not a project, so a project's share is its school's share of that
    /// category's need (0 = unfunded).
    func unfundedProjects(_ plan: Plan) -> String {
        var out = "<h3 id=\"\(anchor("unfunded"))\">\(text("report.disclosure.projects.heading"))</h3>\n"
        let projects = scenario.categories.flatMap { category -> [(Project, String)] in
            guard case let .projects(list) = category.rule else { return [] }
            return list.map { ($0, category.id) }
        }
        guard !projects.isEmpty else { return out + "<p>\(text("report.disclosure.projects.none-in-scenario"))</p>\n" }
        let schools = Dictionary(plan.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows: [(project: Project, school: SchoolPlan, category: String, share: Double)] = []
        for (project, category) in projects {
            guard let school = schools[scenario.schools[project.school].id], let need = school.need[category], need > 0 else { continue }
            let share = min(1, (school.allocated[category] ?? 0) / need)
            if share < 0.9995 { rows.append((project, school, category, share)) }
        }
        let missing = rows.reduce(0.0) { $0 + $1.project.cost * (1 - $1.share) }
        guard !rows.isEmpty else { return out + "<p>\(text("report.disclosure.projects.all-funded", ["n": HTMLText.number(Double(projects.count))]))</p>\n" }
        let unfunded = rows.filter { $0.share <= 0.0005 }.count
        out += "<p>\(text("report.disclosure.projects.intro", ["n": HTMLText.number(Double(rows.count)), "of": HTMLText.number(Double(projects.count)), "unfunded": HTMLText.number(Double(unfunded)), "missing": money(missing)]))</p>\n"
        out += "<div class=\"scroll tall\"><table class=\"wide\"><thead><tr><th scope=\"col\">\(text("report.col.project"))</th><th scope=\"col\">\(text("report.col.school"))</th><th scope=\"col\">\(text("report.col.region"))</th>"
        out += "<th scope=\"col\">\(text("report.col.category"))</th><th scope=\"col\" class=\"num\">\(text("report.col.cost")) (\(moneyUnit))</th><th scope=\"col\">\(def("share-of-need", "report.col.funded"))</th></tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr><th scope=\"row\" class=\"id\">\(HTMLText.escape(row.project.id))</th><td>\(HTMLText.name(row.school.name))</td><td class=\"nw\">\(HTMLText.name(regionNames[row.school.region] ?? row.school.region))</td>"
            out += "<td>\(categoryName(row.category))</td><td class=\"num\">\(moneyNumber(row.project.cost))</td>"
            out += "<td>\(row.share <= 0.0005 ? text("report.disclosure.projects.unfunded") : Self.bar(row.share))</td></tr>\n"
        }
        out += "</tbody></table></div>\n<p class=\"small muted\">\(text("report.disclosure.projects.note"))</p>\n"
        return out
    }

    /// The appendix: every school's plan (up to ``annexTableLimit``; else the least covered), and
    /// the link to the CSV annex with all of them.
    func annexTable(_ plan: Plan) -> String {
        var out = "<h3 id=\"\(anchor("annex"))\">\(text("report.disclosure.annex.heading"))</h3>\n"
        if let annexFile {
            out += "<p>\(text("report.disclosure.annex.link", ["file": "<a href=\"\(HTMLText.escape(Self.relativeLink(annexFile)))\" download><code>\(HTMLText.name(annexFile))</code></a>", "n": HTMLText.number(Double(plan.schools.count))]))</p>\n"
        }
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var schools = plan.schools
        if schools.count > Self.annexTableLimit {
            schools = Self.leastCovered(schools, limit: Self.annexTableLimit)
            out += "<p class=\"small muted\">\(text("report.disclosure.annex.partial", ["limit": HTMLText.number(Double(Self.annexTableLimit)), "n": HTMLText.number(Double(plan.schools.count))]))</p>\n"
        }
        out += "<div class=\"scroll tall\"><table class=\"wide annex\"><thead><tr><th scope=\"col\">\(text("report.col.school"))</th><th scope=\"col\">\(text("report.col.id"))</th><th scope=\"col\">\(text("report.col.region"))</th><th scope=\"col\">\(text("report.col.level"))</th>"
        out += "<th scope=\"col\" class=\"num\">\(text("report.col.pupils"))</th><th scope=\"col\" class=\"num\">\(def("need", "report.col.need")) (\(moneyUnit))</th><th scope=\"col\" class=\"num\">\(def("allocated", "report.col.received")) (\(moneyUnit))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("share-of-need", "report.col.share-short"))</th><th scope=\"col\" class=\"num\">\(def("per-pupil", "report.col.per-pupil")) (\(perPupilUnit))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("dispatch", "report.col.teachers-in"))</th></tr></thead>\n<tbody>\n"
        for s in schools {
            out += "<tr><th scope=\"row\">\(HTMLText.name(s.name))</th><td class=\"id\">\(HTMLText.escape(s.id))</td><td class=\"nw\">\(HTMLText.name(regionNames[s.region] ?? s.region))</td><td class=\"nw\">\(levelName(s.level))</td>"
            out += "<td class=\"num\">\(HTMLText.number(Double(s.pupils)))</td><td class=\"num\">\(moneyNumber(s.totalNeed))</td><td class=\"num\">\(moneyNumber(s.received))</td>"
            out += "<td class=\"num\">\(HTMLText.percent(Coverage(allocated: s.received, need: s.totalNeed).ratio))</td><td class=\"num\">\(HTMLText.number(s.perPupil, decimals: 1))</td>"
            out += "<td class=\"num\">\(HTMLText.number(Double(s.teachersDispatched)))</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// The `limit` schools with the lowest share of need funded (schools without need last), ties by id.
    static func leastCovered(_ schools: [SchoolPlan], limit: Int) -> [SchoolPlan] {
        let sorted = schools.sorted { a, b in
            let x = Coverage(allocated: a.received, need: a.totalNeed).ratio, y = Coverage(allocated: b.received, need: b.totalNeed).ratio
            switch (x, y) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
            }
        }
        return Array(sorted.prefix(limit))
    }

    /// A file name as a relative link (each path segment percent-encoded).
    static func relativeLink(_ file: String) -> String {
        file.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? String($0)
        }.joined(separator: "/")
    }

    /// The per-school annex as CSV (English headers, money in yuan to the fen, like every data file):
    /// one row per school in the plan's order, the money by category after the totals.
    /// On a multi-year page, every year's rows after a first column `year`.
    public func annexCSV() -> String? {
        if let horizon { return horizon.annexCSV() }
        guard let plan = result.plan else { return nil }
        let categories = scenario.categories.filter { !$0.isDispatch }.map(\.id)
        let regionNames = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var header = ["school", "name", "region", "region_name", "level", "pupils", "need", "received", "coverage", "per_pupil"]
        header += categories.map { "allocated_\($0)" }
        header += ["teachers_before", "teachers_dispatched", "teachers_after", "shortage_before", "shortage_left"]
        var out = header.joined(separator: ",") + "\n"
        for s in plan.schools {
            var row = [s.id, s.name, s.region, regionNames[s.region] ?? "", s.level, String(s.pupils), Format.fen(s.totalNeed), Format.fen(s.received)]
            row.append(Coverage(allocated: s.received, need: s.totalNeed).ratio.map { Format.fixed($0, decimals: 6) } ?? "")
            row.append(s.perPupil.map(Format.fen) ?? "")
            row += categories.map { Format.fen(s.allocated[$0] ?? 0) }
            row += [s.teachersBefore, s.teachersDispatched, s.teachersAfter, s.shortageBefore, s.shortageLeft].map { String($0) }
            out += row.map(CSVText.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
