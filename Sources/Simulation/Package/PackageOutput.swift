import Foundation
import Models
import Storage

/// Writes a package analysis to HDF5 (docs/output.md, "Package files"): per layer a 2-D
/// temperature map `(y, x)` with cell-centre coordinates in metres as dimension scales; per die
/// and per block their results; the compact model, power and cost as scalars. Written under a
/// temporary name and renamed when complete.
public enum PackageOutput {
    /// A transient's record: the hottest cell and each block's mean after each step.
    public struct Transient: Sendable {
        public var timesS: [Double], maxC: [Double], blockMeansC: [[Double]]
        public init(timesS: [Double], maxC: [Double], blockMeansC: [[Double]]) {
            self.timesS = timesS
            self.maxC = maxC
            self.blockMeansC = blockMeansC
        }
    }

    /// Checks an output path before the analysis runs (docs/reliability.md): not an input, a
    /// device or a folder.
    public static func checkPath(_ path: String, inputs: [String]) throws(SimulationError) {
        _ = try OutputFile.check(path: path, inputs: inputs)
    }

    /// - Parameter history: the command that reproduces the data (CF `history`).
    public static func write(_ analysis: PackageAnalysis, transient: Transient?, to path: String,
                             inputs: [String] = [], history: String) throws(SimulationError) {
        let output = try OutputFile(path: path, inputs: inputs)
        do {
            let file = try HDF5File.create(at: output.partialPath, overwrite: true)
            let root = try file.rootGroup()
            try OutputConventions.writeGlobalAttributes(root, title: "Plenum package analysis: \(analysis.design.name)", history: history)
            try root.setAttribute("plenum_version", PlenumVersion.current)
            try root.setAttribute("kind", analysis.design.kind.rawValue)
            let grid = analysis.solver.grid
            let maps = try root.createGroup("layers")
            let x = (0..<grid.columns).map { (grid.xEdges[$0] + grid.xEdges[$0 + 1]) / 2 }
            let y = (0..<grid.rows).map { (grid.yEdges[$0] + grid.yEdges[$0 + 1]) / 2 }
            let xScale = try maps.createDataset("x", values: x, shape: [x.count])
            try xScale.setAttribute("units", "m")
            try xScale.setAttribute("long_name", "cell centre, x")
            try xScale.makeDimensionScale(named: "x")
            let yScale = try maps.createDataset("y", values: y, shape: [y.count])
            try yScale.setAttribute("units", "m")
            try yScale.setAttribute("long_name", "cell centre, y")
            try yScale.makeDimensionScale(named: "y")
            for (index, layer) in analysis.solver.problem.layers.enumerated() {
                let map = analysis.layerMap(index).flatMap { $0 }
                let dataset = try maps.createDataset(layer.name, values: map, shape: [grid.rows, grid.columns])
                try dataset.setAttribute("units", "degC")
                try dataset.setAttribute("long_name", "temperature of layer \(layer.name) (mean through its thickness)")
                try dataset.setAttribute("thickness_m", layer.thicknessM)
                try dataset.setAttribute("layer_index", index)
                try dataset.attach(scale: yScale, toDimension: 0)
                try dataset.attach(scale: xScale, toDimension: 1)
            }

            let dies = try NamedAxis(in: root.createGroup("dies"), name: "die", labels: analysis.dies.map(\.name), longName: "die")
            for (name, values, units, meaning) in [
                ("power_w", analysis.dies.map(\.powerW), "W", "die power at its temperature (leakage included)"),
                ("max_temperature_c", analysis.dies.map(\.maxC), "degC", "hottest cell of the die"),
                ("mean_temperature_c", analysis.dies.map(\.meanC), "degC", "area-weighted mean"),
                ("hot_spot_x_m", analysis.dies.map(\.hotSpotX), "m", "hottest cell's centre, x"),
                ("hot_spot_y_m", analysis.dies.map(\.hotSpotY), "m", "hottest cell's centre, y"),
                ("yield", analysis.dies.map(\.yield), "1", "negative-binomial die yield"),
                ("good_die_cost_usd", analysis.dies.map(\.goodDieCostUSD), "USD", "cost per known-good die"),
                ("phy_area_mm2", analysis.dies.map(\.phyAreaMM2), "mm2", "die-to-die PHY area"),
                ("junction_to_fluid_k_per_w", analysis.dies.map(\.junctionToFluidKPerW), "K/W", "compact model: (die's hottest cell - fluid) / package power"),
                ("capacity_j_per_k", analysis.dies.map(\.capacityJPerK), "J/K", "compact model: the die's heat capacity"),
                ("hot_spot_excess_k", analysis.dies.map(\.hotSpotExcessK), "K", "compact model: the die's hottest cell above its mean"),
                ("x_m", analysis.design.dies.map(\.rectangle.x), "m", "die's lower-left corner, x"),
                ("y_m", analysis.design.dies.map(\.rectangle.y), "m", "die's lower-left corner, y"),
                ("width_m", analysis.design.dies.map(\.rectangle.width), "m", "die's width (x)"),
                ("height_m", analysis.design.dies.map(\.rectangle.height), "m", "die's height (y)"),
                ("tier", analysis.design.dies.map { Double($0.tier) }, "1", "0 on the carrier; 1, 2, ... stacked above"),
            ] {
                try dies.column(name, values, units: units, longName: meaning)
            }
            let sources = analysis.solver.grid.sources
            let blocks = try NamedAxis(in: root.createGroup("blocks"), name: "block", labels: analysis.blocks.map(\.name),
                                       longName: "floorplan block")
            for (name, values, units, meaning) in [("power_w", analysis.blocks.map(\.powerW), "W", "block power"),
                                                   ("max_temperature_c", analysis.blocks.map(\.maxC), "degC", "hottest cell of the block"),
                                                   ("mean_temperature_c", analysis.blocks.map(\.meanC), "degC", "area-weighted mean"),
                                                   ("x_m", sources.map(\.rectangle.x), "m", "block's lower-left corner on the package, x"),
                                                   ("y_m", sources.map(\.rectangle.y), "m", "block's lower-left corner on the package, y"),
                                                   ("width_m", sources.map(\.rectangle.width), "m", "block's width (x)"),
                                                   ("height_m", sources.map(\.rectangle.height), "m", "block's height (y)")] {
                try blocks.column(name, values, units: units, longName: meaning)
            }
            if let transient, !analysis.blocks.isEmpty {
                try blocks.writeBlockSeries(timesS: transient.timesS, temperaturesC: transient.blockMeansC,
                                            timeMeaning: "time since the power was switched on",
                                            meaning: "block temperature after each transient step (at the face its power enters)")
            }

            let summary = try root.createGroup("summary")
            let c = analysis.compact, b = analysis.budget
            for (name, value, units, meaning) in [
                ("total_power_w", analysis.steady.totalPowerW, "W", "package power with leakage at the solved temperatures"),
                ("compute_power_w", b.computeW, "W", "blocks and uniform die power at the reference temperature"),
                ("link_power_w", b.linkW, "W", "die-to-die links"), ("hbm_power_w", b.hbmW, "W", "HBM traffic"),
                ("cim_power_w", b.cimW, "W", "compute-in-memory macros"),
                ("cim_delivered_tops", b.cimDeliveredTOPS, "1e12 s-1", "CIM throughput delivered, TOPS (limited by macro density)"),
                ("hottest_junction_c", analysis.hottestC, "degC", "hottest cell of any die"),
                ("junction_to_case_k_per_w", c.junctionToCaseKPerW, "K/W", "compact model: hottest junction − case top, per W"),
                ("junction_to_fluid_k_per_w", c.junctionToFluidKPerW, "K/W", "hottest junction − fluid, per W, with this cooling"),
                ("junction_capacity_j_per_k", c.junctionCapacityJPerK, "J/K", "compact model: heat capacity of dies, bonds and TIM1"),
                ("hot_spot_excess_k", c.hotSpotExcessK, "K", "hottest junction above its die's mean"),
                ("energy_balance_relative_error", analysis.steady.energyBalanceRelativeError, "1", "(heat out − power) / power"),
                ("cost_per_good_package_usd", analysis.cost.costPerGoodPackageUSD, "USD", "dies, carrier and substrate / bonding yield"),
                ("die_cost_usd", analysis.cost.dieCostUSD, "USD", "known-good dies"),
                ("bump_cost_usd", analysis.cost.bumpCostUSD, "USD", "C4 (organic) or micro-bumps (interposer) on the dies"),
                ("carrier_cost_usd", analysis.cost.carrierCostUSD, "USD", "interposer (with its C4 bumps) or bridges, as made"),
                ("carrier_yield", analysis.cost.carrierYield, "1", "the interposer's own yield (1 without one)"),
                ("substrate_cost_usd", analysis.cost.substrateCostUSD, "USD", "organic substrate"),
                ("bonding_yield", analysis.cost.bondingYield, "1", "die, stack and interposer-to-substrate bonding yields"),
                ("grid_cells", Double(analysis.solver.grid.cellCount), "1", "finite-volume cells"),
                ("hottest_block_c", analysis.convergence.answer.hottestBlockC, "degC",
                 "mean temperature of the hottest block (\(analysis.convergence.block)) on the grid reported"),
                ("discretisation_error_k", analysis.convergence.estimatedErrorK ?? .nan, "K",
                 "bound on the hottest block's discretisation error (Grid Convergence Index, slices + lateral; NaN: not estimated)"),
                ("richardson_hottest_block_c", analysis.convergence.extrapolatedC ?? .nan, "degC",
                 "hottest block extrapolated to an infinitely fine grid (Richardson; NaN: not estimated)"),
                ("grid_tolerance_k", analysis.convergence.toleranceK, "K", "discretisation error allowed (grid.tolerance)"),
                ("grid_converged", analysis.convergence.converged ? 1 : 0, "1", "1 when the error bound is within grid.tolerance"),
                ("grid_lateral_refinement", Double(analysis.convergence.answer.lateral), "1", "lateral cells refined by this factor from the design's grid"),
                ("grid_slice_refinement", Double(analysis.convergence.answer.vertical), "1", "slices of thick slabs multiplied by this factor"),
            ] {
                let dataset = try summary.createScalar(name, value)
                try dataset.setUnits(units)
                try dataset.setAttribute("long_name", meaning)
            }
            if let transient {
                let group = try root.createGroup("transient")
                let time = try group.createDataset("elapsed", values: transient.timesS, shape: [transient.timesS.count])
                try time.setAttribute("units", "s")
                try time.setAttribute("long_name", "time since the power was switched on")
                try time.makeDimensionScale(named: "elapsed")
                let hottest = try group.createDataset("max_temperature_c", values: transient.maxC, shape: [transient.maxC.count])
                try hottest.setAttribute("units", "degC")
                try hottest.setAttribute("long_name", "hottest cell after each step (power switched on at t = 0)")
                try hottest.attach(scale: time, toDimension: 0)
            }
            try file.flush()
        } catch {
            output.discard()
            throw .output(error)
        }
        try output.commit()
    }
}
