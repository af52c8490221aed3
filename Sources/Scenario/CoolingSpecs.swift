// `cooling:`: CRAHs and CDUs in the halls, and the plant that takes their heat outdoors.
import Models

/// `cooling:`: hall units and the plant.
public struct CoolingSpec: Sendable {
    public var crahGroups: [CRAHSpec]
    public var cduGroups: [CDUSpec]
    public var chillers: ChillerSpec?
    public var towers: TowerSpec?
    public var dryCoolers: DryCoolerSpec?
    public var economiser: EconomiserSpec
    public var chilledWater: ChilledWaterSpec?
    public var facilityWaterSupplyC: Double?
    /// Facility (primary) water pumps of a warm-water liquid loop at design flow, W.
    public var facilityWaterPumpW: Double?
    /// Facility water return − supply at design, K.
    public var facilityWaterRangeK = 10.0
}

public struct CRAHSpec: Sendable {
    public var hall: String
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var airflowM3PerS: Double
    public var fanPowerW: Double
    /// How the fans choose their speed (`fan_control` and its set points).
    public var fanControl: CRAHFanControl
    public var constantSpeedFans: Bool { fanControl.mode == .constant }
    /// The conditions `capacityW` is stated at (`rating:`; catalog defaults otherwise): the coil's
    /// conductance follows from them (docs/models/hall-thermal.md).
    public var rating: CoolingCoilModel.Rating

    public init(hall: String, units: Int, redundantUnits: Int, capacityW: Double, airflowM3PerS: Double, fanPowerW: Double,
                fanControl: CRAHFanControl = CRAHFanControl(), rating: CoolingCoilModel.Rating? = nil) {
        self.hall = hall
        self.units = units
        self.redundantUnits = redundantUnits
        self.capacityW = capacityW
        self.airflowM3PerS = airflowM3PerS
        self.fanPowerW = fanPowerW
        self.fanControl = fanControl
        self.rating = rating ?? CoolingCoilModel.Rating(capacityW: capacityW, airflowM3PerS: airflowM3PerS)
    }
}

public struct CDUSpec: Sendable {
    public var hall: String
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var approachK: Double
    public var pumpPowerW: Double
    /// The secondary supply the CDU's facility-water valve holds (`supply_temperature`; nil: the
    /// valve stays open and the loop runs as cold as the facility water allows).
    public var supplySetPointC: Double? = nil
}

public struct ChillerSpec: Sendable {
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var ratedCOP: Double
    public var leavingWaterTemperatureC: Double
    public var condenser: Condenser
    /// From power's return after an outage to chilled water at the coils again.
    public var restartTimeS: Double = 600
    /// Staging: one more unit starts above `stageUpLoad` of the running units' available
    /// capacity, one stops when the load fits the others at `stageDownLoad` (hysteresis against
    /// short cycling).
    public var stageUpLoad = defaultStageUpLoad
    public var stageDownLoad = defaultStageDownLoad
    public static let defaultStageUpLoad = CoolingPlant.defaultStageUpLoad
    public static let defaultStageDownLoad = CoolingPlant.defaultStageDownLoad

    public enum Condenser: String, Sendable, CaseIterable { case water, air }
}

public struct TowerSpec: Sendable {
    public var units: Int
    public var capacityW: Double
    public var approachK: Double
    public var rangeK: Double
    public var fanPowerW: Double
    public var cyclesOfConcentration: Double
    /// Condenser water pumps at design flow, W.
    public var pumpPowerW: Double
    /// Rating: the wet bulb the approach and range are stated at, and the design water-to-air
    /// mass ratio (`MerkelTower`).
    public var ratingWetBulbC = HeatRejectionModel.defaultRatingWetBulbC
    public var waterToAirRatio = HeatRejectionModel.defaultWaterToAirRatio
    public var fans = HeatRejectionFanControl()
}

public struct DryCoolerSpec: Sendable {
    public var units: Int
    public var capacityW: Double
    public var approachK: Double
    public var fanPowerW: Double
    /// Pumps of the dry-cooler loop at design flow, W.
    public var pumpPowerW: Double
    public var fans = HeatRejectionFanControl()
}

public struct EconomiserSpec: Sendable {
    public var mode: Mode
    /// How much colder than needed the outdoor side must be before free cooling starts.
    public var changeoverMarginK: Double
    /// The plate heat exchanger between heat-rejection water and the served loop, K
    /// (plate-and-frame exchangers run 1-2 K).
    public var heatExchangerApproachK = defaultHeatExchangerApproachK
    public static let defaultHeatExchangerApproachK = CoolingPlant.defaultHeatExchangerApproachK

    public enum Mode: String, Sendable, CaseIterable { case none, waterSide = "water-side", airSide = "air-side" }
}

public struct ChilledWaterSpec: Sendable {
    public var supplyTemperatureC: Double
    public var returnTemperatureC: Double
    public var pumpPowerW: Double
    /// Volume of a chilled-water storage tank (0: none), m³.
    public var storageM3: Double = 0
    /// Supply reset on coil demand (`reset:`; nil: the supply stays at its set point).
    public var reset: ChilledWaterReset? = nil
}
