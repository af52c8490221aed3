import Models
import Numerics
import Scenario

/// The plant's water side from one coupling step to the next: the plant's step (`CoolingPlant`),
/// the chilled-water tank, the loops' rise while the plant falls short (`LoopTemperatureRise`),
/// the chilled-water reset on the coils' demand, and the chillers' restart after an outage.
///
/// What it gives the halls for their next step is `water` (`HallWater`); the run hands it to them
/// (`FacilityThermalModel.setPlantWater`) after each step of the books and after each change of
/// power. The books add up what the plant did; they do not write into the halls.
///
/// - Chilled loop: short of its load (chillers at capacity, or none), the loop's water warms
///   (C dΔT/dt = shortfall) and the coils get that warmer water; spare chiller capacity brings it
///   back. CDUs on the chilled loop (no warm loop) get it too.
/// - Warm (facility) loop: dry coolers or towers short of the CDUs' heat on a hot day warm the
///   facility water the same way, and the CDUs' exchangers then see it. Spare rejection capacity
///   (at design, an approximation: the real capacity falls with the dry bulb) brings it back.
/// - System volumes are estimates: 4 L of water per kW of chiller or heat-rejection capacity
///   (pipes, coils, exchangers), plus a chilled-water tank where there is one.
final class PlantLoops {
    /// The water the halls get for their next step.
    struct HallWater: Equatable {
        /// Whether the plant sets the coils' chilled water (a reset or a loop that can warm).
        var setsChilledWater = false
        /// The chilled-water set point (nil: each hall's design supply) and the loop's rise, °C, K.
        var chilledSetPointC: Double?
        var chilledRiseK = 0.0
        /// The CDUs' facility water above its design supply, K.
        var facilityRiseK = 0.0
        /// False while the chillers restart with no tank left: the coils have no chilled water.
        var chilledWaterAvailable = true
    }

    static let systemLitresPerKW = 4.0

    /// The plant (a value: stepped only here).
    private(set) var plant: CoolingPlant
    /// Chillers' restart after an outage, s.
    let chillerRestartS: Double
    let chilledWaterReset: ChilledWaterReset?
    private(set) var chilledRise: LoopTemperatureRise
    private(set) var warmRise: LoopTemperatureRise
    /// The chilled-water set point the reset chose for the next step (nil: the design supply).
    private(set) var chilledSupplySetPointC: Double?
    /// Chilled-water storage: capacity (tank volume × ρ c_p × loop ΔT) and what is left, J.
    let storageCapacityJ: Double
    private(set) var storageJ: Double
    private(set) var chillersRestarting = false
    private var chillersWereRunning = false
    private(set) var chilledWaterAvailable = true

    init(plant: CoolingPlant, spec: ScenarioSpec) {
        self.plant = plant
        chillerRestartS = spec.cooling.chillers?.restartTimeS ?? 0
        chilledWaterReset = spec.cooling.chilledWater?.reset
        let water = CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
        let systemM3 = (spec.cooling.chillers.map { Double($0.units) * $0.capacityW } ?? 0) / 1000 * (Self.systemLitresPerKW / 1000)
        chilledRise = LoopTemperatureRise(capacityJPerK: (systemM3 + (spec.cooling.chilledWater?.storageM3 ?? 0)) * water)
        warmRise = LoopTemperatureRise(capacityJPerK: plant.hasWarmLoop ? plant.rejectionCapacityW / 1000 * Self.systemLitresPerKW / 1000 * water : 0)
        storageCapacityJ = spec.cooling.chilledWater.map {
            $0.storageM3 * CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK * ($0.returnTemperatureC - $0.supplyTemperatureC)
        } ?? 0
        storageJ = storageCapacityJ
    }

    /// Chilled-water supply set point now, °C.
    var chilledSupplyNowC: Double { chilledSupplySetPointC ?? plant.chilledSupplyC }
    var facilityWaterRiseK: Double { warmRise.riseK }

    var water: HallWater {
        HallWater(setsChilledWater: chilledWaterReset != nil || chilledRise.capacityJPerK > 0, chilledSetPointC: chilledSupplySetPointC,
                  chilledRiseK: chilledRise.riseK, facilityRiseK: plant.hasWarmLoop ? warmRise.riseK : chilledRise.riseK,
                  chilledWaterAvailable: chilledWaterAvailable)
    }

