import EduplanScenario
import Foundation

/// Country scale: a scenario too large for one simplex solve is cut into geographic parts of
/// about ``DecompositionOptions/schoolsPerPart`` schools, each part is planned on its own (two
/// at a time), and the plans are joined (docs/scaling.md).
///
/// What is kept exactly: every school's mandatory need and coverage floor, every fund's budget
/// and minimum spend (each fund is split across parts in proportion to the need it may pay for
/// there, so the parts' amounts add up to the fund), group supply and shortage rows, and F3
/// (a share rule met in every part is met in their sum). What is given up: money cannot move
/// between parts beyond the split, a teacher group serves only the part of its home region,
/// and F4 and F5 hold within each part; over the whole country they are measured afterwards and
/// reported (``DecomposedPlan/globalRules``). The plan is feasible for the whole scenario when
/// those checks pass; ``LagrangianBound`` then bounds how far from optimal it can be.
public struct DecompositionOptions: Sendable {
    /// Target size of a part.
    public var schoolsPerPart = 15_000
    /// Parts solved at once (each on its own thread).
    public var jobs = 2
    /// After the first plan, move each fund's money between parts by their marginal values
    /// and plan again (each kept only when better), this many times.
    public var rebalancePasses = 1
    public var planner = PlannerOptions()
    public init() {}
}

/// A decomposed solve: the joined plan and what each part did.
public struct DecomposedPlan: Sendable {
    public struct Part: Sendable {
        public var regions: [String]
        public var schools: Int
        public var teacherGroups: Int
        /// The fund amounts this part received, by fund id.
        public var funds: [String: Double]
        public var status: PlanStatus
        public var objective: Double?
        public var seconds: Double
    }

    /// A rule over the whole country, measured on the joined plan.
    public struct RuleCheck: Sendable {
        public var rule: String
        public var value: Double
        public var limit: Double
        /// `value ≥ limit` for shares and parity, `value ≤ limit` for Hoover.
        public var met: Bool
    }

    /// The joined plan. Its objective is MODEL.md §5 over the whole country (soft penalties of
    /// F3, F4, F5 on the country's totals); shadow prices are per part, so none are reported.
    public var result: PlanResult
    public var parts: [Part]
    public var globalRules: [RuleCheck]
    /// A lower bound on the optimal objective of the undivided scenario (LP relaxation), and
    /// the gap it certifies on U: (objective − bound) / U.
    public var lowerBound: Double?
    public var certifiedGap: Double?
}

public enum Decomposition {
    /// The parts: regions grouped by recursive bisection of their schools' centroid, each part
    /// about `schoolsPerPart` schools (regions are never split).
    public static func partition(_ scenario: Scenario, schoolsPerPart: Int) -> [[Int]] {
        let count = max(1, Int((Double(scenario.schools.count) / Double(max(1, schoolsPerPart))).rounded(.up)))
        var weight = [Int](repeating: 0, count: scenario.regions.count)
        var lat = [Double](repeating: 0, count: scenario.regions.count), lon = lat
        for school in scenario.schools {
            weight[school.region] += 1
            lat[school.region] += school.latitude ?? 0
            lon[school.region] += school.longitude ?? 0
        }
        for r in scenario.regions.indices where weight[r] > 0 {
            lat[r] /= Double(weight[r])
            lon[r] /= Double(weight[r])
        }
        func split(_ regions: [Int], _ parts: Int) -> [[Int]] {
            guard parts > 1, regions.count > 1 else { return [regions] }
            let latSpread = (regions.map { lat[$0] }.max() ?? 0) - (regions.map { lat[$0] }.min() ?? 0)
            let meanLat = regions.reduce(0.0) { $0 + lat[$1] } / Double(regions.count)
            let lonSpread = ((regions.map { lon[$0] }.max() ?? 0) - (regions.map { lon[$0] }.min() ?? 0)) * cos(meanLat * .pi / 180)
            let key = lonSpread > latSpread ? lon : lat
            let sorted = regions.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
            let left = parts / 2
            let target = Double(sorted.reduce(0) { $0 + weight[$1] }) * Double(left) / Double(parts)
            var cut = 0, running = 0
            while cut < sorted.count - 1 && Double(running + weight[sorted[cut]]) <= target {
                running += weight[sorted[cut]]
                cut += 1
            }
            cut = max(1, cut)
            return split(Array(sorted[..<cut]), left) + split(Array(sorted[cut...]), parts - left)
        }
        let populated = scenario.regions.indices.filter { weight[$0] > 0 }
        var parts = split(populated, count).filter { !$0.isEmpty }
        // Regions without schools have nothing to plan; they go with the first part.
        let empty = scenario.regions.indices.filter { weight[$0] == 0 }
        if parts.isEmpty { parts = [empty] } else { parts[0] += empty }
        return parts.map { $0.sorted() }
    }

