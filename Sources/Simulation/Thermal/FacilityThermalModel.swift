// Over 400 lines: layout, array state, twins and hall physics still live together here; issue 14
// splits them into value types in Models with one coupling loop. Kept whole until then.
import Foundation
import Models
import Numerics
import Scenario

/// The coupled thermal state of every server, accelerator and hall, advanced in coupling steps.
///
/// Each step (at most `simulation.time_step`, cut at events):
/// 1. each hall's CRAH operating point and rack inlet temperature, and its loop's supply
///    temperature, from the hall state at the start of the step;
/// 2. each server: fan speed from its inlet, accelerator power from utilisation, clock and
///    junction temperature (leakage), board power; then its network advanced exactly over the
///    step (`LinearStepPropagator`) with those inputs held; the heat it delivered to air and to
///    liquid in the step read off its accumulators; then each accelerator's clock updated by the
///    throttle controller (temperature limit and power cap);
/// 3. each hall's air, structure and loop integrated over the step with GSL's ODE driver, fed the
///    mean heat the racks delivered.
///
/// The coupling is explicit at the step (operator splitting): a rack sees its inlet temperature
/// at the start of the step. Energy is exchanged as exact step integrals, so the books close to
/// the ODE tolerance whatever the step; the step bounds only how quickly the halls' air reacts to
/// the racks (minutes of time constant against 10-60 s steps).
///
/// Storage is structure of arrays: one flat array of all server states, one of accelerator
/// clocks; a step allocates nothing.
final class FacilityThermalModel {
    let layout: FacilityLayout
    let designs: [ServerThermalDesign]
    let halls: [HallThermalState]
    /// For each server: its design (rack type) index, rack, hall, state offset, first accelerator.
    private let serverDesign: [Int], serverRack: [Int], serverHall: [Int], stateOffset: [Int], acceleratorOffset: [Int]
    let serverCount: Int
    let acceleratorCount: Int
    /// `thermal: quasi-steady`: servers jump to their steady state each step (no heat stored in
    /// them); halls stay transient.
    let quasiSteadyServers: Bool
    /// Length of the step that takes a server network to its steady state (far beyond its
    /// slowest time constant, hours).
    static let steadyStepS = 1e7
    private let throttle = ThrottleController()
    /// Package variants solved at the start, by name.
    let packageAnalyses: [String: PackageAnalysis]
    private let cache = PropagatorCache()

    // State.
    private(set) var serverState: [Double]
    private var initialServerState: [Double]
    private(set) var utilization: [Double]
    private(set) var fanSpeed: [Double]
    private(set) var serverInletC: [Double]
    /// Wall (AC) power of each server, and the parts of it that are PSU loss, VRM loss and fans.
    private(set) var serverPowerW: [Double]
    private(set) var serverPSULossW: [Double], serverVRMLossW: [Double], serverFanPowerW: [Double]
    private(set) var clock: [Double]
    private(set) var acceleratorPowerW: [Double]
    private(set) var throttled: [Bool]
    /// Servers off after a thermal shutdown (a junction past its limit + 5 K, the margin between
    /// the H100's maximum operating and shutdown temperatures in nvidia-smi: 87 and 92 °C).
    private(set) var shutDown: [Bool]
    private var shutdownChanges: [(server: Int, off: Bool)] = []
    /// False while a utility outage has dropped the critical load: every server is off.
    private(set) var itPowered = true
    /// A clock ceiling for every accelerator, set by a facility power cap (1: none), and one per
    /// rack, set by a rack power cap.
    var powerCapClock = 1.0
    var rackCapClock: [Double]
    static let shutdownMarginK = 5.0
    /// A shut-down server restarts when its hottest junction is this far below the limit and its
    /// inlet is within ASHRAE A2 (35 °C).
    static let restartMarginK = 20.0
    /// Per hall: IT airflow, plates, and the last step's heat to air and liquid (W).
    private(set) var hallAirflowM3PerS: [Double]
    private let hallPlates: [Int]
    private(set) var hallHeatToAirW: [Double], hallHeatToLiquidW: [Double]
    /// Per rack: heat to air and liquid of the last step (W) and its mean exhaust temperature.
    private(set) var rackHeatToAirW: [Double], rackHeatToLiquidW: [Double], rackAirflowM3PerS: [Double]
    private var stepTimeS = 1.0

