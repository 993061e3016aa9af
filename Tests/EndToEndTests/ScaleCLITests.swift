import Foundation
import Testing

/// `solve --timings` and `solve --schools-per-part`, as a user runs them.
@Suite("solve at scale")
struct ScaleCLITests {
    static func province(_ schools: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-scale-\(UUID().uuidString)")
        let generated = try eduplan(["generate", "--schools", "\(schools)", "--regions", "20", "--seed", "3",
                                     "--out", folder.path, "--quiet"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return folder
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("--timings: phases, model size, memory; the plan's bytes do not change")
    func timings() throws {
        let folder = try Self.province(300)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Beside the scenario folder: eduplan refuses to write into an input folder.
        let file = URL(fileURLWithPath: folder.path + "-timings.json")
        defer { try? FileManager.default.removeItem(at: file) }
        let with = try eduplan(["solve", folder.path, "--format", "json", "--quiet", "--timings", file.path])
        let without = try eduplan(["solve", folder.path, "--format", "json", "--quiet"])
        #expect(with.status == 0 && without.status == 0)
        #expect(with.stdout == without.stdout)
        let timings = try Self.object(String(decoding: try Data(contentsOf: file), as: UTF8.self))
        let phases = try #require(timings["phases"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        for name in ["load scenario", "derive quantities", "build plan model", "load + solve plan", "read plan", "metrics", "write output"] {
            #expect(phases.contains(name), "missing phase \(name) in \(phases)")
        }
        let model = try #require(timings["model"] as? [String: Any])
        #expect((model["rows"] as? Double ?? 0) > 100)
        #expect((timings["peak_rss_mb"] as? Double ?? 0) > 1)
        let share = try #require(timings["own_share"] as? Double)
        #expect(share >= 0 && share <= 1)
    }

    @Test("--schools-per-part: parts, country-wide rules, a certified gap; bad values exit 1")
    func parts() throws {
        let folder = try Self.province(900)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try eduplan(["solve", folder.path, "--format", "json", "--quiet", "--schools-per-part", "300"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try Self.object(run.stdout)
        let decomposition = try #require(json["decomposition"] as? [String: Any])
        let parts = try #require(decomposition["parts"] as? [[String: Any]])
        #expect(parts.count == 3)
        #expect(parts.reduce(0) { $0 + ($1["schools"] as? Int ?? 0) } == 900)
        let rules = try #require(decomposition["global_rules"] as? [[String: Any]])
        #expect(rules.count == 3 && rules.allSatisfy { $0["met"] as? Bool == true })
        let gap = try #require(decomposition["certified_gap"] as? Double)
        #expect(gap >= 0 && gap < 0.05)
        #expect(json["relative_gap"] as? Double == gap)
        let objective = try #require(json["objective"] as? Double), bound = try #require(decomposition["lower_bound"] as? Double)
        #expect(bound <= objective)
        let text = try eduplan(["solve", folder.path, "--quiet", "--schools-per-part", "300"])
        #expect(text.stdout.contains("certified gap on U (in parts)"))
        #expect(text.stdout.contains("country-wide hoover"))
        for bad in [["--schools-per-part", "0"], ["--schools-per-part", "x"]] {
            let refused = try eduplan(["solve", folder.path] + bad)
            #expect(refused.status == 1, "\(bad): \(refused.stderr)")
        }
    }

    /// The same scenario in parts gives the same plan, byte for byte, from one process to the next.
    /// Swift seeds its hashing anew in every process, so a sum taken in a Set's or a Dictionary's
    /// order differs between runs: the money split once summed the fillable shortages over a Set,
    /// and one run in three of this province (1,200 schools, parts of 400) gave another plan.
    @Test("--schools-per-part: the same plan.json bytes in every process")
    func partsAreDeterministicAcrossProcesses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-parts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try eduplan(["generate", "--schools", "1200", "--regions", "30", "--seed", "4", "--out", folder.path, "--quiet"])
        #expect(generated.status == 0, "\(generated.stderr)")
        var plans: [Data] = []
        for run in 0..<4 {
            let out = URL(fileURLWithPath: folder.path + "-plan\(run)")
            defer { try? FileManager.default.removeItem(at: out) }
            let solved = try eduplan(["solve", folder.path, "--schools-per-part", "400", "--out", out.path, "--quiet"])
            #expect(solved.status == 0, "\(solved.stderr)")
            plans.append(try Data(contentsOf: out.appendingPathComponent("plan.json")))
        }
        #expect(Set(plans).count == 1, "\(Set(plans).count) different plans in \(plans.count) runs")
    }
}
