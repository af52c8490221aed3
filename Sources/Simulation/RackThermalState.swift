import Models
import Numerics

/// The continuous state of one rack: its thermal network, the ODE integrator that advances it
/// between events, and the energy books.
///
/// Inputs (server powers) are constant between events; after `setPower` the integrator's
/// history is reset because the right-hand side jumped.
final class RackThermalState {
    let name: String
    private(set) var network: RackThermalNetwork
    private(set) var state: [Double]
    private let initialState: [Double]
    private var integrator: ODEIntegrator!
    /// Electrical energy delivered to the servers so far, J (exact: power is piecewise constant).
    private(set) var electricalEnergyJ = 0.0

    init(name: String, network: RackThermalNetwork, relativeTolerance: Double) {
        self.name = name
        self.network = network
        // Start in the steady state of the initial (idle) load, as a rack that has been idling.
        state = network.steadyState()
        initialState = state
        // Absolute tolerance in K for temperatures and J for E: 1e-6 K is far below any
        // sensor; E's tolerance is loose in relative terms and tightened by the relative one.
        integrator = ODEIntegrator(
            dimension: network.stateDimension, method: .msbdf,
            absoluteTolerance: 1e-6, relativeTolerance: relativeTolerance, initialStep: 1e-3,
            derivatives: { [unowned self] _, y, dydt in self.network.derivatives(y, dydt) },
            jacobian: { [unowned self] _, _, dfdy, dfdt in self.network.jacobian(dfdy, dfdt) })
    }

    /// Sets the power of server `index` (W); takes effect from the current time.
    func setPower(_ powerW: Double, server index: Int) {
        guard network.powerW[index] != powerW else { return }
        network.powerW[index] = powerW
        integrator.reset()
    }

    /// Integrates from `t0` to `t1` (s).
    func advance(from t0: Double, to t1: Double) throws(SimulationError) {
        var total = 0.0
        for power in network.powerW { total += power }
        do {
            try integrator.integrate(&state, from: t0, to: t1)
        } catch {
            throw .numerical(error, timeS: t0, component: "rack '\(name)' thermal network")
        }
        electricalEnergyJ += total * (t1 - t0)
    }

    var itPowerW: Double { network.powerW.reduce(0, +) }
    /// Heat carried away by the air so far, J.
    var heatRemovedJ: Double { state[network.stateDimension - 1] }
    /// Heat stored in the rack's thermal masses relative to the start, J.
    var storedHeatJ: Double { network.storedEnergyJ(state, relativeTo: initialState) }

    func solidTemperatureC(server i: Int) -> Double { state[i] - 273.15 }
    func outletTemperatureC(server i: Int) -> Double { state[network.serverCount + i] - 273.15 }
    var supplyTemperatureC: Double { network.supplyTemperatureK - 273.15 }
    var heatRemovalRateW: Double {
        (0..<network.serverCount).reduce(0) { $0 + network.heatRemovedW(state, server: $1) }
    }

    /// Exhaust air temperature of the rack: the servers' outlets mixed by heat capacity rate, °C.
    var exhaustTemperatureC: Double {
        var weighted = 0.0, rate = 0.0
        for i in 0..<network.serverCount {
            weighted += network.airHeatRateWPerK[i] * state[network.serverCount + i]
            rate += network.airHeatRateWPerK[i]
        }
        return weighted / rate - 273.15
    }
}
