import Foundation
import Numerics

/// `plenum package --model hotspot`: a HotSpot study solved on HotSpot's own network, steady
/// (the trace's mean row, as HotSpot's steady mode) and, when asked, the trace replayed row by
/// row from HotSpot's initial temperatures (`-init_temp`, or `-init_file`).
public struct HotSpotRun: Sendable {
    /// Which HotSpot 7.0 build a grid transient reproduces. The default build integrates with
    /// adaptive fourth-order Runge-Kutta (0.01 K per step), as accurately as Plenum's BDF2 with
    /// short steps; the build with `SUPERLU=1` takes one backward-Euler step per sampling
    /// interval (its adaptive stepping is commented out in RCutil.c's `backward_euler`). Block
    /// models use Runge-Kutta in both builds. Steady states are the same in both.
    public enum Build: String, Sendable, CaseIterable {
        case standard = "default"
        case superLU = "superlu"
    }

    public let study: HotSpotStudy
    public let network: ThermalRCNetwork
    /// Steady power of each of `network.powerNames`, W.
    public let powersW: [Double]
    /// Steady node temperatures and read-outs (in `network.outputNames` order), K.
    public let steadyNodesK: [Double]
    public let steadyK: [Double]
    /// (heat to ambient − power) / power at steady state.
    public let energyBalanceRelativeError: Double
    /// The replayed trace: the end of each row's interval, s, and the read-outs then, K.
    public let transient: (timesS: [Double], outputsK: [[Double]])?
    /// Steps per sampling interval in the transient: BDF2, or one backward-Euler step
    /// (`backwardEulerPerInterval`, HotSpot's SuperLU build on a grid).
    public let substeps: Int
    public let backwardEulerPerInterval: Bool

    /// - Parameters:
    ///   - transientRows: replay this many trace rows (the last held beyond the trace); nil: no transient.
    ///   - stepS: the transient's time step (default: the interval cut into steps of at most 0.2 ms).
    ///   - build: the HotSpot build whose grid transient to reproduce.
    public init(_ study: HotSpotStudy, transientRows: Int?, stepS: Double? = nil, build: Build = .standard) throws(HotSpotRunError) {
        self.study = study
        do {
            network = try study.network()
        } catch {
            throw .model(error)
        }
        powersW = network.powerNames.map { study.powerW[$0] ?? 0 }
        do {
            steadyNodesK = try network.steady(powersW: powersW)
        } catch {
            throw .numerical(error)
        }
        steadyK = network.outputs(steadyNodesK)
        let total = powersW.reduce(0, +)
        energyBalanceRelativeError = total > 0 ? (network.heatOutW(steadyNodesK) - total) / total : 0
        let interval = study.samplingIntervalS
        let superLUGrid = build == .superLU && study.modelType == .grid
        backwardEulerPerInterval = superLUGrid
        substeps = superLUGrid ? 1 : max(1, Int((interval / (stepS ?? 2e-4)).rounded(.up)))
        guard let transientRows, transientRows > 0 else {
            transient = nil
            return
        }
        let trace = study.trace ?? HotSpotStudy.PowerTrace(names: network.powerNames, rows: [powersW])
        let columns = network.powerNames.map { trace.keys.firstIndex(of: $0) }
        let rows = (0..<transientRows).map { r in
            let row = trace.rows[min(r, trace.rows.count - 1)]
            return columns.map { $0.map { row[$0] } ?? 0 }
        }
        do {
            let network = self.network
            let samples = try network.transient(initialK: Self.initialNodes(study, network), rowsW: rows, intervalS: interval, substeps: substeps,
                                                backwardEulerOnly: superLUGrid)
            transient = ((1...transientRows).map { Double($0) * interval }, samples.map { network.outputs($0) })
        } catch {
            throw .numerical(error)
        }
    }

    /// HotSpot's initial temperatures: `-init_temp` everywhere, or an initial file's values by
    /// name (a block's value on every node it reads; a node read by several, their mean).
    static func initialNodes(_ study: HotSpotStudy, _ network: ThermalRCNetwork) -> [Double] {
        guard let given = study.initialTemperaturesK else { return [Double](repeating: study.initialK, count: network.nodeCount) }
        var sum = [Double](repeating: 0, count: network.nodeCount), count = sum
        for (name, nodes) in zip(network.outputNames, network.outputNodes) {
            guard let value = given[name] else { continue }
            for node in nodes {
                sum[node] += value
                count[node] += 1
            }
        }
        return (0..<network.nodeCount).map { count[$0] > 0 ? sum[$0] / count[$0] : study.initialK }
    }

    /// The hottest read-out of a power-dissipating layer: its name and temperature, K.
    public var hottest: (name: String, kelvin: Double) {
        let powered = network.outputIsPowered.indices.filter { network.outputIsPowered[$0] }
        let k = powered.max { steadyK[$0] < steadyK[$1] } ?? 0
        return (network.outputNames[k], steadyK[k])
    }
}

public enum HotSpotRunError: Error, CustomStringConvertible, Sendable {
    case model(HotSpotModelError)
    case numerical(NumericalError)

    public var description: String {
        switch self {
        case .model(let error): return error.description
        case .numerical(let error): return "HotSpot network solve failed: \(error)"
        }
    }
}
