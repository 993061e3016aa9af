import Foundation
import Yams

/// NumberRules of the horizon's keys.
extension NumberRule {
    /// A yearly rate (enrollment growth, a fund's growth).
    static let growthRate = NumberRule(range: -0.5...1, expected: "a yearly rate from -0.5 to 1")
    /// δ in (0, 1].
    static let discount = NumberRule(range: 0...1, excludesLower: true, expected: "a discount factor above 0, at most 1")
}

/// scenario.yaml's `horizon:` block and what it changes in the other blocks and tables
/// (docs/format.md, "Multi-year plans").
extension ScenarioLoading {
    static let horizonKeys = ["years", "discount", "schools", "projection", "fairness"]
    static let maximumHorizonYears = 50

    /// The block at `path` (the scenario's, or a variant's), or nil when absent or unreadable.
    func readHorizon(_ node: Node?, path: String) -> Horizon? {
        guard let node, !yaml.isNull(node),
              let map = yaml.mapping(node, path: path, keys: Self.horizonKeys, expected: "a horizon (`{years: [2024, 2025]}`)"),
              let yearsNode = required(map, "years", expected: "the horizon's years (`years: [2024, 2025, 2026]`)"),
              let years = readHorizonYears(yearsNode, path: map.path("years"))
        else { return nil }
        var horizon = Horizon(years: years)
        if let discount = map["discount"], !yaml.isNull(discount) {
            horizon.discount = yaml.number(discount, path: map.path("discount"), rule: .discount) ?? 1
        }
        if let tables = map["schools"], !yaml.isNull(tables) { readYearSchoolTables(tables, path: map.path("schools"), into: &horizon) }
        if let projection = map["projection"], !yaml.isNull(projection) {
            horizon.projection = readProjection(projection, path: map.path("projection"))
        }
        if let fairness = map["fairness"], !yaml.isNull(fairness),
           let byYear = yaml.mapping(fairness, path: map.path("fairness"), keys: nil, expected: "a mapping of year → rules") {
            for entry in byYear.entries {
                guard let year = horizonYear(entry.key, keyNode: entry.keyNode, path: byYear.path(entry.key), in: years,
                                             firstAllowed: true) else { continue }
                horizon.fairness[year] = readFairness(entry.value, path: byYear.path(entry.key))
            }
        }
        return horizon
    }

    /// Consecutive increasing whole years, 1 to 50 of them.
    private func readHorizonYears(_ node: Node, path: String) -> [Int]? {
        let expected = "consecutive increasing years, 1 to \(Self.maximumHorizonYears) of them (`[2024, 2025, 2026]`)"
        guard let items = yaml.sequence(node, path: path, expected: expected) else { return nil }
        var years: [Int] = []
        for (i, item) in items.enumerated() {
            guard let year = yaml.wholeNumber(item, path: "\(path)[\(i)]", range: InputLimits.year) else { return nil }
            if let last = years.last, year != last + 1 {
                log.error(yaml.location(item, path: "\(path)[\(i)]"), expected: "\(last + 1), the year after \(last)",
                          found: "\(year)", hint: "list every year of the horizon, in order")
                return nil
            }
            years.append(year)
        }
        guard (1...Self.maximumHorizonYears).contains(years.count) else {
            log.error(yaml.location(node, path: path), expected: expected, found: "\(years.count) years")
            return nil
        }
        return years
    }

    /// A mapping key that must be a horizon year (after the first unless `firstAllowed`).
    func horizonYear(_ key: String, keyNode: Node, path: String, in years: [Int], firstAllowed: Bool) -> Int? {
        let allowed = firstAllowed ? years : Array(years.dropFirst())
        if let year = Int(key), allowed.contains(year) { return year }
        let list = allowed.isEmpty ? "none: the horizon has one year" : allowed.map(String.init).joined(separator: ", ")
        log.error(yaml.location(keyNode, path: path),
                  expected: firstAllowed ? "a year of the horizon (\(list))" : "a year of the horizon after the first (\(list))",
                  found: "`\(key)`")
        return nil
    }

    /// `schools: {2026: schools_2026.csv}`: each table read like schools.csv, with exactly the
    /// first year's school ids.
    private func readYearSchoolTables(_ node: Node, path: String, into horizon: inout Horizon) {
        guard let map = yaml.mapping(node, path: path, keys: nil, expected: "a mapping of year → school table") else { return }
        for entry in map.entries {
            guard let year = horizonYear(entry.key, keyNode: entry.keyNode, path: map.path(entry.key), in: horizon.years,
                                         firstAllowed: false),
                  let file = yaml.string(entry.value, path: map.path(entry.key), expected: "a file name")
            else { continue }
            guard let table = readYearSchoolTable(TableName(file: file, node: entry.value)) else { continue }
            horizon.schoolTables[year] = table
            horizon.schoolTableFiles[year] = file
        }
    }

