/// A direct air-side economiser: outdoor air, mixed with return air, replaces chilled water at
/// the CRAH coils when it is cool and dry enough (ASHRAE 90.1 differential dry-bulb control,
/// integrated: outdoor air pre-cools while the coil trims).
///
///     T_oa ≤ T_supply                      → outdoor air carries the whole coil load   (f = 1)
///     T_supply < T_oa < T_return − margin  → f = (T_return − T_oa) / (T_return − T_supply)
///     otherwise                            → f = 0
///
/// and only while the outdoor dew point is at most 15 °C, the upper dew point of ASHRAE TC 9.9's
/// recommended range (Thermal Guidelines, 4th/5th ed.): dehumidifying outdoor air would need the
/// chillers, so above it the economiser is off. Below the range's lower dew point (−9 °C) the
/// economiser runs with adiabatic humidification up to −9 °C, whose water is counted:
///
///     ṁ_oa = Q / (c_p (T_return − T_oa))  mixing to the supply temperature (f = 1),
///            Q / (c_p (T_return − T_supply))  all outdoor air (0 < f < 1)
///     water = ṁ_oa (W(−9 °C dew point) − W_oa)
///
/// f is the share of the coils' heat that leaves with exhaust air instead of going to the
/// chilled-water plant.
public struct AirSideEconomiser: Sendable {
    public let marginK: Double
    public static let minimumDewPointC = -9.0
    public static let maximumDewPointC = 15.0

    public init(marginK: Double) { self.marginK = marginK }

    public func fraction(outdoorC: Double, dewPointC: Double, supplyC: Double, returnC: Double) -> Double {
        guard dewPointC <= Self.maximumDewPointC, returnC > supplyC else { return 0 }
        if outdoorC <= supplyC { return 1 }
        guard outdoorC < returnC - marginK else { return 0 }
        return (returnC - outdoorC) / (returnC - supplyC)
    }

    /// Humidification water while economising with air drier than the lower limit, kg/s, for
    /// `coilHeatW` of coil heat.
    public func humidificationKgPerS(coilHeatW: Double, outdoorC: Double, dewPointC: Double, supplyC: Double, returnC: Double,
                                     pressurePa: Double) -> Double {
        let f = fraction(outdoorC: outdoorC, dewPointC: dewPointC, supplyC: supplyC, returnC: returnC)
        guard f > 0, dewPointC < Self.minimumDewPointC, coilHeatW > 0 else { return 0 }
        let cp = AirProperties.specificHeatJPerKgK
        let outdoorAirKgPerS = f >= 1 ? coilHeatW / (cp * (returnC - outdoorC)) : coilHeatW / (cp * (returnC - supplyC))
        func ratio(_ dewPoint: Double) -> Double {
            let vapour = Psychrometrics.saturationPressurePa(dewPoint)
            return 0.621945 * vapour / (pressurePa - vapour)
        }
        return outdoorAirKgPerS * max(ratio(Self.minimumDewPointC) - ratio(dewPointC), 0)
    }
}
