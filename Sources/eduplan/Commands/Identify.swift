import ArgumentParser
import EduplanIO
import EduplanIdentification
import EduplanPlanner
import EduplanReports
import EduplanScenario
import Foundation

extension IdentificationGrouping: ExpressibleByArgument {}

/// `eduplan identify`: Alkire–Foster identification of poor students (MODEL.md §9).
struct IdentifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify poor students along several dimensions (Alkire–Foster), per school and region.",
        discussion: """
        STUDENTS.csv has `id,school,` then one column per dimension. The settings file names each \
        dimension's column, cutoff and direction (or the values that mean deprived), its weight (the \
        weights sum to 1), and the poverty cutoff k: a student is poor when the weighted sum of her \
        deprivations c_i ≥ k. Prints H (headcount ratio), A (intensity), M0 = H·A and each dimension's \
        contribution to M0; with --out writes students.csv (score and identified, per student), \
        by_school.csv, by_region.csv (with --scenario) and total.csv. The file is streamed: ten million \
        rows take seconds and the memory of a few.

        Example:
          eduplan identify scenarios/jiangxi-2024/students/students.csv \\
            --config scenarios/jiangxi-2024/students/identify.yaml \\
            --scenario scenarios/jiangxi-2024 --out /tmp/identified --write-counts

        --write-counts writes the counts named under `counts:` in the settings into a copy of the \
        scenario's schools.csv in --out (every other byte unchanged), or into the scenario itself with \
        --in-place. Exit status 1 on bad input, with every problem listed and nothing written.
        """
    )

    @Argument(help: "The student file (CSV: id,school, then one column per dimension).") var students: String
    @Option(help: "The identification settings (YAML).") var config: String
    @Option(help: "The scenario folder the schools belong to (checks school ids; adds results per region).") var scenario: String?
    @Option(help: "Write students.csv, by_school.csv, by_region.csv, total.csv (and schools.csv with --write-counts) here.")
    var out: String?
    @Flag(name: .customLong("write-counts"), help: "Write the identified counts into a copy of the scenario's schools.csv in --out.")
    var writeCounts = false
    @Flag(name: .customLong("in-place"), help: "With --write-counts: update the scenario's own schools.csv instead.")
    var inPlace = false
    @Option(help: "Print results per region, school or in total only (default: region with --scenario, school without).")
    var by: IdentificationGrouping?
    @Option(help: "table, json, csv or markdown.") var format: OutputFormat = .table
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    func validate() throws {
        if writeCounts, scenario == nil { throw ValidationError("--write-counts needs --scenario DIR") }
        if writeCounts, out == nil, !inPlace { throw ValidationError("--write-counts needs --out DIR (or --in-place)") }
        if inPlace, !writeCounts { throw ValidationError("--in-place only goes with --write-counts") }
        if by == .region, scenario == nil { throw ValidationError("--by region needs --scenario DIR (regions come from its schools.csv)") }
    }

    func run() throws {
        let (settings, world) = try readSettingsAndScenario()
        // Outputs are decided (and locked) before the file is streamed, and committed only when
        // everything succeeded: students.csv and the tables of --out replace the previous ones at once.
        let outputs = try openOutputs()
        defer { outputs.folder?.abandon(); outputs.inPlace?.abandon() }
        let started = Date()
        let result: IdentificationResult
        do {
            result = try identify(settings, world: world, studentsOutput: outputs.folder)
            if writeCounts, let world {
                try writeCountsAndCommit(result, world: world, settings: settings, outputs: outputs)
            } else {
                try writeAndCommit(result, withRegions: world != nil, folder: outputs.folder, inPlace: nil)
            }
        } catch let errors as IdentificationErrors {
            Output.problems(errors.text(wording.wording()))
            throw Output.badInput
        }
        global.note(String(format: "%@ rows in %.2f s", Format.grouped(Double(result.rows)), Date().timeIntervalSince(started)))
        let grouping = by ?? (world != nil ? .region : .school)
        let (groups, key) = result.groups(grouping)
        switch format {
        case .json: Output.result(try result.json() + "\n")
        case .csv: Output.result(result.csv(groups, key: key))
        case .table, .markdown:
            Output.result(result.text(source: students, grouping: grouping, markdown: format == .markdown, wording: wording.wording()))
        }
    }

    /// The settings file and the scenario (with --scenario), every problem of both printed before
    /// exiting 1.
    private func readSettingsAndScenario() throws -> (IdentificationConfig, Scenario?) {
        var failed = false
        var settings: IdentificationConfig?
        do {
            let loaded = try IdentificationConfig.loadWithWarnings(from: URL(fileURLWithPath: config), name: config)
            for warning in loaded.warnings { global.note(warning.text(wording.wording())) }
            settings = loaded.config
        } catch let errors as IdentificationErrors {
            Output.problems(errors.text(wording.wording()))
            failed = true
        }
        var world: Scenario?
        if let scenario {
            do { world = try loadScenario(scenario, variant: nil, options: global) } catch { failed = true }
        }
        if writeCounts, let settings, settings.counts.isEmpty {
            Output.problems("\(config): expected `counts:` mapping school count fields to identified counts (`poor: identified`) for --write-counts, found none")
            failed = true
        }
        guard !failed, let settings else { throw Output.badInput }
        return (settings, world)
    }

    /// Streams the student file (students.csv into the staging of --out), a note per million rows.
    private func identify(_ settings: IdentificationConfig, world: Scenario?, studentsOutput folder: OutputTarget?) throws -> IdentificationResult {
        let global = self.global
        global.note("identifying \(students)")
        let studentsOutput = folder.map { URL(fileURLWithPath: $0.stagingPath(for: "students.csv")) }
        let result = try Identification.run(
            students: URL(fileURLWithPath: students), config: settings,
            options: IdentificationOptions(studentsOutput: studentsOutput, scenario: world, fileName: students,
                                           progress: { rows in global.note("\(rows / 1_000_000)M rows") }))
        for warning in result.warnings { global.note(warning.text(wording.wording())) }
        return result
    }

    /// --write-counts: the counts into the copy of schools.csv (or the scenario's own with
    /// --in-place), then every output committed.
    private func writeCountsAndCommit(_ result: IdentificationResult, world: Scenario, settings: IdentificationConfig,
                                      outputs: (folder: OutputTarget?, inPlace: OutputTarget?)) throws {
        let staging = outputs.inPlace?.stagingPath ?? outputs.folder!.stagingPath(for: countsFileName)
        let written = try SchoolCountsWriter.write(result, scenario: world, scenarioDirectory: URL(fileURLWithPath: scenario!),
                                                   to: URL(fileURLWithPath: staging))
        try writeAndCommit(result, withRegions: true, folder: outputs.folder, inPlace: outputs.inPlace)
        let destination = outputs.inPlace?.shownPath ?? "\(out!)/\(countsFileName)"
        let fields = settings.counts.map(\.field.rawValue).joined(separator: ", ")
        global.note("wrote \(fields) of \(written) school\(written == 1 ? "" : "s") into \(destination)")
    }

    /// The name of the schools table copy written by --write-counts (the table's own file name).
    private var countsFileName: String {
        guard let scenario else { return "schools.csv" }
        return URL(fileURLWithPath: SchoolCountsWriter.schoolsFileName(in: URL(fileURLWithPath: scenario))).lastPathComponent
    }

    /// The --out folder (its files as one set) and, with --in-place, the scenario's schools table.
    /// Neither may lie in the folder of the student file or the scenario, nor replace an input.
    private func openOutputs() throws -> (folder: OutputTarget?, inPlace: OutputTarget?) {
        let studentsFolder = ResolvedPath.split(ResolvedPath.resolve(students)).folder
        let inputs = InputPaths(folders: [studentsFolder] + (scenario.map { [$0] } ?? []), files: [students, config])
        let names = IdentificationResult.outputFiles + (writeCounts ? [countsFileName] : [])
        let folder = try out.map { try openOutput(folder: $0, files: names, inputs: inputs) }
        guard inPlace, let scenario else { return (folder, nil) }
        do {
            let table = URL(fileURLWithPath: scenario).appendingPathComponent(SchoolCountsWriter.schoolsFileName(in: URL(fileURLWithPath: scenario)))
            return (folder, try openOutput(file: table.path, inputs: InputPaths(files: [students, config])))
        } catch {
            folder?.abandon()
            throw error
        }
    }

    /// Writes the tables into the --out staging and commits the outputs (the folder first).
    private func writeAndCommit(_ result: IdentificationResult, withRegions: Bool, folder: OutputTarget?, inPlace: OutputTarget?) throws {
        if let folder {
            do {
                for (name, data) in result.tableFiles(withRegions: withRegions) { try folder.write(data, as: name) }
            } catch {
                Output.problems("eduplan: \(error)")
                throw Output.badInput
            }
            try commit(folder)
        }
        if let inPlace { try commit(inPlace) }
    }
}

