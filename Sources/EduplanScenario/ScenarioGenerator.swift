import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose sequence depends only on its
/// seed, on every platform and toolchain. The generator draws from it with its own arithmetic (not the
/// standard library's `random(in:using:)`, whose algorithm may change between releases).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A double in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// An integer in a...b (b ≥ a).
    public mutating func integer(_ a: Int, _ b: Int) -> Int { a + Int(next() % UInt64(b - a + 1)) }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with the given weights.
    public mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}

/// A deterministic synthetic province of any size, for tests and benchmarks: regions with poverty
/// designations and coordinates, schools of every level with every count filled in, teachers per
/// subject with shortages, infrastructure projects, teacher groups to dispatch, five funds, six
/// categories, fairness rules and three variants.
///
/// The same options always give the same scenario (and, through ``ScenarioWriter``, the same bytes).
///
/// Budgets force trade-offs while staying feasible: the mandatory living allowance is fully fundable
/// by `central_special` alone, even in the "funds -20%" variant, and its 90% minimum spend can be met;
/// about half of the non-mandatory need can be paid. The default fairness rules (F1 floor 0.1 on
/// infrastructure, F3 soft, F4 hard γ 0.9, F5 Hoover hard ≤ 0.3) hold for the plan that pays every
/// school the same fraction of its need from the funds open to all regions (rural schools need more per
/// pupil), so they cannot make the scenario infeasible.
public enum ScenarioGenerator {
    /// Which fairness rules the scenario carries.
    public enum FairnessPreset: String, Sendable, CaseIterable {
        /// No rule.
        case none
        /// F1 coverage floor (infrastructure 0.1), F3 soft, F4 hard γ 0.9, F5 Hoover hard ≤ 0.3.
        case `default`
        /// The default's rules, every one hard (F3 share 0.4 hard).
        case hard
        /// F1 and F3–F7, a soft/hard mix: F1, F3, F4, F5 hard as in `hard`; F6 shortage cap (2 per
        /// school) soft, F7 dispatch share (0.4) hard. (F2 is in no preset: see EduplanPlanner's
        /// `ScenarioGenerator.generate(_:)`.)
        case all
        /// F1 and F3–F7, every one soft.
        case soft
    }

    /// Where dispatch distances come from.
    public enum DistanceSource: String, Sendable, CaseIterable {
        /// Schools and groups carry coordinates (great-circle distances); a region table too for up
        /// to 200 regions.
        case coordinates
        /// No coordinates: the region-to-region table only (every school of a region at its centre).
        case regions
    }

    /// What to generate.
    public struct Options: Sendable, Equatable {
        public var schools: Int
        public var regions: Int
        public var seed: UInt64
        /// Teacher groups (nil: about one per 25 schools).
        public var teacherGroups: Int?
        /// `dispatch.candidate_limit` (nil: 50).
        public var candidateLimit: Int?
        public var fairness: FairnessPreset
        /// Shape: dispatchable teachers per teacher of shortage over the province (scarce 0.15,
        /// abundant 1.5); nil: each group draws 1 to 10 teachers.
        public var teacherSupply: Double?
        /// Shape: where distances come from.
        public var distances: DistanceSource = .coordinates
        /// Shape: `dispatch.integer` (false: continuous dispatch).
        public var integerDispatch = true
        /// Shape: every fund's amount times this (tight 0.8, loose 2), rounded up to 10,000.
        public var moneyScale = 1.0

        public init(schools: Int, regions: Int, seed: UInt64, teacherGroups: Int? = nil, candidateLimit: Int? = nil,
                    fairness: FairnessPreset = .default) {
            self.schools = schools
            self.regions = regions
            self.seed = seed
            self.teacherGroups = teacherGroups
            self.candidateLimit = candidateLimit
            self.fairness = fairness
        }

        /// Why the options cannot be generated, or nil: the first of ``problems``.
        public var problem: String? { problems.first }

