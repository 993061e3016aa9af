import Foundation
import Testing
@testable import EduplanIO

/// The message catalogue: placeholders filled by name in each language's order, every entry in both
/// languages with the same placeholders, and no key in two areas.
@Suite struct CatalogueTests {
    @Test func placeholdersAreFilledByNameInEachLanguagesOrder() {
        let message = Message(en: "{fund} spends all of its {amount}", zh: "{fund}的 {amount} 全部用完")
        #expect(message.text(.english, ["fund": "central", "amount": "800 CNY"]) == "central spends all of its 800 CNY")
        #expect(message.text(.chinese, ["fund": "中央", "amount": "800 元"]) == "中央的 800 元 全部用完")
        #expect(message.placeholders(.english) == ["fund", "amount"])
        #expect(Message(en: "{a} and {b", zh: "").text(.english, ["a": "x"]) == "x and {b")
    }

    @Test func everyEntryHasBothLanguagesWithTheSamePlaceholders() {
        for (key, message) in Catalogue.entries {
            #expect(!message.english.isEmpty && !message.chinese.isEmpty, "\(key) lacks a language")
            #expect(message.placeholders(.english) == message.placeholders(.chinese), "\(key): placeholders differ")
        }
    }

    @Test func noKeyIsInTwoAreas() {
        let total = Catalogue.areas.reduce(0) { $0 + $1.entries.count }
        #expect(total == Catalogue.entries.count)
    }

    @Test func languageTagsAsSystemsWriteThem() {
        #expect(Language(tag: "zh_CN.UTF-8") == .chinese)
        #expect(Language(tag: "zh-Hans") == .chinese)
        #expect(Language(tag: "en_US.UTF-8") == .english)
        #expect(Language(tag: "C.UTF-8") == .english)
        #expect(Language(tag: "fr_FR.UTF-8") == nil)
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.choose(explicit: nil, scenario: .chinese, environment: ["LANG": "en_US"]) == .chinese)
    }

    /// Every key the code looks up with a literal (`w("plan.funds.heading")`, `wording("…")`,
    /// `words("…")`, `w.counted("…", …)`) is in the catalogue: a missing key would print as itself.
    @Test func everyKeyTheCodeUsesIsInTheCatalogue() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var used = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", !file.path.contains("/Text/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for opener in ["w(\"", "wording(\"", "words(\"", "counted(\"", "w(markdown ? \"", " : \""] {
                var rest = text[...]
                while let range = rest.range(of: opener) {
                    let key = rest[range.upperBound...].prefix { $0 != "\"" }
                    rest = rest[range.upperBound...]
                    let isKey = key.contains(".") && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
                    if isKey, let area = key.split(separator: ".").first,
                       ["plan", "common", "claim", "cli", "decomposition", "compare", "sweep", "evaluate", "diff", "validate"]
                        .contains(String(area)) {
                        used.insert(String(key))
                    }
                }
            }
        }
        #expect(used.count > 50, "found only \(used.count) keys: is the scan still finding them?")
        let missing = used.filter { Catalogue.entries[$0] == nil }.sorted()
        #expect(missing.isEmpty, "keys used but not in the catalogue: \(missing)")
        // Keys made from values: every status and every phase name.
        for status in ["optimal", "feasible", "infeasible", "unbounded", "failed"] {
            #expect(Catalogue.entries["common.status.\(status)"] != nil)
        }
        for key in ["coverage_floor", "poverty_county_share", "rural_parity", "maxmin_coverage", "shortage_cap",
                    "dispatch_county_share", "hoover", "hold_harmless", "per_pupil_floor"] {
            #expect(Catalogue.entries["rule.\(key)"] != nil)
        }
    }

    /// Money in each unit and language: whole yuan, 万元 to two decimals, 亿元 to four; CNY reads 元
    /// in Chinese, another currency keeps its code.
    @Test func moneyInEachUnit() {
        let amount = 123_456_789.0
        #expect(Wording(language: .english).money(amount, currency: "CNY") == "123,456,789 CNY")
        #expect(Wording(language: .chinese).money(amount, currency: "CNY") == "123,456,789 元")
        #expect(Wording(language: .chinese, money: .wan).money(amount, currency: "CNY") == "12,345.68 万元")
        #expect(Wording(language: .chinese, money: .yi).money(amount, currency: "CNY") == "1.2346 亿元")
        #expect(Wording(language: .english, money: .wan).money(amount, currency: "CNY") == "12,345.68 × 10⁴ CNY")
        #expect(Wording(language: .chinese, money: .wan).money(amount, currency: "USD") == "12,345.68 万USD")
        #expect(Wording(language: .chinese, money: .yi).moneyUnit(currency: "CNY") == "亿元")
        #expect(Wording(language: .chinese).perMoney(currency: "CNY") == "每元")
    }
}
