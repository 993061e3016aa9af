import Foundation

/// The expected, found and hint texts of a bad-input problem in a language.
///
/// The readers write these texts in English (the English output is theirs, byte for byte); for
/// another language each text is looked up whole in the catalogue's problems area
/// (``Catalogue/problems``, keyed `problem.` + the English text), else matched against the ordered
/// templates (``Catalogue/problemTemplates``), the first that matches winning. A template's English
/// is the text with `{placeholders}`; what a placeholder matched is put into the other language's
/// template as it was written (ids, numbers, quoted file content), except that a placeholder named
/// `phrase…` is itself translated (a noun phrase inside a longer one; the template fails when it
/// has none), one named `list…` must be a list of names in backticks and gets the language's
/// separators (`a`、`b` 或 `c`), and one named `code…` holds no backtick. A text that matches
/// nothing stays as written; what was found quoted from the file (`"abc"`) is never translated.
public enum ProblemPhrase {
    /// `english` in `language`; English returns it untouched.
    public static func text(_ english: String, _ language: Language) -> String {
        guard language != .english else { return english }
        return translated(english, language, depth: 0) ?? english
    }

    /// Whether the text has a translation (whole or by a template whose phrases all translate).
    public static func isTranslated(_ english: String) -> Bool {
        translated(english, .chinese, depth: 0) != nil
    }

    /// What was found, in the language: quoted file content (`"abc"`) and a bare value stay as written.
    public static func found(_ english: String, _ language: Language) -> String {
        english.hasPrefix("\"") ? english : text(english, language)
    }

    /// The translation, or nil when the text (or a phrase placeholder inside it) has none.
    static func translated(_ english: String, _ language: Language, depth: Int) -> String? {
        if let message = Catalogue.problems["problem." + english] { return message.text(language) }
        guard depth < 4 else { return nil }
        for template in compiledTemplates {
            guard let captures = template.match(english) else { continue }
            var arguments: [String: String] = [:]
            var complete = true
            for (name, value) in captures {
                if name.hasPrefix("phrase") {
                    guard let inner = translated(value, language, depth: depth + 1) else { complete = false; break }
                    arguments[name] = inner
                } else if name.hasPrefix("list") {
                    guard let names = list(value, language) else { complete = false; break }
                    arguments[name] = names
                } else {
                    guard !name.hasPrefix("code") || !value.contains("`") else { complete = false; break }
                    arguments[name] = value
                }
            }
            if complete { return template.message.text(language, arguments) }
        }
        return nil
    }

    /// A list as ``Suggestion/list(_:conjunction:)`` writes it (`` `a`, `b` or `c` ``, `(none)`,
    /// `… (20 in all)`) with the language's separators and conjunctions; the items stay as written.
    /// Nil when the text is not such a list (words outside the backticks).
    static func list(_ english: String, _ language: Language) -> String? {
        if english == "(none)" { return language == .chinese ? "（无）" : english }
        let outside = english.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)
            .replacingOccurrences(of: #" … \(\d+ in all\)$"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: " or ", with: "").replacingOccurrences(of: " and ", with: "")
        guard english.hasPrefix("`"), outside.allSatisfy({ $0 == "," || $0 == " " }) else { return nil }
        guard language == .chinese else { return english }
        var text = english
        for (from, to) in [("`, `", "`、`"), ("` or `", "` 或 `"), ("` and `", "` 和 `")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        if let range = text.range(of: #" … \((\d+) in all\)$"#, options: .regularExpression) {
            let count = text[range].filter(\.isNumber)
            text.replaceSubrange(range, with: " …（共 \(count) 个）")
        }
        return text
    }

    /// A template's English as an anchored pattern, a placeholder matching the shortest text that
    /// lets the rest match.
    struct CompiledTemplate {
        let message: Message
        let names: [String]
        let pattern: NSRegularExpression

        init?(_ message: Message) {
            var pattern = "^"
            var names: [String] = []
            var rest = message.english[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open])) + "(.+?)"
                names.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
            guard let compiled = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return nil }
            self.message = message
            self.names = names
            self.pattern = compiled
        }

        /// The placeholders' texts when the whole text matches, in the template's order.
        func match(_ text: String) -> [(String, String)]? {
            let whole = NSRange(text.startIndex..., in: text)
            guard let result = pattern.firstMatch(in: text, range: whole) else { return nil }
            return names.enumerated().compactMap { index, name in
                Range(result.range(at: index + 1), in: text).map { (name, String(text[$0])) }
            }
        }
    }

    static let compiledTemplates: [CompiledTemplate] = Catalogue.problemTemplates.compactMap(CompiledTemplate.init)
}
