import Foundation
import Models
import Simulation

/// What `plenum package --model hotspot` prints: the network, the energy balance, the hottest
/// block, and every block of the power-dissipating layers in kelvin as HotSpot prints them.
enum HotSpotReport {
    static func text(_ run: HotSpotRun, label: String, wallSeconds: Double) -> String {
        let s = run.study, n = run.network
        let shape = s.modelType == .grid ? "grid \(s.gridRows) × \(s.gridColumns), map mode \(s.mapMode.rawValue)" : "block"
        let hottest = run.hottest
        var lines = ["Plenum \(PlenumVersion.current) — HotSpot 7.0 \(s.modelType.rawValue) model of \(label)",
                     "  Network          \(shape); \(n.nodeCount) nodes; \(String(format: "%.2f", wallSeconds)) s wall",
                     "  Energy balance   " + String(format: "%.1e of power unaccounted", run.energyBalanceRelativeError),
                     "  Power            " + String(format: "%.2f W (the trace's mean row)", run.powersW.reduce(0, +)),
                     "  Hottest block    \(hottest.name) " + String(format: "%.2f K (%.2f °C)", hottest.kelvin, hottest.kelvin - 273.15)]
        if let transient = run.transient, let last = transient.outputsK.last {
            let powered = n.outputIsPowered.indices.filter { n.outputIsPowered[$0] }
            let peak = transient.outputsK.map { row in powered.map { row[$0] }.max() ?? .nan }.max() ?? .nan
            let method = run.backwardEulerPerInterval ? "one backward-Euler step each, as HotSpot's SuperLU build" : "\(run.substeps) BDF2 steps each"
            lines.append(String(format: "  Transient        %d intervals of %g s (", transient.timesS.count, s.samplingIntervalS) + method
                         + String(format: "): hottest block %.2f K at the end, %.2f K at most", powered.map { last[$0] }.max() ?? .nan, peak))
        }
        lines.append("  Blocks (K)")
        for k in n.outputNames.indices where n.outputIsPowered[k] {
            lines.append("    " + n.outputNames[k].padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%.2f", run.steadyK[k]))
        }
        return lines.joined(separator: "\n")
    }
}
