import Numerics

/// The plant's water side from one coupling step to the next: the plant's step (`CoolingPlant`),
/// the chilled-water tank, the loops' rise while the plant falls short (`LoopTemperatureRise`),
/// the chilled-water reset on the coils' demand, and the chillers' restart after an outage.
///
/// A value: its state changes only through `recharge`, `step`, `coolingPowerRestored` and
/// `chillersRestarted`, which return typed results. What it gives the halls for their next step
/// is `water` (`HallWater`); the run hands it to them (`FacilityThermalModel.setPlantWater`) after
/// each step and after each change of power.
///
/// - Chilled loop: short of its load (chillers at capacity, or none), the loop's water warms
///   (C dΔT/dt = shortfall) and the coils get that warmer water; spare chiller capacity brings it
///   back. CDUs on the chilled loop (no warm loop) get it too.
/// - Warm (facility) loop: dry coolers or towers short of the CDUs' heat on a hot day warm the
///   facility water the same way, and the CDUs' exchangers then see it. Spare rejection capacity
///   (at design, an approximation: the real capacity falls with the dry bulb) brings it back.
/// - System volumes are estimates: 4 L of water per kW of chiller or heat-rejection capacity
///   (pipes, coils, exchangers), plus a chilled-water tank where there is one.
public struct PlantLoops: Sendable {
    /// The water the halls get for their next step.
    public struct HallWater: Equatable, Sendable {
        /// Whether the plant sets the coils' chilled water (a reset or a loop that can warm).
        public var setsChilledWater = false
        /// The chilled-water set point (nil: each hall's design supply) and the loop's rise, °C, K.
        public var chilledSetPointC: Double?
        public var chilledRiseK = 0.0
        /// The CDUs' facility water above its design supply, K.
        public var facilityRiseK = 0.0
        /// False while the chillers restart with no tank left: the coils have no chilled water.
        public var chilledWaterAvailable = true
        public init(setsChilledWater: Bool = false, chilledSetPointC: Double? = nil, chilledRiseK: Double = 0, facilityRiseK: Double = 0,
                    chilledWaterAvailable: Bool = true) {
            self.setsChilledWater = setsChilledWater
            self.chilledSetPointC = chilledSetPointC
            self.chilledRiseK = chilledRiseK
            self.facilityRiseK = facilityRiseK
            self.chilledWaterAvailable = chilledWaterAvailable
        }
    }

    /// Water in pipes, coils and exchangers per kW of chiller or heat-rejection capacity, L (an
    /// estimate).
    public static let systemLitresPerKW = 4.0

    /// The plant (a value: stepped only here).
    public private(set) var plant: CoolingPlant
    /// Chillers' restart after an outage, s.
    public let chillerRestartS: Double
    public let chilledWaterReset: ChilledWaterReset?
    public private(set) var chilledRise: LoopTemperatureRise
    public private(set) var warmRise: LoopTemperatureRise
    /// The chilled-water set point the reset chose for the next step (nil: the design supply).
    public private(set) var chilledSupplySetPointC: Double?
    /// Chilled-water storage: capacity (tank volume × ρ c_p × loop ΔT) and what is left, J.
    public let storageCapacityJ: Double
    public private(set) var storageJ: Double
    public private(set) var chillersRestarting = false
    private var chillersWereRunning = false
    public private(set) var chilledWaterAvailable = true

    /// - Parameters:
    ///   - chillerCapacityW: all chillers' rated capacity (with the redundant ones), W: sizes the
    ///     chilled loop's water with `systemLitresPerKW`.
    ///   - storageM3: a chilled-water tank's volume, m³, holding `storageDeltaK` between supply
    ///     and return.
    public init(plant: CoolingPlant, chillerRestartS: Double, chilledWaterReset: ChilledWaterReset?, chillerCapacityW: Double,
                storageM3: Double, storageDeltaK: Double) {
        self.plant = plant
        self.chillerRestartS = chillerRestartS
        self.chilledWaterReset = chilledWaterReset
        let water = CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
        let systemM3 = chillerCapacityW / 1000 * (Self.systemLitresPerKW / 1000)
        chilledRise = LoopTemperatureRise(capacityJPerK: (systemM3 + storageM3) * water)
        warmRise = LoopTemperatureRise(capacityJPerK: plant.hasWarmLoop ? plant.rejectionCapacityW / 1000 * Self.systemLitresPerKW / 1000 * water : 0)
        storageCapacityJ = storageM3 * CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK * storageDeltaK
        storageJ = storageCapacityJ
    }

