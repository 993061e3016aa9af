extension Catalogue {
    /// The HTML report of a multi-year plan (`report` on a scenario with `horizon:`): the horizon's
    /// headline, the figures year over year and the year selector (docs/report.md).
    static let horizonReport: [String: Message] = [
        "report.header.years": Message(en: "{first}–{last} ({count} years)", zh: "{first}–{last} 年（{count} 年）"),
        "report.header.first-year": Message(en: "counts of {year}", zh: "{year} 年数据"),
        "report.toc.horizon": Message(en: "The plan over the years", zh: "规划期总览"),
        "report.toc.trends": Message(en: "Year over year", zh: "逐年变化"),
        "report.toc.years": Message(en: "Year by year", zh: "分年度方案"),
        "report.horizon.section": Message(en: "{heading} — {year}", zh: "{heading}（{year} 年）"),
        "report.horizon.heading": Message(en: "The plan over {first}–{last}", zh: "{first}–{last} 年规划期总览"),
        "report.horizon.card.benefit": Message(en: "Weighted benefit U (discounted)", zh: "加权效益 U（贴现后）"),
        "report.horizon.card.objective": Message(en: "objective (discounted)", zh: "目标值（贴现后）"),
        "report.horizon.card.spent": Message(en: "Money spent over the years", zh: "规划期资金支出"),
        "report.horizon.card.spent.note": Message(en: "of {budget} budgeted over {years} years", zh: "{years} 年预算合计 {budget}"),
        "report.horizon.card.discount": Message(en: "Discount δ", zh: "贴现系数 δ"),
        "report.horizon.card.discount.note": Message(
            en: "each later year counts δ times the year before in U and the objective",
            zh: "U 与目标值中，每晚一年按上一年的 δ 倍计"),
        "report.horizon.carry.heading": Message(en: "Carrying money over", zh: "资金结转"),
        "report.horizon.carry.cap": Message(
            en: "{fund} may carry up to {share} of a year's budget into the next year: {carried} is carried over in all, {lapsed} lapses.",
            zh: "{fund}每年最多可将当年预算的 {share} 结转下年：规划期共结转 {carried}，失效 {lapsed}。"),
        "report.horizon.carry.free": Message(
            en: "The cap does not bind in any year: a higher cap would add no benefit at the margin.",
            zh: "结转上限在各年均未起作用：提高上限不会增加边际效益。"),
        "report.horizon.carry.binds": Message(
            en: "Out of {year} the cap binds: while the cap stays between {from} and {to}, each {currency} more (or less) allowed to carry into {next} adds (or takes away) {value} points of discounted benefit.",
            zh: "{year} 年结转上限起作用：结转上限在 {from} 至 {to} 之间时，允许结转到 {next} 年的金额每增加（减少）1 {currency}，贴现后效益增加（减少）{value} 分。"),
        "report.horizon.carry.bindsUnchecked": Message(
            en: "Out of {year} the cap binds: at the cap, one more {currency} allowed to carry into {next} adds {value} points of discounted benefit (over what range was not checked).",
            zh: "{year} 年结转上限起作用：在上限处，允许多结转 1 {currency}到 {next} 年，贴现后效益增加 {value} 分（适用范围未核验）。"),
        "report.horizon.cap-range": Message(en: "{value} (caps {from} to {to})", zh: "{value}（上限 {from} 至 {to}）"),
        "report.horizon.carry.none": Message(
            en: "{fund} cannot carry money over (use it or lose it); every year's budget is spent in its year.",
            zh: "{fund}不可结转（当年用完，否则作废）；各年预算均在当年用完。"),
        "report.horizon.carry.none.lapsed": Message(
            en: "{fund} cannot carry money over (use it or lose it): {lapsed} lapses over the years.",
            zh: "{fund}不可结转（当年用完，否则作废）：规划期内共失效 {lapsed}。"),
        "report.horizon.years.intro": Message(
            en: "Choose a year: its summary, money, regions, schools, teachers, equity and map follow, for the base plan and every variant. Printed (and in the {pdf} file), every year is shown, one after the other.",
            zh: "选择年度，下面显示该年度的摘要、资金、各县（区）、学校、教师、公平指标与地图（基准方案及各变体）。打印时（包括 {pdf} 输出）逐年显示全部年度。"),
        "report.horizon.years.label": Message(en: "Year", zh: "年度"),
        "report.horizon.year.title": Message(en: "{year} (year {n} of {count})", zh: "{year} 年（第 {n} 年，共 {count} 年）"),
        "report.horizon.year.money": Message(en: "Money of {year}, with what is carried", zh: "{year} 年资金及结转"),
        "report.horizon.col.year": Message(en: "Year", zh: "年度"),
        "report.horizon.col.budget": Message(en: "Budget", zh: "预算"),
        "report.horizon.col.carried-in": Message(en: "Carried in", zh: "上年结转"),
        "report.horizon.col.spent": Message(en: "Spent", zh: "支出"),
        "report.horizon.col.carried": Message(en: "Carried on", zh: "结转下年"),
        "report.horizon.col.lapsed": Message(en: "Lapsed", zh: "失效"),
        "report.horizon.col.cap-value": Message(en: "Value of one more {currency} of carry-over", zh: "多结转 1 {currency}的效益"),
        "report.horizon.card.pof.year": Message(en: "computed for the years together (the plan over the years)", zh: "按整个规划期计算（见规划期总览）"),
        "report.horizon.year.cumulative": Message(
            en: "Project money counts in the year it is given and in every later year (a building repaired stays repaired): a year's allocation to projects is what they have received so far, so money allocated can exceed the year's funds.",
            zh: "项目资金从拨付当年起在以后各年继续计入（已修缮的校舍保持修缮）：某年的项目分配额为截至该年的累计额，因此分配额可能超过当年资金。"),
        "report.horizon.cap-free": Message(en: "cap not binding", zh: "上限未起作用"),
        "report.trends.intro": Message(
            en: "The base plan's figures for each year, as the plan gives them (each chart's numbers are in the table under it).",
            zh: "基准方案各年度的数字，均取自方案本身（各图的数字见其下方表格）。"),
        "report.trends.numbers": Message(en: "The numbers", zh: "数据表"),
        "report.trends.money.heading": Message(en: "Money by fund and year", zh: "分资金、分年度的资金"),
        "report.trends.money.title": Message(en: "{fund}: budget, spent, carried on and lapsed by year", zh: "{fund}：各年度预算、支出、结转与失效"),
        "report.trends.teachers.heading": Message(en: "Dispatched teachers by year", zh: "各年度调配教师"),
        "report.trends.teachers.present": Message(en: "At post", zh: "在岗"),
        "report.trends.teachers.new": Message(en: "Newly posted", zh: "新派"),
        "report.trends.unit.teachers": Message(en: "teachers", zh: "教师（名）"),
        "report.trends.unit.pupils": Message(en: "pupils", zh: "学生（人）"),
        "report.trends.unmet.heading": Message(en: "Need not met by year", zh: "各年度未满足的需求"),
        "report.trends.unmet.money": Message(en: "Money need not met", zh: "未满足的资金需求"),
        "report.trends.unmet.teachers": Message(en: "Teacher shortage left", zh: "剩余教师缺口"),
        "report.trends.shortage.before": Message(en: "Teacher shortage before dispatch", zh: "调配前教师缺口"),
        "report.trends.pupils.heading": Message(en: "Pupils and registered poor pupils by year", zh: "各年度学生数与建档立卡贫困学生数"),
        "report.trends.pupils": Message(en: "Pupils", zh: "学生"),
        "report.trends.poor": Message(en: "Registered poor", zh: "建档立卡贫困学生"),
        "report.trends.equity.heading": Message(en: "Equity of per-pupil money by year", zh: "各年度生均经费公平指标"),
        "report.trends.equity.axis": Message(en: "index value", zh: "指数值"),
    ]
}
