import Foundation
import Models
import Scenario
import Storage

/// Writes `/airflow`: each rack's inlet record and capture index over the run, and each hall's
/// air-management indices (docs/output.md); and their headline figures into `/summary`.
enum AirflowOutput {
    static func summarise(_ model: FacilityThermalModel, into summary: inout RunSummary) {
        summary.rackHoursAboveRecommendedMax = (model.rackSecondsAboveRecommended.max() ?? 0) / 3600
        summary.rackHoursAboveA1Max = (model.rackSecondsAboveA1.max() ?? 0) / 3600
        let lowest = model.hallLowestRCIHigh.min() ?? .infinity
        summary.lowestRCIHigh = lowest.isFinite ? lowest : .nan
        let defined = model.hallRTIDefinedSeconds.reduce(0, +)
        summary.meanRTI = defined > 0 ? model.hallRTISeconds.reduce(0, +) / defined : .nan
        // Halls that ran as a well-mixed room throughout took no inlet from their plan, and the
        // run's summary quotes the plan's agreement with CFD only for those that did.
        summary.floorPlanHalls = model.airflows.filter { ($0?.planSteps ?? 0) > 0 }.count
        summary.floorPlanHallsStarved = model.airflows.enumerated().compactMap { h, airflow in
            (airflow?.relaxedSteps ?? 0) > 0 ? model.facility.halls[h].name : nil
        }
        summary.starvedAgreement = starvedAgreement
        summary.floorPlanHallsOutsideCFD = model.airflows.enumerated().compactMap { h, airflow in
            airflow.flatMap { HallAirflow.AgreementWithCFD.outsideReferences($0.grid.geometry) }.map { "\(model.facility.halls[h].name) (\($0))" }
        }
    }

    /// The run's warnings about its floor plans: raised floors whose tile flows did not settle,
    /// and flow fields without a quasi-steady mixing, which ran as a well-mixed room.
    static func warnings(_ model: FacilityThermalModel) -> [String] {
        plenumWarnings(model) + recirculationWarnings(model) + starvedMixingWarnings(model)
    }

    /// How far starved halls' inlets are from their CFD (`HallAirflow.AgreementWithCFD`).
    static var starvedAgreement: String {
        typealias A = HallAirflow.AgreementWithCFD
        return String(format: "%.1f-%.1f K on average and up to %.1f K at a rack (%.1f and %.1f K in a hall with a unit off whose CFD did not settle)",
                      A.starvedMeanErrorRangeK.lowerBound, A.starvedMeanErrorRangeK.upperBound, A.starvedWorstErrorK,
                      A.unsettledStarvedMeanErrorK, A.unsettledStarvedWorstErrorK)
    }

    /// A warning per hall that kept its floor plan through fields whose racks draw mostly
    /// recirculated exhaust (`HallAirflow.starvedMixingGain` to `largestMixingGain`): its
    /// inlets there carry the starved halls' CFD agreement, not the fitted halls'.
    private static func starvedMixingWarnings(_ model: FacilityThermalModel) -> [String] {
        model.airflows.enumerated().compactMap { h, airflow in
            guard let airflow, airflow.relaxedSteps > 0 else { return nil }
            return "\(model.facility.halls[h].name): in \(airflow.relaxedSteps) steps its units' air reached the racks so diluted by "
                + String(format: "recirculated exhaust (mixing gain up to %.2g, above %.0f)", airflow.largestRelaxedGain, HallAirflow.starvedMixingGain)
                + " that the inlets there are as close to CFD as in starved halls, " + starvedAgreement + ", "
                + "not the fitted halls' (/airflow/relaxed_steps; docs/models/hall-airflow.md, \"Starved halls\")"
        }
    }

    /// A warning per hall whose flow field closed a recirculation loop at some operating point
    /// (`HallAirflow.largestMixingGain`): those points ran as a well-mixed room, and the steps after
    /// them until a field's gain fell below `HallAirflow.planReturnGain`.
    private static func recirculationWarnings(_ model: FacilityThermalModel) -> [String] {
        model.airflows.enumerated().compactMap { h, airflow in
            guard let airflow, airflow.recirculatingSolves > 0 else { return nil }
            let gain = airflow.largestMixingGain.isFinite ? String(format: "up to %.3g", airflow.largestMixingGain) : "unbounded"
            return "\(model.facility.halls[h].name): in \(airflow.recirculatingSolves) of \(airflow.solves) flow solves the floor plan's flow "
                + "field leaves racks drawing mostly their own exhaust (mixing gain \(gain), above "
                + String(format: "%.1f", HallAirflow.largestMixingGain) + ", up to which runs keep the floor plan): its quasi-steady "
                + "mixing is unbounded there or its switch from the plan too abrupt, and the hall ran as one well-mixed room at those "
                + "operating points and after them, until a field's gain fell below " + String(format: "%.1f", HallAirflow.planReturnGain)
                + ". Units stopped or "
                + "starved of air do this, and in-row coolers stopped along a row to the racks at its far end "
                + "(/airflow/recirculating_solves; docs/models/hall-airflow.md, \"Each step: inlets from the matrix\")"
        }
    }

