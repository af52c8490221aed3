/// Whether a tensor/pipeline/data layout of a training job fits in device memory, and the fastest
/// layout that does.
///
/// Memory per device (bytes), for mixed-precision training with Adam:
/// - model states: 16 bytes per parameter of the device's shard, P/(t·p): fp16 weights and
///   gradients (2 + 2) and the fp32 master weights, momentum and variance (4 + 4 + 4). Rajbhandari
///   et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", SC'20, §3.1.
/// - activations with full recomputation and sequence parallelism: the input of each layer is kept,
///   2·s·b·h/t bytes, for the l/p layers of a stage and for the p micro-batches the first stage of a
///   1F1B pipeline holds in flight, so 2·s·b·h·l/t in all; plus one layer's working set while it is
///   recomputed, 34·s·b·h/t. Korthikanti et al., "Reducing Activation Recomputation in Large
///   Transformer Models", MLSys 2023, §4 and Table 2 (the attention term 5·a·s²·b/t is left out:
///   the model does not know the heads a; with flash attention it is not stored).
/// - Without recomputation the stored activations are 34·s·b·h/t per layer instead of 2·s·b·h/t.
/// - A mixture of experts keeps its experts' states on 1/e of the data-parallel ranks each:
///   16 (P_dense + P_experts/e)/(t·p).
/// A layout fits if this is at most `usableFraction` (0.9) of the device's memory, leaving room for
/// the framework's buffers and fragmentation.
public enum TrainingLayout {
    public static let usableFraction = 0.9

    public static func memoryBytes(model: TrainingStep.Model, parallelism: TrainingStep.Parallelism) -> Double {
        let t = Double(parallelism.tensor), p = Double(parallelism.pipeline), e = Double(max(1, parallelism.expert))
        let states = 16 * (model.denseParameters + model.expertParameters / e) / (t * p)
        let sbh = Double(model.sequence * model.microBatch * model.hidden)
        let perLayer = model.recomputeActivations ? 2 * sbh / t : 34 * sbh / t
        // The first stage holds p micro-batches of its l/p layers: l layers' worth in all.
        let stored = perLayer * Double(model.layers)
        let working = 34 * sbh / t
        return states + stored + working
    }

    public static func fits(model: TrainingStep.Model, parallelism: TrainingStep.Parallelism, deviceMemoryBytes: Double) -> Bool {
        memoryBytes(model: model, parallelism: parallelism) <= usableFraction * deviceMemoryBytes
    }

    /// Layouts of `devices` devices: t a power of two up to the scale-up domain (tensor parallelism
    /// outside NVLink is never faster), p a divisor of the layers, d = N/(t·p) dividing the global
    /// batch in micro-batches, and for a mixture of experts e dividing both E and d.
    public static func candidates(model: TrainingStep.Model, devices: Int, scaleUpDomain: Int) -> [TrainingStep.Parallelism] {
        var result: [TrainingStep.Parallelism] = []
        var t = 1
        while t <= max(1, scaleUpDomain) && t <= devices {
            for p in 1...max(1, model.layers) where model.layers % p == 0 && devices % (t * p) == 0 {
                let d = devices / (t * p)
                guard d >= 1, model.globalBatch % (d * max(1, model.microBatch)) == 0 else { continue }
                // Expert parallelism: every e that divides both the experts and the data ranks.
                let experts = model.experts > 1 ? (1...min(model.experts, d)).filter { model.experts % $0 == 0 && d % $0 == 0 } : [1]
                for e in experts { result.append(.init(tensor: t, pipeline: p, data: d, expert: e)) }
            }
            t *= 2
        }
        return result
    }

    /// The fastest of `layouts` that fits, as its step; nil when none does. Ties go to the first
    /// (smaller t, then smaller p, in `candidates` order), so the choice is reproducible.
    public static func fastest(model: TrainingStep.Model, among layouts: [TrainingStep.Parallelism], deviceMemoryBytes: Double,
                               step: (TrainingStep.Parallelism) -> TrainingStep) -> TrainingStep? {
        var best: TrainingStep? = nil
        var bestS = Double.infinity
        for layout in layouts where fits(model: model, parallelism: layout, deviceMemoryBytes: deviceMemoryBytes) {
            let candidate = step(layout)
            let seconds = candidate.breakdown.totalS
            if seconds < bestS { (best, bestS) = (candidate, seconds) }
        }
        return best
    }
}
