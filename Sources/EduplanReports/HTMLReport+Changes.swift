import EduplanIO
import EduplanPlanner
import EduplanScenario
import Foundation

extension HTMLReport {
    /// What changed by region: every region's per-pupil allocation in the base and each variant's
    /// change (each variant's plan the optimal plan closest to the base), one sortable table: a click
    /// on a heading sorts by that column (again: the other way). Empty without variants.
    func changesSection(_ comparison: Comparison) -> String {
        let variants = Array(comparison.variants)
        guard !variants.isEmpty else { return "" }
        let regions = comparison.allRegionChanges(comparison.base)
        let changes = variants.map { comparison.allRegionChanges($0) }
        var out = section("changes", text("report.changes.heading"))
        out += "<p>\(text("report.changes.intro"))</p>\n"
        out += "<div class=\"scroll\"><table class=\"wide sortable\" id=\"\(anchor("changes-table"))\"><thead><tr>"
        out += "<th scope=\"col\">\(text("report.col.region"))</th><th scope=\"col\" class=\"num\">\(text("report.changes.base", ["unit": perPupilUnit]))</th>"
        for run in variants { out += "<th scope=\"col\" class=\"num\">\(HTMLText.escape(run.name))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (r, region) in regions.enumerated() {
            out += "<tr><th scope=\"row\" data-sort=\"\(HTMLText.escape(region.name))\">\(HTMLText.name(region.name))</th>"
            out += "<td class=\"num\" data-sort=\"\(Format.plain(region.basePerPupil))\">\(HTMLText.number(region.basePerPupil, decimals: 2))</td>"
            for run in changes {
                guard run.indices.contains(r) else {
                    out += "<td class=\"num\" data-sort=\"\">—</td>"
                    continue
                }
                let change = run[r].isChange ? run[r].change : 0
                let text = change == 0 ? "0" : (change > 0 ? "+" : "−") + HTMLText.number(abs(change), decimals: 2)
                out += "<td class=\"num\" data-sort=\"\(Format.plain(change))\">\(text)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n<p class=\"small muted\">\(text("report.changes.note", ["unit": perPupilUnit]))</p>\n"
        return out + "</section>\n"
    }

    /// Whether the page part has the sortable table of ``changesSection(_:)`` (the page then carries
    /// ``sortScript`` once, at its end).
    var hasChangesTable: Bool { !(comparison?.variants.isEmpty ?? true) }

    /// Sorts a `table.sortable` by the clicked heading's column: numbers by `data-sort` when it
    /// parses, else text; empty cells last.
    static let sortScript = """
    document.querySelectorAll('table.sortable th[scope=col]').forEach(function (th, _, all) {
      th.style.cursor = 'pointer';
      th.addEventListener('click', function () {
        var table = th.closest('table'), body = table.tBodies[0];
        var column = Array.prototype.indexOf.call(th.parentNode.children, th);
        var up = th.getAttribute('aria-sort') !== 'ascending';
        th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) { var c = row.children[column]; return c.getAttribute('data-sort') || ''; }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === '' || y === '') return (x === '') - (y === '');
          var nx = parseFloat(x), ny = parseFloat(y);
          var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return up ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    """
}