    /// Each fund's share per part: the need it may pay for there (dispatch at the groups' mean
    /// annual cost per missing teacher) over its need everywhere; parts by school count when a
    /// fund can pay for nothing.
    static func fundShares(_ scenario: Scenario, _ derived: DerivedQuantities, partOfRegion: [Int], parts: Int) -> [[Double]] {
        let meanCost = scenario.teacherGroups.isEmpty ? 0
            : scenario.teacherGroups.reduce(0.0) { $0 + $1.annualCost } / Double(scenario.teacherGroups.count)
        return scenario.funds.map { fund in
            var need = [Double](repeating: 0, count: parts), schools = need
            for (s, school) in scenario.schools.enumerated() {
                let b = partOfRegion[school.region]
                schools[b] += 1
                guard fund.regions.contains(school.region, in: scenario.regions) else { continue }
                for k in fund.categories {
                    need[b] += scenario.categories[k].isDispatch
                        ? Double(derived.shortage[s].reduce(0, +)) * meanCost : derived.need[k][s]
                }
            }
            let total = need.reduce(0, +)
            if total > 0 { return need.map { $0 / total } }
            let all = schools.reduce(0, +)
            return schools.map { all > 0 ? $0 / all : 1 / Double(parts) }
        }
    }

    /// The part of `scenario` made of `regions`: their schools (in order), the teacher groups
    /// whose home region is among them, their projects, each fund at `amounts`.
    static func part(_ scenario: Scenario, regions: Set<Int>, amounts: [Double]) -> (Scenario, schools: [Int]) {
        var part = scenario
        let schools = scenario.schools.indices.filter { regions.contains(scenario.schools[$0].region) }
        var newIndex = [Int: Int]()
        for (i, s) in schools.enumerated() { newIndex[s] = i }
        part.schools = schools.map { scenario.schools[$0] }
        part.teacherGroups = scenario.teacherGroups.filter { regions.contains($0.region) }
        for (k, category) in part.categories.enumerated() {
            if case let .projects(projects) = category.rule {
                part.categories[k].rule = .projects(projects.compactMap { project in
                    guard let s = newIndex[project.school] else { return nil }
                    var moved = project
                    moved.school = s
                    return moved
                })
            }
        }
        for f in part.funds.indices { part.funds[f].amount = amounts[f] }
        part.variants = []
        return (part, schools)
    }

