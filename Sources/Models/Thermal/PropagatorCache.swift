import Numerics

/// Propagators of server networks, one per (server design, fan speed step, coolant flow, inlet
/// air density step, step length): computing a matrix exponential costs ~50 µs, applying it ~1 µs, and operating points
/// repeat (fan speeds move in 2 % steps, coolant flow changes only when pumps fail).
public final class PropagatorCache {
    public init() {}
    private struct Key: Hashable {
        let design: Int
        let fanStep: Int
        let coolantMicroLitresPerS: Int
        let volumetricHeatBits: UInt64
        let stepBits: UInt64
    }

    private var entries: [Key: LinearStepPropagator] = [:]
    /// Bound on entries: steps cut short by events have arbitrary lengths.
    private let capacity = 4096

    public func propagator(design: Int, network: ServerThermalNetwork, flows: ServerThermalNetwork.Flows, fanSpeed: Double,
                    stepS: Double) throws(NumericalError) -> LinearStepPropagator {
        let key = Key(design: design, fanStep: Int((fanSpeed * 1000).rounded()),
                      coolantMicroLitresPerS: Int((flows.coolantFlowPerPlateM3PerS * 1e9).rounded()),
                      volumetricHeatBits: flows.airVolumetricHeatJPerM3K.bitPattern, stepBits: stepS.bitPattern)
        if let cached = entries[key] { return cached }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let propagator = try LinearStepPropagator(matrix: network.matrix(flows), dimension: network.dimension, stepS: stepS)
        entries[key] = propagator
        return propagator
    }

    public var count: Int { entries.count }
}
