/// The year's books of the whole facility: The Green Grid's energy ratios (PUE = total facility
/// energy / IT energy, WP49 category boundaries), water, carbon, cost, economiser hours, and
/// peak loads against capacities. Stored in `/summary` beside the hall's results.
public struct FacilitySummary: Sendable {
    public var utilityEnergyJ = 0.0
    public var itEnergyJ = 0.0
    public var crahFanEnergyJ = 0.0
    public var cduPumpEnergyJ = 0.0
    public var chillerEnergyJ = 0.0
    public var heatRejectionFanEnergyJ = 0.0
    public var plantPumpEnergyJ = 0.0
    public var pduLossJ = 0.0
    public var upsLossJ = 0.0
    public var transformerLossJ = 0.0
    public var otherEnergyJ = 0.0
    /// Parts of the IT energy (inside the servers): PSU and VRM losses, server fans.
    public var psuLossJ = 0.0
    public var vrmLossJ = 0.0
    public var serverFanEnergyJ = 0.0
    /// Backup power: generator energy and fuel, battery charge drawn, discharge delivered,
    /// charging loss, and what an emptying battery overdrew in its last step.
    public var generatorEnergyJ = 0.0
    public var generatorFuelL = 0.0
    public var batteryChargeJ = 0.0
    public var batteryDischargeJ = 0.0
    public var batteryChargingLossJ = 0.0
    public var batteryOverdrawJ = 0.0
    public var minimumBatteryStateOfCharge = Double.nan
    public var outageHours = 0.0
    public var onBatteryHours = 0.0
    public var criticalLossHours = 0.0
    public var peakGeneratorW = 0.0
    public var generatorCapacityW = Double.nan
    /// Loss heat the plant removed (PDUs in the hall, UPS rooms on chilled water) and heat left outdoors (transformer yard).
    public var lossHeatToPlantJ = 0.0
    public var lossHeatOutdoorsJ = 0.0
    public var plantLoadJ = 0.0
    /// Coil heat carried away by outdoor air (air-side economiser) instead of the plant.
    public var outdoorAirHeatJ = 0.0
    /// Water of adiabatic humidification while economising with very dry air (part of `waterKg`).
    public var humidificationWaterKg = 0.0
    public var unmetCoolingJ = 0.0
    /// Hours each loop had heat the plant could not remove, and the worst step's shortfall with
    /// the outdoor conditions then (for the warning that names the cause).
    public var chilledShortfallHours = 0.0
    public var warmShortfallHours = 0.0
    /// The most the facility water at the CDUs rose above its set point while the plant was short, K.
    public var peakFacilityWaterRiseK = 0.0
    /// Hours the facility water at the CDUs was more than 0.5 K above its set point.
    public var facilityWaterAboveSetPointHours = 0.0
    public var peakChilledShortfall = PlantShortfall()
    public var peakWarmShortfall = PlantShortfall()
    public var waterKg = 0.0
    public var carbonKg = 0.0
    public var cost = 0.0
    public var currency = ""
    /// Straight-line depreciation of IT and facility capital over the simulated time, and the
    /// carbon price times the run's CO₂, in the scenario's currency (0 where not given).
    public var itDepreciation = 0.0
    public var facilityDepreciation = 0.0
    public var carbonCost = 0.0
    /// Energy + carbon + depreciation over the run: the cost of running the facility for this time.
    public var totalCost: Double { cost + carbonCost + itDepreciation + facilityDepreciation }
    /// Whether the scenario describes a plant (chillers, towers or dry coolers).
    public var hasPlant = false
    public var freeCoolingHours = 0.0
    public var partialFreeCoolingHours = 0.0
    public var chillerFreeHours = 0.0
    public var peakUtilityW = 0.0
    public var peakUPSOutputW = 0.0
    public var peakPlantLoadW = 0.0
    public var utilityCapacityW = Double.nan
    public var upsUsableCapacityW = Double.nan
    public var transformerCapacityW = Double.nan
    public var chillerUsableCapacityW = Double.nan
    public var rejectionCapacityW = Double.nan
    /// The same books by calendar month of the site's local clock.
    public var monthly = MonthlyBooks()

