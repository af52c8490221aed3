import Foundation
import Models
import Testing

/// `ServerThermalDesign.coolantEnergyResponseJPerK`: how much less heat a server gives its liquid
/// over a step when its coolant is 1 K warmer, against the network's closed forms.
@Suite("A server's answer to its coolant")
struct CoolantResponseTests {
    /// Eight cold plates (OCP 1 kW OAM: 0.0151 K/W at its highest rated flow, 5 L/min) and a
    /// board with 20 W/K to the liquid and 300 W/K to the air at full airflow.
    func liquidServer(usesLiquid: Bool = true) -> ServerThermalDesign {
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: 8, junctionCapacityJPerK: 40, junctionToCaseKPerW: 0.03, sinkCapacityJPerK: 600,
            boardCapacityJPerK: 40_000, airCapacityJPerK: 24, boardToAirWPerK: 300, boardToLiquidWPerK: 20,
            heatSink: nil, coldPlate: .ocp1kWOAM)
        return ServerThermalDesign(
            network: ServerThermalNetwork(parameters), fan: FanModel(maxAirflowM3PerS: 0.2, maxPowerW: 200),
            acceleratorPower: AcceleratorPowerModel(tdpW: 700, idlePowerW: 100, leakageShare: 0), acceleratorLimitC: 87,
            acceleratorPowerLimitW: 700, cpuPower: nil, otherIdleW: 800, otherMaxW: 1500, coolant: .water, usesLiquid: usesLiquid,
            curves: nil, psu: nil, psuHeatToAir: true, psuUsableW: .infinity, vrmEfficiency: 1)
    }

    /// Over a step short against every node's time constant the metal is held: E = (n G_sl + G_bl) s.
    @Test func overAShortStepTheMetalIsHeld() throws {
        let design = liquidServer()
        let held = 8 / 0.0151 + 20.0
        let s = 1e-3
        let e = try design.coolantEnergyResponseJPerK(stepS: s, steady: false)
        #expect(abs(e / s - held) / held < 0.01, "\(e / s) W/K against \(held)")
        // Longer steps: the plates follow their coolant (C_s/G_sl ≈ 9 s), so the mean answer falls.
        let e30 = try design.coolantEnergyResponseJPerK(stepS: 30, steady: false)
        #expect(e30 > e && e30 / 30 < 0.5 * held)
    }

    /// In steady state the plates pass their accelerators' power whatever their coolant; only the
    /// board's path between the air and the liquid answers: G_ss = G_bl G_s/(G_s + G_bl), with
    /// 1/G_s = 1/G_ba + 1/W, largest at the fans' full speed.
    @Test func inSteadyStateOnlyTheBoardsPathAnswers() throws {
        let design = liquidServer()
        let w = 0.2 * AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK
        let gs = 1 / (1 / 300.0 + 1 / w)
        let expected = 20 * gs / (gs + 20)
        let e = try design.coolantEnergyResponseJPerK(stepS: 600, steady: true)
        #expect(abs(e / 600 - expected) / expected < 1e-6, "\(e / 600) W/K against \(expected)")
        #expect(try liquidServer(usesLiquid: false).coolantEnergyResponseJPerK(stepS: 600, steady: false) == 0)
    }
}