        /// Every reason the options cannot be generated, in option order (empty: they can).
        public var problems: [String] {
            var problems: [String] = []
            if schools < 1 || schools > 1_000_000 { problems.append("--schools must be from 1 to 1,000,000 (got \(schools))") }
            if regions < 1 || regions > schools { problems.append("--regions must be from 1 to the number of schools (got \(regions))") }
            if let g = teacherGroups, g < 0 || g > 1_000_000 { problems.append("--teacher-groups must be from 0 to 1,000,000 (got \(g))") }
            if let c = candidateLimit, c < 1 { problems.append("--candidate-limit must be at least 1 (got \(c))") }
            if let t = teacherSupply, !(t > 0 && t <= 100) { problems.append("--teacher-supply must be above 0 and at most 100 (got \(t))") }
            if !(moneyScale > 0 && moneyScale <= 100) { problems.append("--money-scale must be above 0 and at most 100 (got \(moneyScale))") }
            if distances == .regions && regions > 2_000 {
                problems.append("--distances regions needs at most 2,000 regions (a table of every pair; got \(regions))")
            }
            return problems
        }
    }

    static let subjects: [Subject] = [
        Subject(id: "chinese", share: 0.25), Subject(id: "math", share: 0.2), Subject(id: "english", share: 0.15),
        Subject(id: "science", share: 0.15), Subject(id: "arts_pe", share: 0.15), Subject(id: "special_ed", share: 0.1),
    ]
    static let ratios: [SchoolLevel: Double] = [.preschool: 15, .primary: 19, .junior: 13.5, .senior: 12.5, .vocational: 20, .special: 3]

    /// Generates the scenario `options` describe, with `rules` on unless the preset is
    /// ``FairnessPreset/none`` (EduplanPlanner's `ScenarioGenerator.generate(_:)` passes the
    /// rules the preset names; this module does not know the rule types), then its shape settings.
    /// - Precondition: `options.problem == nil`.
    /// - Complexity: O(schools + teacher groups + regions²) (the distance table is written for up to 200
    ///   regions, for any number with ``DistanceSource/regions``).
    public static func generate(_ options: Options, rules: [any RuleSetting]) -> Scenario {
        var scenario = generateDefaultShape(options, rules: rules)
        applyShape(options, to: &scenario)
        return scenario
    }