    /// A later year's school table, read by the schools.csv reader into its own list; its ids must be
    /// those of the first year's table.
    private func readYearSchoolTable(_ name: TableName) -> [School]? {
        let (savedSchools, savedIndex, savedSources, savedReadable) = (schools, schoolIndex, sources.schools, schoolsReadable)
        defer { (schools, schoolIndex, sources.schools, schoolsReadable) = (savedSchools, savedIndex, savedSources, savedReadable) }
        (schools, schoolIndex, sources.schools) = ([], [:], ScenarioSources.Table(file: name.file))
        readSchools(name)
        guard schoolsReadable else { return nil }
        let firstIDs = Set(savedSchools.map(\.id))
        var complete = true
        for (i, school) in schools.enumerated() where !firstIDs.contains(school.id) {
            log.error(sources.schools.location(i, column: "id"), expected: "a school id of \(savedSources.file)",
                      found: "`\(school.id)`", hint: Suggestion.hint(for: school.id, among: savedSchools.map(\.id)))
            complete = false
        }
        for school in savedSchools where schoolIndex[school.id] == nil {
            log.error(SourceLocation(file: name.file, line: nil, column: nil, field: "id"),
                      expected: "every school of \(savedSources.file)", found: "no row for `\(school.id)`")
            complete = false
        }
        Scenario.checkCounts(schools, table: sources.schools, log)
        return complete && sources.schools.broken.isEmpty ? schools : nil
    }

    /// `projection: {enrollment_growth: {…}, region_growth: growth.csv, poor_exit: …, poor_intake: …}`.
    private func readProjection(_ node: Node, path: String) -> Horizon.Projection {
        var projection = Horizon.Projection()
        guard let map = yaml.mapping(node, path: path, keys: ["enrollment_growth", "region_growth", "poor_exit", "poor_intake"],
                                     expected: "a projection (`{enrollment_growth: {primary: -0.02}}`)")
        else { return projection }
        if let rates = map["enrollment_growth"], !yaml.isNull(rates),
           let byLevel = yaml.mapping(rates, path: map.path("enrollment_growth"), keys: nil, expected: "a mapping of level → yearly rate") {
            for entry in byLevel.entries {
                guard let level = level(entry.key) else {
                    let levels = SchoolLevel.allCases.map(\.rawValue)
                    log.error(yaml.location(entry.keyNode, path: byLevel.path(entry.key)),
                              expected: "a school level (\(Suggestion.list(levels)))", found: "`\(entry.key)`",
                              hint: Suggestion.hint(for: entry.key, among: levels))
                    continue
                }
                projection.enrollmentGrowth[level] = yaml.number(entry.value, path: byLevel.path(entry.key), rule: .growthRate)
            }
        }
        if let exit = map["poor_exit"], !yaml.isNull(exit) {
            projection.poorExit = yaml.number(exit, path: map.path("poor_exit"), rule: .fraction) ?? 0
        }
        if let intake = map["poor_intake"], !yaml.isNull(intake) {
            projection.poorIntake = yaml.number(intake, path: map.path("poor_intake"), rule: .fraction) ?? 0
        }
        if let growth = map["region_growth"], !yaml.isNull(growth),
           let file = yaml.string(growth, path: map.path("region_growth"), expected: "a file name (growth.csv)") {
            projection.regionGrowthFile = file
            projection.regionGrowth = readRegionGrowth(TableName(file: file, node: growth))
        }
        return projection
    }

    /// growth.csv: `region,level,rate`, each pair once.
    private func readRegionGrowth(_ name: TableName) -> [Horizon.RegionLevel: Double] {
        guard let table = openTable(name, required: true) else { return [:] }
        _ = checkColumns(table, required: ["region", "level", "rate"], optional: [])
        var rates: [Horizon.RegionLevel: Double] = [:]
        var lines: [Horizon.RegionLevel: Int] = [:]
        let levels = SchoolLevel.allCases.map(\.rawValue)
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: log)
            guard reader.hasAllFields(), let regionText = reader.text("region", expected: "a region id") else { continue }
            guard let r = regionIndex[regionText] else {
                log.error(reader.location("region"), expected: "a region id of \(sources.regions.file)", found: "`\(regionText)`",
                          hint: Suggestion.hint(for: regionText, among: regions.map(\.id)))
                continue
            }
            guard let levelText = reader.text("level", expected: "a school level (\(Suggestion.list(levels)))") else { continue }
            guard let level = level(levelText) else {
                log.error(reader.location("level"), expected: "a school level (\(Suggestion.list(levels)))",
                          found: "`\(levelText)`", hint: Suggestion.hint(for: levelText, among: levels))
                continue
            }
            let rate = reader.requiredNumber("rate", rule: .growthRate)
            let key = Horizon.RegionLevel(region: r, level: level)
            if let first = lines[key] {
                log.error(reader.location("region"), expected: "each region and level once",
                          found: "`\(regionText)`, `\(levelText)` again", hint: "first on line \(first)")
                continue
            }
            lines[key] = row.line
            if !reader.bad { rates[key] = rate }
        }
        return rates
    }
}

