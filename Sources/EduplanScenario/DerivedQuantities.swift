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
    public let need: [[Double]]
    /// q_{s,j}, indexed `[school][subject]`.
    public let requiredTeachers: [[Int]]
    /// h_{s,j} = max(0, q − e), indexed `[school][subject]`.
    public let shortage: [[Int]]
    /// π_s.
    public let priority: [Double]
    /// P, grouped by teacher group; within a group nearest first, ties by school id.
    public let candidates: [CandidatePair]

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
                return Int((exact - 1e-9).rounded(.up))
            }
        }
        shortage = zip(schools, requiredTeachers).map { school, required in
            required.indices.map { max(0, required[$0] - school.teachers[$0]) }
        }
        priority = schools.map { Self.priority(of: $0, rule: scenario.priority, region: scenario.regions[$0.region]) }
        candidates = Self.candidatePairs(scenario, shortage: shortage)
    }

    /// π_s = base + β_poor·poor/n + β_lb·left_behind/n + β_dis·disabled/n + β_rural·rural + β_pc·designation.
    public static func priority(of school: School, rule: PriorityRule, region: Region) -> Double {
        let n = Double(school.enrollment)
        let share = { (count: Int) in n > 0 ? Double(count) / n : 0 }
        return rule.base + rule.poorShare * share(school.poor) + rule.leftBehindShare * share(school.leftBehind)
            + rule.disabledShare * share(school.disabled) + rule.rural * (school.rural ? 1 : 0)
            + rule.povertyCounty * region.designation.povertyCountyValue
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
        // Schools with a shortage, by subject: groups only scan those.
        var short: [[Int]] = Array(repeating: [], count: scenario.subjects.count)
        for (s, row) in shortage.enumerated() {
            for (j, h) in row.enumerated() where h > 0 { short[j].append(s) }
        }
        var pairs: [CandidatePair] = []
        for (g, group) in scenario.teacherGroups.enumerated() where group.count > 0 {
            var mine: [CandidatePair] = []
            for s in short[group.subject] {
                let school = scenario.schools[s]
                if let levels = group.levels, !levels.contains(school.level) { continue }
                guard let km = distance(group, school, table: scenario.distances), km <= group.maxDistanceKm + 1e-9 else { continue }
                mine.append(CandidatePair(group: g, school: s, distanceKm: km))
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
