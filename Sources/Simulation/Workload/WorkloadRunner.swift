import Engine
import Foundation
import Scenario
import Storage

/// Runs a scenario's workload against the facility: submits jobs, queues and places them per
/// hall, advances training jobs at the throughput their devices deliver, serves inference
/// requests, keeps a power cap, and books each job's energy, cost and carbon.
///
/// Training progress: rate = Σ over its devices of peak × MFU × utilisation × clock (0 on a
/// server that is off), integrated over each coupling step; a throttled or capped device
/// lengthens the job. A workload tick at every `simulation.time_step` predicts completions inside
/// the next step and schedules them exactly. An interruption (a server of the job shut down, or
/// the IT without power) stops progress; when it clears the job rolls back to its last
/// checkpoint and pays its restart cost. Batch jobs run for their duration.
final class WorkloadRunner {
    let spec: ScenarioSpec
    let model: FacilityThermalModel
    let hallOfJob: [Int]
    /// Per hall: global server indices (hall order), queue, placement, free flags.
    let hallServers: [[Int]]
    private var queues: [any JobQueue]
    private let placements: [ServerPlacement]
    private(set) var free: [[Bool]]
    /// Per hall: how many of `free` are true; per server: its index in its hall's `hallServers`.
    private(set) var freeCount: [Int]
    private let hallIndexOfServer: [Int]
    var records: [JobRecord]
    private(set) var services: [InferenceServiceRunner] = []
    let peakOfHall: [(fp16: Double, int8: Double)]
    private let tickS: Double
    private let rackNames: [String]
    /// Each hall's server type.
    let hallServerType: [ServerSpec]
    /// Each hall's scale-out fabric (nil without `network:`), the model-described training jobs
    /// placed on them, and the fabrics' load over the run.
    let fabrics: [HallFabric?]
    var modelJobs: [Int: ModelTrainingJob] = [:]
    var fabricLoad: [FabricLoad]
    private var tickScheduled = false
    /// Busy server-seconds over the run, per hall.
    private(set) var busyServerSeconds: [Double]
    /// Running jobs in the order they started (an array, not a set: iteration order is part of
    /// what makes a run reproducible).
    var runningJobs: [Int] = []
    /// The running training jobs, in the same order: only they need work at every step.
    private var runningTraining: [Int] = []
    private var ledger: JobEnergyLedger
    /// Per job: its rates and interruption state need a fresh look (it started, or its servers
    /// were stepped); and whether the IT had power at the last step.
    private var ratesStale: [Bool]
    private var lastITPowered = true

