import EduplanIO
import EduplanScenario
import Foundation

/// Which actuals a file holds, told by its header.
public enum ActualsKind: String, Sendable, Codable {
    /// `school,category,amount`: money actually disbursed.
    case money
    /// `group,school,count`: teachers actually placed.
    case teachers
}

/// Where a row of an actuals file is, for problems: the file, the line, and the 1-based column of
/// each field.
public struct ActualsRowPlace: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var columns: [String: Int]

    /// The place of one field of the row.
    public func location(of field: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: columns[field], field: field)
    }
}

/// Money actually disbursed to a school for a category (one row of a money actuals file).
public struct MoneyActual: Sendable, Equatable {
    /// The year the money was paid (the optional `year` column; required by `solve --actuals`).
    public var year: Int?
    public var school: String
    public var category: String
    public var amount: Double
    public var place: ActualsRowPlace

    /// A row disbursing `amount` (at `line` of `file`, its fields in `columns`).
    public init(school: String, category: String, amount: Double, file: String = "actuals", line: Int = 0,
                columns: [String: Int] = ["school": 1, "category": 2, "amount": 3]) {
        self.school = school
        self.category = category
        self.amount = amount
        place = ActualsRowPlace(file: file, line: line, columns: columns)
    }
}

/// Teachers of a group actually placed at a school (one row of a teachers actuals file).
public struct TeacherActual: Sendable, Equatable {
    /// The year the teachers were newly posted (the optional `year` column).
    public var year: Int?
    public var group: String
    public var school: String
    public var count: Double
    public var place: ActualsRowPlace

    /// A row placing `count` teachers (at `line` of `file`, its fields in `columns`).
    public init(group: String, school: String, count: Double, file: String = "actuals", line: Int = 0,
                columns: [String: Int] = ["group": 1, "school": 2, "count": 3]) {
        self.group = group
        self.school = school
        self.count = count
        place = ActualsRowPlace(file: file, line: line, columns: columns)
    }
}

/// What was actually done: money disbursed and teachers placed.
///
/// Files are CSV (UTF-8, optional BOM, header row). Each file holds one kind, told by its header:
/// `school,category,amount` (money) or `group,school,count` (teachers), each with an optional `year`
/// column (required by a rolling re-plan, `solve --actuals`); other columns are ignored with a
/// warning. Several rows for the same school and category (or group and school) add up: several
/// disbursements. A school or category with no row received nothing.
public struct Actuals: Sendable {
    public var money: [MoneyActual]
    public var teachers: [TeacherActual]
    /// The files read, with their kind; an empty list for actuals built in code.
    public var files: [(name: String, kind: ActualsKind, rows: Int)]
    /// Whether money (teachers) actuals were given: a kind without a file is not evaluated.
    public var hasMoney: Bool
    public var hasTeachers: Bool
    /// For one year of a multi-year plan: the money paid in that year, which the year's fund flows
    /// pay; nil when ``money`` is itself what the funds paid. The two differ for a project category,
    /// whose ``money`` is cumulated over the years as the plan's `allocated` is.
    public var paidInYear: [MoneyActual]?

    public init(money: [MoneyActual] = [], teachers: [TeacherActual] = [], hasMoney: Bool? = nil, hasTeachers: Bool? = nil) {
        self.money = money
        self.teachers = teachers
        self.files = []
        self.hasMoney = hasMoney ?? !money.isEmpty
        self.hasTeachers = hasTeachers ?? !teachers.isEmpty
    }

    /// Reads actuals files (any mix of kinds; two files of the same kind add up).
    ///
    /// - Parameters:
    ///   - names: How each file is named in problems (default: its path as given).
    ///   - requiringYear: Whether every file must have a `year` column (a rolling re-plan's actuals).
    /// - Returns: The actuals and the warnings met.
    /// - Throws: ``EvaluationErrors`` with every problem of every file.
    public static func read(_ urls: [URL], names: [String]? = nil,
                            requiringYear: Bool = false) throws -> (actuals: Actuals, warnings: [ScenarioProblem]) {
        let log = ProblemLog()
        let actuals = read(urls, names: names, requiringYear: requiringYear, log: log)
        try log.throwIfErrors()
        return (actuals, log.warnings)
    }

    /// Reads actuals files, every problem into `log`; the rows with a problem are left out.
    static func read(_ urls: [URL], names: [String]?, requiringYear: Bool, log: ProblemLog) -> Actuals {
        var actuals = Actuals(hasMoney: false, hasTeachers: false)
        for (i, url) in urls.enumerated() {
            let name = names?[i] ?? url.relativePath
            read(url, name: name, requiringYear: requiringYear, into: &actuals, log: log)
        }
        checkSums(actuals, log: log)
        return actuals
    }

