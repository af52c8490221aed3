import Foundation
import Models
import Numerics
import Scenario

/// The coupled thermal state of every server, accelerator and hall, advanced in coupling steps.
///
/// Each step (at most `simulation.time_step`, cut at events):
/// 1. each hall's CRAH operating point and rack inlet temperature, and its loop's supply
///    temperature, from the hall state at the start of the step;
/// 2. the servers that are due (`ServerBank`), each with those inputs held (`ServerStep`: fans,
///    power with leakage, the exact step of its network, throttling, shutdown);
/// 3. rear-door coils on the racks' exhaust;
/// 4. each hall's air, structure and loop integrated over the step (`HallThermal`), fed the
///    mean heat the racks delivered.
///
/// The coupling is explicit at the step (operator splitting): a rack sees its inlet temperature
/// at the start of the step. Energy is exchanged as exact step integrals, so the books close to
/// the ODE tolerance whatever the step; the step bounds only how quickly the halls' air reacts to
/// the racks (minutes of time constant against 10-60 s steps). A room that answers its racks
/// faster than the step (a small room, or one whose units stopped) would overshoot, so such a
/// step is cut into pieces (`couplingPieces`, docs/models/hall-thermal.md).
final class FacilityThermalModel {
    let facility: Facility
    let servers: ServerBank
    /// Each hall's air, structure and loop (values, changed in place), and its ODE driver.
    private(set) var halls: [HallThermal]
    private let hallWorkspaces: [HallThermal.Workspace]
    /// Package variants solved at the start, by index in `spec.packages` (nil: no design).
    let packageAnalyses: [PackageAnalysis?]
    /// Per hall: the largest share of an inlet change its servers take from their air, in the
    /// run's thermal mode (`ServerThermalDesign.airToMetalEffectiveness`; `couplingPieces`).
    let hallAirToMetalEffectiveness: [Double]
    /// Per hall: the longest coupling piece its liquid loop follows its racks in, s (∞: any step,
    /// or no loop; `loopLongestPieceS`, `couplingPieces`).
    var hallLoopLongestPieceS: [Double] = []
    /// Plates on the liquid loop of each hall (accelerators of liquid-cooled servers, at least one
    /// per server).
    private let hallPlates: [Int]
    /// False while a utility outage has dropped the critical load: every server is off.
    private(set) var itPowered = true
    /// A clock ceiling for every accelerator, set by a facility power cap (1: none), and one per
    /// rack, set by a rack power cap.
    var powerCapClock = 1.0
    var rackCapClock: [Double]
    /// Each hall's network fabric (switches, optics, and NICs not counted in the servers), W, set
    /// by the workload from the next step. Network racks are air-cooled: the heat goes to the
    /// hall's air, the power into the IT load.
    var networkPowerW: [Double]
    /// Rear-door coil effectiveness (an estimate for a passive door at rated airflow).
    static let rearDoorEffectiveness = 0.7

    /// What the halls give the servers in the current step: inlets, loop supply, coolant flow.
    var conditions: ServerBank.Conditions
    /// Per hall: its floor plan's airflow (nil: one well-mixed air node, every rack at the
    /// hall's inlet).
    let airflows: [HallAirflowState?]
    /// Per rack: seconds its inlet spent above the recommended and the A1 upper limits, and its
    /// highest inlet, °C.
    var rackSecondsAboveRecommended: [Double], rackSecondsAboveA1: [Double], rackPeakInletC: [Double]
    /// Per rack: inlet × seconds (for the run's mean), °C·s; per hall: RCI_HI × seconds and the
    /// lowest RCI_HI, and RTI × seconds (with the seconds it was defined).
    var rackInletSecondsC: [Double], hallRCIHighSeconds: [Double], hallLowestRCIHigh: [Double]
    var hallRTISeconds: [Double], hallRTIDefinedSeconds: [Double]
    /// Per rack: cold-aisle capture index × seconds (for the run's mean).
    var rackCaptureSeconds: [Double]
    /// Seconds recorded (the denominator of the means above).
    var recordedSeconds = 0.0
    /// Racks with rear-door coils.
    private let rearDoorRacks: [Int]
    /// Per rack and hall: heat to air and liquid of the last step after rear doors, W (a hall's
    /// air also gets what its racks' zone metal gives up: `advanceRackZones`).
    private(set) var rackHeatToAirW: [Double], rackHeatToLiquidW: [Double]
    var hallHeatToAirW: [Double], hallHeatToLiquidW: [Double]

