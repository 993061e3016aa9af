extension Catalogue {
    /// The compare area of the catalogue: the comparison table's rows, the "what changed"
    /// paragraphs and the per-pupil change by region. The English is the text compare printed
    /// before the catalogue, word for word.
    static let compare: [String: Message] = compareTable.merging(compareParagraphs) { first, _ in first }
        .merging(diff) { first, _ in first }

    /// The table: title, rows, cells.
    static let compareTable: [String: Message] = [
        "compare.title": Message(en: "{scenario} — base and {count} variants", zh: "{scenario} — 基准与 {count} 个变体"),
        "compare.title.one": Message(en: "{scenario} — base and {count} variant", zh: "{scenario} — 基准与 {count} 个变体"),
        "compare.base": Message(en: "base", zh: "基准"),
        "compare.delta": Message(en: "Δ vs base", zh: "Δ 较基准"),
        "compare.row.status": Message(en: "status", zh: "求解状态"),
        "compare.row.totalFunds": Message(en: "money available ({unit})", zh: "可用资金（{unit}）"),
        "compare.row.benefit": Message(en: "benefit U (points)", zh: "效益 U（分）"),
        "compare.row.objective": Message(en: "unmet need, weighted (objective, points)", zh: "加权未满足需求（目标值，分）"),
        "compare.row.unmetMoney": Message(en: "unmet need, money Σ(N − x) ({unit})", zh: "未满足需求金额 Σ(N − x)（{unit}）"),
        "compare.row.coverage": Message(en: "coverage (non-mandatory need)", zh: "覆盖率（非强制需求）"),
        "compare.row.minCoverage": Message(en: "min coverage (worst school, non-mandatory need)", zh: "最低覆盖率（最差学校，非强制需求）"),
        "compare.row.minCoverageOf": Message(en: "min coverage of {category} (worst school)", zh: "{category}最低覆盖率（最差学校）"),
        "compare.row.shortageLeft": Message(en: "teacher shortage left", zh: "剩余教师缺口（名）"),
        "compare.row.rule": Message(en: "shadow price: {rule} (per unit of {parameter})", zh: "影子价格：{rule}（每单位{parameter}）"),
        "compare.row.ruleNoParameter": Message(en: "shadow price: {rule}", zh: "影子价格：{rule}"),
        "compare.row.fund": Message(en: "benefit {per} more in {fund}", zh: "{fund}{per}增量效益"),
        "compare.row.diagnosis": Message(en: "infeasible: smallest relaxation ({unit})", zh: "不可行：最小放宽（{unit}）"),
        "compare.rule.off": Message(en: "off", zh: "未启用"),
        "compare.rule.noPlanIfTightened": Message(en: "no plan if tightened", zh: "收紧即无方案"),
        "compare.rule.soft": Message(en: "soft", zh: "软约束"),
        "compare.rule.softViolated": Message(en: "soft, violated by {amount}", zh: "软约束，违反 {amount}"),
        "compare.regionTable.heading": Message(en: "Per-pupil change by region ({unit})", zh: "各县区生均变化（{unit}）"),
        "compare.regionTable.allChanged": Message(
            en: "{changed} of {total} regions changed in some variant.\n", zh: "{total} 个县中有 {changed} 个在某个变体中有变化。\n"),
        "compare.regionTable.someChanged": Message(
            en: "{changed} of {total} regions changed in some variant; the other {unchanged} are unchanged in every variant.\n",
            zh: "{total} 个县中有 {changed} 个在某个变体中有变化；其余 {unchanged} 个在所有变体中均无变化。\n"),
        "compare.unchanged": Message(en: "unchanged", zh: "不变"),
        "compare.points": Message(en: "{value} pp", zh: "{value} 个百分点"),
    ]

    /// The "what changed" paragraphs.
    static let compareParagraphs: [String: Message] = [
        "compare.whatChanged": Message(en: "What changed", zh: "变化说明"),
        "compare.baseLine": Message(en: "base ({status}): {binding}", zh: "基准（{status}）：{binding}"),
        "compare.variant.noPlan": Message(en: "{run}: {status}.{why}", zh: "{run}：{status}。{why}"),
        "compare.relaxation": Message(
            en: " The smallest relaxation that makes it feasible is worth {money}.", zh: "使其可行的最小放宽折合 {money}。"),
        "compare.relaxationLines": Message(
            en: " The smallest relaxation that makes it feasible is worth {money}: {lines}", zh: "使其可行的最小放宽折合 {money}：{lines}"),
        "compare.andMore": Message(en: "; and {count} more.", zh: "；另有 {count} 项。"),
        "compare.variant.head": Message(en: "{run} ({status}): {figures}. {binding}", zh: "{run}（{status}）：{figures}。{binding}"),
        "compare.variant.benefitDelta": Message(en: "benefit U {u} points ({delta} vs base)", zh: "效益 U {u} 分（较基准 {delta}）"),
        "compare.variant.benefit": Message(en: "benefit U {u} points", zh: "效益 U {u} 分"),
        "compare.variant.minCoverageDelta": Message(en: ", min coverage {m} ({delta})", zh: "，最低覆盖率 {m}（{delta}）"),
        "compare.variant.minCoverage": Message(en: ", min coverage {m}", zh: "，最低覆盖率 {m}"),
        "compare.closest": Message(en: " {sentence}", zh: "{sentence}"),
        "compare.statusNote": Message(en: " {detail}", zh: "{detail}"),
        "compare.regions.none": Message(en: " No region's per-pupil allocation changed.", zh: "各县区生均分配均无变化。"),
        "compare.regions.changed": Message(
            en: " Per pupil, {gains} and {losses} (every one in the table below)", zh: "按生均计，{gains}，{losses}（均见下表）"),
        "compare.regions.gain": Message(en: "{count} regions gain", zh: "{count} 个县增加"),
        "compare.regions.gain.one": Message(en: "{count} region gains", zh: "{count} 个县增加"),
        "compare.regions.lose": Message(en: "{count} regions lose", zh: "{count} 个县减少"),
        "compare.regions.lose.one": Message(en: "{count} region loses", zh: "{count} 个县减少"),
        "compare.regions.largestGains": Message(en: "; largest gains: {list}", zh: "；增加最多：{list}"),
        "compare.regions.largestLosses": Message(en: "; largest losses: {list}", zh: "；减少最多：{list}"),
        "compare.period": Message(en: ".", zh: "。"),
        "compare.sentenceJoin": Message(en: ". ", zh: "。"),
        "compare.noBinding": Message(en: "No hard rule binds", zh: "没有硬性规则起约束作用"),
        "compare.binding": Message(en: "Binding rules: {list}", zh: "起约束作用的规则：{list}"),
        "compare.ruleValue": Message(en: "{rule} ({value})", zh: "{rule}（{value}）"),
        "compare.softViolated": Message(en: "Soft rules violated: {list}", zh: "违反的软约束：{list}"),
        "compare.softBy": Message(en: "{rule} by {amount}", zh: "{rule}违反 {amount}"),
    ]

    /// `eduplan diff`: two plans by fund, category, region, school and teacher group.
    static let diff: [String: Message] = [
        "diff.warning": Message(en: "warning: {text}", zh: "警告：{text}"),
        "diff.level.fund": Message(en: "money spent by fund", zh: "各资金支出"),
        "diff.level.category": Message(en: "money by category", zh: "各类别资金"),
        "diff.level.region": Message(en: "money by region", zh: "各县区资金"),
        "diff.level.school": Message(en: "money by school", zh: "各学校资金"),
        "diff.level.teacher_group": Message(en: "teachers dispatched by group", zh: "各教师组调配人数"),
        "diff.withUnit": Message(en: "{measure} ({unit})", zh: "{measure}（{unit}）"),
        "diff.total": Message(
            en: "{title}: total {a} in A, {b} in B ({change}); {changed} of {lines} differ",
            zh: "{title}：A 合计 {a}，B 合计 {b}（{change}）；{lines} 项中 {changed} 项不同"),
        "diff.total.one": Message(
            en: "{title}: total {a} in A, {b} in B ({change}); {changed} of {lines} differs",
            zh: "{title}：A 合计 {a}，B 合计 {b}（{change}）；{lines} 项中 {changed} 项不同"),
        "diff.more": Message(en: "  and {count} more (diff --out DIR lists every one)", zh: "  另有 {count} 项（diff --out DIR 列出全部）"),
        "diff.unnamed": Message(en: "an unnamed scenario", zh: "未命名情景"),
        "diff.variant": Message(en: "variant \"{name}\"", zh: "变体“{name}”"),
        "diff.unknown": Message(en: "unknown", zh: "未知"),
        "diff.plan": Message(en: "{name}, {which}, status {status}", zh: "{name}，{which}，状态：{status}"),
        "diff.planNoPlan": Message(en: "{name}, {which}, status {status}, no plan", zh: "{name}，{which}，状态：{status}，无方案"),
    ]
}
