/// Server fans: speed set from the inlet temperature and from the hottest device's margin to its
/// limit, with the affinity laws for flow and power.
///
/// Affinity laws for a fixed fan in a fixed system (e.g. ASHRAE Handbook—HVAC Systems and
/// Equipment, ch. 21): flow ∝ N, pressure ∝ N², power ∝ N³. The control curve is the usual
/// firmware ramp: minimum speed below `rampStartC`, full speed above `rampEndC`, linear between
/// (27 °C and 35 °C: the top of ASHRAE A1 recommended and of A2 allowable); and a device ramp
/// from minimum speed at 15 K below the hottest device's limit to full speed at 5 K below it.
/// The fans run at the faster of the two, as server firmware does with its inlet and component
/// sensors.
public struct FanModel: Sendable, Equatable {
    public let maxAirflowM3PerS: Double
    public let maxPowerW: Double
    public let minimumSpeed: Double
    public let rampStartC: Double
    public let rampEndC: Double
    /// Speeds are set in steps of this size (fan PWM has finite steps; the thermal solver caches
    /// one propagator per step).
    public let speedStep: Double

    /// The usual minimum fan speed of server firmware.
    public static let defaultMinimumSpeed = 0.6

    public init(maxAirflowM3PerS: Double, maxPowerW: Double, minimumSpeed: Double = defaultMinimumSpeed,
                rampStartC: Double = ASHRAEEnvelope.recommended.inletRangeC.upperBound,
                rampEndC: Double = ASHRAEEnvelope.a2.inletRangeC.upperBound, speedStep: Double = 0.02) {
        precondition(maxAirflowM3PerS > 0 && maxPowerW >= 0 && (0.05...1).contains(minimumSpeed) && rampEndC > rampStartC)
        self.maxAirflowM3PerS = maxAirflowM3PerS
        self.maxPowerW = maxPowerW
        self.minimumSpeed = minimumSpeed
        self.rampStartC = rampStartC
        self.rampEndC = rampEndC
        self.speedStep = speedStep
    }

    /// Speed fraction N ∈ [minimumSpeed, 1] for an inlet temperature and the hottest device's
    /// margin to its limit (K; infinite when there is none), rounded up to `speedStep`.
    public func speed(inletC: Double, deviceMarginK: Double = .infinity) -> Double {
        let inletRamp = (inletC - rampStartC) / (rampEndC - rampStartC)
        let deviceRamp = (15 - deviceMarginK) / 10
        let ramp = max(inletRamp, deviceRamp)
        return stepped(minimumSpeed + (1 - minimumSpeed) * min(max(ramp, 0), 1))
    }

    /// `speed` rounded up to the fans' step, within [minimumSpeed, 1].
    public func stepped(_ speed: Double) -> Double {
        min(1, max(minimumSpeed, (speed / speedStep - 1e-9).rounded(.up) * speedStep))
    }

    /// Volume flow at speed N: V̇ = V̇_max·N.
    public func airflowM3PerS(speed: Double) -> Double { maxAirflowM3PerS * speed }

    /// Pressure rise relative to full speed: Δp/Δp_max = N².
    public func pressureRatio(speed: Double) -> Double { speed * speed }

    /// Electrical power at speed N: P = P_max·N³.
    public func powerW(speed: Double) -> Double { maxPowerW * speed * speed * speed }
}
