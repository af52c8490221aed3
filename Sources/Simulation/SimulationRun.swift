import Engine
import Models
import Numerics
import Scenario
import Storage

/// What happens at discrete instants of a run.
enum RunEvent {
    case jobSubmit(Int)
    case jobEnd(Int)
    case sample(SimulationSpec.OutputLevel)
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
    /// What this version does not simulate yet among what the scenario describes: printed by
    /// `plenum run` so that nothing is ignored silently.
    public static func notices(for spec: ScenarioSpec) -> [String] {
        var ignored: [String] = []
        if spec.site.catalogName != nil || spec.site.monthlyDryBulbC != nil || spec.site.weatherFile != nil { ignored.append("site climate") }
        if !spec.cooling.crahGroups.isEmpty || !spec.cooling.cduGroups.isEmpty || spec.cooling.chillers != nil
            || spec.cooling.towers != nil || spec.cooling.dryCoolers != nil { ignored.append("cooling units and plant") }
        if spec.power.ups != nil || spec.power.transformers != nil || spec.power.generators != nil { ignored.append("power chain") }
        if !spec.faults.isEmpty { ignored.append("faults") }
        if spec.economics.itCapex != nil || spec.economics.carbonPricePerKg != nil { ignored.append("economics") }
        if !spec.packages.isEmpty { ignored.append("package variants") }
        var notices: [String] = []
        if !ignored.isEmpty {
            notices.append("note: validated but not yet simulated by this version: \(ignored.joined(separator: ", ")); racks are fed air at each hall's supply set point")
        }
        if spec.simulation.outputLevels.contains(.accelerator) {
            notices.append("note: output level 'accelerator' is not available yet; servers are lumped")
        }
        if spec.simulation.thermalMode == .quasiSteady {
            notices.append("note: thermal: quasi-steady is not available yet; the network is integrated in time")
        }
        return notices
    }

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
        let layout = FacilityLayout(spec)
        let racks = layout.racks.map { buildRack($0, spec: spec) }
        let powerModels = layout.racks.map {
            ServerPowerModel(idlePowerW: $0.serverType.idlePowerW, maxPowerW: $0.serverType.maxPowerW)
        }
        var schedulers = layout.hallServers.map { JobScheduler(serverCount: $0.count) }
        let hallOfJob = spec.jobs.map { job in spec.halls.firstIndex { $0.name == job.hall }! }
        var utilization = [Double](repeating: 0, count: layout.serverCount)

        let recorder: RunRecorder
        do {
            let file = try HDF5File.create(at: path, overwrite: true)
            recorder = try RunRecorder(file: file, spec: spec, layout: layout)
        } catch {
            throw .output(error)
        }

        let duration = spec.simulation.durationS
        let levels = [SimulationSpec.OutputLevel.facility] + spec.simulation.outputLevels.filter { $0 != .facility && $0 != .accelerator }
        var engine = EventEngine<RunEvent>(seed: spec.simulation.seed)
        for (index, job) in spec.jobs.enumerated() where job.submitS <= duration {
            engine.schedule(.jobSubmit(index), at: job.submitS, priority: RunEventPriority.jobSubmit)
        }
        // Each level samples on its own grid k·interval (no accumulated rounding), and at the end.
        var sampleIndex: [SimulationSpec.OutputLevel: Int] = [:]
        for level in levels {
            engine.schedule(.sample(level), at: 0, priority: RunEventPriority.sample)
            sampleIndex[level] = 0
        }
        var summary = RunSummary.empty(durationS: duration)

        func setUtilization(_ value: Double, hall: Int, servers: [Int]) {
            for server in servers {
                let (rack, slot) = layout.hallServers[hall][server]
                racks[rack].setPower(powerModels[rack].powerW(utilization: value), server: slot)
                utilization[layout.rackServerOffset[rack] + slot] = value
            }
        }

        func startWaitingJobs(hall: Int, engine: inout EventEngine<RunEvent>) throws(StorageError) {
            for (job, servers) in schedulers[hall].startWaiting(serversNeeded: { spec.jobs[$0].serverCount }) {
                let jobSpec = spec.jobs[job]
                setUtilization(jobSpec.utilization, hall: hall, servers: servers)
                engine.schedule(.jobEnd(job), after: jobSpec.durationS, priority: RunEventPriority.jobEnd)
                summary.jobsStarted += 1
                let rackNames = Set(servers.map { layout.racks[layout.hallServers[hall][$0].rack].name }).sorted()
                try recorder.event(EventRecord(timeS: engine.now, kind: "job-start", component: "\(jobSpec.hall)/\(jobSpec.name)",
                                               value: Double(servers.count), message: "on \(rackNames.joined(separator: ","))"))
            }
        }