    // Energy books, J.
    private(set) var itEnergyJ = 0.0
    /// Parts of the IT energy: PSU and VRM losses, server fans.
    private(set) var psuLossEnergyJ = 0.0, vrmLossEnergyJ = 0.0, serverFanEnergyJ = 0.0
    private(set) var crahFanEnergyJ = 0.0
    private(set) var pumpEnergyJ = 0.0
    private(set) var rearDoorEnergyJ = 0.0
    private(set) var throttledDeviceSeconds = 0.0
    /// Seconds during which some hall's rack inlet was outside each envelope.
    private(set) var secondsOutsideRecommended = 0.0, secondsOutsideA1 = 0.0, secondsOutsideA2 = 0.0

    // Scratch.
    private var input: [Double], scratch: [Double], powers: [Double]
    /// The last fully advanced server's state, shutdown flag and clocks before its step (see "twins").
    private var twinPreState: [Double], twinPreClocks: [Double]
    private var twinPreShutDown = false
    /// Rear-door coil effectiveness (an estimate for a passive door at rated airflow).
    static let rearDoorEffectiveness = 0.7

    /// Whether twins repeat a step instead of recomputing it (off only to test that they agree).
    let groupsTwins: Bool

    init(spec: ScenarioSpec, layout: FacilityLayout, groupsTwins: Bool = true) throws(SimulationError) {
        self.groupsTwins = groupsTwins
        self.layout = layout
        quasiSteadyServers = spec.simulation.thermalMode == .quasiSteady
        var designs: [ServerThermalDesign] = []
        var designIndexOfRackType: [String: Int] = [:]
        // Package variants with a design: solved once, their compact model set into the servers.
        var packages: [String: PackageAnalysis] = [:]
        for package in spec.packages {
            guard let design = package.design else { continue }
            do {
                packages[package.name] = try PackageAnalysis(design)
            } catch {
                throw .package(name: package.name, reason: error.description)
            }
        }
        packageAnalyses = packages
        for rack in spec.rackTypes {
            designIndexOfRackType[rack.name] = designs.count
            let server = spec.serverType(named: rack.serverType)!
            designs.append(ServerThermalDesign(server: server, rack: rack, package: server.package.flatMap { packages[$0] }))
        }
        self.designs = designs
        var serverDesign: [Int] = [], serverRack: [Int] = [], serverHall: [Int] = [], offsets: [Int] = [], accelOffsets: [Int] = []
        var stateSize = 0, accelerators = 0, maxDimension = 1, maxAccelerators = 1
        var plates = Array(repeating: 0, count: spec.halls.count)
        for (rackIndex, rack) in layout.racks.enumerated() {
            let design = designIndexOfRackType[rack.rackType.name]!
            for _ in 0..<rack.rackType.serverCount {
                serverDesign.append(design)
                serverRack.append(rackIndex)
                serverHall.append(rack.hallIndex)
                offsets.append(stateSize)
                accelOffsets.append(accelerators)
                stateSize += designs[design].network.dimension
                accelerators += designs[design].acceleratorCount
                if designs[design].usesLiquid { plates[rack.hallIndex] += max(designs[design].acceleratorCount, 1) }
                maxDimension = max(maxDimension, designs[design].network.dimension)
                maxAccelerators = max(maxAccelerators, designs[design].acceleratorCount)
            }
        }
        self.serverDesign = serverDesign
        self.serverRack = serverRack
        self.serverHall = serverHall
        stateOffset = offsets
        acceleratorOffset = accelOffsets
        serverCount = serverDesign.count
        acceleratorCount = accelerators
        hallPlates = plates

        let facilityWater = spec.cooling.facilityWaterSupplyC ?? spec.cooling.chilledWater?.supplyTemperatureC ?? 32
        let rearDoorWater = spec.cooling.chilledWater?.supplyTemperatureC ?? 18
        halls = spec.halls.enumerated().map { index, hall in
            let rack = spec.rackType(named: hall.rackType)!
            let server = spec.serverType(named: rack.serverType)!
            let liquidLoad = rack.cooling == .directLiquid || rack.cooling == .immersion
                ? Double(hall.rackCount * rack.serverCount) * server.maxPowerW * max(rack.liquidFraction, 0.5) : 0
            return HallThermalState(hall: hall, crah: spec.cooling.crahGroups.filter { $0.hall == hall.name },
                                    plates: plates[index],
                                    cdu: spec.cooling.cduGroups.filter { $0.hall == hall.name }, liquidLoadW: liquidLoad,
                                    facilityWaterC: facilityWater, rearDoorWaterC: rearDoorWater,
                                    chilledWaterC: spec.cooling.chilledWater?.supplyTemperatureC ?? 12,
                                    relativeTolerance: max(spec.simulation.relativeTolerance, 1e-10))
        }

        serverState = Array(repeating: 0, count: stateSize)
        initialServerState = serverState
        utilization = Array(repeating: 0, count: serverCount)
        fanSpeed = Array(repeating: 1, count: serverCount)
        serverInletC = Array(repeating: 25, count: serverCount)
        serverPowerW = Array(repeating: 0, count: serverCount)
        rackCapClock = Array(repeating: 1, count: layout.racks.count)
        serverPSULossW = serverPowerW
        serverVRMLossW = serverPowerW
        serverFanPowerW = serverPowerW
        clock = Array(repeating: 1, count: accelerators)
        acceleratorPowerW = Array(repeating: 0, count: accelerators)
        throttled = Array(repeating: false, count: accelerators)
        shutDown = Array(repeating: false, count: serverDesign.count)
        hallAirflowM3PerS = Array(repeating: 0, count: spec.halls.count)
        hallHeatToAirW = Array(repeating: 0, count: spec.halls.count)
        hallHeatToLiquidW = Array(repeating: 0, count: spec.halls.count)
        rackHeatToAirW = Array(repeating: 0, count: layout.racks.count)
        rackHeatToLiquidW = Array(repeating: 0, count: layout.racks.count)
        rackAirflowM3PerS = Array(repeating: 0, count: layout.racks.count)
        input = Array(repeating: 0, count: maxDimension)
        scratch = Array(repeating: 0, count: maxDimension)
        powers = Array(repeating: 0, count: maxAccelerators)
        twinPreState = Array(repeating: 0, count: maxDimension)
        twinPreClocks = Array(repeating: 0, count: maxAccelerators)
        try settleAtIdle()
    }

