import Foundation
import Models

/// Fills the values a scenario wrote as `autosize`, as EnergyPlus's sizing run does: each design
/// load (every server at its maximum power, on the site's design day) times `1 + margin`,
/// divided among the units that carry it without their redundant ones. Hall units first, then
/// the plant that serves them, then the power chain that feeds both (docs/models/plant.md,
/// "Autosizing").
///
/// A size that physics cannot deliver (a coil whose airflow cannot carry its heat) is an error at
/// the key that asked for it.
enum Autosizer {
    static func run(_ spec: inout ScenarioSpec, locate: Locator, diagnostics: inout DiagnosticCollector) {
        guard !spec.sizing.targets.isEmpty else { return }
        guard let design = designConditions(spec, locate, &diagnostics) else { return }
        spec.sizing.design = design
        var sizer = Sizer(spec: spec, design: design, locate: locate)
        for target in spec.sizing.targets.sorted(by: { $0.stage < $1.stage }) {
            sizer.size(target, &diagnostics)
        }
        spec = sizer.spec
        spec.sizing.sized = sizer.sized
    }

    private static func designConditions(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) -> DesignConditions? {
        let site = spec.site
        do {
            if let path = site.weatherFile {
                let series = try WeatherFileReader.read(path: path, elevationM: site.elevationM)
                var conditions = try DesignConditions.from(series, exceedance: spec.sizing.exceedance)
                conditions.source = conditions.source.replacingOccurrences(of: path, with: (path as NSString).lastPathComponent)
                return conditions
            }
            if let temperatures = site.monthlyDryBulbC {
                let series = ClimateSynthesis.hourlyYear(monthlyDryBulbC: temperatures,
                                                         monthlyRelativeHumidity: site.monthlyRelativeHumidity ?? Array(repeating: 0.6, count: 12),
                                                         elevationM: site.elevationM, source: "monthly normals of \(site.name)")
                return try DesignConditions.from(series, exceedance: spec.sizing.exceedance)
            }
            return .ahriRating
        } catch {
            diagnostics.error("the design day for autosizing needs the site's weather: \(error)", at: locate("site"), keyPath: "site")
            return nil
        }
    }
}

/// The sizing rules, one per kind of key (`Autosizer`).
private struct Sizer {
    var spec: ScenarioSpec
    let design: DesignConditions
    let locate: Locator
    let loads: FacilityDesignLoads
    var sized: [SizedValue] = []

    init(spec: ScenarioSpec, design: DesignConditions, locate: Locator) {
        self.spec = spec
        self.design = design
        self.locate = locate
        loads = FacilityDesignLoads(spec)
    }

    var factor: Double { 1 + spec.sizing.margin }

    /// The smallest values a scenario may write for these keys: a hall whose design load is
    /// (nearly) nothing still gets units the models can run.
    static let smallestCapacityW = 1e3
    static let smallestAirflowM3PerS = 0.01

    /// `value`, or `floor` when smaller (the basis then says so).
    private func atLeast(_ value: Double, _ floor: Double) -> Double { max(value, floor) }
    var cooling: CoolingSpec { spec.cooling }

