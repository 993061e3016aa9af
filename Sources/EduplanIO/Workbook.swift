import Foundation

/// An Excel workbook (`.xlsx`, Office Open XML) read as sheets of text cells, so that a planner's
/// spreadsheet is a scenario table like a CSV file.
///
/// What a cell becomes: shared and inline strings as written; numbers in their shortest exact form
/// (`500000000`, `0.25`); booleans `true`/`false`; a formula's cached result; an error value as
/// written (`#N/A`), which the table's reader then refuses where it expects a value. Dates are
/// numbers (Excel's serial day count): scenario tables hold none.
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
        let sheets = try Self.sheetList(in: archive)
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
        let parsed = try Self.parse(data, SheetParser(sharedStrings: sharedStrings))
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

    /// The sheets listed by the workbook, in order.
    static func sheetList(in archive: ZipReader) throws(Failure) -> [(name: String, relation: String)] {
        guard let data = try part("xl/workbook.xml", of: archive) else {
            throw Failure(description: "a ZIP archive that is not an .xlsx workbook (no xl/workbook.xml)")
        }
        return try parse(data, SheetListParser()).sheets
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

/// `<sheet name="学校" sheetId="1" r:id="rId1"/>` in order.
struct SheetListParser: PartReader {
    var sheets: [(name: String, relation: String)] = []
    mutating func take(_ event: XMLScanner.Event) {
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

/// A worksheet's `<sheetData>`: rows of `<c r="C14" t="…"><v>…</v></c>` (or `<is><t>…</t></is>`).
struct SheetParser: PartReader {
    let sharedStrings: [String]
    var rows: [(row: Int, cells: [String])] = []
    var problem: String?
    private var row = 0
    private var cells: [String] = []
    private var column = -1
    private var type = "n"
    private var text = ""
    private var inValue = false
    private var hasFormula = false
    private var hasValue = false

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

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
        case "n": return Double(text).map(Format.plain) ?? text
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
