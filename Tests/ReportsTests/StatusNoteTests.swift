import EduplanIO
@testable import EduplanPlanner
@testable import EduplanReports
import EduplanScenario
import Foundation
import LinearProgramming
import Testing

/// A plan's status as values (``PlanStatusNote``), said by the catalogue in every language: no
/// English in a Chinese status, gaps as percentages that keep "≤" true, and plan.json's English
/// `status_detail` as it was. Before the notes, a Chinese report quoted any English sentence it
/// did not recognise (session 9 shipped a certified status whose gap came out empty).
@Suite("Status notes")
struct StatusNoteTests {
    static let stop = SolverStop(SolveStatus(termination: .timeLimit, primal: .feasiblePoint, dual: .unknown, rawCode: 9,
                                             message: "the time limit has been exceeded"))

    /// One note of every kind (``kind(_:)`` lists the kinds; the compiler makes it list them all).
    static let samples: [PlanStatusNote] = [
        .optimal, .withinGap(asked: 0.005), .stoppedEarly(stop), .noFeasiblePlan(stop),
        .phaseFoundNoPoint(phase: "max–min coverage, phase 1", stop), .unbounded(stop), .infeasible, .infeasibleInEveryYear,
        .notBuiltOverYears(rules: ["maxmin_coverage"]), .diagnosisFoundNoRelaxation(stop), .dispatchRoundedKept,
        .dispatchRoundedImproved,
        .closestToBase(.init(distance: 12.5, firstOptimumDistance: 40, stoppedAfterSeconds: 30, integersFixed: true)),
        .notClosestToBase(stop, distance: 40), .holdHarmlessAmbiguous(regions: ["r1", "r2"]),
        .certifiedByYears(gap: 0.0021946718881354094, asked: 0.005), .priceOfFairnessRange,
        .priceOfFairnessNotGiven, .partsOptimal(parts: 3), .partsStopped(parts: 3, worst: .feasible),
        .partsWithoutPlan([.init(part: 2, notes: [.infeasible, .diagnosisFoundNoRelaxation(stop)])]),
        .plannedUndivided(.partsFoundNoPlan, passes: 2), .plannedUndivided(.shortOfCountryRule, passes: 1), .noVerdict,
        .splitInfeasible, .topUpImpossible(funds: ["county_matching"]), .topUpUndetermined(funds: ["county_matching"]),
        .topUpNotNeeded, .topUpFound(added: [.init(fund: "central_special", amount: 499.2)], total: 499.2, currency: "CNY"),
    ]

    /// The kind of a note, by name: a new case fails to compile here until it is named (and then
    /// the count below, until it has a sample).
    static func kind(_ note: PlanStatusNote) -> String {
        switch note {
        case .optimal: "optimal"
        case .withinGap: "withinGap"
        case .stoppedEarly: "stoppedEarly"
        case .noFeasiblePlan: "noFeasiblePlan"
        case .phaseFoundNoPoint: "phaseFoundNoPoint"
        case .unbounded: "unbounded"
        case .infeasible: "infeasible"
        case .infeasibleInEveryYear: "infeasibleInEveryYear"
        case .notBuiltOverYears: "notBuiltOverYears"
        case .diagnosisFoundNoRelaxation: "diagnosisFoundNoRelaxation"
        case .dispatchRoundedKept: "dispatchRoundedKept"
        case .dispatchRoundedImproved: "dispatchRoundedImproved"
        case .closestToBase: "closestToBase"
        case .notClosestToBase: "notClosestToBase"
        case .holdHarmlessAmbiguous: "holdHarmlessAmbiguous"
        case .certifiedByYears: "certifiedByYears"
        case .priceOfFairnessRange: "priceOfFairnessRange"
        case .priceOfFairnessNotGiven: "priceOfFairnessNotGiven"
        case .partsOptimal: "partsOptimal"
        case .partsStopped: "partsStopped"
        case .partsWithoutPlan: "partsWithoutPlan"
        case .plannedUndivided: "plannedUndivided"
        case .noVerdict: "noVerdict"
        case .splitInfeasible: "splitInfeasible"
        case .topUpImpossible: "topUpImpossible"
        case .topUpUndetermined: "topUpUndetermined"
        case .topUpNotNeeded: "topUpNotNeeded"
        case .topUpFound: "topUpFound"
        }
    }