        do {
            try engine.run(until: duration, advance: { from, to in
                for rack in racks { try rack.advance(from: from, to: to) }
            }) { engine, event in
                switch event.payload {
                case .jobSubmit(let job):
                    summary.jobsSubmitted += 1
                    schedulers[hallOfJob[job]].submit(job)
                    try recorder.event(EventRecord(timeS: engine.now, kind: "job-submit",
                                                   component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)",
                                                   value: Double(spec.jobs[job].serverCount)))
                    try startWaitingJobs(hall: hallOfJob[job], engine: &engine)
                case .jobEnd(let job):
                    let hall = hallOfJob[job]
                    setUtilization(0, hall: hall, servers: schedulers[hall].finish(job))
                    summary.jobsCompleted += 1
                    try recorder.event(EventRecord(timeS: engine.now, kind: "job-end",
                                                   component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)"))
                    try startWaitingJobs(hall: hall, engine: &engine)
                case .sample(let level):
                    try recorder.sample(level, timeS: engine.now, racks: racks, utilization: utilization)
                    if level == .facility {
                        summary.samplesRecorded += 1
                        progress?(engine.now / duration)
                    }
                    summary.peakITPowerW = max(summary.peakITPowerW, racks.reduce(0) { $0 + $1.itPowerW })
                    for rack in racks {
                        summary.peakExhaustTemperatureC = max(summary.peakExhaustTemperatureC, rack.exhaustTemperatureC)
                        for i in 0..<rack.serverCount {
                            summary.peakServerTemperatureC = max(summary.peakServerTemperatureC, rack.solidTemperatureC(server: i))
                        }
                    }
                    let index = sampleIndex[level]! + 1
                    sampleIndex[level] = index
                    let next = min(Double(index) * spec.simulation.outputInterval(for: level), duration)
                    if next > engine.now { engine.schedule(.sample(level), at: next, priority: RunEventPriority.sample) }
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
        summary.heatToAirJ = racks.reduce(0) { $0 + $1.heatRemovedByAirJ }
        summary.heatToLiquidJ = racks.reduce(0) { $0 + $1.heatToLiquidJ }
        summary.storedHeatJ = racks.reduce(0) { $0 + $1.storedHeatJ }
        summary.meanITPowerW = summary.electricalEnergyJ / duration
        let unaccounted = summary.electricalEnergyJ - summary.heatToAirJ - summary.heatToLiquidJ - summary.storedHeatJ
        summary.energyBalanceRelativeError = summary.electricalEnergyJ > 0 ? unaccounted / summary.electricalEnergyJ : 0
        do {
            for job in spec.jobs.indices where schedulers[hallOfJob[job]].placement[job] != nil {
                try recorder.event(EventRecord(timeS: duration, kind: "job-running-at-end",
                                               component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)"))
            }
            try recorder.finish(summary: summary)
        } catch {
            throw .output(error)
        }
        return summary
    }

    private static func buildRack(_ instance: FacilityLayout.RackInstance, spec: ScenarioSpec) -> RackThermalState {
        let type = instance.serverType
        let n = instance.rackType.serverCount
        let supply = instance.supplyTemperatureC
        let airHeatRate = AirProperties.heatCapacityRateWPerK(flowM3PerS: type.airflowM3PerS, temperatureC: supply)
        let airCapacity = type.internalAirVolumeM3 * AirProperties.densityKgPerM3(temperatureC: supply) * AirProperties.specificHeatJPerKgK
        let network = RackThermalNetwork(
            solidCapacityJPerK: Array(repeating: type.heatCapacityJPerK, count: n),
            airCapacityJPerK: Array(repeating: airCapacity, count: n),
            conductanceWPerK: Array(repeating: type.airConductanceWPerK, count: n),
            airHeatRateWPerK: Array(repeating: airHeatRate, count: n),
            supplyTemperatureK: supply + 273.15,
            powerW: Array(repeating: type.idlePowerW, count: n))
        return RackThermalState(name: instance.name, network: network, liquidFraction: instance.rackType.liquidFraction,
                                relativeTolerance: spec.simulation.relativeTolerance)
    }
}
