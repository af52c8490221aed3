import Foundation
import Testing
import Models
import Scenario
@testable import Simulation
import Storage

/// A liquid loop that nothing cools, or that would boil, is said so with numbers.
@Suite("Liquid loop limits: CDUs stopped, coolant above boiling")
struct LiquidLoopLimitTests {
    func state(loopSupplyC: Double, loopReturnC: Double, cduRunning: Int, boilingC: Double?) -> HallThermal.ControlState {
        HallThermal.ControlState(coilMaximumW: .infinity, supplyC: 22, supplyPointC: 22, demandedFanSpeed: 0.5, recirculatesByDesign: false,
                                      itAirflowM3PerS: 1, crahAirflowM3PerS: 2, chilledWaterC: 12, crahRunning: 2, fanPowerW: 0, inletC: 22,
                                      coldAisleSetPointC: nil, loopSupplyC: loopSupplyC, loopSetPointC: nil, cduRunning: cduRunning,
                                      loopReturnC: loopReturnC, coolantBoilingC: boilingC)
    }

    @Test("The limits are found from the loop's return, the coolant's boiling point and the CDUs running")
    func limits() {
        #expect(SetPointTracker.limits(state(loopSupplyC: 40, loopReturnC: 50, cduRunning: 2, boilingC: 100)).isEmpty)
        let boiling = SetPointTracker.limits(state(loopSupplyC: 90, loopReturnC: 104, cduRunning: 1, boilingC: 100))
        #expect(boiling[.coolantAboveBoiling] == 104 && boiling[.cdusStopped] == nil)
        // Dielectric fluids have no boiling limit; a stopped loop is flagged whatever its fluid.
        let stopped = SetPointTracker.limits(state(loopSupplyC: 45, loopReturnC: 45, cduRunning: 0, boilingC: nil))
        #expect(stopped[.cdusStopped] == 45 && stopped[.coolantAboveBoiling] == nil)
        #expect(CoolantProperties.water.boilingPointC == 100 && CoolantProperties.dielectric.boilingPointC == nil)
    }

    /// The CDU-failure example with both CDUs out for 30 minutes: the run must not say it held.
    @Test("Both CDUs failed: the run says no CDU ran for 30 minutes, and that set points were not held")
    func bothCDUsFailed() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var text = try String(contentsOf: root.appendingPathComponent("Scenarios/cdu-failure.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  - component: hall-1/cdu-1\n    at: 10 min\n    duration: 15 min",
                                         with: "  - component: hall-1/cdu-1\n    at: 10 min\n    duration: 30 min\n  - component: hall-1/cdu-2\n    at: 10 min\n    duration: 30 min")
        #expect(text.contains("hall-1/cdu-2"))
        let spec = try ScenarioLoader.load(text: text, path: root.appendingPathComponent("Scenarios/cdu-failure.yaml").path).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-cdu-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        #expect(abs(summary.cdusStoppedHours - 0.5) < 0.01)
        #expect(summary.warnings.contains { $0.contains("no CDU running (failed or without power) for 30 min") })
    }
}

/// The warm (facility) water loop: dry coolers too small for the CDUs' heat warm the facility
/// water, and the CDUs, their loops and the racks get it.
@Suite("Facility water that the plant cannot hold reaches the CDUs")
struct FacilityWaterFeedbackTests {
    func run(dryCoolers: String) throws -> (RunSummary, HDF5Group, URL) {
        let (summary, path, folder) = try runOverridden("ulanqab-h100-dlc-warm", key: "cooling.dry_coolers.capacity", value: dryCoolers, duration: "1 d",
                                                            start: "2026-07-15T00:00:00+08:00")
        return (summary, try HDF5File.open(at: path).rootGroup(), folder)
    }

