import Foundation

/// A bank of identical cooling towers or dry coolers that cool water towards an outdoor
/// reference temperature: the wet bulb for an open (evaporative) tower, the dry bulb for a dry
/// cooler.
///
/// Approach (leaving water − reference) scales with the heat per unit over the heat-transfer
/// coefficient, and the coefficient with airflow to a power `n`:
///
///     approach = A_design · q / s^n,   q = Q / (units · Q_design),   s = fan speed fraction
///
/// `n` = 0.6 for towers (Merkel characteristic KaV/L ∝ (L/G)^−0.6, ASHRAE Handbook HVAC Systems
/// and Equipment ch. 40) and 0.8 for finned dry coolers (air-side convection ∝ Re^0.8). All units
/// share the load (the cube law makes many slow fans cheaper than few fast ones); fan power
/// follows the affinity laws, `P = units · P_design · s³`.
public struct HeatRejectionModel: Sendable {
    public enum Kind: String, Sendable { case coolingTower = "cooling-tower", dryCooler = "dry-cooler" }

    public var kind: Kind
    public var units: Int
    public var designCapacityW: Double
    public var designApproachK: Double
    public var designFanPowerW: Double
    public var airflowExponent: Double
    /// Fans do not turn below this speed fraction (motor and VFD limits); below it they cycle.
    public var minimumFanSpeed = 0.2

    public init(kind: Kind, units: Int, designCapacityW: Double, designApproachK: Double, designFanPowerW: Double) {
        self.kind = kind
        self.units = units
        self.designCapacityW = designCapacityW
        self.designApproachK = designApproachK
        self.designFanPowerW = designFanPowerW
        airflowExponent = kind == .coolingTower ? 0.6 : 0.8
    }

    public var totalCapacityW: Double { Double(units) * designCapacityW }

    /// Load fraction per unit.
    public func loadFraction(_ heatW: Double) -> Double { max(heatW, 0) / totalCapacityW }

    /// Leaving water temperature with fans at speed `speed`, °C.
    public func leavingWaterC(heatW: Double, referenceC: Double, speed: Double = 1) -> Double {
        referenceC + designApproachK * loadFraction(heatW) / pow(max(speed, minimumFanSpeed), airflowExponent)
    }

    /// The slowest fan speed that cools `heatW` to `targetC` (1 when even full speed cannot);
    /// below the minimum speed, the fraction of time the fans run at it.
    public func fanSpeed(heatW: Double, referenceC: Double, targetC: Double) -> Double {
        let q = loadFraction(heatW)
        guard q > 0 else { return 0 }
        guard targetC > referenceC else { return 1 }
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
