import Foundation
import Testing

/// The page of a multi-year plan in headless Chromium (docs/report.md, "A multi-year plan"): the year
/// selector shows one year at a time and switches on a click, a link into another year shows that
/// year, the print style sheet shows every year, and the page logs nothing to the console.
@Suite(.serialized) struct HorizonReportBrowserTests {
    static let fixture = "Tests/Fixtures/multiyear/core_carry_contract"

    /// Added to a copy of the page: which year panels show (computed `display`) at load, after a click
    /// on 2025's label and after following a link into 2024's map, and whether the year labels show.
    static let probeScript = """
    <script>
    window.addEventListener("load", function () {
      function shown() {
        return Array.prototype.map.call(document.querySelectorAll(".year-panel"), function (p) {
          return p.getAttribute("data-year") + ":" + getComputedStyle(p).display;
        }).join(" ");
      }
      var r = {atLoad: shown(), tabs: getComputedStyle(document.querySelector(".year-tabs")).display};
      document.querySelector("label[for=pick-2025]").click();
      r.afterClick = shown();
      location.hash = "#dispatch-2024";
      setTimeout(function () {
        r.afterLink = shown();
        var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(r); document.body.appendChild(pre);
      }, 200);
    });
    </script>
    """

    /// The probe's findings on `page` (with the print style sheet applied on screen when `print`).
    static func probe(_ page: URL, print: Bool, folder: URL) throws -> [String: String] {
        var html = try String(contentsOf: page, encoding: .utf8)
        if print { html = html.replacingOccurrences(of: "@media print{", with: "@media all{") }
        html = html.replacingOccurrences(of: "</body>", with: probeScript + "</body>")
        let copy = folder.appendingPathComponent("probe\(print ? "-print" : "").html")
        try html.write(to: copy, atomically: true, encoding: .utf8)
        let run = try ReportBrowserTests.browser(["--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom", copy.absoluteString])
        #expect(ReportBrowserTests.consoleMessages(run.stderr).isEmpty, "console: \(ReportBrowserTests.consoleMessages(run.stderr))")
        let json = try #require(ReportBrowserTests.matches(in: run.stdout, prefix: "<pre id=\"probe\">", suffix: "</pre>").first, "the probe did not run")
        let text = json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
    }

    @Test func yearSelectorSwitchesYearsAndPrintShowsEvery() throws {
        let folder = try ReportBrowserTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("years.html")
        let run = try eduplan(["report", Self.fixture, "--out", page.path, "--lang", "en", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let (dom, console) = try ReportBrowserTests.dumpDOM(page)
        #expect(console.isEmpty, "console messages: \(console)")
        for expected in ["id=\"trend-money-0\"", "id=\"trend-teachers\"", "id=\"trend-equity\"", "id=\"lorenz-0-2025\"", "id=\"summary-2025\""] {
            #expect(dom.contains(expected), "the page lacks \(expected)")
        }
        let screen = try Self.probe(page, print: false, folder: folder)
        #expect(screen["atLoad"] == "2024:block 2025:none", "\(screen)")
        #expect(screen["afterClick"] == "2024:none 2025:block", "\(screen)")
        #expect(screen["afterLink"] == "2024:block 2025:none", "a link into 2024 shows 2024: \(screen)")
        #expect(screen["tabs"] == "flex")
        let printed = try Self.probe(page, print: true, folder: folder)
        #expect(printed["atLoad"] == "2024:block 2025:block" && printed["afterClick"] == "2024:block 2025:block", "\(printed)")
        #expect(printed["tabs"] == "none", "printed, the selector is hidden")
    }

    /// The Chinese page in 万元 with its PDF: at 1280 px and at the A4 text width (print style sheet,
    /// every year shown) nothing is wider than its box; no Latin word outside the report's allow-list
    /// and the scenario's own data; the PDF has every year's summary.
    @Test func chinesePageFitsAndPrintsEveryYear() throws {
        let folder = try ReportBrowserTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("years.html"), pdf = folder.appendingPathComponent("years.pdf")
        let run = try eduplan(["report", Self.fixture, "--out", page.path, "--lang", "zh-CN", "--money", "wan", "--pdf", pdf.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        var data = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.fixture) {
            let text = try String(contentsOfFile: Self.fixture + "/" + file, encoding: .utf8)
            for word in text.split(whereSeparator: { !$0.isLetter || !$0.isASCII }) where word.count > 1 { data.insert(String(word)) }
        }
        let (screen, _) = try ReportBrowserTests.probe(page, width: 1280, print: false, folder: folder)
        #expect(screen.overflow.isEmpty, "wider than its box at 1280 px: \(screen.overflow)")
        let english = screen.english.subtracting(ReportBrowserTests.allowedLatin).subtracting(data)
        #expect(english.isEmpty, "English outside the allow-list: \(english.sorted())")
        let (a4, _) = try ReportBrowserTests.probe(page, width: 703, print: true, folder: folder)
        #expect(a4.overflow.isEmpty, "wider than its box at the A4 text width: \(a4.overflow)")
        let text = try ReportBrowserTests.poppler("pdftotext", [pdf.path, "-"])
        for expected in ["规划期总览", "逐年变化", "摘要（2024 年）", "摘要（2025 年）", "信息公开（2025 年）", "资金结转"] {
            #expect(text.contains(expected), "the PDF's text lacks \(expected)")
        }
    }
}