    // MARK: start

    /// Starts every server in the steady state of idle with its hall's set point at the inlet,
    /// and each hall's room where the CRAHs hold it: a facility that has been idling.
    private func settleAtIdle() throws(SimulationError) {
        for s in 0..<serverCount {
            let design = designs[serverDesign[s]], hall = halls[serverHall[s]]
            let inlet = hall.air.setPointC
            let speed = design.fanSpeed(utilization: 0, inletC: inlet, deviceMarginK: .infinity)
            fanSpeed[s] = speed
            serverInletC[s] = inlet
            let offset = stateOffset[s], n = design.network.dimension
            for i in 0..<n { serverState[offset + i] = inlet + 273.15 }
            serverState[offset + design.network.airEnergyIndex] = 0
            serverState[offset + design.network.liquidEnergyIndex] = 0
            // Two long exact steps: leakage at the settled junction temperature the second time.
            for _ in 0..<2 { try advanceServer(s, hallInletC: inlet, coolantC: hall.loopSupplyC, dt: 1e6, accountEnergy: false) }
            serverState[offset + design.network.airEnergyIndex] = 0
            serverState[offset + design.network.liquidEnergyIndex] = 0
        }
        initialServerState = serverState
        for h in halls.indices { hallAirflowM3PerS[h] = 0 }
        for s in 0..<serverCount { hallAirflowM3PerS[serverHall[s]] += airflowM3PerS(server: s) }
        // Each hall's room where its CRAHs hold the idle racks' heat.
        var idleHeat = Array(repeating: 0.0, count: halls.count)
        for s in 0..<serverCount {
            let design = designs[serverDesign[s]]
            let liquidShare = design.usesLiquid ? min(0.95, Double(design.acceleratorCount) > 0 ? 0.8 : 0.5) : 0
            idleHeat[serverHall[s]] += serverPowerW[s] * (1 - liquidShare)
        }
        for (h, hall) in halls.enumerated() { hall.settle(itHeatW: idleHeat[h], itAirflowM3PerS: hallAirflowM3PerS[h]) }
    }

    // MARK: stepping

    /// Advances everything from `t0` to `t1` in coupling steps of at most `maxStepS`, on the grid
    /// k·maxStepS so that steps repeat (and their propagators are reused).
    func advance(from t0: Double, to t1: Double, maxStepS: Double, onStep: (Double) throws -> Void) throws {
        var t = t0
        while t < t1 {
            // The next grid point strictly after t. In floating point k·h can round to t itself
            // (t = 0.3 with h = 0.1 gives ⌊t/h⌋ = 2 and 3·h = 0.30000000000000004, or the reverse),
            // which would make a zero-length step: step the index until the point lies beyond t.
            var index = (t / maxStepS).rounded(.down) + 1
            while index * maxStepS <= t { index += 1 }
            let next = min(t1, index * maxStepS)
            try step(from: t, to: next)
            t = next
            try onStep(t)
        }
    }

