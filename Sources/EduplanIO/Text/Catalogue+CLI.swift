extension Catalogue {
    /// The cli area of the catalogue: progress lines on stderr, the solve phases' names, and the
    /// frame of a bad-input problem.
    static let cli: [String: Message] = [
        "phase.plan": Message(en: "plan", zh: "规划"),
        "phase.closest to base": Message(en: "closest to base", zh: "寻找最接近基准的方案"),
        "phase.elastic diagnosis": Message(en: "elastic diagnosis", zh: "弹性诊断"),
        "phase.smallest top-up": Message(en: "smallest top-up", zh: "最小追加资金"),
        "phase.top-up split": Message(en: "top-up split", zh: "追加资金分摊"),
        "phase.price of fairness (solve without fairness rules)": Message(
            en: "price of fairness (solve without fairness rules)", zh: "公平的代价（不含公平规则求解）"),
        "phase.max–min coverage, phase 1": Message(en: "max–min coverage, phase 1", zh: "最低覆盖率最大化，第一阶段"),
        "phase.re-splitting the funds by the parts' marginal values": Message(
            en: "re-splitting the funds by the parts' marginal values", zh: "按各块边际价值重新分摊资金"),
        "cli.wrote": Message(en: "wrote {path}", zh: "已写入 {path}"),
        "cli.compared": Message(en: "compared {runs} runs in {seconds} s", zh: "已比较 {runs} 个方案，用时 {seconds} 秒"),
        "cli.errors": Message(en: "{count} errors in {path}", zh: "{path} 中有 {count} 处错误"),
        "cli.errors.one": Message(en: "{count} error in {path}", zh: "{path} 中有 {count} 处错误"),
        "cli.branchAndBound": Message(
            en: "branch and bound — incumbent {incumbent}, bound {bound}, gap {gap}, open nodes {nodes}",
            zh: "分支定界 — 当前最优 {incumbent}，界 {bound}，间隙 {gap}，未处理节点 {nodes}"),
        "cli.problem.at": Message(en: "{location}: expected {expected}, found {found}", zh: "{location}：应为 {expected}，实际为 {found}"),
        "cli.problem.file": Message(en: "{file}", zh: "文件 {file}"),
        "cli.problem.line": Message(en: "{file}:{line}", zh: "文件 {file} 第 {line} 行"),
        "cli.problem.lineColumn": Message(en: "{file}:{line}:{column}", zh: "文件 {file} 第 {line} 行第 {column} 列"),
        "cli.problem.field": Message(en: "{location} ({field})", zh: "{location}（{field}）"),
        "cli.problem.warning": Message(en: "warning: {text}", zh: "警告：{text}"),
        "cli.problem.hint": Message(en: "{text}; {hint}", zh: "{text}；{hint}"),
    ]
}
