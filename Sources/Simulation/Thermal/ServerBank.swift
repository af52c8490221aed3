import Models
import Numerics

/// Every server and accelerator of the facility as structure of arrays, and the rule that decides
/// which of them a coupling step advances.
///
/// **Which servers step.** A server's network is linear with its inputs held, so its state only
/// changes when its inputs do or while it is still settling. A step advances a server (with
/// `ServerStep`) when its utilisation, power, clock ceiling or coolant flow changed, when its
/// inlet air or coolant moved more than `toleranceK` from the values it last ran with, or when
/// it had not settled in its last step: temperatures more than `toleranceK/2` from where its
/// inputs hold them (`ServerStepResult.unsettledK`), or a clock still moving by more than 10⁻⁴.
/// Every other server is *dormant*: its state stays, and it delivers the heat of its steady
/// state, which is its power (the split between air and liquid kept from its last step), so the
/// energy books still close. With `toleranceK` = 0 a server is
/// dormant only when its inputs are bitwise the same and its last step changed nothing.
///
/// **Threads.** The servers due in a step are cut into `threads` contiguous blocks, advanced at
/// once; each server writes only its own elements. Everything that adds servers up (racks,
/// halls, events) runs afterwards on one thread in server order, so a run's files are the same
/// bit for bit with any number of threads.
final class ServerBank {
    let designs: [ServerThermalDesign]
    private let designUsesLiquid: [Bool]
    /// For each server: its design, rack, hall, first state element and first accelerator.
    let serverDesign: [Int], serverRack: [Int], serverHall: [Int], stateOffset: [Int], acceleratorOffset: [Int]
    /// The servers of each rack, the racks of each hall and the servers of each hall (all contiguous).
    let rackServers: [Range<Int>], hallRacks: [Range<Int>], hallServers: [Range<Int>]
    /// Which servers a step has to look at.
    private var watch: ServerWatch
    let serverCount: Int, acceleratorCount: Int
    let mode: ServerStep.Mode
    let toleranceK: Double
    let threads: Int

    // State, written by the step.
    let state: FlatArray<Double>
    let clocks: FlatArray<Double>, acceleratorPowerW: FlatArray<Double>
    let shutDown: FlatArray<Bool>
    /// Each server's last step (its flows are what a dormant server keeps delivering).
    let results: FlatArray<ServerStepResult>
    /// The inputs each server last ran with.
    let held: FlatArray<ServerStepInputs>
    private let settled: FlatArray<Bool>, dormant: FlatArray<Bool>
    private(set) var initialState: [Double] = []
    /// Where the servers' state is, s: the end of the last step.
    private(set) var stepStartS = 0.0
    /// Utilisations that change inside the coming step.
    var midStep = MidStepChanges()
    // Inputs the workload sets.
    let utilization: FlatArray<Double>
    /// Throttling with hysteresis: a clock below 0.98 starts it, back at 1 ends it.
    let throttled: FlatArray<Bool>
    private(set) var throttledAcceleratorCount = 0

    private(set) var rackTotals: [Totals], hallTotals: [Totals]
    private(set) var facilityTotals = Totals()

    // What the last step changed, for the run's events.
    private(set) var shutdownChanges: [(server: Int, off: Bool)] = []
    private(set) var throttleStarted: [Int] = [], throttleEnded: [Int] = []
    /// Hottest junction any advanced server reached, °C.
    private(set) var peakJunctionC = -Double.infinity
    /// Server steps taken and skipped since the start (how much dormancy saves).
    private(set) var advancedServerSteps = 0, dormantServerSteps = 0

    private let workspaces: [ServerStepWorkspace]
    /// This step's due servers, those computed (`leaders`) and those copying a twin's step.
    var due: [Int] = [], leaders: [Int] = [], twins: [(server: Int, leader: Int)] = []
    private var rackDirty: [Bool]
    /// Below this many servers to compute, a step stays on one thread (waking threads costs more).
    static let defaultParallelThreshold = 96
    let parallelThreshold: Int

