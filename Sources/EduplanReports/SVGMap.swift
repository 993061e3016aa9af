import Foundation

/// The dispatch map: schools and teacher-group origins drawn from their coordinates, lines from
/// origin to school, as inline SVG.
///
/// The projection is equirectangular about the middle latitude (x = lon · cos φ₀, y = −lat),
/// scaled to the bounding box of everything drawn; at a province's scale the distortion is a few
/// percent. There are no boundaries or tiles (the page must work offline, and scenarios carry no
/// outlines): the points are the map, and each region is a labelled seat (a small square).
enum SVGMap {
    /// A place on the map.
    struct Site {
        var latitude: Double
        var longitude: Double
        var colour: String
        var label: String
    }

    /// Teachers moving from an origin to a school.
    struct Flow {
        var fromLatitude: Double, fromLongitude: Double
        var toLatitude: Double, toLongitude: Double
        var count: Double
        var label: String
    }

    /// A region's seat: a small square with the region's name (at the centre of its schools).
    struct Label {
        var latitude: Double, longitude: Double
        var text: String
    }

    /// Schools (few enough) get one element each with a tooltip; beyond this they are merged into
    /// one path per colour to keep the page small.
    static let individualLimit = 400

    /// The colour of dispatch lines.
    static let flowColour = "#3d4752"

    /// Line width for a flow of `count` teachers when the widest carries `widest`: its area (width)
    /// grows with the square root of the count, from 1.2 px to 12 px.
    static func flowWidth(_ count: Double, widest: Double) -> Double {
        guard widest > 0, count > 0 else { return 1.2 }
        return 1.2 + 10.8 * min(1, (count / widest).squareRoot())
    }

    /// The counts the legend shows: 1, about a quarter of the widest and the widest (rounded, distinct).
    static func legendCounts(widest: Double) -> [Double] {
        let top = max(1, widest.rounded())
        let quarter = max(1, (top / 4).rounded())
        return Array(Set([1, quarter, top])).sorted()
    }

