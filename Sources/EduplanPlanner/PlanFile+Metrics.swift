import Foundation

extension PlanFile {
    /// The `metrics` object of a solve (MODEL.md §8): the headline equity metrics of per-pupil money,
    /// teacher allocation before and after dispatch, and the breakdowns by level, category and
    /// region. The values are computed by EduplanMetrics; this is only their layout. Undefined
    /// values are nil (`null`).
    public struct Metrics: Sendable, Equatable, Codable {
        public var gini: Double?
        public var theil: Double?
        public var theilBetween: Double?
        public var theilWithin: Double?
        public var atkinson0_5: Double?
        public var atkinson1: Double?
        public var atkinson2: Double?
        public var cv: Double?
        public var mcloone: Double?
        public var verstegen: Double?
        public var federalRangeRatio: Double?
        public var restrictedRange: Double?
        public var range: Double?
        public var hoover: Double?
        public var meanPerPupil: Double?
        public var medianPerPupil: Double?
        public var fiscalNeutralityCorrelation: Double?
        public var fiscalNeutralityElasticity: Double?
        public var teacherAllocationR2Before: Double?
        public var teacherAllocationR2After: Double?
        public var staffingStandardShareBefore: Double?
        public var staffingStandardShareAfter: Double?
        /// The per-pupil metrics of each school level's schools, by level.
        public var byLevel: [String: LevelMetrics]?
        /// Σ x / Σ N by category (non-dispatch) and by region.
        public var coverageByCategory: [String: Coverage]?
        public var coverageByRegion: [String: Coverage]?
        /// Poor students fully covered (MODEL.md §11).
        public var poorFullyCovered: PoorCoverage?

        /// Metrics with every value undefined.
        public init() {}

        enum CodingKeys: String, CodingKey {
            case gini, theil, cv, mcloone, verstegen, range, hoover
            case theilBetween = "theil_between", theilWithin = "theil_within"
            case atkinson0_5 = "atkinson_0_5", atkinson1 = "atkinson_1", atkinson2 = "atkinson_2"
            case federalRangeRatio = "federal_range_ratio", restrictedRange = "restricted_range"
            case meanPerPupil = "mean_per_pupil", medianPerPupil = "median_per_pupil"
            case fiscalNeutralityCorrelation = "fiscal_neutrality_correlation"
            case fiscalNeutralityElasticity = "fiscal_neutrality_elasticity"
            case teacherAllocationR2Before = "teacher_allocation_r2_before"
            case teacherAllocationR2After = "teacher_allocation_r2_after"
            case staffingStandardShareBefore = "staffing_standard_share_before"
            case staffingStandardShareAfter = "staffing_standard_share_after"
            case byLevel = "by_level", coverageByCategory = "coverage_by_category"
            case coverageByRegion = "coverage_by_region", poorFullyCovered = "poor_fully_covered"
        }

        /// The headline values with their keys.
        var headline: [(CodingKeys, Double?)] {
            [(.gini, gini), (.theil, theil), (.theilBetween, theilBetween), (.theilWithin, theilWithin),
             (.atkinson0_5, atkinson0_5), (.atkinson1, atkinson1), (.atkinson2, atkinson2), (.cv, cv), (.mcloone, mcloone),
             (.verstegen, verstegen), (.federalRangeRatio, federalRangeRatio), (.restrictedRange, restrictedRange),
             (.range, range), (.hoover, hoover), (.meanPerPupil, meanPerPupil), (.medianPerPupil, medianPerPupil),
             (.fiscalNeutralityCorrelation, fiscalNeutralityCorrelation), (.fiscalNeutralityElasticity, fiscalNeutralityElasticity),
             (.teacherAllocationR2Before, teacherAllocationR2Before), (.teacherAllocationR2After, teacherAllocationR2After),
             (.staffingStandardShareBefore, staffingStandardShareBefore), (.staffingStandardShareAfter, staffingStandardShareAfter)]
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            for (key, value) in headline { try c.encode(value, forKey: key) }
            // A plan always has its breakdowns; metrics built in code may leave them out.
            try c.encodeIfPresent(byLevel, forKey: .byLevel)
            try c.encodeIfPresent(coverageByCategory, forKey: .coverageByCategory)
            try c.encodeIfPresent(coverageByRegion, forKey: .coverageByRegion)
            try c.encodeIfPresent(poorFullyCovered, forKey: .poorFullyCovered)
        }
    }

    /// The per-pupil metrics of one school level's schools.
    public struct LevelMetrics: Sendable, Equatable, Codable {
        /// Schools of the level (with or without pupils).
        public var schools: Int
        /// Σ n_s over them.
        public var pupils: Double
        public var meanPerPupil: Double?
        public var gini: Double?
        public var theil: Double?
        public var cv: Double?
        public var mcloone: Double?
        public var verstegen: Double?
        public var federalRangeRatio: Double?
        public var restrictedRange: Double?
        public var range: Double?
        public var hoover: Double?
        public var atkinson0_5: Double?
        public var atkinson1: Double?
        public var atkinson2: Double?

        /// The level's counts, every metric undefined.
        public init(schools: Int, pupils: Double) {
            self.schools = schools
            self.pupils = pupils
        }

        enum CodingKeys: String, CodingKey {
            case schools, pupils, gini, theil, cv, mcloone, verstegen, range, hoover
            case meanPerPupil = "mean_per_pupil"
            case federalRangeRatio = "federal_range_ratio", restrictedRange = "restricted_range"
            case atkinson0_5 = "atkinson_0_5", atkinson1 = "atkinson_1", atkinson2 = "atkinson_2"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(schools, forKey: .schools)
            try c.encode(pupils, forKey: .pupils)
            for (key, value) in [(CodingKeys.meanPerPupil, meanPerPupil), (.gini, gini), (.theil, theil), (.cv, cv),
                                 (.mcloone, mcloone), (.verstegen, verstegen), (.federalRangeRatio, federalRangeRatio),
                                 (.restrictedRange, restrictedRange), (.range, range), (.hoover, hoover),
                                 (.atkinson0_5, atkinson0_5), (.atkinson1, atkinson1), (.atkinson2, atkinson2)] {
                try c.encode(value, forKey: key)
            }
        }
    }

    /// Money against need for a group: Σ x, Σ N and Σ x / Σ N (nil when Σ N = 0).
    public struct Coverage: Sendable, Equatable, Codable {
        public var allocated: Double
        public var need: Double
        public var ratio: Double?

        /// A group's coverage as computed.
        public init(allocated: Double, need: Double, ratio: Double?) {
            self.allocated = allocated
            self.need = need
            self.ratio = ratio
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(allocated, forKey: .allocated)
            try c.encode(need, forKey: .need)
            try c.encode(ratio, forKey: .ratio)
        }
    }

    /// Poor students fully covered: their number and their share of all poor students (nil when
    /// there are none).
    public struct PoorCoverage: Sendable, Equatable, Codable {
        public var count: Double
        public var share: Double?

        /// The count and share as computed.
        public init(count: Double, share: Double?) {
            self.count = count
            self.share = share
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(count, forKey: .count)
            try c.encode(share, forKey: .share)
        }
    }
}