    mutating func size(_ target: AutosizeTarget, _ diagnostics: inout DiagnosticCollector) {
        switch target {
        case .crahAirflow(let group): sizeCRAHAirflow(group, &diagnostics)
        case .crahCapacity(let group): sizeCRAHCapacity(group, &diagnostics)
        case .cduCapacity(let group):
            let cdu = cooling.cduGroups[group]
            let (hallLoad, usable) = (loads.halls[hallIndex(cdu.hall)].liquidW, usableCDUs(in: cdu.hall))
            let value = atLeast(hallLoad * factor / Double(usable), Self.smallestCapacityW)
            spec.cooling.cduGroups[group].capacityW = value
            record(target, value, "W", "\(cdu.hall) heat into liquid \(kW(hallLoad)) × \(f2(factor)) / \(usable) units")
        case .chillerCapacity: sizeChillers()
        case .chilledWaterPump:
            guard let water = cooling.chilledWater else { return }
            let load = chilledLoopLoadW * factor
            let flow = load / (CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK
                               * (water.returnTemperatureC - water.supplyTemperatureC))
            let value = DesignPumpPower.chilledWaterWPerM3PerS * flow
            spec.cooling.chilledWater?.pumpPowerW = value
            record(target, value, "W", String(format: "22 W/gpm × %.1f L/s (%@ at a %.1f K rise)", flow * 1000, kW(load),
                                              water.returnTemperatureC - water.supplyTemperatureC))
        case .facilityWaterPump:
            let load = liquidLoopLoadW * factor
            let flow = load / (CoolantProperties.water.densityKgPerM3 * CoolantProperties.water.specificHeatJPerKgK * cooling.facilityWaterRangeK)
            let value = DesignPumpPower.chilledWaterWPerM3PerS * flow
            spec.cooling.facilityWaterPumpW = value
            record(target, value, "W", String(format: "22 W/gpm × %.1f L/s (%@ at a %.1f K range)", flow * 1000, kW(load), cooling.facilityWaterRangeK))
        case .towerCapacity:
            guard let units = cooling.towers?.units else { return }
            let value = sizeBank(target, units: units, at: "a \(f1(design.wetBulbC)) °C design wet bulb")
            spec.cooling.towers?.capacityW = value
        case .dryCoolerCapacity:
            guard let units = cooling.dryCoolers?.units else { return }
            let value = sizeBank(target, units: units, at: "a \(f1(design.dryBulbC)) °C design dry bulb")
            spec.cooling.dryCoolers?.capacityW = value
        case .towerPump:
            guard let towers = cooling.towers else { return }
            let value = sizeBankPump(target, totalCapacityW: Double(towers.units) * towers.capacityW)
            spec.cooling.towers?.pumpPowerW = value
        case .dryCoolerPump:
            guard let coolers = cooling.dryCoolers else { return }
            let value = sizeBankPump(target, totalCapacityW: Double(coolers.units) * coolers.capacityW)
            spec.cooling.dryCoolers?.pumpPowerW = value
        case .upsModuleRating:
            guard let ups = spec.power.ups else { return }
            let load = loads.itW * (1 + spec.power.pduLossFraction)
            let carrying: Int
            switch ups.redundancy {
            case .n: carrying = ups.modules
            case .nPlus1: carrying = ups.modules - 1
            case .twoN: carrying = ups.modules / 2
            }
            let value = atLeast(load * factor / Double(max(carrying, 1)), Self.smallestCapacityW)
            spec.power.ups?.moduleRatingW = value
            record(target, value, "W", "IT and PDU losses \(kW(load)) × \(f2(factor)) / \(carrying) modules carrying it (\(ups.redundancy.rawValue))")
        case .transformerRating:
            guard let transformers = spec.power.transformers else { return }
            let load = utilityLoadW
            let value = atLeast(load * factor / Double(transformers.units), Self.smallestCapacityW)
            spec.power.transformers?.ratingW = value
            record(target, value, "W", "facility design load \(kW(load)) × \(f2(factor)) / \(transformers.units) units")
        }
    }

    // MARK: - Hall units

    private mutating func sizeCRAHAirflow(_ group: Int, _ diagnostics: inout DiagnosticCollector) {
        let crah = cooling.crahGroups[group]
        let hall = loads.halls[hallIndex(crah.hall)]
        let usable = usableCRAHs(in: crah.hall)
        let value = atLeast(hall.itAirflowM3PerS * factor / Double(usable), Self.smallestAirflowM3PerS)
        spec.cooling.crahGroups[group].airflowM3PerS = value
        spec.cooling.crahGroups[group].rating.airflowM3PerS = value
        record(.crahAirflow(group: group), value, "m3 s-1",
               String(format: "%@ servers' airflow %.2f m³/s × %@ / %d units", crah.hall, hall.itAirflowM3PerS, f2(factor), usable))
        // A given capacity is checked against the airflow now that it is known.
        if !spec.sizing.targets.contains(.crahCapacity(group: group)), let impossible = CoolingSection.impossibleRating(spec.cooling.crahGroups[group].rating) {
            let key = AutosizeTarget.crahAirflow(group: group).keyPath
            diagnostics.error("with the autosized airflow: " + impossible, at: locate(key), keyPath: key)
        }
    }

