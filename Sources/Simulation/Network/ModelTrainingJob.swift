import Models
import Scenario

/// A training job described by its model, on the servers it was placed on: its layout, the links
/// it crosses and its step time at the clock its slowest device runs (docs/models/network.md).
///
/// Synchronous training waits for its slowest device every step, so the compute part runs at the
/// lowest clock among the job's accelerators: one throttled device slows the whole job.
struct ModelTrainingJob {
    let model: TrainingModelSpec
    let devices: Int
    let peakFLOPS: Double
    let scaleUp: Collectives.Link
    let scaleOut: Collectives.Link
    let expertLink: Collectives.Link
    let parallelism: TrainingStep.Parallelism
    /// Bytes each device sends over its NIC per step (data-parallel ring, pipeline sends, and
    /// tensor all-reduces when the tensor group leaves the scale-up domain).
    let nicBytesPerDevicePerStep: Double

    /// Chooses the layout (the given one, or the fastest that fits) for `servers` (hall placement
    /// order) of `fabric`; nil if none fits (the loader has refused such jobs, so this is a guard).
    init?(model: TrainingModelSpec, servers: [Int], acceleratorsPerServer: Int, accelerator: AcceleratorSpec, peakFLOPS: Double,
          fabric: HallFabric) {
        self.model = model
        self.peakFLOPS = peakFLOPS
        devices = servers.count * acceleratorsPerServer
        let nicsPerDevice = Double(fabric.topology.nicsPerServer) / Double(max(1, acceleratorsPerServer))
        let out = fabric.scaleOutLink(servers: servers, nicsPerDevice: nicsPerDevice)
        let domain = fabric.spec.scaleUpDomain ?? accelerator.scaleUpDomain ?? acceleratorsPerServer
        let nvlink = accelerator.scaleUpGBytesPerS.map {
            Collectives.Link(bandwidthBytesPerS: $0 * 1e9 / 2, latencyS: fabric.spec.baseLatencyS)
        } ?? out
        func step(_ layout: TrainingStep.Parallelism) -> TrainingStep {
            var layout = layout
            layout.interleaving = model.interleaving
            // A tensor group larger than the scale-up domain talks over the fabric.
            var step = TrainingStep(model: model.model, parallelism: layout, peakFLOPS: peakFLOPS, kernelEfficiency: model.kernelEfficiency,
                                    scaleUp: layout.tensor <= domain ? nvlink : out, scaleOut: out, dataParallelOverlap: model.dataParallelOverlap)
            // Expert all-to-alls stay on NVLink while the t × e ranks fit in one domain.
            step.expertLink = layout.tensor * layout.expert <= domain ? nvlink : out
            return step
        }
        let layouts = model.layouts(devices: devices, scaleUpDomain: domain)
        let memory = (accelerator.memoryGB ?? .infinity) * 1e9
        let best = TrainingLayout.fastest(model: model.model, among: layouts, deviceMemoryBytes: memory, step: step)
        guard let best else { return nil }
        parallelism = best.parallelism
        scaleUp = best.scaleUp
        scaleOut = out
        expertLink = best.expertLink ?? out
        let t = Double(parallelism.tensor), p = parallelism.pipeline, d = Double(parallelism.data)
        let micro = Double(best.microBatches)
        let activation = Double(model.model.microBatch * model.model.sequence * model.model.hidden) * model.model.bytesPerValue
        // Ring all-reduces: dense gradients over d ranks, the experts' over d/e.
        func ring(_ gradientBytes: Double, _ ranks: Double) -> Double { ranks > 1 ? 2 * (ranks - 1) / ranks * gradientBytes : 0 }
        let e = Double(parallelism.expert)
        var bytes = ring(model.model.bytesPerValue * model.model.denseParameters / (t * Double(p)), d)
            + ring(model.model.bytesPerValue * model.model.expertParameters / (t * Double(p) * e), d / e)
        if p > 1 { bytes += 2 * micro * activation / t }
        if model.model.experts > 1 && parallelism.expert > 1 && parallelism.tensor * parallelism.expert > domain {
            let allToAlls: Double = model.model.recomputeActivations ? 6 : 4
            bytes += micro * Double(model.model.layers) / Double(p) * allToAlls * (e - 1) / e * activation * Double(model.model.activeExperts) / t
        }
        if parallelism.tensor > domain {
            let perLayer: Double = model.model.recomputeActivations ? 6 : 4
            bytes += micro * Double(model.model.layers) / Double(p) * perLayer * 2 * (t - 1) / t * activation
        }
        nicBytesPerDevicePerStep = bytes
    }

    /// The step at the clock of the slowest device (0-1).
    func step(clock: Double) -> TrainingStep {
        var step = TrainingStep(model: model.model, parallelism: parallelism, peakFLOPS: peakFLOPS * max(clock, 1e-6),
                                kernelEfficiency: model.kernelEfficiency, scaleUp: scaleUp, scaleOut: scaleOut,
                                dataParallelOverlap: model.dataParallelOverlap)
        step.expertLink = expertLink
        return step
    }

    /// Model FLOP/s at a clock: the model's FLOPs per iteration over the iteration's time.
    func modelFLOPsPerS(clock: Double) -> Double { model.model.modelFLOPs / step(clock: clock).breakdown.totalS }

    /// Bytes per second the job's NICs carry together while it runs `iterationsPerS` iterations a
    /// second (the rate the workload already has: no second step evaluation).
    func nicBytesPerS(iterationsPerS: Double) -> Double { nicBytesPerDevicePerStep * Double(devices) * iterationsPerS }
}
