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
}
