import Foundation
import Testing
import Models
import Scenario
@testable import Simulation
import Storage

/// Servers described by EnergyPlus ITE curves (the example file's 500 W equipment) inside a hall.
@Suite("EnergyPlus ITE servers in a hall")
struct EnergyPlusServerTests {
    static let scenario = """
        simulation: {duration: 1 h, time_step: 10 s, output: {interval: 1 min, levels: [facility, server]}}
        servers:
          ite:
            accelerators: 0
            energyplus_ite: {design_power: 500 W}
        racks:
          r: {server: ite, servers: 10}
        halls:
          - {name: h, rack: r, rows: 1, racks_per_row: 10, containment: hot-aisle, supply_air_temperature: 18 degC}
        workload:
          jobs: [{duration: 1 h, servers: 100, utilization: 1}]
        """

    @Test func powerAndAirflowFollowTheCurvesAtTheInlet() throws {
        let spec = try ScenarioLoader.load(text: Self.scenario, path: "ite.yaml").spec
        let curves = try #require(spec.serverTypes[0].energyPlusCurves)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-ite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.h5").path
        let summary = try SimulationRunner.run(spec, outputPath: path)
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        let root = try HDF5File.open(at: path).rootGroup()
        let row = 40 * 100 // 40 min in, server 0
        let inlet = try root.openDataset("timeseries/server/inlet_temperature_c").readDoubles()[row]
        let power = try root.openDataset("timeseries/server/power_w").readDoubles()[row]
        let outlet = try root.openDataset("timeseries/server/outlet_temperature_c").readDoubles()[row]
        let speed = try root.openDataset("timeseries/server/fan_speed").readDoubles()[row]
        // P = P_CPU(u, T_in) + P_fan(u, T_in) at the server's own inlet.
        #expect(abs(power - curves.powerW(utilization: 1, inletC: inlet)) < 1e-6 * power)
        // Airflow = V̇_design·f_flow (to the 2 % speed step), and the outlet rise is P/(ρ c_p V̇).
        let flow = curves.airflowM3PerS(utilization: 1, inletC: inlet)
        #expect(abs(speed * 0.05 - flow) <= 0.01 * 0.05 + 1e-12)
        let rise = power / AirProperties.heatCapacityRateWPerK(flowM3PerS: speed * 0.05, temperatureC: inlet)
        #expect(abs(outlet - inlet - rise) < 0.1, "outlet \(outlet), inlet \(inlet), rise \(rise)")
        // The curves' fan power is reported as server fan energy (it was zero, issue 13): between
        // the fans at the coldest and the warmest inlet of the run, times the servers and duration.
        let fanEnergy = try root.openDataset("summary/server_fan_energy_j").readDoubles()[0]
        #expect(fanEnergy > 0 && fanEnergy < summary.itEnergyJ * curves.fanPowerFraction * 1.5)
    }

    @Test func curvesAndAcceleratorsDoNotMix() {
        let text = Self.scenario.replacingOccurrences(of: "    accelerators: 0\n", with: "    accelerator: h100-sxm\n    accelerators: 8\n")
        #expect(throws: ScenarioError.self) { _ = try ScenarioLoader.load(text: text, path: "ite.yaml") }
    }
}