    init(spec: ScenarioSpec, facility: Facility, model: FacilityThermalModel, engine: inout EventEngine<RunEvent>) {
        self.spec = spec
        self.model = model
        hallOfJob = facility.hallOfJob
        hallServers = facility.halls.map { Array($0.servers) }
        queues = spec.halls.map { _ in makeJobQueue(spec.workload.scheduler) }
        let fabrics = facility.halls.map { hall in
            hall.fabric.map { HallFabric(spec: $0, servers: hall.servers.count, acceleratorsPerServer: hall.serverType.acceleratorCount) }
        }
        placements = facility.halls.enumerated().map { h, hall in
            let racks = hall.servers.map { facility.serverRack[$0] - hall.racks.lowerBound }
            var placement = ServerPlacement(gang: spec.workload.gang, policy: spec.workload.placement,
                                            rackOfServer: racks, rowOfServer: racks.map { $0 / hall.racksPerRow })
            if let topology = fabrics[h]?.topology {
                placement.leafOfServer = (0..<hall.servers.count).map { $0 / topology.serversPerLeaf }
                placement.podOfServer = (0..<hall.servers.count).map { $0 / topology.serversPerPod }
            }
            return placement
        }
        free = facility.halls.map { Array(repeating: true, count: $0.servers.count) }
        var hallIndexOfServer = Array(repeating: 0, count: model.servers.serverCount)
        for servers in hallServers { for (k, s) in servers.enumerated() { hallIndexOfServer[s] = k } }
        self.hallIndexOfServer = hallIndexOfServer
        ratesStale = Array(repeating: false, count: spec.jobs.count)
        ledger = JobEnergyLedger(jobCount: spec.jobs.count, serverCount: model.servers.serverCount, carbonKgPerJ: spec.site.gridCarbonKgPerJ ?? 0)
        records = spec.jobs.map { JobRecord(submitS: $0.submitS) }
        peakOfHall = facility.halls.map(\.serverType).map { server in
            ((server.accelerator?.fp16TFLOPS ?? 0) * 1e12, (server.accelerator?.int8TOPS ?? 0) * 1e12)
        }
        busyServerSeconds = Array(repeating: 0, count: spec.halls.count)
        rackNames = facility.racks.map(\.name)
        hallServerType = facility.halls.map(\.serverType)
        self.fabrics = fabrics
        fabricLoad = Array(repeating: FabricLoad(), count: spec.halls.count)
        for (h, fabric) in fabrics.enumerated() { model.networkPowerW[h] = fabric?.powerW(utilization: 0) ?? 0 }
        tickS = spec.simulation.timeStepS
        freeCount = free.map(\.count)
        let duration = spec.simulation.durationS
        // Inference services take their servers first, the lowest-numbered of their hall.
        for (index, service) in spec.services.enumerated() {
            let h = facility.hallOfService[index]
            let chosen = Array(free[h].indices.filter { free[h][$0] }.prefix(service.serverCount))
            for k in chosen { free[h][k] = false }
            let peak = service.precision == .fp8 || service.precision == .int8 ? peakOfHall[h].int8 : peakOfHall[h].fp16
            let runner = InferenceServiceRunner(spec: service, servers: chosen.map { hallServers[h][$0] }, peakFLOPsPerDevice: peak,
                                                startLocalHour: spec.simulation.localStartHourOfYear, engine: &engine, index: index)
            services.append(runner)
            freeCount[h] -= chosen.count
            if let first = runner.nextArrival(after: 0, endS: duration) { engine.schedule(.requestArrival(index), at: first, priority: RunEventPriority.jobSubmit) }
        }
        for (index, job) in spec.jobs.enumerated() where job.submitS <= duration {
            engine.schedule(.jobSubmit(index), at: job.submitS, priority: RunEventPriority.jobSubmit)
        }
    }

    // MARK: training throughput

    func peakFLOPs(_ job: Int) -> Double {
        let peak = peakOfHall[hallOfJob[job]]
        switch spec.jobs[job].training?.precision {
        case .fp8, .int8: return peak.int8
        default: return peak.fp16
        }
    }

    /// Delivered and nominal FLOP/s of a running training job now.
    private func rates(_ job: Int) -> (delivered: Double, nominal: Double) {
        guard let training = spec.jobs[job].training else { return (0, 0) }
        if let modelJob = modelJobs[job] { return modelRates(job, modelJob) }
        let perDevice = peakFLOPs(job) * training.modelFlopsUtilization * spec.jobs[job].utilization
        var delivered = 0.0, nominal = 0.0
        let bank = model.servers, powered = model.itPowered, clocks = bank.clocks
        for s in records[job].servers {
            let range = bank.acceleratorRange(server: s)
            nominal += perDevice * Double(range.count)
            guard powered && !bank.shutDown[s] else { continue }
            for a in range { delivered += perDevice * clocks[a] }
        }
        return (delivered, nominal)
    }

    /// Expected run time, for backfilling: the duration, or the work at full clocks.
    private func estimateS(_ job: Int) -> Double {
        let spec = self.spec.jobs[job]
        if let duration = spec.durationS { return duration }
        let perServer = Double(model.servers.acceleratorRange(server: hallServers[hallOfJob[job]][0]).count)
        // A job described by its model is estimated at its kernels' efficiency, before communication.
        let efficiency = spec.training?.model?.kernelEfficiency ?? spec.training?.modelFlopsUtilization ?? 1
        let rate = peakFLOPs(job) * efficiency * spec.utilization * perServer * Double(spec.serverCount)
        return rate > 0 ? (spec.training?.flops ?? 0) / rate : .infinity
    }

    // MARK: events