    init(designs: [ServerThermalDesign], serverDesign: [Int], serverRack: [Int], serverHall: [Int], rackCount: Int, hallCount: Int,
         mode: ServerStep.Mode, toleranceK: Double, regularStepS: Double? = nil, threads: Int,
         parallelThreshold: Int = defaultParallelThreshold, watchesChanges: Bool = true) {
        precondition(mode != .settling && toleranceK >= 0 && threads >= 1)
        self.designs = designs
        designUsesLiquid = designs.map(\.usesLiquid)
        self.serverDesign = serverDesign
        self.serverRack = serverRack
        self.serverHall = serverHall
        self.mode = mode
        self.toleranceK = toleranceK
        self.threads = threads
        self.parallelThreshold = parallelThreshold
        serverCount = serverDesign.count
        var offsets: [Int] = [], accelerators: [Int] = [], stateSize = 0, acceleratorTotal = 0
        for d in serverDesign {
            offsets.append(stateSize)
            accelerators.append(acceleratorTotal)
            stateSize += designs[d].network.dimension
            acceleratorTotal += designs[d].acceleratorCount
        }
        stateOffset = offsets
        acceleratorOffset = accelerators
        acceleratorCount = acceleratorTotal
        rackServers = Self.contiguousRanges(of: serverRack, count: rackCount)
        var rackHall = Array(repeating: 0, count: rackCount)
        for s in 0..<serverCount { rackHall[serverRack[s]] = serverHall[s] }
        hallRacks = Self.contiguousRanges(of: rackHall, count: hallCount)
        hallServers = Self.contiguousRanges(of: serverHall, count: hallCount)
        watch = ServerWatch(serverCount: serverDesign.count, rackCount: rackCount, hallCount: hallCount, looksAtEveryServer: !watchesChanges)
        state = FlatArray(repeating: 0, count: stateSize)
        clocks = FlatArray(repeating: 1, count: acceleratorTotal)
        acceleratorPowerW = FlatArray(repeating: 0, count: acceleratorTotal)
        throttled = FlatArray(repeating: false, count: acceleratorTotal)
        shutDown = FlatArray(repeating: false, count: serverCount)
        results = FlatArray(repeating: ServerStepResult(), count: serverCount)
        held = FlatArray(repeating: ServerStepInputs(utilization: 0, inletC: 25, coolantC: 25, coolantFlowPerPlateM3PerS: 0, powered: true,
                                                     clockCeiling: 1), count: serverCount)
        settled = FlatArray(repeating: false, count: serverCount)
        dormant = FlatArray(repeating: false, count: serverCount)
        utilization = FlatArray(repeating: 0, count: serverCount)
        rackTotals = Array(repeating: Totals(), count: rackCount)
        hallTotals = Array(repeating: Totals(), count: hallCount)
        rackDirty = Array(repeating: true, count: rackCount)
        let largest = designs.map(\.network.dimension).max() ?? 1, mostAccelerators = designs.map(\.acceleratorCount).max() ?? 1
        workspaces = (0..<threads).map { _ in ServerStepWorkspace(maximumDimension: largest, maximumAccelerators: mostAccelerators,
                                                                          regularStepS: regularStepS) }
    }

    /// Ranges of equal values in `owner`, which must be sorted (servers by rack, racks by hall).
    private static func contiguousRanges(of owner: [Int], count: Int) -> [Range<Int>] {
        var ranges = Array(repeating: 0..<0, count: count)
        var start = 0
        for i in 0...owner.count where i == owner.count || owner[i] != owner[start] {
            if start < owner.count {
                precondition(ranges[owner[start]].isEmpty, "servers of a rack, or racks of a hall, must be contiguous")
                ranges[owner[start]] = start..<i
            }
            start = i
        }
        return ranges
    }

    // MARK: start

