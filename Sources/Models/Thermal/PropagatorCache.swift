import Numerics

/// Propagators of server networks, one per (server design, fan speed step, coolant flow, inlet
/// air density step, step length): computing a matrix exponential costs ~800 µs for a 20-node
/// server, applying it ~1 µs, and operating points repeat (fan speeds move in 2 % steps, coolant
/// flow changes only when pumps fail). Step lengths do not repeat when events cut steps: for
/// those, one `PropagatorLadder` per operating point gives any length as a chain of its factors,
/// applied in turn. Either is the same in every thread's cache, so files do not depend on
/// `--threads`.
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
    /// Chained steps of cut lengths: a length serves the servers due in that step and rarely
    /// returns, so these are kept apart and cleared on their own, and never push the repeating
    /// lengths' exponentials (~800 µs each) out of `entries`.
    private var chainedEntries: [Key: ChainedStepPropagator] = [:]
    private var ladders: [Key: PropagatorLadder] = [:]
    /// Bound on entries: a run that asks for exact propagators of many lengths (a caller's
    /// choice) or meets many operating points.
    private let capacity = 4096, chainedCapacity = 1024

    private static func key(design: Int, flows: ServerThermalNetwork.Flows, fanSpeed: Double, stepS: Double) -> Key {
        Key(design: design, fanStep: Int((fanSpeed * 1000).rounded()),
            coolantMicroLitresPerS: Int((flows.coolantFlowPerPlateM3PerS * 1e9).rounded()),
            volumetricHeatBits: flows.airVolumetricHeatJPerM3K.bitPattern, stepBits: stepS.bitPattern)
    }

    /// The propagator over `stepS`, its own exponential: for lengths that repeat.
    public func propagator(design: Int, network: ServerThermalNetwork, flows: ServerThermalNetwork.Flows, fanSpeed: Double,
                           stepS: Double) throws(NumericalError) -> LinearStepPropagator {
        let key = Self.key(design: design, flows: flows, fanSpeed: fanSpeed, stepS: stepS)
        if let cached = entries[key] { return cached }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        let propagator = try Self.exponential(network: network, flows: flows, stepS: stepS)
        entries[key] = propagator
        return propagator
    }

    /// The step over `stepS` as the operating point's ladder factors (for lengths that will not
    /// repeat), the same as its own exponential to ~1e-10.
    public func chainedStep(design: Int, network: ServerThermalNetwork, flows: ServerThermalNetwork.Flows, fanSpeed: Double,
                            stepS: Double) throws(NumericalError) -> ChainedStepPropagator {
        let key = Self.key(design: design, flows: flows, fanSpeed: fanSpeed, stepS: stepS)
        if let cached = chainedEntries[key] { return cached }
        if chainedEntries.count >= chainedCapacity { chainedEntries.removeAll(keepingCapacity: true) }
        // A step beyond the ladder's reach (2⁵² base steps: a network far stiffer than any
        // server's) gets its own exponential.
        let step = if let chained = try? ladder(design: design, network: network, flows: flows, fanSpeed: fanSpeed)
            .chainedStep(stepS: stepS) {
            chained
        } else {
            ChainedStepPropagator(try Self.exponential(network: network, flows: flows, stepS: stepS))
        }
        chainedEntries[key] = step
        return step
    }

    /// The step's own exact propagator (a matrix exponential).
    private static func exponential(network: ServerThermalNetwork, flows: ServerThermalNetwork.Flows,
                                    stepS: Double) throws(NumericalError) -> LinearStepPropagator {
        try LinearStepPropagator(matrix: network.matrix(flows), dimension: network.dimension, stepS: stepS)
    }

    /// The ladder of the operating point, for steps of any length.
    private func ladder(design: Int, network: ServerThermalNetwork, flows: ServerThermalNetwork.Flows,
                       fanSpeed: Double) throws(NumericalError) -> PropagatorLadder {
        let key = Self.key(design: design, flows: flows, fanSpeed: fanSpeed, stepS: 0)
        if let cached = ladders[key] { return cached }
        if ladders.count >= capacity { ladders.removeAll(keepingCapacity: true) }
        let ladder = try PropagatorLadder(matrix: network.matrix(flows), dimension: network.dimension)
        ladders[key] = ladder
        return ladder
    }

    /// Exact propagators and ladders held.
    public var count: Int { entries.count + chainedEntries.count + ladders.count }
}
