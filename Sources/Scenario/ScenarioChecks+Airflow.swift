import Models

extension ScenarioChecks {
    /// Halls with a floor plan (`halls[i].airflow`) get their cooling units from `cooling.crah`;
    /// a plan needs at least one, and a plan the grid cannot hold is refused at its key. A plan is
    /// laid out on its grid only once checked.
    static func checkAirflow(_ spec: inout ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        for h in spec.halls.indices {
            guard var geometry = spec.halls[h].airflow else { continue }
            let path = "halls[\(h)].airflow"
            let hallName = spec.halls[h].name
            geometry.coolerUnits = spec.cooling.crahGroups.filter { $0.hall == hallName }.reduce(0) { $0 + $1.units }
            if let problem = geometry.problem {
                // A placement problem is the units' list's.
                let at = geometry.unitPlacements != nil && geometry.withoutPlacements.problem == nil ? path + ".units" : path
                diagnostics.error("hall '\(spec.halls[h].name)': \(problem)", at: locate(at), keyPath: at)
                spec.halls[h].airflow = nil
                continue
            }
            // The flow solve holds every cell's potential and each rack's tracing: bound the plan.
            let grid = AirflowGrid(geometry)
            if grid.cellCount > 2_000_000 || grid.racks.count > 5_000 {
                diagnostics.error("hall '\(spec.halls[h].name)': the floor plan needs \(grid.cellCount) cells for \(grid.racks.count) racks; "
                                  + "the airflow model takes at most 2,000,000 cells and 5,000 racks per hall (split the hall)",
                                  at: locate(path), keyPath: path)
                spec.halls[h].airflow = nil
                continue
            }
            spec.halls[h].airflow = geometry
            if let wall = oneEndFed(grid) {
                // Where the model is known to read low: say so with the numbers (hall-airflow.md).
                let at = geometry.unitPlacements != nil ? path + ".units" : path
                diagnostics.warning("hall '\(hallName)': every cooling unit stands at the \(wall.rawValue) end of the aisles; in CFD of such halls "
                                    + "the row-end inlets run up to 2.5 K warmer than Plenum gives beside a single unit, and 5.5 K at the far "
                                    + "end from two (docs/models/hall-airflow.md, \"Validation against CFD\")", at: locate(at), keyPath: at)
            }
            checkPlenumSettles(grid, units: spec.cooling.crahGroups.filter { $0.hall == hallName }, hall: hallName, at: path, locate, &diagnostics)
            // Without room_volume, the plan's air: the grid's box (racks hold air too).
            if !spec.halls[h].roomVolumeGiven { spec.halls[h].roomVolumeM3 = AirflowGrid.roomVolumeM3(geometry) }
        }
    }

    /// A raised floor whose tile flows do not settle with every unit at its rated air
    /// (`FloorPlenum.Solution`): runs would report tile flows, and the inlets they feed, with that
    /// uncertainty, so the planner hears of it before running. Autosized airflows are not known
    /// yet and are not checked.
    static func checkPlenumSettles(_ grid: AirflowGrid, units: [CRAHSpec], hall: String, at path: String, _ locate: Locator,
                                   _ diagnostics: inout DiagnosticCollector) {
        guard grid.geometry.discharge == .downflow, units.allSatisfy({ $0.airflowM3PerS > 0 }) else { return }
        let flows = units.flatMap { Array(repeating: $0.airflowM3PerS, count: $0.units) }
        guard let plenum = try? FloorPlenum.solve(grid: grid, coolerFlowM3PerS: flows), !plenum.settled else { return }
        let g = grid.geometry
        diagnostics.warning("hall '\(hall)': with every unit at its rated air the raised floor's tile flows do not settle: after "
                            + "\(FloorPlenum.maximumIterations) iterations a tile still moves by \(format(100 * plenum.unsettledFraction)) % of the "
                            + "units' air, as tiles near the units switch between passing air and none. Runs report the tile flows and the "
                            + "inlets they feed with that uncertainty (/airflow/plenum_unsettled_fraction); a deeper raised floor (now "
                            + "\(format(g.raisedFloorDepthM)) m), tiles of less open area (now \(format(100 * g.tileOpenArea)) %) or units spread "
                            + "along the aisles settle them (docs/models/hall-airflow.md, \"The raised-floor plenum\")", at: locate(path), keyPath: path)
    }

    /// The wall at the end of the aisles where every unit of a perimeter-fed plan stands, if they
    /// all stand at one: the halls whose row-end inlets Plenum gives 2-8 K low against the finest
    /// CFD (one unit at the west end; two at the west end).
    static func oneEndFed(_ grid: AirflowGrid) -> HallGeometry.Wall? {
        guard grid.geometry.discharge != .inRow else { return nil }
        let walls = Set(grid.unitPlacements.compactMap { placement -> HallGeometry.Wall? in
            if case .wall(let wall, _) = placement { return wall }
            return nil
        })
        guard walls.count == 1, let wall = walls.first, wall == .west || wall == .east else { return nil }
        return wall
    }
}
