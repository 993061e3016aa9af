import Foundation

/// A (teacher group, school) pair that may receive dispatch (MODEL.md §2, the set P).
public struct CandidatePair: Sendable, Equatable {
    /// Index into ``Scenario/teacherGroups``.
    public var group: Int
    /// Index into ``Scenario/schools``.
    public var school: Int
    /// dist(g, s) in km.
    public var distanceKm: Double
}

/// The quantities MODEL.md §2 derives from a scenario: needs, required teachers, shortages,
/// priorities and candidate pairs.
public struct DerivedQuantities: Sendable {
    /// N_{s,k}, indexed `[category][school]` (all zero for the dispatch category).
    public private(set) var need: [[Double]]
    /// q_{s,j}, indexed `[school][subject]`.
    public let requiredTeachers: [[Int]]
    /// h_{s,j} = max(0, q − e), indexed `[school][subject]`.
    public let shortage: [[Int]]
    /// π_s.
    public let priority: [Double]
    /// p_s = N^all_s / Σ N^all, each school's share of all money need (F5, the Hoover index);
    /// all 0 when no school has any.
    public let needShare: [Double]
    /// P, grouped by teacher group; within a group nearest first, ties by school id.
    public private(set) var candidates: [CandidatePair]

    /// The same quantities with another candidate set (a multi-year model's: the pairs of any year).
    public func withCandidates(_ pairs: [CandidatePair]) -> DerivedQuantities {
        var copy = self
        copy.candidates = pairs
        return copy
    }

    /// The same quantities with each need at least `floor(category, school)` (a year that is over in a
    /// rolling re-plan: money paid above the need still needs its column).
    public func raisingNeed(to floor: (_ category: Int, _ school: Int) -> Double) -> DerivedQuantities {
        var copy = self
        for k in need.indices {
            for s in need[k].indices { copy.need[k][s] = max(need[k][s], floor(k, s)) }
        }
        return copy
    }

    /// Computes everything for `scenario`.
    /// - Complexity: O(schools × (categories + subjects) + projects + groups × schools with shortage in the group's subject).
    public init(_ scenario: Scenario) {
        let schools = scenario.schools
        need = scenario.categories.map { category in
            var values = [Double](repeating: 0, count: schools.count)
            switch category.rule {
            case let .perStudent(count, rates):
                for (s, school) in schools.enumerated() {
                    if let rate = rates[school.level] { values[s] = rate * Double(school.count(count)) }
                }
            case let .projects(projects):
                for project in projects { values[project.school] += project.cost }
            case .dispatch:
                break
            }
            return values
        }
        requiredTeachers = schools.map { school in
            scenario.subjects.indices.map { j in
                if let given = school.required[j] { return given }
                guard let ratio = scenario.studentTeacherRatio[school.level], ratio > 0 else { return 0 }
                let exact = scenario.subjects[j].share * Double(school.enrollment) / ratio
                return Self.wholeTeachers((exact - 1e-9).rounded(.up))
            }
        }
        shortage = zip(schools, requiredTeachers).map { school, required in
            required.indices.map { max(0, required[$0] - school.teachers[$0]) }
        }
        priority = schools.map { Self.priority(of: $0, rule: scenario.priority, povertyWeight: scenario.povertyWeight(ofRegion: $0.region)) }
        let need = need
        let needAll = schools.indices.map { s in
            scenario.categories.indices.reduce(0.0) { scenario.categories[$1].isDispatch ? $0 : $0 + need[$1][s] }
        }
        let totalNeed = needAll.reduce(0, +)
        needShare = needAll.map { totalNeed > 0 ? $0 / totalNeed : 0 }
        candidates = Self.candidatePairs(scenario, shortage: shortage)
    }

