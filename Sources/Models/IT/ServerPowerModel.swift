/// Electrical power of a server as a function of its utilisation, linear between idle and full
/// load: `P(u) = P_idle + (P_max − P_idle)·u`, u ∈ [0, 1].
///
/// The linear form is the one measured server power follows to within a few per cent
/// (Fan, Weber & Barroso, "Power provisioning for a warehouse-sized computer", ISCA 2007,
/// Fig. 2). All electrical power ends as heat in the server.
public struct ServerPowerModel: Sendable, Equatable {
    public let idlePowerW: Double
    public let maxPowerW: Double

    public init(idlePowerW: Double, maxPowerW: Double) {
        precondition(idlePowerW >= 0 && maxPowerW >= idlePowerW)
        self.idlePowerW = idlePowerW
        self.maxPowerW = maxPowerW
    }

    /// Power in W at utilisation `utilization` (clamped to [0, 1]).
    public func powerW(utilization: Double) -> Double {
        let u = min(max(utilization, 0), 1)
        return idlePowerW + (maxPowerW - idlePowerW) * u
    }
}
