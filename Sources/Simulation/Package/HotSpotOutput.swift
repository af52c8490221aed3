import Foundation
import Models
import Storage

/// Writes a `--model hotspot` run to HDF5 (docs/output.md, "Package files"): `/blocks` on HotSpot's
/// node names (every layer's blocks and the twelve package nodes) with power and steady
/// temperature, and with a transient the `time` axis and `temperature_c (time, block)`;
/// `/summary` with the hottest junction and the energy balance.
public enum HotSpotOutput {
    public static func write(_ run: HotSpotRun, to path: String, inputs: [String], history: String) throws(SimulationError) {
        let output = try OutputFile(path: path, inputs: inputs)
        do {
            let file = try HDF5File.create(at: output.partialPath, overwrite: true)
            let root = try file.rootGroup()
            let model = "hotspot-\(run.study.modelType.rawValue)"
            try OutputConventions.writeGlobalAttributes(root, title: "Plenum package analysis on HotSpot 7.0's \(run.study.modelType.rawValue) model",
                                                        history: history)
            try root.setAttribute("plenum_version", PlenumVersion.current)
            try root.setAttribute("kind", model)
            let network = run.network
            let power = Dictionary(uniqueKeysWithValues: zip(network.powerNames, run.powersW))
            // A powered block's read-out carries its power; HotSpot's grid names add a layer prefix.
            let powerOfOutput = zip(network.outputNames, network.outputIsPowered).map { name, powered -> Double in
                guard powered else { return 0 }
                return power[name] ?? power[String(name.split(separator: "_", maxSplits: 2).last ?? "")] ?? 0
            }
            let group = try root.createGroup("blocks")
            let blocks = try NamedAxis(in: group, name: "block", labels: network.outputNames, longName: "HotSpot node (block per layer, or package node)")
            try blocks.column("power_w", powerOfOutput, units: "W", longName: "steady power (the trace's mean row)")
            try blocks.column("steady_temperature_c", run.steadyK.map { $0 - 273.15 }, units: "degC",
                              longName: "steady temperature (\(run.study.modelType == .grid ? "grid map mode \(run.study.mapMode.rawValue)" : "block node"))")
            try blocks.integerColumn("is_junction", network.outputIsPowered.map { $0 ? 1 : 0 }, longName: "1 for a block of a power-dissipating layer")
            if let transient = run.transient {
                try blocks.writeBlockSeries(timesS: transient.timesS, temperaturesC: transient.outputsK.map { $0.map { $0 - 273.15 } },
                                            timeMeaning: "end of each power-trace row's sampling interval",
                                            meaning: "block temperature after each sampling interval (HotSpot's .ttrace)")
            }
            let summary = try root.createGroup("summary")
            let hottest = run.hottest
            for (name, value, units, meaning) in [
                ("total_power_w", run.powersW.reduce(0, +), "W", "steady power"),
                ("hottest_junction_c", hottest.kelvin - 273.15, "degC", "hottest block of a power-dissipating layer (\(hottest.name))"),
                ("energy_balance_relative_error", run.energyBalanceRelativeError, "1", "(heat to ambient − power) / power"),
                ("nodes", Double(network.nodeCount), "1", "thermal network nodes"),
            ] {
                let dataset = try summary.createScalar(name, value)
                try dataset.setUnits(units)
                try dataset.setAttribute("long_name", meaning)
            }
            try file.flush()
        } catch {
            output.discard()
            throw .output(error)
        }
        try output.commit()
    }
}
