import EduplanIO
import EduplanScenario
import Foundation

/// How to run an identification.
public struct IdentificationOptions: Sendable {
    /// Where to write one row per student (`id,school,score,identified`); nil: not written.
    public var studentsOutput: URL?
    /// The scenario the students belong to: every school must be one of its schools, and results are
    /// also given per region. Nil: schools are whatever the file names.
    public var scenario: Scenario?
    /// How the student file is named in problems (default: its path as given).
    public var fileName: String?
    /// Called with the number of rows read, every million rows (progress for people).
    public var progress: (@Sendable (Int) -> Void)?

    public init(studentsOutput: URL? = nil, scenario: Scenario? = nil, fileName: String? = nil,
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.studentsOutput = studentsOutput
        self.scenario = scenario
        self.fileName = fileName
        self.progress = progress
    }
}

/// Alkire–Foster multidimensional identification of poor students (MODEL.md §9), streamed.
///
/// The student file is `id,school,` then one column per dimension (more columns are ignored, with a
/// warning). Each row is read once and forgotten: memory holds one counter set per school, never the
/// students, so ten million rows take the memory of one.
public enum Identification {
    /// Reads the students, scores and identifies each one, and sums the counts per school and region.
    ///
    /// Every problem is collected (the first 100 in detail, the rest counted); on any error the per-student
    /// output is removed and nothing is returned.
    ///
    /// - Throws: ``IdentificationErrors``.
    /// - Complexity: O(rows × D) time, O(schools × D) memory.
    public static func run(students: URL, config: IdentificationConfig,
                           options: IdentificationOptions = IdentificationOptions()) throws -> IdentificationResult {
        let problems = config.validate()
        if !problems.isEmpty {
            throw IdentificationErrors(problems: problems.map {
                ScenarioProblem(file: "identification settings", expected: $0, found: "otherwise")
            })
        }
        let engine = IdentificationEngine(config: config, options: options, file: options.fileName ?? students.relativePath)
        return try engine.run(students)
    }
}

/// The state of one identification run.
private final class IdentificationEngine {
    let config: IdentificationConfig
    let options: IdentificationOptions
    let file: String
    /// A mistake repeated on a million rows is listed 100 times, then counted.
    let log = ProblemLog(limit: 100)
    /// Dimensions (scored), then attributes (counted only): C columns in all.
    let dimensionCount: Int
    let columnCount: Int
    /// Counters per school, flat: [students, identified, flagged_0…flagged_C-1, flaggedAndPoor_0…flaggedAndPoor_C-1].
    var counters: [Int] = []
    var stride: Int { 2 + 2 * columnCount }
    var schoolIds: [String] = []
    var schoolIndex: [String: Int] = [:]
    let knownSchoolsOnly: Bool
    var unknownSchools: Set<String> = []

    init(config: IdentificationConfig, options: IdentificationOptions, file: String) {
        self.config = config
        self.options = options
        self.file = file
        dimensionCount = config.dimensions.count
        columnCount = config.dimensions.count + config.attributes.count
        knownSchoolsOnly = options.scenario != nil
        if let scenario = options.scenario {
            for school in scenario.schools where schoolIndex[school.id] == nil {
                schoolIndex[school.id] = schoolIds.count
                schoolIds.append(school.id)
            }
            counters = [Int](repeating: 0, count: schoolIds.count * (2 + 2 * columnCount))
        }
    }

