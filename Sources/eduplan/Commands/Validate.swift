import ArgumentParser
import EduplanIO
import EduplanScenario
import Foundation

/// `eduplan validate DIR`: every problem of a scenario folder, or its summary when it is clean.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario and list every problem.",
        discussion: """
        Reads the scenario folder (scenario.yaml and its CSV tables) and lists every problem at once, \
        one per line, as `file:line:column (field): expected …, found …`. Warnings (an unknown CSV \
        column, a fund eligible nowhere) are listed too but do not fail the check; an unknown key in \
        scenario.yaml is an error. The accepted ranges are in docs/format.md. A clean scenario \
        gets a one-paragraph summary: regions, schools, pupils, teachers, need per category, funds \
        and variants. Nothing is written.

        Exit status: 0 when the scenario has no errors, 1 when it has any.

        Example:
          $ eduplan validate scenarios/jiangxi-2024
          schools.csv:14:10 (poor): expected poor ≤ enrollment (120), found 130
          scenario.yaml:22:1 (fund): expected a known key here (…), found `fund`; did you mean `funds`?
        """
    )

    @Argument(help: "The scenario folder (it holds scenario.yaml).")
    var directory: String

    @Flag(name: .shortAndLong, help: "Print only the problems (no summary).")
    var quiet = false
    @OptionGroup var wording: WordingOptions

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        // Problems in --lang or the environment's language; the summary also follows `locale:`.
        let words = wording.wording()
        do {
            let loaded = try ScenarioLoader.load(from: url)
            let summaryWords = wording.wording(scenario: loaded.scenario.locale)
            for warning in loaded.warnings { Output.result(warning.text(summaryWords) + "\n") }
            if !quiet { Output.result(ScenarioSummary(loaded.scenario).text(summaryWords) + "\n") }
        } catch let errors as ScenarioErrors {
            for problem in errors.problems { Output.result(problem.text(words) + "\n") }
            let count = errors.errors.count
            Output.problems(words.counted("cli.errors", count, ["count": "\(count)", "path": directory]))
            throw Output.badInput
        }
    }
}