    private func step(from t0: Double, to t1: Double) throws(SimulationError) {
        let dt = t1 - t0
        stepTimeS = dt
        for h in halls.indices {
            hallHeatToAirW[h] = 0
            hallHeatToLiquidW[h] = 0
        }
        for r in rackHeatToAirW.indices {
            rackHeatToAirW[r] = 0
            rackHeatToLiquidW[r] = 0
            rackAirflowM3PerS[r] = 0
        }
        let inlets = halls.indices.map { halls[$0].inletC(itAirflowM3PerS: hallAirflowM3PerS[$0]) }
        for h in halls.indices { hallAirflowM3PerS[h] = 0 }
        var twin = -1, s = 0
        while s < serverCount {
            if twin >= 0 && groupsTwins {
                let end = twinRunEnd(from: s, of: twin)
                if end > s {
                    repeatStep(of: twin, for: s..<end, dt: dt)
                    s = end
                    continue
                }
            }
            rememberPreStep(s)
            let hall = serverHall[s]
            try advanceServer(s, hallInletC: inlets[hall], coolantC: halls[hall].loopSupplyC, dt: dt, accountEnergy: true)
            twin = s
            s += 1
        }
        var rearDoorW = 0.0
        for (r, rack) in layout.racks.enumerated() where rack.rackType.cooling == .rearDoor {
            // The door takes ε of the exhaust's excess over the coil water.
            let hall = halls[rack.hallIndex]
            let w = rackAirflowM3PerS[r] * AirProperties.densityKgPerM3(temperatureC: inlets[rack.hallIndex]) * AirProperties.specificHeatJPerKgK
            guard w > 0 else { continue }
            let exhaust = inlets[rack.hallIndex] + rackHeatToAirW[r] / w
            let removed = min(rackHeatToAirW[r] + w * max(inlets[rack.hallIndex] - hall.rearDoorWaterC, 0),
                              max(0, Self.rearDoorEffectiveness * w * (exhaust - hall.rearDoorWaterC)))
            rackHeatToAirW[r] -= removed
            rackHeatToLiquidW[r] += removed
            hallHeatToAirW[rack.hallIndex] -= removed
            rearDoorW += removed
        }
        rearDoorEnergyJ += rearDoorW * dt
        for (h, hall) in halls.enumerated() {
            crahFanEnergyJ += hall.crahFanPowerW(itAirflowM3PerS: hallAirflowM3PerS[h]) * dt
            pumpEnergyJ += hall.pumpPowerW * dt
            // Rear-door heat leaves with the door's water (counted in rearDoorEnergyJ), not the loop.
            try hall.advance(from: t0, to: t1, itHeatW: hallHeatToAirW[h], liquidHeatW: hallHeatToLiquidW[h],
                             itAirflowM3PerS: hallAirflowM3PerS[h])
        }
        // Envelopes: time during which any hall's rack inlet is outside.
        if inlets.contains(where: { !(18...27).contains($0) }) { secondsOutsideRecommended += dt }
        if inlets.contains(where: { !(15...32).contains($0) }) { secondsOutsideA1 += dt }
        if inlets.contains(where: { !(10...35).contains($0) }) { secondsOutsideA2 += dt }
    }

    // MARK: twins

    // Servers of one design in one hall with the same utilisation, clocks, shutdown state and
    // thermal state (all but the energy integrals, which only accumulate) take bitwise the same
    // step: the step of the last server advanced in full is repeated for them instead of
    // recomputed. A hall of servers running one job is mostly twins, which makes year-long runs
    // of large halls affordable. The energy integrals of a twin grow by the same increment.

    private func rememberPreStep(_ s: Int) {
        let n = designs[serverDesign[s]].network.dimension, accelerators = designs[serverDesign[s]].acceleratorCount
        let offset = stateOffset[s], first = acceleratorOffset[s]
        twinPreShutDown = shutDown[s]
        twinPreState.withUnsafeMutableBufferPointer { pre in
            serverState.withUnsafeBufferPointer { state in for i in 0..<n { pre[i] = state[offset + i] } }
        }
        twinPreClocks.withUnsafeMutableBufferPointer { pre in
            clock.withUnsafeBufferPointer { clocks in for k in 0..<accelerators { pre[k] = clocks[first + k] } }
        }
    }