    /// Starts every server in the steady state of idle at `inlets(hall)`: a facility that has
    /// been idling. Two long exact steps: leakage at the settled junction temperature the second time.
    ///
    /// A server whose idle junction would pass its shutdown temperature (cooling far too small
    /// for even its idle heat: leakage would then run away) starts shut down, settled cold, and is
    /// listed in `shutdownChanges` until the first step.
    func settle(conditions: Conditions) throws(SimulationError) {
        shutdownChanges.removeAll()
        for s in 0..<serverCount {
            let design = designs[serverDesign[s]], network = design.network
            let slice = state.slice(stateOffset[s], network.dimension)
            let given = inputs(server: s, conditions)
            try settleServer(s, at: given, off: false)
            if ServerStep.hottestJunctionC(design: design, state: UnsafeBufferPointer(slice)) > design.acceleratorLimitC + ServerStep.shutdownMarginK {
                shutDown[s] = true
                shutdownChanges.append((s, true))
                try settleServer(s, at: given, off: true)
            }
            slice[network.airEnergyIndex] = 0
            slice[network.liquidEnergyIndex] = 0
            held[s] = given
        }
        initialState = state.array
        for r in rackDirty.indices { rackDirty[r] = true }
        refreshTotals()
    }

    /// Two long exact steps from the inlet temperature: leakage at the settled junction the second time.
    private func settleServer(_ s: Int, at given: ServerStepInputs, off: Bool) throws(SimulationError) {
        let design = designs[serverDesign[s]], network = design.network
        let slice = state.slice(stateOffset[s], network.dimension)
        for i in slice.indices { slice[i] = given.inletC + 273.15 }
        slice[network.airEnergyIndex] = 0
        slice[network.liquidEnergyIndex] = 0
        var shut = off
        for _ in 0..<2 {
            do {
                results[s] = try ServerStep.advance(
                    design: design, designIndex: serverDesign[s], state: slice, clocks: clocks.slice(acceleratorOffset[s], design.acceleratorCount),
                    acceleratorPowerW: acceleratorPowerW.slice(acceleratorOffset[s], design.acceleratorCount), shutDown: &shut,
                    inputs: given, stepS: 1e6, mode: .settling, workspace: workspaces[0])
            } catch {
                throw .numerical(error, timeS: 0, component: "server \(s) thermal network")
            }
        }
    }

    // MARK: stepping

    /// What the halls, the power system and the caps give the servers in a step: each rack's
    /// inlet (its hall's, or its own under a floor plan), each hall's coolant.
    struct Conditions {
        var rackInletC: [Double], hallCoolantC: [Double], hallCoolantPerPlateM3PerS: [Double]
        var powered: Bool
        var powerCapClock: Double
        var rackCapClock: [Double]
    }

    /// The inputs server `s` gets under `conditions`.
    func inputs(server s: Int, _ conditions: Conditions) -> ServerStepInputs {
        let h = serverHall[s]
        return ServerStepInputs(utilization: utilization[s], inletC: conditions.rackInletC[serverRack[s]], coolantC: conditions.hallCoolantC[h],
                                coolantFlowPerPlateM3PerS: designUsesLiquid[serverDesign[s]] ? conditions.hallCoolantPerPlateM3PerS[h] : 0,
                                powered: conditions.powered, clockCeiling: min(conditions.powerCapClock, conditions.rackCapClock[serverRack[s]]),
                                previousFanSpeed: results[s].fanSpeed)
    }

    /// Sets a server's utilisation and has the next step look at it. From `atS` when that lies
    /// inside the coming step (a job that starts or ends between grid points: `MidStepChanges`),
    /// else for the whole of the next step.
    func setUtilization(_ u: Double, server s: Int, atS time: Double? = nil) {
        guard utilization[s] != u else { return }
        if let time, time > stepStartS { midStep.record(server: s, atS: time, from: utilization[s], to: u, stepStartS: stepStartS) }
        utilization[s] = u
        watch.watch(s)
    }

