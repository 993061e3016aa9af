import Foundation

/// The multi-year part of a scenario folder (docs/format.md, "horizon"): the `horizon:` block of the
/// scenario and of its variants, funds' `amount` lists, `growth` and `carry_over`, teachers.csv's
/// `contract_years` and `count_<year>`, projects.csv's `year`, each later year's school table and
/// the region growth table. Written only where the scenario has them, so a one-year scenario keeps
/// its bytes.
extension ScenarioWriter {
    /// The table files of every horizon (the base's, then each variant's), each distinct table once:
    /// a later year's schools as `schools_<year>.csv` and the region growth rates as `growth.csv`
    /// (`schools_<year>_2.csv`, `growth_2.csv`, … when a variant's table differs from one already
    /// named).
    struct HorizonFiles {
        /// Year → file of each horizon, by position (0: the base's, v + 1: variant v's).
        var schoolNames: [[Int: String]] = []
        var growthNames: [String?] = []
        private var schoolTables: [(name: String, schools: [School])] = []
        private var growthTables: [(name: String, rates: [Horizon.RegionLevel: Double])] = []
        /// How scenario.yaml names each table file (its sheet in a workbook).
        private var paths: [String: String] = [:]

        init(_ scenario: Scenario, tablePath: (String) -> String) {
            for horizon in [scenario.horizon] + scenario.variants.map(\.horizon) {
                var names: [Int: String] = [:]
                for year in (horizon?.schoolTables.keys ?? [:].keys).sorted() {
                    names[year] = schoolTableName(year: year, schools: horizon!.schoolTables[year]!)
                }
                schoolNames.append(names)
                growthNames.append(horizon.flatMap { $0.projection.regionGrowthFile == nil ? nil : growthTableName($0.projection.regionGrowth) })
            }
            for name in schoolTables.map(\.name) + growthTables.map(\.name) { paths[name] = tablePath(name) }
        }

        /// How scenario.yaml names a table file (its sheet in a workbook).
        func path(_ name: String) -> String { paths[name] ?? name }

        private mutating func schoolTableName(year: Int, schools: [School]) -> String {
            if let known = schoolTables.first(where: { $0.name.hasPrefix("schools_\(year)") && $0.schools == schools }) { return known.name }
            let taken = schoolTables.filter { $0.name.hasPrefix("schools_\(year)") }.count
            let name = "schools_\(year)" + (taken == 0 ? "" : "_\(taken + 1)") + ".csv"
            schoolTables.append((name, schools))
            return name
        }

        private mutating func growthTableName(_ rates: [Horizon.RegionLevel: Double]) -> String {
            if let known = growthTables.first(where: { $0.rates == rates }) { return known.name }
            let name = "growth" + (growthTables.isEmpty ? "" : "_\(growthTables.count + 1)") + ".csv"
            growthTables.append((name, rates))
            return name
        }

        /// The files, school tables first, each in the order first named.
        func tableFiles(_ scenario: Scenario) -> [File] {
            schoolTables.map { File(name: $0.name, contents: ScenarioWriter.schools(scenario, $0.schools)) }
                + growthTables.map { File(name: $0.name, contents: ScenarioWriter.growth(scenario, $0.rates)) }
        }
    }

    /// growth.csv: `region,level,rate`, in region order, then level order.
    static func growth(_ s: Scenario, _ rates: [Horizon.RegionLevel: Double]) -> String {
        var out = "region,level,rate\n"
        for key in rates.keys.sorted(by: { $0.region != $1.region ? $0.region < $1.region : $0.level < $1.level }) {
            out += "\(csv(s.regions[key.region].id)),\(key.level.rawValue),\(number(rates[key]!))\n"
        }
        return out
    }