    /// The end of the run of servers from `first` on that are twins of `p`. Local copies of the
    /// arrays (references, not copies) keep the loop free of the class's exclusivity checks.
    private func twinRunEnd(from first: Int, of p: Int) -> Int {
        let designIndex = serverDesign[p], hall = serverHall[p], u = utilization[p], wasShutDown = twinPreShutDown
        let dimension = designs[designIndex].network.dimension
        let air = designs[designIndex].network.airEnergyIndex, liquid = designs[designIndex].network.liquidEnergyIndex
        let accelerators = designs[designIndex].acceleratorCount
        let state = serverState, pre = twinPreState, clocks = clock, preClocks = twinPreClocks
        let designOf = serverDesign, hallOf = serverHall, utilizations = utilization, shut = shutDown
        let offsets = stateOffset, acceleratorOffsets = acceleratorOffset
        let rackOf = serverRack, ceilings = rackCapClock, ceiling = rackCapClock[serverRack[p]]
        var s = first
        candidates: while s < serverCount {
            guard designOf[s] == designIndex, hallOf[s] == hall, utilizations[s] == u, shut[s] == wasShutDown,
                  ceilings[rackOf[s]] == ceiling else { break }
            // p's clocks have moved on this step: compare with where they started.
            let firstAccelerator = acceleratorOffsets[s], offset = offsets[s]
            for k in 0..<accelerators where clocks[firstAccelerator + k] != preClocks[k] { break candidates }
            for i in 0..<dimension where i != air && i != liquid && state[offset + i] != pre[i] { break candidates }
            s += 1
        }
        return s
    }

    /// Gives the servers of `run` the step `p` took.
    private func repeatStep(of p: Int, for run: Range<Int>, dt: Double) {
        let designIndex = serverDesign[p]
        let dimension = designs[designIndex].network.dimension
        let air = designs[designIndex].network.airEnergyIndex, liquid = designs[designIndex].network.liquidEnergyIndex
        let accelerators = designs[designIndex].acceleratorCount
        let hall = serverHall[p], count = Double(run.count)
        let airflow = designs[designIndex].fan.airflowM3PerS(speed: fanSpeed[p])
        let airIncrement = serverState[stateOffset[p] + air] - twinPreState[air]
        let liquidIncrement = serverState[stateOffset[p] + liquid] - twinPreState[liquid]
        let racks = serverRack, offsets = stateOffset, acceleratorOffsets = acceleratorOffset
        func copyFromP(_ values: inout [Double]) { values.withUnsafeMutableBufferPointer { b in for s in run { b[s] = b[p] } } }
        copyFromP(&fanSpeed)
        copyFromP(&serverInletC)
        copyFromP(&serverPowerW)
        copyFromP(&serverPSULossW)
        copyFromP(&serverVRMLossW)
        copyFromP(&serverFanPowerW)
        hallAirflowM3PerS[hall] += airflow * count
        hallHeatToAirW[hall] += airIncrement / dt * count
        hallHeatToLiquidW[hall] += liquidIncrement / dt * count
        itEnergyJ += serverPowerW[p] * dt * count
        psuLossEnergyJ += serverPSULossW[p] * dt * count
        vrmLossEnergyJ += serverVRMLossW[p] * dt * count
        serverFanEnergyJ += serverFanPowerW[p] * dt * count
        rackAirflowM3PerS.withUnsafeMutableBufferPointer { b in for s in run { b[racks[s]] += airflow } }
        rackHeatToAirW.withUnsafeMutableBufferPointer { b in for s in run { b[racks[s]] += airIncrement / dt } }
        rackHeatToLiquidW.withUnsafeMutableBufferPointer { b in for s in run { b[racks[s]] += liquidIncrement / dt } }
        if shutDown[p] != twinPreShutDown {
            for s in run {
                shutDown[s] = shutDown[p]
                shutdownChanges.append((s, shutDown[p]))
            }
        }
        let firstP = acceleratorOffset[p]
        acceleratorPowerW.withUnsafeMutableBufferPointer { b in
            for s in run { for k in 0..<accelerators { b[acceleratorOffsets[s] + k] = b[firstP + k] } }
        }
        clock.withUnsafeMutableBufferPointer { b in
            for s in run { for k in 0..<accelerators { b[acceleratorOffsets[s] + k] = b[firstP + k] } }
        }
        var throttledCount = 0
        throttled.withUnsafeBufferPointer { b in
            for s in run { for k in 0..<accelerators where b[acceleratorOffsets[s] + k] { throttledCount += 1 } }
        }
        throttledDeviceSeconds += Double(throttledCount) * dt
        serverState.withUnsafeMutableBufferPointer { state in
            let offsetP = offsets[p]
            for s in run {
                let offset = offsets[s]
                for i in 0..<dimension where i != air && i != liquid { state[offset + i] = state[offsetP + i] }
                state[offset + air] += airIncrement
                state[offset + liquid] += liquidIncrement
            }
        }
    }

