import EduplanIO
import EduplanScenario
import Foundation
import Yams

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
    public static func schoolsFileName(in scenarioDirectory: URL) -> String {
        let settings = scenarioDirectory.appendingPathComponent(ScenarioLoader.settingsFile)
        guard let text = try? String(contentsOf: settings, encoding: .utf8),
              let root = try? Yams.compose(yaml: text),
              case let .mapping(top) = root,
              let tables = top["tables"], case let .mapping(names) = tables,
              let schools = names["schools"], case let .scalar(name) = schools, !name.string.isEmpty
        else { return "schools.csv" }
        return name.string
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
        let log = ProblemList()
        guard !result.config.counts.isEmpty else {
            log.error("identification settings", field: "counts",
                      expected: "`counts:` mapping school count fields to identified counts (`poor: identified`)",
                      found: "no counts to write")
            throw IdentificationErrors(problems: log.problems)
        }
        let table = try Table(name, in: scenarioDirectory, log: log)
        let fields = result.config.counts.map(\.field)
        for field in fields where table.columns[field.rawValue] == nil {
            log.error(name, line: table.headerLine, field: field.rawValue, expected: "a `\(field.rawValue)` column to write into", found: "none")
        }
        guard let idColumn = table.columns["id"] else {
            log.error(name, line: table.headerLine, field: "id", expected: "an `id` column", found: "none")
            throw IdentificationErrors(problems: log.problems)
        }
        try log.throwIfErrors()
        let updates = counts(result)
        checkConsistency(scenario, updates: updates, table: table, idColumn: idColumn, log: log)
        try log.throwIfErrors()
        let (out, written) = table.rewritten(updates, fields: fields, idColumn: idColumn)
        do {
            try Data(out).write(to: destination)
        } catch {
            log.error(destination.relativePath, expected: "a file that can be written", found: error.localizedDescription)
            throw IdentificationErrors(problems: log.problems)
        }
        return written
    }

    /// Checks each updated school's new counts with its other counts (MODEL.md §11), logging every
    /// school and field that breaks a rule at its line and column of the table.
    private static func checkConsistency(_ scenario: Scenario, updates: [String: [CountField: Int]], table: Table, idColumn: Int,
                                         log: ProblemList) {
        let lines = table.lineOfEachId(idColumn)
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
                log.error(table.name, line: lines[school.id], column: table.columns[field.rawValue].map { $0 + 1 }, field: field.rawValue,
                          expected: "\(field.rawValue) ≤ \(what) (\(bound)) for school `\(school.id)`",
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

    /// The scenario's schools table as raw bytes and records, with its header's columns.
    private struct Table {
        let name: String
        let bytes: [UInt8]
        let records: [RawCSV.Record]
        /// The first column of each (trimmed) header title.
        var columns: [String: Int] = [:]
        var headerLine: Int { records[0].line }

        /// Reads the table (inside the scenario folder); a missing or empty one is logged and thrown.
        init(_ name: String, in folder: URL, log: ProblemList) throws {
            self.name = name
            do {
                bytes = [UInt8](try InputFile.read(name, inside: folder))
            } catch {
                log.error(name, expected: "the scenario's schools table", found: "\(error)")
                throw IdentificationErrors(problems: log.problems)
            }
            records = RawCSV.records(bytes)
            guard let header = records.first else {
                log.error(name, expected: "a header row", found: "an empty file")
                throw IdentificationErrors(problems: log.problems)
            }
            for (i, field) in header.fields.enumerated() {
                let title = text(field).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                if columns[title] == nil { columns[title] = i }
            }
        }

        func text(_ field: RawCSV.Field) -> String {
            String(decoding: bytes[field.contentStart..<field.contentEnd], as: UTF8.self)
        }

        /// The line of each school id's first row.
        func lineOfEachId(_ idColumn: Int) -> [String: Int] {
            Dictionary(records.dropFirst().compactMap { record -> (String, Int)? in
                guard idColumn < record.fields.count else { return nil }
                return (text(record.fields[idColumn]), record.line)
            }, uniquingKeysWith: { first, _ in first })
        }

        /// Every byte of the table, but the cells of `fields` of the updated schools; and how many
        /// schools were updated.
        func rewritten(_ updates: [String: [CountField: Int]], fields: [CountField], idColumn: Int) -> (bytes: [UInt8], schools: Int) {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 10)
            var copied = 0, written = 0
            let targets = fields.map { ($0, columns[$0.rawValue]!) }.sorted { $0.1 < $1.1 }
            for record in records.dropFirst() {
                guard idColumn < record.fields.count, let update = updates[text(record.fields[idColumn])] else { continue }
                written += 1
                for (field, column) in targets where column < record.fields.count {
                    let cell = record.fields[column]
                    out.append(contentsOf: bytes[copied..<cell.start])
                    out.append(contentsOf: Array(String(update[field]!).utf8))
                    copied = cell.end
                }
            }
            out.append(contentsOf: bytes[copied...])
            return (out, written)
        }
    }
}

/// A small in-memory CSV scanner that keeps every field's raw byte range (quotes included), so a
/// table can be rewritten cell by cell. For tables the scenario loader has already validated.
enum RawCSV {
    struct Field {
        /// The raw cell, quotes included: bytes[start..<end].
        var start: Int
        var end: Int
        /// The content inside the quotes (doubled quotes not undone: ids with quotes are rare).
        var contentStart: Int
        var contentEnd: Int
    }

    struct Record {
        var line: Int
        var fields: [Field]
    }

    /// Every non-blank record of `bytes`, with the line it starts on.
    static func records(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        let n = bytes.count
        while i < n {
            var fields: [Field] = []
            let recordLine = line
            var endOfRecord = false
            while !endOfRecord {
                let start = i
                var contentStart = i, contentEnd = i
                if i < n, bytes[i] == 34 {
                    i += 1
                    contentStart = i
                    while i < n {
                        if bytes[i] == 34 {
                            if i + 1 < n, bytes[i + 1] == 34 {
                                i += 2
                                continue
                            }
                            break
                        }
                        if bytes[i] == 10 || (bytes[i] == 13 && !(i + 1 < n && bytes[i + 1] == 10)) { line += 1 }
                        i += 1
                    }
                    contentEnd = i
                    if i < n { i += 1 }
                    while i < n, bytes[i] != 44, bytes[i] != 10, bytes[i] != 13 { i += 1 }
                } else {
                    while i < n, bytes[i] != 44, bytes[i] != 10, bytes[i] != 13 { i += 1 }
                    contentEnd = i
                }
                fields.append(Field(start: start, end: i, contentStart: contentStart, contentEnd: contentEnd))
                if i < n, bytes[i] == 44 {
                    i += 1
                    continue
                }
                endOfRecord = true
                if i < n {
                    if bytes[i] == 13, i + 1 < n, bytes[i + 1] == 10 { i += 1 }
                    i += 1
                    line += 1
                }
            }
            if fields.count == 1, fields[0].start == fields[0].end { continue }
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
