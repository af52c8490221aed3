import Foundation
import Testing
import Models
import Scenario
@testable import Simulation

/// The plant's water side on its own (`PlantLoops`): the tank through a chillers' restart, the
/// chilled loop's rise while short, and the water it hands the halls.
@Suite("Plant loops: tank, restart, loop rise, the halls' water")
struct PlantLoopsTests {
    static func loops(storage: String?) throws -> PlantLoops {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var overrides: [ScenarioComposer.Override] = [.init(keyPath: "cooling.chillers", value: "{units: 2, capacity: 1 MW, cop: 6, restart_time: 5 min}")]
        if let storage {
            overrides.append(.init(keyPath: "cooling.chilled_water", value: "{supply_temperature: 12 degC, return_temperature: 18 degC, storage: \(storage)}"))
        }
        let spec = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/utility-outage.yaml").path, overrides: overrides).spec
        return PlantLoops(plant: try #require(CoolingPlant(spec: spec)), spec: spec)
    }

    static let outdoor = (dryBulbC: 30.0, wetBulbC: 22.0)

    /// A 10 m³ tank holds ρ c_p V ΔT = 251 MJ over its 6 K: through a restart it serves the coils
    /// until spent, then the coils lose their water and the event says so; the chillers' return
    /// gives it back.
    @Test func tankBridgesTheRestartUntilSpent() throws {
        var loops = try Self.loops(storage: "10 m3")
        let capacity = 10 * CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK * 6
        #expect(abs(loops.storageCapacityJ - capacity) < 1e-6 * capacity)
        // Chillers running, then a power loss and its return: they restart.
        _ = try loops.step(chilledLoadW: 500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 60, powered: true) { [] }
        #expect(loops.coolingPowerRestored() == 300)
        #expect(loops.water.chilledWaterAvailable)   // the tank has water
        // 500 kW drains the tank in 502 s: eight 60 s steps leave 11 MJ, the ninth spends it.
        var spentInStep: [Int] = []
        for k in 0..<9 {
            let step = try loops.step(chilledLoadW: 500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 60, powered: true) { [] }
            #expect(step.result.chilled.unmetW == (k < 8 ? 0 : 500_000 - (capacity - 8 * 60 * 500_000) / 60))
            if step.storageSpent { spentInStep.append(k) }
        }
        #expect(spentInStep == [8])
        #expect(!loops.water.chilledWaterAvailable)
        #expect(loops.chillersRestarted() && loops.water.chilledWaterAvailable)
        // Once the chillers run again the tank recharges over an hour.
        #expect(abs(loops.recharge(dt: 60, powered: true) - capacity / 3600) < 1e-9 * capacity)
    }

    /// Without a tank the coils lose their water for the whole restart; chillers that were not
    /// running (free cooling, or none yet) do not restart.
    @Test func restartWithoutTankAndOnlyAfterRunning() throws {
        var idle = try Self.loops(storage: nil)
        #expect(idle.coolingPowerRestored() == nil)
        var loops = try Self.loops(storage: nil)
        _ = try loops.step(chilledLoadW: 500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 60, powered: true) { [] }
        #expect(loops.coolingPowerRestored() != nil)
        #expect(!loops.water.chilledWaterAvailable)
        let step = try loops.step(chilledLoadW: 500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 60, powered: true) { [] }
        #expect(step.result.chilled.unmetW == 500_000 && !step.storageSpent)
    }

    /// Short of its load, the chilled loop warms at unmet/C (C = ρ c_p × 4 L per kW of chillers,
    /// 8 m³ for 2 MW), and the halls get the warmer water; spare capacity brings it back.
    @Test func chilledLoopRisesWhileShort() throws {
        var loops = try Self.loops(storage: nil)
        let c = 8 * CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
        #expect(abs(loops.chilledRise.capacityJPerK - c) < 1e-9 * c)
        // 2.5 MW on 2 MW (rated) of chillers: what they can is served, the rest warms the loop.
        let step = try loops.step(chilledLoadW: 2_500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 60, powered: true) { [] }
        let unmet = step.result.chilled.unmetW
        #expect(unmet > 100_000 && unmet < 500_000)   // the chillers deliver a little more than rated at these temperatures
        #expect(abs(loops.water.chilledRiseK - unmet * 60 / c) < 1e-9)
        #expect(loops.water.setsChilledWater && loops.water.chilledSetPointC == nil)
        _ = try loops.step(chilledLoadW: 500_000, warmLoadW: 0, outdoor: Self.outdoor, dt: 600, powered: true) { [] }
        #expect(loops.water.chilledRiseK == 0)
    }
}
