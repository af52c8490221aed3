import Foundation

/// One cell of an open counterflow cooling tower by Merkel's theory in the ε-NTU form EnergyPlus
/// uses for `CoolingTower:SingleSpeed` and `:VariableSpeed:Merkel` (EnergyPlus Engineering
/// Reference, "Cooling Towers and Evaporative Fluid Coolers"; Jaber & Webb, J. Heat Transfer 111,
/// 1989): the air is carried on its enthalpy, with the effective specific heat of saturated air
/// between the entering water and the wet bulb,
///
///     c_pe  = (h_s(T_w,in) − h_s(T_wb)) / (T_w,in − T_wb)
///     C_w   = ṁ_w c_w,   C_a = ṁ_a c_pe,   UA_e = UA · c_pe / c_p,a,   NTU = UA_e / C_min
///     Q     = ε(NTU, C_min/C_max) · C_min · (T_w,in − T_wb)          (counterflow ε)
///
/// h_s from `Psychrometrics` (ASHRAE Fundamentals). UA at a fan speed s scales as s^0.6 (the
/// Merkel characteristic KaV/L ∝ (L/G)^−0.6 at fixed water flow, ASHRAE Handbook—HVAC Systems and
/// Equipment ch. 40), air as s. UA is found from the rating: design heat with the water entering
/// at T_wb,r + approach + range and leaving at T_wb,r + approach, at the design water-to-air mass
/// ratio L/G. Colder wet bulbs mean a smaller c_pe, so the same tower has a wider approach in
/// winter than at its rating: the reason an approach-only model overstates winter free cooling.
public struct MerkelTower: Sendable, Equatable {
    /// Specific heats of water and dry air, J/(kg K).
    public static let waterSpecificHeat = 4186.0
    public static let airSpecificHeat = 1006.0
    /// Exponent of UA on airflow at fixed water flow.
    public static let airflowExponent = 0.6

    /// Water and air heat-capacity basis at design: water ṁ c_w (W/K) and air mass flow (kg/s).
    public let designWaterRateWPerK: Double
    /// Hottest water a tower's fill takes, °C: PVC film fill is rated to about 50-55 °C and
    /// high-temperature fills to about 65 °C (manufacturers' limits; an estimate at the top).
    /// A bank that would need hotter water to reject its heat cannot reject it
    /// (`HeatRejectionModel.overshootK`).
    public static let maximumEnteringC = 65.0
    public let designAirKgPerS: Double
    /// Conductance at full fan speed, on the dry-air c_p basis, W/K.
    public let conductanceWPerK: Double

    /// The cell that meets its rating; nil when the rating is impossible for that air (ε ≥ 1).
    public init?(designHeatW: Double, rangeK: Double, approachK: Double, ratingWetBulbC: Double, waterToAirRatio: Double) {
        guard designHeatW > 0, rangeK > 0, approachK > 0, waterToAirRatio > 0 else { return nil }
        designWaterRateWPerK = designHeatW / rangeK
        designAirKgPerS = designWaterRateWPerK / Self.waterSpecificHeat / waterToAirRatio
        let enteringC = ratingWetBulbC + approachK + rangeK
        let cpe = Self.effectiveSpecificHeat(waterC: enteringC, wetBulbC: ratingWetBulbC)
        let cAir = designAirKgPerS * cpe
        let cMin = min(cAir, designWaterRateWPerK), ratio = cMin / max(cAir, designWaterRateWPerK)
        let epsilon = designHeatW / (cMin * (enteringC - ratingWetBulbC))
        guard epsilon > 0, epsilon < 1 else { return nil }
        let ntu = abs(1 - ratio) < 1e-12 ? epsilon / (1 - epsilon) : log((1 - epsilon * ratio) / (1 - epsilon)) / (1 - ratio)
        conductanceWPerK = ntu * cMin * Self.airSpecificHeat / cpe
    }

    /// (h_s(T_w) − h_s(T_wb))/(T_w − T_wb) at sea-level pressure, J/(kg K).
    public static func effectiveSpecificHeat(waterC: Double, wetBulbC: Double) -> Double {
        func saturatedEnthalpy(_ t: Double) -> Double {
            let pws = Psychrometrics.saturationPressurePa(t)
            let w = 0.621945 * pws / max(AirProperties.standardPressurePa - pws, 1)
            return Psychrometrics.enthalpyJPerKg(dryBulbC: t, humidityRatio: w)
        }
        let span = waterC - wetBulbC
        guard span > 1e-6 else {
            // The derivative dh_s/dT, by a centred difference.
            return (saturatedEnthalpy(wetBulbC + 0.01) - saturatedEnthalpy(wetBulbC - 0.01)) / 0.02
        }
        return (saturatedEnthalpy(waterC) - saturatedEnthalpy(wetBulbC)) / span
    }

