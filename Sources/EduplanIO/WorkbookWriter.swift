import Foundation
import ZIPFoundation

/// Writes sheets of text cells as an Excel workbook (`.xlsx`) that Excel, WPS and LibreOffice open:
/// the smallest set of parts the format requires, cells that read as numbers stored as numbers (so a
/// planner can sum them), every other cell as an inline string, the first row frozen and bold-free.
///
/// The output is deterministic: the same sheets give the same bytes (fixed part order, fixed
/// timestamps in the archive).
public enum WorkbookWriter {
    /// One sheet: its name (at most 31 characters, none of `\ / ? * [ ] :`) and its rows.
    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[String]]
        public init(name: String, rows: [[String]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// The workbook's bytes.
    /// - Precondition: sheet names are valid and distinct (see ``Sheet``).
    /// - Complexity: O(cells).
    public static func data(_ sheets: [Sheet]) throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(count: sheets.count)),
            ("_rels/.rels", rootRelations),
            ("xl/workbook.xml", workbook(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelations(count: sheets.count)),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet))) }
        return try zip(parts.map { ($0.0, Data($0.1.utf8)) })
    }

    /// A ZIP archive (deflated) of `parts` in their order, with fixed timestamps: the same parts give
    /// the same bytes.
    public static func zip(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        // 1980-01-01, the first date a ZIP header can hold: the same bytes on every run.
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static func contentTypes(count: Int) -> String {
        var text = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        text += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        text += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        text += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 0..<count {
            text += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    private static let rootRelations = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    private static func workbook(_ sheets: [Sheet]) -> String {
        var text = header + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        for (i, sheet) in sheets.enumerated() {
            text += "<sheet name=\"\(escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    private static func workbookRelations(count: Int) -> String {
        var text = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 0..<count {
            text += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        return text + "</Relationships>"
    }

    private static func worksheet(_ sheet: Sheet) -> String {
        var text = header + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        // The header row stays in view while scrolling.
        text += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        text += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            text += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                let name = CellReference.name(row: r + 1, column: c)
                if r > 0, let number = numeric(value) {
                    text += "<c r=\"\(name)\"><v>\(number)</v></c>"
                } else {
                    text += "<c r=\"\(name)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(value))</t></is></c>"
                }
            }
            text += "</row>"
        }
        return text + "</sheetData></worksheet>"
    }

    /// The cell as an Excel number when it reads back as exactly the same text (`12`, `0.25`,
    /// `463000000`); anything else stays text, so an id such as `007` or `1.50` is never changed.
    static func numeric(_ value: String) -> String? {
        guard let number = DecimalNumber.parse(value), number.isFinite, Format.plain(number) == value else { return nil }
        return value
    }

    /// Text escaped for XML, control characters other than tab and line breaks dropped (XML 1.0 cannot hold them).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if scalar.value < 32 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