    /// The province before its shape settings: what `generate` wrote before they existed.
    private static func generateDefaultShape(_ options: Options, rules defaultRules: [any RuleSetting]) -> Scenario {
        precondition(options.problem == nil, options.problem ?? "")
        var rng = SplitMix64(seed: options.seed)
        let (regions, centres) = makeRegions(options.regions, &rng)
        let schools = makeSchools(options.schools, regions: regions, centres: centres, &rng)
        let projects = makeProjects(schools, &rng)
        let groupCount = options.teacherGroups ?? max(1, options.schools / 25)
        let groups = makeGroups(groupCount, regions: regions, centres: centres, &rng)

        let categories = [
            NeedCategory(id: "living_allowance", weight: 3, mandatory: true,
                         rule: .perStudent(count: .poorBoarding, rates: [.primary: 1250, .junior: 1500, .special: 1500])),
            NeedCategory(id: "senior_grant", weight: 2.5, mandatory: false,
                         rule: .perStudent(count: .poor, rates: [.senior: 2000, .vocational: 2000])),
            NeedCategory(id: "infrastructure", weight: 1.5, mandatory: false, rule: .projects(projects)),
            NeedCategory(id: "special_education", weight: 2.5, mandatory: false,
                         rule: .perStudent(count: .disabled, rates: Dictionary(uniqueKeysWithValues: SchoolLevel.allCases.map { ($0, 6000.0) }))),
            NeedCategory(id: "nutrition", weight: 2, mandatory: false,
                         rule: .perStudent(count: .poor, rates: [.preschool: 600, .primary: 800, .junior: 800, .special: 800])),
            NeedCategory(id: "dispatch", weight: 2, mandatory: false, rule: .dispatch),
        ]

        // Need totals: the budgets are fractions of them.
        func need(_ k: Int, where include: (School) -> Bool = { _ in true }) -> Double {
            switch categories[k].rule {
            case let .perStudent(count, rates):
                return schools.reduce(0) { include($1) ? $0 + (rates[$1.level] ?? 0) * Double($1.count(count)) : $0 }
            case let .projects(list):
                return list.reduce(0) { include(schools[$1.school]) ? $0 + $1.cost : $0 }
            case .dispatch:
                return 0
            }
        }
        let living = need(0), seniorGrant = need(1), infrastructure = need(2), specialEducation = need(3), nutrition = need(4)
        let centralOther = seniorGrant + specialEducation + nutrition
        let teacherCost = groups.reduce(0.0) { $0 + Double($1.count) * $1.annualCost }
        let designated: (School) -> Bool = { regions[$0.region].designation != .none }
        let donationRegions = pickDonationRegions(regions, &rng)
        let inDonationRegions: (School) -> Bool = { donationRegions.contains($0.region) }
        func round(_ x: Double) -> Double { (x / 10_000).rounded(.up) * 10_000 }
        let funds = [
            // Mandatory need × 1.3: still fully fundable at -20%; 90% minimum spend feasible (its categories need far more).
            FundSource(id: "central_special", amount: round(1.3 * living + 0.4 * centralOther),
                       categories: [0, 1, 3, 4], regions: .all, minSpend: 0.9),
            FundSource(id: "provincial_special", amount: round(0.45 * infrastructure + 0.15 * (specialEducation + nutrition) + 0.3 * teacherCost),
                       categories: [2, 3, 4, 5], regions: .all),
            FundSource(id: "county_matching", amount: round(0.1 * need(2, where: designated) + 0.05 * need(0, where: designated)),
                       categories: [0, 2], regions: .designations([.national, .provincial])),
            FundSource(id: "social_donations", amount: round(0.2 * (need(2, where: inDonationRegions) + need(4, where: inDonationRegions))),
                       categories: [2, 4, 5], regions: .regions(donationRegions)),
            FundSource(id: "teacher_fund", amount: round(0.35 * teacherCost), categories: [5], regions: .all),
        ]

        let fairness = FairnessSettings(options.fairness == .none ? [] : defaultRules)
        let donations = funds[3].amount
        let variants = [
            Variant(name: "funds -20%", fundsScale: 0.8),
            Variant(name: "donations x2", fundAmounts: ["social_donations": donations * 2]),
            Variant(name: "no fairness", fairness: FairnessSettings()),
        ]
        let distances = regions.count <= 200 ? makeDistances(centres) : nil
        return Scenario(
            name: "Synthetic province (\(options.schools) schools, \(options.regions) regions, seed \(options.seed))",
            year: 2024, currency: "CNY", subjects: subjects, studentTeacherRatio: ratios, categories: categories, funds: funds,
            priority: PriorityRule(base: 1, poorShare: 2, leftBehindShare: 0.5, disabledShare: 0.5, rural: 0.25, povertyCounty: 0.5),
            dispatch: DispatchSettings(valuePerTeacher: 60000, travelPenaltyPerKm: 0, integer: true,
                                       candidateLimit: options.candidateLimit ?? 50),
            fairness: fairness, solver: SolverSettings(timeLimitSeconds: 60, mipGap: 1e-4),
            regions: regions, schools: schools, teacherGroups: groups, distances: distances, variants: variants)
    }

    // MARK: Shape

