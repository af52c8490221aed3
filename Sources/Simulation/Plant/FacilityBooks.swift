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
    var summary = FacilitySummary()
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
    /// The plant's water side: tank, loops' rises, chilled-water reset, chillers' restart (nil
    /// without a plant). The run hands its `water` to the halls; the books only read it.
    let loops: PlantLoops?
    /// Chilled-water supply set point now, °C (nan without a chilled-water loop).
    var chilledSupplyNowC: Double { loops?.chilledSupplyNowC ?? .nan }
    /// The water the halls get for their next step (nil without a plant).
    var plantWater: PlantLoops.HallWater? { loops?.water }
    private var coolingWasPowered = true
    private var previousTimeS = 0.0
    /// Which capacities are exceeded now, so that events mark only the crossings.
    private var capacities: CapacityWatch
    private let startHour: Double
    /// Diesel generator fuel at 75-100 % load, about 0.27 L/kWh (an estimate from 1-2 MW
    /// generator set data sheets), and its CO₂: 10.21 kg per US gallon = 2.70 kg/L (US EPA GHG
    /// Emission Factors Hub, distillate fuel oil no. 2).
    static let generatorFuelLPerKWh = 0.27
    static let dieselCarbonKgPerL = 2.70

    init(spec: ScenarioSpec) throws(SimulationError) {
        plant = CoolingPlant(spec: spec)
        chain = PowerChain(spec: spec.power)
        backup = BackupPower(spec: spec.power)
        airSide = spec.cooling.economiser.mode == .airSide ? AirSideEconomiser(marginK: spec.cooling.economiser.changeoverMarginK) : nil
        loops = plant.map { PlantLoops(plant: $0, spec: spec) }
        summary.minimumBatteryStateOfCharge = backup.stateOfCharge
        summary.generatorCapacityW = spec.power.generators.map { Double($0.units) * $0.ratingW } ?? .nan
        site = try SiteConditions(spec: spec)
        startHour = spec.simulation.localStartHourOfYear
        pricePerJ = spec.site.electricityPricePerJ
        timeOfUse = spec.site.timeOfUse
        carbonKgPerJ = spec.site.gridCarbonKgPerJ
        capacities = CapacityWatch(chain: chain, backup: backup, pduCapacityW: spec.power.pduCapacityW)
        summary.currency = spec.site.currency ?? ""
        summary.hasPlant = plant != nil
        summary.utilityCapacityW = spec.power.utilityCapacityW ?? .nan
        summary.upsUsableCapacityW = chain.ups?.usableCapacityW ?? .nan
        summary.transformerCapacityW = chain.transformers?.capacityW ?? .nan
        summary.chillerUsableCapacityW = plant.map { $0.usableChillerCapacityW } ?? .nan
        summary.rejectionCapacityW = plant.map { $0.rejectionCapacityW } ?? .nan
    }

    /// Books the step that ended at `timeS`; returns the events it started or ended (overloads,
    /// cooling shortfall, storage, backup power).
    func step(to timeS: Double, model: FacilityThermalModel) throws(SimulationError) -> [FacilityEvent] {
        let dt = timeS - previousTimeS
        guard dt > 0 else { return [] }
        var flows = takeHallFlows(model, dt: dt)
        previousTimeS = timeS
        flows.source = backup.source
        let powered = backup.coolingPowered
        economiseAirSide(model, &flows)
        flows.chain = chain.critical(itW: flows.itW)
        if flows.source == .none {
            // The UPS has no input: it and the PDUs are dark (IT is off from the step after the loss).
            flows.chain.pduLossW = 0
            flows.chain.upsLossW = 0
            flows.chain.upsOutputW = flows.itW
        }
        var events = try runPlant(model, &flows, timeS: timeS, powered: powered)
        completeChain(&flows, powered: powered)
        events += backup.book(chargeW: flows.chargeW, dischargeW: flows.dischargeW, dt: dt, timeS: timeS)
        if !events.isEmpty { _ = applyPower(model: model, timeS: timeS) }
        bookEnergy(flows)
        bookHoursAndPeaks(flows)
        remember(flows)
        return events + capacityEvents(flows, model: model, timeS: timeS)
    }

    /// The step's mean flows from differences of the hall model's energy counters.
    private func takeHallFlows(_ model: FacilityThermalModel, dt: Double) -> StepFlows {
        let now = Counters(it: model.itEnergyJ, crahFans: model.crahFanEnergyJ, cduPumps: model.pumpEnergyJ, coils: model.coilEnergyJ,
                           cdus: model.facilityWaterEnergyJ, rearDoors: model.rearDoorEnergyJ, psuLoss: model.psuLossEnergyJ,
                           vrmLoss: model.vrmLossEnergyJ, serverFans: model.serverFanEnergyJ)
        var flows = StepFlows()
        flows.dt = dt
        flows.midS = previousTimeS + dt / 2
        flows.itW = (now.it - previous.it) / dt
        flows.crahFanW = (now.crahFans - previous.crahFans) / dt
        flows.cduPumpW = (now.cduPumps - previous.cduPumps) / dt
        flows.coilW = (now.coils - previous.coils) / dt
        flows.cduW = (now.cdus - previous.cdus) / dt
        flows.rearDoorW = (now.rearDoors - previous.rearDoors) / dt
        flows.psuLossJ = now.psuLoss - previous.psuLoss
        flows.vrmLossJ = now.vrmLoss - previous.vrmLoss
        flows.serverFansJ = now.serverFans - previous.serverFans
        previous = now
        return flows
    }

    /// Air-side economiser: the share of each hall's coil heat outdoor air carries away.
    private func economiseAirSide(_ model: FacilityThermalModel, _ flows: inout StepFlows) {
        guard let airSide, let site else { return }
        let hallCoilJ = model.halls.map(\.coilEnergyJ)
        defer { previousHallCoilJ = hallCoilJ }
        let dryBulb = site.conditions(atS: flows.midS).dryBulbC, dewPoint = site.dewPointC(atS: flows.midS)
        for (h, hall) in model.halls.enumerated() {
            let hallCoilW = (hallCoilJ[h] - (previousHallCoilJ.count > h ? previousHallCoilJ[h] : 0)) / flows.dt
            let f = airSide.fraction(outdoorC: dryBulb, dewPointC: dewPoint, supplyC: hall.air.setPointC, returnC: hall.roomC)
            flows.outdoorAirW += f * hallCoilW
            flows.economisedCoilW += hallCoilW
            flows.humidificationKgPerS += airSide.humidificationKgPerS(coilHeatW: hallCoilW, outdoorC: dryBulb, dewPointC: dewPoint,
                                                                        supplyC: hall.air.setPointC, returnC: hall.roomC, pressurePa: site.pressurePa)
        }
    }

    /// The plant's loads and its step (`PlantLoops`: the tank, the loops' rises, the reset).
    private func runPlant(_ model: FacilityThermalModel, _ flows: inout StepFlows, timeS: Double,
                          powered: Bool) throws(SimulationError) -> [FacilityEvent] {
        let dt = flows.dt
        flows.warmLoop = plant?.hasWarmLoop ?? false
        let rechargeW = loops?.recharge(dt: dt, powered: powered) ?? 0
        flows.chilledLoadW = rechargeW + flows.coilW - flows.outdoorAirW + flows.rearDoorW + flows.chain.pduLossW + flows.chain.upsLossW
            + (flows.warmLoop ? 0 : flows.cduW)
        flows.warmLoadW = flows.warmLoop ? flows.cduW : 0
        flows.outdoor = site?.conditions(atS: flows.midS) ?? (SiteConditions.ratingDryBulbC, SiteConditions.ratingWetBulbC)
        guard let loops else { return [] }
        let step = try loops.step(chilledLoadW: flows.chilledLoadW, warmLoadW: flows.warmLoadW, outdoor: flows.outdoor, dt: dt,
                                  timeS: timeS, powered: powered) {
            model.halls.indices.map { h in
                let state = model.halls[h].controlState(itAirflowM3PerS: model.servers.hallTotals[h].airflowM3PerS)
                return ChilledWaterReset.Coil(roomC: model.halls[h].roomC, heatW: model.hallHeatToAirW[h] + state.fanPowerW,
                                              maximumW: state.coilMaximumW, waterC: state.chilledWaterC)
            }
        }
        flows.plant = step.result
        if powered && flows.warmLoop {
            summary.peakFacilityWaterRiseK = max(summary.peakFacilityWaterRiseK, loops.facilityWaterRiseK)
            if loops.facilityWaterRiseK > SetPointTracker.supplyToleranceK { summary.facilityWaterAboveSetPointHours += flows.dt / 3600 }
        }
        return step.events
    }

    /// The rest of the power chain (cooling, battery charging, other loads) and where the power
    /// came from: the utility, the generators (through the same chain), or the batteries (the
    /// critical path only, transformers dark).
    private func completeChain(_ flows: inout StepFlows, powered: Bool) {
        let mechanicalW = flows.crahFanW + flows.cduPumpW + flows.plant.electricalW
        flows.otherW = powered ? chain.otherLoadW : 0
        flows.chargeW = backup.chargePowerW(dt: flows.dt)
        flows.chain = chain.complete(flows.chain, mechanicalW: mechanicalW + flows.chargeW, otherW: flows.otherW)
        flows.utilityW = flows.chain.utilityW
        switch flows.source {
        case .utility: break
        case .generator:
            flows.generatorW = flows.utilityW
            flows.utilityW = 0
        case .battery, .none:
            flows.dischargeW = flows.chain.upsOutputW + flows.chain.upsLossW
            flows.chain.transformerOutputW = 0
            flows.chain.transformerLossW = 0
            flows.chain.utilityW = 0
            flows.utilityW = 0
        }
    }

    /// Energy, water, carbon and money of the step into the summary.
    private func bookEnergy(_ f: StepFlows) {
        let dt = f.dt, chargeEfficiency = backup.battery?.chargeEfficiency ?? 1
        var s = summary
        s.utilityEnergyJ += f.utilityW * dt
        s.generatorEnergyJ += f.generatorW * dt
        s.batteryDischargeJ += f.dischargeW * dt
        s.batteryChargeJ += f.chargeW * dt
        s.batteryChargingLossJ += (1 - chargeEfficiency) * f.chargeW * dt
        s.batteryOverdrawJ = backup.overdrawJ
        s.minimumBatteryStateOfCharge = min(s.minimumBatteryStateOfCharge, backup.stateOfCharge)
        let fuelL = f.generatorW * dt / 3.6e6 * Self.generatorFuelLPerKWh
        s.generatorFuelL += fuelL
        s.itEnergyJ += f.itW * dt
        s.psuLossJ += f.psuLossJ
        s.vrmLossJ += f.vrmLossJ
        s.serverFanEnergyJ += f.serverFansJ
        s.crahFanEnergyJ += f.crahFanW * dt
        s.cduPumpEnergyJ += f.cduPumpW * dt
        s.chillerEnergyJ += f.plant.chillerPowerW * dt
        s.heatRejectionFanEnergyJ += f.plant.fanPowerW * dt
        s.plantPumpEnergyJ += f.plant.pumpPowerW * dt
        s.pduLossJ += f.chain.pduLossW * dt
        s.upsLossJ += f.chain.upsLossW * dt
        s.transformerLossJ += f.chain.transformerLossW * dt
        s.otherEnergyJ += f.otherW * dt
        if plant != nil { s.lossHeatToPlantJ += (f.chain.pduLossW + f.chain.upsLossW) * dt }
        s.lossHeatOutdoorsJ += f.chain.transformerLossW * dt
        s.plantLoadJ += (f.chilledLoadW + f.warmLoadW) * dt
        s.outdoorAirHeatJ += f.outdoorAirW * dt
        s.unmetCoolingJ += f.plant.unmetW * dt
        s.waterKg += (f.plant.waterKgPerS + f.humidificationKgPerS) * dt
        s.humidificationWaterKg += f.humidificationKgPerS * dt
        let carbonKg = (carbonKgPerJ ?? 0) * f.utilityW * dt + Self.dieselCarbonKgPerL * fuelL
        let cost = (pricePerJ ?? 0) * priceMultiplier(atS: f.midS) * f.utilityW * dt
        s.carbonKg += carbonKg
        s.cost += cost
        let month = month(of: f)
        s.monthly.facilityJ[month] += facilityW(f) * dt
        s.monthly.itJ[month] += f.itW * dt
        s.monthly.coolingJ[month] += (f.crahFanW + f.cduPumpW + f.plant.chillerPowerW + f.plant.fanPowerW + f.plant.pumpPowerW) * dt
        s.monthly.lossJ[month] += (f.chain.pduLossW + f.chain.upsLossW + f.chain.transformerLossW
                                   + (1 - chargeEfficiency) * f.chargeW) * dt
        s.monthly.waterKg[month] += (f.plant.waterKgPerS + f.humidificationKgPerS) * dt
        s.monthly.carbonKg[month] += carbonKg
        s.monthly.cost[month] += cost
        s.monthly.hours[month] += dt / 3600
        summary = s
    }

    /// The calendar month (0 = January, site's local clock) of the step's midpoint.
    private func month(of f: StepFlows) -> Int {
        YearCalendar.month(ofHourOfYear: startHour + f.midS / 3600)
    }

    /// What the facility drew in the step (utility, generators and batteries, less charging), W.
    private func facilityW(_ f: StepFlows) -> Double {
        f.utilityW + f.generatorW + f.dischargeW - (backup.battery?.chargeEfficiency ?? 1) * f.chargeW
    }

    /// Hours in each condition (outage, on battery, free cooling) and the peaks.
    private func bookHoursAndPeaks(_ f: StepFlows) {
        let hours = f.dt / 3600
        var s = summary
        if !backup.utilityUp { s.outageHours += hours }
        if f.source == .battery { s.onBatteryHours += hours }
        if f.source == .none { s.criticalLossHours += hours }
        if plant != nil {
            let mode = f.chilledLoadW > 0 || !f.warmLoop ? f.plant.chilled.mode : f.plant.warm.mode
            if airSide != nil {
                // The air-side economiser's own modes: all of the coils' heat outdoors, or some.
                let share = f.economisedCoilW > 0 ? f.outdoorAirW / f.economisedCoilW : 0
                if share >= 0.999 {
                    s.freeCoolingHours += hours
                    s.monthly.freeCoolingHours[month(of: f)] += hours
                } else if share > 0 { s.partialFreeCoolingHours += hours }
            } else {
                if mode == .free {
                    s.freeCoolingHours += hours
                    s.monthly.freeCoolingHours[month(of: f)] += hours
                }
                if mode == .partial { s.partialFreeCoolingHours += hours }
            }
            if f.plant.chillerPowerW == 0 { s.chillerFreeHours += hours }
            func track(_ unmetW: Double, _ loadW: Double, _ hoursShort: inout Double, _ peak: inout PlantShortfall) {
                guard unmetW > 1e-6 * max(loadW, 1) else { return }
                hoursShort += hours
                if unmetW > peak.unmetW {
                    peak = PlantShortfall()
                    peak.unmetW = unmetW
                    peak.loadW = loadW
                    peak.dryBulbC = f.outdoor.dryBulbC
                    peak.wetBulbC = f.outdoor.wetBulbC
                }
            }
            track(f.plant.chilled.unmetW, f.chilledLoadW, &s.chilledShortfallHours, &s.peakChilledShortfall)
            track(f.plant.warm.unmetW, f.warmLoadW, &s.warmShortfallHours, &s.peakWarmShortfall)
        }
        s.peakUtilityW = max(s.peakUtilityW, f.utilityW)
        s.peakGeneratorW = max(s.peakGeneratorW, f.generatorW)
        s.peakUPSOutputW = max(s.peakUPSOutputW, f.chain.upsOutputW)
        s.peakPlantLoadW = max(s.peakPlantLoadW, f.chilledLoadW + f.warmLoadW)
        summary = s
    }

    /// The step's flows for the time series.
    private func remember(_ f: StepFlows) {
        lastPlant = f.plant
        lastChain = f.chain
        lastSource = f.source
        lastUtilityW = f.utilityW
        lastGeneratorW = f.generatorW
        lastFacilityW = facilityW(f)
        lastPricePerJ = (pricePerJ ?? 0) * priceMultiplier(atS: f.midS)
        lastOutdoor = f.outdoor
        lastITW = f.itW
        lastCoolingW = f.crahFanW + f.cduPumpW + f.plant.electricalW
    }

    /// Capacities crossed in the step (start or end of an overload) and the plant's shortfall.
    private func capacityEvents(_ f: StepFlows, model: FacilityThermalModel, timeS: Double) -> [FacilityEvent] {
        var loads = CapacityWatch.Loads()
        loads.utilityW = f.utilityW
        loads.generatorW = f.generatorW
        loads.transformerW = f.chain.transformerOutputW
        loads.upsW = f.chain.upsOutputW
        loads.itW = f.itW
        loads.psu = model.servers.mostLoadedPSUs().map { ($0.dcW, $0.usableW) }
        loads.plantUnmetW = f.plant.unmetW
        loads.plantLoadW = f.chilledLoadW + f.warmLoadW
        return capacities.crossings(loads, timeS: timeS)
    }

    /// Gives the halls the power the backup system has now. When cooling gets its power back and
    /// chillers were running before it lost it, they restart: the coils have no chilled water
    /// for their restart time unless a tank holds some (`PlantLoops`; the run hands the halls the
    /// water after this). Returns the event and when the restart ends, for the caller to schedule.
    func applyPower(model: FacilityThermalModel, timeS: Double) -> (records: [FacilityEvent], restartEndS: Double?) {
        model.setPower(itPowered: !backup.criticalLost, coolingPowered: backup.coolingPowered)
        defer { coolingWasPowered = backup.coolingPowered }
        guard backup.coolingPowered, !coolingWasPowered, let restart = loops?.coolingPowerRestored(timeS: timeS) else { return ([], nil) }
        return ([restart.event], restart.endS)
    }

    /// The chillers are back: chilled water at the coils again (from the next hand-over).
    func chillersRestarted(timeS: Double) -> [FacilityEvent] {
        loops?.chillersRestarted(timeS: timeS).map { [$0] } ?? []
    }

    private func priceMultiplier(atS timeS: Double) -> Double {
        timeOfUse?.multiplier(hourOfDay: SiteConditions.hourOfDay(startHour: startHour, timeS: timeS)) ?? 1
    }
}
