/// One entry of the message catalogue: the same text in every language, with named placeholders.
///
/// Placeholders are written `{name}` and filled by name, so each language orders them as its grammar
/// wants (Chinese puts the amount before the verb; English after). A test checks that both languages
/// of every entry use the same placeholders.
public struct Message: Sendable, Hashable {
    public let english: String
    public let chinese: String

    /// An entry with its English and Chinese (zh-CN) text.
    public init(en english: String, zh chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// The template in a language.
    public func template(_ language: Language) -> String {
        switch language {
        case .english: english
        case .chinese: chinese
        }
    }

    /// The text in a language with every `{name}` replaced by its argument; a placeholder without
    /// an argument is left as written (a test finds it), an argument without a placeholder is ignored.
    public func text(_ language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = template(language)
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The placeholder names a language's template uses.
    public func placeholders(_ language: Language) -> Set<String> {
        var names = Set<String>()
        var rest = template(language)[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
