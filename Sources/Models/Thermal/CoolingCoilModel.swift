import Foundation

/// A CRAH's chilled-water coil as a heat exchanger of fixed conductance UA, by the ε-NTU method
/// on both streams (Incropera & DeWitt, Fundamentals of Heat and Mass Transfer, 6th ed., §11.4,
/// Table 11.3, counterflow):
///
///     C_air = ρ c_p V̇_air,   C_w = ṁ_w c_w,   C_min = min(C_air, C_w),   C_r = C_min / C_max
///     NTU   = UA / C_min
///     ε     = (1 − e^(−NTU(1−C_r))) / (1 − C_r e^(−NTU(1−C_r)))      (C_r < 1)
///     ε     = NTU / (1 + NTU)                                         (C_r = 1)
///     Q_max = ε C_min (T_air,in − T_w,in)
///
/// UA comes from the unit's rating: capacity Q_r with entering air T_a,r, entering water T_w,r,
/// the water warming by ΔT_w,r (so C_w,r = Q_r/ΔT_w,r) and the rated airflow. Inverting the
/// counterflow relation, NTU_r = ln((1 − ε_r C_r)/(1 − ε_r)) / (1 − C_r). A rating with
/// ε_r ≥ 1 is impossible (more heat than the streams can exchange) and is refused by `validate`.
///
/// Operation: the chilled-water valve modulates the water flow to hold the supply-air set point;
/// fully open it passes the rated water flow. `maximumHeatW` is the coil at full valve: colder
/// water or warmer return air gives more, never less. Assumptions (docs/models/hall-thermal.md):
/// a dry coil (sensible heat only: data-centre return air is dry enough that little condenses);
/// counterflow for a multi-row cross-counterflow coil; UA held at its rated value at part airflow
/// (the air-side film coefficient falls roughly as V^0.8, so part-flow capacity is somewhat
/// overstated).
public struct CoolingCoilModel: Sendable, Equatable {
    /// The conditions a coil's capacity is stated at.
    public struct Rating: Sendable, Equatable {
        public var capacityW: Double
        public var airflowM3PerS: Double
        public var enteringAirC: Double
        public var enteringWaterC: Double
        public var waterRiseK: Double

        /// The catalog's default rating conditions (estimates, docs/models/hall-thermal.md):
        /// return air at 32 °C (a 20 °C supply plus the 12 K air rise the catalog's CRAH airflow
        /// is sized for), chilled water entering at 10 °C and warming by 6 K.
        public static let defaultEnteringAirC = 32.0
        public static let defaultEnteringWaterC = 10.0
        public static let defaultWaterRiseK = 6.0

        public init(capacityW: Double, airflowM3PerS: Double, enteringAirC: Double = defaultEnteringAirC,
                    enteringWaterC: Double = defaultEnteringWaterC, waterRiseK: Double = defaultWaterRiseK) {
            self.capacityW = capacityW
            self.airflowM3PerS = airflowM3PerS
            self.enteringAirC = enteringAirC
            self.enteringWaterC = enteringWaterC
            self.waterRiseK = waterRiseK
        }

        /// Air heat capacity rate at the rated airflow, W/K (air density at the entering air).
        public var airHeatRateWPerK: Double {
            airflowM3PerS * AirProperties.densityKgPerM3(temperatureC: enteringAirC) * AirProperties.specificHeatJPerKgK
        }

        /// Water heat capacity rate at the rated (full-valve) flow, W/K.
        public var waterHeatRateWPerK: Double { capacityW / waterRiseK }

        /// The rated effectiveness Q_r / (C_min (T_a,r − T_w,r)); 1 or more means impossible.
        public var effectiveness: Double {
            let drive = enteringAirC - enteringWaterC
            let cMin = min(airHeatRateWPerK, waterHeatRateWPerK)
            guard drive > 0, cMin > 0 else { return .infinity }
            return capacityW / (cMin * drive)
        }
    }

    /// Conductance of one unit, W/K.
    public let conductanceWPerK: Double
    /// Water heat capacity rate of one unit with its valve fully open, W/K.
    public let fullValveWaterHeatRateWPerK: Double
    public let rating: Rating

    /// The coil that meets `rating`; nil when the rating is impossible (ε ≥ 1) or degenerate.
    public init?(rating: Rating) {
        let epsilon = rating.effectiveness
        guard epsilon > 0, epsilon < 1, rating.capacityW > 0, rating.waterRiseK > 0 else { return nil }
        let cAir = rating.airHeatRateWPerK, cWater = rating.waterHeatRateWPerK
        let cMin = min(cAir, cWater), ratio = cMin / max(cAir, cWater)
        let ntu = Self.transferUnits(effectiveness: epsilon, capacityRatio: ratio)
        guard ntu.isFinite, ntu > 0 else { return nil }
        self.rating = rating
        conductanceWPerK = ntu * cMin
        fullValveWaterHeatRateWPerK = cWater
    }

    /// Counterflow effectiveness at `ntu` and C_r = `capacityRatio` (0…1).
    public static func effectiveness(transferUnits ntu: Double, capacityRatio ratio: Double) -> Double {
        guard ntu > 0 else { return 0 }
        if ratio > 1 - 1e-9 { return ntu / (1 + ntu) }
        let e = Foundation.exp(-ntu * (1 - ratio))
        return (1 - e) / (1 - ratio * e)
    }

    /// The NTU of a counterflow exchanger of effectiveness `epsilon` (0 < ε < 1) at C_r.
    public static func transferUnits(effectiveness epsilon: Double, capacityRatio ratio: Double) -> Double {
        if ratio > 1 - 1e-9 { return epsilon / (1 - epsilon) }
        return Foundation.log((1 - epsilon * ratio) / (1 - epsilon)) / (1 - ratio)
    }

    /// Heat `units` coils in parallel remove at full valve, W: air at `airHeatRateWPerK` (all of
    /// them together) entering at `enteringAirC`, water entering at `enteringWaterC`.
    public func maximumHeatW(units: Int, airHeatRateWPerK: Double, enteringAirC: Double, enteringWaterC: Double) -> Double {
        guard units > 0, airHeatRateWPerK > 0, enteringAirC > enteringWaterC else { return 0 }
        return airSideEffectiveness(units: units, airHeatRateWPerK: airHeatRateWPerK) * airHeatRateWPerK * (enteringAirC - enteringWaterC)
    }

    /// ε C_min / C_air: the share of the air's possible temperature drop (to the entering water)
    /// the coils give at full valve, so that Q_max = this · C_air · (T_air,in − T_w,in).
    public func airSideEffectiveness(units: Int, airHeatRateWPerK: Double) -> Double {
        guard units > 0, airHeatRateWPerK > 0 else { return 0 }
        let cWater = Double(units) * fullValveWaterHeatRateWPerK
        let cMin = min(airHeatRateWPerK, cWater), ratio = cMin / max(airHeatRateWPerK, cWater)
        let epsilon = Self.effectiveness(transferUnits: Double(units) * conductanceWPerK / cMin, capacityRatio: ratio)
        return epsilon * cMin / airHeatRateWPerK
    }
}
