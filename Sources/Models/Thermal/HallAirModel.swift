/// The air of a hall: CRAH units supply cold air, the racks draw part of it (and some recirculated
/// hot air), and the rest of the room's air and its structure store heat.
///
/// One well-mixed node for the room (with containment: the hot aisle and return plenum) at T_r,
/// one node for the structure (floor slab, walls) at T_st:
///
///     C_r  dT_r/dt  = Q_IT + P_fan − Q_coil(T_r) + G_st (T_st − T_r)
///     C_st dT_st/dt = G_st (T_r − T_st)
///     Q_coil(T_r)   = min(W_crah · max(T_r − T_set, 0), ε · W_crah · (T_r − T_cw))
///
/// The chilled-water valve holds the supply at T_set while the coil can; fully open, the coil
/// removes at most ε_a W (T_r − T_cw) with chilled water at T_cw, ε_a its air-side effectiveness
/// by ε-NTU on both streams (`CoolingCoilModel`, from the unit's rated UA). A coil asked for more
/// than its rating (warm return air after a failure) delivers more as the return warms, and
/// colder water gives more, as real coils do.
///
/// Q_IT is the heat the racks put into the air, P_fan the CRAH fans' heat, W_crah = ρ c_p V̇_crah.
/// The room equation follows from the air streams: racks draw V̇_IT, a fraction r of it
/// recirculated from the room, the rest from the supply; supply air the racks do not draw bypasses
/// to the room; the CRAHs return V̇_crah from the room. Summing the enthalpy flows, everything
/// but the heat sources and the coil cancels.
///
/// Rack inlet: T_in = (1 − r_eff)·T_sup + r_eff·T_r, with r_eff = max(r, 1 − V̇_crah/V̇_IT): when the
/// CRAHs deliver less air than the racks draw, the deficit is room air. Supply:
/// T_sup = T_r − Q_coil/W_crah (the set point while the coil keeps up, warmer when it cannot).
/// The supply heat index SHI = (T_in − T_sup)/(T_out − T_sup) (Sharma, Bash & Patel, AIAA
/// 2002-3091) follows.
public struct HallAirModel: Sendable, Equatable {
    /// Recirculation fraction r by containment, estimates within the ranges reported for
    /// legacy and contained halls (e.g. ASHRAE, Thermal Guidelines, 5th ed.; EnergyPlus' ITE
    /// recirculation input): none 0.15, cold or hot aisle 0.03, chimney cabinets 0.02.
    public static func recirculationFraction(containment: String) -> Double {
        switch containment {
        case "cold-aisle", "hot-aisle": return 0.03
        case "chimney": return 0.02
        default: return 0.15
        }
    }

    public var roomCapacityJPerK: Double
    public var structureCapacityJPerK: Double
    public var structureConductanceWPerK: Double
    public var recirculation: Double
    public var setPointC: Double

    public init(roomCapacityJPerK: Double, structureCapacityJPerK: Double, structureConductanceWPerK: Double,
                recirculation: Double, setPointC: Double) {
        precondition(roomCapacityJPerK > 0 && structureCapacityJPerK > 0 && structureConductanceWPerK >= 0 && (0...1).contains(recirculation))
        self.roomCapacityJPerK = roomCapacityJPerK
        self.structureCapacityJPerK = structureCapacityJPerK
        self.structureConductanceWPerK = structureConductanceWPerK
        self.recirculation = recirculation
        self.setPointC = setPointC
    }

    /// Structure of a hall of `roomVolumeM3` under a 3 m ceiling: a 0.15 m concrete slab
    /// (ρ = 2300 kg/m³, c = 880 J/(kg·K)) plus as much again in walls and racks' metal, coupled
    /// to the air over twice the floor area at 3 W/(m²·K) (natural convection on a large
    /// surface). Estimates, named as such in docs/models/hall-thermal.md.
    public static func structure(roomVolumeM3: Double) -> (capacityJPerK: Double, conductanceWPerK: Double) {
        let floorM2 = roomVolumeM3 / 3
        return (2 * floorM2 * 0.15 * 2300 * 880, 2 * floorM2 * 3)
    }

