extension Catalogue {
    /// A plan's status notes (`PlanStatusNote`), one entry per kind. The English is plan.json's
    /// `status_detail`, so each English sentence carries the separator that opens it (" ", "; ");
    /// each Chinese sentence stands alone and ends with 。.
    static let status: [String: Message] = statusNotes.merging(statusStops) { first, _ in first }

    /// What the solve found, or why it found no plan.
    static let statusNotes: [String: Message] = [
        "plan.note.optimal": Message(en: "Optimal plan.", zh: "最优方案。"),
        "plan.note.withinGap": Message(
            en: "A plan within the requested MIP gap ({asked}): the search stopped once the relative MIP gap, |objective − bound| / "
                + "|objective − its constant|, was below it, as the scenario's solver settings ask.",
            zh: "在所要求的最优间隙（{asked}）内的方案：相对最优间隙（|目标值 − 界| / |目标值 − 常数项|）低于该值后，按情景的求解器设置停止搜索。"),
        "plan.note.stoppedEarly": Message(
            en: "A feasible plan; the solver stopped early: {reason}.", zh: "可行方案；求解器提前停止：{reason}。"),
        "plan.note.noFeasiblePlan": Message(en: "no feasible plan found: {reason}", zh: "没有找到可行方案：{reason}。"),
        "plan.note.phaseFoundNoPoint": Message(
            en: "no feasible plan found: {phase} found no point: {reason}", zh: "没有找到可行方案：{phase}没有找到可行点：{reason}。"),
        "plan.note.unbounded": Message(en: "{reason}", zh: "模型无界，没有方案：{reason}。"),
        "plan.note.infeasible": Message(
            en: "no plan satisfies every mandatory need and hard rule", zh: "没有任何方案能同时满足全部强制需求和硬性规则。"),
        "plan.note.infeasibleInEveryYear": Message(
            en: "no plan satisfies every mandatory need and hard rule in every year", zh: "没有任何方案能在每一年同时满足全部强制需求和硬性规则。"),
        "plan.note.notBuiltOverYears": Message(
            en: "not planned: {rules} is not built over a horizon of several years in this version (its level is prepared on one "
                + "year); plan each year alone, or drop the rule",
            zh: "未规划：本版本不能在多年的规划期上构建{rules}（其水平按单独一年确定）；请逐年单独规划，或去掉该规则。"),
        "plan.note.diagnosisFoundNoRelaxation": Message(
            en: "; the elastic diagnosis found no relaxation either ({reason})", zh: "弹性诊断也没有找到可行的放宽（{reason}）。"),
        "plan.note.dispatchRoundedKept": Message(
            en: " The teacher dispatch is the LP relaxation's rounded down and repaired (docs/model.md §13); branch and bound found no better one.",
            zh: "教师调配取自线性规划松弛解，向下取整并修复（docs/model.md §13）；分支定界没有找到更好的调配。"),
        "plan.note.dispatchRoundedImproved": Message(
            en: " Branch and bound started from the LP relaxation's dispatch rounded down and repaired (docs/model.md §13) and found a better one.",
            zh: "分支定界从线性规划松弛解向下取整并修复后的教师调配出发（docs/model.md §13），找到了更好的调配。"),
        "plan.note.closestToBase": Message(
            en: " Of its optimal plans, the one closest to the base{stopped}: distance Σ|x − x_base| + V·Σ|y − y_base| = {distance} "
                + "(the solver's first optimum: {first}).",
            zh: "在其各最优方案中取最接近基准者{stopped}：与基准的距离（各项资金变动的绝对值之和，加上按权重计的教师调动之和）为 {distance}"
                + "（求解器找到的第一个最优方案为 {first}）。"),
        "plan.note.closest.timeLimit": Message(
            en: " (the second phase stopped at its time limit of {seconds} s: the closest found)",
            zh: "（第二阶段在 {seconds} 秒的时间上限处停止：取已找到的最接近者）"),
        "plan.note.closest.integersFixed": Message(
            en: " with the dispatch of its first optimum (integer: fixed)", zh: "，教师调配沿用第一个最优方案的（整数变量固定）"),
        "plan.note.notClosestToBase": Message(
            en: " Not the optimal plan closest to the base: the second phase found none ({reason}); distance to the base {distance}.",
            zh: "不是最接近基准的最优方案：第二阶段没有找到（{reason}）；与基准的距离为 {distance}。"),
        "plan.note.holdHarmlessAmbiguous": Message(
            en: "Warning: {rule}'s base plan is one of several optimal plans of the base, which give {regions} other money; "
                + "the floors there depend on which one the solver found. Give the reference as a file (reference: FILE.csv with "
                + "region,money) to fix it.",
            zh: "注意：{rule}的基准方案是基准情景多个最优方案中的一个，其他最优方案给{regions}的资金不同；这些县的下限取决于求解器找到的是哪一个。"
                + "请以文件给出参照（`reference: FILE.csv`，列为 `region,money`）来固定它。"),
        "plan.note.certifiedByYears": Message(
            en: "A plan certified by its years (gap {gap} ≤ {asked}): each year planned with the earlier years fixed, and a "
                + "Lagrangian bound over the rows that tie the years together shows the plan within that gap of the optimum "
                + "(docs/model.md §23). The horizon was not solved whole, so the claims over years (the marginal values of funds "
                + "and rules) are not given; ask a mip_gap below 0.0001 for them (the horizon is then solved whole, which takes far longer).",
            zh: "逐年规划并经下界验证的方案（间隙 {gap} ≤ {asked}）：各年依次规划、前几年的决策固定，对连接各年的约束做拉格朗日松弛得到的下界表明该方案与最优值之差在此间隙内"
                + "（docs/model.md §23）。未整体求解多年模型，因此不给出跨年的边际价值说明（资金和规则的边际价值）；如需要，请把 mip_gap 设在 0.0001 以下（此时整个多年模型一起求解，耗时长得多）。"),
        "plan.note.priceOfFairnessRange": Message(
            en: " The price of fairness is a range proved by the Lagrangian bounds with and without fairness rules, for this plan "
                + "against the best plan without them (docs/model.md §23).",
            zh: "公平的代价以区间给出：由含与不含公平规则的拉格朗日下界证明，是本方案相对于不含公平规则的最优方案而言的（docs/model.md §23）。"),
        "plan.note.priceOfFairnessNotGiven": Message(
            en: " The price of fairness is not given: the years without fairness rules do not bound it (a travel penalty per km, "
                + "or a year without an optimum), or only by 100%.",
            zh: "不给出公平的代价：不含公平规则的各年下界无法界定它（存在按公里计的路程惩罚，或某年没有最优解），或只能界定到 100%。"),
        "plan.note.partsOptimal": Message(
            en: "Planned in {parts} parts, each optimal; see the parts and the certified gap.",
            zh: "分 {parts} 块规划，每块均为最优；见各块情况和保证间隙。"),
        "plan.note.partsStopped": Message(
            en: "Planned in {parts} parts; at least one stopped at a limit ({status}).",
            zh: "分 {parts} 块规划；至少有一块在达到上限时停止（{status}）。"),
        "plan.note.partsWithoutPlan": Message(en: "Some parts have no plan — {list}", zh: "部分分块没有方案：{list}"),
        "plan.note.part": Message(en: "part {part}: {notes}", zh: "第 {part} 块：{notes}"),
        // Each Chinese part ends with 。: a space, not "；", between them.
        "plan.note.partSeparator": Message(en: "; ", zh: " "),
        "plan.note.plannedUndivided": Message(
            en: " (Planned undivided: {why} after {passes} passes.)", zh: "（改为整体规划：分块求解 {passes} 轮后，{why}。）"),
        "plan.note.undivided.partsFoundNoPlan": Message(en: "the parts found no plan", zh: "各块仍没有方案"),
        "plan.note.undivided.shortOfCountryRule": Message(
            en: "the joined plan falls short of a hard rule over the country", zh: "合并后的方案仍未满足某条全域硬性规则"),
        "plan.note.noVerdict": Message(
            en: " The scenario is not proved infeasible, and the undivided model does not fit in memory: no verdict.",
            zh: "未能证明情景不可行，而整体模型超出内存：无法给出结论。"),
        "plan.note.splitInfeasible": Message(
            en: " (the money split over the parts, a relaxation of the whole scenario, has no solution)",
            zh: "（各部分之间的资金分配是整体情景的一个松弛，它无解。）"),
        "plan.note.topUpImpossible": Message(
            en: "; no top-up of {funds} makes every mandatory need and hard rule hold",
            zh: "对{funds}追加多少资金都不能使全部强制需求和硬性规则同时满足。"),
        "plan.note.topUpUndetermined": Message(
            en: "; the top-up model of {funds} stopped at a limit without an answer",
            zh: "{funds}的追加资金模型在达到上限时停止，没有得出结论。"),
        "plan.note.topUpNotNeeded": Message(
            en: " No top-up is needed: every mandatory need and hard rule holds with the funds as they are.",
            zh: "无需追加资金：按现有资金，全部强制需求和硬性规则均可满足。"),
        "plan.note.topUpFound": Message(
            en: " With the smallest top-up (rounded up): {added}, {total} in all; any less and some mandatory need or hard rule fails.",
            zh: "按最小追加资金（向上取整）：{added}，合计 {total}；再少一些，就会有强制需求或硬性规则不能满足。"),
        "plan.note.topUpFund": Message(en: "{fund} +{money}", zh: "{fund}追加 {money}"),
    ]

