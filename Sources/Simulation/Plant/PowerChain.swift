import Models
import Scenario

/// The power chain from the utility to the IT equipment, stage by stage:
///
///     utility → transformers → { UPS → PDUs → IT ;  mechanical loads ;  other loads }
///
/// IT power is measured at the server inlet (The Green Grid's IT boundary), so PSU and VRM losses
/// are inside it. PDU loss is a fixed fraction of the IT load; UPS loss follows `UPSModel`;
/// transformer loss follows `TransformerModel` on everything downstream. Mechanical loads (CRAH
/// fans, CDU pumps, the plant) and other loads are fed from the transformers without a UPS.
/// Where a stage is not described it is lossless, and its absence is reported.
struct PowerChain {
    struct StepResult {
        var pduLossW = 0.0
        var upsLossW = 0.0
        var transformerLossW = 0.0
        var upsOutputW = 0.0
        var transformerOutputW = 0.0
        var utilityW = 0.0
        var lossesW: Double { pduLossW + upsLossW + transformerLossW }
    }

    let pduLossFraction: Double
    let ups: UPSModel?
    let transformers: TransformerModel?
    let utilityCapacityW: Double?
    let otherLoadW: Double

    init(spec: PowerSpec) {
        pduLossFraction = spec.pduLossFraction
        ups = spec.ups.map {
            UPSModel(modules: $0.modules, moduleRatingW: $0.moduleRatingW, usableCapacityW: $0.usableCapacityW, efficiencyAtHalfLoad: $0.efficiency,
                     eco: $0.mode == .eco)
        }
        transformers = spec.transformers.map {
            TransformerModel(units: $0.units, ratingVA: $0.ratingW, noLoadLossW: $0.noLoadLossW, loadLossW: $0.loadLossW)
        }
        utilityCapacityW = spec.utilityCapacityW
        otherLoadW = spec.otherLoadW
    }

    /// The critical path first (its losses are heat the plant must remove).
    func critical(itW: Double) -> StepResult {
        var result = StepResult()
        result.pduLossW = pduLossFraction * itW
        result.upsOutputW = itW + result.pduLossW
        result.upsLossW = ups?.lossW(outputW: result.upsOutputW) ?? 0
        return result
    }

    /// Then the transformers, once the mechanical and other loads (and the battery charger's
    /// draw, counted with them) are known.
    func complete(_ partial: StepResult, mechanicalW: Double, otherW: Double) -> StepResult {
        var result = partial
        result.transformerOutputW = result.upsOutputW + result.upsLossW + mechanicalW + otherW
        result.transformerLossW = transformers?.lossW(outputW: result.transformerOutputW) ?? 0
        result.utilityW = result.transformerOutputW + result.transformerLossW
        return result
    }
}