    /// Heat rejected with water entering at `enteringC`, W (`waterFraction` of design water flow,
    /// fans at `speed`).
    public func heatW(enteringC: Double, wetBulbC: Double, speed: Double, waterFraction: Double) -> Double {
        guard enteringC > wetBulbC, speed > 0, waterFraction > 0 else { return 0 }
        let cpe = Self.effectiveSpecificHeat(waterC: enteringC, wetBulbC: wetBulbC)
        return effectiveRate(cpe: cpe, speed: speed, waterFraction: waterFraction) * (enteringC - wetBulbC)
    }

    /// ε · C_min, W/K, for an effective specific heat.
    private func effectiveRate(cpe: Double, speed: Double, waterFraction: Double) -> Double {
        let cWater = designWaterRateWPerK * waterFraction
        let cAir = designAirKgPerS * speed * cpe
        let cMin = min(cAir, cWater), ratio = cMin / max(cAir, cWater)
        let ntu = conductanceWPerK * pow(speed, Self.airflowExponent) * cpe / Self.airSpecificHeat / cMin
        if abs(1 - ratio) < 1e-9 { return ntu / (1 + ntu) * cMin }
        let e = exp(-ntu * (1 - ratio))
        return (1 - e) / (1 - ratio * e) * cMin
    }

    /// Leaving water that rejects `heatW`, °C: the entering temperature T solves
    /// T = T_wb + Q / (ε C_min)(c_pe(T)), a fixed point on c_pe (which depends on T only weakly),
    /// taken by secant steps from the fixed-point iterate (a few evaluations).
    public func leavingWaterC(heatW: Double, wetBulbC: Double, speed: Double, waterFraction: Double) -> Double {
        guard heatW > 0 else { return wetBulbC }
        let cWater = designWaterRateWPerK * waterFraction
        func image(_ entering: Double) -> Double {
            wetBulbC + heatW / effectiveRate(cpe: Self.effectiveSpecificHeat(waterC: entering, wetBulbC: wetBulbC), speed: speed,
                                             waterFraction: waterFraction)
        }
        // Residual r(T) = image(T) − T, zero at the answer; secant from two fixed-point iterates.
        var x0 = wetBulbC + heatW / cWater + 1
        var x1 = image(x0)
        var r0 = x1 - x0
        for _ in 0..<50 {
            let y1 = image(x1)
            let r1 = y1 - x1
            if abs(r1) < 1e-9 * max(1, abs(x1)) { return y1 - heatW / cWater }
            let slope = (r1 - r0) / (x1 - x0)
            let next = slope.isFinite && slope != 0 && abs(x1 - x0) > 0 ? x1 - r1 / slope : y1
            (x0, r0) = (x1, r1)
            // Outside [T_wb, ∞) or not finite: fall back on the plain fixed-point step.
            x1 = next.isFinite && next > wetBulbC ? next : y1
        }
        return image(x1) - heatW / cWater
    }

    /// The slowest fan speed in (0, 1] that brings the water to `targetC` while rejecting
    /// `heatW` (1 when full speed cannot): with the leaving water fixed, the entering water and
    /// c_pe are known, and the heat rejected grows with speed, so bisection finds it (to 1e-9).
    public func fanSpeed(heatW: Double, wetBulbC: Double, targetC: Double, waterFraction: Double) -> Double {
        guard heatW > 0 else { return 0 }
        let entering = targetC + heatW / (designWaterRateWPerK * waterFraction)
        guard entering > wetBulbC else { return 1 }
        let cpe = Self.effectiveSpecificHeat(waterC: entering, wetBulbC: wetBulbC)
        let needed = heatW / (entering - wetBulbC) // ε C_min that rejects the heat
        guard effectiveRate(cpe: cpe, speed: 1, waterFraction: waterFraction) > needed else { return 1 }
        var low = 0.0, high = 1.0
        for _ in 0..<30 {
            let mid = 0.5 * (low + high)
            if effectiveRate(cpe: cpe, speed: mid, waterFraction: waterFraction) >= needed { high = mid } else { low = mid }
        }
        return high
    }
}