    // Energy books, J.
    private(set) var itEnergyJ = 0.0
    /// Part of the IT energy: the network fabrics.
    private(set) var networkEnergyJ = 0.0
    /// Parts of the IT energy: PSU and VRM losses, server fans.
    private(set) var psuLossEnergyJ = 0.0, vrmLossEnergyJ = 0.0, serverFanEnergyJ = 0.0
    /// Heat the servers delivered to air and to liquid (before rear doors).
    private(set) var serverHeatToAirJ = 0.0, serverHeatToLiquidJ = 0.0
    private(set) var crahFanEnergyJ = 0.0
    private(set) var pumpEnergyJ = 0.0
    private(set) var rearDoorEnergyJ = 0.0
    private(set) var throttledDeviceSeconds = 0.0
    /// Coupling steps cut into pieces because a hall's room answers its racks, or its loop its
    /// plates, faster than the step (`couplingPieces`; `/summary/cut_coupling_steps`).
    var cutSteps = 0
    /// Seconds during which some hall's rack inlet was outside each envelope.
    private(set) var secondsOutside: [ASHRAEEnvelope: Double] = [:]

    init(spec: ScenarioSpec, facility: Facility, threads: Int = 1,
         parallelThreshold: Int = ServerBank.defaultParallelThreshold, watchesChanges: Bool = true) throws(SimulationError) {
        self.facility = facility
        // Package variants with a design: solved once on the design's own grid (refining to the
        // package tolerance takes 10-25 s a package; `plenum package` reports that accuracy), their
        // compact model set into the servers.
        var packages: [PackageAnalysis?] = Array(repeating: nil, count: spec.packages.count)
        for (index, package) in spec.packages.enumerated() {
            guard let design = package.design else { continue }
            do {
                packages[index] = try PackageAnalysis(design, refine: false)
            } catch {
                throw .package(name: package.name, reason: error.description)
            }
        }
        packageAnalyses = packages
        // One design per rack type in use, numbered by the scenario's rack types.
        var designs: [ServerThermalDesign] = [], designOfRackType: [Int: Int] = [:]
        for hall in facility.halls where designOfRackType[hall.rackTypeIndex] == nil {
            designOfRackType[hall.rackTypeIndex] = designs.count
            designs.append(ServerThermalDesign(server: hall.serverType, rack: hall.rackType, package: hall.package.flatMap { packages[$0] }))
        }
        var serverDesign: [Int] = [], serverRack: [Int] = [], serverHall: [Int] = []
        var plates = Array(repeating: 0, count: spec.halls.count)
        for (rackIndex, rack) in facility.racks.enumerated() {
            let design = designOfRackType[facility.halls[rack.hallIndex].rackTypeIndex] ?? 0
            for _ in 0..<rack.rackType.serverCount {
                serverDesign.append(design)
                serverRack.append(rackIndex)
                serverHall.append(rack.hallIndex)
                if designs[design].usesLiquid { plates[rack.hallIndex] += max(designs[design].acceleratorCount, 1) }
            }
        }
        hallPlates = plates
        let steady = spec.simulation.thermalMode == .quasiSteady
        hallAirToMetalEffectiveness = facility.halls.map { hall in
            designOfRackType[hall.rackTypeIndex].map { designs[$0].airToMetalEffectiveness(steady: steady) } ?? 1
        }
        servers = ServerBank(designs: designs, serverDesign: serverDesign, serverRack: serverRack, serverHall: serverHall,
                             rackCount: facility.racks.count, hallCount: spec.halls.count,
                             mode: spec.simulation.thermalMode == .quasiSteady ? .quasiSteady : .transient,
                             toleranceK: spec.simulation.serverToleranceK, regularStepS: spec.simulation.timeStepS,
                             threads: threads, parallelThreshold: parallelThreshold,
                             watchesChanges: watchesChanges)
        let facilityWater = spec.cooling.facilityWaterSupplyC ?? spec.cooling.chilledWater?.supplyTemperatureC ?? 32
        let rearDoorWater = spec.cooling.chilledWater?.supplyTemperatureC ?? 18
        halls = spec.halls.enumerated().map { index, hall in
            let rack = facility.halls[index].rackType, server = facility.halls[index].serverType
            let liquidLoad = rack.cooling == .directLiquid || rack.cooling == .immersion
                ? Double(hall.rackCount * rack.serverCount) * server.maxPowerW * max(rack.liquidFraction, 0.5) : 0
            return HallThermal(hall: hall, crah: facility.halls[index].crahGroups, plates: plates[index],
                               cdu: facility.halls[index].cduGroups, liquidLoadW: liquidLoad,
                               facilityWaterC: facilityWater, rearDoorWaterC: rearDoorWater,
                               chilledWaterC: spec.cooling.chilledWater?.supplyTemperatureC ?? 12)
        }
        hallWorkspaces = halls.map { _ in HallThermal.Workspace(relativeTolerance: max(spec.simulation.relativeTolerance, 1e-10)) }
        let hallCount = spec.halls.count, rackCount = facility.racks.count
        rackCapClock = Array(repeating: 1, count: rackCount)
        let hallRacks = servers.hallRacks
        airflows = spec.halls.enumerated().map { h, hall in
            hall.airflow.map { HallAirflowState(geometry: $0, racks: hallRacks[h], initialInletC: hall.supplyAirTemperatureC) }
        }
        rackSecondsAboveRecommended = Array(repeating: 0, count: rackCount)
        rackSecondsAboveA1 = rackSecondsAboveRecommended
        rackInletSecondsC = rackSecondsAboveRecommended
        rackCaptureSeconds = rackSecondsAboveRecommended
        rackPeakInletC = Array(repeating: -.infinity, count: rackCount)
        hallRCIHighSeconds = Array(repeating: 0, count: hallCount)
        hallLowestRCIHigh = Array(repeating: .infinity, count: hallCount)
        hallRTISeconds = hallRCIHighSeconds
        hallRTIDefinedSeconds = hallRCIHighSeconds
        conditions = ServerBank.Conditions(rackInletC: facility.racks.map(\.supplyTemperatureC), hallCoolantC: Array(repeating: 0, count: hallCount),
                                           hallCoolantPerPlateM3PerS: Array(repeating: 0, count: hallCount), powered: true,
                                           powerCapClock: 1, rackCapClock: Array(repeating: 1, count: rackCount))
        rearDoorRacks = facility.racks.indices.filter { facility.racks[$0].rackType.cooling == .rearDoor }
        rackHeatToAirW = Array(repeating: 0, count: rackCount)
        rackHeatToLiquidW = rackHeatToAirW
        hallHeatToAirW = Array(repeating: 0, count: hallCount)
        networkPowerW = Array(repeating: 0, count: hallCount)
        hallHeatToLiquidW = hallHeatToAirW
        try findLoopsLongestPieces(steady: steady)
        try settleAtIdle()
    }

