/// The time of one training iteration of a GPT-style transformer under tensor (t), pipeline (p)
/// and data (d) parallelism, after Narayanan et al., "Efficient Large-Scale Language Model
/// Training on GPU Clusters Using Megatron-LM", SC'21 (sections 3 and 5):
///
///     T = T_compute · (1 + (p − 1)/m) + T_tensor + T_pipeline + (1 − overlap) · T_data
///
/// - T_compute = F / (N · peak · η): F the iteration's floating-point operations, N = t·p·d
///   devices at `peak` FLOP/s, η the fraction of peak the kernels reach (an input: it depends on
///   the kernels, not on the network);
/// - (p − 1)/(m·v): the pipeline bubble of the 1F1B schedule with m = B/(d·b) micro-batches and v
///   interleaved model chunks per device (v = 1: plain 1F1B);
/// - T_tensor: 4 all-reduces per layer per micro-batch (2 forward, 2 backward; 6 when the
///   forward pass is recomputed) of the b·s·h activations, over the scale-up link (NVLink,
///   HCCS), for the l/p layers of a stage;
/// - T_pipeline: each micro-batch's activations sent forward and gradients back across a stage
///   boundary, b·s·h/t each with the scatter-gather optimisation, over the scale-out link;
/// - T_data: the all-reduce of a stage's gradients (2 bytes × P/(t·p)) over the scale-out link,
///   of which `overlap` hides behind the backward pass.
/// Every all-reduce takes the faster of ring and tree, as NCCL's tuner does.
///
/// FLOPs (eq. 3 of the paper; h hidden size, l layers, s sequence, V vocabulary, B global batch):
/// with activation recomputation F = 96 B s l h² (1 + s/6h + V/16lh), without it
/// F = 72 B s l h² (1 + s/6h + V/12lh). MFU counts the model's FLOPs (without recomputation) per
/// second against the devices' peak.
///
/// Mixture of experts (every layer's MLP replaced by E experts, each token sent to k of them,
/// as in GShard and Switch Transformer): of the 24 B s h² forward FLOPs of a layer, the MLP's 16
/// run k times, so the factor 1 becomes (1 + 2k)/3. With e-way expert parallelism (inside the
/// data-parallel group) each layer adds two all-to-alls forward (dispatch and combine) and two
/// backward, three forward with recomputation, of the b·s·h·k/t activations over e ranks; the
/// experts' gradients are all-reduced over d/e ranks instead of d.
public struct TrainingStep: Sendable {
    public struct Model: Sendable {
        public var layers: Int
        public var hidden: Int
        public var sequence: Int
        public var vocabulary: Int
        public var parameters: Double
        public var globalBatch: Int
        public var microBatch: Int
        /// Bytes per value of activations and gradients (2 for fp16 and bf16).
        public var bytesPerValue: Double = 2
        public var recomputeActivations = true
        /// Experts per layer (1: a dense model) and experts each token goes to (k).
        public var experts = 1
        public var expertsPerToken = 1

        public init(layers: Int, hidden: Int, sequence: Int, vocabulary: Int, parameters: Double, globalBatch: Int, microBatch: Int) {
            (self.layers, self.hidden, self.sequence, self.vocabulary) = (layers, hidden, sequence, vocabulary)
            (self.parameters, self.globalBatch, self.microBatch) = (parameters, globalBatch, microBatch)
        }

        /// The model's FLOPs per iteration, without recomputation (what MFU counts).
        public var modelFLOPs: Double { flops(perLayerFactor: 72, vocabularyDivisor: 12) }
        /// The FLOPs the devices execute: with recomputation the forward pass runs twice.
        public var executedFLOPs: Double { recomputeActivations ? flops(perLayerFactor: 96, vocabularyDivisor: 16) : modelFLOPs }

        private func flops(perLayerFactor: Double, vocabularyDivisor: Double) -> Double {
            let B = Double(globalBatch), s = Double(sequence), l = Double(layers), h = Double(hidden), V = Double(vocabulary)
            let mlp = (1 + 2 * Double(activeExperts)) / 3
            return perLayerFactor * B * s * l * h * h * (mlp + s / (6 * h) + V / (vocabularyDivisor * l * h))
        }

        /// Experts a token runs through: k for a mixture of experts, 1 for a dense model.
        public var activeExperts: Int { experts > 1 ? max(1, expertsPerToken) : 1 }
        /// Parameters of the experts' MLPs (8 h² each per layer), and the rest.
        public var expertParameters: Double { experts > 1 ? 8 * Double(layers) * Double(hidden * hidden) * Double(experts) : 0 }
        public var denseParameters: Double { max(parameters - expertParameters, 0) }
    }

