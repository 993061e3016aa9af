extension Catalogue {
    /// The policy area of the catalogue.
    static let policy: [String: Message] = [
        "policy.region_floor.cost": Message(
            en: "{row}: each {currency} more of the region's floor costs {points} points of the objective while the floor stays in {range} (the final LP's dual and ranging{held})",
            zh: "{row}：该地区保底额在 {range} 范围内每增加 1 {currency}，目标值损失 {points} 分（据最终线性规划的对偶值与灵敏度区间{held}）"),
        "policy.region_floor.no_higher": Message(
            en: "; a higher floor is priced at this plan only (a degenerate vertex on that side: re-solve to see)",
            zh: "；更高的保底额仅在本方案下适用此价格（该侧顶点退化，请重新求解查看）"),
        "policy.region_floor.no_lower": Message(
            en: "; a lower floor is priced at this plan only (a degenerate vertex on that side: re-solve to see)",
            zh: "；更低的保底额仅在本方案下适用此价格（该侧顶点退化，请重新求解查看）"),
        "policy.region_floor.degenerate": Message(
            en: "{row}: at this plan each {currency} more of the region's floor costs {points} points of the objective; the vertex is degenerate, so no range is known (re-solve to see a finite change{held})",
            zh: "{row}：在本方案下，该地区保底额每增加 1 {currency}，目标值损失 {points} 分；顶点退化，适用区间未知（请重新求解查看有限变化{held}）"),
    ]
}
