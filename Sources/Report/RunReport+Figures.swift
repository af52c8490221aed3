import Charts

extension RunReport {
    /// The figures a planner reads first, each with its unit and its definition (the file's own
    /// `long_name`), and the warnings when the facility could not hold its set points.
    static let keyFigures = [
        "pue", "ppue_cooling", "ppue_power", "wue_l_per_kwh", "cue_kg_per_kwh",
        "facility_energy_j", "it_energy_j", "cooling_energy_j", "power_loss_energy_j", "water_kg", "carbon_kg",
        "energy_cost", "total_cost", "mean_it_power_w", "peak_it_power_w", "peak_utility_power_w", "utility_capacity_w",
        "peak_ups_output_w", "ups_usable_capacity_w", "peak_plant_load_w", "chiller_usable_capacity_w", "stranded_power_w",
        "stranded_cooling_w", "peak_junction_temperature_c", "peak_inlet_temperature_c", "throttled_device_hours",
        "hours_outside_recommended", "hours_outside_a1", "free_cooling_hours", "unmet_cooling_j", "critical_loss_hours",
        "jobs_completed", "job_mean_wait_s", "inference_slo_attainment", "energy_balance_relative_error", "books_relative_error",
    ]

    func keyFiguresSection() -> String {
        var out = ""
        let warnings = run.summary.attributeText("warnings") ?? ""
        if warnings.isEmpty {
            out += "<p class=\"ok\" id=\"\(idPrefix)set-points\" data-held=\"1\">Every set point held.</p>"
        } else {
            out += "<div class=\"warning\" id=\"\(idPrefix)set-points\" data-held=\"0\"><b>The facility did not hold its set points;</b> "
            out += "its PUE is that of a facility running too warm.\n\(HTML.escape(warnings))</div>"
        }
        var rows: [[String]] = []
        for key in Self.keyFigures {
            guard let column = run.summary[key], column.shape.isEmpty, let value = column.numbers.first else { continue }
            if !value.isFinite && key.hasSuffix("capacity_w") { continue }
            let shown = figure(value, units: column.units)
            rows.append([HTML.escape(key), HTML.value(shown.text, exact: value, key: key), HTML.escape(shown.units),
                         "<span class=\"definition\">\(HTML.escape(column.longName))</span>"])
        }
        out += HTML.table(id: idPrefix + "key-figures", headers: ["figure", "value", "unit", "definition"], rows: rows, numeric: [1])
        out += "<p class=\"hint\">All of <code>/summary</code> is in the file; <code>plenum inspect FILE</code> lists it and "
        out += "<code>plenum export FILE --csv DIR</code> writes it as CSV.</p>"
        return out
    }

    /// A summary value in this run's display units.
    func figure(_ value: Double, units: String) -> (text: String, units: String) {
        if units == "kg", value >= 10_000 { return (QuantityFormat.grouped(value / 1000, decimals: 1), "t") }
        if units == "s", value >= 7200 { return (QuantityFormat.grouped(value / 3600, decimals: 1), "h") }
        return QuantityFormat.display(value, units: units, energyUnit: energyUnit, powerUnit: powerUnit)
    }

    /// Utility energy to IT, cooling by component, and losses by stage, as bars on one scale.
    func energyFlowSection() -> String {
        let s = run.summary, unit = energyUnit
        func e(_ key: String) -> Double { s.number(key).finiteOr(0) / unit.joules }
        let it = e("it_energy_j")
        var bars: [StackedBar.Bar] = [
            .init(label: "Facility", segments: [.init(label: "IT", value: it), .init(label: "Cooling", value: e("cooling_energy_j")),
                                                .init(label: "Power losses", value: e("power_loss_energy_j")), .init(label: "Other", value: e("other_energy_j"))]),
            .init(label: "Sources", segments: [.init(label: "Utility", value: e("utility_energy_j")), .init(label: "Generators", value: e("generator_energy_j")),
                                               .init(label: "Batteries (net)", value: max(0, e("facility_energy_j") - e("utility_energy_j") - e("generator_energy_j")))]),
            .init(label: "Cooling", segments: [.init(label: "Chillers", value: e("chiller_energy_j")), .init(label: "Towers / dry coolers", value: e("heat_rejection_fan_energy_j")),
                                               .init(label: "Plant pumps", value: e("plant_pump_energy_j")), .init(label: "CDU pumps", value: e("cdu_pump_energy_j")),
                                               .init(label: "CRAH fans", value: e("crah_fan_energy_j"))]),
            .init(label: "Power losses", segments: [.init(label: "Transformers", value: e("transformer_loss_j")), .init(label: "UPS", value: e("ups_loss_j")),
                                                    .init(label: "PDUs", value: e("pdu_loss_j")), .init(label: "Battery charging", value: e("battery_charging_loss_j"))]),
        ]
        // The network fabrics are IT equipment outside the servers (nan in files older than /network).
        let network = e("network_energy_j")
        let inside = e("psu_loss_j") + e("vrm_loss_j") + e("server_fan_energy_j") + network
        bars.append(.init(label: "Inside IT", segments: [.init(label: "Compute and memory", value: max(0, it - inside)), .init(label: "PSUs", value: e("psu_loss_j")),
                                                          .init(label: "VRMs", value: e("vrm_loss_j")), .init(label: "Server fans", value: e("server_fan_energy_j")),
                                                          .init(label: "Network fabric", value: network)]))
        var chart = StackedBar(title: "Energy by destination", units: unit.rawValue, bars: bars)
        chart.valueText = { QuantityFormat.grouped($0, decimals: QuantityFormat.decimals(for: $0)) }
        var out = chart.svg(id: idPrefix + "energy-flow-chart")
        let rows = bars.flatMap { bar in
            bar.segments.filter { $0.value > 0 }.map { segment in
                [HTML.escape(bar.label), HTML.escape(segment.label), HTML.value(QuantityFormat.grouped(segment.value, decimals: QuantityFormat.decimals(for: segment.value)), exact: segment.value * unit.joules),
                 QuantityFormat.grouped(100 * segment.value / max(bar.total, 1e-300), decimals: 1) + " %"]
            }
        }
        out += HTML.table(headers: ["stage", "part", unit.rawValue, "share of stage"], rows: rows, numeric: [2, 3])
        return out
    }
}
