import Foundation
import Testing
@testable import EduplanMetrics

@Suite("Teachers and coverage")
struct TeacherAndCoverageTests {
    @Test func teacherR2ByHand() {
        // Pupils 100, 200, 300; teachers 5, 12, 16.
        // x̄ = 200, ȳ = 11; Sxy = (−100)(−6) + 0 + (100)(5) = 1100; Sxx = 20000;
        // Syy = 36 + 1 + 25 = 62. R² = 1100² / (20000 · 62) = 1210000 / 1240000 = 0.97580645…
        #expect(close(Equity.teacherAllocationR2(pupils: [100, 200, 300], teachers: [5, 12, 16]),
                      1_210_000.0 / 1_240_000.0))
    }

    @Test func teacherR2IsOneWhenTeachersFollowPupils() {
        // teachers = 2 + pupils / 20 exactly: the line fits, R² = 1.
        #expect(close(Equity.teacherAllocationR2(pupils: [40, 100, 260, 400], teachers: [4, 7, 15, 22]), 1))
    }

    @Test func teacherR2LeavesOutSchoolsWithoutPupils() {
        // The 0-pupil school with 50 teachers would wreck the fit; it is left out.
        #expect(close(Equity.teacherAllocationR2(pupils: [40, 100, 260, 400, 0], teachers: [4, 7, 15, 22, 50]), 1))
    }

    @Test func teacherR2UndefinedCases() {
        #expect(Equity.teacherAllocationR2(pupils: [100], teachers: [5]) == nil)        // one school
        #expect(Equity.teacherAllocationR2(pupils: [100, 100], teachers: [5, 6]) == nil) // pupils do not vary
        #expect(Equity.teacherAllocationR2(pupils: [100, 200], teachers: [5, 5]) == nil) // teachers do not vary: 0/0
        #expect(Equity.teacherAllocationR2(pupils: [], teachers: []) == nil)
    }

    @Test func staffingStandard() {
        // STR 15. 45/3 = 15 meets (≤); 46/3 = 15.33 does not; 20 pupils, 0 teachers does not;
        // 0 pupils is left out; 10/1 = 10 meets. 2 of 4 schools with pupils.
        let pupils: [Double] = [45, 46, 20, 0, 10]
        let teachers: [Double] = [3, 3, 0, 0, 1]
        let tally = Equity.staffingStandard(pupils: pupils, teachers: teachers,
                                            ratio: [Double](repeating: 15, count: 5))
        #expect(tally == CountShare(count: 2, total: 4))
        #expect(tally.share == 0.5)
        #expect(Equity.staffingStandardShare(pupils: pupils, teachers: teachers, ratio: 15) == 0.5)
        // After dispatching one teacher to the second and the third school: 46/4, 20/1 > 15 → 3 of 4.
        #expect(Equity.staffingStandardShare(pupils: pupils, teachers: [3, 4, 1, 0, 1], ratio: 15) == 0.75)
        // Level-specific ratios: junior 13.5 → 27/2 = 13.5 meets exactly.
        #expect(Equity.staffingStandardShare(pupils: [27], teachers: [2], ratio: [13.5]) == 1)
        // No school with pupils: no share.
        #expect(Equity.staffingStandardShare(pupils: [0], teachers: [3], ratio: 15) == nil)
    }

    @Test func coverageByGroup() {
        // Region a: (50 + 30) / (100 + 60) = 0.5; region b: 20 / 20 = 1; region c: no need → nil.
        let coverage = Equity.coverage(allocation: [50, 20, 30, 0], need: [100, 20, 60, 0],
                                       groups: ["a", "b", "a", "c"])
        #expect(coverage["a"] == Coverage(allocated: 80, need: 160))
        #expect(coverage["a"]?.ratio == 0.5)
        #expect(coverage["b"]?.ratio == 1)
        #expect(coverage["c"]?.ratio == nil)
        #expect(Equity.coverage(allocation: [50, 20, 30, 0], need: [100, 20, 60, 0]).ratio == 100.0 / 180.0)
    }

    @Test func poorStudentsFullyCovered() {
        // 40 + 10 poor students in covered schools, of 40 + 25 + 10 + 0 = 75: share 2/3.
        let tally = Equity.poorFullyCovered(poor: [40, 25, 10, 0], fullyCovered: [true, false, true, false])
        #expect(tally.count == 50 && tally.total == 75)
        #expect(close(tally.share, 2.0 / 3.0))
        // No poor students: count 0, share null.
        #expect(Equity.poorFullyCovered(poor: [0, 0], fullyCovered: [true, false]).share == nil)
    }
}

@Suite("Input and encoding")
struct InputAndEncodingTests {
    @Test func restrictedToALevel() {
        let input = EquityInput(ids: ["p1", "j1", "p2"], pupils: [10, 20, 30], allocation: [100, 400, 600],
                                need: [1, 2, 3], region: [0, 1, 1], regionIncome: [nil, 9000])
        let primary = input.restricted(to: [0, 2])
        #expect(primary.ids == ["p1", "p2"])
        #expect(primary.perPupil == [10, 20])
        #expect(primary.schoolIncome == [nil, 9000])
        #expect(input.perPupil == [10, 20, 20])
    }

    @Test func jsonCarriesEveryKeyAndNulls() throws {
        let metrics = Equity.metrics(EquityInput(ids: ["a", "b"], pupils: [1, 3], allocation: [10, 90],
                                                 need: [1, 1], region: [0, 0], regionIncome: [nil]))
        let data = try JSONEncoder().encode(metrics)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.count == metrics.namedValues.count)
        #expect(object["fiscal_neutrality_correlation"] is NSNull)
        #expect(object["atkinson_0_5"] is Double)
        #expect(try JSONDecoder().decode(EquityMetrics.self, from: data) == metrics)
    }
}
