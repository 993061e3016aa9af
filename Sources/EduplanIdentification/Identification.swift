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
    let log = ProblemList()
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
                          found: quoted(id), hint: "rows of this school are not counted; later rows with it are not listed")
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
        let reader: StreamingCSVReader
        do {
            reader = StreamingCSVReader(descriptor: try InputFile.openDescriptor(url.path))
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
        } catch let syntax as StreamingCSVReader.SyntaxError {
            log.error(file, line: syntax.line, column: syntax.column, expected: syntax.expected, found: syntax.found)
            discardOutput()
            throw IdentificationErrors(problems: log.problems, omitted: log.omitted)
        } catch {
            discardOutput()
            throw error
        }
    }

    /// The header, then every row. Returns the number of student rows read.
    private func stream(_ reader: StreamingCSVReader, writer output: ByteWriter?) throws -> Int {
        // After the first bad row nothing more is written: the file will be removed anyway.
        var writer = output
        guard try reader.next() else {
            log.error(file, expected: "a header row (`id,school,` then one column per dimension)", found: "an empty file")
            return 0
        }
        guard let columns = readHeader(reader) else { return 0 }
        var scoring = Scoring(config)
        writer?.write("id,school,score,identified\n")
        var rows = 0
        var recent = RecentSchool()
        while try reader.next() {
            rows += 1
            if rows % 1_000_000 == 0 { options.progress?(rows) }
            guard let (school, mask) = readRow(reader, columns, &scoring, &recent) else {
                writer = nil
                continue
            }
            let outcome = scoring.outcome(mask)
            count(school: school, mask: mask, poor: outcome.poor)
            if let writer {
                writer.writeField(reader.field(columns.id))
                writer.write(44)
                writer.writeField(reader.field(columns.school))
                outcome.text.withUnsafeBufferPointer { writer.write($0) }
            }
        }
        if rows == 0 {
            log.error(file, line: columns.line + 1, expected: "at least one student row", found: "only the header")
        }
        return rows
    }

    /// The columns named in the header: `id`, `school`, every dimension and attribute of the
    /// settings; other columns are ignored with a warning. Nil (with the problems logged) when one
    /// is missing, repeated or unnamed.
    private func readHeader(_ reader: StreamingCSVReader) -> StudentColumns? {
        let line = reader.line
        var columns: [String: Int] = [:]
        for i in 0..<reader.count {
            let name = reader.string(i).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            if name.isEmpty {
                log.error(file, line: line, column: i + 1, expected: "a column name", found: "an empty header cell")
            } else if let first = columns[name] {
                log.error(file, line: line, column: i + 1, field: name, expected: "each column once", found: "`\(name)` again",
                          hint: "first in column \(first + 1)")
            } else {
                columns[name] = i
            }
        }
        let names = config.dimensions.map(\.column) + config.attributes.map(\.column)
        for required in ["id", "school"] + names where columns[required] == nil {
            let what = required == "id" || required == "school" ? "a `\(required)` column" : "a column `\(required)` (named in the settings)"
            log.error(file, line: line, field: required, expected: what, found: "no such column",
                      hint: nearest(required, among: Array(columns.keys)).map { "did you mean `\($0)`?" })
        }
        let used = Set(["id", "school"] + names)
        for (name, i) in columns.sorted(by: { $0.value < $1.value }) where !used.contains(name) {
            log.warning(file, line: line, column: i + 1, field: name, expected: "`id`, `school` or a dimension column",
                        found: "`\(name)` (ignored: not a dimension of the settings)")
        }
        guard !log.hasErrors, let id = columns["id"], let school = columns["school"] else { return nil }
        return StudentColumns(line: line, width: reader.count, id: id, school: school, dimensions: names.map { columns[$0]! },
                              names: names)
    }

    /// The school and the deprivation mask of the current row, or nil (with its problems logged)
    /// when the row has the wrong width, no id, an unknown school or a cell that cannot be read.
    @inline(__always)
    private func readRow(_ reader: StreamingCSVReader, _ columns: StudentColumns, _ scoring: inout Scoring,
                         _ recent: inout RecentSchool) -> (school: Int, mask: UInt64)? {
        let line = reader.line
        guard reader.count == columns.width else {
            log.error(file, line: line, column: min(reader.count, columns.width) + 1,
                      expected: "\(columns.width) fields (as in the header)", found: "\(reader.count)")
            return nil
        }
        let id = reader.field(columns.id)
        if id.isEmpty {
            log.error(file, line: line, column: columns.id + 1, field: "id", expected: "a student id", found: "an empty cell")
        }
        let schoolBytes = reader.field(columns.school)
        var index: Int?
        if schoolBytes.isEmpty {
            log.error(file, line: line, column: columns.school + 1, field: "school", expected: "a school id", found: "an empty cell")
        } else if let known = recent.index(of: schoolBytes) {
            index = known  // files sorted by school: no hashing on most rows
        } else if let found = school(schoolBytes, line: line, column: columns.school + 1) {
            index = found
            recent.remember(schoolBytes, as: found)
        }
        let mask = deprivationMask(reader, columns, &scoring, line: line)
        guard !id.isEmpty, let index, let mask else { return nil }
        return (index, mask)
    }

    /// Bit d set when the row is deprived in column d (dimensions, then attributes); nil when a
    /// cell cannot be read (each such cell logged).
    @inline(__always)
    private func deprivationMask(_ reader: StreamingCSVReader, _ columns: StudentColumns, _ scoring: inout Scoring,
                                 line: Int) -> UInt64? {
        var mask: UInt64 = 0
        var readable = true
        for d in 0..<columnCount {
            let cell = reader.field(columns.dimensions[d])
            switch scoring.isDeprived(cell, d) {
            case true?: mask |= 1 << UInt64(d)
            case false?: break
            case nil:
                readable = false
                let rule = scoring.rules[d]
                if isBlank(cell) {
                    log.error(file, line: line, column: columns.dimensions[d] + 1, field: columns.names[d],
                              expected: rule.isNumeric ? "a number" : "a value", found: "an empty cell",
                              hint: "set `missing: not_deprived` or `missing: deprived` to accept empty cells")
                } else {
                    log.error(file, line: line, column: columns.dimensions[d] + 1, field: columns.names[d],
                              expected: "a number", found: quoted(String(decoding: cell, as: UTF8.self)))
                }
            }
        }
        return readable ? mask : nil
    }

    /// Adds a student of `school` with deprivation `mask` to the school's counters.
    @inline(__always)
    private func count(school: Int, mask: UInt64, poor: Bool) {
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

/// The columns of a student file, from its header.
private struct StudentColumns {
    /// The header's line and number of fields.
    var line: Int
    var width: Int
    var id: Int
    var school: Int
    /// The column of each dimension, then of each attribute, and their names.
    var dimensions: [Int]
    var names: [String]
}

/// The school of the previous row: files sorted by school find it without hashing.
private struct RecentSchool {
    private var bytes: [UInt8] = []
    private var index = -1

    @inline(__always)
    func index(of school: UnsafeBufferPointer<UInt8>) -> Int? {
        guard index >= 0, school.count == bytes.count,
              bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, school.baseAddress!, school.count) == 0 }) else { return nil }
        return index
    }

    mutating func remember(_ school: UnsafeBufferPointer<UInt8>, as index: Int) {
        bytes = Array(school)
        self.index = index
    }
}

