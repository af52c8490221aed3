import Foundation
import Models

/// Reads `cooling:`: CRAH and CDU groups per hall, and the plant.
enum CoolingSection {
    /// Keys written as `autosize` are appended to `autosize` (their spec fields hold 0 until
    /// `Autosizer` fills them).
    static func read(_ document: inout MappingReader, hallNames: DefinedNames, autosize: inout [AutosizeTarget],
                     _ diagnostics: inout DiagnosticCollector) -> CoolingSpec {
        var spec = CoolingSpec(crahGroups: [], cduGroups: [], chillers: nil, towers: nil, dryCoolers: nil,
                               economiser: EconomiserSpec(mode: .none, changeoverMarginK: 2), chilledWater: nil, facilityWaterSupplyC: nil)
        guard var section = document.mapping("cooling", diagnostics: &diagnostics) else { return spec }
        let firstHall = hallNames.valid.first ?? ""
        for var reader in section.mappingList("crah", diagnostics: &diagnostics) ?? [] {
            let group = spec.crahGroups.count
            let hall = reader.reference("hall", to: hallNames, default: firstHall, diagnostics: &diagnostics)
            let units = reader.integer("units", range: 1...1_000, diagnostics: &diagnostics)
            let redundant = reader.integer("redundant", range: 0...100, default: 0, diagnostics: &diagnostics)
            let capacity = reader.sizableQuantity("capacity", .power, range: 1e3...1e7, diagnostics: &diagnostics)
            let airflow = reader.sizableQuantity("airflow", .volumeFlow, range: 0.01...1_000, diagnostics: &diagnostics)
            let fan = reader.quantity("fan_power", .power, range: 0...1e6, diagnostics: &diagnostics)
            let control = readFanControl(&reader, &diagnostics)
            let ratingGiven = reader.presentKeys.contains("rating")
            let conditions = readCoilRating(&reader, &diagnostics)
            if capacity == .autosize && ratingGiven {
                diagnostics.error("a rating describes a capacity that is given; an autosized coil is rated at the hall's design "
                                  + "conditions (docs/models/plant.md, Autosizing): remove rating or give capacity",
                                  at: reader.location(of: "rating"), keyPath: reader.path("rating"))
            }
            reader.finish(diagnostics: &diagnostics)
            guard let hall, let units, let redundant, let capacity, let airflow, let fan, let control, let conditions,
                  !(capacity == .autosize && ratingGiven), checkRedundancy(units, redundant, reader, &diagnostics) else { continue }
            if capacity == .autosize { autosize.append(.crahCapacity(group: group)) }
            if airflow == .autosize { autosize.append(.crahAirflow(group: group)) }
            let rating = CoolingCoilModel.Rating(capacityW: capacity.given ?? 0, airflowM3PerS: airflow.given ?? 0, enteringAirC: conditions.airC,
                                                 enteringWaterC: conditions.waterC, waterRiseK: conditions.riseK)
            // With either value autosized the coil is checked once it is sized (Autosizer).
            if let impossible = impossibleRating(rating), capacity != .autosize, airflow != .autosize {
                diagnostics.error(impossible, at: reader.location(of: "capacity"), keyPath: reader.path("capacity"))
                continue
            }
            spec.crahGroups.append(CRAHSpec(hall: hall, units: units, redundantUnits: redundant, capacityW: rating.capacityW,
                                            airflowM3PerS: rating.airflowM3PerS, fanPowerW: fan, fanControl: control,
                                            rating: rating))
        }
        for var reader in section.mappingList("cdu", diagnostics: &diagnostics) ?? [] {
            let group = spec.cduGroups.count
            let hall = reader.reference("hall", to: hallNames, default: firstHall, diagnostics: &diagnostics)
            let units = reader.integer("units", range: 1...1_000, diagnostics: &diagnostics)
            let redundant = reader.integer("redundant", range: 0...100, default: 0, diagnostics: &diagnostics)
            let capacity = reader.sizableQuantity("capacity", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let approach = reader.quantity("approach", .temperatureDifference, range: 0.5...20, default: 3, diagnostics: &diagnostics)
            let pump = reader.quantity("pump_power", .power, range: 0...1e6, default: 0, diagnostics: &diagnostics)
            let supply = reader.optionalQuantity("supply_temperature", .temperature, range: 5...65, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let hall, let units, let redundant, let capacity, let approach, let pump, let supply,
               checkRedundancy(units, redundant, reader, &diagnostics) {
                if capacity == .autosize { autosize.append(.cduCapacity(group: group)) }
                spec.cduGroups.append(CDUSpec(hall: hall, units: units, redundantUnits: redundant, capacityW: capacity.given ?? 0, approachK: approach,
                                              pumpPowerW: pump, supplySetPointC: supply))
            }
        }
        if var reader = section.mapping("chillers", diagnostics: &diagnostics) {
            let units = reader.integer("units", range: 1...100, diagnostics: &diagnostics)
            let redundant = reader.integer("redundant", range: 0...50, default: 0, diagnostics: &diagnostics)
            let capacity = reader.sizableQuantity("capacity", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let cop = reader.number("cop", range: 1...15, diagnostics: &diagnostics)
            let leaving = reader.quantity("leaving_water_temperature", .temperature, range: 2...30, default: 12, diagnostics: &diagnostics)
            let condenser = reader.string("condenser", allowed: ChillerSpec.Condenser.allCases.map(\.rawValue), default: "water",
                                          diagnostics: &diagnostics).flatMap(ChillerSpec.Condenser.init(rawValue:))
            // Estimate: chillers restart in 5-15 min after a power loss, rapid-restart models in
            // under 5 min (vendor data, e.g. Trane "Rapid Restart"); 10 min by default.
            let restart = reader.quantity("restart_time", .duration, range: 0...3600, default: 600, diagnostics: &diagnostics)
            let stageUp = reader.quantity("stage_up_load", .fraction, range: 0.5...1, default: ChillerSpec.defaultStageUpLoad, diagnostics: &diagnostics)
            let stageDown = reader.quantity("stage_down_load", .fraction, range: 0.1...1, default: ChillerSpec.defaultStageDownLoad, diagnostics: &diagnostics)
            if let stageUp, let stageDown, stageDown >= stageUp {
                diagnostics.error("stage_down_load (\(format(stageDown * 100)) %) must be below stage_up_load (\(format(stageUp * 100)) %): "
                                  + "the gap keeps chillers from starting and stopping every step",
                                  at: reader.location(of: "stage_down_load"), keyPath: reader.path("stage_down_load"))
            }
            reader.finish(diagnostics: &diagnostics)
            if let units, let redundant, let capacity, let cop, let leaving, let condenser, let restart, let stageUp, let stageDown,
               stageDown < stageUp, checkRedundancy(units, redundant, reader, &diagnostics) {
                if capacity == .autosize { autosize.append(.chillerCapacity) }
                spec.chillers = ChillerSpec(units: units, redundantUnits: redundant, capacityW: capacity.given ?? 0, ratedCOP: cop,
                                            leavingWaterTemperatureC: leaving, condenser: condenser, restartTimeS: restart,
                                            stageUpLoad: stageUp, stageDownLoad: stageDown)
            }
        }
        if var reader = section.mapping("towers", diagnostics: &diagnostics) {
            let units = reader.integer("units", range: 1...100, diagnostics: &diagnostics)
            let capacity = reader.sizableQuantity("capacity", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let approach = reader.quantity("approach", .temperatureDifference, range: 1...15, default: 4, diagnostics: &diagnostics)
            let range = reader.quantity("range", .temperatureDifference, range: 1...20, default: 6, diagnostics: &diagnostics)
            let fan = reader.quantity("fan_power", .power, range: 0...1e6, default: 0, diagnostics: &diagnostics)
            let cycles = reader.number("cycles_of_concentration", range: 1.5...20, default: 4, diagnostics: &diagnostics)
            let ratingWetBulb = reader.quantity("rating_wet_bulb", .temperature, range: -10...40, default: HeatRejectionModel.defaultRatingWetBulbC,
                                                diagnostics: &diagnostics)
            let waterToAir = reader.number("water_to_air_ratio", range: 0.2...5, default: HeatRejectionModel.defaultWaterToAirRatio,
                                           diagnostics: &diagnostics)
            let fans = readHeatRejectionFans(&reader, &diagnostics)
            let pump = reader.optionalSizableQuantity("pump_power", .power, range: 0...1e7, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let approach, let range, let ratingWetBulb, let waterToAir,
               HeatRejectionModel(towers: 1, designCapacityW: 1, designApproachK: approach, rangeK: range, designFanPowerW: 0,
                                  ratingWetBulbC: ratingWetBulb, waterToAirRatio: waterToAir) == nil {
                diagnostics.error(String(format: "a tower cannot cool water through a %.1f K range to %.1f K above a %.1f °C wet bulb with "
                                         + "%.2f kg of water per kg of air: the air cannot take that heat (give more air: a lower "
                                         + "water_to_air_ratio, or a wider approach)", range, approach, ratingWetBulb, waterToAir),
                                  at: reader.location(of: "approach"), keyPath: reader.path("approach"))
            } else if let units, let capacity, let approach, let range, let fan, let cycles, let pump, let ratingWetBulb, let waterToAir, let fans {
                if capacity == .autosize { autosize.append(.towerCapacity) }
                // Without a pump power: the design rule (DesignPumpPower), on the capacity once it is sized.
                let ruled = pump == nil ? capacity.given.map { DesignPumpPower.condenserWPerW * Double(units) * $0 } : nil
                if pump == .autosize || (pump == nil && ruled == nil) { autosize.append(.towerPump) }
                spec.towers = TowerSpec(units: units, capacityW: capacity.given ?? 0, approachK: approach, rangeK: range, fanPowerW: fan,
                                        cyclesOfConcentration: cycles, pumpPowerW: pump?.given ?? ruled ?? 0, ratingWetBulbC: ratingWetBulb,
                                        waterToAirRatio: waterToAir, fans: fans)
            }
        }
        if var reader = section.mapping("dry_coolers", diagnostics: &diagnostics) {
            let units = reader.integer("units", range: 1...500, diagnostics: &diagnostics)
            let capacity = reader.sizableQuantity("capacity", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let approach = reader.quantity("approach", .temperatureDifference, range: 1...25, default: 8, diagnostics: &diagnostics)
            let fan = reader.quantity("fan_power", .power, range: 0...1e6, default: 0, diagnostics: &diagnostics)
            let pump = reader.optionalSizableQuantity("pump_power", .power, range: 0...1e7, diagnostics: &diagnostics)
            let fans = readHeatRejectionFans(&reader, &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let units, let capacity, let approach, let fan, let pump, let fans {
                if capacity == .autosize { autosize.append(.dryCoolerCapacity) }
                let ruled = pump == nil ? capacity.given.map { DesignPumpPower.condenserWPerW * Double(units) * $0 } : nil
                if pump == .autosize || (pump == nil && ruled == nil) { autosize.append(.dryCoolerPump) }
                spec.dryCoolers = DryCoolerSpec(units: units, capacityW: capacity.given ?? 0, approachK: approach, fanPowerW: fan,
                                                pumpPowerW: pump?.given ?? ruled ?? 0, fans: fans)
            }
        }
        if var reader = section.mapping("economiser", diagnostics: &diagnostics) {
            let mode = reader.string("mode", allowed: EconomiserSpec.Mode.allCases.map(\.rawValue), default: "none", diagnostics: &diagnostics)
                .flatMap(EconomiserSpec.Mode.init(rawValue:))
            let margin = reader.quantity("changeover_margin", .temperatureDifference, range: 0...10, default: 2, diagnostics: &diagnostics)
            let exchanger = reader.quantity("heat_exchanger_approach", .temperatureDifference, range: 0...10, default: EconomiserSpec.defaultHeatExchangerApproachK,
                                         diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let mode, let margin, let exchanger {
                spec.economiser = EconomiserSpec(mode: mode, changeoverMarginK: margin, heatExchangerApproachK: exchanger)
            }
        }
        if var reader = section.mapping("chilled_water", diagnostics: &diagnostics) {
            let supply = reader.quantity("supply_temperature", .temperature, range: 2...30, diagnostics: &diagnostics)
            let returnTemperature = reader.quantity("return_temperature", .temperature, range: 3...40, diagnostics: &diagnostics)
            let pump = reader.sizableQuantity("pump_power", .power, range: 0...1e7, default: 0, diagnostics: &diagnostics)
            let storage = reader.quantity("storage", .volume, range: 0...1e5, default: 0, diagnostics: &diagnostics)
            var reset: (maximumC: Double, headroom: Double)?
            if var resetReader = reader.mapping("reset", diagnostics: &diagnostics) {
                let maximum = resetReader.quantity("maximum_supply", .temperature, range: 2...30, diagnostics: &diagnostics)
                let headroom = resetReader.quantity("headroom", .fraction, range: 0...0.9, default: 0.1, diagnostics: &diagnostics)
                if let maximum, let supply, maximum < supply {
                    diagnostics.error("the reset's maximum supply (\(format(maximum)) °C) is below the supply set point (\(format(supply)) °C)",
                                      at: resetReader.location(of: "maximum_supply"), keyPath: resetReader.path("maximum_supply"))
                }
                resetReader.finish(diagnostics: &diagnostics)
                if let maximum, let headroom { reset = (maximum, headroom) }
            }
            reader.finish(diagnostics: &diagnostics)
            if let supply, let returnTemperature, let pump, let storage {
                if returnTemperature <= supply {
                    diagnostics.error("return water (\(format(returnTemperature)) °C) must be warmer than supply (\(format(supply)) °C)",
                                      at: reader.location(of: "return_temperature"), keyPath: reader.path("return_temperature"))
                } else {
                    if pump == .autosize { autosize.append(.chilledWaterPump) }
                    spec.chilledWater = ChilledWaterSpec(supplyTemperatureC: supply, returnTemperatureC: returnTemperature, pumpPowerW: pump.given ?? 0,
                                                         storageM3: storage)
                    spec.chilledWater?.reset = reset.map { ChilledWaterReset(designSupplyC: supply, maximumSupplyC: $0.maximumC, headroom: $0.headroom) }
                }
            }
        }
        if var reader = section.mapping("facility_water", diagnostics: &diagnostics) {
            spec.facilityWaterSupplyC = reader.quantity("supply_temperature", .temperature, range: 2...60, diagnostics: &diagnostics)
            if let range = reader.quantity("range", .temperatureDifference, range: 1...30, default: 10, diagnostics: &diagnostics) {
                spec.facilityWaterRangeK = range
            }
            switch reader.optionalSizableQuantity("pump_power", .power, range: 0...1e7, diagnostics: &diagnostics) {
            case .some(.some(.autosize)): autosize.append(.facilityWaterPump)
            case .some(.some(.value(let watts))): spec.facilityWaterPumpW = watts
            default: break // not given: the design rule on the CDUs' capacity (CoolingPlant)
            }
            // ASHRAE TC 9.9 liquid classes W17 ... W45: supply limits in °C.
            if let supply = spec.facilityWaterSupplyC, supply > 45 {
                diagnostics.warning("facility water at \(format(supply)) °C is above ASHRAE class W45", at: reader.location(of: "supply_temperature"),
                                    keyPath: reader.path("supply_temperature"))
            }
            reader.finish(diagnostics: &diagnostics)
        }
        section.finish(diagnostics: &diagnostics)
        return spec
    }

    /// The fan controls of towers or dry coolers (`HeatRejectionFanControl`).
    private static func readHeatRejectionFans(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> HeatRejectionFanControl? {
        var control = HeatRejectionFanControl()
        let approach = reader.optionalQuantity("condenser_approach", .temperatureDifference, range: 0.5...20, diagnostics: &diagnostics)
        let minimum = reader.quantity("minimum_condenser_water", .temperature, range: 0...40, default: control.minimumCondenserC,
                                      diagnostics: &diagnostics)
        let speed = reader.quantity("minimum_fan_speed", .fraction, range: 0...1, default: control.minimumFanSpeed, diagnostics: &diagnostics)
        guard let approach, let minimum, let speed else { return nil }
        control.condenserApproachK = approach
        control.minimumCondenserC = minimum
        control.minimumFanSpeed = speed
        return control
    }

    /// `fan_control` of a CRAH group and the set point and limits its mode uses
    /// (`CRAHFanControl`, docs/models/hall-thermal.md).
    private static func readFanControl(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> CRAHFanControl? {
        let name = reader.string("fan_control", allowed: ["variable", "constant", "pressure", "cold-aisle"], default: "variable",
                                 diagnostics: &diagnostics)
        let margin = reader.quantity("airflow_margin", .fraction, range: 0...1, default: CRAHFanControl.defaultMargin, diagnostics: &diagnostics)
        let minimum = reader.quantity("minimum_fan_speed", .fraction, range: 0...1, default: CRAHFanControl.defaultMinimumSpeed,
                                      diagnostics: &diagnostics)
        // Containment pressure set points are 1-5 Pa (0.005-0.02 in. w.c.); 2 Pa by default.
        let pressure = reader.quantity("pressure_set_point", .pressure, range: 0...500, default: 2, diagnostics: &diagnostics)
        let leakage = reader.optionalQuantity("leakage_area", .area, range: 0...100, diagnostics: &diagnostics)
        let coldAisle = reader.optionalQuantity("cold_aisle_set_point", .temperature, range: 10...45, diagnostics: &diagnostics)
        guard let name, let margin, let minimum, let pressure, let leakage, let coldAisle else { return nil }
        let mode: CRAHFanControl.Mode
        switch name {
        case "constant": mode = .constant
        case "pressure":
            guard let area = leakage else {
                diagnostics.error("pressure control needs the containment's leakage_area (m², e.g. '0.5 m2'): the air it loses at "
                                  + "its pressure set point", at: reader.location(of: "fan_control"), keyPath: reader.path("leakage_area"))
                return nil
            }
            mode = .pressure(setPointPa: pressure, leakageAreaM2: area)
        case "cold-aisle":
            guard let point = coldAisle else {
                diagnostics.error("cold-aisle control needs cold_aisle_set_point (the warmest rack inlet it holds, e.g. '27 degC')",
                                  at: reader.location(of: "fan_control"), keyPath: reader.path("cold_aisle_set_point"))
                return nil
            }
            mode = .coldAisle(setPointC: point)
        default: mode = .followRacks(margin: margin)
        }
        return CRAHFanControl(mode: mode, minimumSpeed: minimum)
    }

    /// `rating:` of a CRAH: the entering air and water temperatures and the water's rise its
    /// capacity is stated at (catalog defaults, `CoolingCoilModel.Rating`).
    private static func readCoilRating(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector)
        -> (airC: Double, waterC: Double, riseK: Double)? {
        let defaults = (airC: CoolingCoilModel.Rating.defaultEnteringAirC, waterC: CoolingCoilModel.Rating.defaultEnteringWaterC,
                        riseK: CoolingCoilModel.Rating.defaultWaterRiseK)
        guard var rating = reader.mapping("rating", diagnostics: &diagnostics) else { return defaults }
        let air = rating.quantity("entering_air", .temperature, range: 10...60, default: defaults.airC, diagnostics: &diagnostics)
        let water = rating.quantity("entering_water", .temperature, range: 0...40, default: defaults.waterC, diagnostics: &diagnostics)
        let rise = rating.quantity("water_rise", .temperatureDifference, range: 1...30, default: defaults.riseK, diagnostics: &diagnostics)
        rating.finish(diagnostics: &diagnostics)
        guard let air, let water, let rise else { return nil }
        guard air > water else {
            diagnostics.error("entering air (\(air) °C) must be warmer than the entering water (\(water) °C)",
                              at: rating.location(of: "entering_air"), keyPath: rating.path("entering_air"))
            return nil
        }
        return (air, water, rise)
    }

    /// Why a coil rating is impossible, or nil when a coil can meet it.
    static func impossibleRating(_ rating: CoolingCoilModel.Rating) -> String? {
        guard CoolingCoilModel(rating: rating) == nil else { return nil }
        let most = min(rating.airHeatRateWPerK, rating.waterHeatRateWPerK) * (rating.enteringAirC - rating.enteringWaterC)
        return String(format: "%.0f kW cannot be rated with %.2f m³/s of air entering at %.1f °C and water at %.1f °C "
                      + "warming %.1f K: those streams can exchange at most %.0f kW; check capacity, airflow "
                      + "or rating (docs/models/hall-thermal.md)", rating.capacityW / 1000, rating.airflowM3PerS, rating.enteringAirC,
                      rating.enteringWaterC, rating.waterRiseK, max(0, most) / 1000)
    }

    private static func checkRedundancy(_ units: Int, _ redundant: Int, _ reader: MappingReader,
                                        _ diagnostics: inout DiagnosticCollector) -> Bool {
        guard redundant < units else {
            diagnostics.error("\(redundant) redundant of \(units) units leaves none to carry the load", at: reader.location(of: "redundant"),
                              keyPath: reader.path("redundant"))
            return false
        }
        return true
    }
}

/// Default pump power where a scenario gives none: ASHRAE 90.1-2019 Appendix G baseline,
/// 19 W/gpm of condenser water at 3 gpm/ton, i.e. 57 W per 3.517 kW of heat rejected.
public enum DesignPumpPower {
    public static let condenserWPerW = 19.0 * 3.0 / 3517.0
    /// Appendix G's chilled-water pumps (G3.1.3.10): 22 W per gpm; 1 gpm = 6.309e-5 m³/s.
    public static let chilledWaterWPerM3PerS = 22.0 / 6.309e-5
}
