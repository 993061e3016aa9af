import EduplanIO
import EduplanPlanner
import Foundation

/// The robust plan's section: reserves by fund, category and region, the price of robustness and
/// the simulated protection by region (docs/model.md, "Robust plans"), in the page's language and
/// money unit. Nothing for a plan that is not robust.
extension HTMLReport {
    func reservesSection() -> String {
        guard let robust = result.robust else { return "" }
        let w = wording
        let names = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let region = { (id: String) in HTMLText.name(names[id].map { "\($0) (\(id))" } ?? id) }
        var out = section("reserves", text("robust.heading")) + "<p>"
        out += text("robust.gamma", ["gamma": Format.plain(robust.gamma), "gammaPercent": Format.percent(robust.gamma, decimals: 0)]) + " "
        out += text("robust.total", ["amount": moneyNumber(robust.reserveTotal), "currency": moneyUnit]) + " "
        out += HTMLText.escape(RobustReport.porSentence(robust, wording: w))
        if let protection = robust.protection { out += " " + HTMLText.escape(RobustReport.protectionSentence(protection, wording: w)) }
        out += "</p>\n"
        if !robust.reserves.isEmpty {
            out += "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">\(text("robust.column.fund"))</th>"
            out += "<th scope=\"col\">\(text("robust.column.category"))</th><th scope=\"col\">\(text("robust.column.region"))</th>"
            out += "<th scope=\"col\" class=\"num\">\(text("robust.column.reserve", ["currency": moneyUnit]))</th></tr></thead>\n<tbody>\n"
            for r in robust.reserves {
                out += "<tr><td>\(fundName(r.fund))</td><td>\(categoryName(r.category))</td><td>\(region(r.region))</td>"
                out += "<td class=\"num\">\(moneyNumber(r.amount))</td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        if let protection = robust.protection, !protection.byRegion.isEmpty {
            let required = Dictionary(robust.requirements.map { ($0.region, $0.required) }, uniquingKeysWith: +)
            out += "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">\(text("robust.column.region"))</th>"
            out += "<th scope=\"col\" class=\"num\">\(text("robust.column.required", ["currency": moneyUnit]))</th>"
            out += "<th scope=\"col\" class=\"num\">\(text("robust.column.protection"))</th></tr></thead>\n<tbody>\n"
            for (id, share) in protection.byRegion.sorted(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) {
                out += "<tr><td>\(region(id))</td><td class=\"num\">\(moneyNumber(required[id] ?? 0))</td>"
                out += "<td class=\"num\">\(Format.percent(share, decimals: 1))</td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        return out + "</section>\n"
    }
}
