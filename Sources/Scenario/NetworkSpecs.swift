// `network:`: the scale-out fabric of every hall, and a training job's model and parallelism.
import Models

/// `network:`: one fabric per hall, built from catalog parts, with every figure resolved.
public struct NetworkSpec: Sendable {
    public var layout: FabricTopology.Layout
    /// 2 or 3 switch tiers; nil: the fewest that reach every NIC.
    public var tiers: Int?
    public var oversubscription: Double
    /// NICs per server (one per accelerator on rail-optimised fabrics).
    public var nicsPerServer: Int?
    /// Whether the servers' power figures already include their NICs and NIC-end modules (true
    /// for catalog servers such as the DGX, whose maximum power counts them).
    public var nicPowerInServer: Bool
    /// Devices joined by one scale-up domain; nil: the accelerator's catalog figure.
    public var scaleUpDomain: Int?

    public var nic: String
    public var nicGbps: Double
    public var nicPowerW: Double
    public var nicLatencyS: Double

    public var switchName: String
    /// Ports at the NIC's speed (a 64 × 800 G switch split to 400 G has 128).
    public var switchRadix: Int
    public var switchTypicalW: Double
    /// Share of typical power drawn at no traffic.
    public var switchIdleFraction: Double
    public var switchLatencyS: Double

    /// Module at the NIC end of each endpoint link, and at both ends of switch-to-switch links and
    /// the switch end of endpoint links; links each module carries (twin-port modules carry two).
    public var nicOptics: String
    public var nicOpticsW: Double
    public var switchOptics: String
    public var switchOpticsW: Double
    public var switchOpticsLinks: Int
    /// Latency of one message before any switch: software and NICs, s.
    public var baseLatencyS: Double
}

/// A training job described by its model: the step time follows from compute and communication
/// (docs/models/network.md), and MFU is an output.
public struct TrainingModelSpec: Sendable {
    public var model: TrainingStep.Model
    /// The preset it came from, if any.
    public var presetName: String?
    /// Given layout (data parallelism follows from the devices); nil: the fastest that fits.
    public var tensor: Int?
    public var pipeline: Int?
    /// Expert parallelism of a mixture of experts; nil: the fastest that fits.
    public var expert: Int? = nil
    public var interleaving: Int
    /// Fraction of peak the kernels reach while computing (η).
    public var kernelEfficiency: Double
    /// Share of the data-parallel all-reduce hidden behind the backward pass.
    public var dataParallelOverlap: Double
    /// Iterations to run.
    public var steps: Double

    /// The layouts this job may take on `devices` devices: the candidates (`TrainingLayout`) that
    /// keep any tensor, pipeline or expert size it gives. The loader and the run both use this.
    public func layouts(devices: Int, scaleUpDomain: Int) -> [TrainingStep.Parallelism] {
        TrainingLayout.candidates(model: model, devices: devices, scaleUpDomain: max(scaleUpDomain, tensor ?? 1)).filter { layout in
            (tensor ?? layout.tensor) == layout.tensor && (pipeline ?? layout.pipeline) == layout.pipeline && (expert ?? layout.expert) == layout.expert
        }
    }

    /// Parameters when none are given: attention 4 l h², one MLP of 8 l h² per expert, embedding V h
    /// (12 l h² + V h for a dense model; GPT-3 175B gives 174.6 × 10⁹).
    public static func defaultParameters(layers: Int, hidden: Int, vocabulary: Int, experts: Int = 1) -> Double {
        let lh2 = Double(layers) * Double(hidden) * Double(hidden)
        return 4 * lh2 + 8 * lh2 * Double(experts) + Double(vocabulary * hidden)
    }
}

/// Transformer presets: the configurations of Narayanan et al. (SC'21) and Korthikanti et al.
/// (MLSys 2023), as collected by Calculon (`calculon/megatron/validation.py`), vocabulary 51,200.
public enum TrainingModelPresets {
    public struct Preset: Sendable {
        public var name: String
        public var layers: Int, hidden: Int, sequence: Int
        public var vocabulary = 51200
        public var parameters: Double { TrainingModelSpec.defaultParameters(layers: layers, hidden: hidden, vocabulary: vocabulary) }
    }
    public static let all: [Preset] = [
        Preset(name: "gpt-22b", layers: 48, hidden: 6144, sequence: 2048),
        Preset(name: "gpt3-175b", layers: 96, hidden: 12288, sequence: 2048),
        Preset(name: "gpt-530b", layers: 105, hidden: 20480, sequence: 2048),
        Preset(name: "gpt-1t", layers: 128, hidden: 25600, sequence: 2048),
    ]
    public static func named(_ name: String) -> Preset? { all.first { $0.name == name } }
}
