import CSV
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

/// Money actually disbursed to a school for a category (one row of a money actuals file).
public struct MoneyActual: Sendable, Equatable {
    public var school: String
    public var category: String
    public var amount: Double
    /// Where the row is, for problems: file, line, and the 1-based column of each field.
    public var file: String
    public var line: Int
    public var columns: [String: Int]

    public init(school: String, category: String, amount: Double, file: String = "actuals", line: Int = 0,
                columns: [String: Int] = ["school": 1, "category": 2, "amount": 3]) {
        self.school = school
        self.category = category
        self.amount = amount
        self.file = file
        self.line = line
        self.columns = columns
    }
}

/// Teachers of a group actually placed at a school (one row of a teachers actuals file).
public struct TeacherActual: Sendable, Equatable {
    public var group: String
    public var school: String
    public var count: Double
    public var file: String
    public var line: Int
    public var columns: [String: Int]

    public init(group: String, school: String, count: Double, file: String = "actuals", line: Int = 0,
                columns: [String: Int] = ["group": 1, "school": 2, "count": 3]) {
        self.group = group
        self.school = school
        self.count = count
        self.file = file
        self.line = line
        self.columns = columns
    }
}

/// What was actually done: money disbursed and teachers placed.
///
/// Files are CSV (UTF-8, optional BOM, header row). Each file holds one kind, told by its header:
/// `school,category,amount` (money) or `group,school,count` (teachers); other columns are ignored with a
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

    public init(money: [MoneyActual] = [], teachers: [TeacherActual] = [], hasMoney: Bool? = nil, hasTeachers: Bool? = nil) {
        self.money = money
        self.teachers = teachers
        self.files = []
        self.hasMoney = hasMoney ?? !money.isEmpty
        self.hasTeachers = hasTeachers ?? !teachers.isEmpty
    }

    /// Reads actuals files (any mix of kinds; two files of the same kind add up).
    ///
    /// - Parameter names: How each file is named in problems (default: its path as given).
    /// - Returns: The actuals and the warnings met.
    /// - Throws: ``EvaluationErrors`` with every problem of every file.
    public static func read(_ urls: [URL], names: [String]? = nil) throws -> (actuals: Actuals, warnings: [ScenarioProblem]) {
        let log = ProblemLog()
        var actuals = Actuals(hasMoney: false, hasTeachers: false)
        for (i, url) in urls.enumerated() {
            let name = names?[i] ?? url.relativePath
            read(url, name: name, into: &actuals, log: log)
        }
        checkSums(actuals, log: log)
        try log.throwIfErrors()
        return (actuals, log.warnings)
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
                                               at: (row.file, row.line, row.columns["amount"], "amount"), log: log)
        }
        for row in actuals.teachers {
            placed[row.school] = Evaluation.accumulate(placed[row.school, default: 0], row.count, cap: InputLimits.maxCount,
                                                       what: "teachers placed at school \(row.school)",
                                                       at: (row.file, row.line, row.columns["count"], "count"), log: log)
        }
    }

    private static func read(_ url: URL, name: String, into actuals: inout Actuals, log: ProblemLog) {
        guard let text = readText(url, name: name, log: log) else { return }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            log.error(name, expected: "a CSV table", found: "text that cannot be read as CSV")
            return
        }
        var line = 1
        var header: Header?
        var rows = 0
        while let fields = reader.next() {
            let rowLine = line
            line += 1
            for field in fields { line += field.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) } }
            if fields.count == 1, fields[0].isEmpty { continue }
            guard let header else {
                header = Header(fields, line: rowLine, file: name, log: log)
                if header == nil { return }
                continue
            }
            rows += 1
            header.read(fields, line: rowLine, file: name, into: &actuals, log: log)
        }
        if let error = reader.error {
            log.error(name, line: line, expected: "well-formed CSV", found: "\(error)")
        }
        guard let kind = header?.kind else {
            log.error(name, expected: "a header row (`school,category,amount` or `group,school,count`)", found: "an empty file")
            return
        }
        switch kind {
        case .money: actuals.hasMoney = true
        case .teachers: actuals.hasTeachers = true
        }
        actuals.files.append((name, kind, rows))
    }

    /// The file's text without a byte order mark; nil (with the problem logged) when it cannot be
    /// read or is not UTF-8.
    private static func readText(_ url: URL, name: String, log: ProblemLog) -> String? {
        let data: Data
        do {
            data = try InputFile.read(url.path)
        } catch {
            log.error(name, expected: "a readable actuals file (CSV)", found: "\(error)")
            return nil
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = TextPosition.firstInvalidUTF8(in: bytes)
            log.error(name, line: position?.line, column: position?.column, expected: "UTF-8 text", found: "bytes that are not UTF-8")
            return nil
        }
        return text
    }

    /// An actuals file's header: what its rows hold and where each column is.
    private struct Header {
        var kind: ActualsKind
        var line: Int
        var width: Int
        /// The first column of each name (0-based), and as 1-based positions for problems.
        var columns: [String: Int] = [:]
        var positions: [String: Int] = [:]

        /// Reads the header row: `school,category,amount` (money) or `group,school,count` (teachers);
        /// other columns are ignored with a warning. Nil (with the problem logged) when it is neither.
        init?(_ fields: [String], line: Int, file: String, log: ProblemLog) {
            let names = fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
            var found: [String: Int] = [:]
            for (i, column) in names.enumerated() where found[column] == nil { found[column] = i }
            let isMoney = ["school", "category", "amount"].allSatisfy { found[$0] != nil }
            let isTeachers = ["group", "school", "count"].allSatisfy { found[$0] != nil }
            if isMoney == isTeachers {
                log.error(file, line: line, expected: "a header with `school,category,amount` (money disbursed) or `group,school,count` (teachers placed)",
                          found: isMoney ? "both" : "`\(names.joined(separator: ","))`")
                return nil
            }
            kind = isMoney ? .money : .teachers
            self.line = line
            width = names.count
            columns = found
            positions = found.mapValues { $0 + 1 }
            let used: Set<String> = isMoney ? ["school", "category", "amount"] : ["group", "school", "count"]
            for (i, column) in names.enumerated() where !used.contains(column) {
                log.warning(file, line: line, column: i + 1, field: column,
                            expected: isMoney ? "`school`, `category` or `amount`" : "`group`, `school` or `count`",
                            found: "`\(column)` (ignored)")
            }
        }

        /// Reads one row into `actuals`, or logs every problem of its cells.
        func read(_ fields: [String], line rowLine: Int, file: String, into actuals: inout Actuals, log: ProblemLog) {
            guard fields.count == width else {
                log.error(file, line: rowLine, column: min(fields.count, width) + 1,
                          expected: "\(width) fields (as in the header on line \(line))", found: "\(fields.count)")
                return
            }
            func id(_ column: String) -> String? {
                let i = columns[column]!
                guard !fields[i].trimmingCharacters(in: CharacterSet(charactersIn: " \t")).isEmpty else {
                    log.error(file, line: rowLine, column: i + 1, field: column, expected: "a \(column) id", found: "an empty cell")
                    return nil
                }
                return fields[i]
            }
            func amount(_ column: String, _ what: String, cap: Double) -> Double? {
                let i = columns[column]!
                guard let value = decimalNumber(fields[i]), value >= 0, value <= cap else {
                    log.error(file, line: rowLine, column: i + 1, field: column, expected: what, found: quoted(fields[i]))
                    return nil
                }
                return value
            }
            switch kind {
            case .money:
                let school = id("school"), category = id("category")
                let value = amount("amount", "an amount from 0 to \(InputLimits.maxMoneyText) (money disbursed)", cap: InputLimits.maxMoney)
                if let school, let category, let value {
                    actuals.money.append(MoneyActual(school: school, category: category, amount: value, file: file, line: rowLine,
                                                     columns: positions))
                }
            case .teachers:
                let group = id("group"), school = id("school")
                let value = amount("count", "a number of teachers from 0 to \(InputLimits.maxCountText)", cap: InputLimits.maxCount)
                if let group, let school, let value {
                    actuals.teachers.append(TeacherActual(group: group, school: school, count: value, file: file, line: rowLine,
                                                          columns: positions))
                }
            }
        }
    }
}
