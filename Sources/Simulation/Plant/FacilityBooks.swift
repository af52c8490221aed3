import Models
import Numerics
import Scenario
import Storage

/// Closes the facility's energy books step by step. After each coupling step of the hall it
/// takes the step's mean heat and power from the hall model's energy counters (differences of
/// integrals, so nothing is lost between samples), runs the power chain's critical path, the
/// plant, then the transformers, and adds every flow to its bucket:
///
///     utility = IT + cooling (CRAH fans, CDU pumps, chillers, tower/dry-cooler fans, pumps)
///             + losses (transformers, UPS, PDUs) + other loads
///
/// which holds to rounding by construction; the tests check it and the heat paths of the losses.
final class FacilityBooks {
    let plant: CoolingPlant?
    let chain: PowerChain
    let site: SiteConditions?
    let pricePerJ: Double?
    let timeOfUse: TimeOfUseSpec?
    let carbonKgPerJ: Double?
    private(set) var summary = FacilitySummary()
    /// The last step's flows, for the time series.
    private(set) var lastPlant = CoolingPlant.StepResult()
    private(set) var lastChain = PowerChain.StepResult()
    private(set) var lastOutdoor = (dryBulbC: Double.nan, wetBulbC: Double.nan)
    private(set) var lastCoolingW = 0.0
    private(set) var lastITW = 0.0
    private var previous = Counters()
    private var previousTimeS = 0.0
    /// Which capacities are exceeded now, so that events mark only the crossings.
    private var over = (utility: false, transformers: false, ups: false, plant: false)
    private let startHour: Double

    struct Counters {
        var it = 0.0, crahFans = 0.0, cduPumps = 0.0, coils = 0.0, cdus = 0.0, rearDoors = 0.0
    }

    init(spec: ScenarioSpec) throws(SimulationError) {
        plant = CoolingPlant(spec: spec)
        chain = PowerChain(spec: spec.power)
        site = try SiteConditions(spec: spec)
        startHour = SiteConditions.localStartHour(spec.simulation)
        pricePerJ = spec.site.electricityPricePerJ
        timeOfUse = spec.site.timeOfUse
        carbonKgPerJ = spec.site.gridCarbonKgPerJ
        summary.currency = spec.site.currency ?? ""
        summary.hasPlant = plant != nil
        summary.utilityCapacityW = spec.power.utilityCapacityW ?? .nan
        summary.upsUsableCapacityW = chain.ups?.usableCapacityW ?? .nan
        summary.transformerCapacityW = chain.transformers?.capacityW ?? .nan
        summary.chillerUsableCapacityW = plant.map { $0.usableChillerCapacityW } ?? .nan
        summary.rejectionCapacityW = plant.map { $0.rejectionCapacityW } ?? .nan
    }

