import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

/// "Who gains, who loses": the base plan against a previous plan (`--previous`) and each variant
/// against the base plan, in plain sentences: how many regions and schools receive more or less per
/// pupil, the largest gain and loss, and teachers dispatched.
extension HTMLReport {
    /// A change in per-pupil money smaller than half a fen is no change (round-off of the solve).
    static let gainTolerance = 0.005

    /// How one plan's regions and schools fare against the base plan's.
    struct Gains {
        var regionsUp = 0, regionsDown = 0, regionsSame = 0
        var schoolsUp = 0, schoolsDown = 0
        var largestGain: (region: String, change: Double)?
        var largestLoss: (region: String, change: Double)?
    }

    /// The per-pupil change of every region and school of `plan` against `base` (matched by id;
    /// regions and schools without pupils left out).
    static func gains(_ plan: Plan, against base: Plan) -> Gains {
        var gains = Gains()
        let before = Dictionary(regionTotals(base).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regions = regionTotals(plan).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        for region in regions {
            guard let now = region.perPupil, let then = before[region.id]?.perPupil else { continue }
            let change = now - then
            if change > gainTolerance {
                gains.regionsUp += 1
                if change > (gains.largestGain?.change ?? 0) { gains.largestGain = (region.id, change) }
            } else if change < -gainTolerance {
                gains.regionsDown += 1
                if change < (gains.largestLoss?.change ?? 0) { gains.largestLoss = (region.id, change) }
            } else {
                gains.regionsSame += 1
            }
        }
        let baseSchools = Dictionary(base.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for school in plan.schools {
            guard let now = school.perPupil, let then = baseSchools[school.id]?.perPupil else { continue }
            if now - then > gainTolerance { gains.schoolsUp += 1 } else if now - then < -gainTolerance { gains.schoolsDown += 1 }
        }
        return gains
    }

    func gainsSection() -> String {
        var out = section("gains", text("report.toc.gains"))
        guard let basePlan = result.plan else {
            return out + "<p class=\"note-box\">\(text("report.gains.no-base", ["status": text("report.status.\(result.status.rawValue)")]))</p>\n</section>\n"
        }
        guard !variants.isEmpty || previous != nil else { return out + "<p>\(text("report.gains.no-variants", ["variant": "<code>--variant NAME</code>", "previous": "<code>--previous plan.json</code>"]))</p>\n</section>\n" }
        out += "<p>\(text("report.gains.intro", ["unit": perPupilUnit]))</p>\n<ul class=\"sentences\">\n"
        if let previous {
            let g = Self.gains(basePlan, against: previous.plan)
            out += "<li>\(gainsSentence(g, key: "report.gains.previous", subject: "<code>\(HTMLText.name(previous.file))</code>"))</li>\n"
        }
        for report in variants {
            guard let plan = report.result.plan else {
                out += "<li>\(text("report.gains.no-plan", ["plan": label(report), "status": text("report.status.\(report.result.status.rawValue)")]))</li>\n"
                continue
            }
            var sentence = gainsSentence(Self.gains(plan, against: basePlan), key: "report.gains.regions", subject: label(report))
            if report.result.dispatched != result.dispatched {
                sentence += " " + text("report.gains.teachers", ["before": HTMLText.number(result.dispatched), "after": HTMLText.number(report.result.dispatched)])
            }
            out += "<li>\(sentence)</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// The counts of a comparison in the sentence `key` (about `subject`), then its largest gain and loss.
    func gainsSentence(_ g: Gains, key: String, subject: String) -> String {
        let names = Dictionary(scenario.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var sentence = text(key, ["plan": subject, "up": HTMLText.number(Double(g.regionsUp)), "down": HTMLText.number(Double(g.regionsDown)),
                                  "same": HTMLText.number(Double(g.regionsSame)),
                                  "total": HTMLText.number(Double(g.regionsUp + g.regionsDown + g.regionsSame)), "schoolsUp": HTMLText.number(Double(g.schoolsUp)),
                                  "schoolsDown": HTMLText.number(Double(g.schoolsDown))])
        if let gain = g.largestGain {
            sentence += " " + text("report.gains.largest-gain", ["region": HTMLText.name(names[gain.region] ?? gain.region), "amount": HTMLText.number(gain.change, decimals: 2), "unit": perPupilUnit])
        }
        if let loss = g.largestLoss {
            sentence += " " + text("report.gains.largest-loss", ["region": HTMLText.name(names[loss.region] ?? loss.region), "amount": HTMLText.number(-loss.change, decimals: 2), "unit": perPupilUnit])
        }
        return sentence
    }
}
