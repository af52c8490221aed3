import Models

/// The water loops' rise while the plant falls short, and the water it gives the halls next step.
///
/// - Chilled loop: short of its load (chillers at capacity, or none), the loop's water warms
///   (C dΔT/dt = shortfall) and the coils get that warmer water; spare chiller capacity brings it
///   back. CDUs on the chilled loop (no warm loop) get it too.
/// - Warm (facility) loop: dry coolers or towers short of the CDUs' heat on a hot day warm the
///   facility water the same way, and the CDUs' exchangers then see it: their loops and the
///   servers on them warm, and throttle if they must. Spare rejection capacity (at design, an
///   approximation: the real capacity falls with the dry bulb) brings it back.
/// System volumes are estimates: 4 L of water per kW of chiller or heat-rejection capacity (pipes,
/// coils, exchangers), plus a chilled-water tank where there is one.
extension FacilityBooks {
    static let systemLitresPerKW = 4.0

    static func warmLoopCapacityJPerK(_ plant: CoolingPlant?) -> Double {
        let water = CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
        return (plant?.rejectionCapacityW ?? 0) / 1000 * systemLitresPerKW / 1000 * water
    }

    func stepLoopRises(_ plant: CoolingPlant, _ flows: StepFlows, powered: Bool) {
        guard powered else { return }
        if !chillersRestarting {
            let spare = plant.usableChillerCapacityW - (flows.chilledLoadW - flows.plant.chilled.unmetW)
            chilledRise.step(unmetW: flows.plant.chilled.unmetW, spareW: spare, dt: flows.dt)
        }
        if flows.warmLoop {
            let spare = plant.rejectionCapacityW - (flows.warmLoadW - flows.plant.warm.unmetW)
            warmRise.step(unmetW: flows.plant.warm.unmetW, spareW: spare, dt: flows.dt)
            summary.peakFacilityWaterRiseK = max(summary.peakFacilityWaterRiseK, warmRise.riseK)
            if warmRise.riseK > SetPointTracker.supplyToleranceK { summary.facilityWaterAboveSetPointHours += flows.dt / 3600 }
        }
    }

    /// The coils' chilled water (the set point, or the reset's, plus the rise) and the CDUs'
    /// facility water (their design supply plus the rise of the loop they are on).
    func applyLoopRises(_ model: FacilityThermalModel) {
        if chilledWaterReset != nil || chilledRise.capacityJPerK > 0 {
            for hall in model.halls { hall.setChilledWaterSupplyC((chilledSupplySetPointC ?? hall.chilledWaterC) + chilledRise.riseK) }
        }
        let facilityRiseK = (plant?.hasWarmLoop ?? false) ? warmRise.riseK : chilledRise.riseK
        for hall in model.halls { hall.setFacilityWaterRiseK(facilityRiseK) }
    }
}