    public var coolingEnergyJ: Double { crahFanEnergyJ + cduPumpEnergyJ + chillerEnergyJ + heatRejectionFanEnergyJ + plantPumpEnergyJ }
    public var lossEnergyJ: Double { pduLossJ + upsLossJ + transformerLossJ + batteryChargingLossJ }
    /// Energy stored in the batteries over the run (charged × efficiency − discharged).
    public var batteryStoredChangeJ: Double { (batteryChargeJ - batteryChargingLossJ) - batteryDischargeJ }
    /// Total facility energy (The Green Grid): from the utility and the generators, less what
    /// was left stored in the batteries.
    public var facilityEnergyJ: Double { utilityEnergyJ + generatorEnergyJ - batteryStoredChangeJ }
    public var pue: Double { facilityEnergyJ / itEnergyJ }
    public var coolingPartialPUE: Double { (itEnergyJ + coolingEnergyJ) / itEnergyJ }
    public var powerPartialPUE: Double { (itEnergyJ + lossEnergyJ) / itEnergyJ }
    /// Site water usage effectiveness, L per kWh of IT energy (1 kg of water = 1 L).
    public var wue: Double { waterKg / (itEnergyJ / 3.6e6) }
    /// Carbon usage effectiveness, kg CO₂ per kWh of IT energy.
    public var cue: Double { carbonKg / (itEnergyJ / 3.6e6) }
    /// (utility − IT − cooling − losses − other) / utility: zero when the books close.
    public var booksRelativeError: Double { (facilityEnergyJ - itEnergyJ - coolingEnergyJ - lossEnergyJ - otherEnergyJ) / facilityEnergyJ }
    public var monthlyPUE: [Double] { monthly.pue }

