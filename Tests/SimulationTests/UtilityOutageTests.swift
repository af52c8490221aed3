import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// The utility-outage example: the utility fails at 10 min for 20 min; batteries carry the IT
/// until the generators take everything 45 s later.
@Suite("Utility outages, batteries and generators")
struct UtilityOutageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run(_ overrides: [ScenarioComposer.Override] = []) throws -> (RunSummary, FacilitySummary, [EventRecord], HDF5Group, URL) {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/utility-outage.yaml").path, overrides: overrides).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-outage-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("out.h5").path
        let summary = try SimulationRunner.run(spec, outputPath: path)
        let root = try HDF5File.open(at: path).rootGroup()
        return (summary, try #require(summary.facility), try EventTable.read(root.openGroup("events")), root, folder)
    }

    @Test func batteriesBridgeToTheGeneratorsAndRecharge() throws {
        let (summary, f, events, root, folder) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kinds = events.filter { $0.component.hasPrefix("power/") }.map { "\($0.kind)@\(Int($0.timeS))" }
        #expect(kinds == ["utility-outage-start@600", "generator-online@645", "utility-outage-end@1800", "generator-offline@1800"])
        #expect(f.criticalLossHours == 0 && summary.shutdowns == 0)
        // The batteries delivered the critical input (IT + PDU + UPS losses) for the 45 s start
        // delay; the state of charge fell by exactly that energy over the capacity.
        let capacity = 75 * 3.6e6
        #expect(abs((1 - f.minimumBatteryStateOfCharge) * capacity - f.batteryDischargeJ) < 1e-6 * capacity)
        #expect(abs(f.onBatteryHours - 45.0 / 3600) < 1e-12)
        let meanCriticalW = f.batteryDischargeJ / 45
        #expect(meanCriticalW > 0.7e6 && meanCriticalW < 0.85e6, "critical input \(meanCriticalW) W")
        // Recharged by the end: what was stored again equals what was drawn out.
        let soc = try root.openDataset("timeseries/facility/battery_state_of_charge").readDoubles()
        #expect(abs(soc.last! - 1) < 1e-12)
        #expect(abs(f.batteryStoredChangeJ) < 1e-6 * capacity)
        // Generators carried the facility for 1800 − 645 s; fuel at 0.27 L/kWh.
        #expect(abs(f.generatorEnergyJ / 3.6e6 * 0.27 - f.generatorFuelL) < 1e-9)
        #expect(f.generatorEnergyJ > 0.7e6 * 1155 && f.generatorEnergyJ < 0.95e6 * 1155)
        #expect(abs(f.outageHours - 1200.0 / 3600) < 1e-12)
        // Books close with every source and the charging loss.
        #expect(abs(f.booksRelativeError) < 1e-9)
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
    }