    /// A warning per hall whose raised-floor tile flows did not settle at some operating point
    /// (`FloorPlenum`): its tile flows, and the inlets they feed, carry that much uncertainty.
    private static func plenumWarnings(_ model: FacilityThermalModel) -> [String] {
        model.airflows.enumerated().compactMap { h, airflow in
            guard let airflow, airflow.unsettledPlenumSolves > 0 else { return nil }
            return "\(model.facility.halls[h].name): the raised floor's tile flows did not settle in \(airflow.unsettledPlenumSolves) of "
                + "\(airflow.solves) flow solves: after \(FloorPlenum.maximumIterations) iterations a tile still moved by "
                + String(format: "%.2g %% of the units' air (%.2g of a mean tile's flow)", 100 * airflow.plenumUnsettledFraction,
                         airflow.plenumUnsettledFraction * Double(airflow.grid.tileCells.count)) + ", as tiles near the units switch "
                + "between passing air and passing none (the units' jets race along the plenum). Tile flows near the units, and the inlets "
                + "they feed, are uncertain by about that much; a deeper raised floor, or units spread along the aisles, settles them "
                + "(/airflow/plenum_unsettled_fraction; docs/models/hall-airflow.md)"
        }
    }

    /// Each rack's position in its row, how far Plenum's inlets at that position are from CFD
    /// (`HallAirflow.AgreementWithCFD.finerGridErrorK(at:)`), and how uncertain the finest CFD
    /// itself is there (`FinestGridVerdict.referenceUncertaintyK(at:)`): "one-node" and NaN in
    /// halls without a floor plan.
    private static func writePositions(_ model: FacilityThermalModel, racks: NamedAxis) throws(StorageError) {
        var positions = Array(repeating: "one-node", count: model.facility.racks.count)
        var meanK = Array(repeating: Double.nan, count: positions.count), worstK = meanK, referenceK = meanK
        for airflow in model.airflows.compactMap({ $0 }) {
            for (i, position) in airflow.grid.rackPositions.enumerated() {
                let r = airflow.racks.lowerBound + i, error = HallAirflow.AgreementWithCFD.finerGridErrorK(at: position)
                (positions[r], meanK[r], worstK[r]) = (position.rawValue, error.mean, error.worst)
                referenceK[r] = HallAirflow.AgreementWithCFD.FinestGridVerdict.referenceUncertaintyK(at: position)
            }
        }
        try racks.textColumn("rack_position", positions,
                             longName: "the rack's position in its row: row end (open air on a side: a row end or a gap), beside a row end, inner; one-node in halls without a floor plan")
        try racks.column("position_inlet_error_mean_k", meanK, units: "K",
                         longName: "mean |Plenum - CFD| of rack inlets at this position over the seven CFD halls on 6x6x6 cells per Plenum cell, the finest grid all seven have (NaN: one-node hall)")
        try racks.column("position_inlet_error_worst_k", worstK, units: "K",
                         longName: "worst |Plenum - CFD| of rack inlets at this position over the seven CFD halls on 6x6x6 cells per Plenum cell, the finest grid all seven have (NaN: one-node hall)")
        try racks.column("position_cfd_uncertainty_k", referenceK, units: "K",
                         longName: "the CFD references' own discretisation uncertainty at this position: mean over the seven halls' racks of the "
                            + "grid convergence index of the 8x8x8 inlet from the 5, 6 and 8 grids (NaN: one-node hall)")
    }