    /// Why a solver stopped, in the languages other than English (English quotes the solver's words).
    static let statusStops: [String: Message] = [
        "plan.note.stop.optimal": Message(en: "optimal", zh: "已求得最优解"),
        "plan.note.stop.infeasible": Message(en: "infeasible", zh: "问题不可行"),
        "plan.note.stop.unbounded": Message(en: "unbounded", zh: "问题无界"),
        "plan.note.stop.infeasibleOrUnbounded": Message(en: "infeasible or unbounded", zh: "问题不可行或无界"),
        "plan.note.stop.timeLimit": Message(en: "the time limit has been exceeded", zh: "已达到时间上限"),
        "plan.note.stop.gapLimit": Message(en: "the requested MIP gap was reached", zh: "已达到所要求的最优间隙"),
        "plan.note.stop.iterationLimit": Message(en: "the iteration limit has been exceeded", zh: "已达到迭代次数上限"),
        "plan.note.stop.interrupted": Message(en: "the search was interrupted", zh: "搜索被中断"),
        "plan.note.stop.numericalError": Message(
            en: "numerical difficulties (a singular or ill-conditioned basis)", zh: "数值计算困难（基矩阵奇异或病态）"),
        "plan.note.stop.otherError": Message(en: "the solver reported another failure", zh: "求解器报告了其他失败"),
        "plan.note.stop.roundedDispatch": Message(
            en: "branch and bound found no integer plan within the time limit; this plan is its LP relaxation with the integers "
                + "rounded down and the money re-solved",
            zh: "分支定界在时间上限内没有找到整数方案；本方案取线性规划松弛解，整数向下取整后重新求解资金，并给出其与松弛下界的间隙"),
        "plan.note.stop.topUpDispatch": Message(
            en: "branch and bound found no integer plan within the time limit; this plan has the top-up model's teacher dispatch "
                + "with the money re-solved",
            zh: "分支定界在时间上限内没有找到整数方案；本方案采用追加资金模型的教师调配并重新求解资金，并给出其与松弛下界的间隙"),
    ]
}
