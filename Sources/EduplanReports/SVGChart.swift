import Foundation

/// One axis of a chart: its label, domain and tick labels.
struct SVGAxis {
    var label: String
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var format: (Double) -> String

    /// An axis over [lower, upper] widened to round ticks (1, 2, 2.5 or 5 × 10ᵏ).
    ///
    /// Total for any input, so that drawing never traps: bounds in the wrong order are swapped, an
    /// empty range is padded, and non-finite bounds or a range too wide or too narrow for round
    /// ticks fall back to [0, 1] (callers pass validated data; this is the last guard).
    static func nice(label: String, lower: Double, upper: Double, tickCount: Int = 5,
                     format: @escaping (Double) -> String) -> SVGAxis {
        var lo = min(lower, upper), hi = max(lower, upper)
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let raw = (hi - lo) / Double(min(max(1, tickCount), 100))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-12) } ?? 10 * magnitude
        let first = (lo / step + 1e-9).rounded(.down), last = (hi / step - 1e-9).rounded(.up)
        // |lo| / step ≤ about 5 / 2⁻⁵² for finite bounds, far inside Int; anything else is garbage in.
        guard lo.isFinite, hi.isFinite, step.isFinite, step > 0, abs(first) < 1e15, abs(last) < 1e15, last >= first, last - first <= 1000 else {
            return nice(label: label, lower: 0, upper: 1, tickCount: tickCount, format: format)
        }
        let ticks = (Int(first)...Int(last)).map { Double($0) * step }
        return SVGAxis(label: label, lower: ticks.first!, upper: ticks.last!, ticks: ticks, format: format)
    }
}

/// A line (with optional point markers) in a line chart.
struct SVGSeries {
    var label: String
    var points: [(x: Double, y: Double)]
    var colour: String
    var dash: String?
    var width: Double = 2
    var markers = false
}

/// Inline SVG charts: line charts (Lorenz curves, the frontier) and grouped bars (histograms).
///
/// Every chart carries a `<title>` and `<desc>` (read by screen readers, shown as a tooltip) and
/// scales with the page (`viewBox`, width 100%). Legends are written in HTML next to the chart, so
/// names in any script use the page's fonts.
enum SVGChart {
    /// Colour-blind-safe series colours (Okabe–Ito), black first for the base plan.
    static let palette = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F"]

    struct Frame {
        let width: Double, height: Double
        let left: Double = 74, right: Double = 34, top: Double = 16, bottom: Double = 52
        var plotWidth: Double { width - left - right }
        var plotHeight: Double { height - top - bottom }
    }

    /// A line chart with axes, grid and optional equality diagonal (for Lorenz curves).
    static func lineChart(id: String, title: String, description: String, series: [SVGSeries],
                          x: SVGAxis, y: SVGAxis, width: Double = 640, height: Double = 440,
                          diagonal: Bool = false) -> String {
        let frame = Frame(width: width, height: height)
        func px(_ v: Double) -> Double { frame.left + (v - x.lower) / (x.upper - x.lower) * frame.plotWidth }
        func py(_ v: Double) -> Double { frame.top + (1 - (v - y.lower) / (y.upper - y.lower)) * frame.plotHeight }
        var svg = open(id: id, title: title, description: description, frame: frame)
        svg += axes(frame: frame, x: x, y: y, px: px, py: py)
        if diagonal {
            svg += "<line x1=\"\(c(px(x.lower)))\" y1=\"\(c(py(y.lower)))\" x2=\"\(c(px(x.upper)))\" y2=\"\(c(py(y.upper)))\" stroke=\"#9aa3ad\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"><title>line of equality</title></line>\n"
        }
        for s in series where !s.points.isEmpty {
            let path = s.points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(c(px(p.x))) \(c(py(p.y)))" }.joined()
            let dash = s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"\(c(s.width))\" stroke-linejoin=\"round\"\(dash)><title>\(HTMLText.escape(s.label))</title></path>\n"
            if s.markers {
                svg += "<g fill=\"\(s.colour)\">"
                for p in s.points {
                    svg += "<circle cx=\"\(c(px(p.x)))\" cy=\"\(c(py(p.y)))\" r=\"3\"><title>\(HTMLText.escape("\(x.label): \(x.format(p.x)); \(y.label): \(y.format(p.y))"))</title></circle>"
                }
                svg += "</g>\n"
            }
        }
        return svg + "</svg>"
    }

