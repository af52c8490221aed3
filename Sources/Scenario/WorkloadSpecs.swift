// `workload:`: jobs, training, inference services and how they are scheduled.
import Models

/// `workload.jobs[i]` (and generated and traced jobs): a job on whole servers of one hall.
public struct JobSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case batch, training }

    public var name: String
    public var hall: String
    public var kind: Kind
    /// Submission time, seconds from start; the job starts when the scheduler places it.
    public var submitS: Double
    /// Run time of a batch job; nil for training (it runs until its work is done).
    public var durationS: Double?
    public var serverCount: Int
    /// Utilisation of each server it runs on, 0-1.
    public var utilization: Double
    /// Training: the work and how fast the devices deliver it.
    public var training: TrainingSpec?
    /// Where the job's input data lives and how much there is (sites linked by a WAN).
    public var inputDataBytes: Double = 0
    public var dataSite: String? = nil

    public init(name: String, hall: String, kind: Kind = .batch, submitS: Double, durationS: Double?, serverCount: Int, utilization: Double,
                training: TrainingSpec? = nil) {
        self.name = name
        self.hall = hall
        self.kind = kind
        self.submitS = submitS
        self.durationS = durationS
        self.serverCount = serverCount
        self.utilization = utilization
        self.training = training
    }
}

/// A training job's work: total FLOPs at a precision and model-FLOPs utilisation, with
/// checkpoints (progress kept) and the time a restart costs after an interruption.
public struct TrainingSpec: Sendable {
    public var flops: Double
    public enum Precision: String, Sendable, CaseIterable { case bf16, fp16, fp8, int8 }
    public var precision: Precision
    public var modelFlopsUtilization: Double
    public var checkpointIntervalS: Double?
    public var restartCostS: Double
    /// The transformer and its parallelism, when the speed follows from compute and
    /// communication (`modelFlopsUtilization` is then an output; docs/models/network.md).
    public var model: TrainingModelSpec? = nil
}

/// `workload.inference[i]`: a service answering requests on dedicated servers.
public struct InferenceServiceSpec: Sendable {
    public var name: String
    public var hall: String
    public var serverCount: Int
    /// Mean arrival rate, requests/s, times the hour's multiplier of `dailyProfile` (local time).
    public var arrivalRatePerS: Double
    public var dailyProfile: [Double]?
    /// Work per request, FLOPs (tokens × FLOPs per token when given so).
    public var flopsPerRequest: Double
    public var latencyObjectiveS: Double
    /// Requests a server works on at once (continuous batching): each takes batch × FLOPs / throughput.
    public var batchSize: Int
    public var precision: TrainingSpec.Precision
    public var modelFlopsUtilization: Double
    public enum ServiceTime: String, Sendable, CaseIterable { case exponential, deterministic }
    public var serviceTime: ServiceTime
    /// Network round trip between users and the hall, s (sites linked by a WAN set it).
    public var networkRoundTripS: Double = 0
}

/// `workload:` settings: queue discipline, placement, power cap.
public struct WorkloadSettings: Sendable {
    public enum Scheduler: String, Sendable, CaseIterable { case fcfs, easyBackfill = "easy-backfill" }
    public enum Placement: String, Sendable, CaseIterable { case packed, coolest, fabric }
    public enum Gang: String, Sendable, CaseIterable { case rack, row, hall }
    public enum CapEnforcement: String, Sendable, CaseIterable { case hold, throttle }
    public var scheduler: Scheduler = .fcfs
    public var placement: Placement = .packed
    public var gang: Gang = .hall
    /// IT power cap of the facility, W, and how it is kept; a cap per rack (kept by throttling).
    public var powerCapW: Double? = nil
    public var rackPowerCapW: Double? = nil
    public var capEnforcement: CapEnforcement = .throttle
    /// Jobs listed under `workload.jobs` come first in `ScenarioSpec.jobs`; generated and traced follow.
    public var explicitJobCount = 0
    public init() {}
}
