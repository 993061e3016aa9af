import Foundation

/// An Excel workbook (`.xlsx`, Office Open XML) read as sheets of text cells, so that a planner's
/// spreadsheet is a scenario table like a CSV file.
///
/// What a cell becomes: shared and inline strings as written; numbers in their shortest exact form
/// (`500000000`, `0.25`); booleans `true`/`false`; a formula's cached result; an error value as
/// written (`#N/A`), which the table's reader then refuses where it expects a value. A number shown
/// as a date (its cell style's number format is a date format) becomes the ISO date `2024-09-01`, as
/// a person sees it, so that a date typed where a count belongs is refused as a date rather than read
/// as Excel's serial day count (45536); ISO date cells (`t="d"`) are read as written.
///
/// A workbook is a ZIP archive: its parts are read by ``ZipReader`` (every offset checked, each part
/// at most ``maximumPartSize`` bytes once inflated: a small file that inflates without end is
/// refused, not followed) and parsed by ``XMLScanner``.
public struct Workbook: Sendable {
    /// The sheets' names, in the workbook's order.
    public let sheetNames: [String]
    /// Sheet name → the archive path of its XML part.
    let sheetParts: [String: String]
    let sharedStrings: [String]
    /// For each cell style (`s` attribute), whether its number format shows a date.
    let dateStyles: [Bool]
    /// Whether serial days count from 1904 (`<workbookPr date1904="1"/>`) rather than 1900.
    let date1904: Bool
    let archive: ZipReader

    /// The largest inflated part read (256 MiB: about 2 million rows of a schools table).
    public static let maximumPartSize = 256 << 20

    /// What went wrong reading a workbook, in the words of a problem's `found`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads the workbook's list of sheets and its shared strings.
    /// - Throws: ``Failure`` when the bytes are not a readable `.xlsx` workbook.
    public init(data: Data) throws(Failure) {
        do {
            archive = try ZipReader(bytes: [UInt8](data))
        } catch {
            throw Failure(description: "a file that is not a ZIP archive (an .xlsx workbook is one; an old .xls is not: save it as .xlsx)")
        }
        let relations = try Self.relations(in: archive)
        let sheetList = try Self.sheetListParser(in: archive)
        let sheets = sheetList.sheets
        date1904 = sheetList.date1904
        var names: [String] = []
        var parts: [String: String] = [:]
        for sheet in sheets {
            guard let target = relations[sheet.relation] else { continue }
            names.append(sheet.name)
            parts[sheet.name] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        sheetNames = names
        sheetParts = parts
        sharedStrings = try Self.part("xl/sharedStrings.xml", of: archive).map { data throws(Failure) in
            try Self.parse(data, SharedStringsParser()).strings
        } ?? []
        dateStyles = try Self.part("xl/styles.xml", of: archive).map { data throws(Failure) in
            try Self.parse(data, StylesParser()).dateStyles
        } ?? []
    }

    /// The rows of sheet `name` (the first sheet when nil) that hold at least one non-empty cell, each
    /// with its 1-based row number and its cells by column (A = 0; cells not written are empty text).
    /// - Throws: ``Failure`` when the sheet does not exist or its part cannot be read.
    /// - Complexity: O(cells of the sheet).
    public func rows(ofSheet name: String?) throws(Failure) -> [(row: Int, cells: [String])] {
        guard let sheet = name ?? sheetNames.first else { throw Failure(description: "a workbook without sheets") }
        guard let path = sheetParts[sheet] else {
            let known = sheetNames.map { "`\($0)`" }.joined(separator: ", ")
            throw Failure(description: "no sheet `\(sheet)` (the workbook has \(known))")
        }
        guard let data = try Self.part(path, of: archive) else {
            throw Failure(description: "a workbook whose sheet `\(sheet)` has no part `\(path)`")
        }
        let parsed = try Self.parse(data, SheetParser(sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904))
        if let problem = parsed.problem { throw Failure(description: problem) }
        return parsed.rows.filter { !$0.cells.allSatisfy(\.isEmpty) }
    }

    // MARK: Parts

    /// The inflated bytes of part `path` of the workbook `data` (for tools and tests).
    /// - Throws: ``Failure`` when the archive or the part cannot be read, or has no such part.
    public static func part(named path: String, in data: Data) throws(Failure) -> Data {
        let archive: ZipReader
        do { archive = try ZipReader(bytes: [UInt8](data)) } catch { throw Failure(description: error.reason) }
        guard let bytes = try part(path, of: archive) else { throw Failure(description: "no part `\(path)`") }
        return bytes
    }

    /// The inflated bytes of part `path` (nil when the archive has none), refused beyond ``maximumPartSize``.
    static func part(_ path: String, of archive: ZipReader) throws(Failure) -> Data? {
        do {
            return try archive.data(path, limit: maximumPartSize).map { Data($0) }
        } catch {
            throw Failure(description: "a workbook that cannot be read: \(error.reason)")
        }
    }

    /// Relationship id → target of the workbook's relationships.
    static func relations(in archive: ZipReader) throws(Failure) -> [String: String] {
        guard let data = try part("xl/_rels/workbook.xml.rels", of: archive) else {
            throw Failure(description: "a ZIP archive that is not an .xlsx workbook (no xl/_rels/workbook.xml.rels)")
        }
        return try parse(data, RelationsParser()).targets
    }

    /// The sheets listed by the workbook, in order, and its date system.
    static func sheetListParser(in archive: ZipReader) throws(Failure) -> SheetListParser {
        guard let data = try part("xl/workbook.xml", of: archive) else {
            throw Failure(description: "a ZIP archive that is not an .xlsx workbook (no xl/workbook.xml)")
        }
        return try parse(data, SheetListParser())
    }

    /// Runs a reader over the events of part `data`, which must be UTF-8, as every workbook part is
    /// (a damaged byte is refused, not read as a replacement character into an id).
    static func parse<Reader: PartReader>(_ data: Data, _ reader: Reader) throws(Failure) -> Reader {
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure(description: "a workbook part that is not UTF-8 text") }
        var reader = reader
        var scanner = XMLScanner(bytes)
        do {
            while let event = try scanner.next() { reader.take(event) }
        } catch {
            throw Failure(description: "a workbook part that is not well-formed XML (\(error.reason))")
        }
        return reader
    }
}