    /// The map and its width in pixels, or nil when nothing drawn has coordinates.
    ///
    /// School dots are drawn in the order of `colourOrder` (first listed, first drawn), so the
    /// colours listed last, the schools that need attention, stay on top; unlisted colours after.
    static func render(id: String, title: String, description: String, schools unordered: [Site], origins: [Site],
                       flows: [Flow], labels: [Label], colourOrder: [String] = [], scaleNote: String = "equirectangular projection",
                       width: Double = 960) -> (svg: String, width: Double)? {
        let rank = Dictionary(colourOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let schools = unordered.enumerated().sorted {
            let a = rank[$0.element.colour] ?? colourOrder.count, b = rank[$1.element.colour] ?? colourOrder.count
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        let seats = labels.map { Site(latitude: $0.latitude, longitude: $0.longitude, colour: "", label: $0.text) }
        guard let map = Projection(sites: schools + origins + seats, width: width) else { return nil }
        let c = HTMLText.coordinate
        var svg = "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(c(map.width)) \(c(map.height))\" style=\"max-width:\(c(map.width))px\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title><desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>\n"
        svg += "<rect x=\"0.5\" y=\"0.5\" width=\"\(c(map.width - 1))\" height=\"\(c(map.height - 1))\" fill=\"#f7f9fb\" stroke=\"#d8dde3\"/>\n"
        svg += schoolDots(schools, map) + flowLines(flows, map) + originMarkers(origins, map) + regionLabels(labels, map) + scaleBar(map, note: scaleNote)
        return (svg + "</svg>", map.width)
    }

    /// Where a latitude and longitude land on the map, and its size.
    struct Projection {
        let west: Double, north: Double, cosine: Double, scale: Double
        let pad = 28.0
        let width: Double, height: Double, offsetX: Double

        /// The projection of the bounding box of `sites` (widened to sensible proportions) into at
        /// most `width` × 880 pixels; nil without sites.
        init?(sites: [Site], width maxWidth: Double) {
            guard var south = sites.map(\.latitude).min(), var north = sites.map(\.latitude).max(),
                  var west = sites.map(\.longitude).min(), var east = sites.map(\.longitude).max() else { return nil }
            if north - south < 0.02 { south -= 0.05; north += 0.05 }
            if east - west < 0.02 { west -= 0.05; east += 0.05 }
            let cosine = cos((south + north) / 2 * .pi / 180)
            // A flat strip of schools still gets a map of sensible proportions (height ≥ 0.35 × width).
            let minimumSpanY = 0.35 * (east - west) * cosine
            if north - south < minimumSpanY {
                let grow = (minimumSpanY - (north - south)) / 2
                south -= grow
                north += grow
            }
            let spanX = (east - west) * cosine, spanY = north - south
            let maxHeight = 880.0
            var scale = (maxWidth - 2 * pad) / spanX
            if spanY * scale > maxHeight - 2 * pad { scale = (maxHeight - 2 * pad) / spanY }
            height = (spanY * scale + 2 * pad).rounded(.up) + 28
            // A tall province gets a narrower map rather than empty margins (room kept for the scale bar).
            width = max(min(maxWidth, 420), min(maxWidth, (spanX * scale + 2 * pad).rounded(.up)))
            offsetX = (width - spanX * scale) / 2
            (self.west, self.north, self.cosine, self.scale) = (west, north, cosine, scale)
        }

        func x(_ longitude: Double) -> Double { offsetX + (longitude - west) * cosine * scale }
        func y(_ latitude: Double) -> Double { pad + (north - latitude) * scale }
    }

    /// Flows over the dots (few: one per pair of regions), widest first so thin lines stay visible,
    /// each with its tooltip; an arrowhead-free line from the origin's seat to the destination's.
    private static func flowLines(_ flows: [Flow], _ map: Projection) -> String {
        guard !flows.isEmpty else { return "" }
        let c = HTMLText.coordinate
        let widest = flows.map(\.count).max() ?? 1
        var svg = "<g fill=\"none\" stroke=\"\(flowColour)\" stroke-opacity=\"0.6\" stroke-linecap=\"round\">\n"
        for f in flows.sorted(by: { $0.count > $1.count }) {
            svg += "<line x1=\"\(c(map.x(f.fromLongitude)))\" y1=\"\(c(map.y(f.fromLatitude)))\" x2=\"\(c(map.x(f.toLongitude)))\" y2=\"\(c(map.y(f.toLatitude)))\" stroke-width=\"\(c(flowWidth(f.count, widest: widest)))\"><title>\(HTMLText.escape(f.label))</title></line>\n"
        }
        return svg + "</g>\n"
    }

    /// A dot per school with its tooltip; beyond ``individualLimit`` one path per colour.
    private static func schoolDots(_ schools: [Site], _ map: Projection) -> String {
        let c = HTMLText.coordinate
        let dot = schools.count > 2000 ? 3.2 : schools.count > 400 ? 4.5 : 8
        guard schools.count > individualLimit else {
            var svg = "<g stroke=\"#ffffff\" stroke-width=\"1\">\n"
            for s in schools {
                svg += "<circle cx=\"\(c(map.x(s.longitude)))\" cy=\"\(c(map.y(s.latitude)))\" r=\"\(c(dot / 2))\" fill=\"\(s.colour)\"><title>\(HTMLText.escape(s.label))</title></circle>\n"
            }
            return svg + "</g>\n"
        }
        var byColour: [String: String] = [:]
        var order: [String] = []
        for s in schools {
            if byColour[s.colour] == nil { order.append(s.colour) }
            byColour[s.colour, default: ""] += "M\(c(map.x(s.longitude))) \(c(map.y(s.latitude)))h0"
        }
        return order.map { colour in
            "<path d=\"\(byColour[colour]!)\" stroke=\"\(colour)\" stroke-width=\"\(c(dot))\" stroke-linecap=\"round\" fill=\"none\"/>\n"
        }.joined()
    }

    /// Origins: one marker per distinct place, its tooltip listing the groups there.
    private static func originMarkers(_ origins: [Site], _ map: Projection) -> String {
        let c = HTMLText.coordinate
        var places: [String: (Site, [String])] = [:]
        var placeOrder: [String] = []
        for o in origins {
            let key = "\(c(map.x(o.longitude))),\(c(map.y(o.latitude)))"
            if places[key] == nil { placeOrder.append(key); places[key] = (o, []) }
            places[key]!.1.append(o.label)
        }
        var svg = "<g stroke=\"#1b1f24\" stroke-width=\"1.2\">\n"
        for key in placeOrder {
            let (site, names) = places[key]!
            let x = map.x(site.longitude), y = map.y(site.latitude)
            let r = 6.0
            let shown = names.prefix(12).joined(separator: "; ") + (names.count > 12 ? "; … (\(names.count) groups)" : "")
            svg += "<path d=\"M\(c(x)) \(c(y - r))L\(c(x + r)) \(c(y))L\(c(x)) \(c(y + r))L\(c(x - r)) \(c(y))Z\" fill=\"\(site.colour)\"><title>\(HTMLText.escape("teacher origin: \(shown)"))</title></path>\n"
        }
        return svg + "</g>\n"
    }

    /// Region seats: a small square and the name above it, kept inside the frame; smaller type when
    /// there are many regions.
    private static func regionLabels(_ labels: [Label], _ map: Projection) -> String {
        guard !labels.isEmpty else { return "" }
        let c = HTMLText.coordinate
        let size = labels.count <= 15 ? 13.0 : labels.count <= 40 ? 11 : 9
        var svg = "<g font-size=\"\(c(size))\" font-weight=\"600\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">\n"
        for l in labels {
            let lang = HTMLText.hasCJK(l.text) ? " lang=\"zh\"" : ""
            // Keep the label inside the frame (estimated width: CJK characters are square).
            let half = l.text.unicodeScalars.reduce(0.0) { $0 + (HTMLText.hasCJK(String($1)) ? size : size * 0.58) } / 2 + 4
            let x = map.x(l.longitude), y = map.y(l.latitude)
            svg += "<rect x=\"\(c(x - 2.5))\" y=\"\(c(y - 2.5))\" width=\"5\" height=\"5\" fill=\"#1b1f24\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(c(min(max(x, half), map.width - half)))\" y=\"\(c(y - 5))\"\(lang)>\(HTMLText.escape(l.text))</text>\n"
        }
        return svg + "</g>\n"
    }

    /// Scale bar: a round number of km near a fifth of the width, and the north arrow.
    private static func scaleBar(_ map: Projection, note: String) -> String {
        let c = HTMLText.coordinate, pad = map.pad
        let kmPerPixel = 111.32 / map.scale
        let target = map.width / 5 * kmPerPixel
        let magnitude = pow(10, floor(log10(target)))
        let km = [1, 2, 5, 10].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        let barLength = km / kmPerPixel
        let y0 = map.height - 14
        var svg = "<g font-size=\"11\"><line x1=\"\(c(pad))\" y1=\"\(c(y0))\" x2=\"\(c(pad + barLength))\" y2=\"\(c(y0))\" stroke=\"#1b1f24\" stroke-width=\"2\"/>"
        svg += "<line x1=\"\(c(pad))\" y1=\"\(c(y0 - 4))\" x2=\"\(c(pad))\" y2=\"\(c(y0 + 4))\" stroke=\"#1b1f24\"/><line x1=\"\(c(pad + barLength))\" y1=\"\(c(y0 - 4))\" x2=\"\(c(pad + barLength))\" y2=\"\(c(y0 + 4))\" stroke=\"#1b1f24\"/>"
        svg += "<text x=\"\(c(pad + barLength + 6))\" y=\"\(c(y0 + 4))\">\(SVGChart.tickNumber(km)) km</text>"
        svg += "<text x=\"\(c(map.width - pad))\" y=\"\(c(y0 + 4))\" text-anchor=\"end\" fill=\"#5b6470\">N ↑ · \(HTMLText.escape(note))</text></g>\n"
        return svg
    }
}
