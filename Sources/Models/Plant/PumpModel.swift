/// A variable-speed pump: flow in proportion to the heat carried (constant ΔT), power by the
/// affinity laws (`P ∝ N³`) above a minimum flow fraction that keeps coils and chillers safe
/// (30 %, a common primary-flow minimum).
public struct PumpModel: Sendable {
    public var designPowerW: Double
    public var designHeatW: Double
    public var minimumFlowFraction = 0.3

    public init(designPowerW: Double, designHeatW: Double) {
        self.designPowerW = designPowerW
        self.designHeatW = designHeatW
    }

    public func powerW(heatW: Double) -> Double {
        guard heatW > 0, designHeatW > 0 else { return 0 }
        let flow = min(max(heatW / designHeatW, minimumFlowFraction), 1)
        return designPowerW * flow * flow * flow
    }
}
