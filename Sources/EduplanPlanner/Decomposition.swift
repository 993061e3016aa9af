import EduplanScenario
import Foundation

/// Country scale: a scenario too large for one simplex solve is cut into geographic parts of
/// about ``DecompositionOptions/schoolsPerPart`` schools, each part is planned on its own (two
/// at a time), and the plans are joined (docs/scaling.md).
///
/// What is kept exactly: every school's mandatory need and coverage floor, every fund's budget
/// and minimum spend (the split LP of ``PartMoneySplit`` covers each part's mandatory needs and
/// hard rows first, and the parts' amounts add up to the fund), group supply and shortage rows.
/// What is given up: money cannot move between parts beyond the split, a teacher group serves
/// only the part of its home region, F4 and F5 hold within each part and F3 and F7 at each part's
/// own share; over the whole country they are measured afterwards and reported
/// (``DecomposedPlan/globalRules``). The plan is feasible for the whole scenario when those checks
/// pass; ``LagrangianBound`` then bounds how far from optimal it can be. The verdict is never the
/// parts' own: infeasible only when the split LP's relaxation proves it, otherwise the undivided
/// solve decides when the parts give no plan of the whole scenario.
public struct DecompositionOptions: Sendable {
    /// Target size of a part.
    public var schoolsPerPart = 15_000
    /// Parts solved at once (each on its own thread).
    public var jobs = 2
    /// After the first plan, move each fund's money between parts by their marginal values
    /// and plan again (each kept only when better), at most this many times (``PartResplit``).
    public var rebalancePasses = 6
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
        /// Whether `limit` is an upper limit (Hoover) rather than a lower one.
        public var isUpperLimit: Bool
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
        let scenario = try withBaseInParts(scenario, options: options, clock: &clock)
        let derived = clock.measure("derive quantities") { DerivedQuantities(scenario) }
        let planner = PartPlanner(scenario: scenario, derived: derived, options: options)
        let solveStarted = DispatchTime.now()
        guard var pass = try planner.planInParts() else {
            return try provedInfeasible(scenario, derived, options: options, clock: clock, started: started)
        }
        // A bound on the undivided optimum holds whatever the parts do next: the first one (from the
        // first plan's duals) tells the re-split when the certificate already meets the asked gap.
        var boundSeconds = 0.0
        let firstCertifiable = pass.certifiable
        let firstBound = firstCertifiable ? planner.lowerBound(pass.parts, seconds: &boundSeconds) : nil
        let resplit = try planner.rebalance(&pass, bound: firstBound)
        // The workers run side by side: their solver time over the number of workers is the wall
        // time the phase spent inside the solver (an estimate when the parts are uneven).
        let solverSeconds = planner.solverSeconds.withLock { $0 }
        let wall = PhaseTimings.seconds(since: solveStarted) - boundSeconds
        clock.record("solve parts (\(planner.jobs) at a time, \(pass.count) pass\(pass.count == 1 ? "" : "es"))",
                     seconds: wall, solverSeconds: min(wall, solverSeconds / Double(planner.jobs)))
        var decomposed = DecomposedPlan(result: pass.joined.result, parts: planner.summaries(pass.parts),
                                        globalRules: pass.joined.rules, lowerBound: nil, certifiedGap: nil)
        let result = pass.joined.result
        if pass.certifiable, let objective = result.objective, let benefit = result.benefit {
            // The re-split parts' duals start the ascent elsewhere: the higher bound is kept.
            let again = resplit ? planner.lowerBound(pass.parts, seconds: &boundSeconds) : nil
            if let bound = [firstBound, again].compactMap({ $0 }).max() {
                decomposed.lowerBound = bound
                decomposed.certifiedGap = max(0, objective - bound) / max(1e-9, abs(benefit))
            }
        }
        if firstCertifiable || resplit { clock.record("lower bound", seconds: boundSeconds) }
        decomposed.result.relativeGap = decomposed.certifiedGap
        if result.plan == nil || !pass.joined.rules.allSatisfy(\.met), fitsUndivided(scenario, derived, options) {
            // The parts found no plan of the whole scenario (a part without a plan, or a hard rule
            // short over the country) although the split LP did not prove it infeasible: the verdict
            // is the undivided scenario's, never the parts'.
            let reason: PlanStatusNote.UndividedReason = result.plan == nil ? .partsFoundNoPlan : .shortOfCountryRule
            let why = result.plan == nil ? "the parts found no plan" : "the joined plan falls short of a hard rule over the country"
            options.planner.phase?("\(why) after \(pass.count) passes: planning the scenario undivided")
            decomposed = DecomposedPlan(result: try Planner.solve(scenario, options: options.planner), parts: decomposed.parts,
                                        globalRules: decomposed.globalRules, lowerBound: nil, certifiedGap: nil)
            decomposed.result.statusNotes.append(.plannedUndivided(reason, passes: pass.count))
        } else if result.plan == nil {
            // No plan from the parts, nothing proved, the undivided model too large: no verdict.
            decomposed.result.status = .failed
            decomposed.result.statusNotes.append(.noVerdict)
        }
        decomposed.result.parts = planner.regionsOfPart.count
        decomposed.result.seconds = Date().timeIntervalSince(started)
        decomposed.result.timings = clock
        return decomposed
    }

    /// F8 with `reference: base` in parts: a part alone is not the base (its funds are a share of
    /// the whole), so the base — the scenario without its variant's changes — is planned in the same
    /// parts first, and F8 holds every region to its money in that plan; each part then sees the base
    /// money of its own regions. Unchanged without F8 against the base, or without a variant.
    static func withBaseInParts(_ scenario: Scenario, options: DecompositionOptions, clock: inout PhaseTimings) throws -> Scenario {
        guard let rule = scenario.fairness.rule(HoldHarmlessRule.self), rule.setting.reference == .base,
              let base = scenario.unvaried else { return scenario }
        // A base without a plan holds nothing, as undivided (HoldHarmlessRule.referenceMoney).
        let plan = try clock.measure("plan the base in parts (hold_harmless)") { try solve(base, options: options).result.plan }
        var money: [Int: Double] = [:]
        let baseMoney = plan.map { HoldHarmlessRule.regionMoney($0, base) } ?? []
        for (r, m) in baseMoney.enumerated() where m > 0 { money[r] = m }
        var setting = rule.setting
        setting.reference = .solvedBase(money: money)
        var resolved = scenario
        resolved.fairness.set(HoldHarmlessRule(setting: setting))
        return resolved
    }

    /// One part planned: its result, its schools (indices into the whole scenario), its own
    /// scenario (schools, groups, fund amounts) and its wall time.
    struct PartSolve: Sendable {
        var result: PlanResult
        var schools: [Int]
        var scenario: Scenario
        var seconds: Double
    }

    /// The parts' plans joined into one over the whole scenario, with the country-wide rules
    /// measured on it.
    struct JoinedPlan: Sendable {
        var result: PlanResult
        var rules: [DecomposedPlan.RuleCheck]
    }

    /// Where a decomposed solve stands after its passes.
    struct Pass {
        var parts: [PartSolve]
        var joined: JoinedPlan
        /// Each fund's money per part, and the country-wide share rules' shares per part.
        var split: PartMoneySplit
        /// What the split LP spends of each fund in each part (empty: split by need alone).
        var planned: [[Double]]
        /// The hard Hoover bound the parts were planned with (nil: none).
        var hooverLimit: Double?
        /// Passes over the parts so far.
        var count: Int

        /// Whether the joined plan can be certified: a plan meeting every country-wide rule.
        var certifiable: Bool { joined.result.plan != nil && joined.rules.allSatisfy(\.met) }
    }

    /// Plans the parts of one scenario (``DecompositionOptions/jobs`` at a time) and joins them.
    struct PartPlanner {
        let scenario: Scenario
        let derived: DerivedQuantities
        let options: DecompositionOptions
        /// The regions of each part.
        let regionsOfPart: [[Int]]
        let jobs: Int
        /// Solver seconds of every part solve, all passes, all workers.
        let solverSeconds = Locked(0.0)

        init(scenario: Scenario, derived: DerivedQuantities, options: DecompositionOptions) {
            self.scenario = scenario
            self.derived = derived
            self.options = options
            regionsOfPart = PartMoneySplit.withoutEmptyParts(partition(scenario, schoolsPerPart: options.schoolsPerPart),
                                                             scenario, derived)
            jobs = max(1, min(options.jobs, regionsOfPart.count))
        }

        /// Each fund's first split: by the need it may pay for in each part.
        func initialShares() -> [[Double]] {
            var partOfRegion = [Int](repeating: 0, count: scenario.regions.count)
            for (b, regions) in regionsOfPart.enumerated() { for r in regions { partOfRegion[r] = b } }
            return fundShares(scenario, derived, partOfRegion: partOfRegion, parts: regionsOfPart.count)
        }

        /// Plans every part with the funds as `split` gives them (and `hoover` as the parts' hard
        /// Hoover bound when given); parts are taken in order by whichever worker is free. A part
        /// without a plan gets no diagnosis of its own: the decomposition re-splits instead.
        func solveParts(hoover: Double?, split: PartMoneySplit, only: [Int]? = nil, previous: [PartSolve] = []) throws -> [PartSolve] {
            let announce = options.planner.phase
            let partOptions = { var inner = options.planner.forInnerSolve; inner.diagnose = false; return inner }()
            let planned = only ?? Array(regionsOfPart.indices)
            let solved = try Workers.map(planned.count, jobs: jobs) { i in
                let b = planned[i]
                let funds = split.funds(ofPart: b)
                var (sub, schools) = part(scenario, regions: Set(regionsOfPart[b]), amounts: funds.map(\.amount))
                for f in sub.funds.indices { sub.funds[f].minSpend = funds[f].minimumSpend }
                for (key, shares) in split.shares {
                    if let rule = FairnessRegistry.rule(key, in: sub.fairness) as? any ShareFairnessRule {
                        sub.fairness.set(rule.withPartShare(shares[b]))
                    }
                }
                if let hoover, let rule = FairnessRegistry.rules(for: sub.fairness, purpose: .plan).first(where: { $0.partBound != nil }) {
                    sub.fairness.set(rule.withPartBound(hoover))
                }
                let partStarted = Date()
                announce?("part \(b + 1) of \(regionsOfPart.count) (\(schools.count) schools)")
                let result = try Planner.solve(sub, options: partOptions)
                solverSeconds.withLock { $0 += result.timings.solverSeconds }
                return PartSolve(result: result, schools: schools, scenario: sub, seconds: Date().timeIntervalSince(partStarted))
            }
            guard only != nil else { return solved }
            var parts = previous
            for (i, b) in planned.enumerated() { parts[b] = solved[i] }
            return parts
        }

        /// The Lagrangian bound from `parts`' duals (nil: none), its time added to `seconds`.
        func lowerBound(_ parts: [PartSolve], seconds: inout Double) -> Double? {
            let started = DispatchTime.now()
            defer { seconds += PhaseTimings.seconds(since: started) }
            return LagrangianBound.compute(scenario, derived, parts: parts)
        }

        /// The first plan: the split LP's money (``PartMoneySplitter``), then at most three more
        /// passes while the joined plan falls short. A part without a plan gets money moved toward
        /// it (``PartMoneySplit/moving(toward:planned:)``). A hard Hoover bound met in every part can
        /// still be exceeded over the country, by the parts' own imbalance (Σ_b |X_b − P_b X|): the
        /// parts' bound is lowered by twice the excess (plus a little). A hard share rule (F3, F7)
        /// short over the country raises the mixed parts' shares by the shortfall (plus a little).
        /// Nil when the split LP's relaxation proves that the undivided scenario has no plan.
        func planInParts() throws -> Pass? {
            // The first pass already leaves a little room under a hard Hoover bound (measured excess
            // over the country: 6.5e-4 with 4 parts, 7.7e-4 with 17), which usually spares the second.
            let margin = regionsOfPart.count > 1 ? 1e-3 : 0
            var limit = hooverRule?.partBound.map { max(0, $0 - margin) }
            let splitter = PartMoneySplitter(scenario: scenario, derived: derived, regionsOfPart: regionsOfPart,
                                             hooverLimit: limit, solver: options.planner.solver)
            guard case let .split(first, planned) = try splitter.split(needShares: initialShares()) else { return nil }
            var pass = Pass(parts: [], joined: JoinedPlan(result: .empty(scenario, status: .failed, notes: [], started: Date()), rules: []),
                            split: first, planned: planned, hooverLimit: limit, count: 0)
            while pass.count < 4 {
                if pass.count > 0 {
                    guard let (next, lowered) = nextPass(pass) else { break }
                    pass.split = next
                    limit = lowered
                }
                pass.parts = try solveParts(hoover: limit, split: pass.split)
                pass.joined = join(scenario, derived, pass.parts)
                pass.hooverLimit = limit
                pass.count += 1
            }
            return pass
        }

        /// The hard rule whose bound the parts tighten (F5), if on.
        var hooverRule: (any FairnessRule)? {
            FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).first { $0.partBound != nil }
        }

        /// The split and Hoover limit of the next pass, or nil when the joined plan needs none.
        func nextPass(_ pass: Pass) -> (PartMoneySplit, Double?)? {
            let starved = Set(pass.parts.indices.filter { pass.parts[$0].result.plan == nil })
            // Every part without a plan: there is no other part to take money from.
            if starved.count == pass.parts.count { return nil }
            if !starved.isEmpty {
                options.planner.phase?("parts \(starved.sorted().map { String($0 + 1) }.joined(separator: ", ")) without a plan: moving money toward them")
                return (pass.split.moving(toward: starved, planned: pass.planned), pass.hooverLimit)
            }
            guard let check = pass.joined.rules.first(where: { !$0.met }) else { return nil }
            if check.isUpperLimit, let current = pass.hooverLimit, current > 0, check.rule == hooverRule?.key {
                let lowered = max(0, current - 2 * (check.value - check.limit) - 1e-4)
                options.planner.phase?("country-wide Hoover \(check.value) > \(check.limit): parts again with \(lowered)")
                return (pass.split, lowered)
            }
            guard let rule = FairnessRegistry.rule(check.rule, in: scenario.fairness) as? any ShareFairnessRule,
                  pass.split.shares[check.rule] != nil else { return nil }
            let mixed = regionsOfPart.map { regions in
                Set(regions.map { rule.setting.designations.contains(scenario.regions[$0].designation) }).count == 2
            }
            options.planner.phase?("country-wide \(check.rule) \(check.value) < \(check.limit): raising the parts' shares")
            return (pass.split.raisingShare(check.rule, by: check.limit - check.value + 1e-4, mixed: mixed), pass.hooverLimit)
        }

        /// The money re-split by the parts' prices (``PartResplit``), pass after pass: only the parts
        /// whose money moved are planned again, and a pass is kept only when the joined plan meets
        /// the country-wide rules and its objective falls. Each step moves at least what the parts'
        /// ranging allows (its gain is then certain for their LPs) and a damped step of
        /// ``firstLength`` towards the fund's mean value; the next step, from the new parts' prices,
        /// has the same length. A step not kept because the country-wide Hoover index went over its
        /// hard limit is retried shortened to keep it (``countryWideHoover(_:_:)``, and so are the
        /// steps after it); any other step not kept is retried at half the length (down to the
        /// ranged step alone). Stops when the certificate against `bound` meets the
        /// scenario's asked gap, when a step would gain (or gained) less than ``minimumGain`` of U,
        /// or after ``DecompositionOptions/rebalancePasses`` passes. Returns whether the parts changed.
        @discardableResult
        func rebalance(_ pass: inout Pass, bound: Double? = nil) throws -> Bool {
            var length = Self.firstLength, changed = false, shortened = false
            for _ in 0..<(regionsOfPart.count > 1 ? options.rebalancePasses : 0) {
                guard pass.certifiable, let old = pass.joined.result.objective, let benefit = pass.joined.result.benefit,
                      pass.parts.allSatisfy({ $0.result.duals != nil }) else { break }
                let enough = Self.minimumGain * abs(benefit)
                if let bound, old - bound <= (scenario.solver.mipGap ?? 0) * abs(benefit) { break }
                let whole = PartResplit.step(pass.split, parts: pass.parts, length: length)
                let step = shortened ? countryWideHoover(whole, pass) : whole
                guard step.predictedGain > enough else { break }
                options.planner.phase?("re-splitting the funds by the parts' marginal values")
                let again = try solveParts(hoover: pass.hooverLimit, split: step.split, only: step.changed, previous: pass.parts)
                let rejoined = join(scenario, derived, again)
                pass.count += 1
                guard rejoined.result.plan != nil, rejoined.rules.allSatisfy(\.met),
                      let new = rejoined.result.objective, new < old else {
                    // First shortened to keep the country-wide Hoover index, then halved.
                    if !shortened, rejoined.rules.contains(where: { $0.rule == hooverRule?.key && !$0.met }) { shortened = true; continue }
                    if length == 0 { break }
                    length = length / 2 < Self.firstLength / 8 ? 0 : length / 2
                    continue
                }
                (pass.parts, pass.joined, pass.split, changed) = (again, rejoined, step.split, true)
                if old - new < enough { break }
            }
            return changed
        }

        /// `step` shortened to keep a hard Hoover bound over the country (``PartResplit/withinCountryHoover``).
        func countryWideHoover(_ step: PartResplit, _ pass: Pass) -> PartResplit {
            guard let key = hooverRule?.key, let check = pass.joined.rules.first(where: { $0.rule == key }) else { return step }
            return step.withinCountryHoover(limit: check.limit, current: check.value, parts: pass.parts,
                                            needShare: derived.needShare, from: pass.split)
        }

        /// A re-split that gains less than this fraction of U is not worth its pass.
        static let minimumGain = 1e-5
        /// The first step's damped length: each part's money above its minimum spend moves by half
        /// its value's relative distance from the mean (the session-9 re-split's step).
        static let firstLength = 0.5

        /// What each part did, for the report.
        func summaries(_ parts: [PartSolve]) -> [DecomposedPlan.Part] {
            parts.enumerated().map { b, part in
                DecomposedPlan.Part(regions: regionsOfPart[b].map { scenario.regions[$0].id }, schools: part.schools.count,
                                    teacherGroups: part.scenario.teacherGroups.count,
                                    funds: Dictionary(uniqueKeysWithValues: part.scenario.funds.map { ($0.id, $0.amount) }),
                                    status: part.result.status, objective: part.result.objective, seconds: part.seconds)
            }
        }
    }

    /// Joins the parts' plans into one over the whole scenario, with the country's objective.
    static func join(_ scenario: Scenario, _ derived: DerivedQuantities, _ parts: [PartSolve]) -> JoinedPlan {
        let order: [PlanStatus] = [.optimal, .feasible, .infeasible, .unbounded, .failed]
        let worst = parts.map(\.result.status).max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .failed
        var result = PlanResult.empty(scenario, status: worst, notes: [], started: Date())
        guard parts.allSatisfy({ $0.result.plan != nil }) else {
            let failed = parts.enumerated().filter { $0.element.result.plan == nil }
                .map { PlanStatusNote.PartStatusNotes(part: $0.offset + 1, notes: $0.element.result.statusNotes) }
            result.statusNotes = [.partsWithoutPlan(failed)]
            return JoinedPlan(result: result, rules: [])
        }
        var totals = joinedTotals(scenario, parts)
        let joined = totals.plan

        // The country's rules on the joined plan (MODEL.md §6, units of §11).
        let rules = checks(scenario, derived, joined)
        var objective = totals.objectiveWithoutGlobalPenalties
        for check in rules {
            guard let penalty = penalty(of: check.rule, in: scenario) else { continue }
            if check.violation > 1e-7 {
                totals.softViolations[check.rule] = check.violation
                objective += penalty * check.violation
            }
        }
        result.statusNotes = [worst == .optimal ? .partsOptimal(parts: parts.count) : .partsStopped(parts: parts.count, worst: worst)]
        result.status = worst == .optimal ? .feasible : worst
        result.objective = objective
        result.objectiveConstant = totals.constant
        result.benefit = totals.benefit
        result.allocatedByCategory = totals.allocated
        result.dispatched = joined.dispatch.reduce(0) { $0 + $1.count }
        result.shortageLeft = joined.schools.reduce(0.0) { $0 + Double($1.shortageLeft) }
        result.shortageBefore = joined.schools.reduce(0.0) { $0 + Double($1.shortageBefore) }
        result.softViolations = totals.softViolations
        for part in parts { result.softViolationUnits.merge(part.result.softViolationUnits) { first, _ in first } }
        // Shadow prices are per part: none for the country. A rule fixed by a preparation phase
        // (F2's t*) is fixed per part, so the country has no entry for it either.
        result.fundPrices = scenario.funds.map { FundPrice(fund: $0.id, value: nil, reason: "planned in parts", claims: []) }
        result.rulePrices = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).filter { $0.preparationPhase == nil }
            .map { RulePrice(rule: $0.key, value: nil, reason: "planned in parts", binding: false, claims: []) }
        result.plan = joined
        return JoinedPlan(result: result, rules: rules.map {
            DecomposedPlan.RuleCheck(rule: $0.rule, value: $0.value, limit: $0.limit, met: $0.met, isUpperLimit: $0.isUpperLimit)
        })
    }

    /// The parts' plans and sums side by side: the joined plan (schools in the scenario's order,
    /// flows and dispatch sorted), objective without the country-wide soft penalties, constant,
    /// U, money by category and the soft violations that stay per part.
    static func joinedTotals(_ scenario: Scenario, _ parts: [PartSolve])
        -> (plan: Plan, objectiveWithoutGlobalPenalties: Double, constant: Double, benefit: Double,
            allocated: [String: Double], softViolations: [String: Double]) {
        var schools = [SchoolPlan?](repeating: nil, count: scenario.schools.count)
        var funds = scenario.funds.map { FundPlan(id: $0.id, amount: $0.amount, minimumSpend: $0.minSpend * $0.amount, spent: 0, flows: []) }
        var dispatch: [DispatchLine] = []
        var objectiveWithoutGlobalPenalties = 0.0, constant = 0.0, benefit = 0.0
        var allocated: [String: Double] = [:], softViolations: [String: Double] = [:]
        let globalSoft = Set(FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
            .filter { $0.decomposition == .countryWide }.map(\.key))
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
            // Soft country-wide rules (F3, F4, F5) are charged once, on the joined plan.
            var penalties = 0.0
            for (rule, amount) in part.result.softViolations {
                if globalSoft.contains(rule) {
                    penalties += amount * (penalty(of: rule, in: scenario) ?? 0)
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
        return (Plan(schools: schools.map { $0! }, funds: funds, dispatch: dispatch), objectiveWithoutGlobalPenalties,
                constant, benefit, allocated, softViolations)
    }

    /// The soft penalty ρ of the rule keyed `rule` in `scenario` (nil: off or hard).
    static func penalty(of rule: String, in scenario: Scenario) -> Double? {
        let mode = FairnessRegistry.rules(for: scenario.fairness, purpose: .plan).first { $0.key == rule }?.mode
        if case let .soft(penalty)? = mode { return penalty }
        return nil
    }

    /// The country-wide rules (``RuleDecomposition/countryWide``) measured on a plan over the
    /// whole scenario, in registry order.
    static func checks(_ scenario: Scenario, _ derived: DerivedQuantities, _ plan: Plan) -> [RuleMeasure] {
        FairnessRegistry.rules(for: scenario.fairness, purpose: .plan)
            .filter { $0.decomposition == .countryWide }
            .compactMap { $0.measure(plan, scenario, derived) }
    }
}