    /// What limits a coil: nothing (ideal units), or its air-side effectiveness ε_a at full valve
    /// with chilled water at T_cw: Q ≤ ε_a W_crah (T_r − T_cw) (`CoolingCoilModel` gives ε_a).
    public enum CoilLimit: Sendable, Equatable {
        case unlimited
        case effectiveness(Double, chilledWaterC: Double)
    }

    /// Heat removed by the coils, W.
    public func coilHeatW(roomC: Double, crahHeatRateWPerK: Double, coil: CoilLimit) -> Double {
        let demand = crahHeatRateWPerK * max(roomC - setPointC, 0)
        switch coil {
        case .unlimited: return demand
        case .effectiveness(let epsilon, let water): return min(demand, max(0, epsilon * crahHeatRateWPerK * (roomC - water)))
        }
    }

    /// Supply air temperature, °C.
    public func supplyC(roomC: Double, crahHeatRateWPerK: Double, coil: CoilLimit) -> Double {
        guard crahHeatRateWPerK > 0 else { return roomC }
        return roomC - coilHeatW(roomC: roomC, crahHeatRateWPerK: crahHeatRateWPerK, coil: coil) / crahHeatRateWPerK
    }

    /// Effective recirculation fraction for the airflows.
    public func effectiveRecirculation(itAirflowM3PerS: Double, crahAirflowM3PerS: Double) -> Double {
        guard itAirflowM3PerS > 0 else { return recirculation }
        return min(1, max(recirculation, 1 - crahAirflowM3PerS / itAirflowM3PerS))
    }

    /// Rack inlet temperature, °C.
    public func inletC(supplyC: Double, roomC: Double, itAirflowM3PerS: Double, crahAirflowM3PerS: Double) -> Double {
        let r = effectiveRecirculation(itAirflowM3PerS: itAirflowM3PerS, crahAirflowM3PerS: crahAirflowM3PerS)
        return (1 - r) * supplyC + r * roomC
    }

    /// d/dt of (T_r, T_st, E_coil) for the inputs held over a step.
    public func derivatives(roomC: Double, structureC: Double, itHeatW: Double, fanHeatW: Double,
                            crahHeatRateWPerK: Double, coil coilLimit: CoilLimit) -> (room: Double, structure: Double, coil: Double) {
        let coil = coilHeatW(roomC: roomC, crahHeatRateWPerK: crahHeatRateWPerK, coil: coilLimit)
        let exchange = structureConductanceWPerK * (structureC - roomC)
        return ((itHeatW + fanHeatW - coil + exchange) / roomCapacityJPerK, -exchange / structureCapacityJPerK, coil)
    }
}

