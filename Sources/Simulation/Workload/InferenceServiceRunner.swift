import Engine
import Foundation
import Numerics
import Scenario

/// An inference service on dedicated servers: requests arrive as a Poisson process (thinned by
/// the daily profile), wait in one FIFO queue, and are served by `servers × batch_size` slots.
/// A request takes S = batch × FLOPs / (server throughput) — the server works on `batch`
/// requests at once at its delivered throughput (devices × peak × MFU × clock) — exponential
/// with that mean (`service_time: exponential`, an M/M/c queue) or exactly that
/// (`deterministic`, M/D/c). Latency = wait + service + the network round trip; a request meets
/// the objective when its latency is within it. A server's utilisation for the thermal model is
/// its busy slots / batch.
final class InferenceServiceRunner {
    let spec: InferenceServiceSpec
    let servers: [Int]
    let peakFLOPsPerDevice: Double
    let startLocalHour: Double
    private let arrivals: RandomStream, service: RandomStream
    private(set) var busySlots: [Int]
    private var queue: [Double] = []
    private var queueHead = 0
    // Statistics.
    private(set) var arrived = 0, started = 0, completed = 0, met = 0
    private(set) var waitSumS = 0.0, latencySumS = 0.0
    private(set) var latenciesS: [Double] = []
    /// ∫ N(t) dt of requests in the system (waiting or in service), for Little's law.
    private(set) var inSystemIntegral = 0.0
    private var inSystem = 0
    private var lastChangeS = 0.0

    init(spec: InferenceServiceSpec, servers: [Int], peakFLOPsPerDevice: Double, startLocalHour: Double, engine: inout EventEngine<RunEvent>,
         index: Int) {
        self.spec = spec
        self.servers = servers
        self.peakFLOPsPerDevice = peakFLOPsPerDevice
        self.startLocalHour = startLocalHour
        arrivals = engine.randomStream(named: "inference/\(spec.name)/arrivals")
        service = engine.randomStream(named: "inference/\(spec.name)/service")
        busySlots = Array(repeating: 0, count: servers.count)
        leastBusy = LeastBusyServers(count: servers.count)
        seenShutDown = Array(repeating: false, count: servers.count)
    }

    var queued: Int { queue.count - queueHead }

    private var leastBusy: LeastBusyServers
    /// Servers last seen shut down, to notice when that changes (rare: thermal shutdowns).
    private var seenShutDown: [Bool]

    private func updateKey(_ k: Int, _ model: FacilityThermalModel) {
        let available = busySlots[k] < spec.batchSize && !model.servers.shutDown[servers[k]]
        leastBusy.set(k, busy: available ? busySlots[k] : LeastBusyServers.unavailable)
    }

    /// Re-keys servers whose shutdown state changed in the last physics step.
    func refreshAvailability(_ model: FacilityThermalModel) {
        for k in servers.indices where model.servers.shutDown[servers[k]] != seenShutDown[k] {
            seenShutDown[k] = model.servers.shutDown[servers[k]]
            updateKey(k, model)
        }
    }

    /// The first arrival after `t` (nil past `endS`), by thinning at the profile's peak.
    func nextArrival(after t: Double, endS: Double) -> Double? {
        let peak = spec.arrivalRatePerS * (spec.dailyProfile?.max() ?? 1)
        guard peak > 0 else { return nil }
        var time = t
        while true {
            time += arrivals.exponential(mean: 1 / peak)
            if time > endS { return nil }
            guard let profile = spec.dailyProfile else { return time }
            let hour = Int((startLocalHour + time / 3600).truncatingRemainder(dividingBy: 24)) % 24
            if arrivals.uniform() * peak <= spec.arrivalRatePerS * profile[hour] { return time }
        }
    }

    private func account(_ nowS: Double) {
        inSystemIntegral += Double(inSystem) * (nowS - lastChangeS)
        lastChangeS = nowS
    }

    /// Mean service time on server slot `k` at its devices' clocks, s.
    func meanServiceS(server k: Int, model: FacilityThermalModel) -> Double {
        let s = servers[k]
        let range = model.servers.acceleratorRange(server: s)
        guard !range.isEmpty else { return .infinity }
        let clock = range.reduce(0) { $0 + model.servers.clocks[$1] } / Double(range.count)
        let throughput = Double(range.count) * peakFLOPsPerDevice * spec.modelFlopsUtilization * clock
        return Double(spec.batchSize) * spec.flopsPerRequest / throughput
    }

    /// A started request: its server (index into `servers`), completion time and arrival time.
    typealias Start = (server: Int, doneS: Double, arrivedS: Double)

    /// A request arrives: served at once on the least busy server with a free slot, or queued.
    func arrive(nowS: Double, model: FacilityThermalModel) -> Start? {
        account(nowS)
        arrived += 1
        inSystem += 1
        queue.append(nowS)
        return startNext(nowS: nowS, model: model)
    }

    private func startNext(nowS: Double, model: FacilityThermalModel) -> Start? {
        // The least busy server that has a free slot and power (a shut-down server takes none;
        // shutdowns change only in a physics step, after which `refreshAvailability` runs).
        guard queued > 0, model.itPowered, let k = leastBusy.least else { return nil }
        let arrivedS = queue[queueHead]
        queueHead += 1
        if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        busySlots[k] += 1
        updateKey(k, model)
        model.setUtilization(Double(busySlots[k]) / Double(spec.batchSize), server: servers[k])
        let mean = meanServiceS(server: k, model: model)
        let duration = spec.serviceTime == .exponential ? service.exponential(mean: mean) : mean
        waitSumS += nowS - arrivedS
        started += 1
        return (k, nowS + duration, arrivedS)
    }

    /// The request that arrived at `arrivedS` completes on server `k`; the next queued one may start.
    func done(nowS: Double, server k: Int, arrivedS: Double, model: FacilityThermalModel) -> Start? {
        account(nowS)
        inSystem -= 1
        completed += 1
        busySlots[k] -= 1
        updateKey(k, model)
        model.setUtilization(Double(busySlots[k]) / Double(spec.batchSize), server: servers[k])
        let latency = nowS - arrivedS + spec.networkRoundTripS
        latencySumS += latency
        if latency <= spec.latencyObjectiveS { met += 1 }
        if latenciesS.count < 2_000_000 { latenciesS.append(latency) }
        return startNext(nowS: nowS, model: model)
    }

    func finish(atS endS: Double) { account(endS) }

    /// Mean wait of the requests that started service.
    var meanWaitS: Double { started > 0 ? waitSumS / Double(started) : .nan }
    var meanLatencyS: Double { completed > 0 ? latencySumS / Double(completed) : .nan }
    var attainment: Double { completed > 0 ? Double(met) / Double(completed) : .nan }
    var p99LatencyS: Double {
        guard !latenciesS.isEmpty else { return .nan }
        let sorted = latenciesS.sorted()
        return sorted[min(sorted.count - 1, Int((0.99 * Double(sorted.count)).rounded(.up)) - 1)]
    }
}
