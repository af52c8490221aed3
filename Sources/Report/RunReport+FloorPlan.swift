import Foundation
import Charts

extension RunReport {
    /// Each hall's racks in rows (first row on top), coloured by inlet temperature, by power and
    /// (when recorded) by capture index, at the instant of peak IT power, at the hottest rack
    /// inlet and at `--at`.
    func floorPlanSection() -> String {
        guard let rack = run.rack, let time = rack["time"]?.numbers, !time.isEmpty,
              let inlet = rack["inlet_temperature_c"], let power = rack["it_power_w"], inlet.shape.count == 2 else {
            return "<p>The rack level was not recorded. Add <code>rack</code> to <code>simulation.output.levels</code> to see the floor plan.</p>"
        }
        guard inlet.isLoaded, power.isLoaded, inlet.shape == power.shape, inlet.shape[0] == time.count else {
            return "<p>The rack series hold \(QuantityFormat.grouped(Double(inlet.shape.reduce(1, *)), decimals: 0)) values each, more than a page reads "
                + "(20,000,000): write the rack level at a longer interval, or draw it from the file with xarray.</p>"
        }
        let names = rack.texts("rack_name"), hallOf = rack.numbers("rack_hall").map { Int($0) }
        let hallNames = run.hall?.texts("hall_name") ?? []
        var instants: [(String, Int)] = []
        let itPower = (0..<time.count).map { k in power.row(k).filter(\.isFinite).reduce(0, +) }
        if let peak = itPower.indices.max(by: { itPower[$0] < itPower[$1] }) { instants.append(("peak IT power", peak)) }
        var hottest = (0, -Double.infinity)
        for k in 0..<time.count { for v in inlet.row(k) where v > hottest.1 { hottest = (k, v) } }
        instants.append(("hottest rack inlet", hottest.0))
        if let at = floorPlanAtS {
            let k = time.indices.min { abs(time[$0] - at) < abs(time[$1] - at) } ?? 0
            instants.append(("chosen time", k))
        }
        var out = "<p class=\"hint\">One tile per rack, rows top to bottom, positions left to right; each tile shows its value. "
        out += "Hover a tile for the rack's name.</p>"
        if case .double(let mean)? = run.airflow?.attributes["inlet_error_against_cfd_mean_k"],
           case .double(let worst)? = run.airflow?.attributes["inlet_error_against_cfd_worst_k"] {
            // Per-rack inlets are a reduced-order model: say how far they are from CFD, on both
            // grids when the file has them (files written before the finer grids have one).
            var finer = ""
            if case .double(let fineMean)? = run.airflow?.attributes["inlet_error_against_finer_cfd_mean_k"],
               case .double(let fineWorst)? = run.airflow?.attributes["inlet_error_against_finer_cfd_worst_k"] {
                finer = String(format: ", and %.1f K and %.1f K against finer CFD grids (6 x 6 x 6 cells per Plenum cell)", fineMean, fineWorst)
            }
            // The finest grid, which files written before the twenty-fourth session do not quote.
            if case .double(let finestMean)? = run.airflow?.attributes["inlet_error_against_finest_cfd_mean_k"],
               case .double(let finestWorst)? = run.airflow?.attributes["inlet_error_against_finest_cfd_worst_k"] {
                finer += String(format: ", %.1f K and %.1f K against the finest (8 x 8 x 8)", finestMean, finestWorst)
            }
            if case .double(let gridMean)? = run.airflow?.attributes["cfd_grid_difference_mean_k"],
               case .double(let gridWorst)? = run.airflow?.attributes["cfd_grid_difference_worst_k"] {
                finer += String(format: "; the two CFD grids differ by %.1f K on average and %.1f K at worst", gridMean, gridWorst)
            }
            // What the finest CFD can decide, with its own uncertainty (files since the twenty-sixth session).
            if case .double(let band)? = run.airflow?.attributes["finest_cfd_uncertainty_mean_k"],
               case .double(let proven)? = run.airflow?.attributes["inlet_error_proven_worst_k"] {
                finer += String(format: "; the finest CFD is itself uncertain by %.1f K on average (grid convergence index), and the largest "
                                + "error it proves at a rack is %.1f K", band, proven)
                // Where (files since the twenty-seventh session).
                if let place = run.airflow?.attributeText("inlet_error_proven_worst_at") { finer += ", at " + HTML.escape(place) }
            }
            out += String(format: "<p class=\"hint\" data-key=\"inlet_error_against_cfd_mean_k\" data-value=\"%@\">Inlets from a hall's floor plan "
                          + "are %.1f K from CFD on average and %.1f K at worst%@; the largest errors are at row ends beside a stopped unit and far from the units: "
                          + "docs/models/hall-airflow.md.</p>", "\(mean)", mean, worst, finer)
        }
        out += positionLine()
        for hall in Set(hallOf).sorted() {
            let racks = names.indices.filter { $0 < hallOf.count && hallOf[$0] == hall }
            let hallName = hall < hallNames.count ? hallNames[hall] : "hall \(hall)"
            out += "<h3>\(HTML.escape(hallName))</h3>"
            out += unitsLine(hall: hallName) + coverageLine(hall: hallName) + starvedLine(hall: hallName)
            for (label, k) in instants {
                out += "<div class=\"floor-plan\" data-hall=\"\(HTML.escape(hallName))\" data-instant=\"\(HTML.escape(label))\" data-time=\"\(SVGText.exact(time[k]))\">"
                out += "<p>At \(HTML.escape(label)): \(HTML.escape(run.clock.local(time[k])))</p>"
                var maps = [(inlet, "Rack inlet", "°C", 1.0), (power, "Rack IT power", "kW", 1e3)]
                if let capture = rack["capture_index"], capture.isLoaded, capture.shape == inlet.shape {
                    maps.append((capture, "Capture index (share of intake from the cooled supply)", "", 1))
                }
                for (column, title, units, scale) in maps {
                    let values = column.row(k)
                    var map = TileMap(title: title, units: units, tiles: racks.map { r in
                        let (row, position) = Self.rowAndPosition(names[r], fallback: r)
                        return .init(x: Double(position), y: Double(row) * 1.6, width: 0.92, height: 1.2, value: (r < values.count ? values[r] : .nan) / scale, label: names[r])
                    })
                    map.yUp = false
                    map.labelTiles = racks.count <= 200
                    out += map.svg(id: idPrefix + "floor-\(hall)-\(label.replacingOccurrences(of: " ", with: "-"))-\(units == "°C" ? "inlet" : units == "kW" ? "power" : "capture")")
                }
                out += "</div>"
            }
        }
        return out
    }