    /// The index of a school, adding it when the file may name new schools; nil for an unknown one.
    func school(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Int? {
        let id = String(decoding: bytes, as: UTF8.self)
        if let index = schoolIndex[id] { return index }
        if knownSchoolsOnly {
            if unknownSchools.insert(id).inserted {
                log.error(file, line: line, column: column, field: "school", expected: "a school of the scenario's schools.csv",
                          found: TextValue.quoted(id), hint: "rows of this school are not counted; later rows with it are not listed")
            }
            return nil
        }
        let index = schoolIds.count
        schoolIndex[id] = index
        schoolIds.append(id)
        counters.append(contentsOf: repeatElement(0, count: stride))
        return index
    }

    func run(_ url: URL) throws -> IdentificationResult {
        let reader: CSVRecordReader
        do {
            reader = CSVRecordReader(descriptor: try InputFile.openDescriptor(url.path))
        } catch {
            log.error(file, expected: "a readable student file (CSV)", found: "\(error)")
            throw IdentificationErrors(problems: log.problems)
        }
        var writer: ByteWriter?
        if let output = options.studentsOutput {
            guard let created = ByteWriter(path: output.path) else {
                log.error(output.relativePath, expected: "a file that can be written", found: "\(String(cString: strerror(errno)))")
                throw IdentificationErrors(problems: log.problems)
            }
            writer = created
        }
        func discardOutput() {
            _ = writer?.close()
            writer = nil
            if let output = options.studentsOutput { try? FileManager.default.removeItem(at: output) }
        }

        do {
            let rows = try stream(reader, writer: writer)
            if let writer, let failure = writer.close() {
                log.error(options.studentsOutput!.relativePath, expected: "the per-student file written in full", found: failure)
            }
            if log.hasErrors {
                discardOutput()
                throw IdentificationErrors(problems: log.problems, omitted: log.omitted)
            }
            return result(rows: rows)
        } catch let syntax as CSVRecordReader.SyntaxError {
            log.error(file, line: syntax.line, column: syntax.column, expected: syntax.expected, found: syntax.found)
            discardOutput()
            throw IdentificationErrors(problems: log.problems, omitted: log.omitted)
        } catch {
            discardOutput()
            throw error
        }
    }

    /// The header, then every row. Returns the number of student rows read.
    private func stream(_ reader: CSVRecordReader, writer output: ByteWriter?) throws -> Int {
        // After the first bad row nothing more is written: the file will be removed anyway.
        var writer = output
        guard try reader.next() else {
            log.error(file, expected: "a header row (`id,school,` then one column per dimension)", found: "an empty file")
            return 0
        }
        // Header: id, school, every dimension; other columns are ignored with a warning.
        let header = CSVHeader(fields: reader.strings, line: reader.line, file: file, log: log)
        let headerLine = header.line, columns = header.columns, width = header.names.count
        let dimensionNames = config.dimensions.map(\.column) + config.attributes.map(\.column)
        for required in ["id", "school"] + dimensionNames where columns[required] == nil {
            let what = required == "id" || required == "school" ? "a `\(required)` column" : "a column `\(required)` (named in the settings)"
            log.error(file, line: headerLine, field: required, expected: what, found: "no such column",
                      hint: Suggestion.hint(for: required, among: columns.keys.sorted()))
        }
        let used = Set(["id", "school"] + dimensionNames)
        for (name, i) in columns.sorted(by: { $0.value < $1.value }) where !used.contains(name) {
            log.warning(file, line: headerLine, column: i + 1, field: name, expected: "`id`, `school` or a dimension column",
                        found: "`\(name)` (ignored: not a dimension of the settings)")
        }
        guard !log.hasErrors, let idColumn = columns["id"], let schoolColumn = columns["school"] else { return 0 }
        let dimensionColumns = dimensionNames.map { columns[$0]! }

        // Deprived values, lowercased, as bytes; numeric rules as they are.
        let rules = config.dimensions.map(\.rule) + config.attributes.map(\.rule)
        let valueSets: [[[UInt8]]] = rules.map { rule in
            if case let .values(list) = rule { return list.map { Array($0.lowercased().utf8) } }
            return []
        }
        let missing = config.missing
        let D = columnCount
        let stride = self.stride

        // Score, identification and output text per deprivation mask, computed once per mask.
        struct Outcome {
            var poor: Bool
            var text: [UInt8]  // ",score,identified\n"
        }
        var outcomes: [UInt64: Outcome] = [:]
        func outcome(_ mask: UInt64) -> Outcome {
            if let known = outcomes[mask] { return known }
            let score = config.score(mask: mask)
            let poor = config.isPoor(score: score)
            let made = Outcome(poor: poor, text: Array(",\(Format.rounded(score)),\(poor ? 1 : 0)\n".utf8))
            outcomes[mask] = made
            return made
        }
        writer?.write("id,school,score,identified\n")

        var rows = 0
        var lastSchool: [UInt8] = []
        var lastIndex = -1
        while try reader.next() {
            rows += 1
            if rows % 1_000_000 == 0 { options.progress?(rows) }
            let line = reader.line
            guard reader.count == width else {
                _ = header.checkFieldCount(reader.count, line: line, file: file, log: log)
                writer = nil
                continue
            }
            let id = reader.field(idColumn)
            let schoolBytes = reader.field(schoolColumn)
            if id.isEmpty {
                log.error(file, line: line, column: idColumn + 1, field: "id", expected: "a student id", found: "an empty cell")
            }
            var index: Int?
            if schoolBytes.isEmpty {
                log.error(file, line: line, column: schoolColumn + 1, field: "school", expected: "a school id", found: "an empty cell")
            } else if lastIndex >= 0, schoolBytes.count == lastSchool.count,
                      lastSchool.withUnsafeBufferPointer({ memcmp($0.baseAddress!, schoolBytes.baseAddress!, schoolBytes.count) == 0 }) {
                index = lastIndex  // files sorted by school: no hashing on most rows
            } else if let found = school(schoolBytes, line: line, column: schoolColumn + 1) {
                index = found
                lastIndex = found
                lastSchool = Array(schoolBytes)
            }
            var mask: UInt64 = 0
            var rowOK = !id.isEmpty && index != nil
            for d in 0..<D {
                let cell = reader.field(dimensionColumns[d])
                var deprived: Bool
                if isBlank(cell) {
                    switch missing {
                    case .notDeprived: deprived = false
                    case .deprived: deprived = true
                    case .error:
                        log.error(file, line: line, column: dimensionColumns[d] + 1, field: dimensionNames[d],
                                  expected: rules[d].isNumeric ? "a number" : "a value", found: "an empty cell",
                                  hint: "set `missing: not_deprived` or `missing: deprived` to accept empty cells")
                        rowOK = false
                        deprived = false
                    }
                } else if rules[d].isNumeric {
                    if let value = DecimalNumber.parse(cell) {
                        deprived = rules[d].isDeprived(value)
                    } else {
                        log.error(file, line: line, column: dimensionColumns[d] + 1, field: dimensionNames[d],
                                  expected: "a number", found: TextValue.quoted(String(decoding: cell, as: UTF8.self)))
                        rowOK = false
                        deprived = false
                    }
                } else {
                    deprived = matches(cell, valueSets[d])
                }
                if deprived { mask |= 1 << UInt64(d) }
            }
            guard rowOK, let school = index else {
                writer = nil
                continue
            }
            let result = outcome(mask)
            let base = school * stride
            counters.withUnsafeMutableBufferPointer { c in
                c[base] += 1
                if result.poor { c[base + 1] += 1 }
                var bits = mask
                while bits != 0 {
                    let d = bits.trailingZeroBitCount
                    c[base + 2 + d] += 1
                    if result.poor { c[base + 2 + D + d] += 1 }
                    bits &= bits - 1
                }
            }
            if let writer {
                writer.writeField(id)
                writer.write(44)
                writer.writeField(schoolBytes)
                result.text.withUnsafeBufferPointer { writer.write($0) }
            }
        }
        if rows == 0 {
            log.error(file, line: headerLine + 1, expected: "at least one student row", found: "only the header")
        }
        return rows
    }

    private func result(rows: Int) -> IdentificationResult {
        let D = dimensionCount, C = columnCount
        let weights = config.dimensions.map(\.weight)
        func counts(_ s: Int) -> DeprivationCounts {
            let base = s * stride
            let flagged = base + 2, poor = base + 2 + C
            return DeprivationCounts(students: counters[base], identified: counters[base + 1],
                                     deprived: Array(counters[flagged..<(flagged + D)]),
                                     censored: Array(counters[poor..<(poor + D)]),
                                     attributes: Array(counters[(flagged + D)..<(flagged + C)]),
                                     identifiedAttributes: Array(counters[(poor + D)..<(poor + C)]))
        }
        var order = Array(schoolIds.indices)
        if options.scenario == nil {
            order.sort { schoolIds[$0].utf8.lexicographicallyPrecedes(schoolIds[$1].utf8) }
        }
        var schools: [GroupIdentification] = []
        var regionCounts: [Int: DeprivationCounts] = [:]
        var total = DeprivationCounts(dimensions: D, attributes: C - D)
        var empty: [String] = []
        let scenario = options.scenario
        for s in order {
            let c = counts(s)
            guard c.students > 0 else {
                empty.append(schoolIds[s])
                continue
            }
            var region: String?
            if let scenario {
                let r = scenario.schools[s].region
                region = scenario.regions[r].id
                regionCounts[r, default: DeprivationCounts(dimensions: D, attributes: C - D)].add(c)
            }
            total.add(c)
            schools.append(GroupIdentification(id: schoolIds[s], region: region, counts: c,
                                               measures: PovertyMeasures(counts: c, weights: weights)))
        }
        var regions: [GroupIdentification] = []
        if let scenario {
            for (r, region) in scenario.regions.enumerated() {
                guard let c = regionCounts[r] else { continue }
                regions.append(GroupIdentification(id: region.id, region: nil, counts: c, measures: PovertyMeasures(counts: c, weights: weights)))
            }
        }
        if !empty.isEmpty {
            let shown = empty.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (empty.count > 5 ? " …" : "")
            log.warning(file, expected: "student rows for every school of the scenario",
                        found: "none for \(empty.count) school\(empty.count == 1 ? "" : "s") (\(shown))",
                        hint: "they have no identification results; --write-counts leaves their counts as they were")
        }
        return IdentificationResult(
            config: config, rows: rows, schools: schools, regions: regions,
            total: GroupIdentification(id: "all", region: nil, counts: total, measures: PovertyMeasures(counts: total, weights: weights)),
            schoolsWithoutStudents: empty, warnings: log.warnings)
    }
}

/// Whether a cell is empty or only spaces and tabs.
@inline(__always)
private func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in cell where b != 32 && b != 9 { return false }
    return true
}

/// Whether a cell (trimmed, ASCII case ignored) is one of the deprived values (already lowercased).
private func matches(_ cell: UnsafeBufferPointer<UInt8>, _ values: [[UInt8]]) -> Bool {
    var start = 0, end = cell.count
    while start < end, cell[start] == 32 || cell[start] == 9 { start += 1 }
    while end > start, cell[end - 1] == 32 || cell[end - 1] == 9 { end -= 1 }
    let length = end - start
    outer: for value in values where value.count == length {
        for k in 0..<length {
            var b = cell[start + k]
            if b >= 65 && b <= 90 { b += 32 }
            if b != value[k] { continue outer }
        }
        return true
    }
    return false
}