    public var datasets: [(name: String, value: Double, units: String, longName: String)] {
        [
            ("pue", pue, "1", "power usage effectiveness: total facility energy / IT energy (The Green Grid)"),
            ("ppue_cooling", coolingPartialPUE, "1", "partial PUE of cooling: (IT + cooling) / IT"),
            ("ppue_power", powerPartialPUE, "1", "partial PUE of power delivery: (IT + transformer, UPS and PDU losses) / IT"),
            ("wue_l_per_kwh", wue, "L/(kW h)", "site water usage effectiveness: make-up water / IT energy"),
            ("cue_kg_per_kwh", cue, "kg/(kW h)", "carbon usage effectiveness: grid and generator CO2 / IT energy"),
            ("facility_energy_j", facilityEnergyJ, "J", "total facility energy: utility + generators - energy left stored in batteries"),
            ("utility_energy_j", utilityEnergyJ, "J", "energy drawn from the utility"),
            ("psu_loss_j", psuLossJ, "J", "server power supply losses (part of IT energy; heat in the server's air)"),
            ("vrm_loss_j", vrmLossJ, "J", "board voltage regulator losses (part of IT energy)"),
            ("server_fan_energy_j", serverFanEnergyJ, "J", "server fans (part of IT energy)"),
            ("cooling_energy_j", coolingEnergyJ, "J", "CRAH fans + CDU pumps + chillers + heat-rejection fans + plant pumps"),
            ("chiller_energy_j", chillerEnergyJ, "J", "chiller compressors"),
            ("heat_rejection_fan_energy_j", heatRejectionFanEnergyJ, "J", "cooling tower and dry cooler fans"),
            ("plant_pump_energy_j", plantPumpEnergyJ, "J", "chilled, facility and condenser water pumps"),
            ("cdu_pump_energy_j", cduPumpEnergyJ, "J", "CDU (secondary loop) pumps"),
            ("power_loss_energy_j", lossEnergyJ, "J", "transformer + UPS + PDU + battery charging losses"),
            ("battery_charging_loss_j", batteryChargingLossJ, "J", "battery charger and cell losses while recharging"),
            ("transformer_loss_j", transformerLossJ, "J", "transformer no-load and load losses (heat outdoors)"),
            ("ups_loss_j", upsLossJ, "J", "UPS losses (heat removed by the chilled-water plant)"),
            ("pdu_loss_j", pduLossJ, "J", "PDU losses (heat removed by the chilled-water plant)"),
            ("other_energy_j", otherEnergyJ, "J", "lighting, offices and other facility loads"),
            ("books_relative_error", booksRelativeError, "1", "(facility energy - IT - cooling - losses - other) / facility energy"),
            ("generator_energy_j", generatorEnergyJ, "J", "energy from the generators during utility outages"),
            ("generator_fuel_l", generatorFuelL, "L", "diesel burnt by the generators (0.27 L/kWh)"),
            ("battery_discharge_j", batteryDischargeJ, "J", "energy the batteries delivered to the UPS"),
            ("battery_charge_j", batteryChargeJ, "J", "energy drawn to recharge the batteries"),
            ("battery_overdraw_j", batteryOverdrawJ, "J", "energy drawn in the step a battery ran empty beyond its charge"),
            ("minimum_battery_state_of_charge", minimumBatteryStateOfCharge, "1", "lowest battery state of charge (nan: no battery)"),
            ("outage_hours", outageHours, "h", "hours without the utility"),
            ("on_battery_hours", onBatteryHours, "h", "hours the critical load ran on batteries"),
            ("critical_loss_hours", criticalLossHours, "h", "hours the IT had no power"),
            ("peak_generator_power_w", peakGeneratorW, "W", "highest generator load over a step"),
            ("generator_capacity_w", generatorCapacityW, "W", "generators' total rating (nan: none)"),
            ("plant_load_j", plantLoadJ, "J", "heat delivered to the plant's loops (coils, rear doors, CDUs, UPS and PDU losses)"),
            ("unmet_cooling_j", unmetCoolingJ, "J", "heat the plant could not remove at its set points"),
            ("hours_chilled_water_short", chilledShortfallHours, "h", "hours the chilled-water loop had heat the plant could not remove"),
            ("hours_facility_water_short", warmShortfallHours, "h", "hours the warm (facility) water loop had heat the plant could not remove"),
            ("hours_facility_water_above_set_point", facilityWaterAboveSetPointHours, "h",
             "hours the facility water at the CDUs was more than 0.5 K above its set point (the plant short, or holding the load only at warmer water)"),
            ("peak_facility_water_rise_k", peakFacilityWaterRiseK, "K", "the most the facility water rose above its set point"),
            ("outdoor_air_heat_j", outdoorAirHeatJ, "J", "coil heat carried away by outdoor air (air-side economiser)"),
            ("humidification_water_kg", humidificationWaterKg, "kg", "adiabatic humidification of very dry outdoor air (part of water_kg)"),
            ("water_kg", waterKg, "kg", "cooling tower make-up (evaporation + drift + blowdown) and humidification water"),
            ("carbon_kg", carbonKg, "kg", "CO2 from grid electricity (site grid factor) and generator diesel (2.70 kg/L)"),
            ("energy_cost", cost, currency.isEmpty ? "1" : currency, "electricity cost at the site tariff (time of use where given)"),
            ("carbon_cost", carbonCost, currency.isEmpty ? "1" : currency, "carbon price times the run's grid CO2"),
            ("it_depreciation", itDepreciation, currency.isEmpty ? "1" : currency, "IT capex times run duration / IT depreciation period"),
            ("facility_depreciation", facilityDepreciation, currency.isEmpty ? "1" : currency,
             "facility capex times run duration / facility depreciation period"),
            ("total_cost", totalCost, currency.isEmpty ? "1" : currency, "energy + carbon + depreciation over the run"),
            ("free_cooling_hours", freeCoolingHours, "h", "hours the economiser carried the whole load (air-side: the coils')"),
            ("partial_free_cooling_hours", partialFreeCoolingHours, "h", "hours the economiser carried part of it with chillers trimming"),
            ("chiller_free_hours", chillerFreeHours, "h", "hours with no chiller running"),
            ("peak_utility_power_w", peakUtilityW, "W", "highest utility draw over a step"),
            ("utility_capacity_w", utilityCapacityW, "W", "utility connection capacity (nan: not given)"),
            ("peak_ups_output_w", peakUPSOutputW, "W", "highest critical load on the UPS"),
            ("ups_usable_capacity_w", upsUsableCapacityW, "W", "UPS capacity usable without losing redundancy (nan: no UPS)"),
            ("stranded_power_w", upsUsableCapacityW - peakUPSOutputW, "W", "UPS capacity never used: usable capacity - peak critical load (nan: no UPS)"),
            ("transformer_capacity_w", transformerCapacityW, "W", "transformer capacity at the load power factor (nan: none)"),
            ("peak_plant_load_w", peakPlantLoadW, "W", "highest heat load on the plant"),
            ("chiller_usable_capacity_w", chillerUsableCapacityW, "W", "chiller capacity without the redundant units, at the rating point (nan: no chillers)"),
            ("stranded_cooling_w", chillerUsableCapacityW - peakPlantLoadW, "W", "chiller capacity never used: usable capacity - peak plant load (nan: no chillers)"),
            ("heat_rejection_capacity_w", rejectionCapacityW, "W", "towers or dry coolers at design (nan: none)"),
        ]
    }
}

/// The worst step of a loop's shortfall: heat unmet, the loop's load, and the outdoor air then.
public struct PlantShortfall: Sendable {
    public var unmetW = 0.0
    public var loadW = 0.0
    public var dryBulbC = Double.nan
    public var wetBulbC = Double.nan
    public init() {}
}