/// How a row is scored: each column's rule, and the outcome of each deprivation mask, computed
/// once per mask.
private struct Scoring {
    let config: IdentificationConfig
    /// The rule of each dimension, then of each attribute.
    let rules: [DeprivationRule]
    /// The deprived values of value rules, lowercased, as bytes.
    let valueSets: [[[UInt8]]]
    var outcomes: [UInt64: Outcome] = [:]

    /// Whether the student is poor, and the end of her output row: `,score,identified\n`.
    struct Outcome {
        var poor: Bool
        var text: [UInt8]
    }

    init(_ config: IdentificationConfig) {
        self.config = config
        rules = config.dimensions.map(\.rule) + config.attributes.map(\.rule)
        valueSets = rules.map { rule in
            if case let .values(list) = rule { return list.map { Array($0.lowercased().utf8) } }
            return []
        }
    }

    /// Whether a cell of column d is deprived; nil when it cannot be read (an empty cell with
    /// `missing: error`, or text under a numeric rule).
    @inline(__always)
    func isDeprived(_ cell: UnsafeBufferPointer<UInt8>, _ d: Int) -> Bool? {
        if isBlank(cell) {
            switch config.missing {
            case .notDeprived: return false
            case .deprived: return true
            case .error: return nil
            }
        }
        guard rules[d].isNumeric else { return matches(cell, valueSets[d]) }
        return DecimalNumber.parse(cell).map { rules[d].isDeprived($0) }
    }

    /// The outcome of a deprivation mask (memoised: masks repeat).
    @inline(__always)
    mutating func outcome(_ mask: UInt64) -> Outcome {
        if let known = outcomes[mask] { return known }
        let score = config.score(mask: mask)
        let poor = config.isPoor(score: score)
        let made = Outcome(poor: poor, text: Array(",\(formatScore(score)),\(poor ? 1 : 0)\n".utf8))
        outcomes[mask] = made
        return made
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

/// A score as people write it: 0.5, 0.75, 1 (rounded to 12 decimals, so 0.1 + 0.2 prints 0.3).
func formatScore(_ score: Double) -> String {
    let rounded = (score * 1e12).rounded() / 1e12
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return "\(rounded)"
}
