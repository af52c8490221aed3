import Models
import Numerics

/// The continuous state of one rack: its thermal network, the ODE integrator that advances it
/// between events, and the energy books.
///
/// Server power is electrical power; a fraction `liquidFraction` of it is taken by liquid at the
/// source (cold plates, immersion) and leaves the rack directly, the rest heats the air network.
/// Inputs are constant between events; after `setPower` the integrator's history is reset
/// because the right-hand side jumped.
final class RackThermalState {
    let name: String
    let liquidFraction: Double
    private(set) var network: RackThermalNetwork
    private(set) var serverPowerW: [Double]
    private(set) var state: [Double]
    private let initialState: [Double]
    private var integrator: ODEIntegrator!
    /// Electrical energy delivered to the servers so far, J (exact: power is piecewise constant).
    private(set) var electricalEnergyJ = 0.0
    /// Heat taken by liquid at the source so far, J (exact, as above).
    private(set) var heatToLiquidJ = 0.0

    init(name: String, network: RackThermalNetwork, liquidFraction: Double, relativeTolerance: Double) {
        precondition((0...1).contains(liquidFraction))
        self.name = name
        self.liquidFraction = liquidFraction
        serverPowerW = network.powerW
        var airNetwork = network
        airNetwork.powerW = network.powerW.map { $0 * (1 - liquidFraction) }
        self.network = airNetwork
        // Start in the steady state of the initial (idle) load, as a rack that has been idling.
        state = airNetwork.steadyState()
        initialState = state
        // Absolute tolerance 1e-6 K for temperatures (far below any sensor) and 1e-6 J for E,
        // which the relative tolerance then dominates.
        integrator = ODEIntegrator(
            dimension: airNetwork.stateDimension, method: .msbdf,
            absoluteTolerance: 1e-6, relativeTolerance: relativeTolerance, initialStep: 1e-3,
            derivatives: { [unowned self] _, y, dydt in self.network.derivatives(y, dydt) },
            jacobian: { [unowned self] _, _, dfdy, dfdt in self.network.jacobian(dfdy, dfdt) })
    }

    /// Sets the electrical power of server `index` (W); takes effect from the current time.
    func setPower(_ powerW: Double, server index: Int) {
        guard serverPowerW[index] != powerW else { return }
        serverPowerW[index] = powerW
        network.powerW[index] = powerW * (1 - liquidFraction)
        integrator.reset()
    }

    /// Integrates from `t0` to `t1` (s).
    func advance(from t0: Double, to t1: Double) throws(SimulationError) {
        do {
            try integrator.integrate(&state, from: t0, to: t1)
        } catch {
            throw .numerical(error, timeS: t0, component: "rack '\(name)' thermal network")
        }
        let total = itPowerW
        electricalEnergyJ += total * (t1 - t0)
        heatToLiquidJ += total * liquidFraction * (t1 - t0)
    }

    var serverCount: Int { network.serverCount }
    var itPowerW: Double { serverPowerW.reduce(0, +) }
    var heatToLiquidW: Double { itPowerW * liquidFraction }
    /// Heat carried away by the air so far, J.
    var heatRemovedByAirJ: Double { state[network.stateDimension - 1] }
    /// Heat stored in the rack's thermal masses relative to the start, J.
    var storedHeatJ: Double { network.storedEnergyJ(state, relativeTo: initialState) }

    func solidTemperatureC(server i: Int) -> Double { state[i] - 273.15 }
    func outletTemperatureC(server i: Int) -> Double { state[network.serverCount + i] - 273.15 }
    var supplyTemperatureC: Double { network.supplyTemperatureK - 273.15 }
    var heatToAirW: Double {
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
