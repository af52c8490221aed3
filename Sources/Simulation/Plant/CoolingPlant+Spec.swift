import Models
import Scenario

extension CoolingPlant {
    /// The plant `spec` describes; nil when it describes none (no chillers, towers or dry coolers).
    init?(spec: ScenarioSpec) {
        let cooling = spec.cooling
        guard cooling.chillers != nil || cooling.towers != nil || cooling.dryCoolers != nil else { return nil }
        // What the scenario leaves out keeps `CoolingPlant`'s defaults (no chillers, no bank).
        self.init(changeoverMarginK: cooling.economiser.changeoverMarginK)
        if let c = cooling.chillers {
            chiller = ChillerModel.waterCooledCentrifugal(capacityW: c.capacityW, cop: c.ratedCOP)
            chillerUnits = c.units
            chillerRedundant = c.redundantUnits
            airCooledChillers = c.condenser == .air
        }
        if let t = cooling.towers {
            // The reader refuses ratings a tower cannot meet; the dry-cooler form stands in for
            // a model that was never built.
            bank = HeatRejectionModel(towers: t.units, designCapacityW: t.capacityW, designApproachK: t.approachK, rangeK: t.rangeK,
                                      designFanPowerW: t.fanPowerW, ratingWetBulbC: t.ratingWetBulbC, waterToAirRatio: t.waterToAirRatio,
                                      minimumFanSpeed: t.fans.minimumFanSpeed)
                ?? HeatRejectionModel(dryCoolers: t.units, designCapacityW: t.capacityW, designApproachK: t.approachK, designFanPowerW: t.fanPowerW)
            fans = t.fans
            towerCycles = t.cyclesOfConcentration
            towerCirculatingKgPerS = Double(t.units) * t.capacityW / (CoolantProperties.water.specificHeatJPerKgK * t.rangeK)
            rejectionPump = PumpModel(designPowerW: t.pumpPowerW, designHeatW: Double(t.units) * t.capacityW)
        } else if let d = cooling.dryCoolers {
            bank = HeatRejectionModel(dryCoolers: d.units, designCapacityW: d.capacityW, designApproachK: d.approachK,
                                      designFanPowerW: d.fanPowerW, minimumFanSpeed: d.fans.minimumFanSpeed)
            fans = d.fans
            rejectionPump = PumpModel(designPowerW: d.pumpPowerW, designHeatW: Double(d.units) * d.capacityW)
        }
        chilledSupplyC = cooling.chilledWater?.supplyTemperatureC ?? cooling.chillers?.leavingWaterTemperatureC ?? 12
        // Without a stated return: the 6 K (≈ 10 °F) design rise of CRAH coils.
        chilledReturnC = cooling.chilledWater?.returnTemperatureC ?? chilledSupplyC + 6
        let chillerUsableW = Double(chillerUnits - chillerRedundant) * (cooling.chillers?.capacityW ?? 0)
        let crahCapacityW = cooling.crahGroups.reduce(0.0) { $0 + Double($1.units - $1.redundantUnits) * $1.capacityW }
        chilledPump = PumpModel(designPowerW: cooling.chilledWater?.pumpPowerW ?? 0, designHeatW: max(chillerUsableW, crahCapacityW))
        waterSideEconomiser = cooling.economiser.mode == .waterSide && bank != nil
        warmSupplyC = cooling.facilityWaterSupplyC
        warmReturnC = (cooling.facilityWaterSupplyC ?? 0) + cooling.facilityWaterRangeK
        let cduCapacityW = cooling.cduGroups.reduce(0.0) { $0 + Double($1.units - $1.redundantUnits) * $1.capacityW }
        warmPump = PumpModel(designPowerW: cooling.facilityWaterPumpW ?? DesignPumpPower.condenserWPerW * cduCapacityW, designHeatW: cduCapacityW)
        heatExchangerApproachK = cooling.economiser.heatExchangerApproachK
        stageUpLoad = cooling.chillers?.stageUpLoad ?? ChillerSpec.defaultStageUpLoad
        stageDownLoad = cooling.chillers?.stageDownLoad ?? ChillerSpec.defaultStageDownLoad
    }
}
