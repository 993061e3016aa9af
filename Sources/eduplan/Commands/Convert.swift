import ArgumentParser
import EduplanIO
import EduplanScenario
import Foundation

/// `eduplan convert DIR --to xlsx|csv --out OUT`: a scenario's tables as one Excel workbook, or back as CSV.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn a scenario's tables into one Excel workbook, or a workbook scenario into CSV tables.",
        discussion: """
        Reads the scenario folder DIR (its tables CSV files or sheets of a workbook; it must be valid: \
        every problem is listed otherwise) and writes the same scenario into OUT: with `--to xlsx`, \
        scenario.yaml and scenario.xlsx, one sheet per table (regions, schools, teachers, distances, \
        projects), numbers stored as numbers and the header row frozen, scenario.yaml naming each \
        sheet as `scenario.xlsx#schools`; with `--to csv`, scenario.yaml and one CSV file per table. \
        Both forms hold the same scenario value for value (the same plan, the same scenario \
        fingerprint). scenario.yaml is written in its canonical form: comments and key order of the \
        original are not kept. A scenario with `horizon:` is written whole: the horizon block (and \
        each variant's), funds' amount lists, growth and carry_over, teachers' contract_years and \
        count_<year>, projects' year, every later year's school table (schools_<year>.csv or its sheet) and \
        growth.csv. OUT is written as one set, never half.

        Example:
          $ eduplan convert scenarios/jiangxi-2024 --to xlsx --out /tmp/jiangxi-xlsx
          $ eduplan solve /tmp/jiangxi-xlsx
          $ eduplan convert /tmp/jiangxi-xlsx --to csv --out /tmp/jiangxi-csv
        """
    )

    @Argument(help: "The scenario folder (it holds scenario.yaml).")
    var directory: String

    @Option(help: "The form of the tables written: `xlsx` (one workbook) or `csv` (one file per table).")
    var to: String

    @Option(help: "The folder to write (created when missing; not inside DIR).")
    var out: String

    @OptionGroup var options: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        guard ScenarioWorkbook.TableForm(rawValue: to) != nil else {
            throw ValidationError("--to must be `xlsx` or `csv` (got `\(to)`)")
        }
    }

    func run() throws {
        let scenario = try loadScenario(directory, variant: nil, options: options, wording: wording.wording())
        let words = wording.wording(scenario: scenario.locale)
        let form = ScenarioWorkbook.TableForm(rawValue: to) ?? .xlsx
        let files: [(name: String, data: Data)]
        do {
            files = try ScenarioWorkbook.files(for: scenario, form: form)
        } catch {
            Output.problems("eduplan: cannot build the \(to) files: \(error)")
            throw Output.badInput
        }
        let output = try openOutput(folder: out, files: files.map(\.name), inputs: InputPaths(folders: [directory]))
        try commit(files, to: output)
        options.note(words("cli.wroteFiles", ["path": out, "files": files.map(\.name).joined(separator: ", ")]))
    }
}
