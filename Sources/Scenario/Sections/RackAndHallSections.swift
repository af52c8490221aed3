import Models

/// Reads `racks:` (rack types by name) and `halls:` (a list).
enum RackAndHallSections {
    static func readRackTypes(_ document: inout MappingReader, serverNames: [String],
                              _ diagnostics: inout DiagnosticCollector) -> (racks: [RackTypeSpec], names: [String]) {
        guard let entries = document.namedMappings("racks", required: true, diagnostics: &diagnostics) else { return ([], []) }
        if entries.isEmpty {
            diagnostics.error("expected at least one rack type", at: document.location(of: "racks"), keyPath: "racks")
        }
        var racks: [RackTypeSpec] = []
        for (name, var reader) in entries {
            let server = reader.string("server", allowed: serverNames, diagnostics: &diagnostics)
            let count = reader.integer("servers", range: 1...200, diagnostics: &diagnostics)
            let limit = reader.optionalQuantity("power_limit", .power, range: 1...10e6, diagnostics: &diagnostics)
            let cooling = reader.string("cooling", allowed: RackTypeSpec.CoolingType.allCases.map(\.rawValue), default: "air",
                                        diagnostics: &diagnostics).flatMap(RackTypeSpec.CoolingType.init(rawValue:))
            let defaultFraction: Double
            switch cooling {
            case .directLiquid: defaultFraction = 0.8   // cold plates take ~80 % of a GPU server's heat
            case .immersion: defaultFraction = 1.0
            default: defaultFraction = 0
            }
            let fraction = reader.quantity("liquid_fraction", .fraction, range: 0...1, default: defaultFraction, diagnostics: &diagnostics)
            let capacity = reader.optionalQuantity("cooling_capacity", .power, range: 1...10e6, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            guard let server, let count, let limit, let cooling, let fraction, let capacity else { continue }
            if cooling == .air && fraction > 0 {
                diagnostics.error("an air-cooled rack has no liquid path; use cooling: direct-liquid or immersion, or liquid_fraction: 0",
                                  at: reader.location(of: "liquid_fraction"), keyPath: reader.path("liquid_fraction"))
                continue
            }
            racks.append(RackTypeSpec(name: name, serverType: server, serverCount: count, powerLimitW: limit,
                                      cooling: cooling, liquidFraction: fraction, coolingCapacityW: capacity))
        }
        return (racks, entries.map(\.name))
    }

    /// The halls read without errors, and every hall's name (`DefinedNames`: a key naming a
    /// refused hall gets no second error).
    static func readHalls(_ document: inout MappingReader, rackNames: [String],
                          _ diagnostics: inout DiagnosticCollector) -> (halls: [HallSpec], names: DefinedNames) {
        var names = DefinedNames()
        guard let readers = document.mappingList("halls", required: true, diagnostics: &diagnostics) else { return ([], names) }
        if readers.isEmpty {
            diagnostics.error("expected at least one hall", at: document.location(of: "halls"), keyPath: "halls")
        }
        var halls: [HallSpec] = []
        for (index, var reader) in readers.enumerated() {
            let name = reader.string("name", default: "hall-\(index + 1)", diagnostics: &diagnostics)
            let rack = reader.string("rack", allowed: rackNames, diagnostics: &diagnostics)
            let rows = reader.integer("rows", range: 1...1_000, default: 1, diagnostics: &diagnostics)
            let perRow = reader.integer("racks_per_row", range: 1...1_000, default: 1, diagnostics: &diagnostics)
            let containment = reader.string("containment", allowed: HallSpec.Containment.allCases.map(\.rawValue), default: "none",
                                            diagnostics: &diagnostics).flatMap(HallSpec.Containment.init(rawValue:))
            let volume = reader.optionalQuantity("room_volume", .volume, range: 1...1e7, diagnostics: &diagnostics)
            let supply = reader.quantity("supply_air_temperature", .temperature, range: 5...45, default: 24, diagnostics: &diagnostics)
            let network = NetworkSection.read(&reader, &diagnostics)
            let airflow = HallAirflowSection.read(&reader, rows: rows, racksPerRow: perRow, containment: containment, &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            guard let name, let rack, let rows, let perRow, let containment, let volume, let supply, let airflow else {
                if let name { names.add(name, valid: false) }
                continue
            }
            if halls.contains(where: { $0.name == name }) {
                diagnostics.error("hall name '\(name)' is used twice; names identify halls in the output and in jobs and faults",
                                  at: reader.location(of: "name"), keyPath: reader.path("name"))
                continue
            }
            // ASHRAE TC 9.9 (2021): recommended inlet 18-27 °C.
            if !ASHRAEEnvelope.recommended.contains(inletC: supply) {
                diagnostics.warning("supply air at \(format(supply)) °C is outside the ASHRAE A1 recommended range 18-27 °C",
                                    at: reader.location(of: "supply_air_temperature"), keyPath: reader.path("supply_air_temperature"))
            }
            // Without a stated room, 10 m³ of air per rack: a 3 m ceiling over ~3.3 m² per rack
            // including its share of aisles. A floor plan's own box replaces it once the plan is
            // checked against the hall's units (`ScenarioChecks+Airflow`).
            let room = volume ?? 10 * Double(rows * perRow)
            var hall = HallSpec(name: name, rackType: rack, rows: rows, racksPerRow: perRow, containment: containment,
                                roomVolumeM3: room, supplyAirTemperatureC: supply)
            hall.roomVolumeGiven = volume != nil
            hall.network = network
            hall.airflow = airflow
            halls.append(hall)
            names.add(name, valid: true)
        }
        return (halls, names)
    }
}

/// A number as people write it: no trailing `.0`, at most two decimals.
func format(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return String((value * 100).rounded() / 100)
}