    /// Plans `scenario` part by part and joins the plans.
    public static func solve(_ scenario: Scenario, options: DecompositionOptions = DecompositionOptions()) throws -> DecomposedPlan {
        let started = Date()
        var clock = PhaseTimings()
        let derived = clock.measure("derive quantities") { DerivedQuantities(scenario) }
        let regionsOfPart = partition(scenario, schoolsPerPart: options.schoolsPerPart)
        var partOfRegion = [Int](repeating: 0, count: scenario.regions.count)
        for (b, regions) in regionsOfPart.enumerated() { for r in regions { partOfRegion[r] = b } }
        var shares = fundShares(scenario, derived, partOfRegion: partOfRegion, parts: regionsOfPart.count)
        var planner = options.planner
        let announce = planner.phase
        planner.phase = nil
        planner.priceOfFairness = false
        planner.concurrentPriceOfFairness = false
        planner.progress = nil
        let plannerOptions = planner

        // Parts are taken in order by whichever worker is free; results are stored by index.
        let jobs = max(1, min(options.jobs, regionsOfPart.count))
        // GLPK seconds of every part solve, all passes, both workers.
        let solverTotal = Locked(0.0)
        func solveParts(hoover: Double?, shares: [[Double]]) throws -> [(PlanResult, [Int], Scenario, Double)] {
            let next = Locked(0)
            let solved = Locked<[Int: (PlanResult, [Int], Scenario, Double)]>([:])
            try Workers.run(count: jobs) { _ in
                while true {
                    let b = next.withLock { value -> Int in defer { value += 1 }; return value }
                    guard b < regionsOfPart.count else { return }
                    let amounts = scenario.funds.indices.map { scenario.funds[$0].amount * shares[$0][b] }
                    var (sub, schools) = part(scenario, regions: Set(regionsOfPart[b]), amounts: amounts)
                    if let hoover { sub.fairness.hoover?.value = hoover }
                    let partStarted = Date()
                    announce?("part \(b + 1) of \(regionsOfPart.count) (\(schools.count) schools)")
                    let result = try Planner.solve(sub, options: plannerOptions)
                    solved.withLock { $0[b] = (result, schools, sub, Date().timeIntervalSince(partStarted)) }
                    solverTotal.withLock { $0 += result.timings.solverSeconds }
                }
            }
            return (0..<regionsOfPart.count).map { b in solved.withLock { $0[b]! } }
        }
        // A hard Hoover bound met in every part can still be exceeded over the country, by the
        // parts' own imbalance (Σ_b |X_b − P_b X|): then the parts are planned again with the
        // bound lowered by twice the excess (plus a little), at most twice more.
        let solveStarted = DispatchTime.now()
        // The first pass already leaves a little room (measured excess over the country: 6.5e-4
        // with 4 parts, 7.7e-4 with 17), which usually spares the second.
        let margin = regionsOfPart.count > 1 ? 1e-3 : 0
        let hardHoover = scenario.fairness.hoover.flatMap { $0.mode.isHard ? $0.value : nil }
        var partResults = try solveParts(hoover: hardHoover.map { max(0, $0 - margin) }, shares: shares)
        var joined = join(scenario, derived, partResults.map { ($0.0, $0.1, $0.2) })
        var passes = 1
        var limitUsed = hardHoover.map { max(0, $0 - margin) }
        if let hard = scenario.fairness.hoover, hard.mode.isHard {
            var limit = max(0, hard.value - margin)
            while passes < 3, let check = joined.1.first(where: { $0.rule == "hoover" }), !check.met, limit > 0 {
                limit = max(0, limit - 2 * (check.value - hard.value) - 1e-4)
                announce?("country-wide Hoover \(check.value) > \(hard.value): parts again with \(limit)")
                partResults = try solveParts(hoover: limit, shares: shares)
                limitUsed = limit
                joined = join(scenario, derived, partResults.map { ($0.0, $0.1, $0.2) })
                passes += 1
            }
        }
        // One re-split of the money by the parts' own prices: a fund's next unit is worth more in
        // some parts than in others (its budget dual), so each part's amount moves towards the
        // fund's mean value by half the relative difference (at most ±50%), and the parts are
        // planned again. The better joined plan that meets the country-wide rules is kept.
        for _ in 0..<(regionsOfPart.count > 1 ? options.rebalancePasses : 0) {
            guard joined.0.plan != nil, joined.1.allSatisfy(\.met), partResults.allSatisfy({ $0.0.duals != nil }) else { break }
            var moved = shares
            for f in scenario.funds.indices {
                let values = partResults.map { max(0, -$0.0.duals!.budgets[f]) }
                let mean = zip(shares[f], values).reduce(0.0) { $0 + $1.0 * $1.1 }
                guard mean > 0 else { continue }
                for b in moved[f].indices { moved[f][b] *= min(1.5, max(0.5, 1 + 0.5 * (values[b] - mean) / mean)) }
                let total = moved[f].reduce(0, +)
                if total > 0 { for b in moved[f].indices { moved[f][b] /= total } }
            }
            announce?("re-splitting the funds by the parts' marginal values")
            let again = try solveParts(hoover: scenario.fairness.hoover?.mode.isHard == true ? limitUsed : nil, shares: moved)
            let rejoined = join(scenario, derived, again.map { ($0.0, $0.1, $0.2) })
            passes += 1
            if rejoined.0.plan != nil, rejoined.1.allSatisfy(\.met),
               let new = rejoined.0.objective, let old = joined.0.objective, new < old {
                partResults = again
                joined = rejoined
                shares = moved
            } else {
                break
            }
        }
        // The workers run side by side: their GLPK time over the number of workers is the wall
        // time the phase spent inside GLPK (an estimate when the parts are uneven).
        let solverSeconds = solverTotal.withLock { $0 }
        clock.record("solve parts (\(jobs) at a time, \(passes) pass\(passes == 1 ? "" : "es"))",
                     seconds: PhaseTimings.seconds(since: solveStarted),
                     solverSeconds: min(PhaseTimings.seconds(since: solveStarted), solverSeconds / Double(jobs)))
        let parts = partResults.enumerated().map { b, entry in
            DecomposedPlan.Part(regions: regionsOfPart[b].map { scenario.regions[$0].id }, schools: entry.1.count,
                                teacherGroups: entry.2.teacherGroups.count,
                                funds: Dictionary(uniqueKeysWithValues: entry.2.funds.map { ($0.id, $0.amount) }),
                                status: entry.0.status, objective: entry.0.objective, seconds: entry.3)
        }
        let (result, rules) = joined
        var decomposed = DecomposedPlan(result: result, parts: parts, globalRules: rules, lowerBound: nil, certifiedGap: nil)
        if result.plan != nil, rules.allSatisfy(\.met), let objective = result.objective, let benefit = result.benefit {
            if let bound = clock.measure("lower bound", { LagrangianBound.compute(scenario, derived, parts: partResults.map { ($0.0, $0.2) }) }) {
                decomposed.lowerBound = bound
                decomposed.certifiedGap = max(0, objective - bound) / max(1e-9, abs(benefit))
            }
        }
        decomposed.result.relativeGap = decomposed.certifiedGap
        decomposed.result.parts = regionsOfPart.count
        decomposed.result.seconds = Date().timeIntervalSince(started)
        decomposed.result.timings = clock
        return decomposed
    }

