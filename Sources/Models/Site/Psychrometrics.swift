import Foundation
import Numerics

/// Moist-air psychrometrics in SI after ASHRAE Handbook—Fundamentals (2017), chapter 1, the same
/// equations as the `psychrolib` package (Meyer & Thevenard, JOSS 2019), against which it is
/// tested to 0.01 K.
///
/// - Saturation pressure: Hyland & Wexler, over ice at or below the triple point (0.01 °C),
///   over liquid water above (Eqs. 5 and 6).
/// - Humidity ratio W = 0.621945·p_w/(P − p_w) (Eq. 20); enthalpy
///   h = 1.006 t + W (2501 + 1.86 t) kJ/kg dry air (Eq. 30).
/// - Dew point: p_ws(t_d) = p_w, solved by Brent's method (GSL).
/// - Wet bulb: the psychrometric relation (Eq. 33 above freezing, Eq. 35 below) solved for t_wb
///   between the dew point and the dry bulb, by Brent's method.
public enum Psychrometrics {
    static let tripleC = 0.01

    /// Saturation vapour pressure, Pa, at `temperatureC` (−100 … 200 °C).
    public static func saturationPressurePa(_ temperatureC: Double) -> Double {
        let t = temperatureC + 273.15
        let t2 = t * t, t3 = t2 * t
        if temperatureC <= tripleC {
            return exp(-5.6745359e3 / t + 6.3925247 - 9.677843e-3 * t + 6.2215701e-7 * t2 + 2.0747825e-9 * t3
                       - 9.484024e-13 * t3 * t + 4.1635019 * log(t))
        }
        return exp(-5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t2 - 1.4452093e-8 * t3 + 6.5459673 * log(t))
    }

    /// Humidity ratio, kg water per kg dry air.
    public static func humidityRatio(dryBulbC: Double, relativeHumidity: Double, pressurePa: Double) -> Double {
        let vapour = relativeHumidity * saturationPressurePa(dryBulbC)
        return 0.621945 * vapour / (pressurePa - vapour)
    }

    /// Relative humidity (0-1) of air with humidity ratio `w`.
    public static func relativeHumidity(dryBulbC: Double, humidityRatio w: Double, pressurePa: Double) -> Double {
        let vapour = pressurePa * w / (0.621945 + w)
        return vapour / saturationPressurePa(dryBulbC)
    }

    /// Specific enthalpy of moist air, J per kg dry air.
    public static func enthalpyJPerKg(dryBulbC t: Double, humidityRatio w: Double) -> Double {
        (1.006 * t + w * (2501 + 1.86 * t)) * 1000
    }

    /// Dew-point temperature, °C.
    public static func dewPointC(dryBulbC: Double, relativeHumidity: Double) throws(NumericalError) -> Double {
        let vapour = max(relativeHumidity, 1e-9) * saturationPressurePa(dryBulbC)
        if relativeHumidity >= 1 { return dryBulbC }
        return try findRoot(in: -100...dryBulbC, absoluteTolerance: 1e-9, relativeTolerance: 0) {
            log(saturationPressurePa($0)) - log(vapour)
        }
    }

    /// Thermodynamic wet-bulb temperature, °C.
    public static func wetBulbC(dryBulbC t: Double, relativeHumidity: Double, pressurePa: Double) throws(NumericalError) -> Double {
        let w = humidityRatio(dryBulbC: t, relativeHumidity: relativeHumidity, pressurePa: pressurePa)
        if relativeHumidity >= 1 { return t }
        let dew = try dewPointC(dryBulbC: t, relativeHumidity: relativeHumidity)
        return try findRoot(in: dew...t, absoluteTolerance: 1e-9, relativeTolerance: 0) { wb in
            let ws = humidityRatio(dryBulbC: wb, relativeHumidity: 1, pressurePa: pressurePa)
            let predicted = wb > 0
                ? ((2501 - 2.326 * wb) * ws - 1.006 * (t - wb)) / (2501 + 1.86 * t - 4.186 * wb)
                : ((2830 - 0.24 * wb) * ws - 1.006 * (t - wb)) / (2830 + 1.86 * t - 2.1 * wb)
            return predicted - w
        }
    }

    /// Standard atmospheric pressure at an elevation, Pa (ASHRAE Fundamentals Eq. 3).
    public static func standardPressurePa(elevationM z: Double) -> Double {
        101_325 * pow(1 - 2.25577e-5 * z, 5.2559)
    }
}
