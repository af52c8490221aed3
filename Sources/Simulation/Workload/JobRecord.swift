/// What happened to one job: times, servers, energy, money, carbon, and how much of its
/// devices' peak it got.
struct JobRecord {
    var submitS: Double
    var startS = Double.nan
    var endS = Double.nan
    var servers: [Int] = []
    /// Training: FLOPs done, FLOPs saved at the last checkpoint, run time since it.
    var progressFLOPs = 0.0
    var checkpointFLOPs = 0.0
    var sinceCheckpointS = 0.0
    /// Delivered throughput at the last step, FLOP/s, and at full clock (for `deliveredFraction`).
    var rateFLOPsPerS = 0.0
    var nominalFLOPsPerS = 0.0
    /// No progress until then (a restart after an interruption).
    var restartUntilS = -Double.infinity
    var interrupted = false
    var interruptions = 0
    /// Bumped whenever a predicted end is replaced, so stale end events are ignored.
    var endGeneration = 0
    var endScheduledS = Double.nan
    var itEnergyJ = 0.0
    var facilityEnergyJ = 0.0
    var cost = 0.0
    var carbonKg = 0.0
    /// ∫ rate dt / ∫ nominal rate dt over the time it ran: 1 unthrottled, 0.8 at 80 % clocks.
    var deliveredWork = 0.0
    var nominalWork = 0.0
    /// Training: seconds it made progress (for the MFU it got).
    var progressingS = 0.0
    /// A job described by its model: the layout it ran with and its step at full clock, s.
    var parallelism: (tensor: Int, pipeline: Int, data: Int, expert: Int)? = nil
    var stepS = Double.nan
    /// Its parts: compute, pipeline bubble, and the communication not hidden, s.
    var stepParts: (computeS: Double, bubbleS: Double, tensorS: Double, pipelineS: Double, dataS: Double, expertS: Double)? = nil

    init(submitS: Double) { self.submitS = submitS }

    var started: Bool { !startS.isNaN }
    var finished: Bool { !endS.isNaN }
    var running: Bool { started && !finished }
    var waitS: Double { started ? startS - submitS : .nan }
    var runS: Double { finished ? endS - startS : .nan }
    var deliveredFraction: Double { nominalWork > 0 ? deliveredWork / nominalWork : .nan }
}