    /// Recharges a spent tank over an hour once the chillers run again; returns the recharge, W
    /// (a load on the chilled loop this step).
    func recharge(dt: Double, powered: Bool) -> Double {
        let rechargeW = powered && !chillersRestarting && storageJ < storageCapacityJ ? min(storageCapacityJ / 3600, (storageCapacityJ - storageJ) / dt) : 0
        storageJ += rechargeW * dt
        return rechargeW
    }

    /// One step of `dt` seconds after `recharge`: runs the plant on the loads (or drains the tank
    /// and leaves the rest unmet while it has no power or its chillers restart), moves the loops'
    /// rises, and sets the chilled water for the next step on the coils' demand now (`coils`, read
    /// only with a reset). Returns the plant's result and the events (the tank spent).
    func step(chilledLoadW: Double, warmLoadW: Double, outdoor: (dryBulbC: Double, wetBulbC: Double), dt: Double, timeS: Double,
              powered: Bool, coils: () -> [ChilledWaterReset.Coil]) throws(SimulationError) -> (result: CoolingPlant.StepResult, events: [FacilityEvent]) {
        var result = CoolingPlant.StepResult()
        var events: [FacilityEvent] = []
        if !powered || chillersRestarting {
            // Unpowered plant, or chillers restarting: nothing removes the chilled loop's heat but
            // a storage tank while it lasts (the warm loop's dry coolers only need power).
            let fromStorage = powered ? min(chilledLoadW, storageJ / dt) : 0
            storageJ -= fromStorage * dt
            result.chilled.unmetW = chilledLoadW - fromStorage
            result.warm.unmetW = powered ? 0 : warmLoadW
            if chillersRestarting && storageCapacityJ > 0 && storageJ <= 1e-9 * storageCapacityJ && chilledWaterAvailable {
                chilledWaterAvailable = false
                events.append(FacilityEvent(timeS: timeS, kind: .chilledWaterStorageEmpty, component: "cooling/storage", value: 0,
                                            message: "the tank is spent before the chillers are back"))
            }
        } else {
            do throws(NumericalError) {
                result = try plant.step(chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dryBulbC: outdoor.dryBulbC,
                                        wetBulbC: outdoor.wetBulbC, chilledSupplyC: chilledSupplySetPointC, warmRiseK: warmRise.riseK)
            } catch {
                throw .numerical(error, timeS: timeS, component: "cooling plant")
            }
        }
        if powered && !chillersRestarting { chillersWereRunning = result.chillerPowerW > 0 }
        if powered { stepRises(result, chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dt: dt) }
        // The supply set point for the next step: a reset on the coils' demand now.
        if let reset = chilledWaterReset { chilledSupplySetPointC = reset.supplyC(coils()) }
        return (result, events)
    }

    private func stepRises(_ result: CoolingPlant.StepResult, chilledLoadW: Double, warmLoadW: Double, dt: Double) {
        if !chillersRestarting {
            let spare = plant.usableChillerCapacityW - (chilledLoadW - result.chilled.unmetW)
            chilledRise.step(unmetW: result.chilled.unmetW, spareW: spare, dt: dt)
        }
        if plant.hasWarmLoop {
            let spare = plant.rejectionCapacityW - (warmLoadW - result.warm.unmetW)
            warmRise.step(unmetW: result.warm.unmetW, spareW: spare, dt: dt)
        }
    }

    /// Cooling got its power back: chillers that were running restart, and the coils have no
    /// chilled water for `chillerRestartS` unless a tank holds some. Returns the event and when
    /// the restart ends, or nil.
    func coolingPowerRestored(timeS: Double) -> (event: FacilityEvent, endS: Double)? {
        guard chillersWereRunning, chillerRestartS > 0, !chillersRestarting else { return nil }
        chillersRestarting = true
        if storageJ <= 0 { chilledWaterAvailable = false }
        return (FacilityEvent(timeS: timeS, kind: .chillerRestart(started: true), component: "cooling/chillers", value: chillerRestartS,
                              message: "restart time (s) before chilled water returns to the coils"), timeS + chillerRestartS)
    }

    /// The chillers are back: chilled water at the coils again.
    func chillersRestarted(timeS: Double) -> FacilityEvent? {
        guard chillersRestarting else { return nil }
        chillersRestarting = false
        chilledWaterAvailable = true
        return FacilityEvent(timeS: timeS, kind: .chillerRestart(started: false), component: "cooling/chillers", message: "chilled water back at the coils")
    }
}
