import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

@Suite("One run end to end: physics, output file, reproducibility")
struct SimulationRunTests {
    static let scenario = """
        simulation:
          start: 2026-07-01T00:00:00Z
          duration: 40 min
          seed: 3
          output:
            interval: 20 s
        servers:
          node:
            idle_power: 1 kW
            max_power: 9 kW
            airflow: 0.5 m3/s
            heat_capacity: 60 kJ/K
            air_conductance: 900 W/K
        racks:
          r:
            server: node
            servers: 3
        halls:
          - name: h1
            rack: r
            supply_air_temperature: 22 degC
        workload:
          jobs:
            - name: long
              submit: 60 s
              duration: 30 min
              servers: 2
              utilization: 1
            - name: queued
              submit: 120 s
              duration: 5 min
              servers: 2
              utilization: 0.5
        """

    func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-sim-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func spec() throws -> ScenarioSpec { try ScenarioLoader.load(text: Self.scenario, path: "test.yaml").spec }

    @Test func energyBalanceAndSteadyTemperatures() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("run.h5").path
        let summary = try SimulationRunner.run(spec(), outputPath: output)
        // Energy: IT + CRAH fans = coils + facility water + stored, to the ODE tolerance.
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        #expect(summary.heatToLiquidJ == 0)
        // Power lies between all idle and the jobs at full power for their whole duration.
        let allIdleJ: Double = 3_000 * 2400
        let jobsAtFullJ: Double = 2 * 8_000 * 1800 + 2 * 4_000 * 300
        #expect(summary.itEnergyJ > allIdleJ)
        #expect(summary.itEnergyJ < allIdleJ + jobsAtFullJ)
        #expect(summary.jobsStarted == 2 && summary.jobsCompleted == 2)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))

        // Outlet rise P/(ρ c_p V̇) of a busy server, read from its own recorded inlet, power and
        // fan speed, 30 min into the job (many time constants): the closed form to 0.1 K (ρ c_p
        // is quantized to 0.25 % in the solver, 0.04 K of a 16 K rise).
        let root = try HDF5File.open(at: output).rootGroup()
        let time = try root.openDataset("timeseries/server/time").readDoubles()
        let row = time.firstIndex(of: 1860)!
        func value(_ name: String) throws -> Double { try root.openDataset("timeseries/server/\(name)").readDoubles()[row * 3] }
        let inlet = try value("inlet_temperature_c"), outlet = try value("outlet_temperature_c")
        let power = try value("power_w"), speed = try value("fan_speed")
        let w = 0.5 * speed * 101_325 / (287.05 * (inlet + 273.15)) * 1006
        #expect(abs(outlet - inlet - power / w) < 0.1, "outlet \(outlet), inlet \(inlet), power \(power), speed \(speed)")
        #expect(time.count == 121 && time.last == 2400)
        let events = try EventTable.read(root.openGroup("events"))
        #expect(events.map(\.kind) == ["job-submit", "job-start", "job-submit", "job-end", "job-start", "job-end"])
        #expect(events[4].timeS == 1860)
    }

    @Test func eachLevelSamplesOnItsOwnInterval() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("levels.h5").path
        let text = Self.scenario.replacingOccurrences(of: "    interval: 20 s", with: "    interval: 20 s\n    levels: [facility, rack]\n    intervals: {rack: 7 min}")
        let spec = try ScenarioLoader.load(text: text, path: "levels.yaml").spec
        _ = try SimulationRunner.run(spec, outputPath: output)
        let root = try HDF5File.open(at: output).rootGroup()
        #expect(try root.openDataset("timeseries/facility/time").shape() == [121])
        // 0, 7, ..., 35 min and the end at 40 min.
        #expect(try root.openDataset("timeseries/rack/time").readDoubles() == [0, 420, 840, 1260, 1680, 2100, 2400])
        #expect(root.memberKind("timeseries/server") == nil)
        #expect(root.memberKind("timeseries/hall") == nil)
    }

    @Test func sameScenarioAndSeedGiveBitwiseIdenticalFiles() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.h5").path, b = dir.appendingPathComponent("b.h5").path
        _ = try SimulationRunner.run(spec(), outputPath: a)
        _ = try SimulationRunner.run(spec(), outputPath: b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test func unwritableOutputFailsCleanlyAndLeavesNothing() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let output = blocker.appendingPathComponent("run.h5").path
        #expect(throws: SimulationError.self) { _ = try SimulationRunner.run(spec(), outputPath: output) }
        let folderAsOutput = dir.path
        #expect(throws: SimulationError.self) { _ = try SimulationRunner.run(spec(), outputPath: folderAsOutput) }
    }

    @Test func outputIsSelfDescribing() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("run.h5").path
        _ = try SimulationRunner.run(spec(), outputPath: output)
        let root = try HDF5File.open(at: output).rootGroup()
        #expect(try root.openDataset("scenario/source_text").readString() == Self.scenario)
        let resolved = try root.openDataset("scenario/text").readString()
        #expect(try ScenarioLoader.load(text: resolved, path: "again.yaml").spec.simulation.seed == 3)
        #expect(try root.openGroup("scenario").attribute("seed") == .integer(3))
        for group in ["timeseries/facility", "timeseries/hall", "timeseries/rack", "timeseries/server", "summary"] where root.memberKind(group) == .group {
            let g = try root.openGroup(group)
            for name in try g.memberNames() {
                let dataset = try g.openDataset(name)
                // Numbers carry units; labels (`rack_name`...) are text, which CF gives none.
                if try dataset.elementKind() != .string {
                    #expect(dataset.hasAttribute("units"), "\(dataset.path) has no units")
                }
                #expect(dataset.hasAttribute("long_name"), "\(dataset.path) has no long_name")
            }
        }
        #expect(try root.openDataset("timeseries/rack/time").stringAttribute("units") == "seconds since 2026-07-01T00:00:00Z")
        #expect(try root.openDataset("timeseries/rack/time").stringAttribute("standard_name") == "time")
        // CF-1.10 global attributes; `history` reproduces the data, whatever the output path.
        #expect(try root.stringAttribute("Conventions") == "CF-1.10")
        #expect(try root.stringAttribute("history").hasPrefix("plenum run "))
        #expect(try root.stringAttribute("history").hasSuffix("--seed 3"))
        // Named axes: an int32 index coordinate, the names as `<axis>_name` listed in `coordinates`.
        let rack = try root.openGroup("timeseries/rack")
        #expect(try rack.openDataset("rack").elementKind() == .integer)
        #expect(try rack.readStringColumn("rack_name").first == "h1/r1-1")
        #expect(try rack.openDataset("inlet_temperature_c").stringAttribute("coordinates") == "rack_name")
        #expect(try rack.openDataset("inlet_temperature_c").dimensionScaleNames() == ["time", "rack"])
        let summary = try root.openGroup("summary")
        #expect(try summary.openDataset("month").readDoubles() == (1...12).map(Double.init))
        #expect(try summary.openDataset("monthly_pue").dimensionScaleNames() == ["month"])
        #expect(try summary.openDataset("energy_cost").stringAttribute("units") == "1")
    }
}
