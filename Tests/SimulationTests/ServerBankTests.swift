import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// The server bank: threads that change nothing, and dormant servers that stay within the
/// tolerance of servers advanced every step.
@Suite("Server bank: threads and dormant servers")
struct ServerBankTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ file: String, _ overrides: [String: String]) throws -> ScenarioSpec {
        try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path,
                                overrides: overrides.map { .init(keyPath: $0.key, value: $0.value) }).spec
    }

    /// The servers due in a step are cut into blocks advanced at once; everything that adds them
    /// up runs in server order afterwards. So the files are the same byte for byte.
    @Test(arguments: ["crah-failure.yaml", "gpt3-training.yaml", "utility-outage.yaml"])
    func oneAndTwoThreadsWriteIdenticalFiles(file: String) throws {
        let spec = try spec(file, ["simulation.duration": "40 min"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let one = folder.appendingPathComponent("one.h5").path, two = folder.appendingPathComponent("two.h5").path
        _ = try SimulationRunner.run(spec, outputPath: one, threads: 1)
        _ = try SimulationRunner.run(spec, outputPath: two, threads: 2)
        #expect(FileManager.default.contentsEqual(atPath: one, andPath: two))
    }

    /// The same at the bank itself, with every step on both threads (threshold 1): a hall whose
    /// servers run different loads, advanced for an hour; every state, clock and flow the same bit
    /// for bit.
    @Test func blocksOnTwoThreadsMatchOneThreadBitForBit() throws {
        let spec = try spec("shanghai-a100-air.yaml", [:])
        let facility = Facility(spec)
        let one = try FacilityThermalModel(spec: spec, facility: facility, threads: 1)
        let two = try FacilityThermalModel(spec: spec, facility: facility, threads: 2, parallelThreshold: 1)
        for model in [one, two] {
            for s in 0..<model.servers.serverCount { model.setUtilization(Double(s % 7) / 6, server: s) }
            try model.advance(from: 0, to: 3600, maxStepS: 60) { _ in }
        }
        #expect(one.servers.state.array == two.servers.state.array)
        #expect(one.servers.clocks.array == two.servers.clocks.array)
        #expect(one.servers.results.array == two.servers.results.array)
        #expect(one.itEnergyJ == two.itEnergyJ && one.coilEnergyJ == two.coilEnergyJ)
    }

    /// Watching (looking only at servers whose inputs may have moved, `ServerWatch`) finds exactly
    /// the servers a look at every server finds: jobs start and end on a changing subset, the
    /// halls' inlets drift, a CRAH fails; states, clocks and flows agree bit for bit.
    @Test func watchingFindsTheSameServersAsLookingAtAll() throws {
        let spec = try spec("crah-failure.yaml", [:])
        let facility = Facility(spec)
        let watching = try FacilityThermalModel(spec: spec, facility: facility)
        let all = try FacilityThermalModel(spec: spec, facility: facility, watchesChanges: false)
        for model in [watching, all] {
            for block in 0..<12 {
                for s in 0..<model.servers.serverCount where (s * 7 + block) % 5 == 0 { model.setUtilization(Double(block % 4) / 3, server: s) }
                if block == 6 { _ = model.setUnit(.crah, hall: 0, number: 1, failed: true) }
                try model.advance(from: Double(block) * 600, to: Double(block + 1) * 600, maxStepS: 30) { _ in }
            }
        }
        #expect(watching.servers.advancedServerSteps == all.servers.advancedServerSteps)
        #expect(watching.servers.state.array == all.servers.state.array)
        #expect(watching.servers.results.array == all.servers.results.array)
        #expect(watching.itEnergyJ == all.itEnergyJ)
    }

    /// A CDU 100 times too small for the racks (12 kW units for 5 MW of liquid heat): no server
    /// can hold even its idle heat, and leakage would run away while settling. They start shut
    /// down, cold, and say so, instead of starting at thousands of degrees.
    @Test func serversThatCannotIdleStartShutDown() throws {
        let spec = try spec("ulanqab-h100-dlc.yaml", ["cooling.cdu[0].capacity": "12 kW"])
        let model = try FacilityThermalModel(spec: spec, facility: Facility(spec))
        let servers = model.servers
        #expect(servers.shutdownChanges.count == servers.serverCount && servers.shutdownChanges.allSatisfy(\.off))
        let hottest = (0..<servers.acceleratorCount).map { servers.junctionC(accelerator: $0) }.max()!
        #expect(hottest < 100, "settled cold: \(hottest) °C")
        #expect(servers.facilityTotals.powerW == 0)
    }

    /// Dormant servers (inputs within 0.2 K of those they last ran with, settled) against every
    /// server advanced whenever anything changes (tolerance 0): energies agree to 10⁻⁴, peak
    /// temperatures to a few tolerances, and the energy books still close.
    @Test(arguments: ["crah-failure.yaml", "ulanqab-h100-dlc.yaml", "shanghai-a100-air.yaml"])
    func dormantServersStayWithinTheTolerance(file: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-dormant-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ tolerance: String) throws -> RunSummary {
            let spec = try spec(file, ["simulation.duration": "6 h", "simulation.solver.server_tolerance": tolerance])
            return try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("\(tolerance).h5").path, threads: 1)
        }
        let exact = try run("0 K"), dormant = try run("0.05 K")
        #expect(abs(dormant.energyBalanceRelativeError) < 1e-6)
        #expect(abs(dormant.itEnergyJ - exact.itEnergyJ) / exact.itEnergyJ < 1e-4)
        let pue = (dormant.facility?.pue ?? 1, exact.facility?.pue ?? 1)
        #expect(abs(pue.0 - pue.1) < 1e-4, "PUE \(pue.0) vs \(pue.1)")
        #expect(abs(dormant.peakInletC - exact.peakInletC) < 0.1)
        if exact.peakJunctionC.isFinite { #expect(abs(dormant.peakJunctionC - exact.peakJunctionC) < 0.25) }
        #expect(dormant.throttleEvents == exact.throttleEvents && dormant.shutdowns == exact.shutdowns)
    }
}