    /// `hall-1/r2-5` → row 1, position 4 (from 0); names of another form go in one row.
    static func rowAndPosition(_ name: String, fallback: Int) -> (Int, Int) {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard last.hasPrefix("r") else { return (0, fallback) }
        let parts = last.dropFirst().split(separator: "-")
        guard parts.count == 2, let row = Int(parts[0]), let position = Int(parts[1]) else { return (0, fallback) }
        return (row - 1, position - 1)
    }

    /// How far inlets are from the 6 × 6 × 6 CFD by the rack's position in its row
    /// (`/airflow/rack_position`, `position_inlet_error_*`), for the positions the file's racks
    /// stand in; empty for files written before those columns.
    func positionLine() -> String {
        guard let airflow = run.airflow else { return "" }
        let positions = airflow.texts("rack_position"), mean = airflow.numbers("position_inlet_error_mean_k")
        let worst = airflow.numbers("position_inlet_error_worst_k"), band = airflow.numbers("position_cfd_uncertainty_k")
        var seen: [(text: String, worst: Double)] = []
        for (k, position) in positions.enumerated() where k < mean.count && k < worst.count && mean[k].isFinite && worst[k].isFinite {
            var text = String(format: "%@ %.1f K on average, %.1f K at worst", position, mean[k], worst[k])
            if k < band.count, band[k].isFinite { text += String(format: " (the finest CFD itself uncertain by %.1f K there)", band[k]) }
            if !seen.contains(where: { $0.text == text }) { seen.append((text, worst[k])) }
        }
        guard !seen.isEmpty else { return "" }
        // The least certain position first.
        let parts = seen.sorted { $0.worst > $1.worst }.map(\.text)
        return "<p class=\"hint\" data-key=\"rack_position\">By the rack's position in its row, against the 6 x 6 x 6 CFD: "
            + HTML.escape(parts.joined(separator: "; ")) + " (/airflow/rack_position).</p>"
    }

    /// A hall whose plan lies outside the CFD references says so beside its maps (`/airflow/cfd_coverage`);
    /// empty otherwise, and for files written before the column.
    func coverageLine(hall: String) -> String {
        guard let airflow = run.airflow else { return "" }
        let halls = airflow.texts("hall_name"), coverage = airflow.texts("cfd_coverage")
        guard let k = halls.firstIndex(of: hall), k < coverage.count, coverage[k].hasPrefix("outside") else { return "" }
        return "<p class=\"hint\" data-key=\"cfd_coverage\">This plan lies \(HTML.escape(coverage[k])): the error figures above were not "
            + "measured on such halls.</p>"
    }

    /// A hall whose units were starved of air at some steps (`/airflow/relaxed_steps`: its racks drew
    /// mostly recirculated exhaust) says that its inlets then carry the starved halls' agreement
    /// with CFD, not the figures above; empty otherwise, and for files written before the column.
    func starvedLine(hall: String) -> String {
        guard let airflow = run.airflow else { return "" }
        let halls = airflow.texts("hall_name"), steps = airflow.numbers("relaxed_steps")
        guard let k = halls.firstIndex(of: hall), k < steps.count, steps[k] > 0 else { return "" }
        return "<p class=\"hint\" data-key=\"relaxed_steps\">In \(Int(steps[k])) steps this hall's units were starved of air (its racks "
            + "drew mostly recirculated exhaust): its inlets then are as far from CFD as starved halls' (docs/models/hall-airflow.md, "
            + "\"Starved halls\"; the run's warning has the figures), not by the figures above.</p>"
    }

    /// Where a floor plan's cooling units stand ("crah-1 west wall at 25 %, ..."), from `/airflow`'s
    /// unit axis; empty for a one-node hall or a file without it.
    func unitsLine(hall: String) -> String {
        guard let airflow = run.airflow else { return "" }
        let names = airflow.texts("unit_name"), halls = airflow.texts("unit_hall"), walls = airflow.texts("unit_wall")
        let position = airflow.numbers("unit_position"), row = airflow.numbers("unit_row"), after = airflow.numbers("unit_after_rack")
        let places = names.indices.filter { $0 < halls.count && halls[$0] == hall && $0 < walls.count && $0 < position.count
            && $0 < row.count && $0 < after.count }.map { k in
            let unit = names[k].split(separator: "/").last.map(String.init) ?? names[k]
            return walls[k] == "in-row" ? "\(unit) in row \(Int(row[k])) after rack \(Int(after[k]))"
                : "\(unit) on the \(walls[k]) wall at \(Int((100 * position[k]).rounded())) %"
        }
        guard !places.isEmpty else { return "" }
        return "<p class=\"hint\" data-key=\"units\">Cooling units: \(HTML.escape(places.joined(separator: "; "))).</p>"
    }
}