    /// Rows add up per school and category (money) and per school (teachers placed), across files:
    /// a sum past 1e13 (10⁷ teachers) is a problem at the row that crossed it, so that no total the
    /// evaluation forms can overflow. (``Evaluation`` checks the same of actuals built in code.)
    private static func checkSums(_ actuals: Actuals, log: ProblemLog) {
        var money: [String: Double] = [:], placed: [String: Double] = [:]
        for row in actuals.money {
            let key = row.school + "\u{1F}" + row.category
            money[key] = Evaluation.accumulate(money[key, default: 0], row.amount, cap: InputLimits.maxMoney,
                                               what: "disbursements to school \(row.school) for \(row.category)",
                                               at: row.place.location(of: "amount"), log: log)
        }
        for row in actuals.teachers {
            placed[row.school] = Evaluation.accumulate(placed[row.school, default: 0], row.count, cap: InputLimits.maxCount,
                                                       what: "teachers placed at school \(row.school)",
                                                       at: row.place.location(of: "count"), log: log)
        }
    }

    /// The columns of a money actuals file and of a teachers actuals file.
    private static let moneyColumns = ["school", "category", "amount"], teacherColumns = ["group", "school", "count"]

    private static func read(_ url: URL, name: String, requiringYear: Bool, into actuals: inout Actuals, log: ProblemLog) {
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            log.error(name, expected: "a readable actuals file (CSV)", found: "\(error)")
            return
        }
        guard let table = CSVTable.read(file: name, data: data, log: log,
                                        emptyExpected: "a header row (`school,category,amount` or `group,school,count`)"),
              let kind = kind(of: table, log: log)
        else { return }
        if requiringYear, table.index(of: "year") == nil {
            let columns = kind == .money ? "`year,school,category,amount`" : "`year,group,school,count`"
            log.error(table.headerLocation, expected: "a header with a `year` column (\(columns))",
                      found: "`\(table.header.joined(separator: ","))`")
            return
        }
        for row in table.rows where table.hasAllFields(row, log: log) {
            read(row, of: table, kind: kind, into: &actuals, log: log)
        }
        switch kind {
        case .money: actuals.hasMoney = true
        case .teachers: actuals.hasTeachers = true
        }
        actuals.files.append((name, kind, table.rows.count))
    }

    /// The kind of actuals the header tells, with a warning for each other column; nil (reported)
    /// when it tells neither or both.
    private static func kind(of table: CSVTable, log: ProblemLog) -> ActualsKind? {
        let isMoney = moneyColumns.allSatisfy { table.index(of: $0) != nil }
        let isTeachers = teacherColumns.allSatisfy { table.index(of: $0) != nil }
        if isMoney == isTeachers {
            log.error(table.headerLocation, expected: "a header with `school,category,amount` (money disbursed) or `group,school,count` (teachers placed)",
                      found: isMoney ? "both" : "`\(table.header.joined(separator: ","))`")
            return nil
        }
        let used = (isMoney ? moneyColumns : teacherColumns) + ["year"]
        for (i, column) in table.header.enumerated() where !column.isEmpty && !used.contains(column) {
            log.warning(SourceLocation(file: table.file, line: table.headerLine, column: i + 1, field: column),
                        expected: Suggestion.list(used), found: "`\(column)` (ignored)")
        }
        return isMoney ? .money : .teachers
    }

    /// Reads one row of a table of `kind`: its ids and its amount or count, each problem at its cell.
    private static func read(_ row: CSVTable.Row, of table: CSVTable, kind: ActualsKind, into actuals: inout Actuals, log: ProblemLog) {
        func id(_ column: String) -> String? {
            let i = table.index(of: column)!
            guard !TextValue.isBlank(row.fields[i]) else {
                log.error(table.location(row: row, column: i), expected: "a \(column) id", found: "an empty cell")
                return nil
            }
            return row.fields[i]
        }
        func amount(_ column: String, _ what: String, cap: Double) -> Double? {
            let i = table.index(of: column)!
            guard let value = DecimalNumber.parse(row.fields[i]), value >= 0, value <= cap else {
                log.error(table.location(row: row, column: i), expected: what, found: TextValue.quoted(row.fields[i]))
                return nil
            }
            return value
        }
        let positions = table.columns.mapValues { $0 + 1 }
        var year: Int?
        if let i = table.index(of: "year") {
            // A bad year is logged and the row's other cells still checked: every problem at once.
            if let value = DecimalNumber.parse(row.fields[i]), value == value.rounded(), abs(value) <= 9999 {
                year = Int(value)
            } else {
                log.error(table.location(row: row, column: i), expected: "a year (a whole number)", found: TextValue.quoted(row.fields[i]))
            }
        }
        switch kind {
        case .money:
            let school = id("school"), category = id("category")
            let value = amount("amount", "an amount from 0 to \(InputLimits.maxMoneyText) (money disbursed)", cap: InputLimits.maxMoney)
            if let school, let category, let value {
                var actual = MoneyActual(school: school, category: category, amount: value, file: table.file, line: row.line,
                                         columns: positions)
                actual.year = year
                actuals.money.append(actual)
            }
        case .teachers:
            let group = id("group"), school = id("school")
            let value = amount("count", "a number of teachers from 0 to \(InputLimits.maxCountText)", cap: InputLimits.maxCount)
            if let group, let school, let value {
                var actual = TeacherActual(group: group, school: school, count: value, file: table.file, line: row.line,
                                           columns: positions)
                actual.year = year
                actuals.teachers.append(actual)
            }
        }
    }
}