    /// Joins the parts' plans into one over the whole scenario, with the country's objective.
    static func join(_ scenario: Scenario, _ derived: DerivedQuantities,
                     _ parts: [(result: PlanResult, schools: [Int], scenario: Scenario)]) -> (PlanResult, [DecomposedPlan.RuleCheck]) {
        let statuses = parts.map(\.result.status)
        let order: [PlanStatus] = [.optimal, .feasible, .infeasible, .unbounded, .failed]
        let worst = statuses.max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .failed
        var result = PlanResult.empty(scenario, status: worst, detail: "", started: Date())
        guard parts.allSatisfy({ $0.result.plan != nil }) else {
            let failed = parts.enumerated().filter { $0.element.result.plan == nil }.map { "part \($0.offset + 1): \($0.element.result.statusDetail)" }
            result.statusDetail = "Some parts have no plan — " + failed.joined(separator: "; ")
            return (result, [])
        }

        var schools = [SchoolPlan?](repeating: nil, count: scenario.schools.count)
        var funds = scenario.funds.map { FundPlan(id: $0.id, amount: $0.amount, minimumSpend: $0.minSpend * $0.amount, spent: 0, flows: []) }
        var dispatch: [DispatchLine] = []
        var objectiveWithoutGlobalPenalties = 0.0, constant = 0.0, benefit = 0.0
        var allocated: [String: Double] = [:], softViolations: [String: Double] = [:]
        let globalSoft: Set<String> = ["poverty_county_share", "rural_parity", "hoover"]
        for part in parts {
            let plan = part.result.plan!
            for (i, s) in part.schools.enumerated() { schools[s] = plan.schools[i] }
            for (f, fund) in plan.funds.enumerated() {
                funds[f].spent += fund.spent
                funds[f].flows += fund.flows
            }
            dispatch += plan.dispatch
            constant += part.result.objectiveConstant
            benefit += part.result.benefit ?? 0
            // Soft rules over the country (F3, F4, F5) are charged once, on the joined plan.
            var penalties = 0.0
            for (rule, amount) in part.result.softViolations {
                if globalSoft.contains(rule) {
                    penalties += amount * (penalty(of: rule, in: scenario.fairness) ?? 0)
                } else {
                    softViolations[rule, default: 0] += amount
                }
            }
            objectiveWithoutGlobalPenalties += (part.result.objective ?? 0) - penalties
            for (category, amount) in part.result.allocatedByCategory { allocated[category, default: 0] += amount }
        }
        for f in funds.indices { funds[f].flows.sort { ($0.category, $0.region) < ($1.category, $1.region) } }
        let groupIndex = Dictionary(uniqueKeysWithValues: scenario.teacherGroups.enumerated().map { ($1.id, $0) })
        let schoolIndex = Dictionary(uniqueKeysWithValues: scenario.schools.enumerated().map { ($1.id, $0) })
        dispatch.sort { (groupIndex[$0.group]!, schoolIndex[$0.school]!) < (groupIndex[$1.group]!, schoolIndex[$1.school]!) }
        let joined = Plan(schools: schools.map { $0! }, funds: funds, dispatch: dispatch)

        // The country's rules on the joined plan (MODEL.md §6, units of §11).
        let rules = checks(scenario, derived, joined)
        var objective = objectiveWithoutGlobalPenalties
        for check in rules {
            guard let mode = mode(of: check.rule, in: scenario.fairness), case let .soft(penalty) = mode else { continue }
            if check.violation > 1e-7 {
                softViolations[check.rule] = check.violation
                objective += penalty * check.violation
            }
        }
        result.statusDetail = worst == .optimal
            ? "Planned in \(parts.count) parts, each optimal; see the parts and the certified gap."
            : "Planned in \(parts.count) parts; at least one stopped at a limit (\(worst.rawValue))."
        result.status = worst == .optimal ? .feasible : worst
        result.objective = objective
        result.objectiveConstant = constant
        result.benefit = benefit
        result.allocatedByCategory = allocated
        result.dispatched = dispatch.reduce(0) { $0 + $1.count }
        result.shortageLeft = joined.schools.reduce(0.0) { $0 + Double($1.shortageLeft) }
        result.shortageBefore = joined.schools.reduce(0.0) { $0 + Double($1.shortageBefore) }
        result.softViolations = softViolations
        result.fundShadowPrices = Dictionary(uniqueKeysWithValues: scenario.funds.map { ($0.id, Optional<ShadowPrice>.none) })
        // A rule fixed by a preparation phase (F2's t*) is fixed per part: no country-wide entry.
        result.ruleShadowPrices = Dictionary(uniqueKeysWithValues: FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
            .filter { $0.preparationPhase == nil }.map { ($0.key, Optional<ShadowPrice>.none) })
        result.plan = joined
        return (result, rules.map { DecomposedPlan.RuleCheck(rule: $0.rule, value: $0.value, limit: $0.limit, met: $0.met) })
    }