    /// A count of teachers from a computed whole value, saturating instead of trapping: the loader
    /// keeps ratios in range (q ≤ 10⁷ / 0.01 = 10⁹), but a scenario built in code may not (a ratio
    /// of 1e-320 makes σn/STR infinite). NaN and negatives give 0, anything past 2³¹ − 1 gives 2³¹ − 1.
    public static func wholeTeachers(_ value: Double) -> Int {
        let largest = Double(Int32.max)
        guard value > 0 else { return 0 }
        return value < largest ? Int(value) : Int(Int32.max)
    }

    /// π_s = base + β_poor·poor/n + β_lb·left_behind/n + β_dis·disabled/n + β_rural·rural + β_pc·w, with w the
    /// poverty weight of the school's region's designation (``Scenario/povertyWeight(ofRegion:)``).
    public static func priority(of school: School, rule: PriorityRule, povertyWeight: Double) -> Double {
        let n = Double(school.enrollment)
        let share = { (count: Int) in n > 0 ? Double(count) / n : 0 }
        return rule.base + rule.poorShare * share(school.poor) + rule.leftBehindShare * share(school.leftBehind)
            + rule.disabledShare * share(school.disabled) + rule.rural * (school.rural ? 1 : 0)
            + rule.povertyCounty * povertyWeight
    }

    /// Great-circle distance (haversine, R = 6371 km).
    public static func haversineKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians, dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, a.squareRoot()))
    }

    /// dist(g, s): haversine when both have coordinates; else the region table (nil when the
    /// pair is missing: unreachable); else 0.
    public static func distance(_ group: TeacherGroup, _ school: School, table: DistanceTable?) -> Double? {
        if let lat1 = group.latitude, let lon1 = group.longitude, let lat2 = school.latitude, let lon2 = school.longitude {
            return haversineKm(lat1, lon1, lat2, lon2)
        }
        if let table { return table.distance(group.region, school.region) }
        return 0
    }

    private static func candidatePairs(_ scenario: Scenario, shortage: [[Int]]) -> [CandidatePair] {
        // Schools with a shortage, by subject: groups only look at those, through a grid of
        // coordinates so that a group visits the schools near it, not the whole province.
        var short: [[Int]] = Array(repeating: [], count: scenario.subjects.count)
        for (s, row) in shortage.enumerated() {
            for (j, h) in row.enumerated() where h > 0 { short[j].append(s) }
        }
        let grids = short.map { SchoolGrid(schools: $0, of: scenario) }
        var pairs: [CandidatePair] = []
        for (g, group) in scenario.teacherGroups.enumerated() where group.count > 0 {
            // With a candidate limit k, look within a small radius first and double it until k
            // candidates are found (or the group's reach is): the k nearest, ties included, all
            // lie within the radius that first holds k, so the result is the full scan's.
            let limit = scenario.dispatch.candidateLimit
            var radius = limit == nil ? group.maxDistanceKm : min(group.maxDistanceKm, 10)
            var mine: [CandidatePair] = []
            while true {
                mine.removeAll(keepingCapacity: true)
                let within = radius >= group.maxDistanceKm ? group.maxDistanceKm + 1e-9 : radius
                grids[group.subject].forEachSchool(near: group, withinKm: within) { s in
                    let school = scenario.schools[s]
                    if let levels = group.levels, !levels.contains(school.level) { return }
                    guard let km = distance(group, school, table: scenario.distances), km <= within else { return }
                    mine.append(CandidatePair(group: g, school: s, distanceKm: km))
                }
                if radius >= group.maxDistanceKm || mine.count >= limit ?? 0 { break }
                // Past half the Earth's circumference doubling cannot help: go to the full reach.
                radius = radius * 2 > 20_040 ? group.maxDistanceKm : min(group.maxDistanceKm, radius * 2)
            }
            if let limit = scenario.dispatch.candidateLimit, mine.count > limit {
                mine.sort { a, b in
                    a.distanceKm != b.distanceKm ? a.distanceKm < b.distanceKm
                        : scenario.schools[a.school].id.utf8.lexicographicallyPrecedes(scenario.schools[b.school].id.utf8)
                }
                mine.removeLast(mine.count - limit)
            }
            mine.sort { $0.school < $1.school }
            pairs.append(contentsOf: mine)
        }
        return pairs
    }
}

