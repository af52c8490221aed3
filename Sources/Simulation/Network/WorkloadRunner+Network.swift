import Models
import Scenario

/// What a hall's fabric carried over the run: time integrals of utilisation and power, and peaks.
struct FabricLoad {
    var utilizationSeconds = 0.0
    var energyJ = 0.0
    var peakUtilization = 0.0
    var peakPowerW = 0.0
    var seconds = 0.0
}

/// Training jobs described by their model, and the fabrics they load.
extension WorkloadRunner {
    /// Places a model-described job: its layout and links follow from its servers (hall order).
    func placeModel(_ job: Int, hall h: Int, local: [Int]) {
        guard let model = spec.jobs[job].training?.model, let fabric = fabrics[h], let accelerator = hallServerType[h].accelerator,
              let placed = ModelTrainingJob(model: model, servers: local.sorted(), acceleratorsPerServer: hallServerType[h].acceleratorCount,
                                            accelerator: accelerator, peakFLOPS: peakFLOPs(job), fabric: fabric) else { return }
        modelJobs[job] = placed
        records[job].parallelism = (placed.parallelism.tensor, placed.parallelism.pipeline, placed.parallelism.data, placed.parallelism.expert)
        let parts = placed.step(clock: 1).breakdown
        records[job].stepS = parts.totalS
        records[job].stepParts = (parts.computeS, parts.bubbleS, parts.tensorS, parts.pipelineS, parts.exposedDataS, parts.expertS)
    }

    /// Delivered and nominal model FLOP/s: the step at the slowest device's clock; nothing while
    /// any of its servers is off.
    func modelRates(_ job: Int, _ placed: ModelTrainingJob) -> (delivered: Double, nominal: Double) {
        let nominal = placed.modelFLOPsPerS(clock: 1) * spec.jobs[job].utilization
        let servers = records[job].servers
        guard model.itPowered, !servers.contains(where: { model.servers.shutDown[$0] }) else { return (0, nominal) }
        return (placed.modelFLOPsPerS(clock: slowestClock(servers)) * spec.jobs[job].utilization, nominal)
    }

    func slowestClock(_ servers: [Int]) -> Double {
        var slowest = 1.0
        for s in servers { for a in model.servers.acceleratorRange(server: s) { slowest = min(slowest, model.servers.clocks[a]) } }
        return slowest
    }

    /// Each fabric's utilisation from the jobs progressing on it, and its power from the next step.
    func updateFabrics(dt: Double) {
        for (h, fabric) in fabrics.enumerated() {
            guard let fabric else { continue }
            var bytesPerS = 0.0
            for job in runningJobs where hallOfJob[job] == h && records[job].rateFLOPsPerS > 0 {
                guard let placed = modelJobs[job] else { continue }
                // The delivered rate is the model's FLOPs per iteration / step time × utilisation.
                let iterationsPerS = records[job].rateFLOPsPerS / (placed.model.model.modelFLOPs * spec.jobs[job].utilization)
                bytesPerS += placed.nicBytesPerS(iterationsPerS: iterationsPerS)
            }
            let capacity = Double(fabric.topology.endpoints) * fabric.nicBytesPerS
            let utilization = capacity > 0 ? min(bytesPerS / capacity, 1) : 0
            let power = fabric.powerW(utilization: utilization)
            // The step just ended ran at the power set before it.
            fabricLoad[h].energyJ += model.networkPowerW[h] * dt
            fabricLoad[h].seconds += dt
            fabricLoad[h].utilizationSeconds += utilization * dt
            fabricLoad[h].peakUtilization = max(fabricLoad[h].peakUtilization, utilization)
            fabricLoad[h].peakPowerW = max(fabricLoad[h].peakPowerW, power)
            model.networkPowerW[h] = power
        }
    }

    /// The MFU a training job got while progressing: its delivered model FLOPs over its devices'
    /// peak (nan for batch jobs and jobs that never progressed).
    func achievedMFU(_ job: Int) -> Double {
        let record = records[job]
        guard spec.jobs[job].training != nil, record.progressingS > 0 else { return .nan }
        let devices = record.servers.reduce(0) { $0 + model.servers.acceleratorRange(server: $1).count }
        return devices > 0 ? record.deliveredWork / (peakFLOPs(job) * Double(devices) * record.progressingS) : .nan
    }
}
