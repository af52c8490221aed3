import Foundation
import Numerics

/// What a server's step is given, held over the step (zero-order hold).
public struct ServerStepInputs: Sendable, Equatable {
    /// Utilisation 0-1 of the job on the server.
    public var utilization: Double
    /// Air at the server inlet and coolant at the cold plates' inlet, °C.
    public var inletC: Double
    public var coolantC: Double
    /// Coolant flow per cold plate, m³/s (0 without plates, or with the pumps stopped).
    public var coolantFlowPerPlateM3PerS: Double
    /// Whether the critical power reaches the server (false while an outage drops it).
    public var powered: Bool
    /// Ceiling on every accelerator's clock from facility and rack power caps (1: none).
    public var clockCeiling: Double
    /// The fan speed of the server's last step (nil: none yet): quasi-steady steps move the fans
    /// halfway to their demand from it (`ServerStep.advance`).
    public var previousFanSpeed: Double?

    public init(utilization: Double, inletC: Double, coolantC: Double, coolantFlowPerPlateM3PerS: Double, powered: Bool,
                clockCeiling: Double, previousFanSpeed: Double? = nil) {
        self.previousFanSpeed = previousFanSpeed
        self.utilization = utilization
        self.inletC = inletC
        self.coolantC = coolantC
        self.coolantFlowPerPlateM3PerS = coolantFlowPerPlateM3PerS
        self.powered = powered
        self.clockCeiling = clockCeiling
    }
}

/// What a server's step returns, SI units: means over the step for powers and heat flows.
public struct ServerStepResult: Sendable, Equatable {
    /// Wall (AC) power, and the parts of it that are PSU loss, VRM loss and fans, W.
    public var powerW = 0.0, psuLossW = 0.0, vrmLossW = 0.0, fanPowerW = 0.0
    /// Heat delivered to the air stream and to the liquid, W.
    public var heatToAirW = 0.0, heatToLiquidW = 0.0
    public var airflowM3PerS = 0.0
    public var fanSpeed = 1.0
    /// The server shut down (a junction past its limit + 5 K) or restarted in this step.
    public var shutdownChanged = false
    /// How far the server's temperatures are, after the step, from where these inputs would hold
    /// them, K: in the transient mode the distance to the steady state (or, when that is above the
    /// caller's threshold, the change over the step, which is smaller); in the quasi-steady one the
    /// change over the step (leakage and fans still finding their point). And the largest
    /// change of a clock in the step.
    public var unsettledK = 0.0
    public var largestClockChange = 0.0
    /// The hottest junction after the step, °C (−∞ without accelerators).
    public var hottestJunctionC = -Double.infinity

    public init() {}
}

/// Scratch space for `ServerStep.advance`: one per thread, sized for the largest design.
///
/// The buffers are allocated once and held as constant pointers: a step touches them a dozen
/// times, and arrays held in a class's `var`s made every touch a dynamic exclusivity check (3.6-3.8 %
/// of a heterogeneous run's instructions, counted with callgrind: docs/performance.md).
public final class ServerStepWorkspace {
    let input: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>
    let dies: UnsafeMutableBufferPointer<Double>, before: UnsafeMutableBufferPointer<Double>
    let steadyTarget: UnsafeMutableBufferPointer<Double>
    public let cache = PropagatorCache()
    /// The run's coupling step, s: transient steps of this length get a propagator of their own
    /// exponential; steps of other lengths (cut short by events) the operating point's ladder
    /// factors, applied in turn (`PropagatorCache`). Nil: every length gets its own exponential.
    public let regularStepS: Double?

    public init(maximumDimension: Int, maximumAccelerators: Int, regularStepS: Double? = nil) {
        self.regularStepS = regularStepS
        func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
            buffer.initialize(repeating: 0)
            return buffer
        }
        input = zeros(maximumDimension)
        scratch = zeros(maximumDimension)
        before = zeros(maximumDimension)
        steadyTarget = zeros(maximumDimension)
        dies = zeros(maximumAccelerators)
    }

    deinit {
        for buffer in [input, scratch, dies, before, steadyTarget] { buffer.deallocate() }
    }
}

/// One server over one coupling step: the physics of docs/models/it-thermal.md as a step
/// function. Given the server's state, its inputs and the step, it sets fan speed, accelerator
/// power (utilisation, clock, leakage at the junction temperature), board and PSU power, then
/// advances the thermal network exactly (`LinearStepPropagator`) with those inputs held, reads the
/// heat delivered to air and liquid off the network's accumulators, and updates each
/// accelerator's clock (temperature limit and power caps: `ThrottleController`) and the shutdown
/// state. It owns no state: the caller keeps it (structure of arrays) and passes slices.
public enum ServerStep {
    /// A server shuts down when a junction passes its limit + 5 K (the margin between the H100's
    /// maximum operating and shutdown temperatures in nvidia-smi: 87 and 92 °C), and restarts
    /// when the hottest junction is 20 K below the limit and its inlet within ASHRAE A2.
    public static let shutdownMarginK = 5.0
    public static let restartMarginK = 20.0
    /// Length of the step that takes a server network to its steady state (far beyond its
    /// slowest time constant, hours): the quasi-steady mode's step.
    public static let steadyStepS = 1e7
    static let throttle = ThrottleController()