/// How a hall's CRAH fans choose their speed (`cooling.crah[].fan_control`), each with its set
/// point and limits; power by the affinity law P = P_max·N³. Speeds lie in [minimum, 1]; a demand
/// above full speed is saturation (`SetPointTracker` reports it).
///
/// - constant: full speed always, as in much of the installed base.
/// - follow the racks (`variable`): V̇ = V̇_IT (1 + margin), the common control with containment
///   (fans tracking the servers' draw, as EC fans on rack-airflow signals do).
/// - pressure: hold a differential pressure Δp across the containment: the CRAHs supply the racks'
///   draw plus what leaks through the containment at that pressure, V̇ = V̇_IT + C_d A √(2Δp/ρ)
///   (orifice equation, C_d = 0.61 for sharp-edged openings).
/// - cold aisle: hold the warmest rack inlet at a set point T_ca by letting hot air recirculate.
///   In steady state the coils bring the CRAH air from the room to the supply set point, so the
///   room sits at T_r = T_sup + Q/(ρ c_p V̇) for heat Q into the air, and the inlets at
///   T_sup + r_eff (T_r − T_sup) with r_eff = max(r, 1 − V̇/V̇_IT) (HallAirModel). Setting the inlet
///   rise to ΔT = T_ca − T_sup and solving gives the airflow whose steady state holds the set point:
///
///       1/V̇ = ρ c_p ΔT / Q + 1/V̇_IT
///
///   taken at the start of each coupling step from the racks' heat and draw then (a model-based
///   controller: the steady state a well-tuned PI loop settles to, without tuning constants).
///   When containment leakage alone (r) already passes T_ca, more air cannot help: the fans supply
///   the racks' draw.
public struct CRAHFanControl: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case constant
        case followRacks(margin: Double)
        case pressure(setPointPa: Double, leakageAreaM2: Double)
        case coldAisle(setPointC: Double)
    }

    /// Discharge coefficient of a sharp-edged opening (orifice equation).
    public static let dischargeCoefficient = 0.61
    /// Defaults (docs/models/hall-thermal.md): 10 % over the racks' draw, EC fans down to 30 %.
    public static let defaultMargin = 0.1
    public static let defaultMinimumSpeed = 0.3

    public var mode: Mode
    public var minimumSpeed: Double

    public init(mode: Mode = .followRacks(margin: defaultMargin), minimumSpeed: Double = defaultMinimumSpeed) {
        self.mode = mode
        self.minimumSpeed = mode == .constant ? 1 : minimumSpeed
    }

    /// Air the controller asks the fans for, m³/s (may exceed what they can give).
    /// - Parameters: heatToAirW is the racks' and fans' heat into the air, supplyPointC the supply
    ///   set point, recirculation the containment's leakage fraction r.
    public func demandedAirflowM3PerS(itAirflowM3PerS: Double, maxAirflowM3PerS: Double, heatToAirW: Double, supplyPointC: Double,
                                      recirculation: Double) -> Double {
        switch mode {
        case .constant:
            return maxAirflowM3PerS
        case .followRacks(let margin):
            return itAirflowM3PerS * (1 + margin)
        case .pressure(let pressurePa, let areaM2):
            let density = AirProperties.densityKgPerM3(temperatureC: supplyPointC)
            return itAirflowM3PerS + Self.dischargeCoefficient * areaM2 * (2 * max(pressurePa, 0) / density).squareRoot()
        case .coldAisle(let setPointC):
            guard itAirflowM3PerS > 0 else { return 0 }
            let rise = setPointC - supplyPointC
            guard rise > 0, heatToAirW > 0 else { return itAirflowM3PerS } // no room to recirculate into
            let volumetric = AirProperties.densityKgPerM3(temperatureC: supplyPointC) * AirProperties.specificHeatJPerKgK
            let flow = 1 / (volumetric * rise / heatToAirW + 1 / itAirflowM3PerS)
            // Recirculating less than the leakage fraction: leakage alone sets the inlets.
            return 1 - flow / itAirflowM3PerS <= recirculation ? itAirflowM3PerS : flow
        }
    }

    /// Fan speed in [minimum, 1] for the demand.
    public func speed(demandedAirflowM3PerS: Double, maxAirflowM3PerS: Double) -> Double {
        guard maxAirflowM3PerS > 0 else { return 0 }
        return min(1, max(minimumSpeed, demandedAirflowM3PerS / maxAirflowM3PerS))
    }

    /// Whether the controller lets the racks draw more than the CRAHs supply on purpose.
    public var recirculatesByDesign: Bool {
        if case .coldAisle = mode { return true }
        return false
    }
}

