import EduplanIdentification
import EduplanScenario
import Foundation
import Testing

/// The worked example of docs/identification.md, computed by hand.
///
/// Three dimensions, weights (1/2, 1/4, 1/4), k = 1/2:
///   income below 1000 (w 1/2), disability ∈ {1} (w 1/4), score below 60 (w 1/4).
///
///   student school income dis score | deprived in      | c_i  | poor (c ≥ 1/2)
///   s1      A      500    1   50    | inc, dis, score  | 1    | yes
///   s2      A      500    0   70    | inc              | 1/2  | yes (c = k counts)
///   s3      A      2000   1   50    | dis, score       | 1/2  | yes
///   s4      B      2000   1   70    | dis              | 1/4  | no
///   s5      B      1000   0   59.9  | score (1000 is not below 1000) | 1/4 | no
///   s6      B      2000   0   80    | —                | 0    | no
///
/// All six: n = 6, q = 3, H = 3/6 = 1/2; A = (1 + 1/2 + 1/2) / 3 = 2/3; M0 = H·A = 1/3.
/// Censored headcounts (poor and deprived): income s1, s2 → 2/6; disability s1, s3 → 2/6; score s1, s3 → 2/6.
/// Check: Σ w_d h_d = 1/2·1/3 + 1/4·1/3 + 1/4·1/3 = 1/3 = M0.
/// Contributions w_d h_d / M0: income 1/6 ÷ 1/3 = 50%, disability 1/12 ÷ 1/3 = 25%, score 25%.
/// Uncensored headcounts: income s1, s2 → 1/3; disability s1, s3, s4 → 1/2; score s1, s3, s5 → 1/2.
/// School A: n = 3, q = 3, H = 1, A = 2/3, M0 = 2/3. School B: n = 3, q = 0, H = 0, A undefined, M0 = 0.
let workedStudents = """
id,school,income,disability,score
s1,A,500,1,50
s2,A,500,0,70
s3,A,2000,1,50
s4,B,2000,1,70
s5,B,1000,0,59.9
s6,B,2000,0,80

"""

func workedConfig(k: String = "0.5") -> String {
    """
    poverty_cutoff: \(k)
    dimensions:
      - {column: income, direction: below, cutoff: 1000, weight: 0.5}
      - {column: disability, deprived_values: ["1"], weight: 0.25}
      - {column: score, direction: below, cutoff: 60, weight: 0.25}
    counts:
      poor: identified
      disabled: disability
    """
}

@Suite struct WorkedExampleTests {
    func run(k: String = "0.5", scenario: Scenario? = nil, output: URL? = nil) throws -> IdentificationResult {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = try write(workedStudents, "students.csv", in: folder)
        let config = try IdentificationConfig.parse(workedConfig(k: k))
        return try Identification.run(students: students, config: config,
                                      options: IdentificationOptions(studentsOutput: output, scenario: scenario))
    }