    /// The shape settings on a generated province: teacher supply, distances, dispatch kind, money.
    /// Each leaves the default alone, and none draws from the random generator (the default's
    /// draws, and so its bytes, stay as they were).
    private static func applyShape(_ options: Options, to scenario: inout Scenario) {
        if let supply = options.teacherSupply { scaleTeacherSupply(supply, in: &scenario) }
        if options.distances == .regions {
            let centres = regionCentres(scenario)
            scenario.distances = makeDistances(centres)
            for s in scenario.schools.indices { (scenario.schools[s].latitude, scenario.schools[s].longitude) = (nil, nil) }
            for g in scenario.teacherGroups.indices {
                (scenario.teacherGroups[g].latitude, scenario.teacherGroups[g].longitude) = (nil, nil)
            }
        }
        scenario.dispatch.integer = options.integerDispatch
        if options.moneyScale != 1 {
            for f in scenario.funds.indices {
                scenario.funds[f].amount = (scenario.funds[f].amount * options.moneyScale / 10_000).rounded(.up) * 10_000
            }
            if let donations = scenario.funds.first(where: { $0.id == "social_donations" })?.amount,
               let v = scenario.variants.firstIndex(where: { $0.name == "donations x2" }) {
                scenario.variants[v] = Variant(name: "donations x2", fundAmounts: ["social_donations": donations * 2])
            }
        }
    }

    /// Group counts scaled so that all groups together hold about `supply` teachers per teacher of
    /// shortage in the province (each group at least 1).
    private static func scaleTeacherSupply(_ supply: Double, in scenario: inout Scenario) {
        let shortage = DerivedQuantities(scenario).shortage.reduce(0) { $0 + $1.reduce(0, +) }
        let teachers = scenario.teacherGroups.reduce(0) { $0 + $1.count }
        guard teachers > 0 else { return }
        let factor = supply * Double(shortage) / Double(teachers)
        for g in scenario.teacherGroups.indices {
            scenario.teacherGroups[g].count = max(1, Int((Double(scenario.teacherGroups[g].count) * factor).rounded()))
        }
    }

    /// Each region's centre: the mean of its schools' coordinates (the generator's own centres,
    /// within the ±0.15° jitter).
    private static func regionCentres(_ scenario: Scenario) -> [(Double, Double)] {
        var sum = [(Double, Double)](repeating: (0, 0), count: scenario.regions.count), count = [Double](repeating: 0, count: scenario.regions.count)
        for school in scenario.schools {
            sum[school.region].0 += school.latitude ?? 0
            sum[school.region].1 += school.longitude ?? 0
            count[school.region] += 1
        }
        return sum.indices.map { count[$0] > 0 ? (sum[$0].0 / count[$0], sum[$0].1 / count[$0]) : (27, 116) }
    }

    // MARK: Pieces

    /// The distance table between every two regions' centres (km, one decimal).
    private static func makeDistances(_ centres: [(Double, Double)]) -> DistanceTable {
        var table = DistanceTable()
        for a in centres.indices {
            for b in centres.indices where b > a {
                let km = haversine(centres[a], centres[b])
                table.kilometres[.init(a, b)] = (km * 10).rounded() / 10
            }
        }
        return table
    }

    private static let syllables = ["An", "Bai", "Chang", "De", "Feng", "Gao", "He", "Hu", "Jin", "Kang", "Le", "Lin",
                                    "Ming", "Ning", "Ping", "Qing", "Rui", "Shan", "Tai", "Wan", "Xin", "Yang", "Yun", "Zhen"]

    private static func digits(_ n: Int) -> Int { String(n).count }

