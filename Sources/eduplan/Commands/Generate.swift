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

        Shape settings (each off by default; the default files never change): --teacher-supply \
        (teachers per teacher of shortage: 0.15 scarce, 1.5 abundant), --distances regions \
        (no coordinates, the region table only), --dispatch continuous, --money-scale (0.8 tight, \
        2 loose), --fairness hard|all|soft (docs/cli.md, "generate").

        Example:
          $ eduplan generate --schools 2000 --regions 40 --seed 7 --out /tmp/province
          $ eduplan validate /tmp/province
          $ eduplan generate --schools 5000 --regions 100 --seed 7 --teacher-groups 600 \
              --teacher-supply 0.15 --fairness hard --out /tmp/scarce
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

    @Option(help: "Fairness rules: `default` (F1, F3 soft, F4, F5), `hard` (the same, all hard), `all` (F1, F3–F7, soft/hard mix), `soft` (F1, F3–F7 soft) or `none`.")
    var fairness: String = "default"

    @Option(name: .customLong("teacher-supply"), help: "Teachers in all groups per teacher of shortage (above 0, at most 100; default: 1 to 10 per group).")
    var teacherSupply: Double?

    @Option(help: "Distances: `coordinates` (default) or `regions` (the region table only, no coordinates).")
    var distances: String = "coordinates"

    @Option(help: "Dispatch: `integer` (default) or `continuous`.")
    var dispatch: String = "integer"

    @Option(name: .customLong("money-scale"), help: "Every fund's amount times this (above 0, at most 100; default 1).")
    var moneyScale: Double = 1

    @Flag(help: "Write into a folder that already holds files.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        var wrong: [String] = []
        if ScenarioGenerator.FairnessPreset(rawValue: fairness) == nil {
            wrong.append("--fairness must be `default`, `hard`, `all`, `soft` or `none` (got `\(fairness)`)")
        }
        if ScenarioGenerator.DistanceSource(rawValue: distances) == nil {
            wrong.append("--distances must be `coordinates` or `regions` (got `\(distances)`)")
        }
        if !["integer", "continuous"].contains(dispatch) {
            wrong.append("--dispatch must be `integer` or `continuous` (got `\(dispatch)`)")
        }
        wrong += options.problems
        if !wrong.isEmpty { throw ValidationError(wrong.joined(separator: "\n")) }
    }

    private var options: ScenarioGenerator.Options {
        var options = ScenarioGenerator.Options(schools: schools, regions: regions, seed: seed, teacherGroups: teacherGroups,
                                                candidateLimit: candidateLimit,
                                                fairness: ScenarioGenerator.FairnessPreset(rawValue: fairness) ?? .default)
        options.teacherSupply = teacherSupply
        options.distances = ScenarioGenerator.DistanceSource(rawValue: distances) ?? .coordinates
        options.integerDispatch = dispatch != "continuous"
        options.moneyScale = moneyScale
        return options
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