    /// A coil sized for its design day is rated at it: return air at the hall's supply set point
    /// plus the rise the unit's capacity gives its own rated airflow, chilled water at its supply
    /// set point warming by the loop's design range.
    private mutating func sizeCRAHCapacity(_ group: Int, _ diagnostics: inout DiagnosticCollector) {
        let crah = cooling.crahGroups[group]
        let index = hallIndex(crah.hall)
        let load = crahLoadW(hall: index)
        let usable = usableCRAHs(in: crah.hall)
        let value = atLeast(load * factor / Double(usable), Self.smallestCapacityW)
        let supplyAirC = spec.halls[index].supplyAirTemperatureC
        // The unit at its rated airflow and capacity cools its return air exactly to the supply
        // set point; at least twice the water's rise above the water, so a hall with almost no
        // heat into air (immersion) still gets a coil that can be rated.
        let returnAirC = max(AirProperties.exhaustC(inletC: supplyAirC, heatW: value, airflowM3PerS: max(crah.airflowM3PerS, 1e-9)),
                             chilledSupplyC + 2 * chilledRangeK)
        let rating = CoolingCoilModel.Rating(capacityW: value, airflowM3PerS: crah.airflowM3PerS, enteringAirC: returnAirC,
                                             enteringWaterC: chilledSupplyC, waterRiseK: chilledRangeK)
        if let impossible = CoolingSection.impossibleRating(rating) {
            diagnostics.error("autosized: " + impossible, at: locate(AutosizeTarget.crahCapacity(group: group).keyPath),
                              keyPath: AutosizeTarget.crahCapacity(group: group).keyPath)
            return
        }
        spec.cooling.crahGroups[group].capacityW = value
        spec.cooling.crahGroups[group].rating = rating
        record(.crahCapacity(group: group), value, "W",
               "\(crah.hall) heat into air \(kW(load)) × \(f2(factor)) / \(usable) units, rated at \(f1(returnAirC)) °C return air "
               + "and \(f1(chilledSupplyC)) °C water warming \(f1(chilledRangeK)) K")
    }

    /// Heat the CRAHs of a hall must take: the racks' air heat and their own fans at full speed.
    private func crahLoadW(hall index: Int) -> Double {
        let name = spec.halls[index].name
        let fans = cooling.crahGroups.filter { $0.hall == name }.reduce(0) { $0 + Double($1.units) * $1.fanPowerW }
        return loads.halls[index].crahAirHeatW + fans
    }

    // MARK: - Plant

    private var chilledSupplyC: Double {
        cooling.chilledWater?.supplyTemperatureC ?? cooling.chillers?.leavingWaterTemperatureC ?? CoolingCoilModel.Rating.defaultEnteringWaterC
    }

    private var chilledRangeK: Double {
        cooling.chilledWater.map { $0.returnTemperatureC - $0.supplyTemperatureC } ?? CoolingCoilModel.Rating.defaultWaterRiseK
    }

    private var cduPumpW: Double { cooling.cduGroups.reduce(0) { $0 + Double($1.units) * $1.pumpPowerW } }

    /// Heat of the liquid-cooled racks and their CDU pumps, W.
    private var liquidLoopLoadW: Double { loads.liquidW + cduPumpW }

    /// The chilled-water loop's design heat: CRAHs, rear doors, UPS and PDU losses, and the
    /// liquid loop too when there is no warm-water loop.
    private var chilledLoopLoadW: Double {
        var heat = spec.halls.indices.reduce(0.0) { $0 + crahLoadW(hall: $1) + loads.halls[$1].rearDoorW }
        let critical = loads.itW * (1 + spec.power.pduLossFraction)
        heat += loads.itW * spec.power.pduLossFraction
        if let ups = spec.power.ups { heat += critical * (1 / ups.efficiency - 1) }
        if cooling.facilityWaterSupplyC == nil { heat += liquidLoopLoadW }
        return heat
    }

    /// Entering condenser temperature on the design day: the bank's leaving water at its design
    /// approach, or the dry bulb mapped onto the water-cooled curve for air-cooled chillers.
    private var designCondenserC: Double {
        if cooling.chillers?.condenser == .air || (cooling.towers == nil && cooling.dryCoolers == nil) {
            return design.dryBulbC - ChillerModel.airCooledCondenserOffsetK
        }
        if let towers = cooling.towers { return max(design.wetBulbC + towers.approachK, ChillerModel.minimumCondenserC) }
        return max(design.dryBulbC + (cooling.dryCoolers?.approachK ?? 0), ChillerModel.minimumCondenserC)
    }

