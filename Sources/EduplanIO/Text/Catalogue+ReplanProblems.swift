extension Catalogue {
    /// The fixed texts of a rolling re-plan's problems (the previous multi-year plan, the actuals
    /// with their years), merged into ``problems``.
    static let replanPhrases: [(String, String)] = [
        ("a year (a whole number)", "年份（整数）"),
        ("each year, school and category given once", "每个年份、学校和类别只出现一次"),
        ("each year, group and school given once", "每个年份、教师组和学校只出现一次"),
        ("a second row for it", "又出现一行"),
        ("the years of a multi-year plan (a solve that found one)", "多年度方案的各年度（求解得到方案时才有）"),
        ("a money category (the scenario has none)", "资金类别（本情景没有）"),
        ("a school of the scenario", "本情景中的学校"),
        ("a teacher group of the scenario", "本情景中的教师组"),
        ("teachers posted go in a `year,group,school,count` file; their cost follows from it",
         "新派教师写在 `year,group,school,count` 文件中；其费用由此算出"),
        ("a re-plan can only keep posts at the schools its model may post the group to",
         "滚动调整只能保留模型可向该教师组派往的学校中的岗位"),
        ("every year of the horizon is over: nothing to re-plan", "规划期各年均已执行完毕：没有可重新规划的年度"),
        ("the plan of a scenario without a horizon (one year)", "无规划期（单一年度）情景的方案"),
        ("a multi-year plan (`years`)", "多年度方案（`years`）"),
        ("re-plan a multi-year plan with the multi-year scenario it was solved from", "请用求解该多年度方案的多年度情景来滚动调整"),
        ("a multi-year plan (`years`), as `solve --out` writes for a horizon", "多年度方案（`years`），即有规划期时 `solve --out` 写出的文件"),
        ("a plan of one year (no `years`)", "单一年度的方案（没有 `years`）"),
        ("re-plan a one-year plan with a scenario without a horizon", "请用无规划期的情景来调整单一年度方案"),
        // Evaluating a multi-year plan (`evaluate PLAN.json --scenario DIR`).
        ("--scenario DIR, the multi-year scenario the plan was solved from", "--scenario DIR，即求解该方案所用的多年度情景"),
        ("a multi-year plan without --scenario", "未给出 --scenario 的多年度方案"),
        ("the years' scenarios, the groups' contract years and the projects' costs are in the scenario, not in the plan",
         "各年度的情景、教师组的合同年限和项目的费用都在情景中，而不在方案中"),
    ]

    /// Templates of a rolling re-plan's problems, tried before the others.
    static let replanTemplates: [Message] = [
        Message(en: "a header with a `year` column ({columns})", zh: "含 `year` 列的表头（{columns}）"),
        Message(en: "a year of the horizon ({years})", zh: "规划期中的年份（{years}）"),
        Message(en: "none (status {status})", zh: "没有（求解状态 {status}）"),
        Message(en: "a money category ({list})", zh: "资金类别（{list}）"),
        Message(en: "a whole number of teachers from {low} to {high}", zh: "{low} 到 {high} 之间的整数教师人数"),
        Message(en: "a candidate pair of group {group} ({list})", zh: "教师组 {group} 的候选学校（{list}）"),
        Message(en: "actuals for {year} (every year up to {last})", zh: "{year} 年的实际执行数（{last} 年及以前每年都需要）"),
        Message(en: "no row of {year} in any actuals file", zh: "所有实际执行数文件中都没有 {year} 年的行"),
        Message(en: "years before the horizon's last ({year})", zh: "规划期最后一年（{year}）之前的年份"),
        Message(en: "money for {category} at {school} up to {year} adding up to at most the cost of its projects that may be funded by then, {cost}",
                zh: "截至 {year} 年 {school} 的 {category} 资金合计不超过届时可资助项目的费用 {cost}"),
    ]
}
