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
    /// Score, identification and output text per deprivation mask seen so far.
    var outcomes: [UInt64: Outcome] = [:]

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
        guard let columns = try readHeader(reader) else { return 0 }
        writer?.write("id,school,score,identified\n")
        var rows = 0
        var lastSchool = LastSchool()
        while try reader.next() {
            rows += 1
            if rows % 1_000_000 == 0 { options.progress?(rows) }
            let line = reader.line
            guard reader.count == columns.width else {
                _ = columns.header.checkFieldCount(reader.count, line: line, file: file, log: log)
                writer = nil
                continue
            }
            let id = reader.field(columns.id)
            let schoolBytes = reader.field(columns.school)
            let idOK = checkStudentId(id, line: line, column: columns.id + 1)
            let index = schoolIndex(schoolBytes, line: line, column: columns.school + 1, last: &lastSchool)
            guard let mask = deprivationMask(reader, columns, line: line), idOK, let school = index else {
                writer = nil
                continue
            }
            let result = outcome(mask)
            count(mask, poor: result.poor, school: school)
            if let writer {
                writer.writeField(id)
                writer.write(44)
                writer.writeField(schoolBytes)
                result.text.withUnsafeBufferPointer { writer.write($0) }
            }
        }
        if rows == 0 {
            log.error(file, line: columns.header.line + 1, expected: "at least one student row", found: "only the header")
        }
        return rows
    }

    /// Reads the header: `id`, `school` and every dimension must be there; other columns are
    /// ignored with a warning. Nil (problems logged) when a column is missing or the file is empty.
    private func readHeader(_ reader: CSVRecordReader) throws -> StudentColumns? {
        guard try reader.next() else {
            log.error(file, expected: "a header row (`id,school,` then one column per dimension)", found: "an empty file")
            return nil
        }
        let header = CSVHeader(fields: reader.strings, line: reader.line, file: file, log: log)
        let columns = header.columns
        let dimensionNames = config.dimensions.map(\.column) + config.attributes.map(\.column)
        for required in ["id", "school"] + dimensionNames where columns[required] == nil {
            let what = required == "id" || required == "school" ? "a `\(required)` column" : "a column `\(required)` (named in the settings)"
            log.error(file, line: header.line, field: required, expected: what, found: "no such column",
                      hint: Suggestion.hint(for: required, among: columns.keys.sorted()))
        }
        let used = Set(["id", "school"] + dimensionNames)
        for (name, i) in columns.sorted(by: { $0.value < $1.value }) where !used.contains(name) {
            log.warning(file, line: header.line, column: i + 1, field: name, expected: "`id`, `school` or a dimension column",
                        found: "`\(name)` (ignored: not a dimension of the settings)")
        }
        guard !log.hasErrors, let id = columns["id"], let school = columns["school"] else { return nil }
        let rules = config.dimensions.map(\.rule) + config.attributes.map(\.rule)
        // Deprived values lowercased, as bytes, so that rows compare without building strings.
        let valueSets: [[[UInt8]]] = rules.map { rule in
            if case let .values(list) = rule { return list.map { Array($0.lowercased().utf8) } }
            return []
        }
        return StudentColumns(header: header, width: header.names.count, id: id, school: school,
                              dimensions: dimensionNames.map { columns[$0]! }, names: dimensionNames,
                              rules: rules, valueSets: valueSets)
    }

    /// Whether a student id is present (the reader has already checked that every field is UTF-8).
    @inline(__always)
    private func checkStudentId(_ id: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> Bool {
        if !id.isEmpty { return true }
        log.error(file, line: line, column: column, field: "id", expected: "a student id", found: "an empty cell")
        return false
    }

    /// The school's index; rows of a file sorted by school reuse the last lookup without hashing.
    @inline(__always)
    private func schoolIndex(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int, last: inout LastSchool) -> Int? {
        if bytes.isEmpty {
            log.error(file, line: line, column: column, field: "school", expected: "a school id", found: "an empty cell")
            return nil
        }
        if last.index >= 0, bytes.count == last.bytes.count,
           last.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return last.index
        }
        guard let found = school(bytes, line: line, column: column) else { return nil }
        last = LastSchool(index: found, bytes: Array(bytes))
        return found
    }

    /// The row's deprivations as a bit mask (bit d: deprived in column d); nil after logging a bad cell.
    @inline(__always)
    private func deprivationMask(_ reader: CSVRecordReader, _ columns: StudentColumns, line: Int) -> UInt64? {
        var mask: UInt64 = 0
        var rowOK = true
        for d in 0..<columns.dimensions.count {
            let cell = reader.field(columns.dimensions[d])
            let rule = columns.rules[d]
            var deprived = false
            if isBlank(cell) {
                switch config.missing {
                case .notDeprived: deprived = false
                case .deprived: deprived = true
                case .error:
                    log.error(file, line: line, column: columns.dimensions[d] + 1, field: columns.names[d],
                              expected: rule.isNumeric ? "a number" : "a value", found: "an empty cell",
                              hint: "set `missing: not_deprived` or `missing: deprived` to accept empty cells")
                    rowOK = false
                }
            } else if rule.isNumeric {
                if let value = DecimalNumber.parse(cell) {
                    deprived = rule.isDeprived(value)
                } else {
                    log.error(file, line: line, column: columns.dimensions[d] + 1, field: columns.names[d],
                              expected: "a number", found: TextValue.quoted(String(decoding: cell, as: UTF8.self)))
                    rowOK = false
                }
            } else {
                deprived = matches(cell, columns.valueSets[d])
            }
            if deprived { mask |= 1 << UInt64(d) }
        }
        return rowOK ? mask : nil
    }

    /// Score, identification and output text of a deprivation mask, computed once per mask.
    @inline(__always)
    private func outcome(_ mask: UInt64) -> Outcome {
        if let known = outcomes[mask] { return known }
        let score = config.score(mask: mask)
        let poor = config.isPoor(score: score)
        let made = Outcome(poor: poor, text: Array(",\(Format.rounded(score)),\(poor ? 1 : 0)\n".utf8))
        outcomes[mask] = made
        return made
    }

    /// Adds one student to the school's counters: students, identified, and per column flagged / flagged and poor.
    @inline(__always)
    private func count(_ mask: UInt64, poor: Bool, school: Int) {
        let base = school * stride, D = columnCount
        counters.withUnsafeMutableBufferPointer { c in
            c[base] += 1
            if poor { c[base + 1] += 1 }
            var bits = mask
            while bits != 0 {
                let d = bits.trailingZeroBitCount
                c[base + 2 + d] += 1
                if poor { c[base + 2 + D + d] += 1 }
                bits &= bits - 1
            }
        }
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

/// What a deprivation mask means: identified or not, and the `,score,identified` text of its output row.
private struct Outcome {
    var poor: Bool
    var text: [UInt8]
}

/// Where the student file keeps what identification reads, found from its header.
private struct StudentColumns {
    let header: CSVHeader
    /// Fields per row.
    let width: Int
    let id: Int
    let school: Int
    /// Dimension columns, then attribute columns, with their names and rules.
    let dimensions: [Int]
    let names: [String]
    let rules: [DeprivationRule]
    /// Each `deprived_values` rule's values, lowercased, as bytes (empty for numeric rules).
    let valueSets: [[[UInt8]]]
}

/// The last school looked up (files sorted by school hit it on most rows).
private struct LastSchool {
    var index = -1
    var bytes: [UInt8] = []
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