    /// Advances the servers that are due over the step from `t0` to `t1` with their inputs held
    /// (each utilisation as `MidStepChanges` has it inside the step).
    func step(from t0: Double, to t1: Double, conditions: Conditions) throws(SimulationError) {
        precondition(t0 == stepStartS && t1 > t0, "server steps must follow one another")
        let dt = t1 - t0
        defer {
            midStep.endStep()
            stepStartS = t1
        }
        shutdownChanges.removeAll(keepingCapacity: true)
        throttleStarted.removeAll(keepingCapacity: true)
        throttleEnded.removeAll(keepingCapacity: true)
        var due = self.due
        due.removeAll(keepingCapacity: true)
        func look(at s: Int) {
            let wanted = inputs(server: s, conditions), liquid = designUsesLiquid[serverDesign[s]]
            // Never dormant in an emergency: a shut-down server, or one whose inlet is outside
            // ASHRAE A2, steps every time (its restart and its stored heat need the exact state).
            let mayRest = settled[s] && !shutDown[s] && ASHRAEEnvelope.a2.contains(inletC: wanted.inletC)
            if let first = midStep.segments(server: s)?.first {
                // Its utilisation changes inside the step: until then it rests if it would have.
                var before = wanted
                before.utilization = first.utilization
                if mayRest && isClose(held[s], before, liquid: liquid) {
                    if !dormant[s] { becomeDormant(s) }
                    midStep.restFirstStretch(server: s)
                }
            } else if mayRest && isClose(held[s], wanted, liquid: liquid) {
                if !dormant[s] { becomeDormant(s) }
                watch.noteDormant(hall: serverHall[s], rack: serverRack[s], inletC: held[s].inletC, coolantC: liquid ? held[s].coolantC : nil)
                return
            }
            held[s] = wanted
            dormant[s] = false
            due.append(s)
        }
        if let servers = watch.candidates(conditions, toleranceK: toleranceK, hallServers: hallServers, hallRacks: hallRacks,
                                             rackServers: rackServers) {
            for s in servers { look(at: s) }
        } else {
            for s in 0..<serverCount { look(at: s) }
        }
        // Servers not dormant now are looked at again next step.
        for s in due { watch.watch(s) }
        self.due = due
        advancedServerSteps += due.count
        dormantServerSteps += serverCount - due.count
        groupTwins()
        try advanceDue(dt: dt)
        for (s, p) in twins { repeatStep(of: p, for: s, dt: dt) }
        for s in due { collect(s) }
        refreshTotals()
    }

    /// Whether a server's inputs are the ones it last ran with, to the tolerance.
    @inline(__always)
    private func isClose(_ a: ServerStepInputs, _ b: ServerStepInputs, liquid: Bool) -> Bool {
        a.utilization == b.utilization && a.powered == b.powered && a.clockCeiling == b.clockCeiling
            && a.coolantFlowPerPlateM3PerS == b.coolantFlowPerPlateM3PerS && abs(a.inletC - b.inletC) <= toleranceK
            && (!liquid || abs(a.coolantC - b.coolantC) <= toleranceK)
    }

    /// A settled server delivers its power as heat (steady state), split as in its last step.
    private func becomeDormant(_ s: Int) {
        dormant[s] = true
        // After a step of stretches, its last stretch's flows (the step's are their mean).
        var r = midStep.lastStepEndResult(server: s) ?? results[s]
        let delivered = r.heatToAirW + r.heatToLiquidW
        guard delivered > 0 else { return }
        r.heatToAirW = r.powerW * (r.heatToAirW / delivered)
        r.heatToLiquidW = r.powerW - r.heatToAirW
        results[s] = r
        rackDirty[serverRack[s]] = true
    }

