import EduplanScenario
import Foundation

/// Deterministic synthetic student files for a scenario's schools, for examples, tests and benchmarks.
///
/// Columns: `id,school,income_per_capita,registered_poor,disability,left_behind,boarding,academic_score,distance_km,health`.
/// With `scale` 1 a school gets exactly `enrollment` students of whom exactly `poor`, `disabled`,
/// `left_behind` and `boarding` carry the flags `registered_poor`, `disability`, `left_behind` and
/// `boarding`, and exactly `poor_boarding` are both registered poor and boarding (chosen at random
/// positions by selection sampling); with another scale or a fixed number per school the flags keep the
/// school's shares, rounded. The other columns are drawn:
/// - `income_per_capita` (CNY/yr, household): log-normal around 80% of the region's income per capita
///   (30,000 when not given), σ 0.5; around 3,500 for registered-poor students;
/// - `academic_score` (0–100, one decimal): normal, mean 72 (−4 registered poor, −6 left behind), sd 12;
/// - `distance_km` (home to school, one decimal): exponential, mean 4 km at rural schools, 1.5 km at urban ones;
/// - `health`: `good` 93%, `fair` 5%, `poor` 2% (a text column, for `deprived_values`).
///
/// The same scenario, options and seed always give the same bytes.
public enum StudentGenerator {
    /// What to generate.
    public struct Options: Sendable, Equatable {
        public var seed: UInt64
        /// Students per school (nil: enrollment × scale, rounded).
        public var perSchool: Int?
        public var scale: Double
        /// Only schools of these regions (nil: all).
        public var regions: Set<String>?
        /// Only the first this many schools (after the region filter; nil: all).
        public var schoolLimit: Int?

        public init(seed: UInt64, perSchool: Int? = nil, scale: Double = 1, regions: Set<String>? = nil, schoolLimit: Int? = nil) {
            self.seed = seed
            self.perSchool = perSchool
            self.scale = scale
            self.regions = regions
            self.schoolLimit = schoolLimit
        }

        /// Why these options cannot be used, or nil.
        public var problem: String? {
            if let perSchool, !(0...10_000_000).contains(perSchool) { return "--per-school must be from 0 to 10,000,000" }
            if !(scale >= 0 && scale <= 1000) { return "--scale must be a number from 0 to 1,000" }
            if let schoolLimit, schoolLimit < 1 { return "--schools must be ≥ 1" }
            return nil
        }
    }

    /// The header of a generated file.
    public static let columns = ["id", "school", "income_per_capita", "registered_poor", "disability", "left_behind",
                                 "boarding", "academic_score", "distance_km", "health"]

    /// Writes a student file for `scenario` to `url`.
    /// - Returns: The number of students written.
    /// - Throws: A ``IdentificationErrors`` when the file cannot be written.
    /// - Complexity: O(students); memory O(1) beyond the scenario.
    @discardableResult
    public static func write(_ scenario: Scenario, options: Options, to url: URL) throws -> Int {
        guard let writer = ByteWriter(path: url.path) else {
            throw IdentificationErrors(problems: [ScenarioProblem(file: url.relativePath, expected: "a file that can be written",
                                                                  found: String(cString: strerror(errno)))])
        }
        writer.write(columns.joined(separator: ",") + "\n")
        var random = SplitMix64(seed: options.seed)
        var written = 0
        var schoolsUsed = 0
        for school in scenario.schools {
            let region = scenario.regions[school.region]
            if let regions = options.regions, !regions.contains(region.id) { continue }
            if let limit = options.schoolLimit, schoolsUsed >= limit { break }
            schoolsUsed += 1
            let n = options.perSchool ?? Int((Double(school.enrollment) * options.scale).rounded())
            func share(_ count: Int) -> Int {
                guard school.enrollment > 0 else { return 0 }
                if options.perSchool == nil, options.scale == 1 { return count }
                return min(n, Int((Double(count) / Double(school.enrollment) * Double(n)).rounded()))
            }
            var poorLeft = share(school.poor), disabledLeft = share(school.disabled), leftBehindLeft = share(school.leftBehind)
            // Boarders among the poor and among the others, so that poor ∧ boarding = poor_boarding.
            var poorBoardingLeft = min(share(school.poorBoarding), poorLeft)
            var otherBoardingLeft = min(max(0, share(school.boarding) - poorBoardingLeft), n - poorLeft)
            var poorPositions = poorLeft, otherPositions = n - poorLeft
            let medianIncome = 0.8 * (region.incomePerCapita ?? 30000)
            let meanDistance = school.rural ? 4.0 : 1.5
            for j in 0..<n {
                let remaining = n - j
                // Selection sampling: exactly `count` of the n students get the flag.
                func draw(_ left: inout Int) -> Bool {
                    guard left > 0 else { return false }
                    if random.unit() * Double(remaining) < Double(left) {
                        left -= 1
                        return true
                    }
                    return false
                }
                let poor = draw(&poorLeft), disabled = draw(&disabledLeft), leftBehind = draw(&leftBehindLeft)
                var boarding = false
                if poor {
                    boarding = random.unit() * Double(poorPositions) < Double(poorBoardingLeft)
                    if boarding { poorBoardingLeft -= 1 }
                    poorPositions -= 1
                } else {
                    boarding = random.unit() * Double(otherPositions) < Double(otherBoardingLeft)
                    if boarding { otherBoardingLeft -= 1 }
                    otherPositions -= 1
                }
                let income = (poor ? 3500 : medianIncome) * exp(0.5 * normal(&random))
                var score = 72 + 12 * normal(&random) - (poor ? 4 : 0) - (leftBehind ? 6 : 0)
                score = min(100, max(0, score))
                let distance = -meanDistance * log(1 - random.unit())
                let u = random.unit()
                let health = u < 0.93 ? "good" : (u < 0.98 ? "fair" : "poor")

                writer.writeField("\(school.id)-\(j + 1)")
                writer.write(44)
                writer.writeField(school.id)
                writer.write(",\(Int(income.rounded())),\(poor ? 1 : 0),\(disabled ? 1 : 0),\(leftBehind ? 1 : 0),\(boarding ? 1 : 0),\(tenths(score)),\(tenths(distance)),\(health)\n")
                written += 1
            }
        }
        if let failure = writer.close() {
            throw IdentificationErrors(problems: [ScenarioProblem(file: url.relativePath, expected: "the student file written in full",
                                                                  found: failure)])
        }
        return written
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    private static func normal(_ random: inout SplitMix64) -> Double {
        let u1 = 1 - random.unit(), u2 = random.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `12.3`: one decimal, without Double formatting.
    private static func tenths(_ value: Double) -> String {
        let t = Int((value * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }
}
