import Foundation
import Testing

/// `--lang` and `--money`: the summary is Chinese through and through, the plan's files are the
/// same bytes in every language and money unit, and the language is chosen as documented
/// (`--lang`, else the scenario's `locale:`, else LANG).
@Suite struct LanguageCLITests {
    /// Words of ASCII letters the Chinese summary may print besides the scenario's own ids and
    /// names: the symbols its rows define (U, t*, R², Σ(N − x)), the metrics document's path, and the
    /// `--format json` key the status sentence points to.
    static let allowed: Set<String> = ["U", "t", "R", "T", "N", "x", "docs", "metrics.md", "json", "format", "status_detail"]

    /// The ASCII-letter words of the scenario's own ids and names (scenario.yaml `id:` and
    /// `name:` values, every cell of its CSV tables): a Chinese summary may quote those.
    static func scenarioWords(_ folder: String) throws -> Set<String> {
        let root = packageRoot.appendingPathComponent(folder)
        var text = ""
        for file in try FileManager.default.contentsOfDirectory(atPath: root.path) where file.hasSuffix(".csv") {
            text += try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        }
        let yaml = try String(contentsOf: root.appendingPathComponent("scenario.yaml"), encoding: .utf8)
        for line in yaml.split(separator: "\n") {
            for marker in ["id: ", "name: "] {
                var rest = line[...]
                while let range = rest.range(of: marker) {
                    let after = rest[range.upperBound...]
                    // A quoted value runs to its closing quote (it may hold commas); a plain one to , or }.
                    let value = after.first == "\"" ? after.dropFirst().prefix { $0 != "\"" } : after.prefix { $0 != "," && $0 != "}" }
                    text += " " + value
                    rest = rest[range.upperBound...]
                }
            }
        }
        return words(text)
    }