    @Test("Small dry coolers: the facility water rises, the CDU loops follow, the books still close, and the run says so")
    func smallDryCoolersWarmTheLoops() throws {
        let (small, smallFile, smallFolder) = try run(dryCoolers: "150 kW")
        defer { try? FileManager.default.removeItem(at: smallFolder) }
        let (ample, ampleFile, ampleFolder) = try run(dryCoolers: "2 MW")
        defer { try? FileManager.default.removeItem(at: ampleFolder) }
        let water = try smallFile.openDataset("timeseries/hall/facility_water_temperature_c").readDoubles()
        let ampleWater = try ampleFile.openDataset("timeseries/hall/facility_water_temperature_c").readDoubles()
        #expect(ampleWater.allSatisfy { abs($0 - 40) < 1e-9 })          // held at its 40 °C set point
        #expect(water.max()! > 45)
        let loop = try smallFile.openDataset("timeseries/hall/loop_supply_temperature_c").readDoubles().max()!
        let ampleLoop = try ampleFile.openDataset("timeseries/hall/loop_supply_temperature_c").readDoubles().max()!
        #expect(loop > ampleLoop + 4, "loop supply \(loop) against \(ampleLoop) °C")
        let facility = try #require(small.facility)
        #expect(facility.facilityWaterAboveSetPointHours > 1 && facility.peakFacilityWaterRiseK > 5)
        #expect(small.warnings.contains { $0.contains("facility water above its set point") })
        #expect(abs(small.energyBalanceRelativeError) < 1e-6 && abs(ample.energyBalanceRelativeError) < 1e-6)
    }
}

/// Chillers rejecting to a dry-cooler bank far too small for them: the condenser water cannot be
/// held below the chillers' limit (`ChillerModel.maximumCondenserC`), so they unload to what the
/// bank rejects there and the rest is unmet, said with numbers, rather than a failed root search.
@Suite("Heat rejection too small for the chillers")
struct UndersizedHeatRejectionTests {
    func run(_ scenario: String = "gpt3-training", key: String = "cooling.dry_coolers.capacity", capacity: String) throws -> RunSummary {
        let (summary, _, folder) = try runOverridden(scenario, key: key, value: capacity, duration: "6 h", start: "2026-07-15T12:00:00+08:00")
        try? FileManager.default.removeItem(at: folder)
        return summary
    }

    @Test func chillersUnloadAndTheShortfallIsReported() throws {
        let small = try run(capacity: "5 kW"), ample = try run(capacity: "500 kW")
        let facility = try #require(small.facility), ampleFacility = try #require(ample.facility)
        #expect(ampleFacility.unmetCoolingJ == 0)
        // Four 5 kW coolers (rated at an 8 K approach) reject a few hundred kW at 46 °C condenser
        // water on a summer afternoon, against a chilled-water load near 800 kW: much of it is
        // unmet, and the chillers, unloaded, draw less than with ample coolers.
        #expect(facility.unmetCoolingJ > 3.6e6 * 2_000)   // measured 4,681 kWh in the 6 h
        #expect(facility.chillerEnergyJ < ampleFacility.chillerEnergyJ)
        #expect(facility.chilledShortfallHours > 5)
        #expect(small.warnings.contains { $0.contains("chilled water") && $0.contains("unmet") })
        #expect(abs(small.energyBalanceRelativeError) < 1e-6)
    }

    /// Towers far too small: Merkel's model, asked for water heading to boiling, would have any
    /// tower reject anything; above the fill's limit (`MerkelTower.maximumEnteringC`) it rejects
    /// no more, so the chillers unload here too.
    @Test func towersTooSmallLeaveTheLoadUnmet() throws {
        let small = try run("shanghai-a100-air", key: "cooling.towers.capacity", capacity: "1 kW")
        let facility = try #require(small.facility)
        #expect(facility.unmetCoolingJ > 3.6e6 * 5_000)   // most of a 2.6 MW load for 6 h
        #expect(small.warnings.contains { $0.contains("chilled water") && $0.contains("unmet") })
        #expect(abs(small.energyBalanceRelativeError) < 1e-6)
    }
}

/// Runs an example scenario with one key, its duration and its start overridden; returns the
/// summary, the output file's path and its folder (the caller removes it).
func runOverridden(_ scenario: String, key: String, value: String, duration: String, start: String) throws -> (RunSummary, String, URL) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let overrides: [ScenarioComposer.Override] = [.init(keyPath: "simulation.duration", value: duration),
                                                   .init(keyPath: "simulation.start", value: start),
                                                   .init(keyPath: key, value: value)]
    let spec = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/\(scenario).yaml").path, overrides: overrides).spec
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-\(scenario)-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("out.h5").path
    return (try SimulationRunner.run(spec, outputPath: path), path, folder)
}
