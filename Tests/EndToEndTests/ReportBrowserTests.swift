@testable import EduplanIO
import Foundation
import Testing

/// `eduplan report` opened in a real browser: headless Chromium (Debian's `chromium`, installed by
/// scripts/setup) loads the page from disk, must log nothing to its console, must build the DOM we
/// expect, and must paint a screenshot that is far from blank.
///
/// Console errors are read from Chromium's own log: with `--enable-logging=stderr --v=0` every
/// console message of the page (console.log/warn/error, uncaught exceptions, failed resource loads)
/// is written to stderr as a line `[…:INFO:CONSOLE:…] "message", source: file:///… (line)`.
/// The first test proves this on a page with a deliberate error, so a silent detector cannot pass.
@Suite(.serialized) struct ReportBrowserTests {
    // MARK: - The built binary

    static func eduplanBuilt(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try eduplan(arguments)
    }

    // MARK: - The browser

    /// The Chromium binary: $EDUPLAN_CHROMIUM, else the first of the usual names on PATH.
    static func chromium() throws -> String {
        if let path = ProcessInfo.processInfo.environment["EDUPLAN_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw BrowserMissing() }
            return path
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/snap/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in directories {
                let path = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        throw BrowserMissing()
    }

    /// The browser test cannot run without a browser: that is a failure, not a skip.
    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String { "headless Chromium not found: run scripts/setup (it installs Debian's chromium), or set EDUPLAN_CHROMIUM" }
    }

    /// Runs headless Chromium with `arguments` after the common flags; stdout and stderr go to files
    /// (a DOM dump can be larger than a pipe's buffer). Killed after `timeout` seconds.
    static func browser(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-browser-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try chromium())
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--disable-extensions", "--hide-scrollbars", "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--enable-logging=stderr", "--v=0"] + arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium did not finish within \(Int(timeout)) s: \(arguments)")
        }
        try out.close()
        try err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    /// The page's console messages in Chromium's log (everything else there is browser noise: D-Bus,
    /// GPU, sandbox warnings).
    static func consoleMessages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("CONSOLE(") || $0.contains("Uncaught") }
    }

    /// Loads `url` and returns the DOM after scripts ran, with the page's console messages.
    static func dumpDOM(_ url: URL, fragment: String? = nil) throws -> (dom: String, console: [String]) {
        let target = url.absoluteString + (fragment.map { "#" + $0 } ?? "")
        let run = try browser(["--dump-dom", target])
        #expect(run.status == 0, "chromium --dump-dom exited \(run.status): \(run.stderr.suffix(2000))")
        return (run.stdout, consoleMessages(run.stderr))
    }

    /// Screenshots `url` at 1280×2000 and returns the PNG's bytes.
    static func screenshot(_ url: URL, to png: URL) throws -> Data {
        let run = try browser(["--screenshot=\(png.path)", "--window-size=1280,2000", url.absoluteString])
        #expect(run.status == 0, "chromium --screenshot exited \(run.status)")
        #expect(consoleMessages(run.stderr).isEmpty, "console messages while taking the screenshot: \(consoleMessages(run.stderr))")
        return try Data(contentsOf: png)
    }

    /// Width and height from a PNG's IHDR chunk (nil when the bytes are not a PNG).
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eduplan-report-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: - A small province with Chinese names, coordinates, money, teachers and variants

    static func writeProvince(to folder: URL) throws {
        let files: [String: String] = [
            "scenario.yaml": """
            format: 1
            name: "赣南示范区 Gannan demo"
            year: 2024
            currency: CNY
            subjects: {chinese: 0.5, math: 0.5}
            student_teacher_ratio: {preschool: 15, primary: 19, junior: 13.5, senior: 12.5, vocational: 20, special: 3}
            categories:
              - {id: living_allowance, weight: 3, mandatory: true, per_student: {count: poor_boarding, rates: {primary: 1000, junior: 1250}}}
              - {id: infrastructure, weight: 1.5, projects: projects.csv}
              - {id: dispatch, weight: 2}
            funds:
              - {id: central_special, amount: 360000, categories: [living_allowance], regions: all}
              - {id: provincial_special, amount: 300000, categories: [infrastructure, dispatch], regions: all}
            priority: {base: 1, poor_share: 2, rural: 0.25, poverty_county: 0.5}
            dispatch: {value_per_teacher: 60000, integer: true}
            fairness:
              coverage_floor: {mode: hard, alpha: {infrastructure: 0.2}}
              rural_parity: {mode: hard, gamma: 1.0}
            tables: {regions: regions.csv, schools: schools.csv, teachers: teachers.csv}
            variants:
              - {name: "budget -20%", funds_scale: 0.8}
              - {name: "no fairness", fairness: {}}
            """,
            "regions.csv": """
            id,name,designation,rural,income_per_capita
            r1,瑞金市,national,true,15000
            r2,于都县,national,true,14000
            r3,章贡区,none,false,40000
            """,
            "schools.csv": """
            id,name,region,level,rural,lat,lon,enrollment,boarding,poor,poor_boarding,disabled,left_behind,teachers_chinese,teachers_math
            s1,瑞金市第一小学,r1,primary,true,25.88,116.03,400,100,80,40,2,30,10,9
            s2,瑞金市第二中学,r1,junior,true,25.90,116.05,600,300,90,60,3,40,20,18
            s3,于都县第一小学,r2,primary,true,25.95,115.41,500,120,100,50,1,60,11,10
            s4,于都县实验中学,r2,junior,true,25.96,115.42,700,350,120,80,2,50,22,20
            s5,章贡区第一小学,r3,primary,false,25.83,114.93,900,0,30,0,4,10,25,22
            s6,章贡区第三中学,r3,junior,false,25.85,114.95,800,200,40,15,2,10,28,27
            """,
            "projects.csv": """
            id,school,category,cost
            p1,s1,infrastructure,120000
            p2,s2,infrastructure,200000
            p3,s3,infrastructure,150000
            p4,s4,infrastructure,180000
            p5,s5,infrastructure,90000
            """,
            "teachers.csv": """
            id,subject,count,region,lat,lon,annual_cost,max_distance_km,levels
            g1,chinese,4,r3,25.85,114.93,20000,200,
            g2,math,3,r3,25.85,114.93,20000,200,
            """,
        ]
        for (name, text) in files {
            try (text + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    /// The small province in `folder/province` and the sweep file in `folder/sweep.csv`.
    static func provinceAndSweep(in folder: URL) throws -> (scenario: URL, sweep: URL) {
        let scenario = folder.appendingPathComponent("province")
        try FileManager.default.createDirectory(at: scenario, withIntermediateDirectories: true)
        try writeProvince(to: scenario)
        let sweep = folder.appendingPathComponent("sweep.csv")
        try sweepCSV.write(to: sweep, atomically: true, encoding: .utf8)
        return (scenario, sweep)
    }

    /// A sweep file in the shape `eduplan sweep` writes, with a comment line and an infeasible step.
    static let sweepCSV = """
    # eduplan sweep: fund all × 0.25 … 1.25
    step,multiplier,amount_central_special,total_money,status,benefit,gini
    0,0.25,75000,150000,infeasible,,
    1,0.5,150000,300000,optimal,1000000,0.40
    2,0.75,225000,450000,optimal,1500000,0.35
    3,1,300000,600000,optimal,1800000,0.30
    4,1.25,375000,750000,optimal,1900000,0.31

    """

    // MARK: - Tests

    @Test func theConsoleCheckCatchesErrors() throws {
        // A page that logs an error and throws: if the detector missed these, the other tests'
        // "no console messages" would prove nothing.
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("probe.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>probe</title></head><body><p>probe</p><script>console.error(\"probe-error\"); missingFunction();</script></body></html>"
            .write(to: page, atomically: true, encoding: .utf8)
        let (dom, console) = try Self.dumpDOM(page)
        #expect(dom.contains("<p>probe</p>"))
        #expect(console.contains { $0.contains("probe-error") }, "console.error not detected in: \(console)")
        #expect(console.contains { $0.contains("Uncaught") && $0.contains("missingFunction") }, "uncaught exception not detected in: \(console)")
    }

    @Test func reportOpensInChromiumWithContentAndNoConsoleErrors() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (scenario, sweep) = try Self.provinceAndSweep(in: folder)
        let page = folder.appendingPathComponent("report.html")
        let run = try Self.eduplanBuilt(["report", scenario.path, "--out", page.path, "--sweep", sweep.path, "--lang", "en", "--quiet"])
        #expect(run.status == 0, "report failed: \(run.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)

        // Self-contained: nothing fetched from anywhere (the SVG namespace is a name, not a fetch).
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for forbidden in ["http://", "https://", "src=", "@import", "url(", "rel=\"stylesheet\""] {
            #expect(!withoutNamespace.contains(forbidden), "the page refers to an outside resource (\(forbidden))")
        }
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<span lang=\"zh\">瑞金市</span>"), "Chinese names are tagged lang=zh")
        // Every in-page link lands somewhere: each href="#x" has an id="x".
        let targets = Self.matches(in: html, prefix: "href=\"#", suffix: "\"")
        let ids = Set(Self.matches(in: html, prefix: " id=\"", suffix: "\""))
        #expect(!targets.isEmpty)
        for target in Set(targets) { #expect(ids.contains(target), "link to #\(target) has no target") }

        let (dom, console) = try Self.dumpDOM(page)
        #expect(console.isEmpty, "console messages: \(console)")
        for expected in ["赣南示范区 Gannan demo", "瑞金市", "于都县", "章贡区", "id=\"lorenz-0\"", "id=\"lorenz-2\"", "id=\"dispatch-map\"",
                         "id=\"ratio-chart\"", "id=\"frontier-benefit\"", "id=\"frontier-gini\"", "Price of fairness",
                         "variant “budget -20%”", "variant “no fairness”", "id=\"g-gini\""] {
            #expect(dom.contains(expected), "the page lacks \(expected)")
        }
        #expect(dom.components(separatedBy: "<svg").count > 5, "expected the charts as inline SVG")
        // A definition one click away: following a link to it opens it (the page's script, run by the browser).
        let (opened, console2) = try Self.dumpDOM(page, fragment: "g-gini")
        #expect(console2.isEmpty, "console messages: \(console2)")
        #expect(opened.contains("id=\"g-gini\" open=\"\""), "the Gini definition did not open on #g-gini")

        // Painted, not blank: the same browser's screenshot of an empty page is the baseline.
        let blank = folder.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>blank</title></head><body></body></html>"
            .write(to: blank, atomically: true, encoding: .utf8)
        let blankPNG = try Self.screenshot(blank, to: folder.appendingPathComponent("blank.png"))
        let reportPNG = try Self.screenshot(page, to: folder.appendingPathComponent("report.png"))
        let size = try #require(Self.pngSize(reportPNG), "the screenshot is not a PNG")
        #expect(size.width == 1280 && size.height == 2000)
        #expect(reportPNG.count > 40_000 && reportPNG.count > 5 * blankPNG.count,
                "screenshot looks blank: \(reportPNG.count) bytes against \(blankPNG.count) for an empty page")
        if let keep = ProcessInfo.processInfo.environment["EDUPLAN_KEEP_SCREENSHOT"], !keep.isEmpty {
            // For looking at the result by eye: the screenshot and the page beside it.
            try? reportPNG.write(to: URL(fileURLWithPath: keep))
            try? html.write(to: URL(fileURLWithPath: keep).deletingPathExtension().appendingPathExtension("html"), atomically: true, encoding: .utf8)
        }
    }

    @Test func dispatchExampleRendersInChromium() throws {
        // Example 5 has teachers and coordinates but no money outside dispatch: no Lorenz curve,
        // a map coloured by shortage filled, and still no console errors.
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("example5.html")
        let run = try Self.eduplanBuilt(["report", "scenarios/examples/05_teacher_dispatch", "--out", page.path, "--lang", "en", "--quiet"])
        #expect(run.status == 0, "report failed: \(run.stderr)")
        let (dom, console) = try Self.dumpDOM(page)
        #expect(console.isEmpty, "console messages: \(console)")
        #expect(dom.contains("Example 5 - teacher dispatch"))
        #expect(dom.contains("id=\"dispatch-map\""))
        #expect(dom.contains("North Far Primary"))
        #expect(dom.contains("no money allocated outside dispatch"))
        let png = try Self.screenshot(page, to: folder.appendingPathComponent("example5.png"))
        #expect(png.count > 40_000, "screenshot looks blank (\(png.count) bytes)")
    }

    @Test func infeasibleScenarioPageSaysWhatMustGive() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("infeasible.html")
        let run = try Self.eduplanBuilt(["report", "scenarios/examples/08_infeasible_diagnosis", "--out", page.path, "--lang", "en", "--quiet"])
        #expect(run.status == 2, "an infeasible base exits 2 (the page is still written)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("What must give"))
        #expect(html.contains("class=\"status infeasible\""))
        let (_, console) = try Self.dumpDOM(page)
        #expect(console.isEmpty, "console messages: \(console)")
    }

    @Test func sameInputSamePage() throws {
        // Two folders, one page name: the page links its annex by name, so the bytes are compared for the same name.
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a/r.html"), b = folder.appendingPathComponent("b/r.html")
        for page in [a, b] {
            #expect(try Self.eduplanBuilt(["report", "scenarios/examples/09_budget_variants", "--out", page.path, "--lang", "zh-CN", "--quiet"]).status == 0)
        }
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: folder.appendingPathComponent("a/r-schools.csv")) == Data(contentsOf: folder.appendingPathComponent("b/r-schools.csv")))
    }

    /// `--previous plan.json`: the plan `solve --out` wrote, compared with the same scenario's base
    /// plan, changes nothing; a file that is not a plan is bad input and nothing is written.
    @Test func previousPlanInWhoGainsWhoLoses() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = "Tests/Fixtures/compare/fund_in_two_regions"
        #expect(try Self.eduplanBuilt(["solve", fixture, "--out", folder.appendingPathComponent("last").path, "--quiet"]).status == 0)
        let page = folder.appendingPathComponent("r.html")
        let run = try Self.eduplanBuilt(["report", fixture, "--no-variants", "--previous", folder.appendingPathComponent("last/plan.json").path,
                                         "--out", page.path, "--lang", "en", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("Against the previous plan <code>plan.json</code>, per-pupil money in this plan is higher in 0 of the 3 regions, lower in 0 and unchanged in 3; it rises at 0 of the schools and falls at 0."))
        let notAPlan = folder.appendingPathComponent("not-a-plan.json")
        try "{\"scenario\": \"x\"}".write(to: notAPlan, atomically: true, encoding: .utf8)
        let other = folder.appendingPathComponent("other.html")
        let refused = try Self.eduplanBuilt(["report", fixture, "--previous", notAPlan.path, "--out", other.path, "--quiet"])
        #expect(refused.status == 1 && refused.stderr.contains("not-a-plan.json"))
        #expect(!FileManager.default.fileExists(atPath: other.path))
    }

    /// A file that is not a sweep (no money or benefit column) is bad input: its header line is
    /// named and nothing is written.
    @Test func sweepWithoutTheNeededColumnsIsBadInput() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = folder.appendingPathComponent("odd.csv")
        try "step,fund,unmet\n0,1000,5\n".write(to: sweep, atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("report.html")
        let run = try Self.eduplanBuilt(["report", "scenarios/examples/01_priority_weights", "--out", page.path, "--sweep", sweep.path, "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("odd.csv:1: expected a header as `eduplan sweep` writes it, with the columns money (one of total_money, money, amount, total_amount, budget) and benefit"))
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    @Test func badInputWritesNothing() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let unknown = try Self.eduplanBuilt(["report", "scenarios/examples/09_budget_variants", "--variant", "nope", "--out", page.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nope"))
        let missingSweep = try Self.eduplanBuilt(["report", "scenarios/examples/01_priority_weights", "--sweep", folder.appendingPathComponent("none.csv").path, "--out", page.path])
        #expect(missingSweep.status == 1)
        #expect(!FileManager.default.fileExists(atPath: page.path))
        for (option, value) in [("--lang", "fr"), ("--money", "euro")] {
            let refused = try Self.eduplanBuilt(["report", "scenarios/examples/01_priority_weights", option, value, "--out", page.path])
            #expect(refused.status == 1 && refused.stderr.contains(option) && refused.stderr.contains(value), "\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: page.path))
        let help = try Self.eduplanBuilt(["report", "--help"])
        #expect(help.status == 0 && help.stdout.lowercased().contains("example"))
    }

    // MARK: - The Chinese page at 1280 px and on A4

    /// Runs in the page after it loaded and writes what it measured into `<pre id="probe">` as JSON:
    /// elements wider than their box or than the page, Latin words in visible text outside code,
    /// identifiers, formulas and `lang="en"` parts, the boxes of h1/h2 headings, and whether the
    /// page's font draws Chinese glyphs (a canvas drawing of Chinese text differs from the same
    /// number of characters the font cannot draw, private-use code points shown as empty boxes).
    static let probeScript = """
    <script>
    window.addEventListener("load", function () {
      var de = document.documentElement, r = {overflow: [], english: [], headings: [], glyphs: false, width: de.clientWidth};
      if (de.scrollWidth > de.clientWidth) r.overflow.push("page " + de.scrollWidth + " > " + de.clientWidth);
      document.querySelectorAll("table,.scroll,figure,svg,.cards,.panels,.charts,p,ul").forEach(function (e) {
        var b = e.getBoundingClientRect();
        var own = e.tagName.toLowerCase() !== "svg" && e.scrollWidth > e.clientWidth + 1;
        if (own || b.right > de.clientWidth + 1 || b.left < -1) r.overflow.push(e.tagName + (e.id ? "#" + e.id : "") + "." + (e.getAttribute("class") || "") + " " + e.scrollWidth + "/" + e.clientWidth + " right " + Math.round(b.right));
      });
      var words = {}, glossary = {}, walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        var p = walker.currentNode.parentElement;
        if (!p || p.closest("title,desc,script,style,code,[lang=en],.id,#probe") || !p.getClientRects().length) continue;
        var into = p.closest("#glossary") ? glossary : words;
        (walker.currentNode.nodeValue.match(/[A-Za-z][A-Za-z]+/g) || []).forEach(function (w) { into[w] = 1; });
      }
      r.english = Object.keys(words).sort();
      r.glossary = Object.keys(glossary).sort();
      document.querySelectorAll("h1,h2").forEach(function (h) {
        var b = h.getBoundingClientRect(), range = document.createRange();
        range.selectNodeContents(h);
        var t = range.getBoundingClientRect();
        r.headings.push({text: h.textContent, x: t.left, y: t.top + window.scrollY, w: t.width, h: t.height});
      });
      var canvas = document.createElement("canvas"); canvas.width = 240; canvas.height = 40;
      var g = canvas.getContext("2d", {willReadFrequently: true}), font = getComputedStyle(document.querySelector("h2")).fontFamily;
      function draw(text) { g.clearRect(0, 0, 240, 40); g.font = "28px " + font; g.fillText(text, 4, 32); return Array.prototype.join.call(g.getImageData(0, 0, 240, 40).data, ","); }
      var chinese = draw("摘要信息公开"), missing = draw("\\uE000\\uE001\\uE002\\uE003\\uE004\\uE005");
      r.glyphs = chinese !== missing && /[1-9]/.test(chinese);
      var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(r); document.body.appendChild(pre);
    });
    </script>
    """

    /// What the probe measured.
    struct Probe {
        var overflow: [String]
        var english: Set<String>
        /// Latin words in the definitions (original names of measures, solver words, symbols).
        var glossary: Set<String>
        var headings: [(text: String, x: Double, y: Double, w: Double, h: Double)]
        var glyphs: Bool
        var width: Int
    }

    /// Loads a copy of `page` with the probe at `width` px; `print`: with the print style sheet
    /// applied on screen (its `@media print` block made unconditional), at the A4 text width.
    static func probe(_ page: URL, width: Int, print: Bool, folder: URL) throws -> (probe: Probe, copy: URL) {
        var html = try String(contentsOf: page, encoding: .utf8)
        if print { html = html.replacingOccurrences(of: "@media print{", with: "@media all{") }
        html = html.replacingOccurrences(of: "</body>", with: probeScript + "</body>")
        let copy = folder.appendingPathComponent("probe-\(width)\(print ? "-print" : "").html")
        try html.write(to: copy, atomically: true, encoding: .utf8)
        let run = try browser(["--window-size=\(width),2000", "--virtual-time-budget=5000", "--dump-dom", copy.absoluteString])
        #expect(consoleMessages(run.stderr).isEmpty, "console messages: \(consoleMessages(run.stderr))")
        let json = try #require(matches(in: run.stdout, prefix: "<pre id=\"probe\">", suffix: "</pre>").first, "the probe did not run")
        let unescaped = json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(unescaped.utf8)) as? [String: Any])
        let headings = (object["headings"] as? [[String: Any]] ?? []).map {
            (text: $0["text"] as? String ?? "", x: $0["x"] as? Double ?? 0, y: $0["y"] as? Double ?? 0, w: $0["w"] as? Double ?? 0, h: $0["h"] as? Double ?? 0)
        }
        return (Probe(overflow: object["overflow"] as? [String] ?? [], english: Set(object["english"] as? [String] ?? []),
                      glossary: Set(object["glossary"] as? [String] ?? []),
                      headings: headings, glyphs: object["glyphs"] as? Bool ?? false, width: object["width"] as? Int ?? 0), copy)
    }

    /// An 8-bit RGB or RGBA PNG (what Chromium and pdftoppm write) as width, height and RGB rows.
    static func decodePNG(_ data: Data) throws -> (width: Int, height: Int, pixel: (Int, Int) -> (Int, Int, Int)) {
        let bytes = [UInt8](data)
        let size = try #require(pngSize(data))
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let colourType = bytes[25], channels = colourType == 6 ? 4 : 3
        #expect(bytes[24] == 8 && (colourType == 2 || colourType == 6), "unexpected PNG format \(bytes[24])/\(colourType)")
        var idat: [UInt8] = [], at = 8
        while at + 8 <= bytes.count {
            let length = int(at), type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            if type == "IDAT" { idat += bytes[at + 8..<at + 8 + length] }
            at += 12 + length
        }
        let stride = size.width * channels
        let raw = try ZipReader.inflate(Array(idat.dropFirst(2)), limit: (stride + 1) * size.height + 1, path: "png")
        var rows = [UInt8](repeating: 0, count: stride * size.height)
        for y in 0..<size.height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(rows[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(rows[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(rows[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: predicted = 0
                }
                rows[y * stride + x] = UInt8((value + predicted) & 0xFF)
            }
        }
        return (size.width, size.height, { x, y in
            let i = y * stride + x * channels
            return (Int(rows[i]), Int(rows[i + 1]), Int(rows[i + 2]))
        })
    }

    /// The share of dark pixels (luminance under 140) in a box of an image.
    static func ink(_ image: (width: Int, height: Int, pixel: (Int, Int) -> (Int, Int, Int)), x: Int, y: Int, w: Int, h: Int) -> Double {
        var dark = 0, all = 0
        for py in max(0, y)..<min(image.height, y + h) {
            for px in max(0, x)..<min(image.width, x + w) {
                let (r, g, b) = image.pixel(px, py)
                all += 1
                if (299 * r + 587 * g + 114 * b) / 1000 < 140 { dark += 1 }
            }
        }
        return all == 0 ? 0 : Double(dark) / Double(all)
    }

    /// A poppler tool (scripts/setup installs poppler-utils), run with `arguments`.
    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let path = try #require(["/usr/bin/", "/usr/local/bin/"].map { $0 + tool }.first { FileManager.default.isExecutableFile(atPath: $0) },
                                "\(tool) not found: run scripts/setup (it installs poppler-utils)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments) exited \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Latin words a Chinese page may show outside its definitions: scenario data (its name, the
    /// variant names), the program's name, and symbols (U, t*, R², km, N for north, CSV).
    static let allowedLatin: Set<String> = ["eduplan", "Gannan", "demo", "budget", "no", "fairness", "CSV", "km", "N", "U", "R"]

    /// Latin words the Chinese definitions may show: the original names of measures from US
    /// studies, the solver's status words, symbols and options.
    static let glossaryLatin: Set<String> = ["Verstegen", "federal", "range", "ratio", "optimal", "feasible", "infeasible", "util", "fair",
                                             "STR", "CSV", "km", "eduplan", "sweep", "R", "U", "V", "F", "POF", "dispatch"]

    @Test func chineseReportFitsTheScreenAndA4AndPrintsToPDF() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (scenario, sweep) = try Self.provinceAndSweep(in: folder)
        let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        let run = try Self.eduplanBuilt(["report", scenario.path, "--out", page.path, "--sweep", sweep.path, "--lang", "zh-CN",
                                         "--money", "wan", "--pdf", pdf.path, "--quiet"])
        #expect(run.status == 0, "report failed: \(run.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<a href=\"report-schools.csv\" download><code>report-schools.csv</code></a>"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report-schools.csv").path))

        let (desktop, copy) = try Self.probe(page, width: 1280, print: false, folder: folder)
        #expect(desktop.width == 1280)
        #expect(desktop.overflow.isEmpty, "wider than its box or the page at 1280 px: \(desktop.overflow)")
        #expect(desktop.english.subtracting(Self.allowedLatin).isEmpty, "English outside the allow-list: \(desktop.english.subtracting(Self.allowedLatin).sorted())")
        #expect(desktop.glossary.subtracting(Self.glossaryLatin).isEmpty, "English in the definitions outside their allow-list: \(desktop.glossary.subtracting(Self.glossaryLatin).sorted())")
        #expect(desktop.glyphs, "the page's fonts draw no Chinese glyphs (scripts/setup installs fonts-wqy-microhei)")
        let (a4, _) = try Self.probe(page, width: 703, print: true, folder: folder)
        #expect(a4.width == 703)
        #expect(a4.overflow.isEmpty, "wider than its box or the page at the A4 text width (186 mm = 703 px): \(a4.overflow)")

        // Chinese headings painted: each h1/h2 in the first 2000 px of the screenshot has ink in its text box.
        let png = try Self.screenshot(copy, to: folder.appendingPathComponent("zh.png"))
        let image = try Self.decodePNG(png)
        let visible = desktop.headings.filter { $0.y + $0.h < 2000 && $0.w > 0 }
        #expect(visible.count >= 2 && visible.contains { $0.text.contains("摘要") })
        for heading in visible {
            let ink = Self.ink(image, x: Int(heading.x), y: Int(heading.y), w: Int(heading.w), h: Int(heading.h))
            #expect(ink > 0.03 && ink < 0.7, "heading “\(heading.text)” looks blank or filled (ink \(ink))")
        }

        // The PDF: A4 pages, Chinese text extractable, the first page painted.
        let data = try Data(contentsOf: pdf)
        #expect(data.starts(with: Array("%PDF-".utf8)))
        let info = try Self.poppler("pdfinfo", [pdf.path])
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 8, "each section starts a page: expected at least 8 pages, found \(pages)")
        #expect(info.contains("595.92 x 842.88 pts") || info.contains("595 x 842 pts") || info.contains("(A4)"), "not A4: \(info)")
        let text = try Self.poppler("pdftotext", ["-layout", pdf.path, "-"])
        // A definition's reading and the sweep's numbers are collapsed on screen: printed, they are open.
        for expected in ["摘要", "基尼系数", "信息公开", "谁得益，谁受损", "瑞金市", "附录", "取生均经费的对数", "1,900,000"] {
            #expect(text.contains(expected), "the PDF's text lacks \(expected)")
        }
        _ = try Self.poppler("pdftoppm", ["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf.path, folder.appendingPathComponent("page1").path])
        let first = try Self.decodePNG(try Data(contentsOf: folder.appendingPathComponent("page1.png")))
        let pageInk = Self.ink(first, x: 0, y: 0, w: first.width, h: first.height)
        #expect(pageInk > 0.01 && pageInk < 0.5, "the PDF's first page looks blank (ink \(pageInk))")
        if let keep = ProcessInfo.processInfo.environment["EDUPLAN_KEEP_SCREENSHOT"], !keep.isEmpty {
            try? png.write(to: URL(fileURLWithPath: keep).deletingLastPathComponent().appendingPathComponent("report-zh.png"))
            try? data.write(to: URL(fileURLWithPath: keep).deletingLastPathComponent().appendingPathComponent("report-zh.pdf"))
        }
    }

    /// Without a browser, --pdf is bad input before any solving: exit 1, a clear message, nothing written.
    @Test func pdfWithoutABrowserIsBadInput() throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("r.html")
        let process = Process()
        process.executableURL = eduplanBinary
        process.arguments = ["report", "scenarios/examples/01_priority_weights", "--out", page.path, "--pdf", folder.appendingPathComponent("r.pdf").path]
        process.currentDirectoryURL = packageRoot
        process.environment = ["PATH": folder.path, "EDUPLAN_CHROMIUM": folder.appendingPathComponent("no-chromium").path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("expected an executable Chromium"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    /// Every substring between `prefix` and the next `suffix`.
    static func matches(in text: String, prefix: String, suffix: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: prefix) {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: suffix) else { break }
            found.append(String(rest[..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }
}