    /// Reference capacity so that the units without their redundant ones deliver the design load
    /// at the design day's condenser water (the capacity curve derates a hot day).
    private mutating func sizeChillers() {
        guard let chillers = cooling.chillers else { return }
        let load = chilledLoopLoadW
        let usable = chillers.units - chillers.redundantUnits
        let derate = ChillerModel.waterCooledCentrifugal(capacityW: 1, cop: chillers.ratedCOP)
            .availableCapacityW(leavingChilledC: chilledSupplyC, enteringCondenserC: designCondenserC)
        let value = atLeast(load * factor / (Double(usable) * max(derate, 0.1)), Self.smallestCapacityW)
        spec.cooling.chillers?.capacityW = value
        record(.chillerCapacity, value, "W",
               "chilled-water load \(kW(load)) × \(f2(factor)) / \(usable) units / \(f2(derate)) available at \(f1(chilledSupplyC)) °C "
               + "leaving and \(f1(designCondenserC)) °C condenser water")
    }

    /// Heat the bank must reject on the design day: the chilled loop through water-cooled
    /// chillers (with their compressor heat at the rated COP), and the warm-water loop.
    private var rejectionLoadW: (Double, String) {
        var heat = 0.0
        var parts: [String] = []
        if let chillers = cooling.chillers, chillers.condenser == .water {
            heat += chilledLoopLoadW * (1 + 1 / chillers.ratedCOP)
            parts.append("chilled loop with compressor heat")
        } else if cooling.chillers == nil {
            heat += chilledLoopLoadW
            parts.append("chilled loop")
        }
        if cooling.facilityWaterSupplyC != nil {
            heat += liquidLoopLoadW
            parts.append("liquid loop")
        }
        return (heat, parts.joined(separator: " and "))
    }

    /// Capacity per unit of towers or dry coolers: the design day's heat to reject.
    private mutating func sizeBank(_ target: AutosizeTarget, units: Int, at condition: String) -> Double {
        let (heat, why) = rejectionLoadW
        let value = atLeast(heat * factor / Double(units), Self.smallestCapacityW)
        record(target, value, "W", "\(why) \(kW(heat)) × \(f2(factor)) / \(units) units, at \(condition)")
        return value
    }

    /// Pumps of a bank: the design rule (DesignPumpPower) on its capacity.
    private mutating func sizeBankPump(_ target: AutosizeTarget, totalCapacityW: Double) -> Double {
        let value = DesignPumpPower.condenserWPerW * totalCapacityW
        record(target, value, "W", "19 W/gpm at 3 gpm/ton on \(kW(totalCapacityW))")
        return value
    }

    // MARK: - Power chain

    /// Utility-side design load: IT through PDUs and the UPS, the mechanical plant at its design
    /// powers (chillers at their rated COP), and the other loads.
    private var utilityLoadW: Double {
        let critical = loads.itW * (1 + spec.power.pduLossFraction)
        let ups = spec.power.ups.map { critical / $0.efficiency } ?? critical
        var mechanical = cooling.crahGroups.reduce(0.0) { $0 + Double($1.units) * $1.fanPowerW } + cduPumpW
        if let chillers = cooling.chillers { mechanical += chilledLoopLoadW / chillers.ratedCOP }
        if let towers = cooling.towers { mechanical += Double(towers.units) * towers.fanPowerW + towers.pumpPowerW }
        if let coolers = cooling.dryCoolers { mechanical += Double(coolers.units) * coolers.fanPowerW + coolers.pumpPowerW }
        mechanical += (cooling.chilledWater?.pumpPowerW ?? 0) + (cooling.facilityWaterPumpW ?? 0)
        return ups + mechanical + spec.power.otherLoadW
    }

    // MARK: - Helpers

    private func hallIndex(_ name: String) -> Int { spec.halls.firstIndex { $0.name == name } ?? 0 }

    private func usableCRAHs(in hall: String) -> Int {
        max(cooling.crahGroups.filter { $0.hall == hall }.reduce(0) { $0 + $1.units - $1.redundantUnits }, 1)
    }

    private func usableCDUs(in hall: String) -> Int {
        max(cooling.cduGroups.filter { $0.hall == hall }.reduce(0) { $0 + $1.units - $1.redundantUnits }, 1)
    }

    private mutating func record(_ target: AutosizeTarget, _ value: Double, _ unit: String, _ basis: String) {
        sized.append(SizedValue(keyPath: target.keyPath, value: value, unit: unit, basis: basis))
    }

    private func kW(_ watts: Double) -> String { String(format: "%.0f kW", watts / 1000) }
    private func f1(_ x: Double) -> String { String(format: "%.1f", x) }
    private func f2(_ x: Double) -> String { String(format: "%.2f", x) }
}