    // MARK: start

    /// Starts every server in the steady state of idle with its hall's set point at the inlet,
    /// and each hall's room where the CRAHs hold it: a facility that has been idling.
    private func settleAtIdle() throws(SimulationError) {
        updateHallConditions(inlets: halls.map(\.air.setPointC))
        for airflow in airflows.compactMap({ $0 }) { for r in airflow.racks { conditions.rackInletC[r] = airflow.inletC[r - airflow.racks.lowerBound] } }
        try servers.settle(conditions: conditions)
        // Each hall's room where its CRAHs hold the idle racks' heat.
        var idleHeat = Array(repeating: 0.0, count: halls.count)
        for s in 0..<servers.serverCount {
            let design = servers.designs[servers.serverDesign[s]]
            let liquidShare = design.usesLiquid ? min(0.95, Double(design.acceleratorCount) > 0 ? 0.8 : 0.5) : 0
            idleHeat[servers.serverHall[s]] += servers.results[s].powerW * (1 - liquidShare)
        }
        for h in halls.indices { halls[h].settle(itHeatW: idleHeat[h], itAirflowM3PerS: servers.hallTotals[h].airflowM3PerS) }
        // The racks' zone metal where the idle hall's mixing holds it.
        guard airflows.contains(where: { $0 != nil }) else { return }
        _ = applyRearDoors()   // the racks' heat into the air at idle, for their exhaust rises
        do {
            try updateRackInlets(hallInletC: halls.indices.map { inletNowC(hall: $0) })
        } catch {
            throw .numerical(error, timeS: 0, component: "hall airflow")
        }
        for airflow in airflows.compactMap({ $0 }) {
            airflow.settleZones()
            conditions.rackInletC.replaceSubrange(airflow.racks, with: airflow.inletC)
        }
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
            // A room that answers its racks faster than the step is stepped in pieces short
            // enough to follow it (`couplingPieces`); each piece is a coupling step of its own.
            let pieces = couplingPieces(stepS: next - t)
            var start = t
            for k in 1...pieces {
                let end = k == pieces ? next : t + (next - t) * Double(k) / Double(pieces)
                let later = k < pieces ? servers.cutStep(atS: end) : []
                try step(from: start, to: end)
                try onStep(end)
                servers.resume(later)
                start = end
            }
            t = next
        }
    }

    private func step(from t0: Double, to t1: Double) throws(SimulationError) {
        let dt = t1 - t0
        let hallInlets = halls.indices.map { halls[$0].inletC(itAirflowM3PerS: servers.hallTotals[$0].airflowM3PerS) }
        updateHallConditions(inlets: hallInlets)
        do {
            try updateRackInlets(hallInletC: hallInlets)
        } catch {
            throw .numerical(error, timeS: t0, component: "hall airflow")
        }
        recordInlets(dt: dt)
        throttledDeviceSeconds += Double(servers.throttledAcceleratorCount) * dt
        do {
            try servers.step(from: t0, to: t1, conditions: conditions)
        } catch {
            throw error.at(timeS: t0)
        }
        let total = servers.facilityTotals
        let networkW = networkPowerNowW
        itEnergyJ += (total.powerW + networkW) * dt
        networkEnergyJ += networkW * dt
        psuLossEnergyJ += total.psuLossW * dt
        vrmLossEnergyJ += total.vrmLossW * dt
        serverFanEnergyJ += total.fanPowerW * dt
        serverHeatToAirJ += total.heatToAirW * dt
        serverHeatToLiquidJ += total.heatToLiquidW * dt
        rearDoorEnergyJ += applyRearDoors() * dt
        advanceRackZones(dt: dt)
        for h in halls.indices {
            let airflow = servers.hallTotals[h].airflowM3PerS
            crahFanEnergyJ += halls[h].crahFanPowerW(itAirflowM3PerS: airflow) * dt
            pumpEnergyJ += halls[h].pumpPowerW * dt
            // Rear-door heat leaves with the door's water (counted in rearDoorEnergyJ), not the loop.
            do throws(HallThermal.StepError) {
                try halls[h].advance(from: t0, to: t1, itHeatW: hallHeatToAirW[h], liquidHeatW: hallHeatToLiquidW[h], itAirflowM3PerS: airflow,
                                     workspace: hallWorkspaces[h])
            } catch {
                let component = "hall '\(halls[h].name)' air and loop"
                switch error {
                case .integration(let cause): throw .numerical(cause, timeS: t0, component: component)
                case .implausible(let cause): throw .numerical(cause, timeS: t1, component: component)
                }
            }
        }
        // Envelopes: time during which any rack's inlet is outside.
        let rackInlets = conditions.rackInletC
        for envelope in [ASHRAEEnvelope.recommended, .a1, .a2] where rackInlets.contains(where: { !envelope.contains(inletC: $0) }) {
            secondsOutside[envelope, default: 0] += dt
        }
    }

    /// The inlet (every rack at its hall's, until `updateRackInlets`), coolant temperature and
    /// flow each hall gives its servers this step.
    private func updateHallConditions(inlets: [Double]) {
        let rackHall = facility.rackHall
        conditions.rackInletC.withUnsafeMutableBufferPointer { rackInlets in
            for r in rackInlets.indices { rackInlets[r] = inlets[rackHall[r]] }
        }
        for (h, hall) in halls.enumerated() {
            conditions.hallCoolantC[h] = hall.loopSupplyC
            if let loop = hall.loop {
                conditions.hallCoolantPerPlateM3PerS[h] = loop.designHeatRateWPerK * hall.loopFlowFraction
                    / (loop.coolant.densityKgPerM3 * loop.coolant.specificHeatJPerKgK) / Double(max(hallPlates[h], 1))
            }
        }
        conditions.powered = itPowered
        conditions.powerCapClock = powerCapClock
        conditions.rackCapClock = rackCapClock
    }

    /// Rack and hall heat after rear doors; returns the heat the doors took, W. Each door takes ε
    /// of the exhaust's excess over the coil water.
    private func applyRearDoors() -> Double {
        var removedTotal = 0.0
        for h in halls.indices {
            hallHeatToAirW[h] = servers.hallTotals[h].heatToAirW + (itPowered ? networkPowerW[h] : 0)
            hallHeatToLiquidW[h] = servers.hallTotals[h].heatToLiquidW
        }
        // Whole arrays, not element by element: each access to a class's stored property is
        // checked for exclusivity at run time.
        let totals = servers.rackTotals
        rackHeatToAirW = totals.map(\.heatToAirW)
        rackHeatToLiquidW = totals.map(\.heatToLiquidW)
        for r in rearDoorRacks {
            let totals = servers.rackTotals[r]
            guard totals.airflowM3PerS > 0 else { continue }
            let h = facility.rackHall[r], inlet = conditions.rackInletC[r], water = halls[h].rearDoorWaterC
            let w = AirProperties.heatCapacityRateWPerK(flowM3PerS: totals.airflowM3PerS, temperatureC: inlet)
            let exhaust = AirProperties.exhaustC(inletC: inlet, heatW: totals.heatToAirW, airflowM3PerS: totals.airflowM3PerS)
            let removed = min(totals.heatToAirW + w * max(inlet - water, 0), max(0, Self.rearDoorEffectiveness * w * (exhaust - water)))
            rackHeatToAirW[r] -= removed
            rackHeatToLiquidW[r] += removed
            hallHeatToAirW[h] -= removed
            removedTotal += removed
        }
        return removedTotal
    }

    // MARK: inputs and events

    /// Sets the utilisation of a server: from `atS` if that lies inside the coming step (see
    /// `MidStepChanges`), else for the whole of the next step.
    func setUtilization(_ u: Double, server s: Int, atS time: Double? = nil) {
        servers.setUtilization(min(max(u, 0), 1), server: s, atS: time)
    }

    /// Applies the power the backup system gives (from the next step): IT on or off, CRAHs and
    /// CDUs running or stopped.
    func setPower(itPowered: Bool, coolingPowered: Bool) {
        self.itPowered = itPowered
        for h in halls.indices { halls[h].setCoolingPowered(coolingPowered) }
    }

    /// Takes unit `number` (1-based) of a hall's CRAHs or CDUs out of service, or back; returns
    /// whether that changed anything.
    func setUnit(_ kind: Facility.HallUnitKind, hall h: Int, number: Int, failed: Bool) -> Bool {
        kind == .crah ? halls[h].setCRAH(number, failed: failed) : halls[h].setCDU(number, failed: failed)
    }

    /// The plant's water for the next step (`PlantLoops.water`): the coils' chilled water, the
    /// CDUs' facility water, and whether the coils have chilled water at all.
    func setPlantWater(_ water: PlantLoops.HallWater?) {
        guard let water else { return }
        for h in halls.indices {
            if water.setsChilledWater { halls[h].setChilledWaterSupplyC((water.chilledSetPointC ?? halls[h].chilledWaterC) + water.chilledRiseK) }
            halls[h].setFacilityWaterRiseK(water.facilityRiseK)
            halls[h].setChilledWaterAvailable(water.chilledWaterAvailable)
        }
    }

    // MARK: readings

    /// The network fabrics' power now (none while the IT is without power), W.
    var networkPowerNowW: Double { itPowered ? networkPowerW.reduce(0, +) : 0 }

    /// A hall's rack inlet now (from its room after the last step: the next step's inlet), °C.
    func inletNowC(hall h: Int) -> Double { halls[h].inletC(itAirflowM3PerS: servers.hallTotals[h].airflowM3PerS) }

    /// A hall's CRAH supply now, °C.
    func supplyNowC(hall h: Int) -> Double { halls[h].supplyC(itAirflowM3PerS: servers.hallTotals[h].airflowM3PerS) }

    /// Exhaust air of a rack after its rear door with `inletC` at its front, °C.
    func rackExhaustC(_ r: Int, inletC: Double) -> Double {
        AirProperties.exhaustC(inletC: inletC, heatW: rackHeatToAirW[r], airflowM3PerS: servers.rackTotals[r].airflowM3PerS)
    }

    /// Heat held in servers, rooms, structures and loops relative to the start, J. Quasi-steady
    /// servers hold none.
    var storedHeatJ: Double {
        servers.storedHeatJ + halls.reduce(0) { $0 + $1.storedHeatJ } + airflows.reduce(0) { $0 + ($1?.zones.storedHeatJ ?? 0) }
    }

    var coilEnergyJ: Double { halls.reduce(0) { $0 + $1.coilEnergyJ } }
    var facilityWaterEnergyJ: Double { halls.reduce(0) { $0 + $1.cduEnergyJ } }
}