    @Test func handComputedTotals() throws {
        let result = try run()
        let total = result.total
        #expect(result.rows == 6)
        #expect(total.counts.students == 6 && total.counts.identified == 3)
        #expect(same(total.measures.headcountRatio, 0.5))
        #expect(same(total.measures.intensity, 2.0 / 3))
        #expect(same(total.measures.adjustedHeadcount, 1.0 / 3))
        #expect(total.counts.censored == [2, 2, 2])
        #expect(total.counts.deprived == [2, 3, 3])
        for (got, want) in zip(total.measures.censoredHeadcount, [1.0 / 3, 1.0 / 3, 1.0 / 3]) { #expect(same(got, want)) }
        for (got, want) in zip(total.measures.uncensoredHeadcount, [1.0 / 3, 0.5, 0.5]) { #expect(same(got, want)) }
        for (got, want) in zip(total.measures.contribution, [50.0, 25.0, 25.0]) { #expect(same(got, want, tolerance: 1e-9)) }
    }

    @Test func handComputedSchools() throws {
        let result = try run()
        #expect(result.schools.map(\.id) == ["A", "B"])
        let a = result.schools[0].measures, b = result.schools[1].measures
        #expect(same(a.headcountRatio, 1) && same(a.intensity, 2.0 / 3) && same(a.adjustedHeadcount, 2.0 / 3))
        // No poor student in B: H = M0 = 0, A and the contributions undefined (nil, never NaN).
        #expect(same(b.headcountRatio, 0) && b.intensity == nil && same(b.adjustedHeadcount, 0))
        #expect(b.contribution.allSatisfy { $0 == nil })
        #expect(result.regions.isEmpty)
    }

    @Test func regionsComeFromTheScenario() throws {
        let result = try run(scenario: twoSchoolScenario())
        #expect(result.regions.map(\.id) == ["r1", "r2"])
        #expect(result.schools.map { $0.region } == ["r1", "r2"])
        #expect(result.regions[0].counts == result.schools[0].counts)
        #expect(same(result.regions[0].measures.adjustedHeadcount, 2.0 / 3))
    }

    /// The union approach: any k at or below the smallest weight (1/4) identifies everyone deprived in
    /// anything: s1–s5 (s6 has no deprivation). q = 5, H = 5/6, A = (1 + 1/2 + 1/2 + 1/4 + 1/4)/5 = 1/2, M0 = 5/12.
    @Test(arguments: ["0.25", "0.1", "1e-9"])
    func smallestCutoffIsTheUnion(k: String) throws {
        let total = try run(k: k).total
        #expect(total.counts.identified == 5)
        #expect(same(total.measures.headcountRatio, 5.0 / 6))
        #expect(same(total.measures.intensity, 0.5))
        #expect(same(total.measures.adjustedHeadcount, 5.0 / 12))
    }

    /// The intersection approach: k = 1 identifies only s1 (deprived in all three).
    /// q = 1, H = 1/6, A = 1, M0 = 1/6; each dimension contributes its weight: 50%, 25%, 25%.
    @Test func largestCutoffIsTheIntersection() throws {
        let total = try run(k: "1").total
        #expect(total.counts.identified == 1)
        #expect(same(total.measures.headcountRatio, 1.0 / 6))
        #expect(same(total.measures.intensity, 1))
        #expect(same(total.measures.adjustedHeadcount, 1.0 / 6))
        for (got, want) in zip(total.measures.contribution, [50.0, 25.0, 25.0]) { #expect(same(got, want, tolerance: 1e-9)) }
    }

    /// k = 0 would call every student poor (deprived or not); k > 1 nobody: both are input errors.
    @Test(arguments: ["0", "1.5", "-0.2"])
    func cutoffOutsideTheRangeIsAnError(k: String) throws {
        #expect(throws: IdentificationErrors.self) { try IdentificationConfig.parse(workedConfig(k: k)) }
    }

    @Test func perStudentOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("scores.csv")
        _ = try run(output: out)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text == """
        id,school,score,identified
        s1,A,1,1
        s2,A,0.5,1
        s3,A,0.5,1
        s4,B,0.25,0
        s5,B,0.25,0
        s6,B,0,0

        """)
    }

    /// Weights of 1/3 written as decimals sum to 0.9999999999; a student deprived in all three has
    /// c = 0.9999999999 and must still count as poor at k = 1 (c ≥ k − 1e-9).
    @Test func decimalWeightsStillReachTheIntersection() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let students = try write("id,school,a,b,c\n1,S,1,1,1\n2,S,1,1,0\n", "s.csv", in: folder)
        let config = try IdentificationConfig.parse("""
        poverty_cutoff: 1
        dimensions:
          - {column: a, deprived_values: ["1"], weight: 0.3333333333}
          - {column: b, deprived_values: ["1"], weight: 0.3333333333}
          - {column: c, deprived_values: ["1"], weight: 0.3333333334}
        """)
        #expect(try Identification.run(students: students, config: config).total.counts.identified == 1)
    }

    /// Contributions always sum to 100% (here over random deprivation patterns and weights).
    @Test func contributionsSumToOneHundred() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let d = random.integer(1, 6)
            var weights = (0..<d).map { _ in random.uniform(0.1, 1) }
            let sum = weights.reduce(0, +)
            weights = weights.map { $0 / sum }
            let students = random.integer(1, 40)
            var censored = [Int](repeating: 0, count: d)
            let identified = random.integer(1, students)
            for i in 0..<d { censored[i] = random.integer(0, identified) }
            if censored.allSatisfy({ $0 == 0 }) { censored[0] = 1 }
            let counts = DeprivationCounts(students: students, identified: identified, deprived: censored, censored: censored)
            let measures = PovertyMeasures(counts: counts, weights: weights)
            let total = measures.contribution.compactMap { $0 }.reduce(0, +)
            #expect(abs(total - 100) < 1e-9)
            // And M0 = Σ w_d · censored headcount_d = H · A.
            let m0 = zip(weights, measures.censoredHeadcount).reduce(0) { $0 + $1.0 * $1.1! }
            #expect(same(measures.adjustedHeadcount, m0, tolerance: 1e-12))
            #expect(same(measures.adjustedHeadcount, measures.headcountRatio! * measures.intensity!, tolerance: 1e-12))
        }
    }

    /// Directions: below and above are strict, at_most and at_least include the cutoff.
    @Test func directions() {
        #expect(DeprivationRule.below(5).isDeprived(4.9) && !DeprivationRule.below(5).isDeprived(5))
        #expect(DeprivationRule.above(5).isDeprived(5.1) && !DeprivationRule.above(5).isDeprived(5))
        #expect(DeprivationRule.atMost(5).isDeprived(5) && !DeprivationRule.atMost(5).isDeprived(5.1))
        #expect(DeprivationRule.atLeast(5).isDeprived(5) && !DeprivationRule.atLeast(5).isDeprived(4.9))
    }
}