// MARK: Part readers

/// What is kept of a part's XML events.
protocol PartReader {
    mutating func take(_ event: XMLScanner.Event)
}

/// `<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>` → targets by id.
struct RelationsParser: PartReader {
    var targets: [String: String] = [:]
    mutating func take(_ event: XMLScanner.Event) {
        if case let .start("Relationship", attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// `<sheet name="学校" sheetId="1" r:id="rId1"/>` in order, and `<workbookPr date1904="1"/>`.
struct SheetListParser: PartReader {
    var sheets: [(name: String, relation: String)] = []
    var date1904 = false
    mutating func take(_ event: XMLScanner.Event) {
        if case let .start("workbookPr", attributes, _) = event {
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        }
        guard case let .start("sheet", attributes, _) = event, let sheet = attributes["name"] else { return }
        // The relationship attribute's prefix is usually `r:`, but any prefix bound to the namespace is allowed.
        if let relation = attributes.first(where: { $0.key == "r:id" || $0.key.hasSuffix(":id") })?.value {
            sheets.append((sheet, relation))
        }
    }
}

/// `<si>` items: the text of their `<t>` elements (rich-text runs joined; phonetic runs left out).
struct SharedStringsParser: PartReader {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    mutating func take(_ event: XMLScanner.Event) {
        switch event {
        case let .start(name, _, selfClosing):
            switch name {
            case "si": current = ""; if selfClosing { strings.append("") }
            case "t": inText = !inPhonetic && !selfClosing
            case "rPh": inPhonetic = !selfClosing
            default: break
            }
        case let .text(text): if inText { current += text }
        case let .end(name):
            switch name {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
    }
}

/// `styles.xml`: which cell styles (`<cellXfs><xf numFmtId=…/>`) show their number as a date — the
/// built-in formats 14–22 and 27–36, 45–47, 50–58 (dates and times, including the Chinese ones) and
/// custom `<numFmt formatCode=…>` codes with a day, month or year outside quotes and brackets.
struct StylesParser: PartReader {
    var dateStyles: [Bool] = []
    private var customDates: Set<Int> = []
    private var inCellStyles = false
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    mutating func take(_ event: XMLScanner.Event) {
        switch event {
        case let .start("numFmt", attributes, _):
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), Self.isDateCode(attributes["formatCode"] ?? "") {
                customDates.insert(id)
            }
        case let .start("cellXfs", _, selfClosing): inCellStyles = !selfClosing
        case .end("cellXfs"): inCellStyles = false
        case let .start("xf", attributes, _) where inCellStyles:
            let format = attributes["numFmtId"].flatMap { Int($0) } ?? 0
            dateStyles.append(Self.builtInDates.contains(format) || customDates.contains(format))
        default: break
        }
    }

    /// Whether a format code shows a date: a `y`, `m`, `d` (or 年/月/日) outside quoted text and `[…]`.
    static func isDateCode(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": if !quoted { bracket = true }
            case "]": if !quoted { bracket = false }
            case "y", "Y", "m", "M", "d", "D", "年", "月", "日": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}

/// A worksheet's `<sheetData>`: rows of `<c r="C14" t="…"><v>…</v></c>` (or `<is><t>…</t></is>`).
struct SheetParser: PartReader {
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    var rows: [(row: Int, cells: [String])] = []
    var problem: String?
    private var row = 0
    private var cells: [String] = []
    private var column = -1
    private var type = "n"
    private var style = 0
    private var text = ""
    private var inValue = false
    private var hasFormula = false
    private var hasValue = false

    init(sharedStrings: [String], dateStyles: [Bool] = [], date1904: Bool = false) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    mutating func take(_ event: XMLScanner.Event) {
        switch event {
        case let .start(name, attributes, selfClosing):
            start(name, attributes)
            if selfClosing { end(name) }
        case let .text(value):
            guard inValue else { return }
            text += value
            hasValue = true  // an empty `<v/>` (a formula never computed) holds no value
        case let .end(name):
            end(name)
        }
    }

    private mutating func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            // Row numbers only grow: a damaged `r` cannot send a row back over earlier ones.
            row = attributes["r"].flatMap { Int($0) }.map { max($0, row + 1) } ?? row + 1
            cells = []
            column = -1
        case "c":
            column = attributes["r"].flatMap(CellReference.column) ?? column + 1
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            text = ""
            hasFormula = false
            hasValue = false
        case "f": hasFormula = true
        case "v", "t": inValue = true
        default: break
        }
    }

    private mutating func end(_ name: String) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            if hasFormula && !hasValue {
                // Written by a program that does not compute formulas: there is no value to read.
                problem = problem ?? "a formula in cell \(CellReference.name(row: row, column: column)) without its computed value "
                    + "(open the workbook in Excel or WPS and save it, so that the value is stored)"
            }
            store(cellText())
        case "row": rows.append((row, cells))
        default: break
        }
    }

    /// The cell's value as text.
    private mutating func cellText() -> String {
        switch type {
        case "s":
            guard let index = Int(text), sharedStrings.indices.contains(index) else {
                problem = problem ?? "a cell \(CellReference.name(row: row, column: max(column, 0))) naming shared string \(text), which does not exist"
                return ""
            }
            return sharedStrings[index]
        case "b": return text == "1" ? "true" : (text == "0" ? "false" : text)
        case "n":
            guard let number = Double(text) else { return text }
            if dateStyles.indices.contains(style), dateStyles[style], let date = ExcelDate.iso(serial: number, date1904: date1904) {
                return date
            }
            return Format.plain(number)
        default: return text  // inlineStr, str (a formula's text), e (an error such as #N/A)
        }
    }

    private mutating func store(_ value: String) {
        guard column >= 0, column < CellReference.maximumColumns else { return }
        if cells.count <= column { cells += Array(repeating: "", count: column + 1 - cells.count) }
        cells[column] = value
    }
}

/// Excel's A1 cell names: columns A…Z, AA…, rows from 1.
public enum CellReference {
    /// Excel's last column is XFD (16,384 columns).
    public static let maximumColumns = 16_384