/// `eduplan generate-students`: a deterministic synthetic student file for a scenario's schools.
struct GenerateStudentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-students",
        abstract: "Write a deterministic synthetic student file for a scenario's schools (for identify).",
        discussion: """
        Columns: id,school,income_per_capita,registered_poor,disability,left_behind,boarding,\
        academic_score,distance_km,health. By default every school gets `enrollment` students, of whom exactly \
        `poor`, `disabled` and `left_behind` carry those flags; --scale or --per-school change the \
        number and keep the shares. The same options always give the same bytes.

        Example (about ten million rows from the demo province):
          eduplan generate-students --scenario scenarios/jiangxi-2024 --scale 2.7 --seed 1 --out /tmp/students10m.csv
        """
    )

    @Option(help: "The scenario folder whose schools get students.") var scenario: String
    @Option(help: "The student file to write.") var out: String
    @Option(help: "Seed of the random generator (same seed, same file).") var seed: UInt64
    @Option(name: .customLong("per-school"), help: "Students per school (default: enrollment × --scale).") var perSchool: Int?
    @Option(help: "Students per enrolled pupil (default 1).") var scale: Double = 1
    @Option(help: "Only schools of this region (repeatable).") var region: [String] = []
    @Option(help: "Only the first N schools (after --region).") var schools: Int?
    @Flag(help: "Overwrite an existing file.") var force = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var wording: WordingOptions

    var options: StudentGenerator.Options {
        StudentGenerator.Options(seed: seed, perSchool: perSchool, scale: scale,
                                 regions: region.isEmpty ? nil : Set(region), schoolLimit: schools)
    }

    func validate() throws {
        if perSchool != nil, scale != 1 { throw ValidationError("give --per-school or --scale, not both") }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let world = try loadScenario(scenario, variant: nil, options: global)
        let known = Set(world.regions.map(\.id))
        let unknown = region.filter { !known.contains($0) }
        if !unknown.isEmpty {
            Output.problems("\(scenario): expected region ids of regions.csv, found \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
            throw Output.badInput
        }
        if FileManager.default.fileExists(atPath: out), !force {
            Output.problems("\(out) exists; use --force to overwrite it")
            throw Output.badInput
        }
        // A student file may live in the scenario folder (scenarios/jiangxi-2024/students/), but
        // never replace one of the scenario's own files.
        let own = ((try? FileManager.default.contentsOfDirectory(atPath: scenario)) ?? []).map { "\(scenario)/\($0)" }
        let output = try openOutput(file: out, inputs: InputPaths(files: own))
        defer { output.abandon() }
        let started = Date()
        do {
            let rows = try StudentGenerator.write(world, options: options, to: URL(fileURLWithPath: output.stagingPath))
            try commit(output)
            global.note(String(format: "wrote %@ students to %@ in %.2f s", Format.grouped(Double(rows)), out, Date().timeIntervalSince(started)))
        } catch let errors as IdentificationErrors {
            Output.problems(errors.text(wording.wording()))
            throw Output.badInput
        }
    }
}
