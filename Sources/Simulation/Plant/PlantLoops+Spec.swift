import Models
import Scenario

extension PlantLoops {
    /// The water side of `spec`'s plant: its chillers' restart, reset, system water and tank.
    init(plant: CoolingPlant, spec: ScenarioSpec) {
        let chilledWater = spec.cooling.chilledWater
        self.init(plant: plant, chillerRestartS: spec.cooling.chillers?.restartTimeS ?? 0, chilledWaterReset: chilledWater?.reset,
                  chillerCapacityW: spec.cooling.chillers.map { Double($0.units) * $0.capacityW } ?? 0,
                  storageM3: chilledWater?.storageM3 ?? 0,
                  storageDeltaK: chilledWater.map { $0.returnTemperatureC - $0.supplyTemperatureC } ?? 0)
    }
}
