/// Money and units in a wording's language and money scale.
///
/// Yuan are shown whole (as before, with thousands separators); 万元 with two decimals (to the
/// hundred yuan) and 亿元 with four (to the ten thousand yuan), so a scaled amount never hides more
/// than half its last digit. In Chinese, CNY reads 元; any other currency keeps its code.
extension Wording {
    /// An amount in the display unit with its unit: `1,234,568 CNY`, `123.46 万元`, `0.0123 亿元`.
    /// `decimals` is the yuan precision (for small amounts such as 0.50 CNY); scaled units use
    /// their own.
    public func money(_ value: Double, currency: String, decimals: Int = 0) -> String {
        self(moneyKey, ["amount": amount(value, decimals: decimals), "currency": currencyName(currency)])
    }

    /// An amount in the display unit, without its unit (for table cells under a unit heading).
    public func amount(_ value: Double, decimals: Int = 0) -> String {
        switch money {
        case .yuan: Format.grouped(value, decimals: decimals)
        case .wan: Format.grouped(value / money.divisor, decimals: 2)
        case .yi: Format.grouped(value / money.divisor, decimals: 4)
        }
    }

    /// The display unit for a table heading: `CNY`, `元`, `万元`, `亿元` (`10k CNY` in English).
    public func moneyUnit(currency: String) -> String {
        self(moneyUnitKey, ["currency": currencyName(currency)])
    }

    /// The currency as the language names it: 元 for CNY in Chinese, else the scenario's code.
    public func currencyName(_ currency: String) -> String {
        language == .chinese && currency == "CNY" ? "元" : currency
    }

    /// A value per unit of money in words ("per CNY", "每元", "每万元").
    public func perMoney(currency: String) -> String {
        self("common.money.per", ["unit": moneyUnit(currency: currency)])
    }

    /// Yuan converted to the display unit (for per-unit rates: a value per yuan times 10⁴ per 万元).
    public var perUnitFactor: Double { money.divisor }

    private var moneyKey: String { "common.money.\(money.rawValue)" }
    private var moneyUnitKey: String { "common.money.unit.\(money.rawValue)" }

    /// A fraction as a percentage (`12.34%` in both languages).
    public func percent(_ fraction: Double?, decimals: Int = 2) -> String { Format.percent(fraction, decimals: decimals) }

    /// The list separator of the language: "; " or "；".
    public var separator: String { self("common.separator") }
}

extension Wording {
    /// A solve phase's name (`plan`, `elastic diagnosis`, …) in the language; a phase the catalogue
    /// does not list (one with numbers in it) reads as the planner wrote it.
    public func phase(_ name: String) -> String {
        Catalogue.entries["phase.\(name)"]?.text(language) ?? name
    }
}

extension Wording {
    /// A difference of two fractions in percentage points: `1.23 pp`, `1.23 个百分点`.
    public func points(_ difference: Double, decimals: Int = 2) -> String {
        self("compare.points", ["value": Format.fixed(difference * 100, decimals: decimals)])
    }
}
