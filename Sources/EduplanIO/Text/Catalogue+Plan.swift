extension Catalogue {
    /// The plan area of the catalogue: the plan summary of `solve` (table and markdown), its
    /// funds, rules, regions, re-planning moves and elastic diagnosis, and the rules' names.
    /// The English is the text the summary printed before the catalogue, word for word.
    static let plan: [String: Message] = planSummary.merging(planSections) { first, _ in first }
        .merging(planDiagnosis) { first, _ in first }.merging(ruleNames) { first, _ in first }
        .merging(claimSentences) { first, _ in first }.merging(decomposition) { first, _ in first }

    /// The key-figures table.
    static let planSummary: [String: Message] = [
        "plan.title": Message(en: "{scenario}", zh: "{scenario}"),
        "plan.title.variant": Message(en: "{scenario} — variant {variant}", zh: "{scenario} — 变体“{variant}”"),
        "plan.header.value": Message(en: "value", zh: "数值"),
        "plan.row.status": Message(en: "status", zh: "求解状态"),
        "plan.row.benefit": Message(en: "weighted benefit U", zh: "加权效益 U"),
        "plan.row.objective": Message(en: "objective (weighted unmet need)", zh: "目标值（加权未满足需求）"),
        "plan.row.priceOfFairness": Message(en: "price of fairness", zh: "公平的代价"),
        "plan.row.maxmin": Message(en: "max–min coverage t*", zh: "最低覆盖率 t*"),
        "plan.row.gap": Message(en: "relative MIP gap", zh: "相对最优间隙"),
        "plan.row.gapParts": Message(en: "certified gap on U (in parts)", zh: "U 的保证间隙（分块求解）"),
        "plan.row.allocated": Message(en: "allocated: {category}", zh: "已分配：{category}"),
        "plan.value.points": Message(en: "{value} points", zh: "{value} 分"),
        "plan.value.ofNeed": Message(en: "{money} of {need} ({share})", zh: "{money}，需求 {need}（{share}）"),
        "plan.value.teachersCost": Message(en: "{money} (teachers' cost)", zh: "{money}（教师费用）"),
        "plan.row.dispatched": Message(en: "teachers dispatched", zh: "调配教师（名）"),
        "plan.row.shortage": Message(en: "teacher shortage before → left", zh: "教师缺口 调配前 → 调配后（名）"),
        "plan.metric.gini": Message(en: "Gini (per pupil)", zh: "基尼系数（生均）"),
        "plan.metric.theil": Message(en: "Theil T", zh: "泰尔指数"),
        "plan.metric.mcloone": Message(en: "McLoone", zh: "麦克卢恩指数"),
        "plan.metric.cv": Message(en: "CV", zh: "变异系数"),
        "plan.metric.hoover": Message(en: "Hoover (vs need)", zh: "胡佛指数（相对需求）"),
        "plan.metric.teacherR2Before": Message(en: "teacher R² before", zh: "教师配置 R²（调配前）"),
        "plan.metric.teacherR2After": Message(en: "teacher R² after", zh: "教师配置 R²（调配后）"),
        "plan.metricsNote": Message(
            en: "(Per-pupil metrics are pupil-weighted over schools with pupils; definitions and benchmark values\n"
                + " in docs/metrics.md. U and the objective weigh money by priority π and category weight ω: points,\n"
                + " not money.{gapNote})\n",
            zh: "（生均指标按学生数加权，只计有学生的学校；定义和参考值见 docs/metrics.md。"
                + "U 和目标值按优先级 π 和类别权重 ω 对资金加权：单位是分，不是钱。{gapNote}）\n"),
        "plan.gapNote": Message(
            en: " The relative MIP gap is |objective − bound| / |objective − its constant|,\n"
                + " what GLPK measures and stops on; an upper bound of the true gap.",
            zh: "相对最优间隙为 |目标值 − 界| / |目标值 − 其常数项|，即求解器据以停止的量；它是真实间隙的上界。"),
    ]

    /// Funds, fairness rules, regions and what moved.
    static let planSections: [String: Message] = [
        "plan.funds.heading": Message(en: "Funds", zh: "资金来源"),
        "plan.funds.fund": Message(en: "fund", zh: "资金"),
        "plan.funds.amount": Message(en: "amount ({unit})", zh: "金额（{unit}）"),
        "plan.funds.spent": Message(en: "spent", zh: "已支出"),
        "plan.funds.used": Message(en: "used", zh: "使用比例"),
        // A year of a multi-year plan: money carried in from the year before, and the share of the
        // amount and what came in that was spent or carried on (not lapsed).
        "plan.funds.carriedIn": Message(en: "carried in", zh: "上年结转"),
        "plan.funds.usedWithCarry": Message(en: "used (of amount + carried in)", zh: "使用比例（占金额与上年结转之和）"),
        "plan.funds.value": Message(en: "benefit {per}", zh: "{per}效益"),
        "plan.funds.degenerate": Message(
            en: "  (the optimal basis is degenerate: a side the ranging could not see past was re-solved, as its sentence says)\n",
            zh: "  （最优基是退化的：灵敏度分析看不到的一侧已重新求解，见该句所述）\n"),
        "plan.funds.left.allMet": Message(
            en: "Why {fund} leaves money unspent: every need it may pay for in its regions is met ({categories}); {reason}.",
            zh: "{fund}有结余的原因：其可资助地区内它可资助的需求已全部满足（{categories}）；{reason}。"),
        "plan.funds.left.allMetTeachers": Message(
            en: "Why {fund} leaves money unspent: every need it may pay for in its regions is met ({categories}), and {teachers}; {reason}.",
            zh: "{fund}有结余的原因：其可资助地区内它可资助的需求已全部满足（{categories}），且{teachers}；{reason}。"),
        "plan.funds.left.onlyDispatch": Message(
            en: "Why {fund} leaves money unspent: it pays only for dispatch, and {teachers}; {reason}.",
            zh: "{fund}有结余的原因：它只资助教师调配，且{teachers}；{reason}。"),
        "plan.funds.left.unmet": Message(
            en: "{fund} leaves money unspent although needs it may pay for in its regions are not met: {unmet}.",
            zh: "{fund}有结余，但其可资助地区内仍有它可资助的需求未满足：{unmet}。"),
        "plan.funds.left.unmetTeachers": Message(
            en: "{fund} leaves money unspent although needs it may pay for in its regions are not met: {unmet}; {teachers}.",
            zh: "{fund}有结余，但其可资助地区内仍有它可资助的需求未满足：{unmet}；{teachers}。"),
        "plan.funds.left.item": Message(en: "{category} {money} short", zh: "{category}尚缺 {money}"),
        "plan.funds.left.allTeachers": Message(en: "all {available} teachers available are posted",
                                               zh: "可调配的 {available} 名教师已全部在岗"),
        "plan.funds.left.someTeachers": Message(en: "{posted} of the {available} teachers available are posted",
                                                zh: "可调配的 {available} 名教师中 {posted} 名在岗"),
        "plan.funds.left.nothingToBuy": Message(en: "nothing it may pay for could take more money",
                                                zh: "已没有它可资助、还能多用钱的对象"),
        "plan.funds.left.teachersFree": Message(en: "only the teachers not posted could still take its money",
                                                zh: "只有未在岗的教师还可能用到这笔钱"),
        "plan.rules.heading": Message(en: "Fairness rules", zh: "公平规则"),
        "plan.rules.met": Message(en: "met", zh: "已满足"),
        "plan.rules.violated": Message(en: "violated by {amount}, at its penalty", zh: "违反 {amount}，按罚金计入目标"),
        "plan.rules.inParts": Message(
            en: "{rule}: {state} (planned in {parts} parts: no shadow price; country-wide values below)",
            zh: "{rule}：{state}（分 {parts} 块求解：无影子价格；全域数值见下）"),
        "plan.rules.soft": Message(en: "{rule}: soft rule, {state}", zh: "{rule}：软约束，{state}"),
        "plan.regions.heading": Message(en: "Regions (largest allocations first, top 10)", zh: "县区（按获得资金从多到少，前 10 个）"),
        "plan.regions.region": Message(en: "region", zh: "县区"),
        "plan.regions.received": Message(en: "received ({unit})", zh: "获得资金（{unit}）"),
        "plan.regions.perPupil": Message(en: "per pupil", zh: "生均"),
        "plan.regions.perPupilIn": Message(en: "per pupil ({unit})", zh: "生均（{unit}）"),
        "plan.regions.ofNeed": Message(en: "of need", zh: "占需求"),
        "plan.regions.teachersIn": Message(en: "teachers in", zh: "调入教师"),
        "plan.moves.heading": Message(en: "What moved against the previous plan", zh: "与上一方案相比的变动"),
        "plan.moves.summary": Message(
            en: "{lines} money lines changed ({money} moved in all); {teachers} teacher move(s).\n",
            zh: "{lines} 条资金分配有变动（共变动 {money}）；教师调动 {teachers} 人次。\n"),
        "plan.moves.summary.one": Message(
            en: "{lines} money line changed ({money} moved in all); {teachers} teacher move(s).\n",
            zh: "{lines} 条资金分配有变动（共变动 {money}）；教师调动 {teachers} 人次。\n"),
        "plan.moves.moneyAt": Message(en: "{category} at {school}", zh: "{school}的{category}"),
        "plan.moves.teacher": Message(en: "{from} → {to}", zh: "{from} → {to}"),
        "plan.moves.what": Message(en: "what", zh: "项目"),
        "plan.moves.kind": Message(en: "kind", zh: "类别"),
        "plan.moves.before": Message(en: "before", zh: "变动前"),
        "plan.moves.after": Message(en: "after", zh: "变动后"),
        "plan.moves.kind.money": Message(en: "money", zh: "资金"),
        "plan.moves.kind.teachers": Message(en: "teachers", zh: "教师"),
        "plan.moves.more": Message(en: "({count} more in the JSON output's `moves`)\n", zh: "（另有 {count} 项，见 JSON 输出的 `moves`）\n"),
        "plan.unit.perPupil": Message(en: "{unit} per pupil", zh: "{unit}/生"),
        "plan.unit.teachers": Message(en: "teachers", zh: "名教师"),
        "plan.value.priceOfFairnessAtMost": Message(en: "at most {atMost}", zh: "至多 {atMost}"),
        "plan.value.priceOfFairnessBetween": Message(en: "between {atLeast} and {atMost}", zh: "{atLeast} 至 {atMost} 之间"),
    ]

    /// The elastic diagnosis of an infeasible scenario.
    static let planDiagnosis: [String: Message] = [
        "plan.diagnosis.heading": Message(en: "What must give (elastic diagnosis)", zh: "必须放宽什么（弹性诊断）"),
        "plan.diagnosis.headingShort": Message(en: "What must give", zh: "必须放宽什么"),
        "plan.diagnosis.total": Message(
            en: "The smallest relaxation that makes the scenario feasible is worth {money}, in {lines} lines:\n",
            zh: "使情景可行的最小放宽折合 {money}，共 {lines} 项：\n"),
        "plan.diagnosis.total.one": Message(
            en: "The smallest relaxation that makes the scenario feasible is worth {money}, in {lines} line:\n",
            zh: "使情景可行的最小放宽折合 {money}，共 {lines} 项：\n"),
        "plan.diagnosis.byRule": Message(en: "by rule", zh: "按规则"),
        "plan.diagnosis.byFund": Message(en: "by fund (minimum spend)", zh: "按资金（最低支出）"),
        "plan.diagnosis.byCategory": Message(en: "by category", zh: "按类别"),
        "plan.diagnosis.byRegion": Message(en: "by region", zh: "按县区"),
        "plan.diagnosis.sum": Message(en: "  {label}: {amounts}\n", zh: "  {label}：{amounts}\n"),
        "plan.diagnosis.more": Message(en: "; … ({count} more)", zh: "；…（另有 {count} 项）"),
        "plan.diagnosis.oneSplit": Message(
            en: "  (the total is the least possible; its split over lines, and so over regions and categories, is one such split)\n",
            zh: "  （总额是最小可能值；它在各项之间、从而在各县区和类别之间的分摊只是其中一种）\n"),
        "plan.diagnosis.largest": Message(en: "Largest lines:\n", zh: "最大的几项：\n"),
        "plan.diagnosis.all": Message(
            en: "All {count} lines: `diagnosis` in --format json, and diagnosis.csv with --out DIR.\n",
            zh: "全部 {count} 项：见 --format json 的 `diagnosis`，或 --out DIR 写出的 diagnosis.csv。\n"),
        "plan.diagnosis.about": Message(en: "{rule} ({about})", zh: "{rule}（{about}）"),
        "plan.diagnosis.line": Message(en: "{constraint}: relax by {amount} ({money})", zh: "{constraint}：须放宽 {amount}（折合 {money}）"),
        "plan.topUp.enough": Message(
            en: "Money alone fixes it: add at least {money} in all (one smallest split: {split}).\n",
            zh: "仅靠增加资金即可解决：共需至少增加 {money}（一种最小分摊：{split}）。\n"),
        "plan.topUp.impossible": Message(
            en: "Money alone cannot fix it: no top-up of the funds meets every mandatory need and hard rule; the rules above must give.\n",
            zh: "仅靠增加资金无法解决：任何追加都不能满足全部强制需求和硬性规则；上述规则必须放宽。\n"),
        "plan.topUp.fundAdd": Message(en: "add at least {money} to {fund}", zh: "{fund}至少增加 {money}"),
        "plan.topUp.fundCannot": Message(en: "{fund} cannot", zh: "{fund}不能单独解决"),
        "plan.topUp.alone": Message(en: "  one fund alone: {list}\n", zh: "  单一资金：{list}\n"),
        "plan.topUp.undetermined": Message(
            en: "  not decided (the top-up model stopped at a limit): {list}\n",
            zh: "  未能判定（追加模型在求解限制处停止）：{list}\n"),
        "plan.done": Message(
            en: "done in {wall} s wall time of the whole command; {solver} s of it inside GLPK's solvers",
            zh: "完成：整个命令用时 {wall} 秒，其中 GLPK 求解器内 {solver} 秒"),
        "plan.solving": Message(en: "solving — {phase}", zh: "求解中 — {phase}"),
    ]

    /// Rules' names in Chinese when a scenario gives none (`rule.KEY`), in the terms Chinese
    /// education-finance documents use. English keeps the rule's key.
    static let ruleNames: [String: Message] = [
        "rule.coverage_floor": Message(en: "coverage_floor", zh: "需求覆盖率下限"),
        "rule.poverty_county_share": Message(en: "poverty_county_share", zh: "贫困县资金份额下限"),
        "rule.rural_parity": Message(en: "rural_parity", zh: "城乡生均均衡"),
        "rule.maxmin_coverage": Message(en: "maxmin_coverage", zh: "最低覆盖率最大化"),
        "rule.shortage_cap": Message(en: "shortage_cap", zh: "教师缺口上限"),
        "rule.dispatch_county_share": Message(en: "dispatch_county_share", zh: "贫困县调配教师份额下限"),
        "rule.hoover": Message(en: "hoover", zh: "胡佛指数上限"),
        "rule.hold_harmless": Message(en: "hold_harmless", zh: "保底不减（最大降幅）"),
        "rule.per_pupil_floor": Message(en: "per_pupil_floor", zh: "生均经费最低保障"),
        "rule.mandatory": Message(en: "mandatory", zh: "强制需求"),
        "rule.min_spend": Message(en: "min_spend", zh: "最低支出"),
        "rule.max_moves": Message(en: "max_moves", zh: "最多调动次数"),
    ]

    /// Claims' sentences outside English (English prints the claim's own `text`; these English
    /// forms are the same statements, kept so both languages have every key).
    static let claimSentences: [String: Message] = [
        "claim.what.benefit": Message(en: "weighted benefit", zh: "加权效益"),
        "claim.what.objective": Message(en: "objective (weighted benefit net of soft-rule penalties)", zh: "目标值（扣除软约束罚金后的加权效益）"),
        "claim.verb.gains": Message(en: "gains", zh: "增加"),
        "claim.verb.loses": Message(en: "loses", zh: "减少"),
        "claim.verb.costs": Message(en: "costs", zh: "损失"),
        "claim.fund.fullyUsed": Message(en: "{fund} spends all of its {amount} (fully used)", zh: "{fund}的 {amount} 全部用完"),
        // A fund of a year of a multi-year plan that carried money in or on: spending includes what
        // came in, and money carried on is used, not spent.
        "claim.fund.fullyUsedCarried": Message(
            en: "{fund} uses all of its {amount} and the {carriedIn} carried in (fully used): {spent} spent, {carried} carried on, nothing lapses",
            zh: "{fund}本年的 {amount} 与上年结转的 {carriedIn} 全部使用：支出 {spent}，结转下年 {carried}，无失效"),
        "claim.fund.fullyUsedCarriedOn": Message(
            en: "{fund} uses all of its {amount} (fully used): {spent} spent, {carried} carried on, nothing lapses",
            zh: "{fund}本年的 {amount} 全部使用：支出 {spent}，结转下年 {carried}，无失效"),
        "claim.fund.partlyCarriedOn": Message(
            en: "{fund} spends {spent} of its {amount}, carries {carried} on: {lapsed} lapses (not all of it used)",
            zh: "{fund}本年 {amount}：支出 {spent}，结转下年 {carried}，失效 {lapsed}（未全部使用）"),
        "claim.fund.partlyCarried": Message(
            en: "{fund} spends {spent} of its {amount} and the {carriedIn} carried in, carries {carried} on: {lapsed} lapses (not all of it used)",
            zh: "{fund}本年 {amount}、上年结转 {carriedIn}：支出 {spent}，结转下年 {carried}，失效 {lapsed}（未全部使用）"),
        "claim.fund.minimumBinds": Message(
            en: "{fund} spends exactly its minimum, {spent} of {amount} ({share}%): the minimum spend binds",
            zh: "{fund}恰好支出其最低额：{amount} 中支出 {spent}（{share}%），最低支出约束起作用"),
        "claim.fund.partly": Message(en: "{fund} spends {spent} of {amount}: not all of it", zh: "{fund}在 {amount} 中支出 {spent}：未用完"),
        "claim.fund.partlyAboveMinimum": Message(
            en: "{fund} spends {spent} of {amount}: more than its minimum, not all of it",
            zh: "{fund}在 {amount} 中支出 {spent}：高于最低额，但未用完"),
        "claim.fund.up": Message(
            en: "each extra {unit} in {fund}, while the fund stays at most {to}, {verb} {points} points of {what}",
            zh: "{fund}每增加 1 {unit}（资金总额不超过 {to}时），{what}{verb} {points} 分"),
        "claim.fund.upUnlimited": Message(
            en: "each extra {unit} in {fund} {verb} {points} points of {what}, however much is added",
            zh: "{fund}每增加 1 {unit}，{what}{verb} {points} 分，无论增加多少"),
        "claim.fund.upResolved": Message(
            en: "each extra {unit} in {fund} {verb} {points} points of {what} (re-solved at + {step})",
            zh: "{fund}每增加 1 {unit}，{what}{verb} {points} 分（在增加 {step} 处重新求解）"),
        "claim.fund.upNoPlan": Message(en: "{step} more in {fund} leaves no plan (re-solved)", zh: "{fund}增加 {step} 后无可行方案（重新求解）"),
        "claim.fund.down": Message(
            en: "each {unit} less in {fund}, while the fund stays at least {from}, {verb} {points} points of {what}",
            zh: "{fund}每减少 1 {unit}（资金总额不低于 {from}时），{what}{verb} {points} 分"),
        "claim.fund.downUnlimited": Message(
            en: "each {unit} less in {fund} {verb} {points} points of {what}, however much is cut",
            zh: "{fund}每减少 1 {unit}，{what}{verb} {points} 分，无论减少多少"),
        "claim.fund.downResolved": Message(
            en: "each {unit} less in {fund} {verb} {points} points of {what} (re-solved at − {step})",
            zh: "{fund}每减少 1 {unit}，{what}{verb} {points} 分（在减少 {step} 处重新求解）"),
        "claim.fund.downNoPlan": Message(en: "{step} less in {fund} leaves no plan (re-solved)", zh: "{fund}减少 {step} 后无可行方案（重新求解）"),
        "claim.fund.unknown": Message(
            en: "the value of money in {fund} is not known at this plan ({what}, per {unit})",
            zh: "本方案下{fund}资金的边际价值未知（{what}，每{unit}）"),
        "claim.fund.kink": Message(en: "the two sides differ: the plan sits at a kink", zh: "两侧数值不同：方案位于折点"),
        "claim.rule.binding": Message(
            en: "{rule} binds at the optimum (one of its rows or floors sits at its bound)",
            zh: "{rule}在最优解处起约束作用（其某一约束正处在边界上）"),
        "claim.rule.notBinding": Message(
            en: "{rule} does not bind at the optimum: it has slack everywhere, so tightening it a little costs nothing",
            zh: "{rule}在最优解处不起约束作用：处处有余量，略微收紧不增加代价"),
        "claim.rule.derivativeRaising": Message(
            en: "{rule}: at this plan, raising its {parameter} costs {points} points of {what} per unit (the derivative from the final LP's duals)",
            zh: "{rule}：在本方案处，{parameter}每提高 1 个单位，{what}损失 {points} 分（由最终线性规划的对偶值求得的导数，未计算其有效范围）"),
        "claim.rule.derivativeLowering": Message(
            en: "{rule}: at this plan, lowering its {parameter} costs {points} points of {what} per unit (the derivative from the final LP's duals)",
            zh: "{rule}：在本方案处，{parameter}每降低 1 个单位，{what}损失 {points} 分（由最终线性规划的对偶值求得的导数，未计算其有效范围）"),
        "claim.rule.resolved": Message(
            en: "{rule}: re-solved at its {parameter} ± {by}: {sides} (finite differences over that step)",
            zh: "{rule}：在{parameter} ± {by} 处重新求解：{sides}（该步长上的有限差分）"),
        "claim.rule.side": Message(
            en: "{side} it by {by} {verb} {over} points of {what} ({points} per unit)",
            zh: "{side} {by}，{what}{verb} {over} 分（按每单位参数计 {points} 分）"),
        "claim.rule.sideNothing": Message(en: "{side} it by {by} changes nothing in {what}", zh: "{side} {by}，{what}不变"),
        "claim.rule.sideNegligible": Message(
            en: "{side} it by {by} changes {what} by less than 0.01 per unit",
            zh: "{side} {by}，{what}按每单位参数计变化不到 0.01 分"),
        "claim.rule.sideNoPlan": Message(en: "{side} it by {by} leaves no plan", zh: "{side} {by} 后无可行方案"),
        "claim.side.raising": Message(en: "raising", zh: "提高"),
        "claim.side.lowering": Message(en: "lowering", zh: "降低"),
        "claim.parameter.alpha": Message(en: "alpha", zh: "覆盖率 α"),
        "claim.parameter.share": Message(en: "share", zh: "份额"),
        "claim.parameter.gamma": Message(en: "gamma", zh: "系数 γ"),
        "claim.parameter.t": Message(en: "t", zh: "最低覆盖率 t*"),
        "claim.parameter.max": Message(en: "max", zh: "上限"),
        "claim.parameter.max_loss": Message(en: "max_loss", zh: "最大降幅"),
        "claim.parameter.raise": Message(en: "raise", zh: "提高额"),
        "claim.parameter.parameter": Message(en: "parameter", zh: "参数"),
    ]

    /// The parts of a plan made in parts (`solve --schools-per-part`).
    static let decomposition: [String: Message] = [
        "decomposition.heading": Message(en: "Decomposition", zh: "分块求解"),
        "decomposition.noParts": Message(
            en: "no part was planned: the money split over the parts, a relaxation of the whole scenario, has no solution, so neither has the scenario (the diagnosis above is the whole scenario's)",
            zh: "没有规划任何部分：各部分之间的资金分配（整体情景的一个松弛）无解，因此整体情景也无解（上面的诊断针对整体情景）"),
        "decomposition.status": Message(en: "{count} {status}", zh: "{status} {count} 块"),
        "decomposition.parts": Message(
            en: "{parts} parts of {fewest}–{most} schools, each planned on its own with its share of every fund; statuses: {statuses}",
            zh: "共 {parts} 块，每块 {fewest}–{most} 所学校，各自按其在每项资金中的份额单独求解；状态：{statuses}"),
        "decomposition.ruleMet": Message(en: "country-wide {rule}: {value} {sense} {limit} — met", zh: "全域{rule}：{value} {sense} {limit} — 已满足"),
        "decomposition.ruleNotMet": Message(
            en: "country-wide {rule}: {value} {sense} {limit} — NOT met: the joined plan breaks this rule",
            zh: "全域{rule}：{value} {sense} {limit} — 未满足：合并后的方案违反此规则"),
        "decomposition.bound": Message(
            en: "lower bound on the undivided optimum: {bound} (certified gap on U ≤ {gap})",
            zh: "整体最优值的下界：{bound}（U 的保证间隙 ≤ {gap}）"),
        "decomposition.noBound": Message(
            en: "no certified bound (a part has no plan, a country-wide rule is not met, or a rule the bound does not cover is on)",
            zh: "无保证界（某块无方案、某条全域规则未满足，或启用了下界不涵盖的规则）"),
    ]
}
