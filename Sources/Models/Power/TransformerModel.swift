/// A bank of identical transformers sharing the load: no-load (core) loss whenever energised,
/// load (copper) loss with the square of the per-unit loading (IEEE C57.12.00 loss model):
///
///     loss = units · (P_0 + P_k · x²),   x = S / (units · S_rated),   S = P / pf
public struct TransformerModel: Sendable {
    public var units: Int
    public var ratingVA: Double
    public var noLoadLossW: Double
    public var loadLossW: Double
    /// Load power factor: PFC power supplies keep IT loads above 0.95.
    public var powerFactor = 0.95

    public init(units: Int, ratingVA: Double, noLoadLossW: Double, loadLossW: Double) {
        self.units = units
        self.ratingVA = ratingVA
        self.noLoadLossW = noLoadLossW
        self.loadLossW = loadLossW
    }

    public var capacityW: Double { Double(units) * ratingVA * powerFactor }

    /// Per-unit loading for an output of `outputW`.
    public func loading(outputW: Double) -> Double { outputW / powerFactor / (Double(units) * ratingVA) }

    public func lossW(outputW: Double) -> Double {
        let x = loading(outputW: outputW)
        return Double(units) * (noLoadLossW + loadLossW * x * x)
    }

    public func efficiency(outputW: Double) -> Double { outputW / (outputW + lossW(outputW: outputW)) }
}
