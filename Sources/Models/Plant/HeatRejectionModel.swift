import Foundation

/// A bank of identical cooling towers or dry coolers that cool water towards an outdoor
/// reference temperature: the wet bulb for an open (evaporative) tower, the dry bulb for a dry
/// cooler. All units share the load and run their fans at one speed (the cube law makes many
/// slow fans cheaper than few fast ones); fan power follows the affinity laws,
/// `P = units · P_design · s³`, and below `minimumFanSpeed` the fans cycle at it.
///
/// - Cooling towers: Merkel's theory in EnergyPlus's ε-NTU form (`MerkelTower`), with the water
///   flow following the heat as the condenser pumps do (constant range, at least 30 % of design).
/// - Dry coolers (sensible only, constant air c_p): the approach scales with the heat per unit
///   over the conductance, and the conductance with airflow to the power 0.8 (air-side convection
///   ∝ Re^0.8): `approach = A_design · q / s^0.8`, `q = Q / (units · Q_design)`.
public struct HeatRejectionModel: Sendable {
    public enum Kind: String, Sendable { case coolingTower = "cooling-tower", dryCooler = "dry-cooler" }

    public var kind: Kind
    public var units: Int
    public var designCapacityW: Double
    public var designApproachK: Double
    public var designFanPowerW: Double
    public var airflowExponent: Double
    /// Fans do not turn below this speed fraction (motor and VFD limits); below it they cycle.
    public var minimumFanSpeed: Double
    /// The cell model of a tower bank (nil for dry coolers).
    public let tower: MerkelTower?
    /// Condenser water flow never falls below this fraction of design (the pumps' minimum).
    public static let minimumWaterFraction = 0.3
    /// Defaults: the CTI STD-201 standard rating wet bulb, 25.6 °C (78 °F); a design water-to-air
    /// mass ratio of 1.2 (typical towers run 0.75-1.5, ASHRAE Handbook—HVAC Systems and
    /// Equipment ch. 40); fans down to 20 % speed.
    public static let defaultRatingWetBulbC = 25.56
    public static let defaultWaterToAirRatio = 1.2
    public static let defaultMinimumFanSpeed = 0.2

    private init(kind: Kind, units: Int, designCapacityW: Double, designApproachK: Double, designFanPowerW: Double,
                 minimumFanSpeed: Double, airflowExponent: Double, tower: MerkelTower?) {
        self.kind = kind
        self.units = units
        self.designCapacityW = designCapacityW
        self.designApproachK = designApproachK
        self.designFanPowerW = designFanPowerW
        self.minimumFanSpeed = minimumFanSpeed
        self.airflowExponent = airflowExponent
        self.tower = tower
    }

    /// A dry-cooler bank.
    public init(dryCoolers units: Int, designCapacityW: Double, designApproachK: Double, designFanPowerW: Double,
                minimumFanSpeed: Double = defaultMinimumFanSpeed) {
        self.init(kind: .dryCooler, units: units, designCapacityW: designCapacityW, designApproachK: designApproachK,
                  designFanPowerW: designFanPowerW, minimumFanSpeed: minimumFanSpeed, airflowExponent: 0.8, tower: nil)
    }

    /// A bank of open towers rated at `designApproachK` and `rangeK` on `ratingWetBulbC`; nil when
    /// the rating is impossible with that much air (`MerkelTower`).
    public init?(towers units: Int, designCapacityW: Double, designApproachK: Double, rangeK: Double, designFanPowerW: Double,
                 ratingWetBulbC: Double = defaultRatingWetBulbC, waterToAirRatio: Double = defaultWaterToAirRatio,
                 minimumFanSpeed: Double = defaultMinimumFanSpeed) {
        guard let cell = MerkelTower(designHeatW: max(designCapacityW, 1), rangeK: rangeK, approachK: designApproachK,
                                     ratingWetBulbC: ratingWetBulbC, waterToAirRatio: waterToAirRatio) else { return nil }
        self.init(kind: .coolingTower, units: units, designCapacityW: designCapacityW, designApproachK: designApproachK,
                  designFanPowerW: designFanPowerW, minimumFanSpeed: minimumFanSpeed, airflowExponent: MerkelTower.airflowExponent, tower: cell)
    }

    /// Water flow as a fraction of design for `heatW` on the bank (pumps follow the heat).
    func waterFraction(_ heatW: Double) -> Double { min(max(loadFraction(heatW), Self.minimumWaterFraction), 1) }

    public var totalCapacityW: Double { Double(units) * designCapacityW }

