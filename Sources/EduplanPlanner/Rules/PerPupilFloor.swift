import EduplanScenario
import LinearProgramming

/// F9: M_r / n_r ≥ φ_r for every region r with pupils and a floor, written multiplied through as
/// Σ_{f,k} z_{f,k,r} (+ slack) ≥ φ_r · n_r in money. φ_r comes from `floor` by the region's
/// designation or, without `floor`, from regions.csv's `floor_per_pupil` (an empty cell, or a
/// designation `floor` does not list: no floor). The claim's parameter `raise` moves every φ_r by
/// the same amount (CNY per pupil); files always hold 0.
struct PerPupilFloorRule: RegionFloorRule, SingleParameterRule, Equatable {
    /// F9's setting.
    struct Setting: Sendable, Equatable {
        var mode: RuleMode
        /// φ by designation; nil: regions.csv's `floor_per_pupil`.
        var floor: [Designation: Double]?
        /// Added to every φ_r (the claim's re-solves move it; never read or written).
        var raise: Double = 0
    }

    let setting: Setting
    /// Its scenario key, the parameter its marginal cost is about (every φ raised alike), its glossary line.
    static let names = RuleNames(key: "per_pupil_floor", parameter: "raise",
                                 formula: "money to every region ≥ floor per pupil × its pupils")
    /// `floor` besides mode and penalty.
    static let parameterKeys = ["floor"]
    var mode: RuleMode { setting.mode }

    /// The claim's parameter: `raise`.
    static var parameterPath: WritableKeyPath<Setting, Double> { \.raise }
    /// One CNY per pupil.
    var parameterStep: Double { 1 }

    /// The regions F9 writes a row for, in region order: those with pupils (n_r > 0) and a floor
    /// φ_r > 0 (raise included), with φ_r and n_r.
    func floorRegions(_ scenario: Scenario) -> [(region: Int, floor: Double, pupils: Double)] {
        var pupils = Array(repeating: 0.0, count: scenario.regions.count)
        for school in scenario.schools { pupils[school.region] += Double(school.enrollment) }
        return scenario.regions.indices.compactMap { r in
            let region = scenario.regions[r]
            guard pupils[r] > 0, let base = setting.floor.map({ $0[region.designation] }) ?? region.floorPerPupil,
                  base + setting.raise > 0 else { return nil }
            return (r, base + setting.raise, pupils[r])
        }
    }

    /// The report's sentence for the setting.
    func settingText(_ scenario: Scenario, number: (Double) -> String, percent: (Double) -> String) -> String {
        guard let floor = setting.floor else { return "every region ≥ its floor_per_pupil (regions.csv) per pupil" }
        let parts = floor.keys.sorted(by: RuleYAML.designationOrder).map { "\($0.rawValue) \(number(floor[$0]!))" }
        return "every region ≥ per pupil: \(parts.joined(separator: ", "))"
    }

    /// φ_r · n_r for every region of ``floorRegions(_:)``.
    func regionFloors(_ scenario: Scenario) -> [RegionFloor] {
        floorRegions(scenario).map { r, floor, pupils in
            let region = scenario.regions[r].id, name = scenario.regions[r].name
            let constraint = "money to \(name.isEmpty ? region : "\(name) [\(region)]") ≥ \(RuleYAML.number(floor)) per pupil × "
                + "\(RuleYAML.number(pupils)) pupils"
            return RegionFloor(region: r, money: floor * pupils, constraint: constraint)
        }
    }

    func build(into f: inout Formulation) { buildFloors(into: &f) }

    func marginalCost(_ f: Formulation, _ solution: Solution) -> Double? {
        guard mode.isHard else { return nil }
        // Raising every φ by d raises region r's right-hand side by n_r · d (money rows scale like the
        // objective); the hard rows were registered in the order of floorRegions.
        let rows = f.ruleRows[key] ?? []
        return zip(rows, floorRegions(f.scenario)).reduce(0.0) { $0 + solution.rowDual($1.0) * $1.1.pupils }
    }
}

// MARK: Lagrangian bound

extension PerPupilFloorRule: LagrangianPricedRule {
    /// μ_r on each region's row (a region lies in one part: its part's dual).
    func lagrangianTerms(_ context: LagrangianContext) -> LagrangianTerms {
        regionFloorTerms(context, floors: regionFloors(context.scenario))
    }
}

// MARK: Setting

extension PerPupilFloorRule {
    /// Reads `floor`, a mapping designation → money per pupil (optional: regions.csv's column otherwise).
    static func read(_ block: RuleBlock) -> PerPupilFloorRule? {
        let floor = block.designationNumbers("floor", rule: .money, expected: "a mapping of designation → money per pupil")
        return PerPupilFloorRule(setting: Setting(mode: block.mode, floor: floor))
    }

    /// `floor: {national: φ, …}` when the setting names one.
    func yamlEntries(categories: [NeedCategory]) -> [(key: String, value: String)] {
        setting.floor.map { [("floor", RuleYAML.designationNumbers($0))] } ?? []
    }

    /// Without `floor`, regions.csv must have a `floor_per_pupil` column with at least one value.
    func problems(in scenario: Scenario) -> [RuleSettingProblem] {
        guard setting.floor == nil, !scenario.regions.contains(where: { $0.floorPerPupil != nil }) else { return [] }
        return [RuleSettingProblem(parameter: "floor", expected: "`floor: {designation: money per pupil, …}` or a `floor_per_pupil` column in regions.csv",
                                   found: "neither", hint: "add `floor:` to the block, or fill regions.csv's floor_per_pupil")]
    }
}
