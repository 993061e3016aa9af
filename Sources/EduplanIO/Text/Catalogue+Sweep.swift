extension Catalogue {
    /// The sweep area of the catalogue: the budget frontier's table. The English is the text
    /// sweep printed before the catalogue, word for word.
    static let sweep: [String: Message] = [
        "sweep.everyFund": Message(en: "every fund", zh: "全部资金"),
        "sweep.title": Message(
            en: "Budget frontier: {scenario}, {what} × {from} … {to} in {steps} steps",
            zh: "预算前沿：{scenario}，{what} × {from} … {to}，共 {steps} 步"),
        "sweep.title.one": Message(
            en: "Budget frontier: {scenario}, {what} × {from} … {to} in {steps} step",
            zh: "预算前沿：{scenario}，{what} × {from} … {to}，共 {steps} 步"),
        "sweep.titleVariant": Message(
            en: "Budget frontier: {scenario} — variant {variant}, {what} × {from} … {to} in {steps} steps",
            zh: "预算前沿：{scenario} — 变体“{variant}”，{what} × {from} … {to}，共 {steps} 步"),
        "sweep.titleVariant.one": Message(
            en: "Budget frontier: {scenario} — variant {variant}, {what} × {from} … {to} in {steps} step",
            zh: "预算前沿：{scenario} — 变体“{variant}”，{what} × {from} … {to}，共 {steps} 步"),
        "sweep.doneCold": Message(en: "{steps} steps (cold, {jobs} threads) in {seconds} s", zh: "{steps} 步（冷启动，{jobs} 个线程），用时 {seconds} 秒"),
        "sweep.doneCold.one": Message(en: "{steps} steps (cold, {jobs} thread) in {seconds} s", zh: "{steps} 步（冷启动，{jobs} 个线程），用时 {seconds} 秒"),
        "sweep.doneWarm": Message(
            en: "{steps} steps (warm-started, {jobs} threads) in {seconds} s", zh: "{steps} 步（热启动，{jobs} 个线程），用时 {seconds} 秒"),
        "sweep.doneWarm.one": Message(
            en: "{steps} steps (warm-started, {jobs} thread) in {seconds} s", zh: "{steps} 步（热启动，{jobs} 个线程），用时 {seconds} 秒"),
        "sweep.wrote": Message(en: "; wrote {path}", zh: "；已写入 {path}"),
        "sweep.step": Message(en: "step", zh: "步"),
        "sweep.allFunds": Message(en: "all funds ({unit})", zh: "全部资金（{unit}）"),
        "sweep.unmet": Message(en: "unmet money ({unit})", zh: "未满足需求（{unit}）"),
        "sweep.minCoverage": Message(en: "min coverage", zh: "最低覆盖率"),
        "sweep.gini": Message(en: "Gini", zh: "基尼系数"),
        "sweep.theil": Message(en: "Theil", zh: "泰尔指数"),
        "sweep.buys": Message(en: "{unit} buys: {fund}", zh: "{fund}每{unit}效益"),
        "sweep.horizon.benefit": Message(en: "benefit U, discounted (points)", zh: "效益 U，贴现后（分）"),
        "sweep.horizon.allFunds": Message(en: "all funds, all years ({unit})", zh: "全部资金，全部年度（{unit}）"),
        "sweep.horizon.pof": Message(en: "price of fairness", zh: "公平的代价"),
        "sweep.horizon.buys": Message(en: "{unit} in {year} buys: {fund}", zh: "{fund} {year} 年每{unit}效益"),
        "sweep.horizon.note": Message(
            en: "\nEvery year's budget of the swept fund is scaled. \"{unit} in YEAR buys\" is the discounted benefit one more {unit} "
                + "of that year's budget would buy at that step (−d objective/d B, read on the whole horizon); the CSV has every "
                + "year's objective, benefit, unmet money, and each fund's budget, spending, carry-over, lapse and value.\n",
            zh: "\n被扫描资金的每一年度预算都按倍数缩放。“YEAR 年每{unit}效益”是该步再向该年度预算投入 1 {unit}可增加的贴现加权效益"
                + "（−d 目标值/d B，按整个规划期计算）；CSV 含每年的目标值、效益、未满足需求，以及每项资金的预算、支出、结转、失效与影子价格。\n"),
        "sweep.note": Message(
            en: "\n\"{unit} buys\" is the weighted benefit one more {unit} in the fund would buy at that step "
                + "(its shadow price, −d objective/d amount); 0 where the fund is not fully used.\n",
            zh: "\n“每{unit}效益”是该步再向该资金投入 1 {unit}可增加的加权效益（影子价格，−d 目标值/d 金额）；"
                + "资金未用完时为 0。\n"),
    ]
}
