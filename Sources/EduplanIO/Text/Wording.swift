/// How a command words its output for people: the language and the unit money is shown in.
///
/// Passed down to every renderer that prints for people; `Wording.english` is what tests and
/// machine-facing outputs use by default.
public struct Wording: Sendable, Hashable {
    public var language: Language
    public var money: MoneyScale

    /// A wording in a language, money in a unit (yuan unless said).
    public init(language: Language, money: MoneyScale = .yuan) {
        self.language = language
        self.money = money
    }

    /// English, money in yuan.
    public static let english = Wording(language: .english)

    /// The catalogue's text for a key in this wording's language, placeholders filled.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalogue.message(key).text(language, arguments)
    }

    /// The entry `key.one` when `count` is 1 and the catalogue has it (English singulars), else `key`.
    public func counted(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        let singular = "\(key).one"
        return self(count == 1 && Catalogue.entries[singular] != nil ? singular : key, arguments)
    }
}

/// The unit money is shown in for people: yuan, 万元 (10⁴ yuan) or 亿元 (10⁸ yuan).
///
/// Only display changes: CSV, JSON and plan.json keep yuan to the fen.
public enum MoneyScale: String, Sendable, CaseIterable, Hashable {
    case yuan
    case wan
    case yi

    /// Yuan per display unit.
    public var divisor: Double {
        switch self {
        case .yuan: 1
        case .wan: 10_000
        case .yi: 100_000_000
        }
    }
}