/// A key or column that needs a horizon, checked once the variants are read (a variant may bring
/// or replace the horizon).
struct HorizonUse {
    enum Kind {
        /// A fund's key (`amount` list, `growth`, `carry_over`), with the list's length.
        case fundKey(key: String, fund: String, listCount: Int?)
        /// teachers.csv's `contract_years` column (a warning without a horizon).
        case contractYears
        /// teachers.csv's `count_<year>` column.
        case yearCount(Int)
        /// projects.csv's `year` cell.
        case projectYear(Int)
    }
    var kind: Kind
    var location: SourceLocation
    /// The variant the key is in (nil: the base scenario).
    var variant: String?
}

extension ScenarioLoading {
    /// A fund's `amount`: a number, or (with a horizon) a list of one number per year.
    func readFundAmount(_ node: Node, path: String, fund: String, variant: String?) -> (amount: Double, amounts: [Double]?)? {
        guard case .sequence = node else { return yaml.number(node, path: path, rule: .money).map { ($0, nil) } }
        guard let items = yaml.sequence(node, path: path, expected: "one amount per horizon year") else { return nil }
        let amounts = items.enumerated().compactMap { i, item in yaml.number(item, path: "\(path)[\(i)]", rule: .money) }
        guard amounts.count == items.count, !amounts.isEmpty else { return nil }
        horizonUses.append(HorizonUse(kind: .fundKey(key: "amount", fund: fund, listCount: amounts.count),
                                      location: yaml.location(node, path: path), variant: variant))
        return (amounts[0], amounts)
    }

    /// A fund's `growth` and `carry_over`.
    func readFundHorizonKeys(_ map: YAMLMapping, into fund: inout FundSource) {
        if let node = map["growth"], !yaml.isNull(node), let growth = yaml.number(node, path: map.path("growth"), rule: .growthRate) {
            fund.growth = growth
            if fund.amounts != nil {
                log.error(yaml.location(node, path: map.path("growth")), expected: "`growth` only with a single `amount`",
                          found: "`growth` beside a list of amounts", hint: "give every year's amount in the list, or one amount and its growth")
            }
            horizonUses.append(HorizonUse(kind: .fundKey(key: "growth", fund: fund.id, listCount: nil),
                                          location: yaml.location(node, path: map.path("growth"))))
        }
        if let node = map["carry_over"], !yaml.isNull(node),
           let carry = yaml.number(node, path: map.path("carry_over"), rule: .fraction) {
            fund.carryOver = carry
            horizonUses.append(HorizonUse(kind: .fundKey(key: "carry_over", fund: fund.id, listCount: nil),
                                          location: yaml.location(node, path: map.path("carry_over"))))
        }
    }

    /// A variant's `horizon`, `fund_growth` and `fund_carry_over`.
    func readVariantHorizonKeys(_ map: YAMLMapping, into variant: inout Variant) {
        if let block = map["horizon"], !yaml.isNull(block) { variant.horizon = readHorizon(block, path: map.path("horizon")) }
        for (key, rule) in [("fund_growth", NumberRule.growthRate), ("fund_carry_over", .fraction)] {
            guard let node = map[key], !yaml.isNull(node),
                  let byFund = yaml.mapping(node, path: map.path(key), keys: nil, expected: "a mapping of fund id → number")
            else { continue }
            for entry in byFund.entries {
                guard fundIndex[entry.key] != nil else {
                    log.error(yaml.location(entry.keyNode, path: byFund.path(entry.key)),
                              expected: "a fund id (\(Suggestion.list(funds.map(\.id))))", found: "`\(entry.key)`",
                              hint: Suggestion.hint(for: entry.key, among: funds.map(\.id)))
                    continue
                }
                guard let value = yaml.number(entry.value, path: byFund.path(entry.key), rule: rule) else { continue }
                if key == "fund_growth" { variant.fundGrowth[entry.key] = value } else { variant.fundCarryOver[entry.key] = value }
                horizonUses.append(HorizonUse(kind: .fundKey(key: key, fund: entry.key, listCount: nil),
                                              location: yaml.location(entry.value, path: byFund.path(entry.key)),
                                              variant: variant.name))
            }
        }
    }

