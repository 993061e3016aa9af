import EduplanScenario
import Foundation
import Testing

@Suite("Generator and writer")
struct GeneratorTests {
    static let sizes: [(schools: Int, regions: Int)] = [(10, 3), (2000, 40)]

    @Test("same seed, byte-identical files; another seed, other files", arguments: [0, 1])
    func deterministic(_ size: Int) throws {
        let (schools, regions) = Self.sizes[size]
        let options = ScenarioGenerator.Options(schools: schools, regions: regions, seed: 42)
        let first = try TemporaryFolder(), second = try TemporaryFolder()
        try ScenarioWriter.write(ScenarioGenerator.generate(options), to: first.url)
        try ScenarioWriter.write(ScenarioGenerator.generate(options), to: second.url)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.url.path).sorted()
        #expect(names == ["distances.csv", "projects.csv", "regions.csv", "scenario.yaml", "schools.csv", "teachers.csv"])
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: second.url.path).sorted()))
        for name in names {
            #expect(try Data(contentsOf: first.file(name)) == Data(contentsOf: second.file(name)), "\(name) differs")
        }
        var other = options
        other.seed = 43
        #expect(fingerprint(ScenarioGenerator.generate(other)) != fingerprint(ScenarioGenerator.generate(options)))
    }

    @Test("generated folders load cleanly and read back to the same scenario", arguments: [0, 1])
    func loadsCleanly(_ size: Int) throws {
        let (schools, regions) = Self.sizes[size]
        let scenario = ScenarioGenerator.generate(.init(schools: schools, regions: regions, seed: 7))
        #expect(scenario.validate().isEmpty)
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(scenario, to: folder.url)
        let loaded = try ScenarioLoader.load(from: folder.url)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(fingerprint(loaded.scenario) == fingerprint(scenario))
        #expect(loaded.scenario.schools.count == schools && loaded.scenario.regions.count == regions)
        // Every field populated.
        #expect(loaded.scenario.schools.allSatisfy { $0.latitude != nil && $0.longitude != nil })
        #expect(loaded.scenario.regions.allSatisfy { $0.incomePerCapita != nil })
        #expect(!loaded.scenario.teacherGroups.isEmpty && loaded.scenario.distances != nil)
        #expect(loaded.scenario.funds.map(\.id) == ["central_special", "provincial_special", "county_matching", "social_donations", "teacher_fund"])
        #expect(loaded.scenario.categories.map(\.id) == ["living_allowance", "senior_grant", "infrastructure", "special_education",
                                                         "nutrition", "dispatch"])
        #expect(loaded.scenario.variants.map(\.name) == ["funds -20%", "donations x2", "no fairness"])
    }

    @Test("options: teacher groups, candidate limit, no fairness")
    func options() throws {
        let s = ScenarioGenerator.generate(.init(schools: 50, regions: 5, seed: 1, teacherGroups: 7, candidateLimit: 3, fairness: .none))
        #expect(s.teacherGroups.count == 7)
        #expect(s.teacherGroups.allSatisfy { (1...10).contains($0.count) })
        #expect(s.dispatch.candidateLimit == 3)
        #expect(s.fairness.isEmpty)
        #expect(ScenarioGenerator.Options(schools: 5, regions: 6, seed: 0).problem != nil)
        #expect(ScenarioGenerator.Options(schools: 0, regions: 1, seed: 0).problem != nil)
    }

    /// A feasibility certificate for the default rules, without a solver: mandatory need paid by
    /// central_special, the rest of it spread over its other categories in proportion to need, and
    /// provincial_special spent on infrastructure in proportion to need. That plan meets every budget,
    /// the 90% minimum spend, F1 (α 0.1), F4 (γ 0.9) and F5 (Hoover ≤ 0.3); dispatching nobody is
    /// allowed (no F6/F7). The "funds -20%" variant still pays the mandatory need.
    @Test("the budgets and default fairness rules admit a plan", arguments: [0, 1])
    func feasible(_ size: Int) throws {
        let (schools, regions) = Self.sizes[size]
        let s = ScenarioGenerator.generate(.init(schools: schools, regions: regions, seed: 11))
        func need(_ k: Int) -> [Double] {
            switch s.categories[k].rule {
            case let .perStudent(count, rates): return s.schools.map { (rates[$0.level] ?? 0) * Double($0.count(count)) }
            case let .projects(list):
                var values = [Double](repeating: 0, count: s.schools.count)
                for p in list { values[p.school] += p.cost }
                return values
            case .dispatch: return [Double](repeating: 0, count: s.schools.count)
            }
        }
        let living = need(0), other = [1, 3, 4].map(need), infrastructure = need(2)
        let mandatory = living.reduce(0, +)
        let centralOther = other.map { $0.reduce(0, +) }.reduce(0, +)
        let central = s.funds[0]
        #expect(central.amount >= mandatory && 0.8 * central.amount >= mandatory)
        let c1 = min(1, (central.amount - mandatory) / centralOther)
        let spent = mandatory + c1 * centralOther
        #expect(spent >= central.minSpend * central.amount - 1e-6 && spent <= central.amount + 1e-6)
        #expect(0.8 * central.amount * central.minSpend <= mandatory + centralOther)
        let c2 = min(1, s.funds[1].amount / infrastructure.reduce(0, +))
        #expect(c2 >= 0.1, "F1 floor")
        let x = s.schools.indices.map { i in living[i] + c1 * other.reduce(0) { $0 + $1[i] } + c2 * infrastructure[i] }
        // F4: rural per pupil ≥ 0.9 × urban per pupil.
        let rural = s.schools.indices.filter { s.schools[$0].rural }, urban = s.schools.indices.filter { !s.schools[$0].rural }
        let perPupil = { (set: [Int]) in set.reduce(0) { $0 + x[$1] } / Double(set.reduce(0) { $0 + s.schools[$1].enrollment }) }
        #expect(!rural.isEmpty && !urban.isEmpty)
        #expect(perPupil(rural) >= 0.9 * perPupil(urban), "F4: \(perPupil(rural)) vs \(perPupil(urban))")
        // F5: Hoover of X against need shares.
        let all = s.schools.indices.map { i in living[i] + other.reduce(0) { $0 + $1[i] } + infrastructure[i] }
        let totalNeed = all.reduce(0, +), total = x.reduce(0, +)
        let hoover = 0.5 * s.schools.indices.reduce(0) { $0 + abs(x[$1] / total - all[$1] / totalNeed) }
        #expect(hoover <= 0.3, "F5: Hoover \(hoover)")
        // Trade-offs: the money does not cover all non-mandatory need.
        let nonMandatory = centralOther + infrastructure.reduce(0, +)
        let money = s.funds.reduce(0) { $0 + $1.amount } - mandatory
        #expect(money / nonMandatory > 0.3 && money / nonMandatory < 0.8, "fundable share \(money / nonMandatory)")
    }

    @Test("the writer round-trips the base fixture")
    func writerRoundTrip() throws {
        let s = try ScenarioLoader.load(from: baseFixture).scenario
        let folder = try TemporaryFolder()
        try ScenarioWriter.write(s, to: folder.url)
        let again = try ScenarioLoader.load(from: folder.url)
        #expect(again.warnings.isEmpty)
        #expect(fingerprint(again.scenario) == fingerprint(s))
    }

    @Test("validate() on a scenario built in code names the file without a line")
    func validateInCode() throws {
        var s = try ScenarioLoader.load(from: baseFixture).scenario
        #expect(s.validate().isEmpty)
        s.schools[0].poor = 500
        s.subjects[0].share = 0.5
        let problems = s.validate()
        #expect(problems.map { "\($0.file):\($0.field ?? "")" } == ["scenario.yaml:subjects", "schools.csv:poor"])
        #expect(problems.allSatisfy { $0.line == nil })
    }
}
