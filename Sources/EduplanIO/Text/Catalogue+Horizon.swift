extension Catalogue {
    /// The multi-year plan's summary (`solve` on a scenario with `horizon:`).
    static let horizon: [String: Message] = [
        "horizon.title": Message(en: "{scenario} — plan for {first}–{last}", zh: "{scenario} — {first}–{last} 年度规划"),
        "horizon.row.discount": Message(en: "discount δ", zh: "贴现系数 δ"),
        "horizon.row.objective": Message(en: "objective over the horizon (discounted)", zh: "规划期目标值（贴现后）"),
        "horizon.row.benefit": Message(en: "weighted benefit U over the horizon (discounted)", zh: "规划期加权效益 U（贴现后）"),
        "horizon.money.heading": Message(en: "Money by year and fund", zh: "分年度资金"),
        "horizon.money.year": Message(en: "year", zh: "年度"),
        "horizon.money.fund": Message(en: "fund", zh: "资金"),
        "horizon.money.budget": Message(en: "budget", zh: "预算"),
        "horizon.money.carriedIn": Message(en: "carried in", zh: "上年结转"),
        "horizon.money.spent": Message(en: "spent", zh: "支出"),
        "horizon.money.carried": Message(en: "carried on", zh: "结转下年"),
        "horizon.money.lapsed": Message(en: "lapsed", zh: "失效"),
        "horizon.money.capValue": Message(en: "benefit {per} carried on", zh: "{per}结转的效益"),
        "horizon.money.withUnit": Message(en: "{column} ({unit})", zh: "{column}（{unit}）"),
        "horizon.money.capNotBinding": Message(en: "cap not binding", zh: "结转上限未起作用"),
        // The caps c·B between which the value of carry-over holds (checked by re-solving).
        "horizon.money.capRange": Message(en: "value holds for caps", zh: "该效益适用的结转上限"),
        "horizon.money.capRangeValue": Message(en: "{from} to {to}", zh: "{from} 至 {to}"),
        "horizon.money.capRangeUnknown": Message(en: "not checked", zh: "未核验"),
        "horizon.teachers.heading": Message(en: "Teachers by year", zh: "分年度教师调配"),
        "horizon.teachers.present": Message(en: "dispatched teachers at post", zh: "在岗调配教师（名）"),
        "horizon.teachers.new": Message(en: "newly dispatched", zh: "新调配（名）"),
        "validate.horizon": Message(
            en: "horizon {first}–{last} ({count} years, discount {discount}; the figures before are the first year's)",
            zh: "规划期 {first}–{last} 年（{count} 年，贴现系数 {discount}；以上数字为首年）"),
        "horizon.year.heading": Message(en: "{year} (year {n} of {count})", zh: "{year} 年（第 {n} 年，共 {count} 年）"),
    ]
}
