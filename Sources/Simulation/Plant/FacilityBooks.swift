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
    let backup: BackupPower
    let site: SiteConditions?
    let pricePerJ: Double?
    let timeOfUse: TimeOfUseSpec?
    let carbonKgPerJ: Double?
    let pduCapacityW: Double?
    private(set) var summary = FacilitySummary()
    /// The last step's flows, for the time series.
    private(set) var lastPlant = CoolingPlant.StepResult()
    private(set) var lastChain = PowerChain.StepResult()
    private(set) var lastOutdoor = (dryBulbC: Double.nan, wetBulbC: Double.nan)
    private(set) var lastCoolingW = 0.0
    private(set) var lastITW = 0.0
    private(set) var lastSource = BackupPower.Source.utility
    private(set) var lastUtilityW = 0.0, lastGeneratorW = 0.0, lastFacilityW = 0.0
    /// Electricity price over the last step (time of use applied), per J.
    private(set) var lastPricePerJ = 0.0
    private var previous = Counters()
    private var previousHallCoilJ: [Double] = []
    /// Direct air-side economiser, when the scenario has one and a site climate.
    let airSide: AirSideEconomiser?
    /// Chillers' restart after an outage: how long, whether they were running before it, and
    /// whether they are restarting now (the coils then have no chilled water).
    let chillerRestartS: Double
    /// Heat capacity of the chilled-water loop (system volume, 4 L per kW of chiller capacity,
    /// an estimate of pipes, coils and evaporators; plus a storage tank) and how far its supply
    /// has risen above the set point while the plant is short, K.
    let chilledLoopCapacityJPerK: Double
    private(set) var chilledSupplyRiseK = 0.0
    /// Chilled-water storage: capacity (tank volume × ρ c_p × loop ΔT) and what is left, J.
    let storageCapacityJ: Double
    private(set) var storageJ: Double
    private var chillersWereRunning = false
    private(set) var chillersRestarting = false
    private var coolingWasPowered = true
    private var previousTimeS = 0.0
    /// Which capacities are exceeded now, so that events mark only the crossings.
    private var over = (utility: false, generators: false, transformers: false, ups: false, pdu: false, psu: false, plant: false)
    private let startHour: Double
    /// Diesel generator fuel at 75-100 % load, about 0.27 L/kWh (an estimate from 1-2 MW
    /// generator set data sheets), and its CO₂: 10.21 kg per US gallon = 2.70 kg/L (US EPA GHG
    /// Emission Factors Hub, distillate fuel oil no. 2).
    static let generatorFuelLPerKWh = 0.27
    static let dieselCarbonKgPerL = 2.70

    struct Counters {
        var it = 0.0, crahFans = 0.0, cduPumps = 0.0, coils = 0.0, cdus = 0.0, rearDoors = 0.0, psuLoss = 0.0, vrmLoss = 0.0, serverFans = 0.0
    }

    init(spec: ScenarioSpec) throws(SimulationError) {
        plant = CoolingPlant(spec: spec)
        chain = PowerChain(spec: spec.power)
        backup = BackupPower(spec: spec.power)
        airSide = spec.cooling.economiser.mode == .airSide ? AirSideEconomiser(marginK: spec.cooling.economiser.changeoverMarginK) : nil
        chillerRestartS = spec.cooling.chillers?.restartTimeS ?? 0
        let water = CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
        let systemM3 = (spec.cooling.chillers.map { Double($0.units) * $0.capacityW } ?? 0) / 1000 * 0.004
        chilledLoopCapacityJPerK = (systemM3 + (spec.cooling.chilledWater?.storageM3 ?? 0)) * water
        storageCapacityJ = spec.cooling.chilledWater.map {
            $0.storageM3 * CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK * ($0.returnTemperatureC - $0.supplyTemperatureC)
        } ?? 0
        storageJ = storageCapacityJ
        summary.minimumBatteryStateOfCharge = backup.stateOfCharge
        summary.generatorCapacityW = spec.power.generators.map { Double($0.units) * $0.ratingW } ?? .nan
        site = try SiteConditions(spec: spec)
        startHour = spec.simulation.localStartHourOfYear
        pricePerJ = spec.site.electricityPricePerJ
        timeOfUse = spec.site.timeOfUse
        carbonKgPerJ = spec.site.gridCarbonKgPerJ
        pduCapacityW = spec.power.pduCapacityW
        summary.currency = spec.site.currency ?? ""
        summary.hasPlant = plant != nil
        summary.utilityCapacityW = spec.power.utilityCapacityW ?? .nan
        summary.upsUsableCapacityW = chain.ups?.usableCapacityW ?? .nan
        summary.transformerCapacityW = chain.transformers?.capacityW ?? .nan
        summary.chillerUsableCapacityW = plant.map { $0.usableChillerCapacityW } ?? .nan
        summary.rejectionCapacityW = plant.map { $0.rejectionCapacityW } ?? .nan
    }

    /// Books the step that ended at `timeS`; returns the overload and cooling-shortfall events it started or ended.
    func step(to timeS: Double, model: FacilityThermalModel) throws(SimulationError) -> [FacilityEvent] {
        let dt = timeS - previousTimeS
        guard dt > 0 else { return [] }
        let now = Counters(it: model.itEnergyJ, crahFans: model.crahFanEnergyJ, cduPumps: model.pumpEnergyJ, coils: model.coilEnergyJ,
                           cdus: model.facilityWaterEnergyJ, rearDoors: model.rearDoorEnergyJ, psuLoss: model.psuLossEnergyJ,
                           vrmLoss: model.vrmLossEnergyJ, serverFans: model.serverFanEnergyJ)
        let itW = (now.it - previous.it) / dt
        let crahFanW = (now.crahFans - previous.crahFans) / dt
        let cduPumpW = (now.cduPumps - previous.cduPumps) / dt
        let coilW = (now.coils - previous.coils) / dt
        let cduW = (now.cdus - previous.cdus) / dt
        let rearDoorW = (now.rearDoors - previous.rearDoors) / dt
        let midS = previousTimeS + dt / 2
        let itParts = (psuLossJ: now.psuLoss - previous.psuLoss, vrmLossJ: now.vrmLoss - previous.vrmLoss, fansJ: now.serverFans - previous.serverFans)
        previous = now
        previousTimeS = timeS

        let source = backup.source
        let powered = backup.coolingPowered
        // Air-side economiser: the share of each hall's coil heat outdoor air carries away.
        var outdoorAirW = 0.0, economisedCoilW = 0.0, humidificationKgPerS = 0.0
        if let airSide, let site {
            let hallCoilJ = model.halls.map(\.coilEnergyJ)
            defer { previousHallCoilJ = hallCoilJ }
            let dryBulb = site.conditions(atS: midS).dryBulbC, dewPoint = site.dewPointC(atS: midS)
            for (h, hall) in model.halls.enumerated() {
                let hallCoilW = (hallCoilJ[h] - (previousHallCoilJ.count > h ? previousHallCoilJ[h] : 0)) / dt
                let f = airSide.fraction(outdoorC: dryBulb, dewPointC: dewPoint, supplyC: hall.air.setPointC, returnC: hall.roomC)
                outdoorAirW += f * hallCoilW
                economisedCoilW += hallCoilW
                humidificationKgPerS += airSide.humidificationKgPerS(coilHeatW: hallCoilW, outdoorC: dryBulb, dewPointC: dewPoint,
                                                                      supplyC: hall.air.setPointC, returnC: hall.roomC, pressurePa: site.pressurePa)
            }
        }
        var chainResult = chain.critical(itW: itW)
        if source == .none {
            // The UPS has no input: it and the PDUs are dark (IT is off from the step after the loss).
            chainResult.pduLossW = 0
            chainResult.upsLossW = 0
            chainResult.upsOutputW = itW
        }
        let warmLoop = plant?.hasWarmLoop ?? false
        // A spent tank recharges over an hour once the chillers run again.
        let rechargeW = powered && !chillersRestarting && storageJ < storageCapacityJ ? min(storageCapacityJ / 3600, (storageCapacityJ - storageJ) / dt) : 0
        storageJ += rechargeW * dt
        let chilledLoadW = rechargeW + coilW - outdoorAirW + rearDoorW + chainResult.pduLossW + chainResult.upsLossW + (warmLoop ? 0 : cduW)
        let warmLoadW = warmLoop ? cduW : 0
        let outdoor: (dryBulbC: Double, wetBulbC: Double) = site?.conditions(atS: midS) ?? (SiteConditions.ratingDryBulbC, SiteConditions.ratingWetBulbC)
        var plantResult = CoolingPlant.StepResult()
        var storageEvents: [FacilityEvent] = []
        if plant != nil && (!powered || chillersRestarting) {
            // Unpowered plant, or chillers restarting: nothing removes the chilled loop's heat but
            // a storage tank while it lasts (the warm loop's dry coolers only need power).
            let fromStorage = powered ? min(chilledLoadW, storageJ / dt) : 0
            storageJ -= fromStorage * dt
            plantResult.chilled.unmetW = chilledLoadW - fromStorage
            plantResult.warm.unmetW = powered ? 0 : warmLoadW
            if chillersRestarting && storageCapacityJ > 0 && storageJ <= 1e-9 * storageCapacityJ && model.halls.contains(where: \.chilledWaterAvailable) {
                for hall in model.halls { hall.setChilledWaterAvailable(false) }
                storageEvents.append(FacilityEvent(timeS: timeS, kind: .chilledWaterStorageEmpty, component: "cooling/storage", value: 0,
                                                 message: "the tank is spent before the chillers are back"))
            }
        } else if let plant {
            do throws(NumericalError) {
                plantResult = try plant.step(chilledLoadW: chilledLoadW, warmLoadW: warmLoadW, dryBulbC: outdoor.dryBulbC, wetBulbC: outdoor.wetBulbC)
            } catch {
                throw .numerical(error, timeS: timeS, component: "cooling plant")
            }
        }
        if powered && !chillersRestarting { chillersWereRunning = plantResult.chillerPowerW > 0 }
        // A plant short of its chilled load warms the loop's water: C_loop dT/dt = shortfall, and
        // spare capacity brings it back to the set point (the water the coils get next step).
        if let plant, powered && !chillersRestarting, chilledLoopCapacityJPerK > 0 {
            let spare = max(plant.usableChillerCapacityW - (chilledLoadW - plantResult.chilled.unmetW), 0)
            let net = plantResult.chilled.unmetW > 0 ? plantResult.chilled.unmetW : -spare
            chilledSupplyRiseK = min(max(chilledSupplyRiseK + net * dt / chilledLoopCapacityJPerK, 0), 25)
            for hall in model.halls { hall.setChilledWaterSupplyC(hall.chilledWaterC + chilledSupplyRiseK) }
        }
        let mechanicalW = crahFanW + cduPumpW + plantResult.electricalW
        let otherW = powered ? chain.otherLoadW : 0
        let chargeW = backup.chargePowerW(dt: dt)
        chainResult = chain.complete(chainResult, mechanicalW: mechanicalW + chargeW, otherW: otherW)
        // Where the power came from: the utility, the generators (through the same chain), or
        // the batteries (the critical path only, transformers dark).
        var utilityW = chainResult.utilityW, generatorW = 0.0, dischargeW = 0.0
        switch source {
        case .utility: break
        case .generator:
            generatorW = utilityW
            utilityW = 0
        case .battery, .none:
            dischargeW = chainResult.upsOutputW + chainResult.upsLossW
            chainResult.transformerOutputW = 0
            chainResult.transformerLossW = 0
            chainResult.utilityW = 0
            utilityW = 0
        }
        var events = storageEvents + backup.book(chargeW: chargeW, dischargeW: dischargeW, dt: dt, timeS: timeS)
        if !events.isEmpty { _ = applyPower(model: model, timeS: timeS) }
        let chargeEfficiency = backup.battery?.chargeEfficiency ?? 1

        var s = summary
        s.utilityEnergyJ += utilityW * dt
        s.generatorEnergyJ += generatorW * dt
        s.batteryDischargeJ += dischargeW * dt
        s.batteryChargeJ += chargeW * dt
        s.batteryChargingLossJ += (1 - chargeEfficiency) * chargeW * dt
        s.batteryOverdrawJ = backup.overdrawJ
        s.minimumBatteryStateOfCharge = min(s.minimumBatteryStateOfCharge, backup.stateOfCharge)
        if !backup.utilityUp { s.outageHours += dt / 3600 }
        if source == .battery { s.onBatteryHours += dt / 3600 }
        if source == .none { s.criticalLossHours += dt / 3600 }
        let fuelL = generatorW * dt / 3.6e6 * Self.generatorFuelLPerKWh
        s.generatorFuelL += fuelL
        s.itEnergyJ += itW * dt
        s.psuLossJ += itParts.psuLossJ
        s.vrmLossJ += itParts.vrmLossJ
        s.serverFanEnergyJ += itParts.fansJ
        s.crahFanEnergyJ += crahFanW * dt
        s.cduPumpEnergyJ += cduPumpW * dt
        s.chillerEnergyJ += plantResult.chillerPowerW * dt
        s.heatRejectionFanEnergyJ += plantResult.fanPowerW * dt
        s.plantPumpEnergyJ += plantResult.pumpPowerW * dt
        s.pduLossJ += chainResult.pduLossW * dt
        s.upsLossJ += chainResult.upsLossW * dt
        s.transformerLossJ += chainResult.transformerLossW * dt
        s.otherEnergyJ += otherW * dt
        if plant != nil { s.lossHeatToPlantJ += (chainResult.pduLossW + chainResult.upsLossW) * dt }
        s.lossHeatOutdoorsJ += chainResult.transformerLossW * dt
        s.plantLoadJ += (chilledLoadW + warmLoadW) * dt
        s.outdoorAirHeatJ += outdoorAirW * dt
        s.unmetCoolingJ += plantResult.unmetW * dt
        s.waterKg += (plantResult.waterKgPerS + humidificationKgPerS) * dt
        s.humidificationWaterKg += humidificationKgPerS * dt
        s.carbonKg += (carbonKgPerJ ?? 0) * utilityW * dt + Self.dieselCarbonKgPerL * fuelL
        s.cost += (pricePerJ ?? 0) * priceMultiplier(atS: midS) * utilityW * dt
        if plant != nil {
            let mode = chilledLoadW > 0 || !warmLoop ? plantResult.chilled.mode : plantResult.warm.mode
            if airSide != nil {
                // The air-side economiser's own modes: all of the coils' heat outdoors, or some.
                let share = economisedCoilW > 0 ? outdoorAirW / economisedCoilW : 0
                if share >= 0.999 { s.freeCoolingHours += dt / 3600 } else if share > 0 { s.partialFreeCoolingHours += dt / 3600 }
            } else {
                if mode == .free { s.freeCoolingHours += dt / 3600 }
                if mode == .partial { s.partialFreeCoolingHours += dt / 3600 }
            }
            if plantResult.chillerPowerW == 0 { s.chillerFreeHours += dt / 3600 }
        }
        let month = YearCalendar.month(ofHourOfYear: startHour + midS / 3600)
        s.monthlyFacilityJ[month] += (utilityW + generatorW + dischargeW - chargeEfficiency * chargeW) * dt
        s.monthlyITJ[month] += itW * dt
        s.peakUtilityW = max(s.peakUtilityW, utilityW)
        s.peakGeneratorW = max(s.peakGeneratorW, generatorW)
        s.peakUPSOutputW = max(s.peakUPSOutputW, chainResult.upsOutputW)
        s.peakPlantLoadW = max(s.peakPlantLoadW, chilledLoadW + warmLoadW)
        summary = s
        lastPlant = plantResult
        lastChain = chainResult
        lastSource = source
        lastUtilityW = utilityW
        lastGeneratorW = generatorW
        lastFacilityW = utilityW + generatorW + dischargeW - chargeEfficiency * chargeW
        lastPricePerJ = (pricePerJ ?? 0) * priceMultiplier(atS: midS)
        lastOutdoor = outdoor
        lastITW = itW
        lastCoolingW = crahFanW + cduPumpW + plantResult.electricalW

        func watch(_ state: inout Bool, _ component: String, load: Double, capacity: Double?, what: String) {
            guard let capacity else { return }
            let exceeded = load > capacity * (1 + 1e-9)
            if exceeded != state {
                state = exceeded
                events.append(FacilityEvent(timeS: timeS, kind: .overload(started: exceeded), component: component, value: load,
                                          message: "\(what) (W) against \(Int(capacity.rounded())) W"))
            }
        }
        watch(&over.utility, "power/utility", load: utilityW, capacity: chain.utilityCapacityW, what: "utility draw")
        watch(&over.generators, "power/generators", load: generatorW, capacity: backup.generators.map { Double($0.units) * $0.ratingW },
              what: "generator load")
        watch(&over.transformers, "power/transformers", load: chainResult.transformerOutputW, capacity: chain.transformers?.capacityW,
              what: "transformer load")
        watch(&over.ups, "power/ups", load: chainResult.upsOutputW, capacity: chain.ups?.usableCapacityW,
              what: "critical load (redundancy lost above)")
        watch(&over.pdu, "power/pdu", load: itW, capacity: pduCapacityW, what: "IT load on the PDUs")
        if let psu = model.servers.mostLoadedPSUs() {
            watch(&over.psu, "power/psu", load: psu.dcW, capacity: psu.usableW,
                  what: "most loaded server's DC load on its supplies (redundancy lost above)")
        }
        let short = plantResult.unmetW > 1e-6 * max(chilledLoadW + warmLoadW, 1)
        if short != over.plant {
            over.plant = short
            events.append(FacilityEvent(timeS: timeS, kind: .coolingShortfall(started: short), component: "cooling/plant",
                                      value: plantResult.unmetW, message: "heat (W) the plant cannot remove at its set points"))
        }
        return events
    }

    /// Gives the halls the power the backup system has now. When cooling gets its power back and
    /// chillers were running before it lost it, they restart: the coils have no chilled water
    /// for `chillerRestartS` (returned, for the caller to schedule the end).
    func applyPower(model: FacilityThermalModel, timeS: Double) -> (records: [FacilityEvent], restartEndS: Double?) {
        model.setPower(itPowered: !backup.criticalLost, coolingPowered: backup.coolingPowered)
        defer { coolingWasPowered = backup.coolingPowered }
        guard backup.coolingPowered, !coolingWasPowered, chillersWereRunning, chillerRestartS > 0, !chillersRestarting else { return ([], nil) }
        chillersRestarting = true
        // Without a tank (or with a spent one) the coils have no water until the chillers are back.
        if storageJ <= 0 { for hall in model.halls { hall.setChilledWaterAvailable(false) } }
        return ([FacilityEvent(timeS: timeS, kind: .chillerRestart(started: true), component: "cooling/chillers", value: chillerRestartS,
                             message: "restart time (s) before chilled water returns to the coils")], timeS + chillerRestartS)
    }

    /// The chillers are back: chilled water at the coils again.
    func chillersRestarted(model: FacilityThermalModel, timeS: Double) -> [FacilityEvent] {
        guard chillersRestarting else { return [] }
        chillersRestarting = false
        for hall in model.halls { hall.setChilledWaterAvailable(true) }
        return [FacilityEvent(timeS: timeS, kind: .chillerRestart(started: false), component: "cooling/chillers", message: "chilled water back at the coils")]
    }

    private func priceMultiplier(atS timeS: Double) -> Double {
        guard let timeOfUse else { return 1 }
        let hour = SiteConditions.hourOfDay(startHour: startHour, timeS: timeS)
        if timeOfUse.peakHours.contains(hour) { return timeOfUse.peakMultiplier }
        if timeOfUse.valleyHours.contains(hour) { return timeOfUse.valleyMultiplier }
        return 1
    }
}
