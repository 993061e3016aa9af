import EduplanPlanner
import EduplanScenario
import Foundation

/// Small building blocks of the HTML report: escaping, language tags, number formats.
///
/// Everything here is deterministic (no locale, no clock), so the same plan always gives
/// the same bytes.
enum HTMLText {
    /// Text made safe for element content and quoted attribute values.
    static let escape = TextEscape(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])

    /// Whether a text contains Han characters (or CJK punctuation, full-width forms).
    static func hasCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return (0x3000...0x303F).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v) || (0x20000...0x2FA1F).contains(v)
        }
    }

    /// A name from the scenario (region, school, fund), escaped, and tagged `lang="zh"` when it is
    /// Chinese so that the browser picks a CJK font and Chinese glyph forms.
    static func name(_ text: String) -> String {
        hasCJK(text) ? "<span lang=\"zh\">\(escape(text))</span>" : escape(text)
    }

    /// `12.3%` (a fraction shown as a percentage).
    static func percent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return Format.grouped(value * 100, decimals: decimals) + "%"
    }

    /// A count or amount with thousands separators.
    static func number(_ value: Double?, decimals: Int = 0) -> String {
        guard let value, value.isFinite else { return "—" }
        return Format.grouped(value, decimals: decimals)
    }

    /// An index (Gini, Theil, …) with a fixed number of decimals.
    static func index(_ value: Double?, decimals: Int = 3) -> String {
        guard let value, value.isFinite else { return Format.missing }
        return Format.fixed(value, decimals: decimals)
    }

    /// A coordinate in SVG user units: one decimal, no trailing `.0`, no `-0`.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// The page's style sheet. The font stack puts Latin faces first and CJK faces after them,
    /// so Chinese names fall back to a Chinese font on every platform (Noto/Source Han on Linux,
    /// Microsoft YaHei on Windows, PingFang on macOS, WenQuanYi on older Linux).
    static let styleSheet = """
    :root{--ink:#1b1f24;--muted:#5b6470;--line:#d8dde3;--soft:#f4f6f8;--accent:#0b5cad;--good:#1a7f37;--bad:#b42318;--warn:#9a6700}
    *{box-sizing:border-box}
    html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Hiragino Sans GB","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:#fff;line-height:1.5;font-size:16px}
    body{margin:0}
    main{max-width:1120px;margin:0 auto;padding:24px 28px 64px}
    h1{font-size:1.9rem;margin:0 0 4px;line-height:1.25}
    h2{font-size:1.35rem;margin:40px 0 8px;padding-top:12px;border-top:2px solid var(--line)}
    h3{font-size:1.08rem;margin:22px 0 6px}
    p{margin:6px 0 10px}
    a{color:var(--accent)}
    a.def{color:inherit;text-decoration:underline dotted var(--accent);text-underline-offset:3px}
    a.def:hover{color:var(--accent)}
    .sub{color:var(--muted);margin:0}
    .muted{color:var(--muted)}
    .small{font-size:.88rem}
    nav.toc{margin:14px 0 4px;font-size:.92rem}
    nav.toc ol{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px}
    .status{display:inline-block;padding:1px 10px;border-radius:999px;font-weight:600;font-size:.9rem;border:1px solid}
    .status.optimal{color:var(--good);border-color:var(--good);background:#e9f6ec}
    .status.feasible{color:var(--warn);border-color:var(--warn);background:#fff6de}
    .status.infeasible,.status.unbounded,.status.failed{color:var(--bad);border-color:var(--bad);background:#fdecea}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px;margin:16px 0}
    .card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
    .card .label{font-size:.85rem;color:var(--muted)}
    .card .value{font-size:1.35rem;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.3}
    .card .note{font-size:.85rem;color:var(--muted)}
    table{border-collapse:collapse;margin:8px 0 14px;font-size:.93rem}
    table.wide{width:100%}
    caption{text-align:left;font-weight:600;padding:4px 0;color:var(--ink)}
    th,td{padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
    thead th{background:var(--soft);text-align:left;border-bottom:2px solid var(--line);font-weight:600}
    tbody tr:nth-child(even){background:#fafbfc}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    thead th.num{white-space:normal}
    td.nw{white-space:nowrap}
    td.id,th.id{color:var(--muted);font-size:.85rem;white-space:nowrap}
    tbody th,tfoot th{text-align:left;font-weight:600}
    th.plan{text-align:right;white-space:normal;min-width:6em}
    .scroll{overflow-x:auto;max-width:100%;margin:8px 0 14px}
    .scroll>table{margin:0}
    .scroll.tall{max-height:36rem;overflow-y:auto}
    .scroll.tall thead th{position:sticky;top:0;z-index:1}
    table.annex{font-size:.85rem}
    table.equity tbody th{min-width:9em}
    .card .value .unit{font-size:.8rem;font-weight:500;color:var(--muted);margin-left:4px}
    tfoot th,tfoot td{border-top:2px solid var(--line)}
    .meter{white-space:nowrap}
    .meter .pct{display:inline-block;min-width:3.6em;text-align:right;font-variant-numeric:tabular-nums}
    .bar{display:inline-block;width:72px;height:10px;background:#e6e9ed;border-radius:2px;margin-left:8px;vertical-align:middle;overflow:hidden}
    .bar>span{display:block;height:100%;background:var(--accent)}
    .bar.low>span{background:var(--bad)}
    ul.sentences{margin:6px 0 12px;padding-left:20px}
    ul.sentences li{margin:3px 0}
    .binds{font-weight:600;color:var(--bad)}
    .note-box{border-left:4px solid var(--warn);background:#fff8e6;padding:8px 12px;margin:10px 0}
    .diagnosis{border-left:4px solid var(--bad);background:#fdf0ee;padding:8px 12px;margin:10px 0}
    figure{margin:12px 0 18px}
    figcaption{font-size:.88rem;color:var(--muted);margin-top:4px}
    svg.chart{width:100%;height:auto;display:block;font-size:12px}
    svg.chart text{fill:var(--ink)}
    svg.chart .axis{stroke:#444;stroke-width:1}
    svg.chart .grid{stroke:#e3e6ea;stroke-width:1}
    svg.chart .tick{fill:var(--muted)}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:18px}
    .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(300px,100%),1fr));gap:10px 16px;margin:12px 0}
    figure.panel{margin:0}
    figure.panel figcaption{text-align:center;color:var(--ink)}
    svg{max-width:100%}
    .figure-row{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:center}
    .figure-row>svg{flex:1 1 480px;max-width:600px}
    .figure-row ul.legend{flex:1 1 260px;flex-direction:column;gap:6px}
    figure.map-row{display:grid;gap:12px 24px;align-items:end}
    figure.map-row ul.legend{flex-direction:column;gap:6px}
    @media (max-width:800px){figure.map-row{display:block}}
    ul.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9rem}
    ul.legend li{display:flex;align-items:center;gap:6px}
    ul.legend svg{flex:none}
    details.entry{border-bottom:1px solid var(--line);padding:4px 0}
    details.entry>summary{cursor:pointer;font-weight:600}
    details.entry:target>summary,details.entry[open]>summary{color:var(--accent)}
    .formula{font-family:"DejaVu Sans Mono",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;background:var(--soft);padding:6px 10px;border-radius:4px;margin:6px 0;white-space:pre-wrap;font-size:.9rem}
    footer{margin-top:48px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:10px}
    @page{size:A4;margin:14mm 12mm 16mm}
    @media print{
    html{font-size:9.5pt}
    main{max-width:none;padding:0}
    nav.toc{display:none}
    section{break-before:page}
    section#summary{break-before:auto}
    h2{margin-top:0;border-top:none;padding-top:0}
    h2,h3,caption{break-after:avoid}
    thead{display:table-header-group}
    tfoot{display:table-row-group}
    tr,figure,.card,details.entry{break-inside:avoid}
    .scroll,.scroll.tall{overflow:visible;max-height:none}
    .scroll.tall thead th{position:static}
    td.num,th.num,td.nw,td.id,th.id,.meter{white-space:normal}
    th,td{padding:2px 4px}
    .bar{width:32px;margin-left:4px}
    .meter .pct{min-width:0}
    .panels{grid-template-columns:repeat(3,1fr)}
    .charts{grid-template-columns:1fr 1fr}
    figure.map-row{display:block}
    a.def{text-decoration:none}
    details::details-content{content-visibility:visible;display:block}
    }
    """

    /// Opens a glossary entry (a closed `<details>`) when a link points at it, shows the year a link
    /// points into on a multi-year page (checks that year's selector, then scrolls to the target, which
    /// was hidden when the browser tried), and opens every collapsed block before printing (a printed
    /// page cannot be clicked open).
    static let script = """
    window.addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true;});});
    (function(){function openTarget(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var e=document.getElementById(id);if(!e)return;
    var panel=e.closest(".year-panel"),pick=panel&&document.getElementById("pick-"+panel.getAttribute("data-year"));if(pick&&!pick.checked){pick.checked=true;e.scrollIntoView();}
    if(e.tagName==="DETAILS"){e.open=true;}}
    window.addEventListener("hashchange",openTarget);openTarget();})();
    """
}
