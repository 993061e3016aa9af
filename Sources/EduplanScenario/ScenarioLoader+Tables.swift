import Foundation
import Yams

/// A cell read from a row: absent (no such column), empty, a value, or invalid (already reported).
enum Cell<Value> {
    case absent
    case empty
    case value(Value)
    case invalid

    var value: Value? {
        if case let .value(v) = self { return v }
        return nil
    }
}

/// Reads the cells of one CSV row, reporting each bad cell at its line and column.
struct RowReader {
    let table: CSVTable
    let row: CSVTable.Row
    let log: ProblemLog
    /// Set when a cell was invalid: the row's entity is then left out of later checks.
    private(set) var bad = false

    init(table: CSVTable, row: CSVTable.Row, log: ProblemLog) {
        self.table = table
        self.row = row
        self.log = log
    }

    func location(_ column: String) -> SourceLocation {
        table.location(row: row, column: table.index(of: column), field: column)
    }

    /// The raw text of a cell, exactly as written (nil when the table has no such column).
    func raw(_ column: String) -> String? {
        guard let i = table.index(of: column), i < row.fields.count else { return nil }
        return row.fields[i]
    }

    /// A required text cell (an id, a reference): empty is an error.
    mutating func text(_ column: String, expected: @autoclosure () -> String) -> String? {
        guard let text = raw(column) else { bad = true; return nil }
        if text.isEmpty {
            log.error(location(column), expected: expected(), found: "an empty cell")
            bad = true
            return nil
        }
        return text
    }

    /// A number in the range `rule` allows (and, where the rule says so, not tiny).
    mutating func number(_ column: String, rule: NumberRule, expected: String? = nil) -> Cell<Double> {
        guard let text = raw(column) else { return .absent }
        if TextValue.isBlank(text) { return .empty }
        if let value = log.number(text, at: location(column), expected: expected ?? rule.expected,
                                  check: { rule.problem($0, expected: expected) }) {
            return .value(value)
        }
        bad = true
        return .invalid
    }

    /// A whole number from 0 to ``InputLimits/count``; any number form whose value is whole is
    /// accepted (`12`, `12.0`, `1.2e1`).
    mutating func count(_ column: String) -> Cell<Int> {
        let words = Self.countWords
        switch number(column, rule: .any, expected: words) {
        case let .value(value):
            guard value == value.rounded(), value >= 0, value <= InputLimits.maxCount else {
                log.error(location(column), expected: words, found: TextValue.quoted(raw(column) ?? ""))
                bad = true
                return .invalid
            }
            return .value(Int(value))
        case .absent: return .absent
        case .empty: return .empty
        case .invalid: return .invalid
        }
    }

    static let countWords = "a whole number from 0 to \(InputLimits.count)"

    /// A required id (``TextRules``). A text that breaks the id rules is reported (the row is then
    /// bad) and still returned, so that references to it are not reported again.
    mutating func identifier(_ column: String, what: String) -> String? {
        guard let id = text(column, expected: what) else { return nil }
        if let problem = TextRules.idProblem(id) {
            log.error(location(column), expected: "\(what): \(TextRules.idExpected)", found: problem.found, hint: problem.hint)
            bad = true
        }
        return id
    }

    /// A display name (``TextRules``); empty when the column is absent or the text is reported.
    mutating func displayName(_ column: String) -> String {
        guard let text = raw(column) else { return "" }
        guard let found = TextRules.nameProblem(text) else { return text }
        log.error(location(column), expected: TextRules.nameExpected, found: found)
        bad = true
        return ""
    }

    /// A count that must be given.
    mutating func requiredCount(_ column: String) -> Int {
        switch count(column) {
        case let .value(v): return v
        case .empty:
            log.error(location(column), expected: Self.countWords, found: "an empty cell")
            bad = true
            return 0
        case .absent, .invalid:
            bad = true
            return 0
        }
    }

    /// A number that must be given.
    mutating func requiredNumber(_ column: String, rule: NumberRule, expected: String? = nil) -> Double {
        switch number(column, rule: rule, expected: expected) {
        case let .value(v): return v
        case .empty:
            log.error(location(column), expected: expected ?? rule.expected, found: "an empty cell")
            bad = true
            return 0
        case .absent, .invalid:
            bad = true
            return 0
        }
    }

    mutating func bool(_ column: String) -> Cell<Bool> {
        guard let text = raw(column) else { return .absent }
        if TextValue.isBlank(text) { return .empty }
        if let value = TextValue.bool(text) { return .value(value) }
        log.error(location(column), expected: "true or false (also yes/no, 1/0)", found: TextValue.quoted(text))
        bad = true
        return .invalid
    }

