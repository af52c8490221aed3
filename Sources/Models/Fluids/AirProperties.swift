/// Properties of dry air near room conditions.
///
/// Dry air is treated as an ideal gas, `ρ = p / (R_d·T)`, with the specific gas constant
/// R_d = 287.05 J/(kg·K) and a constant isobaric specific heat c_p = 1006 J/(kg·K) (both from
/// ASHRAE Handbook—Fundamentals (2021), ch. 1, "Psychrometrics"; c_p varies by < 0.1 % from
/// 0 to 60 °C). Humidity raises c_p of moist air by about 1.8 % per 10 g/kg of water; the
/// site issue adds moist-air psychrometrics where it matters.
public enum AirProperties {
    /// Specific gas constant of dry air, J/(kg·K).
    public static let gasConstantJPerKgK = 287.05
    /// Isobaric specific heat of dry air, J/(kg·K).
    public static let specificHeatJPerKgK = 1006.0
    /// Standard atmosphere at sea level, Pa.
    public static let standardPressurePa = 101_325.0

    /// Density in kg/m³ at `temperatureC` (°C) and `pressurePa`.
    /// 1.184 kg/m³ at 25 °C and 101,325 Pa.
    public static func densityKgPerM3(temperatureC: Double, pressurePa: Double = standardPressurePa) -> Double {
        pressurePa / (gasConstantJPerKgK * (temperatureC + 273.15))
    }

    /// Heat capacity rate `ṁ·c_p` (W/K) of a volume flow `flowM3PerS` measured at `temperatureC`.
    public static func heatCapacityRateWPerK(flowM3PerS: Double, temperatureC: Double,
                                             pressurePa: Double = standardPressurePa) -> Double {
        flowM3PerS * densityKgPerM3(temperatureC: temperatureC, pressurePa: pressurePa) * specificHeatJPerKgK
    }
}

extension AirProperties {
    /// Temperature of an air stream after it picks up `heatW`: T_out = T_in + Q/(ρ c_p V̇), with
    /// ρ at the inlet (the flow is measured there, as fans are rated). Without flow, the inlet.
    /// The one exhaust formula: racks, rear doors and the output all use it.
    public static func exhaustC(inletC: Double, heatW: Double, airflowM3PerS: Double) -> Double {
        exhaust(inletC: inletC, heatW: heatW, airflowM3PerS: airflowM3PerS).exhaustC
    }

    /// The exhaust (`exhaustC`) and the heat capacity rate of the air that carried the heat, W/K.
    public static func exhaust(inletC: Double, heatW: Double, airflowM3PerS: Double) -> (exhaustC: Double, rateWPerK: Double) {
        let rate = heatCapacityRateWPerK(flowM3PerS: airflowM3PerS, temperatureC: inletC)
        return (rate > 0 ? inletC + heatW / rate : inletC, rate)
    }
}