    /// Grouped vertical bars: one group per category, one bar per series, counts on top.
    static func groupedBars(id: String, title: String, description: String, categories: [String],
                            series: [(label: String, colour: String, values: [Double])], yLabel: String,
                            width: Double = 640, height: Double = 360) -> String {
        let frame = Frame(width: width, height: height)
        let top = series.flatMap(\.values).max() ?? 0
        let y = SVGAxis.nice(label: yLabel, lower: 0, upper: max(top, 1), tickCount: 5) { Self.tickNumber($0) }
        let x = SVGAxis(label: "", lower: 0, upper: Double(categories.count), ticks: [], format: { _ in "" })
        func px(_ v: Double) -> Double { frame.left + v / Double(max(1, categories.count)) * frame.plotWidth }
        func py(_ v: Double) -> Double { frame.top + (1 - (v - y.lower) / (y.upper - y.lower)) * frame.plotHeight }
        var svg = open(id: id, title: title, description: description, frame: frame)
        svg += axes(frame: frame, x: x, y: y, px: px, py: py)
        let slot = frame.plotWidth / Double(max(1, categories.count))
        let barWidth = slot * 0.8 / Double(max(1, series.count))
        for (i, category) in categories.enumerated() {
            svg += "<text class=\"tick\" x=\"\(c(px(Double(i) + 0.5)))\" y=\"\(c(frame.top + frame.plotHeight + 16))\" text-anchor=\"middle\">\(HTMLText.escape(category))</text>\n"
            for (j, s) in series.enumerated() {
                let value = s.values[i]
                let x0 = px(Double(i)) + slot * 0.1 + Double(j) * barWidth
                let y0 = py(value)
                svg += "<rect x=\"\(c(x0))\" y=\"\(c(y0))\" width=\"\(c(barWidth - 1))\" height=\"\(c(py(0) - y0))\" fill=\"\(s.colour)\"><title>\(HTMLText.escape("\(category): \(Self.tickNumber(value)) \(yLabel) (\(s.label))"))</title></rect>"
                if value > 0 {
                    svg += "<text x=\"\(c(x0 + barWidth / 2))\" y=\"\(c(y0 - 3))\" text-anchor=\"middle\" font-size=\"10\">\(Self.tickNumber(value))</text>"
                }
                svg += "\n"
            }
        }
        return svg + "</svg>"
    }

    /// A short legend swatch (a line in the series' colour and dash).
    static func swatch(colour: String, dash: String?, width: Double = 2) -> String {
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        return "<svg width=\"30\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"30\" y2=\"5\" stroke=\"\(colour)\" stroke-width=\"\(c(width))\"\(d)/></svg>"
    }

    /// A filled square legend swatch.
    static func box(colour: String) -> String {
        "<svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" rx=\"2\" fill=\"\(colour)\"/></svg>"
    }

    /// A tick label: grouped thousands, at most two decimals, no trailing zeros.
    static func tickNumber(_ v: Double) -> String {
        let decimals = v == v.rounded() ? 0 : (abs(v * 10 - (v * 10).rounded()) < 1e-9 ? 1 : 2)
        return HTMLText.number(v, decimals: decimals)
    }

    private static func c(_ v: Double) -> String { HTMLText.coordinate(v) }

    private static func open(id: String, title: String, description: String, frame: Frame) -> String {
        "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(c(frame.width)) \(c(frame.height))\" style=\"max-width:\(c(frame.width))px\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title><desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>\n"
    }

    private static func axes(frame: Frame, x: SVGAxis, y: SVGAxis, px: (Double) -> Double, py: (Double) -> Double) -> String {
        var svg = ""
        let bottom = frame.top + frame.plotHeight
        for t in y.ticks {
            svg += "<line class=\"grid\" x1=\"\(c(frame.left))\" y1=\"\(c(py(t)))\" x2=\"\(c(frame.left + frame.plotWidth))\" y2=\"\(c(py(t)))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(frame.left - 6))\" y=\"\(c(py(t) + 4))\" text-anchor=\"end\">\(HTMLText.escape(y.format(t)))</text>\n"
        }
        for t in x.ticks {
            svg += "<line class=\"grid\" x1=\"\(c(px(t)))\" y1=\"\(c(frame.top))\" x2=\"\(c(px(t)))\" y2=\"\(c(bottom))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(px(t)))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\">\(HTMLText.escape(x.format(t)))</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(c(frame.left))\" y1=\"\(c(bottom))\" x2=\"\(c(frame.left + frame.plotWidth))\" y2=\"\(c(bottom))\"/>"
        svg += "<line class=\"axis\" x1=\"\(c(frame.left))\" y1=\"\(c(frame.top))\" x2=\"\(c(frame.left))\" y2=\"\(c(bottom))\"/>\n"
        if !x.label.isEmpty {
            svg += "<text x=\"\(c(frame.left + frame.plotWidth / 2))\" y=\"\(c(frame.height - 10))\" text-anchor=\"middle\" font-size=\"13\">\(HTMLText.escape(x.label))</text>\n"
        }
        if !y.label.isEmpty {
            let cx = 16.0, cy = frame.top + frame.plotHeight / 2
            svg += "<text x=\"\(c(cx))\" y=\"\(c(cy))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 \(c(cx)) \(c(cy)))\">\(HTMLText.escape(y.label))</text>\n"
        }
        return svg
    }
}
