import Foundation
import Charts

/// `plenum compare A.h5 B.h5 [...]`: every key figure side by side with its difference and ratio
/// against the first run, monthly PUE overlaid, and the inputs that differ.
public struct RunComparison: Sendable {
    public let runs: [RunFile]
    public let labels: [String]

    public init(runs: [RunFile]) {
        self.runs = runs
        // Runs are named by their file names, the folder kept only where names repeat.
        let names = runs.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }
        labels = Set(names).count == names.count ? names : runs.map(\.path)
    }

    public struct Row: Sendable {
        public var key: String
        public var units: String
        public var longName: String
        public var values: [Double]
        /// Against the first run: B − A and B / A for each other run.
        public var differences: [Double] { values.dropFirst().map { $0 - values[0] } }
        public var ratios: [Double] { values.dropFirst().map { values[0] != 0 ? $0 / values[0] : .nan } }
    }

    /// Rows for the key figures (or every scalar of `/summary` with `all`), in a stable order.
    public func rows(all: Bool = false) -> [Row] {
        let keys: [String]
        if all {
            var seen = Set<String>(), ordered: [String] = []
            for run in runs { for c in run.summary.columns where c.shape.isEmpty && !c.isText && seen.insert(c.name).inserted { ordered.append(c.name) } }
            keys = ordered
        } else {
            keys = RunReport.keyFigures.filter { key in runs.contains { $0.summary[key] != nil } }
        }
        return keys.map { key in
            let column = runs.lazy.compactMap { $0.summary[key] }.first
            return Row(key: key, units: column?.units ?? "", longName: column?.longName ?? "", values: runs.map { $0.summary.number(key) })
        }
    }

    var energyUnit: QuantityFormat.EnergyUnit { .fitting(runs.map { $0.summary.number("facility_energy_j").finiteOr(0) }.max() ?? 0) }
    var powerUnit: QuantityFormat.PowerUnit { .fitting(runs.map { $0.summary.number("peak_utility_power_w").finiteOr(0) }.max() ?? 0) }

    func shown(_ value: Double, _ units: String) -> (text: String, units: String) {
        QuantityFormat.display(value, units: units, energyUnit: energyUnit, powerUnit: powerUnit)
    }

    /// The terminal table.
    public func text(all: Bool = false) -> String {
        var lines: [[String]] = [["figure", "unit"] + labels + runs.dropFirst().indices.flatMap { ["Δ \(labels[$0])", "ratio"] }]
        for row in rows(all: all) {
            let unit = shown(1, row.units).units
            var line = [row.key, unit] + row.values.map { shown($0, row.units).text }
            for (d, r) in zip(row.differences, row.ratios) {
                line += [(d > 0 ? "+" : "") + shown(d, row.units).text, r.isFinite ? QuantityFormat.grouped(r, decimals: 3) : "n/a"]
            }
            lines.append(line)
        }
        let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        var out = lines.map { line in
            line.enumerated().map { c, cell in c < 2 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[c] - cell.count) + cell }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
        let differences = ScenarioDifferences.between(runs.map(\.scenarioText))
        out += "\nInputs that differ (\(differences.count)):\n"
        for d in differences.prefix(60) { out += "  \(d.path): " + d.values.map { $0.isEmpty ? "(absent)" : $0 }.joined(separator: " | ") + "\n" }
        if differences.count > 60 { out += "  … and \(differences.count - 60) more (in the HTML page)\n" }
        return out
    }

    public func page() -> HTMLPage {
        var page = HTMLPage(title: "Plenum comparison", subtitle: labels.map(HTML.escape).joined(separator: " · "))
        let header = ["figure", "unit"] + labels + runs.dropFirst().indices.flatMap { ["Δ \(labels[$0])", "ratio"] }
        let body = rows(all: true).map { row -> [String] in
            var cells = [HTML.escape(row.key), HTML.escape(shown(1, row.units).units)]
            cells += row.values.enumerated().map { i, v in HTML.value(shown(v, row.units).text, exact: v, key: "\(row.key)[\(i)]") }
            for (i, pair) in zip(row.differences, row.ratios).enumerated() {
                cells += [HTML.value(shown(pair.0, row.units).text, exact: pair.0, key: "difference:\(row.key)[\(i + 1)]"),
                          HTML.value(pair.1.isFinite ? QuantityFormat.grouped(pair.1, decimals: 3) : "n/a", exact: pair.1, key: "ratio:\(row.key)[\(i + 1)]")]
            }
            return cells
        }
        page.add("figures", "Key figures", HTML.table(id: "comparison", headers: header, rows: body, numeric: Set(2..<header.count))
                 + "<p class=\"hint\">Δ and ratio are against the first run. Every scalar of <code>/summary</code> is listed.</p>")
        let months = (0..<12).filter { m in runs.contains { ($0.summary.numbers("monthly_pue").count == 12) && $0.summary.numbers("monthly_pue")[m].isFinite } }
        if !months.isEmpty {
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let series = runs.enumerated().map { i, run in
                BarChart.Series(name: labels[i], values: months.map { run.summary.numbers("monthly_pue").count == 12 ? run.summary.numbers("monthly_pue")[$0] : .nan })
            }
            page.add("monthly", "Monthly PUE", BarChart(title: "PUE by month", units: "1", categories: months.map { names[$0] }, series: series).withZero(false).svg(id: "compare-monthly-pue"))
        }
        let differences = ScenarioDifferences.between(runs.map(\.scenarioText))
        let rows = differences.map { [HTML.escape($0.path)] + $0.values.map { HTML.escape($0.isEmpty ? "(absent)" : $0) } }
        page.add("inputs", "Inputs that differ", differences.isEmpty ? "<p>The resolved scenarios are the same.</p>"
                 : HTML.table(id: "input-differences", headers: ["key"] + labels, rows: rows))
        return page
    }
}
