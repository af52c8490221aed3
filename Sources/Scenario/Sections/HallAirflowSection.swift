import Models

/// Reads `halls[i].airflow`: the hall's floor plan for the per-rack airflow model
/// (docs/models/hall-airflow.md). Rows, racks per row and containment come from the hall; the
/// cooling units from the hall's `cooling.crah` groups (checked in `ScenarioChecks+Airflow`).
enum HallAirflowSection {
    static func read(_ hall: inout MappingReader, rows: Int?, racksPerRow: Int?, containment: HallSpec.Containment?,
                     _ diagnostics: inout DiagnosticCollector) -> HallGeometry?? {
        guard var section = hall.mapping("airflow", diagnostics: &diagnostics) else { return .some(nil) }
        let discharge = section.string("discharge", allowed: HallGeometry.Discharge.allCases.map(\.rawValue), default: "downflow",
                                       diagnostics: &diagnostics).flatMap(HallGeometry.Discharge.init(rawValue:))
        func length(_ key: String, _ value: Double, _ range: ClosedRange<Double>) -> Double? {
            section.quantity(key, .length, range: range, default: value, diagnostics: &diagnostics)
        }
        let width = length("rack_width", 0.6, 0.3...1.5), depth = length("rack_depth", 1.2, 0.5...2.5)
        let height = length("rack_height", 2.0, 0.5...3.5)
        let cold = length("cold_aisle_width", 1.2, 0.6...6), hot = length("hot_aisle_width", 1.2, 0.6...6)
        let clearance = length("end_clearance", 1.2, 0.6...10), ceiling = length("ceiling_height", 3.0, 1...12)
        let floor = length("raised_floor_depth", 0.6, 0.1...2)
        let tiles = section.quantity("tile_open_area", .fraction, range: 0.05...0.9, default: 0.25, diagnostics: &diagnostics)
        let leakage = section.quantity("leakage_area", .area, range: 0...100, default: 0.5, diagnostics: &diagnostics)
        let ducted = section.string("ducted_return", allowed: ["true", "false"], default: "true", diagnostics: &diagnostics)
        var gaps: [HallGeometry.Gap]? = []
        if let items = section.mappingList("gaps", diagnostics: &diagnostics) {
            for var item in items {
                let row = item.integer("row", range: 1...1_000, diagnostics: &diagnostics)
                let after = item.integer("after_rack", range: 0...1_000, diagnostics: &diagnostics)
                item.finish(diagnostics: &diagnostics)
                guard let row, let after else { gaps = nil; continue }
                if let rows, let racksPerRow, row > rows || after > racksPerRow {
                    diagnostics.error("a gap after rack \(after) of row \(row) lies outside the hall's \(rows) rows of \(racksPerRow) racks",
                                      at: item.location, keyPath: item.keyPath)
                    gaps = nil
                    continue
                }
                gaps?.append(HallGeometry.Gap(row: row, afterRack: after))
            }
        }
        let placements = unitPlacements(&section, &diagnostics)
        section.finish(diagnostics: &diagnostics)
        guard let placements, let discharge, let width, let depth, let height, let cold, let hot, let clearance, let ceiling, let floor, let tiles,
              let leakage, let ducted, let gaps, let rows, let racksPerRow, let containment else { return nil }
        if ceiling < height + 0.3 {
            diagnostics.error("the ceiling (\(format(ceiling)) m) must stand at least 0.3 m above the racks (\(format(height)) m)",
                              at: section.location(of: "ceiling_height"), keyPath: section.path("ceiling_height"))
            return nil
        }
        // Chimney cabinets duct each rack's exhaust to the ceiling: a contained hot aisle per rack.
        let contained: HallGeometry.Containment = switch containment {
        case .none: .none
        case .coldAisle: .coldAisle
        case .hotAisle, .chimney: .hotAisle
        }
        var geometry = HallGeometry(rows: rows, racksPerRow: racksPerRow, coolerUnits: 0, discharge: discharge, containment: contained, gaps: gaps,
                            leakageAreaM2: leakage, ductedReturn: ducted == "true", rackWidthM: width, rackDepthM: depth, rackHeightM: height,
                            coldAisleWidthM: cold, hotAisleWidthM: hot, endClearanceM: clearance, ceilingHeightM: ceiling,
                            raisedFloorDepthM: floor, tileOpenArea: tiles)
        geometry.unitPlacements = placements
        return geometry
    }

    /// `units`: each unit's place, crah-1 first: a perimeter unit's wall and place along it, or an
    /// in-row cooler's row and the rack it follows (their count and kind are checked against the
    /// hall's CRAHs and discharge in `ScenarioChecks+Airflow`). `.some(nil)` without the key; nil
    /// when an entry is wrong (its error recorded).
    private static func unitPlacements(_ section: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> [HallGeometry.UnitPlacement]?? {
        guard let items = section.mappingList("units", diagnostics: &diagnostics) else { return .some(nil) }
        var placements: [HallGeometry.UnitPlacement]? = []
        for var item in items {
            // Both forms' keys are known (an entry mixing them is refused below, not as unknown keys).
            for key in ["wall", "at", "row", "after_rack"] { _ = item.node(key, diagnostics: &diagnostics) }
            let onWall = item.presentKeys.contains("wall") || item.presentKeys.contains("at")
            let inRow = item.presentKeys.contains("row") || item.presentKeys.contains("after_rack")
            guard onWall != inRow else {
                diagnostics.error("a unit stands on a wall, {wall: <wall>, at: <fraction>}, or in a row, {row: <n>, after_rack: <k>}",
                                  at: item.location, keyPath: item.keyPath)
                item.finish(diagnostics: &diagnostics)
                placements = nil
                continue
            }
            var placement: HallGeometry.UnitPlacement?
            if onWall {
                let wall = item.string("wall", allowed: HallGeometry.Wall.allCases.map(\.rawValue), diagnostics: &diagnostics)
                    .flatMap(HallGeometry.Wall.init(rawValue:))
                let at = item.quantity("at", .fraction, range: 0...1, default: 0.5, diagnostics: &diagnostics)
                if let wall, let at { placement = .wall(wall, at: at) }
            } else {
                let row = item.integer("row", range: 1...1_000, diagnostics: &diagnostics)
                let after = item.integer("after_rack", range: 0...1_000, diagnostics: &diagnostics)
                if let row, let after { placement = .inRow(row: row, afterRack: after) }
            }
            item.finish(diagnostics: &diagnostics)
            guard let placement else { placements = nil; continue }
            placements?.append(placement)
        }
        return .some(placements)
    }
}