    /// The 0-based column of a cell name such as `C14` (nil when it has no letters).
    static func column(_ name: String) -> Int? {
        var value = 0
        var letters = 0
        for byte in name.utf8 {
            guard byte >= 65 && byte <= 90 else { break }
            value = value * 26 + Int(byte - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }

    /// The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func letters(_ column: Int) -> String {
        var n = column + 1
        var result: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            result.insert(Character(Unicode.Scalar(UInt8(65 + digit))), at: 0)
            n = (n - 1) / 26
        }
        return String(result)
    }

    /// The name of a cell from its 1-based row and 0-based column: `C14`.
    public static func name(row: Int, column: Int) -> String { letters(column) + String(row) }
}

/// Excel's serial day numbers as the ISO dates they show.
enum ExcelDate {
    /// `2024-09-01` for serial 45536 (1900 system), with the time of day as ` 12:30` when there is one;
    /// nil outside years 1900…9999. The 1900 system counts Excel's phantom 29 February 1900 (serial
    /// 60), so serials from 61 on are one day ahead of a plain count from 31 December 1899.
    static func iso(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let day = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(day)) * 1440).rounded())
        // Days since 1970-01-01.
        let unixDay = date1904 ? day - 24_107 : (day >= 61 ? day - 25_569 : day - 25_568)
        let (year, month, dayOfMonth) = civil(fromDays: unixDay)
        var text = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        if minutes % 1440 != 0 { text += String(format: " %02d:%02d", (minutes / 60) % 24, minutes % 60) }
        return text
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
