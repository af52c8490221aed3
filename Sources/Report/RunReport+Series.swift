import Charts

extension RunReport {
    /// Zoomable charts of the facility's and halls' series, labelled in local time.
    func timeSeriesSection() -> String {
        guard let facility = run.facility, let time = facility["time"]?.numbers, !time.isEmpty else {
            return "<p>No facility time series in the file.</p>"
        }
        var out = "<p class=\"hint\">Drag across a chart to zoom into that span; double-click to go back. Each line is drawn at its minimum and "
        out += "maximum in each of 1,200 slices, so peaks stay; <code>plenum export</code> gives every sample.</p>"
        let unit = powerUnit
        func series(_ names: [(String, String)], scale: Double = 1) -> [LineChart.Series] {
            names.compactMap { key, label in
                guard let values = facility[key]?.numbers, values.count == time.count, values.contains(where: \.isFinite) else { return nil }
                return .init(name: label, values: scale == 1 ? values : values.map { $0 / scale })
            }
        }
        let charts: [(String, String, String, [LineChart.Series])] = [
            ("ts-power", "Facility power", unit.rawValue,
             series([("utility_power_w", "utility"), ("it_power_w", "IT"), ("cooling_power_w", "cooling"), ("power_loss_w", "losses"),
                     ("generator_power_w", "generators")], scale: unit.watts)),
            ("ts-cooling", "Cooling power by part", unit.rawValue,
             series([("chiller_power_w", "chillers"), ("heat_rejection_fan_power_w", "towers / dry coolers"), ("plant_pump_power_w", "plant pumps"),
                     ("crah_fan_power_w", "CRAH fans")], scale: unit.watts)),
            ("ts-pue", "PUE", "1", series([("pue", "PUE")])),
            ("ts-temperature", "Temperatures", "°C",
             series([("max_junction_temperature_c", "hottest junction"), ("outdoor_dry_bulb_c", "outdoor dry bulb"), ("outdoor_wet_bulb_c", "outdoor wet bulb")])),
            ("ts-water", "Make-up water", "kg/s", series([("water_use_kg_per_s", "water")])),
            ("ts-battery", "Battery state of charge", "1", series([("battery_state_of_charge", "state of charge")])),
            ("ts-throttled", "Accelerators throttled", "1", series([("throttled_accelerators", "throttled")])),
        ]
        for (id, title, units, lines) in charts where !lines.isEmpty {
            if id == "ts-throttled", lines[0].values.allSatisfy({ $0 == 0 }) { continue }
            out += LineChart(title: title, units: units, x: time, series: lines, localOriginS: run.clock.localOriginS).svg(id: id)
        }
        if let hall = run.hall, let hallTime = hall["time"]?.numbers, let names = Optional(hall.texts("hall_name")), !names.isEmpty {
            for (key, title) in [("inlet_temperature_c", "Rack inlet by hall"), ("supply_temperature_c", "Supply air by hall"),
                                 ("room_temperature_c", "Room (return) air by hall"), ("loop_supply_temperature_c", "Liquid loop supply by hall")] {
                guard let column = hall[key], column.shape.count == 2 else { continue }
                let lines = names.indices.map { LineChart.Series(name: names[$0], values: column.series($0)) }.filter { $0.values.contains(where: \.isFinite) }
                guard !lines.isEmpty else { continue }
                out += LineChart(title: title, units: "°C", x: hallTime, series: lines, localOriginS: run.clock.localOriginS).svg(id: idPrefix + "ts-hall-\(key)")
            }
        }
        return out
    }
}
