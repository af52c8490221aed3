import Models
import Scenario

/// Adds up the facility's books, step by step: energy, water, carbon and money, the hours in
/// each condition and the peaks, from the flows `PlantAndPower` computed for each coupling step:
///
///     utility = IT + cooling (CRAH fans, CDU pumps, chillers, tower/dry-cooler fans, pumps)
///             + losses (transformers, UPS, PDUs) + other loads
///
/// which holds to rounding by construction; the tests check it and the heat paths of the losses.
/// The books compute no physics: every quantity has its source in the flows, and the books only
/// multiply means by the step's length, price and carbon intensity, and add.
final class FacilityBooks {
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
    /// Share of the charger's draw that the battery stores (1 without a battery).
    private let chargeEfficiency: Double
    private let hasPlant: Bool, hasAirSide: Bool
    private let startHour: Double
    /// Diesel generator fuel at 75-100 % load, about 0.27 L/kWh (an estimate from 1-2 MW
    /// generator set data sheets), and its CO₂: 10.21 kg per US gallon = 2.70 kg/L (US EPA GHG
    /// Emission Factors Hub, distillate fuel oil no. 2).
    static let generatorFuelLPerKWh = 0.27
    static let dieselCarbonKgPerL = 2.70

    /// Books for `spec`, with the capacities and the starting state of `plantAndPower`.
    init(spec: ScenarioSpec, plantAndPower: PlantAndPower) {
        let plant = plantAndPower.plant, chain = plantAndPower.chain, backup = plantAndPower.backup
        chargeEfficiency = backup.battery?.chargeEfficiency ?? 1
        hasPlant = plant != nil
        hasAirSide = plantAndPower.airSide != nil
        summary.minimumBatteryStateOfCharge = backup.stateOfCharge
        summary.generatorCapacityW = backup.generatorCapacityW ?? .nan
        startHour = spec.simulation.localStartHourOfYear
        pricePerJ = spec.site.electricityPricePerJ
        timeOfUse = spec.site.timeOfUse
        carbonKgPerJ = spec.site.gridCarbonKgPerJ
        summary.currency = spec.site.currency ?? ""
        summary.hasPlant = hasPlant
        summary.utilityCapacityW = spec.power.utilityCapacityW ?? .nan
        summary.upsUsableCapacityW = chain.ups?.usableCapacityW ?? .nan
        summary.transformerCapacityW = chain.transformers?.capacityW ?? .nan
        summary.chillerUsableCapacityW = plant.map { $0.usableChillerCapacityW } ?? .nan
        summary.rejectionCapacityW = plant.map { $0.rejectionCapacityW } ?? .nan
    }

    /// Adds one step's flows to the books.
    func book(_ flows: FacilityStepFlows) {
        bookEnergy(flows)
        bookHoursAndPeaks(flows)
        remember(flows)
    }

    /// Energy, water, carbon and money of the step into the summary.
    private func bookEnergy(_ f: FacilityStepFlows) {
        let dt = f.dt
        var s = summary
        s.utilityEnergyJ += f.utilityW * dt
        s.generatorEnergyJ += f.generatorW * dt
        s.batteryDischargeJ += f.dischargeW * dt
        s.batteryChargeJ += f.chargeW * dt
        s.batteryChargingLossJ += (1 - chargeEfficiency) * f.chargeW * dt
        s.batteryOverdrawJ = f.batteryOverdrawJ
        s.minimumBatteryStateOfCharge = min(s.minimumBatteryStateOfCharge, f.batteryStateOfCharge)
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
        if hasPlant { s.lossHeatToPlantJ += (f.chain.pduLossW + f.chain.upsLossW) * dt }
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
    private func month(of f: FacilityStepFlows) -> Int {
        YearCalendar.month(ofHourOfYear: startHour + f.midS / 3600)
    }

    /// What the facility drew in the step (utility, generators and batteries, less charging), W.
    private func facilityW(_ f: FacilityStepFlows) -> Double {
        f.utilityW + f.generatorW + f.dischargeW - chargeEfficiency * f.chargeW
    }

    /// Hours in each condition (outage, on battery, free cooling) and the peaks.
    private func bookHoursAndPeaks(_ f: FacilityStepFlows) {
        let hours = f.dt / 3600
        var s = summary
        if !f.utilityUp { s.outageHours += hours }
        if f.source == .battery { s.onBatteryHours += hours }
        if f.source == .none { s.criticalLossHours += hours }
        if let rise = f.facilityWaterRiseK {
            s.peakFacilityWaterRiseK = max(s.peakFacilityWaterRiseK, rise)
            if rise > SetPointTracker.supplyToleranceK { s.facilityWaterAboveSetPointHours += hours }
        }
        if hasPlant {
            let mode = f.chilledLoadW > 0 || !f.warmLoop ? f.plant.chilled.mode : f.plant.warm.mode
            if hasAirSide {
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
    private func remember(_ f: FacilityStepFlows) {
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

    private func priceMultiplier(atS timeS: Double) -> Double {
        timeOfUse?.multiplier(hourOfDay: SiteConditions.hourOfDay(startHour: startHour, timeS: timeS)) ?? 1
    }
}