    private func advanceServer(_ s: Int, hallInletC: Double, coolantC: Double, dt: Double, accountEnergy: Bool) throws(SimulationError) {
        let designIndex = serverDesign[s]
        let design = designs[designIndex], network = design.network
        let offset = stateOffset[s], n = network.dimension, hall = serverHall[s]
        var hottest = -Double.infinity
        for k in 0..<design.acceleratorCount { hottest = max(hottest, serverState[offset + network.junctionIndex(k)] - 273.15) }
        let speed = design.fanSpeed(utilization: utilization[s], inletC: hallInletC, deviceMarginK: design.acceleratorLimitC - hottest)
        fanSpeed[s] = speed
        serverInletC[s] = hallInletC
        let airflow = design.fan.airflowM3PerS(speed: speed)
        hallAirflowM3PerS[hall] += airflow
        rackAirflowM3PerS[serverRack[s]] += airflow
        let plates = max(hallPlates[hall], 1)
        let loop = halls[hall].loop
        let coolantPerPlate = design.usesLiquid && loop != nil
            ? loop!.designHeatRateWPerK * halls[hall].loopFlowFraction / (loop!.coolant.densityKgPerM3 * loop!.coolant.specificHeatJPerKgK) / Double(plates)
            : 0
        // ρ·c_p of the inlet air, in steps of 0.25 %: the matrix and the input vector must use the
        // same value, and the propagator cache keys on it.
        let volumetricHeat = Self.quantized(AirProperties.densityKgPerM3(temperatureC: hallInletC) * AirProperties.specificHeatJPerKgK)
        let flows = ServerThermalNetwork.Flows(
            airflowM3PerS: airflow,
            airVolumetricHeatJPerM3K: volumetricHeat,
            coolantFlowPerPlateM3PerS: coolantPerPlate, referenceAirflowM3PerS: design.fan.maxAirflowM3PerS)
        if accountEnergy {
            if !shutDown[s] && hottest > design.acceleratorLimitC + Self.shutdownMarginK {
                shutDown[s] = true
                shutdownChanges.append((s, true))
            } else if shutDown[s] && hottest < design.acceleratorLimitC - Self.restartMarginK && hallInletC <= 35 {
                shutDown[s] = false
                shutdownChanges.append((s, false))
            }
        }
        let off = shutDown[s] || !itPowered
        let u = off ? 0 : utilization[s]
        let first = acceleratorOffset[s]
        // Accelerator modules draw `power`; their VRMs pass vrmEfficiency of it to the die and
        // heat the board with the rest.
        var modules = 0.0
        for k in 0..<design.acceleratorCount {
            let junctionC = serverState[offset + network.junctionIndex(k)] - 273.15
            let power = off ? 0 : design.acceleratorPower!.powerW(utilization: u, clock: clock[first + k], junctionC: junctionC)
            powers[k] = power * design.vrmEfficiency
            acceleratorPowerW[first + k] = power
            modules += power
        }
        // A shut-down server draws nothing; its fans stop with it.
        let parts = off ? (cpuW: 0.0, restW: 0.0, fanW: 0.0)
            : design.boardPowerW(utilization: u, fanSpeed: speed, inletC: hallInletC, boardC: serverState[offset + network.boardIndex] - 273.15)
        let dc = modules + parts.cpuW + parts.restW + parts.fanW
        let psuLoss = design.psu?.lossW(outputW: dc) ?? 0
        var board = parts.cpuW + parts.restW + parts.fanW + (1 - design.vrmEfficiency) * modules
        if !design.psuHeatToAir { board += psuLoss }
        let total = dc + psuLoss
        serverPowerW[s] = total
        serverPSULossW[s] = psuLoss
        serverVRMLossW[s] = (1 - design.vrmEfficiency) * (modules + parts.cpuW)
        serverFanPowerW[s] = parts.fanW

        let propagator: LinearStepPropagator
        let steady = quasiSteadyServers && accountEnergy
        do {
            propagator = try cache.propagator(design: designIndex, network: network, flows: flows, fanSpeed: speed,
                                              stepS: steady ? Self.steadyStepS : dt)
        } catch {
            throw .numerical(error, timeS: 0, component: "server \(s) thermal network")
        }
        let airBefore = serverState[offset + network.airEnergyIndex]
        let liquidBefore = serverState[offset + network.liquidEnergyIndex]
        input.withUnsafeMutableBufferPointer { b in
            powers.withUnsafeBufferPointer { p in
                network.fillInput(UnsafeMutableBufferPointer(rebasing: b[0..<n]), acceleratorPowerW: p, boardPowerW: board,
                                  airHeatW: design.psuHeatToAir ? psuLoss : 0,
                                  airInletK: hallInletC + 273.15, coolantInletK: coolantC + 273.15, flows: flows)
            }
        }
        serverState.withUnsafeMutableBufferPointer { state in
            input.withUnsafeBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { w in
                    propagator.advance(UnsafeMutableBufferPointer(rebasing: state[offset..<(offset + n)]),
                                       input: UnsafeBufferPointer(rebasing: b[0..<n]),
                                       scratch: UnsafeMutableBufferPointer(rebasing: w[0..<n]))
                }
            }
        }
        guard accountEnergy else { return }
        if steady {
            // The long step's accumulators grew by the steady heat flows times its length: keep
            // those flows for this step only.
            let airFlow = (serverState[offset + network.airEnergyIndex] - airBefore) / Self.steadyStepS
            let liquidFlow = (serverState[offset + network.liquidEnergyIndex] - liquidBefore) / Self.steadyStepS
            serverState[offset + network.airEnergyIndex] = airBefore + airFlow * dt
            serverState[offset + network.liquidEnergyIndex] = liquidBefore + liquidFlow * dt
        }
        let toAir = (serverState[offset + network.airEnergyIndex] - airBefore) / dt
        let toLiquid = (serverState[offset + network.liquidEnergyIndex] - liquidBefore) / dt
        hallHeatToAirW[hall] += toAir
        hallHeatToLiquidW[hall] += toLiquid
        rackHeatToAirW[serverRack[s]] += toAir
        rackHeatToLiquidW[serverRack[s]] += toLiquid
        itEnergyJ += total * dt
        psuLossEnergyJ += psuLoss * dt
        vrmLossEnergyJ += serverVRMLossW[s] * dt
        serverFanEnergyJ += parts.fanW * dt
        // Throttling: temperature limit and power cap (TDP) on each accelerator.
        for k in 0..<design.acceleratorCount {
            let model = design.acceleratorPower!
            let junctionC = serverState[offset + network.junctionIndex(k)] - 273.15
            let cap = min(model.clockForPowerCap(design.acceleratorPowerLimitW, utilization: u, junctionC: junctionC), powerCapClock,
                          rackCapClock[serverRack[s]])
            let next = throttle.nextClock(current: clock[first + k], junctionC: junctionC, limitC: design.acceleratorLimitC,
                                          capClock: cap, stepS: dt, sensitivityK: sensitivity(design, flows: flows, utilization: u))
            clock[first + k] = next
            if throttled[first + k] { throttledDeviceSeconds += dt }
        }
    }

    /// A value rounded to a relative step of 0.25 % (on a logarithmic grid), so that operating
    /// points repeat.
    static func quantized(_ value: Double) -> Double {
        let step = log(1.0025)
        return exp((log(value) / step).rounded() * step)
    }

    /// ∂T_j/∂θ in steady state: the device's path to its coolant (junction-to-case plus sink) times
    /// the dynamic power the clock controls.
    private func sensitivity(_ design: ServerThermalDesign, flows: ServerThermalNetwork.Flows, utilization u: Double) -> Double {
        guard let model = design.acceleratorPower else { return 0 }
        let g = design.network.conductances(flows)
        let path = design.network.parameters.junctionToCaseKPerW + 1 / max(g.sinkToAir + g.sinkToLiquid, 1e-9)
        return path * (model.dynamicMaxW - model.dynamicIdleW) * u
    }

    // MARK: inputs and events

    /// Sets the utilisation of a server (takes effect from the next step).
    func setUtilization(_ u: Double, server s: Int) { utilization[s] = min(max(u, 0), 1) }

    /// Applies the power the backup system gives (from the next step): IT on or off, CRAHs and
    /// CDUs running or stopped.
    func setPower(itPowered: Bool, coolingPowered: Bool) {
        self.itPowered = itPowered
        for hall in halls { hall.setCoolingPowered(coolingPowered) }
    }

    /// Servers that shut down or restarted since the last call.
    func takeShutdownChanges() -> [(server: Int, off: Bool)] {
        defer { shutdownChanges.removeAll(keepingCapacity: true) }
        return shutdownChanges
    }

    var shutDownCount: Int { shutDown.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The server whose supplies are loaded most over what they give without their redundant
    /// units: its DC load and that usable capacity, W (nil when no server has PSUs described).
    func mostLoadedPSUs() -> (dcW: Double, usableW: Double)? {
        guard designs.contains(where: { $0.psu != nil }) else { return nil }
        var worst: (dcW: Double, usableW: Double)? = nil
        for s in 0..<serverCount {
            let usable = designs[serverDesign[s]].psuUsableW
            guard usable.isFinite else { continue }
            let dc = serverPowerW[s] - serverPSULossW[s]
            if worst == nil || dc / usable > worst!.dcW / worst!.usableW { worst = (dc, usable) }
        }
        return worst
    }

    /// Devices whose throttling started or ended since the last call: hysteresis between a clock
    /// below 0.98 (started) and back at 1 (ended).
    func throttleTransitions() -> (started: [Int], ended: [Int]) {
        var started: [Int] = [], ended: [Int] = []
        for a in 0..<acceleratorCount {
            if !throttled[a] && clock[a] < 0.98 {
                throttled[a] = true
                started.append(a)
            } else if throttled[a] && clock[a] >= 1 {
                throttled[a] = false
                ended.append(a)
            }
        }
        return (started, ended)
    }

    // MARK: readings

    func junctionC(accelerator a: Int) -> Double {
        let s = serverOfAccelerator(a)
        return serverState[stateOffset[s] + designs[serverDesign[s]].network.junctionIndex(a - acceleratorOffset[s])] - 273.15
    }

    func serverOfAccelerator(_ a: Int) -> Int {
        var low = 0, high = serverCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if acceleratorOffset[middle] <= a { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func boardC(server s: Int) -> Double { serverState[stateOffset[s] + designs[serverDesign[s]].network.boardIndex] - 273.15 }
    func outletC(server s: Int) -> Double { serverState[stateOffset[s] + designs[serverDesign[s]].network.airIndex] - 273.15 }
    func airflowM3PerS(server s: Int) -> Double { designs[serverDesign[s]].fan.airflowM3PerS(speed: fanSpeed[s]) }
    func acceleratorRange(server s: Int) -> Range<Int> { acceleratorOffset[s]..<(acceleratorOffset[s] + designs[serverDesign[s]].acceleratorCount) }
    func rackOfServer(_ s: Int) -> Int { serverRack[s] }

    /// The hottest junction now, °C (−∞ without accelerators).
    var maxJunctionC: Double {
        var hottest = -Double.infinity
        for s in 0..<serverCount {
            let design = designs[serverDesign[s]], offset = stateOffset[s]
            for k in 0..<design.acceleratorCount { hottest = max(hottest, serverState[offset + design.network.junctionIndex(k)]) }
        }
        return hottest - 273.15
    }

    var throttledCount: Int { throttled.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Heat held in servers, rooms, structures and loops relative to the start, J. Quasi-steady
    /// servers hold none.
    var storedHeatJ: Double {
        var stored = 0.0
        if quasiSteadyServers { return halls.reduce(0) { $0 + $1.storedHeatJ } }
        serverState.withUnsafeBufferPointer { state in
            initialServerState.withUnsafeBufferPointer { initial in
                for s in 0..<serverCount {
                    let network = designs[serverDesign[s]].network, o = stateOffset[s], n = network.dimension
                    stored += network.storedEnergyJ(UnsafeBufferPointer(rebasing: state[o..<(o + n)]),
                                                    relativeTo: UnsafeBufferPointer(rebasing: initial[o..<(o + n)]))
                }
            }
        }
        return stored + halls.reduce(0) { $0 + $1.storedHeatJ }
    }

    /// Heat delivered by servers to air and to liquid since the start, J.
    var serverHeatToAirJ: Double { accumulated(\.airEnergyIndex) }
    var serverHeatToLiquidJ: Double { accumulated(\.liquidEnergyIndex) }

    private func accumulated(_ index: KeyPath<ServerThermalNetwork, Int>) -> Double {
        var total = 0.0
        for s in 0..<serverCount { total += serverState[stateOffset[s] + designs[serverDesign[s]].network[keyPath: index]] }
        return total
    }

    var coilEnergyJ: Double { halls.reduce(0) { $0 + $1.coilEnergyJ } }
    var facilityWaterEnergyJ: Double { halls.reduce(0) { $0 + $1.cduEnergyJ } }
}
