import Charts

extension RunReport {
    /// EnergyPlus-style monthly table and charts from `/summary`'s month columns.
    func monthlySection() -> String {
        let s = run.summary
        let names = s.texts("month_name").isEmpty ? (1...12).map(String.init) : s.texts("month_name")
        let pue = s.numbers("monthly_pue")
        let hours = s.numbers("monthly_simulated_hours")
        let months = (0..<min(12, pue.count)).filter { hours.count == 12 ? hours[$0] > 0 : pue[$0].isFinite }
        guard !months.isEmpty else { return "<p>No month was simulated.</p>" }
        let unit = energyUnit
        let short = months.map { String(names[$0].prefix(3)) }
        var out = BarChart(title: "PUE by month", units: "1", categories: short, series: [.init(name: "PUE", values: months.map { pue[$0] })])
            .withZero(false).svg(id: idPrefix + "monthly-pue-chart")
        let energyColumns = [("monthly_it_energy_j", "IT"), ("monthly_cooling_energy_j", "Cooling"), ("monthly_power_loss_j", "Power losses")]
        let energySeries = energyColumns.compactMap { column -> BarChart.Series? in
            let values = s.numbers(column.0)
            return values.count == 12 ? .init(name: column.1, values: months.map { values[$0] / unit.joules }) : nil
        }
        if !energySeries.isEmpty {
            out += BarChart(title: "Energy by month", units: unit.rawValue, categories: short, series: energySeries).svg(id: idPrefix + "monthly-energy-chart")
        }
        for (key, title, id) in [("monthly_water_kg", "Water by month", "monthly-water-chart"),
                                 ("monthly_free_cooling_hours", "Free-cooling hours by month", "monthly-free-cooling-chart"),
                                 ("monthly_energy_cost", "Energy cost by month", "monthly-cost-chart")] {
            guard let column = s[key], column.numbers.count == 12, column.numbers.contains(where: { $0 > 0 }) else { continue }
            out += BarChart(title: title, units: column.units, categories: short, series: [.init(name: title, values: months.map { column.numbers[$0] })]).svg(id: id)
        }
        var headers = ["month", "PUE"]
        let columns = [("monthly_facility_energy_j", "facility \(unit.rawValue)"), ("monthly_it_energy_j", "IT \(unit.rawValue)"),
                       ("monthly_cooling_energy_j", "cooling \(unit.rawValue)"), ("monthly_power_loss_j", "losses \(unit.rawValue)"),
                       ("monthly_water_kg", "water m³"), ("monthly_carbon_kg", "CO₂ t"), ("monthly_energy_cost", "cost \(run.currency)"),
                       ("monthly_free_cooling_hours", "free cooling h"), ("monthly_simulated_hours", "simulated h")].filter { s[$0.0] != nil }
        headers += columns.map(\.1)
        let rows = months.map { m -> [String] in
            var row = [HTML.escape(names[m]), HTML.value(pue[m].isFinite ? QuantityFormat.grouped(pue[m], decimals: 3) : "n/a", exact: pue[m], key: "monthly_pue[\(m + 1)]")]
            for (key, _) in columns {
                let raw = s.numbers(key)[m]
                let shown = key.hasSuffix("_j") ? raw / unit.joules : key.hasSuffix("_kg") ? raw / 1000 : raw
                row.append(HTML.value(QuantityFormat.grouped(shown, decimals: QuantityFormat.decimals(for: shown)), exact: raw, key: "\(key)[\(m + 1)]"))
            }
            return row
        }
        out += HTML.table(id: idPrefix + "monthly-table", headers: headers, rows: rows, numeric: Set(1..<headers.count))
        out += "<p class=\"hint\">Months of the site's local clock. Each column adds up to the run's total in <code>/summary</code>.</p>"
        return out
    }
}

extension BarChart {
    func withZero(_ includeZero: Bool) -> BarChart {
        var copy = self
        copy.includeZero = includeZero
        return copy
    }
}
