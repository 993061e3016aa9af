extension Catalogue {
    /// A rolling re-plan's summary (`solve --previous PLAN.json --actuals …` on a multi-year scenario).
    static let replan: [String: Message] = [
        "replan.heading": Message(en: "Rolling re-plan", zh: "滚动调整规划"),
        "replan.year.actual": Message(en: " — over: what was done (the actuals)", zh: "——已执行：按实际执行数"),
        // The status row of a year that is over: its figures are the actuals, not an optimum.
        "replan.year.status": Message(en: "over: the actuals (what was done, not an optimum)", zh: "已执行：实际执行数（非最优解）"),
        // The elastic diagnosis's rule of a year that is over: what was paid or posted and cannot be held.
        "rule.actuals": Message(en: "actuals", zh: "已执行年度的实际执行数"),
        "replan.previous": Message(en: "previous plan", zh: "上一方案"),
        "replan.previous.fingerprint": Message(en: "fingerprint {fingerprint}", zh: "指纹 {fingerprint}"),
        "replan.previous.none": Message(en: "no fingerprint recorded", zh: "未记录指纹"),
        "replan.over": Message(en: "years over (fixed at the actuals)", zh: "已执行年度（按实际执行数固定）"),
        "replan.over.none": Message(en: "none (no actuals given)", zh: "无（未提供实际执行数）"),
        "replan.replanned": Message(en: "years re-planned", zh: "重新规划的年度"),
        "replan.actuals": Message(en: "actuals files", zh: "实际执行数文件"),
        "replan.moves": Message(en: "moved against the previous plan", zh: "与上一方案相比的变动"),
        "replan.moves.year": Message(en: "{year}: {lines} money line(s) changed ({money} moved), {teachers} teacher move(s)",
                                     zh: "{year} 年：{lines} 条资金分配有变动（共变动 {money}），教师调动 {teachers} 人次"),
    ]
}