    public enum Mode: Sendable {
        /// The network's transient over the step.
        case transient
        /// The network jumps to its steady state (no heat stored in servers); flows of the step
        /// are the steady flows.
        case quasiSteady
        /// Settling at the start: no shutdown, clock or flow bookkeeping.
        case settling
    }

    /// Advances one server by `stepS`.
    ///
    /// - Parameters:
    ///   - state: the server's network state (`design.network.dimension` values, K and J).
    ///   - clocks, acceleratorPowerW: one per accelerator; clocks are updated, powers written.
    ///   - shutDown: the server's shutdown flag, updated unless `mode` is `.settling`.
    ///   - designIndex: the key of `design` in the workspace's propagator cache.
    ///   - settledBelowK: the caller's threshold for a settled server; `unsettledK` is exact below it.
    public static func advance(design: ServerThermalDesign, designIndex: Int, state: UnsafeMutableBufferPointer<Double>,
                               clocks: UnsafeMutableBufferPointer<Double>, acceleratorPowerW: UnsafeMutableBufferPointer<Double>,
                               shutDown: inout Bool, inputs: ServerStepInputs, stepS dt: Double, mode: Mode,
                               settledBelowK: Double = .infinity, workspace: ServerStepWorkspace) throws(NumericalError) -> ServerStepResult {
        let network = design.network, n = network.dimension
        var result = ServerStepResult()
        let hottest = hottestJunctionC(design: design, state: UnsafeBufferPointer(state))
        var speed = design.fanSpeed(utilization: inputs.utilization, inletC: inputs.inletC, deviceMarginK: design.acceleratorLimitC - hottest)
        // Quasi-steady steps jump the network to the steady state of the speed chosen from the
        // step before, so firmware's ramp applied as is alternates between two speeds (slow: the
        // junctions settle hot, so the next step runs fast, where they settle cool...). Moving
        // halfway to the demand finds the speed whose steady state asks for itself, the one a
        // transient run settles to (docs/models/it-thermal.md).
        if mode == .quasiSteady, let previous = inputs.previousFanSpeed, previous != speed, design.curves == nil {
            speed = design.fan.stepped(previous + 0.5 * (speed - previous))
        }
        result.fanSpeed = speed
        result.airflowM3PerS = design.fan.airflowM3PerS(speed: speed)
        // ρ·c_p of the inlet air, in steps of 1 % (about 3 K of inlet): the matrix and the input vector must use the
        // same value, and the propagator cache keys on it.
        let volumetricHeat = quantized(AirProperties.densityKgPerM3(temperatureC: inputs.inletC) * AirProperties.specificHeatJPerKgK)
        let flows = ServerThermalNetwork.Flows(
            airflowM3PerS: result.airflowM3PerS, airVolumetricHeatJPerM3K: volumetricHeat,
            coolantFlowPerPlateM3PerS: inputs.coolantFlowPerPlateM3PerS, referenceAirflowM3PerS: design.fan.maxAirflowM3PerS)
        if mode != .settling {
            if !shutDown && hottest > design.acceleratorLimitC + shutdownMarginK {
                shutDown = true
                result.shutdownChanged = true
            } else if shutDown && hottest < design.acceleratorLimitC - restartMarginK && inputs.inletC <= ASHRAEEnvelope.a2.inletRangeC.upperBound {
                shutDown = false
                result.shutdownChanged = true
            }
        }
        let off = shutDown || !inputs.powered
        let u = off ? 0 : inputs.utilization
        // Accelerator modules draw `power`; their VRMs pass vrmEfficiency of it to the die and
        // heat the board with the rest.
        var modules = 0.0
        for k in 0..<design.acceleratorCount {
            let junctionC = state[network.junctionIndex(k)] - 273.15
            let power = off ? 0 : design.acceleratorPower!.powerW(utilization: u, clock: clocks[k], junctionC: junctionC)
            workspace.dies[k] = power * design.vrmEfficiency
            acceleratorPowerW[k] = power
            modules += power
        }
        // A shut-down server draws nothing; its fans stop with it.
        let parts = off ? (cpuW: 0.0, restW: 0.0, fanW: 0.0)
            : design.boardPowerW(utilization: u, fanSpeed: speed, inletC: inputs.inletC, boardC: state[network.boardIndex] - 273.15)
        let dc = modules + parts.cpuW + parts.restW + parts.fanW
        let psuLoss = design.psu?.lossW(outputW: dc) ?? 0
        var board = parts.cpuW + parts.restW + parts.fanW + (1 - design.vrmEfficiency) * modules
        if !design.psuHeatToAir { board += psuLoss }
        result.powerW = dc + psuLoss
        result.psuLossW = psuLoss
        result.vrmLossW = (1 - design.vrmEfficiency) * (modules + parts.cpuW)
        result.fanPowerW = parts.fanW

        let steady = mode == .quasiSteady
        let oddLength = mode == .transient && workspace.regularStepS.map { $0 != dt } ?? false
        let airBefore = state[network.airEnergyIndex], liquidBefore = state[network.liquidEnergyIndex]
        let input = UnsafeMutableBufferPointer(rebasing: workspace.input[0..<n])
        let scratch = UnsafeMutableBufferPointer(rebasing: workspace.scratch[0..<n])
        let before = workspace.before
        network.fillInput(input, acceleratorPowerW: UnsafeBufferPointer(workspace.dies), boardPowerW: board,
                          airHeatW: design.psuHeatToAir ? psuLoss : 0,
                          airInletK: inputs.inletC + 273.15, coolantInletK: inputs.coolantC + 273.15, flows: flows)
        for i in 0..<n { before[i] = state[i] }
        if oddLength {
            // A cut step's length rarely returns: its ladder factors are applied in turn rather
            // than multiplied out (`ChainedStepPropagator`).
            try workspace.cache.chainedStep(design: designIndex, network: network, flows: flows, fanSpeed: speed, stepS: dt)
                .advance(state, input: UnsafeBufferPointer(input), scratch: scratch)
        } else {
            try workspace.cache.propagator(design: designIndex, network: network, flows: flows, fanSpeed: speed,
                                           stepS: steady ? steadyStepS : dt)
                .advance(state, input: UnsafeBufferPointer(input), scratch: scratch)
        }
        guard mode != .settling else { return result }
        if steady {
            // The long step's accumulators grew by the steady flows times its length plus the heat
            // the nodes released or took on the way (2 MJ for a server's metal 50 K off its
            // steady state, 0.2 W over the 10⁷ s step; stored heat is not counted in this mode).
            // Keep the steady state's flows, for this step's length: the liquid's from the state,
            // and the air's the rest of the power, as a steady state conserves it.
            let liquidFlow = network.liquidHeatFlowW(UnsafeBufferPointer(state), coolantInletK: inputs.coolantC + 273.15, flows: flows)
            result.heatToAirW = result.powerW - liquidFlow
            result.heatToLiquidW = liquidFlow
            state[network.airEnergyIndex] = airBefore + result.heatToAirW * dt
            state[network.liquidEnergyIndex] = liquidBefore + liquidFlow * dt
        } else {
            result.heatToAirW = (state[network.airEnergyIndex] - airBefore) / dt
            result.heatToLiquidW = (state[network.liquidEnergyIndex] - liquidBefore) / dt
        }
        for i in 0..<network.airEnergyIndex { result.unsettledK = max(result.unsettledK, abs(state[i] - before[i])) }
        // A server that moved by more than `settledBelowK` in this step is not settled; only one
        // that moved less is measured against where its inputs lead (one more product).
        if !steady && result.unsettledK < settledBelowK {
            // Where the held inputs lead: one long step from here.
            let settling = try workspace.cache.propagator(design: designIndex, network: network, flows: flows, fanSpeed: speed, stepS: steadyStepS)
            let target = UnsafeMutableBufferPointer(rebasing: workspace.steadyTarget[0..<n])
            for i in 0..<n { target[i] = state[i] }
            settling.advance(target, input: UnsafeBufferPointer(input), scratch: scratch)
            for i in 0..<network.airEnergyIndex { result.unsettledK = max(result.unsettledK, abs(state[i] - target[i])) }
        }
        // Throttling: temperature limit and power cap (TDP) on each accelerator.
        if let model = design.acceleratorPower {
            let sensitivity = design.clockSensitivityK(flows: flows, utilization: u)
            for k in 0..<design.acceleratorCount {
                let junctionC = state[network.junctionIndex(k)] - 273.15
                let cap = min(model.clockForPowerCap(design.acceleratorPowerLimitW, utilization: u, junctionC: junctionC), inputs.clockCeiling)
                let next = throttle.nextClock(current: clocks[k], junctionC: junctionC, limitC: design.acceleratorLimitC,
                                              capClock: cap, stepS: dt, sensitivityK: sensitivity)
                result.largestClockChange = max(result.largestClockChange, abs(next - clocks[k]))
                clocks[k] = next
            }
        }
        result.hottestJunctionC = hottestJunctionC(design: design, state: UnsafeBufferPointer(state))
        return result
    }

    /// The hottest junction of a server's state, °C (−∞ without accelerators).
    public static func hottestJunctionC(design: ServerThermalDesign, state: UnsafeBufferPointer<Double>) -> Double {
        var hottest = -Double.infinity
        for k in 0..<design.acceleratorCount { hottest = max(hottest, state[design.network.junctionIndex(k)] - 273.15) }
        return hottest
    }

    /// A value rounded to a relative step of 1 % (on a logarithmic grid), so that operating
    /// points repeat.
    public static func quantized(_ value: Double) -> Double {
        let step = log(1.01)
        return exp((log(value) / step).rounded() * step)
    }
}
