import Foundation
import Engine
import Models
import Numerics
import Scenario
import Storage

/// What happens at discrete instants of a run.
enum RunEvent {
    case jobSubmit(Int)
    /// A job ends; training ends carry the generation of their prediction (stale ones are ignored).
    case jobEnd(Int, generation: Int)
    /// Every time step while training runs: predicts completions within the next step.
    case workloadTick
    /// An inference service's next request arrives; one completes on a server.
    case requestArrival(Int)
    case requestDone(Int, server: Int, arrivedS: Double)
    case sample(SimulationSpec.OutputLevel)
    /// A unit fails (`failing`) or is repaired: index into `FaultPlan.units`; `random`: drawn by
    /// its random failure process (which then draws the next), else scheduled.
    case unit(Int, failing: Bool, random: Bool)
    /// The generators, started by a utility outage, reach speed and take the load.
    case generatorsOnline
    /// Chillers restarted after a power loss: chilled water at the coils again.
    case chillersRestarted
}

/// Event priorities at equal times: faults and job ends first, then submissions, and samples
/// last so that they see the state after every change at their instant.
enum RunEventPriority {
    static let fault = -2
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
        if spec.cooling.economiser.mode == .airSide && spec.site.monthlyDryBulbC == nil && spec.site.weatherFile == nil {
            ignored.append("air-side economiser (no site climate: run as no economiser)")
        }
        let unsupportedFaults = Facility.faultsNotSimulated(spec)
        if !unsupportedFaults.isEmpty { ignored.append("faults of \(unsupportedFaults.joined(separator: ", "))") }
        let labels = spec.packages.filter { $0.design == nil }.map(\.name)
        if !labels.isEmpty { ignored.append("package variants without a design (\(labels.joined(separator: ", ")): labels only") }
        var notices: [String] = []
        let hasPlant = spec.cooling.chillers != nil || spec.cooling.towers != nil || spec.cooling.dryCoolers != nil
        if !hasPlant {
            notices.append("note: no cooling plant described (cooling.chillers, towers, dry_coolers): PUE counts CRAH fans, CDU pumps and power losses only")
        } else if spec.site.monthlyDryBulbC == nil && spec.site.weatherFile == nil {
            notices.append("note: no site climate: the plant runs at AHRI rating conditions (35 degC dry bulb, 23.9 degC wet bulb) all the time")
        }
        if !ignored.isEmpty {
            notices.append("note: validated but not yet simulated by this version: \(ignored.joined(separator: "; "))")
        }
        return notices
    }

    /// Runs `spec` and writes its output to `outputPath`.
    ///
    /// - Parameter progress: called with the simulated fraction done (0-1) as the run goes.
    /// - Throws: `SimulationError`; no file is then left at `outputPath`.
    public static func run(_ spec: ScenarioSpec, outputPath: String,
                           progress: ((Double) -> Void)? = nil) throws(SimulationError) -> RunSummary {
        try run(spec, outputPath: outputPath, threads: defaultThreads, progress: progress)
    }

    /// Threads a run uses unless told: every core this process may use.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `spec` on `threads` threads (the files are the same bit for bit for any number).
    public static func run(_ spec: ScenarioSpec, outputPath: String, threads: Int,
                           progress: ((Double) -> Void)? = nil) throws(SimulationError) -> RunSummary {
        let output = try OutputFile(path: outputPath, inputs: spec.inputFiles)
        do {
            let summary = try runRecording(spec, into: output.partialPath, threads: max(threads, 1), progress: progress)
            try output.commit()
            return summary
        } catch {
            output.discard()
            throw error
        }
    }

    private static func runRecording(_ spec: ScenarioSpec, into path: String, threads: Int,
                                     progress: ((Double) -> Void)?) throws(SimulationError) -> RunSummary {
        let facility = Facility(spec)
        let model = try FacilityThermalModel(spec: spec, facility: facility, threads: threads)
        let servers = model.servers
        let plantAndPower = try PlantAndPower(spec: spec)
        let books = FacilityBooks(spec: spec, plantAndPower: plantAndPower)

        let recorder: RunRecorder
        do {
            let file = try HDF5File.create(at: path, overwrite: true)
            recorder = try RunRecorder(file: file, spec: spec, variables: RunVariables.definitions(spec: spec, model: model, books: books, plantAndPower: plantAndPower, facility: facility))
            try writeIndexDatasets(recorder, model: model, facility: facility)
        } catch {
            throw .output(error)
        }

        let duration = spec.simulation.durationS
        let levels = [SimulationSpec.OutputLevel.facility] + spec.simulation.outputLevels.filter { $0 != .facility }
        var engine = EventEngine<RunEvent>(seed: spec.simulation.seed)
        let workload = WorkloadRunner(spec: spec, facility: facility, model: model, engine: &engine)
        var sampleIndex: [SimulationSpec.OutputLevel: Int] = [:]
        for level in levels {
            engine.schedule(.sample(level), at: 0, priority: RunEventPriority.sample)
            sampleIndex[level] = 0
        }
        var faults = FaultPlan(facility: facility, model: model, engine: &engine)
        for first in faults.initialEvents where first.at <= duration {
            engine.schedule(.unit(first.unit, failing: first.failing, random: first.random), at: first.at, priority: RunEventPriority.fault)
        }

        var summary = RunSummary()
        summary.simulatedDurationS = duration
        for rack in facility.racks {
            let hall = facility.halls[rack.hallIndex]
            guard let package = hall.package, let analysis = model.packageAnalyses[package] else { continue }
            let count = hall.rackType.serverCount * hall.serverType.acceleratorCount
            summary.packagedAccelerators += count
            summary.packageCostUSD += Double(count) * analysis.cost.costPerGoodPackageUSD
        }
        var inletState = EnvelopeTracker(halls: spec.halls.map(\.name))
        var setPoints = SetPointTracker(halls: spec.halls.map(\.name))

        /// Servers that shut down or restarted in the last step (at t = 0: those that cannot idle).
        func recordShutdownChanges(at time: Double) throws {
            for change in servers.shutdownChanges {
                if change.off { summary.shutdowns += 1 }
                let why = time == 0 ? "its cooling cannot hold even its idle heat below its limit + 5 K"
                    : change.off ? "a junction passed its limit + 5 K" : "junctions and inlet back within limits"
                try recorder.event(FacilityEvent(timeS: time, kind: change.off ? .serverShutdown : .serverRestart,
                                               component: facility.serverName(change.server),
                                               message: why))
            }
        }

        /// After every coupling step: throttling and inlet-envelope transitions, peaks.
        var lastStepS = 0.0
        func afterStep(_ time: Double) throws {
            // One way: the halls' step → the plant and the power chain → the books; the plant's
            // water reaches the halls as an input to their next step.
            if let step = try plantAndPower.step(to: time, model: model) {
                books.book(step.flows)
                for record in step.events { try recorder.event(record) }
            }
            model.setPlantWater(plantAndPower.plantWater)
            for record in workload.afterStep(timeS: time, dt: time - lastStepS, books: books) { try recorder.event(record) }
            let states = model.halls.indices.map {
                model.halls[$0].controlState(itAirflowM3PerS: servers.hallTotals[$0].airflowM3PerS, liquidHeatW: model.hallHeatToLiquidW[$0])
            }
            let heatToAir = model.halls.indices.map { model.hallHeatToAirW[$0] + states[$0].fanPowerW }
            for record in setPoints.update(states: states, heatToAirW: heatToAir, timeS: time, dt: time - lastStepS) {
                try recorder.event(record)
            }
            lastStepS = time
            try recordShutdownChanges(at: time)
            for a in servers.throttleStarted {
                summary.throttleEvents += 1
                try recorder.event(FacilityEvent(timeS: time, kind: .throttleStart, component: facility.acceleratorName(a, servers: model.servers),
                                               value: servers.junctionC(accelerator: a), message: "junction temperature (degC) at the start"))
            }
            for a in servers.throttleEnded {
                try recorder.event(FacilityEvent(timeS: time, kind: .throttleEnd, component: facility.acceleratorName(a, servers: model.servers),
                                               value: servers.junctionC(accelerator: a), message: "junction temperature (degC) at the end"))
            }
            // A hall's envelope events follow its hottest rack (every rack, for one air node).
            for h in model.halls.indices {
                let inlet = model.hottestInletNowC(hall: h)
                summary.peakInletC = max(summary.peakInletC, inlet)
                for record in inletState.update(hall: h, inletC: inlet, timeS: time) { try recorder.event(record) }
            }
            summary.peakExhaustC = max(summary.peakExhaustC, model.hottestExhaustNowC())
            if servers.acceleratorCount > 0 { summary.peakJunctionC = max(summary.peakJunctionC, servers.peakJunctionC) }
            summary.peakITPowerW = max(summary.peakITPowerW, servers.facilityTotals.powerW)
            progress?(time / duration)
        }

        do {
            try recordShutdownChanges(at: 0)
            // Jobs and inference requests only change servers' utilisation: they do not cut the
            // coupling step (their number grows with the facility; so would the steps). A job
            // sets its servers' utilisation from its instant inside the step (`MidStepChanges`);
            // a request, from the step's start (at most one step early: requests come in
            // thousands, each moving one server's utilisation by one batch slot).
            try engine.run(until: duration, gridS: spec.simulation.timeStepS, deferrable: { payload in
                switch payload {
                case .jobSubmit, .jobEnd, .requestArrival, .requestDone: return true
                default: return false
                }
            }, advance: { from, to in
                try model.advance(from: from, to: to, maxStepS: spec.simulation.timeStepS) { time in try afterStep(time) }
            }) { engine, event in
                switch event.payload {
                case .jobSubmit, .jobEnd, .workloadTick, .requestArrival, .requestDone:
                    for record in workload.handle(event.payload, engine: &engine) {
                        switch record.kind {
                        case .jobSubmit: summary.jobsSubmitted += 1
                        case .jobStart: summary.jobsStarted += 1
                        case .jobEnd: summary.jobsCompleted += 1
                        default: break
                        }
                        try recorder.event(record)
                    }
                case .unit(let index, let failing, let random):
                    for record in faults.apply(index, failing: failing, random: random, model: model, plantAndPower: plantAndPower, engine: &engine, timeS: engine.now) {
                        try recorder.event(record)
                    }
                case .generatorsOnline:
                    for record in plantAndPower.bringGeneratorsOnline(timeS: engine.now) { try recorder.event(record) }
                    let power = plantAndPower.applyPower(model: model, timeS: engine.now)
                    model.setPlantWater(plantAndPower.plantWater)
                    for record in power.records { try recorder.event(record) }
                    if let end = power.restartEndS { engine.schedule(.chillersRestarted, at: end, priority: RunEventPriority.fault) }
                case .chillersRestarted:
                    for record in plantAndPower.chillersRestarted(timeS: engine.now) { try recorder.event(record) }
                    model.setPlantWater(plantAndPower.plantWater)
                case .sample(let level):
                    try recorder.sample(level, timeS: engine.now)
                    if level == .facility { summary.samplesRecorded += 1 }
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
        summary.serverStepsAdvanced = servers.advancedServerSteps
        summary.serverStepsDormant = servers.dormantServerSteps
        summary.cutCouplingSteps = model.cutSteps
        summary.itEnergyJ = model.itEnergyJ
        summary.heatToAirJ = model.serverHeatToAirJ + model.networkEnergyJ - model.rearDoorEnergyJ
        summary.networkEnergyJ = model.networkEnergyJ
        summary.heatToLiquidJ = model.serverHeatToLiquidJ + model.rearDoorEnergyJ
        summary.coilHeatJ = model.coilEnergyJ
        summary.facilityWaterHeatJ = model.facilityWaterEnergyJ + model.rearDoorEnergyJ
        summary.crahFanEnergyJ = model.crahFanEnergyJ
        summary.pumpEnergyJ = model.pumpEnergyJ
        summary.storedHeatJ = model.storedHeatJ
        summary.meanITPowerW = model.itEnergyJ / duration
        let unaccounted = model.itEnergyJ + model.crahFanEnergyJ + model.pumpEnergyJ - summary.coilHeatJ - summary.facilityWaterHeatJ
            - summary.storedHeatJ
        summary.energyBalanceRelativeError = model.itEnergyJ > 0 ? unaccounted / model.itEnergyJ : 0
        summary.throttledDeviceHours = model.throttledDeviceSeconds / 3600
        summary.hoursOutsideRecommended = (model.secondsOutside[.recommended] ?? 0) / 3600
        summary.hoursOutsideA1 = (model.secondsOutside[.a1] ?? 0) / 3600
        summary.hoursOutsideA2 = (model.secondsOutside[.a2] ?? 0) / 3600
        AirflowOutput.summarise(model, into: &summary)
        summary.coilAtFullValveHours = setPoints.facilitySeconds[SetPointTracker.Limit.coilAtFullValve.rawValue] / 3600
        summary.crahFansAtFullSpeedHours = setPoints.facilitySeconds[SetPointTracker.Limit.fansAtFullSpeed.rawValue] / 3600
        summary.airflowDeficitHours = setPoints.facilitySeconds[SetPointTracker.Limit.airflowDeficit.rawValue] / 3600
        summary.coldAisleAboveSetPointHours = setPoints.facilitySeconds[SetPointTracker.Limit.coldAisleAboveSetPoint.rawValue] / 3600
        summary.cduAtFullValveHours = setPoints.facilitySeconds[SetPointTracker.Limit.cduAtFullValve.rawValue] / 3600
        summary.coolantAboveBoilingHours = setPoints.facilitySeconds[SetPointTracker.Limit.coolantAboveBoiling.rawValue] / 3600
        summary.cdusStoppedHours = setPoints.facilitySeconds[SetPointTracker.Limit.cdusStopped.rawValue] / 3600
        summary.warnings = setPoints.warnings(hoursOutsideRecommended: summary.hoursOutsideRecommended)
        var totals = books.summary
        // Economics: straight-line depreciation for the simulated time, carbon at its price.
        let economics = spec.economics
        totals.itDepreciation = (economics.itCapex ?? 0) * duration / economics.itDepreciationS
        totals.facilityDepreciation = (economics.facilityCapex ?? 0) * duration / economics.facilityDepreciationS
        totals.carbonCost = (economics.carbonPricePerKg ?? 0) * totals.carbonKg
        if totals.currency.isEmpty { totals.currency = economics.currency }
        summary.facility = totals
        summary.warnings += PlantWarnings.lines(totals, cooling: spec.cooling)
        summary.warnings += AirflowOutput.warnings(model)
        do {
            for job in spec.jobs.indices where workload.records[job].running {
                try recorder.event(FacilityEvent(timeS: duration, kind: .jobRunningAtEnd,
                                               component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)"))
            }
            workload.finish(atS: duration)
            summary.notes += idleTailNote(workload.records, services: spec.services.count, durationS: duration)
            try JobOutput.write(workload, facility: facility, to: recorder, summary: &summary)
            try NetworkOutput.write(workload, to: recorder, summary: &summary)
            try AirflowOutput.write(model, spec: spec, to: recorder)
            try recorder.finish(summary: summary)
        } catch {
            throw .output(error)
        }
        return summary
    }

    /// A note when every job has ended before half the run: a "year" whose jobs last a month
    /// reports eleven idle months (its PUE and energy are those of an idle hall).
    static func idleTailNote(_ records: [JobRecord], services: Int, durationS: Double) -> [String] {
        guard !records.isEmpty, services == 0, records.allSatisfy({ $0.finished || !$0.started }) else { return [] }
        let lastEndS = records.compactMap { $0.finished ? $0.endS : nil }.max() ?? 0
        guard lastEndS < 0.5 * durationS else { return [] }
        let days = { (s: Double) in String(format: "%.1f d", s / 86_400) }
        return ["the last job ends at \(days(lastEndS)) of \(days(durationS)): the halls idle for "
                + String(format: "%.0f %%", 100 * (1 - lastEndS / durationS))
                + " of the run, and its PUE, energy and cost are mostly those of idle halls (give jobs for the whole duration, "
                + "e.g. a generated workload, or a shorter duration)"]
    }

    /// Index variables beside the axes: each rack's hall, each server's rack, each accelerator's server.
    private static func writeIndexDatasets(_ recorder: RunRecorder, model: FacilityThermalModel,
                                           facility: Facility) throws(StorageError) {
        func write(_ level: SimulationSpec.OutputLevel, _ name: String, _ values: [Int], _ longName: String) throws(StorageError) {
            guard let axis = recorder.columnAxis(level), !values.isEmpty else { return }
            try axis.integerColumn(name, values.map { Int32(truncatingIfNeeded: $0) }, longName: longName)
        }
        try write(.rack, "rack_hall", facility.rackHall, "index of the hall holding each rack")
        try write(.server, "server_rack", model.servers.serverRack, "index of the rack holding each server")
        try write(.accelerator, "accelerator_server", (0..<model.servers.acceleratorCount).map { model.servers.serverOfAccelerator($0) },
                  "index of the server holding each accelerator")
    }
}