    /// Maximal runs of ASCII letters, digits, `_`, `-` and `.` that start with a letter.
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
        if !current.isEmpty { found.insert(current) }
        return found
    }

    /// Every example with a plan, solved with `--lang zh-CN`: stdout has no English word outside
    /// the scenario's ids and names and the allow-list; the Chinese headings are there.
    @Test(arguments: ["01_priority_weights", "02_mandatory_first", "03_earmarked_funds", "04_school_projects",
                      "05_teacher_dispatch", "06_poverty_county_share", "07_maxmin_coverage", "09_budget_variants"])
    func chineseSummaryHasNoEnglishWords(example: String) throws {
        let folder = "scenarios/examples/\(example)"
        let run = try eduplan(["solve", folder, "--lang", "zh-CN"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("资金来源") && run.stdout.contains("求解状态") && run.stdout.contains("基尼系数"))
        let english = Self.words(run.stdout).subtracting(try Self.scenarioWords(folder)).subtracting(Self.allowed)
        #expect(english.isEmpty, "English words in the Chinese summary: \(english.sorted())\n\(run.stdout)")
        #expect(run.stderr.contains("完成：整个命令用时"))
    }

    /// The other outputs in Chinese have no English word either: the diagnosis of example 8, the
    /// comparison and a sweep of example 9, validate's summary.
    @Test(arguments: [(["solve", "scenarios/examples/08_infeasible_diagnosis"], Int32(2), "必须放宽什么"),
                      (["compare", "scenarios/examples/09_budget_variants"], 0, "变化说明"),
                      (["sweep", "scenarios/examples/09_budget_variants", "--fund", "general", "--from", "0.5", "--to", "1.5", "--steps", "3"],
                       0, "预算前沿"),
                      (["validate", "scenarios/examples/09_budget_variants"], 0, "项资金，合计")])
    func otherOutputsHaveNoEnglishWords(arguments: [String], status: Int32, heading: String) throws {
        let run = try eduplan(arguments + ["--lang", "zh-CN"])
        #expect(run.status == status)
        #expect(run.stdout.contains(heading), "\(run.stdout)")
        // "d objective/d amount" in the sweep's note is a derivative's notation.
        let allowed = Self.allowed.union(["JSON", "d"])
        let english = Self.words(run.stdout).subtracting(try Self.scenarioWords(arguments[1])).subtracting(allowed)
        #expect(english.isEmpty, "English words in \(arguments[0]): \(english.sorted())\n\(run.stdout)")
    }

    /// The plan folder and the JSON are the same bytes whatever the language and money unit.
    @Test func planBytesDoNotDependOnTheWording() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-lang-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = "scenarios/examples/09_budget_variants"
        var outputs: [[String: Data]] = []
        var json: [String] = []
        for (i, wording) in [["--lang", "en"], ["--lang", "zh-CN", "--money", "wan"], ["--lang", "zh-CN", "--money", "yi"]].enumerated() {
            let out = folder.appendingPathComponent("\(i)").path
            #expect(try eduplan(["solve", example, "--out", out, "--quiet"] + wording).status == 0)
            let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            outputs.append(Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))) }))
            json.append(try eduplan(["solve", example, "--format", "json", "--quiet"] + wording).stdout)
            #expect(try eduplan(["solve", example, "--format", "csv", "--quiet"] + wording).stdout
                    == eduplan(["solve", example, "--format", "csv", "--quiet"]).stdout)
        }
        #expect(outputs[0].count >= 3 && outputs[1] == outputs[0] && outputs[2] == outputs[0])
        #expect(json[1] == json[0] && json[2] == json[0] && json[0].contains("\"status\""))
    }

    /// Example 1's fund holds 2,500 CNY: 0.25 万元, 0.0000 亿元 (four decimals), and the value
    /// per 万元 is 10⁴ times the value per yuan (2.9 → 29,000.000).
    @Test func moneyScales() throws {
        let example = "scenarios/examples/01_priority_weights"
        let yuan = try eduplan(["solve", example, "--lang", "zh-CN"]).stdout
        #expect(yuan.contains("金额（元）") && yuan.contains("2,500") && yuan.contains("2.900"))
        let wan = try eduplan(["solve", example, "--lang", "zh-CN", "--money", "wan"]).stdout
        #expect(wan.contains("金额（万元）") && wan.contains("0.25") && wan.contains("每万元效益") && wan.contains("29,000.000"))
        let yi = try eduplan(["solve", example, "--lang", "en", "--money", "yi"]).stdout
        #expect(yi.contains("amount (10⁸ CNY)") && yi.contains("0.0000"))
        #expect(try eduplan(["solve", example, "--money", "lakh"]).status == 1)
    }

    /// `--lang` wins over the scenario's `locale:` (the demo says zh-CN), which wins over LANG;
    /// without either, LANG decides; an unknown language tag is bad input.
    @Test func languageIsChosenInOrder() throws {
        let example = "scenarios/examples/01_priority_weights"
        #expect(try eduplan(["solve", example], language: "zh_CN.UTF-8").stdout.contains("资金来源"))
        #expect(try eduplan(["solve", example], language: "en_US.UTF-8").stdout.contains("\nFunds\n"))
        #expect(try eduplan(["solve", example, "--lang", "en"], language: "zh_CN.UTF-8").stdout.contains("\nFunds\n"))
        #expect(try eduplan(["solve", example, "--lang", "fr"]).status == 1)
        // Example 1 with `locale: zh-CN`: Chinese under an English LANG, English with --lang en.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-locale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(example), to: folder)
        let settings = folder.appendingPathComponent("scenario.yaml")
        try (String(contentsOf: settings, encoding: .utf8) + "locale: zh-CN\n").write(to: settings, atomically: true, encoding: .utf8)
        #expect(try eduplan(["solve", folder.path], language: "en_US.UTF-8").stdout.contains("资金来源"))
        #expect(try eduplan(["solve", folder.path, "--lang", "en"], language: "zh_CN.UTF-8").stdout.contains("\nFunds\n"))
        let klingon = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "locale: zh-CN", with: "locale: tlh")
        try klingon.write(to: settings, atomically: true, encoding: .utf8)
        let bad = try eduplan(["validate", folder.path])
        #expect(bad.status == 1 && bad.stdout.contains("(locale): expected a language, zh-CN or en, found `tlh`"), "\(bad.stdout)")
    }

    /// validate in Chinese: the summary in whole Chinese clauses, and a problem's frame (file,
    /// line, column, expected, found) in Chinese, the reader's expected/found texts and hint too.
    @Test func validateSpeaksChinese() throws {
        let example = "scenarios/examples/03_earmarked_funds"
        let clean = try eduplan(["validate", example, "--lang", "zh-CN"])
        #expect(clean.status == 0 && clean.stdout.contains("所学校（") && clean.stdout.contains("项资金，合计"), "\(clean.stdout)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-validate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(example), to: folder)
        let settings = folder.appendingPathComponent("scenario.yaml")
        let yaml = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "currency: CNY\n", with: "currency: CNY\nfund: 1\n")
        try yaml.write(to: settings, atomically: true, encoding: .utf8)
        let line = yaml.components(separatedBy: "\n").firstIndex(of: "fund: 1")! + 1
        let bad = try eduplan(["validate", folder.path], language: "zh_CN.UTF-8")
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("文件 scenario.yaml 第 \(line) 行第 1 列（fund）：应为 此处可用的键（`"), "\(bad.stdout)")
        #expect(bad.stdout.contains("，实际为 `fund`；是否应为 `funds`？"))
        #expect(bad.stderr.contains("中有 1 处错误"))
    }
}
