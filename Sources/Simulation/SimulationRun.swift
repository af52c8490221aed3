import Engine
import Models
import Numerics
import Scenario
import Storage

/// What happens at discrete instants of a run.
enum RunEvent {
    case jobSubmit(Int)
    case jobEnd(Int)
    case sample
}

/// Event priorities at equal times: job ends free servers before submissions claim them, and
/// samples see the state after every change at their instant.
private enum RunEventPriority {
    static let jobEnd = -1
    static let jobSubmit = 0
    static let sample = 10
}

/// Runs one scenario: builds the models, drives them with the event engine, records the
/// HDF5 file and returns the summary.
public enum SimulationRunner {
    /// Runs `spec` and writes its output to `outputPath`.
    ///
    /// - Parameter progress: called with the simulated fraction done (0-1) at each sample.
    /// - Throws: `SimulationError`; no file is then left at `outputPath`.
    public static func run(_ spec: ScenarioSpec, outputPath: String,
                           progress: ((Double) -> Void)? = nil) throws(SimulationError) -> RunSummary {
        let output = try OutputFile(path: outputPath)
        do {
            let summary = try runRecording(spec, into: output.partialPath, progress: progress)
            try output.commit()
            return summary
        } catch {
            output.discard()
            throw error
        }
    }

    private static func runRecording(_ spec: ScenarioSpec, into path: String,
                                     progress: ((Double) -> Void)?) throws(SimulationError) -> RunSummary {
        let racks = spec.racks.map { buildRack($0, spec: spec) }
        let powerModels = spec.racks.map { rack in
            let type = spec.serverType(named: rack.serverType)!
            return ServerPowerModel(idlePowerW: type.idlePowerW, maxPowerW: type.maxPowerW)
        }
        var schedulers = spec.racks.map { JobScheduler(serverCount: $0.serverCount) }
        let rackIndexOfJob = spec.jobs.map { job in spec.racks.firstIndex { $0.name == job.rack }! }
        var serverOffset: [Int] = []
        var serverRackIndex: [Int] = []
        for (index, rack) in spec.racks.enumerated() {
            serverOffset.append(serverRackIndex.count)
            serverRackIndex += Array(repeating: index, count: rack.serverCount)
        }
        var utilization = [Double](repeating: 0, count: serverRackIndex.count)

        let recorder: RunRecorder
        do {
            let file = try HDF5File.create(at: path, overwrite: true)
            recorder = try RunRecorder(file: file, spec: spec, serverRackIndex: serverRackIndex)
        } catch {
            throw .output(error)
        }

        let duration = spec.simulation.durationS
        let interval = spec.simulation.outputIntervalS
        var engine = EventEngine<RunEvent>(seed: spec.simulation.seed)
        for (index, job) in spec.jobs.enumerated() where job.submitS <= duration {
            engine.schedule(.jobSubmit(index), at: job.submitS, priority: RunEventPriority.jobSubmit)
        }
        engine.schedule(.sample, at: 0, priority: RunEventPriority.sample)

        var summary = RunSummary(simulatedDurationS: duration, electricalEnergyJ: 0, heatRemovedJ: 0, storedHeatJ: 0,
                                 energyBalanceRelativeError: 0, meanITPowerW: 0, peakITPowerW: 0,
                                 peakServerTemperatureC: -.infinity, peakExhaustTemperatureC: -.infinity,
                                 jobsSubmitted: 0, jobsStarted: 0, jobsCompleted: 0, eventsFired: 0, samplesRecorded: 0)
        var sampleIndex = 0

        func startWaitingJobs(rack rackIndex: Int, engine: inout EventEngine<RunEvent>) throws(StorageError) {
            let started = schedulers[rackIndex].startWaiting { spec.jobs[$0].serverCount }
            for (job, servers) in started {
                let jobSpec = spec.jobs[job]
                for server in servers {
                    racks[rackIndex].setPower(powerModels[rackIndex].powerW(utilization: jobSpec.utilization), server: server)
                    utilization[serverOffset[rackIndex] + server] = jobSpec.utilization
                }
                engine.schedule(.jobEnd(job), after: jobSpec.durationS, priority: RunEventPriority.jobEnd)
                summary.jobsStarted += 1
                try recorder.event(EventRecord(timeS: engine.now, kind: "job-start", component: "\(jobSpec.rack)/\(jobSpec.name)",
                                               value: Double(servers.count),
                                               message: "on servers \(servers.map(String.init).joined(separator: ","))"))
            }
        }

        do {
            try engine.run(until: duration, advance: { from, to in
                for rack in racks { try rack.advance(from: from, to: to) }
            }) { engine, event in
                switch event.payload {
                case .jobSubmit(let job):
                    let rackIndex = rackIndexOfJob[job]
                    summary.jobsSubmitted += 1
                    schedulers[rackIndex].submit(job)
                    try recorder.event(EventRecord(timeS: engine.now, kind: "job-submit",
                                                   component: "\(spec.jobs[job].rack)/\(spec.jobs[job].name)",
                                                   value: Double(spec.jobs[job].serverCount)))
                    try startWaitingJobs(rack: rackIndex, engine: &engine)
                case .jobEnd(let job):
                    let rackIndex = rackIndexOfJob[job]
                    for server in schedulers[rackIndex].finish(job) {
                        racks[rackIndex].setPower(powerModels[rackIndex].powerW(utilization: 0), server: server)
                        utilization[serverOffset[rackIndex] + server] = 0
                    }
                    summary.jobsCompleted += 1
                    try recorder.event(EventRecord(timeS: engine.now, kind: "job-end",
                                                   component: "\(spec.jobs[job].rack)/\(spec.jobs[job].name)"))
                    try startWaitingJobs(rack: rackIndex, engine: &engine)
                case .sample:
                    try recorder.sample(timeS: engine.now, racks: racks, utilization: utilization)
                    summary.samplesRecorded += 1
                    let itPower = racks.reduce(0) { $0 + $1.itPowerW }
                    summary.peakITPowerW = max(summary.peakITPowerW, itPower)
                    for rack in racks {
                        summary.peakExhaustTemperatureC = max(summary.peakExhaustTemperatureC, rack.exhaustTemperatureC)
                        for i in 0..<rack.network.serverCount {
                            summary.peakServerTemperatureC = max(summary.peakServerTemperatureC, rack.solidTemperatureC(server: i))
                        }
                    }
                    progress?(engine.now / duration)
                    // Samples on a fixed grid (k·interval, no accumulated rounding), and one at the end.
                    sampleIndex += 1
                    let next = min(Double(sampleIndex) * interval, duration)
                    if next > engine.now { engine.schedule(.sample, at: next, priority: RunEventPriority.sample) }
                }
            }
        } catch let error as SimulationError {
            throw error
        } catch let error as StorageError {
            throw .output(error)
        } catch {
            preconditionFailure("unexpected error type from the run loop: \(error)")
        }

        summary.eventsFired = engine.firedEventCount
        summary.electricalEnergyJ = racks.reduce(0) { $0 + $1.electricalEnergyJ }
        summary.heatRemovedJ = racks.reduce(0) { $0 + $1.heatRemovedJ }
        summary.storedHeatJ = racks.reduce(0) { $0 + $1.storedHeatJ }
        summary.meanITPowerW = summary.electricalEnergyJ / duration
        summary.energyBalanceRelativeError = summary.electricalEnergyJ > 0
            ? (summary.electricalEnergyJ - summary.heatRemovedJ - summary.storedHeatJ) / summary.electricalEnergyJ : 0
        for job in 0..<spec.jobs.count where schedulers[rackIndexOfJob[job]].placement[job] != nil {
            do {
                try recorder.event(EventRecord(timeS: duration, kind: "job-running-at-end",
                                               component: "\(spec.jobs[job].rack)/\(spec.jobs[job].name)"))
            } catch { throw .output(error) }
        }
        do {
            try recorder.finish(summary: summary)
        } catch {
            throw .output(error)
        }
        return summary
    }

    private static func buildRack(_ rack: RackSpec, spec: ScenarioSpec) -> RackThermalState {
        let type = spec.serverType(named: rack.serverType)!
        let n = rack.serverCount
        let airHeatRate = AirProperties.heatCapacityRateWPerK(flowM3PerS: type.airflowM3PerS, temperatureC: rack.supplyAirTemperatureC)
        let airCapacity = type.internalAirVolumeM3 * AirProperties.densityKgPerM3(temperatureC: rack.supplyAirTemperatureC)
            * AirProperties.specificHeatJPerKgK
        let network = RackThermalNetwork(
            solidCapacityJPerK: Array(repeating: type.heatCapacityJPerK, count: n),
            airCapacityJPerK: Array(repeating: airCapacity, count: n),
            conductanceWPerK: Array(repeating: type.airConductanceWPerK, count: n),
            airHeatRateWPerK: Array(repeating: airHeatRate, count: n),
            supplyTemperatureK: rack.supplyAirTemperatureC + 273.15,
            powerW: Array(repeating: type.idlePowerW, count: n))
        return RackThermalState(name: rack.name, network: network, relativeTolerance: spec.simulation.relativeTolerance)
    }
}
