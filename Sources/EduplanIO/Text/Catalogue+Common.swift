extension Catalogue {
    /// The common area of the catalogue: money, units and punctuation every output shares.
    /// `{currency}` is the currency's name in the language (``Wording/currencyName(_:)``: 元 for
    /// CNY in Chinese, else the scenario's code).
    static let common: [String: Message] = [
        "common.money.yuan": Message(en: "{amount} {currency}", zh: "{amount} {currency}"),
        "common.money.wan": Message(en: "{amount} × 10⁴ {currency}", zh: "{amount} 万{currency}"),
        "common.money.yi": Message(en: "{amount} × 10⁸ {currency}", zh: "{amount} 亿{currency}"),
        "common.money.unit.yuan": Message(en: "{currency}", zh: "{currency}"),
        "common.money.unit.wan": Message(en: "10⁴ {currency}", zh: "万{currency}"),
        "common.money.unit.yi": Message(en: "10⁸ {currency}", zh: "亿{currency}"),
        "common.money.per": Message(en: "per {unit}", zh: "每{unit}"),
        "common.comma": Message(en: ", ", zh: "，"),
        "common.separator": Message(en: "; ", zh: "；"),
        "common.missing": Message(en: "—", zh: "—"),
        "common.teachers": Message(en: "{count} teachers", zh: "{count} 名教师"),
        "common.schools": Message(en: "{count} schools", zh: "{count} 所学校"),
        "common.regions": Message(en: "{count} regions", zh: "{count} 个县"),
        "common.status.optimal": Message(en: "optimal", zh: "最优"),
        "common.status.feasible": Message(en: "feasible", zh: "可行"),
        "common.status.infeasible": Message(en: "infeasible", zh: "不可行"),
        "common.status.unbounded": Message(en: "unbounded", zh: "无界"),
        "common.status.failed": Message(en: "failed", zh: "未求得方案"),
    ]
}
