import Charts
import Storage

/// `plenum report sweep.h5`: the points with their status, each key KPI against each swept
/// parameter, and first-order sensitivity indices where the sweep sampled its space.
public struct SweepReport: Sendable {
    public let path: String
    public let points: StoredGroup
    public let sweepText: String

    public init(file: HDF5File) throws(StorageError) {
        path = file.path
        points = try StoredGroup.read(file, path: "/points")
        sweepText = (try StoredGroup.read(file, path: "/", maximumElements: 1_000_000)).texts("sweep_text").first ?? ""
    }

    static let kpis = ["pue", "facility_energy_j", "total_cost", "energy_cost", "water_kg", "carbon_kg", "peak_junction_temperature_c",
                       "peak_inlet_temperature_c", "hours_outside_recommended", "throttled_device_hours", "job_mean_wait_s"]

    /// Parameters: the numeric columns that are neither bookkeeping nor a KPI of `/summary`.
    var parameters: [StoredColumn] {
        let names = points.texts("point_name").count
        return points.columns.filter { $0.name.contains(".") || $0.name.contains("[") }.filter { !$0.isText && $0.numbers.count == names }
    }

    public func page() -> HTMLPage {
        let parameters = self.parameters
        let names = points.texts("point_name"), status = points.texts("status")
        let method = sweepText.contains("sobol") ? "sobol" : sweepText.contains("latin-hypercube") ? "latin-hypercube" : "grid"
        var page = HTMLPage(title: "Plenum sweep: \(path)", subtitle: "\(names.count) points, \(status.filter { $0 == "done" }.count) done · sampling: \(method)")
        // KPIs that vary across the points (a constant has nothing to show against a parameter).
        let kpis = Self.kpis.compactMap { key in points[key] }.filter { kpi in
            let finite = kpi.numbers.filter(\.isFinite)
            return (finite.max() ?? 0) > (finite.min() ?? 0)
        }
        var charts = ""
        for parameter in parameters {
            charts += "<h3>\(HTML.escape(parameter.name)) (\(HTML.escape(parameter.units)))</h3>"
            for kpi in kpis {
                // Energies in one unit that fits them (a sweep's joules are 10⁹-10¹³).
                let unit = QuantityFormat.EnergyUnit.fitting(kpi.numbers.filter(\.isFinite).map(abs).max() ?? 0)
                let (values, units) = kpi.units == "J" ? (kpi.numbers.map { $0 / unit.joules }, unit.rawValue) : (kpi.numbers, kpi.units)
                charts += ScatterChart(title: "\(kpi.name) (\(units))", xLabel: parameter.name, yLabel: kpi.name, x: parameter.numbers, y: values)
                    .svg(id: "scatter-\(parameter.name)-\(kpi.name)")
            }
        }
        page.add("kpis", "Key figures against each swept parameter", charts.isEmpty ? "<p>No numeric parameter or KPI.</p>" : charts)
        if method != "grid", !parameters.isEmpty {
            let rows = kpis.map { kpi in
                [HTML.escape(kpi.name)] + parameters.map { p in
                    let s = FirstOrderSensitivity.index(x: p.numbers, y: kpi.numbers)
                    return HTML.value(s.isFinite ? QuantityFormat.grouped(s, decimals: 3) : "n/a", exact: s, key: "S[\(p.name)][\(kpi.name)]")
                }
            }
            var html = HTML.table(id: "sensitivity", headers: ["KPI"] + parameters.map(\.name), rows: rows, numeric: Set(1...parameters.count))
            html += "<p class=\"hint\">First-order indices from the sweep's own points (Plischke, Borgonovo and Smith 2013): the share of a KPI's "
            html += "variance explained by one parameter alone. With \(names.count) points the estimator's bias is about "
            html += QuantityFormat.grouped(FirstOrderSensitivity.bias(points: names.count), decimals: 3) + "; indices below it are noise.</p>"
            page.add("sensitivity", "Sensitivity (first-order indices)", html)
        }
        let columns = points.columns.filter { $0.shape == [names.count] && $0.isLoaded && $0.name != "point" && $0.name != "point_name" }
        let rows = names.indices.map { r in
            [HTML.escape(names[r])] + columns.map { c in
                c.isText ? HTML.escape(r < c.texts.count ? c.texts[r] : "") : HTML.value(SVGText.label(c.numbers[r], significant: 5), exact: c.numbers[r])
            }
        }
        page.add("points", "Points", "<div class=\"scroll\">" + HTML.table(id: "points-table", headers: ["point"] + columns.map(\.name), rows: rows) + "</div>")
        page.add("inputs", "Sweep file", "<details open><summary>sweep_text</summary><pre>\(HTML.escape(sweepText))</pre></details>")
        return page
    }
}