    static func write(_ model: FacilityThermalModel, spec: ScenarioSpec, to recorder: RunRecorder) throws(StorageError) {
        let facility = model.facility, seconds = model.recordedSeconds
        guard seconds > 0, !facility.racks.isEmpty else { return }
        let group = try recorder.createGroup("airflow")
        try group.setAttribute("long_name", "rack inlets and air management over the run (docs/models/hall-airflow.md)")
        if model.airflows.contains(where: { $0 != nil }) {
            // How far the floor plan's inlets are from CFD's, for whoever reads them.
            try group.setAttribute("inlet_error_against_cfd_mean_k", HallAirflow.AgreementWithCFD.meanAbsoluteErrorK)
            try group.setAttribute("inlet_error_against_cfd_worst_k", HallAirflow.AgreementWithCFD.worstErrorK)
            try group.setAttribute("inlet_error_against_finer_cfd_mean_k", HallAirflow.AgreementWithCFD.finerGridMeanAbsoluteErrorK)
            try group.setAttribute("inlet_error_against_finer_cfd_worst_k", HallAirflow.AgreementWithCFD.finerGridWorstErrorK)
            try group.setAttribute("inlet_error_against_finest_cfd_mean_k", HallAirflow.AgreementWithCFD.finestGridMeanAbsoluteErrorK)
            try group.setAttribute("inlet_error_against_finest_cfd_worst_k", HallAirflow.AgreementWithCFD.finestGridWorstErrorK)
            try group.setAttribute("cfd_grid_difference_mean_k", HallAirflow.AgreementWithCFD.referenceGridDifferenceMeanK)
            try group.setAttribute("cfd_grid_difference_worst_k", HallAirflow.AgreementWithCFD.referenceGridDifferenceWorstK)
            try group.setAttribute("finest_cfd_uncertainty_mean_k", HallAirflow.AgreementWithCFD.FinestGridVerdict.meanReferenceUncertaintyK)
            try group.setAttribute("inlet_error_proven_worst_k", HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorK)
            try group.setAttribute("inlet_error_proven_worst_at", HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorAt)
            try group.setAttribute("inlet_error_verdict", HallAirflow.AgreementWithCFD.FinestGridVerdict.summary)
            try group.setAttribute("inlet_error_reference", HallAirflow.AgreementWithCFD.reference)
            try group.setAttribute("inlet_error_covers", HallAirflow.AgreementWithCFD.covers)
            // And how far they may be from the mixing's own solution: a step keeps the last solve
            // while the changes since could move no inlet by this.
            try group.setAttribute("inlet_hold_k", HallAirflowState.heldK)
        }
        let racks = try NamedAxis(in: group, name: "rack", labels: facility.racks.map(\.name), longName: "rack")
        let halls = try NamedAxis(in: group, name: "hall", labels: spec.halls.map(\.name), longName: "hall")
        func perSecond(_ values: [Double]) -> [Double] { values.map { $0 / seconds } }
        try racks.textColumn("rack_hall", facility.racks.map { spec.halls[$0.hallIndex].name }, longName: "hall of the rack")
        let rackColumns: [(String, [Double], String, String)] = [
            ("mean_inlet_temperature_c", perSecond(model.rackInletSecondsC), "degC", "time-mean inlet air temperature"),
            ("peak_inlet_temperature_c", model.rackPeakInletC, "degC", "highest inlet air temperature of any step"),
            ("hours_above_recommended", model.rackSecondsAboveRecommended.map { $0 / 3600 }, "h", "hours with the inlet above 27 degC (ASHRAE recommended)"),
            ("hours_above_a1", model.rackSecondsAboveA1.map { $0 / 3600 }, "h", "hours with the inlet above 32 degC (ASHRAE A1 allowable)"),
            ("mean_capture_index", perSecond(model.rackCaptureSeconds), "1",
             "time-mean cold-aisle capture index: share of the intake from the cooled supply"),
        ]
        for (name, values, units, meaning) in rackColumns { try racks.column(name, values, units: units, longName: meaning) }
        try writePositions(model, racks: racks)
        try halls.textColumn("airflow_model", model.airflows.map { $0 == nil ? "one-node" : "floor-plan" },
                             longName: "one well-mixed air node, or per-rack inlets from the floor plan")
        try halls.textColumn("cfd_coverage", model.airflows.map { airflow in
            guard let airflow else { return "one-node" }
            return HallAirflow.AgreementWithCFD.outsideReferences(airflow.grid.geometry).map { "outside the CFD references: \($0)" } ?? "within the CFD references"
        }, longName: "whether the floor plan is among the halls the inlet_error_* attributes were measured on")
        let hallColumns: [(String, [Double], String, String)] = [
            ("grid_cells", model.airflows.map { Double($0?.grid.cellCount ?? 0) }, "1", "cells of the floor plan's grid (0: one node)"),
            ("flow_solves", model.airflows.map { Double($0?.solves ?? 0) }, "1", "operating points solved (running units, supply ratio)"),
            ("inlet_solves", model.airflows.map { Double($0?.inletSolves ?? 0) }, "1",
             "steps whose rack inlets were solved again (the others kept the last solve, within inlet_hold_k)"),
            ("plenum_unsettled_solves", model.airflows.map { Double($0?.unsettledPlenumSolves ?? 0) }, "1",
             "flow solves whose raised-floor tile flows did not settle in FloorPlenum.maximumIterations iterations"),
            ("plenum_unsettled_fraction", model.airflows.map { $0?.plenumUnsettledFraction ?? 0 }, "1",
             "the most a tile's flow still moved in the last plenum iteration of any flow solve, over the units' air (0: settled)"),
            ("recirculating_solves", model.airflows.map { Double($0?.recirculatingSolves ?? 0) }, "1",
             "flow solves whose racks draw mostly their own exhaust (mixing gain above HallAirflow.largestMixingGain): taken as a well-mixed room"),
            ("largest_mixing_gain", model.airflows.map { $0?.largestMixingGain ?? 0 }, "1",
             "largest mixing gain of those solves, K of inlet per K of every rack's exhaust rise (0: none; inf: a rack drawing all its own exhaust)"),
            ("relaxed_steps", model.airflows.map { Double($0?.relaxedSteps ?? 0) }, "1",
             "steps whose field's mixing gain lay above HallAirflow.starvedMixingGain (2): units starved of air, whose inlets carry the starved halls' agreement with CFD (above a gain of 1 the racks' answer to their inlets is solved with the step)"),
            ("limited_steps", model.airflows.map { Double($0?.limitedSteps ?? 0) }, "1",
             "steps in which some rack's inlet from the floor plan was held between the coldest and the hottest of the supply, the racks' last exhaust and their intakes' metal (the maximum principle of mixing; starved fields)"),
            ("mean_rci_hi", perSecond(model.hallRCIHighSeconds), "percent", "time-mean Rack Cooling Index, high side (A1)"),
            ("lowest_rci_hi", model.hallLowestRCIHigh, "percent", "lowest Rack Cooling Index, high side (A1), of any step"),
            ("mean_rti", zip(model.hallRTISeconds, model.hallRTIDefinedSeconds).map { $1 > 0 ? $0 / $1 : .nan }, "percent",
             "time-mean Return Temperature Index while the racks heat the air (nan: they never did)"),
        ]
        for (name, values, units, meaning) in hallColumns { try halls.column(name, values, units: units, longName: meaning) }
        try writeUnits(model, spec: spec, in: group)
    }

