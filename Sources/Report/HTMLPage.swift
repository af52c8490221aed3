import Charts

/// One self-contained HTML page: styles and scripts inline, no fonts, no network. Sections are
/// listed in a contents bar. The script records any error in `body[data-errors]` (so a headless
/// check can read it from the DOM) and marks `body[data-ready]` when it has run.
public struct HTMLPage: Sendable {
    public struct Section: Sendable {
        public var id: String
        public var heading: String
        public var html: String
        public init(id: String, heading: String, html: String) {
            self.id = id
            self.heading = heading
            self.html = html
        }
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section] = []

    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    public mutating func add(_ id: String, _ heading: String, _ html: String) {
        sections.append(Section(id: id, heading: heading, html: html))
    }

    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<title>\(HTML.escape(title))</title><style>\(Self.style)</style>"
        out += "<script>window.addEventListener('error', e => { document.body.dataset.errors = (document.body.dataset.errors || '') + e.message + '\\n'; });</script>"
        out += "</head><body>\n<header><h1>\(HTML.escape(title))</h1><p class=\"subtitle\">\(subtitle)</p><nav>"
        out += sections.map { "<a href=\"#\(HTML.escape($0.id))\">\(HTML.escape($0.heading))</a>" }.joined(separator: " ")
        out += "</nav></header>\n<main>\n"
        for section in sections {
            out += "<section id=\"\(HTML.escape(section.id))\" class=\"report-section\"><h2>\(HTML.escape(section.heading))</h2>\n\(section.html)\n</section>\n"
        }
        out += "</main><footer>Written by Plenum. Every figure is read from the HDF5 file named above; "
        out += "its definitions are in docs/output.md and docs/models/.</footer>\n"
        out += "<script>\(ChartScript.source)\n\(Self.script)</script></body></html>\n"
        return out
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
    header{background:#12355b;color:#fff;padding:12px 24px;position:sticky;top:0;z-index:2}
    header h1{margin:0;font-size:20px}.subtitle{margin:4px 0;font-size:13px;opacity:.9}
    nav a{color:#cfe3ff;margin-right:12px;font-size:13px;text-decoration:none}
    main{padding:8px 24px;max-width:1280px}section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:8px 16px;
      content-visibility:auto;contain-intrinsic-size:auto 900px}
    h2{font-size:17px;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:14px;margin:12px 0 4px}
    table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;vertical-align:top}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f5f8}
    .definition{color:#555;font-size:12px}.warning{background:#fff4e5;border-left:4px solid #e69f00;padding:6px 10px;white-space:pre-wrap}
    .ok{background:#e9f7ef;border-left:4px solid #009e73;padding:6px 10px}
    svg.chart{width:100%;max-width:920px;height:auto;display:block;margin:6px 0;font-size:11px}
    svg.tile-map{max-width:540px;display:inline-block;vertical-align:top}svg.scatter{max-width:440px;display:inline-block;vertical-align:top}
    svg .grid{stroke:#e4e4e4;stroke-width:1}svg .chart-title{font-size:13px;font-weight:600}svg .on-bar{font-size:11px}
    svg .zoom-area{cursor:crosshair}svg .zoom-band{fill:rgba(0,114,178,.15)}svg .tile-label{font-size:9px}
    .scroll{max-height:420px;overflow:auto;content-visibility:auto;contain-intrinsic-size:auto 420px}input,select{font-size:13px;margin:4px 8px 4px 0}
    details pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:480px;font-size:12px}
    .hint{color:#666;font-size:12px}footer{padding:16px 24px;color:#666;font-size:12px}
    """

    static let script = """
    document.querySelectorAll("svg.line-chart").forEach(plenumEnableZoom);
    document.querySelectorAll("[data-filter-table]").forEach(box => {
      const table = document.getElementById(box.dataset.filterTable);
      const text = box.querySelector("input"), kind = box.querySelector("select"), count = box.querySelector(".shown");
      const apply = () => {
        const q = text.value.toLowerCase(), k = kind.value; let shown = 0;
        for (const row of table.tBodies[0].rows) {
          const ok = (!k || row.dataset.kind === k) && (!q || row.textContent.toLowerCase().includes(q));
          row.style.display = ok ? "" : "none"; if (ok) shown++;
        }
        count.textContent = shown;
      };
      text.addEventListener("input", apply); kind.addEventListener("change", apply); apply();
    });
    document.body.dataset.ready = "1";
    """
}

/// HTML text helpers.
public enum HTML {
    public static func escape(_ text: String) -> String { SVGText.escape(text) }

    /// A table: header cells, then rows of cells already in HTML. Numeric columns align right.
    public static func table(id: String? = nil, headers: [String], rows: [[String]], numeric: Set<Int> = [],
                             rowAttributes: [String]? = nil) -> String {
        var out = "<table" + (id.map { " id=\"\(escape($0))\"" } ?? "") + "><thead><tr>"
        for (index, header) in headers.enumerated() {
            out += "<th\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(header))</th>"
        }
        out += "</tr></thead><tbody>"
        for (r, row) in rows.enumerated() {
            out += "<tr\(rowAttributes.map { " " + $0[r] } ?? "")>"
            for (index, cell) in row.enumerated() { out += "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(cell)</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// A number cell that carries its exact value for checks.
    public static func value(_ shown: String, exact: Double, key: String? = nil) -> String {
        "<span class=\"v\"" + (key.map { " data-key=\"\(escape($0))\"" } ?? "") + " data-value=\"\(SVGText.exact(exact))\">\(escape(shown))</span>"
    }
}
