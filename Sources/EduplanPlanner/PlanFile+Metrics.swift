import EduplanScenario
import Foundation

extension PlanFile {
    /// The `metrics` object of a solve (MODEL.md §8): the headline equity metrics of per-pupil money,
    /// teacher allocation before and after dispatch, and the breakdowns by level, category and
    /// region. The values are computed by EduplanMetrics; this is only their layout. Undefined
    /// values are nil (`null`); every key is written, the breakdowns only when present.
    public struct Metrics: Sendable, Equatable, Codable {
        @NullWhenNil public var gini: Double?
        @NullWhenNil public var theil: Double?
        @NullWhenNil public var theilBetween: Double?
        @NullWhenNil public var theilWithin: Double?
        @NullWhenNil public var atkinson0_5: Double?
        @NullWhenNil public var atkinson1: Double?
        @NullWhenNil public var atkinson2: Double?
        @NullWhenNil public var cv: Double?
        @NullWhenNil public var mcloone: Double?
        @NullWhenNil public var verstegen: Double?
        @NullWhenNil public var federalRangeRatio: Double?
        @NullWhenNil public var restrictedRange: Double?
        @NullWhenNil public var range: Double?
        @NullWhenNil public var hoover: Double?
        @NullWhenNil public var meanPerPupil: Double?
        @NullWhenNil public var medianPerPupil: Double?
        @NullWhenNil public var fiscalNeutralityCorrelation: Double?
        @NullWhenNil public var fiscalNeutralityElasticity: Double?
        @NullWhenNil public var teacherAllocationR2Before: Double?
        @NullWhenNil public var teacherAllocationR2After: Double?
        @NullWhenNil public var staffingStandardShareBefore: Double?
        @NullWhenNil public var staffingStandardShareAfter: Double?
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
    }

    /// The per-pupil metrics of one school level's schools.
    public struct LevelMetrics: Sendable, Equatable, Codable {
        /// Schools of the level (with or without pupils).
        public var schools: Int
        /// Σ n_s over them.
        public var pupils: Double
        @NullWhenNil public var meanPerPupil: Double?
        @NullWhenNil public var gini: Double?
        @NullWhenNil public var theil: Double?
        @NullWhenNil public var cv: Double?
        @NullWhenNil public var mcloone: Double?
        @NullWhenNil public var verstegen: Double?
        @NullWhenNil public var federalRangeRatio: Double?
        @NullWhenNil public var restrictedRange: Double?
        @NullWhenNil public var range: Double?
        @NullWhenNil public var hoover: Double?
        @NullWhenNil public var atkinson0_5: Double?
        @NullWhenNil public var atkinson1: Double?
        @NullWhenNil public var atkinson2: Double?

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
    }

    /// Money against need for a group: Σ x, Σ N and Σ x / Σ N (nil when Σ N = 0).
    public struct Coverage: Sendable, Equatable, Codable {
        public var allocated: Double
        public var need: Double
        @NullWhenNil public var ratio: Double?

        /// A group's coverage as computed.
        public init(allocated: Double, need: Double, ratio: Double?) {
            self.allocated = allocated
            self.need = need
            self.ratio = ratio
        }
    }

    /// Poor students fully covered: their number and their share of all poor students (nil when
    /// there are none).
    public struct PoorCoverage: Sendable, Equatable, Codable {
        public var count: Double
        @NullWhenNil public var share: Double?

        /// The count and share as computed.
        public init(count: Double, share: Double?) {
            self.count = count
            self.share = share
        }
    }
}