    /// Latitude and longitude: both or neither (MODEL.md §11).
    mutating func coordinates() -> (Double?, Double?) {
        let lat = number("lat", rule: .latitude)
        let lon = number("lon", rule: .longitude)
        switch (lat, lon) {
        case (.empty, .value), (.empty, .invalid):
            log.error(location("lat"), expected: "a latitude (the row has a longitude; give both or neither)", found: "an empty cell")
            bad = true
        case (.value, .empty), (.invalid, .empty):
            log.error(location("lon"), expected: "a longitude (the row has a latitude; give both or neither)", found: "an empty cell")
            bad = true
        default: break
        }
        guard let latitude = lat.value, let longitude = lon.value else { return (nil, nil) }
        return (latitude, longitude)
    }

    /// Whether the row has as many fields as the header; a row that has not is reported once.
    func hasAllFields() -> Bool { table.hasAllFields(row, log: log) }

    /// Whether the row has all its fields (known once ``entityID(what:)`` has looked).
    private(set) var fieldsComplete = true

    /// The id of the entity the row defines. From a row with all its fields it is checked
    /// (``identifier(_:what:)``); from a row without (reported once) it is taken as written, so
    /// that references to it are not reported again.
    mutating func entityID(what: String) -> String? {
        fieldsComplete = hasAllFields()
        return fieldsComplete ? identifier("id", what: what) : raw("id").flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// The CSV tables of a scenario folder: regions, schools, teachers, projects, distances.
extension ScenarioLoading {
    /// Reads a table, or nil (with the problem recorded) when it is missing or unreadable.
    /// A table that is not named in `tables:` and not required may be absent without a word.
    func openTable(_ name: TableName, required: Bool) -> CSVTable? {
        let workbook = SourceLocation.workbookParts(name.file)
        let path = workbook?.path ?? name.file
        let url = directory.appendingPathComponent(path)
        if !required, name.node == nil, !FileManager.default.fileExists(atPath: url.path) { return nil }
        let missing = name.node.map { yaml.location($0, path: nil) }
        guard let data = readData(path, missing: missing) else { return nil }
        if let workbook {
            return CSVTable.read(file: name.file, workbook: data, sheet: workbook.sheet, log: log)
        }
        return CSVTable.read(file: name.file, data: data, log: log)
    }

    /// Checks the header: every required column present, unknown columns warned about.
    /// Returns whether every required column is there.
    func checkColumns(_ table: CSVTable, required: [String], optional: [String],
                      unknown: (String) -> Bool = { _ in false }) -> Bool {
        var complete = true
        for column in required where table.index(of: column) == nil {
            log.error(SourceLocation(file: table.file, line: table.headerLine, column: nil, field: column),
                      expected: "a column `\(column)`", found: "no such column",
                      hint: Suggestion.hint(for: column, among: table.header.filter { !required.contains($0) && !optional.contains($0) }))
            complete = false
        }
        let known = Set(required + optional)
        for (i, name) in table.header.enumerated() where !name.isEmpty && !known.contains(name) {
            if unknown(name) { continue }  // reported by the caller
            log.warning(SourceLocation(file: table.file, line: table.headerLine, column: i + 1, field: name),
                        expected: "a known column of \(table.file)", found: "`\(name)` (ignored)",
                        hint: Suggestion.hint(for: name, among: required + optional))
        }
        return complete
    }

    /// An empty regions or schools table is an error: there is nothing to plan for.
    private func checkNotEmpty(_ table: CSVTable, what: String) {
        if table.rows.isEmpty {
            log.error(table.headerLocation, expected: "at least one \(what) row under the header", found: "only the header")
        }
    }

    /// Registers a unique id; a duplicate is reported (with where the first is) and gives false.
    private func unique(_ id: String, in index: inout [String: Int], next: Int, lines: [Int],
                        reader: RowReader, column: String = "id") -> Bool {
        if let first = index[id] {
            let hint = first < lines.count ? "first on line \(lines[first])" : nil
            log.error(reader.location(column), expected: "each id once", found: "`\(id)` again", hint: hint)
            return false
        }
        index[id] = next
        return true
    }

    private func reference(_ text: String?, in index: [String: Int], readable: Bool, reader: inout RowReader,
                           column: String, what: @autoclosure () -> String, ids: @autoclosure () -> [String]) -> Int {
        guard let text else { return -1 }
        if let i = index[text] { return i }
        if readable {
            log.error(reader.location(column), expected: what(), found: "`\(text)`",
                      hint: index.count <= 2000 ? Suggestion.hint(for: text, among: ids()) : nil)
        }
        return -1
    }

    // MARK: regions.csv

    func readRegions(_ name: TableName) {
        guard let table = openTable(name, required: true) else { regionsReadable = false; sources.unreadable.insert(name.file); return }
        sources.regions.columns = table.columns
        let complete = checkColumns(table, required: ["id", "name", "designation", "rural"], optional: ["income_per_capita", "floor_per_pupil"])
        checkNotEmpty(table, what: "region")
        // Without ids (or rows) references to regions cannot be checked: their absence is already reported.
        guard table.index(of: "id") != nil, !table.rows.isEmpty else { regionsReadable = false; return }
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: log)
            guard let id = reader.entityID(what: "a region id"),
                  unique(id, in: &regionIndex, next: regions.count, lines: sources.regions.lines, reader: reader)
            else { continue }
            var region = Region(id: id, name: "", designation: .none, rural: false)
            if reader.fieldsComplete {
                region.name = reader.displayName("name")
                if let text = reader.raw("designation") {
                    if let d = regionDesignation(text) {
                        region.designation = d
                    } else if designationsReadable {
                        let empty = designationIDs.contains(Designation.none.rawValue) ? ", or empty for none" : ""
                        log.error(reader.location("designation"), expected: "a designation (\(Suggestion.list(designationIDs))\(empty))",
                                  found: TextValue.quoted(text), hint: Suggestion.hint(for: text, among: designationIDs))
                    }
                }
                switch reader.bool("rural") {
                case let .value(v): region.rural = v
                case .empty: log.error(reader.location("rural"), expected: "true or false (also yes/no, 1/0)", found: "an empty cell")
                default: break
                }
                if case let .value(income) = reader.number("income_per_capita", rule: .money, expected: "an income from 0 to 1e13 (or empty)") {
                    region.incomePerCapita = income
                }
                if case let .value(floor) = reader.number("floor_per_pupil", rule: .money,
                                                          expected: "money per pupil from 0 to 1e13 (or empty for no floor)") {
                    region.floorPerPupil = floor
                }
            }
            if !reader.fieldsComplete || reader.bad || !complete { sources.regions.broken.insert(regions.count) }
            sources.regions.lines.append(row.line)
            regions.append(region)
        }
    }

