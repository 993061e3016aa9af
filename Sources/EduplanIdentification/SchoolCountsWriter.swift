import EduplanIO
import EduplanScenario
import Foundation

/// Writes identified counts into a copy of a scenario's schools table (`--write-counts`).
///
/// Only the cells of the mapped count fields of schools with student rows change; every other byte
/// (other columns, quoting, line ends, a byte order mark, schools without students) is copied as it
/// is, so `diff` shows exactly the counts that moved.
public enum SchoolCountsWriter {
    /// The new counts, checked against MODEL.md §11 (poor, boarding, disabled, left_behind ≤ enrollment;
    /// poor_boarding ≤ min(poor, boarding)) with the school's other counts as they are.
    ///
    /// - Returns: school id → (field → new count), for the schools with student rows.
    public static func counts(_ result: IdentificationResult) -> [String: [CountField: Int]] {
        var updates: [String: [CountField: Int]] = [:]
        for school in result.schools {
            var fields: [CountField: Int] = [:]
            for (field, source) in result.config.counts { fields[field] = school.counts.count(source) }
            updates[school.id] = fields
        }
        return updates
    }

    /// The name of the scenario's schools table (`tables.schools` in scenario.yaml, default `schools.csv`).
    ///
    /// The scenario has been loaded (and its problems reported) before: a settings file that cannot
    /// be read here gives the default.
    public static func schoolsFileName(in scenarioDirectory: URL) -> String {
        let yaml = YAMLReader(file: ScenarioLoader.settingsFile, log: ProblemLog())
        guard let data = try? InputFile.read(ScenarioLoader.settingsFile, inside: scenarioDirectory),
              let text = TextValue.utf8(data, file: yaml.file, log: yaml.log),
              let root = yaml.compose(text, expected: "settings"),
              let top = yaml.mapping(root, path: "", keys: nil),
              let tables = top["tables"].flatMap({ yaml.mapping($0, path: "tables", keys: nil) }),
              let name = tables["schools"].flatMap({ yaml.string($0, path: "tables.schools") })
        else { return "schools.csv" }
        return name
    }

    /// Rewrites the schools table of `scenario` (read from `scenarioDirectory`) with the identified counts.
    ///
    /// - Parameters:
    ///   - destination: The file to write, only when there is no problem. It is written directly:
    ///     give the staging path of an `OutputTarget` (whose commit swaps it in) to replace a file
    ///     safely, the scenario's own table included.
    /// - Returns: The number of schools whose counts were written.
    /// - Throws: ``IdentificationErrors`` listing every school whose new counts break a rule, and any
    ///   problem reading the table.
    @discardableResult
    public static func write(_ result: IdentificationResult, scenario: Scenario, scenarioDirectory: URL,
                             to destination: URL) throws -> Int {
        let name = schoolsFileName(in: scenarioDirectory)
        let log = ProblemLog()
        guard !result.config.counts.isEmpty else {
            log.error("identification settings", field: "counts",
                      expected: "`counts:` mapping school count fields to identified counts (`poor: identified`)",
                      found: "no counts to write")
            throw log.errors()
        }
        let data: Data
        do {
            data = try InputFile.read(name, inside: scenarioDirectory)
        } catch {
            log.error(name, expected: "the scenario's schools table", found: "\(error)")
            throw log.errors()
        }
        let bytes = [UInt8](data)
        let fields = result.config.counts.map(\.field)
        let table = try SchoolsTable(bytes, file: name, fields: fields, log: log)
        let updates = counts(result)
        checkCounts(updates, of: scenario, in: table, log: log)
        try log.throwIfErrors()

        // Copy every byte, replacing only the mapped cells of updated schools.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 10)
        var copied = 0
        var written = 0
        for row in table.rows {
            guard let update = updates[row.id] else { continue }
            written += 1
            for (field, cell) in zip(fields, row.cells).sorted(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                out.append(contentsOf: bytes[copied..<cell.lowerBound])
                out.append(contentsOf: Array(String(update[field]!).utf8))
                copied = cell.upperBound
            }
        }
        out.append(contentsOf: bytes[copied...])
        do {
            try Data(out).write(to: destination)
        } catch {
            log.error(destination.relativePath, expected: "a file that can be written", found: error.localizedDescription)
            throw log.errors()
        }
        return written
    }