    /// Every key and column that needs a horizon has one (the base's, or for a variant's key the
    /// variant's effective one); lists have one amount per year; `year` is the first horizon year;
    /// `robust:` is not combined with a horizon.
    func checkHorizonUses(year: Int?, yearNode: Node?) {
        let variantHorizons = Dictionary(variants.map { ($0.name, $0.horizon ?? horizon) }, uniquingKeysWith: { a, _ in a })
        let tableYears = Set(([horizon] + variants.map(\.horizon)).compactMap { $0 }.flatMap { $0.years.dropFirst() })
        let anyHorizon = horizon != nil || variants.contains { $0.horizon != nil }
        for use in horizonUses {
            let effective = use.variant.map { variantHorizons[$0] ?? nil } ?? horizon
            switch use.kind {
            case let .fundKey(key, fund, listCount):
                guard let effective else {
                    log.error(use.location, expected: "a `horizon:` block for fund `\(fund)`'s `\(key)`",
                              found: "`\(key)` without a horizon", hint: "add `horizon: {years: [...]}` or give one amount")
                    continue
                }
                if let listCount, listCount != effective.years.count {
                    log.error(use.location, expected: "one amount per horizon year (\(effective.years.count))",
                              found: "\(listCount) amounts")
                }
            case .contractYears where !anyHorizon:
                log.warning(use.location, expected: "`contract_years` only with a `horizon:`", found: "the column (ignored)")
            case .contractYears:
                break
            case let .yearCount(year) where !tableYears.contains(year):
                log.error(use.location, expected: anyHorizon ? "`count_<year>` for a horizon year after the first"
                              : "`count_<year>` columns only with a `horizon:`", found: "`count_\(year)`")
            case .yearCount:
                break
            case let .projectYear(year):
                guard let horizon else {
                    log.warning(use.location, expected: "a project `year` only with a `horizon:`", found: "\(year) (ignored)")
                    continue
                }
                if year > horizon.years[horizon.years.count - 1] {
                    log.error(use.location, expected: "a year up to the horizon's last (\(horizon.years[horizon.years.count - 1]))",
                              found: "\(year)")
                }
            }
        }
        checkHorizonCombinations(year: year, yearNode: yearNode)
    }

    /// `year` equals the first horizon year; `robust:` is not combined with a horizon this round.
    private func checkHorizonCombinations(year: Int?, yearNode: Node?) {
        if let horizon, let year, year != horizon.years[0] {
            log.error(yaml.location(yearNode, path: "year"), expected: "the horizon's first year, \(horizon.years[0])",
                      found: "\(year)", hint: "`year` names the plan's first year")
        }
    }
}

/// The horizon's columns of teachers.csv and projects.csv.
extension ScenarioLoading {
    /// teachers.csv's `count_<year>` columns, each recorded as a use to check against the horizon.
    func yearCountColumns(_ table: CSVTable) -> [(column: String, year: Int)] {
        var columns: [(column: String, year: Int)] = []
        for (i, name) in table.header.enumerated() {
            let at = SourceLocation(file: table.file, line: table.headerLine, column: i + 1, field: name)
            if name == "contract_years" { horizonUses.append(HorizonUse(kind: .contractYears, location: at)) }
            guard name.hasPrefix("count_"), let year = Int(name.dropFirst("count_".count)) else { continue }
            columns.append((name, year))
            horizonUses.append(HorizonUse(kind: .yearCount(year), location: at))
        }
        return columns
    }

    /// A group's `contract_years` (whole 1..10, empty 1) and `count_<year>` cells (empty: `count`).
    func readTeacherYears(_ reader: inout RowReader, columns: [(column: String, year: Int)], into group: inout TeacherGroup) {
        switch reader.count("contract_years") {
        case let .value(years) where (1...10).contains(years):
            group.contractYears = years
        case .value:
            log.error(reader.location("contract_years"), expected: "a whole number of years from 1 to 10",
                      found: TextValue.quoted(reader.raw("contract_years") ?? ""))
            reader.markBad()
        default:
            break
        }
        for (column, year) in columns {
            if let count = reader.count(column).value { group.yearCounts[year] = count }
        }
    }

    /// A project's `year` (e_p), recorded as a use to check against the horizon; empty: nil.
    func projectYear(_ reader: inout RowReader) -> Int? {
        guard case let .value(year) = reader.count("year") else { return nil }
        horizonUses.append(HorizonUse(kind: .projectYear(year), location: reader.location("year")))
        return year
    }
}