    /// Chilled-water supply set point now, °C.
    public var chilledSupplyNowC: Double { chilledSupplySetPointC ?? plant.chilledSupplyC }
    public var facilityWaterRiseK: Double { warmRise.riseK }

    public var water: HallWater {
        HallWater(setsChilledWater: chilledWaterReset != nil || chilledRise.capacityJPerK > 0, chilledSetPointC: chilledSupplySetPointC,
                  chilledRiseK: chilledRise.riseK, facilityRiseK: plant.hasWarmLoop ? warmRise.riseK : chilledRise.riseK,
                  chilledWaterAvailable: chilledWaterAvailable)
    }

    /// Recharges a spent tank over an hour once the chillers run again; returns the recharge, W
    /// (a load on the chilled loop this step).
    public mutating func recharge(dt: Double, powered: Bool) -> Double {
        let rechargeW = powered && !chillersRestarting && storageJ < storageCapacityJ ? min(storageCapacityJ / 3600, (storageCapacityJ - storageJ) / dt) : 0
        storageJ += rechargeW * dt
        return rechargeW
    }

    /// One step of `dt` seconds after `recharge`: runs the plant on the loads (or drains the tank
    /// and leaves the rest unmet while it has no power or its chillers restart), moves the loops'
    /// rises, and sets the chilled water for the next step on the coils' demand now (`coils`, read
    /// only with a reset). Returns the plant's result and whether the tank ran dry in the step
    /// (during a restart: the coils have lost their water).
    public mutating func step(chilledLoadW: Double, warmLoadW: Double, outdoor: (dryBulbC: Double, wetBulbC: Double), dt: Double,
                              powered: Bool, coils: () -> [ChilledWaterReset.Coil]) throws(NumericalError)
        -> (result: CoolingPlant.StepResult, storageSpent: Bool) {
        var result = CoolingPlant.StepResult()
        var spent = false
        if !powered || chillersRestarting {
            // Unpowered plant, or chillers restarting: nothing removes the chilled loop's heat but
            // a storage tank while it lasts (the warm loop's dry coolers only need power).
            let fromStorage = powered ? min(chilledLoadW, storageJ / dt) : 0
            storageJ -= fromStorage * dt
            result.chilled.unmetW = chilledLoadW - fromStorage
            result.warm.unmetW = powered ? 0 : warmLoadW
            if chillersRestarting && storageCapacityJ > 0 && storageJ <= 1e-9 * storageCapacityJ && chilledWaterAvailable {
                chilledWaterAvailable = false
                spent = true
            }
        } else {
            result = try plant.step(chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dryBulbC: outdoor.dryBulbC,
                                    wetBulbC: outdoor.wetBulbC, chilledSupplyC: chilledSupplySetPointC, warmRiseK: warmRise.riseK)
        }
        if powered && !chillersRestarting { chillersWereRunning = result.chillerPowerW > 0 }
        if powered { stepRises(result, chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dt: dt) }
        // The supply set point for the next step: a reset on the coils' demand now.
        if let reset = chilledWaterReset { chilledSupplySetPointC = reset.supplyC(coils()) }
        return (result, spent)
    }

    private mutating func stepRises(_ result: CoolingPlant.StepResult, chilledLoadW: Double, warmLoadW: Double, dt: Double) {
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
    /// chilled water for `chillerRestartS` unless a tank holds some. Returns the restart's
    /// length, s, or nil (no restart).
    public mutating func coolingPowerRestored() -> Double? {
        guard chillersWereRunning, chillerRestartS > 0, !chillersRestarting else { return nil }
        chillersRestarting = true
        if storageJ <= 0 { chilledWaterAvailable = false }
        return chillerRestartS
    }

    /// The chillers are back: chilled water at the coils again. False if none was restarting.
    public mutating func chillersRestarted() -> Bool {
        guard chillersRestarting else { return false }
        chillersRestarting = false
        chilledWaterAvailable = true
        return true
    }
}