    public struct Parallelism: Sendable, Equatable {
        public var tensor: Int, pipeline: Int, data: Int
        /// Model chunks per device in the interleaved schedule (1: plain 1F1B).
        public var interleaving: Int
        /// Expert parallelism: experts spread over this many of the data-parallel ranks (1: none).
        public var expert: Int
        public init(tensor: Int, pipeline: Int, data: Int, interleaving: Int = 1, expert: Int = 1) {
            (self.tensor, self.pipeline, self.data, self.interleaving) = (tensor, pipeline, data, max(1, interleaving))
            self.expert = max(1, expert)
        }
        public var devices: Int { tensor * pipeline * data }
    }

    public var model: Model
    public var parallelism: Parallelism
    /// Peak dense FLOP/s of one device at the precision trained (A100: 312e12 for bf16).
    public var peakFLOPS: Double
    /// Fraction of peak the kernels reach while computing (η).
    public var kernelEfficiency: Double
    public var scaleUp: Collectives.Link
    public var scaleOut: Collectives.Link
    /// The link the expert all-to-alls cross (the scale-out link unless set).
    public var expertLink: Collectives.Link? = nil
    /// Share of the data-parallel all-reduce hidden behind the backward pass (0 … 1).
    public var dataParallelOverlap: Double

    public init(model: Model, parallelism: Parallelism, peakFLOPS: Double, kernelEfficiency: Double, scaleUp: Collectives.Link,
                scaleOut: Collectives.Link, dataParallelOverlap: Double) {
        self.model = model
        self.parallelism = parallelism
        self.peakFLOPS = peakFLOPS
        self.kernelEfficiency = kernelEfficiency
        self.scaleUp = scaleUp
        self.scaleOut = scaleOut
        self.dataParallelOverlap = dataParallelOverlap
    }

    /// The parts of one iteration, seconds.
    public struct Breakdown: Sendable, Equatable {
        public var computeS: Double
        public var bubbleS: Double
        public var tensorS: Double
        public var pipelineS: Double
        public var dataS: Double
        public var exposedDataS: Double
        /// Expert all-to-alls (0 for a dense model).
        public var expertS: Double = 0
        public var totalS: Double { computeS + bubbleS + tensorS + pipelineS + exposedDataS + expertS }
    }

    /// Micro-batches per iteration in each pipeline: B / (d · b).
    public var microBatches: Int { max(1, model.globalBatch / max(1, parallelism.data * model.microBatch)) }

    public var breakdown: Breakdown {
        let t = parallelism.tensor, p = parallelism.pipeline, d = parallelism.data, m = Double(microBatches)
        let compute = model.executedFLOPs / (Double(parallelism.devices) * peakFLOPS * kernelEfficiency)
        let bubble = compute * Double(p - 1) / (m * Double(parallelism.interleaving))
        let activationBytes = Double(model.microBatch * model.sequence * model.hidden) * model.bytesPerValue
        let layersPerStage = Double(model.layers) / Double(p)
        let allReducesPerLayer: Double = model.recomputeActivations ? 6 : 4
        let tensor = m * layersPerStage * allReducesPerLayer * Collectives.fastestAllReduceS(bytes: activationBytes, ranks: t, link: scaleUp)
        let pipeline = p > 1 ? 2 * m * scaleOut.message(activationBytes / Double(t)) : 0
        let e = max(1, parallelism.expert)
        let denseBytes = model.bytesPerValue * model.denseParameters / Double(t * p)
        let expertBytes = model.bytesPerValue * model.expertParameters / Double(t * p * e)
        let data = Collectives.fastestAllReduceS(bytes: denseBytes, ranks: d, link: scaleOut)
            + Collectives.fastestAllReduceS(bytes: expertBytes, ranks: max(1, d / e), link: scaleOut)
        let overlap = min(1, max(0, dataParallelOverlap))
        var parts = Breakdown(computeS: compute, bubbleS: bubble, tensorS: tensor, pipelineS: pipeline, dataS: data, exposedDataS: (1 - overlap) * data)
        if model.experts > 1 && e > 1 {
            let allToAlls: Double = model.recomputeActivations ? 6 : 4
            let routed = activationBytes * Double(model.activeExperts) / Double(t)
            parts.expertS = m * layersPerStage * allToAlls * Collectives.allToAllS(bytes: routed, ranks: e, link: expertLink ?? scaleOut)
        }
        return parts
    }

    /// Model FLOPs utilisation: the model's FLOPs per second over the devices' peak.
    public var modelFLOPsUtilization: Double {
        model.modelFLOPs / (breakdown.totalS * Double(parallelism.devices) * peakFLOPS)
    }

    /// Executed FLOP/s per device (what Megatron-LM reports as "teraFLOP/s per GPU").
    public var executedFLOPSPerDevice: Double {
        model.executedFLOPs / (breakdown.totalS * Double(parallelism.devices))
    }
}