    func handle(_ event: RunEvent, engine: inout EventEngine<RunEvent>) -> [FacilityEvent] {
        let now = engine.now
        var out: [FacilityEvent] = []
        switch event {
        case .jobSubmit(let job):
            let h = hallOfJob[job]
            out.append(FacilityEvent(timeS: now, kind: .jobSubmit, component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)",
                                   value: Double(spec.jobs[job].serverCount)))
            if !placements[h].canEverFit(count: spec.jobs[job].serverCount) {
                out.append(FacilityEvent(timeS: now, kind: .jobRejected, component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)",
                                       message: "no \(spec.workload.gang.rawValue) of the hall holds \(spec.jobs[job].serverCount) servers"))
            } else {
                queues[h].submit(job)
                out += dispatch(hall: h, engine: &engine)
            }
        case .jobEnd(let job, let generation):
            guard records[job].running, generation == records[job].endGeneration else { break }
            out += finishJob(job, engine: &engine)
        case .workloadTick:
            tickScheduled = false
            scheduleTrainingEnds(engine: &engine)
        case .requestArrival(let index):
            let runner = services[index]
            if let start = runner.arrive(nowS: now, model: model) {
                engine.schedule(.requestDone(index, server: start.server, arrivedS: start.arrivedS), at: start.doneS, priority: RunEventPriority.jobEnd)
            }
            if let next = runner.nextArrival(after: now, endS: spec.simulation.durationS) {
                engine.schedule(.requestArrival(index), at: next, priority: RunEventPriority.jobSubmit)
            }
        case .requestDone(let index, let server, let arrivedS):
            if let start = services[index].done(nowS: now, server: server, arrivedS: arrivedS, model: model) {
                engine.schedule(.requestDone(index, server: start.server, arrivedS: start.arrivedS), at: start.doneS, priority: RunEventPriority.jobEnd)
            }
        default:
            break
        }
        return out
    }

    private func dispatch(hall h: Int, engine: inout EventEngine<RunEvent>) -> [FacilityEvent] {
        let now = engine.now
        let running = runningJobs.filter { hallOfJob[$0] == h }
            .map { (servers: records[$0].servers.count, endS: records[$0].startS + estimateS($0)) }
        var committed = 0.0
        let started = queues[h].dispatch(
            nowS: now, freeCount: freeCount[h], running: running,
            needed: { self.spec.jobs[$0].serverCount }, estimateS: estimateS,
            admit: { job in
                guard let cap = self.spec.workload.powerCapW, self.spec.workload.capEnforcement == .hold else { return true }
                // Nameplate planning: running jobs at their servers' maximum × utilisation, idle
                // servers at idle; a job starts only if the total stays within the cap.
                let estimate = self.plannedPowerW(job)
                let idleAfter = self.idlePowerOfFreeServersW - Double(self.spec.jobs[job].serverCount) * self.idlePowerW(hall: h)
                guard self.runningPlannedPowerW + committed + estimate + idleAfter <= cap * (1 + 1e-12) else { return false }
                committed += estimate
                return true
            },
            place: { job in
                self.placements[h].choose(count: self.spec.jobs[job].serverCount, free: self.placeable(job, hall: h), temperatureC: { k in
                    let s = self.hallServers[h][k]
                    let servers = self.model.servers
                    let range = servers.acceleratorRange(server: s)
                    return range.isEmpty ? servers.held[s].inletC : range.map { servers.junctionC(accelerator: $0) }.max()!
                }).map { servers in
                    for k in servers { self.free[h][k] = false }
                    self.freeCount[h] -= servers.count
                    return servers
                }
            })
        var out: [FacilityEvent] = []
        for (job, local) in started {
            let spec = self.spec.jobs[job]
            let servers = local.map { hallServers[h][$0] }
            records[job].startS = now
            records[job].servers = servers
            runningJobs.append(job)
            if spec.training != nil { runningTraining.append(job) }
            ratesStale[job] = true
            ledger.open(job: job, servers: servers, powerW: powerW(of: servers), atS: now, stepStartS: model.servers.stepStartS)
            for s in servers { model.setUtilization(spec.utilization, server: s, atS: now) }
            if let duration = spec.durationS {
                engine.schedule(.jobEnd(job, generation: 0), after: duration, priority: RunEventPriority.jobEnd)
            } else {
                placeModel(job, hall: h, local: local)
                let r = rates(job)
                records[job].rateFLOPsPerS = r.delivered
                records[job].nominalFLOPsPerS = r.nominal
                scheduleTrainingEnds(engine: &engine)
            }
            let racks = Set(servers.map { rackNames[model.servers.serverRack[$0]] }).sorted()
            out.append(FacilityEvent(timeS: now, kind: .jobStart, component: "\(spec.hall)/\(spec.name)", value: Double(servers.count),
                                   message: "on \(racks.joined(separator: ","))"))
        }
        return out
    }

    private func finishJob(_ job: Int, engine: inout EventEngine<RunEvent>) -> [FacilityEvent] {
        let h = hallOfJob[job], now = engine.now
        records[job].endS = now
        runningJobs.remove(at: runningJobs.firstIndex(of: job)!)
        if let k = runningTraining.firstIndex(of: job) {
            runningTraining.remove(at: k)
            // Its progress since the last step (it ends inside the coming one).
            progress(job, spanS: now - max(model.servers.stepStartS, records[job].startS), stepEndS: now)
        }
        book(ledger.close(job: job, servers: records[job].servers, atS: now, stepStartS: model.servers.stepStartS), job: job)
        modelJobs[job] = nil
        if let work = spec.jobs[job].training?.flops { records[job].progressFLOPs = work }
        for s in records[job].servers {
            model.setUtilization(0, server: s, atS: now)
            free[h][hallIndexOfServer[s]] = true
        }
        freeCount[h] += records[job].servers.count
        var out = [FacilityEvent(timeS: now, kind: .jobEnd, component: "\(spec.jobs[job].hall)/\(spec.jobs[job].name)",
                               value: records[job].runS, message: "run time (s)")]
        out += dispatch(hall: h, engine: &engine)
        return out
    }

    /// Training jobs due to finish before the next tick get an exact end event; the tick repeats
    /// while any runs.
    private func scheduleTrainingEnds(engine: inout EventEngine<RunEvent>) {
        let now = engine.now
        var anyTraining = false
        for job in runningTraining {
            anyTraining = true
            guard let work = spec.jobs[job].training?.flops, !records[job].interrupted, now >= records[job].restartUntilS else { continue }
            let rate = records[job].rateFLOPsPerS
            guard rate > 0 else { continue }
            let endS = now + max(work - records[job].progressFLOPs, 0) / rate
            if endS <= now + tickS * (1 + 1e-9), endS != records[job].endScheduledS {
                records[job].endGeneration += 1
                records[job].endScheduledS = endS
                engine.schedule(.jobEnd(job, generation: records[job].endGeneration), at: endS, priority: RunEventPriority.jobEnd)
            }
        }
        // On the coupling grid k·tickS, where the physics steps anyway: a tick between grid
        // points would cut every step in two.
        var next = (now / tickS).rounded(.down) + 1
        while next * tickS <= now { next += 1 }
        if anyTraining && !tickScheduled && next * tickS <= spec.simulation.durationS {
            tickScheduled = true
            engine.schedule(.workloadTick, at: next * tickS, priority: RunEventPriority.jobEnd)
        }
    }

    // MARK: continuous

    private var currentITPowerW: Double { model.servers.facilityTotals.powerW }

    /// After each coupling step of `dt` ending at `timeS`: progress, interruptions, checkpoints,
    /// energy and money per job, busy time, and the power cap's clock ceiling.
    func afterStep(timeS: Double, dt: Double, books: FacilityBooks) -> [FacilityEvent] {
        guard dt > 0 else { return [] }
        for service in services { service.refreshAvailability(model) }
        var out: [FacilityEvent] = []
        // Energy: the jobs whose servers this step advanced are settled at their old power and
        // take their new one; the step then counts for every job at its power (JobEnergyLedger).
        for job in ledger.jobs(on: model.servers.due) {
            book(ledger.settle(job: job), job: job)
            ledger.setPower(job: job, powerW: powerW(of: records[job].servers))
            ratesStale[job] = true
        }
        let ended = ledger.advance(dt: dt, facilityPerIT: books.lastITW > 0 ? books.lastFacilityW / books.lastITW : 1, pricePerJ: books.lastPricePerJ,
                                   powerW: { job, atS in self.powerW(of: self.records[job].servers, atS: atS) })
        for (job, share) in ended { book(share, job: job) }
        let shutDown = model.servers.shutDown, itPowered = model.itPowered
        let powerSwitched = itPowered != lastITPowered
        lastITPowered = itPowered
        for job in runningTraining {
            guard let training = spec.jobs[job].training else { continue }
            // A job that started inside the step progressed from its start.
            progress(job, spanS: min(dt, timeS - records[job].startS), stepEndS: timeS)
            // A job's clocks and shut-down flags move only when its servers are stepped; until then
            // its rates stand, and it is down exactly when it is interrupted (the code below keeps
            // the two equal). A model-described job's rates follow its fabric's load.
            guard ratesStale[job] || powerSwitched || modelJobs[job] != nil else { continue }
            ratesStale[job] = false
            let down = !itPowered || records[job].servers.contains { shutDown[$0] }
            // Named only for an event (building the string every step was a few % of a run).
            func name() -> String { "\(spec.jobs[job].hall)/\(spec.jobs[job].name)" }
            if down && !records[job].interrupted {
                records[job].interrupted = true
                records[job].interruptions += 1
                records[job].endGeneration += 1
                records[job].endScheduledS = .nan
                out.append(FacilityEvent(timeS: timeS, kind: .jobInterrupted, component: name(), value: records[job].progressFLOPs / training.flops,
                                       message: "fraction done; rolls back to its last checkpoint"))
            } else if !down && records[job].interrupted {
                records[job].interrupted = false
                records[job].progressFLOPs = records[job].checkpointFLOPs
                records[job].sinceCheckpointS = 0
                records[job].restartUntilS = timeS + training.restartCostS
                out.append(FacilityEvent(timeS: timeS, kind: .jobRestart, component: name(), value: records[job].progressFLOPs / training.flops,
                                       message: "fraction kept from the checkpoint; restart cost \(Int(training.restartCostS)) s"))
            }
            let r = rates(job)
            records[job].rateFLOPsPerS = r.delivered
            records[job].nominalFLOPsPerS = r.nominal
        }
        updateFabrics(dt: dt)
        // Power caps kept by throttling: each clock ceiling follows cap / power.
        func ceiling(_ current: Double, cap: Double, power: Double) -> Double {
            power > 0 ? min(1, max(0.2, current * pow(cap / power, power > cap ? 1 : 0.5))) : current
        }
        if let cap = spec.workload.powerCapW, spec.workload.capEnforcement == .throttle {
            model.powerCapClock = ceiling(model.powerCapClock, cap: cap, power: currentITPowerW)
        }
        if let cap = spec.workload.rackPowerCapW, spec.workload.capEnforcement == .throttle {
            for r in model.rackCapClock.indices {
                model.rackCapClock[r] = ceiling(model.rackCapClock[r], cap: cap, power: model.servers.rackTotals[r].powerW)
            }
        }
        return out
    }

    /// A training job's progress over the last `spanS` seconds of a step ending at `stepEndS`,
    /// at the rate set after the previous step.
    private func progress(_ job: Int, spanS: Double, stepEndS: Double) {
        guard let training = spec.jobs[job].training, spanS > 0,
              !records[job].interrupted && stepEndS - spanS >= records[job].restartUntilS else { return }
        records[job].progressingS += spanS
        records[job].progressFLOPs = min(records[job].progressFLOPs + records[job].rateFLOPsPerS * spanS, training.flops)
        records[job].deliveredWork += records[job].rateFLOPsPerS * spanS
        records[job].nominalWork += records[job].nominalFLOPsPerS * spanS
        records[job].sinceCheckpointS += spanS
        if let interval = training.checkpointIntervalS, records[job].sinceCheckpointS >= interval {
            records[job].checkpointFLOPs = records[job].progressFLOPs
            records[job].sinceCheckpointS = 0
        }
    }

    func finish(atS endS: Double) {
        for service in services { service.finish(atS: endS) }
        for job in runningJobs { book(ledger.settle(job: job), job: job) }
    }

    /// Adds a job's share of energy, money, carbon and busy time to its record and its hall.
    private func book(_ share: JobEnergyLedger.Share, job: Int) {
        records[job].itEnergyJ += share.itEnergyJ
        records[job].facilityEnergyJ += share.facilityEnergyJ
        records[job].cost += share.cost
        records[job].carbonKg += share.carbonKg
        busyServerSeconds[hallOfJob[job]] += share.serverSeconds
    }

    /// The servers' power at `atS` inside the last step (at its end unless said), W.
    private func powerW(of servers: [Int], atS time: Double? = nil) -> Double {
        let bank = model.servers, at = time ?? bank.stepStartS
        return servers.reduce(0) { $0 + bank.powerW(server: $1, atS: at) }
    }
}
