/// The power chain from the utility to the IT equipment, stage by stage:
///
///     utility → transformers → { UPS → PDUs → IT ;  mechanical loads ;  other loads }
///
/// IT power is measured at the server inlet (The Green Grid's IT boundary), so PSU and VRM losses
/// are inside it. PDU loss is a fixed fraction of the IT load; UPS loss follows `UPSModel`;
/// transformer loss follows `TransformerModel` on everything downstream. Mechanical loads (CRAH
/// fans, CDU pumps, the plant) and other loads are fed from the transformers without a UPS.
/// Where a stage is not described it is lossless, and its absence is reported.
public struct PowerChain: Sendable {
    public struct StepResult: Sendable {
        public var pduLossW = 0.0
        public var upsLossW = 0.0
        public var transformerLossW = 0.0
        public var upsOutputW = 0.0
        public var transformerOutputW = 0.0
        public var utilityW = 0.0
        public init() {}
        public var lossesW: Double { pduLossW + upsLossW + transformerLossW }
    }

    public let pduLossFraction: Double
    public let ups: UPSModel?
    public let transformers: TransformerModel?
    public let utilityCapacityW: Double?
    public let otherLoadW: Double

    public init(pduLossFraction: Double, ups: UPSModel?, transformers: TransformerModel?, utilityCapacityW: Double?, otherLoadW: Double) {
        self.pduLossFraction = pduLossFraction
        self.ups = ups
        self.transformers = transformers
        self.utilityCapacityW = utilityCapacityW
        self.otherLoadW = otherLoadW
    }

    /// The critical path first (its losses are heat the plant must remove).
    public func critical(itW: Double) -> StepResult {
        var result = StepResult()
        result.pduLossW = pduLossFraction * itW
        result.upsOutputW = itW + result.pduLossW
        result.upsLossW = ups?.lossW(outputW: result.upsOutputW) ?? 0
        return result
    }

    /// Then the transformers, once the mechanical and other loads (and the battery charger's
    /// draw, counted with them) are known.
    public func complete(_ partial: StepResult, mechanicalW: Double, otherW: Double) -> StepResult {
        var result = partial
        result.transformerOutputW = result.upsOutputW + result.upsLossW + mechanicalW + otherW
        result.transformerLossW = transformers?.lossW(outputW: result.transformerOutputW) ?? 0
        result.utilityW = result.transformerOutputW + result.transformerLossW
        return result
    }
}