/// Schools in cells of latitude and longitude, to visit only those a group could reach.
///
/// The pruning is conservative, so the candidates are exactly those of a full scan: a great
/// circle of length d spans at most d/R radians of latitude, and at most
/// 2·asin(sin(d/2R) / √(cos φ₁ · cos φ_far)) of longitude (from the haversine formula, with
/// φ_far the band's latitude farthest from the equator). Schools without coordinates (distance
/// by table, or 0) are always visited, and so is everything when the box is too wide to help
/// or wraps around the antimeridian.
struct SchoolGrid {
    private let all: [Int]
    private let uncoordinated: [Int]
    private let cellDegrees: Double
    private var cells: [Int64: [Int]] = [:]

    init(schools: [Int], of scenario: Scenario) {
        all = schools
        var placed: [(Int, Double, Double)] = [], loose: [Int] = []
        for s in schools {
            let school = scenario.schools[s]
            if let lat = school.latitude, let lon = school.longitude { placed.append((s, lat, lon)) } else { loose.append(s) }
        }
        uncoordinated = loose
        // Cells holding a few schools each on average: the nearest-first search starts small.
        let lats = placed.map(\.1), lons = placed.map(\.2)
        let span = max(1e-6, ((lats.max() ?? 0) - (lats.min() ?? 0)) * ((lons.max() ?? 0) - (lons.min() ?? 0)))
        cellDegrees = min(10, max(0.002, (span * 4 / Double(max(1, placed.count))).squareRoot()))
        for (s, lat, lon) in placed { cells[key(lat, lon), default: []].append(s) }
    }

    private func cell(_ degrees: Double) -> Int64 { Int64((degrees / cellDegrees).rounded(.down)) }
    private func key(_ lat: Double, _ lon: Double) -> Int64 { cell(lat) << 32 | (cell(lon) & 0xFFFF_FFFF) }

    /// Calls `body` with every school that could be within `km` of the group (and possibly
    /// others), each once, in no particular order.
    func forEachSchool(near group: TeacherGroup, withinKm km: Double, _ body: (Int) -> Void) {
        guard let lat = group.latitude, let lon = group.longitude, let box = reachBox(lat, lon, km) else {
            all.forEach(body)
            return
        }
        let latCells = cell(box.south)...cell(box.north), lonCells = cell(box.west)...cell(box.east)
        guard latCells.count * lonCells.count < all.count else {
            all.forEach(body)
            return
        }
        for i in latCells {
            for j in lonCells {
                if let schools = cells[i << 32 | (j & 0xFFFF_FFFF)] { schools.forEach(body) }
            }
        }
        uncoordinated.forEach(body)
    }

    /// The latitude/longitude box holding every point within `km` (slightly widened), or nil
    /// when it reaches a pole or wraps around ±180°.
    private func reachBox(_ lat: Double, _ lon: Double, _ km: Double) -> (south: Double, north: Double, west: Double, east: Double)? {
        let radius = 6371.0, radians = Double.pi / 180
        let d = km * (1 + 1e-6) + 1e-6
        guard d.isFinite else { return nil }
        let dLat = d / radius / radians
        let south = lat - dLat, north = lat + dLat
        guard south > -89, north < 89 else { return nil }
        let farthest = max(abs(south), abs(north)) * radians
        let ratio = sin(d / (2 * radius)) / (cos(lat * radians) * cos(farthest)).squareRoot()
        guard ratio < 1 else { return nil }
        let dLon = 2 * asin(ratio) / radians * (1 + 1e-9)
        let west = lon - dLon, east = lon + dLon
        guard west > -180, east < 180 else { return nil }
        return (south, north, west, east)
    }
}
