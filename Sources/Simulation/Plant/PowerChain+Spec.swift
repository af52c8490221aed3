import Models
import Scenario

extension PowerChain {
    /// The chain `spec` describes; a stage not described is lossless.
    init(spec: PowerSpec) {
        let ups = spec.ups.map {
            UPSModel(modules: $0.modules, moduleRatingW: $0.moduleRatingW, usableCapacityW: $0.usableCapacityW, efficiencyAtHalfLoad: $0.efficiency,
                     eco: $0.mode == .eco)
        }
        let transformers = spec.transformers.map {
            TransformerModel(units: $0.units, ratingVA: $0.ratingW, noLoadLossW: $0.noLoadLossW, loadLossW: $0.loadLossW)
        }
        self.init(pduLossFraction: spec.pduLossFraction, ups: ups, transformers: transformers,
                  utilityCapacityW: spec.utilityCapacityW, otherLoadW: spec.otherLoadW)
    }
}
