import Foundation

/// The budget frontier section (benefit and Gini against money), from a sweep file.
extension HTMLReport {
    /// Money axis units: millions when amounts reach a million.
    static func moneyScale(_ maximum: Double) -> (divisor: Double, unit: String) {
        abs(maximum) >= 1e9 ? (1e9, "billion ") : abs(maximum) >= 1e6 ? (1e6, "million ") : (1, "")
    }

    func frontierSection() -> String {
        guard let frontier else { return "" }
        var out = "<section id=\"frontier\" aria-labelledby=\"frontier-h\">\n<h2 id=\"frontier-h\">\(HTMLGlossary.link("frontier", "Budget frontier"))</h2>\n"
        if let problem = frontier.problem {
            return out + "<p class=\"note-box\">No frontier chart: \(HTMLText.name(problem))</p>\n</section>\n"
        }
        let points = frontier.points
        let moneyColumn = frontier.moneyColumn ?? "money"
        let xScale = Self.moneyScale(points.map(\.money).max() ?? 0)
        let xLabel = "\(moneyColumn) (\(xScale.unit)\(currency))"
        let withBenefit = points.filter { $0.benefit != nil }
        let withGini = points.filter { $0.gini != nil }
        out += "<p>From <code>\(HTMLText.name(frontier.source))</code>: \(HTMLText.number(Double(points.count))) steps, money from \(HTMLText.money(points.first!.money, currency)) to \(HTMLText.money(points.last!.money, currency)). "
        out += "The slope of the benefit curve is what one more unit of money buys (the \(HTMLGlossary.link("fund-shadow", "shadow price"))); where it flattens, more money buys little.</p>\n"
        if withBenefit.count < points.count {
            out += "<p class=\"small muted\">\(points.count - withBenefit.count) step(s) have no benefit (no plan) and are left out.</p>\n"
        }
        let x = SVGAxis.nice(label: xLabel, lower: points.first!.money / xScale.divisor, upper: points.last!.money / xScale.divisor) { SVGChart.tickNumber($0) }
        let benefits = withBenefit.map { $0.benefit! }
        let yScale = Self.moneyScale(benefits.map(abs).max() ?? 0)
        let yBenefit = SVGAxis.nice(label: "weighted benefit U (\(yScale.unit)points)", lower: (benefits.min() ?? 0) / yScale.divisor,
                                    upper: (benefits.max() ?? 1) / yScale.divisor) { SVGChart.tickNumber($0) }
        let benefitSeries = SVGSeries(label: "weighted benefit U",
                                      points: withBenefit.map { ($0.money / xScale.divisor, $0.benefit! / yScale.divisor) },
                                      colour: "#0072B2", dash: nil, width: 2.2, markers: points.count <= 60)
        out += "<div class=\"charts\">\n<figure>\n"
        out += SVGChart.lineChart(id: "frontier-benefit", title: "Weighted benefit against money",
                                  description: "Weighted benefit U at each step of the sweep: " + withBenefit.map { "\(HTMLText.number($0.money)) → \(HTMLText.number($0.benefit!))" }.joined(separator: "; "),
                                  series: [benefitSeries], x: x, y: yBenefit, width: 540, height: 400)
        out += "\n<figcaption>\(HTMLGlossary.link("benefit", "Weighted benefit U")) against money.</figcaption>\n</figure>\n"
        if frontier.hasGini, !withGini.isEmpty {
            let ginis = withGini.map { $0.gini! }
            let yGini = SVGAxis.nice(label: "Gini of per-pupil money", lower: max(0, (ginis.min() ?? 0) - 0.01), upper: min(1, (ginis.max() ?? 1) + 0.01)) { String(format: "%.3g", $0) }
            let giniSeries = SVGSeries(label: "Gini", points: withGini.map { ($0.money / xScale.divisor, $0.gini!) },
                                       colour: "#D55E00", dash: nil, width: 2.2, markers: points.count <= 60)
            out += "<figure>\n" + SVGChart.lineChart(id: "frontier-gini", title: "Gini against money",
                                                     description: "Gini of per-pupil allocation at each step: " + withGini.map { "\(HTMLText.number($0.money)) → \(HTMLText.index($0.gini))" }.joined(separator: "; "),
                                                     series: [giniSeries], x: x, y: yGini, width: 540, height: 400)
            out += "\n<figcaption>\(HTMLGlossary.link("gini", "Gini")) of per-pupil money against money (lower is more equal).</figcaption>\n</figure>\n"
        } else {
            out += "<p class=\"note-box\">The sweep file has no <code>gini</code> values, so only the benefit is drawn.</p>\n"
        }
        out += "</div>\n<details><summary>The sweep's numbers</summary>\n<table><thead><tr><th scope=\"col\" class=\"num\">\(HTMLText.escape(moneyColumn)) (\(HTMLText.escape(currency)))</th>"
        out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("benefit", "benefit U"))</th>"
        if frontier.hasGini { out += "<th scope=\"col\" class=\"num\">\(HTMLGlossary.link("gini", "Gini"))</th>" }
        let hasStatus = points.contains { $0.status != nil }
        if hasStatus { out += "<th scope=\"col\">\(HTMLGlossary.link("status", "status"))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for p in points {
            out += "<tr><td class=\"num\">\(HTMLText.number(p.money))</td><td class=\"num\">\(HTMLText.number(p.benefit))</td>"
            if frontier.hasGini { out += "<td class=\"num\">\(HTMLText.index(p.gini))</td>" }
            if hasStatus { out += "<td>\(HTMLText.escape(p.status ?? ""))</td>" }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n</details>\n"
        return out + "</section>\n"
    }
}
