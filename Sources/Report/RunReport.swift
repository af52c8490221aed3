import Charts
import Storage

/// `plenum report RUN.h5` for a run: one page with the key figures, where the energy goes, the
/// months, the time series in the site's local time, the halls' floor plans, the events and the
/// jobs. Every figure is read from the file; none is computed again.
public struct RunReport: Sendable {
    public let run: RunFile
    /// Extra instant for the floor plans, seconds since the start (`--at`).
    public var floorPlanAtS: Double?
    /// Prefix of every element id (a multi-site page holds one report per site).
    public var idPrefix = ""

    /// The energy and power units of this run, chosen once from its largest values (every table
    /// cell formats through them).
    let energyUnit: QuantityFormat.EnergyUnit
    let powerUnit: QuantityFormat.PowerUnit

    public init(run: RunFile, floorPlanAtS: Double? = nil) {
        self.run = run
        self.floorPlanAtS = floorPlanAtS
        energyUnit = .fitting(max(run.summary.number("facility_energy_j").finiteOr(0), run.summary.number("it_energy_j").finiteOr(0)))
        powerUnit = .fitting(max(run.summary.number("peak_utility_power_w").finiteOr(0), run.summary.number("peak_it_power_w").finiteOr(0)))
    }

    public func page(title: String? = nil) -> HTMLPage {
        let scenario = run.root.attributeText("title") ?? run.path
        let duration = run.summary.number("duration_s")
        var subtitle = HTML.escape(scenario) + " · " + HTML.escape(run.path)
        subtitle += " · from " + HTML.escape(run.clock.local(0)) + " for " + HTML.escape(Self.durationText(duration))
        subtitle += " · " + HTML.escape(run.root.attributeText("history") ?? "")
        var page = HTMLPage(title: title ?? "Plenum report: " + (run.root.attributeText("title").map { $0.replacingPrefix("Plenum simulation of ") } ?? run.path),
                            subtitle: subtitle)
        page.add("figures", "Key figures", keyFiguresSection())
        if run.summary["pue"] != nil { page.add("energy-flow", "Where the energy goes", energyFlowSection()) }
        if run.summary["monthly_pue"] != nil { page.add("monthly", "Months", monthlySection()) }
        page.add("timeseries", "Time series (local time, \(run.clock.offsetText))", timeSeriesSection())
        page.add("floor-plan", "Halls' floor plans", floorPlanSection())
        page.add("events", "Events", eventsSection())
        page.add("jobs", "Jobs and services", jobsSection())
        if let network = run.network {
            page.add("network", "Network fabric", "<p class=\"hint\">Each hall's fabric, from <code>/network</code>. Its power is part of the IT load; its heat goes to the hall's air.</p><div class=\"scroll\">"
                     + columnsTable(network, label: "hall_name", id: idPrefix + "network-table", skip: ["hall"]) + "</div>")
        }
        page.add("inputs", "Inputs", inputsSection())
        return page
    }

    static func durationText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "n/a" }
        if seconds >= 2 * 86_400 { return QuantityFormat.grouped(seconds / 86_400, decimals: seconds.truncatingRemainder(dividingBy: 86_400) == 0 ? 0 : 1) + " days" }
        if seconds >= 7200 { return QuantityFormat.grouped(seconds / 3600, decimals: 1) + " h" }
        return QuantityFormat.grouped(seconds, decimals: 0) + " s"
    }

    func inputsSection() -> String {
        var out = "<p>The resolved scenario stored in the file (<code>/scenario/text</code>): it repeats the run.</p>"
        if let sizing = run.sizing, !sizing.columns.isEmpty {
            let rows = sizing.columns.map { column -> [String] in
                let shown = QuantityFormat.display(column.scalar, units: column.units, energyUnit: energyUnit, powerUnit: powerUnit)
                return [HTML.escape(column.name), HTML.value(shown.text + " " + shown.units, exact: column.scalar), HTML.escape(column.longName)]
            }
            out += "<h3>Autosized</h3>" + HTML.table(headers: ["key", "value", "basis"], rows: rows, numeric: [1])
        }
        out += "<details><summary>Scenario</summary><pre>\(HTML.escape(run.scenarioText))</pre></details>"
        return out
    }
}

extension Double {
    func finiteOr(_ fallback: Double) -> Double { isFinite ? self : fallback }
}

extension String {
    func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