    /// Checks the new counts with each school's other counts (MODEL.md §11), at the school's row.
    private static func checkCounts(_ updates: [String: [CountField: Int]], of scenario: Scenario, in table: SchoolsTable,
                                    log: ProblemLog) {
        for school in scenario.schools {
            guard let update = updates[school.id] else { continue }
            var s = school
            for (field, value) in update {
                switch field {
                case .enrollment: s.enrollment = value
                case .boarding: s.boarding = value
                case .poor: s.poor = value
                case .poorBoarding: s.poorBoarding = value
                case .disabled: s.disabled = value
                case .leftBehind: s.leftBehind = value
                }
            }
            func check(_ field: CountField, _ value: Int, atMost bound: Int, _ what: String) {
                guard value > bound else { return }
                let written = update[field] != nil
                log.error(table.file, line: table.lines[school.id], column: table.columns[field.rawValue].map { $0 + 1 },
                          field: field.rawValue, expected: "\(field.rawValue) ≤ \(what) (\(bound)) for school `\(school.id)`",
                          found: "\(value)\(written ? " identified" : " (unchanged) against the new counts")",
                          hint: "MODEL.md §11: counts must be consistent; map `enrollment: students` or adjust the settings")
            }
            check(.poor, s.poor, atMost: s.enrollment, "enrollment")
            check(.boarding, s.boarding, atMost: s.enrollment, "enrollment")
            check(.disabled, s.disabled, atMost: s.enrollment, "enrollment")
            check(.leftBehind, s.leftBehind, atMost: s.enrollment, "enrollment")
            check(.poorBoarding, s.poorBoarding, atMost: min(s.poor, s.boarding), "min(poor, boarding)")
        }
    }
}

/// The rows of a schools table as written: each school's id and line, and where the cells of the
/// count fields to rewrite are (byte ranges, quotes included). Read with ``CSVRecordReader``.
private struct SchoolsTable {
    struct Row {
        var id: String
        /// The raw cells of the fields to write, in the order of the fields; rows without them are left out.
        var cells: [Range<Int>]
    }

    let file: String
    /// Column name → 0-based index (first occurrence).
    var columns: [String: Int] = [:]
    var rows: [Row] = []
    /// The line of each school's row (its first, should an id repeat).
    var lines: [String: Int] = [:]

    /// Reads `bytes`; a table without an `id` column or a column to write into is an error.
    init(_ bytes: [UInt8], file: String, fields: [CountField], log: ProblemLog) throws {
        self.file = file
        let reader = CSVRecordReader(bytes: bytes)
        do {
            guard try reader.next() else {
                log.error(file, expected: "a header row", found: "an empty file")
                throw log.errors()
            }
            let headerLine = reader.line
            for (i, raw) in reader.strings.enumerated() {
                let name = String(TextValue.trimmed(raw))
                if columns[name] == nil { columns[name] = i }
            }
            for field in fields where columns[field.rawValue] == nil {
                log.error(file, line: headerLine, field: field.rawValue, expected: "a `\(field.rawValue)` column to write into", found: "none")
            }
            guard let idColumn = columns["id"] else {
                log.error(file, line: headerLine, field: "id", expected: "an `id` column", found: "none")
                throw log.errors()
            }
            try log.throwIfErrors()
            let targets = fields.map { columns[$0.rawValue]! }
            while try reader.next() {
                guard idColumn < reader.count else { continue }
                let id = reader.string(idColumn)
                if lines[id] == nil { lines[id] = reader.line }
                guard targets.allSatisfy({ $0 < reader.count }) else { continue }
                rows.append(Row(id: id, cells: targets.map(reader.rawRange)))
            }
        } catch let syntax as CSVRecordReader.SyntaxError {
            log.error(file, line: syntax.line, column: syntax.column, expected: syntax.expected, found: syntax.found)
            throw log.errors()
        }
    }
}
