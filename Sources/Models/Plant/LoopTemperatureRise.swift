/// How far a water loop's supply has risen above its set point while its plant falls short:
///
///     C dΔT/dt = Q_unmet,  and while there is spare capacity  C dΔT/dt = −Q_spare,  0 ≤ ΔT ≤ 25 K
///
/// C is the heat capacity of the loop's water (its system volume); the plant holds the set point
/// again once the heat it could not remove has been caught up. An explicit step over each coupling
/// step, exact for a constant shortfall. The 25 K cap keeps a plant that is gone for hours from
/// driving the water past anything a loop is built for (the limits and warnings say so first).
public struct LoopTemperatureRise: Sendable, Equatable {
    public static let maximumK = 25.0
    public let capacityJPerK: Double
    public private(set) var riseK = 0.0

    public init(capacityJPerK: Double) { self.capacityJPerK = max(capacityJPerK, 0) }

    /// Advances by `dt` seconds with `unmetW` of heat the plant could not remove, or `spareW` of
    /// capacity it had left.
    public mutating func step(unmetW: Double, spareW: Double, dt: Double) {
        guard capacityJPerK > 0, dt > 0 else { return }
        let net = unmetW > 0 ? unmetW : -max(spareW, 0)
        riseK = min(max(riseK + net * dt / capacityJPerK, 0), Self.maximumK)
    }
}
