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
                                    + "the row-end inlets run up to 3.2 K warmer than Plenum gives beside a single unit, and 4.7 K at the far "
                                    + "end from two (docs/models/hall-airflow.md, \"Validation against CFD\")", at: locate(at), keyPath: at)
            }
            // Without room_volume, the plan's air: the grid's box (racks hold air too).
            if !spec.halls[h].roomVolumeGiven { spec.halls[h].roomVolumeM3 = AirflowGrid.roomVolumeM3(geometry) }
        }
    }

    /// The wall at the end of the aisles where every unit of a perimeter-fed plan stands, if they
    /// all stand at one: the halls whose row-end inlets Plenum gives 3-5 K low against the finest
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