    /// Without cooling for the start delay the room air heats (CRAHs are not on the UPS), and
    /// comes back within the recommended envelope once the generators run them.
    @Test func coolingStopsUntilTheGeneratorsRun() throws {
        let (_, _, events, root, folder) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let time = try root.openDataset("timeseries/hall/time").readDoubles()
        let fans = try root.openDataset("timeseries/facility/crah_fan_power_w").readDoubles()
        let source = try root.openDataset("timeseries/facility/power_source").readDoubles()
        for (i, t) in time.enumerated() where t > 600 && t < 1800 {
            #expect(source[i] == (t <= 645 ? 2 : 1), "source at \(t)")
            if t <= 645 { #expect(fans[i] == 0) } else if t >= 660 { #expect(fans[i] > 0) }
        }
        #expect(events.contains { $0.kind == "inlet-outside-recommended" && $0.timeS > 600 && $0.timeS < 645 })
        #expect(events.contains { $0.kind == "inlet-inside-recommended" && $0.timeS > 645 && $0.timeS < 900 })
    }

    /// Generators that start too late: the 75 kWh battery empties after about capacity / load,
    /// the IT drops until the utility returns, and comes back with it.
    @Test func anEmptyBatteryDropsTheCriticalLoad() throws {
        let (_, f, events, root, folder) = try run([.init(keyPath: "power.generators.start_delay", value: "30 min")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let lost = try #require(events.first { $0.kind == "critical-load-lost" })
        // Depletion is found at the end of the 5 s step in which it happens.
        let meanCriticalW = (f.batteryDischargeJ - f.batteryOverdrawJ) / (lost.timeS - 600)
        let expectedS = 600 + 75 * 3.6e6 / meanCriticalW
        #expect(lost.timeS >= expectedS - 1e-6 && lost.timeS < expectedS + 5)
        #expect(f.batteryOverdrawJ < 5 * 1e6)
        #expect(events.contains { $0.kind == "critical-load-restored" && $0.timeS == 1800 })
        #expect(abs(f.criticalLossHours - (1800 - lost.timeS) / 3600) < 1e-9)
        let time = try root.openDataset("timeseries/facility/time").readDoubles()
        let it = try root.openDataset("timeseries/facility/it_power_w").readDoubles()
        for (i, t) in time.enumerated() where t > lost.timeS + 5 && t <= 1800 { #expect(it[i] == 0, "IT at \(t)") }
        #expect(it.last! > 0)
        #expect(f.generatorEnergyJ == 0)
        #expect(abs(f.booksRelativeError) < 1e-9)
    }

    /// No UPS: the IT goes down with the utility, at once.
    @Test func withoutAUPSTheITFallsWithTheUtility() throws {
        let (_, f, events, _, folder) = try run([.init(keyPath: "power.ups", value: "null"), .init(keyPath: "power.batteries", value: "null")])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(events.contains { $0.kind == "critical-load-lost" && $0.timeS == 600 })
        #expect(events.contains { $0.kind == "critical-load-restored" && $0.timeS == 645 })
        #expect(abs(f.criticalLossHours - 45.0 / 3600) < 1e-12)
        #expect(f.batteryDischargeJ == 0 || f.batteryDischargeJ < 1)
    }

    /// With chilled-water CRAHs: after the generators take the load, the chillers need their
    /// restart time before the coils have chilled water again; the room keeps heating until
    /// then, and cools once they are back.
    @Test func chillersRestartBeforeTheCoilsCoolAgain() throws {
        let (_, f, events, root, folder) = try run([
            .init(keyPath: "cooling.chillers", value: "{units: 2, redundant: 1, capacity: 1 MW, cop: 6, restart_time: 5 min}"),
            .init(keyPath: "cooling.towers", value: "{units: 2, capacity: 1.2 MW, approach: 4 K, fan_power: 10 kW}"),
            .init(keyPath: "site.catalog", value: "shanghai"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = try #require(events.first { $0.kind == "chiller-restart-start" })
        let end = try #require(events.first { $0.kind == "chiller-restart-end" })
        #expect(start.timeS == 645 && end.timeS == 945)
        let time = try root.openDataset("timeseries/hall/time").readDoubles()
        let room = try root.openDataset("timeseries/hall/room_temperature_c").readDoubles()
        func roomAt(_ t: Double) -> Double { room[time.firstIndex(of: t)!] }
        // CRAH fans run on the generators but the coils have no water: the room keeps warming.
        #expect(roomAt(900) > roomAt(660))
        // Chilled water back: the room comes down.
        #expect(roomAt(1500) < roomAt(940) - 1)
        #expect(f.unmetCoolingJ > 0)
        #expect(abs(f.booksRelativeError) < 1e-9)
    }

    /// A chilled-water tank bridges the chiller restart: sized for more than the restart, the
    /// room does not warm once the generators run; a small one empties first.
    @Test func storageBridgesTheChillerRestart() throws {
        func outage(storage: String) throws -> (FacilitySummary, [EventRecord], [Double], [Double], URL) {
            let (_, f, events, root, folder) = try run([
                .init(keyPath: "cooling.chillers", value: "{units: 2, redundant: 1, capacity: 1 MW, cop: 6, restart_time: 5 min}"),
                .init(keyPath: "cooling.towers", value: "{units: 2, capacity: 1.2 MW, approach: 4 K, fan_power: 10 kW}"),
                .init(keyPath: "cooling.chilled_water", value: "{supply_temperature: 12 degC, return_temperature: 18 degC, storage: \(storage)}"),
                .init(keyPath: "site.catalog", value: "shanghai"),
            ])
            return (f, events, try root.openDataset("timeseries/hall/time").readDoubles(),
                    try root.openDataset("timeseries/hall/room_temperature_c").readDoubles(), folder)
        }
        let (big, bigEvents, time, room, a) = try outage(storage: "40 m3")
        defer { try? FileManager.default.removeItem(at: a) }
        func at(_ t: Double, _ series: [Double]) -> Double { series[time.firstIndex(of: t)!] }
        // 40 m³ × 4186 J/(kg K) × 1000 kg/m³ × 6 K = 1.0 GJ, over 20 min of the hall's ~0.8 MW.
        #expect(!bigEvents.contains { $0.kind == "chilled-water-storage-empty" })
        #expect(at(900, room) < at(660, room) + 0.5)
        #expect(big.unmetCoolingJ < 1e9) // only before the generators, while the plant had no power
        let (_, smallEvents, _, smallRoom, b) = try outage(storage: "2 m3")
        defer { try? FileManager.default.removeItem(at: b) }
        let empty = try #require(smallEvents.first { $0.kind == "chilled-water-storage-empty" })
        #expect(empty.timeS > 645 && empty.timeS < 945)
        #expect(at(900, smallRoom) > at(900, room) + 1)
    }

    /// Capacity checks at every stage: PDUs rated below the IT load, and servers whose supplies
    /// without their redundant units cannot carry them, are overload events.
    @Test func pduAndPSUOverloadsAreEvents() throws {
        let (_, _, events, _, folder) = try run([
            .init(keyPath: "power.pdu", value: "{capacity: 500 kW}"),
            .init(keyPath: "servers.dgx-h100.psu", value: "{units: 4, rating: 3.3 kW, redundant: 2, efficiency: titanium}"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdu = try #require(events.first { $0.kind == "overload-start" && $0.component == "power/pdu" })
        #expect(pdu.value > 500_000)
        let psu = try #require(events.first { $0.kind == "overload-start" && $0.component == "power/psu" })
        #expect(psu.value > 6_600)
    }
}