    /// ASCII words a Chinese status may hold: the samples' ids, the symbols U and Σ's x, y, V
    /// (none in Chinese), the documents' paths and the settings a user types.
    static let allowed: Set<String> = ["maxmin_coverage", "r1", "r2", "county_matching", "central_special", "U", "docs",
                                       "model.md", "mip_gap", "reference", "FILE.csv", "region", "money"]

    static let chinese = Wording(language: .chinese)

    /// Every kind in Chinese: a sentence of its own (not the English), with no English word. Fails
    /// when a kind's Chinese is missing, left English, or quotes the solver's English words.
    @Test func everyKindInChineseHasNoEnglish() {
        #expect(Set(Self.samples.map(Self.kind)).count == 28, "a kind without a sample")
        for note in Self.samples {
            let zh = note.sentence(Self.chinese, names: DisplayNames(language: .chinese).statusNoteNames)
            let en = note.sentence(.english)
            #expect(!zh.isEmpty && !en.isEmpty && zh != en, "\(Self.kind(note)): \(zh)")
            let english = LanguageWords.words(zh).subtracting(Self.allowed)
            #expect(english.isEmpty, "\(Self.kind(note)) in Chinese has English \(english.sorted()): \(zh)")
        }
    }

    /// Every kind of solver stop in Chinese, in the sentence of a plan that stopped early.
    @Test func everySolverStopInChineseHasNoEnglish() {
        for reason in SolverStop.Reason.allCases {
            var stop = Self.stop
            stop.reason = reason
            let zh = PlanStatusNote.stoppedEarly(stop).sentence(Self.chinese)
            #expect(LanguageWords.words(zh).isEmpty, "\(reason): \(zh)")
            #expect(!zh.contains("the time limit"), "\(reason): the solver's English quoted")
        }
    }

