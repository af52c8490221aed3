/// A modular UPS: modules share the critical load and lose, per module,
///
///     loss = R · k · (c₀ + c₁·x + c₂·x²),   x = load per module / R
///
/// the no-load, proportional and square-law losses of Schneider Electric White Paper 108
/// ("Making Large UPS Systems More Efficient"). `k` is set so that efficiency at half load is the
/// stated one. Double conversion: (c₀, c₁, c₂) = (0.4, 0.4, 0.2), efficiency rising with load to a
/// flat top past 50 % as in published transformerless curves; eco mode (static bypass, inverter
/// idling) losses are mostly fixed: (0.7, 0.2, 0.1).
public struct UPSModel: Sendable {
    public var modules: Int
    public var moduleRatingW: Double
    public var usableCapacityW: Double
    public let lossShape: (Double, Double, Double)
    public let lossScale: Double

    public init(modules: Int, moduleRatingW: Double, usableCapacityW: Double, efficiencyAtHalfLoad: Double, eco: Bool) {
        self.modules = modules
        self.moduleRatingW = moduleRatingW
        self.usableCapacityW = usableCapacityW
        lossShape = eco ? (0.7, 0.2, 0.1) : (0.4, 0.4, 0.2)
        let lossAtHalf = 0.5 * (1 / efficiencyAtHalfLoad - 1)
        lossScale = lossAtHalf / (lossShape.0 + lossShape.1 * 0.5 + lossShape.2 * 0.25)
    }

    /// Loss of one module at per-module load fraction `x`, as a fraction of its rating.
    public func moduleLossFraction(_ x: Double) -> Double { lossScale * (lossShape.0 + lossShape.1 * x + lossShape.2 * x * x) }

    /// Loss at a critical (output) load of `outputW`, W. All modules stay online (redundant ones
    /// share the load, the usual practice), so each carries `outputW / modules`.
    public func lossW(outputW: Double) -> Double {
        let x = outputW / (Double(modules) * moduleRatingW)
        return Double(modules) * moduleRatingW * moduleLossFraction(x)
    }

    /// Efficiency at per-module load fraction `x`.
    public func efficiency(moduleLoad x: Double) -> Double { x / (x + moduleLossFraction(x)) }
}
