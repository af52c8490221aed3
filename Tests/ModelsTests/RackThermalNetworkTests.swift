import Foundation
import Testing
@testable import Models
import Numerics

@Suite("Rack RC network against closed forms")
struct RackThermalNetworkTests {
    /// One server: solids C_s = 80 kJ/K, air C_a = 24 J/K, G = 1000 W/K, A = 600 W/K.
    func oneServer(powerW: Double, supplyK: Double = 297.15) -> RackThermalNetwork {
        RackThermalNetwork(solidCapacityJPerK: [80_000], airCapacityJPerK: [24], conductanceWPerK: [1000],
                           airHeatRateWPerK: [600], supplyTemperatureK: supplyK, powerW: [powerW])
    }

    func integrate(_ network: RackThermalNetwork, from start: [Double], to t: Double) throws -> [Double] {
        let integrator = ODEIntegrator(
            dimension: network.stateDimension, absoluteTolerance: 1e-9, relativeTolerance: 1e-11,
            derivatives: { _, y, dydt in network.derivatives(y, dydt) },
            jacobian: { _, _, dfdy, dfdt in network.jacobian(dfdy, dfdt) })
        var y = start
        try integrator.integrate(&y, from: 0, to: t)
        return y
    }

    @Test func steadyStateIsSupplyPlusPowerOverConductances() {
        let network = oneServer(powerW: 9000)
        let y = network.steadyState()
        // T_a = T_sup + P/A = 297.15 + 15; T_s = T_a + P/G = T_a + 9.
        #expect(abs(y[1] - (297.15 + 15)) < 1e-12)
        #expect(abs(y[0] - (297.15 + 15 + 9)) < 1e-12)
    }

    /// The two-node step response in closed form: y(t) = y_ss + Σ_k c_k v_k e^(λ_k t), with λ_k
    /// and v_k the eigenpairs of the 2×2 system matrix, which has real negative eigenvalues.
    @Test func stepResponseMatchesTwoNodeClosedForm() throws {
        let idle = oneServer(powerW: 1500)
        var loaded = idle
        loaded.powerW = [9000]
        let start = idle.steadyState()
        let final = loaded.steadyState()
        let cs = 80_000.0, ca = 24.0, g = 1000.0, a = 600.0
        // M = [[-g/cs, g/cs], [g/ca, -(g+a)/ca]]
        let m11 = -g / cs, m12 = g / cs, m21 = g / ca, m22 = -(g + a) / ca
        let trace = m11 + m22, determinant = m11 * m22 - m12 * m21
        let root = sqrt(trace * trace / 4 - determinant)
        let lambda1 = trace / 2 + root, lambda2 = trace / 2 - root
        // Eigenvectors (m12, λ − m11).
        let v1 = (m12, lambda1 - m11), v2 = (m12, lambda2 - m11)
        let d0 = (start[0] - final[0], start[1] - final[1])
        // Solve d0 = c1 v1 + c2 v2.
        let det = v1.0 * v2.1 - v2.0 * v1.1
        let c1 = (d0.0 * v2.1 - v2.0 * d0.1) / det
        let c2 = (v1.0 * d0.1 - d0.0 * v1.1) / det
        for t in [1.0, 10, 60, 300, 1200] {
            let y = try integrate(loaded, from: start, to: t)
            let solid = final[0] + c1 * v1.0 * exp(lambda1 * t) + c2 * v2.0 * exp(lambda2 * t)
            let air = final[1] + c1 * v1.1 * exp(lambda1 * t) + c2 * v2.1 * exp(lambda2 * t)
            #expect(abs(y[0] - solid) < 1e-6, "solid at t=\(t)")
            #expect(abs(y[1] - air) < 1e-6, "air at t=\(t)")
        }
        // The slow time constant is close to the lumped C_s (1/G + 1/A) = 213 s.
        #expect(abs(-1 / lambda1 - cs * (1 / g + 1 / a)) / (cs * (1 / g + 1 / a)) < 0.01)
    }

    /// Electrical energy in = heat removed by the air + heat stored in the nodes.
    @Test func energyIsConserved() throws {
        let network = RackThermalNetwork(solidCapacityJPerK: [80_000, 60_000, 70_000], airCapacityJPerK: [24, 20, 22],
                                         conductanceWPerK: [1000, 800, 900], airHeatRateWPerK: [600, 500, 650],
                                         supplyTemperatureK: 295, powerW: [9000, 3000, 6000])
        var start = network.steadyState()
        start[0] -= 5; start[4] += 2 // not in equilibrium
        let duration = 900.0
        let y = try integrate(network, from: start, to: duration)
        let electrical = network.powerW.reduce(0, +) * duration
        let removed = y[network.stateDimension - 1]
        let stored = network.storedEnergyJ(y, relativeTo: start)
        #expect(abs(electrical - removed - stored) / electrical < 1e-9)
    }

    @Test(arguments: [0.0, 500, 5000, 20_000])
    func morePowerOrWarmerSupplyNeverCools(powerW: Double) {
        let base = oneServer(powerW: powerW).steadyState()
        let hotter = oneServer(powerW: powerW + 100).steadyState()
        let warmerSupply = oneServer(powerW: powerW, supplyK: 300).steadyState()
        #expect(hotter[0] > base[0] && hotter[1] > base[1])
        #expect(warmerSupply[0] > base[0] && warmerSupply[1] > base[1])
    }
}

@Suite("Air properties and server power")
struct AirAndPowerTests {
    /// ASHRAE Handbook—Fundamentals (2021) ch. 1, Table 2: dry air at 25 °C and 101.325 kPa has
    /// specific volume 0.8443 m³/kg, i.e. density 1.1844 kg/m³.
    @Test func dryAirDensityMatchesASHRAETable() {
        let density = AirProperties.densityKgPerM3(temperatureC: 25)
        #expect(abs(density - 1 / 0.8443) / (1 / 0.8443) < 1e-3)
    }

    /// Outlet air rise ΔT = P / (ρ c_p V̇): 10 kW in 0.5 m³/s of 25 °C air rises 16.8 K.
    @Test func outletRiseFromHeatCapacityRate() {
        let rate = AirProperties.heatCapacityRateWPerK(flowM3PerS: 0.5, temperatureC: 25)
        let rise = 10_000 / rate
        #expect(abs(rise - 10_000 / (0.5 * 1.18437 * 1006)) < 0.01)
    }

    @Test func powerIsLinearInUtilisationAndClamped() {
        let model = ServerPowerModel(idlePowerW: 1500, maxPowerW: 10_200)
        #expect(model.powerW(utilization: 0) == 1500)
        #expect(model.powerW(utilization: 1) == 10_200)
        #expect(abs(model.powerW(utilization: 0.5) - 5850) < 1e-9)
        #expect(model.powerW(utilization: 1.5) == 10_200)
        #expect(model.powerW(utilization: -1) == 1500)
    }
}
