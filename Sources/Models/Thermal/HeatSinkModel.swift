import Foundation

/// A heat sink in forced air: its sink-to-air resistance falls with airflow,
///
///     R_sa(V̇) = R_ref · (V̇_ref / V̇)^n,   n = 0.8,
///
/// because the convective coefficient of turbulent flow over fins scales as Re^0.8
/// (Dittus-Boelter form; Incropera et al., Fundamentals of Heat and Mass Transfer, 7th ed.,
/// §8.5). R_ref is the resistance at the reference flow (full fan speed).
public struct HeatSinkModel: Sendable, Equatable {
    public let referenceResistanceKPerW: Double
    public let referenceFlowM3PerS: Double
    public let exponent: Double

    public init(referenceResistanceKPerW: Double, referenceFlowM3PerS: Double, exponent: Double = 0.8) {
        precondition(referenceResistanceKPerW > 0 && referenceFlowM3PerS > 0 && exponent > 0)
        self.referenceResistanceKPerW = referenceResistanceKPerW
        self.referenceFlowM3PerS = referenceFlowM3PerS
        self.exponent = exponent
    }

    /// Sink-to-air resistance at flow `flowM3PerS`, K/W (flows below 1 % of reference are held
    /// at 1 %: a stopped fan still leaves natural convection).
    public func resistanceKPerW(flowM3PerS: Double) -> Double {
        let flow = max(flowM3PerS, 0.01 * referenceFlowM3PerS)
        return referenceResistanceKPerW * pow(referenceFlowM3PerS / flow, exponent)
    }
}

/// A cold plate: case-to-coolant-inlet resistance as a function of coolant flow, from measured
/// points, `R = (T_case − T_in)/Q` (the OCP convention), interpolated monotonically (Steffen).
///
/// Default data: OCP 1 kW OAM cold plate with DI water, R = 0.0172 / 0.0160 / 0.0154 /
/// 0.0151 K/W at 2 / 3 / 4 / 5 L/min (Modelica Buildings `OCP_1kW_OAM_Water.mo`, from OCP).
/// Beyond the table the resistance is extrapolated with the laminar-to-turbulent trend
/// R ∝ flow^(−0.8) down to 5 % of the lowest point; at no flow it is `noFlowResistanceKPerW`
/// (the plate then only stores heat).
public struct ColdPlateModel: Sendable, Equatable {
    public let flowsM3PerS: [Double]
    public let resistancesKPerW: [Double]
    public let noFlowResistanceKPerW: Double

    public static let ocp1kWOAM = ColdPlateModel(
        flowsLPerMin: [2, 3, 4, 5], resistancesKPerW: [0.0172, 0.0160, 0.0154, 0.0151])

    public init(flowsLPerMin: [Double], resistancesKPerW: [Double], noFlowResistanceKPerW: Double = 2.0) {
        precondition(flowsLPerMin.count == resistancesKPerW.count && flowsLPerMin.count >= 2)
        flowsM3PerS = flowsLPerMin.map { $0 / 60_000 }
        self.resistancesKPerW = resistancesKPerW
        self.noFlowResistanceKPerW = noFlowResistanceKPerW
    }

    /// Resistance at `flowM3PerS`, K/W.
    public func resistanceKPerW(flowM3PerS: Double) -> Double {
        let low = flowsM3PerS[0], high = flowsM3PerS[flowsM3PerS.count - 1]
        if flowM3PerS <= 0.05 * low { return noFlowResistanceKPerW }
        if flowM3PerS < low { return min(noFlowResistanceKPerW, resistancesKPerW[0] * pow(low / flowM3PerS, 0.8)) }
        if flowM3PerS >= high { return resistancesKPerW[resistancesKPerW.count - 1] }
        // Piecewise linear between points (the data are monotone; linear keeps it so).
        var index = 0
        while flowsM3PerS[index + 1] < flowM3PerS { index += 1 }
        let x0 = flowsM3PerS[index], x1 = flowsM3PerS[index + 1]
        let fraction = (flowM3PerS - x0) / (x1 - x0)
        return resistancesKPerW[index] + fraction * (resistancesKPerW[index + 1] - resistancesKPerW[index])
    }

    /// Pressure drop scaling with flow: Δp/Δp_ref = (V̇/V̇_ref)^1.85 (the OCP data's exponent).
    public static func pressureDropRatio(flowRatio: Double) -> Double { pow(max(flowRatio, 0), 1.85) }
}
