@testable import EduplanIO
import EduplanScenario
import Foundation
import Testing

/// Scenario tables as sheets of an Excel workbook: read like CSV, problems named by cell, and
/// `convert` between the two forms without changing a value.
@Suite struct WorkbookTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/examples")

    func fingerprint(_ folder: URL) throws -> String {
        ScenarioFingerprint(try ScenarioLoader.load(from: folder).scenario).inputs
    }

    /// A workbook written by openpyxl (shared strings, floats such as 200.0, boolean cells, an empty
    /// cell, a trailing blank row, a notes sheet first, Chinese sheet names) holds example 01 exactly.
    @Test func aWorkbookFromAnotherProgramReadsAsItsCSV() throws {
        let workbook = fixtures.appendingPathComponent("workbook")
        #expect(try fingerprint(workbook) == fingerprint(Self.examples.appendingPathComponent("01_priority_weights")))
    }

    /// A workbook LibreOffice saved (make_libreoffice_workbook.py: a title merged across each
    /// sheet's columns above the header, shared strings, a formula with its cached value, an empty
    /// cell, boolean cells) holds example 01 exactly; a date typed where a count belongs is refused as
    /// the date a person sees, by cell, not read as Excel's serial day 45536.
    @Test func aWorkbookLibreOfficeSavedReadsAsItsCSV() throws {
        let folder = try TemporaryFolder(copying: fixtures.appendingPathComponent("workbook"))
        let settings = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", settings.replacingOccurrences(of: "表格.xlsx", with: "办公.xlsx"))
        #expect(try fingerprint(folder.url) == fingerprint(Self.examples.appendingPathComponent("01_priority_weights")))

        try folder.write("scenario.yaml", settings.replacingOccurrences(of: "表格.xlsx#学校", with: "办公.xlsx#日期"))
        let errors = try #require(throws: ScenarioErrors.self) { try ScenarioLoader.load(from: folder.url) }
        #expect(errors.problems.map(\.description).contains { $0.hasPrefix("办公.xlsx#日期!H5 (poor): expected") && $0.hasSuffix("found \"2024-09-01\"") },
                "\(errors.description)")
    }

    /// Excel's serial days as the dates they show: the 1900 system with its phantom 29 February
    /// (serial 60), the 1904 system, a time of day; date formats told from others by their codes.
    @Test func serialDaysAreTheDatesExcelShows() {
        #expect(ExcelDate.iso(serial: 1, date1904: false) == "1900-01-01")
        #expect(ExcelDate.iso(serial: 59, date1904: false) == "1900-02-28")
        #expect(ExcelDate.iso(serial: 61, date1904: false) == "1900-03-01")
        #expect(ExcelDate.iso(serial: 45536, date1904: false) == "2024-09-01")
        #expect(ExcelDate.iso(serial: 45536.5, date1904: false) == "2024-09-01 12:00")
        #expect(ExcelDate.iso(serial: 0, date1904: true) == "1904-01-01")
        #expect(ExcelDate.iso(serial: 44074, date1904: true) == "2024-09-01")
        #expect(ExcelDate.iso(serial: -1, date1904: false) == nil)
        #expect(StylesParser.isDateCode("yyyy\\-mm\\-dd") && StylesParser.isDateCode("yyyy\"年\"m\"月\"d\"日\""))
        #expect(!StylesParser.isDateCode("General") && !StylesParser.isDateCode("#,##0.00")
                && !StylesParser.isDateCode("\"TRUE\";\"TRUE\";\"FALSE\"") && !StylesParser.isDateCode("[Red]0.0"))
    }

    /// Every example converts to a workbook and back without changing the scenario (the fingerprint
    /// hashes every value, rule and variant), and the same scenario gives the same bytes twice.
    @Test(arguments: ["01_priority_weights", "04_school_projects", "05_teacher_dispatch", "06_poverty_county_share",
                      "09_budget_variants"])
    func conversionKeepsEveryValue(example: String) throws {
        let original = Self.examples.appendingPathComponent(example)
        let scenario = try ScenarioLoader.load(from: original).scenario
        for form in ScenarioWorkbook.TableForm.allCases {
            let folder = try TemporaryFolder()
            let files = try ScenarioWorkbook.files(for: scenario, form: form)
            for file in files { try file.data.write(to: folder.file(file.name)) }
            #expect(try fingerprint(folder.url) == fingerprint(original), "\(example) as \(form)")
            #expect(try ScenarioWorkbook.files(for: scenario, form: form).map(\.data) == files.map(\.data))
        }
    }

    /// A problem in a sheet is named by its cell, as Excel names it; every problem at once.
    @Test func problemsNameTheCell() throws {
        let scenario = try ScenarioLoader.load(from: Self.examples.appendingPathComponent("01_priority_weights")).scenario
        let folder = try TemporaryFolder()
        for file in try ScenarioWorkbook.files(for: scenario, form: .xlsx) { try file.data.write(to: folder.file(file.name)) }
        let rows: [[String]] = [
            ["id", "name", "region", "level", "rural", "enrollment", "boarding", "poor", "poor_boarding", "disabled",
             "left_behind", "teachers_math", "required_math"],
            ["S1", "A", "r3", "primary", "", "200", "0", "300", "0", "0", "0", "10", "10"],
            ["S2", "B", "r9", "primary", "", "200", "0", "0", "0", "0", "0", "10", "10", "", "stray"],
        ]
        let regions = [["id", "name", "designation", "rural"], ["r3", "City", "", "false"]]
        try WorkbookWriter.data([.init(name: "regions", rows: regions), .init(name: "schools", rows: rows)])
            .write(to: folder.file(ScenarioWorkbook.workbookName))
        let errors = try #require(throws: ScenarioErrors.self) { try ScenarioLoader.load(from: folder.url) }
        let text = errors.problems.map(\.description)
        #expect(text.contains { $0.hasPrefix("scenario.xlsx#schools!H2 (poor): expected") })
        #expect(text.contains { $0.hasPrefix("scenario.xlsx#schools!C3 (region)") })
        #expect(text.contains { $0.hasPrefix("scenario.xlsx#schools!O3: expected an empty cell right of the header's last column") })
    }

    /// A missing sheet lists the sheets there are; a file that is not a workbook says so; a formula
    /// stored without its value is refused, not read as empty.
    @Test func unreadableWorkbooksSayWhy() throws {
        let scenario = try ScenarioLoader.load(from: Self.examples.appendingPathComponent("01_priority_weights")).scenario
        let folder = try TemporaryFolder()
        for file in try ScenarioWorkbook.files(for: scenario, form: .xlsx) { try file.data.write(to: folder.file(file.name)) }
        let yaml = try folder.read("scenario.yaml")
        try folder.write("scenario.yaml", yaml.replacingOccurrences(of: "scenario.xlsx#schools", with: "scenario.xlsx#学校"))
        var errors = try #require(throws: ScenarioErrors.self) { try ScenarioLoader.load(from: folder.url) }
        #expect(errors.description.contains("no sheet `学校` (the workbook has `regions`, `schools`)"))

        try folder.write("scenario.yaml", yaml)
        try folder.write(ScenarioWorkbook.workbookName, "id,name\n")
        errors = try #require(throws: ScenarioErrors.self) { try ScenarioLoader.load(from: folder.url) }
        #expect(errors.description.contains("not a ZIP archive"))

        let formula = try TemporaryFolder(copying: fixtures.appendingPathComponent("workbook"))
        let settings = try formula.read("scenario.yaml")
        try formula.write("scenario.yaml", settings.replacingOccurrences(of: "表格.xlsx#学校", with: "公式.xlsx#学校"))
        errors = try #require(throws: ScenarioErrors.self) { try ScenarioLoader.load(from: formula.url) }
        #expect(errors.description.contains("公式.xlsx#学校: expected an Excel workbook (.xlsx) with the sheet named after `#`, "
                                            + "found a formula in cell F3 without its computed value"))
    }

    /// Damaged workbooks (bytes flipped, inserted, cut — 600 deterministic mutations of a real one)
    /// are read or refused with a ``Workbook/Failure``; none traps or hangs.
    @Test func damagedWorkbooksAreRefusedNotFatal() throws {
        let original = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("workbook/表格.xlsx")))
        var generator = SplitMix64(seed: 12)
        var refused = 0, read = 0
        for round in 0..<600 {
            var bytes = original
            switch round % 3 {
            case 0:
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                }
            case 1: bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
            default: bytes.insert(contentsOf: [0x3C, 0x21, 0x2D, 0x2D], at: Int(generator.next() % UInt64(bytes.count)))
            }
            do {
                let book = try Workbook(data: Data(bytes))
                for sheet in book.sheetNames { _ = try book.rows(ofSheet: sheet) }
                read += 1
            } catch {
                refused += 1
            }
        }
        #expect(refused > 0 && read + refused == 600)
    }

    /// Damaged XML inside a sound archive (600 deterministic mutations of a real sheet: bytes flipped,
    /// markup inserted, cut short, bytes that are not UTF-8) is read or refused; Foundation's XML
    /// parser is never handed a part it would trap on.
    @Test func damagedSheetXMLIsRefusedNotFatal() throws {
        let sheets: [WorkbookWriter.Sheet] = [.init(name: "学校", rows: [["id", "name", "enrollment"], ["S1", "城关小学", "200"]])]
        let book = try Workbook(data: try WorkbookWriter.data(sheets))
        #expect(try book.rows(ofSheet: "学校").map(\.cells) == [["id", "name", "enrollment"], ["S1", "城关小学", "200"]])
        let original = [UInt8](try WorkbookWriterProbe.sheetXML(sheets))
        var generator = SplitMix64(seed: 7)
        let inserts: [[UInt8]] = [Array("<".utf8), Array("&".utf8), Array("<c r=\"ZZZZ9\"".utf8), [0xE7], [0xFF, 0xFE], Array("]]>".utf8)]
        var outcomes = [0, 0]
        for round in 0..<600 {
            var bytes = original
            let at = Int(generator.next() % UInt64(bytes.count))
            switch round % 3 {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            case 1: bytes.removeLast(bytes.count - at)
            default: bytes.insert(contentsOf: inserts[Int(generator.next() % UInt64(inserts.count))], at: at)
            }
            let parts = try WorkbookWriterProbe.parts(sheets).map { $0.path.hasSuffix("sheet1.xml") ? ($0.path, Data(bytes)) : $0 }
            do {
                _ = try Workbook(data: try WorkbookWriter.zip(parts)).rows(ofSheet: "学校")
                outcomes[0] += 1
            } catch {
                outcomes[1] += 1
            }
        }
        #expect(outcomes[1] > 100 && outcomes[0] + outcomes[1] == 600)
    }

    @Test func cellNames() {
        #expect(CellReference.letters(0) == "A" && CellReference.letters(25) == "Z" && CellReference.letters(26) == "AA")
        #expect(CellReference.letters(701) == "ZZ" && CellReference.letters(702) == "AAA" && CellReference.letters(16_383) == "XFD")
        #expect(CellReference.name(row: 14, column: 2) == "C14")
    }
}


/// The parts of a workbook as ``WorkbookWriter`` writes them, read back from its archive.
enum WorkbookWriterProbe {
    static func parts(_ sheets: [WorkbookWriter.Sheet]) throws -> [(path: String, data: Data)] {
        let names = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
            + sheets.indices.map { "xl/worksheets/sheet\($0 + 1).xml" }
        let book = try WorkbookWriter.data(sheets)
        return try names.map { ($0, try Workbook.part(named: $0, in: book)) }
    }

    static func sheetXML(_ sheets: [WorkbookWriter.Sheet]) throws -> Data {
        try parts(sheets).first { $0.path == "xl/worksheets/sheet1.xml" }!.data
    }
}