    // MARK: schools.csv

    static let schoolCounts = ["enrollment", "boarding", "poor", "poor_boarding", "disabled", "left_behind"]
    /// The optional `<count>_dev` columns (robust plans), in the order of ``schoolCounts``.
    static let deviationColumns = schoolCounts.map { $0 + "_dev" }

    func readSchools(_ name: TableName) {
        guard let table = openTable(name, required: true) else { schoolsReadable = false; sources.unreadable.insert(name.file); return }
        sources.schools.columns = table.columns
        let teacherColumns = subjects.map { "teachers_\($0.id)" }
        let requiredColumns = subjects.map { "required_\($0.id)" }
        let complete = checkColumns(table, required: ["id", "name", "region", "level"] + Self.schoolCounts + teacherColumns,
                                    optional: ["rural", "lat", "lon"] + requiredColumns + Self.deviationColumns) { column in
            guard column.hasPrefix("teachers_") || column.hasPrefix("required_") else { return false }
            let subject = String(column.drop { $0 != "_" }.dropFirst())
            if self.subjectsReadable {
                let i = table.index(of: column)!
                self.log.error(SourceLocation(file: table.file, line: table.headerLine, column: i + 1, field: column),
                               expected: "a subject of scenario.yaml (\(Suggestion.list(self.subjects.map(\.id))))",
                               found: "`\(subject)` in column `\(column)`",
                               hint: Suggestion.hint(for: subject, among: self.subjects.map(\.id)))
            }
            return true
        }
        if (table.index(of: "lat") == nil) != (table.index(of: "lon") == nil) {
            let missing = table.index(of: "lat") == nil ? "lat" : "lon"
            log.error(SourceLocation(file: table.file, line: table.headerLine, column: nil, field: missing),
                      expected: "both `lat` and `lon` columns, or neither", found: "no `\(missing)` column")
        }
        checkNotEmpty(table, what: "school")
        guard table.index(of: "id") != nil, !table.rows.isEmpty else { schoolsReadable = false; return }
        let levels = SchoolLevel.allCases.map(\.rawValue)
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: log)
            guard let id = reader.entityID(what: "a school id"),
                  unique(id, in: &schoolIndex, next: schools.count, lines: sources.schools.lines, reader: reader)
            else { continue }
            var school = School(id: id, name: "", region: -1, level: .primary, rural: false, enrollment: 0,
                                teachers: Array(repeating: 0, count: subjects.count),
                                required: Array(repeating: nil, count: subjects.count))
            if reader.fieldsComplete {
                school.name = reader.displayName("name")
                let regionText = reader.text("region", expected: "a region id")
                school.region = reference(regionText, in: regionIndex, readable: regionsReadable, reader: &reader,
                                          column: "region", what: "a region id of \(sources.regions.file)", ids: regions.map(\.id))
                if school.region < 0 { reader.markBad() }
                if let text = reader.text("level", expected: "a school level (\(Suggestion.list(levels)))") {
                    if let level = level(text) {
                        school.level = level
                    } else {
                        log.error(reader.location("level"), expected: "a school level (\(Suggestion.list(levels)))",
                                  found: TextValue.quoted(text), hint: Suggestion.hint(for: text, among: levels))
                        reader.markBad()
                    }
                }
                switch reader.bool("rural") {
                case let .value(v): school.rural = v
                default: school.rural = school.region >= 0 ? regions[school.region].rural : false
                }
                (school.latitude, school.longitude) = reader.coordinates()
                school.enrollment = reader.requiredCount("enrollment")
                school.boarding = reader.requiredCount("boarding")
                school.poor = reader.requiredCount("poor")
                school.poorBoarding = reader.requiredCount("poor_boarding")
                school.disabled = reader.requiredCount("disabled")
                school.leftBehind = reader.requiredCount("left_behind")
                for (j, column) in teacherColumns.enumerated() where table.index(of: column) != nil {
                    school.teachers[j] = reader.requiredCount(column)
                }
                for (j, column) in requiredColumns.enumerated() {
                    school.required[j] = reader.count(column).value
                }
                for field in CountField.allCases {
                    if let deviation = reader.count(field.deviationColumn).value { school.deviations[field] = deviation }
                }
            }
            if !reader.fieldsComplete || reader.bad || !complete { sources.schools.broken.insert(schools.count) }
            sources.schools.lines.append(row.line)
            schools.append(school)
        }
    }

    // MARK: projects

    func readProjects() {
        for (file, served, node) in projectFiles {
            guard let table = openTable(TableName(file: file, node: node), required: true) else { continue }
            _ = checkColumns(table, required: ["id", "school", "category", "cost"], optional: ["year"])
            guard table.index(of: "id") != nil, table.index(of: "category") != nil else { continue }
            var ids: [String: Int] = [:]
            var lines: [Int] = []
            var lists: [Int: [Project]] = [:]
            var rowsPerCategory: [Int: Int] = [:]
            let servedIDs = served.map { categories[$0].id }
            for row in table.rows {
                var reader = RowReader(table: table, row: row, log: log)
                guard reader.hasAllFields(),
                      let id = reader.identifier("id", what: "a project id"),
                      unique(id, in: &ids, next: lines.count, lines: lines, reader: reader)
                else { continue }
                lines.append(row.line)
                let schoolText = reader.text("school", expected: "a school id")
                let s = reference(schoolText, in: schoolIndex, readable: schoolsReadable, reader: &reader, column: "school",
                                  what: "a school id of \(sources.schools.file)", ids: schools.map(\.id))
                var k: Int?
                if let text = reader.text("category", expected: "a project category (\(Suggestion.list(servedIDs)))") {
                    if let known = categoryIndex[text], served.contains(known) {
                        k = known
                        rowsPerCategory[known, default: 0] += 1
                    } else if categoryIndex[text] != nil || categoriesReadable {
                        log.error(reader.location("category"),
                                  expected: "a category whose projects are in \(file) (\(Suggestion.list(servedIDs)))",
                                  found: "`\(text)`", hint: Suggestion.hint(for: text, among: servedIDs))
                    }
                }
                let cost = reader.requiredNumber("cost", rule: .money, expected: "a cost from 0 to 1e13")
                var project = Project(id: id, school: s, cost: cost)
                project.year = projectYear(&reader)
                if let k, s >= 0 { lists[k, default: []].append(project) }
            }
            for k in served {
                let projects = lists[k] ?? []
                categories[k].rule = .projects(projects)
                if rowsPerCategory[k] == nil {
                    log.warning(yaml.location(node, path: nil), expected: "projects of category `\(categories[k].id)` in \(file)",
                                found: "none (its need is 0 everywhere)")
                }
            }
        }
    }

    // MARK: teachers.csv

    func readTeachers(_ name: TableName) {
        guard let table = openTable(name, required: false) else { return }
        sources.teachers.columns = table.columns
        let yearColumns = yearCountColumns(table)
        let complete = checkColumns(table, required: ["id", "subject", "count", "region", "annual_cost", "max_distance_km"],
                                    optional: ["lat", "lon", "levels", "contract_years"] + yearColumns.map(\.column))
        guard table.index(of: "id") != nil else { return }
        var ids: [String: Int] = [:]
        let levelNames = SchoolLevel.allCases.map(\.rawValue)
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: log)
            guard let id = reader.entityID(what: "a teacher group id"),
                  unique(id, in: &ids, next: teacherGroups.count, lines: sources.teachers.lines, reader: reader)
            else { continue }
            var group = TeacherGroup(id: id, subject: -1, count: 0, region: -1, annualCost: 0, maxDistanceKm: 0)
            if reader.fieldsComplete {
                let subjectText = reader.text("subject", expected: "a subject")
                group.subject = reference(subjectText, in: subjectIndex, readable: subjectsReadable, reader: &reader,
                                          column: "subject", what: "a subject of scenario.yaml (\(Suggestion.list(subjects.map(\.id))))",
                                          ids: subjects.map(\.id))
                group.count = reader.requiredCount("count")
                let regionText = reader.text("region", expected: "a region id")
                group.region = reference(regionText, in: regionIndex, readable: regionsReadable, reader: &reader,
                                         column: "region", what: "a region id of \(sources.regions.file)", ids: regions.map(\.id))
                (group.latitude, group.longitude) = reader.coordinates()
                group.annualCost = reader.requiredNumber("annual_cost", rule: .money, expected: "an annual cost from 0 to 1e13")
                group.maxDistanceKm = reader.requiredNumber("max_distance_km", rule: .distance)
                if let text = reader.raw("levels"), !TextValue.isBlank(text) {
                    var set: Set<SchoolLevel> = []
                    for piece in text.split(separator: ";") {
                        let word = String(TextValue.trimmed(String(piece)))
                        if word.isEmpty { continue }
                        if let level = level(word) {
                            set.insert(level)
                        } else {
                            log.error(reader.location("levels"), expected: "school levels separated by `;` (\(Suggestion.list(levelNames)))",
                                      found: "`\(word)`", hint: Suggestion.hint(for: word, among: levelNames))
                            reader.markBad()
                        }
                    }
                    group.levels = set.isEmpty ? nil : set
                }
                readTeacherYears(&reader, columns: yearColumns, into: &group)
            }
            if !reader.fieldsComplete || reader.bad || !complete { sources.teachers.broken.insert(teacherGroups.count) }
            sources.teachers.lines.append(row.line)
            teacherGroups.append(group)
        }
    }

    // MARK: distances.csv

    func readDistances(_ name: TableName) {
        guard let table = openTable(name, required: false) else { return }
        _ = checkColumns(table, required: ["from_region", "to_region", "km"], optional: [])
        var table_ = DistanceTable()
        var seen: [DistanceTable.RegionPair: Int] = [:]
        for row in table.rows {
            var reader = RowReader(table: table, row: row, log: log)
            guard reader.hasAllFields() else { continue }
            let what = "a region id of \(sources.regions.file)"
            let from = reference(reader.text("from_region", expected: "a region id"), in: regionIndex, readable: regionsReadable,
                                 reader: &reader, column: "from_region", what: what, ids: regions.map(\.id))
            let to = reference(reader.text("to_region", expected: "a region id"), in: regionIndex, readable: regionsReadable,
                               reader: &reader, column: "to_region", what: what, ids: regions.map(\.id))
            let km = reader.requiredNumber("km", rule: .distance)
            guard from >= 0, to >= 0 else { continue }
            let pair = DistanceTable.RegionPair(from, to)
            if let first = seen[pair] {
                log.error(reader.location("from_region"), expected: "each pair of regions once (in either direction)",
                          found: "`\(regions[from].id)`–`\(regions[to].id)` again", hint: "first on line \(first)")
                continue
            }
            seen[pair] = row.line
            if !reader.bad { table_.kilometres[pair] = km }
        }
        distances = table_
    }
}

extension RowReader {
    /// Marks the row's entity as unusable for later checks (its problem has been reported).
    mutating func markBad() { bad = true }
}