    static func penalty(of rule: String, in fairness: FairnessSettings) -> Double? {
        if case let .soft(penalty)? = mode(of: rule, in: fairness) { return penalty }
        return nil
    }

    static func mode(of rule: String, in fairness: FairnessSettings) -> RuleMode? {
        switch rule {
        case "coverage_floor": return fairness.coverageFloor?.mode
        case "maxmin_coverage": return fairness.maxminCoverage
        case "poverty_county_share": return fairness.povertyCountyShare?.mode
        case "rural_parity": return fairness.ruralParity?.mode
        case "hoover": return fairness.hoover?.mode
        case "shortage_cap": return fairness.shortageCap?.mode
        case "dispatch_county_share": return fairness.dispatchCountyShare?.mode
        default: return nil
        }
    }

    /// F3, F4 and F5 measured on a plan over the whole scenario: value, limit, whether met (hard
    /// rules within 1e-7 relative) and the violation in the rule's §11 unit.
    static func checks(_ scenario: Scenario, _ derived: DerivedQuantities, _ plan: Plan)
        -> [(rule: String, value: Double, limit: Double, met: Bool, violation: Double)] {
        var out: [(String, Double, Double, Bool, Double)] = []
        let received = plan.schools.map(\.received)
        let total = received.reduce(0, +)
        let tolerance = 1e-7 * max(1, total)
        if let share = scenario.fairness.povertyCountyShare {
            let designated = scenario.schools.indices.filter { share.designations.contains(scenario.regions[scenario.schools[$0].region].designation) }
                .reduce(0.0) { $0 + received[$1] }
            let violation = max(0, share.share * total - designated)
            out.append(("poverty_county_share", total > 0 ? designated / total : 0, share.share,
                        !share.mode.isHard || violation <= tolerance, violation))
        }
        if let parity = scenario.fairness.ruralParity {
            var rural = 0.0, urban = 0.0, ruralPupils = 0.0, urbanPupils = 0.0
            for (s, school) in scenario.schools.enumerated() {
                if school.rural { rural += received[s]; ruralPupils += Double(school.enrollment) } else { urban += received[s]; urbanPupils += Double(school.enrollment) }
            }
            if ruralPupils > 0 && urbanPupils > 0 {
                let ratio = urban > 0 ? (rural / ruralPupils) / (urban / urbanPupils) : .infinity
                let violation = max(0, parity.gamma * urban / urbanPupils - rural / ruralPupils)
                out.append(("rural_parity", ratio, parity.gamma, !parity.mode.isHard || violation * ruralPupils <= tolerance, violation))
            }
        }
        if let hoover = scenario.fairness.hoover {
            if derived.needShare.contains(where: { $0 > 0 }) && total > 0 {
                let absolute = scenario.schools.indices.reduce(0.0) { $0 + abs(received[$1] - derived.needShare[$1] * total) }
                let violation = max(0, absolute - 2 * hoover.value * total)
                out.append(("hoover", absolute / (2 * total), hoover.value, !hoover.mode.isHard || violation <= tolerance, violation))
            }
        }
        return out
    }
}
