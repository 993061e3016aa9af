import Foundation
import Testing

/// `validate --lang zh-CN` on broken copies of every example scenario and on the fuzz corpus's
/// scenario.yaml inputs: every problem line is Chinese, no English word left outside what quotes the
/// file (`"…"`), code and ids in backticks, file names and an allow-list of names that stay as
/// they are (YAML, JSON, UTF-8, units). The English run of the same folder is what the readers write.
@Suite struct ProblemsInChineseTests {
    /// Words that are names, not English, in a Chinese problem.
    static let allowed: Set<String> = ["YAML", "JSON", "CSV", "UTF", "KiB", "km", "eduplan", "id", "ids", "true", "false",
                                       "yes", "no", "min", "poor_boarding", "poor", "boarding", "enrollment", "FILE", "xlsx",
                                       "Excel", "ZIP", "NUL", "FIFO", "plan", "schools", "zh-CN", "en"]

    @Test func everyProblemOfBrokenScenariosIsInChinese() throws {
        var lines: [String] = []
        for folder in try Self.brokenFolders() {
            defer { try? FileManager.default.removeItem(at: folder) }
            let chinese = try eduplan(["validate", folder.path, "--lang", "zh-CN"])
            let english = try eduplan(["validate", folder.path])
            #expect(chinese.status == 1 && english.status == 1, "\(folder.lastPathComponent) was accepted")
            let problems = chinese.stdout.split(separator: "\n").map(String.init).filter { $0.contains("：应为 ") }
            #expect(problems.count == english.stdout.split(separator: "\n").filter { $0.contains(": expected ") }.count)
            lines += problems
        }
        let english = lines.filter { !Self.latinWords($0).isEmpty }
        #expect(lines.count > 300, "only \(lines.count) problems: are the broken copies still broken?")
        #expect(english.isEmpty, """
            \(english.count) of \(lines.count) problem lines keep English words:
            \(Set(english.map { Self.latinWords($0).joined(separator: " ") + "  ←  " + $0 }).sorted().joined(separator: "\n"))
            """)
    }

    /// identify (broken settings and student files) and evaluate (broken plans and actuals) on the
    /// fuzz harness's evaluation fixture: the same check as for scenarios.
    @Test func everyProblemOfBrokenSettingsPlansAndActualsIsInChinese() throws {
        let fixture = packageRoot.appendingPathComponent("tools/fuzz/Fixtures/evaluation")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-zh-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }
        let settings = try String(contentsOfFile: path("identify.yaml"), encoding: .utf8)
        try write("i1.yaml", settings.replacingOccurrences(of: "0.3", with: "abc").replacingOccurrences(of: "below", with: "under")
            .replacingOccurrences(of: "weight: 0.4", with: "weight: -1").replacingOccurrences(of: "not_deprived", with: "maybe") + "extra: 1\n")
        try write("i2.yaml", settings.replacingOccurrences(of: "direction: below, cutoff: 6000,", with: "")
            .replacingOccurrences(of: "[\"1\", \"yes\"]", with: "[]"))
        try write("i3.yaml", settings.replacingOccurrences(of: "cutoff: 6000", with: "cutoff: 6000, deprived_values: [\"1\"]")
            .replacingOccurrences(of: "boarding, values", with: "disability, values").replacingOccurrences(of: "poverty_cutoff: 0.3", with: "poverty_cutoff: 0"))
        try write("i4.yaml", "- a\n- b\n")
        try write("i5.yaml", "")
        try write("s1.csv", "id,school,income_per_capita,registered_poor,disability,academic_score,distance_km,health,boarding\n"
            + "a1,s1,x,1,0,45,7.5,good,1\na1,,12000,0,0,80,1.2,fair,0,9\na3,s2\n")
        try write("s2.csv", "id,school,id,income_per_capita\n")
        try write("s3.csv", "")
        var runs = ["i1", "i2", "i3", "i4", "i5"].map { ["identify", path("students.csv"), "--config", path("\($0).yaml")] }
        runs += ["s1", "s2", "s3"].map { ["identify", path("\($0).csv"), "--config", path("identify.yaml")] }
        for (name, plan) in try Self.brokenPlans(Data(contentsOf: URL(fileURLWithPath: path("plan.json")))) {
            try plan.write(to: URL(fileURLWithPath: path(name)))
            runs.append(["evaluate", path(name), "--actuals", path("money.csv")])
        }
        try write("m1.csv", "school,category,amount\ns1,living_allowance,abc\nzz,infrastructure,-5\ns2,nope,1e99\n,,\ns1,living_allowance,1,7\n")
        try write("m2.csv", "school,cat,amt\n")
        try write("m3.csv", "group,school,count\ng9,s1,1\ng1,s9,-1\ng1,s1,1.5\n")
        try write("m4.csv", "")
        runs += ["m1", "m2", "m3", "m4"].map { ["evaluate", path("plan.json"), "--actuals", path("\($0).csv")] }
        var lines: [String] = []
        for arguments in runs {
            let chinese = try eduplan(arguments + ["--lang", "zh-CN"])
            #expect(chinese.status == 1, "\(arguments) was accepted")
            lines += (chinese.stdout + chinese.stderr).split(separator: "\n").map(String.init).filter { $0.contains("：应为 ") }
        }
        // The one text left: Foundation's own JSON parser message, quoted as the reason.
        let english = lines.filter { !Self.latinWords($0).isEmpty && !$0.contains("不是 JSON 的文本（") }
        #expect(lines.count > 50, "only \(lines.count) problems")
        #expect(english.isEmpty, "\(english.count) of \(lines.count) keep English:\n\(english.joined(separator: "\n"))")
    }

    /// plan.json broken: an unknown status, a number for an id, a school without keys; no schools;
    /// not JSON; a list; every number negative or huge and every text changed.
    static func brokenPlans(_ data: Data) throws -> [(String, Data)] {
        func edited(_ change: (inout [String: Any], inout [String: Any]) -> Void) throws -> Data {
            var root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            var plan = try #require(root["plan"] as? [String: Any])
            change(&root, &plan)
            root["plan"] = plan
            return try JSONSerialization.data(withJSONObject: root)
        }
        func broken(_ items: Any?, number: Double, text: (String) -> String) -> [Any] {
            ((items as? [[String: Any]]) ?? []).map { item in
                item.mapValues { value -> Any in
                    if value is String { return text(value as! String) }
                    return value is NSNumber && !(value is Bool) ? number : value
                }
            }
        }
        return [
            ("p1.json", try edited { root, plan in
                root["status"] = "bogus"
                var schools = plan["schools"] as? [Any] ?? []
                schools[0] = ["id": 7]
                schools[1] = ["x": 1]
                plan["schools"] = schools
            }),
            ("p2.json", try edited { _, plan in plan["schools"] = nil }),
            ("p3.json", Data("{\"a\": ".utf8)),
            ("p4.json", Data("[1, 2]".utf8)),
            ("p5.json", try edited { _, plan in
                plan["schools"] = broken(plan["schools"], number: -3) { $0 }
                plan["funds"] = broken(plan["funds"], number: -1e300) { $0 + "?" }
                plan["dispatch"] = broken(plan["dispatch"], number: 1.5e308) { _ in "" }
            }),
        ]
    }

    /// The English words of a Chinese problem line after its frame, outside quotes, backticks and
    /// file names, not in ``allowed``.
    static func latinWords(_ line: String) -> [String] {
        guard let start = line.range(of: "：应为 ") else { return [] }
        var text = String(line[start.upperBound...])
        for pattern in [#""[^"]*""#, #"\b[0-9.]+e[-+]?[0-9]+\b"#, "`[^`]*`", #"[\w.-]+\.(csv|yaml|json|xlsx)"#, "U\\+[0-9A-F]{4,6}", "UTF-8", "--[a-z-]+"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text.components(separatedBy: CharacterSet.letters.inverted.subtracting(CharacterSet(charactersIn: "_-")))
            .filter { $0.count >= 2 && $0.unicodeScalars.allSatisfy(\.isASCII) && $0.contains(where: \.isLetter) }
            .filter { !allowed.contains($0) }
    }

    /// Copies of each example with broken cells and settings (three ways each), three examples with
    /// settings broken by hand (``settingsEdits``) and the fuzz corpus's scenario.yaml inputs placed
    /// in the first example.
    static func brokenFolders() throws -> [URL] {
        let examples = packageRoot.appendingPathComponent("scenarios/examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasPrefix("0") }.sorted()
        var folders: [URL] = []
        for name in names {
            for way in 0..<3 {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-zh-\(UUID().uuidString)")
                try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: folder)
                for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                    let url = folder.appendingPathComponent(file)
                    let text = try String(contentsOf: url, encoding: .utf8)
                    if file.hasSuffix(".csv") { try brokenTable(text, way: way).write(to: url, atomically: true, encoding: .utf8) }
                    if file.hasSuffix(".yaml") { try brokenSettings(text, way: way).write(to: url, atomically: true, encoding: .utf8) }
                }
                folders.append(folder)
            }
        }
        for (name, edits) in Self.settingsEdits {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-zh-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: folder)
            let url = folder.appendingPathComponent("scenario.yaml")
            var text = try String(contentsOf: url, encoding: .utf8)
            for (from, to) in edits {
                #expect(text.contains(from), "\(name)/scenario.yaml no longer has \(from)")
                text = text.replacingOccurrences(of: from, with: to)
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
            folders.append(folder)
        }
        let corpus = packageRoot.appendingPathComponent("Tests/Fixtures/fuzz-regressions/scenario-yaml")
        for input in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-zh-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: examples.appendingPathComponent(names[0]), to: folder)
            let target = folder.appendingPathComponent("scenario.yaml")
            try FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: corpus.appendingPathComponent(input), to: target)
            folders.append(folder)
        }
        return folders
    }

    /// Settings broken by hand, by example: variants, rules, dispatch and category keys.
    static let settingsEdits: [(String, [(String, String)])] = [
        ("09_budget_variants", [
            ("  - {name: \"budget -50%\", funds_scale: 0.5}",
             "  - {name: \"budget -50%\", funds_scale: -0.5, fund_amounts: {nope: 5}, bogus: 1}\n  - {name: \"budget -50%\"}\n  - {nme: x}"),
            ("rates: {primary: 10}", "rates: {primary: -10, college: 5}"), ("weight: 1,", "weight: -1, mandatory: maybe,"),
            ("regions: all", "regions: [nowhere, national]"),
        ]),
        ("06_poverty_county_share", [
            ("{mode: hard, share: 0.5, designations: [national]}",
             "{mode: hrd, share: 1.5, penalty: 3, designations: [natonal]}\n  rural_parit: {mode: soft}\n"
                + "  coverage_floor: {mode: hard}\n  hoover: {mode: soft, penalty: -1}"),
            ("time_limit_s: 60", "time_limit_s: 0"), ("\"no rule\", fairness: {}", "\"no rule\", fairness: {bogus: {}}"),
        ]),
        ("05_teacher_dispatch", [
            ("value_per_teacher: 1000, ", "value_per_teacher: -1, "), ("integer: true", "integer: maybe, candidate_limit: 0"),
            ("{id: dispatch, weight: 2}", "{id: dispatch, weight: 2, mandatory: true, per_student: {count: enrollment, rates: {primary: 1}}}"),
        ]),
    ]

    /// Data rows broken: all cells `x?`, all empty, ids changed and numbers huge, fractions, an extra
    /// cell, a repeated row; `way` shifts which row gets which.
    static func brokenTable(_ text: String, way: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        guard lines.count > 1 else { return text }
        for index in 1..<lines.count {
            var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch (index + way) % 6 {
            case 1: cells = cells.map { _ in "x?" }
            case 2: cells = cells.map { _ in "" }
            case 3: cells = [cells[0] + "z"] + cells.dropFirst().map { _ in "-1e99" }
            case 4: cells = [cells[0]] + cells.dropFirst().map { _ in "1.5" }
            case 5: cells.append("extra")
            default: break
            }
            lines[index] = cells.joined(separator: ",")
        }
        lines.append(lines[lines.count - 1])
        return lines.joined(separator: "\n") + "\n"
    }

    /// Settings broken: numbers made words (way 0) or negative (way 1), words made unknown (way 2),
    /// and an unknown key.
    static func brokenSettings(_ text: String, way: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line -> String in
            guard let colon = line.range(of: ": "), !line.hasPrefix("#") else { return String(line) }
            let value = line[colon.upperBound...]
            guard !value.isEmpty, !value.hasPrefix("#"), !value.hasPrefix("["), !value.hasPrefix("{") else { return String(line) }
            let isNumber = Double(value) != nil
            let key = line[..<colon.upperBound]
            switch way {
            case 0 where isNumber: return key + "abc"
            case 1 where isNumber: return key + "-5"
            case 2 where !isNumber && index % 2 == 0: return key + "zzz"
            default: return String(line)
            }
        }
        return lines.joined(separator: "\n") + "\nfund: 1\n"
    }
}
