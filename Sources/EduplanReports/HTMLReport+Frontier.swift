import EduplanIO
import EduplanPlanner
import Foundation

/// The budget frontier section (benefit and Gini against money), from a sweep file.
extension HTMLReport {
    /// The money axis unit of a chart (the frontier, the years of a multi-year plan): the page's unit (元 / 万元 / 亿元); for yuan, when the amounts
    /// are large, 万元 / 亿元 in Chinese (from 10⁶ / 10⁹) and million / billion in English.
    func chartMoneyScale(_ maximum: Double) -> (divisor: Double, unit: String) {
        let arguments = ["currency": currencyWord]
        guard wording.money == .yuan, abs(maximum) >= 1e6 else {
            return (wording.money.divisor, Self.plain(text("report.unit.money.\(wording.money.rawValue)", arguments)))
        }
        let large = abs(maximum) >= 1e9
        if language == .english {
            return (large ? 1e9 : 1e6, Self.plain(text(large ? "report.unit.money.billion" : "report.unit.money.million", arguments)))
        }
        let scale: MoneyScale = large ? .yi : .wan
        return (scale.divisor, Self.plain(text("report.unit.money.\(scale.rawValue)", arguments)))
    }

    func frontierSection() -> String {
        guard let frontier else { return "" }
        var out = section("frontier", def("frontier", "report.toc.frontier"))
        if let problem = frontier.problem {
            return out + "<p class=\"note-box\">\(text("report.frontier.problem", ["problem": HTMLText.name(problem)]))</p>\n</section>\n"
        }
        let points = frontier.points
        let xScale = chartMoneyScale(points.map(\.money).max() ?? 0)
        let withBenefit = points.filter { $0.benefit != nil }
        let withGini = points.filter { $0.gini != nil }
        out += "<p>\(text("report.frontier.intro", ["file": "<code>\(HTMLText.name(frontier.source))</code>", "steps": HTMLText.number(Double(points.count)), "from": money(points.first!.money), "to": money(points.last!.money), "price": def("fund-shadow", "report.frontier.shadow")]))</p>\n"
        if withBenefit.count < points.count {
            out += "<p class=\"small muted\">\(text("report.frontier.left-out", ["n": String(points.count - withBenefit.count)]))</p>\n"
        }
        let x = SVGAxis.nice(label: Self.plain(text("report.frontier.axis.money", ["unit": xScale.unit])), lower: points.first!.money / xScale.divisor, upper: points.last!.money / xScale.divisor) { SVGChart.tickNumber($0) }
        out += "<div class=\"charts\">\n" + frontierBenefitChart(withBenefit, x: x, xDivisor: xScale.divisor, markers: points.count <= 60)
        if frontier.hasGini, !withGini.isEmpty {
            out += frontierGiniChart(withGini, x: x, xDivisor: xScale.divisor, markers: points.count <= 60)
        } else {
            out += "<p class=\"note-box\">\(text("report.frontier.no-gini"))</p>\n"
        }
        out += "</div>\n" + frontierTable(points, unit: xScale)
        return out + "</section>\n"
    }

    private func frontierBenefitChart(_ withBenefit: [SweepFrontier.Point], x: SVGAxis, xDivisor: Double, markers: Bool) -> String {
        let benefits = withBenefit.map { $0.benefit! }
        let top = benefits.map(abs).max() ?? 0
        let yScale: (divisor: Double, key: String) = top >= 1e8 ? (1e8, "report.unit.points.yi") : top >= 1e4 ? (1e4, "report.unit.points.wan") : (1, "report.unit.points")
        let yLabel = Self.plain(text("report.frontier.axis.benefit", ["unit": text(yScale.key)]))
        let yBenefit = SVGAxis.nice(label: yLabel, lower: min(0, benefits.min() ?? 0) / yScale.divisor, upper: (benefits.max() ?? 1) / yScale.divisor) { SVGChart.tickNumber($0) }
        let series = SVGSeries(label: Self.plain(text("report.metric.benefit")), points: withBenefit.map { ($0.money / xDivisor, $0.benefit! / yScale.divisor) },
                               colour: "#0072B2", dash: nil, width: 2.2, markers: markers)
        var out = "<figure>\n"
        out += SVGChart.lineChart(id: "frontier-benefit", title: Self.plain(text("report.frontier.benefit.title")),
                                  description: Self.plain(text("report.frontier.benefit.title")) + ": " + withBenefit.map { "\(HTMLText.number($0.money)) → \(HTMLText.number($0.benefit!))" }.joined(separator: "; "),
                                  series: [series], x: x, y: yBenefit, width: 540, height: 400)
        return out + "\n<figcaption>\(text("report.frontier.benefit.caption", ["benefit": def("benefit", "report.metric.benefit")]))</figcaption>\n</figure>\n"
    }

    /// The Gini against money, on an axis from 0 to a round number above the largest value (a
    /// zoomed axis would make a change of 0.01 look like a collapse).
    private func frontierGiniChart(_ withGini: [SweepFrontier.Point], x: SVGAxis, xDivisor: Double, markers: Bool) -> String {
        let ginis = withGini.map { $0.gini! }
        let yGini = SVGAxis.nice(label: Self.plain(text("report.frontier.axis.gini")), lower: 0, upper: min(1, max(0.1, (ginis.max() ?? 1) * 1.1))) { SVGChart.tickNumber($0) }
        let series = SVGSeries(label: "Gini", points: withGini.map { ($0.money / xDivisor, $0.gini!) },
                               colour: "#D55E00", dash: nil, width: 2.2, markers: markers)
        var out = "<figure>\n" + SVGChart.lineChart(id: "frontier-gini", title: Self.plain(text("report.frontier.gini.title")),
                                                     description: Self.plain(text("report.frontier.gini.title")) + ": " + withGini.map { "\(HTMLText.number($0.money)) → \(HTMLText.index($0.gini))" }.joined(separator: "; "),
                                                     series: [series], x: x, y: yGini, width: 540, height: 400)
        return out + "\n<figcaption>\(text("report.frontier.gini.caption", ["gini": def("gini", "report.metric.gini")]))</figcaption>\n</figure>\n"
    }

    private func frontierTable(_ points: [SweepFrontier.Point], unit: (divisor: Double, unit: String)) -> String {
        guard let frontier else { return "" }
        var out = "<details><summary>\(text("report.frontier.numbers"))</summary>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\" class=\"num\">\(text("report.frontier.col.money", ["unit": HTMLText.escape(unit.unit)]))</th>"
        out += "<th scope=\"col\" class=\"num\">\(def("benefit", "report.metric.benefit"))</th>"
        if frontier.hasGini { out += "<th scope=\"col\" class=\"num\">\(def("gini", "report.metric.gini"))</th>" }
        let hasStatus = points.contains { $0.status != nil }
        if hasStatus { out += "<th scope=\"col\">\(def("status", "report.metric.status"))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for p in points {
            out += "<tr><td class=\"num\">\(HTMLText.number(p.money / unit.divisor, decimals: unit.divisor == 1 ? 0 : 2))</td><td class=\"num\">\(HTMLText.number(p.benefit))</td>"
            if frontier.hasGini { out += "<td class=\"num\">\(HTMLText.index(p.gini))</td>" }
            if hasStatus { out += "<td>\(p.status.map { PlanStatus(rawValue: $0).map { text("report.status.\($0.rawValue)") } ?? HTMLText.escape($0) } ?? "")</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n</details>\n"
    }
}