/// A coolant distribution unit's secondary loop: a lumped node of loop water at the supply
/// temperature T_sup, heated by the racks and cooled through the CDU's heat exchanger:
///
///     C_loop dT_sup/dt = Q_racks − Q_cdu
///     Q_cdu = ε · C_sec · (T_ret − T_fw),   T_ret = T_sup + Q_racks / C_sec
///
/// The exchanger is counterflow with balanced streams (C_r = 1): ε = NTU/(1 + NTU)
/// (Incropera, Table 11.3). NTU follows from the rated approach: at rated load the secondary
/// stream warms by ΔT_design = 10 K and leaves `approach` above the facility water, so
/// ε = ΔT_design/(ΔT_design + approach) and NTU = ΔT_design/approach. Secondary flow is sized for
/// ΔT_design at rated capacity (1.43 L/min per kW of water, within the 1.0-1.5 L/min/kW of
/// practice). With the pumps stopped, C_sec = 0 and nothing leaves the loop.
public struct LiquidLoopModel: Sendable, Equatable {
    public static let designRiseK = 10.0

    public var coolant: CoolantProperties
    public var loopCapacityJPerK: Double
    /// Secondary stream heat capacity rate with every pump running, W/K.
    public var designHeatRateWPerK: Double
    public var approachK: Double
    public var facilityWaterC: Double
    /// The secondary supply the facility-water valve holds, °C (nil: valve open). The valve
    /// passes C (T_ret − T_set) while the exchanger at full valve can, and no more than that.
    public var supplySetPointC: Double?

    public init(coolant: CoolantProperties, ratedCapacityW: Double, approachK: Double, facilityWaterC: Double,
                loopVolumeM3: Double? = nil, supplySetPointC: Double? = nil) {
        self.supplySetPointC = supplySetPointC
        precondition(ratedCapacityW > 0 && approachK > 0)
        self.coolant = coolant
        designHeatRateWPerK = ratedCapacityW / Self.designRiseK
        self.approachK = approachK
        self.facilityWaterC = facilityWaterC
        // Without a stated volume: 2 L of loop water per kW of capacity (manifolds, hoses,
        // plates and the CDU's own volume), an estimate.
        loopCapacityJPerK = coolant.heatCapacityJPerK(volumeM3: loopVolumeM3 ?? ratedCapacityW * 2e-6)
    }

    /// Exchanger effectiveness at a heat-rate fraction `flowFraction` of design (NTU ∝ 1/C for a
    /// fixed UA).
    public func effectiveness(flowFraction: Double) -> Double {
        guard flowFraction > 0 else { return 0 }
        let ntu = Self.designRiseK / approachK / flowFraction
        return ntu / (1 + ntu)
    }

    /// Heat passed to the facility water, W.
    public func exchangerHeatW(supplyC: Double, rackHeatW: Double, flowFraction: Double) -> Double {
        let fullValve = fullValveHeatW(supplyC: supplyC, rackHeatW: rackHeatW, flowFraction: flowFraction)
        let rate = designHeatRateWPerK * flowFraction
        guard let supplySetPointC, rate > 0 else { return fullValve }
        // The valve closes when the loop is at or below its set point.
        let demand = rate * (supplyC + rackHeatW / rate - supplySetPointC)
        return demand > 0 ? min(fullValve, demand) : 0
    }

    /// Heat the exchanger passes with its valve fully open, W (what a set point cannot exceed).
    public func fullValveHeatW(supplyC: Double, rackHeatW: Double, flowFraction: Double) -> Double {
        let rate = designHeatRateWPerK * flowFraction
        guard rate > 0 else { return 0 }
        let returnC = supplyC + rackHeatW / rate
        return effectiveness(flowFraction: flowFraction) * rate * (returnC - facilityWaterC)
    }

    /// Steady supply temperature at a rack heat load (what the loop settles to), °C.
    public func steadySupplyC(rackHeatW: Double, flowFraction: Double) -> Double {
        let rate = designHeatRateWPerK * flowFraction
        let epsilon = effectiveness(flowFraction: flowFraction)
        guard rate > 0, epsilon > 0 else { return .infinity }
        // Q = ε C (T_sup + Q/C − T_fw)  ⇒  T_sup = T_fw + Q/(εC) − Q/C; a valve holds it no
        // colder than its set point.
        let fullValve = facilityWaterC + rackHeatW / (epsilon * rate) - rackHeatW / rate
        return max(fullValve, supplySetPointC ?? fullValve)
    }
}
