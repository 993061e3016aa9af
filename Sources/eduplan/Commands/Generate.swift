import ArgumentParser
import EduplanIO
import EduplanScenario
import Foundation

/// `eduplan generate`: a deterministic synthetic province, written as a scenario folder.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic province.",
        discussion: """
        Writes a scenario folder (scenario.yaml, regions.csv, schools.csv, teachers.csv, projects.csv, \
        and distances.csv for up to 200 regions) with every field filled in: regions with poverty \
        designations and coordinates, schools of every level with all counts and teachers per subject, \
        infrastructure projects, teacher groups to dispatch, five funds whose budgets force trade-offs \
        (the mandatory living allowance is always fundable, about half of the rest is), fairness rules \
        and three variants (funds -20%, donations x2, no fairness). The same options always give \
        byte-identical files.

        Example:
          $ eduplan generate --schools 2000 --regions 40 --seed 7 --out /tmp/province
          $ eduplan validate /tmp/province
        """
    )

    @Option(help: "Number of schools (1 to 1,000,000).")
    var schools: Int

    @Option(help: "Number of regions (counties), at most the number of schools.")
    var regions: Int

    @Option(help: "Seed of the random generator (same seed, same files).")
    var seed: UInt64

    @Option(help: "Output folder (created when missing).")
    var out: String

    @Option(name: .customLong("teacher-groups"), help: "Teacher groups to dispatch (default: one per 25 schools).")
    var teacherGroups: Int?

    @Option(name: .customLong("candidate-limit"), help: "dispatch.candidate_limit of the scenario (default 50).")
    var candidateLimit: Int?

    @Option(help: "Fairness rules: `default` (F1, F3 soft, F4, F5) or `none`.")
    var fairness: String = "default"

    @Flag(help: "Write into a folder that already holds files.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        guard ScenarioGenerator.FairnessPreset(rawValue: fairness) != nil else {
            throw ValidationError("--fairness must be `default` or `none` (got `\(fairness)`)")
        }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    private var options: ScenarioGenerator.Options {
        ScenarioGenerator.Options(schools: schools, regions: regions, seed: seed, teacherGroups: teacherGroups,
                                  candidateLimit: candidateLimit,
                                  fairness: ScenarioGenerator.FairnessPreset(rawValue: fairness) ?? .default)
    }

    func run() throws {
        let url = URL(fileURLWithPath: out)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        if !existing.isEmpty && !force {
            Output.problems(wording.wording()("cli.notEmpty", ["path": out]))
            throw Output.badInput
        }
        let scenario = ScenarioGenerator.generate(options)
        // The folder's files are replaced as one set: interrupted, it holds the old files or all new ones.
        let files = ScenarioWriter.files(for: scenario)
        let output = try openOutput(folder: out, files: files.map(\.name), inputs: InputPaths())
        try commit(files.map { ($0.name, Data($0.contents.utf8)) }, to: output)
        if !quiet {
            let words = wording.wording()
            Output.standardError(words("cli.wrote", ["path": out]) + "\n")
            Output.result(ScenarioSummary(scenario).text(words) + "\n")
        }
    }
}
