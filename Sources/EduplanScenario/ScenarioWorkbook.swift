import EduplanIO
import Foundation

/// A scenario folder in either of its two forms: CSV tables, or one Excel workbook with a sheet per
/// table (`eduplan convert`). Both forms hold the same scenario, value for value: solving either
/// gives the same plan and the same scenario fingerprint.
public enum ScenarioWorkbook {
    /// The two forms of a scenario's tables.
    public enum TableForm: String, Sendable, CaseIterable {
        case csv
        case xlsx
    }

    /// The workbook's file name in a converted folder.
    public static let workbookName = "scenario.xlsx"

    /// The files of `scenario` in `form`: scenario.yaml and the CSV tables, or scenario.yaml naming
    /// the sheets of one workbook (`scenario.xlsx#schools`, …), with numbers stored as numbers.
    /// - Complexity: O(size of the scenario).
    public static func files(for scenario: Scenario, form: TableForm) throws -> [(name: String, data: Data)] {
        switch form {
        case .csv:
            return ScenarioWriter.files(for: scenario).map { ($0.name, Data($0.contents.utf8)) }
        case .xlsx:
            let files = ScenarioWriter.files(for: scenario) { workbookName + "#" + sheetName($0) }
            var sheets: [WorkbookWriter.Sheet] = []
            // A file that is not a table (F8's reference plan.json) stays a file beside the workbook.
            let others = files.filter { $0.name != ScenarioLoader.settingsFile && !$0.name.hasSuffix(".csv") }
            for file in files where file.name != ScenarioLoader.settingsFile && file.name.hasSuffix(".csv") {
                sheets.append(WorkbookWriter.Sheet(name: sheetName(file.name), rows: try rows(of: file.contents)))
            }
            let settings = files.first { $0.name == ScenarioLoader.settingsFile }!
            return [(settings.name, Data(settings.contents.utf8)), (workbookName, try WorkbookWriter.data(sheets))]
                + others.map { ($0.name, Data($0.contents.utf8)) }
        }
    }

    /// A table file's sheet: its name without `.csv` (`schools.csv` → `schools`).
    static func sheetName(_ file: String) -> String {
        file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
    }

    /// The records of CSV text written by ``ScenarioWriter``.
    static func rows(of text: String) throws -> [[String]] {
        let reader = CSVRecordReader(bytes: Array(text.utf8))
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings) }
        return rows
    }
}