    /// The English is plan.json's `status_detail` as before (docs/cli.md, "The plan's status"): each sentence
    /// with its separator, a rule's note after ". " when the text before does not end a sentence.
    @Test func englishIsTheStatusDetail() {
        let warning = PlanStatusNote.holdHarmlessAmbiguous(regions: ["r1"])
        #expect([.optimal, warning].text(.english).hasPrefix("Optimal plan. Warning: hold_harmless's base plan"))
        #expect([.infeasible, warning].text(.english).hasPrefix("no plan satisfies every mandatory need and hard rule. Warning:"))
        #expect([.infeasible, .diagnosisFoundNoRelaxation(Self.stop)].text(.english)
            == "no plan satisfies every mandatory need and hard rule; the elastic diagnosis found no relaxation either "
            + "(the time limit has been exceeded)")
        #expect([.optimal, .topUpFound(added: [.init(fund: "central_special", amount: 499.2)], total: 499.2, currency: "CNY")]
            .text(.english) == "Optimal plan. With the smallest top-up (rounded up): central_special +500 CNY, 500 CNY in all; "
            + "any less and some mandatory need or hard rule fails.")
        #expect(PlanStatusNote.partsWithoutPlan([.init(part: 1, notes: [.infeasible]), .init(part: 3, notes: [.noFeasiblePlan(Self.stop)])])
            .sentence(.english) == "Some parts have no plan — part 1: no plan satisfies every mandatory need and hard rule; "
            + "part 3: no feasible plan found: the time limit has been exceeded")
    }

    /// A gap as a percentage to three significant digits, rounded up: never below the gap (so "gap
    /// ≤ shown" is true) and within 1% of it. Fails if the rounding goes down or loses digits.
    @Test func gapsArePercentagesRoundedUp() throws {
        #expect(Format.percent(significant: 0.0021946718881354094, up: true) == "0.22%")
        #expect(Format.percent(significant: 0.005, up: false) == "0.5%")
        #expect(Format.percent(significant: 0.005, up: true) == "0.5%")
        #expect(Format.percent(significant: 1e-4, up: false) == "0.01%")
        #expect(Format.percent(significant: 0.123456, up: true) == "12.4%")
        #expect(Format.percent(significant: 0, up: true) == "0%")
        var gap = 1.234567e-7
        while gap < 0.9 {
            let shown = Format.percent(significant: gap, up: true)
            let value = try #require(Double(shown.dropLast())) / 100
            #expect(value >= gap && value <= gap * 1.01, "\(gap) shown \(shown)")
            gap *= 1.37
        }
        let certified = PlanStatusNote.certifiedByYears(gap: 0.0021946718881354094, asked: 0.005)
        #expect(certified.sentence(.english).hasPrefix("A plan certified by its years (gap 0.22% ≤ 0.5%): each year planned"))
        #expect(certified.sentence(Self.chinese).hasPrefix("逐年规划并经下界验证的方案（间隙 0.22% ≤ 0.5%）"))
    }

    /// A multi-year plan certified by its years (lagrangian_two_year_post, README: certified at
    /// gap 0.005), in Chinese: the certified sentence with its gap as a percentage no smaller than
    /// the result's gap, and no English in the status.
    @Test func certifiedHorizonInChinese() throws {
        var scenario = try ScenarioLoader.load(from: HTMLReportTests.root
            .appendingPathComponent("Tests/Fixtures/multiyear/lagrangian_two_year_post")).scenario
        scenario.solver.mipGap = 5e-3
        let planned = try HorizonPlanner.solve(scenario)
        guard case let .certifiedByYears(gap, asked)? = planned.result.statusNotes.first else {
            Issue.record("not certified by its years: \(planned.result.statusDetail)")
            return
        }
        #expect(asked == 5e-3 && gap <= asked)
        let text = HorizonReport(result: planned, scenario: scenario).text(markdown: false, wording: Self.chinese)
        let status = try #require(text.split(separator: "\n").first { $0.hasPrefix("逐年规划并经下界验证的方案") })
        let shown = try #require(status.split(separator: " ").dropFirst().first.map { String($0.prefix { $0 != "%" }) })
        #expect(try #require(Double(shown)) / 100 >= gap, "\(status)")
        #expect(LanguageWords.words(String(status)).subtracting(Self.allowed).isEmpty, "\(status)")
        #expect(planned.result.statusDetail.contains("(gap \(shown)% ≤ 0.5%)"), "\(planned.result.statusDetail)")
    }

    /// A plan in parts, in Chinese: how many parts and that each is optimal (600 generated schools,
    /// at most 200 a part).
    @Test func decompositionInChinese() throws {
        let scenario = ScenarioGenerator.generate(.init(schools: 600, regions: 20, seed: 5))
        var options = DecompositionOptions()
        options.schoolsPerPart = 200
        options.planner.priceOfFairness = false
        let parts = try Decomposition.solve(scenario, options: options).result
        let count = try #require(parts.parts)
        #expect(count >= 2)
        #expect(parts.statusNotes == [.partsOptimal(parts: count)], "\(parts.statusDetail)")
        #expect(PlanSummary.statusDetail(parts, wording: Self.chinese) == "分 \(count) 块规划，每块均为最优；见各块情况和保证间隙。")
    }

    /// `solve --top-up` in Chinese (infeasible_fund_short: central_special +500, DiagnosisTests):
    /// the smallest top-up in the wording's unit, rounded up; county_matching alone cannot help.
    @Test func topUpInChinese() throws {
        let scenario = try ScenarioLoader.load(from: HTMLReportTests.root
            .appendingPathComponent("Tests/Fixtures/planner/infeasible_fund_short")).scenario
        let names = DisplayNames(scenario, language: .chinese)
        let one = try TopUpPlanner.solve(scenario, funds: [0]).result
        let central = names.fund("central_special")
        #expect(PlanSummary.statusDetail(one, wording: Self.chinese, names: names)
            .hasSuffix("按最小追加资金（向上取整）：\(central)追加 500 元，合计 500 元；再少一些，就会有强制需求或硬性规则不能满足。"))
        #expect(PlanSummary.statusDetail(one, wording: Wording(language: .chinese, money: .wan), names: names)
            .contains("\(central)追加 0.05 万元，合计 0.05 万元"))
        let cannot = try TopUpPlanner.solve(scenario, funds: [1]).result
        let zh = PlanSummary.statusDetail(cannot, wording: Self.chinese, names: names)
        #expect(zh == "没有任何方案能同时满足全部强制需求和硬性规则。对\(names.fund("county_matching"))追加多少资金都不能使全部强制需求和硬性规则同时满足。")
    }
}

/// The ASCII words of a text (as LanguageCLITests counts them): maximal runs of letters, digits,
/// `_`, `-` and `.` that start with a letter, without a trailing `.` or `-`.
enum LanguageWords {
    static func words(_ text: String) -> Set<String> {
        var found = Set<String>(), current = ""
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII && (c.isLetter || (!current.isEmpty && (c.isNumber || "_-.".contains(c)))) {
                current.append(c)
            } else {
                if !current.isEmpty { found.insert(current.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))) }
                current = ""
            }
        }
        if !current.isEmpty { found.insert(current.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))) }
        return found
    }
}
