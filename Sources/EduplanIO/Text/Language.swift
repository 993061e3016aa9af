/// The language a command prints in for people: labels, headings, sentences, units.
///
/// JSON keys and CSV headers stay English whatever the language; only what a person reads changes.
/// Chosen by `--lang`, else the scenario's `locale:`, else the environment (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), else English.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case english = "en"
    case chinese = "zh-CN"

    /// Reads a language tag as users and systems write it: `en`, `en_US.UTF-8`, `zh`, `zh-CN`,
    /// `zh_CN.UTF-8`, `zh-Hans`. Nil for any other language (the caller falls back).
    public init?(tag: String) {
        let base = tag.split(separator: ".").first.map(String.init) ?? ""
        let lower = base.lowercased().replacingOccurrences(of: "_", with: "-")
        if lower == "zh" || lower.hasPrefix("zh-") { self = .chinese; return }
        if lower == "en" || lower.hasPrefix("en-") || lower == "c" || lower == "posix" { self = .english; return }
        return nil
    }

    /// The first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and names a language this tool speaks.
    public static func fromEnvironment(_ environment: [String: String]) -> Language? {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return Language(tag: value)
        }
        return nil
    }

    /// The explicit choice if any, else the scenario's, else the environment's, else English.
    public static func choose(explicit: Language?, scenario: Language?, environment: [String: String]) -> Language {
        explicit ?? scenario ?? fromEnvironment(environment) ?? .english
    }

    /// The value of the HTML `lang` attribute.
    public var htmlTag: String { rawValue }
}