    /// Load fraction per unit.
    public func loadFraction(_ heatW: Double) -> Double { max(heatW, 0) / totalCapacityW }

    /// Leaving water temperature with fans at speed `speed`, °C.
    public func leavingWaterC(heatW: Double, referenceC: Double, speed: Double = 1) -> Double {
        if let tower {
            return tower.leavingWaterC(heatW: max(heatW, 0) / Double(units), wetBulbC: referenceC, speed: max(speed, minimumFanSpeed),
                                       waterFraction: waterFraction(heatW))
        }
        return referenceC + designApproachK * loadFraction(heatW) / pow(max(speed, minimumFanSpeed), airflowExponent)
    }

    /// How far the bank at full speed, asked to reject `heatW` with the water leaving at
    /// `leavingC`, overshoots: positive when it would cool the water below `leavingC` (so the
    /// balance lies at a colder leaving water), negative when it cannot reach it. Same sign as
    /// `leavingC − leavingWaterC(heatW)` and zero at the same point, without solving for the
    /// leaving water (a tower's entering water follows from `leavingC` directly), K.
    public func overshootK(leavingC: Double, heatW: Double, referenceC: Double) -> Double {
        if let tower {
            let perUnit = max(heatW, 0) / Double(units)
            let fraction = waterFraction(heatW)
            let rate = tower.designWaterRateWPerK * fraction
            // Water hotter than the fill takes is not cooled more: above it the tower rejects what
            // it does there (and Merkel's saturation enthalpy, heading for boiling, would make any
            // tower reject anything).
            let entering = min(leavingC + perUnit / rate, MerkelTower.maximumEnteringC)
            return (tower.heatW(enteringC: entering, wetBulbC: referenceC, speed: 1, waterFraction: fraction) - perUnit) / rate
        }
        return leavingC - leavingWaterC(heatW: heatW, referenceC: referenceC)
    }

    /// The slowest fan speed that cools `heatW` to `targetC` (1 when even full speed cannot);
    /// below the minimum speed, the fraction of time the fans run at it.
    public func fanSpeed(heatW: Double, referenceC: Double, targetC: Double) -> Double {
        let q = loadFraction(heatW)
        guard q > 0 else { return 0 }
        guard targetC > referenceC else { return 1 }
        if let tower {
            return tower.fanSpeed(heatW: heatW / Double(units), wetBulbC: referenceC, targetC: targetC, waterFraction: waterFraction(heatW))
        }
        let speed = pow(designApproachK * q / (targetC - referenceC), 1 / airflowExponent)
        return min(speed, 1)
    }

    /// Fan power at `speed`, W (cube law). Below the minimum speed fans cycle: power in
    /// proportion to the time on.
    public func fanPowerW(speed: Double) -> Double {
        guard speed > 0 else { return 0 }
        let running = max(speed, minimumFanSpeed)
        return Double(units) * designFanPowerW * running * running * running * min(speed / running, 1)
    }
}

/// Make-up water of an open cooling tower, kg/s (= L/s).
///
///     evaporation = f_evap · Q / h_fg            (f_evap = 0.85: the "0.00085 · gpm · °F range" rule)
///     drift       = 5e-5 · circulating flow       (0.005 %, modern drift eliminators, CTI)
///     blowdown    = evaporation / (cycles − 1)   (mass balance of dissolved solids)
public enum TowerWaterUse {
    public static let latentHeatJPerKg = 2.45e6
    public static let evaporativeFraction = 0.85
    public static let driftFraction = 5e-5

    public static func makeUpKgPerS(heatW: Double, circulatingKgPerS: Double, cyclesOfConcentration: Double)
        -> (evaporation: Double, drift: Double, blowdown: Double) {
        guard heatW > 0 else { return (0, 0, 0) }
        let evaporation = evaporativeFraction * heatW / latentHeatJPerKg
        return (evaporation, driftFraction * circulatingKgPerS, evaporation / (cyclesOfConcentration - 1))
    }
}

/// How the fans of towers or dry coolers hold the condenser water when chillers run: at
/// `condenserApproachK` above the outdoor reference (nil: the design approach), never colder than
/// `minimumCondenserC`, between `minimumFanSpeed` and full speed (docs/models/plant.md).
public struct HeatRejectionFanControl: Sendable, Equatable {
    public var condenserApproachK: Double?
    public var minimumCondenserC = ChillerModel.minimumCondenserC
    public var minimumFanSpeed = HeatRejectionModel.defaultMinimumFanSpeed
    public init() {}
}