    /// Books the step that ended at `timeS`; returns the overload and cooling-shortfall events it started or ended.
    func step(to timeS: Double, model: FacilityThermalModel) throws(SimulationError) -> [EventRecord] {
        let dt = timeS - previousTimeS
        guard dt > 0 else { return [] }
        let now = Counters(it: model.itEnergyJ, crahFans: model.crahFanEnergyJ, cduPumps: model.pumpEnergyJ, coils: model.coilEnergyJ,
                           cdus: model.facilityWaterEnergyJ, rearDoors: model.rearDoorEnergyJ)
        let itW = (now.it - previous.it) / dt
        let crahFanW = (now.crahFans - previous.crahFans) / dt
        let cduPumpW = (now.cduPumps - previous.cduPumps) / dt
        let coilW = (now.coils - previous.coils) / dt
        let cduW = (now.cdus - previous.cdus) / dt
        let rearDoorW = (now.rearDoors - previous.rearDoors) / dt
        let midS = previousTimeS + dt / 2
        previous = now
        previousTimeS = timeS

        var chainResult = chain.critical(itW: itW)
        let warmLoop = plant?.hasWarmLoop ?? false
        let chilledLoadW = coilW + rearDoorW + chainResult.pduLossW + chainResult.upsLossW + (warmLoop ? 0 : cduW)
        let warmLoadW = warmLoop ? cduW : 0
        let outdoor: (dryBulbC: Double, wetBulbC: Double) = site?.conditions(atS: midS) ?? (SiteConditions.ratingDryBulbC, SiteConditions.ratingWetBulbC)
        var plantResult = CoolingPlant.StepResult()
        if let plant {
            do throws(NumericalError) {
                plantResult = try plant.step(chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dryBulbC: outdoor.dryBulbC, wetBulbC: outdoor.wetBulbC)
            } catch {
                throw .numerical(error, timeS: timeS, component: "cooling plant")
            }
        }
        let mechanicalW = crahFanW + cduPumpW + plantResult.electricalW
        chainResult = chain.complete(chainResult, mechanicalW: mechanicalW)

        var s = summary
        s.utilityEnergyJ += chainResult.utilityW * dt
        s.itEnergyJ += itW * dt
        s.crahFanEnergyJ += crahFanW * dt
        s.cduPumpEnergyJ += cduPumpW * dt
        s.chillerEnergyJ += plantResult.chillerPowerW * dt
        s.heatRejectionFanEnergyJ += plantResult.fanPowerW * dt
        s.plantPumpEnergyJ += plantResult.pumpPowerW * dt
        s.pduLossJ += chainResult.pduLossW * dt
        s.upsLossJ += chainResult.upsLossW * dt
        s.transformerLossJ += chainResult.transformerLossW * dt
        s.otherEnergyJ += chain.otherLoadW * dt
        if plant != nil { s.lossHeatToPlantJ += (chainResult.pduLossW + chainResult.upsLossW) * dt }
        s.lossHeatOutdoorsJ += chainResult.transformerLossW * dt
        s.plantLoadJ += (chilledLoadW + warmLoadW) * dt
        s.unmetCoolingJ += plantResult.unmetW * dt
        s.waterKg += plantResult.waterKgPerS * dt
        s.carbonKg += (carbonKgPerJ ?? 0) * chainResult.utilityW * dt
        s.cost += (pricePerJ ?? 0) * priceMultiplier(atS: midS) * chainResult.utilityW * dt
        if plant != nil {
            let mode = chilledLoadW > 0 || !warmLoop ? plantResult.chilled.mode : plantResult.warm.mode
            if mode == .free { s.freeCoolingHours += dt / 3600 }
            if mode == .partial { s.partialFreeCoolingHours += dt / 3600 }
            if plantResult.chillerPowerW == 0 { s.chillerFreeHours += dt / 3600 }
        }
        let month = YearCalendar.month(ofHourOfYear: startHour + midS / 3600)
        s.monthlyUtilityJ[month] += chainResult.utilityW * dt
        s.monthlyITJ[month] += itW * dt
        s.peakUtilityW = max(s.peakUtilityW, chainResult.utilityW)
        s.peakUPSOutputW = max(s.peakUPSOutputW, chainResult.upsOutputW)
        s.peakPlantLoadW = max(s.peakPlantLoadW, chilledLoadW + warmLoadW)
        summary = s
        lastPlant = plantResult
        lastChain = chainResult
        lastOutdoor = outdoor
        lastITW = itW
        lastCoolingW = crahFanW + cduPumpW + plantResult.electricalW

        var events: [EventRecord] = []
        func watch(_ state: inout Bool, _ component: String, load: Double, capacity: Double?, what: String) {
            guard let capacity else { return }
            let exceeded = load > capacity * (1 + 1e-9)
            if exceeded != state {
                state = exceeded
                events.append(EventRecord(timeS: timeS, kind: exceeded ? "overload-start" : "overload-end", component: component, value: load,
                                          message: "\(what) (W) against \(Int(capacity.rounded())) W"))
            }
        }
        watch(&over.utility, "power/utility", load: chainResult.utilityW, capacity: chain.utilityCapacityW, what: "utility draw")
        watch(&over.transformers, "power/transformers", load: chainResult.transformerOutputW, capacity: chain.transformers?.capacityW,
              what: "transformer load")
        watch(&over.ups, "power/ups", load: chainResult.upsOutputW, capacity: chain.ups?.usableCapacityW,
              what: "critical load (redundancy lost above)")
        let short = plantResult.unmetW > 1e-6 * max(chilledLoadW + warmLoadW, 1)
        if short != over.plant {
            over.plant = short
            events.append(EventRecord(timeS: timeS, kind: short ? "cooling-shortfall-start" : "cooling-shortfall-end", component: "cooling/plant",
                                      value: plantResult.unmetW, message: "heat (W) the plant cannot remove at its set points"))
        }
        return events
    }

    private func priceMultiplier(atS timeS: Double) -> Double {
        guard let timeOfUse else { return 1 }
        let hour = SiteConditions.hourOfDay(startHour: startHour, timeS: timeS)
        if timeOfUse.peakHours.contains(hour) { return timeOfUse.peakMultiplier }
        if timeOfUse.valleyHours.contains(hour) { return timeOfUse.valleyMultiplier }
        return 1
    }
}
