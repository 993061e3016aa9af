import ArgumentParser
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation

/// `eduplan diff A/plan.json B/plan.json`: two plans compared by fund, category, region, school
/// and teacher group.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two plan.json files by fund, category, region, school and teacher group.",
        discussion: """
        Reads two plan.json files written by `solve --out` (checked as `evaluate` checks a plan: \
        every problem at once, exit 1) and compares, per level, money spent by fund, money by \
        category and by region (the funds' flows), money by school (X_s) and teachers dispatched \
        by group. The text gives each level's total in A and B and its five largest changes; \
        --format csv prints every line (level,id,before,after,change), json the same as an object. \
        --out DIR writes one CSV per level (funds.csv, categories.csv, regions.csv, schools.csv, \
        teacher_groups.csv). An id one plan lacks counts as 0 there. A warning on stderr says when \
        the two plans were solved from different scenarios (same identity with other data, or \
        another scenario), by their recorded fingerprints.

        Example:
          eduplan diff before/plan.json after/plan.json
          eduplan diff before/plan.json after/plan.json --out changes/

        Exit status: 0 compared; 1 bad input (a missing or malformed plan file, a refused --out).
        """
    )

    @Argument(help: "The first plan (A), a plan.json of `solve --out`.") var first: String
    @Argument(help: "The second plan (B).") var second: String
    @Option(help: "table, csv or json (markdown prints the table).") var format: OutputFormat = .table
    @Option(help: "Also write one CSV per level into this folder.") var out: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func run() throws {
        let output = try out.map {
            try openOutput(folder: $0, files: PlanDiff.Level.allCases.map(\.fileName), inputs: InputPaths(files: [first, second]))
        }
        defer { output?.abandon() }
        var problems: [ScenarioProblem] = [], plans: [PlanFile] = []
        for path in [first, second] {
            let (plan, found) = PlanFile.read(try readInput(path, expected: "a plan.json file"), file: path, requiring: .evaluation)
            problems += found
            if let plan { plans.append(plan) }
        }
        guard plans.count == 2 else {
            Output.problems(ScenarioErrors(problems: problems).text(wording.wording()))
            throw Output.badInput
        }
        for warning in problems { global.note(warning.text(wording.wording())) }
        let diff = PlanDiff(plans[0], plans[1])
        if let warning = diff.scenarioWarning { global.note(wording.wording()("diff.warning", ["text": warning])) }
        if let output {
            try commit(PlanDiff.Level.allCases.map { ($0.fileName, Data(diff.csv($0).utf8)) }, to: output)
        }
        switch format {
        case .json: Output.result(try diff.json().rendered() + "\n")
        case .csv: Output.result(diff.csv())
        case .table, .markdown: Output.result(diff.text(wording: wording.wording()))
        }
    }
}
