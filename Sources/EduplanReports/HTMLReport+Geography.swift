import EduplanPlanner
import EduplanScenario
import Foundation

/// Where the map puts regions and dispatch: each region's seat (the centre of its schools with
/// coordinates; scenarios carry no county outlines, so the seat stands for the county), and the
/// dispatch summed by pair of regions, from the teacher group's region to the school's.
struct MapGeography {
    /// A region's seat on the map.
    struct Seat {
        var region: String
        var name: String
        var latitude: Double
        var longitude: Double
    }

    /// A point on the map.
    struct Point {
        var latitude: Double
        var longitude: Double
    }

    /// Teachers sent from one region to another (or within one).
    struct Pair {
        var fromRegion: String, toRegion: String
        var fromName: String, toName: String
        var teachers = 0.0
        /// Σ teachers × distance, for the mean distance.
        var teacherKm = 0.0
        var schoolIDs = Set<String>()
        var from = Point(latitude: 0, longitude: 0), to = Point(latitude: 0, longitude: 0)
        /// Both ends have a place on the map.
        var located = false
        var schools: Int { schoolIDs.count }
        var sameRegion: Bool { fromRegion == toRegion }
        /// Drawn as a line: located, between two different regions.
        var drawn: Bool { located && !sameRegion }
    }

    /// Seats of the regions with at least one located school, by region id.
    let seats: [Seat]
    /// Dispatch by pair of regions, most teachers first (ties by the names' bytes).
    let pairs: [Pair]
    /// Teachers whose group or school has no place on the map.
    let unmapped: Double

    init(scenario: Scenario, plan: Plan) {
        let names = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var sums: [String: (lat: Double, lon: Double, n: Double)] = [:]
        for school in scenario.schools {
            guard let lat = school.latitude, let lon = school.longitude else { continue }
            let id = scenario.regions[school.region].id
            let c = sums[id] ?? (0, 0, 0)
            sums[id] = (c.lat + lat, c.lon + lon, c.n + 1)
        }
        seats = sums.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { id in
            let c = sums[id]!
            return Seat(region: id, name: names[id] ?? id, latitude: c.lat / c.n, longitude: c.lon / c.n)
        }
        let seatOf = Dictionary(seats.map { ($0.region, Point(latitude: $0.latitude, longitude: $0.longitude)) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(scenario.teacherGroups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byPair: [String: Pair] = [:]
        var unmapped = 0.0
        for line in plan.dispatch {
            guard let group = groups[line.group] else { continue }
            let fromRegion = scenario.regions[group.region].id
            let key = fromRegion + "\u{1F}" + line.region
            var pair = byPair[key] ?? Pair(fromRegion: fromRegion, toRegion: line.region,
                                           fromName: names[fromRegion] ?? fromRegion, toName: names[line.region] ?? line.region)
            pair.teachers += line.count
            pair.teacherKm += line.count * line.distanceKm
            pair.schoolIDs.insert(line.school)
            let home = seatOf[fromRegion] ?? group.latitude.flatMap { lat in group.longitude.map { Point(latitude: lat, longitude: $0) } }
            if let home, let destination = seatOf[line.region] {
                (pair.from, pair.to, pair.located) = (home, destination, true)
            } else {
                unmapped += line.count
            }
            byPair[key] = pair
        }
        self.unmapped = unmapped
        pairs = byPair.values.sorted {
            if $0.teachers != $1.teachers { return $0.teachers > $1.teachers }
            if $0.fromName != $1.fromName { return $0.fromName.utf8.lexicographicallyPrecedes($1.fromName.utf8) }
            return $0.toName.utf8.lexicographicallyPrecedes($1.toName.utf8)
        }
    }
}
