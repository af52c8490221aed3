import Foundation

/// Electrical power of an accelerator from its utilisation, its clock and its junction
/// temperature:
///
///     P(u, θ, T_j) = P_dyn,idle + (P_dyn,max − P_dyn,idle)·u·θ + P_leak(T_j)
///     P_leak(T_j)  = L_ref · exp(β (T_j − T_ref))
///
/// with u ∈ [0, 1] the utilisation, θ ∈ (0, 1] the clock fraction left by throttling (dynamic
/// power and throughput scale with it at fixed voltage, a conservative reading of DVFS), and
/// leakage rising exponentially with temperature. The dynamic parts are calibrated so that the
/// model reproduces the catalog: P = TDP at u = 1, θ = 1, T_j = T_ref, and P = P_idle at u = 0
/// with the die at `idleTemperatureC`.
///
/// Leakage: sub-threshold leakage grows exponentially with temperature; β = 0.02 /K (doubling
/// every ~35 K) and a leakage share of 15 % of TDP at 85 °C are representative of 7-4 nm parts
/// (Liao, He & Lepak, IEEE TCAD 24(7), 2005, report exponential fits with coefficients of
/// 0.01-0.03 /K). Both are parameters.
public struct AcceleratorPowerModel: Sendable, Equatable {
    public let tdpW: Double
    public let idlePowerW: Double
    /// Leakage at the reference temperature, W.
    public let referenceLeakageW: Double
    /// β, 1/K.
    public let leakageCoefficientPerK: Double
    public let referenceTemperatureC: Double
    public let dynamicIdleW: Double
    public let dynamicMaxW: Double

    public static let defaultLeakageShare = 0.15
    public static let defaultLeakageCoefficientPerK = 0.02
    public static let defaultReferenceTemperatureC = 85.0
    /// Die temperature at which the catalog's idle power is taken.
    public static let idleTemperatureC = 40.0

    public init(tdpW: Double, idlePowerW: Double, leakageShare: Double = defaultLeakageShare,
                leakageCoefficientPerK: Double = defaultLeakageCoefficientPerK,
                referenceTemperatureC: Double = defaultReferenceTemperatureC) {
        precondition(tdpW > 0 && idlePowerW >= 0 && idlePowerW <= tdpW)
        precondition((0..<1).contains(leakageShare) && leakageCoefficientPerK >= 0)
        self.tdpW = tdpW
        self.idlePowerW = idlePowerW
        self.leakageCoefficientPerK = leakageCoefficientPerK
        self.referenceTemperatureC = referenceTemperatureC
        let leakAtIdle = leakageShare * tdpW * exp(leakageCoefficientPerK * (Self.idleTemperatureC - referenceTemperatureC))
        // Leakage cannot exceed the idle power: scale it down for parts with a very low idle.
        let scale = leakAtIdle > 0.9 * idlePowerW && leakAtIdle > 0 ? 0.9 * idlePowerW / leakAtIdle : 1
        referenceLeakageW = leakageShare * tdpW * scale
        dynamicIdleW = idlePowerW - leakAtIdle * scale
        dynamicMaxW = tdpW - referenceLeakageW
    }

    /// Leakage power at junction temperature `junctionC`, W.
    public func leakageW(junctionC: Double) -> Double {
        referenceLeakageW * exp(leakageCoefficientPerK * (junctionC - referenceTemperatureC))
    }

    /// Total power, W. `clock` is θ, the fraction of full clock (1 = not throttled).
    public func powerW(utilization: Double, clock: Double, junctionC: Double) -> Double {
        let u = min(max(utilization, 0), 1), theta = min(max(clock, 0), 1)
        return dynamicIdleW + (dynamicMaxW - dynamicIdleW) * u * theta + leakageW(junctionC: junctionC)
    }

    /// The largest clock fraction whose power stays within `capW` (1 when the cap does not bind).
    public func clockForPowerCap(_ capW: Double, utilization: Double, junctionC: Double) -> Double {
        let u = min(max(utilization, 0), 1)
        let span = (dynamicMaxW - dynamicIdleW) * u
        guard span > 0 else { return 1 }
        let theta = (capW - dynamicIdleW - leakageW(junctionC: junctionC)) / span
        return min(max(theta, 0), 1)
    }
}

/// Clock throttling of one device: lowers the clock fraction while the junction is above its
/// limit (or the power above a cap) and restores it when there is margin, as GPU firmware does
/// with its slowdown threshold.
///
/// Each coupling step takes a damped Newton step towards the clock whose steady junction
/// temperature is the limit:
///
///     θ_{k+1} = clamp(θ_k − α·(T_j − T_limit)/S, θ_min, θ_cap),   α = min(1, h/τ_c)·½
///
/// where S = ∂T_j/∂θ ≈ R_j→air·ΔP_dyn·u is the junction's sensitivity to the clock (K per unit
/// clock, from the device's thermal path and power model), τ_c = 10 s the controller's time
/// scale, θ_min = 0.2 the lowest clock before a thermal shutdown, and θ_cap the clock a power cap
/// allows. Targeting the steady state makes the loop stable at any coupling step (10-60 s): the
/// junction follows within seconds, the sink lags, and the half step damps the overshoot.
public struct ThrottleController: Sendable, Equatable {
    public var timeScaleS: Double = 10
    public var minimumClock: Double = 0.2

    public init() {}

    /// The next clock fraction after a step of `stepS` seconds; `sensitivityK` is S (K per unit clock).
    public func nextClock(current: Double, junctionC: Double, limitC: Double, capClock: Double, stepS: Double,
                          sensitivityK: Double) -> Double {
        let alpha = 0.5 * min(1, stepS / timeScaleS)
        let slope = max(sensitivityK, 1) // a flat sensitivity (idle device) must not blow the step up
        let proposed = current - alpha * (junctionC - limitC) / slope
        return min(max(proposed, minimumClock), max(min(capClock, 1), minimumClock))
    }
}
