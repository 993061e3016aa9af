import Foundation
import Testing

/// Issue 12, plans, actuals, sweeps and CLI numbers, run as a user would: every input that trapped
/// (exit 132) or was trusted now exits 1 with its location, and plan.json carries the scenario's
/// fingerprints.
@Suite(.serialized) struct PlanTrustCLITests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-trust-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `solve DIR --out OUT` and the plan.json it wrote, as an object.
    static func solve(_ directory: String, out: URL, _ more: [String] = []) throws -> [String: Any] {
        let run = try eduplan(["solve", directory, "--out", out.path, "--quiet"] + more)
        #expect(run.status == 0, "solve \(directory) failed: \(run.stderr)")
        let data = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Edits a plan.json (as a JSON object) and writes it beside, under `name`.
    static func edited(_ plan: URL, _ name: String, _ change: (inout [String: Any]) -> Void) throws -> URL {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as? [String: Any])
        change(&object)
        let url = plan.deletingLastPathComponent().appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url
    }

    /// A trap prints Swift's "Fatal error" and a backtrace and exits 132; bad input exits 1.
    static func expectBadInput(_ run: (status: Int32, stdout: String, stderr: String), _ words: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "exit \(run.status): \(run.stderr.prefix(400))", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Program crashed"), sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "stderr lacks \(word): \(run.stderr.prefix(600))", sourceLocation: sourceLocation) }
    }

    @Test func fingerprintIsStableAndFollowsTheInputs() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try Self.solve("scenarios/examples/01_priority_weights", out: folder.appendingPathComponent("a"))
        _ = try Self.solve("scenarios/examples/01_priority_weights", out: folder.appendingPathComponent("b"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("a/plan.json")) == Data(contentsOf: folder.appendingPathComponent("b/plan.json")))
        let fingerprint = try #require(a["scenario_fingerprint"] as? String), identity = try #require(a["scenario_identity"] as? String)
        #expect(fingerprint.count == 64 && identity.count == 64)

        // One number changed (the fund's amount): another fingerprint, the same identity.
        let copy = folder.appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("scenarios/examples/01_priority_weights"), to: copy)
        let yaml = copy.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        let changedText = text.replacingOccurrences(of: "amount: 2500", with: "amount: 2400")
        #expect(changedText != text)
        try changedText.write(to: yaml, atomically: true, encoding: .utf8)
        let changed = try Self.solve(copy.path, out: folder.appendingPathComponent("c"))
        #expect(changed["scenario_fingerprint"] as? String != fingerprint)
        #expect(changed["scenario_identity"] as? String == identity)

        // Re-planning the changed scenario against the first plan: facts changed, which is the
        // normal case; it runs and says so.
        let replan = try eduplan(["solve", copy.path, "--previous", folder.appendingPathComponent("a/plan.json").path])
        #expect(replan.status == 0)
        #expect(replan.stderr.contains("facts changed since the previous plan (fingerprint \(fingerprint.prefix(12))"))
    }

    @Test func previousPlanOfAnotherScenarioIsRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.solve("scenarios/examples/01_priority_weights", out: folder)
        let path = folder.appendingPathComponent("plan.json").path
        let refused = try eduplan(["solve", "scenarios/examples/02_mandatory_first", "--previous", path, "--quiet"])
        let ownPrint = String((plan["scenario_fingerprint"] as? String ?? "").prefix(12))
        Self.expectBadInput(refused, ["(scenario_identity)", "\"Example 1 - priority weights\" (base; fingerprint \(ownPrint))",
                                      "\"Example 2 - mandatory needs first\" (base; fingerprint ", "--allow-foreign-plan"])
        #expect(refused.stdout.isEmpty)
        let allowed = try eduplan(["solve", "scenarios/examples/02_mandatory_first", "--previous", path, "--allow-foreign-plan"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("warning: expected a plan of this scenario"))

        // A plan written before fingerprints existed: refused with the hint, allowed with the flag.
        let old = try Self.edited(URL(fileURLWithPath: path), "old.json") { object in
            object["scenario_fingerprint"] = nil
            object["scenario_identity"] = nil
        }
        Self.expectBadInput(try eduplan(["solve", "scenarios/examples/01_priority_weights", "--previous", old.path, "--quiet"]),
                            ["expected a plan that records the scenario it was solved from", "--allow-foreign-plan"])
        #expect(try eduplan(["solve", "scenarios/examples/01_priority_weights", "--previous", old.path, "--allow-foreign-plan", "--quiet"]).status == 0)
    }

    /// A dispatch of 1e308 in the previous plan gave "optimal" with objective inf.
    @Test func previousDispatchOfTenToThe308IsRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.solve("scenarios/examples/05_teacher_dispatch", out: folder)
        let bad = try Self.edited(folder.appendingPathComponent("plan.json"), "bad.json") { object in
            var plan = object["plan"] as! [String: Any]
            var dispatch = plan["dispatch"] as! [[String: Any]]
            dispatch[0]["count"] = 1e308
            plan["dispatch"] = dispatch
            object["plan"] = plan
        }
        let run = try eduplan(["solve", "scenarios/examples/05_teacher_dispatch", "--previous", bad.path, "--format", "json"])
        Self.expectBadInput(run, ["bad.json (plan.dispatch[0].count): expected a number from 0 to 10,000,000, found 1e+308"])
        #expect(run.stdout.isEmpty)
    }

    @Test func evaluateRefusesHugeActualsAndNegativePlans() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.solve("scenarios/examples/01_priority_weights", out: folder)
        let plan = folder.appendingPathComponent("plan.json")
        let huge = folder.appendingPathComponent("huge.csv")
        try "school,category,amount\nS1,grant,1.7e308\nS2,grant,9e12\nS2,grant,9e12\n".write(to: huge, atomically: true, encoding: .utf8)
        Self.expectBadInput(try eduplan(["evaluate", plan.path, "--actuals", huge.path]),
                            ["huge.csv:2:3 (amount): expected an amount from 0 to 1e13", "huge.csv:4:3 (amount): expected disbursements to school S2 for grant adding up to at most 1e13"])

        let negative = try Self.edited(plan, "negative.json") { object in
            var body = object["plan"] as! [String: Any]
            var schools = body["schools"] as! [[String: Any]]
            for i in schools.indices { schools[i]["allocated"] = ["grant": -1e308] }
            body["schools"] = schools
            object["plan"] = body
        }
        let ok = folder.appendingPathComponent("ok.csv")
        try "school,category,amount\nS1,grant,10\n".write(to: ok, atomically: true, encoding: .utf8)
        Self.expectBadInput(try eduplan(["evaluate", negative.path, "--actuals", ok.path]),
                            ["negative.json (plan.schools[0].allocated.grant): expected an amount of money from 0 to 1e13, found -1e+308",
                             "(plan.schools[4].allocated.grant)"])
    }

    @Test func evaluateNeedsThePlansOwnScenario() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.solve("scenarios/examples/09_budget_variants", out: folder, ["--variant", "budget -50%"])
        let plan = folder.appendingPathComponent("plan.json").path
        let actuals = folder.appendingPathComponent("a.csv")
        try "school,category,amount\nA,grant,10\n".write(to: actuals, atomically: true, encoding: .utf8)
        // The plan's variant is applied to the folder's base scenario: the fingerprint matches.
        let own = try eduplan(["evaluate", plan, "--actuals", actuals.path, "--scenario", "scenarios/examples/09_budget_variants", "--quiet"])
        #expect(own.status == 0, "\(own.stderr)")
        let other = try eduplan(["evaluate", plan, "--actuals", actuals.path, "--scenario", "scenarios/examples/07_maxmin_coverage"])
        Self.expectBadInput(other, ["(variant): expected a variant of the scenario \"Example 7 - max-min coverage\""])
        let allowed = try eduplan(["evaluate", plan, "--actuals", actuals.path, "--scenario", "scenarios/examples/06_poverty_county_share",
                                   "--allow-foreign-plan", "--format", "json"])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("warning:") && allowed.stdout.contains("Warning: "))
    }

    @Test func sweepOptionsOutOfRange() throws {
        let base = ["sweep", "scenarios/examples/01_priority_weights", "--fund", "provincial", "--from", "0.5", "--quiet"]
        for steps in ["9223372036854775807", "1000000000"] {
            Self.expectBadInput(try eduplan(base + ["--to", "1", "--steps", steps]), ["--steps must be from 2 to 10,000 (found \(steps))", "narrower ranges"])
        }
        Self.expectBadInput(try eduplan(base + ["--to", "1e308", "--steps", "3"]),
                            ["--to: expected a multiplier that keeps fund provincial at most 1e13 (its amount 2500 × 1e+308 = inf)"])
        Self.expectBadInput(try eduplan(base + ["--to", "0.25", "--steps", "3"]), ["0 ≤ from ≤ to"])
        Self.expectBadInput(try eduplan(base + ["--to", "1", "--steps", "3", "--jobs", "65"]), ["--jobs must be from 1 to 64"])
        Self.expectBadInput(try eduplan(base + ["--to", "1", "--steps", "3", "--block", "9223372036854775807"]), ["--block must be from 1 to 10,000"])
        Self.expectBadInput(try eduplan(base + ["--to", "1", "--steps", "3", "--shard", "0/9223372036854775807"]), ["--shard"])
    }

    /// A Gini of 1.5 emptied the Gini axis and Int(NaN) trapped while drawing.
    @Test func reportRefusesASweepOutOfRange() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = folder.appendingPathComponent("frontier.csv")
        let run = try eduplan(["sweep", "scenarios/examples/01_priority_weights", "--fund", "provincial", "--from", "0.5", "--to", "1",
                               "--steps", "3", "--out", sweep.path, "--quiet"])
        #expect(run.status == 0)
        let page = folder.appendingPathComponent("page.html")
        #expect(try eduplan(["report", "scenarios/examples/01_priority_weights", "--no-variants", "--sweep", sweep.path, "--out", page.path, "--quiet"]).status == 0)
        try FileManager.default.removeItem(at: page)

        var lines = try String(contentsOf: sweep, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let gini = try #require(lines[0].firstIndex(of: "gini")), status = try #require(lines[0].firstIndex(of: "status"))
        for i in 1..<lines.count { lines[i][gini] = "1.5" }
        lines[2][status] = "fine"
        let bad = folder.appendingPathComponent("bad.csv")
        try lines.map { $0.joined(separator: ",") + "\n" }.joined().write(to: bad, atomically: true, encoding: .utf8)
        let refused = try eduplan(["report", "scenarios/examples/01_priority_weights", "--no-variants", "--sweep", bad.path, "--out", page.path])
        Self.expectBadInput(refused, ["bad.csv:2:\(gini + 1) (gini): expected a number from 0 to 1 or an empty cell, found \"1.5\"",
                                      "bad.csv:4:\(gini + 1) (gini)", "bad.csv:3:\(status + 1) (status)"])
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }
}