    private static func padded(_ i: Int, _ width: Int) -> String {
        let text = String(i)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func round5(_ x: Double) -> Double { (x * 100_000).rounded() / 100_000 }

    private static func makeRegions(_ count: Int, _ rng: inout SplitMix64) -> ([Region], [(Double, Double)]) {
        var regions: [Region] = []
        var centres: [(Double, Double)] = []
        var names: Set<String> = []
        let width = max(3, digits(count))
        for i in 0..<count {
            var name = syllables[rng.integer(0, syllables.count - 1)] + syllables[rng.integer(0, syllables.count - 1)].lowercased() + " County"
            if !names.insert(name).inserted { name += " \(i + 1)" }
            // The first three regions are one of each designation (national rural, urban undesignated), so that
            // every fund, F3 and F4 have something to act on even in a tiny province.
            let drawn = [Designation.national, .provincial, .none][rng.pick(weights: [0.25, 0.15, 0.6])]
            let designation = i < 3 ? [Designation.national, .provincial, .none][i] : drawn
            var rural: Bool
            switch designation {
            case .national: rural = true
            case .provincial: rural = rng.chance(0.7)
            default: rural = rng.chance(0.3)  // none: the generator draws only the default three
            }
            if i == 2 { rural = false }
            let income = ((rural ? rng.uniform(12_000, 25_000) : rng.uniform(32_000, 60_000)) / 100).rounded() * 100
            regions.append(Region(id: "r" + padded(i + 1, width), name: name, designation: designation, rural: rural,
                                  incomePerCapita: income))
            centres.append((round5(rng.uniform(24.5, 30.0)), round5(rng.uniform(113.5, 118.5))))
        }
        return (regions, centres)
    }

    private static let levelWords: [SchoolLevel: String] = [
        .preschool: "Kindergarten", .primary: "Primary School", .junior: "Junior Middle School",
        .senior: "Senior High School", .vocational: "Vocational School", .special: "Special Education School",
    ]

    private static func makeSchools(_ count: Int, regions: [Region], centres: [(Double, Double)],
                                    _ rng: inout SplitMix64) -> [School] {
        let levels = SchoolLevel.allCases
        let levelWeights = [0.2, 0.45, 0.2, 0.08, 0.04, 0.03]
        let enrollmentRange: [SchoolLevel: (Double, Double)] = [
            .preschool: (40, 400), .primary: (60, 1500), .junior: (150, 1800), .senior: (300, 2500),
            .vocational: (200, 2000), .special: (20, 200),
        ]
        let width = max(4, digits(count))
        var perRegionLevel: [Int: Int] = [:]
        var schools: [School] = []
        schools.reserveCapacity(count)
        for i in 0..<count {
            // Every region gets a school first, then the rest at random.
            let r = i < regions.count ? i : rng.integer(0, regions.count - 1)
            let region = regions[r]
            let level = levels[rng.pick(weights: levelWeights)]
            let rural = rng.chance(0.85) ? region.rural : !region.rural
            let (lo, hi) = enrollmentRange[level]!
            let n = Int((rng.uniform(lo, hi) * (rural ? 0.6 : 1)).rounded())
            var poorRate = rural ? rng.uniform(0.12, 0.35) : rng.uniform(0.03, 0.12)
            if region.designation == .national { poorRate += 0.05 }
            let poor = min(n, Int((Double(n) * poorRate).rounded()))
            let boardingRate: Double
            switch level {
            case .preschool: boardingRate = 0
            case .primary: boardingRate = rural ? rng.uniform(0.05, 0.3) : rng.uniform(0, 0.05)
            case .junior, .senior, .vocational: boardingRate = rural ? rng.uniform(0.3, 0.7) : rng.uniform(0.05, 0.3)
            case .special: boardingRate = rng.uniform(0.2, 0.6)
            }
            let boarding = min(n, Int((Double(n) * boardingRate).rounded()))
            let poorBoarding = min(poor, boarding,
                                   Int((Double(poor) * Double(boarding) / Double(max(n, 1)) * rng.uniform(0.8, 1.2)).rounded()))
            let disabled = min(n, Int((Double(n) * (level == .special ? rng.uniform(0.6, 1.0) : rng.uniform(0.005, 0.02))).rounded()))
            let leftBehind = min(n, Int((Double(n) * (rural ? rng.uniform(0.1, 0.4) : rng.uniform(0.02, 0.1))).rounded()))
            var teachers: [Int] = []
            var required: [Int?] = []
            let giveRequired = rng.chance(0.2)
            for subject in subjects {
                let q = Int((subject.share * Double(n) / ratios[level]! - 1e-9).rounded(.up))
                teachers.append(Int((Double(q) * rng.uniform(0.55, 1.1)).rounded(.down)))
                required.append(giveRequired ? q + rng.integer(0, 1) : nil)
            }
            let key = r * 8 + levels.firstIndex(of: level)!
            perRegionLevel[key, default: 0] += 1
            let name = "\(region.name) \(levelWords[level]!) No. \(perRegionLevel[key]!)"
            let (lat, lon) = centres[r]
            schools.append(School(id: "s" + padded(i + 1, width), name: name, region: r, level: level, rural: rural,
                                  latitude: round5(lat + rng.uniform(-0.15, 0.15)), longitude: round5(lon + rng.uniform(-0.15, 0.15)),
                                  enrollment: n, boarding: boarding, poor: poor, poorBoarding: poorBoarding,
                                  disabled: disabled, leftBehind: leftBehind, teachers: teachers, required: required))
        }
        return schools
    }

    private static let projectKinds = ["dormitory", "repair", "canteen", "toilets", "heating", "library", "laboratory", "playground"]

    private static func makeProjects(_ schools: [School], _ rng: inout SplitMix64) -> [Project] {
        var projects: [Project] = []
        let width = max(5, digits(schools.count * 2))
        for (s, school) in schools.enumerated() where rng.chance(school.rural ? 0.5 : 0.25) {
            for _ in 0..<rng.integer(1, 2) {
                let kind = projectKinds[rng.integer(0, projectKinds.count - 1)]
                let cost = (rng.uniform(50_000, 800_000) / 10_000).rounded() * 10_000
                projects.append(Project(id: "p" + padded(projects.count + 1, width) + "-" + kind, school: s, cost: cost))
            }
        }
        return projects
    }

    private static let levelSets: [Set<SchoolLevel>] = [
        [.primary, .junior], [.junior, .senior], [.primary], [.preschool, .primary], [.senior, .vocational],
    ]

    private static func makeGroups(_ count: Int, regions: [Region], centres: [(Double, Double)],
                                   _ rng: inout SplitMix64) -> [TeacherGroup] {
        let width = max(4, digits(count))
        let urban = regions.indices.filter { regions[$0].designation == .none }
        var groups: [TeacherGroup] = []
        for i in 0..<count {
            let j = rng.pick(weights: subjects.map(\.share))
            let r = !urban.isEmpty && rng.chance(0.7) ? urban[rng.integer(0, urban.count - 1)] : rng.integer(0, regions.count - 1)
            let (lat, lon) = centres[r]
            var levels: Set<SchoolLevel>? = rng.chance(0.5) ? nil : levelSets[rng.integer(0, levelSets.count - 1)]
            if subjects[j].id == "special_ed", levels != nil { levels = [.special, .primary, .junior] }
            groups.append(TeacherGroup(
                id: "g" + padded(i + 1, width) + "-" + subjects[j].id, subject: j, count: rng.integer(1, 10), region: r,
                latitude: round5(lat + rng.uniform(-0.1, 0.1)), longitude: round5(lon + rng.uniform(-0.1, 0.1)),
                annualCost: (rng.uniform(28_000, 42_000) / 100).rounded() * 100,
                maxDistanceKm: (rng.uniform(80, 400) / 10).rounded() * 10, levels: levels))
        }
        return groups
    }

    /// About 15% of regions (at least one), designated ones first in line.
    private static func pickDonationRegions(_ regions: [Region], _ rng: inout SplitMix64) -> [Int] {
        let wanted = max(1, regions.count * 15 / 100)
        var chosen: [Int] = []
        var order = Array(regions.indices)
        // Fisher–Yates with our own draws.
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, rng.integer(0, i))
        }
        for r in order where chosen.count < wanted { chosen.append(r) }
        return chosen.sorted()
    }

    private static func haversine(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.0 - a.0) * rad, dLon = (b.1 - a.1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * rad) * cos(b.0 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }
}