    /// Advances the due servers that lead a run of twins (all others copy them): in parallel,
    /// except those whose utilisation changes inside the step, which run their stretches on this
    /// thread (they are few, and they write their stretches' power into `midStep`).
    private func advanceDue(dt: Double) throws(SimulationError) {
        var parallel = leaders, stretched: [Int] = []
        if !midStep.isEmpty {
            stretched = leaders.filter { midStep.changes(server: $0) }
            parallel.removeAll { midStep.changes(server: $0) }
        }
        var firstFailure: (server: Int, error: NumericalError)?
        for s in stretched {
            do throws(NumericalError) {
                try advanceStretches(s, dt: dt, workspace: workspaces[0])
            } catch {
                firstFailure = (s, error)
                break
            }
        }
        let blocks = parallel.count >= parallelThreshold ? min(threads, parallel.count) : 1
        var failures = [(server: Int, error: NumericalError)?](repeating: nil, count: blocks)
        failures.append(firstFailure)
        parallel.withUnsafeBufferPointer { servers in
            failures.withUnsafeMutableBufferPointer { failed in
                let work = { (block: Int) in
                    let range = (servers.count * block / blocks)..<(servers.count * (block + 1) / blocks)
                    for i in range {
                        do throws(NumericalError) {
                            try self.advance(servers[i], dt: dt, workspace: self.workspaces[block])
                        } catch {
                            failed[block] = (servers[i], error)
                            return
                        }
                    }
                }
                forEachBlockInParallel(blocks, work)
            }
        }
        // The first failure in server order, whatever the threads did.
        if let failure = failures.compactMap({ $0 }).min(by: { $0.server < $1.server }) {
            throw .numerical(failure.error, timeS: 0, component: "server \(failure.server) thermal network")
        }
    }

    private func advance(_ s: Int, dt: Double, workspace: ServerStepWorkspace) throws(NumericalError) {
        results[s] = try advance(s, inputs: held[s], stepS: dt, workspace: workspace)
    }

    /// One `ServerStep` of server `s` with `inputs` (its state, clocks and shutdown flag move).
    func advance(_ s: Int, inputs: ServerStepInputs, stepS: Double, workspace: ServerStepWorkspace) throws(NumericalError) -> ServerStepResult {
        let d = serverDesign[s], design = designs[d]
        var off = shutDown[s]
        defer { shutDown[s] = off }
        return try ServerStep.advance(
            design: design, designIndex: d, state: state.slice(stateOffset[s], design.network.dimension),
            clocks: clocks.slice(acceleratorOffset[s], design.acceleratorCount),
            acceleratorPowerW: acceleratorPowerW.slice(acceleratorOffset[s], design.acceleratorCount),
            shutDown: &off, inputs: inputs, stepS: stepS, mode: mode, settledBelowK: toleranceK / 2, workspace: workspace)
    }

    /// One thread, in server order: events, settling, peaks.
    private func collect(_ s: Int) {
        let r = results[s]
        if r.shutdownChanged { shutdownChanges.append((s, shutDown[s])) }
        for a in acceleratorOffset[s]..<(acceleratorOffset[s] + designs[serverDesign[s]].acceleratorCount) {
            if !throttled[a] && clocks[a] < 0.98 {
                throttled[a] = true
                throttledAcceleratorCount += 1
                throttleStarted.append(a)
            } else if throttled[a] && clocks[a] >= 1 {
                throttled[a] = false
                throttledAcceleratorCount -= 1
                throttleEnded.append(a)
            }
        }
        settled[s] = !r.shutdownChanged && r.unsettledK <= toleranceK / 2 && r.largestClockChange <= (toleranceK > 0 ? 1e-4 : 0)
        peakJunctionC = max(peakJunctionC, r.hottestJunctionC)
        rackDirty[serverRack[s]] = true
    }

    /// Rack sums for racks with a changed server, in server order; hall and facility sums.
    private func refreshTotals() {
        // Each array taken once for the loops (class properties are checked for exclusivity at
        // every access); the sums are the same, in the same order.
        let results = self.results, rackServers = self.rackServers
        rackDirty.withUnsafeMutableBufferPointer { dirty in
            rackTotals.withUnsafeMutableBufferPointer { rackTotals in
                for (h, racks) in hallRacks.enumerated() {
                    var hallChanged = false
                    for r in racks where dirty[r] {
                        var total = Totals()
                        for s in rackServers[r] { total.add(results[s]) }
                        rackTotals[r] = total
                        dirty[r] = false
                        hallChanged = true
                    }
                    guard hallChanged else { continue }
                    var total = Totals()
                    for r in racks { total.add(rackTotals[r]) }
                    hallTotals[h] = total
                }
            }
        }
        var total = Totals()
        for hall in hallTotals { total.add(hall) }
        facilityTotals = total
    }
}