    /// The floor plans' units, on a `unit` axis named as faults name them (`hall-1/crah-2`): where
    /// each stands (docs/models/hall-airflow.md, "Where the units stand").
    private static func writeUnits(_ model: FacilityThermalModel, spec: ScenarioSpec, in group: HDF5Group) throws(StorageError) {
        var names: [String] = [], halls: [String] = [], places: [HallGeometry.UnitPlacement] = []
        for (h, airflow) in model.airflows.enumerated() {
            guard let airflow else { continue }
            for (u, place) in airflow.grid.unitPlacements.enumerated() {
                names.append("\(spec.halls[h].name)/crah-\(u + 1)")
                halls.append(spec.halls[h].name)
                places.append(place)
            }
        }
        guard !names.isEmpty else { return }
        let units = try NamedAxis(in: group, name: "unit", labels: names, longName: "cooling unit of a hall with a floor plan")
        try units.textColumn("unit_hall", halls, longName: "hall of the unit")
        try units.textColumn("unit_wall", places.map { if case .wall(let wall, _) = $0 { wall.rawValue } else { "in-row" } },
                             longName: "wall the unit stands against (west, east, south, north), or in-row")
        let columns: [(String, [Double], String)] = [
            ("unit_position", places.map { if case .wall(_, let at) = $0 { at } else { .nan } },
             "the unit's middle along its wall, from the south or west end (nan: in-row)"),
            ("unit_row", places.map { if case .inRow(let row, _) = $0 { Double(row) } else { .nan } }, "row of an in-row cooler (nan: at a wall)"),
            ("unit_after_rack", places.map { if case .inRow(_, let after) = $0 { Double(after) } else { .nan } },
             "the rack of its row an in-row cooler follows, 0 first in the row (nan: at a wall)"),
        ]
        for (name, values, meaning) in columns { try units.column(name, values, units: "1", longName: meaning) }
    }
}