    /// `{years: [...], discount: δ, schools: {...}, projection: {...}, fairness: {...}}`, defaults left out.
    static func horizonBlock(_ h: Horizon, files: HorizonFiles, position: Int, categories: [NeedCategory]) -> String {
        var parts = ["years: [\(h.years.map(String.init).joined(separator: ", "))]"]
        if h.discount != 1 { parts.append("discount: \(number(h.discount))") }
        let tables = files.schoolNames[position]
        if !tables.isEmpty {
            parts.append("schools: {" + tables.keys.sorted().map { "\($0): \(yamlText(files.path(tables[$0]!)))" }.joined(separator: ", ") + "}")
        }
        var projection: [String] = []
        let growth = SchoolLevel.allCases.compactMap { level in h.projection.enrollmentGrowth[level].map { "\(level.rawValue): \(number($0))" } }
        if !growth.isEmpty { projection.append("enrollment_growth: {\(growth.joined(separator: ", "))}") }
        if let file = files.growthNames[position] { projection.append("region_growth: \(yamlText(files.path(file)))") }
        if h.projection.poorExit != 0 { projection.append("poor_exit: \(number(h.projection.poorExit))") }
        if h.projection.poorIntake != 0 { projection.append("poor_intake: \(number(h.projection.poorIntake))") }
        if !projection.isEmpty { parts.append("projection: {\(projection.joined(separator: ", "))}") }
        if !h.fairness.isEmpty {
            let years = h.fairness.keys.sorted().map { year in
                "\(year): {" + fairnessRules(h.fairness[year]!, categories: categories).map { "\($0.0): \($0.1)" }
                    .joined(separator: ", ") + "}"
            }
            parts.append("fairness: {\(years.joined(separator: ", "))}")
        }
        return "{\(parts.joined(separator: ", "))}"
    }

    /// A fund's `amount`: one number, or the list of one amount per year.
    static func fundAmount(_ fund: FundSource) -> String {
        fund.amounts.map { "[\($0.map(number).joined(separator: ", "))]" } ?? number(fund.amount)
    }

    /// A fund's `growth` and `carry_over`, those not 0.
    static func fundHorizonKeys(_ fund: FundSource) -> [String] {
        (fund.growth != 0 ? ["growth: \(number(fund.growth))"] : [])
            + (fund.carryOver != 0 ? ["carry_over: \(number(fund.carryOver))"] : [])
    }

    /// A variant's `horizon`, `fund_growth` and `fund_carry_over` (funds in scenario order).
    static func variantHorizonKeys(_ variant: Variant, position: Int, scenario s: Scenario, files: HorizonFiles) -> [String] {
        var parts: [String] = []
        if let horizon = variant.horizon {
            parts.append("horizon: \(horizonBlock(horizon, files: files, position: position, categories: s.categories))")
        }
        for (key, values) in [("fund_growth", variant.fundGrowth), ("fund_carry_over", variant.fundCarryOver)] where !values.isEmpty {
            let known = s.funds.map(\.id).filter { values[$0] != nil }
            parts.append("\(key): {" + known.map { "\(yamlText($0)): \(number(values[$0]!))" }.joined(separator: ", ") + "}")
        }
        return parts
    }

    /// A variant's `fund_amounts` entries, numbers and lists, in fund order, then any other ids sorted.
    static func variantFundAmounts(_ variant: Variant, funds: [FundSource]) -> [String] {
        let ids = Set(variant.fundAmounts.keys).union(variant.fundAmountLists.keys)
        let known = funds.map(\.id).filter(ids.contains)
        return (known + ids.subtracting(known).sorted()).map { id in
            if let list = variant.fundAmountLists[id] { return "\(yamlText(id)): [\(list.map(number).joined(separator: ", "))]" }
            return "\(yamlText(id)): \(number(variant.fundAmounts[id]!))"
        }
    }

    /// The `count_<year>` columns of teachers.csv: every year some group gives, in order.
    static func yearCountYears(_ groups: [TeacherGroup]) -> [Int] {
        Set(groups.flatMap(\.yearCounts.keys)).sorted()
    }

    /// Every rule of every horizon's per-year fairness (for the table files some rules bring).
    static func horizonRules(_ s: Scenario) -> [any RuleSetting] {
        ([s.horizon] + s.variants.map(\.horizon)).compactMap { $0 }.flatMap { horizon in
            horizon.fairness.keys.sorted().flatMap { horizon.fairness[$0]!.rules }
        }
    }
}
